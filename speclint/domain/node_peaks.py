"""One device's peak given as its node's: ``Each B200 node delivers 2.25 PFLOPS dense BF16`` in a
document of 8-GPU nodes is one B200's datasheet peak; the node's is 8 × 2.25 = 18 PFLOPS.

Read only when the figure's clause has one node of one catalog device as its subject (``each
B200 node``, ``an H100 server``), the sentence names one precision with a catalog peak (BF16 or
FP8) and no sparsity, the document states one GPUs-per-node count above one, and the figure is
that device's dense peak at that precision, to its written precision: a node's figure that is
exactly one device's datasheet number is that number, not a measurement.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from speclint.claims.model import Scanned, single_lit
from speclint.claims.shared_links import node_size
from speclint.document import Document
from speclint.domain.compute import compute_terms, devices_named
from speclint.domain.hardware import devices
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_re
from speclint.quantity.units import unit_table

#: Where a sentence, and a clause, ends.
_SENTENCE_END = lazy_re(r"[.!?](?:\s|$)|\n\s*\n")
_CLAUSE_BREAK = lazy_re(r"[.;!?](?:\s|$)|\n\s*\n|,\s")
_TERA = Fraction(10) ** 12


@dataclass(frozen=True)
class NodePeak:
    """``stated`` (a node's compute) is one ``device``'s ``peak`` at ``precision``; the node's
    is ``gpus`` × it (``gpus`` per node stated on ``line``)."""

    where: Scanned
    stated: Lit
    value: Value
    device: str
    precision: str
    peak_tflops: float
    gpus: int
    line: int

    @property
    def expected(self) -> Fraction:
        """The node's peak, in FLOP/s."""
        return Fraction(self.peak_tflops) * _TERA * self.gpus


def node_peaks(doc: Document, scanned: list[Scanned]) -> Iterator[NodePeak]:
    """Each node's compute figure that is one of its devices' peak."""
    if not any("node" in where.text.lower() for where in scanned):
        return
    size = node_size(doc)
    if size is None:
        return
    catalog = devices()
    rate = unit_table().lookup("TFLOPS")
    for where in scanned:
        if where.segment.kind != "paragraph":
            continue
        for chain in where.result.chains:
            lit = single_lit(chain)
            if lit is None or lit.unit is None or rate is None or lit.unit.dims != rate.dims:
                continue
            if lit.per or lit.bound or lit.is_range or lit.approx:
                continue
            found = _peak(where, lit, size, catalog)
            if found is not None:
                yield found


def _peak(
    where: Scanned, lit: Lit, size: tuple[int, int], catalog: dict[str, dict[str, Any]]
) -> NodePeak | None:
    text = where.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, lit.start)]
    end = _SENTENCE_END.search(text, lit.end)
    sentence = text[starts[-1] if starts else 0 : end.start() if end else len(text)]
    clauses = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, lit.start)]
    clause = text[clauses[-1] if clauses else 0 : lit.start]
    terms = compute_terms(sentence, clause)
    if not terms.per_node or terms.ambiguous or terms.sparse or not terms.device:
        return None
    if terms.precision not in ("bf16", "fp8"):
        return None
    try:
        stated = literal_value(lit, stated=True)
    except NotEvaluable:
        return None
    # the named devices (``H100``: SXM and PCIe) whose peak the figure is
    peaks = [
        (name, peak)
        for name in devices_named(terms.device, catalog)
        if isinstance(peak := catalog[name].get(f"{terms.precision}-tflops"), (int, float))
        and stated.interval.contains(Fraction(peak) * _TERA)
    ]
    if len(peaks) != 1:
        return None
    device, peak_tflops = peaks[0]
    gpus, line = size
    return NodePeak(where, lit, stated, device, terms.precision.upper(), peak_tflops, gpus, line)
