"""Needles: one per alternative of a case-insensitive pattern, at least one of which every
match must contain, so a document holding none of them is not searched at all
(``Document.may_contain``). Both sides are compared lower-cased with their separators
(white space, ``_ - : /``) removed, so ``hidden_size`` is found in ``Hidden-Size`` and
``H100 SXM`` in ``h100sxm``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property, lru_cache

import regex

from speclint.document import Document, squeeze


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


#: Distinct subsets of one word list ``held_words`` gives in a process before it gives the
#: whole list: each subset compiles a pattern of its own, and past a few the whole list's one
#: pattern costs less (a run over many documents).
SUBSETS = 8
_given: dict[tuple[str, ...], set[tuple[str, ...]]] = {}


def held_words(
    words: Iterable[str], doc: Document, held: tuple[str, ...] | None = None
) -> tuple[str, ...]:
    """The ``words`` (in order) whose needle ``doc`` holds. A pattern whose alternatives are
    these words alone finds in ``doc`` exactly what the whole list's pattern finds (an
    alternative whose needle is not in a document matches nothing in it), and compiles in a
    fraction of the time; past ``SUBSETS`` distinct answers for one list, the whole list.
    ``held``: ``held_exactly`` of the words, when known."""
    words = tuple(words)
    given = _given.setdefault(words, set())
    if len(given) >= SUBSETS:
        return words
    found = held if held is not None else held_exactly(words, doc)
    if found is None:
        return words
    given.add(found)
    return found


def held_exactly(words: Iterable[str], doc: Document) -> tuple[str, ...] | None:
    """The ``words`` (in order) whose needle ``doc`` holds, however many subsets were given
    before (``AnchoredSearch.finditer`` tries only their anchors); ``None`` when the words have
    no needles."""
    words = tuple(words)
    wanted = needles(words)
    if wanted is None:
        return None
    held = doc.held(wanted)
    return tuple(w for w in words if squeeze(w.lower()) in held)


@lru_cache(maxsize=2)
def _folded(source: str, dash: bool) -> str:
    """``AnchoredSearch.fold`` of ``source``, cached by the source (and ``dash``): the searches
    of one document all fold it alike."""
    text = source.replace("İ", "i").lower().replace("ſ", "s")
    return text.replace("-", "_") if dash else text


#: Characters ``\w`` always matches (ASCII letters, digits and ``_``).
ASCII_WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"


class AnchoredSearch:
    """``finditer`` of a case-insensitive pattern, tried only near its anchors.

    Every match of the pattern must start at most ``before`` characters before an occurrence
    of an anchor (ASCII, lower case) in the source folded as ``fold`` does: ASCII letters
    lower-cased, with ``İ``, ``ſ`` and the Kelvin sign as ``i``, ``s`` and ``k`` (the letters
    a case-insensitive pattern reads as ASCII), and ``-`` as ``_`` when ``dash`` is set. The
    pattern is then matched at each such start, in order, as ``finditer`` would find it:
    the matches are the pattern's own. Anchors that are empty or not ASCII leave the whole
    source searched. ``not_after``: ASCII characters no match can start right after (``\b``
    or ``(?<![\\w-])`` before every alternative), so an anchor after one is not tried.
    ``pattern`` may be given as a function that compiles it: it is then compiled when an
    anchor is first found (a document with none never compiles it)."""

    def __init__(
        self,
        pattern: regex.Pattern | Callable[[], regex.Pattern],
        anchors: Iterable[str],
        before: int = 0,
        dash: bool = False,
        not_after: str = "",
    ) -> None:
        self._pattern = pattern
        self.before = before
        self.dash = dash
        assert not (not_after and before), "a start before the anchor is not after anything"
        assert not_after.isascii()
        self.not_after = frozenset(not_after)
        found = tuple(sorted(set(anchors)))
        usable = found and all(a and a.isascii() and a == a.lower() for a in found)
        self.anchors = found if usable else None

    @cached_property
    def pattern(self) -> regex.Pattern:
        """The pattern, compiled on first use when given as a function."""
        return self._pattern() if callable(self._pattern) else self._pattern

    def fold(self, source: str) -> str:
        """``source`` folded for anchors, character for character."""
        return _folded(source, self.dash)

    def finditer(
        self, source: str, timeout: float, anchors: Iterable[str] | None = None
    ) -> Iterator[regex.Match]:
        """The matches in ``source``; ``anchors``: the only ones of the anchors to try (those
        of the alternatives whose needle the source holds: no match starts at another)."""
        if self.anchors is None:
            yield from self.pattern.finditer(source, timeout=timeout)
            return
        deadline = time.monotonic() + timeout
        text = self.fold(source)
        starts: set[int] = set()
        tried = self.anchors if anchors is None else sorted(set(anchors) & set(self.anchors))
        for anchor in tried:
            at = text.find(anchor)
            while at >= 0:
                if not (at and source[at - 1] in self.not_after):
                    starts.add(at)
                at = text.find(anchor, at + 1)
        if not starts:
            return
        compiling = time.monotonic()
        match = self.pattern.match
        deadline += time.monotonic() - compiling  # compiling is not searching
        end = 0
        for anchor_start in sorted(starts):
            for start in range(max(anchor_start - self.before, end), anchor_start + 1):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("regex timed out")
                found = match(source, start, timeout=left)
                if found is not None:
                    end = found.end()
                    yield found
                    break


class LineSearch:
    """``finditer`` of a pattern each of whose matches starts at the start of a line (``^``
    with ``regex.M``) and ends on it, tried only on the lines that hold one of ``marks``
    (characters every match holds): the matches are the pattern's own, found in order."""

    def __init__(self, pattern: regex.Pattern, marks: str) -> None:
        self.pattern = pattern
        self.marks = marks

    def finditer(
        self, source: str, timeout: float, anchors: Iterable[str] | None = None
    ) -> Iterator[regex.Match]:
        deadline = time.monotonic() + timeout
        match = self.pattern.match
        at = 0
        while True:
            found = [k for k in (source.find(mark, at) for mark in self.marks) if k >= 0]
            if not found:
                return
            start = source.rfind("\n", 0, min(found)) + 1
            end = source.find("\n", start)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("regex timed out")
            line = match(source, start, timeout=left)
            if line is not None:
                yield line
            if end < 0:
                return
            at = end + 1
