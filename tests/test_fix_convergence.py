"""``--fix --unsafe-fixes`` converges by construction: fixes that disagree are not applied, no
fix creates a finding, and a second run changes nothing — on every fixture and evaluation
document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from speclint.app import fixes
from speclint.engine.lint import lint_source

from .conftest import FIXTURES, SHARED

SEED = FIXTURES / "seed" / "parallel-strategy-deployment.md"
EVALSET = SHARED / "evalset" / "docs"
DOCUMENTS = sorted(FIXTURES.glob("*/*.md")) + (
    sorted(EVALSET.glob("*.md")) if EVALSET.is_dir() else []
)


def test_seed_converges_and_keeps_the_disputed_number(cli, tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    shutil.copyfile(SEED, doc)
    code, out, _ = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    after = doc.read_text(encoding="utf-8")
    assert code == 1
    # SPC101 (0.025) and SPC501 (0.50) disagree about 0.62: neither is applied or offered.
    assert "- Expert Parameters: 0.62GB (8 experts" in after
    assert "- Total Used: 19.2GB (30% of 64GB VRAM)" in after
    assert "Total Parameters: 3.0B" in after
    assert "Found 7 problems (1 fixed, 6 remaining)." in out
    assert "fixable with the `--fix` option" not in out
    code, out, _ = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    assert doc.read_text(encoding="utf-8") == after
    assert "Found 6 problems (4 errors, 2 warnings)." in out


def test_a_total_and_its_percentage_do_not_flip_flop(cli, tmp_path: Path) -> None:
    source = "- s: 1B\n- i: 2B\n- Total: 1B (0% of 4)\n"
    (tmp_path / "doc.md").write_text(source, encoding="utf-8")
    code, out, _ = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    assert (tmp_path / "doc.md").read_text(encoding="utf-8") == source
    assert code == 1 and "Found 2 problems (1 error, 1 warning)." in out


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fix_converges_on_every_document(
    cli, document: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "doc.md"
    shutil.copyfile(document, doc)
    before = {(d.code, d.line) for d in lint_source(doc.read_text(encoding="utf-8"), "doc.md")}
    results: list[fixes.FixedSource] = []
    fix_source = fixes.fix_source
    monkeypatch.setattr(
        fixes, "fix_source", lambda *a, **k: results.append(fix_source(*a, **k)) or results[-1]
    )
    code, _, err = cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    after = doc.read_text(encoding="utf-8")
    assert code in (0, 1) and "error" not in err
    assert results[0].converged and results[0].passes <= 3
    # Fixes never add lines, so a finding that was there before keeps its line.
    assert {(d.code, d.line) for d in lint_source(after, "doc.md")} <= before
    cli(["check", "--fix", "--unsafe-fixes", "doc.md"], cwd=tmp_path)
    assert doc.read_text(encoding="utf-8") == after and results[1].fixed == 0
