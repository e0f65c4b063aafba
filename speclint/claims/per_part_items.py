"""A list item that splits the figure the item before ends with over a count its label names:
``- Total: 2.4M × 3 × 96 bytes = 691.2 MB`` then ``- Per shard (6 shards, keys spread by hash
slot): 115.2 MB``. The share is the figure ÷ the count.

Read only when the label opens with ``Per <noun> (<count> <nouns>`` (or ``Per <noun>, across
<count> <nouns>``), the same noun, a whole count of at least two, and the item's first figure
after the label is in the dimension of the item before's last figure (neither per anything).

The other way: an item labelled ``Both <nouns>`` or ``All <count> <nouns>`` after one whose
label ends ``per <noun>`` (``- n per arm: about 582,960`` then ``- Both arms: about 1,165,920
users``) is the figure before × the count (two for both).
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, earlier_figure_claim, last_figure, list_items
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.units import unit_table

#: ``Per shard (6 shards, …):``, ``Per node, across 20 nodes:``: the noun, the count and the
#: counted noun.
_PER_PART = lazy_compile(
    r"\s*per\s+([a-z][\w-]*)\s*(?:\(\s*|,\s*(?:(?:across|over|on|for)\s+)?)"
    r"(\d{1,3}(?:,\d{3})*)\s+([a-z][\w-]*)[^():]*\)?\s*:",
    regex.I,
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


#: ``Both arms:``, ``All 80 layers:``: the count (none for both) and the counted noun.
_WHOLE_OF_PARTS = lazy_compile(
    r"\s*(?:both|all\s+(\d{1,3}(?:,\d{3})*))\s+([a-z][\w-]*)\s*:", regex.I
)
#: A label that ends with what its figure is per: ``n per arm:``.
_PER_LABEL = lazy_compile(r"\bper\s+([a-z][\w-]*)\s*:", regex.I)


def whole_item_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each ``Both <parts>:`` or ``All N <parts>:`` item after a ``per <part>:``
    item: the figure before times the count."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in sorted(items.items()):
        found = _WHOLE_OF_PARTS.match(where.text)
        if found is None:
            continue
        count_text, noun = found.groups()
        count = int(count_text.replace(",", "")) if count_text else 2
        before, per = _per_item_before(items, list_id, index, noun)
        if before is None or per is None or count < 2:
            continue
        if _other_parts_per(items, list_id, index, noun, before):
            continue  # "Attention per layer", "MLP per layer": parts of one, not the one
        figure = _first_figure_after(before, per.end())
        whole = _first_figure_after(where, found.end())
        if figure is None or whole is None:
            continue
        claim = _times_claim(document, figure, before, whole, where, count, noun)
        if claim is not None:
            claims.append(claim)
    return claims


#: How many items back the ``per <noun>`` item may be (past other wholes of it).
_ITEMS_BACK = 3


def _per_item_before(
    items: dict[tuple[int, int], Scanned], list_id: int, index: int, noun: str
) -> tuple[Scanned | None, regex.Match | None]:
    """The item before, in the same list, whose label ends ``per <noun>``: the one right before,
    or the one before other wholes of it (``Both arms`` between ``per arm`` and ``All 3 arms``)."""
    singular = noun.lower().rstrip("s")
    for back in range(index - 1, max(-1, index - 1 - _ITEMS_BACK), -1):
        before = items.get((list_id, back))
        if before is None:
            break
        per = _PER_LABEL.search(before.text)
        if per is not None and per.group(1).lower().rstrip("s") == singular:
            return before, per
        whole = _WHOLE_OF_PARTS.match(before.text)
        if whole is None or whole.group(2).lower().rstrip("s") != singular:
            break
    return None, None


def _other_parts_per(
    items: dict[tuple[int, int], Scanned], list_id: int, index: int, noun: str, chosen: Scanned
) -> bool:
    """Whether another item before in the list is also ``per <noun>``: then each is a part."""
    singular = noun.lower().rstrip("s")
    for back in range(index):
        item = items.get((list_id, back))
        per = _PER_LABEL.search(item.text) if item is not None and item is not chosen else None
        if per is not None and per.group(1).lower().rstrip("s") == singular:
            return True
    return False


def _first_figure_after(where: Scanned, at: int) -> Lit | None:
    """The block's first plain figure after ``at``, with a unit or without."""
    for chain in where.result.chains:
        node = strip_groups(chain.exprs[-1])
        if isinstance(node, Lit) and node.start >= at and not chain.ignored:
            plain = not (node.bound or node.is_range or node.per or node.is_percent)
            return node if plain else None
    return None


def _times_claim(
    document: Document,
    figure: Lit,
    figure_where: Scanned,
    whole: Lit,
    where: Scanned,
    count: int,
    noun: str,
) -> Claim | None:
    try:
        each, stated = literal_value(figure, stated=False), literal_value(whole, stated=True)
    except NotEvaluable:
        return None
    table = unit_table()
    if table.hard_part(each.dims) != table.hard_part(stated.dims) or each.point <= 0:
        return None
    k = Fraction(count)
    total = Value(each.point * k, each.interval.scale(k), stated.dims, each.bare)
    rest = f" × {count} {noun}"
    return earlier_figure_claim(document, figure, figure_where, whole, where, total, rest)


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
