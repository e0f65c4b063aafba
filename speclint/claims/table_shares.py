"""A table's share column against its **Total** row: under ``| Item | $ / month | Share |`` the
``Share`` of each row is its figure ÷ the Total row's figure in the same column. The one row
whose share does not match is checked as that quotient.

Read only when the table has a Total row, the shares of at least two other rows match one
column's figure ÷ its total within their written precision, and exactly one row does not.
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import TOTAL_LABEL, cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

MIN_AGREEING = 2
_Cell = tuple[Lit, Scanned]


def table_share_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row whose share is not its figure over the table's total."""
    claims = []
    for cells in body_cells(scanned).values():
        total_rows = {row for (row, col), w in cells.items() if col == 0 and _is_total(w)}
        if len(total_rows) != 1:
            continue
        [total_row] = total_rows
        values = {at: v for at, w in cells.items() if (v := _value(w)) is not None}
        share_cols = {c for (_, c), (lit, _) in values.items() if lit.is_percent}
        for share_col in share_cols:
            for col in {c for _, c in values} - share_cols:
                claim = _claim(doc, values, total_row, col, share_col, tolerance)
                if claim is not None:
                    claims.append(claim)
    return claims


def _is_total(where: Scanned) -> bool:
    return TOTAL_LABEL.search(where.text) is not None


def _value(where: Scanned) -> _Cell | None:
    node = cell_value(where)
    if not isinstance(node, Lit) or node.bound or node.is_range or node.number.value <= 0:
        return None
    return node, where


def _claim(
    doc: Document,
    values: dict[tuple[int, int], _Cell],
    total_row: int,
    col: int,
    share_col: int,
    tolerance: Tolerance,
) -> Claim | None:
    total = values.get((total_row, col))
    if total is None or total[0].is_percent or not _share_of(values, share_col, col):
        return None
    whole = _number(total[0])
    rows = sorted(r for r, c in values if c == share_col and r != total_row)
    pairs = [(values.get((r, col)), values[(r, share_col)]) for r in rows]
    if any(part is None for part, _ in pairs):
        return None
    agree: list[tuple[_Cell, _Cell]] = []
    odd: list[tuple[_Cell, _Cell]] = []
    for part, share in pairs:
        assert part is not None
        ratio = 100 * _number(part[0]) / whole
        written = written_interval(share[0], stated=True, tolerance=tolerance)
        (agree if written.lo <= ratio <= written.hi else odd).append((part, share))
    if len(odd) != 1 or len(agree) < MIN_AGREEING:
        return None
    (part_lit, part_where), (share_lit, share_where) = odd[0]
    value = _number(part_lit) / whole
    shown_part, shown_total = literal_text(part_lit, part_where), literal_text(*total)
    line = doc.position(part_where.offsets[part_lit.num_start])[0]
    total_line = doc.position(total[1].offsets[total[0].num_start])[0]
    return Claim(
        "percentage",
        share_lit,
        share_where,
        computed=Value(value, Interval(value, value), unit_table().dimensionless, False),
        derivation=f"{shown_part} (line {line}) / {shown_total} (line {total_line})",
        parts=[Related(line, shown_part), Related(total_line, shown_total)],
        assumption=f"each share is its row over the Total row, as on {len(agree)} other rows",
    )


#: Words of a share column's header that say only that it is a share.
_SHARE_WORDS = frozenset("share shares of total the % percent pct portion part".split())


def _share_of(values: dict[tuple[int, int], _Cell], share_col: int, col: int) -> bool:
    """The share column's header names nothing but a share, or only words the figure
    column's header has too (``Traffic share`` is no share of ``Replicas proposed``)."""
    headers = {}
    for (_, c), (_, where) in values.items():
        if c in (share_col, col) and where.segment.cell is not None:
            headers[c] = set(re.findall(r"[a-z]+", where.segment.cell.header.lower()))
    own = headers.get(share_col, set()) - _SHARE_WORDS
    return own <= headers.get(col, set())


def _number(lit: Lit) -> Fraction:
    scale = lit.scale.factor if lit.scale is not None else 1
    return Fraction(lit.number.value) * scale
