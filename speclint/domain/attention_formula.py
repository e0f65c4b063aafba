"""Multi-head attention's parameters written for a grouped-query model: ``Attention per layer
(GQA, 8 KV heads): 4 × 4096² = 67.1M`` counts the K and V projections as full h × h matrices,
but with n_kv KV heads of size d_h each is h × n_kv·d_h: 2·h² + 2·h·n_kv·d_h in all.

A product of exactly the bare numbers 4, h and h (or 4 and h²), h the hidden size the document
gives, in a sentence about attention's parameters and not about FLOPs or bytes, of a model whose
stated KV heads are fewer than its query heads, is read as such a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.domain.facts import FactSet
from speclint.domain.mlp_formula import NOT_PARAMS, product_factors, sentence_around
from speclint.formula.expr import Chain, Lit, span, strip_groups
from speclint.patterns import lazy_compile

#: The sentence is about attention's weights.
_ATTENTION = lazy_compile(r"\b(?:attention|attn|q_proj|k_proj|v_proj|o_proj|qkvo?)\b", regex.I)


@dataclass(frozen=True)
class FullHeadsFactor:
    """``4 × h²`` written for a grouped-query attention's four projections."""

    where: Scanned
    #: Where the formula starts and ends in the text.
    start: int
    end: int
    #: The result the formula is said to equal, if its chain states one.
    result: Lit | None
    hidden: Fraction
    kv_heads: Fraction
    head_dim: Fraction

    @property
    def count(self) -> Fraction:
        """Q and O (h × h each) and K and V (h × n_kv·d_h each)."""
        return 2 * self.hidden**2 + 2 * self.hidden * self.kv_heads * self.head_dim


def full_heads_factors(scanned: list[Scanned], facts: FactSet) -> Iterator[FullHeadsFactor]:
    """Every ``4 × h²`` of a grouped-query model's attention parameters in the prose."""
    hidden, heads, kv_heads = (facts.value(n) for n in ("hidden_size", "heads", "kv_heads"))
    if not all(isinstance(v, Fraction) and v > 0 for v in (hidden, heads, kv_heads)):
        return
    assert isinstance(hidden, Fraction) and isinstance(heads, Fraction)
    assert isinstance(kv_heads, Fraction)
    if kv_heads >= heads:
        return
    head_dim = facts.value("head_dim")
    if not isinstance(head_dim, Fraction):
        head_dim = hidden / heads
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell"):
            continue
        for chain in where.result.chains:
            found = _full_heads(where, chain, hidden, kv_heads, head_dim)
            if found is not None:
                yield found


def _full_heads(
    where: Scanned, chain: Chain, hidden: Fraction, kv_heads: Fraction, head_dim: Fraction
) -> FullHeadsFactor | None:
    if chain.ignored or not chain.exprs:
        return None
    expr = chain.exprs[0]
    factors = product_factors(expr)
    if factors is None or any(
        lit.unit is not None or lit.scale is not None or lit.is_range for lit in factors
    ):
        return None
    values = sorted(lit.number.value for lit in factors)
    if values != sorted([Fraction(4), hidden, hidden]):
        return None
    start, end = span(expr)
    sentence = sentence_around(where.text, start, end)
    if not _ATTENTION.search(sentence) or NOT_PARAMS.search(sentence):
        return None
    result = strip_groups(chain.exprs[1]) if len(chain.exprs) == 2 else None
    stated = result if isinstance(result, Lit) and result.unit is None else None
    return FullHeadsFactor(where, start, end, stated, hidden, kv_heads, head_dim)
