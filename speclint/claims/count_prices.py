"""Prices a document states per a round count of things, read as such where a formula reuses
them: ``GET $0.0004 per 1,000`` and later ``715,256 GETs × $0.0004 = $286`` is checked as
715,256 × $0.0004 / 1,000 (and ``200,000 PUTs × $0.005 = $1`` holds).

A price is read per a count when a ``$`` figure is followed by ``per`` and a round count
(1,000, 1k, 1M, a million); a formula reuses it when one of its operands is that price written
the same way, its stated result is money, and it does not already divide by the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from speclint.claims.model import Claim, Scanned
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, literal_value
from speclint.formula.expr import (
    BinOp,
    Chain,
    Lit,
    Node,
    TooComplex,
    literals,
    operators,
    strip_groups,
)
from speclint.quantity.exact import fold
from speclint.quantity.numbers import make_literal

#: Counts a price may be per: a thousand, a million, a billion.
_ROUND_COUNTS = frozenset({Fraction(10**3), Fraction(10**6), Fraction(10**9)})
#: The same in words, with how a derivation writes them.
_COUNT_WORDS = {
    "thousand": (Fraction(10**3), "1k"),
    "million": (Fraction(10**6), "1M"),
    "billion": (Fraction(10**9), "1B"),
}


@dataclass(frozen=True)
class CountPrice:
    """``$0.0004 per 1,000``: the price as written, the count and the line."""

    text: str
    prefix: str
    count: Fraction
    count_text: str
    line: int


def count_prices(document: Document, scanned: list[Scanned]) -> dict[tuple[str, str], CountPrice]:
    """The document's prices per a round count, by (currency, number as written)."""
    prices: dict[tuple[str, str], CountPrice] = {}
    for where in scanned:
        chains = where.result.chains
        for key, in_words in _prices_in_words(document, where):
            prices.setdefault(key, in_words)
        for chain, nxt in pairwise(chains):
            found = _price_per_count(where, chain, nxt)
            if found is not None:
                price, count = found
                line = document.position(where.offsets[price.num_start])[0]
                key = (price.prefix, price.number.text)
                text = where.text[count.start : count.end].strip()
                prices.setdefault(key, CountPrice(price.number.text, price.prefix,
                                                  literal_value(count, stated=False).point,
                                                  text, line))  # fmt: skip
    for key in _priced_per_other(scanned, prices):
        del prices[key]  # "$0.01 per GB" and "$0.01 per 1,000": which one a formula reuses?
    return prices


def _priced_per_other(
    scanned: list[Scanned], prices: dict[tuple[str, str], CountPrice]
) -> set[tuple[str, str]]:
    """The prices also written per something else than their count (``$0.01 per GB``)."""
    other = set()
    for where in scanned:
        for chain in where.result.chains:
            for lit in (lit for expr in chain.exprs for lit in literals(expr)):
                key = (lit.prefix or "$", lit.number.text)
                if key not in prices or not (lit.per or "/" in lit.unit_text):
                    continue
                if _count_named(lit.per or lit.unit_text) != prices[key].count:
                    other.add(key)
    return other


#: Counts a price may be per, as written after ``per`` or ``/``.
_NAMED_COUNTS = {"k": 10**3, "1k": 10**3, "m": 10**6, "1m": 10**6, "b": 10**9, "1b": 10**9}


def _count_named(per: str) -> Fraction | None:
    """The count ``per`` names (``1,000``, ``/M``, ``million``), or None for a unit (``GB``)."""
    word = per.strip().lstrip("/").split(" ")[0].lower().replace(",", "")
    if word in _COUNT_WORDS:
        return _COUNT_WORDS[word][0]
    if word in _NAMED_COUNTS:
        return Fraction(_NAMED_COUNTS[word])
    return Fraction(word) if word.isdigit() else None


