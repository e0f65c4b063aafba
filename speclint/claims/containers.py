"""How many containers a count of things needs at so many per container: ``⌊40 / 14.3⌋ = 2
nodes per rack, so 128 nodes need 64 racks``, ``8 GPUs per node; 1,024 GPUs take 128 nodes``.
The containers are ⌈things ÷ per container⌉. Read only when the figure per container counts the
things (``nodes per rack``), the count counts the same things, the containers are what it is per,
all three are whole numbers written exactly, and a verb of needing (``need``, ``take``, ``fill``)
joins the count to the containers.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from math import ceil

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, noun_key, single_lit
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, strip_groups
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: Words that move from the figure per container to the count: ``, so``, ``→``, ``;``.
_JOINS = frozenset({",", ";", "so", "and", "thus", "hence", "therefore", "then", "→"})
_DETERMINERS = frozenset({"the", "all", "those", "these", "our", "its", "their"})
#: Verbs that say the count needs the containers.
_NEEDS = frozenset(
    "need needs require requires take takes fill fills occupy occupies span spans".split()
)
#: Other words that may sit beside the verb: ``would need about``.
_FILLERS = frozenset("will would then therefore in into over across".split())


def containers_needed(state: State) -> None:
    """The containers after a figure per container and a count, checked as ⌈count ÷ per⌉."""
    for per, count, stated in _readings(state):
        need = Fraction(ceil(Fraction(count.number.value) / Fraction(per.number.value)))
        value = Value(need, Interval(need, need), unit_table().dimensionless, False)
        text = f"⌈{literal_text(count, state.where)} / {literal_text(per, state.where)}⌉"
        state.claims.append(Claim("formula", stated, state.where, computed=value, derivation=text))


def _readings(state: State) -> Iterator[tuple[Lit, Lit, Lit]]:
    chains = state.chains
    for k in range(len(chains) - 2):
        per = strip_groups(chains[k].exprs[-1])
        count, stated = single_lit(chains[k + 1]), single_lit(chains[k + 2])
        if not isinstance(per, Lit) or count is None or stated is None:
            continue
        if not (_whole(per) and _whole(count) and _whole(stated)) or not per.per:
            continue
        thing, container = noun_key(per.label.split()[0]) if per.label else "", noun_key(per.per)
        if not thing or _noun(count) != thing or _noun(stated) != container:
            continue
        if not _joined(state.words_between(chains[k], chains[k + 1])):
            continue
        if _needs(state.words_between(chains[k + 1], chains[k + 2])):
            yield per, count, stated


def _whole(lit: Lit) -> bool:
    """A plain whole count of something (``128 nodes``), written exactly."""
    if lit.unit is not None or lit.scale is not None or lit.bound or lit.is_range or lit.approx:
        return False
    return lit.number.is_plain_integer and lit.number.value > 0


def _noun(lit: Lit) -> str:
    return noun_key(lit.label.split()[0]) if lit.label and not lit.per else ""


def _joined(words: list[str]) -> bool:
    """``, so``, ``; all the``: a join, then at most determiners."""
    joins = [n for n, w in enumerate(words) if w in _JOINS]
    return bool(joins) and all(w in _DETERMINERS for w in words[joins[-1] + 1 :])


def _needs(words: list[str]) -> bool:
    """``need``, ``would need``: a verb of needing and nothing but fillers."""
    return (
        0 < len(words) <= 3
        and any(w in _NEEDS for w in words)
        and all(w in _NEEDS or w in _FILLERS for w in words)
    )
