"""``--output-format github``: GitHub Actions workflow commands (``::error file=…::message``).

GitHub shows only 10 annotations of each level per step, so errors come first, then warnings,
then notices. When ``$GITHUB_STEP_SUMMARY`` is set, every diagnostic is also appended there as
a Markdown table (``append_step_summary``, called by the command line once it knows whether
every file could be checked).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.reporters.full import summary
from speclint.reporters.locations import report_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
ORDER = {"error": 0, "warning": 1, "info": 2}
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR and LF), as ``@actions/core`` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: the message escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(diag: Diagnostic) -> str:
    """One ``::error``/``::warning``/``::notice`` line. Columns are given only for a one-line
    span, because GitHub drops annotations whose columns span lines."""
    props: dict[str, object] = {
        "title": f"speclint ({diag.code})",
        "file": report_path(diag.path),
        "line": diag.line,
        "endLine": diag.end_line,
    }
    if diag.line == diag.end_line and diag.end_column >= diag.column:
        props["col"] = diag.column
        props["endColumn"] = diag.end_column
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items())
    text = f"{diag.path}:{diag.line}:{diag.column}: {diag.code} {diag.message}"
    return f"::{COMMANDS.get(diag.severity, 'warning')} {fields}::{escape_data(text)}"


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    """The annotations, errors first."""
    for diag in sorted(diagnostics, key=lambda d: ORDER.get(d.severity, len(ORDER))):
        out.write(annotation(diag) + "\n")


def append_step_summary(diagnostics: list[Diagnostic], complete: bool = True) -> None:
    """Append ``step_summary`` to ``$GITHUB_STEP_SUMMARY`` when it is set; a file that cannot
    be written is a warning on stderr."""
    summary_file = os.environ.get(SUMMARY_ENV)
    if summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(step_summary(diagnostics, complete))
        except OSError as exc:
            print(f"speclint: warning: cannot write ${SUMMARY_ENV}: {exc}", file=sys.stderr)


def _cell(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


#: The job summary's first line when some file could not be checked (the run exits 2).
INCOMPLETE = "**Not every file could be checked** (exit code 2): the job log says which and why."


def step_summary(diagnostics: list[Diagnostic], complete: bool = True) -> str:
    """A Markdown section for the job summary: the totals and a table of every diagnostic.
    A run that could not check every file (``complete`` false) never says "All checks
    passed!"."""
    if complete:
        totals = summary(diagnostics)
    else:
        found = summary(diagnostics) if diagnostics else "No problems found in what was checked."
        totals = f"{INCOMPLETE}\n\n{found}"
    out = [f"### speclint\n\n{totals}\n"]
    if diagnostics:
        out.append("| Severity | Location | Rule | Message |\n|---|---|---|---|")
        for d in diagnostics:
            location = _cell(f"{d.path}:{d.line}:{d.column}")
            out.append(f"| {d.severity} | {location} | {d.code} {d.rule} | {_cell(d.message)} |")
        out.append("")
    return "\n".join(out) + "\n"
