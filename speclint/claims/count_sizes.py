"""The size of a parameter count in a named numeric format: ``167.8M parameters, or 335.5 MB in
BF16``, ``3.4M params = 6.8 MB (bf16)``, ``8.03B parameters, i.e. 16.06 GB at BF16``. The size
must be the count times the format's width (``data/dtypes.toml``); the format is named right
after the size, so which one the author meant is never guessed."""

from __future__ import annotations

from functools import lru_cache
from itertools import pairwise

import regex

from speclint.claims.dtype_width import dtype_alternation, dtype_widths, width_literal
from speclint.claims.model import Claim, Scanned
from speclint.formula.expr import BinOp, Lit, strip_groups
from speclint.formula.parser import Chain
from speclint.patterns import compile_regex
from speclint.quantity.units import unit_table

#: Words that join a count to its size: ``, or``, ``, i.e.``, ``=``, ``(``, ``which is``.
_JOINS = frozenset(
    map(
        tuple,
        [
            [","],
            [",", "or"],
            ["or"],
            ["i.e."],
            [",", "i.e."],
            ["("],
            [",", "which", "is"],
            ["which", "is"],
            ["is"],
            [",", "that", "is"],
            ["→"],
            ["->"],
        ],
    )
)


@lru_cache(maxsize=1)
def _format_after() -> regex.Pattern:
    """A format named right after a size: `` in BF16``, `` at fp16``, `` (bf16)``, `` BF16``,
    unless it names another tensor (``40 GB in BF16 KV cache``)."""
    names = dtype_alternation()
    return compile_regex(
        rf"\s*(?:(?:in|at|as)\s+|\(\s*)?(?P<dtype>{names})(?![\w.+-]*\d)(?!\w)"
        rf"(?!\s+(?:kv|cache|activations?|gradients?|optimi[sz]er|states?|moments?)\b)",
        regex.IGNORECASE,
    )


def count_size_claims(where: Scanned) -> list[Claim]:
    """Claims that a size written after a parameter count, in a named format, is the count
    times the format's width."""
    claims = []
    for count, size in _pairs(where):
        if count.per != size.per or size.bound or count.bound or size.is_range:
            continue
        found = _format_after().match(where.text, _after_unit(where.text, size))
        if found is None:
            continue
        dtype = found.group("dtype")
        claims.append(_claim(count, size, where, dtype))
    return claims


def _after_unit(text: str, size: Lit) -> int:
    """Where the text goes on after a size's number and unit (its span may take in a label
    such as ``(bf16)``, which is what is looked for)."""
    at = size.num_end
    while at < len(text) and text[at] == " ":
        at += 1
    return at + len(size.unit_text) if text.startswith(size.unit_text, at) else size.end


def _pairs(where: Scanned) -> list[tuple[Lit, Lit]]:
    """(count, size) pairs: a parameter count and a size in bytes, next in one chain after
    ``=``/``≈`` or in the next chain after joining words."""
    pairs = []
    chains = [c for c in where.result.chains if not c.ignored and c.head is None]
    for chain in chains:
        exprs = [strip_groups(e) for e in chain.exprs]
        for k in range(1, len(exprs)):
            a, b = exprs[k - 1], exprs[k]
            if chain.relations[k - 1] in ("=", "≈") and _count_then_size(a, b):
                assert isinstance(a, Lit) and isinstance(b, Lit)
                pairs.append((a, b))
    for prev, nxt in pairwise(chains):
        a, b = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
        if _count_then_size(a, b) and _joined(where, prev, nxt):
            assert isinstance(a, Lit) and isinstance(b, Lit)
            pairs.append((a, b))
    return pairs


def _count_then_size(a: object, b: object) -> bool:
    if not (isinstance(a, Lit) and isinstance(b, Lit)):
        return False
    if a.unit is None or a.unit.kind != "params" or b.unit is None:
        return False
    byte = unit_table().lookup("B")
    return byte is not None and b.unit.dims == byte.dims


def _joined(where: Scanned, prev: Chain, nxt: Chain) -> bool:
    words = tuple(t.text.lower() for t in where.tokens[prev.tok_end : nxt.tok_start])
    return words in _JOINS


def _claim(count: Lit, size: Lit, where: Scanned, dtype: str) -> Claim:
    byte, text = width_literal(dtype_widths()[dtype.lower()], size.start)
    formula = BinOp("*", count, byte, "×")
    count_text = where.text[count.start : count.end]
    return Claim(
        "formula",
        size,
        where,
        relation="≈" if size.approx else "=",
        formula=formula,
        formula_where=where,
        derivation=f"{count_text} × {text} B ({dtype})",
    )
