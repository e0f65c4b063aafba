"""A figure stated as a multiple of another the sentence names: ``p99 latency: 2.4 s at worst,
13.3× the 180 ms baseline and 8× the 300 ms SLO threshold``. The multiple is the sentence's
figure over the one after ``the``: 2.4 s / 180 ms.

The figure is the nearest one before the multiple in its sentence with the dimension of the
one after ``the`` (times, rates, sizes, money: never a bare count), passing over the figures
other multiples name; both are plain values, no range, bound or formula.
"""

from __future__ import annotations

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Chain, Lit

#: Tokens that end a sentence or a clause the figure cannot reach across.
_STOPS = frozenset({".", ";", "!", "?"})


def multiple_of_named(state: State) -> None:
    """Each ``N× the <figure>`` after a figure of the same dimension in its sentence."""
    chains = state.chains
    lits = [single_lit(chain) for chain in chains]
    named: set[int] = set()  # chains that a multiple names after "the"
    for k in range(len(chains) - 1):
        multiple, other = lits[k], lits[k + 1]
        if multiple is None or other is None or not _multiple(multiple):
            continue
        if state.words_between(chains[k], chains[k + 1]) != ["the"] or not _plain(other):
            continue
        named.add(k + 1)
        figure = _figure_before(state, chains, lits, k, other, named)
        if figure is not None:
            _add(state, multiple, figure, other)


def _figure_before(
    state: State, chains: list[Chain], lits: list[Lit | None], k: int, other: Lit, named: set[int]
) -> Lit | None:
    """The nearest plain figure before chain ``k`` in its sentence in ``other``'s dimension,
    past the figures other multiples name."""
    for j in range(k - 1, -1, -1):
        if _STOPS.intersection(state.words_between(chains[j], chains[j + 1])):
            return None
        lit = lits[j]
        if lit is None:
            return None  # a formula: what comes before it is another statement
        if j in named or _multiple(lit):
            continue
        if _plain(lit) and lit.unit is not None and other.unit is not None:
            return lit if lit.unit.dims == other.unit.dims else None
    return None


def _multiple(lit: Lit) -> bool:
    """A plain multiple: ``13.3×``."""
    unit = lit.unit
    return (
        unit is not None
        and unit.kind == "multiplier"
        and not (lit.is_range or lit.bound or lit.label or lit.per)
    )


def _plain(lit: Lit) -> bool:
    """A figure with a dimension (no count, percentage or multiple), not a range or bound."""
    unit = lit.unit
    return (
        unit is not None
        and any(unit.dims)
        and unit.kind not in ("percent", "multiplier")
        and not unit.counted
        and not (lit.is_range or lit.bound or lit.per)
    )


def _add(state: State, multiple: Lit, figure: Lit, other: Lit) -> None:
    texts = (literal_text(figure, state.where), literal_text(other, state.where))
    state.claims.append(
        Claim(
            "formula",
            multiple,
            state.where,
            relation="≈" if multiple.approx or figure.approx else "=",
            formula=BinOp("/", figure, other, "/"),
            formula_where=state.where,
            derivation=f"{texts[0]} / {texts[1]}",
        )
    )
