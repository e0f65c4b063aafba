"""A rate column that is one over a time column of the same table: ``t_min (ms)`` and ``Max
tokens/s per sequence`` (``10.53 | 95.0``: 1,000 ÷ 10.53 ms). The rate on the one row where
the two do not hold is checked as 1 ÷ that row's time (the message says the time may be the
wrong cell: the row only shows that one of the two is).

Read only when one column's header names a time unit (``ms``, ``s``, ``µs``) and the other's a
rate per second (``/s``, ``per second``), every row has a plain number in both, at least two
rows hold within their written precision and exactly one does not.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import permutations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

MIN_AGREEING = 2
#: A time column: its unit in the header, seconds per unit.
_TIME = re.compile(r"\((?P<unit>ms|s|µs|us)\)|\b(?P<bare>ms|µs)\b")
_SECONDS = {"ms": Fraction(1, 1000), "s": Fraction(1), "µs": Fraction(1, 10**6)}
#: A rate column: per second.
_RATE = re.compile(r"/\s*s\b|\bper\s+second\b|\btok/s\b", re.I)
_Cell = tuple[Lit, Scanned]


def reciprocal_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row where a rate column is not one over a time column."""
    claims = []
    for cells in body_cells(scanned).values():
        values = {at: v for at, w in cells.items() if (v := _plain(w)) is not None}
        headers = {c: w.segment.cell.header for (_, c), w in cells.items() if w.segment.cell}
        for time_col, rate_col in permutations(sorted(headers), 2):
            seconds = _seconds(headers[time_col])
            if seconds is None or not _RATE.search(headers[rate_col]):
                continue
            if _TIME.search(headers[rate_col]) or _RATE.search(headers[time_col]):
                continue
            claim = _odd_row(doc, values, time_col, rate_col, seconds, tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _plain(where: Scanned) -> _Cell | None:
    node = cell_value(where)
    if not isinstance(node, Lit) or node.unit is not None or node.scale is not None:
        return None
    if node.bound or node.is_range or node.approx or node.number.value <= 0:
        return None
    return node, where


def _seconds(header: str) -> Fraction | None:
    found = _TIME.search(header)
    if found is None:
        return None
    unit = (found.group("unit") or found.group("bare")).replace("us", "µs")
    return _SECONDS[unit]


def _odd_row(
    doc: Document,
    values: dict[tuple[int, int], _Cell],
    time_col: int,
    rate_col: int,
    seconds: Fraction,
    tolerance: Tolerance,
) -> Claim | None:
    rows = sorted({r for r, _ in values})
    pairs = [(values.get((r, time_col)), values.get((r, rate_col))) for r in rows]
    full = [(t, q) for t, q in pairs if t is not None and q is not None]
    if len(full) != len(rows):
        return None
    agree: list[tuple[_Cell, _Cell]] = []
    odd: list[tuple[_Cell, _Cell]] = []
    for time, rate in full:
        expected = 1 / (time[0].number.value * seconds)
        written = written_interval(rate[0], stated=True, tolerance=tolerance)
        (agree if written.lo <= expected <= written.hi else odd).append((time, rate))
    if len(odd) != 1 or len(agree) < MIN_AGREEING:
        return None
    (time_lit, time_where), (rate_lit, rate_where) = odd[0]
    value = 1 / (time_lit.number.value * seconds)
    line = doc.position(time_where.offsets[time_lit.num_start])[0]
    shown = literal_text(time_lit, time_where)
    per = "1,000" if seconds == Fraction(1, 1000) else "1"
    return Claim(
        "formula",
        rate_lit,
        rate_where,
        computed=Value(value, Interval(value, value), unit_table().dimensionless, False),
        derivation=f"{per} ÷ {shown} (line {line})",
        parts=[Related(line, shown)],
        assumption=(
            f"the rate is one over the row's time, as on {len(agree)} other rows; the time may"
            " be the cell that is wrong"
        ),
    )
