"""The wall-clock time of GPU-hours spread over a count of GPUs: ``67,663 GPU-h. On 512 GPUs
that is 132.2 h``, ``1,353 GPU-h. On the same 512 GPUs this takes about 2.6 days``. The time is
the GPU-hours ÷ the GPUs.

The three figures are neighbours in one paragraph: the GPU-hours, then ``on`` (or ``across``,
``over``) the GPUs, then words that give what it takes (``that is``, ``this takes``, ``=``). An
efficiency or any other figure between them is another computation and is not read. A block that
opens with ``On 64 GPUs that is …`` reads the GPU-hours the block before ends with.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, Scanned, earlier_figure_claim, literal_text, single_lit
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Chain, Lit, strip_groups
from speclint.patterns import lazy_compile

#: Words between the GPU-hours and the GPUs: at least one of ``_SPREAD``, the rest filler.
_SPREAD = frozenset({"on", "across", "over", "using"})
_SPREAD_FILLER = frozenset({".", ",", "the", "same", "all", "those", "these", "of", "spread"})
#: Words between the GPUs and the time: at least one of ``_TAKES``, the rest filler.
_TAKES = frozenset({"is", "takes", "take", "gives", "means", "=", "≈", "→", "needs"})
_TAKES_FILLER = frozenset(
    {",", "that", "this", "it", "which", "about", "roughly", "around", "~", "so", "run", "the"}
)
#: Nouns that name GPUs in a count's label.
_GPU_NOUNS = frozenset({"gpu", "gpus", "accelerators", "devices", "cards", "chips"})


def wall_clock_of_gpu_hours(state: State) -> None:
    """Each wall-clock time that GPU-hours over a count of GPUs make, checked."""
    chains = state.chains
    for k in range(len(chains) - 2):
        hours, gpus = single_lit(chains[k]), single_lit(chains[k + 1])
        wall = _first_value(chains[k + 2])
        if hours is None or gpus is None or wall is None:
            continue
        if not (_gpu_hours(hours) and _gpu_count(gpus) and _wall_time(wall)):
            continue
        spread = state.words_between(chains[k], chains[k + 1])
        takes = state.words_between(chains[k + 1], chains[k + 2])
        if not (_joined(spread, _SPREAD, _SPREAD_FILLER) and _joined(takes, _TAKES, _TAKES_FILLER)):
            continue
        approx = wall.approx or hours.approx or "≈" in takes
        h, n = (literal_text(x, state.where) for x in (hours, gpus))
        state.claims.append(
            Claim(
                "formula",
                wall,
                state.where,
                relation="≈" if approx else "=",
                formula=BinOp("/", hours, gpus, "/"),
                formula_where=state.where,
                derivation=f"{h} / {n}",
            )
        )


def _first_value(chain: Chain) -> Lit | None:
    """The chain's first value when the chain is values only (``132.2 h ≈ 5.5 days``)."""
    lits = [strip_groups(e) for e in chain.exprs]
    first = lits[0] if lits and chain.head is None and not chain.ignored else None
    return first if isinstance(first, Lit) and all(isinstance(x, Lit) for x in lits) else None


def _gpu_hours(lit: Lit) -> bool:
    unit = lit.unit
    return unit is not None and unit.counted == "gpu" and not (lit.per or lit.bound)


def _gpu_count(lit: Lit) -> bool:
    """A whole count of GPUs (``512 GPUs``)."""
    plain = lit.unit is None and lit.scale is None and not (lit.per or lit.bound or lit.approx)
    return plain and lit.label.lower() in _GPU_NOUNS and lit.number.value == int(lit.number.value)


def _wall_time(lit: Lit) -> bool:
    """A time of the clock: no resource-time, rate or bound."""
    unit = lit.unit
    plain = unit is not None and unit.kind == "time" and not unit.counted
    return plain and not (lit.per or lit.bound or lit.is_range)


def _joined(words: list[str], needed: frozenset[str], filler: frozenset[str]) -> bool:
    return bool(needed.intersection(words)) and all(w in needed or w in filler for w in words)


def wall_clock_after_block(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """``… ≈ 594 GPU-hours`` ending a block, then ``On 64 GPUs that is about 9.3 hours`` opening
    the next: the wall clock of the block before's GPU-hours."""
    claims = []
    for before, where in pairwise(scanned):
        if (
            not _OPENS_ON.match(where.text)
            or not before.result.chains
            or len(where.result.chains) < 2
        ):
            continue
        hours = _first_value(before.result.chains[-1])
        gpus, wall = single_lit(where.result.chains[0]), _first_value(where.result.chains[1])
        if hours is None or gpus is None or wall is None or not _gpu_hours(hours):
            continue
        if not (_gpu_count(gpus) and _wall_time(wall)):
            continue
        takes = State(document, where).words_between(*where.result.chains[:2])
        if not _joined(takes, _TAKES, _TAKES_FILLER):
            continue
        claim = _claim(document, hours, before, gpus, wall, where)
        if claim is not None:
            claims.append(claim)
    return claims


#: A block that opens by spreading something over GPUs: ``On 64 GPUs``, ``Across the 512 GPUs``.
_OPENS_ON = lazy_compile(r"\W*(?:on|across|over|using)\s+(?:the\s+|all\s+)?\d", regex.I)


def _claim(
    document: Document, hours: Lit, before: Scanned, gpus: Lit, wall: Lit, where: Scanned
) -> Claim | None:
    try:
        value = literal_value(hours, stated=False)
        count = literal_value(gpus, stated=False).point
    except NotEvaluable:
        return None
    if count <= 0:
        return None
    computed = Value(value.point / count, value.interval.scale(1 / count), value.dims, value.bare)
    rest = f" / {literal_text(gpus, where)}"
    return earlier_figure_claim(document, hours, before, wall, where, computed, rest)
