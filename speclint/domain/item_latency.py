"""The latency of one item on one device against the FLOPs the document gives for that item:
``- rerank: … = 5.82 TFLOP per query``, then ``For rerank, the fast path (single L40S) gets
the 20 pairs scored with a p95 of 9 ms``. No device does one item's work faster than its
dense peak allows: the latency is at least the item's FLOPs ÷ that peak.

The work is a labelled line's FLOP figure per an item (the word before the colon names the
workload); a latency is read when its sentence names exactly one such workload, whose figure
is then the work (the least, when it has several), puts it on one device the catalog knows
(``single L40S``, ``per H100``, as for item rates) and calls the time a latency or percentile
(``a p95 of 9 ms``, ``latency of 9 ms``). A time per something else (``per token``, a TPOT,
a TTFT, a decode step), a range, a bound, a part of the time (queueing, network) or a
sentence that supposes (``would``, ``if``, a target or budget) is not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned, noun_key
from speclint.document import Document
from speclint.domain.compute import devices_named
from speclint.domain.item_rates import OnDevice, clause, item_works, on_one_device
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_compile

#: The time is a latency: ``a p95 of 9 ms``, ``p50 latency 9 ms``, ``9 ms p99``.
_LATENCY_BEFORE = lazy_compile(
    r"\b(?:p\d{2}(?:\.\d)?|latency|median)\s*(?:latency\s*)?(?:of|is|was|:|=|at)?\s*"
    r"(?:about|around|roughly|~|≈)?\s*$",
    regex.I,
)
_LATENCY_AFTER = lazy_compile(r"^\s*(?:p\d{2}|(?:end-to-end\s+)?latency)\b", regex.I)
#: A sentence that supposes, sets a goal or speaks of a part of the work.
_UNSAID = lazy_compile(
    r"\b(?:would|could|might|if|target|goal|budget|slo|must|should|at\s+most|at\s+least|"
    r"under|below|within|queu\w*|network|overhead|tpot|itl|inter-token|ttft|first\s+token|"
    r"decode|decoding|generat\w*|steps?)\b|[<≤≥>]",
    regex.I,
)


_PER = lazy_compile(r"\bper\s+([A-Za-z][\w-]*)", regex.I)
_DEVICE_WORDS = frozenset({"gpu", "device", "card", "accelerator", "chip"})


@dataclass(frozen=True)
class ItemLatency(OnDevice):
    """``stated`` seconds for one item on one ``device``; at least ``floor`` at 100 % of peak."""

    @property
    def floor(self) -> Fraction:
        return self.work.flops / self.peak


def item_latencies_below_floor(
    doc: Document, scanned: list[Scanned], table: Mapping[str, Mapping[str, Any]]
) -> Iterator[ItemLatency]:
    """Each latency of a named workload on one device below its FLOPs ÷ the device's peak."""
    labelled = [w for w in item_works(doc, scanned) if w.label]
    if not labelled:
        return
    for where in scanned:
        for lit in _latencies(where):
            _, sentence = clause(where.text, lit.num_start)
            if _UNSAID.search(sentence):
                continue
            named = {w.label.lower() for w in labelled if _names(sentence, w.label)}
            if len(named) != 1:
                continue  # no workload, or two: whose latency it is is unsure
            [label] = named
            work = min((w for w in labelled if w.label.lower() == label), key=lambda w: w.flops)
            if _per_other(sentence, work.item, table):
                continue
            found = on_one_device(where, lit, table)
            if found is None or work.flops <= 0:
                continue
            device, precision, peak = found
            stated = Fraction(literal_value(lit, stated=True).interval.hi)
            if stated < work.flops / peak:
                yield ItemLatency(where, lit, device, precision, peak, work, stated)


def _per_other(sentence: str, item: str, table: Mapping[str, Mapping[str, Any]]) -> bool:
    """The sentence speaks of a time per something but the item or a device (``per token``)."""
    words = (found.group(1) for found in _PER.finditer(sentence))
    return any(
        noun_key(w) not in (item, *_DEVICE_WORDS) and not devices_named(w, table) for w in words
    )


def _names(sentence: str, label: str) -> bool:
    return regex.search(rf"\b{regex.escape(label)}\b", sentence, regex.I) is not None


def _latencies(where: Scanned) -> Iterator[Lit]:
    """Each single time the text calls a latency."""
    text = where.text
    for chain in where.result.chains:
        if chain.ignored or len(chain.exprs) != 1:
            continue
        for lit in literals(chain.exprs[0]):
            unit = lit.unit
            if unit is None or unit.kind != "time" or lit.is_range or lit.bound or lit.per:
                continue
            line_start = text.rfind("\n", 0, lit.num_start) + 1
            before = text[max(line_start, lit.num_start - 30) : lit.num_start]
            after = text[lit.end : lit.end + 20]
            if _LATENCY_BEFORE.search(before) or _LATENCY_AFTER.match(after):
                yield lit
