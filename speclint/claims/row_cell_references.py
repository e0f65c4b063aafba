"""A table cell named by its row and column in prose: ``sized for us-east's table peak of 320
QPS`` under ``| us-east | 300 | … |`` in a ``Peak QPS`` column. The figure restates the cell.

Read only when the figure follows ``<row>'s [table] <word> of|is|at`` right before it, the row
names exactly one row of a table by its label, the word exactly one column header of that
table, and the figure's unit (if any) is written in that header; a cell of a Total row is no
such cell. A figure at odds with the cell is a consistency finding (SPC302).
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.row_comparisons import _named_row, _table
from speclint.claims.table_rows import Cell, body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval

#: Before the figure: ``us-east's table peak of``.
_NAMED_CELL = lazy_re(
    r"(?P<row>[\w.-]{2,30})(?:'s|’s)\s+(?:table\s+|stated\s+|listed\s+)?(?P<col>[A-Za-z]{3,20})"
    r"\s+(?:of|is|was|at|=|:)\s*$",
    re.IGNORECASE,
)


def row_cell_reference_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A restatement claim for each figure that names a table cell by its row and column."""
    found = [(w, lit, m) for w in scanned for lit, m in _references(w)]
    if not found:
        return []
    tables = [_table(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    claims = []
    for where, lit, match in found:
        cells = []
        for labels, rows, headers in tables:
            row = _named_row(match.group("row"), labels, True)
            if row is None:
                continue
            col = match.group("col").lower()
            named = [k for k, h in headers.items() if re.search(rf"\b{col}\b", h, re.I)]
            if len(named) == 1 and named[0] in rows[row]:
                cell = rows[row][named[0]]
                if _unit_fits(lit, headers[named[0]]):
                    cells.append(cell)
        if len(cells) == 1:
            claim = _claim(where, lit, cells[0], tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _references(where: Scanned) -> list[tuple[Lit, re.Match[str]]]:
    if where.segment.kind != "paragraph" or ("'s" not in where.text and "’s" not in where.text):
        return []
    out = []
    for chain in where.result.chains:
        for lit in (lit for expr in chain.exprs for lit in literals(expr)):
            if lit.bound or lit.is_range or lit.is_percent:
                continue
            match = _NAMED_CELL.search(where.text, max(0, lit.start - 60), lit.start)
            if match is not None:
                out.append((lit, match))
    return out


def _unit_fits(lit: Lit, header: str) -> bool:
    """The figure's unit is the column's: written in its header, or neither has one."""
    if lit.unit is None:
        return True
    return re.search(rf"(?<![\w/]){re.escape(lit.unit_text)}(?![\w/])", header) is not None


def _claim(where: Scanned, lit: Lit, cell: Cell, tolerance: Tolerance) -> Claim | None:
    cell_lit, cell_where, line = cell.lit, cell.where, cell.line
    if cell_lit.unit is not None:
        return None  # a cell with its own unit is compared by the unit twins
    try:
        value = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    factor = lit.unit.factor if lit.unit is not None else Fraction(1)
    scale = cell_lit.scale.factor if cell_lit.scale is not None else Fraction(1)
    point = cell_lit.number.value * scale * factor
    shown = literal_text(cell_lit, cell_where)
    written = written_interval(cell_lit, stated=True, tolerance=tolerance).scale(scale * factor)
    computed = Value(point, written, value.dims, False)
    return Claim(
        "restatement",
        lit,
        where,
        computed=computed,
        derivation=f"the table's cell on line {line}, {shown}",
        assumption="the figure names that row's cell",
        parts=[Related(line, shown)],
    )
