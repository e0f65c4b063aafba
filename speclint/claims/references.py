"""Named references: a share or a multiple of a quantity the document named earlier or later.

* ``576 GPUs, i.e. 62% of the fleet`` after ``Fleet: 992 GPUs``: part / whole
* ``2.5× the average, i.e. 105 req/s`` after ``Average load is 42 req/s``: multiple × value
* ``328M, i.e. 2.35% of the total`` with ``total ≈ 13.96B`` in the same list

The name (the first word after ``the``) is resolved to the values written right after that
word in the same section (``Fleet: 992 GPUs``, ``average load is 42 req/s``); the reference
is read only when exactly one value of the same kind answers to it, else nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.extract import SAME_AMOUNT, State
from speclint.claims.model import (
    Claim,
    ClaimKind,
    Scanned,
    literal_text,
    nameable_result,
    noun_key,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value
from speclint.formula.expr import BinOp, Lit, Node, TooComplex, strip_groups
from speclint.quantity.units import unit_table

#: Words that say the next value is the same amount as the one before (a bare comma too).
_CONNECTORS = (*SAME_AMOUNT, (",",))

#: Words allowed between a name and its value: ``Fleet: 992``, ``average load is 42``.
_NAME_JOINERS = frozenset({":", "is", "=", "≈", "~", "of", "was", "*", "are"})

#: Names too generic to point at one quantity.
_VAGUE = frozenset("it this that one value number amount figure rest same above below".split())


@dataclass
class Named:
    """A value written right after a name: ``Fleet: 992 GPUs``."""

    lit: Lit
    where: Scanned
    line: int
    names: frozenset[str]


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
        state = State(document, where)
        section = named.get(where.segment.section, {})
        claims.extend(_shares(state, section))
        claims.extend(_multiples(state, section))
    return claims


def _named_values(document: Document, where: Scanned) -> Iterator[Named]:
    tokens = where.tokens
    for chain in where.result.chains:
        lit = nameable_result(chain)
        if lit is None:
            continue
        k = chain.tok_start - 1
        while k >= 0 and tokens[k].text.lower() in _NAME_JOINERS:
            k -= 1
        names: set[str] = set()
        while k >= 0 and tokens[k].kind == "word" and len(names) < 2:
            names.add(noun_key(tokens[k].text))
            k -= 1
        if names:
            line = document.position(where.offsets[lit.num_start])[0]
            yield Named(lit, where, line, frozenset(names))


def _reference_name(state: State, k: int) -> tuple[str, int] | None:
    """``the fleet`` at token ``k``: the name and the token after it."""
    tokens = state.where.tokens
    if k + 1 >= len(tokens) or tokens[k].text.lower() != "the":
        return None
    word = tokens[k + 1]
    if word.kind != "word" or not word.text.isalpha() or word.text.lower() in _VAGUE:
        return None
    return noun_key(word.text), k + 2


def _resolve(name: str, like: Lit, section: Names, exclude: set[int]) -> Named | None:
    """The one value named ``name`` in the section of the same kind as ``like``."""
    found = [
        n for n in section.get(name, ()) if id(n.lit) not in exclude and _same_kind(n.lit, like)
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
        if whole is None:
            continue
        claim = _claim(state, "percentage", pct, BinOp("/", last, whole.lit, "/"), whole, ref[0])
        if claim is not None:
            claim.derivation = f"{_text(state.where, last)} / {_text(whole.where, whole.lit)}"
            yield claim


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
