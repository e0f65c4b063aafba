"""``--output-format rdjson``: one reviewdog ``DiagnosticResult`` (``reviewdog -f=rdjson``).

Columns are 1-based UTF-8 byte offsets with an exclusive end, as reviewdog requires; each fix
is a ``suggestion`` (which reviewdog posts as a GitHub suggested change) and each input the
finding used is a ``related_location``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.reporters.locations import SourceLines, report_path
from speclint.reporters.tool import NAME, information_uri

COLUMN_UNIT = "utf-8"
SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    lines = SourceLines(sources)
    result = {"source": source(), "diagnostics": [rd_diagnostic(d, lines) for d in diagnostics]}
    json.dump(result, out, indent=2, ensure_ascii=False)
    out.write("\n")


def source() -> dict[str, str]:
    """``{"name": "speclint"}``, with the home page as ``url`` when one is declared."""
    uri = information_uri()
    return {"name": NAME, "url": uri} if uri else {"name": NAME}


def _range(
    lines: SourceLines, path: str, start: tuple[int, int], end: tuple[int, int]
) -> dict[str, Any]:
    return {
        "start": {"line": start[0], "column": lines.column(path, *start, COLUMN_UNIT)},
        "end": {"line": end[0], "column": lines.column(path, *end, COLUMN_UNIT)},
    }


def rd_diagnostic(diag: Diagnostic, lines: SourceLines) -> dict[str, Any]:
    """One reviewdog ``Diagnostic`` (also what ``rdjsonl`` would print per line)."""
    path = report_path(diag.path)
    start, end = (diag.line, diag.column), (diag.end_line, diag.end_column)
    item: dict[str, Any] = {
        "message": diag.message,
        "location": {"path": path, "range": _range(lines, diag.path, start, end)},
        "severity": SEVERITIES.get(diag.severity, "UNKNOWN_SEVERITY"),
        "code": {"value": diag.code},
    }
    if diag.fix is not None:
        fix = diag.fix
        fix_range = _range(lines, diag.path, (fix.line, fix.column), (fix.end_line, fix.end_column))
        item["suggestions"] = [{"range": fix_range, "text": fix.replacement}]
    if diag.related:
        item["related_locations"] = [
            {
                "message": related.message,
                "location": {"path": path, "range": {"start": {"line": related.line}}},
            }
            for related in diag.related
        ]
    return item
