"""Shares of a document's stated total: ``1.09B parameters, 14.3% of the total`` is the part
divided by the nearest Total stated before it (a ``Total:`` line or a table's **Total** row)
in the same section or one enclosing it, that measures the same kind of quantity (or in any
section, when the share says ``of the total above``). A sentence that opens with the share
(``That is 12.4 % of the total above``) is of the last figure before it."""

from __future__ import annotations

from itertools import pairwise

import regex

from speclint.claims.model import Claim, Scanned, literal_text, single_lit
from speclint.claims.sums import Item, Total, stated_totals
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Lit, TooComplex, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: What follows the share: ``of the total`` and no noun of another quantity after it.
OF_THE_TOTAL = lazy_compile(
    r"^\s*of\s+the\s+(?:grand\s+)?total\b(?:\s+(?:shown\s+)?(?P<above>above))?(?!\s*[A-Za-z(])"
)
#: A sentence that opens with the share of the figure before it: ``That is 12.4 %``.
_THAT_IS = lazy_compile(
    r"(?:^|[.;:]\s+)(?:that|this|which|it)\s*(?:is|'s|’s|comes\s+to|represents)\s+"
    r"(?:about\s+|roughly\s+|~\s*|≈\s*)?$",
    regex.IGNORECASE,
)
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
            part_text = literal_text(part, where)
            claim = _claim(part, part_text, share, where, line, totals, tolerance)
            if claim is not None:
                claims.append(claim)
    claims.extend(_restated_shares(doc, scanned, totals, tolerance))
    return claims


def _restated_shares(
    doc: Document, scanned: list[Scanned], totals: list[Total], tolerance: Tolerance
) -> list[Claim]:
    """``… = $1,372.40/month.`` then ``That is 12.4 % of the total above.``: a sentence that
    opens with a share of the total restates the last figure before it (in its paragraph, or
    the paragraph right before it, such as the list item it is nested in)."""
    claims = []
    for i, where in enumerate(scanned):
        if where.segment.kind != "paragraph":
            continue
        for k, chain in enumerate(where.result.chains):
            share = single_lit(chain)
            if (
                share is None
                or not share.is_percent
                or not _THAT_IS.search(where.text, 0, share.start)
            ):
                continue
            if not OF_THE_TOTAL.match(where.text[share.end :]):
                continue
            found = _figure_before(scanned, i, k)
            if found is None:
                continue
            part, part_where = found
            part_line = doc.position(part_where.offsets[part.num_start])[0]
            part_text = f"{literal_text(part, part_where)} (line {part_line})"
            line = doc.position(where.offsets[share.num_start])[0]
            claim = _claim(part, part_text, share, where, line, totals, tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _figure_before(scanned: list[Scanned], i: int, k: int) -> tuple[Lit, Scanned] | None:
    """The last figure before chain ``k`` of ``scanned[i]``: of its chain before, or of the
    paragraph right before it."""
    where = scanned[i]
    if k == 0:
        if i == 0 or scanned[i - 1].segment.kind != "paragraph":
            return None
        where = scanned[i - 1]
        k = len(where.result.chains)
    chains = [c for c in where.result.chains[:k] if not c.ignored]
    if not chains:
        return None
    last = strip_groups(chains[-1].exprs[-1])
    return (last, where) if isinstance(last, Lit) else None


def _claim(
    part: Lit,
    part_text: str,
    share: Lit,
    where: Scanned,
    line: int,
    totals: list[Total],
    tolerance: Tolerance,
) -> Claim | None:
    if part.bound or part.is_range or part.is_percent or share.bound or share.is_range:
        return None
    part_value = literal_value(part, stated=True, tolerance=tolerance)
    section = where.segment.section
    # "of the total above": the nearest total before, in any section
    above = (found := OF_THE_TOTAL.match(where.text[share.end :])) and found.group("above")
    before = [
        t
        for t in totals
        if t.line <= line and (above or _encloses(t.where.segment.section, section))
    ]
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
            derivation=f"{part_text} / {whole_text} (line {total.line})",
            parts=[Related(total.line, whole_text)],
        )
    return None


