"""A key-value table whose last row is the product of every row above it: ``| Instances | 13 |``,
``| On-demand rate | $1.861 per instance-hour |``, ``| Hours per month | 730 |``, ``| Monthly
cost | $19,364 |``.

Read only in a table of two columns whose every row holds one figure first in its value cell,
three to five rows, when the units of the rows above the last (the cell's own unit, else the
one its label names: ``Hours per month``; a count of machines has none) multiply to the last
row's unit, at least two of them have a dimension, and the last row's label names a cost or a
total. The rows are then the factors the table lays out, and the last is checked as their
product.
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.table_header_products import header_unit
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.exact import finite
from speclint.quantity.interval import Interval
from speclint.quantity.units import Unit, unit_table

#: How many rows the table has: two factors and the product at least, four and it at most.
_MIN_ROWS, _MAX_ROWS = 3, 5
#: A calendar period a label's figure is per: ``Hours per month``.
_PER_PERIOD = lazy_re(r"\s+(?:per|a|/)\s*(?:day|week|month|quarter|year)\b", re.IGNORECASE)
#: A label that names the product: a cost, a total, a bill.
_PRODUCT_LABEL = lazy_re(r"\b(?:cost|total|bill|spend|price)\b", re.IGNORECASE)


def key_product_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each two-column table whose last row is the product of the rows above."""
    tables: dict[int, dict[int, dict[int, Scanned]]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            tables.setdefault(cell.table, {}).setdefault(cell.row, {})[cell.col] = where
    claims = []
    for rows in tables.values():
        claim = _table_claim(doc, rows)
        if claim is not None:
            claims.append(claim)
    return claims


_Row = tuple[str, Lit, Scanned, Unit | None]


def _table_claim(doc: Document, rows: dict[int, dict[int, Scanned]]) -> Claim | None:
    if not _MIN_ROWS <= len(rows) <= _MAX_ROWS or any(set(r) != {0, 1} for r in rows.values()):
        return None
    read = [_row(rows[k]) for k in sorted(rows)]
    if any(row is None for row in read):
        return None
    *factors, last = [row for row in read if row is not None]
    label, stated, _, unit = last
    if unit is None or not _PRODUCT_LABEL.search(label) or stated.bound or stated.is_range:
        return None
    if sum(f[3] is not None and any(f[3].dims) for f in factors) < 2:
        return None
    table = unit_table()
    dims = tuple(0 for _ in unit.dims)
    for factor in factors:
        if factor[3] is not None:
            dims = table.mul(dims, factor[3].dims)
    if dims != unit.dims:
        return None
    return _claim(doc, factors, last)


def _row(cells: dict[int, Scanned]) -> _Row | None:
    """A row's label, its one leading figure and that figure's unit (its own, else the one its
    label names; ``None`` for a count), or ``None`` when the row is no such row."""
    label, value = cells[0].text.strip(" *_"), cells[1]
    chains = [c for c in value.result.chains if not c.ignored]
    if not chains or chains[0].relations:
        return None
    found = literals(chains[0].exprs[0])
    first = found[0] if found else None  # "13 × g6e.xlarge (1 × L40S each)": the 13
    if first is None or value.text[: first.start].strip(" *_~≈"):
        return None
    if first.unit is not None:
        return label, first, value, first.unit
    named = header_unit(_PER_PERIOD.sub("", label))  # "Hours per month": hours
    if named is not None and named.unit is None and first.number.is_plain_integer:
        return label, first, value, None  # "Instances | 13 × g6e.xlarge": a count
    if named is None or named.unit is None or not named.dimensional:
        return None
    lit = Lit(**{**first.__dict__, "unit": named.unit, "unit_text": named.unit.text})
    return label, lit, value, named.unit


def _claim(doc: Document, factors: list[_Row], last: _Row) -> Claim | None:
    point, lo, hi = Fraction(1), Fraction(1), Fraction(1)  # every factor is positive
    parts, texts = [], []
    try:
        for _, lit, where, _ in factors:
            value = literal_value(lit, stated=False)
            point = point * value.point
            lo, hi = lo * finite(value.interval.lo), hi * finite(value.interval.hi)
            line = doc.position(where.offsets[lit.num_start])[0]
            text = literal_text(lit, where)
            if lit.unit is not None and lit.unit_text and lit.unit_text not in text:
                text += f" {lit.unit_text}"  # the unit its label names ("730 hours")
            parts.append(Related(line, text))
            texts.append(f"{text} (line {line})")
        stated = literal_value(last[1], stated=True)
    except (NotEvaluable, ArithmeticError):
        return None
    computed = Value(point, Interval(min(lo, hi), max(lo, hi)), stated.dims, False)
    names = ", ".join(f[0] for f in factors)
    return Claim(
        "formula",
        last[1],
        last[2],
        computed=computed,
        derivation=" × ".join(texts),
        parts=parts,
        assumption=f"the table's rows above ({names}) multiply to {last[0]}",
    )
