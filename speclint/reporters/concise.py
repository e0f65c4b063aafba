"""``--output-format concise``: one line per diagnostic, then the summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.reporters.full import header, summary


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    for diag in diagnostics:
        out.write(header(diag) + "\n")
    out.write(summary(diagnostics) + "\n")
