"""Costs along table rows: ``| 16 | $0.80/GPU-h | 9,344.00 |`` under ``Qty | Unit rate | $/month``.

A cell is read as the row's quantity times its rate, over the period its column's header names,
when the rate says what it is (a price per unit of time: ``$2.49/GPU-h``), the row holds one
other plain count (the quantity), and the header names a price per period (``$/month``). The
period fixes the constant (730 hours a month, as the tables of prices use; 720 and 744 hold too),
so no row has to show it; but another row of the table must hold the same reading, and exactly
one row may break it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import cell_value
from speclint.claims.table_ratios import _COST, _TIME
from speclint.claims.table_rows import TOTAL_LABEL, each_table, part_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

#: Rows besides the one reported that must hold the reading.
MIN_AGREEING_ROWS = 1
_HOUR = 3600
#: Seconds of each period a header may name; a month is any of the calendar's conventions,
#: the first the one a fix uses.
_PERIODS: dict[str, tuple[int, ...]] = {
    "s": (1,),
    "sec": (1,),
    "second": (1,),
    "min": (60,),
    "minute": (60,),
    "h": (_HOUR,),
    "hr": (_HOUR,),
    "hour": (_HOUR,),
    "day": (24 * _HOUR,),
    "month": (730 * _HOUR, 720 * _HOUR, 744 * _HOUR),
    "mo": (730 * _HOUR, 720 * _HOUR, 744 * _HOUR),
}


@dataclass
class _Row:
    quantity: Lit
    quantity_where: Scanned
    rate: Lit
    rate_where: Scanned
    rate_per_second: Interval  # the rate in currency per second, to its written precision
    target: Lit
    target_where: Scanned
    line: int


def row_cost_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a cost cell is its row's quantity times its rate over the column's period."""
    return each_table(doc, scanned, tolerance, _table_claims)


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    claims = []
    by_row: dict[int, dict[int, Scanned]] = {}
    for row, col, where in part_cells(cells):
        by_row.setdefault(row, {})[col] = where
    for col, periods in _period_columns(cells).items():
        rows = [r for r in (_row(doc, row, col, tolerance) for row in by_row.values()) if r]
        broken = [r for r in rows if not _holds(r, periods, tolerance)]
        # the evidence multiplies by a quantity (a row of 1 shows no product), and the broken
        # row is no price per one unit either
        shown = [r for r in rows if r not in broken and r.quantity.number.value != 1]
        if len(broken) != 1 or len(shown) < MIN_AGREEING_ROWS:
            continue
        per_unit = _holds(broken[0], periods, tolerance, per_unit=True)
        if not per_unit or _total_confirms(cells, col, broken[0], periods[0], tolerance):
            claims.append(_claim(broken[0], periods[0], len(shown), tolerance))
    return claims


def _total_confirms(
    cells: dict[tuple[int, int], Scanned], col: int, broken: _Row, period: int, tol: Tolerance
) -> bool:
    """A row that is the price of one unit is still wrong when the column's **Total** row
    adds up with the row's quantity × rate instead, and not with the row as written (``| 3 |
    $0.096/h | $70 |`` beside ``| **Total** | … | $14,107 |``)."""
    totals = [w for (row, c), w in cells.items() if c == col and _total_row(cells, row)]
    total = _plain(cell_value(totals[0])) if len(totals) == 1 else None
    parts = [w for _, c, w in part_cells(cells) if c == col]
    values = [_plain(cell_value(w)) for w in parts]
    if total is None or not parts or any(v is None for v in values):
        return False
    written = [written_interval(v, stated=True, tolerance=tol) for v in values if v is not None]
    others = sum(
        (w for w, v in zip(written, values, strict=True) if v is not broken.target),
        Interval.point(Fraction(0)),
    )
    as_written = written_interval(broken.target, stated=True, tolerance=tol)
    quantity = written_interval(broken.quantity, stated=False, tolerance=tol)
    product = (quantity * broken.rate_per_second).scale(Fraction(period))
    stated = written_interval(total, stated=True, tolerance=tol)
    return (others + product).overlaps(stated) and not (others + as_written).overlaps(stated)


def _total_row(cells: dict[tuple[int, int], Scanned], row: int) -> bool:
    label = cells.get((row, 0))
    return label is not None and TOTAL_LABEL.search(label.text) is not None


