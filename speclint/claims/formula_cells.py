"""A table column of formulas and the column of their results beside it: ``| checkpoint stalls |
15 s / 600 s | 2.5 % |`` under ``Overhead | Basis | Share of time``, ``| Energy | 337,435 kWh ×
$0.11 | 37,118 |`` under ``Line item | Basis | Monthly ($)``.

Read when two thirds of a column's filled cells at least (two at least) are formulas with an
operator and no result of their own, the column right after it holds one figure on each of
those rows, and either its header says it holds formulas (``Basis``, ``Formula``,
``Calculation``) or all rows but one hold (two at least: ``| 48 × 36 | 1,728 |`` under ``Grid
| Image tokens``). Each figure is claimed to be its row's formula, in the unit the figure (or
its header) writes. A row whose cell is no such formula (``2(n − 1)/n``) is left alone. A
row label may end with its row's formula in brackets (``| BF16 weights (7.242B × 2 B) | 14.49
GB |``).
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, formula_text
from speclint.claims.sums import TOTAL_LABEL, _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import body_cells
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import (
    BinOp,
    Group,
    Lit,
    TooComplex,
    has_operator,
    literals,
    strip_groups,
)
from speclint.patterns import lazy_compile
from speclint.quantity.units import unit_table

#: Headers of a column of formulas: ``Basis``, ``Formula``, ``Calculation``.
_FORMULA_HEADER = lazy_compile(
    r"\b(?:formula|basis|calculation|computation|derivation|math|arithmetic|how)\b", regex.I
)
#: An operator and a number after a cell's formula: the formula goes on past what was read.
_GOES_ON = lazy_compile(r"[-+−×*/÷]\s*\(?\s*\d")
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
            if info is None:
                continue
            filled = [(row, where) for row, where in rows if where.text.strip()]
            formulas = {row: _formula(where) or _label_formula(where, col) for row, where in filled}
            found = [row for row, formula in formulas.items() if formula is not None]
            named = _FORMULA_HEADER.search(info.header) is not None
            if not found:
                continue
            # mostly formulas (or a "Basis" column): a row of symbols is skipped; a Total row's
            # label is no formula the column lacks
            plain = [r for r, w in filled if not (col == 0 and TOTAL_LABEL.search(w.text))]
            mostly = 3 * len([r for r in found if r in plain]) >= 2 * len(plain) or named
            enough = len(found) >= MIN_ROWS
            column = []
            for row, where in filled:
                result = cells.get((row, col + 1))
                formula = formulas[row]
                count = _label_count(cells.get((row, 0))) if col > 0 else None
                claim = _claim(formula, where, result, count) if result and formula else None
                if claim is not None:
                    column.append(claim)
            if enough and mostly and (named or _evidenced(column)):
                claims += column
            elif col == 0:  # a row label's formula in brackets, its figure right after it
                claims += [claim for claim in column if _dimensioned(claim)]
    return claims


#: Rows of a column of formulas without a formula header that must hold, besides the one
#: that does not (``| 48 × 36 | 1,728 |`` under ``Grid | Image tokens``).
MIN_HOLDING_ROWS = 2


def _evidenced(column: list[Claim]) -> bool:
    """Whether a column of formulas whose header does not say so is read as one: every row's
    result but one is its formula (two at least), so the rows show what the column means."""
    held = [_holds(claim) for claim in column]
    if None in held:
        return False
    return held.count(False) <= 1 and held.count(True) >= MIN_HOLDING_ROWS


def _dimensioned(claim: Claim) -> bool:
    """Whether a row's formula carries units that give its figure's dimension (``| UNet
    weights (2.57B × 2 bytes) | 5.14 |`` under ``GB``, ``| Total (0.92 × 80 GB) | 73.6 |``):
    the units show the figure is the formula's, whatever the other rows hold."""
    if claim.formula is None or claim.computed is not None:
        return False
    try:
        computed = Evaluator(billion=True).evaluate(claim.formula)
        stated = literal_value(claim.stated, stated=True)
    except (NotEvaluable, TooComplex):
        return False
    table = unit_table()
    hard = table.hard_part(stated.dims)
    return not computed.bare and any(hard) and table.hard_part(computed.dims) == hard


