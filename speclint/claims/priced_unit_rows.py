"""Costs along table rows at the one price per unit the document states before the table:
``Inter-region transfer is billed at $0.02/GB.`` over ``| Flow | GB billed | Cost |``, where each
row's cost is its amount in GB times $0.02.

Read only when the prose before the table states exactly one price per units of that dimension
(``$0.02/GB``; a price per an hour is :mod:`priced_hour_rows`'), the table has a money column
(``$``, ``Cost``) and, left of it, columns whose headers name a unit of that dimension (``GB
billed``): the column read is the one of them for which another row holds the reading and
exactly one row breaks it (no other column may fit as well). **Total** rows are left to the
column's sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.priced_hour_rows import MONEY_HEADER, prose_figures
from speclint.claims.sums import cell_value
from speclint.claims.table_rows import body_cells, part_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit
from speclint.quantity.precision import written_interval
from speclint.quantity.units import Unit, unit_table

#: A word of a header that may name a unit (``GB`` of ``GB billed``).
_WORD = regex.compile(r"[A-Za-z][A-Za-z/]*")


@dataclass(frozen=True)
class _Price:
    lit: Lit
    where: Scanned
    line: int
    #: Dollars per base unit of the amount (per byte for ``$0.02/GB``).
    per_base: Fraction
    dims: tuple[int, ...]  # of the amount priced


@dataclass(frozen=True)
class _Row:
    amount: Lit
    amount_where: Scanned
    cost: Lit
    cost_where: Scanned


def priced_unit_row_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each table's one row whose cost is not its amount times the price."""
    if "$" not in document.source or "|" not in document.source:
        return []
    prices = _prices(document, scanned)
    claims = []
    for cells in body_cells(scanned).values() if prices else ():
        claim = _table_claim(document, cells, prices)
        if claim is not None:
            claims.append(claim)
    return claims


def _prices(document: Document, scanned: list[Scanned]) -> list[_Price]:
    """Every price per an amount of a non-time unit in the document's prose (``$0.02/GB``)."""
    found = []
    for lit, where, line in prose_figures(document, scanned):
        unit = lit.unit
        if unit is None or unit.kind != "currency" or lit.per or unit.dims[_MONEY] != 1:
            continue  # dollars per an amount (dims: byte, second, usd, …)
        amount = tuple(0 if k == _MONEY else -d for k, d in enumerate(unit.dims))
        if not any(amount) or amount[_TIME] or any(d < 0 for d in amount):
            continue
        try:
            value = literal_value(lit, stated=False).point
        except NotEvaluable:
            continue
        found.append(_Price(lit, where, line, value, amount))
    return found


#: Positions of time and money in a unit's dimensions (``units.toml``'s order).
_TIME, _MONEY = 1, 2


def _table_claim(
    document: Document, cells: dict[tuple[int, int], Scanned], prices: list[_Price]
) -> Claim | None:
    first = min((where.offsets[0] for where in cells.values() if where.offsets), default=0)
    headers = _headers(cells)
    money = [col for col, text in headers.items() if MONEY_HEADER.match(text)]
    if len(money) != 1:
        return None
    readings = []
    for col, unit in _amount_columns(headers, money[0]):
        own = [p for p in prices if p.dims == unit.dims and p.where.offsets[0] < first]
        if len({p.per_base for p in own}) != 1:
            continue  # no price of this kind before the table, or several: which is unsure
        rows = _rows(cells, col, money[0])
        broken = [r for r in rows if not _holds(r, unit, own[0])]
        if len(broken) == 1 and len(rows) >= 2:
            readings.append((broken[0], unit, own[0], len(rows) - 1))
    if len(readings) != 1:
        return None
    return _claim(document, *readings[0])


def _headers(cells: dict[tuple[int, int], Scanned]) -> dict[int, str]:
    return {
        col: where.segment.cell.header
        for (_, col), where in cells.items()
        if where.segment.cell is not None
    }


def _amount_columns(headers: dict[int, str], money: int) -> list[tuple[int, Unit]]:
    """The columns left of the money column whose header names one unit (``GB billed``)."""
    table = unit_table()
    found = []
    for col, text in headers.items():
        units = {u for w in _WORD.findall(text) if (u := table.lookup(w)) is not None}
        if col < money and len(units) == 1:
            found.append((col, units.pop()))
    return found


def _rows(cells: dict[tuple[int, int], Scanned], amount_col: int, money_col: int) -> list[_Row]:
    """Each row outside a **Total** row with a bare amount and a plain cost."""
    by_row: dict[int, dict[int, Scanned]] = {}
    for row, col, where in part_cells(cells):
        by_row.setdefault(row, {})[col] = where
    found = []
    for line in by_row.values():
        if amount_col not in line or money_col not in line:
            continue
        amount, cost = (cell_value(line[col]) for col in (amount_col, money_col))
        if not (isinstance(amount, Lit) and isinstance(cost, Lit)):
            continue
        bare = amount.unit is None and not (amount.per or amount.bound or amount.is_range)
        money = cost.unit is not None and cost.unit.kind == "currency"
        if bare and money and not (cost.per or cost.bound or cost.is_range):
            found.append(_Row(amount, line[amount_col], cost, line[money_col]))
    return found


def _holds(row: _Row, unit: Unit, price: _Price) -> bool:
    spent = written_interval(row.amount, stated=True).scale(unit.factor * price.per_base)
    return spent.overlaps(literal_value(row.cost, stated=True).interval)


def _claim(document: Document, row: _Row, unit: Unit, price: _Price, agreeing: int) -> Claim:
    stated = literal_value(row.cost, stated=True)
    rate = unit.factor * price.per_base
    exact = written_interval(row.amount, stated=False)
    computed = Value(row.amount.number.value * rate, exact.scale(rate), stated.dims, stated.bare)
    price_text = literal_text(price.lit, price.where)
    line = document.position(row.amount_where.offsets[row.amount.num_start])[0]
    rows = f"{agreeing} other rows show" if agreeing > 1 else "another row shows"
    amount = f"{row.amount.number.text} {unit.text}"
    return Claim(
        "formula",
        row.cost,
        row.cost_where,
        computed=computed,
        derivation=f"{amount} × {price_text} (line {price.line})",
        assumption=f"the column is its row's {unit.text} × the document's one price, as {rows}",
        parts=[Related(line, amount), Related(price.line, price_text)],
    )
