"""A price per tokens worked out from an hourly cost and a token rate in one sentence:
``a node at $23.92/h, that's 8 × 1,450 = 11,600 tok/s → $0.573/Mtok``. The price is checked
as cost ÷ rate × tokens, with the rate that comes right before it (a per-GPU rate under a
node's cost is the slip this finds)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, quantity_text, single_lit, written_value
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Chain, Lit, strip_groups
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: What a price is per: ``Mtok``, ``1M tokens``, ``million tokens``, ``1k tok``.
_PER_TOKENS = lazy_compile(
    r"^(?:(\d+(?:\.\d+)?)\s*)?(k|m|b|thousand|million|billion)?\s*(?:tok|toks|tokens?)$",
    regex.I,
)
_SCALE = {"": 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "b": 10**9}
_SCALE["billion"] = 10**9
#: Words between the rate and the price that make the price what the rate works out to.
_GIVES = frozenset("→ = ≈ , so i.e. i.e that's thats is gives or which comes to".split())


def price_from_rate(state: State) -> None:
    """Each price per tokens that follows an hourly cost and a token rate, checked."""
    for cost, rate, price, tokens in _prices(state):
        formula = BinOp("*", BinOp("/", cost, rate, "/"), _tokens(tokens), "×")
        value = _value(formula, price)
        if value is None:
            continue
        c, r = quantity_text(cost, state.where), quantity_text(rate, state.where)
        state.claims.append(
            Claim(
                "formula",
                price,
                state.where,
                relation="≈" if price.approx or cost.approx or rate.approx else "=",
                computed=value,
                derivation=f"{c} / {r} × {tokens:,} tokens",
            )
        )


def _prices(state: State) -> Iterator[tuple[Lit, Lit, Lit, int]]:
    """(cost per time, token rate, price, tokens the price is per) in sentence order."""
    chains = state.chains
    for k in range(1, len(chains) - 1):
        rate, price = strip_groups(chains[k].exprs[-1]), single_lit(chains[k + 1])
        if not isinstance(rate, Lit) or price is None or not _token_rate(rate):
            continue
        if price.unit is None or price.unit.kind != "currency" or price.bound or price.is_range:
            continue
        tokens = _per_tokens(price) or _counted_after(state, chains, k + 1)
        if tokens is None or not set(state.words_between(chains[k], chains[k + 1])) <= _GIVES:
            continue
        costs = [c for c in _lits(chains[:k]) if _hourly_cost(c)]
        if len(costs) == 1 and not _stop_between(state, costs[0], rate):
            yield costs[0], rate, price, tokens


def _counted_after(state: State, chains: list[Chain], k: int) -> int | None:
    """``$0.573 per 1M tokens``: the count of tokens in the chain after the price."""
    price = single_lit(chains[k])
    if price is None or price.per or k + 1 >= len(chains):
        return None
    count = single_lit(chains[k + 1])
    if count is None or state.words_between(chains[k], chains[k + 1]) != ["per"]:
        return None
    if count.bound or count.per or count.approx or count.is_range:
        return None
    unit = count.unit
    if unit is not None and not (unit.kind == "tokens" and unit.dims[1] == 0):
        return None
    if unit is None and count.label.lower() not in ("tokens", "token", "tok"):
        return None
    value = literal_value(count, stated=True).point
    return int(value) if value == int(value) and value >= 1 else None


def _lits(chains: list[Chain]) -> list[Lit]:
    found = [strip_groups(e) for chain in chains for e in chain.exprs]
    return [node for node in found if isinstance(node, Lit)]


def _token_rate(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range or lit.is_percent)
    return plain and unit is not None and unit.kind == "tokens" and unit.dims[1] == -1


def _hourly_cost(lit: Lit) -> bool:
    """``$23.92/h``, ``$2.99 per GPU-hour`` read as currency per time."""
    table, unit = unit_table(), lit.unit
    if unit is None or lit.per or lit.bound or lit.is_range or lit.is_percent:
        return False
    hard = table.hard_part(unit.dims)
    return hard[1] == -1 and hard[2] == 1 and not any(hard[:1] + hard[3:])


def _per_tokens(price: Lit) -> int | None:
    """The tokens a price is per when its unit says so (``$0.57/Mtok``)."""
    if not price.per:
        return None
    found = _PER_TOKENS.match(price.per.strip())
    if found is None:
        return None
    count = Fraction(found.group(1) or 1) * _SCALE[(found.group(2) or "").lower()]
    return int(count) if count == int(count) and count >= 1 else None


def _tokens(count: int) -> Lit:
    text = str(count)
    return Lit(make_literal(text, text), 0, 0, 0, 0, unit=unit_table().units["tokens"])


def _value(formula: BinOp, price: Lit) -> Value | None:
    computed = written_value(formula)
    try:
        stated = literal_value(price, stated=True)
    except NotEvaluable:
        return None
    if computed is None:
        return None
    table = unit_table()
    return computed if table.hard_part(computed.dims) == table.hard_part(stated.dims) else None


def _stop_between(state: State, cost: Lit, rate: Lit) -> bool:
    """A sentence ends between the cost and the rate."""
    text = state.where.text[cost.end : rate.start]
    return ";" in text or SENTENCE_END.search(text) is not None