def _period_columns(cells: dict[tuple[int, int], Scanned]) -> dict[int, tuple[int, ...]]:
    """Columns whose header names a price per period (``$/month``; ``Monthly`` over cells in
    a currency), with the period's seconds."""
    found = {}
    for (_, col), where in cells.items():
        info = where.segment.cell
        header = " ".join(info.header.split()) if info is not None else ""
        period = _TIME.search(header)
        if _COST.search(header) and period is not None:
            found[col] = _PERIODS[period.group("time").lower()]
        elif (adverb := _ADVERB.search(header)) is not None and _priced(cell_value(where)):
            found.setdefault(col, _PERIODS[_ADVERBS[adverb.group(1).lower()]])
    return found


#: A header that names its period in one word (``Monthly``, ``Daily cost``).
_ADVERB = lazy_re(r"\b(hourly|daily|monthly)\b", re.IGNORECASE)
_ADVERBS = {"hourly": "hour", "daily": "day", "monthly": "month"}


def _priced(node: object) -> bool:
    """A cell that is an amount of money (``$12,027``)."""
    return isinstance(node, Lit) and node.unit is not None and node.unit.kind == "currency"


def _row(doc: Document, cells: dict[int, Scanned], col: int, tolerance: Tolerance) -> _Row | None:
    """The row's quantity, rate and cost cell, when it has exactly one of each."""
    if col not in cells:
        return None
    target = _plain(cell_value(cells[col]))
    if target is None:
        return None
    rates: list[tuple[Lit, Scanned, Fraction]] = []
    counts: list[tuple[Lit, Scanned]] = []
    for other, where in cells.items():
        node = _plain(cell_value(where)) if other < col else None
        if node is None:
            continue
        per_second = _rate_per_second(node)
        if per_second is not None:
            rates.append((node, where, per_second))
        elif node.unit is None and not node.prefix and node.scale is None:
            counts.append((node, where))
    if len(rates) != 1 or len(counts) != 1:
        return None
    rate, rate_where, per_second = rates[0]
    interval = written_interval(rate, stated=False, tolerance=tolerance).scale(per_second)
    line = doc.position(cells[col].offsets[target.num_start])[0]
    quantity, quantity_where = counts[0]
    return _Row(quantity, quantity_where, rate, rate_where, interval, target, cells[col], line)


def _plain(node: object) -> Lit | None:
    """A written number alone: no bound, range, approximation or percentage; above zero."""
    if not isinstance(node, Lit) or node.bound or node.is_range or node.approx:
        return None
    return node if not node.is_percent and node.number.value > 0 else None


def _rate_per_second(node: Lit) -> Fraction | None:
    """The factor from a price per unit of time as written to currency per second."""
    unit = node.unit
    if unit is None or unit.kind != "currency":
        return None
    dims = {name: v for name, v in zip(unit_table().names, unit.dims, strict=True) if v}
    money = [name for name in dims if name != "second"]
    if dims.get("second") != -1 or len(money) != 1 or dims[money[0]] != 1:
        return None  # one currency per unit of time, and nothing else
    return unit.factor


def _holds(
    row: _Row, periods: tuple[int, ...], tolerance: Tolerance, *, per_unit: bool = False
) -> bool:
    """Whether the cost cell is quantity × rate over one of the periods (or, ``per_unit``,
    the rate over a period alone)."""
    stated = written_interval(row.target, stated=True, loose_zeros=False, tolerance=tolerance)
    quantity = written_interval(row.quantity, stated=False, tolerance=tolerance)
    per_second = row.rate_per_second if per_unit else quantity * row.rate_per_second
    return any(per_second.scale(Fraction(p)).overlaps(stated) for p in periods)


def _claim(row: _Row, period: int, agreeing: int, tolerance: Tolerance) -> Claim:
    stated = literal_value(row.target, stated=True, tolerance=tolerance)
    quantity = written_interval(row.quantity, stated=False, tolerance=tolerance)
    interval = (quantity * row.rate_per_second).scale(Fraction(period))
    point = row.quantity.number.value * row.rate.number.value
    point *= _rate_per_second(row.rate) or 1
    point *= period
    computed = Value(point, interval, stated.dims, stated.bare)
    q_text = literal_text(row.quantity, row.quantity_where)
    r_text = literal_text(row.rate, row.rate_where)
    hours = f" × {period // _HOUR:,} h" if period >= _HOUR else f" × {period} s"
    return Claim(
        "formula",
        row.target,
        row.target_where,
        computed=computed,
        derivation=f"{q_text} × {r_text}{hours}",
        assumption=(
            "the column is the quantity × the rate over its period, as "
            + (f"{agreeing} other rows of the table show" if agreeing > 1 else "another row shows")
        ),
        parts=[Related(row.line, q_text), Related(row.line, r_text)],
    )
