"""The command line: exit codes, stdin, discovery, text and JSON output."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

from .conftest import REPO

WRONG = "# Plan\n\n- Weights: 30 GB (13B params × 2 bytes)\n"
RIGHT = "# Plan\n\n- Weights: 26 GB (13B params × 2 bytes)\n"
WARNING_ONLY = "# Plan\n\n- Scratch: 512 GiB (512 GB)\n"
SCHEMA = json.loads((REPO / "speclint" / "data" / "diagnostics.schema.json").read_text())


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_exit_codes(cli, tmp_path: Path) -> None:
    _write(tmp_path, "right.md", RIGHT)
    _write(tmp_path, "wrong.md", WRONG)
    _write(tmp_path, "warn.md", WARNING_ONLY)
    assert cli(["check", "right.md"], cwd=tmp_path)[0] == 0
    assert cli(["check", "wrong.md"], cwd=tmp_path)[0] == 1
    assert cli(["check", "warn.md"], cwd=tmp_path)[0] == 0  # warnings do not fail
    code, _, err = cli(["check", "missing.md"], cwd=tmp_path)
    assert code == 2 and "missing.md" in err
    assert cli(["check", "right.md", "--format", "yaml"], cwd=tmp_path)[0] == 2
    assert cli([], cwd=tmp_path)[0] == 2
    assert cli(["frobnicate"], cwd=tmp_path)[0] == 2


def test_stdin_with_filename(cli) -> None:
    code, out, _ = cli(
        ["check", "-", "--stdin-filename", "docs/plan.md", "--format", "json"], stdin=WRONG
    )
    assert code == 1
    [diag] = json.loads(out)
    assert (diag["path"], diag["line"], diag["column"], diag["end_column"]) == (
        "docs/plan.md",
        3,
        12,
        14,
    )
    assert diag["fix"]["replacement"] == "26"


def test_stdin_without_filename(cli) -> None:
    code, out, _ = cli(["check", "-", "--format", "json"], stdin=WRONG)
    assert code == 1 and json.loads(out)[0]["path"] == "-"


def test_directories_are_searched_recursively(cli, tmp_path: Path) -> None:
    _write(tmp_path, "docs/a.md", WRONG)
    _write(tmp_path, "docs/deep/b.markdown", WRONG)
    _write(tmp_path, "docs/notes.txt", WRONG)
    _write(tmp_path, "docs/node_modules/pkg/README.md", WRONG)
    _write(tmp_path, "docs/.git/x.md", WRONG)
    code, out, _ = cli(["check", "docs", "--format", "json"], cwd=tmp_path)
    paths = [d["path"] for d in json.loads(out)]
    assert code == 1
    assert paths == ["docs/a.md", "docs/deep/b.markdown"]


def test_explicit_files_are_linted_whatever_their_suffix(cli, tmp_path: Path) -> None:
    _write(tmp_path, "notes.txt", WRONG)
    assert cli(["check", "notes.txt"], cwd=tmp_path)[0] == 1


def test_text_output(cli, tmp_path: Path) -> None:
    _write(tmp_path, "plan.md", WRONG)
    _, out, _ = cli(["check", "plan.md"], cwd=tmp_path)
    lines = out.splitlines()
    assert re.fullmatch(r"plan\.md:3:12: SPC101 \[arithmetic\] .+", lines[0])
    assert lines[0].endswith(
        "13B params × 2 bytes = 26 GB (24 GiB); stated 30 GB is 1.15× too large"
    )
    assert lines[2] == "3 | - Weights: 30 GB (13B params × 2 bytes)"
    assert lines[3] == "  |            ^^ error"
    assert lines[4] == "  = suggestion (unsafe): replace '30' with '26'"
    assert lines[-1] == "Found 1 problem (1 error)."
    assert cli(["check", "plan.md"], cwd=tmp_path)[0] == 1


def test_clean_text_output(cli, tmp_path: Path) -> None:
    _write(tmp_path, "plan.md", RIGHT)
    assert cli(["check", "plan.md"], cwd=tmp_path)[1] == "All checks passed!\n"


def test_json_output_validates(cli, tmp_path: Path) -> None:
    _write(tmp_path, "a.md", WRONG)
    _write(tmp_path, "b.md", WARNING_ONLY)
    _, out, _ = cli(["check", ".", "--format", "json"], cwd=tmp_path)
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert [(d["path"], d["severity"]) for d in data] == [("a.md", "error"), ("b.md", "warning")]


def test_invalid_utf8_is_checked_with_a_warning(cli, tmp_path: Path) -> None:
    (tmp_path / "latin.md").write_bytes(
        b"Caf\xe9 sizing\n\n- Weights: 30 GB (13B params \xc3\x97 2 bytes)\n"
    )
    code, out, err = cli(["check", "latin.md", "--format", "json"], cwd=tmp_path)
    assert code == 1 and "not valid UTF-8" in err
    assert json.loads(out)[0]["line"] == 3


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    script = shutil.which("speclint", path=str(Path(sys.executable).parent))
    assert script is not None, "the speclint console script is not installed"
    doc = REPO / "fixtures" / "seed" / "parallel-strategy-deployment.md"
    result = subprocess.run([script, "check", str(doc)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "SPC101" in result.stdout
    version = subprocess.run(
        [sys.executable, "-m", "speclint", "--version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("speclint ")


def test_a_closed_pipe_ends_quietly() -> None:
    """``speclint check … | head -c 0``: the reader is gone before speclint writes (it starts
    in about a second), so the write fails; that ends the run without a traceback, exit 2."""
    speclint = Path(sys.executable).parent / "speclint"
    doc = REPO / "fixtures" / "seed" / "parallel-strategy-deployment.md"
    script = f"'{speclint}' check '{doc}' | head -c 0; echo \"${{PIPESTATUS[0]}}\" >&2"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == "2"
