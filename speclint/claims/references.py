"""Named references: a share or a multiple of a quantity the document named earlier or later.

* ``576 GPUs, i.e. 62% of the fleet`` after ``Fleet: 992 GPUs``: part / whole
* ``2.5× the average, i.e. 105 req/s`` after ``Average load is 42 req/s``: multiple × value
* ``328M, i.e. 2.35% of the total`` with ``total ≈ 13.96B`` in the same list
* ``attention is 0.93 % of the total`` with ``attention ≈ 2.21e17 FLOP, total ≈ 2.37e17 FLOP``:
  a named part of a named whole, read only as the percent/fraction slip (below)

The name (the first word after ``the``) is resolved to the values written right after that
word in the same section (``Fleet: 992 GPUs``, ``average load is 42 req/s``); the reference
is read only when exactly one value of the same kind answers to it, else nothing is said.
A named part (``attention is P % of the total``) may answer to several values of each name; it
is claimed only when no pair of them gives the percentage and, read as a fraction, exactly one
pair does: the percentage written for the fraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.extract import SAME_AMOUNT, State
from speclint.claims.model import (
    Claim,
    ClaimKind,
    Scanned,
    literal_text,
    nameable_result,
    noun_key,
    written_value,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value
from speclint.formula.expr import BinOp, Ident, Lit, Node, TooComplex, strip_groups
from speclint.formula.lexer import Token
from speclint.patterns import lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: Words that say the next value is the same amount as the one before (a bare comma too).
_CONNECTORS = (*SAME_AMOUNT, (",",))

#: Words allowed between a name and its value: ``Fleet: 992``, ``average load is 42``.
_NAME_JOINERS = frozenset({":", "is", "=", "≈", "~", "of", "was", "*", "are"})

#: Verbs between a named part and its percentage: ``attention is 93 % of the total``.
_PART_VERBS = frozenset({"is", "are", "was", "were"})
#: Words that may sit between the verb and the percentage.
_HEDGES = frozenset({"~", "≈", "about", "roughly", "around", "only", "just", "approximately"})

#: Nouns that make the word before them a qualifier of another quantity: ``the peak bound``,
#: ``the memory limit``, ``the token budget``.
_HEAD_NOUNS = frozenset(
    "bound bounds limit limits ceiling ceilings floor budget budgets estimate target".split()
)
#: Names too generic to point at one quantity.
_VAGUE = frozenset("it this that one value number amount figure rest same above below".split())


@dataclass
class Named:
    """A value written right after a name: ``Fleet: 992 GPUs``."""

    lit: Lit
    where: Scanned
    line: int
    names: frozenset[str]
    #: Named by its formula's head (``attention ≈ 2.21e17 FLOP``): read only by named parts.
    head: bool = False


#: The named values of one section, by name, in document order.
Names = dict[str, list[Named]]


def reference_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """Every share and multiple of a named quantity whose name resolves to one value."""
    named: dict[tuple[str, ...], Names] = {}
    for where in scanned:
        for value in _named_values(document, where):
            by_name = named.setdefault(where.segment.section, {})
            for name in value.names:
                by_name.setdefault(name, []).append(value)
    claims: list[Claim] = []
    for where in scanned:
        section = named.get(where.segment.section)
        if not section:
            continue  # no named value to resolve a reference to: no claim
        state = State(document, where)
        claims.extend(_shares(state, section))
        claims.extend(_multiples(state, section))
        claims.extend(_part_shares(state, section))
    return claims


def _named_values(document: Document, where: Scanned) -> Iterator[Named]:
    tokens = where.tokens
    for chain in where.result.chains:
        lit = nameable_result(chain)
        if lit is None:
            continue
        head = chain.head
        if isinstance(head, Ident) and head.name.isalpha() and len(chain.exprs) == 1:
            line = document.position(where.offsets[lit.num_start])[0]
            yield Named(lit, where, line, frozenset({noun_key(head.name)}), head=True)
            continue
        k = chain.tok_start - 1
        label = _LEADING_LABEL.match(where.text)
        if label and chain is where.result.chains[-1] and k > 0 and tokens[k].text in ("=", "≈"):
            # "Budget: 0.1 % of that = 8.04M failed requests": the label names the result
            line = document.position(where.offsets[lit.num_start])[0]
            yield Named(lit, where, line, frozenset({noun_key(label.group(1))}))
            continue
        while k >= 0 and tokens[k].text.lower() in _NAME_JOINERS:
            k -= 1
        names: set[str] = set()
        while k >= 0 and tokens[k].kind == "word" and len(names) < 2:
            if tokens[k].text.lower() == "same":
                break  # "the same pool holds 860,160 tokens" (after a change): no naming
            names.add(noun_key(tokens[k].text))
            k -= 1
        if k >= 0 and tokens[k].text.lower() == "same":
            continue
        if names:
            line = document.position(where.offsets[lit.num_start])[0]
            yield Named(lit, where, line, frozenset(names))


#: A line's label of one word: ``Budget:``.
_LEADING_LABEL = lazy_compile(r"\s*([A-Za-z]{3,20})\s*:")


def _glued_adjective(tokens: list[Token], k: int) -> bool:
    """``30-day`` at token ``k``: a number glued by a hyphen to a word."""
    return (
        k + 2 < len(tokens)
        and tokens[k].kind == "num"
        and tokens[k + 1].text == "-"
        and not tokens[k + 1].space_before
        and tokens[k + 2].kind == "word"
        and not tokens[k + 2].space_before
    )


def _reference_name(state: State, k: int) -> tuple[str, int] | None:
    """``the fleet`` at token ``k``: the name and the token after it."""
    tokens = state.where.tokens
    if k + 1 >= len(tokens) or tokens[k].text.lower() != "the":
        return None
    if _glued_adjective(tokens, k + 1):
        k += 3  # "the 30-day budget": the budget
    if k + 1 >= len(tokens):
        return None
    word = tokens[k + 1]
    if word.kind != "word" or not word.text.isalpha() or word.text.lower() in _VAGUE:
        return None
    after = tokens[k + 2] if k + 2 < len(tokens) else None
    if after is not None and after.kind == "word" and after.text.lower() in _HEAD_NOUNS:
        return None  # "the peak bound": a name of two words, which the first does not name
    return noun_key(word.text), k + 2


def _resolve(name: str, like: Lit, section: Names, exclude: set[int]) -> Named | None:
    """The one value named ``name`` in the section of the same kind as ``like``."""
    found = [
        n
        for n in section.get(name, ())
        if not n.head and id(n.lit) not in exclude and _same_kind(n.lit, like)
    ]
    if len({_point(n.lit) for n in found}) != 1:
        return None
    return found[0]


def _same_kind(a: Lit, b: Lit) -> bool:
    """Quantities of one dimension, or counts of one noun; a plain count (``0.79M``) also
    matches a count of parameters or tokens (``335M parameters``) when it names no noun."""
    table = unit_table()
    if a.unit is None or b.unit is None or _billion(a) or _billion(b):
        bare_a = a.unit is None or _billion(a) or (not b.label and _soft_only(a))
        bare_b = b.unit is None or _billion(b) or (not a.label and _soft_only(b))
        if not (bare_a and bare_b):
            return False
        return not (a.label and b.label) or noun_key(a.label) == noun_key(b.label)
    return table.hard_part(a.unit.dims) == table.hard_part(b.unit.dims) and (
        a.unit.dims == b.unit.dims
    )


def _soft_only(lit: Lit) -> bool:
    """``335M parameters``, ``386k tokens``: a count with a unit of what is counted."""
    table = unit_table()
    return (
        lit.unit is not None
        and not any(table.hard_part(lit.unit.dims))
        and (lit.unit.kind not in ("percent", "multiplier"))
    )


def _billion(lit: Lit) -> bool:
    """``13.96B`` with no byte context: a count in billions."""
    return lit.alt_scale is not None and lit.unit is not None and lit.unit_text == "B"


def _point(lit: Lit) -> object:
    value = _evaluate(lit)
    return None if value is None else value.point


def _evaluate(node: Node) -> Value | None:
    billion = any(_billion(lit) for lit in _lits(node))
    try:
        return Evaluator({}, billion=billion).evaluate(node)
    except (NotEvaluable, TooComplex):
        return None


def _lits(node: Node) -> list[Lit]:
    node = strip_groups(node)
    if isinstance(node, Lit):
        return [node]
    if isinstance(node, BinOp):
        return _lits(node.left) + _lits(node.right)
    return []


def _connected(words: list[str]) -> bool:
    return any(tuple(words) == phrase for phrase in _CONNECTORS)


def _shares(state: State, section: Names) -> Iterator[Claim]:
    """``576 GPUs, i.e. 62% of the fleet``: part / the named whole."""
    tokens = state.where.tokens
    for prev, nxt, last in state.neighbours():
        pct = strip_groups(nxt.exprs[0])
        if not (isinstance(last, Lit) and isinstance(pct, Lit) and pct.is_percent):
            continue
        if last.is_percent or last.is_range or last.bound or pct.bound or pct.is_range:
            continue
        if not _connected(state.phrase_between(prev, nxt)):
            continue
        k = nxt.tok_end
        if k >= len(tokens) or tokens[k].text.lower() != "of":
            continue
        ref = _reference_name(state, k + 1)
        if ref is None:
            continue
        whole = _resolve(ref[0], last, section, {id(last)})
        if whole is None or _far_above(last, whole.lit):
            continue  # "230,400 tokens, 95 % of the pool" with "the pool holds 29 of them"
        if _EACH.search(state.where.text, last.num_end, pct.start) and not whole.lit.per:
            continue  # "2,310 GB each, 61.6 % of the disk": each one's disk, not all of them
        claim = _claim(state, "percentage", pct, BinOp("/", last, whole.lit, "/"), whole, ref[0])
        if claim is not None:
            claim.derivation = f"{_text(state.where, last)} / {_text(whole.where, whole.lit)}"
            yield claim


#: A part said to be each one's (``2,310 GB each``).
_EACH = lazy_compile(r"\beach\b", regex.I)
#: How many times its whole a part may be before the name was read for another whole.
_MOST_TIMES = 10


def _far_above(part: Lit, whole: Lit) -> bool:
    """The part is many times the value the name resolved to: the name means another whole."""
    if part.alt_scale is not None or whole.alt_scale is not None:
        return False  # "13.96B": a billion or bytes, which only the claim's reading decides
    a, b = written_value(part), written_value(whole)
    return a is not None and b is not None and b.point > 0 and a.point > _MOST_TIMES * b.point


def _part_shares(state: State, section: Names) -> Iterator[Claim]:
    """``attention is 0.93 % of the total``: a named part over a named whole, claimed only as
    the percentage written for the fraction of exactly one pair of their values."""
    tokens = state.where.tokens
    for chain in state.chains:
        pct = strip_groups(chain.exprs[0])
        if len(chain.exprs) != 1 or chain.ignored or not isinstance(pct, Lit):
            continue
        if not pct.is_percent or pct.bound or pct.is_range:
            continue
        k = chain.tok_start - 1
        while k >= 0 and tokens[k].text.lower() in _HEDGES:
            k -= 1
        if k < 1 or tokens[k].text.lower() not in _PART_VERBS or tokens[k - 1].kind != "word":
            continue
        part = noun_key(tokens[k - 1].text)
        end = chain.tok_end
        if end >= len(tokens) or tokens[end].text.lower() != "of" or part in _VAGUE:
            continue
        ref = _reference_name(state, end + 1)
        if ref is not None and ref[0] != part:
            claim = _slipped_share(state, pct, section.get(part, []), section.get(ref[0], []))
            if claim is not None:
                yield claim


def _slipped_share(state: State, pct: Lit, parts: list[Named], wholes: list[Named]) -> Claim | None:
    """The claim that ``pct`` is the share of the one (part, whole) pair its number gives as a
    fraction, when no pair gives it as a percentage."""
    stated = _evaluate(pct)
    if stated is None:
        return None
    shares: dict[Fraction, tuple[Named, Named]] = {}
    for part in parts:
        for whole in wholes:
            share = _share(part, whole)
            if share is not None:
                shares.setdefault(share, (part, whole))
    lo, hi = stated.interval.lo, stated.interval.hi
    if not shares or any(lo <= s <= hi for s in shares):
        return None  # a reading holds
    slipped = [s for s in shares if lo * 100 <= s <= hi * 100]
    if len(slipped) != 1:
        return None
    part, whole = shares[slipped[0]]
    share = slipped[0]
    part_text, whole_text = _text(part.where, part.lit), _text(whole.where, whole.lit)
    return Claim(
        "percentage",
        pct,
        state.where,
        computed=Value(share, Interval(share, share), unit_table().dimensionless, False),
        derivation=f"{part_text} / {whole_text}",
        inputs=[Related(part.line, part_text), Related(whole.line, whole_text)],
    )


def _share(part: Named, whole: Named) -> Fraction | None:
    """Part over whole, for two values of one kind."""
    if part.lit is whole.lit or not _same_kind(part.lit, whole.lit):
        return None
    a, b = _evaluate(part.lit), _evaluate(whole.lit)
    if a is None or b is None or not b.point:
        return None
    return Fraction(a.point) / Fraction(b.point)


def _multiples(state: State, section: Names) -> Iterator[Claim]:
    """``2.5× the average, i.e. 105 req/s``: the multiple times the named value."""
    for prev, nxt, last in state.neighbours():
        stated = strip_groups(nxt.exprs[0])
        if not (isinstance(last, Lit) and isinstance(stated, Lit)):
            continue
        if last.unit is None or last.unit.kind != "multiplier" or last.is_range or last.bound:
            continue
        if stated.unit is None or stated.is_percent or stated.bound or stated.is_range:
            continue
        ref = _reference_name(state, prev.tok_end)
        if ref is None:
            continue
        words = state.phrase_between(prev, nxt)[2:]
        if not _connected(words):
            continue
        base = _resolve(ref[0], stated, section, {id(stated)})
        if base is None:
            continue
        claim = _claim(state, "formula", stated, BinOp("*", last, base.lit, "×"), base, ref[0])
        if claim is not None:
            claim.derivation = f"{last.number.text} × {_text(base.where, base.lit)}"
            yield claim


def _claim(
    state: State, kind: ClaimKind, stated: Lit, formula: Node, ref: Named, name: str
) -> Claim | None:
    value = _evaluate(formula)
    if value is None:
        return None
    approx = stated.approx
    return Claim(
        kind,
        stated,
        state.where,
        relation="≈" if approx else "=",
        computed=value,
        inputs=[Related(ref.line, f"the {name} {_text(ref.where, ref.lit)}")],
    )


def _text(where: Scanned, lit: Lit) -> str:
    text = literal_text(lit, where)
    if lit.label and lit.unit is not None and text.endswith(lit.label):
        text = text[: -len(lit.label)].rstrip()
    return text
