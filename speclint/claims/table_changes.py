"""A change column along table rows: ``| TTFT p99 | 700 ms | 560 ms | −20.0 % |`` under ``Metric
| Before | After | Change``: each row's change is (after − before) ÷ before, in percent.

A column is read this way only when its header says it is a change (``Change``, ``Δ (%)``,
``Reduction``; ``data/statements.toml``), every cell of it is a percentage (a sign before it,
or none), and the table shows which two columns to its left it compares and over which of
them: exactly one reading (the two columns and the base) holds, within the written precision,
on every row but one (two rows at least), and the row that breaks it breaks it for every
figure its cells may stand for. The sizes are compared, not the signs (``Reduction`` columns
write a fall unsigned). A row whose figures are percentages (its change may be in points) or
of two units leaves the pair of columns unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import _header_unit, _with_header_unit
from speclint.claims.table_ratios import column_precision
from speclint.claims.table_rows import Cell, body_cells, part_cells, read_rows
from speclint.data import load
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import NumberLiteral
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

#: Rows besides the one reported that must hold the reading.
MIN_AGREEING_ROWS = 2
_CHANGE_HEADER = lazy_re(load("statements.toml")["tables"]["change-header"], re.IGNORECASE)
#: What may stand around a change cell's number: its sign, an approximation, emphasis.
_AROUND = " ~≈*_+-−–"
_HUNDRED = Fraction(100)


@dataclass
class _Change:
    lit: Lit  # the percentage, without its sign
    where: Scanned
    result: Interval  # its size, as a fraction, to its last written digit


#: One way to read a change column: the column it is from, the column it is to, the base.
_Reading = tuple[int, int, int]


def table_change_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row of a change column that does not hold the change between the
    two columns the table's other rows compare."""
    claims = []
    for cells in body_cells(scanned).values():
        changes: dict[int, dict[int, _Change | None]] = {}
        for row, col, where in part_cells(cells):
            info = where.segment.cell
            if info is None or not _CHANGE_HEADER.search(" ".join(info.header.split())):
                continue
            changes.setdefault(col, {})[row] = _read_change(where, tolerance)
        if not changes:
            continue
        rows = read_rows(doc, cells, tolerance)
        for col, read in sorted(changes.items()):
            column = {row: change for row, change in read.items() if change is not None}
            if len(column) != len(read):
                continue  # a cell that is not a percentage: not a change column
            claim = _column_claim(doc, rows, col, column)
            if claim is not None:
                claims.append(claim)
    return claims


def _read_change(where: Scanned, tolerance: Tolerance) -> _Change | None:
    """The percentage a cell holds, alone but for a sign (the header may give the ``%``)."""
    lits = [lit for chain in where.result.chains for expr in chain.exprs for lit in literals(expr)]
    if len(lits) != 1:
        return None
    lit = lits[0]
    info = where.segment.cell
    if not lit.is_percent and info is not None:
        lit = _with_header_unit(lit, *_header_unit(info.header))
    if not lit.is_percent or lit.bound or lit.is_range or lit.scale is not None:
        return None
    if where.text[: lit.num_start].strip(_AROUND) or where.text[lit.end :].strip(" *_"):
        return None
    result = written_interval(lit, stated=True, loose_zeros=False, tolerance=tolerance)
    return _Change(lit, where, result.scale(1 / _HUNDRED))


def _column_claim(
    doc: Document, rows: dict[int, dict[int, Cell]], col: int, column: dict[int, _Change]
) -> Claim | None:
    """The claim of the one row that breaks the one reading the column's other rows hold."""
    cols = sorted({c for row in rows.values() for c in row if c < col})
    found = []
    for a, b in permutations(cols, 2):
        if a > b:
            continue
        pairs = {
            r: rows[r] for r in column if r in rows and _comparable(rows[r].get(a), rows[r].get(b))
        }
        if len(pairs) != len(column) or len(pairs) < MIN_AGREEING_ROWS + 1:
            continue  # a row without two figures of one kind: not this pair's column
        for base in (a, b):
            broken = [
                r for r in pairs if not _size(pairs[r], a, b, base).overlaps(column[r].result)
            ]
            if not broken:
                return None  # a reading every row holds: the column is that, nothing broken
            if len(broken) == 1:
                found.append(((a, b, base), broken[0]))
    if len(found) != 1:
        return None  # no reading the table shows, or more than one
    (a, b, base), row = found[0]
    cells, change = rows[row], column[row]
    exact = abs(cells[b].written - cells[a].written) / cells[base].written
    if change.result.overlaps(Interval.point(exact)):
        return None
    like = column_precision([c.lit for c in column.values()], change.lit)
    return _claim(doc, cells[a], cells[b], cells[base], change, len(pairs) - 1, like)


def _comparable(a: Cell | None, b: Cell | None) -> bool:
    """Two figures of one kind: the same unit as written, neither a percentage."""
    if a is None or b is None:
        return False
    return a.lit.unit_text == b.lit.unit_text and a.lit.unit == b.lit.unit


def _size(cells: dict[int, Cell], a: int, b: int, base: int) -> Interval:
    """|b − a| ÷ base, over the cells' written precision."""
    gap = cells[b].result - cells[a].result
    if gap.hi <= 0:
        gap = -gap
    elif gap.lo < 0:
        gap = Interval(Fraction(0), max(-gap.lo, gap.hi))
    return gap / cells[base].result


def _claim(
    doc: Document,
    first: Cell,
    second: Cell,
    base: Cell,
    change: _Change,
    agreeing: int,
    like: NumberLiteral | None,
) -> Claim:
    point = abs(second.written - first.written) / base.written
    exact = (second.operand - first.operand) / base.operand
    interval = exact if exact.lo >= 0 else -exact
    first_text = literal_text(first.lit, first.where)
    second_text = literal_text(second.lit, second.where)
    base_text = literal_text(base.lit, base.where)
    headers = [_header(cell.where) for cell in (first, second, change)]
    base_name = headers[0] if base is first else headers[1]
    rising = second.written >= first.written
    high, low = (second_text, first_text) if rising else (first_text, second_text)
    higher, lower = (headers[1], headers[0]) if rising else (headers[0], headers[1])
    claim = Claim(
        "formula",
        change.lit,
        change.where,
        computed=Value(point, interval, unit_table().dimensionless, False),
        derivation=f"({high} − {low}) / {base_text} (line {first.line})",
        assumption=(
            f"the other {agreeing} rows of the table have {headers[2]} = ({higher} − {lower})"
            f" / {base_name}"
        ),
        parts=[Related(first.line, first_text), Related(second.line, second_text)],
    )
    claim.like = like
    return claim


def _header(where: Scanned) -> str:
    info = where.segment.cell
    header = " ".join(info.header.split()).strip("*_ ") if info is not None else ""
    return header or "the column"
