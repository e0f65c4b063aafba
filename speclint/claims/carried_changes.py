"""A change in percent on a list item shortly after the difference it is of.

``- Monthly difference: $22,074.36 − $1,587.70 = $20,486.66`` then ``- The NAT-instance design
cuts the NAT bill by 88.4 %``: the saving against what it is saved from, (A − B) ÷ A.

Read only when one of the two items before (the nearer one that has any) holds one difference
of two values of one unit (A > B > 0), the item's only number is the percentage, and it says a
reduction right before the percentage (``cuts … by``, ``reduces … by``, ``saves``) or right
after it (``88.4 % less``, ``lower``, ``cheaper``): any other percentage may be a share of
something else.
"""

from __future__ import annotations

import re

from speclint.claims.change_against import subtraction
from speclint.claims.model import (
    Claim,
    Scanned,
    list_items,
    literal_text,
    single_lit,
    written_value,
)
from speclint.document import Document, Related
from speclint.formula.expr import BinOp, Lit
from speclint.patterns import lazy_re

#: A reduction said before its percentage: ``cuts the NAT bill by``, ``saves about``.
_CUT_BEFORE = lazy_re(
    r"\b(?:cut|cuts|reduces?|lowers?|saves?|trims?|shrinks?|brings?\s+down)\b"
    r"[^.\n\d]{0,60}?\b(?:by|about|roughly|some)?\s*(?:about\s+|roughly\s+|~\s*|≈\s*)?$",
    re.IGNORECASE,
)
#: How many items back the difference may be (a restatement over a year may sit between).
_LOOK_BACK = 2
#: A reduction said right after its percentage: `` less``, `` cheaper``, `` lower``.
_CUT_AFTER = lazy_re(r"\s*(?:less|lower|cheaper|smaller|fewer|off)\b", re.IGNORECASE)


def carried_change_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each item's percentage reduction of the difference on the item before."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in items.items():
        if len(where.result.chains) != 1:
            continue
        pct = single_lit(where.result.chains[0])
        if pct is None or not pct.is_percent or pct.bound or pct.is_range:
            continue
        if not (
            _CUT_BEFORE.search(where.text, 0, pct.start) or _CUT_AFTER.match(where.text, pct.end)
        ):
            continue
        earlier = (items.get((list_id, index - k)) for k in range(1, _LOOK_BACK + 1))
        before = next((b for b in earlier if b is not None and _differences(b)), None)
        claim = _claim(document, before, where, pct) if before is not None else None
        if claim is not None:
            claims.append(claim)
    return claims


def _differences(where: Scanned) -> list[tuple[Lit, Lit]]:
    """The subtractions of a block's chains (``$22,074.36 − $1,587.70 = $20,486.66``)."""
    return [pair for chain in where.result.chains if (pair := subtraction(chain)) is not None]


def _claim(document: Document, before: Scanned, where: Scanned, pct: Lit) -> Claim | None:
    """(A − B) ÷ A of the one difference on the item before, against the percentage."""
    found = _differences(before)
    if len(found) != 1:
        return None
    a, b = found[0]
    minuend, subtrahend = written_value(a), written_value(b)
    if minuend is None or subtrahend is None or not 0 < subtrahend.point < minuend.point:
        return None
    formula = BinOp("/", BinOp("-", a, b, "−"), a, "/")
    computed = written_value(formula)
    if computed is None:
        return None
    ta, tb = literal_text(a, before), literal_text(b, before)
    line = document.position(before.offsets[a.num_start])[0]
    return Claim(
        "percentage",
        pct,
        where,
        relation="≈" if pct.approx else "=",
        computed=computed,
        derivation=f"({ta} − {tb}) / {ta}",
        inputs=[Related(line, f"{ta} − {tb}")],
    )
