"""Costs along table rows at the one price per resource-hour the document states before the
table: ``Reserved rate: $1.79 per GPU-hour.`` over ``| Item | GPU-hours | $ |``, where each row's
cost is its GPU-hours times $1.79.

Read only when the table has one column of resource-hours (``GPU-hours``, ``Node-h``) and, right
of it, one column of money (``$``, ``Cost``, ``Cost ($)``), the document's prose states exactly
one price per that resource-hour (``per GPU-hour``, ``/H100-h``) and states it before the table,
another row holds the reading, and exactly one row breaks it. **Total** rows are left to the
column's sum.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, nameable_result
from speclint.claims.priced_hours import per_hour, priced_noun, resource_of
from speclint.claims.sums import cell_value
from speclint.claims.table_rows import body_cells, part_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_compile
from speclint.quantity.precision import written_interval

#: A column of resource-hours: ``GPU-hours``, ``GPU-h``, ``Node-hours``, ``H100-hours``.
_HOURS_HEADER = lazy_compile(r"^\W*([A-Za-z]\w*)-(?:hours?|hrs?|h)\W*$")
#: A column of money: ``$``, ``Cost``, ``Cost ($)``, ``USD``.
MONEY_HEADER = lazy_compile(
    r"^\W*(?:[$€£]|cost|usd|eur|spend)(?:\s*\(\s*(?:[$€£]|usd|eur)\s*\))?\W*$", regex.I
)


@dataclass(frozen=True)
class _Price:
    lit: Lit
    where: Scanned
    line: int
    noun: str  # as written: "GPU", "H100"
    per_hour: Fraction

    @property
    def resource(self) -> str:
        return resource_of(self.noun)


def priced_hour_row_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each table's one row whose cost is not its hours times the document's price."""
    source = document.source
    if "$" not in source or "-h" not in source.lower():
        return []
    prices = _prices(document, scanned)
    if not prices:
        return []
    claims = []
    for cells in body_cells(scanned).values():
        claim = _table_claim(document, cells, prices)
        if claim is not None:
            claims.append(claim)
    return claims


def prose_figures(document: Document, scanned: list[Scanned]) -> Iterator[tuple[Lit, Scanned, int]]:
    """(figure, block, line) of each figure a chain of the document's prose paragraphs that
    write ``$`` ends with (a price such paragraphs may state)."""
    for where in scanned:
        if where.segment.kind != "paragraph" or "$" not in where.text:
            continue
        for chain in where.result.chains:
            lit = nameable_result(chain)
            if lit is not None:
                yield lit, where, document.position(where.offsets[lit.num_start])[0]


def _prices(document: Document, scanned: list[Scanned]) -> list[_Price]:
    """Every price per resource-hour in the document's prose."""
    found = []
    for lit, where, line in prose_figures(document, scanned):
        noun = priced_noun(lit, where) if lit.prefix else ""
        if noun:
            found.append(_Price(lit, where, line, noun, per_hour(lit)))
    return found


def _table_claim(
    document: Document, cells: dict[tuple[int, int], Scanned], prices: list[_Price]
) -> Claim | None:
    columns = _columns(cells)
    if columns is None:
        return None
    hours_col, money_col, noun = columns
    resource = resource_of(noun)
    first = min((where.offsets[0] for where in cells.values() if where.offsets), default=0)
    own = [p for p in prices if p.resource == resource]
    if len({p.per_hour for p in own}) != 1 or own[0].where.offsets[own[0].lit.num_start] > first:
        return None  # no price, or several (on demand and reserved): which one is unsure
    price = own[0]
    rows = _rows(cells, hours_col, money_col)
    broken = [r for r in rows if not _holds(r, price.per_hour)]
    if len(broken) != 1 or len(rows) < 2:
        return None
    hours, cost = broken[0]
    return _claim(document, hours, cost, price, noun, len(rows) - 1)


def _columns(cells: dict[tuple[int, int], Scanned]) -> tuple[int, int, str] | None:
    """The table's one resource-hours column, its one money column to the right, and what the
    hours count as its header writes it (``GPU``)."""
    headers = {
        col: where.segment.cell.header
        for (_, col), where in cells.items()
        if where.segment.cell is not None
    }
    hours = [(col, m.group(1)) for col, h in headers.items() if (m := _HOURS_HEADER.match(h))]
    money = [col for col, h in headers.items() if MONEY_HEADER.match(h)]
    if len(hours) != 1 or len(money) != 1 or money[0] < hours[0][0]:
        return None
    return hours[0][0], money[0], hours[0][1]


def _rows(
    cells: dict[tuple[int, int], Scanned], hours_col: int, money_col: int
) -> list[tuple[tuple[Lit, Scanned], tuple[Lit, Scanned]]]:
    """(hours, cost) of each row outside a **Total** row that holds a plain figure in both."""
    by_row: dict[int, dict[int, Scanned]] = {}
    for row, col, where in part_cells(cells):
        by_row.setdefault(row, {})[col] = where
    found = []
    for line in by_row.values():
        if hours_col not in line or money_col not in line:
            continue
        hours, cost = (_plain(cell_value(line[col])) for col in (hours_col, money_col))
        if hours is not None and cost is not None:
            found.append(((hours, line[hours_col]), (cost, line[money_col])))
    return found


def _plain(node: object) -> Lit | None:
    """A positive figure alone, in no unit but money or time (``145.9``, ``$261.16``)."""
    if not isinstance(node, Lit) or node.bound or node.is_range or node.is_percent:
        return None
    if node.unit is not None and node.unit.kind not in ("currency", "time"):
        return None
    return node if node.number.value > 0 and not node.per else None


def _holds(row: tuple[tuple[Lit, Scanned], tuple[Lit, Scanned]], hourly: Fraction) -> bool:
    (hours, _), (cost, _) = row
    spent = written_interval(hours, stated=True)
    return spent.scale(hourly).overlaps(written_interval(cost, stated=True))


def _claim(
    document: Document,
    hours: tuple[Lit, Scanned],
    cost: tuple[Lit, Scanned],
    price: _Price,
    noun: str,
    agreeing: int,
) -> Claim:
    (h, h_where), (c, c_where) = hours, cost
    stated = literal_value(c, stated=True)
    spent = written_interval(h, stated=False)
    computed = Value(
        h.number.value * price.per_hour, spent.scale(price.per_hour), stated.dims, stated.bare
    )
    price_text = f"{price.lit.prefix}{price.lit.number.text} per {price.noun}-hour"
    line = document.position(h_where.offsets[h.num_start])[0]
    rows = f"{agreeing} other rows show" if agreeing > 1 else "another row shows"
    return Claim(
        "formula",
        c,
        c_where,
        computed=computed,
        derivation=f"{h.number.text} {noun}-hours × {price_text} (line {price.line})",
        assumption=f"the column is its row's hours × the document's one price, as {rows}",
        parts=[Related(line, h.number.text), Related(price.line, price_text)],
    )