def _encloses(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    """Whether a total under headings ``outer`` covers text under ``inner`` (same or nested)."""
    return inner[: len(outer)] == outer


#: Between an item's count and its share: ``2,280,000 (95 %)``.
_OPEN_SHARE = lazy_compile(r"^\s*\(\s*$")
#: After the share, to the end of the item's first line: ``)`` and nothing more.
_CLOSE_SHARE = lazy_compile(r"^\s*\)\s*[.;,]?\s*(?:\n|$)")
#: Items with a share besides the one reported that must agree on the whole.
MIN_AGREEING_SHARES = 2


def list_share_claims(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Claim]:
    """Shares of one list's whole: ``Host-cache hits: 96,000 (4 %)`` among items of one list
    with ``Requests per day: 2,400,000`` (or after a lead-in ``Of the 2,400,000 requests a
    day:``). The whole is the one sibling item or lead-in figure (of the same kind, larger than
    every part) that every share but one matches (at least two do) within its written
    precision; the share that does not is claimed as part / whole."""
    lists: dict[int, list[Item]] = {}
    for item in items:
        if item.where.segment.item is not None and item.value is not None:
            lists.setdefault(item.where.segment.item.list_id, []).append(item)
    claims = []
    for siblings in lists.values():
        shares = [(item, pct) for item in siblings if (pct := _item_share(item)) is not None]
        if len(shares) < MIN_AGREEING_SHARES + 1:
            continue
        found = []
        for whole in siblings + _lead_in(doc, scanned, siblings[0]):
            if any(whole is item for item, _ in shares):
                continue
            off = _off_shares(whole, shares, tolerance)
            if off is not None:
                found.append((whole, off))
        if len(found) == 1:
            whole, (item, pct) = found[0]
            claim = _list_claim(item, pct, whole, len(shares) - 1, tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _lead_in(doc: Document, scanned: list[Scanned], first: Item) -> list[Item]:
    """The one figure of the paragraph right before a list that ends with a colon: ``Of the
    2,400,000 requests a day:``."""
    block = first.where.segment.block - 1
    before = [w for w in scanned if w.segment.block == block and w.segment.kind == "paragraph"]
    if len(before) != 1 or before[0].segment.item is not None:
        return []
    where = before[0]
    if not where.text.rstrip().endswith(":") or len(where.result.chains) != 1:
        return []
    lit = single_lit(where.result.chains[0])
    if lit is None or lit.is_percent or lit.bound or lit.is_range or lit.approx:
        return []
    line = doc.position(where.offsets[lit.num_start])[0]
    return [Item("the lead-in's", lit, None, where, line)]


def _item_share(item: Item) -> Lit | None:
    """The percentage in parentheses right after an item's figure, ending its line."""
    value, where = item.value, item.where
    if value is None or value.is_percent or value.bound or value.is_range or value.approx:
        return None
    chains = where.result.chains
    for prev, nxt in pairwise(chains):
        if strip_groups(prev.exprs[-1]) is not value or len(nxt.exprs) != 1:
            continue
        pct = strip_groups(nxt.exprs[0])
        if not isinstance(pct, Lit) or not pct.is_percent or pct.bound or pct.is_range:
            return None
        if not _OPEN_SHARE.match(where.text[value.end : pct.num_start]):
            return None
        return pct if _CLOSE_SHARE.match(where.text[pct.end :]) else None
    return None


def _off_shares(
    whole: Item, shares: list[tuple[Item, Lit]], tolerance: Tolerance
) -> tuple[Item, Lit] | None:
    """The one (item, share) whose share is not its figure over ``whole`` when every other one
    is; None when any part is not of the whole's kind or not smaller than it."""
    assert whole.value is not None
    whole_value = literal_value(whole.value, stated=True, tolerance=tolerance)
    off = []
    for item, pct in shares:
        assert item.value is not None
        part = literal_value(item.value, stated=True, tolerance=tolerance)
        if part.dims != whole_value.dims or part.point >= whole_value.point:
            return None
        computed = _share(item.value, whole.value, tolerance)
        if computed is None:
            return None
        stated = literal_value(pct, stated=True, tolerance=tolerance)
        if not computed.interval.overlaps(stated.interval):
            off.append((item, pct))
    return off[0] if len(off) == 1 else None


def _share(part: Lit, whole: Lit, tolerance: Tolerance) -> Value | None:
    try:
        return Evaluator({}, tolerance=tolerance).evaluate(BinOp("/", part, whole, "/"))
    except (NotEvaluable, TooComplex):
        return None


def _list_claim(
    item: Item, pct: Lit, whole: Item, agreeing: int, tolerance: Tolerance
) -> Claim | None:
    assert item.value is not None and whole.value is not None
    computed = _share(item.value, whole.value, tolerance)
    if computed is None:
        return None
    part_text = literal_text(item.value, item.where)
    whole_text = literal_text(whole.value, whole.where)
    return Claim(
        "percentage",
        pct,
        item.where,
        computed=computed,
        derivation=f"{part_text} / {whole_text} (line {whole.line})",
        assumption=f"the other {agreeing} shares of the list are of {whole.label} {whole_text}",
        parts=[Related(whole.line, whole_text)],
    )