def _holds(claim: Claim) -> bool | None:
    """Whether the result cell is its formula within its written precision (None when the
    formula does not evaluate to the result's dimension)."""
    stated = literal_value(claim.stated, stated=True)
    computed = claim.computed
    try:
        if claim.formula is not None:
            computed = Evaluator().evaluate(claim.formula)
            if computed.dims != stated.dims and not computed.bare:
                computed = Evaluator(billion=True).evaluate(claim.formula)  # "7.242B × 2 B"
    except (NotEvaluable, TooComplex):
        return None
    if computed is None:
        return None
    if computed.dims != stated.dims and not computed.bare:
        return None
    if computed.bare and computed.dims != stated.dims:
        scale = claim.stated.scale.factor if claim.stated.scale is not None else 1
        written = Fraction(claim.stated.number.value) * scale  # "54.1B" is 54.1e9 as written
        factor = stated.point / written if written else Fraction(1)
        return computed.interval.scale(factor).overlaps(stated.interval)
    return computed.interval.overlaps(stated.interval)


def _formula(where: Scanned) -> BinOp | None:
    """The cell's one formula with an operator and no relation (``15 s / 600 s``)."""
    chains = [c for c in where.result.chains if not c.ignored]
    if len(chains) != 1 or len(chains[0].exprs) != 1:
        return None
    if _GOES_ON.search(where.text, chains[0].end):
        return None  # "2304 × 2048 × 2 (q, o) + 2304 × 1024 × 2 (k, v)": read only in part
    node = strip_groups(chains[0].exprs[0])
    return node if isinstance(node, BinOp) and has_operator(node) and literals(node) else None


def _label_formula(where: Scanned, col: int) -> BinOp | None:
    """A row label's formula in brackets at its end (``BF16 weights (7.242B × 2 B)``): the
    formula of the row's next cell."""
    chains = [c for c in where.result.chains if not c.ignored]
    if col != 0 or not chains or len(chains[-1].exprs) != 1:
        return None
    last = chains[-1]
    if not isinstance(last.exprs[0], Group) or where.text[last.end :].strip(" *_"):
        return None
    node = strip_groups(last.exprs[0])
    return node if isinstance(node, BinOp) and has_operator(node) and literals(node) else None


#: A row label that counts what the row costs: ``60 x i4i.8xlarge on-demand``.
_LABEL_COUNT = lazy_compile(r"^\W*(\d{1,3}(?:,\d{3})*|\d+)\s*[x×*]\s+[A-Za-z]")


def _label_count(label: Scanned | None) -> int | None:
    """The count a row's label multiplies its item by (``60 x i4i.8xlarge``)."""
    found = _LABEL_COUNT.match(label.text) if label is not None else None
    return int(found.group(1).replace(",", "")) if found else None


def _claim(
    formula: BinOp, formula_where: Scanned, result: Scanned, count: int | None = None
) -> Claim | None:
    node = cell_value(result)
    if not isinstance(node, Lit) or node.bound or node.is_range:
        return None
    info = result.segment.cell
    stated = _with_header_unit(node, *_header_unit(info.header)) if info is not None else node
    if count is not None and count > 1 and not _counts_it(formula, count):
        return _counted_claim(formula, formula_where, result, stated, count)
    return Claim(
        "formula",
        stated,
        result,
        relation="≈" if stated.approx else "=",
        formula=formula,
        formula_where=formula_where,
        derivation=formula_text(formula_where, formula),
    )


def _counts_it(formula: BinOp, count: int) -> bool:
    """The formula multiplies by the label's count itself (``2 × RMSNorm`` with ``2 × 5120``)."""
    return any(lit.unit is None and lit.number.value == count for lit in literals(formula))


def _counted_claim(
    formula: BinOp, formula_where: Scanned, result: Scanned, stated: Lit, count: int
) -> Claim | None:
    """The row's result as its label's count × the formula for one (``60 x i4i.8xlarge`` with
    ``$2.746/hour x 730 hours``)."""
    try:
        one = Evaluator().evaluate(formula)
    except (NotEvaluable, TooComplex):
        return None
    value = Value(one.point * count, one.interval.scale(Fraction(count)), one.dims, one.bare)
    return Claim(
        "formula",
        stated,
        result,
        relation="≈" if stated.approx else "=",
        computed=value,
        derivation=f"{count} × ({formula_text(formula_where, formula)})",
        assumption=f"the row's label counts {count} of what the formula prices",
    )
