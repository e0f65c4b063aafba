"""Module-level patterns compiled on first use, so importing a stage costs no compilation.

``lazy_compile`` stands in for ``regex.compile`` at module level, and ``lazy_re`` for
``re.compile`` (each keeps its engine: the two differ at the edges): it returns an object that
compiles the pattern the first time any of its attributes is read, then keeps each attribute
it hands out (``search``, ``finditer``, ``pattern`` ...) in its own ``__dict__``, so later calls
cost a plain attribute lookup. It is a Pattern to every caller that reads attributes; do not
pass it to the module-level ``regex.search(pattern, ...)`` functions.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import regex


class _LazyPattern:
    """A pattern compiled by ``compile`` when first read."""

    def __init__(self, pattern: str, flags: int, compile: Callable[[str, int], Any]) -> None:
        self._source = pattern
        self._flags = flags
        self._compile = compile

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = self._compile(self._source, self._flags)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        name = "lazy_re" if self._compile is re.compile else "lazy_compile"
        return f"{name}({self._source!r}, {int(self._flags)})"


def lazy_compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, compiled on first use (``regex`` is imported then)."""
    return cast("regex.Pattern[str]", _LazyPattern(pattern, flags, _regex_compile))


def _regex_compile(pattern: str, flags: int) -> Any:
    return compile_regex(pattern, flags)


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, from what ``regex`` made of the pattern in an
    earlier process when it is kept (``_Store``)."""
    import regex

    store = _Store.open(regex)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))
    kept = store.kept.get(key)
    if kept is not None:
        try:
            return cast("regex.Pattern[str]", store.engine.compile(*kept))
        except Exception:  # not what this engine takes: compiled anew below
            store.kept.pop(key, None)
    compiled, made = store.capture(regex, pattern, flags)
    if made is not None:
        store.keep(key, made)
    return compiled


class _Store:
    """What ``regex`` made of each pattern (the arguments its ``_regex.compile`` took), kept
    between processes as Python keeps bytecode: a ``marshal`` file in ``__pycache__`` beside
    this module, one per interpreter and ``regex`` version, read once per process and written
    (atomically, merged with what is there) at exit when a pattern was new. Parsing a pattern
    is ``regex``'s work in Python; the engine's ``compile`` is quick. Nothing is written
    where Python would not write bytecode; a file that cannot be read is ignored."""

    _open: _Store | None = None
    #: Past this many patterns the file starts over with this process's.
    LIMIT = 1024

    def __init__(self, engine: Any, path: str) -> None:
        import threading

        self.engine = engine
        self.path = path
        #: Held while ``regex`` compiles with its engine's ``compile`` watched.
        self.capturing = threading.Lock()
        self.kept: dict[tuple[str, int, int], tuple[Any, ...]] = self._read(path)
        self.new: dict[tuple[str, int, int], tuple[Any, ...]] = {}

    @classmethod
    def open(cls, regex: Any) -> _Store:
        if cls._open is None:
            import os
            import sys

            from regex import _main

            name = f"patterns.{sys.implementation.cache_tag}.regex-{regex.__version__}.marshal"
            path = os.path.join(os.path.dirname(__file__), "__pycache__", name)
            cls._open = cls(vars(_main)["_regex"], path)
        return cls._open

    @staticmethod
    def _read(path: str) -> dict[tuple[str, int, int], tuple[Any, ...]]:
        import marshal

        try:
            with open(path, "rb") as handle:
                kept = marshal.loads(handle.read())  # load(handle) reads object by object
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return kept if isinstance(kept, dict) else {}

    def capture(self, regex: Any, pattern: str, flags: int) -> tuple[Any, tuple[Any, ...] | None]:
        """The pattern compiled by ``regex``, and the arguments it gave its engine (``None``
        when they are not one pattern's plain data: a named list, a locale, a cached one)."""
        import marshal

        from regex import _main

        made: list[tuple[Any, ...]] = []
        engine = self.engine

        class Capture:
            def __getattr__(self, name: str) -> Any:
                return getattr(engine, name)

            @staticmethod
            def compile(*arguments: Any) -> Any:
                made.append(arguments)
                return engine.compile(*arguments)

        with self.capturing:
            names = vars(_main)  # regex's module, whose ``_regex`` is its engine
            names["_regex"] = Capture()
            try:
                compiled = regex.compile(pattern, flags)
            finally:
                names["_regex"] = engine
        if len(made) != 1 or made[0][0] != pattern or made[0][5] or made[0][1] & regex.LOCALE:
            return compiled, None
        # Flags (``RegexFlag``) as plain numbers, as the engine keeps them.
        arguments = tuple(int(a) if isinstance(a, int) else a for a in made[0])
        try:
            marshal.dumps(arguments)
        except ValueError:
            return compiled, None
        return compiled, arguments

    def keep(self, key: tuple[str, int, int], made: tuple[Any, ...]) -> None:
        import sys

        if not self.new and not sys.dont_write_bytecode:
            import atexit

            atexit.register(self.write)
        self.kept[key] = self.new[key] = made

    def write(self) -> None:
        """Merge this process's new patterns into the file."""
        import marshal
        import os

        kept = self._read(self.path)
        if len(kept) + len(self.new) > self.LIMIT:
            kept = {}
        kept.update(self.new)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            data = marshal.dumps(kept)
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(data)
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                os.remove(temporary)


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags, re.compile))


#: Where a sentence ends: ``.``, ``!`` or ``?`` before a space or the end, or a blank line.
#: (``speclint.domain.statements`` has its own, which also ends one at ``;`` and not after
#: abbreviations.)
SENTENCE_END = lazy_compile(r"[.!?](?:\s|$)|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of ``text``'s sentences, each with its full stop; the whole text
    when it has none."""
    spans, start = [], 0
    for end in SENTENCE_END.finditer(text):
        spans.append((start, end.start() + 1))
        start = end.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


#: A system's name: a word with letters and digits (``Llama-3-8B``, ``H100``, ``Mixtral-8x7B``,
#: ``v5e``, ``r6i.4xlarge``).
SYSTEM_NAME = lazy_compile(r"(?<![\w.-])(?=[\w.-]*[A-Za-z])(?=[\w.-]*\d)[\w.-]+(?![\w-])")
#: A tensor-parallel degree as written: ``TP=4``, ``TP 2``, ``tensor parallelism of 8``.
TP_DEGREE = lazy_compile(r"(?i)\b(?:TP|tensor[- ]parallel(?:ism)?)\s*(?:=|:|of)?\s*(\d{1,4})\b")
