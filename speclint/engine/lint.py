"""Run the registered rules over documents."""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Protocol, TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.registry import all_rules, only_builtin_plugins
from speclint.engine.rule import LintContext, Rule
from speclint.inert import inert
from speclint.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

    from speclint.judgement.analysis import Analysis

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
    #: The result cache's key for the bytes linted, when a cache was given and missed.
    key: str | None = None


@dataclass
class CachedResult:
    """What a result cache keeps of a file's result: its diagnostics, claim counts and the
    warning reading it gave (bytes that are not UTF-8)."""

    diagnostics: list[Diagnostic]
    claims: Counter[str]
    warning: str | None = None


class ResultCache(Protocol):
    """Results by a key of file bytes, path and settings (``speclint.app.cache.Cache``)."""

    def key(self, data: bytes, path: str, settings: Settings) -> str: ...

    def get(self, key: str) -> CachedResult | None: ...

    def put(self, key: str, result: CachedResult) -> None: ...

    def flush(self) -> None: ...


def lint_source(
    source: str,
    path: str = "<stdin>",
    rules: Iterable[Rule] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Diagnostic]:
    """Lint Markdown ``source``; ``path`` is only used in the diagnostics."""
    if _nothing_to_check(source, rules):
        return []
    return run_rules(_analyze(source, path, settings), rules, settings)


def _nothing_to_check(source: str, rules: Iterable[Rule] | None) -> bool:
    """Whether no reader finds anything in ``source`` (``speclint.prescan.inert``) and the
    built-in rules alone check it: none of them reports on such a document, so it is answered
    without parsing it (or importing what parses and judges)."""
    return rules is None and inert(source) and only_builtin_plugins()


def _analyze(source: str, path: str, settings: Settings) -> Analysis:
    from speclint.judgement.analysis import analyze  # not for a run served from the cache

    return analyze(
        source, path, tolerance=settings.tolerance, code_languages=settings.code_languages
    )


def run_rules(
    analysis: Analysis, rules: Iterable[Rule] | None = None, settings: Settings = DEFAULT_SETTINGS
) -> list[Diagnostic]:
    """Every diagnostic the selected rules report on an analysed document and no suppression
    comment suppresses, with the configured severities, sorted by position."""
    from speclint.engine.suppression import Suppressions

    context = LintContext(analysis, settings)
    known = list(rules) if rules is not None else all_rules()
    chosen = [r for r in known if settings.selected is None or r.code in settings.selected]
    suppressions = Suppressions(analysis.document, known)
    diagnostics = [d for r in chosen if not r.after_suppression for d in r.check(context)]
    scoped = [r for r in chosen if r.scoped and not r.after_suppression]
    if scoped:
        diagnostics += [d for c in context.scopes() for r in scoped for d in r.check(c)]
    diagnostics = suppressions.apply(diagnostics)
    context.suppression_problems = suppressions.problems(frozenset(r.code for r in chosen))
    late = [d for r in chosen if r.after_suppression for d in r.check(context)]
    diagnostics += suppressions.apply_by_code(late)
    diagnostics = [
        replace(d, severity=settings.severity[d.code]) if d.code in settings.severity else d
        for d in diagnostics
    ]
    return sorted(without_disagreeing_fixes(_distinct(diagnostics)), key=lambda d: d.sort_key)


