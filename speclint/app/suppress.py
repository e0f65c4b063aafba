"""``--add-suppression [REASON]``: a ``speclint-disable-next-line`` comment above every line
with a finding (ruff's ``--add-noqa``), so a team can adopt speclint and see only new findings.

Each comment names the codes found on the line below it and takes that line's indentation and
line ending; files are written atomically as ``--fix`` writes them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from speclint.app.fixes import BOM, FixError, Lint, write_atomic
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import decode_markdown, read_bytes


@dataclass
class Added:
    """What ``--add-suppression`` did to one file."""

    path: str
    comments: int = 0
    remaining: list[Diagnostic] = field(default_factory=list)
    error: str | None = None


def comment(verb: str, codes: Iterable[str], reason: str | None) -> str:
    """A suppression comment for ``codes``, with `` -- REASON`` when a reason is given."""
    text = f"<!-- speclint-{verb} " + ", ".join(sorted(set(codes)))
    reason = " ".join((reason or "").replace("--", "-").split())
    return text + (f" -- {reason} -->" if reason else " -->")


def _is_row(line: str) -> bool:
    return line.strip().startswith("|")


def _table(lines: list[str], index: int) -> tuple[int, int]:
    """The first and last line index of the pipe table around ``lines[index]``."""
    first = last = index
    while first > 0 and _is_row(lines[first - 1]):
        first -= 1
    while last + 1 < len(lines) and _is_row(lines[last + 1]):
        last += 1
    return first, last


def add_suppressions(
    source: str, diagnostics: Iterable[Diagnostic], reason: str | None
) -> tuple[str, int]:
    """``source`` with a ``disable-next-line`` comment above every line a diagnostic starts
    on; (text, comments). A comment cannot stand inside a pipe table without ending it, so a
    table's findings get a ``disable`` comment above the table and an ``enable`` below."""
    lines = source.split("\n")
    above: dict[int, tuple[str, set[str]]] = {}
    below: dict[int, set[str]] = defaultdict(set)
    for diagnostic in diagnostics:
        index = diagnostic.line - 1
        if _is_row(lines[index]):
            first, last = _table(lines, index)
            above.setdefault(first, ("disable", set()))[1].add(diagnostic.code)
            below[last].add(diagnostic.code)
        else:
            above.setdefault(index, ("disable-next-line", set()))[1].add(diagnostic.code)
    out: list[str] = []
    for index, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        ending = "\r" if line.endswith("\r") else ""  # "\n" is the join's
        if index in above:
            out.append(indent + comment(*above[index], reason) + ending)
        out.append(line)
        if index in below:
            out.append(indent + comment("enable", below[index], None) + ending)
    return "\n".join(out), len(above)


def add_to_file(path: str, lint: Lint, reason: str | None) -> Added:
    """Add the comments to one file and write it; what remains is linted again."""
    outcome = Added(path)
    try:
        data = read_bytes(path)
    except OSError as exc:
        outcome.error = f"{path}: {exc}"
        return outcome
    source, warning = decode_markdown(data, path)
    if warning is not None:
        outcome.error = warning.replace("checked anyway", "not changed")
        return outcome
    try:
        text, outcome.comments = add_suppressions(source, lint(source, path), reason)
        outcome.remaining = lint(text, path) if outcome.comments else []
    except Exception as exc:
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
        return outcome
    if outcome.comments:
        prefix = BOM if data.startswith(BOM) else b""
        try:
            write_atomic(path, data, prefix + text.encode("utf-8"))
        except FixError as exc:
            outcome.error, outcome.comments = str(exc), 0
    return outcome


def summary(outcomes: list[Added]) -> str:
    """``Added 3 suppression comments to 2 files.`` (ruff: ``Added 3 noqa directives.``)."""
    comments = sum(o.comments for o in outcomes)
    files = sum(1 for o in outcomes if o.comments)
    noun = "comment" if comments == 1 else "comments"
    return f"Added {comments} suppression {noun} to {files} file{'s' if files != 1 else ''}."
