"""A list item that prices the figure the item before ends with: ``- Facility energy: … =
3,175,500 kWh/year`` then ``- At the contracted $0.11/kWh: $349,305 per year``. The cost is the
figure × the price.

Read only when the item opens with ``at`` and a price per a unit (its only figure before the
cost), the cost follows it as the item's next figure, in money (per a time, or not), and the
item before (in the same list) ends with a figure whose unit times the price's is the cost's.
"""

from __future__ import annotations

import regex

from speclint.claims.model import (
    Claim,
    Scanned,
    earlier_figure_claim,
    last_figure,
    list_items,
    literal_text,
    single_lit,
)
from speclint.document import Document
from speclint.formula.evaluate import Evaluator, NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, TooComplex
from speclint.quantity.units import unit_table


def priced_item_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each item whose cost at its price is not the item before's figure × it."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in sorted(items.items()):
        before = items.get((list_id, index - 1))
        priced = _price_and_cost(where)
        if before is None or priced is None:
            continue
        figure = last_figure(before)
        if figure is None or figure.per.lower() != priced[1].per.lower():
            continue  # "… kWh/year" priced "$… per year": one period on both sides
        claim = _claim(document, figure, before, *priced, where)
        if claim is not None:
            claims.append(claim)
    return claims


def _price_and_cost(where: Scanned) -> tuple[Lit, Lit] | None:
    """The item's price per a unit right after its opening ``at`` and its cost after it."""
    chains = [c for c in where.result.chains if not c.ignored]
    if len(chains) < 2 or not where.text.lstrip().lower().startswith("at "):
        return None
    price, cost = single_lit(chains[0]), single_lit(chains[1])
    if price is None or cost is None:
        return None
    money = [x for x in (price, cost) if x.unit is not None and x.unit.kind == "currency"]
    if len(money) != 2 or price.per or price.bound or cost.bound or price.is_range:
        return None
    if price.unit is None or not any(d < 0 for d in price.unit.dims):
        return None  # a price per something
    return price, cost


def _claim(
    document: Document, figure: Lit, figure_where: Scanned, price: Lit, cost: Lit, where: Scanned
) -> Claim | None:
    try:
        computed = Evaluator().evaluate(BinOp("*", figure, price, "×"))
        stated_dims = literal_value(cost, stated=False).dims
    except (NotEvaluable, TooComplex):
        return None
    if computed.dims != stated_dims or computed.point <= 0:
        return None
    counted = figure.unit.counted if figure.unit else ""
    if counted != _denominator_counted(price):
        return None  # wall-clock hours priced per GPU-hour: the price is of another resource
    rest = f" × {literal_text(price, where)}"
    return earlier_figure_claim(document, figure, figure_where, cost, where, computed, rest)


def _denominator_counted(price: Lit) -> str:
    """What the unit a price is per counts (``gpu`` for ``$2.99 per GPU-hour``), "" for none."""
    last = regex.split(r"/| per ", price.unit_text)[-1].strip()
    unit = unit_table().lookup(last)
    return unit.counted if unit is not None else ""
