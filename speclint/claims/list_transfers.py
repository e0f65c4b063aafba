"""Transfer times listed under the amount they move: ``141.11 GB is 1,128.9 Gb on the wire.``
then ``- 25 Gb/s node NIC: 45.2 s`` and ``- 100 Gb/s storage network: 11.3 s``. Each item's time
is checked as the amount ÷ the item's rate.

An item is read when it starts with a rate of bytes or bits per second, names its link in words
and a colon, and then gives a time; the amount is the last one of the paragraph right before the
list (its lead-in), which must be a plain amount of bytes or bits, or, for an item that opens
with ``at`` (``- data to move: 29.41 TB`` then ``- at 200 MB/s: 5.1 h``), the item before's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.model import Claim, Scanned, literal_text, single_lit, written_value
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Lit, strip_groups

#: Bytes (or bits) and bytes per second in a value's dimensions.
_AMOUNT, _RATE = (1, 0, 0, 0, 0, 0, 0, 0, 0), (1, -1, 0, 0, 0, 0, 0, 0, 0)
#: Lines a lead-in may end before its list's first item (a blank line between).
_GAP = 2


@dataclass(frozen=True)
class _LeadIn:
    amount: Lit
    where: Scanned
    line: int  # the amount's line
    last_line: int  # the paragraph's last line


def list_transfer_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each listed time to move the lead-in's amount at the item's rate."""
    claims: list[Claim] = []
    lead: _LeadIn | None = None
    bound: dict[int, _LeadIn] = {}
    items: dict[tuple[int, int], _LeadIn | None] = {}  # each item's amount, by list and index
    for where in scanned:
        segment = where.segment
        if segment.kind != "paragraph":
            continue
        if segment.item is None:
            lead = _lead_in(document, where)
            continue
        first_line = document.position(segment.offsets[0])[0] if segment.offsets else 0
        list_id = segment.item.list_id
        starts = list_id not in bound and segment.item.index == 0 and lead is not None
        if starts and lead is not None and 0 < first_line - lead.last_line <= _GAP:
            bound[list_id] = lead
        before = items.get((list_id, segment.item.index - 1))
        items[(list_id, segment.item.index)] = _lead_in(document, where)
        if before is not None and _starts_at(where):
            claims.extend(_item_claims(document, where, before))  # "- at 200 MB/s: 5.1 h"
        elif list_id in bound:
            claims.extend(_item_claims(document, where, bound[list_id]))
    return claims


def _starts_at(where: Scanned) -> bool:
    """The item opens with ``at`` and its rate: the amount is the item's before."""
    chains = where.result.chains
    return bool(chains) and [t.text.lower() for t in where.tokens[: chains[0].tok_start]] == ["at"]


def _lead_in(document: Document, where: Scanned) -> _LeadIn | None:
    """The paragraph's last amount of bytes or bits, when its last chain ends with one."""
    chains = [c for c in where.result.chains if not c.ignored]
    if not chains or not where.segment.offsets:
        return None
    lit = strip_groups(chains[-1].exprs[-1])
    if not isinstance(lit, Lit) or lit.is_range or lit.bound or lit.per or lit.unit is None:
        return None
    if literal_value(lit, stated=True).dims != _AMOUNT:
        return None
    line = document.position(where.offsets[lit.num_start])[0]
    last_line = document.position(where.segment.offsets[-1])[0]
    return _LeadIn(lit, where, line, last_line)


def _item_claims(document: Document, where: Scanned, lead: _LeadIn) -> Iterator[Claim]:
    chains = where.result.chains
    if len(chains) < 2 or chains[0].ignored or chains[1].ignored:
        return
    rate, stated = single_lit(chains[0]), single_lit(chains[1])
    if rate is None or stated is None or not _plain(rate) or not _plain(stated):
        return
    if literal_value(rate, stated=False).dims != _RATE:
        return
    words = [t.text for t in where.tokens[chains[0].tok_end : chains[1].tok_start]]
    if not words or words[-1] != ":" or not all(w.isalpha() for w in words[:-1]):
        return  # "25 Gb/s node NIC:" then the time
    exact = written_value(BinOp("/", lead.amount, rate, "/"))
    if exact is None or exact.dims != literal_value(stated, stated=True).dims or not exact.point:
        return
    amount = literal_value(lead.amount, stated=True)
    times = exact.point / amount.point
    computed = Value(exact.point, amount.interval.scale(times), exact.dims, False)
    text = literal_text(lead.amount, lead.where)
    yield Claim(
        "formula",
        stated,
        where,
        relation="≈" if stated.approx else "=",
        computed=computed,
        derivation=f"{text} (line {lead.line}) / {literal_text(rate, where)}",
        parts=[Related(lead.line, f"the amount moved: {text}")],
    )


def _plain(lit: Lit) -> bool:
    """A single value with a unit: not a range, bound or per-something figure."""
    return lit.unit is not None and not (lit.is_range or lit.bound or lit.per)
