"""A figure of one thing carried to all of them on the next list item: after ``- per request per
shard: 3 × 4,096 B = 12,288 B``, the item ``- per request, all 12 shards: 147,456 B`` is 12 ×
the item before's figure.

Read only when the item before is labelled ``… per <noun> …:`` and ends on a value, the item is
nothing but a label and one value of the same unit, its label counts ``<n> [words] <nouns>``
(``all 12 shards``, ``12 attention shards``), and both labels say the same other ``per …``
(``per request``): the figure is per one noun there and of all of them here, and of the same
everything else.
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import (
    Claim,
    Scanned,
    list_items,
    noun_key,
    single_lit,
    times_figure_claim,
)
from speclint.document import Document
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_re
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: An item's label: the words before its colon (no figure of its own but a count).
_LABEL = lazy_re(r"\s*(?P<label>[^:\d]*(?:\d[\d,]*[^:\d]*)?):\s*")
#: ``per token``, ``per decode step``: what a label says its figure is per.
_PER = lazy_re(r"\bper\s+(?P<noun>[A-Za-z][\w-]*)", re.IGNORECASE)
#: ``all 56 MoE layers``: a count of a noun in a label.
_COUNTED = lazy_re(
    r"(?:\ball\s+|\bthe\s+|\bacross\s+|\bover\s+|^\s*)(?P<n>\d[\d,]*)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>[A-Za-z][\w-]*)\s*$",
    re.IGNORECASE,
)


def carried_item_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A claim for each item that carries the item before's figure per one noun to all."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in items.items():
        before = items.get((list_id, index - 1))
        claim = _claim(doc, before, where, tolerance) if before is not None else None
        if claim is not None:
            claims.append(claim)
    return claims


def _claim(doc: Document, before: Scanned, where: Scanned, tolerance: Tolerance) -> Claim | None:
    label = _LABEL.match(where.text)
    if label is None:
        return None
    counted = _COUNTED.search(_last_clause(label.group("label")))
    if counted is None:
        return None
    noun = noun_key(counted.group("noun"))
    chains = [c for c in where.result.chains if not c.ignored]
    stated = single_lit(chains[-1]) if chains else None
    if stated is None or stated.start < label.end() or where.text[stated.end :].strip(" .;"):
        return None
    if any(_end(where, c) > label.end() for c in chains[:-1]):
        return None  # another figure after the label: the item is not label and value
    if stated.unit is None or stated.per or stated.bound or stated.is_range:
        return None
    previous = _LABEL.match(before.text)
    if previous is None:
        return None
    pers = [noun_key(m.group("noun")) for m in _PER.finditer(previous.group("label"))]
    if noun not in pers:
        return None
    others = [noun_key(m.group("noun")) for m in _PER.finditer(label.group("label"))]
    if sorted(p for p in pers if p != noun) != sorted(others):
        return None  # the figures are per different things
    ends = [c for c in before.result.chains if not c.ignored]
    one = strip_groups(ends[-1].exprs[-1]) if ends else None
    if not isinstance(one, Lit) or before.text[one.end :].strip(" .;"):
        return None
    if one.unit is None or one.unit_text != stated.unit_text or one.per or one.bound:
        return None
    if one.is_range or stated.approx:
        return None
    count = Fraction(counted.group("n").replace(",", ""))
    shown = f"{counted.group('n')} {counted.group('noun')}"
    return times_figure_claim(
        doc, one, before, stated, where, count, shown=shown, tolerance=tolerance
    )


def _end(where: Scanned, chain: object) -> int:
    """Where a chain's last value ends in its text."""
    exprs = getattr(chain, "exprs", [])
    last = strip_groups(exprs[-1]) if exprs else None
    return last.end if isinstance(last, Lit) else len(where.text)


def _last_clause(label: str) -> str:
    """The label's last clause: ``all 56 MoE layers`` of ``per token, all 56 MoE layers``."""
    return re.split(r"[,;]", label)[-1]
