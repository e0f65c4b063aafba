"""``--output-format full`` (default; ``text`` is an alias): ruff-style lines with the source
line and the suggested fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.patterns import lazy_re
from speclint.reporters.terminal import PLAIN, Style, char_width, display_width, wrap

#: The inputs a message lists at its end ("…; inputs: Layers | 32 (line 20), …").
_INLINE_INPUTS = lazy_re(r"(?:;\s*|\s+)inputs: .*\(line \d+\)$")


def header(diag: Diagnostic) -> str:
    """``path:line:column: CODE [category] message``: the first line of a diagnostic."""
    return f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.category}] {diag.message}"


#: How bad each severity is, for the label under a group of findings.
_RANK = {"error": 3, "warning": 2, "info": 1}


def format_diagnostic(diag: Diagnostic, lines: list[str] | None, style: Style = PLAIN) -> str:
    """One diagnostic: the header line, the source line underlined (by display width), and the
    suggestion; coloured and wrapped as ``style`` says (``PLAIN``: neither)."""
    return format_group([diag], lines, style)


def format_group(group: Sequence[Diagnostic], lines: list[str] | None, style: Style = PLAIN) -> str:
    """Findings on one span: each one's header, then the source line underlined once (labelled
    with the worst severity), each distinct suggestion, and (on a terminal) the inputs."""
    diag = group[0]
    out = [line for d in group for line in header_lines(d, style)]
    text = lines[diag.line - 1].rstrip("\r") if lines and 0 < diag.line <= len(lines) else None
    gutter = " " * len(str(diag.line))
    if text is not None:
        bar = style.paint(f"{gutter} |", "gutter")
        end = diag.end_column if diag.end_line == diag.line else len(text) + 1
        shown = window(text, diag.column - 1, end - 1)
        severity = max((d.severity for d in group), key=lambda s: _RANK.get(s, 0))
        out.append(bar)
        out.append(f"{style.paint(f'{diag.line} |', 'gutter')} {shown.text}")
        out.append(f"{bar} {shown.pad}{style.paint(f'{shown.carets} {severity}', severity)}")
        original = text[diag.column - 1 : end - 1]
        for suggestion in dict.fromkeys(_suggestion(d, original) for d in group if d.fix):
            out.append(f"{style.paint(f'{gutter} =', 'gutter')} {style.paint(suggestion, 'fix')}")
    if style.width:
        out.extend(f"{style.paint(f'{gutter} =', 'gutter')} {line}" for line in _inputs(group))
    return "\n".join(out)


#: Display columns of a source line shown under a finding (annotate-snippets' default width);
#: a longer line is cut to a window around the span, with "…" where text was left out.
SNIPPET_COLUMNS = 140
#: Columns of the line kept before the span when the line is cut.
_LEAD_COLUMNS = 40
_CUT = "…"


@dataclass(frozen=True)
class Snippet:
    """The part of a source line shown, and the padding and carets that underline the span."""

    text: str
    pad: str
    carets: str


def window(text: str, start: int, end: int, columns: int = SNIPPET_COLUMNS) -> Snippet:
    """``text`` with the span ``[start, end)`` (character offsets) underlined by display width.
    A line wider than ``columns`` is cut to a window of at most ``columns`` columns, "…" marking
    each cut, that starts ``_LEAD_COLUMNS`` before the span (earlier when the line ends sooner);
    a span wider than the window is underlined to the cut."""
    start = min(max(start, 0), len(text))
    if _forward(text, 0, columns) == len(text):  # fits (measured no further than it can)
        return Snippet(text, _pad(text[:start]), _carets(text[start:end]))
    room = columns - 2 * len(_CUT)
    first = _back(text, start, _LEAD_COLUMNS)
    last = _forward(text, first, room)
    if last == len(text):
        first = _back(text, last, columns - len(_CUT))  # one cut only: fill the width
    lead = _CUT if first > 0 else ""
    tail = _CUT if last < len(text) else ""
    pad = " " * len(lead) + _pad(text[first:start])
    return Snippet(lead + text[first:last] + tail, pad, _carets(text[start : min(end, last)]))


def _back(text: str, index: int, columns: int) -> int:
    """The first offset of the widest run of ``text`` ending at ``index`` within ``columns``."""
    used = 0
    while index > 0 and used + char_width(text[index - 1]) <= columns:
        index -= 1
        used += char_width(text[index])
    return index


def _forward(text: str, index: int, columns: int) -> int:
    """The end offset of the widest run of ``text`` starting at ``index`` within ``columns``."""
    used = 0
    while index < len(text) and used + char_width(text[index]) <= columns:
        used += char_width(text[index])
        index += 1
    return index


def _pad(before: str) -> str:
    """Spaces as wide as ``before`` (its tabs kept, so the carets line up under tabs too)."""
    return "".join("\t" if c == "\t" else " " * char_width(c) for c in before)


def _carets(span: str) -> str:
    return "^" * max(display_width(span), 1)


def _inputs(group: Sequence[Diagnostic]) -> list[str]:
    """``input: line 20 | Layers | 32`` for each input of the group, by line; under a group of
    findings, with the codes of those that read it (``input of SPC501: line 20 | …``)."""
    users: dict[tuple[int, str], list[str]] = {}
    for diag in group:
        for related in diag.related:
            codes = users.setdefault((related.line, related.message), [])
            if diag.code not in codes:
                codes.append(diag.code)
    lines = []
    for (line, message), codes in sorted(users.items()):
        of = f" of {', '.join(codes)}" if len(group) > 1 else ""
        lines.append(f"input{of}: line {line} | {message}")
    return lines


def _suggestion(diag: Diagnostic, original: str) -> str:
    assert diag.fix is not None
    action = f"replace {original!r} with {diag.fix.replacement!r}"
    if not diag.fix.replacement:
        action = f"remove {original!r}"
    return f"suggestion ({diag.fix.applicability}): {action}"


def header_lines(diag: Diagnostic, style: Style = PLAIN) -> list[str]:
    """The header, wrapped to ``style.width`` (if any), with the location and code coloured."""
    text = header(diag)
    if style.width and diag.related:
        text = _INLINE_INPUTS.sub("", text)  # listed one per line instead
    lines = wrap(text, style.width) if style.width else [text]
    location = f"{diag.path}:{diag.line}:{diag.column}:"
    lead = f"{location} {diag.code} "
    if style.color and lines[0].startswith(lead):
        rest = lines[0][len(lead) :]
        painted = f"{style.paint(location, 'path')} {style.paint(diag.code, diag.severity)} "
        lines[0] = painted + rest
    return lines


def summary(diagnostics: list[Diagnostic]) -> str:
    if not diagnostics:
        return "All checks passed!"
    counts = Counter(d.severity for d in diagnostics)
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
        for s in ("error", "warning", "info")
        if counts[s]
    ]
    total = len(diagnostics)
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)})."


def report(
    diagnostics: list[Diagnostic],
    sources: Mapping[str, str],
    out: TextIO,
    rules: Sequence[Rule],
    style: Style = PLAIN,
) -> None:
    write_diagnostics(diagnostics, sources, out, style)
    out.write(summary(diagnostics) + "\n")


def write_diagnostics(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, style: Style = PLAIN
) -> None:
    """Every diagnostic, each group of findings on one span followed by a blank line
    (``report`` without the summary)."""
    paths = {d.path for d in diagnostics}
    lines = {path: source.split("\n") for path, source in sources.items() if path in paths}
    for _, group in groupby(diagnostics, key=_span):
        found = list(group)
        out.write(format_group(found, lines.get(found[0].path), style) + "\n\n")


def _span(diag: Diagnostic) -> tuple[str, int, int, int, int]:
    return diag.path, diag.line, diag.column, diag.end_line, diag.end_column
