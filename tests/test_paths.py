"""Which files are linted: command-line globs with ``!`` negation, ``--show-files``, config
globs and ``.gitignore`` with gitignore semantics (``pathspec``, no git needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

DOC = "- Weights: 2 × 3.5 GB = 7.2 GB\n"
TREE = ("docs/x.md", "docs/drafts/d.md", "docs/a/b/z.md", "other/o.md", "top.md", "notes.txt")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for name in TREE:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DOC, encoding="utf-8")
    return tmp_path


def _files(cli, args: list[str], cwd: Path) -> list[str]:
    code, out, err = cli(["check", "--show-files", *args], cwd=cwd)
    assert (code, err) == (0, ""), err
    return out.splitlines()


@pytest.mark.parametrize(
    ("args", "files"),
    [
        (["docs/**/*.md"], ["docs/a/b/z.md", "docs/drafts/d.md", "docs/x.md"]),
        (["docs/**/*.md", "!docs/drafts/**"], ["docs/a/b/z.md", "docs/x.md"]),
        (["docs/*.md"], ["docs/x.md"]),  # * does not cross directories
        (["*.md"], ["top.md"]),  # relative to the current directory, as a shell glob
        (["./**/*.md", "!other", "!docs/a/"], ["docs/drafts/d.md", "docs/x.md", "top.md"]),
        ([".", "!**/drafts/**"], ["docs/a/b/z.md", "docs/x.md", "other/o.md", "top.md"]),
        (["notes.txt", "*.md"], ["notes.txt", "top.md"]),  # a named file, whatever its suffix
    ],
)
def test_command_line_globs(cli, tree: Path, args: list[str], files: list[str]) -> None:
    assert _files(cli, args, tree) == files


def test_globs_are_linted(cli, tree: Path) -> None:
    code, out, _ = cli(
        ["check", "docs/**/*.md", "!docs/drafts/**", "--output-format", "concise"], cwd=tree
    )
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["docs/a/b/z.md", "docs/x.md"]


def test_a_glob_matching_nothing_is_an_error(cli, tree: Path) -> None:
    code, out, err = cli(["check", "--show-files", "docs/*.md", "nothing/*.md"], cwd=tree)
    assert (code, out) == (2, "docs/x.md\n")
    assert err == "speclint: error: nothing/*.md: no file matches this glob\n"


def test_config_globs_have_gitignore_semantics(cli, tree: Path) -> None:
    (tree / "speclint.toml").write_text('extend-exclude = ["docs/*.md", "/other/"]\n')
    assert _files(cli, ["."], tree) == ["docs/a/b/z.md", "docs/drafts/d.md", "top.md"]
    (tree / "speclint.toml").write_text('extend-exclude = ["docs/**/*.md"]\n')
    assert _files(cli, ["."], tree) == ["other/o.md", "top.md"]


def test_per_file_ignores_use_gitignore_globs(cli, tree: Path) -> None:
    (tree / "speclint.toml").write_text('[per-file-ignores]\n"docs/*.md" = ["SPC101"]\n')
    _, out, _ = cli(["check", "docs", "--output-format", "concise"], cwd=tree)
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == [
        "docs/a/b/z.md",
        "docs/drafts/d.md",
    ]


def test_gitignore_is_read_without_git(cli, tree: Path) -> None:
    (tree / ".git").mkdir()  # a repository root; git itself is never run
    # The last matching pattern wins; nothing below an ignored directory comes back.
    (tree / ".gitignore").write_text("*.md\n!docs/**\ndrafts/\n")
    (tree / "docs" / "a" / ".gitignore").write_text("z.md\n")
    assert _files(cli, ["."], tree) == ["docs/x.md"]
    (tree / "speclint.toml").write_text("respect-gitignore = false\n")
    assert len(_files(cli, ["."], tree)) == 5


def test_no_gitignore_outside_a_repository(cli, tree: Path) -> None:
    (tree / ".gitignore").write_text("*.md\n")
    assert len(_files(cli, ["."], tree)) == 5


GLOBS = ("*.md", "docs/", "/top.md", "docs/**/z.md", "a/b", "!other", "drafts", "./docs/*.md")
GLOBS += ("top.md", "b", "z.md/", "b/")  # plain names: a set lookup, not pathspec
GLOBS += ("*.txt", "*x.md", "*.b", "*b/")  # "*" and a name ending: a string test (not "*b/")
ENTRIES = ("docs", "docs/x.md", "docs/drafts", "docs/drafts/d.md", "docs/a/b", "docs/a/b/z.md")
ENTRIES += ("other", "other/o.md", "top.md", "notes.txt", "a", "a/b")
ENTRIES += (".md", "docs/x.md.txt", "UPPER.MD", "a.b")


@pytest.mark.parametrize("glob", GLOBS)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_compiled_globs_match_as_patterns_do(tree: Path, glob: str, ignore_case: bool) -> None:
    """``Globs`` (one spec per root, for walks) agrees with ``Pattern.matches`` everywhere:
    below the root, outside it, and without one."""
    from speclint.app.config.schema import Pattern
    from speclint.app.files import Globs

    (tree / "a" / "b").mkdir(parents=True)
    for root in (None, tree, tree / "docs"):
        pattern = Pattern(glob.upper() if ignore_case else glob, root)
        globs = Globs([pattern, Pattern("nothing-*", root)], ignore_case=ignore_case)
        for entry in ENTRIES:
            path = tree / entry
            expected = pattern.matches(path, ignore_case=ignore_case)
            assert globs.matches(str(path), path.name, path.is_dir()) == expected, (root, entry)
