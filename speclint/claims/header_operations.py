"""Columns whose header writes the operation that gives them: ``Per GPU (÷ 64)`` next to a
``Total`` column, ``Bits (× 8)`` next to ``Bytes``.

The column is read as the nearest column to its left of the same dimension, divided or
multiplied by the header's constant, only when the table shows it: at least two other rows hold
it within their written precision, and exactly one row does not (that row is reported).
"""

from __future__ import annotations

from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.table_rows import Cell, body_cells, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.patterns import lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: Rows besides the one reported that must hold the header's operation.
MIN_AGREEING_ROWS = 2
#: The operation at the end of a header: ``(÷ 64)``, ``(/8)``, ``(× 1,024)``.
_OPERATION = lazy_compile(r"\(\s*(?P<op>[÷/×x*])\s*(?P<k>\d{1,3}(?:,\d{3})*|\d+)\s*\)\s*$")


def header_operation_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row of a column that breaks the operation its header writes."""
    operations: dict[tuple[int, int], tuple[str, Fraction]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is None or not cell.is_header or "(" not in cell.header:
            continue
        found = _OPERATION.search(cell.header)
        if found is not None and int(found["k"].replace(",", "")) > 1:
            divides = found["op"] in "÷/"
            operations[(cell.table, cell.col)] = (
                "÷" if divides else "×",
                Fraction(found["k"].replace(",", "")),
            )
    if not operations:
        return []
    claims = []
    for table, cells in body_cells(scanned).items():
        rows = read_rows(doc, cells, tolerance)
        for (t, col), operation in operations.items():
            if t == table:
                claim = _column_claim(rows, col, operation)
                if claim is not None:
                    claims.append(claim)
    return claims


def _column_claim(
    rows: dict[int, dict[int, Cell]], col: int, operation: tuple[str, Fraction]
) -> Claim | None:
    pairs = [(row[col - 1], row[col]) for row in rows.values() if col - 1 in row and col in row]
    checked = [(a, b, _computed(a, b, operation)) for a, b in pairs]
    if any(value is None for _, _, value in checked):
        return None  # another dimension, or no unit: the header's operation is not this one
    broken = [(a, b, v) for a, b, v in checked if v is not None and not _holds(b, v)]
    if len(broken) != 1 or len(checked) - 1 < MIN_AGREEING_ROWS:
        return None
    a, b, computed = broken[0]
    assert computed is not None
    op, k = operation
    a_text = literal_text(a.lit, a.where)
    return Claim(
        "formula",
        b.lit,
        b.where,
        computed=computed,
        derivation=f"{a_text} (line {a.line}) {op} {k}",
        assumption=(
            f"the column's header writes {op} {k}, as the other {len(checked) - 1} rows hold"
        ),
        parts=[Related(a.line, a_text)],
    )


def _computed(a: Cell, b: Cell, operation: tuple[str, Fraction]) -> Value | None:
    """``a`` with the operation applied, in ``b``'s dimension; None when the two cells do not
    share a dimension with a unit."""
    if a.lit.unit is None or b.lit.unit is None:
        return None
    source, stated = literal_value(a.lit, stated=False), literal_value(b.lit, stated=True)
    if source.dims != stated.dims:
        return None
    op, k = operation
    factor = 1 / k if op == "÷" else k
    return Value(source.point * factor, source.interval.scale(factor), stated.dims, stated.bare)


def _holds(cell: Cell, computed: Value) -> bool:
    return literal_value(cell.lit, stated=True).interval.overlaps(computed.interval)
