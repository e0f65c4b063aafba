"""A time to move an amount at a rate, in one sentence: ``Recovery transfer time (258.3 GB at
the 25 Gbps line rate): 10.3 s``, ``dispatch time at 50 GB/s: 58.7 MB → 0.15 ms``; or with the
amount the block before ends with, which the sentence points back to: ``… = 134 MB per stage
boundary`` then ``- at 400 Gb/s of EFA (50 GB/s) that chunk needs 0.34 ms on the wire``.

The time can be no shorter than amount ÷ rate (the line rate is the most a link moves); it may
be longer (protocol overhead, latency), so only a time shorter than that is wrong, and a bits
vs bytes slip is named as such. (``amount_at_rate`` in :mod:`prose` and :mod:`rate_first` read
``A at R takes T`` and ``At R, A loads in T`` as equations; this reading takes the shapes they
do not, as a floor.)

Read only when, in the sentence before the time, every value is the one amount of bytes or
the rate of bytes (or bits) per second (a rate restated in brackets is the same rate), the
sentence says ``at``, ``over``, ``on`` or ``via``, the rate is no one unit's (``per node``), and
the time, no formula's result, follows a colon, an arrow or a verb of taking (``takes``,
``needs``); the amount of the block before is read only for ``that <noun>`` or ``this <noun>``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Lit, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.exact import INFINITY
from speclint.quantity.interval import Interval

#: Dimensions of bytes, bytes per second and seconds.
_AMOUNT, _RATE, _TIME = (
    (1, 0, 0, 0, 0, 0, 0, 0, 0),
    (1, -1, 0, 0, 0, 0, 0, 0, 0),
    (0, 1, 0, 0, 0, 0, 0, 0, 0),
)
#: Words that put a rate to a transfer: ``at 25 Gbps``, ``over the 400 Gb/s link``.
_ALONG = frozenset({"at", "over", "on", "via"})
#: What may stand right before the time: ``: 10.3 s``, ``→ 0.15 ms``, ``takes 0.021 s``.
_LEADS = frozenset(
    {":", "→", "->", "=", "≈", "~", "takes", "take", "took", "needs", "need", "about", "in"}
)
#: Words between the rate and the time that start another clause: ``and the rebuild take``.
_OTHER_CLAUSE = frozenset({"and", "while", "but", "whereas", ";"})
#: A time said to be each one's.
_EACH_AFTER = lazy_compile(r"\s*(?:each|apiece)\b")
#: Where a sentence ends.
_SENTENCE_END = lazy_compile(r"[.!?](?=\s)|\n\s*\n")
#: ``that chunk``, ``this traffic``: the sentence's amount is the block before's.
_POINTS_BACK = lazy_compile(r"\b(?:that|this)\s+(?!is\b|was\b)[a-z][\w-]*", flags=0)


@dataclass(frozen=True)
class _Value:
    lit: Lit
    dims: tuple[int, ...]
    token: int  # the index of its first token
    computed: bool = False  # its chain has a formula: the result of that formula


def transfer_time_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each time a sentence gives to move an amount at a rate."""
    claims: list[Claim] = []
    before: tuple[Scanned, Lit] | None = None  # the last amount of the block before
    for where in scanned:
        if where.segment.kind != "paragraph":
            before = None
            continue
        values = list(_values(where))
        for time in (v for v in values if v.dims == _TIME):
            claim = _claim(document, where, values, time, before)
            if claim is not None:
                claims.append(claim)
        amounts = [v for v in values if v.dims == _AMOUNT]
        before = (where, amounts[-1].lit) if amounts else None
    return claims


def _values(where: Scanned) -> Iterator[_Value]:
    """The segment's plain values (not the operands of a formula), in order."""
    starts = [t.start for t in where.tokens]
    for chain in where.result.chains:
        if chain.ignored:
            continue
        computed = any(not isinstance(strip_groups(expr), Lit) for expr in chain.exprs)
        for expr in chain.exprs:
            lit = strip_groups(expr)
            if not isinstance(lit, Lit):
                continue
            if lit.unit is None or lit.is_range or lit.bound or lit.is_percent:
                yield _Value(lit, (), chain.tok_start, computed)
                continue
            try:
                dims = literal_value(lit, stated=True).dims
            except NotEvaluable:
                continue
            yield _Value(lit, dims, bisect_left(starts, lit.num_start), computed)


def _claim(
    document: Document,
    where: Scanned,
    values: list[_Value],
    time: _Value,
    before: tuple[Scanned, Lit] | None,
) -> Claim | None:
    text = where.text
    breaks = [m.end() for m in _SENTENCE_END.finditer(text, 0, time.lit.start)]
    start = breaks[-1] if breaks else 0
    earlier = [v for v in values if start <= v.lit.start < time.lit.start]
    rates = [v for v in earlier if v.dims == _RATE]
    amounts = [v for v in earlier if v.dims == _AMOUNT]
    if not rates or len(rates) + len(amounts) != len(earlier) or len(amounts) > 1:
        return None  # another value in the sentence: a formula this reading does not see
    if len({literal_value(r.lit, stated=True).point for r in rates}) != 1:
        return None
    rate = rates[0]
    if time.computed or rate.lit.per or time.lit.label:
        return None  # "… = 396 s": its own formula; "per node": how many?; "26 s chunks"
    tokens = where.tokens
    words = {t.text.lower() for t in tokens if start <= t.start < time.lit.start}
    between = {t.text.lower() for t in tokens if rate.lit.end <= t.start < time.lit.start}
    lead = tokens[time.token - 1].text.lower() if time.token > 0 else ""
    if not words & _ALONG or lead not in _LEADS or between & _OTHER_CLAUSE:
        return None
    if _EACH_AFTER.match(text, time.lit.end):
        return None  # "… take 26 s each": the time of each of several things
    if amounts:
        amount, amount_where = amounts[0].lit, where
    elif before is not None and _POINTS_BACK.search(text[start : time.lit.start].lower()):
        amount_where, amount = before
    else:
        return None
    return _time_claim(document, where, time.lit, amount, amount_where, rate.lit)


def _time_claim(
    document: Document, where: Scanned, stated: Lit, amount: Lit, amount_where: Scanned, rate: Lit
) -> Claim:
    """The claim that ``stated`` is no shorter than ``amount`` ÷ ``rate``."""
    a, r = literal_value(amount, stated=True), literal_value(rate, stated=True)
    point = a.point / r.point
    if r.interval.lo > 0:
        interval = a.interval / r.interval
    else:  # "at ~10 Gbps": a rate that may be near nothing bounds the time from below only
        interval = Interval(a.interval.lo / r.interval.hi, INFINITY)
    computed = Value(point, interval, _TIME, False)
    line = document.position(amount_where.offsets[amount.num_start])[0]
    amount_text = literal_text(amount, amount_where)
    shown = amount_text if amount_where is where else f"{amount_text} (line {line})"
    return Claim(
        "formula",
        stated,
        where,
        relation="<=",
        floor=True,
        computed=computed,
        formula=BinOp("/", amount, rate, "/"),
        formula_where=where if amount_where is where else None,  # spans of two blocks
        derivation=f"{shown} / {literal_text(rate, where)}",
        assumption="a link moves at most its rate",
        parts=[Related(line, f"the amount moved: {amount_text}")],
    )