def _prices_in_words(
    document: Document, where: Scanned
) -> Iterator[tuple[tuple[str, str], CountPrice]]:
    """``$0.88 per million tokens``: prices per a count written in words, by key."""
    for chain in where.result.chains:
        price = strip_groups(chain.exprs[0]) if len(chain.exprs) == 1 else None
        if not isinstance(price, Lit) or not price.prefix or chain.relations:
            continue
        word = (price.per or "").split(" ")[0].lower()
        if word in _COUNT_WORDS and not (price.is_range or price.bound):
            line = document.position(where.offsets[price.num_start])[0]
            count, text = _COUNT_WORDS[word]
            found = CountPrice(price.number.text, price.prefix, count, text, line)
            yield (price.prefix, price.number.text), found


def _price_per_count(where: Scanned, chain: Chain, nxt: Chain) -> tuple[Lit, Lit] | None:
    if len(chain.exprs) != 1 or len(nxt.exprs) != 1 or chain.relations or nxt.relations:
        return None
    price, count = strip_groups(chain.exprs[0]), strip_groups(nxt.exprs[0])
    if not isinstance(price, Lit) or not isinstance(count, Lit) or not price.prefix:
        return None
    if price.per or price.is_range or price.bound or (count.unit is not None and count.per):
        return None
    between = [t.text.lower() for t in where.tokens[chain.tok_end : nxt.tok_start]]
    if between != ["per"] or count.is_range or count.bound:
        return None
    if literal_value(count, stated=False).point not in _ROUND_COUNTS:
        return None
    return price, count


def apply_count_prices(claims: list[Claim], prices: dict[tuple[str, str], CountPrice]) -> None:
    """Divide each formula that reuses a price per a count by that count."""
    if not prices:
        return
    for claim in claims:
        if claim.formula is None or not claim.stated.prefix or claim.assumption:
            continue
        if operators(claim.formula) - {"*"}:
            continue  # it divides already, or adds things up
        used = [p for lit in literals(claim.formula) if (p := _price_of(lit, prices)) is not None]
        if len(used) != 1:
            continue
        price = used[0]
        count = make_literal(price.count_text, str(int(price.count)))
        divisor = Lit(count, 0, 0, 0, 0)
        divided = BinOp("/", claim.formula, divisor, "/")
        if _counted_as_written(claim.formula) and nearer_as_written(
            claim.formula, divided, claim.stated
        ):
            continue  # "6,293 × $0.25" after "$0.25 per 1M tokens": 6,293 millions, as written
        claim.formula = divided
        claim.derivation = f"{claim.derivation} / {price.count_text}"
        claim.assumption = f"the price {price.prefix}{price.text} is per {price.count_text}"
        claim.parts.append(
            Related(price.line, f"{price.prefix}{price.text} per {price.count_text}")
        )


def nearer_as_written(formula: Node, in_count: Node, stated: Lit) -> bool:
    """Whether ``formula`` as written comes nearer the stated figure than ``other``, its count
    read in the unit a price is per (``$474,240 ÷ 1.70M`` with 1.70M millions, or with 1.70
    millions; ``6,293 × $0.25`` with 6,293 millions, or divided by a million)."""
    target = literal_value(stated, stated=True)
    gaps = []
    for node in (formula, in_count):
        try:
            computed = Evaluator().evaluate(node)
        except (NotEvaluable, TooComplex):
            return False
        if computed.dims != target.dims or computed.point <= 0 or target.point <= 0:
            return False
        gaps.append(fold(Fraction(computed.point), Fraction(target.point)))
    return gaps[0] < gaps[1]


def _counted_as_written(formula: Node) -> bool:
    """Every count of the formula is a plain number (``6,293``, not ``6.293B`` or ``715,256
    GETs``, which count the things themselves): it may be counted in the unit the price is per."""
    return all(lit.scale is None and not lit.label for lit in literals(formula) if lit.unit is None)


def _price_of(lit: Lit, prices: dict[tuple[str, str], CountPrice]) -> CountPrice | None:
    if lit.per or lit.scale is not None or lit.unit_text.strip():
        return None  # "$0.005 per 1,000" in the formula itself carries its own count
    return prices.get((lit.prefix or "$", lit.number.text))
