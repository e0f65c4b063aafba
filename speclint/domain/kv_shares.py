"""A KV-cache figure restated per GPU at a tensor-parallel degree without the split: ``KV per
token … = 320 KiB; per GPU at TP=4 that is 320 KiB`` (8 KV heads over 4 GPUs: 80 KiB each).

Read in a sentence about the KV cache where ``per GPU at TP=N`` (``with``, ``under``) comes
right before a bytes figure and after another, the whole model's; the KV heads (the one count
the document states, or the sentence's ``N KV heads``) must split evenly over the N GPUs. Only
a per-GPU figure equal to the whole one is read: a figure between them may count something
else (replicated heads, another precision).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

import regex

from speclint.claims.model import Scanned
from speclint.domain.facts import FactSet, value_kind
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

_PER_GPU_AT_TP = lazy_compile(
    r"\bper[- ](?:GPU|device|rank)\s+(?:at|with|under)\s+TP\s*[=:]?\s*(\d{1,3})\s*,?\s*"
    r"(?:(?:that|this|it)\s+(?:is|comes\s+to|makes)\s+|is\s+|=\s*|:\s*)?$",
    regex.I,
)
_KV = lazy_compile(r"\bKV\b|key[- ]value", regex.I)
_KV_HEADS = lazy_compile(r"\b(\d{1,3})\s+KV\s+heads\b", regex.I)


@dataclass(frozen=True)
class UnsplitKv:
    where: Scanned
    lit: Lit
    whole: Lit
    tp: int
    kv_heads: int
    #: The whole figure's value (bytes).
    value: Fraction


def unsplit_kv(
    scanned: list[Scanned], facts: FactSet, tolerance: Tolerance = DEFAULT_TOLERANCE
) -> Iterator[UnsplitKv]:
    """Each per-GPU KV figure at TP that restates the whole model's."""
    for where in scanned:
        if where.segment.kind != "paragraph" or "tp" not in where.text.lower():
            continue
        if not _KV.search(where.text):
            continue
        found = [
            (lit, value)
            for chain in where.result.chains
            for expr in chain.exprs
            for lit in literals(expr)
            if (value := _bytes(lit, tolerance)) is not None
        ]
        for (whole, whole_value), (lit, value) in pairwise(found):
            unsplit = _unsplit(where, whole, whole_value, lit, value, facts)
            if unsplit is not None:
                yield unsplit


def _bytes(lit: Lit, tolerance: Tolerance) -> Value | None:
    if lit.unit is None or lit.is_range or lit.bound:
        return None
    try:
        value = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    return value if value_kind(value) == "bytes" else None


def _unsplit(
    where: Scanned, whole: Lit, whole_value: Value, lit: Lit, value: Value, facts: FactSet
) -> UnsplitKv | None:
    text = where.text
    between = _PER_GPU_AT_TP.search(text, whole.end, lit.start)
    if between is None or SENTENCE_END.search(text, whole.end, lit.start):
        return None
    tp = int(between.group(1))
    heads = _kv_heads(text, lit.end, facts)
    if tp < 2 or heads is None or heads < tp or heads % tp:
        return None
    if not value.interval.contains(whole_value.point):
        return None
    return UnsplitKv(where, lit, whole, tp, heads, whole_value.point)


def _kv_heads(text: str, start: int, facts: FactSet) -> int | None:
    """The document's one KV-head count, else the one the rest of the sentence states."""
    fact = facts.get("kv_heads")
    if fact is not None and isinstance(fact.value, Fraction):
        return int(fact.value)
    end = SENTENCE_END.search(text, start)
    counts = {
        int(m.group(1)) for m in _KV_HEADS.finditer(text, start, end.start() if end else len(text))
    }
    return counts.pop() if len(counts) == 1 else None
