"""Single-stream decode rates against the weights their paragraph says are streamed: ``the
16.06 GB of student weights must be streamed once per token`` and then ``the 8B model runs at
about 260 tokens/s at batch 1 on one H100``.

At batch 1 every decode step reads every weight once, so one device makes at most its peak
memory bandwidth ÷ the weights' bytes tokens per second. The rate is read when its sentence
says batch 1 (or single-stream) and puts it on one device the catalog knows (as items per
second are, :func:`speclint.domain.item_rates.on_one_device`); the weights are a bytes figure
of the same paragraph followed by ``weights`` (``16.06 GB of student weights``), the least of
them if several (the most generous bound). The paragraph scope keeps a document of two models
(a teacher and its student) from mixing them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.domain.item_rates import clause, one_device_families
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_compile
from speclint.quantity.units import unit_table

#: After a bytes figure: ``of student weights``, ``of weights``, ``weights``.
_WEIGHTS_AFTER = lazy_compile(
    r"\s*(?:of\s+)?(?:(?:the|its|our)\s+)?(?:[\w-]+\s+)?weights\b", regex.I
)
#: A sentence that runs one sequence at a time.
_BATCH_ONE = lazy_compile(
    r"\bbatch(?:\s+size)?\s*(?:of\s+|=\s*)?1\b|\bsingle[- ]stream\b|\bbs\s*=\s*1\b", regex.I
)
#: The dimensions of tokens per second.
_TOKEN_RATE = {"token": 1, "second": -1}


@dataclass(frozen=True)
class StreamedRate:
    """``stated`` tokens/s at batch 1 on one ``device``; at most ``bound`` at peak bandwidth."""

    where: Scanned
    lit: Lit
    device: str
    bandwidth: Fraction  # bytes/s
    weights: Lit
    weights_line: int
    weight_bytes: Fraction
    stated: Fraction

    @property
    def bound(self) -> Fraction:
        return self.bandwidth / self.weight_bytes


def streamed_rates_past_bandwidth(
    doc: Document, scanned: list[Scanned], table: Mapping[str, Mapping[str, Any]]
) -> Iterator[StreamedRate]:
    """Each batch-1 decode rate on one device above its bandwidth ÷ the streamed weights."""
    for where in scanned:
        if where.segment.kind != "paragraph" or "weights" not in where.text:
            continue
        weights = list(_weights(where))
        if not weights:
            continue
        lit_w, bytes_w = min(weights, key=lambda found: found[1])
        for lit in _batch_one_rates(where):
            found = one_device_families(where, lit, table)
            if found is None:
                continue
            shown, families = found
            widths = [Fraction(str(table[d]["bandwidth-tbps"])) for d in families]
            widths = [w for w in widths if w > 0]
            if not widths:
                continue
            bandwidth = max(widths) * 10**12
            value = literal_value(lit, stated=True)
            if value.interval.lo > bandwidth / bytes_w:  # past it at every reading as written
                line = doc.position(where.offsets[lit_w.num_start])[0]
                yield StreamedRate(where, lit, shown, bandwidth, lit_w, line, bytes_w, value.point)


def _weights(where: Scanned) -> Iterator[tuple[Lit, Fraction]]:
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                unit = lit.unit
                if unit is None or unit.kind != "bytes" or lit.per or lit.is_range or lit.bound:
                    continue
                if _WEIGHTS_AFTER.match(where.text, lit.end):
                    yield lit, Fraction(literal_value(lit, stated=True).interval.lo)


def _batch_one_rates(where: Scanned) -> Iterator[Lit]:
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                unit = lit.unit
                if unit is None or lit.is_range or lit.bound or not _token_rate(unit.dims):
                    continue
                _, sentence = clause(where.text, lit.num_start)
                if _BATCH_ONE.search(sentence):
                    yield lit


def _token_rate(dims: tuple[int, ...]) -> bool:
    names = unit_table().names
    return all(dims[k] == _TOKEN_RATE.get(name, 0) for k, name in enumerate(names))
