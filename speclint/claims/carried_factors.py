"""A per-unit figure one list item multiplies out, carried to the items after it: after ``- 8K
context (8,192 tokens): 8,192 × 128 KiB = 1 GiB``, the item ``- 32K context (32,768 tokens):
4 GiB`` is 32,768 × 128 KiB.

Read only when the first item's formula is a count times one figure (``8,192 × 128 KiB``), the
count is the one its label states (``8,192 tokens``), and each later item of the list states one
count of the same things and no formula of its own: its first figure in the result's dimension is
its count times the same figure. The run ends at the first item that does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, list_items, literal_text, times_figure_claim
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, has_operator, strip_groups
from speclint.quantity.precision import Tolerance


@dataclass(frozen=True)
class _Carried:
    """What the first item multiplies: its count's literal (for its unit) and the figure."""

    count: Lit
    figure: Lit
    result: Lit
    where: Scanned


def carried_factor_claims(
    document: Document, scanned: list[Scanned], tolerance: Tolerance
) -> list[Claim]:
    """A claim for each item after a count × figure item that states only its own count and
    result."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in sorted(items.items()):
        carried = _multiplied(where)
        if carried is None:
            continue
        k = index + 1
        while (nxt := items.get((list_id, k))) is not None:
            claim = _carried_claim(document, carried, nxt, tolerance)
            if claim is None:
                break
            claims.append(claim)
            k += 1
    return claims


def _lits(where: Scanned) -> list[Lit]:
    return [
        lit
        for chain in where.result.chains
        if not chain.ignored
        for expr in chain.exprs
        if isinstance(lit := strip_groups(expr), Lit)
    ]


def _multiplied(where: Scanned) -> _Carried | None:
    """The item's count × figure = result, when its label states the count."""
    for chain in where.result.chains:
        if chain.ignored or len(chain.exprs) != 2 or chain.relations != ["="]:
            continue
        formula, result = strip_groups(chain.exprs[0]), strip_groups(chain.exprs[1])
        if not isinstance(formula, BinOp) or formula.op != "*" or not isinstance(result, Lit):
            continue
        left, right = strip_groups(formula.left), strip_groups(formula.right)
        if not (isinstance(left, Lit) and isinstance(right, Lit)) or right.unit is None:
            continue
        counts = [lit for lit in _lits(where) if lit.unit is not None and lit.end <= chain.start]
        count = next((c for c in counts if _value(c) == _value(left)), None)
        if count is not None and left.unit is None and result.unit is not None:
            return _Carried(count, right, result, where)
    return None


def _carried_claim(
    document: Document, carried: _Carried, where: Scanned, tolerance: Tolerance
) -> Claim | None:
    """The claim that the item's result is its count × the carried figure."""
    if any(has_operator(e) for chain in where.result.chains for e in chain.exprs):
        return None  # the item works out its own figure
    lits = _lits(where)
    counts = [lit for lit in lits if _same_unit(lit, carried.count)]
    if len(counts) != 1:
        return None
    count = counts[0]
    after = [lit for lit in lits if lit.start > count.end and _same_unit(lit, carried.result)]
    number = _value(count)
    if not after or number is None or number <= 0 or after[0].bound or after[0].is_range:
        return None
    return times_figure_claim(
        document,
        carried.figure,
        carried.where,
        after[0],
        where,
        number,
        shown=literal_text(count, where),
        tolerance=tolerance,
    )


def _same_unit(lit: Lit, other: Lit) -> bool:
    return (
        lit.unit is not None
        and other.unit is not None
        and lit.unit.dims == other.unit.dims
        and lit.unit.kind == other.unit.kind
        and not lit.per
    )


def _value(lit: Lit) -> Fraction | None:
    try:
        return literal_value(lit, stated=False).point
    except NotEvaluable:
        return None
