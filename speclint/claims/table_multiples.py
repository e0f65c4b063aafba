"""A column of multiples along table rows: ``| p99 TTFT | 1.4 s | 21.7 s | 25× |`` under ``Metric
| Before | Peak | Ratio |``: each row's multiple is one of two figures to its left over the other.

A column is read this way only when every filled cell of it is a multiple (``25×``; a dash
counts as empty), and the table shows which two columns to its left it divides and which way:
exactly one reading (a pair of columns of one unit and a direction) holds, within the written
precision, on every row but one, on at least one other row (two when the header does not call
the column a ratio, a factor or a speed-up), and the row that breaks it breaks it for every figure
its cells may stand for.
"""

from __future__ import annotations

import re
from itertools import permutations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.table_rows import Cell, body_cells, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

#: A header that names its column a multiple: one agreeing row is then enough.
_RATIO_HEADER = lazy_re(r"^\W*(?:ratio|multiple|factor|speed-?up|slow-?down|×|x)\b", re.IGNORECASE)


def table_multiple_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for the one row of a column of multiples that breaks the quotient of two columns
    the table's other rows hold."""
    claims = []
    for cells in body_cells(scanned).values():
        multiples: dict[int, dict[int, tuple[Lit, Scanned, Interval]]] = {}
        others: set[int] = set()  # columns with a cell that is no multiple
        headers: dict[int, str] = {}
        for (row, col), where in cells.items():
            info = where.segment.cell
            if info is not None:
                headers[col] = " ".join(info.header.split()).strip("*_ ")
            lit = _multiple(where)
            if lit is False:
                others.add(col)
            elif isinstance(lit, Lit):
                result = written_interval(lit, stated=True, loose_zeros=False, tolerance=tolerance)
                multiples.setdefault(col, {})[row] = (lit, where, result)
        if not set(multiples) - others:
            continue
        rows = read_rows(doc, cells, tolerance)
        for col, column in multiples.items():
            if col in others:
                continue  # a cell that is no multiple: not a column of multiples
            least = 1 if _RATIO_HEADER.search(headers.get(col, "")) else 2
            claim = _column_claim(rows, col, column, least)
            if claim is not None:
                claims.append(claim)
    return claims


def _multiple(where: Scanned) -> Lit | bool | None:
    """The cell's one multiple (``25×``); None for an empty cell or a dash; False for any other
    content."""
    text = where.text.strip(" *_")
    if text in ("", "-", "–", "—", "n/a"):
        return None
    lits = [lit for chain in where.result.chains for expr in chain.exprs for lit in literals(expr)]
    if len(lits) != 1:
        return False
    lit = lits[0]
    if lit.unit is None or lit.unit.kind != "multiplier" or lit.bound or lit.is_range:
        return False
    if where.text[: lit.num_start].strip(" *_~≈") or where.text[lit.end :].strip(" *_"):
        return False
    return lit


def _column_claim(
    rows: dict[int, dict[int, Cell]],
    col: int,
    column: dict[int, tuple[Lit, Scanned, Interval]],
    least: int,
) -> Claim | None:
    cols = sorted({c for row in rows.values() for c in row if c < col})
    found = []
    for top, bottom in permutations(cols, 2):
        pairs = {r: rows[r] for r in column if r in rows and _comparable(rows[r], top, bottom)}
        if len(pairs) != len(column) or len(pairs) < least + 1:
            continue
        broken = [r for r in pairs if not _quotient(pairs[r], top, bottom).overlaps(column[r][2])]
        if len(broken) == 1:
            found.append((top, bottom, broken[0], len(pairs) - 1))
        elif not broken:
            return None  # a reading every row holds: the column is that, nothing broken
    if len(found) != 1:
        return None
    top, bottom, row, agreeing = found[0]
    cells = rows[row]
    exact = cells[top].written / cells[bottom].written
    lit, where, result = column[row]
    if result.overlaps(Interval.point(exact)):
        return None
    computed = Value(exact, _quotient(cells, top, bottom), _no_dims(), True)
    a_text = literal_text(cells[top].lit, cells[top].where)
    b_text = literal_text(cells[bottom].lit, cells[bottom].where)
    return Claim(
        "formula",
        lit,
        where,
        computed=computed,
        derivation=f"{a_text} (line {cells[top].line}) / {b_text} (line {cells[bottom].line})",
        parts=[Related(cells[top].line, a_text), Related(cells[bottom].line, b_text)],
        assumption=(
            "the other row of the column holds the same quotient"
            if agreeing == 1
            else f"the other {agreeing} rows of the column hold the same quotient"
        ),
    )


def _no_dims() -> tuple[int, ...]:
    return tuple(0 for _ in unit_table().names)


def _comparable(row: dict[int, Cell], a: int, b: int) -> bool:
    """Two figures of one unit as written, neither a percentage."""
    if a not in row or b not in row:
        return False
    x, y = row[a].lit, row[b].lit
    return x.unit == y.unit and x.unit_text == y.unit_text and not x.is_percent


def _quotient(row: dict[int, Cell], top: int, bottom: int) -> Interval:
    """top ÷ bottom over the cells' written precision."""
    return row[top].result / row[bottom].result
