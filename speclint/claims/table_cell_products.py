"""Products along table rows that the cells' own units name: ``| 2,000 GB | $0.023/GB | $46.00 |``
under ``Quantity | Unit price | Monthly``, ``| 35,040 GPU-h | $2.49/GPU-h | $87,249.60 |``.

A cell is read as the product of two cells to its left on its row when their units multiply to
its unit exactly (``GB`` × ``$/GB`` is ``$``; a price per a unit and a period, ``$0.023/GB-month``,
gives an amount per that period, which a column headed ``Monthly`` or ``$/month`` states): the
units name the product, so no constant is guessed. The same three columns must hold such a
product on another row of the table, and exactly one row may break it; a row read alone (no
other row of the table has the three figures) must hold nothing but them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import combinations

import regex

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import both_ways, each_table, part_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, TooComplex, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.precision import Tolerance
from speclint.quantity.units import Unit, unit_table

#: A header of an amount per month: ``Monthly``, ``$/month``, ``Cost per month``.
_MONTHLY = lazy_compile(r"\bmonthly\b|(?:/|\bper\s+)\s*(?:month|mo)\b", regex.I)
#: A header of prices per a unit and a period: ``$/GB-month``.
_HEADER_PRICE = lazy_compile(r"^\W*([$€])\s*/\s*([A-Za-z]+-(?:month|mo))\W*$", regex.I)
#: The calendar period a price is per after its unit: ``GB-month``.
_PERIOD = "month"


@dataclass(frozen=True)
class _Row:
    """One row's cells with a unit, by column."""

    row: int
    lits: dict[int, tuple[Lit, Scanned]]


def cell_product_claims(doc: Document, scanned: list[Scanned], tolerance: Tolerance) -> list[Claim]:
    """A claim for the one row of a table whose cell is not the product its units name."""
    return each_table(doc, scanned, tolerance, _table_claims)


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    rows = _rows(cells)
    if not rows:
        return []
    columns = {col for row in rows for col in row.lits}
    claims = []
    for a, b in combinations(sorted(columns), 2):
        for c in sorted(columns):
            if c <= b:
                continue
            found = _read(doc, rows, (a, b, c), cells)
            if found is not None:
                claims.append(found)
    return claims


def _rows(cells: dict[tuple[int, int], Scanned]) -> list[_Row]:
    """The rows outside a Total row, each with its cells that hold one value with a unit."""
    by_row: dict[int, dict[int, tuple[Lit, Scanned]]] = {}
    for row, col, where in part_cells(cells):
        node = cell_value(where)
        lit = strip_groups(node) if node is not None else None
        header = where.segment.cell.header if where.segment.cell is not None else ""
        if isinstance(lit, Lit) and lit.unit is None:
            lit = _with_header_unit(lit, *_header_unit(header))  # "| Stored (TB) |" over "420"
        if isinstance(lit, Lit) and lit.unit is None and (price := _HEADER_PRICE.match(header)):
            money = unit_table().lookup(price.group(1))  # "| $/GB-month |" over "0.024"
            lit = replace(lit, unit=money, unit_text=price.group(1), per=price.group(2))
        if not isinstance(lit, Lit) or lit.unit is None or lit.bound or lit.is_range:
            continue
        by_row.setdefault(row, {})[col] = (lit, where)
    # "| Cross-AZ (both directions) | 300 TB | $0.01/GB each way |": twice the product
    return [_Row(row, lits) for row, lits in sorted(by_row.items()) if not both_ways(cells, row)]


