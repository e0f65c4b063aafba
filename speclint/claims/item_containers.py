"""How many containers the count of the list item before needs: after ``- nodes required: 180 /
16 = 11.25, rounded up to 12``, the item ``- at 4 nodes per rack that is 3 racks`` is ⌈12 ÷ 4⌉.

Read only when the item is nothing but ``at`` (or ``with``), a whole figure per container, a
joining phrase (``that is``, ``so``, ``=``) and a whole count of the containers; the item before
ends on a whole count (exact, or ``rounded up to``) of the things the figure per container
counts, by its own noun or the noun its label starts with (``nodes required: …``). A device's
name counts GPUs (``8 L40S per server`` after ``GPUs needed: … 25``; ``data/accelerators.toml``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache
from math import ceil

from speclint.claims.model import Claim, Scanned, list_items, literal_text, noun_key, single_lit
from speclint.data import load
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, strip_groups
from speclint.formula.vocabulary import DEVICE_NOUNS
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: Before the figure per container: the item opens with it, or with ``at``/``with``.
_OPENS = lazy_re(r"\s*(?:(?:at|with)\s+)?$", re.IGNORECASE)
#: Between the figure per container and the containers.
_JOINS = lazy_re(
    r"\s*(?:,\s*)?(?:(?:that|this|which)\s+is|that's|so(?:\s+that's)?|i\.e\.|=|→|->|gives|means)"
    r"\s*$",
    re.IGNORECASE,
)
#: Before a count that was rounded up to a whole: ``rounded up to 25``.
_ROUNDED_UP = lazy_re(r"(?:rounded|round(?:ing)?)\s+up\s+to\s*$", re.IGNORECASE)
#: The label an item starts with: ``GPUs needed:``.
_LABEL = lazy_re(r"\s*(?P<noun>[A-Za-z][\w-]*)[^:]{0,30}:")


def item_container_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A containers claim for each item that divides the count of the item before it."""
    items = list_items(scanned)
    claims = []
    for (list_id, index), where in items.items():
        before = items.get((list_id, index - 1))
        reading = _reading(where) if before is not None else None
        if before is None or reading is None:
            continue
        per, stated = reading
        count = _count(before, noun_key(per.label.split()[0]))
        if count is None:
            continue
        need = Fraction(ceil(Fraction(count.number.value) / Fraction(per.number.value)))
        value = Value(need, Interval(need, need), unit_table().dimensionless, False)
        line = doc.position(before.offsets[count.num_start])[0]
        counted = literal_text(count, before)
        text = f"⌈{count.number.text} (line {line}) / {literal_text(per, where)}⌉"
        claims.append(
            Claim(
                "formula",
                stated,
                where,
                computed=value,
                derivation=text,
                parts=[Related(line, counted)],
            )
        )
    return claims


def _reading(where: Scanned) -> tuple[Lit, Lit] | None:
    """(figure per container, stated containers) of an item that is only those two."""
    chains = [c for c in where.result.chains if not c.ignored]
    if len(chains) != 2:
        return None
    per, stated = single_lit(chains[0]), single_lit(chains[1])
    if per is None or stated is None or not _whole(per) or not _whole(stated):
        return None
    if not per.per or not per.label or stated.per or not stated.label:
        return None
    if noun_key(stated.label.split()[0]) != noun_key(per.per):
        return None
    if not _OPENS.match(where.text[: per.start]):
        return None
    if not _JOINS.match(where.text[_noun_end(where.text, per) : stated.start]):
        return None
    if where.text[stated.end :].strip(" .;"):
        return None  # more follows: the containers may be of something else
    return per, stated


def _noun_end(text: str, lit: Lit) -> int:
    """Where the figure's words end: after ``per <container>``."""
    match = re.compile(rf"[^\n]*?\bper\s+{re.escape(lit.per)}\b", re.I).match(text, lit.num_end)
    return match.end() if match else lit.end


def _count(before: Scanned, thing: str) -> Lit | None:
    """The whole count of ``thing`` the item ends on."""
    chains = [c for c in before.result.chains if not c.ignored]
    if not chains:
        return None
    count = strip_groups(chains[-1].exprs[-1])
    if not isinstance(count, Lit) or before.text[count.end :].strip(" .;"):
        return None
    if count.bound and not (
        count.bound == "<=" and _ROUNDED_UP.search(before.text[: count.num_start])
    ):
        return None
    if count.unit is not None or count.scale or count.per or count.is_range or count.approx:
        return None
    if not count.number.is_plain_integer or count.number.value <= 0:
        return None
    label = _LABEL.match(before.text)
    nouns = [count.label.split()[0]] if count.label else []
    nouns += [label.group("noun")] if label else []
    if not any(_same_thing(noun_key(noun), thing) for noun in nouns[:1]):
        return None
    return count


def _same_thing(noun: str, thing: str) -> bool:
    """``nodes`` and ``node``; ``GPUs`` and a device's name (``L40S``)."""
    if noun == thing:
        return True
    devices = _device_names()
    return (noun in DEVICE_NOUNS and _squeezed(thing) in devices) or (
        thing in DEVICE_NOUNS and _squeezed(noun) in devices
    )


def _whole(lit: Lit) -> bool:
    if lit.unit is not None or lit.scale is not None or lit.bound or lit.is_range or lit.approx:
        return False
    return lit.number.is_plain_integer and lit.number.value > 0


def _squeezed(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.lower())


@lru_cache(maxsize=1)
def _device_names() -> frozenset[str]:
    """The catalog's device names and aliases, squeezed, singular and plural."""
    names = set()
    for name, spec in load("accelerators.toml").items():
        for alias in (name, *spec.get("aliases", [])):
            names.add(_squeezed(alias))
    return frozenset(names | {noun_key(name) for name in names})
