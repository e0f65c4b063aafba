"""A total restated as one device's or one user's figure: the document computes the whole
``33.6 MB/s`` of the cluster and ``32.8 KB/s`` per GPU (33.6 MB/s / 1,024), then writes ``each GPU
must sustain 33.6 MB/s``.

Read only when the document itself splits that total: an earlier figure for the same unit
(``per GPU``, ``each user``, a ``KV per GPU`` row) is the total divided by a count it writes
(within 2 %), the total is written in a sentence about no such unit (or divided into the share
by one formula, ``235.09 GB / 8 ≈ 29.4 GB``), and the later figure, in prose (a table's column
may be another configuration), is the one figure of its dimensions in its sentence, with three
or more significant digits and the total's value to its written precision. A size must share a
noun with the share's sentence (``KV``, ``weights``), as a device's memory is no share of a
workload's; a sentence about totals, aggregates, a whole cluster or a single device is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Lit, Node, literals, strip_groups
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.quantity.units import unit_table

#: ``per GPU``, ``per-GPU``, ``each user``: the unit a figure is given for.
_PER = lazy_compile(
    r"\b(?:per[-\s]+|each\s+)(GPU|device|card|accelerator|rank|user|node)s?\b", regex.I
)
#: Per something else too: ``Per token per GPU``, ``per step``: a figure of one token, not
#: one device's share of a total.
_PER_OTHER = lazy_compile(
    r"\bper[-\s]+(?!(?:GPU|device|card|accelerator|rank|user|node)s?\b)[A-Za-z]", regex.I
)
#: A figure right before a ``per``: ``250 B per line`` (the ``per`` is that figure's).
_FIGURE_BEFORE = lazy_compile(r"\d[\d,.]*\s*[A-Za-z/%]{0,8}\s*$")


def _per_other(clause: str) -> bool:
    """The clause says its figure is per something besides a device or user (``Per token per
    GPU``), not as another figure's (``at 250 B per line``)."""
    return any(
        not _FIGURE_BEFORE.search(clause, 0, found.start()) for found in _PER_OTHER.finditer(clause)
    )


#: Words of a sentence that speaks of the whole, not of one unit.
_WHOLE = lazy_compile(
    r"\b(?:total|aggregate|whole|entire|combined|cluster|across|all|sum|node|replica|single"
    r"|alone|one\s+(?:GPU|device|card|accelerator|rank|user))\b",
    regex.I,
)
_WORD = lazy_compile(r"[A-Za-z][A-Za-z0-9]+")
#: A verb of change right before a figure: ``doubles to``, ``would grow to``.
_CHANGED_TO = lazy_compile(
    r"\b(?:doubles?|triples?|halves|grows?|rises?|increases?|drops?|falls?|jumps?|becomes?"
    r"|goes\s+up|goes\s+down)\s+(?:to\s+)?(?:about\s+|~\s*)?$",
    regex.I,
)
#: Words too common to tie two sentences to one quantity.
_COMMON = frozenset(
    "the and for per each are is was that this with from into then than its their our one "
    "therefore must sustain about needs need gets sees come comes memory at in on of to by "
    "which so as be it an or we us".split()
)
#: A count and the total divided by it may differ this much (both are rounded).
RATIO_SLACK = Fraction(2, 100)
MIN_SIGNIFICANT = 3


@dataclass(frozen=True)
class Figure:
    lit: Lit
    where: Scanned
    line: int
    value: Value
    context: str  # the sentence, or a table row's label
    per: str  # "gpu", "user", … or ""
    dividend: bool  # the total divided into a share by its own formula


@dataclass(frozen=True)
class RestatedTotal:
    """``stated`` (for each ``unit``) equals ``total``; the share is ``share`` = total / count."""

    where: Scanned
    stated: Lit
    unit: str
    total: Figure
    share: Figure
    count: Fraction


