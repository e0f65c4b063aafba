"""A time or a rate at one efficiency restated at another: ``the prefill takes 0.219 s at 100 %
MFU, and ≈ 438 ms at a realistic 50 % MFU``, ``1,900 tokens/s at 100 % MBU, about 1,330 at
70 %``. A time scales with the inverse of the efficiency (0.219 s × 100 / 50); a rate with
it.

The four figures are neighbours: a time (or a rate), ``at`` and a percentage that names an
efficiency (``MFU``, ``MBU``, utilisation, efficiency), then a joining word (``,``, ``and``,
``or``, ``so``, ``i.e.``), the second time or rate in the same dimension, ``at`` and a
percentage of the same efficiency.
"""

from __future__ import annotations

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Lit, Node

#: The efficiency a percentage's label names, lower case.
_EFFICIENCIES = frozenset(
    {"mfu", "mbu", "hfu", "utilisation", "utilization", "efficiency", "util", "of peak"}
)
#: Words between the first percentage and the second figure.
_JOINS = frozenset({",", "and", "or", "so", "i.e.", "i.e", "which", "is", "becomes", "→"})
#: Words allowed between ``at`` and the second percentage.
_BEFORE_SHARE = frozenset({"a", "an", "realistic", "more", "typical", "likely", "sustained"})


def time_at_another_efficiency(state: State) -> None:
    """Each time or rate restated at another efficiency than the one before it."""
    chains = state.chains
    lits = [single_lit(chain) for chain in chains]
    for k in range(len(chains) - 3):
        first, share, second, other = lits[k : k + 4]
        if first is None or share is None or second is None or other is None:
            continue
        if not (_efficiency(share) and _efficiency(other)) or share.label != other.label:
            continue
        if not _same_kind(first, second):
            continue
        if state.words_between(chains[k], chains[k + 1]) != ["at"]:
            continue
        joins = state.words_between(chains[k + 1], chains[k + 2])
        if not joins or not all(w in _JOINS for w in joins):
            continue
        before = state.words_between(chains[k + 2], chains[k + 3])
        if before[:1] != ["at"] or not all(w in _BEFORE_SHARE for w in before[1:]):
            continue
        _add(state, first, share, second, other)


def _add(state: State, first: Lit, share: Lit, second: Lit, other: Lit) -> None:
    time = first.unit is not None and first.unit.dims[1] > 0
    # a time: first × share / other; a rate: first × other / share
    top, bottom = (share, other) if time else (other, share)
    formula: Node = BinOp("/", BinOp("*", first, top, "×"), bottom, "/")
    texts = [literal_text(x, state.where) for x in (first, top, bottom)]
    state.claims.append(
        Claim(
            "formula",
            second,
            state.where,
            relation="≈" if second.approx or first.approx else "=",
            formula=formula,
            formula_where=state.where,
            derivation=f"{texts[0]} × {texts[1]} / {texts[2]}",
        )
    )


def _efficiency(lit: Lit) -> bool:
    """A plain percentage that names an efficiency (``50 % MFU``)."""
    plain = lit.is_percent and not (lit.approx or lit.bound or lit.is_range or lit.per)
    return plain and lit.label.lower() in _EFFICIENCIES and lit.number.value > 0


def _same_kind(a: Lit, b: Lit) -> bool:
    """Two times, or two rates per time, of one dimension (not a resource-time)."""
    if a.unit is None or b.unit is None or a.unit.dims != b.unit.dims:
        return False
    if a.unit.counted or b.unit.counted or a.bound or b.bound or a.is_range or b.is_range:
        return False
    return a.unit.dims[1] != 0 and not a.per and not b.per
