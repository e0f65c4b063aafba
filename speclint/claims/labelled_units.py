"""Two neighbouring ``Label: value`` lines whose labels are units of one quantity: ``- GPU-hours:
81,196`` then ``- GPU-days: 3,383``. The second restates the first in its unit.

Read only when both labels are nothing but a unit (``GPU-hours``, ``GPU-days``; a unit in
brackets after a word, ``Storage (GB)`` then ``Storage (GiB)``, names the same word), the units
measure one dimension and count the same resource, the values are bare numbers on consecutive
lines, and the two are within half and twice each other or a slip of scale apart (anything else
is another quantity).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from itertools import pairwise

from speclint.claims.model import Claim, restated_claim
from speclint.claims.sums import Item
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_compile
from speclint.quantity.units import Unit, unit_table

#: A label that is a unit, alone or in brackets after a name: ``GPU-days``, ``Storage (GiB)``.
_UNIT_LABEL = lazy_compile(r"^\W*(?:([A-Za-z][\w -]*?)\s*\(\s*)?([A-Za-z][\w/-]*)\s*\)?\W*$")
#: Ratios of the restated value to the converted one that a slip of scale explains.
_SLIPS = (Fraction(1, 2), Fraction(2), *(Fraction(10) ** k for k in (-3, -2, -1, 1, 2, 3)))


def labelled_unit_claims(items: list[Item]) -> list[Claim]:
    """A restatement claim for each line whose unit label restates the line before's."""
    claims = []
    for first, second in pairwise(items):
        if second.line != first.line + 1 or first.value is None or second.value is None:
            continue
        a, b = _in_label_unit(first), _in_label_unit(second)
        if a is None or b is None or not _same_quantity(a[1], b[1], a[0], b[0]):
            continue
        source, stated = a[2], b[2]
        if not _plausible(source, stated):
            continue
        claims.append(
            restated_claim(
                stated,
                second.where,
                source,
                first.where,
                first.line,
                f"the labels name one quantity in {a[1].text} and {b[1].text}",
            )
        )
    return claims


def _in_label_unit(item: Item) -> tuple[str, Unit, Lit] | None:
    """The item's name, the unit its label is and its bare value in that unit."""
    value = item.value
    if value is None or value.unit is not None or value.scale is not None or value.per:
        return None
    if value.bound or value.is_range or value.approx:
        return None
    found = _UNIT_LABEL.match(item.label)
    unit = unit_table().lookup(found.group(2)) if found else None
    if found is None or unit is None or not any(unit.dims):
        return None
    name = (found.group(1) or "").strip().lower()
    return name, unit, replace(value, unit=unit, unit_text=found.group(2))


def _same_quantity(a: Unit, b: Unit, name_a: str, name_b: str) -> bool:
    return (
        name_a == name_b
        and a.dims == b.dims
        and a.counted == b.counted
        and a.kind == b.kind
        and a.factor != b.factor
    )


def _plausible(source: Lit, stated: Lit) -> bool:
    try:
        a = literal_value(source, stated=False).point
        b = literal_value(stated, stated=False).point
    except NotEvaluable:
        return False
    if a <= 0 or b <= 0:
        return False
    ratio = b / a
    near = Fraction(1, 2) <= ratio <= 2
    return near or any(Fraction(9, 10) <= ratio / slip <= Fraction(11, 10) for slip in _SLIPS)
