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
from dataclasses import dataclass, field, replace
from typing import TextIO

from speclint.app.output import not_all_checked
from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.engine.lint import decode_markdown, lint_source, read_bytes
from speclint.engine.registry import Reporter
from speclint.engine.rule import Rule
from speclint.reporters import full
from speclint.reporters.terminal import ColorChoice, paint_diff, style_for

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
    #: How many passes applied or withdrew a fix.
    passes: int = 0


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
    """One pass: apply the applicable fixes that no other fix contradicts; (new source, fixes
    applied). Fixes whose spans overlap or touch are applied only if they all make the same
    replacement of the same span (then once); otherwise none of them is."""
    state = _Edits(source)
    edits = [e for e in _candidates(state, diagnostics, unsafe) if not isinstance(e, _Conflict)]
    state.apply(edits)
    return state.render(), len(edits)


def fix_source(
    source: str, path: str, lint: Lint = lint_source, unsafe: bool = False
) -> FixedSource:
    """Apply fixes and re-lint until nothing applicable is left.

    Convergence holds by construction: fixes that disagree about one span are never applied;
    a span already fixed may be fixed once more only to a value with no more digits, else it
    is restored and left alone; and a pass whose fixes create a finding the document did not
    have keeps only the fixes that create none. Spans once blocked stay blocked, so each pass
    either edits a new span or ends the loop; ``MAX_ITERATIONS`` is a safety net only.
    """
    state = _Edits(source)
    diagnostics = lint(source, path)
    baseline = _finding_keys(state, diagnostics)
    passes = 0
    for _ in range(MAX_ITERATIONS):
        before = state.render()
        candidates = _candidates(state, diagnostics, unsafe)
        changed = state.resolve_conflicts([c for c in candidates if isinstance(c, _Conflict)])
        edits = [c for c in candidates if isinstance(c, _Edit) and state.accepts(c)]
        again = [c for c in candidates if isinstance(c, _Edit) and c.region in state.edits]
        changed |= any([state.restore(c.region) for c in again if not state.accepts(c)])
        if not edits and not changed:
            return FixedSource(
                state.render(), state.fixed, _declined(diagnostics, unsafe), passes=passes
            )
        trial = state.copy()
        trial.apply(edits)
        after = lint(trial.render(), path)
        if _finding_keys(trial, after) <= baseline:
            state, diagnostics = trial, after
        else:  # find the culprits one fix at a time
            for edit in edits:
                trial = state.copy()
                trial.apply([edit])
                after = lint(trial.render(), path)
                if _finding_keys(trial, after) <= baseline:
                    state, diagnostics = trial, after
                else:
                    state.blocked.add(edit.region)
            if changed:
                diagnostics = lint(state.render(), path)
        passes += state.render() != before
    converged = not [c for c in _candidates(state, diagnostics, unsafe) if state.accepts(c)]
    diagnostics = _declined(diagnostics, unsafe)
    return FixedSource(state.render(), state.fixed, diagnostics, converged, passes)


def _declined(diagnostics: list[Diagnostic], unsafe: bool) -> list[Diagnostic]:
    """What remains once fixing stopped: an applicable fix still there was declined (it
    disagrees with another, or would create a finding), so it is not offered."""
    return [replace(d, fix=None) if is_applicable(d.fix, unsafe) else d for d in diagnostics]


@dataclass(frozen=True)
class _Edit:
    """Replace ``region`` (offsets in the original text) with ``replacement``."""

    region: tuple[int, int]
    replacement: str


@dataclass(frozen=True)
class _Conflict:
    """Fixes that disagree about overlapping spans: none of them is applied."""

    regions: tuple[tuple[int, int], ...]


