"""--fix, --unsafe-fixes, --diff and the exit-code flags, through the CLI."""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from speclint.app import fixes
from speclint.engine.diagnostics import Diagnostic, Fix

from .conftest import FIXTURES

FORMULAS = FIXTURES / "formulas" / "serving-capacity-plan.md"
PERCENTAGES = FIXTURES / "percentages" / "gpu-utilisation-review.md"
SUMS = FIXTURES / "sums" / "inference-memory-budget.md"

# One safe fix (30 → 26 is within 10 %) and one unsafe one (a conversion).
DOC = "# Plan\n\n- Weights: 28 GB (13B params × 2 bytes)\n- Scratch: 4.2 GB, or 5.4 GiB\n"
SAFE_FIXED = DOC.replace("28 GB", "26 GB")
ALL_FIXED = SAFE_FIXED.replace("5.4 GiB", "3.9 GiB")


def _copy(source: Path, directory: Path, name: str = "doc.md") -> Path:
    target = directory / name
    shutil.copyfile(source, target)
    return target


def _json(out: str) -> list[tuple[int, str]]:
    return [(d["line"], d["code"]) for d in json.loads(out)]


def test_fix_applies_safe_fixes_and_reports_what_remains(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    code, out, _ = cli(["check", "--fix", "doc.md"], cwd=tmp_path)
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == SAFE_FIXED
    assert code == 1  # the conversion error remains
    lines = out.splitlines()
    assert lines[0].startswith("doc.md:4:23: SPC201 ")
    assert lines[-2:] == [
        "Found 2 problems (1 fixed, 1 remaining).",
        "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).",
    ]


def test_unsafe_fixes_and_exit_codes(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    code, out, _ = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == ALL_FIXED
    assert (code, out) == (0, "Found 2 problems (2 fixed, 0 remaining).\n")
    # Nothing left to fix: a second run changes nothing and passes.
    code, out, _ = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    assert (code, out) == (0, "All checks passed!\n")
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == ALL_FIXED

    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    code, _, _ = cli(
        ["check", "--fix", "--unsafe-fixes", "--exit-non-zero-on-fix", "doc.md"], cwd=tmp_path
    )
    assert code == 1
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    assert cli(["check", "--fix", "--exit-zero", "doc.md"], cwd=tmp_path)[0] == 0
    assert cli(["check", "--exit-zero", "doc.md"], cwd=tmp_path)[0] == 0
    assert cli(["check", "--exit-zero", "missing.md"], cwd=tmp_path)[0] == 2


@pytest.mark.parametrize("fixture", [FORMULAS, PERCENTAGES, SUMS])
def test_fix_is_idempotent_and_matches_the_golden_fixes(cli, tmp_path: Path, fixture: Path) -> None:
    doc = _copy(fixture, tmp_path)
    expected = json.loads((fixture.parent / "expected.json").read_text(encoding="utf-8"))
    safe = {
        (d["line"], d["code"]) for d in expected if d["fix"] and d["fix"]["applicability"] == "safe"
    }
    cli(["check", "--fix", "doc.md"], cwd=tmp_path)
    once = doc.read_bytes()
    code, out, _ = cli(["check", "--fix", "doc.md", "--format", "json"], cwd=tmp_path)
    assert doc.read_bytes() == once and code == 1
    remaining = set(_json(out))
    assert remaining == {(d["line"], d["code"]) for d in expected} - safe
    # Each changed line differs from the original only by the safe fix's replacement.
    before = fixture.read_text(encoding="utf-8").split("\n")
    after = once.decode("utf-8").split("\n")
    changed = {i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b}
    assert changed == {line for line, _ in safe}
    for d in expected:
        if (d["line"], d["code"]) in safe:
            fix = d["fix"]
            line = before[fix["line"] - 1]
            patched = line[: fix["column"] - 1] + fix["replacement"] + line[fix["end_column"] - 1 :]
            assert after[fix["line"] - 1] == patched


def test_diff_prints_a_unified_diff_and_writes_nothing(cli, tmp_path: Path) -> None:
    doc = _copy(PERCENTAGES, tmp_path)
    code, out, err = cli(["check", "--diff", "doc.md"], cwd=tmp_path)
    assert doc.read_bytes() == PERCENTAGES.read_bytes()
    assert code == 1
    assert out.splitlines()[:3] == ["--- a/doc.md", "+++ b/doc.md", "@@ -9,7 +9,7 @@"]
    assert [
        line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")
    ] == [
        "-- Peak including fragmentation: 51.2GB (85% of 64GB)",
        "+- Peak including fragmentation: 54.4GB (85% of 64GB)",
        "-is 150 / 312 = 52% of peak; the worst reached 90 TFLOPS, 90 / 312 = 29%.",
        "+is 150 / 312 = 48% of peak; the worst reached 90 TFLOPS, 90 / 312 = 29%.",
    ]
    assert err == "Would fix 2 problems (3 additional fixes available with `--unsafe-fixes`).\n"
    assert cli(["check", "--diff", "--exit-zero", "doc.md"], cwd=tmp_path)[0] == 0


def test_diff_without_fixes_exits_zero(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# Plan\n\n- Scratch: 4.2 GB, or 5.4 GiB\n", encoding="utf-8")
    code, out, err = cli(["check", "--diff", "doc.md"], cwd=tmp_path)
    assert (code, out) == (0, "")
    assert err == "No problems would be fixed (1 fix available with `--unsafe-fixes`).\n"


def test_crlf_bom_and_permissions_are_kept(cli, tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_bytes(b"\xef\xbb\xbf" + DOC.replace("\n", "\r\n").encode("utf-8"))
    doc.chmod(0o640)
    code, _, _ = cli(["check", "--fix", "doc.md"], cwd=tmp_path)
    assert code == 1
    assert doc.read_bytes() == b"\xef\xbb\xbf" + SAFE_FIXED.replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(doc.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]  # no temporary file left


def test_a_file_changed_since_it_was_read_is_not_written(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    edited = DOC + "\nA line typed in the editor meanwhile.\n"
    monkeypatch.setattr(fixes, "before_replace", lambda path: Path(path).write_text(edited))
    code, _, err = cli(["check", "--fix", "doc.md"], cwd=tmp_path)
    assert code == 2
    assert "speclint: error: doc.md: changed since it was read; fixes not written" in err
    assert doc.read_text(encoding="utf-8") == edited
    assert [p.name for p in tmp_path.iterdir()] == ["doc.md"]


def test_invalid_utf8_is_reported_but_not_fixed(cli, tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    data = b"Caf\xe9\n\n- Weights: 28 GB (13B params \xc3\x97 2 bytes)\n"
    doc.write_bytes(data)
    code, out, err = cli(["check", "--fix", "doc.md", "--format", "json"], cwd=tmp_path)
    assert code == 1 and _json(out) == [(3, "SPC101")]
    assert "not valid UTF-8" in err and "not fixed" in err
    assert doc.read_bytes() == data


def test_fixes_that_disagree_about_a_span_are_not_applied() -> None:
    [diag] = fixes.fix_source(DOC, "doc.md").diagnostics  # the conversion error left
    assert diag.fix is not None
    clash = replace(diag, fix=replace(diag.fix, replacement="9"))
    assert fixes.apply_fixes(SAFE_FIXED, [diag, clash], unsafe=True) == (SAFE_FIXED, 0)
    assert fixes.apply_fixes(SAFE_FIXED, [diag, diag], unsafe=True) == (ALL_FIXED, 1)
    assert fixes.apply_fixes(SAFE_FIXED, [diag, clash], unsafe=False) == (SAFE_FIXED, 0)


def test_fix_on_stdin_writes_the_fixed_text_to_stdout(cli) -> None:
    code, out, err = cli(["check", "--fix", "-", "--stdin-filename", "doc.md"], stdin=DOC)
    assert code == 1 and out == SAFE_FIXED
    assert err.splitlines()[0].startswith("doc.md:4:23: SPC201 ")


def test_symlinked_file_is_not_fixed_through_the_link(cli, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(DOC, encoding="utf-8")
    os.symlink(real, tmp_path / "link.md")
    code, _, err = cli(["check", "--fix", "link.md"], cwd=tmp_path)
    assert code == 2
    assert "speclint: error: link.md: is a symbolic link; fixes not written" in err
    assert (tmp_path / "link.md").is_symlink() and real.read_text(encoding="utf-8") == DOC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_directory_walks_do_not_follow_symlinks(cli, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text(DOC, encoding="utf-8")
    (outside / "x.txt").write_text(DOC, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "doc.md").write_text(SAFE_FIXED, encoding="utf-8")
    os.symlink(outside / "x.md", tree / "a.md")
    os.symlink(outside / "x.txt", tree / "b.md")
    os.symlink(outside, tree / "sub")
    code, out, err = cli(["check", "--fix", "tree", "--format", "json"], cwd=tmp_path)
    assert code == 1 and err.startswith("Found 1 problem (1 error).\n")
    assert {d["path"] for d in json.loads(out)} == {"tree/doc.md"}
    assert (outside / "x.md").read_text(encoding="utf-8") == DOC
    assert (outside / "x.txt").read_text(encoding="utf-8") == DOC


@pytest.mark.parametrize("kind", ["hard link", "read-only"])
def test_hard_links_and_read_only_files_are_refused(cli, tmp_path: Path, kind: str) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(DOC, encoding="utf-8")
    if kind == "hard link":
        os.link(doc, tmp_path / "other.md")
        message = "doc.md: has 2 hard links; fixes not written"
    else:
        doc.chmod(0o444)
        message = "doc.md: is read-only; fixes not written"
    code, _, err = cli(["check", "--fix", "doc.md"], cwd=tmp_path)
    assert code == 2 and f"speclint: error: {message}" in err
    assert doc.read_text(encoding="utf-8") == DOC
    assert sorted(p.name for p in tmp_path.iterdir())[0] == "doc.md"


def test_fix_with_json_keeps_stdout_parseable(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOC, encoding="utf-8")
    code, out, err = cli(["check", "--fix", "doc.md", "--format", "json"], cwd=tmp_path)
    assert code == 1 and _json(out) == [(4, "SPC201")]
    assert err.splitlines()[0] == "Found 2 problems (1 fixed, 1 remaining)."


def test_diff_on_stdin(cli) -> None:
    code, out, _ = cli(["check", "--diff", "-", "--stdin-filename", "doc.md"], stdin=DOC)
    assert code == 1
    assert out == (
        "--- a/doc.md\n+++ b/doc.md\n@@ -1,4 +1,4 @@\n # Plan\n \n"
        "-- Weights: 28 GB (13B params × 2 bytes)\n+- Weights: 26 GB (13B params × 2 bytes)\n"
        " - Scratch: 4.2 GB, or 5.4 GiB\n"
    )


def _diag(code: str, column: int, end_column: int, replacement: str | None) -> Diagnostic:
    fix = None if replacement is None else Fix(replacement, 3, column, 3, end_column, "unsafe")
    return Diagnostic("a.md", 3, column, 3, end_column, code, code.lower(), "arithmetic",
                      "error", "message", fix)  # fmt: skip


def test_disagreeing_fixes_for_one_span_are_not_offered() -> None:
    """Two findings that rewrite overlapping text differently both stay, without a fix; an
    agreeing pair and a fix elsewhere keep theirs."""
    from speclint.engine.lint import without_disagreeing_fixes

    found = without_disagreeing_fixes(
        [
            _diag("SPC101", 5, 9, "0.025"),
            _diag("SPC501", 6, 8, "0.50"),  # overlaps the first, disagrees
            _diag("SPC102", 20, 22, "30"),
            _diag("SPC201", 20, 22, "30"),  # same span, same text
            _diag("SPC103", 30, 32, None),
        ]
    )
    assert [(d.code, d.fix.replacement if d.fix else None) for d in found] == [
        ("SPC101", None),
        ("SPC501", None),
        ("SPC102", "30"),
        ("SPC201", "30"),
        ("SPC103", None),
    ]


def test_the_documents_arithmetic_keeps_its_fix_when_a_domain_estimate_nearly_agrees() -> None:
    """``3.879e6 s = 4.5 days``: the arithmetic fix (44.9) and a training-time bound's (41.7)
    agree within 25 %, so the exact one is offered; far apart (0.025 against 0.50), neither."""
    from dataclasses import replace

    from speclint.engine.lint import without_disagreeing_fixes

    domain = replace(_diag("SPC704", 5, 8, "41.7"), category="latency")
    found = without_disagreeing_fixes([_diag("SPC201", 5, 8, "44.9"), domain])
    assert [(d.code, d.fix.replacement if d.fix else None) for d in found] == [
        ("SPC201", "44.9"),
        ("SPC704", None),
    ]
    memory = replace(_diag("SPC501", 5, 8, "0.50"), category="memory")
    found = without_disagreeing_fixes([_diag("SPC101", 5, 8, "0.025"), memory])
    assert [d.fix for d in found] == [None, None]
