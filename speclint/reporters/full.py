"""``--output-format full`` (default; ``text`` is an alias): ruff-style lines with the source
line and the suggested fix."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule


def header(diag: Diagnostic) -> str:
    """``path:line:column: CODE [category] message``: the first line of a diagnostic."""
    return f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.category}] {diag.message}"


def format_diagnostic(diag: Diagnostic, lines: list[str] | None) -> str:
    """One diagnostic: the header line, the source line underlined, and the suggestion."""
    out = [header(diag)]
    text = lines[diag.line - 1].rstrip("\r") if lines and 0 < diag.line <= len(lines) else None
    if text is not None:
        gutter = " " * len(str(diag.line))
        end = diag.end_column if diag.end_line == diag.line else len(text) + 1
        pad = "".join("\t" if c == "\t" else " " for c in text[: diag.column - 1])
        carets = "^" * max(end - diag.column, 1)
        out.append(f"{gutter} |")
        out.append(f"{diag.line} | {text}")
        out.append(f"{gutter} | {pad}{carets} {diag.severity}")
        if diag.fix is not None:
            original = text[diag.column - 1 : end - 1]
            action = f"replace {original!r} with {diag.fix.replacement!r}"
            if not diag.fix.replacement:
                action = f"remove {original!r}"
            out.append(f"{gutter} = suggestion ({diag.fix.applicability}): {action}")
    return "\n".join(out)


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
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    write_diagnostics(diagnostics, sources, out)
    out.write(summary(diagnostics) + "\n")


def write_diagnostics(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO
) -> None:
    """Every diagnostic, each followed by a blank line (``report`` without the summary)."""
    paths = {d.path for d in diagnostics}
    lines = {path: source.split("\n") for path, source in sources.items() if path in paths}
    for diag in diagnostics:
        out.write(format_diagnostic(diag, lines.get(diag.path)) + "\n\n")
