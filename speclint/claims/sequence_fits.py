"""How many sequences a token capacity holds at a stated context: ``→ ~386k tokens total`` and
then ``so at 32k context that's only ~1.2 sequences``. The count is checked as capacity ÷
context, and a count rounded down (``that's 11 sequences``) holds as well.

The sentence is read only when it writes ``at`` a context length, then a few words that give a
result (``that's``, ``gives``, ``fits``), then one count of sequences (or requests), and no other
number. The capacity is the latest token count, at least one context long, on the few lines
before (or earlier on the same line) that a chain computes or that is named a total, a capacity
or what is left or free.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from math import floor

from speclint.claims.model import (
    Claim,
    Scanned,
    alone_in_sentence,
    literal_text,
    noun_key,
    single_lit,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Chain, Lit, strip_groups
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: What a count of sequences counts.
_SEQUENCES = frozenset({"sequence", "seq", "request", "conversation", "session", "stream"})
#: Words that name a context length: ``at 32k context``.
_CONTEXTS = frozenset({"context", "ctx", "context-length"})
#: Words that give the count as the result at that context.
_RESULT_WORDS = frozenset(
    "that's that it's is = ≈ ~ → gives give fits fit holds hold means i.e. room".split()
)
#: Words that may sit between the context and the count.
_BETWEEN = _RESULT_WORDS | frozenset(
    "only just about roughly around approximately so for we you get can ~ , full".split()
)
#: Words after a token count that name it a capacity.
_CAPACITY_WORDS = frozenset(
    "total capacity left free available budget of in kv cache fit fits".split()
)
_MAX_LINES_BACK = 5
_MAX_BETWEEN = 6


@dataclass(frozen=True)
class _Capacity:
    lit: Lit
    where: Scanned
    line: int
    offset: int  # source offset of the number
    scope: str  # what it is per: "card", or ""


def sequence_fit_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each count of sequences a sentence gives at a context length."""
    capacities: list[_Capacity] = []
    claims: list[Claim] = []
    for where in scanned:
        capacities.extend(_capacities(document, where))
        if where.segment.kind != "paragraph":
            continue
        for context, count in _readings(where):
            offset = where.offsets[context.num_start]
            claim = _claim(document, where, context, count, offset, capacities)
            if claim is not None:
                claims.append(claim)
    return claims


def _capacities(document: Document, where: Scanned) -> Iterator[_Capacity]:
    """Each token count a chain computes or that the words after it name a capacity."""
    for chain in where.result.chains:
        lit = strip_groups(chain.exprs[-1])
        if chain.ignored or not isinstance(lit, Lit) or lit.is_range or lit.bound:
            continue
        if not _tokens(lit) or lit.prefix or (lit.unit is None and lit.per):
            continue
        words = lit.label.lower().split()
        after = {w.strip(".,;:()") for w in where.text[lit.end : lit.end + 24].lower().split()[:2]}
        if not chain.relations and not (set(words) | after) & _CAPACITY_WORDS:
            continue
        offset = where.offsets[lit.num_start]
        line = document.position(offset)[0]
        yield _Capacity(lit, where, line, offset, _scope(lit, where))


def _scope(lit: Lit, where: Scanned) -> str:
    """What a figure is per: its own ``per`` or a ``per card`` within the next few words."""
    if lit.per:
        return noun_key(lit.per)
    words = where.text[lit.end : lit.end + 40].lower().split()[:5]
    for word, nxt in pairwise(words):
        if word in (".", ";") or word.endswith((".", ";")):
            break
        if word == "per":
            return noun_key(nxt.strip(".,;:()"))
    return ""


def _readings(where: Scanned) -> Iterator[tuple[Lit, Lit]]:
    """(context, count) for ``at 32k context that's ~1.2 sequences`` and nothing else."""
    chains = where.result.chains
    for k in range(len(chains) - 1):
        context, count = single_lit(chains[k]), single_lit(chains[k + 1])
        if context is None or count is None or chains[k].ignored or chains[k + 1].ignored:
            continue
        if not _context(where, chains[k], context) or not _count(count):
            continue
        if _joined(where, chains[k], chains[k + 1]) and alone_in_sentence(where, chains, k, k + 1):
            yield context, count


def _tokens(lit: Lit) -> bool:
    """``386k tokens``: a count of tokens, by unit or by label."""
    if lit.unit is not None:
        return lit.unit.kind == "tokens"
    return bool(lit.label) and noun_key(lit.label.split()[0]) in ("token", "tok")


def _context(where: Scanned, chain: Chain, lit: Lit) -> bool:
    """``at 32k context``, ``at 32k tokens``: a whole number of tokens after ``at``."""
    if lit.per or lit.is_range or lit.bound:
        return False
    named = bool(lit.label) and noun_key(lit.label.split()[0]) in _CONTEXTS
    if not (named and lit.unit is None) and not _tokens(lit):
        return False
    before = where.tokens[chain.tok_start - 1].text.lower() if chain.tok_start else ""
    return before == "at" and lit.number.is_plain_integer


def _count(lit: Lit) -> bool:
    if lit.unit is not None or lit.is_range or lit.bound or not lit.label:
        return False
    return noun_key(lit.label.split()[0]) in _SEQUENCES


def _context_tokens(lit: Lit, point: Fraction) -> Fraction:
    """``32k`` of context is 32,768 tokens: a power of two before ``k`` counts in 1,024s."""
    scale, number = lit.scale, lit.number.value
    if scale is None or scale.binary is None or not lit.number.is_plain_integer:
        return point
    whole = int(number)
    return Fraction(whole) * scale.binary if whole & (whole - 1) == 0 else point


def _joined(where: Scanned, first: Chain, second: Chain) -> bool:
    words = [t.text.lower() for t in where.tokens[first.tok_end : second.tok_start]]
    if not words or len(words) > _MAX_BETWEEN or not set(words) <= _BETWEEN:
        return False
    return bool(set(words) & _RESULT_WORDS)


def _claim(
    document: Document,
    where: Scanned,
    context: Lit,
    count: Lit,
    offset: int,
    capacities: list[_Capacity],
) -> Claim | None:
    line = document.position(offset)[0]
    near = [c for c in capacities if c.offset < offset and line - c.line <= _MAX_LINES_BACK]
    if not near:
        return None
    capacity = near[-1]
    if capacity.scope != _scope(count, where):
        return None  # per card is not per node
    held = literal_value(capacity.lit, stated=True)
    size = literal_value(context, stated=True)
    if held.interval.lo < size.interval.hi or size.interval.lo <= 0:
        return None  # less than one sequence: not a capacity of them
    tokens = _context_tokens(context, size.point)
    point = held.point / tokens
    low = Fraction(floor(held.interval.lo / size.interval.hi))
    interval = Interval(low, held.interval.hi / size.interval.lo)
    computed = Value(point, interval, unit_table().dimensionless, False)
    text = literal_text(capacity.lit, capacity.where)
    length = literal_text(context, where)
    if tokens != size.point:
        length = f"{int(tokens):,} ({length})"
    return Claim(
        "formula",
        count,
        where,
        relation="≈" if count.approx else "=",
        computed=computed,
        derivation=f"{text} (line {capacity.line}) / {length}",
        parts=[Related(capacity.line, f"the capacity: {text}")],
    )
