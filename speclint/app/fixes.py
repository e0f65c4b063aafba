"""Applying fixes (``--fix``, ``--unsafe-fixes``, ``--diff``).

Fixes are applied to the text exactly as read (line endings untouched), the document is linted
again, and the loop repeats until no applicable fix is left or ``MAX_ITERATIONS`` is reached,
as ruff does. Files are written atomically (a temporary file renamed over the original), keep
their UTF-8 BOM and permissions, and are not written if they changed since they were read.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.engine.lint import decode_markdown, lint_source, read_bytes
from speclint.engine.registry import Reporter
from speclint.engine.rule import Rule
from speclint.reporters import full

#: Re-lint and apply at most this many times (ruff's cap).
MAX_ITERATIONS = 100
BOM = b"\xef\xbb\xbf"

#: ``lint(source, path)``: the diagnostics of one document.
Lint = Callable[[str, str], list[Diagnostic]]


class FixError(Exception):
    """A fixed file could not be written (it changed since it was read, or an OS error)."""


@dataclass
class FixedSource:
    """A document after fixing: its text, how many fixes were applied, what remains."""

    source: str
    fixed: int
    diagnostics: list[Diagnostic]
    converged: bool = True


@dataclass
class FileFix:
    """The outcome of fixing one file (or standard input)."""

    path: str
    before: str | None = None
    after: FixedSource | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after.source != self.before


def is_applicable(fix: Fix | None, unsafe: bool) -> bool:
    """Whether ``fix`` is applied: safe fixes always, unsafe ones with ``--unsafe-fixes``."""
    if fix is None:
        return False
    return fix.applicability == "safe" or (unsafe and fix.applicability == "unsafe")


def hidden_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool) -> int:
    """How many diagnostics have a fix that ``--unsafe-fixes`` would enable."""
    if unsafe:
        return 0
    return sum(1 for d in diagnostics if d.fix is not None and d.fix.applicability == "unsafe")


def apply_fixes(source: str, diagnostics: Iterable[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply the applicable fixes in position order, skipping any that overlaps or touches one
    already applied or whose span is not on one line; (new source, fixes applied)."""
    starts = _line_starts(source)
    fixes = sorted(
        (d.fix for d in diagnostics if d.fix is not None and is_applicable(d.fix, unsafe)),
        key=lambda f: (f.line, f.column, f.end_line, f.end_column),
    )
    pieces: list[str] = []
    cursor = 0
    last_end = -1
    for fix in fixes:
        start = _offset(source, starts, fix.line, fix.column)
        end = _offset(source, starts, fix.end_line, fix.end_column)
        if start is None or end is None or not start < end or start <= last_end:
            continue
        if "\n" in source[start:end] or source[start:end] == fix.replacement:
            continue
        pieces.extend((source[cursor:start], fix.replacement))
        cursor = last_end = end
    if not pieces:
        return source, 0
    pieces.append(source[cursor:])
    return "".join(pieces), len(pieces) // 2


def fix_source(
    source: str, path: str, lint: Lint = lint_source, unsafe: bool = False
) -> FixedSource:
    """Apply fixes and re-lint until nothing applicable is left (at most ``MAX_ITERATIONS``)."""
    diagnostics = lint(source, path)
    fixed = 0
    for _ in range(MAX_ITERATIONS):
        new, count = apply_fixes(source, diagnostics, unsafe)
        if not count:
            return FixedSource(source, fixed, diagnostics)
        source, fixed = new, fixed + count
        diagnostics = lint(source, path)
    converged = not apply_fixes(source, diagnostics, unsafe)[1]
    return FixedSource(source, fixed, diagnostics, converged)


def fix_file(
    path: str, lint: Lint = lint_source, unsafe: bool = False, write: bool = True
) -> FileFix:
    """Fix one file and, if ``write`` and anything changed, write it back atomically."""
    outcome = FileFix(path)
    try:
        data = read_bytes(path)
    except OSError as exc:
        outcome.error = f"{path}: {exc}"
        return outcome
    outcome.before, decode_warning = decode_markdown(data, path)
    try:
        if decode_warning is None:
            outcome.after = fix_source(outcome.before, path, lint, unsafe)
        else:  # replaced bytes would be written back as U+FFFD: report, do not fix
            outcome.warnings.append(decode_warning.replace("checked anyway", "not fixed"))
            outcome.after = FixedSource(outcome.before, 0, lint(outcome.before, path))
    except Exception as exc:
        outcome.error = f"{path}: internal error: {type(exc).__name__}: {exc}"
        return outcome
    if not outcome.after.converged:
        outcome.warnings.append(f"{path}: fixes did not converge after {MAX_ITERATIONS} passes")
    if write and outcome.changed:
        prefix = BOM if data.startswith(BOM) else b""
        try:
            write_atomic(path, data, prefix + outcome.after.source.encode("utf-8"))
        except FixError as exc:
            outcome.error = str(exc)
    return outcome


def before_replace(path: str) -> None:
    """Called right before the changed-file check and the rename (a seam for tests)."""


