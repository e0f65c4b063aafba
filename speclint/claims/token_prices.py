"""A price per tokens restated from a cost per period at a rate the section stated earlier.

``2 replicas: ~6,000 tokens/s`` and, lines later, ``$29,083/month, i.e. about $1.84 per 1M
tokens at full utilisation``: the price is the cost over the tokens the section's rate makes
in the period. A section can state several rates (capacity, measured, demand), so every rate
it states before the price is a reading; the price is claimed only when it holds under none
of them, and the claim computes the reading closest to it (the least the price is off by).
Rates said of one unit (``per replica``, ``each GPU``, ``single stream``) are not the rate the
whole cost buys and are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.prose import (
    PriceRestatement,
    inline_rate,
    price_at_rate,
    price_claim,
    price_restatements,
    token_rate,
)
from speclint.data import load
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile

_WORDS = load("statements.toml")["price"]
#: Words that make a rate one unit's (one GPU, replica or stream), not what a fleet's cost buys.
_ONE_UNIT = lazy_compile(_WORDS["one-unit"], regex.IGNORECASE)
#: What may follow the price's token count: nothing, or a basis that names no other rate.
_BASIS = lazy_compile(_WORDS["basis"], regex.IGNORECASE)


@dataclass(frozen=True)
class _Rate:
    lit: Lit
    where: Scanned
    line: int
    offset: int


def section_price_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """Every price per tokens restated from a cost per period with no rate of its own, that
    holds at none of the rates its section stated before it."""
    rates: dict[tuple[str, ...], list[_Rate]] = {}
    for where in scanned:
        rates.setdefault(where.segment.section, []).extend(_rates(document, where))
    claims = []
    for where in scanned:
        if not rates.get(where.segment.section):
            continue  # no rate in the section: every reading is missing, no claim
        state = State(document, where)
        for restated in price_restatements(state):
            if inline_rate(state, restated) is not None:
                continue
            if _BASIS.match(where.text, restated.count.end) is None:
                continue  # "at our 2024 volume": a rate the section may not state
            start = where.offsets[restated.cost.num_start]
            before = [r for r in rates.get(where.segment.section, []) if r.offset < start]
            claim = _claim(where, restated, before)
            if claim is not None:
                claims.append(claim)
    return claims


def _rates(document: Document, where: Scanned) -> Iterator[_Rate]:
    """The token rates of a segment a whole cost can buy (``~6,000 tokens/s``)."""
    for chain in where.result.chains:
        if chain.ignored:
            continue
        for expr in chain.exprs:
            lit = strip_groups(expr)
            if not isinstance(lit, Lit) or not token_rate(lit):
                continue
            if _ONE_UNIT.search(_clause(where.text, lit.start, lit.end)):
                continue
            offset = where.offsets[lit.num_start]
            yield _Rate(lit, where, document.position(offset)[0], offset)


#: Where a clause ends: a full stop, semicolon or line break.
_CLAUSE_END = lazy_compile(r"[.;!?](?=\s|$)|\n")


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around [start, end): from the last clause end before it to the
    next one after it."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def _claim(where: Scanned, restated: PriceRestatement, rates: list[_Rate]) -> Claim | None:
    """The claim at the reading closest to the stated price, when none of them holds."""
    try:
        stated = literal_value(restated.price, stated=True).interval
    except NotEvaluable:
        return None
    readings: list[tuple[Value, _Rate]] = []
    for rate in rates:
        value = price_at_rate(restated, rate.lit)
        if value is None or value.point <= 0:
            return None  # a free or unreadable reading: nothing to compare with
        low, high = value.interval.lo, value.interval.hi
        if stated.lo <= high and low <= stated.hi:
            return None  # the price holds at this rate
        readings.append((value, rate))
    if not readings:
        return None
    point = restated.price.number.value
    value, rate = min(readings, key=lambda r: abs(r[0].point - point) / r[0].point)
    rate_text = literal_text(rate.lit, rate.where)
    claim = price_claim(where, restated, value, rate_text)
    assumed = [claim.assumption] if claim.assumption else []
    if len(readings) > 1:
        assumed.append(f"the section's {len(readings) - 1} other rates put the price further off")
    return replace(
        claim,
        inputs=[Related(rate.line, f"the section's rate: {rate_text}")],
        assumption="; ".join(assumed),
    )