def restated_totals(doc: Document, scanned: list[Scanned]) -> Iterator[RestatedTotal]:
    """Each per-unit figure that is a total the document splits into a smaller share."""
    if not any(_candidates(scanned)):
        return  # no precise per-unit figure in a sentence: nothing to read the others for
    every = list(figures(doc, scanned))
    counts = {
        lit.number.value
        for where in scanned
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
        if lit.unit is None and lit.number.is_plain_integer
    }
    for fig in every:
        if fig.where.segment.kind != "paragraph" or not fig.per or not precise(fig.lit):
            continue  # a table's column may be a one-device configuration
        if _speaks_of_whole(fig) or _CHANGED_TO.search(fig.where.text, 0, fig.lit.start):
            continue  # "… per node doubles to 3,110.4 GB": a new figure, no restated one
        peers = [f for f in every if f.where is fig.where and f.context == fig.context]
        if sum(f.value.dims == fig.value.dims for f in peers) != 1:
            continue
        found = _split(fig, [f for f in every if f.line < fig.line], counts)
        if found is not None:
            total, share, count = found
            yield RestatedTotal(fig.where, fig.lit, fig.per, total, share, count)


#: Where the clause of a figure ends after it: ``…7.35 GB/s from its cache, which …`` (an
#: apposition, ``…33.6 MB/s, the cluster's aggregate``, goes on speaking of the figure).
_CLAUSE_END = lazy_compile(
    r",\s+(?:which|where|while|whereas|so|and|but|hence|though)\b|;|\s[—–]\s"
)


def _speaks_of_whole(fig: Figure) -> bool:
    """Whether the figure's clause speaks of a whole (``the cluster``, ``all GPUs``), a node
    being one for a GPU's figure but the very unit of a node's."""
    text = fig.where.text
    end = _CLAUSE_END.search(text, fig.lit.end)
    sentence_end = SENTENCE_END.search(text, fig.lit.end)
    stop = (
        min(m.start() for m in (end, sentence_end) if m is not None)
        if end or sentence_end
        else len(text)
    )
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, fig.lit.start)]
    clause = text[starts[-1] if starts else 0 : stop]
    own = {fig.per.lower(), f"{fig.per.lower()}s"} if fig.per == "node" else set()
    return any(m.group().lower() not in own for m in _WHOLE.finditer(clause))


def _split(
    fig: Figure, earlier: list[Figure], counts: set[Fraction]
) -> tuple[Figure, Figure, Fraction] | None:
    """The latest (total, share, count) of earlier figures that ``fig`` restates the total of."""
    same = [f for f in earlier if f.value.dims == fig.value.dims]
    interval = fig.value.interval
    totals = [
        t
        for t in reversed(same)
        if (not t.per or t.dividend) and interval.lo <= t.value.point <= interval.hi
    ]
    shares = [w for w in same if w.per == fig.per and not w.dividend and w.value.point > 0]
    # The latest total first, one written in the stated unit before any other.
    totals.sort(key=lambda t: t.lit.unit_text != fig.lit.unit_text)
    found: list[tuple[Figure, Figure, Fraction]] = []
    for share in reversed(shares):
        if interval.lo <= share.value.point <= interval.hi or not _related(fig, share):
            continue
        for total in totals:
            ratio = total.value.point / share.value.point
            count = round(ratio)
            if count >= 2 and abs(ratio - count) <= RATIO_SLACK * count and count in counts:
                found.append((total, share, Fraction(count)))
                break
    # "at TP=4 … 85.9 GB": the split by the count the sentence names, else the latest.
    named = [f for f in found if regex.search(rf"(?<![\d.,]){f[2]}(?!\d|[.,]\d)", fig.context)]
    best = named or found
    return best[0] if best else None


def _related(fig: Figure, share: Figure) -> bool:
    """A rate is the same rate; a size must share a noun with the share's sentence."""
    if fig.value.dims[1] < 0:
        return True
    return bool(nouns(fig.context) & nouns(share.context))


