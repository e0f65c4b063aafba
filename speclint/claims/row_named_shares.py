"""A figure's share of a named table row's figure in the same column: under ``| Baseline | 208 |
$12,430.08 |`` and ``| Savings | 80 | $4,780.80 |``, the prose ``Savings: $4,780.80/day, i.e.
38.5 % of the baseline spend`` is the Savings cell ÷ the Baseline cell.

Read only when the percentage follows the figure with nothing but joining words (``, i.e.``,
``, or``, ``(``, ``which is``), names a row of a table by its label right after ``% of [the]``,
and the figure's number is written in exactly one other row of that table; the whole is the
named row's cell in that column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from speclint.claims.model import Claim, Scanned, single_lit
from speclint.claims.row_comparisons import _named_row, _table
from speclint.claims.row_total_shares import cell_share_claim
from speclint.claims.table_rows import Cell, body_cells
from speclint.document import Document
from speclint.formula.expr import Lit
from speclint.formula.parser import Chain
from speclint.patterns import lazy_re
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: After the percentage's number: ``% of the baseline spend``.
_OF_NAMED = lazy_re(r"\s*%\s+of\s+(?:the\s+|our\s+|its\s+)?(?P<name>\w[\w.-]{1,30})", re.I)
#: What may stand between the figure and its share.
_JOINS = frozenset({",", "i.e", "i.e.", ".", "or", "(", "which", "is", "that", "—", "–", ":"})


def row_named_share_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A percentage claim for each share of a named row's figure in the figure's column."""
    found = [(where, part, pct) for where in scanned for part, pct in _shares(where)]
    if not found:
        return []
    tables = [_table(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    claims = []
    for where, part, pct in found:
        match = _OF_NAMED.match(where.text, pct.num_end)
        assert match is not None
        for labels, rows, _ in tables:
            row = _named_row(match.group("name"), labels, True)
            if row is None:
                continue
            cell = _one_cell(rows, row, part)
            if cell is not None and cell[1] is not None:
                claims.append(cell_share_claim(where, pct, cell[0], cell[1]))
    return claims


def _shares(where: Scanned) -> Iterator[tuple[Lit, Lit]]:
    """(figure, percentage) pairs of a paragraph: the percentage names a row after ``of``."""
    if where.segment.kind != "paragraph" or "%" not in where.text:
        return
    chains = [c for c in where.result.chains if not c.ignored]
    for prev, nxt in pairwise(chains):
        part, pct = single_lit(prev), single_lit(nxt)
        if part is None or pct is None or not pct.is_percent or part.unit is None:
            continue
        if part.is_percent or pct.bound or pct.is_range or part.is_range or part.bound:
            continue
        if _joined(where, prev, nxt) and _OF_NAMED.match(where.text, pct.num_end):
            yield part, pct


def _joined(where: Scanned, prev: Chain, nxt: Chain) -> bool:
    """Only joining words between the figure and its share, after the figure's period if it
    names one (``$6,440.00 a month, i.e.``)."""
    words = [t.text.lower() for t in where.tokens[prev.tok_end : nxt.tok_start]]
    if words[:1] and words[0] in _PER and words[1:2] and words[1].rstrip("s") in _PERIODS:
        words = words[2:]
    return bool(words) and set(words) <= _JOINS


_PER = frozenset({"a", "an", "per", "each", "every"})
_PERIODS = frozenset({"hour", "day", "night", "week", "month", "quarter", "year"})


def _one_cell(
    rows: dict[int, dict[int, Cell]], named: int, part: Lit
) -> tuple[Cell, Cell | None] | None:
    """The one cell of another row that writes the figure's number, and the named row's cell
    in its column."""
    same = [
        (row, col, cell)
        for row, cells in rows.items()
        if row != named
        for col, cell in cells.items()
        if cell.lit.number.value == part.number.value and cell.lit.scale == part.scale
    ]
    if len(same) != 1:
        return None
    _, col, cell = same[0]
    return cell, rows[named].get(col)
