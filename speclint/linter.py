"""Run the registered rules over documents."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from .analysis import Analysis, analyze
from .diagnostics import Diagnostic
from .plugins import all_rules
from .rule import LintContext, Rule

#: Files larger than this are skipped (with a message) rather than parsed.
MAX_FILE_BYTES = 5_000_000


@dataclass
class FileResult:
    path: str
    source: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None
    #: How many claims were judged, by verdict ("consistent", "inconsistent", "skip"…).
    claims: Counter[str] = field(default_factory=Counter)


def lint_source(
    source: str, path: str = "<stdin>", rules: Iterable[Rule] | None = None
) -> list[Diagnostic]:
    """Lint Markdown ``source``; ``path`` is only used in the diagnostics."""
    return run_rules(analyze(source, path), rules)


def run_rules(analysis: Analysis, rules: Iterable[Rule] | None = None) -> list[Diagnostic]:
    """Every diagnostic the rules report on an analysed document, sorted by position."""
    context = LintContext(analysis)
    chosen = rules if rules is not None else all_rules()
    diagnostics = [d for rule in chosen for d in rule.check(context)]
    return sorted(diagnostics, key=lambda d: d.sort_key)


def read_markdown(path: str) -> tuple[str, str | None]:
    """Read a file as UTF-8 (a BOM is dropped). Bytes that are not UTF-8 are replaced, and a
    warning is returned with the text. Raises ``OSError`` for unreadable or oversized files."""
    return decode_markdown(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """A file's bytes. Raises ``OSError`` for unreadable or oversized files."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES:,} bytes, not checked")
    return data


def decode_markdown(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode a file's bytes as ``read_markdown`` does: (text, warning or ``None``)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start}); checked anyway"


def lint_file(path: str) -> FileResult:
    """Lint one file; errors reading or checking it are returned, not raised."""
    try:
        source, warning = read_markdown(path)
    except OSError as exc:
        return FileResult(path, None, error=f"{path}: {exc}")
    try:
        analysis = analyze(source, path)
        result = FileResult(path, source, run_rules(analysis), warning=warning)
        result.claims.update(verdict.status for verdict in analysis.verdicts())
        return result
    except Exception as exc:
        return FileResult(
            path, source, error=f"{path}: internal error: {type(exc).__name__}: {exc}"
        )


def lint_files(paths: list[str], jobs: int | None = None) -> Iterator[FileResult]:
    """Lint files, in parallel processes when there are many; results keep the input order."""
    jobs = jobs or min(os.cpu_count() or 1, 8)
    if jobs <= 1 or len(paths) < 16:
        yield from map(lint_file, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(lint_file, paths, chunksize=8)
