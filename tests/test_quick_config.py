"""The light path under configuration files (``speclint.app.quick_config``): with a file that
applies, an inert document is answered only with what the full command prints and returns,
in every output format; a file that is invalid, or whose settings could change the report,
is left to the full command."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from speclint.app import cli, quick, quick_config
from speclint.app.config.schema import VALIDATORS, FileIgnore, Pattern
from speclint.engine.diagnostics import CATEGORIES
from speclint.engine.registry import all_rules
from speclint.settings import SEVERITIES
from tests.test_quick import LIGHT_MODULES, PLAIN, _run

INDEX = Path(quick_config.INDEX)


def index_text() -> str:
    """``rule_index.toml`` as the registry gives it."""
    lines = [
        "# The built-in rules' codes, names and categories, the documented categories and the",
        "# severities: what a configuration file's selectors and severities may name, read by",
        "# the command's light path (speclint.app.quick_config) without loading the rules.",
        "# tests/test_quick_config.py keeps it equal to the registry's; after a rule is added or",
        "# renamed, write it again with:",
        "#   python -c 'from tests.test_quick_config import write_index; write_index()'",
        "",
        f"severities = [{', '.join(map(repr, SEVERITIES))}]".replace("'", '"'),
        f"categories = [{', '.join(map(repr, CATEGORIES))}]".replace("'", '"'),
        "",
        "[rules]",
    ]
    lines += [
        f'{rule.code} = {{ name = "{rule.name}", category = "{rule.category}" }}'
        for rule in all_rules()
    ]
    return "\n".join(lines) + "\n"


def write_index() -> None:
    INDEX.write_text(index_text())


def test_the_rule_index_is_the_registrys() -> None:
    assert INDEX.read_text() == index_text()


def test_every_configuration_key_is_checked() -> None:
    assert list(quick_config.CHECKS) == list(VALIDATORS)


#: Configuration files (name and text, in the documents' parent directory) the light path
#: answers under: valid, and nothing in them can make a finding appear in an inert document.
ANSWERED = [
    (".speclint.toml", ""),
    ("speclint.toml", "select = ['SPC1']\n"),
    ("pyproject.toml", "[tool.speclint]\nignore = ['SPC101']\n"),
    ("pyproject.toml", "[project]\nname = 'x'\n[tool.speclint]\n[tool.ruff]\nline-length = 99\n"),
    ("speclint.toml", "select = []\n"),
    (
        "speclint.toml",
        "select = ['ALL']\nextend-select = ['unchecked-text', 'arithmetic', 'SPC']\n",
    ),
    ("speclint.toml", "ignore = ['suppression', 'SPC00', 'SPC704', 'latency-beyond-realistic']\n"),
    (
        "speclint.toml",
        "[per-file-ignores]\n'docs/*.md' = ['SPC0']\n'!**/README.md' = ['latency']\n"
        "'./docs/' = []\n'notes.md' = ['ALL']\n",
    ),
    (
        "speclint.toml",
        "include = ['*.md', '[a-']\nexclude = ['drafts/', '**/archive/*.md']\n"
        "extend-exclude = ['x']\nrespect-gitignore = false\nforce-exclude = false\n",
    ),
    ("speclint.toml", "force-exclude = true\nextend-exclude = ['docs/more.md']\n"),
    ("speclint.toml", "force-exclude = true\nexclude = ['docs']\n"),  # no file is linted
    ("speclint.toml", "exclude = ['./docs/*.md', '*', '-']\n"),
    ("speclint.toml", "code-languages = ['python', 'text', ' Shell ']\n"),
    ("speclint.toml", "[severity]\nSPC001 = 'error'\nunits = 'info'\nALL = 'warning'\n"),
    (
        "speclint.toml",
        "[tolerance]\napproximate = 0.5\nrounded-integer = 1e-9\n"
        "[efficiency]\nmfu = 1\nbandwidth-utilisation = 0.4\nslow-factor = 1\n",
    ),
    ("speclint.toml", "[efficiency]\nslow-factor = 1_000_000_000_000_000_000_000\n"),
    ("speclint.toml", "accelerators = {}\nmodels = {}\n"),
    ("speclint.toml", "extend = 'base/speclint.toml'\nignore = ['SPC2']\n"),
    ("pyproject.toml", "[tool.speclint]\nextend = 'base/pyproject.toml'\n"),
]
#: A base for ``extend`` (``base/``, beside the configuration file).
BASES = {
    "speclint.toml": "select = ['SPC1', 'SPC2']\n",
    "pyproject.toml": "[project]\nname = 'base'\n",  # no [tool.speclint]: an empty table
}
#: Configuration files the full command refuses (exit 2): left to it.
INVALID = [
    ("speclint.toml", "foo = 1\n"),
    ("speclint.toml", "select = ['SPC999']\n"),
    ("speclint.toml", "select = ['spc1']\n"),
    ("speclint.toml", "select = 'SPC1'\n"),
    ("speclint.toml", "extend-select = ['SPC1', 2]\n"),
    ("speclint.toml", "ignore = ['nonsense']\n"),
    ("speclint.toml", "[per-file-ignores]\n'docs/*.md' = ['SPC9']\n"),
    ("speclint.toml", "[severity]\nSPC1 = 'fatal'\n"),
    ("speclint.toml", "[severity]\nSPC9 = 'info'\n"),
    ("speclint.toml", "[tolerance]\napproximate = 0.6\n"),
    ("speclint.toml", "[tolerance]\napproximate = 0\n"),
    ("speclint.toml", "[tolerance]\napproximate = 0.5000000000000001\n"),
    ("speclint.toml", "[tolerance]\napproximate = true\n"),
    ("speclint.toml", "[tolerance]\napproximate = nan\n"),
    ("speclint.toml", "[tolerance]\nexact = 0.1\n"),
    ("speclint.toml", "[efficiency]\nslow-factor = 0.99\n"),
    ("speclint.toml", "[efficiency]\nmfu = inf\n"),
    ("speclint.toml", "tolerance = 0.1\n"),
    ("speclint.toml", "respect-gitignore = 'yes'\n"),
    ("speclint.toml", "code-languages = 'python'\n"),
    ("speclint.toml", "include = [1]\n"),
    ("speclint.toml", "extend = 5\n"),
    ("speclint.toml", "extend = 'missing.toml'\n"),
    ("speclint.toml", "extend = 'speclint.toml'\n"),  # itself
    ("speclint.toml", "extend = 'base'\n"),  # a directory
    ("speclint.toml", "extend = 'base/bad.toml'\n"),
    ("speclint.toml", "extend = 'base/loop.toml'\n"),  # which extends this one
    ("speclint.toml", "select = [\n"),
    ("speclint.toml", "\ufeffselect = ['SPC1']\n"),
    ("pyproject.toml", "[tool]\nspeclint = 5\n"),
    ("pyproject.toml", "[project\n"),
    ("pyproject.toml", "[tool.speclint]\nselect = ['SPC1']\nselect = ['SPC2']\n"),
    (".speclint.toml", "[tolerance]\napproximate = 123" + "4" * 5_000 + "\n"),
]
#: Valid configuration files the light path leaves to the full command all the same.
DECLINED = [
    ("speclint.toml", "extend-exclude = ['[a-']\n"),  # pathspec: an error once matched
    ("speclint.toml", "exclude = ['docs\\']\n"),
    ("speclint.toml", "[accelerators.Gizmo]\nmemory-gb = 80\n"),  # a name in prose: facts
    ("speclint.toml", "[models.FooNet]\nlayers = 4\n"),
    ("speclint.toml", "[per-file-ignores]\n'docs/[a-z]*.md' = ['SPC1']\n"),  # a glob past SAFE_GLOB
    ("speclint.toml", "[per-file-ignores]\n'my notes.md' = ['SPC1']\n"),
]
BESIDE_THE_BASE = {
    "bad.toml": "select = ['SPC999']\n",
    "loop.toml": "extend = '../speclint.toml'\n",
}


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two inert documents in ``docs/`` below the working directory, and bases to extend."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text(PLAIN)
    (tmp_path / "docs" / "more.md").write_text("Also prose.\n")
    (tmp_path / "base").mkdir()
    for name, text in {**BASES, **BESIDE_THE_BASE}.items():
        (tmp_path / "base" / name).write_text(text)
    return tmp_path


def _full(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(argv)
    return code, *capsys.readouterr()


ARGVS = [
    *(["check", "--format", name, "docs/notes.md", "docs/more.md"] for name in quick.EMPTY_REPORTS),
    ["check", "--no-cache", "docs/notes.md"],
    ["check", "--force-exclude", "docs/more.md", "docs/notes.md"],
    ["check", "--exit-zero", "-j", "2", "docs/more.md", "docs/notes.md"],
]


@pytest.mark.parametrize(("name", "text"), ANSWERED)
def test_a_harmless_configuration_is_answered_as_the_full_command_does(
    tree: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / name).write_text(text)
    for argv in ARGVS:
        report = quick.answer(argv)
        assert report is not None, argv
        assert _full(argv, capsys) == (0, report, ""), argv


@pytest.mark.parametrize(("name", "text"), INVALID)
def test_an_invalid_configuration_is_left_to_the_full_command(
    tree: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / name).write_text(text, encoding="utf-8")
    argv = ["check", "docs/notes.md"]
    assert quick.answer(argv) is None
    code, out, err = _full(argv, capsys)
    assert (code, out, err.startswith("speclint: error: ")) == (2, "", True)


@pytest.mark.parametrize(("name", "text"), DECLINED)
def test_a_configuration_that_may_matter_is_left_to_the_full_command(
    tree: Path, name: str, text: str
) -> None:
    (tree / name).write_text(text)
    assert quick.answer(["check", "docs/notes.md"]) is None
    assert quick.answer(["check", "--isolated", "docs/notes.md"]) == "All checks passed!\n"


def test_the_closest_configuration_applies_and_only_it(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tree / "speclint.toml").write_text("foo = 1\n")  # invalid, but not the closest
    (tree / "docs" / "pyproject.toml").write_text("[tool.speclint]\nselect = ['SPC1']\n")
    argv = ["check", "docs/notes.md"]
    assert quick.answer(argv) == "All checks passed!\n"
    assert _full(argv, capsys) == (0, "All checks passed!\n", "")
    (tree / "docs" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n")
    assert quick.answer(argv) is None  # now the invalid one above applies
    assert _full(argv, capsys)[0] == 2
    (tree / "other").mkdir()
    (tree / "other" / "a.md").write_text(PLAIN)
    (tree / "other" / ".speclint.toml").write_text("")
    (tree / "docs" / "pyproject.toml").unlink()
    assert quick.answer(["check", "other/a.md"]) == "All checks passed!\n"
    assert quick.answer(["check", "other/a.md", "docs/notes.md"]) is None


#: The characters of ``SAFE_GLOB``, and ``!`` in front.
GLOB_CHARACTERS = "a*./-_"


def test_no_safe_glob_fails_the_full_command_when_a_file_is_matched(tmp_path: Path) -> None:
    """Every ``per-file-ignores`` or ``exclude`` glob the light path answers for, up to four
    characters, matches a file's path without an error (``pathspec`` rejects some others)."""
    files = [tmp_path / "a.md", tmp_path / "a" / "b.md", tmp_path.parent / "c.md"]
    checked = 0
    for length in range(1, 5):
        for characters in itertools.product(GLOB_CHARACTERS, repeat=length):
            for glob in ("".join(characters), "!" + "".join(characters)):
                if re.fullmatch(quick_config.SAFE_GLOB, glob.removeprefix("!")):
                    negated = glob.startswith("!")
                    pattern = glob.removeprefix("!")
                    entry = FileIgnore(Pattern(pattern, tmp_path), negated, ())
                    for path in files:
                        entry.applies(path)
                        Pattern(pattern).matches(path)  # an exclude of the defaults' kind
                    checked += 1
    assert checked > 2_000
    assert not re.fullmatch(quick_config.SAFE_GLOB, "/")
    assert not re.fullmatch(quick_config.SAFE_GLOB, "")


def test_with_a_configuration_the_light_path_imports_nothing_of_the_linter(
    tmp_path: Path,
) -> None:
    (tmp_path / "notes.md").write_text(PLAIN)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.speclint]\nselect = ['SPC1', 'units']\n[tool.speclint.severity]\nSPC104 = 'error'\n"
    )
    code, out, loaded = _run(tmp_path, "check", "notes.md")
    assert (code, out) == (0, "All checks passed!\n")
    assert loaded == LIGHT_MODULES
