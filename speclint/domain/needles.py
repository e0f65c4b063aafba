"""Needles: one per alternative of a case-insensitive pattern, at least one of which every
match must contain, so a document holding none of them is not searched at all
(``Document.may_contain``). Both sides are compared lower-cased with their separators
(white space, ``_ - : /``) removed, so ``hidden_size`` is found in ``Hidden-Size`` and
``H100 SXM`` in ``h100sxm``."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from speclint.document import squeeze


def needles(alternatives: Iterable[str]) -> frozenset[str] | None:
    """Each alternative's literal text, squeezed; ``None`` (search every document) when there
    is none, or one is empty or not ASCII."""
    return _needles(tuple(alternatives))


@lru_cache(maxsize=64)
def _needles(alternatives: tuple[str, ...]) -> frozenset[str] | None:
    found = {squeeze(text.lower()) for text in alternatives}
    if not found or not all(n and n.isascii() for n in found):
        return None
    return frozenset(found)
