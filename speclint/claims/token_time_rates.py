"""One user's decode rate written beside its time per output token: ``at a TPOT of 11.5 ms a
user gets ≈ 87 tok/s`` is 1 token / 11.5 ms.

Read only in a sentence that names the time per token (``TPOT``, ``ITL``, ``inter-token
latency``, ``time per output token``) and one user or stream, not a batch or an aggregate, and
holds exactly one time and one token rate and no other figure but percentages (a speculative
step's tokens, a batch size or a second time may make the rate another one's).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from speclint.claims.model import Claim, Scanned
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Chain, Lit, literals
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.quantity.interval import Interval

_PER_TOKEN = lazy_compile(
    r"\b(?:TPOT|ITL|inter[-\s]token\s+latency|time\s+per\s+(?:output\s+)?token"
    r"|per[-\s]token\s+latency)\b",
    regex.I,
)
_ONE_USER = lazy_compile(r"\b(?:a|one|each|per|single)[-\s]+(?:user|stream)\b", regex.I)
_MANY = lazy_compile(
    r"\b(?:batch\w*|aggregate|total|across|concurren\w*|replicas?|nodes?|GPUs|users|streams"
    r"|draft|speculat\w*|accept\w*)\b",
    regex.I,
)


def token_time_rate_claims(scanned: list[Scanned]) -> Iterator[Claim]:
    """A claim for each one-user token rate that its sentence's time per token decides."""
    for where in scanned:
        if where.segment.kind != "paragraph" or not _PER_TOKEN.search(where.text):
            continue
        starts = [0, *(m.end() for m in SENTENCE_END.finditer(where.text))]
        for start, end in zip(starts, [*starts[1:], len(where.text)], strict=True):
            claim = _claim(where, start, end)
            if claim is not None:
                yield claim


def _claim(where: Scanned, start: int, end: int) -> Claim | None:
    sentence = where.text[start:end]
    if not (_PER_TOKEN.search(sentence) and _ONE_USER.search(sentence)):
        return None
    if _MANY.search(sentence):
        return None
    chains = [c for c in where.result.chains if start <= _chain_start(where, c) < end]
    if any(len(c.exprs) != 1 or c.relations or c.head is not None for c in chains):
        return None  # a formula decides its own value
    lits = [lit for c in chains for lit in literals(c.exprs[0])]
    figures = [lit for lit in lits if not lit.is_percent]
    times = [lit for lit in figures if _kind(lit) == "time"]
    rates = [lit for lit in figures if _kind(lit) == "rate"]
    if len(figures) != 2 or len(times) != 1 or len(rates) != 1:
        return None
    time, rate = times[0], rates[0]
    if time.start > rate.start or time.bound or rate.bound or time.is_range or rate.is_range:
        return None
    try:
        seconds = literal_value(time, stated=False)
        stated = literal_value(rate, stated=True)
    except NotEvaluable:
        return None
    if seconds.interval.lo <= 0:
        return None
    interval = Interval(1 / seconds.interval.hi, 1 / seconds.interval.lo)
    computed = Value(1 / seconds.point, interval, stated.dims, bare=False)
    time_text = where.text[time.num_start : time.end].strip()
    return Claim(
        "formula",
        rate,
        where,
        computed=computed,
        derivation=f"1 token / {time_text}",
        assumption="one user's rate is one token per time per output token",
    )


def _kind(lit: Lit) -> str:
    unit = lit.unit
    if unit is None:
        return ""
    if unit.kind == "time" and unit.dims[1] == 1:
        return "time"
    if unit.kind == "tokens" and unit.dims[1] == -1:
        return "rate"
    return ""


def _chain_start(where: Scanned, chain: Chain) -> int:
    k = chain.tok_start
    return where.tokens[k].start if k < len(where.tokens) else len(where.text)
