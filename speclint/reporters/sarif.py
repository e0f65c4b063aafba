"""``--output-format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every registered rule is described (id, name, descriptions, help, level, category tag); each
result carries its region in UTF-16 code units (``run.columnKind``), a
``primaryLocationLineHash`` fingerprint, the inputs it used as ``relatedLocations`` and its
suggested replacement as a ``fix``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.engine.rule import Rule
from speclint.engine.rule_docs import rule_doc, rule_markdown
from speclint.reporters.fingerprints import line_hashes
from speclint.reporters.locations import SourceLines, report_path, report_uri
from speclint.reporters.tool import NAME, VERSION, information_uri

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
COLUMN_UNIT = "utf-16"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITIES = {"error": "error", "warning": "warning", "info": "recommendation"}
#: GitHub code scanning rejects longer short and full descriptions.
MAX_DESCRIPTION = 1024


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    json.dump(sarif_log(diagnostics, sources, rules), out, indent=2, ensure_ascii=False)
    out.write("\n")


def sarif_log(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], rules: Sequence[Rule]
) -> dict[str, Any]:
    """The whole SARIF log: one run of speclint with every rule it describes and every result."""
    index = {rule.code: i for i, rule in enumerate(rules)}
    lines = SourceLines(sources)
    hashes = line_hashes(diagnostics, lines, report_path)
    results = []
    for diag, (digest, repeat) in zip(diagnostics, hashes, strict=True):
        result = _result(diag, lines)
        if diag.code in index:
            result["ruleIndex"] = index[diag.code]
        result["partialFingerprints"] = {"primaryLocationLineHash": f"{digest[:16]}:{repeat}"}
        results.append(result)
    driver: dict[str, Any] = {
        "name": NAME,
        "version": VERSION,
        "semanticVersion": VERSION,
        "rules": [_descriptor(rule) for rule in rules],
    }
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    run = {"tool": {"driver": driver}, "columnKind": "utf16CodeUnits", "results": results}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _text(text: str) -> str:
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def _descriptor(rule: Rule) -> dict[str, Any]:
    docs = rule_markdown(rule)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _text(rule.summary)},
        "fullDescription": {"text": _text(rule_doc(rule).explanation or rule.summary)},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {
            "tags": [rule.category],
            "problem.severity": PROBLEM_SEVERITIES[rule.severity],
        },
    }


def _region(lines: SourceLines, path: str, start: tuple[int, int], end: tuple[int, int]) -> dict:
    return {
        "startLine": start[0],
        "startColumn": lines.column(path, *start, COLUMN_UNIT),
        "endLine": end[0],
        "endColumn": lines.column(path, *end, COLUMN_UNIT),
    }


def _result(diag: Diagnostic, lines: SourceLines) -> dict[str, Any]:
    artifact = {"uri": report_uri(diag.path)}
    region = _region(lines, diag.path, (diag.line, diag.column), (diag.end_line, diag.end_column))
    result: dict[str, Any] = {
        "ruleId": diag.code,
        "level": LEVELS.get(diag.severity, "warning"),
        "message": {"text": diag.message},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }
    if diag.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": artifact,
                    "region": {"startLine": related.line},
                },
                "message": {"text": related.message},
            }
            for i, related in enumerate(diag.related, start=1)
        ]
    if diag.fix is not None:
        result["fixes"] = [_fix(diag.fix, diag.path, artifact, lines)]
    return result


def _fix(fix: Fix, path: str, artifact: dict, lines: SourceLines) -> dict[str, Any]:
    region = _region(lines, path, (fix.line, fix.column), (fix.end_line, fix.end_column))
    return {
        "description": {"text": f"Replace with {fix.replacement!r} ({fix.applicability})"},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {"deletedRegion": region, "insertedContent": {"text": fix.replacement}}
                ],
            }
        ],
        "properties": {"applicability": fix.applicability},
    }
