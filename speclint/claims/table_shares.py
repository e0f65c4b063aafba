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
from speclint.quantity.numbers import format_like
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

MIN_AGREEING = 2
#: Rows that must agree when the share's header names a whole the figure's column does not.
MIN_NAMED_ELSE = 4
_Cell = tuple[Lit, Scanned]


def table_share_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row whose share is not its figure over the table's total."""
    claims: list[Claim] = []
    for cells in body_cells(scanned).values():
        total_rows = {row for (row, col), w in cells.items() if col == 0 and _is_total(w)}
        if len(total_rows) != 1:
            continue
        [total_row] = total_rows
        values = {at: v for at, w in cells.items() if (v := _value(w)) is not None}
        share_cols = {c for (_, c), (lit, _) in values.items() if lit.is_percent}
        label = cells[(total_row, 0)].text
        figure_cols = sorted({c for _, c in values} - share_cols)
        for share_col in sorted(share_cols):
            for col in figure_cols:
                claim = _claim(doc, values, total_row, label, col, share_col, tolerance)
                if claim is None or any(c.where is claim.where for c in claims):
                    continue  # one claim a share: the leftmost column's
                row = claim.where.segment.cell.row if claim.where.segment.cell else -1
                others = [c for c in figure_cols if c != col]
                if not any(_holds(values, total_row, c, share_col, row, tolerance) for c in others):
                    claims.append(claim)  # no other column the share is right for
    return claims


def _holds(
    values: dict[tuple[int, int], _Cell],
    total_row: int,
    col: int,
    share_col: int,
    row: int,
    tolerance: Tolerance,
) -> bool:
    """Whether the share on ``row`` is that row's figure in ``col`` over the column's Total
    row, or over the sum of its rows."""
    part, total = values.get((row, col)), values.get((total_row, col))
    if part is None or total is None or part[0].is_percent:
        return False
    column = [lit for (r, c), (lit, _) in values.items() if c == col and r != total_row]
    written = written_interval(values[(row, share_col)][0], stated=True, tolerance=tolerance)
    for whole in {_number(total[0]), sum((_number(lit) for lit in column), Fraction(0))}:
        if written.lo <= 100 * _number(part[0]) / whole <= written.hi:
            return True
    return False


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
    total_label: str,
    col: int,
    share_col: int,
    tolerance: Tolerance,
) -> Claim | None:
    total = values.get((total_row, col))
    if total is None or total[0].is_percent:
        return None
    # A header naming another whole (``Share of IT load`` beside ``kW total``) is read only
    # when the column's other rows show it is that column's share.
    least = MIN_AGREEING if _share_of(values, share_col, col, total_label) else MIN_NAMED_ELSE
    rows = sorted(r for r, c in values if c == share_col and r != total_row)
    pairs = [(values.get((r, col)), values[(r, share_col)]) for r in rows]
    parts = [part for part, _ in pairs if part is not None]
    if len(parts) != len(pairs):
        return None
    shares = [share for _, share in pairs]
    whole = _number(total[0])
    found = _odd_share(parts, shares, whole, tolerance, least)
    column = [lit for (r, c), (lit, _) in values.items() if c == col and r != total_row]
    added = sum((_number(lit) for lit in column), Fraction(0))
    of_rows = found is None and len(column) == len(parts) and added != whole
    if of_rows:
        # the Total row is off its rows (a slip of its own): the shares may be of their sum
        whole = added
        found = _odd_share(parts, shares, whole, tolerance, least)
    if found is None:
        return None
    (part_lit, part_where), (share_lit, share_where), agree = found
    value = _number(part_lit) / whole
    shown_part, shown_total = literal_text(part_lit, part_where), literal_text(*total)
    line = doc.position(part_where.offsets[part_lit.num_start])[0]
    total_line = doc.position(total[1].offsets[total[0].num_start])[0]
    if of_rows:
        lines = sorted(doc.position(where.offsets[lit.num_start])[0] for lit, where in parts)
        shown_sum = format_like(whole, total[0].number)
        return Claim(
            "percentage",
            share_lit,
            share_where,
            computed=Value(value, Interval(value, value), unit_table().dimensionless, False),
            derivation=f"{shown_part} (line {line}) / {shown_sum} (lines {lines[0]}–{lines[-1]})",
            parts=[Related(line, shown_part)],
            assumption=(
                f"each share is its row over the sum of the rows above the Total row "
                f"({shown_total} is not that sum), as on {agree} other rows"
            ),
        )
    return Claim(
        "percentage",
        share_lit,
        share_where,
        computed=Value(value, Interval(value, value), unit_table().dimensionless, False),
        derivation=f"{shown_part} (line {line}) / {shown_total} (line {total_line})",
        parts=[Related(line, shown_part), Related(total_line, shown_total)],
        assumption=f"each share is its row over the Total row, as on {agree} other rows",
    )


def _odd_share(
    parts: list[_Cell],
    shares: list[_Cell],
    whole: Fraction,
    tolerance: Tolerance,
    least: int = MIN_AGREEING,
) -> tuple[_Cell, _Cell, int] | None:
    """The one row whose share is not its part over ``whole``, when at least ``least`` others
    are."""
    agree = 0
    odd: list[tuple[_Cell, _Cell]] = []
    for part, share in zip(parts, shares, strict=True):
        ratio = 100 * _number(part[0]) / whole
        written = written_interval(share[0], stated=True, tolerance=tolerance)
        if written.lo <= ratio <= written.hi:
            agree += 1
        else:
            odd.append((part, share))
    if len(odd) != 1 or agree < least:
        return None
    return odd[0][0], odd[0][1], agree


#: Words of a share column's header that say only that it is a share.
_SHARE_WORDS = frozenset("share shares of total the % percent pct portion part".split())


def _share_of(
    values: dict[tuple[int, int], _Cell], share_col: int, col: int, total_label: str
) -> bool:
    """The share column's header names nothing but a share, or only words the figure
    column's header or the Total row's label has too (``Traffic share`` is no share of
    ``Replicas proposed``; ``Share of used`` is one of ``GPU-hours`` over ``Used total``)."""
    headers = {}
    for (_, c), (_, where) in values.items():
        if c in (share_col, col) and where.segment.cell is not None:
            headers[c] = set(re.findall(r"[a-z]+", where.segment.cell.header.lower()))
    own = headers.get(share_col, set()) - _SHARE_WORDS
    return own <= headers.get(col, set()) | set(re.findall(r"[a-z]+", total_label.lower()))


def _number(lit: Lit) -> Fraction:
    scale = lit.scale.factor if lit.scale is not None else 1
    return Fraction(lit.number.value) * scale
