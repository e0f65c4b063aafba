"""A total rate restated as each device's share: ``… = 926 tokens/s`` (the whole workload,
computed from its tokens and time), then ``each of the two GPUs must sustain 926 tokens/s``
(each sustains 926 / 2 = 463 tokens/s).

Read only for token and request rates (a collective's bandwidth may well be each GPU's) that the
document computes (a chain ending in the rate) in a sentence naming no device and nothing per
or each; the later sentence must count its devices (``each of the 2 GPUs``, ``the two GPUs
each``), state that exact rate once, and not say a device may carry the whole load alone
(``can``, ``fails``, ``alone``, ``redundancy``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.formula.vocabulary import NUMBER_WORDS
from speclint.patterns import SENTENCE_END, lazy_compile

_DEVICES = r"(?:GPUs|devices|cards|accelerators|replicas|nodes|servers|instances|workers)"
_COUNT = r"(\d{1,4}|" + "|".join(NUMBER_WORDS) + r")"
#: ``each of the two GPUs``, ``the 4 replicas each``, ``each of our 8 GPUs``.
_EACH_DEVICE = lazy_compile(
    rf"\beach\s+of\s+(?:the\s+|our\s+|these\s+|those\s+|its\s+|their\s+)?{_COUNT}\s+{_DEVICES}\b"
    rf"|\b{_COUNT}\s+{_DEVICES}\s+(?:(?:must|will|would|should|need\s+to|have\s+to)\s+)?each\b",
    regex.I,
)
#: Words that name a device or a share in the sentence of a total: it may be one device's rate.
_NOT_TOTAL = lazy_compile(
    r"\b(?:GPUs?|devices?|cards?|accelerators?|replicas?|nodes?|servers?|instances?|workers?"
    r"|each|every|per|single|one)\b|\bH\d{3}\b|\bA100\b|\bL40S?\b|\bMI\d{3}X?\b",
    regex.I,
)
#: Words that let one device carry the whole load: capacity, failover, redundancy.
_WHOLE_LOAD = lazy_compile(
    r"\b(?:can|could|capable|alone|own|fails?|failover|failure|redundan\w*|either|whole|entire"
    r"|full|all|up\s+to|at\s+most|at\s+least)\b",
    regex.I,
)


@dataclass(frozen=True)
class TotalShare:
    """A total rate (``total_line``) restated as what each of ``devices`` devices sustains."""

    where: Scanned
    stated: Lit
    devices: int
    noun: str
    total_line: int

    @property
    def expected(self) -> Fraction:
        """Each device's share, in the number's own scale and unit."""
        return self.stated.number.value / self.devices


def totals_restated_per_device(doc: Document, scanned: list[Scanned]) -> Iterator[TotalShare]:
    """Each rate a sentence gives each of its counted devices that is a computed total."""
    totals = _computed_totals(doc, scanned)
    if not totals:
        return
    for where in scanned:
        if where.segment.kind != "paragraph":
            continue
        yield from _shares(doc, where, totals)


def _computed_totals(
    doc: Document, scanned: list[Scanned]
) -> dict[tuple[Fraction, tuple[int, ...]], int]:
    """(value, unit) → line of each token or request rate computed in a sentence about no
    device."""
    totals: dict[tuple[Fraction, tuple[int, ...]], int] = {}
    for where in scanned:
        for chain in where.result.chains:
            if chain.ignored or len(chain.exprs) < 2 or set(chain.relations) - {"=", "≈"}:
                continue
            last = strip_groups(chain.exprs[-1])
            if not isinstance(last, Lit) or not _workload_rate(last):
                continue
            if _NOT_TOTAL.search(_sentence(where.text, last.start, last.end)):
                continue
            key = _key(last)
            line = doc.position(where.offsets[last.num_start])[0]
            totals.setdefault(key, line)
    return totals


def _shares(
    doc: Document, where: Scanned, totals: dict[tuple[Fraction, tuple[int, ...]], int]
) -> Iterator[TotalShare]:
    text = where.text
    for match in _EACH_DEVICE.finditer(text):
        count = match.group(1) or match.group(2)
        devices = NUMBER_WORDS.get(count.lower()) if not count.isdigit() else int(count)
        if devices is None or devices < 2:
            continue
        start = max((m.end() for m in SENTENCE_END.finditer(text, 0, match.start())), default=0)
        end_match = SENTENCE_END.search(text, match.end())
        end = end_match.start() if end_match else len(text)
        if _WHOLE_LOAD.search(text, start, end):
            continue
        rates = [
            lit
            for lit in _lits(where)
            if match.end() <= lit.start and lit.end <= end and _workload_rate(lit)
        ]
        if len(rates) != 1:
            continue
        stated = rates[0]
        line = doc.position(where.offsets[stated.num_start])[0]
        total_line = totals.get(_key(stated))
        if total_line is None or total_line >= line:
            continue
        words = match.group(0).split()
        noun = words[-2] if words[-1].lower() == "each" else words[-1]
        yield TotalShare(where, stated, devices, noun, total_line)


def _lits(where: Scanned) -> Iterator[Lit]:
    for chain in where.result.chains:
        if len(chain.exprs) == 1 and chain.head is None and not chain.ignored:
            node = strip_groups(chain.exprs[0])
            if isinstance(node, Lit):
                yield node


def _workload_rate(lit: Lit) -> bool:
    """A token or request rate, one value, not a bound or a share of something."""
    unit = lit.unit
    if unit is None or unit.kind not in ("tokens", "requests") or unit.dims[1] != -1:
        return False
    return not (lit.per or lit.bound or lit.is_range or lit.label)


def _key(lit: Lit) -> tuple[Fraction, tuple[int, ...]]:
    assert lit.unit is not None
    return Fraction(literal_value(lit, stated=True).point), lit.unit.dims


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
