"""A time per output token after one stream's token rate: ``per request 7,040 / 64 = 110
tok/s, TPOT 9.09 ms``. One stream's TPOT is the reciprocal of its rate.

Read only when the rate's clause says it is one stream's (``per request``, ``per stream``,
``per user``, ``single-stream``), the time follows it directly after a comma and ``TPOT`` (or
``time per output token``, ``ITL``), and nothing else comes between them.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import single_lit
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile

#: Words of one stream's rate in its clause, before it: ``per request``, ``single-stream``.
_ONE_STREAM = lazy_compile(
    r"\b(?:per|each|one|a\s+single)\s+(?:request|stream|user|sequence|session)\b"
    r"|\bsingle[- ](?:stream|request|user)\b",
    regex.I,
)
#: The words between the rate and the time: a comma and the TPOT's name.
_NAMES = frozenset(
    {(",", "tpot"), ("tpot",), (",", "itl"), (",", "i.e.", "tpot"), (",", "so", "tpot")}
)


def stream_tpot(state: State) -> None:
    """Each TPOT right after one stream's token rate, as its reciprocal."""
    if "tpot" not in state.where.text.lower() and "itl" not in state.where.text.lower():
        return
    for prev, nxt in pairwise(state.chains):
        rate, time = strip_groups(prev.exprs[-1]), single_lit(nxt)
        if not (isinstance(rate, Lit) and time is not None and _token_rate(rate) and _time(time)):
            continue
        if tuple(state.phrase_between(prev, nxt)) not in _NAMES:
            continue
        text = state.where.text
        begin = max(text.rfind(";", 0, rate.start), text.rfind("\n", 0, rate.start)) + 1
        if _ONE_STREAM.search(text, begin, rate.start) is None:
            continue
        state.add_reciprocal(rate, time, approx=time.approx or rate.approx)


def _token_rate(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range)
    return plain and unit is not None and unit.kind == "tokens" and unit.dims[1] == -1


def _time(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range)
    return plain and unit is not None and unit.kind == "time" and not unit.counted
