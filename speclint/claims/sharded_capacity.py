"""A KV capacity multiplied by the GPUs that share every token: ``KV per token for the full
model: … = 229,376 B``, ``each GPU stores … 28,672 B per token``, ``tokens per GPU: 87.74 GB /
28,672 B ≈ 3.06M tokens``, then ``the node holds 24.5M tokens``. Each GPU holds a slice (1/8)
of every token's KV, so the 8 GPUs together hold the same 3.06M tokens, not 8 × as many.

Read only when the document writes both the whole per-token KV and the per-GPU slice (their
ratio N a whole number from 2 to 64), divides a pool by the slice to get the tokens one GPU
holds (and, optionally, those tokens by a context to get sequences), and later in the same
section states a count that is N × that capacity to its written precision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, single_lit
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Lit, literals, strip_groups
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

MAX_SHARDS = 64


@dataclass(frozen=True)
class _Capacity:
    value: Fraction  # tokens (or sequences) one GPU's pool holds
    noun: str
    where: Scanned
    line: int
    shards: int
    slice_line: int
    whole_line: int


def sharded_capacity_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each count that multiplies a sharded per-GPU KV capacity by its shards."""
    if not any("KV" in w.text or "kv" in w.text for w in scanned):
        return []
    capacities = list(_capacities(document, scanned))
    if not capacities:
        return []
    claims = []
    for where in scanned:
        for chain in where.result.chains:
            stated = single_lit(chain)
            if stated is None or stated.bound or stated.is_range:
                continue
            for capacity in capacities:
                if _multiplied(document, where, stated, capacity):
                    claims.append(_claim(document, where, stated, capacity))
                    break
    return claims


def _byte_value(lit: Lit) -> Fraction | None:
    if lit.unit is None or lit.unit.kind != "bytes":
        return None
    try:
        return Fraction(literal_value(lit, stated=True).point)
    except NotEvaluable:
        return None


def _capacities(document: Document, scanned: list[Scanned]) -> Iterator[_Capacity]:
    """Per-GPU capacities: a pool divided by a per-token slice whose whole the text writes."""
    sizes = [
        (value, where, lit)
        for where in scanned
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
        if (value := _byte_value(lit)) is not None and value > 0
    ]
    for where in scanned:
        for chain in where.result.chains:
            if len(chain.exprs) != 2 or chain.relations[0] not in ("=", "≈"):
                continue
            formula, result = strip_groups(chain.exprs[0]), strip_groups(chain.exprs[1])
            if not (isinstance(formula, BinOp) and formula.op == "/" and isinstance(result, Lit)):
                continue
            divisor = strip_groups(formula.right)
            if not isinstance(divisor, Lit) or result.unit is None or result.unit.kind != "tokens":
                continue
            part = _byte_value(divisor)
            if part is None:
                continue
            whole = _whole(sizes, part)
            if whole is None:
                continue
            shards, whole_where, whole_lit = whole
            line = _line(document, where, result)
            capacity = _Capacity(
                Fraction(result.number.value) * _scale(result),
                "tokens",
                where,
                line,
                shards,
                _line(document, where, divisor),
                _line(document, whole_where, whole_lit),
            )
            yield capacity
            yield from _sequences(document, scanned, capacity, result)


def _whole(
    sizes: list[tuple[Fraction, Scanned, Lit]], part: Fraction
) -> tuple[int, Scanned, Lit] | None:
    """The one per-token KV size the slice is a whole fraction of, in a sentence about KV."""
    found = []
    for value, where, lit in sizes:
        ratio = value / part
        if ratio.denominator == 1 and 2 <= ratio <= MAX_SHARDS and _about_kv_per_token(where):
            found.append((int(ratio), where, lit))
    return found[0] if len({f[0] for f in found}) == 1 and found else None


def _about_kv_per_token(where: Scanned) -> bool:
    text = where.text.lower()
    return "kv" in text and "per token" in text


def _sequences(
    document: Document, scanned: list[Scanned], capacity: _Capacity, tokens: Lit
) -> Iterator[_Capacity]:
    """The capacity in sequences: the tokens divided by a context, and its whole-number
    restatement right after (``= 69.1, so 69 concurrent sequences``)."""
    for where in scanned:
        chains = where.result.chains
        for k, chain in enumerate(chains):
            if len(chain.exprs) != 2:
                continue
            formula, result = strip_groups(chain.exprs[0]), strip_groups(chain.exprs[1])
            if not (isinstance(formula, BinOp) and formula.op == "/" and isinstance(result, Lit)):
                continue
            left = strip_groups(formula.left)
            if not isinstance(left, Lit) or left.number.value * _scale(left) != capacity.value:
                continue
            whole = single_lit(chains[k + 1]) if k + 1 < len(chains) else None
            for lit in (result, whole):
                if lit is not None and lit.unit is None:
                    line = _line(document, where, lit)
                    yield _Capacity(
                        Fraction(lit.number.value), "sequences", where, line,
                        capacity.shards, capacity.slice_line, capacity.whole_line,
                    )  # fmt: skip


def _multiplied(document: Document, where: Scanned, stated: Lit, capacity: _Capacity) -> bool:
    """The count is the capacity times its shards, later in the same section."""
    if where.segment.section != capacity.where.segment.section:
        return False
    if where.offsets[stated.num_start] <= capacity.where.offsets[-1]:
        return False
    noun = (stated.unit.kind if stated.unit else "") or stated.label.lower()
    if capacity.noun == "tokens" and noun != "tokens":
        return False
    if capacity.noun == "sequences" and (stated.unit is not None or "sequence" not in noun):
        return False
    try:
        written = literal_value(stated, stated=True).interval
    except NotEvaluable:
        return False
    scale = stated.unit.factor if stated.unit is not None else 1
    times = capacity.value * capacity.shards * scale
    return written.lo <= times <= written.hi


def _claim(document: Document, where: Scanned, stated: Lit, capacity: _Capacity) -> Claim:
    n = capacity.shards
    value = capacity.value * (stated.unit.factor if stated.unit is not None else 1)
    dims = stated.unit.dims if stated.unit is not None else unit_table().dimensionless
    derivation = (
        f"each GPU holds 1/{n} of every token's KV (line {capacity.slice_line}; the whole on "
        f"line {capacity.whole_line}), so the {n} GPUs hold the same {capacity.noun} one GPU's "
        f"pool holds (line {capacity.line}), not {n} × as many"
    )
    return Claim(
        "per-unit",
        stated,
        where,
        computed=Value(value, Interval(value, value), dims, False),
        derivation=derivation,
        parts=[Related(capacity.line, capacity.where.text.strip()[:120])],
    )


def _scale(lit: Lit) -> Fraction:
    return Fraction(lit.scale.factor) if lit.scale is not None else Fraction(1)


def _line(document: Document, where: Scanned, lit: Lit) -> int:
    return document.position(where.offsets[lit.num_start])[0]