def _read(
    doc: Document,
    rows: list[_Row],
    cols: tuple[int, int, int],
    cells: dict[tuple[int, int], Scanned],
) -> Claim | None:
    """The claim of the one row that breaks the product of columns ``cols`` when another
    row holds it, else ``None``."""
    a, b, c = cols
    holds, breaks = 0, []
    for row in rows:
        if not all(col in row.lits for col in cols):
            continue
        monthly = _monthly(cells, row.row, c)
        factors = _factors(row.lits[a][0], row.lits[b][0], row.lits[c][0], monthly)
        if factors is None:
            continue
        verdict = _holds(*factors, row.lits[c][0])
        if verdict is None:
            return None  # a row that cannot be read leaves the columns unsure
        if verdict:
            holds += 1
        else:
            breaks.append((row, factors))
    if len(breaks) != 1:
        return None
    row, (left, right) = breaks[0]
    if holds < 1 and len(row.lits) != len(cols):
        return None  # alone, only a row of nothing but the three figures names its product
    if _another_of_a_factor(row, cols):
        return None  # "| 4 Gbps | $0.40/Mbps | $0.60/Mbps | … | $2,380 |": a burst rate adds
    stated, where = row.lits[c]
    texts = [_shown(*row.lits[col]) for col in (a, b)]
    try:
        computed = Evaluator({}).evaluate(BinOp("*", left, right, "×"))
    except (NotEvaluable, TooComplex):
        return None
    return Claim(
        "formula",
        stated,
        where,
        computed=computed,
        derivation=f"{texts[0]} × {texts[1]}",
        parts=[_related(doc, *row.lits[col]) for col in (a, b)],
        assumption="the cells' units make the product",
    )


def _another_of_a_factor(row: _Row, cols: tuple[int, int, int]) -> bool:
    """The row holds another figure in a factor's unit (a second rate, a second amount): the
    figure may add its product too."""
    a, b, _ = cols
    units = {row.lits[a][0].unit_text, row.lits[b][0].unit_text}
    return any(lit.unit_text in units for col, (lit, _) in row.lits.items() if col not in cols)


def _related(doc: Document, lit: Lit, where: Scanned) -> Related:
    """A factor cell as a part the claim read (its line and number as written)."""
    return Related(doc.position(where.offsets[lit.num_start])[0], lit.number.text)


def _shown(lit: Lit, where: Scanned) -> str:
    """The figure as its cell writes it, with the unit its header gives when the cell has
    none (``420 TB``, ``$0.024/GB-month``)."""
    text = literal_text(lit, where)
    own = strip_groups(node) if (node := cell_value(where)) is not None else None
    if lit.unit is None or (isinstance(own, Lit) and own.unit is not None):
        return text
    if lit.per:
        return f"{lit.unit_text}{text}/{lit.per}"
    return f"{text} {lit.unit_text}"


def _monthly(cells: dict[tuple[int, int], Scanned], row: int, col: int) -> bool:
    """Whether the result's column header (or its cell) says it is an amount per month."""
    where = cells.get((row, col))
    cell = where.segment.cell if where is not None else None
    header = cell.header if cell is not None else ""
    return _MONTHLY.search(header) is not None


def _factors(first: Lit, second: Lit, result: Lit, monthly: bool) -> tuple[Lit, Lit] | None:
    """The two cells as factors whose units multiply to the result's (a price per a unit and
    a month read per the unit, under a monthly column), or ``None``."""
    left, right = _per_unit(first, monthly), _per_unit(second, monthly)
    if left is None or right is None or left.unit is None or right.unit is None:
        return None
    if result.unit is None or result.per:
        return None
    dims = tuple(x + y for x, y in zip(left.unit.dims, right.unit.dims, strict=True))
    if dims != result.unit.dims or not any(result.unit.dims):
        return None
    if not (any(left.unit.dims) and any(right.unit.dims)):
        return None  # a bare count times a figure is table_rows' to read
    return left, right


def _per_unit(lit: Lit, monthly: bool) -> Lit | None:
    """``lit`` with a price per a unit written as a word (``$0.023/GB-month``) in that unit
    divided (the month dropped under a monthly column); ``lit`` itself when it has no per."""
    if not lit.per:
        return lit
    head, _, period = lit.per.partition("-")
    if period.lower() not in ("", _PERIOD) or (period and not monthly):
        return None
    unit: Unit | None = unit_table().lookup(head)
    if unit is None or lit.unit is None or not any(unit.dims):
        return None
    return replace(lit, unit=lit.unit.per(unit), unit_text=f"{lit.unit_text}/{lit.per}", per="")


def _holds(left: Lit, right: Lit, stated: Lit) -> bool | None:
    """Whether the product lies within the stated cell's written precision."""
    try:
        product = literal_value(left, stated=False).point * literal_value(right, stated=False).point
        interval = literal_value(stated, stated=True).interval
    except NotEvaluable:
        return None
    return interval.lo <= product <= interval.hi if product > Fraction(0) else None
