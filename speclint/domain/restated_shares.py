"""One unit's figure restated as the total of several: the document writes ``386k tokens per
replica``, then ``the 8 replicas hold ~386k tokens of KV in total``.

Read only in prose: the later sentence speaks of a whole (``in total``, ``across``,
``combined``, ``all``), writes a count of two or more of the very unit the earlier figure is
per (``8 replicas`` for ``per replica``), and has one figure of those dimensions, itself per
nothing, equal to the earlier figure to its written precision and sharing a noun with its
sentence. A sentence that also says ``each`` or ``per`` may be restating the share on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.domain.restated_totals import Figure, figures, nouns, precise
from speclint.formula.expr import literals
from speclint.patterns import lazy_compile

#: Words of a sentence about the whole of several units.
_WHOLE = lazy_compile(r"\b(?:in\s+total|total|aggregate|combined|altogether|across|all)\b", regex.I)
#: Words of a sentence that still speaks of one unit.
_ONE = lazy_compile(r"\b(?:each|per|every|apiece)\b", regex.I)


@dataclass(frozen=True)
class RestatedShare:
    """``stated`` is one ``unit``'s figure ``share``; ``count`` of them hold ``count`` × it."""

    where: Scanned
    stated: Figure
    share: Figure
    unit: str
    count: int


def restated_shares(doc: Document, scanned: list[Scanned]) -> Iterator[RestatedShare]:
    """Each figure a whole-sentence states that equals an earlier figure per one unit."""
    if not _may_hold(scanned):
        return  # no figure per a unit, or no sentence about a whole: no value is read
    every = list(figures(doc, scanned))
    for fig in every:
        if not _reads_as_whole(fig):
            continue
        peers = [f for f in every if f.where is fig.where and f.context == fig.context]
        if sum(f.value.dims == fig.value.dims for f in peers) != 1:
            continue
        found = _share(fig, [f for f in every if f.line < fig.line])
        if found is not None:
            share, count = found
            yield RestatedShare(fig.where, fig, share, share.lit.per, count)


def _may_hold(scanned: list[Scanned]) -> bool:
    per = any(
        lit.per.isalpha()
        for where in scanned
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
    )
    return per and any(
        where.segment.kind == "paragraph" and _WHOLE.search(where.text) for where in scanned
    )


def _reads_as_whole(fig: Figure) -> bool:
    if fig.where.segment.kind != "paragraph" or fig.lit.per or not precise(fig.lit):
        return False
    return bool(_WHOLE.search(fig.context)) and not _ONE.search(fig.context)


def _share(fig: Figure, earlier: list[Figure]) -> tuple[Figure, int] | None:
    """The latest earlier figure per one unit that ``fig`` repeats, and the count of that unit
    ``fig``'s sentence writes."""
    interval = fig.value.interval
    for share in reversed(earlier):
        unit = share.lit.per
        if not unit.isalpha() or share.value.dims != fig.value.dims:
            continue
        if not interval.lo <= share.value.point <= interval.hi:
            continue
        if not nouns(fig.context) & nouns(share.context):
            continue
        count = _count_of(unit, fig.context)
        if count is not None:
            return share, count
    return None


def _count_of(unit: str, sentence: str) -> int | None:
    """``8`` in ``the 2 nodes (8 replicas) hold`` for ``replica``: two or more, written once."""
    pattern = rf"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})*|\d+)\s+{regex.escape(unit)}s?\b"
    counts = {int(m.group(1).replace(",", "")) for m in regex.finditer(pattern, sentence, regex.I)}
    if len(counts) != 1:
        return None
    [count] = counts
    return count if count >= 2 else None


def total_of(found: RestatedShare) -> Fraction:
    """What the ``count`` units hold together, in base units."""
    return found.share.value.point * found.count
