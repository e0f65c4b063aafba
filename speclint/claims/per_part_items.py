"""A list item that splits the figure the item before ends with over a count its label names:
``- Total: 2.4M × 3 × 96 bytes = 691.2 MB`` then ``- Per shard (6 shards, keys spread by hash
slot): 115.2 MB``. The share is the figure ÷ the count.

Read only when the label opens with ``Per <noun> (<count> <nouns>``, the same noun, a whole
count of at least two, and the item's first figure after the label is in the dimension of the
item before's last figure (neither per anything).
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, earlier_figure_claim, last_figure, list_items
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile

#: ``Per shard (6 shards``: the noun, the count and the counted noun.
_PER_PART = lazy_compile(
    r"\s*per\s+([a-z][\w-]*)\s*\(\s*(\d{1,3}(?:,\d{3})*)\s+([a-z][\w-]*)[^():]*\)\s*:", regex.I
)


def per_part_item_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each ``Per <part> (N parts): share`` item after an item with the whole."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in sorted(items.items()):
        before = items.get((list_id, index - 1))
        found = _PER_PART.match(where.text)
        if before is None or found is None:
            continue
        noun, count_text, counted = found.groups()
        count = int(count_text.replace(",", ""))
        if count < 2 or noun.lower().rstrip("s") != counted.lower().rstrip("s"):
            continue
        share, figure = _first_after(where, found.end()), last_figure(before)
        if share is None or figure is None or share.per or figure.per:
            continue
        claim = _claim(document, figure, before, share, where, count, counted)
        if claim is not None:
            claims.append(claim)
    return claims


def _first_after(where: Scanned, at: int) -> Lit | None:
    """The item's first figure with a unit after ``at`` (its label's end)."""
    for chain in where.result.chains:
        node = strip_groups(chain.exprs[0])
        if isinstance(node, Lit) and node.start >= at and not chain.ignored:
            plain = node.unit is not None and not (node.bound or node.is_range)
            return node if plain else None
    return None


def _claim(
    document: Document,
    figure: Lit,
    figure_where: Scanned,
    share: Lit,
    where: Scanned,
    count: int,
    counted: str,
) -> Claim | None:
    try:
        whole, stated = literal_value(figure, stated=False), literal_value(share, stated=True)
    except NotEvaluable:
        return None
    if whole.dims != stated.dims or whole.point <= 0:
        return None
    k = Fraction(1, count)
    each = Value(whole.point * k, whole.interval.scale(k), whole.dims, whole.bare)
    rest = f" / {count} {counted}"
    return earlier_figure_claim(document, figure, figure_where, share, where, each, rest)
