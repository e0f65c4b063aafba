"""Products and quotients along table rows: ``| 20 | 8 | 160 |`` under ``Nodes | GPUs / node |
GPUs``, ``| 32 | 9.8 | 3,265 |`` under ``Concurrency | TPOT (ms) | tok/s``.

A column is read as the product or the quotient of two columns to its left (times a constant,
the unit conversion between them: ``TB / month`` × ``$/GB`` is $ × 1000, ÷ ``ms`` is × 1000)
only when the table itself shows it: at least three rows agree on one constant and exactly
one row does not. The constant must be one a unit conversion or a calendar gives (1, a power
of ten, 8, 1024ⁿ, hours in a month…), so columns that merely happen to be proportional are
never read as a product.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from itertools import accumulate, combinations, permutations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import TOTAL_LABEL, cell_value
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_compile
from speclint.quantity.exact import Bound
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval

#: Rows that must agree before a column is read as a product of two others.
MIN_AGREEING_ROWS = 3
#: Rows that must agree when the product column's header names the product (GPU-hours).
MIN_NAMED_ROWS = 2
#: The words of a header (``GPU-hours``: gpu, hours).
_HEADER_WORD = lazy_compile(r"[a-z]+")
#: Rows off a product the other rows agree on that are read as slips, beyond the one row.
MAX_ROWS_OFF = 2
#: Largest relative spread of the constant the agreeing rows allow: the rows must pin it down,
#: as large written numbers do (384 = 48 × 8); small ones (12 ≈ 10 × 1.2) fit too many.
MAX_SPREAD = Fraction(1, 100)
#: Conversion constants: decimal and binary prefixes, percent, bits, and time and calendar
#: figures (hours a month, seconds a day…), each either way round, the simplest first.
_CONVERSIONS = (8, 24, 60, 168, 720, 730, 744, 3600, 8760, 86_400, 2_592_000, 31_536_000)
NICE_CONSTANTS: tuple[Fraction, ...] = (
    Fraction(1),
    *(Fraction(10) ** (s * e) for e in (2, 3, 6, 9, 12, 1) for s in (1, -1)),
    *(Fraction(1024) ** (s * e) for e in range(1, 5) for s in (1, -1)),
    *(Fraction(c) ** s for c in _CONVERSIONS for s in (1, -1)),
    *(Fraction(c) * Fraction(1000) ** s for c in _CONVERSIONS for s in (1, -1)),
)
#: ``NICE_CONSTANTS`` by value, and each one's place in ``NICE_CONSTANTS``: the ones in an
#: interval are found by bisection, and taken in their order by place.
_BY_VALUE = sorted((k, place) for place, k in enumerate(NICE_CONSTANTS))
_VALUES = [k for k, _ in _BY_VALUE]


@dataclass
class Cell:
    lit: Lit
    where: Scanned
    line: int
    operand: Interval  # the written number (no unit) as a factor: whole numbers are exact
    result: Interval  # the written number (no unit) as a result: to its last digit

    @cached_property
    def written(self) -> Fraction:
        """The number as written, scaled (no unit): read for every pair of columns."""
        return self.lit.number.value * _scale(self)


#: How column c is read from columns a and b: their product, or a's quotient by b.
Op = str
PRODUCT, QUOTIENT = "×", "÷"


#: What reads one table's body cells ((row, column) → cell) into claims.
TableReader = Callable[[Document, dict[tuple[int, int], Scanned], Tolerance], list[Claim]]


def each_table(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance, reader: TableReader
) -> list[Claim]:
    """The claims ``reader`` finds in each table of the document, table by table."""
    return [
        claim for cells in body_cells(scanned).values() for claim in reader(doc, cells, tolerance)
    ]


def row_product_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a table cell is the product of two cells to its left on the same row, for
    columns every other row of the table shows to be such a product."""
    return each_table(doc, scanned, tolerance, _table_claims)


#: The last ``body_cells``: the list it read, its length then, and what it gave (the table
#: readers of one document read one list, extended at most; none changes what it gets).
_BODY: list = []


