"""Two columns of one quantity in two units: ``| 400 Gbps | 50 GB/s |``, ``| 80 GB | 74.5 GiB |``.

Under headers that name one quantity in two units (``Size (GB) | Size (GiB)``) each row is that
quantity twice, and a row that is not is claimed when another row is (the headers' units apply
to bare cells).

A cell is read as the restatement of the cell left of it on its row only when the table shows
it: the two columns hold the same kind of quantity in different units, at least three rows
give the same amount in both, and exactly one row does not. For a decimal and a binary prefix
(``GB`` and ``GiB``) two agreeing rows are enough when the row that does not agree is off by
exactly the GB vs GiB slip (the prefix read in the other system, or the factor applied the wrong
way round): nothing but that slip explains such a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import HEADER_UNIT_SUFFIX, _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import MIN_AGREEING_ROWS, each_table, part_cells
from speclint.document import Document
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: Agreeing rows enough when the row that breaks them is off by the GB vs GiB slip.
MIN_PREFIX_ROWS = 2


@dataclass
class UnitCell:
    lit: Lit
    where: Scanned


def row_unit_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a cell restates the cell of another column in another unit, for column
    pairs every other row of the table shows to be one amount."""
    return each_table(doc, scanned, tolerance, _table_claims)


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    rows: dict[int, dict[int, UnitCell]] = {}
    for row, col, where in part_cells(cells):
        node = cell_value(where)
        info = where.segment.cell
        if isinstance(node, Lit) and info is not None:
            node = _with_header_unit(node, *_header_unit(info.header))
        if isinstance(node, Lit) and _plain_quantity(node):
            rows.setdefault(row, {})[col] = UnitCell(node, where)
    cols = sorted({col for row in rows.values() for col in row})
    claims = []
    for a, b in combinations(cols, 2):
        pairs = [(r[a], r[b]) for r in rows.values() if a in r and b in r]
        if not pairs or not all(_convertible(x, y) for x, y in pairs):
            continue
        off = [(x, y) for x, y in pairs if not _same_amount(x, y, tolerance)]
        if _named_alike(pairs[0]) and off and len(off) < len(pairs):
            # "Size (GB) | Size (GiB)": the headers say each row is one amount twice
            claims += [_claim(x, y, len(pairs) - len(off), named=True) for x, y in off]
            continue
        if len(pairs) < MIN_PREFIX_ROWS + 1 or len(off) != 1:
            continue
        if len(pairs) < MIN_AGREEING_ROWS + 1 and not _prefix_slip(*off[0], tolerance):
            continue
        claims.append(_claim(*off[0], len(pairs) - 1))
    return claims


def _named_alike(pair: tuple[UnitCell, UnitCell]) -> bool:
    """Whether two columns' headers name one quantity, in two units: the same words once the
    unit in parentheses is dropped (``Size (GB)``, ``Size (GiB)``)."""
    names = []
    for cell in pair:
        info = cell.where.segment.cell
        header = info.header if info is not None else ""
        if not HEADER_UNIT_SUFFIX.search(header):
            return False
        names.append(" ".join(HEADER_UNIT_SUFFIX.sub("", header).lower().split()))
    return bool(names[0]) and names[0] == names[1]


def _claim(source: UnitCell, stated: UnitCell, agreeing: int, *, named: bool = False) -> Claim:
    """The claim that ``stated`` restates ``source`` in its own unit."""
    because = (
        f"the headers {_header(source)} and {_header(stated)} name one amount"
        if named
        else f"the other {agreeing} rows of the table give {_header(source)} and "
        f"{_header(stated)} as one amount"
    )
    return Claim(
        "conversion",
        stated.lit,
        stated.where,
        formula=source.lit,
        formula_where=source.where,
        derivation=_text(source),
        assumption=because,
    )


def _prefix_slip(x: UnitCell, y: UnitCell, tolerance: Tolerance) -> bool:
    """Whether ``y`` restates ``x`` with the GB vs GiB slip: one column decimal, the other
    binary, and ``y`` off by the prefix ratio or its square, either way."""
    assert x.lit.unit is not None and y.lit.unit is not None
    systems = {x.lit.unit.prefix_system, y.lit.unit.prefix_system}
    if systems != {"decimal", "binary"} or x.lit.unit.prefix_level != y.lit.unit.prefix_level:
        return False
    a = literal_value(x.lit, stated=True, tolerance=tolerance).interval
    b = literal_value(y.lit, stated=True, tolerance=tolerance).interval
    ratio = Fraction(1024, 1000) ** x.lit.unit.prefix_level
    return any(a.scale(f).overlaps(b) for f in (ratio, 1 / ratio, ratio**2, 1 / ratio**2))


def _plain_quantity(lit: Lit) -> bool:
    return (
        lit.unit is not None
        and not (lit.bound or lit.is_range or lit.approx or lit.is_percent)
        and lit.number.value > 0
    )


def _convertible(x: UnitCell, y: UnitCell) -> bool:
    """Two quantities of one kind with a hard dimension (bytes, seconds…) in different units."""
    assert x.lit.unit is not None and y.lit.unit is not None
    table = unit_table()
    hard = table.hard_part(x.lit.unit.dims)
    return (
        any(hard)
        and hard == table.hard_part(y.lit.unit.dims)
        and x.lit.unit.dims == y.lit.unit.dims
        and x.lit.unit_text != y.lit.unit_text
    )


def _same_amount(x: UnitCell, y: UnitCell, tolerance: Tolerance) -> bool:
    a = literal_value(x.lit, stated=True, tolerance=tolerance)
    b = literal_value(y.lit, stated=True, tolerance=tolerance)
    return a.interval.overlaps(b.interval)


def _text(cell: UnitCell) -> str:
    """The cell as written, with its header's unit when it writes none (``405.9 GB``)."""
    text = literal_text(cell.lit, cell.where)
    unit = cell.lit.unit_text
    return text if not unit or text.endswith(unit) else f"{text} {unit}"


def _header(cell: UnitCell) -> str:
    info = cell.where.segment.cell
    header = " ".join(info.header.split()).strip("*_ ") if info is not None else ""
    return header or "the column"
