"""Shares of a document's stated total: ``1.09B parameters, 14.3% of the total`` is the part
divided by the nearest Total stated before it (a ``Total:`` line or a table's **Total** row)
in the same section or one enclosing it, that measures the same kind of quantity."""

from __future__ import annotations

from itertools import pairwise

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import Item, Total, stated_totals
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, TooComplex, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: What follows the share: ``of the total`` and no noun of another quantity after it.
OF_THE_TOTAL = lazy_compile(r"^\s*of\s+the\s+(?:grand\s+)?total\b(?!\s*[A-Za-z(])")
#: Words between the part and its share: ``1.09B parameters, 14.3%``, ``18 GB (28%``.
JOINS = (",", "(", "—", ",i.e.", "i.e.", ",whichis", "or")


def share_of_total_claims(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Claim]:
    """Claims that a share written after a part and ``of the total`` is part ÷ that total."""
    totals = stated_totals(doc, scanned, items)
    if not totals:
        return []
    claims = []
    for where in scanned:
        if where.segment.cell is not None:
            continue
        for prev, nxt in pairwise(where.result.chains):
            part, share = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
            if not (isinstance(part, Lit) and isinstance(share, Lit) and share.is_percent):
                continue
            between = "".join(t.text.lower() for t in where.tokens[prev.tok_end : nxt.tok_start])
            if between not in JOINS or not OF_THE_TOTAL.match(where.text[share.end :]):
                continue
            line = doc.position(where.offsets[share.num_start])[0]
            claim = _claim(part, share, where, line, totals, tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _claim(
    part: Lit, share: Lit, where: Scanned, line: int, totals: list[Total], tolerance: Tolerance
) -> Claim | None:
    if part.bound or part.is_range or part.is_percent or share.bound or share.is_range:
        return None
    part_value = literal_value(part, stated=True, tolerance=tolerance)
    section = where.segment.section
    before = [t for t in totals if t.line <= line and _encloses(t.where.segment.section, section)]
    for total in reversed(before):
        whole = literal_value(total.value, stated=True, tolerance=tolerance)
        if whole.dims != part_value.dims or whole.point <= part_value.point:
            continue
        try:
            computed = Evaluator({}, tolerance=tolerance).evaluate(
                BinOp("/", part, total.value, "/")
            )
        except (NotEvaluable, TooComplex):
            return None
        whole_text = literal_text(total.value, total.where)
        return Claim(
            "percentage",
            share,
            where,
            computed=computed,
            derivation=f"{literal_text(part, where)} / {whole_text} (line {total.line})",
            parts=[Related(total.line, whole_text)],
        )
    return None


def _encloses(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether a total under headings ``outer`` covers text under ``inner`` (same or nested)."""
    return inner[: len(outer)] == outer