def body_cells(scanned: list[Scanned]) -> dict[int, dict[tuple[int, int], Scanned]]:
    """The scanned body cells of each table, by table and then by (row, column)."""
    if _BODY and _BODY[0] is scanned and _BODY[1] == len(scanned):
        return _BODY[2]
    tables: dict[int, dict[tuple[int, int], Scanned]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            tables.setdefault(cell.table, {})[(cell.row, cell.col)] = where
    _BODY[:] = [scanned, len(scanned), tables]
    return tables


def part_cells(
    cells: dict[tuple[int, int], Scanned],
) -> Iterator[tuple[int, int, Scanned]]:
    """(row, column, cell) of the cells outside a **Total** row (its first cell says so)."""
    for (row, col), where in cells.items():
        label = cells.get((row, 0))
        if label is None or not TOTAL_LABEL.search(label.text):
            yield row, col, where


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    rows = read_rows(doc, cells, tolerance)
    cols = sorted({col for row in rows.values() for col in row})
    best: dict[int, tuple[tuple[int, int], Claim, tuple[int, int]]] = {}
    for op, a, b, c in _column_triples(cols):
        table_rows = [r for r in rows.values() if a in r and b in r and c in r]
        found = _deviating_row(table_rows, a, b, c, op)
        if found is None:
            continue
        deviants, constant, agreeing = found
        others = [row for row in table_rows if not any(row is d for d in deviants)]
        for deviating in deviants:
            if _another_factor(deviating, a, b, c, op, constant):
                continue
            if _hidden_factor(deviating, others, a, b, c, op, constant):
                continue
            if _another_period(deviating, a, b, c, op, constant):
                continue
            if _another_basis(deviating, table_rows, a, b, c, op, constant):
                continue
            if _both_ways(deviating, cells):
                continue  # "| Cross-AZ (both directions) | 300 TB | $0.01/GB each way |"
            target = deviating[c]
            rank = (NICE_CONSTANTS.index(constant), op == QUOTIENT)
            if id(target.where) not in best or rank < best[id(target.where)][0]:
                claim = _claim(
                    deviating[a], deviating[b], target, constant, agreeing, tolerance, op
                )
                inputs = (id(deviating[a].where), id(deviating[b].where))
                best[id(target.where)] = (rank, claim, inputs)
    # A cell computed from a cell that is itself off is not blamed for it.
    return [claim for _, claim, inputs in best.values() if not set(inputs) & best.keys()]


#: Words of a row that count its amount twice or more: ``each way``, ``both directions``.
_BOTH_WAYS = lazy_compile(
    r"\b(?:each|either|per)\s+(?:way|direction|side)\b|\bboth\s+(?:directions|ways|sides)\b"
    r"|\bround[- ]trips?\b",
    re.IGNORECASE,
)


def _both_ways(row: dict[int, Cell], cells: dict[tuple[int, int], Scanned]) -> bool:
    info = next(iter(row.values())).where.segment.cell
    return info is not None and both_ways(cells, info.row)


def both_ways(cells: dict[tuple[int, int], Scanned], row: int) -> bool:
    """The row's cells, its label among them, say its amount moves both ways (a factor of two
    the other rows do not have)."""
    text = " ".join(where.text for (r, _), where in cells.items() if r == row)
    return _BOTH_WAYS.search(text) is not None


def _another_factor(row: dict[int, Cell], a: int, b: int, c: int, op: Op, k: Fraction) -> bool:
    """The row is off by exactly another of its cells (``requests per item`` 10 where the other
    rows have 1): that column may be a factor the other rows do not show."""
    loose = _constants(row, a, b, c, op, exact=False)
    for col, cell in row.items():
        value = _written(cell)
        if col in (a, b, c) or value in (0, 1):
            continue
        if loose.overlaps(Interval.point(k * value)) or loose.overlaps(Interval.point(k / value)):
            return True
    return False


def _hidden_factor(
    row: dict[int, Cell],
    others: list[dict[int, Cell]],
    a: int,
    b: int,
    c: int,
    op: Op,
    k: Fraction,
) -> bool:
    """The row is off by the ratio of a column the agreeing rows share one value in (``GPUs/
    node`` 8 on every row that agrees, 4 on this one): the constant they agree on holds that
    column, which the row has otherwise."""
    loose = _constants(row, a, b, c, op, exact=False)
    for col, cell in row.items():
        if col in (a, b, c):
            continue
        shared = {_written(other[col]) for other in others if col in other}
        if len(shared) != 1 or len(others) < 2 or not all(col in other for other in others):
            continue
        [value] = shared
        own = _written(cell)
        if own != value and own and loose.overlaps(Interval.point(k * own / value)):
            return True
    return False


#: How many of one period another holds: hours in a day, a week, a month (30, 30.4 or 31
#: days), a year; minutes in an hour, seconds in an hour.
_PERIODS = frozenset(Fraction(n) for n in (24, 60, 168, 720, 730, 744, 3600, 8760))


def _another_period(row: dict[int, Cell], a: int, b: int, c: int, op: Op, k: Fraction) -> bool:
    """The row is off by the length of one period in another, and one of its factors is a
    rate in time (``| 3 | $0.8064/h | 1,766.02 |`` under ``Monthly`` where the other rows
    price per month): its price is per another period, which the column converts."""
    timed = any(
        cell.lit.unit is not None and cell.lit.unit.dims[1] != 0 for cell in (row[a], row[b])
    )
    product = _combine(_written(row[a]), _written(row[b]), op) * k
    if not timed or product == 0:
        return False
    ratio = _written(row[c]) / product
    return any(
        abs(ratio / period - 1) < Fraction(1, 100) or abs(ratio * period - 1) < Fraction(1, 100)
        for period in _PERIODS
    )


def _another_basis(
    row: dict[int, Cell],
    rows: list[dict[int, Cell]],
    a: int,
    b: int,
    c: int,
    op: Op,
    k: Fraction,
) -> bool:
    """The row is written on another basis than the rows that agree: its cells' units make it
    hold (``| 30 | 48 GB | 1.44 TB |`` among rows in one unit), or a factor of it is priced per
    another thing (``$0.01 per GB`` among ``$0.005 per 1,000``)."""
    factors = {cell.lit.unit.factor for cell in (row[a], row[b], row[c]) if cell.lit.unit}
    if k == 1 and len(factors) > 1:  # cells in units of other sizes (GB, TB)
        left = _combine(_in_units(row[a]), _in_units(row[b]), op)
        if left and abs(_in_units(row[c]) / left - 1) < Fraction(1, 100):
            return True
    for col in (a, b):
        pers = {(other[col].lit.per or "").lower() for other in rows if other is not row}
        own = (row[col].lit.per or "").lower()
        if len(pers) == 1 and own not in pers:
            return True
    return any(
        _another_dimension(row, rows, col) or _another_prefix(row, rows, col) for col in (a, b, c)
    )


def _another_prefix(row: dict[int, Cell], rows: list[dict[int, Cell]], col: int) -> bool:
    """The row's cell is in another size of the unit the column's other cells share (``105
    KB`` among ``400 MB``): the constant the other rows agree on does not convert it."""
    own = row[col].lit.unit
    units = {other[col].lit.unit for other in rows if other is not row}
    if own is None or len(units) != 1 or None in units:
        return False
    [unit] = units
    return unit is not None and unit.dims == own.dims and unit.factor != own.factor


def _another_dimension(row: dict[int, Cell], rows: list[dict[int, Cell]], col: int) -> bool:
    """The row's cell holds another kind of amount than the column's other cells (``50 TB at
    $0.023, 45 TB at $0.022`` among ``$0.0125`` rates): not the column's operand."""
    own = _dims(row[col])
    kinds = {_dims(other[col]) for other in rows if other is not row}
    return own is not None and len(kinds) == 1 and None not in kinds and own not in kinds


def _dims(cell: Cell) -> tuple[int, ...] | None:
    unit = cell.lit.unit
    return None if unit is None else (unit.kind == "percent", *unit.dims)


def _in_units(cell: Cell) -> Fraction:
    """The cell's figure in base units (its unit's factor times its scaled number)."""
    unit = cell.lit.unit
    return _written(cell) * (unit.factor if unit is not None else 1)


def _column_triples(cols: list[int]) -> Iterator[tuple[Op, int, int, int]]:
    """(op, a, b, c): c right of a and b, as their product (a left of b) or a ÷ b."""
    for c in cols:
        left = [col for col in cols if col < c]
        for a, b in combinations(left, 2):
            yield PRODUCT, a, b, c
        for a, b in permutations(left, 2):
            yield QUOTIENT, a, b, c


#: ``read_rows`` of the tables of the last document read, by tolerance and cells (each
#: entry holds its cells, so their ids stay theirs): four table readers read each table.
_READ: dict[tuple, tuple[object, dict[int, dict[int, Cell]]]] = {}
_READ_DOC: list[Document] = []


def read_rows(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> dict[int, dict[int, Cell]]:
    """The cells outside a **Total** row that hold one value, by row and then column (read
    once per table of a document; the readers do not change what it returns)."""
    if not _READ_DOC or _READ_DOC[0] is not doc:
        _READ.clear()
        _READ_DOC[:] = [doc]
    key = (tolerance, *((at, id(where)) for at, where in cells.items()))
    known = _READ.get(key)
    if known is None:
        known = _READ[key] = (tuple(cells.values()), _read_rows(doc, cells, tolerance))
    return known[1]


def _read_rows(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> dict[int, dict[int, Cell]]:
    rows: dict[int, dict[int, Cell]] = {}
    for row, col, where in part_cells(cells):
        cell = read_cell(doc, where, tolerance)
        if cell is not None:
            rows.setdefault(row, {})[col] = cell
    return rows


def read_cell(
    doc: Document, where: Scanned, tolerance: Tolerance, *, percent: bool = False
) -> Cell | None:
    """The one value a cell holds (a percentage only when ``percent``)."""
    node = cell_value(where)
    if not isinstance(node, Lit) or node.bound or node.is_range or node.approx:
        return None
    if (node.is_percent and not percent) or node.number.value <= 0:
        return None
    line = doc.position(where.offsets[node.num_start])[0]
    factor = node.scale.factor if node.scale is not None else Fraction(1)
    # Read as a formula reads its operands (whole numbers exact) and as a claim reads its
    # result (to its last written digit); which one a cell is depends on its column.
    operand = written_interval(node, stated=False, tolerance=tolerance).scale(factor)
    result = written_interval(node, stated=True, loose_zeros=False, tolerance=tolerance)
    return Cell(node, where, line, operand, result.scale(factor))


def _constants(row: dict[int, Cell], a: int, b: int, c: int, op: Op, *, exact: bool) -> Interval:
    """The constants k for which c = k × (a op b) holds on this row: with the factors ``exact``
    as written (how an author fills a table from the figures shown), or within their precision."""
    if exact:
        return row[c].result.scale(1 / _combine(_written(row[a]), _written(row[b]), op))
    if op == QUOTIENT:  # measured figures (times, sizes) divided: each to its last digit
        return row[c].result * row[b].result / row[a].result
    return row[c].result / (row[a].operand * row[b].operand)


def _combine(a: Fraction, b: Fraction, op: Op) -> Fraction:
    return a / b if op == QUOTIENT else a * b


def _written(cell: Cell) -> Fraction:
    return cell.written


def _deviating_row(
    rows: list[dict[int, Cell]], a: int, b: int, c: int, op: Op
) -> tuple[list[dict[int, Cell]], Fraction, int] | None:
    """The rows that break c = k × (a op b): the one row off when every other row (at least
    three) agrees on one conversion constant k, or else two rows off when more rows, and at
    least three without a factor of 1, agree on it; None otherwise."""
    one = _one_deviating_row(rows, a, b, c, op)
    if one is not None and one[0] is not None:
        if not _shows_a_product([r for r in rows if r is not one[0]], a, b, c, one[1]):
            return None  # "| 26 | 5,200 | 300 |": a constant column agrees with any constant
        return [one[0]], one[1], one[2]
    named = _named_product(rows, a, b, c, op)
    if named is not None:
        return [named], Fraction(1), len(rows) - 1
    if len(rows) < MIN_AGREEING_ROWS + 2 or len({r[c].result.lo for r in rows}) == 1:
        return None
    if op == QUOTIENT and len({r[b].result.lo for r in rows}) == 1:
        return None
    ranges = one[3] if one is not None else [_row_constants(row, a, b, c, op) for row in rows]
    for constant in _held_by(ranges, len(rows) - MAX_ROWS_OFF):
        agree = [k for k, r in enumerate(ranges) if r.lo <= constant <= r.hi]
        off = [row for k, row in enumerate(rows) if k not in agree]
        # Rows with a factor of 1 show nothing (any column is itself × 1).
        shown = [k for k in agree if _written(rows[k][a]) != 1 and _written(rows[k][b]) != 1]
        if len(shown) < MIN_AGREEING_ROWS or len(off) != MAX_ROWS_OFF or len(off) >= len(shown):
            continue
        common = ranges[agree[0]]
        for k in agree[1:]:
            common = Interval(max(common.lo, ranges[k].lo), min(common.hi, ranges[k].hi))
        if common.hi - common.lo > MAX_SPREAD * common.lo:
            continue
        if any(_constants(row, a, b, c, op, exact=False).overlaps(Interval.point(constant))
               for row in off):  # fmt: skip
            continue
        if not _shows_a_product([rows[k] for k in agree], a, b, c, constant):
            continue  # the agreeing rows repeat one value: no product shown
        return off, constant, len(agree)
    return None


def _shows_a_product(
    rows: list[dict[int, Cell]], a: int, b: int, c: int, constant: Fraction
) -> bool:
    """The agreeing rows show c as k × (a op b): c takes two values or more over them, and so
    do a and b unless k is 1 (``Days`` at 30 on every agreeing row and 22 on both rows off,
    with k = 1/10: the rows show Cost = 3 × Credits, with Days no part of it; ``Qty`` at 1 on
    every agreeing row with k = 1 is the plain product)."""
    factors = () if constant == 1 else (a, b)
    return all(_varies(rows, col) for col in (*factors, c))


def _varies(rows: list[dict[int, Cell]], c: int) -> bool:
    """Column ``c`` takes two values or more over ``rows``: a relation the rows agree on is
    shown only by values that change (Seconds = Pods ÷ Served × k holds for any k that fits
    one repeated value when Pods ÷ Served is itself constant)."""
    return len({_written(row[c]) for row in rows}) >= 2


def _held_by(ranges: list[Interval], count: int) -> list[Fraction]:
    """The ``NICE_CONSTANTS``, in order, that ``count`` of ``ranges`` hold, or may hold (all
    of them when a range is empty): two bisections each instead of a pass over the rows."""
    if any(r.lo > r.hi for r in ranges):
        return list(NICE_CONSTANTS)
    los = sorted(r.lo for r in ranges)
    his = sorted(r.hi for r in ranges)
    # fewer than ``count`` ranges start at or below a k under los[count - 1], and more than
    # len - count end below a k over his[len - count]: only the constants between can be held
    inside = _between(los[count - 1], his[len(ranges) - count])
    return [k for k in inside if bisect_right(los, k) - bisect_left(his, k) == count]


def _between(lo: Bound, hi: Bound) -> list[Fraction]:
    """The ``NICE_CONSTANTS`` k with lo <= k <= hi, in their order."""
    found = _BY_VALUE[bisect_left(_VALUES, lo) : bisect_right(_VALUES, hi)]
    return [k for k, _ in sorted(found, key=lambda pair: pair[1])]


def _named_product(
    rows: list[dict[int, Cell]], a: int, b: int, c: int, op: Op
) -> dict[int, Cell] | None:
    """The one row that breaks c = a × b when c's header names the product of a's and b's
    (``GPUs | Hours | GPU-hours``) and the other rows (at least two) hold it exactly."""
    if op != PRODUCT or len(rows) < MIN_NAMED_ROWS + 1 or not rows:
        return None
    if not _names_product(*(_header(rows[0][col]) for col in (a, b, c))):
        return None
    holds = [_constants(row, a, b, c, op, exact=True).contains(1) for row in rows]
    if holds.count(False) != 1:
        return None
    # Rows with a factor of 1 show nothing (any column is itself × 1).
    shown = [r for r, ok in zip(rows, holds, strict=True) if ok and 1 not in _factors(r, a, b)]
    if len(shown) < MIN_NAMED_ROWS:
        return None
    off = rows[holds.index(False)]
    if _constants(off, a, b, c, op, exact=False).overlaps(Interval.point(Fraction(1))):
        return None
    return off


def _factors(row: dict[int, Cell], a: int, b: int) -> tuple[Fraction, Fraction]:
    return _written(row[a]), _written(row[b])


def _names_product(first: str, second: str, product: str) -> bool:
    """Whether a header is written as the product of two others: ``GPU-hours`` of ``GPUs``
    and ``Hours``, ``Node-days`` of ``Nodes`` and ``Days``, ``GPU-h`` of ``Avg busy GPUs``
    and ``Hours``."""
    words = [_HEADER_WORD.findall(h.lower()) for h in (first, second, product)]
    if not words[0] or not words[1] or len(words[2]) != 2:
        return False
    # each factor's noun is its header's last word (``Avg busy GPUs``); ``GPU-h`` is GPU-hours
    nouns = [_ABBREVIATED.get(w[-1], w[-1]).removesuffix("s") for w in words[:2]]
    named = [_ABBREVIATED.get(w, w).removesuffix("s") for w in words[2]]
    return sorted(nouns) == sorted(named)


#: Abbreviated time words of a product's header: ``GPU-h``, ``node-hr``, ``GPU-d``.
_ABBREVIATED = {"h": "hour", "hr": "hour", "hrs": "hour", "d": "day"}


def _one_deviating_row(
    rows: list[dict[int, Cell]], a: int, b: int, c: int, op: Op
) -> tuple[dict[int, Cell] | None, Fraction, int, list[Interval]] | None:
    """The one row that breaks c = k × (a op b) when every other row (at least three) agrees on
    one conversion constant k, with each row's constants; None for the row when there is none
    (None alone when the rows were not read)."""
    if len(rows) < MIN_AGREEING_ROWS + 1:
        return None
    if len({r[c].result.lo for r in rows}) == 1:
        return None  # a constant column is not a product
    if op == QUOTIENT and len({r[b].result.lo for r in rows}) == 1:
        return None  # ÷ a constant column is a product with a constant
    ranges = [_row_constants(row, a, b, c, op) for row in rows]
    for row, common in zip(rows, all_but_one(ranges), strict=True):
        if common is None or common.hi - common.lo > MAX_SPREAD * common.lo:
            continue
        if op == QUOTIENT and all(r[b].written == 1 for r in rows if r is not row):
            continue  # the others' Qty is 1 on every row: × and ÷ are the same to them
        constant = next(iter(_between(common.lo, common.hi)), None)
        loose = _constants(row, a, b, c, op, exact=False)
        if constant is None or loose.overlaps(Interval.point(constant)):
            continue
        return row, constant, len(rows) - 1, ranges
    return None, Fraction(0), 0, ranges


def _row_constants(row: dict[int, Cell], a: int, b: int, c: int, op: Op) -> Interval:
    """``_constants`` of a row with the factors exact as written."""
    return _constants(row, a, b, c, op, exact=True)


def all_but_one(ranges: list[Interval]) -> list[Interval | None]:
    """For each k, the intersection of every range but the k-th (None where it is empty), in
    linear time."""
    los = _all_but_one_pick([r.lo for r in ranges], max)
    his = _all_but_one_pick([r.hi for r in ranges], min)
    return [Interval(lo, hi) if lo <= hi else None for lo, hi in zip(los, his, strict=True)]


def _all_but_one_pick(values: list[Bound], pick: Callable[[Bound, Bound], Bound]) -> list[Bound]:
    """For each k, ``pick`` (max or min) over every value but the k-th (two values at least)."""
    first = list(accumulate(values, pick))  # first[k]: over values[: k + 1]
    last = list(accumulate(reversed(values), pick))[::-1]  # last[k]: over values[k:]
    n = len(values)
    return [
        first[n - 2] if k == n - 1 else last[1] if k == 0 else pick(first[k - 1], last[k + 1])
        for k in range(n)
    ]


def _claim(
    a: Cell,
    b: Cell,
    target: Cell,
    constant: Fraction,
    agreeing: int,
    tolerance: Tolerance,
    op: Op = PRODUCT,
) -> Claim:
    stated = literal_value(target.lit, stated=True, tolerance=tolerance)
    written = target.lit.number.value
    factor = stated.point / written if written else Fraction(1)
    scale = target.lit.scale.factor if target.lit.scale is not None else Fraction(1)
    product = a.operand / b.operand if op == QUOTIENT else a.operand * b.operand
    computed_interval = product.scale(constant * factor / scale)
    point = _combine(_written(a), _written(b), op) * constant
    computed = Value(point * factor / scale, computed_interval, stated.dims, stated.bare)
    shown = f" × {_constant_text(constant)}" if constant != 1 else ""
    a_text, b_text = literal_text(a.lit, a.where), literal_text(b.lit, b.where)
    headers = [_header(cell) for cell in (a, b, target)]
    return Claim(
        "formula",
        target.lit,
        target.where,
        computed=computed,
        derivation=f"{a_text} (line {a.line}) {op} {b_text} (line {b.line}){shown}",
        assumption=(
            f"the other {agreeing} rows of the table have {headers[2]} = {headers[0]} {op} "
            f"{headers[1]}{shown}"
        ),
        parts=[Related(a.line, a_text), Related(b.line, b_text)],
    )


def _scale(cell: Cell) -> Fraction:
    return cell.lit.scale.factor if cell.lit.scale is not None else Fraction(1)


def _header(cell: Cell) -> str:
    info = cell.where.segment.cell
    header = " ".join(info.header.split()).strip("*_ ") if info is not None else ""
    return header or "the column"


def _constant_text(constant: Fraction) -> str:
    if constant == int(constant):
        return f"{int(constant):,}"
    return f"1/{int(1 / constant):,}" if (1 / constant) == int(1 / constant) else str(constant)
