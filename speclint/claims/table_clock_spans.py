"""Clock spans along table rows: ``| 14:36 | 17:47 | 211 |`` under ``Start | End | Minutes``.

A column of durations (its header names a time unit: ``Minutes``, ``Duration (h)``) is read as
the right one of a table's two clock-time columns minus the left one (past midnight when the
right one is earlier), only when at least two rows of the table agree: then a row that does
not is off. A table with three or more time columns, twelve-hour times or durations that are
per something is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from speclint.claims.clock_spans import clock_seconds
from speclint.claims.model import Claim, Scanned
from speclint.claims.sums import _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit
from speclint.quantity.interval import Interval
from speclint.quantity.precision import Tolerance, written_interval
from speclint.quantity.units import Unit

#: Rows that must agree before a column is read as the span of the two time columns.
MIN_AGREEING_ROWS = 2
_DAY = 24 * 3600

Cells = dict[tuple[int, int], Scanned]


def table_clock_span_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance
) -> list[Claim]:
    """A claim for each row's duration in a table whose rows show it is end − start."""
    claims: list[Claim] = []
    for cells in body_cells(scanned).values():
        times = _time_columns(cells)
        if times is None:
            continue
        for col, unit in _duration_columns(cells, times):
            claims.extend(_column_claims(doc, cells, times, col, unit, tolerance))
    return claims


def _seconds(where: Scanned) -> int | None:
    """The seconds since midnight a cell's one time of day says (emphasis and code marks
    around it aside), or ``None``."""
    return clock_seconds(where.text.strip().strip("*_`").strip())


def _time_columns(cells: Cells) -> tuple[int, int] | None:
    """The table's two columns of times of day (left, right): every filled cell a time, at
    least two of them; ``None`` unless there are exactly two such columns."""
    by_col: dict[int, list[Scanned]] = {}
    for (_, col), where in cells.items():
        by_col.setdefault(col, []).append(where)
    found = [
        col
        for col, column in sorted(by_col.items())
        if sum(_seconds(w) is not None for w in column) >= MIN_AGREEING_ROWS
        and all(_seconds(w) is not None for w in column if w.text.strip())
    ]
    return (found[0], found[1]) if len(found) == 2 else None


def _duration_columns(cells: Cells, times: tuple[int, int]) -> Iterator[tuple[int, Unit]]:
    """The columns whose header names a plain time unit (``Minutes``, ``Duration (min)``)."""
    headers = {col: where.segment.cell.header for (_, col), where in cells.items()
               if where.segment.cell is not None and col not in times}  # fmt: skip
    for col, header in sorted(headers.items()):
        unit = _header_unit(header)[0] or _header_unit(header.lower())[0]  # "Minutes"
        if unit is not None and unit.kind == "time" and not unit.counted and unit.factor >= 1:
            yield col, unit


def _column_claims(
    doc: Document, cells: Cells, times: tuple[int, int], col: int, unit: Unit, tol: Tolerance
) -> list[Claim]:
    """The claims of one duration column, when enough of its rows are the span."""
    rows = []
    for (row, c), where in sorted(cells.items()):
        start, end = cells.get((row, times[0])), cells.get((row, times[1]))
        lit = cell_value(where) if c == col else None
        if start is None or end is None or not isinstance(lit, Lit) or not _plain(lit, unit):
            continue
        first, second = _seconds(start), _seconds(end)
        if first is None or second is None or (second - first) % _DAY == 0:
            continue
        span = (second - first) % _DAY
        written = written_interval(lit, stated=True, tolerance=tol).scale(unit.factor)
        rows.append((lit, where, start, end, span, written.lo <= span <= written.hi))
    if sum(agrees for *_, agrees in rows) < MIN_AGREEING_ROWS:
        return []
    agreeing = sum(agrees for *_, agrees in rows)
    return [_claim(doc, *row[:5], unit, agreeing) for row in rows]


def _plain(lit: Lit, unit: Unit) -> bool:
    """A plain figure in the header's unit (or in its own time unit of that size)."""
    own = lit.unit is None or lit.unit.factor == unit.factor
    return own and not (lit.per or lit.bound or lit.is_range or lit.is_percent or lit.scale)


def _claim(
    doc: Document,
    lit: Lit,
    where: Scanned,
    start: Scanned,
    end: Scanned,
    span: int,
    unit: Unit,
    agreeing: int,
) -> Claim:
    stated = _with_header_unit(lit, unit, unit.text)
    computed = Value(Fraction(span), Interval.point(Fraction(span)), unit.dims, False)
    lines = [doc.position(w.offsets[0])[0] for w in (start, end)]
    a, b = start.text.strip(" *_`"), end.text.strip(" *_`")
    return Claim(
        "formula",
        stated,
        where,
        relation="≈" if lit.approx else "=",
        computed=computed,
        derivation=f"{b} − {a} (line {lines[1]})",
        assumption=f"the other {agreeing} rows of the table have the span of their two times",
        parts=[Related(lines[0], a), Related(lines[1], b)],
    )
