"""Two percentage columns of one table that are each other's rest: ``Utilisation at peak`` and
``Headroom`` add up to 100 % on every row but one (``72.9 % | 25.1 %``). The later column's cell
on that row is checked as 100 % − the earlier one's.

Read only when every row holds a percentage in both columns, at least three rows add up to
100 % within their written precision, and exactly one does not.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

MIN_AGREEING = 3
_WHOLE = Fraction(100)


def complement_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row where two complementary percentage columns do not add up."""
    claims = []
    for cells in body_cells(scanned).values():
        percents = _percent_cells(cells)
        rows = sorted({row for row, _ in percents})
        cols = sorted({col for _, col in percents})
        for a, b in combinations(cols, 2):
            pairs = [(percents.get((r, a)), percents.get((r, b))) for r in rows]
            if any(x is None or y is None for x, y in pairs):
                continue
            claim = _odd_row(doc, [(x, y) for x, y in pairs if x and y], tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _percent_cells(
    cells: dict[tuple[int, int], Scanned],
) -> dict[tuple[int, int], tuple[Lit, Scanned]]:
    found = {}
    for at, where in cells.items():
        node = cell_value(where)
        if isinstance(node, Lit) and node.is_percent and not (node.bound or node.is_range):
            found[at] = (node, where)
    return found


def _odd_row(
    doc: Document,
    pairs: list[tuple[tuple[Lit, Scanned], tuple[Lit, Scanned]]],
    tolerance: Tolerance,
) -> Claim | None:
    def adds_up(x: Lit, y: Lit) -> bool:
        total = _written(x, tolerance) + _written(y, tolerance)
        return total.lo <= _WHOLE <= total.hi

    odd = [(x, y) for x, y in pairs if not adds_up(x[0], y[0])]
    if len(odd) != 1 or len(pairs) - 1 < MIN_AGREEING:
        return None
    (first, first_where), (second, second_where) = odd[0]
    rest = _WHOLE - first.number.value
    line = doc.position(first_where.offsets[first.num_start])[0]
    shown = literal_text(first, first_where)
    return Claim(
        "percentage",
        second,
        second_where,
        computed=Value(
            rest / 100, Interval(rest / 100, rest / 100), unit_table().dimensionless, False
        ),
        derivation=f"100 % − {shown} (line {line})",
        parts=[Related(line, shown)],
        assumption=f"the two columns add up to 100 % on the table's other {len(pairs) - 1} rows",
    )


def _written(lit: Lit, tolerance: Tolerance) -> Interval:
    return written_interval(lit, stated=True, tolerance=tolerance)