def write_atomic(path: str, expected: bytes, data: bytes) -> None:
    """Replace the file at ``path`` (through symlinks) with ``data``, keeping its permissions,
    unless its content is no longer ``expected``. Raises ``FixError``."""
    target = os.path.realpath(path)
    directory, name = os.path.split(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FixError(f"{path}: not written: {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        before_replace(target)
        with open(target, "rb") as current:
            if current.read() != expected:
                raise FixError(f"{path}: changed since it was read; fixes not written")
        os.replace(temp, target)
    except OSError as exc:
        raise FixError(f"{path}: not written: {exc}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- a/path``, ``+++ b/path``) of one file; empty if unchanged."""
    lines = difflib.unified_diff(
        _split_lines(before), _split_lines(after), f"a/{path}", f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


@dataclass
class FixRun:
    """Every file's outcome, and the totals ``--fix`` and ``--diff`` report."""

    outcomes: list[FileFix]
    stdin: bool = False

    @property
    def fixed(self) -> int:
        return sum(o.after.fixed for o in self.outcomes if o.after is not None)

    @property
    def remaining(self) -> list[Diagnostic]:
        return [d for o in self.outcomes if o.after is not None for d in o.after.diagnostics]

    @property
    def sources(self) -> dict[str, str]:
        return {o.path: o.after.source for o in self.outcomes if o.after is not None}

    @property
    def changed(self) -> bool:
        return any(o.changed for o in self.outcomes)

    @property
    def failed(self) -> bool:
        return any(o.error for o in self.outcomes)


def run(
    paths: list[str],
    stdin: tuple[str, str] | None,
    lint: Lint = lint_source,
    *,
    unsafe: bool = False,
    diff: bool = False,
) -> FixRun:
    """Fix standard input (``(name, text)``) and every file; write files unless ``diff``."""
    outcomes = []
    if stdin is not None:
        name, source = stdin
        outcomes.append(FileFix(name, source, fix_source(source, name, lint, unsafe)))
    outcomes.extend(fix_file(path, lint, unsafe, write=not diff) for path in paths)
    return FixRun(outcomes, stdin is not None)


def report_fix(
    run: FixRun,
    unsafe: bool,
    reporter: Reporter,
    rules: Sequence[Rule],
    is_text: bool,
    out: TextIO,
    err: TextIO,
) -> None:
    """What remains after ``--fix`` and the summary. With stdin, its fixed text goes to ``out``
    and the report to ``err`` (as ruff does); other formats than text keep the summary on
    ``err`` so their output stays parseable."""
    _report_problems(run, err)
    if run.stdin:
        after = run.outcomes[0].after
        out.write(after.source if after is not None else "")
        out = err
    summary = "\n".join(fix_summary(run.fixed, run.remaining, unsafe)) + "\n"
    if is_text:
        full.write_diagnostics(run.remaining, run.sources, out)
        out.write(summary)
    else:
        reporter(run.remaining, run.sources, out, rules)
        err.write(summary)


def report_diff(run: FixRun, unsafe: bool, out: TextIO, err: TextIO) -> None:
    """``--diff``: the unified diff of every changed file, and the summary on ``err``."""
    _report_problems(run, err)
    for outcome in run.outcomes:
        if outcome.changed:
            assert outcome.before is not None and outcome.after is not None
            out.write(unified_diff(outcome.path, outcome.before, outcome.after.source))
    err.write(diff_summary(run.fixed, hidden_fixes(run.remaining, unsafe)) + "\n")


def _report_problems(run: FixRun, err: TextIO) -> None:
    for outcome in run.outcomes:
        for warning in outcome.warnings:
            err.write(f"speclint: warning: {warning}\n")
        if outcome.error:
            err.write(f"speclint: error: {outcome.error}\n")


def fix_summary(fixed: int, remaining: list[Diagnostic], unsafe: bool) -> list[str]:
    """The lines ``--fix`` ends with: totals, then the hidden unsafe fixes hint (ruff's)."""
    total = fixed + len(remaining)
    if fixed:
        lines = [f"Found {_plural(total, 'problem')} ({fixed} fixed, {len(remaining)} remaining)."]
    else:
        lines = [full.summary(remaining)]
    applicable = sum(1 for d in remaining if is_applicable(d.fix, unsafe))
    hidden = hidden_fixes(remaining, unsafe)
    hint = f"{_plural(hidden, 'hidden fix', 'es')} can be enabled with the `--unsafe-fixes` option"
    if applicable and hidden:
        lines.append(f"[*] {applicable} fixable with the `--fix` option ({hint}).")
    elif applicable:
        lines.append(f"[*] {applicable} fixable with the `--fix` option.")
    elif hidden:
        lines.append(f"No fixes available ({hint}).")
    return lines


def diff_summary(fixed: int, hidden: int) -> str:
    """The line ``--diff`` writes to standard error (ruff's wording)."""
    fixes = "fix" if hidden == 1 else "fixes"
    if fixed and hidden:
        return (
            f"Would fix {_plural(fixed, 'problem')} "
            f"({hidden} additional {fixes} available with `--unsafe-fixes`)."
        )
    if fixed:
        return f"Would fix {_plural(fixed, 'problem')}."
    if hidden:
        return f"No problems would be fixed ({hidden} {fixes} available with `--unsafe-fixes`)."
    return "No problems would be fixed."


def _plural(count: int, noun: str, suffix: str = "s") -> str:
    return f"{count} {noun}{suffix if count != 1 else ''}"


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split on ``\\n`` only (so ``\\r\\n`` stays whole)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return [*lines, parts[-1]] if parts[-1] else lines


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for line in source.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return starts


def _offset(source: str, starts: list[int], line: int, column: int) -> int | None:
    """The offset of a 1-based (line, column), or ``None`` if it is not inside the text."""
    if not 0 < line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    line_end = starts[line] - 1 if line < len(starts) else len(source)
    return offset if offset <= line_end else None
