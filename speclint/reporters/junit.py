"""``--output-format junit``: JUnit XML, one ``testsuite`` per file and one ``testcase`` per
diagnostic.

Errors are ``<failure>``s. Warnings and infos, which do not fail a run, are ``<skipped>``
test cases, so CI test reports show them without counting them as failures.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.patterns import lazy_re
from speclint.reporters.tool import NAME

#: Characters XML 1.0 does not allow, even escaped.
INVALID_XML = lazy_re("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return INVALID_XML.sub("\ufffd", text)


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    errors = sum(d.severity == "error" for d in diagnostics)
    root = ET.Element(
        "testsuites",
        name=NAME,
        tests=str(len(diagnostics)),
        failures=str(errors),
        errors="0",
        skipped=str(len(diagnostics) - errors),
    )
    by_path: dict[str, list[Diagnostic]] = {}
    for diag in diagnostics:
        by_path.setdefault(diag.path, []).append(diag)
    for path, items in by_path.items():
        failed = sum(d.severity == "error" for d in items)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_clean(path),
            tests=str(len(items)),
            failures=str(failed),
            errors="0",
            skipped=str(len(items) - failed),
        )
        for diag in items:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{diag.code} {diag.rule} at line {diag.line}, column {diag.column}",
                classname=_clean(path),
                file=_clean(path),
                line=str(diag.line),
            )
            tag = "failure" if diag.severity == "error" else "skipped"
            detail = ET.SubElement(case, tag, message=_clean(diag.message), type=diag.severity)
            detail.text = _clean(f"{path}:{diag.line}:{diag.column}: {diag.code} {diag.message}")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
