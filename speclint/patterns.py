"""Module-level patterns compiled on first use, so importing a stage costs no compilation.

``lazy_compile`` stands in for ``regex.compile`` at module level, and ``lazy_re`` for
``re.compile`` (each keeps its engine: the two differ at the edges): it returns an object that
compiles the pattern the first time any of its attributes is read, then keeps each attribute
it hands out (``search``, ``finditer``, ``pattern`` ...) in its own ``__dict__``, so later calls
cost a plain attribute lookup. It is a Pattern to every caller that reads attributes; do not
pass it to the module-level ``regex.search(pattern, ...)`` functions.
"""

from __future__ import annotations

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
    import regex

    return regex.compile(pattern, flags)


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, flags, re.compile))


#: Where a sentence ends: ``.``, ``!`` or ``?`` before a space or the end, or a blank line.
#: (``speclint.domain.statements`` has its own, which also ends one at ``;`` and not after
#: abbreviations.)
SENTENCE_END = lazy_compile(r"[.!?](?:\s|$)|\n\s*\n")
