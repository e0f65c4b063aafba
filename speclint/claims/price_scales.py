"""A price per a count of things restated per another count of them: ``$10 per 1M tokens
($0.01 per 1K tokens)``, ``$0.40 per 1,000 requests, i.e. $4 per 10K requests``. The second
price is the first ÷ its count × the second's count.

Both prices are plain amounts of money each followed by ``per`` and a count of the same things
(one side may leave the noun out: ``per 1K``), the two joined only by brackets or words that
say they are one amount (``i.e.``, ``that is``, ``which is``, ``or``, ``=``, ``≈``). Counts of
other things (``input`` and ``output`` tokens, requests and tokens), equal counts (two prices
of the same thing), a price with terms after its count (``… with the batch API``) and
restatements off by more than a slip of scale are not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit

#: Words that say the second price is the first one, after the brackets and commas.
_SAME_AMOUNT = frozenset(
    {(), ("i.e.",), ("that", "is"), ("which", "is"), ("or",), ("=",), ("≈",), ("~",)}
)
#: Words that make the restated price approximate.
_HEDGES = frozenset({"about", "roughly", "around", "approximately", "~", "≈"})
#: Ratios of the restated price to the computed one that a slip of scale explains.
_SLIPS = tuple(Fraction(10) ** k for k in (-3, -2, -1, 1, 2, 3))


@dataclass(frozen=True)
class _Priced:
    """A price and the count it is per, at chains ``first`` (the price) and ``first + 1``."""

    price: Lit
    count: Lit
    first: int


def price_per_another_count(state: State) -> None:
    """Each price per a count that restates the price before it per another count."""
    priced = list(_priced(state))
    for before, after in pairwise(priced):
        if after.first != before.first + 2 or not _same_things(before.count, after.count):
            continue
        chains = state.chains
        words = state.phrase_between(chains[before.first + 1], chains[after.first])
        approx = _approx(words)
        if approx is None or not _ends(state, after):
            continue
        if not _plausible(before, after):
            continue
        formula = BinOp("*", BinOp("/", before.price, before.count, "/"), after.count, "×")
        price = literal_text(before.price, state.where)
        counts = (literal_text(c, state.where) for c in (before.count, after.count))
        state.claims.append(
            Claim(
                "conversion",
                after.price,
                state.where,
                relation="≈" if approx or after.price.approx or before.price.approx else "=",
                formula=formula,
                formula_where=state.where,
                derivation=f"{price} / {next(counts)} × {next(counts)}",
            )
        )


def _priced(state: State) -> Iterator[_Priced]:
    """Each plain price whose chain is followed by ``per`` and a chain of one count."""
    chains = state.chains
    for k in range(len(chains) - 1):
        price, count = single_lit(chains[k]), single_lit(chains[k + 1])
        if price is None or count is None or not _plain_price(price) or not _count(count):
            continue
        if state.words_between(chains[k], chains[k + 1]) == ["per"]:
            yield _Priced(price, count, k)


#: What may follow the restated price's count: the end of its clause or bracket.
_CLAUSE_ENDS = frozenset({")", ".", ",", ";", ":", "]"})


def _ends(state: State, priced: _Priced) -> bool:
    """Whether the clause ends right after the count (``… with the batch API`` names the
    other price's terms: another price, not this one restated)."""
    end = state.chains[priced.first + 1].tok_end
    tokens = state.where.tokens
    return end >= len(tokens) or tokens[end].text in _CLAUSE_ENDS


def _plain_price(lit: Lit) -> bool:
    """An amount of money, not per anything, a range or a bound."""
    unit = lit.unit
    if unit is None or unit.kind != "currency" or any(unit.dims[:2]):
        return False
    return not (lit.per or lit.bound or lit.is_range or lit.label)


def _count(lit: Lit) -> bool:
    """A count of things: a number (with a scale or not) of no unit or a unit of no time,
    length or money."""
    if lit.per or lit.bound or lit.is_range or lit.is_percent:
        return False
    unit = lit.unit
    return unit is None or (unit.kind not in ("currency", "percent") and not any(unit.dims[:3]))


def _same_things(a: Lit, b: Lit) -> bool:
    """Whether two counts count the same things (one may name none) and differ in size."""
    if a.unit is not None and b.unit is not None and a.unit.dims != b.unit.dims:
        return False
    if a.label and b.label and a.label.lower() != b.label.lower():
        return False
    try:
        return literal_value(a, stated=False).point != literal_value(b, stated=False).point
    except NotEvaluable:
        return False


def _approx(words: list[str]) -> bool | None:
    """Whether the words say the next price is the same amount: approximately (``True``),
    exactly (``False``) or not at all (``None``)."""
    words = [w for w in words if w not in ("(", ",")]
    hedged = bool(words) and words[-1] in _HEDGES and words[-1] not in ("~", "≈")
    if hedged:
        words = words[:-1]
    if tuple(words) not in _SAME_AMOUNT:
        return None
    return hedged or bool(set(words) & {"~", "≈"})


def _plausible(before: _Priced, after: _Priced) -> bool:
    """Whether the restated price is within half and twice the computed one, or off by a
    slip of scale (10×, 100×, 1000×): anything else is another price, not this one."""
    try:
        price, stated = (literal_value(x.price, stated=False).point for x in (before, after))
        counts = [literal_value(x.count, stated=False).point for x in (before, after)]
    except NotEvaluable:
        return False
    computed = price / counts[0] * counts[1]
    if computed <= 0 or stated <= 0:
        return False
    ratio = stated / computed
    near = Fraction(1, 2) <= ratio <= 2
    return near or any(Fraction(9, 10) <= ratio / slip <= Fraction(11, 10) for slip in _SLIPS)
