"""The tokens a pool holds at a size per token: ``KV pool = … = 43.97 GB`` and then ``At 819,200
bytes per token the pool holds about 57,630 tokens``. The count is checked as the pool's
latest figure ÷ the size per token.

Read only when the sentence names the pool (``the pool``, ``the KV pool``), writes one size
per token before the count and no other amount of bytes, and the section (or the one
enclosing it) wrote a pool's size earlier: a figure on a line that names a pool.
"""

from __future__ import annotations

import re
from dataclasses import replace

from speclint.claims.model import Claim, Scanned, literal_text, single_lit
from speclint.document import Document, Related
from speclint.formula.expr import BinOp, Lit, literals, strip_groups
from speclint.quantity.units import unit_table

#: The sentence speaks of the pool: ``the pool holds``, ``the KV pool fits``.
_THE_POOL = re.compile(
    r"\bthe\s+(?:kv\s+)?(?:cache\s+)?pool\s+(?:holds?|fits?|stores?|has)\b", re.I
)
#: What may stand between ``the pool holds`` and its count.
_RIGHT_BEFORE = re.compile(r"\s*(?:about|roughly|around|approximately|~|≈)?\s*", re.I)
#: Where a sentence ends: a full stop and white space (a line break too).
_SENTENCE_END = re.compile(r"[.!?]\s+")
#: A line that states a pool's size: ``KV pool = …``, ``- KV pool: …``.
_POOL_LINE = re.compile(r"\bpool\b", re.I)


def pool_token_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each count of tokens a named pool holds at a stated size per token."""
    if not any(_THE_POOL.search(w.text) for w in scanned):
        return []
    claims = []
    pool: tuple[Lit, Scanned] | None = None
    for where in scanned:
        for chain in where.result.chains:
            claim = _claim(document, where, chain, pool) if pool is not None else None
            if claim is not None:
                claims.append(claim)
            last = strip_groups(chain.exprs[-1])
            if _is_pool_size(document, where, last):
                assert isinstance(last, Lit)
                pool = (last, where)
    return claims


def _is_pool_size(document: Document, where: Scanned, node: object) -> bool:
    if not isinstance(node, Lit) or node.unit is None or node.unit.kind != "bytes" or node.per:
        return False
    line = document.position(where.offsets[node.num_start])[0]
    return _POOL_LINE.search(document.line_text(line)) is not None


def _claim(
    document: Document, where: Scanned, chain: object, pool: tuple[Lit, Scanned]
) -> Claim | None:
    stated = single_lit(chain)  # type: ignore[arg-type]
    if stated is None or stated.unit is None or stated.unit.kind != "tokens" or stated.per:
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(where.text, 0, stated.start)]
    start = ends[-1] if ends else 0
    said = [m for m in _THE_POOL.finditer(where.text, start, stated.start)]
    if not said or not _RIGHT_BEFORE.fullmatch(where.text, said[-1].end(), stated.start):
        return None  # the count right after "the pool holds", not another one further on
    sizes = [
        lit
        for c in where.result.chains
        for e in c.exprs
        for lit in literals(e)
        if start <= lit.start < stated.start and lit.unit is not None and lit.unit.kind == "bytes"
    ]
    if len(sizes) != 1 or sizes[0].per.lower() != "token":
        return None
    size, (amount, amount_where) = sizes[0], pool
    if where.segment.section[:1] != amount_where.segment.section[:1]:
        return None
    line = document.position(amount_where.offsets[amount.num_start])[0]
    shown = literal_text(amount, amount_where)
    return Claim(
        "formula",
        stated,
        where,
        relation="≈" if stated.approx else "=",
        formula=BinOp("/", amount, _per_token(size), "/"),
        formula_where=where,
        derivation=f"{shown} (line {line}) / {literal_text(size, where)}",
        parts=[Related(line, shown)],
    )


def _per_token(size: Lit) -> Lit:
    """The size per token in bytes per token (its ``per token`` as a unit)."""
    token = unit_table().lookup("token")
    assert size.unit is not None
    if token is None:
        return size
    return replace(size, unit=size.unit.per(token), per="")
