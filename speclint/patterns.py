"""Module-level patterns compiled on first use, so importing a stage costs no compilation.

``lazy_compile`` stands in for ``regex.compile`` at module level: it returns an object that
compiles the pattern the first time any of its attributes is read, then keeps each attribute
it hands out (``search``, ``finditer``, ``pattern`` ...) in its own ``__dict__``, so later calls
cost a plain attribute lookup. It is a Pattern to every caller that reads attributes; do not
pass it to the module-level ``regex.search(pattern, ...)`` functions.
"""

from __future__ import annotations

from typing import Any, cast

import regex


class _LazyPattern:
    """A ``regex.Pattern`` compiled when first read."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = regex.compile(self._source, self._flags)
        value = getattr(compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags})"


def lazy_compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, compiled on first use."""
    return cast("regex.Pattern[str]", _LazyPattern(pattern, flags))
