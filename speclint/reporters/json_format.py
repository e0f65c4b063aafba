"""``--format json``: one JSON array of diagnostics (schema in the README)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    json.dump([d.to_dict() for d in diagnostics], out, indent=2, ensure_ascii=False)
    out.write("\n")
