"""A rate restated as the time between two of what it counts: ``10 tokens/s → one token every
100 ms``, ``2,000 requests/s, i.e. one request every 0.5 ms``. The time is the rate's
reciprocal.

Read only when ``one`` and a noun that names what the rate counts (its unit's word:
``token`` of ``tokens/s``) and ``every`` stand between the rate and a plain time, after
``→``, ``=``, ``,``, ``i.e.`` or ``or``.
"""

from __future__ import annotations

from itertools import pairwise

from speclint.claims.extract import State
from speclint.claims.model import single_lit
from speclint.formula.expr import Lit, strip_groups

#: What may join the rate to ``one … every``.
_JOINS = frozenset({("→",), ("=",), (",",), (",", "i.e."), ("i.e.",), ("or",), (",", "or")})


def one_every(state: State) -> None:
    """Each time ``one <thing> every`` after a rate of those things, as its reciprocal."""
    if "every" not in state.where.text:
        return
    for prev, nxt in pairwise(state.chains):
        rate, time = strip_groups(prev.exprs[-1]), single_lit(nxt)
        if not (isinstance(rate, Lit) and time is not None and _rate(rate) and _time(time)):
            continue
        words = state.phrase_between(prev, nxt)
        if len(words) < 4 or words[-3] != "one" or words[-1] != "every":
            continue
        if tuple(words[:-3]) not in _JOINS or not _counts(rate, words[-2]):
            continue
        state.add_reciprocal(rate, time, approx=time.approx or rate.approx)


def _rate(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range or lit.is_percent)
    return plain and unit is not None and unit.dims[1] == -1 and "/" in unit.text


def _counts(rate: Lit, noun: str) -> bool:
    """Whether ``noun`` names what the rate counts: the word of its unit before ``/``."""
    assert rate.unit is not None
    counted = rate.unit.text.split("/")[0].lower().rstrip("s")
    word = noun.lower().rstrip("s")
    return bool(counted) and (word == counted or word.startswith(counted))


def _time(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range)
    return plain and unit is not None and unit.kind == "time" and not unit.counted
