"""A gated MLP's parameters written with the factor of a plain one: ``MLP: 2 × 4096 × 14336``
for a SwiGLU model, whose gate, up and down projections are three h × f matrices.

A product of exactly three bare numbers, a 2, the hidden size and the FFN size the document
(or its catalog model) gives, in a sentence about the MLP's parameters and not about FLOPs or
bytes, of a model whose MLP is gated, is read as such a formula; one that names the gate
matrix and not the down projection counts the gate and up matrices, rightly two.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.domain.facts import FactSet
from speclint.formula.expr import BinOp, Lit, Node, span
from speclint.patterns import SENTENCE_END, lazy_compile

#: The sentence is about the MLP's (or FFN's) weights.
_MLP = lazy_compile(
    r"\b(?:mlp|ffn|feed[- ]?forward|swiglu|geglu|gate(?:_proj)?|up(?:_proj)?|down(?:_proj)?)\b",
    regex.I,
)
#: Words of compute, bytes or time: such a product is not a parameter count.
NOT_PARAMS = lazy_compile(
    r"\bflops?\b|\bflop/s\b|\bmacs?\b|\bbytes?\b|\bcompute\b|\btokens?\b|\bactivations?\b", regex.I
)
#: A gate (or fused gate-up) matrix named: without the down projection, the two it names.
_GATE = lazy_compile(r"\bgate\b|\bgate_|\bw1\b|\bw3\b", regex.I)
_DOWN = lazy_compile(r"\bdown\b|\bdown_|\bw2\b", regex.I)


@dataclass(frozen=True)
class PlainFactor:
    """``2 × h × f`` written for a gated MLP's three matrices."""

    where: Scanned
    first: Lit
    start: int
    end: int
    hidden: Fraction
    ffn: Fraction


def plain_factors(scanned: list[Scanned], facts: FactSet) -> Iterator[PlainFactor]:
    """Every ``2 × h × f`` of a gated model's MLP parameters in the document's prose."""
    hidden, ffn = facts.value("hidden_size"), facts.value("ffn_size")
    if facts.value("gated") is not True:
        return
    if not isinstance(hidden, Fraction) or not isinstance(ffn, Fraction) or hidden == ffn:
        return
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell"):
            continue
        for chain in where.result.chains:
            for expr in chain.exprs:
                found = _plain(where, expr, hidden, ffn)
                if found is not None:
                    yield found


def _plain(where: Scanned, expr: Node, hidden: Fraction, ffn: Fraction) -> PlainFactor | None:
    factors = product_factors(expr)
    if factors is None or len(factors) != 3:
        return None
    if any(lit.unit is not None or lit.scale is not None or lit.is_range for lit in factors):
        return None
    values = sorted(lit.number.value for lit in factors)
    if values != sorted([Fraction(2), hidden, ffn]):
        return None
    start, end = span(expr)
    sentence = sentence_around(where.text, start, end)
    if not _MLP.search(sentence) or NOT_PARAMS.search(sentence):
        return None
    if _GATE.search(sentence) and not _DOWN.search(sentence):
        return None  # "the gate and up projections: 2 × h × f" are two matrices
    return PlainFactor(where, factors[0], start, end, hidden, ffn)


def product_factors(node: Node) -> list[Lit] | None:
    """The literals a product of literals multiplies (a square, ``4096²``, twice); None for
    anything else."""
    if isinstance(node, Lit):
        return [node]
    if isinstance(node, BinOp) and node.op == "*":
        left, right = product_factors(node.left), product_factors(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, BinOp) and node.op == "^" and isinstance(node.left, Lit):
        exponent = node.right
        if isinstance(exponent, Lit) and exponent.unit is None and exponent.number.value == 2:
            return [node.left, node.left]
    return None


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds [start, end)."""
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]