def _distinct(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics less any that repeats an earlier one's span, code and fix: two readings
    of one claim (``39.2B / 176B = 22%``, found twice) are one finding."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for d in diagnostics:
        key = (d.line, d.column, d.end_line, d.end_column, d.code, d.fix and d.fix.replacement)
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def without_disagreeing_fixes(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics with no fix where two findings propose different text for overlapping
    spans: which one is right needs a person, so neither is offered (both are still reported),
    unless one is the document's own arithmetic and the other a domain estimate."""
    fixed = sorted(
        (d for d in diagnostics if d.fix is not None),
        key=lambda d: _fix_span(d)[0],
    )
    disputed: set[int] = set()
    open_fixes: list[Diagnostic] = []
    for diagnostic in fixed:
        start, _ = _fix_span(diagnostic)
        open_fixes = [d for d in open_fixes if _fix_span(d)[1] > start]
        replacement = diagnostic.fix.replacement if diagnostic.fix else None
        for other in open_fixes:
            if other.fix is not None and other.fix.replacement != replacement:
                disputed.update(id(d) for d in _losers(other, diagnostic))
        open_fixes.append(diagnostic)
    return [replace(d, fix=None) if id(d) in disputed else d for d in diagnostics]


#: Categories whose fixes the document's own numbers give (no catalog, efficiency or model).
_COMPUTED = frozenset({"arithmetic", "units"})


def _losers(first: Diagnostic, second: Diagnostic) -> tuple[Diagnostic, ...]:
    """Which of two disagreeing fixes to withdraw: the one a domain estimate proposes when the
    other is the document's own arithmetic and the two values agree within 25 % (``3.879e6 s =
    44.9 days`` beside a training-time bound of 41.7 days), else both."""
    computed = (first.category in _COMPUTED, second.category in _COMPUTED)
    if computed[0] == computed[1] or not _near(first, second):
        return (first, second)
    return (second,) if computed[0] else (first,)


def _near(first: Diagnostic, second: Diagnostic) -> bool:
    """Whether two fixes propose numbers within 25 % of each other."""
    try:
        a, b = (float(d.fix.replacement.replace(",", "")) for d in (first, second) if d.fix)
    except ValueError:
        return False
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= 1.25


def _fix_span(diagnostic: Diagnostic) -> tuple[tuple[int, int], tuple[int, int]]:
    fix = diagnostic.fix
    assert fix is not None
    return (fix.line, fix.column), (fix.end_line, fix.end_column)


def read_markdown(path: str) -> tuple[str, str | None]:
    """Read a file as UTF-8 (a BOM is dropped). Bytes that are not UTF-8 are replaced, and a
    warning is returned with the text. Raises ``OSError`` for unreadable or oversized files."""
    return decode_markdown(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """A file's bytes. Raises ``OSError`` for unreadable or oversized files. Read unbuffered,
    asking for the size ``fstat`` gives (a buffered ``read(MAX_FILE_BYTES + 1)`` allocates
    the whole cap for every file), then on to the end or the cap."""
    with open(path, "rb", buffering=0) as handle:
        data = handle.read(min(os.fstat(handle.fileno()).st_size, MAX_FILE_BYTES) + 1)
        while len(data) <= MAX_FILE_BYTES and (more := handle.read(MAX_FILE_BYTES + 1 - len(data))):
            data += more
    if len(data) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES:,} bytes, not checked")
    return data


def read_stream(stream: TextIO) -> str:
    """Standard input's text (a BOM dropped), with the file size cap. Raises ``OSError``."""
    text = stream.read(MAX_FILE_BYTES + 1)
    if len(text) > MAX_FILE_BYTES:
        raise OSError(f"larger than {MAX_FILE_BYTES:,} bytes, not checked")
    return text.removeprefix("\ufeff")


def decode_markdown(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode a file's bytes as ``read_markdown`` does: (text, warning or ``None``)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"{path}: not valid UTF-8 ({exc.reason} at byte {exc.start}); checked anyway"


def lint_file(
    path: str, settings: Settings = DEFAULT_SETTINGS, cache: ResultCache | None = None
) -> FileResult:
    """Lint one file, or take its result from ``cache`` (and store it there on a miss);
    errors reading or checking it are returned, not raised."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        return FileResult(path, None, error=f"{path}: {exc}")
    key = cache.key(data, path, settings) if cache is not None else None
    cached = cache.get(key) if cache is not None and key is not None else None
    if cached is not None:
        return _from_cache(path, data, cached)
    result = _lint_data(path, data, settings)
    result.key = key
    if cache is not None and key is not None and result.error is None:
        cache.put(key, CachedResult(result.diagnostics, result.claims, result.warning))
    return result


def _lint_data(path: str, data: bytes, settings: Settings) -> FileResult:
    source, warning = decode_markdown(data, path)
    if _nothing_to_check(source, None):
        return FileResult(path, source, warning=warning)
    try:
        analysis = _analyze(source, path, settings)
        result = FileResult(path, source, run_rules(analysis, None, settings), warning=warning)
        result.claims.update(verdict.status for verdict in analysis.verdicts())
    except Exception as exc:
        return FileResult(
            path, source, error=f"{path}: internal error: {type(exc).__name__}: {exc}"
        )
    return result


def _from_cache(path: str, data: bytes, cached: CachedResult) -> FileResult:
    """A hit's result. Its text is decoded only when it has findings to show, so that a warm
    run decodes no other file (the cache keeps the warning decoding gave)."""
    source = decode_markdown(data, path)[0] if cached.diagnostics else None
    return FileResult(
        path, source, cached.diagnostics, warning=cached.warning, claims=cached.claims
    )


def default_jobs() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def lint_files(
    paths: list[str],
    jobs: int | None = None,
    settings: list[Settings] | None = None,
    cache: ResultCache | None = None,
    executor: Executor | None = None,
) -> Iterator[FileResult]:
    """Lint files; results keep the input order. ``settings`` gives each file's settings
    (default: the defaults for all). With ``executor`` (any ``concurrent.futures.Executor``,
    e.g. a Dask ``distributed`` client's ``get_executor()``) the files are linted there;
    otherwise in ``jobs`` local processes (default: the available cores) when there are many.
    The files must be readable where the executor runs them. ``cache`` is only used here:
    hits are answered here, misses go to the workers, and their results are stored here (none
    start when all hit); the cache is flushed when the run ends."""
    per_file = settings if settings is not None else [DEFAULT_SETTINGS] * len(paths)
    try:
        if executor is None and ((jobs or default_jobs()) <= 1 or len(paths) < 16):
            yield from map(partial(lint_file, cache=cache), paths, per_file)
        else:
            yield from _Batches(cache, executor, jobs or default_jobs()).run(paths, per_file)
    finally:
        if cache is not None:
            cache.flush()


#: Files a worker lints per task, and the most results held ahead of the one awaited.
BATCH = 8
WINDOW = 512


@dataclass(frozen=True)
class _KeyOnly:
    """What a worker gets of a cache: the key of the bytes it reads, no lookup (the parent
    found no entry) and no store (the parent stores the result under that key)."""

    cache: ResultCache

    def key(self, data: bytes, path: str, settings: Settings) -> str:
        return self.cache.key(data, path, settings)

    def get(self, key: str) -> CachedResult | None:
        return None

    def put(self, key: str, result: CachedResult) -> None:
        return None

    def flush(self) -> None:
        return None


def _start_worker() -> None:
    """A local worker tunes its garbage collector, imports what lints a document and keeps
    it out of later collections (``speclint.engine.collector``): the collections a run of
    many files makes do not trace the modules' objects (sympy, markdown-it, the readers)."""
    import speclint.judgement.analysis  # noqa: F401
    from speclint.engine import collector

    collector.tune()
    collector.keep()


def _lint_batch(
    paths: list[str], settings: list[Settings], cache: ResultCache | None
) -> list[FileResult]:
    return [lint_file(path, s, cache) for path, s in zip(paths, settings, strict=True)]


def cached_result(path: str, settings: Settings, cache: ResultCache) -> FileResult | None:
    """A file's result from ``cache``; ``None`` for a miss or a file that cannot be read."""
    try:
        data = read_bytes(path)
    except OSError:
        return None
    cached = cache.get(cache.key(data, path, settings))
    return None if cached is None else _from_cache(path, data, cached)


@dataclass
class _Slot:
    """One file's place in the output: its result, or the batch that will give it."""

    result: FileResult | None = None
    future: Future[list[FileResult]] | None = None
    index: int = 0

    def ready(self) -> bool:
        return self.result is not None or (self.future is not None and self.future.done())

    def take(self, cache: ResultCache | None) -> FileResult:
        """The result, a worker's stored in ``cache`` under the key of the bytes it read."""
        if self.result is None:
            assert self.future is not None
            self.result = self.future.result()[self.index]
            key = self.result.key
            if cache is not None and key is not None and self.result.error is None:
                result = self.result
                cache.put(key, CachedResult(result.diagnostics, result.claims, result.warning))
        return self.result


class _Batches:
    """Lints files in order: cache hits here, misses in batches on ``executor`` or on a local
    process pool that starts with the first full batch (misses not making up a batch before
    it are linted here)."""

    def __init__(self, cache: ResultCache | None, executor: Executor | None, jobs: int) -> None:
        self.jobs = jobs
        self.cache = cache
        self.worker_cache = None if cache is None else _KeyOnly(cache)
        self.executor = executor
        self.pool: ProcessPoolExecutor | None = None
        #: Every file not yet yielded, in input order.
        self.pending: deque[_Slot] = deque()
        #: The misses not yet sent to the pool.
        self.batch: list[tuple[str, Settings, _Slot]] = []

    def run(self, paths: list[str], per_file: list[Settings]) -> Iterator[FileResult]:
        try:
            for path, settings in zip(paths, per_file, strict=True):
                hit = None if self.cache is None else cached_result(path, settings, self.cache)
                self.pending.append(_Slot(hit))
                if hit is None:
                    self.batch.append((path, settings, self.pending[-1]))
                    if len(self.batch) == BATCH:
                        self._flush()
                if len(self.pending) > WINDOW and not self.pending[0].ready():
                    self._flush()  # the result awaited is in a batch still being filled
                yield from self._ready(len(self.pending) > WINDOW)
            self._flush()
            yield from self._ready(True, everything=True)
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)

    def _flush(self) -> None:
        """Send the batch to the executor or the pool (started when it is full); lint a
        smaller one here when neither runs."""
        if not self.batch:
            return
        paths = [p for p, _, _ in self.batch]
        settings = [s for _, s, _ in self.batch]
        workers = self.executor or self.pool
        if workers is None and len(self.batch) < BATCH:
            results = _lint_batch(paths, settings, self.cache)
            for (_, _, slot), result in zip(self.batch, results, strict=True):
                slot.result = result
        else:
            if workers is None:
                from concurrent.futures import ProcessPoolExecutor  # only when there is work

                workers = self.pool = ProcessPoolExecutor(self.jobs, initializer=_start_worker)
            future = workers.submit(_lint_batch, paths, settings, self.worker_cache)
            for index, (_, _, slot) in enumerate(self.batch):
                slot.future, slot.index = future, index
        self.batch = []

    def _ready(self, wait: bool, everything: bool = False) -> Iterator[FileResult]:
        """The results at the front that are ready (waiting for the first if ``wait``, for
        all if ``everything``)."""
        while self.pending and (wait or everything or self.pending[0].ready()):
            yield self.pending.popleft().take(self.cache)
            wait = False
