"""``--statistics``: how many diagnostics each rule reported, instead of the diagnostics."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.reporters.full import summary


def statistics(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """One row per code, most frequent first: code, name, count, and how many have a safe fix."""
    counts = Counter(d.code for d in diagnostics)
    fixable = Counter(
        d.code for d in diagnostics if d.fix is not None and d.fix.applicability == "safe"
    )
    names = {d.code: d.rule for d in diagnostics}
    return [
        {"code": code, "name": names[code], "count": count, "fixable_count": fixable[code]}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def write_statistics(diagnostics: Sequence[Diagnostic], out: TextIO, as_json: bool) -> None:
    """A JSON array of the rows, or ruff's table: count, code, ``[*]`` when some of them have a
    safe fix, and the rule name; then the summary line."""
    rows = statistics(diagnostics)
    if as_json:
        json.dump(rows, out, indent=2)
        out.write("\n")
        return
    count_width = max((len(str(row["count"])) for row in rows), default=0)
    code_width = max((len(row["code"]) for row in rows), default=0)
    any_fixable = any(row["fixable_count"] for row in rows)
    for row in rows:
        marker = ("[*] " if row["fixable_count"] else "[ ] ") if any_fixable else ""
        out.write(
            f"{row['count']:>{count_width}}\t{row['code']:<{code_width}}\t{marker}{row['name']}\n"
        )
    out.write(summary(list(diagnostics)) + "\n")
    if any_fixable:
        total = sum(row["fixable_count"] for row in rows)
        out.write(f"[*] {total} with a safe fix.\n")