def nouns(text: str) -> set[str]:
    """The sentence's words that may name a quantity: no units, counted units or filler."""
    table = unit_table()
    words = (w for w in _WORD.findall(text) if w.lower() not in _COMMON)
    return {
        w.lower()[:5] for w in words if not _PER.fullmatch(f"per {w}") and table.lookup(w) is None
    }


def precise(lit: Lit) -> bool:
    if lit.is_range or lit.bound or lit.unit is None or lit.unit.kind == "percent":
        return False
    return len(lit.number.digits.lstrip("0").rstrip("0")) >= MIN_SIGNIFICANT


def _candidates(scanned: list[Scanned]) -> Iterator[bool]:
    """Whether each figure of a paragraph may be one ``restated_totals`` checks: precise, in a
    sentence that names a unit it is per (its other tests need every figure's value)."""
    for where, lit, _ in _figure_lits(scanned):
        if where.segment.kind == "paragraph" and precise(lit):
            yield _PER.search(_sentence(where.text, lit.start, lit.end)) is not None


def figures(doc: Document, scanned: list[Scanned]) -> Iterator[Figure]:
    """Each figure of paragraphs and cells, with its context and what it is per."""
    for where, lit, dividend in _figure_lits(scanned):
        yield _figure(doc, where, lit, dividend=dividend)


def _figure_lits(scanned: list[Scanned]) -> Iterator[tuple[Scanned, Lit, bool]]:
    """(where, literal, whether it is a dividend) of each figure of paragraphs and cells."""
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell"):
            continue
        for chain in where.result.chains:
            if chain.ignored:
                continue
            dividends = _dividends(chain.exprs)
            for expr in chain.exprs:
                node = strip_groups(expr)
                lits = [node] if isinstance(node, Lit) else [strip_groups(n) for n in dividends]
                for lit in lits:
                    if isinstance(lit, Lit) and not lit.is_range:
                        yield where, lit, not isinstance(node, Lit)


def _dividends(exprs: list[Node]) -> list[Node]:
    """``T / 8 ≈ W``: the literal total a chain divides by a bare count into its result."""
    if len(exprs) != 2:
        return []
    node = strip_groups(exprs[0])
    if not (isinstance(node, BinOp) and node.op == "/"):
        return []
    left, right = strip_groups(node.left), strip_groups(node.right)
    if isinstance(left, Lit) and isinstance(right, Lit) and right.unit is None:
        return [left]
    return []


def _figure(doc: Document, where: Scanned, lit: Lit, *, dividend: bool) -> Figure:
    line = doc.position(where.offsets[lit.num_start])[0]
    if where.segment.kind == "cell":
        cells = [c.strip() for c in doc.line_text(line).strip().strip("|").split("|")]
        context = cells[0] if cells else ""
    else:
        context = _sentence(where.text, lit.start, lit.end)
    clause = _up_to_clause_end(context, where.text, lit)
    match = _PER.search(clause)
    per = _unit_name(match.group(1)) if match and not _per_other(clause) else ""
    return Figure(lit, where, line, literal_value(lit, stated=True), context, per, dividend)


#: A clause break after a figure: ``…4.98 hours of stalls, at the price of one copy per node``.
_AFTER_CLAUSE = lazy_compile(r"[,;(]")


def _up_to_clause_end(sentence: str, text: str, lit: Lit) -> str:
    """The sentence up to the first clause break after the figure: a ``per node`` past it is
    another thing's."""
    at = text.find(sentence)
    if at < 0:
        return sentence
    end = _AFTER_CLAUSE.search(sentence, max(0, lit.end - at))
    return sentence[: end.start()] if end else sentence


def _unit_name(word: str) -> str:
    """``GPU`` for ``gpu`` and ``GPUs``; ``user`` for ``Users``."""
    return word.upper() if word.lower() == "gpu" else word.lower()


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
