"""Every fixture directory is reported exactly as its golden files say.

``expected.json`` is the full ``--format json`` output for the directory. ``claims.json``
lists every claim speclint extracted with its verdict, so the correct look-alikes are shown to
be checked and found consistent, not merely skipped. Regenerate both after a deliberate
change with ``pytest --update-goldens`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from speclint.judgement.analysis import analyze, claim_rows

from .conftest import FIXTURES, REPO

FIXTURE_DIRS = sorted({p.parent for p in FIXTURES.rglob("*.md")})
SCHEMA = json.loads((REPO / "speclint" / "data" / "diagnostics.schema.json").read_text())


def _golden(path: Path, actual: object, update: bool) -> object:
    if update:
        path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert path.exists(), f"{path} is missing; run pytest --update-goldens and review it"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fixture_dir", FIXTURE_DIRS, ids=lambda p: p.name)
def test_fixture_diagnostics(fixture_dir: Path, cli, update_goldens: bool) -> None:
    code, out, err = cli(["check", str(fixture_dir.relative_to(REPO)), "--format", "json"])
    actual = json.loads(out)
    jsonschema.validate(actual, SCHEMA)
    assert actual == _golden(fixture_dir / "expected.json", actual, update_goldens)
    has_error = any(d["severity"] == "error" for d in actual)
    assert code == (1 if has_error else 0), err


@pytest.mark.parametrize("fixture_dir", FIXTURE_DIRS, ids=lambda p: p.name)
def test_fixture_claims(fixture_dir: Path, update_goldens: bool) -> None:
    actual = {}
    for doc in sorted(fixture_dir.glob("*.md")):
        rel = str(doc.relative_to(REPO))
        actual[rel] = claim_rows(analyze(doc.read_text(encoding="utf-8"), rel))
    assert actual == _golden(fixture_dir / "claims.json", actual, update_goldens)
