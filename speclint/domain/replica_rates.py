"""A replica's rate multiplied by GPUs: ``the 64 GPUs deliver 64 × 2,100 = 134,400 tok/s`` when
2,100 tok/s is what one replica of 4 GPUs serves (16 replicas: 33,600 tok/s).

Read in a sentence that counts GPUs (``the 64 GPUs``) and writes that count times a figure
whose number the document states only as one replica's throughput (``throughput of one
replica …: 2,100 output tokens/s``), equal to a result, with a replica of more than one GPU
(its tensor, pipeline and expert degrees). A figure the document also states per GPU, or a
sentence that says per GPU, is not read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.domain.deployment import Deployment
from speclint.formula.expr import BinOp, Lit, Node, span
from speclint.patterns import SENTENCE_END, lazy_compile

_GPUS = lazy_compile(r"(?<![\w.,])(\d{1,6})\s+(?:GPUs|accelerators|devices|cards)\b", regex.I)
_REPLICA = lazy_compile(
    r"\b(?:one|a|each|per|single)\s+replica\b|\breplica(?:'s|’s)\b|\bper[- ]replica\b", regex.I
)
_PER_GPU = lazy_compile(r"\bper[- ]?(?:GPU|device|card)\b|/\s*GPU\b", regex.I)


@dataclass(frozen=True)
class ReplicaRate:
    """``gpus × rate = stated`` with the rate one replica's."""

    where: Scanned
    stated: Lit
    gpus: int
    rate: Lit
    rate_line: int
    replica_gpus: Fraction

    @property
    def expected(self) -> Fraction:
        return self.gpus / self.replica_gpus * self.rate.number.value


def replica_rates_times_gpus(
    doc: Document, scanned: list[Scanned], dep: Deployment
) -> Iterator[ReplicaRate]:
    """Each product of a sentence's GPU count and one replica's rate."""
    return _read_products(doc, scanned, dep, _product)


def _product(
    doc: Document, where: Scanned, product: Node, stated: Lit, replica: Fraction
) -> ReplicaRate | None:
    if not isinstance(product, BinOp) or product.op != "*":
        return None
    count, rate = product.left, product.right
    if not isinstance(count, Lit) or not isinstance(rate, Lit) or count.unit or count.scale:
        return None
    sentence = _sentence(where.text, count.start, stated.end)
    gpus = {int(m.group(1)) for m in _GPUS.finditer(sentence)}
    if gpus != {int(count.number.value)} or count.number.value != int(count.number.value):
        return None
    if _PER_GPU.search(sentence):
        return None
    line = _replica_line(doc, rate.number.text)
    if line is None or stated.number.value != count.number.value * rate.number.value:
        return None  # a product written wrong is the arithmetic's to report
    return ReplicaRate(where, stated, int(count.number.value), rate, line, replica)


@dataclass(frozen=True)
class PerGpuRate:
    """``Per GPU that is rate × replica_gpus = stated`` with the rate one replica's."""

    where: Scanned
    stated: Lit
    rate: Lit
    rate_line: int
    replica_gpus: Fraction

    @property
    def expected(self) -> Fraction:
        return self.rate.number.value / self.replica_gpus


_Found = TypeVar("_Found", ReplicaRate, PerGpuRate)


def replica_rates_times_replica_gpus(
    doc: Document, scanned: list[Scanned], dep: Deployment
) -> Iterator[PerGpuRate]:
    """Each per-GPU rate written as one replica's rate times the replica's GPUs (it divides)."""
    return _read_products(doc, scanned, dep, _per_gpu_product)


def _read_products(
    doc: Document,
    scanned: list[Scanned],
    dep: Deployment,
    read: Callable[[Document, Scanned, Node, Lit, Fraction], _Found | None],
) -> Iterator[_Found]:
    """What ``read`` finds in each paragraph's ``product = value`` chain, when one replica
    has more than one GPU."""
    replica = dep.replica_gpus()
    if replica is None or replica <= 1:
        return
    for where in scanned:
        if where.segment.kind != "paragraph":
            continue
        for chain in where.result.chains:
            if len(chain.exprs) != 2 or not isinstance(chain.exprs[1], Lit):
                continue
            found = read(doc, where, chain.exprs[0], chain.exprs[1], replica)
            if found is not None:
                yield found


def _per_gpu_product(
    doc: Document, where: Scanned, product: object, stated: Lit, replica: Fraction
) -> PerGpuRate | None:
    if not isinstance(product, BinOp) or product.op != "*":
        return None
    for rate, count in ((product.left, product.right), (product.right, product.left)):
        if not isinstance(count, Lit) or not isinstance(rate, Lit) or count.unit or count.scale:
            continue
        if count.number.value != replica or stated.unit is None or stated.unit.dims[1] != -1:
            continue
        sentence = _sentence(where.text, span(product)[0], stated.end)
        if not _PER_GPU.search(sentence) or _REPLICA.search(sentence):
            continue
        line = doc.position(where.offsets[stated.num_start])[0]
        rate_line = _replica_line(doc, rate.number.text, skip=line)
        written = rate.number.value * replica
        if rate_line is None or abs(stated.number.value - written) > stated.number.ulp / 2:
            continue  # a product written wrong is the arithmetic's to report
        return PerGpuRate(where, stated, rate, rate_line, replica)
    return None


def _replica_line(doc: Document, number: str, skip: int = 0) -> int | None:
    """The line of the one sentence that states ``number`` as a replica's rate, if every
    sentence that writes it with a rate unit (but on line ``skip``) says replica and none says
    per GPU."""
    pattern = regex.compile(rf"(?<![\d.,]){regex.escape(number)}(?![\d,]|\.\d)")
    replica_lines = []
    for k, text in enumerate(doc.source.split("\n"), start=1):
        if k == skip:
            continue
        for found in pattern.finditer(text):
            sentence = _sentence(text, found.start(), found.end())
            if _PER_GPU.search(sentence) and not _REPLICA.search(sentence):
                return None
            if _REPLICA.search(sentence):
                replica_lines.append(k)
    return replica_lines[0] if replica_lines else None


def _sentence(text: str, start: int, end: int) -> str:
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