class _Edits:
    """The original text, the edits made to it so far (by region of the original text, with how
    often each region was edited) and the regions no fix may touch any more."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.edits: dict[tuple[int, int], tuple[str, int]] = {}
        self.blocked: set[tuple[int, int]] = set()

    def copy(self) -> _Edits:
        other = _Edits(self.original)
        other.edits, other.blocked = dict(self.edits), set(self.blocked)
        return other

    @property
    def fixed(self) -> int:
        return sum(1 for region, (value, _) in self.edits.items() if value != self._text(region))

    def _text(self, region: tuple[int, int]) -> str:
        return self.original[region[0] : region[1]]

    def render(self) -> str:
        pieces: list[str] = []
        cursor = 0
        for (start, end), (value, _) in sorted(self.edits.items()):
            pieces.extend((self.original[cursor:start], value))
            cursor = end
        pieces.append(self.original[cursor:])
        return "".join(pieces)

    def to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """The original region of the current span [start, end): itself shifted, or exactly an
        edited region; ``None`` if it cuts into an edit."""
        delta = 0
        for (o_start, o_end), (value, _) in sorted(self.edits.items()):
            c_start, c_end = o_start + delta, o_start + delta + len(value)
            if end < c_start or (end == c_start and start < end):
                break
            if (start, end) == (c_start, c_end):
                return o_start, o_end
            if start < c_end or start == c_start:
                return None
            delta += len(value) - (o_end - o_start)
        return start - delta, end - delta

    def accepts(self, edit: _Edit | _Conflict) -> bool:
        """Whether ``edit`` may be made: not blocked, and a region already edited only once
        before and to a value with no more digits than the text it replaces."""
        if not isinstance(edit, _Edit) or edit.region in self.blocked:
            return False
        if any(_overlap(edit.region, b) for b in self.blocked):
            return False
        previous = self.edits.get(edit.region)
        if previous is None:
            return True
        value, count = previous
        return count < 2 and _digits(edit.replacement) <= _digits(value)

    def resolve_conflicts(self, conflicts: list[_Conflict]) -> bool:
        """Block every region of a conflict, restoring edited ones; whether text changed."""
        return any([self.restore(r) for conflict in conflicts for r in conflict.regions])

    def restore(self, region: tuple[int, int]) -> bool:
        """Block ``region`` and give it back its original text; whether the text changed."""
        self.blocked.add(region)
        return self.edits.pop(region, None) is not None

    def apply(self, edits: list[_Edit]) -> None:
        for edit in edits:
            count = self.edits.get(edit.region, ("", 0))[1]
            self.edits[edit.region] = (edit.replacement, count + 1)


def _candidates(
    state: _Edits, diagnostics: Iterable[Diagnostic], unsafe: bool
) -> list[_Edit | _Conflict]:
    """The applicable fixes as edits of the original text, grouped by overlapping spans: one
    edit per group whose fixes agree, a conflict per group whose fixes do not."""
    source = state.render()
    starts = _line_starts(source)
    found: list[_Edit] = []
    for fix in (d.fix for d in diagnostics if d.fix is not None and is_applicable(d.fix, unsafe)):
        start = _offset(source, starts, fix.line, fix.column)
        end = _offset(source, starts, fix.end_line, fix.end_column)
        if start is None or end is None or not start < end:
            continue
        if "\n" in source[start:end] and fix.replacement:  # only deletions span lines
            continue
        if "\n" in fix.replacement or "\r" in fix.replacement:
            continue
        region = state.to_original(start, end)
        if region is not None and source[start:end] != fix.replacement:
            found.append(_Edit(region, fix.replacement))
    groups: list[list[_Edit]] = []
    for edit in sorted(found, key=lambda e: e.region):
        if groups and edit.region[0] <= max(e.region[1] for e in groups[-1]):
            groups[-1].append(edit)
        else:
            groups.append([edit])
    return [
        group[0] if len(set(group)) == 1 else _Conflict(tuple(sorted({e.region for e in group})))
        for group in groups
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _finding_keys(state: _Edits, diagnostics: Iterable[Diagnostic]) -> set[tuple[str, int]]:
    """Each finding as (code, offset of its start in the original text)."""
    source = state.render()
    starts = _line_starts(source)
    keys = set()
    for d in diagnostics:
        offset = _offset(source, starts, d.line, d.column)
        if offset is None:
            continue
        region = state.to_original(offset, offset)
        keys.add((d.code, region[0] if region is not None else _edit_start(state, offset)))
    return keys


def _edit_start(state: _Edits, offset: int) -> int:
    """The original start of the edit whose current text contains ``offset``."""
    delta = 0
    for (o_start, o_end), (value, _) in sorted(state.edits.items()):
        if offset < o_start + delta + len(value):
            return o_start
        delta += len(value) - (o_end - o_start)
    return offset - delta


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
    """Replace the file at ``path`` with ``data``, keeping its permissions, unless its content
    is no longer ``expected`` or replacing it would write elsewhere or lose something (a
    symlink, a hard link, a read-only file). Raises ``FixError``."""
    directory, name = os.path.split(os.path.abspath(path))
    try:
        info = os.lstat(path)
        _check_writable(path, info)
        mode = stat.S_IMODE(info.st_mode)
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FixError(f"{path}: not written: {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        before_replace(path)
        _check_writable(path, os.lstat(path))
        with open(path, "rb") as current:
            if current.read() != expected:
                raise FixError(f"{path}: changed since it was read; fixes not written")
        os.replace(temp, path)
    except OSError as exc:
        raise FixError(f"{path}: not written: {exc}") from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _check_writable(path: str, info: os.stat_result) -> None:
    """Refuse files that replacing would not fix in place: symlinks (the fix would land
    elsewhere), hard links (the other names would keep the old text) and read-only files."""
    if stat.S_ISLNK(info.st_mode):
        raise FixError(f"{path}: is a symbolic link; fixes not written (fix its target instead)")
    if not stat.S_ISREG(info.st_mode):
        raise FixError(f"{path}: not a regular file; fixes not written")
    if info.st_nlink > 1:
        raise FixError(f"{path}: has {info.st_nlink} hard links; fixes not written")
    if not info.st_mode & stat.S_IWUSR:
        raise FixError(f"{path}: is read-only; fixes not written")


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
        try:
            outcomes.append(FileFix(name, source, fix_source(source, name, lint, unsafe)))
        except Exception as exc:
            error = f"{name}: internal error: {type(exc).__name__}: {exc}"
            outcomes.append(FileFix(name, source, FixedSource(source, 0, []), error))
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
    failed: bool = False,
    color: ColorChoice = "never",
) -> None:
    """What remains after ``--fix`` and the summary. With stdin, its fixed text goes to ``out``
    and the report to ``err`` (as ruff does); other formats than text keep the summary on
    ``err`` so their output stays parseable. The text report is coloured and wrapped as
    ``color`` says for the stream it goes to."""
    _report_problems(run, err)
    if run.stdin:
        after = run.outcomes[0].after
        out.write(after.source if after is not None else "")
        out = err
    summary = "\n".join(fix_summary(run.fixed, run.remaining, unsafe)) + "\n"
    if failed or run.failed:
        summary = not_all_checked(summary)
    if is_text:
        full.write_diagnostics(run.remaining, run.sources, out, style_for(color, out))
        out.write(summary)
    else:
        reporter(run.remaining, run.sources, out, rules)
        err.write(summary)


def report_diff(
    run: FixRun, unsafe: bool, out: TextIO, err: TextIO, color: ColorChoice = "never"
) -> None:
    """``--diff``: the unified diff of every changed file (coloured as ``color`` says for
    ``out``), and the summary on ``err``."""
    _report_problems(run, err)
    style = style_for(color, out)
    for outcome in run.outcomes:
        if outcome.changed:
            assert outcome.before is not None and outcome.after is not None
            diff = unified_diff(outcome.path, outcome.before, outcome.after.source)
            out.write(paint_diff(diff, style))
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
