"""A table column of formulas and the column of their results beside it: ``| checkpoint stalls |
15 s / 600 s | 2.5 % |`` under ``Overhead | Basis | Share of time``, ``| Energy | 337,435 kWh ×
$0.11 | 37,118 |`` under ``Line item | Basis | Monthly ($)``.

Read when the column's header says it holds formulas (``Basis``, ``Formula``, ``Calculation``),
two thirds of its filled cells at least (two at least) are formulas of numbers with an operator
and no result of their own, and the column right after it holds one figure on each of those
rows: each figure is claimed to be its row's formula, in the unit the figure (or its header)
writes. A row whose cell is no such formula (``2(n − 1)/n``) is left alone.
"""

from __future__ import annotations

import regex

from speclint.claims.model import Claim, Scanned, formula_text
from speclint.claims.sums import _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import body_cells
from speclint.formula.expr import BinOp, Lit, has_operator, strip_groups
from speclint.patterns import lazy_compile

#: Headers of a column of formulas: ``Basis``, ``Formula``, ``Calculation``.
_FORMULA_HEADER = lazy_compile(
    r"\b(?:formula|basis|calculation|computation|derivation|math|arithmetic|how)\b", regex.I
)
#: Rows of formulas a column needs to be read as one.
MIN_ROWS = 2


def formula_cell_claims(scanned: list[Scanned]) -> list[Claim]:
    """A formula claim for each result cell right of a column of formulas."""
    claims = []
    for cells in body_cells(scanned).values():
        columns = sorted({col for _, col in cells})
        for col in columns:
            rows = [(row, where) for (row, c), where in cells.items() if c == col]
            info = rows[0][1].segment.cell if rows else None
            if info is None or not _FORMULA_HEADER.search(info.header):
                continue
            filled = [(row, where) for row, where in rows if where.text.strip()]
            formulas = {row: _formula(where) for row, where in filled}
            found = [row for row, formula in formulas.items() if formula is not None]
            if len(found) < MIN_ROWS or 3 * len(found) < 2 * len(filled):
                continue  # mostly formulas: a row of symbols (``2(n − 1)/n``) is skipped
            for row, where in filled:
                result = cells.get((row, col + 1))
                formula = formulas[row]
                claim = _claim(formula, where, result) if result and formula else None
                if claim is not None:
                    claims.append(claim)
    return claims


def _formula(where: Scanned) -> BinOp | None:
    """The cell's one formula with an operator and no relation (``15 s / 600 s``)."""
    chains = [c for c in where.result.chains if not c.ignored]
    if len(chains) != 1 or len(chains[0].exprs) != 1:
        return None
    node = strip_groups(chains[0].exprs[0])
    return node if isinstance(node, BinOp) and has_operator(node) else None


def _claim(formula: BinOp, formula_where: Scanned, result: Scanned) -> Claim | None:
    node = cell_value(result)
    if not isinstance(node, Lit) or node.bound or node.is_range:
        return None
    info = result.segment.cell
    stated = _with_header_unit(node, *_header_unit(info.header)) if info is not None else node
    return Claim(
        "formula",
        stated,
        result,
        relation="≈" if stated.approx else "=",
        formula=formula,
        formula_where=formula_where,
        derivation=formula_text(formula_where, formula),
    )
