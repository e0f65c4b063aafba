"""A percentage restated in the next sentence: ``The graph is 307.2 / 2,867.2 ≈ 10.7% of the raw
vectors. Put differently, the graph adds 0.107% on top of the raw storage.``

The restating sentence starts with ``put differently``, ``in other words``, ``equivalently``
(…) and states one percentage and no other number. It is read as the computed percentage of the
sentence before only when its number is that percentage's divided by 100 exactly, for one
percentage of that sentence (the fraction written as a percentage); any other figure may restate
another ratio, and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import regex

from speclint.claims.model import Claim, Scanned
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import SENTENCE_END, lazy_compile

_CONNECTOR = lazy_compile(
    r"(?:put|said|stated)\s+(?:differently|another\s+way)|in\s+other\s+words|equivalently",
    regex.I,
)


def restated_share_claims(scanned: list[Scanned], claims: list[Claim]) -> Iterator[Claim]:
    """A claim for each restated percentage that is its sentence-before's fraction."""
    percentages = [c for c in claims if c.formula is not None and c.stated.is_percent]
    if not percentages:
        return
    for k, where in enumerate(scanned):
        for start, end in _restating_sentences(where.text):
            stated = _one_percentage(where, start, end)
            if stated is None:
                continue
            before = _sentence_before(scanned, k, start)
            if before is None:
                continue
            prev, lo, hi = before
            candidates = [c for c in percentages if c.where is prev and lo <= c.stated.start < hi]
            if any(c.stated.number.value == stated.number.value for c in candidates):
                continue
            found = [c for c in candidates if c.stated.number.value == 100 * stated.number.value]
            if len(found) == 1:
                yield replace(found[0], stated=stated, where=where, inputs=[], parts=[])


def _restating_sentences(text: str) -> Iterator[tuple[int, int]]:
    starts = [0, *(m.end() for m in SENTENCE_END.finditer(text))]
    for start in starts:
        lead = len(text[start:]) - len(text[start:].lstrip())
        if _CONNECTOR.match(text, start + lead):
            after = SENTENCE_END.search(text, start + lead)
            yield start, after.start() if after else len(text)


def _one_percentage(where: Scanned, start: int, end: int) -> Lit | None:
    """The sentence's one value, a percentage; None when it holds any other number."""
    values = [
        strip_groups(expr)
        for chain in where.result.chains
        for expr in chain.exprs
        if start <= _chain_start(where, chain.tok_start) < end
    ]
    if len(values) != 1 or not isinstance(values[0], Lit) or not values[0].is_percent:
        return None
    lit = values[0]
    return None if lit.is_range or lit.bound else lit


def _chain_start(where: Scanned, tok_start: int) -> int:
    return where.tokens[tok_start].start if tok_start < len(where.tokens) else len(where.text)


def _sentence_before(scanned: list[Scanned], k: int, start: int) -> tuple[Scanned, int, int] | None:
    """The segment and span of the sentence before the one at ``start`` of ``scanned[k]``: in
    the same segment, or the last one of the segment before (a list item before a list item)."""
    where = scanned[k]
    if start > 0:
        ends = [m.end() for m in SENTENCE_END.finditer(where.text, 0, max(start - 1, 0))]
        return where, (ends[-1] if ends else 0), start
    if k == 0 or scanned[k - 1].segment.kind != where.segment.kind:
        return None
    prev = scanned[k - 1]
    ends = [m.end() for m in SENTENCE_END.finditer(prev.text)]
    ends = [e for e in ends if e < len(prev.text.rstrip())]
    return prev, (ends[-1] if ends else 0), len(prev.text)
