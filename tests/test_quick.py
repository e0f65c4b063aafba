"""The command's light path (``speclint.app.quick``): it answers a run only with what the
full command (``speclint.app.cli.main``) prints and returns, and declines everything else."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from speclint.app import cli, quick
from speclint.engine.registry import all_rules, output_formats
from speclint.inert import inert
from tests.conftest import FIXTURES, SHARED

PLAIN = "# Notes\n\nThe rollout is described in prose; nothing here is a number to check.\n"


def _same(argv: list[str], capsys: pytest.CaptureFixture[str]) -> bool:
    """Whether the light path answers ``argv``; when it does, the full command must give its
    report on stdout, nothing on stderr and exit 0."""
    report = quick.answer(argv)
    if report is None:
        return False
    capsys.readouterr()
    code = cli.main(argv)
    assert (code, *capsys.readouterr()) == (0, report, ""), argv
    return True


@pytest.mark.parametrize("name", sorted(quick.EMPTY_REPORTS))
def test_each_empty_report_is_the_formats(name: str) -> None:
    out = io.StringIO()
    output_formats()[name]([], {}, out, all_rules())
    assert out.getvalue() == quick.EMPTY_REPORTS[name]


def test_the_known_options_are_the_commands() -> None:
    parser = cli.build_parser(list(output_formats()))
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    check = commands.choices["check"]._option_string_actions
    assert {check[flag].nargs for flag in quick.FLAGS} == {0}
    assert {check[option].nargs for option in quick.VALUED} == {None}  # one value each
    assert set(quick.EMPTY_REPORTS) <= set(output_formats())


@pytest.fixture
def plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A document with nothing to check, in a directory of its own (the working one)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text(PLAIN)
    (tmp_path / "more.md").write_text("Also prose.\n")
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "notes.md"],
        ["check", "--no-cache", "notes.md"],
        ["check", "notes.md", "more.md", "notes.md", "--exit-zero"],
        ["check", "--isolated", "--color", "always", "notes.md", "-j", "2"],
        ["check", "--cache-dir", "c", "--jobs=3", "notes.md"],
        *(["check", "--no-cache", "--format", name, "notes.md"] for name in quick.EMPTY_REPORTS),
        *(["check", f"--output-format={name}", "notes.md"] for name in quick.EMPTY_REPORTS),
    ],
)
def test_a_plain_document_is_answered_as_the_full_command_does(
    plain: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _same(argv, capsys)


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],  # the working directory
        ["check", "."],
        ["check", "-", "--stdin-filename", "notes.md"],
        ["check", "*.md"],
        ["check", "notes.md", "!more.md"],
        ["check", "missing.md"],
        ["check", "notes.md", "--no-cache", "more.md"],  # argparse takes the paths in one run
        ["check", "--no-c", "notes.md"],  # an abbreviation
        ["check", "--select", "SPC101", "notes.md"],
        ["check", "--statistics", "notes.md"],
        ["check", "--format", "sarif", "notes.md"],
        ["check", "--format", "rdjson", "notes.md"],
        ["check", "--format", "nonsense", "notes.md"],
        ["check", "--color", "sometimes", "notes.md"],
        ["check", "-j", "0", "notes.md"],
        ["check", "-j", "٣", "notes.md"],
        ["check", "--cache-dir", "--no-cache", "notes.md"],
        ["check", "--output-file", "out.txt", "notes.md"],
        ["check", "--fix", "notes.md"],
        ["check", "--show-files", "notes.md"],
        ["check", "--config", "speclint.toml", "notes.md"],
        ["check", "--help"],
        ["--version"],
        ["rule", "SPC101"],
        [],
    ],
)
def test_other_arguments_are_left_to_the_full_command(plain: Path, argv: list[str]) -> None:
    assert quick.answer(argv) is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".speclint.toml", "foo = 1\n"),  # an error in the full command
        ("speclint.toml", "select = ['SPC999']\n"),  # an error too
        ("pyproject.toml", "[tool]\nspeclint = 5\n"),
        ("pyproject.toml", "[project\n"),  # invalid TOML
    ],
)
def test_an_invalid_configuration_file_above_the_document_is_left_to_the_full_command(
    plain: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (plain / "docs").mkdir()
    (plain / "docs" / "notes.md").write_text(PLAIN)
    (plain / name).write_text(text)
    assert quick.answer(["check", "docs/notes.md"]) is None
    assert _same(["check", "--isolated", "docs/notes.md"], capsys)


def test_a_pyproject_without_a_speclint_table_is_no_configuration(
    plain: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (plain / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.ruff]\nline-length = 99\n"
    )
    assert _same(["check", "notes.md"], capsys)


@pytest.mark.parametrize(
    "data",
    [
        b"# Notes\n\nThe rollout needs 8 GPUs.\n",  # a digit
        b"# Notes\n\nProse with a bad byte \xff here.\n",  # a warning on stderr
        b"word " * 4_001,  # past what ``inert`` answers for
    ],
)
def test_a_document_that_is_not_inert_is_left_to_the_full_command(plain: Path, data: bytes) -> None:
    (plain / "doc.md").write_bytes(data)
    assert quick.answer(["check", "notes.md", "doc.md"]) is None


def test_a_byte_order_mark_is_read_past(plain: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (plain / "bom.md").write_bytes(b"\xef\xbb\xbf" + PLAIN.encode())
    assert _same(["check", "bom.md"], capsys)


def test_an_installed_plugin_or_a_job_summary_leaves_it_to_the_full_command(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["check", "--format", "github", "notes.md"]
    assert quick.answer(argv) == ""
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(plain / "summary.md"))
    assert quick.answer(argv) is None
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    monkeypatch.setattr("speclint.engine.entry_points.may_declare_entry_points", lambda: True)
    assert quick.answer(argv) is None


def _documents() -> list[Path]:
    """Every fixture and evaluation document, every 20th corpus file and every corpus file
    that is inert (which the light path may answer)."""
    found = sorted(FIXTURES.rglob("*.md"))
    found += sorted((SHARED / "evalset" / "docs").rglob("*.md"))
    corpus = sorted((SHARED / "corpus").rglob("*.md"))
    found += corpus[::20]
    found += [p for p in corpus if inert(p.read_bytes().decode("utf-8", errors="replace"))]
    return list(dict.fromkeys(found))


def test_on_every_document_it_declines_or_answers_as_the_full_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("no ../shared/corpus")
    documents = _documents()
    answered = [p for p in documents if _same(["check", "--no-cache", str(p)], capsys)]
    assert len(answered) >= 10  # the corpus's inert files
    assert not [p for p in answered if p.is_relative_to(FIXTURES)]  # none is inert
    everything = ["check", "--no-cache", "--format", "json", *map(str, answered)]
    assert _same(everything, capsys)


#: Run ``speclint.app.quick.main`` on argv[2:], then write the imported modules to argv[1].
RUN = """
import json, sys
from speclint.app.quick import main
code = main(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def _run(tmp_path: Path, *argv: str) -> tuple[int, str, set[str]]:
    report = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(report), *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    data = json.loads(report.read_text())
    loaded = {m for m in data["modules"] if m.split(".")[0] in ("speclint", "speclint_rules")}
    return data["code"], result.stdout, loaded


#: The speclint modules the light path imports, and no more.
LIGHT_MODULES = {
    "speclint",
    "speclint.version",
    "speclint.app",
    "speclint.app.quick",
    "speclint.app.quick_config",
    "speclint.engine",
    "speclint.engine.entry_points",
    "speclint.inert",
}


def test_the_light_path_imports_nothing_of_the_linter(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(PLAIN)
    code, out, loaded = _run(tmp_path, "check", "notes.md")
    assert (code, out) == (0, "All checks passed!\n")
    assert loaded == LIGHT_MODULES
    (tmp_path / "plan.md").write_text("It needs 8 GPUs.\n")
    code, out, loaded = _run(tmp_path, "check", "--no-cache", "notes.md", "plan.md")
    assert (code, out) == (0, "All checks passed!\n")
    assert {"speclint.app.cli", "speclint_rules", "speclint.document"} <= loaded
