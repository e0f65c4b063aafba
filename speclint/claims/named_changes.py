"""A change in percent between two figures named on earlier lines.

``MI300X: … = $0.510/Mtok`` and ``H100: … = $0.573/Mtok``, then ``MI300X comes out 11 %
cheaper per Mtok than H100``: 1 − A / B for ``cheaper``, ``less``; A / B − 1 for ``more``.

A name is the word right before a figure and its joiner (``MI300X: …``, ``H100 is …``). The
sentence is read only when it is ``NAME [words] P% CHANGE [words] than [the] NAME`` with no
other number, each name answers to figures of one value on earlier lines, the two share exactly
one dimension, and that dimension is the one the change word speaks of (money for ``cheaper``,
a rate or a time for ``faster``); anything else may compare something the document never
wrote, and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import (
    Claim,
    Scanned,
    nameable_result,
    noun_key,
    single_lit,
    written_value,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import BinOp, Chain, Lit
from speclint.formula.lexer import Token
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: Change words and what they compare: money, speed (a rate or a time).
_COST = {"cheaper": -1, "costlier": 1, "pricier": 1}
_SPEED = {"faster": 1, "slower": -1, "quicker": 1}
#: Words between a name and its figure: ``MI300X: 0.51``, ``H100 is 0.57``.
_JOINERS = frozenset({":", "=", "≈", "~", "is", "at"})
#: Words between a subject name and its percentage: ``MI300X comes out 11 % cheaper``.
_VERBS = frozenset(
    "is are comes come out works work turns turn was runs run about roughly only just".split()
)
#: Words a clause may start with before its subject: ``So Acme works out …``.
_STARTS = frozenset("so and but thus then overall hence".split())
#: Words between the change word and ``than``: ``cheaper per Mtok than``.
_MAX_BETWEEN = 3
_ARTICLES = frozenset({"the", "a", "an"})
#: Words that point at what was said rather than name it.
_PRONOUNS = frozenset("that this it which there these those".split())


@dataclass
class _Named:
    lit: Lit
    where: Scanned
    line: int
    value: Value
    name: str


def named_change_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each change in percent between two unambiguously named earlier figures,
    and for each percentage that restates a named earlier fraction's digits."""
    found = [c for where in scanned for c in _candidates(where)]
    restated = [r for where in scanned for r in _restatements(where)]
    if not found and not restated:
        return []
    named = _named_figures(document, scanned)
    claims = [c for r in restated if (c := _restated(document, named, *r)) is not None]
    for where, pct, subject, other, direction, kind in found:
        line = document.position(where.offsets[pct.num_start])[0]
        a = _resolve(named.get(subject, []), line, kind)
        b = _resolve(named.get(other, []), line, kind)
        pair = _one_dimension(a, b)
        if pair is None:
            continue
        claim = _claim(where, pct, direction, *pair)
        if claim is not None:
            claims.append(claim)
    return claims


def _percentages(where: Scanned) -> Iterator[tuple[Chain, Lit]]:
    """Each chain that is one plain percentage (``12 %``), and the percentage."""
    for chain in where.result.chains:
        pct = single_lit(chain)
        if pct is not None and pct.is_percent and not (pct.bound or pct.is_range):
            yield chain, pct


def _candidates(where: Scanned) -> Iterator[tuple[Scanned, Lit, str, str, int, str]]:
    """``NAME … P% cheaper … than NAME``: the percentage, both names, direction, kind."""
    tokens = where.tokens
    for chain, pct in _percentages(where):
        change = _change_after(tokens, chain.tok_end, (pct.label or "").lower())
        if change is None:
            continue
        direction, kind, other = change
        subject = _subject_before(where, chain.tok_start)
        if subject is None or subject == other:
            continue
        yield where, pct, subject, other, direction, kind


def _restatements(where: Scanned) -> Iterator[tuple[Scanned, Lit, str]]:
    """``MFU is only 0.173 %`` (a percentage a name's clause ends with): it and the name."""
    tokens = where.tokens
    for chain, pct in _percentages(where):
        if (
            pct.label
            or chain.tok_start < 2
            or tokens[chain.tok_start - 1].text.lower() not in (_VERBS)
        ):
            continue
        j = chain.tok_start - 1
        while j >= 0 and tokens[j].text.lower() in _VERBS:
            j -= 1
        if j >= 0 and tokens[j].kind == "word":
            yield where, pct, _key(tokens[j].text)


def _restated(
    document: Document, named: dict[str, list[_Named]], where: Scanned, pct: Lit, name: str
) -> Claim | None:
    """The percentage against the one plain fraction named ``name`` on an earlier line, read
    only when it writes that fraction's digits (the slip); any other percentage may be another
    measurement of the same name."""
    line = document.position(where.offsets[pct.num_start])[0]
    earlier = [f for f in named.get(name, []) if f.line < line and not any(f.value.dims)]
    if len({f.value.point for f in earlier}) != 1:
        return None
    figure = earlier[0]
    value = figure.value
    if figure.lit.unit is not None or not 0 < value.point < 1:
        return None
    if pct.number.mantissa * Fraction(10) ** pct.number.exponent != value.point:
        return None
    return Claim(
        "percentage",
        pct,
        where,
        relation="≈" if pct.approx else "=",
        computed=value,
        derivation=f"{figure.name} {_text(figure)} as a percentage",
        inputs=[Related(figure.line, f"{figure.name} {_text(figure)}")],
    )


def _change_after(tokens: list[Token], k: int, label: str) -> tuple[int, str, str] | None:
    """``cheaper [per Mtok] than H100``, its word read as the percentage's label or from
    token ``k``: direction, kind and the other name."""
    if not label and k < len(tokens):
        label, k = tokens[k].text.lower(), k + 1
    word = label.split()[0] if label else ""
    direction, kind = (_COST.get(word), "cost") if word in _COST else (_SPEED.get(word), "speed")
    if direction is None:
        return None
    j = k
    while j < len(tokens) and j - k < _MAX_BETWEEN and tokens[j].text.lower() != "than":
        if tokens[j].kind != "word":
            return None
        j += 1
    if j >= len(tokens) or tokens[j].text.lower() != "than":
        return None
    j += 1
    if j < len(tokens) and tokens[j].text.lower() in _ARTICLES:
        j += 1
    if j >= len(tokens) or tokens[j].kind != "word":
        return None
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if after is not None and after.kind == "num":
        return None  # "than Gaudi 3": a name of two words
    return direction, kind, _key(tokens[j].text)


def _subject_before(where: Scanned, k: int) -> str | None:
    """The name a clause starts with, before a few verbs: ``MI300X comes out``."""
    tokens = where.tokens
    j = k - 1
    while j >= 0 and tokens[j].text.lower() in _VERBS:
        j -= 1
    if j < 0 or tokens[j].kind != "word" or tokens[j].text.lower() in _VERBS | _PRONOUNS:
        return None  # "That is 6 % slower than …": a pronoun names no figure
    gap = where.text[tokens[j - 1].end : tokens[j].start] if j > 0 else "\n"
    before = tokens[j - 1].text.lower()
    if tokens[j - 1].kind in ("word", "num") and "\n" not in gap and before not in _STARTS:
        return None  # "the new H100 …": the name is not the clause's subject
    return _key(tokens[j].text)


def _key(word: str) -> str:
    return noun_key(word)


def _named_figures(document: Document, scanned: list[Scanned]) -> dict[str, list[_Named]]:
    """Each result written right after a name and a joiner (``MI300X: … = $0.510/Mtok``)."""
    named: dict[str, list[_Named]] = {}
    for where in scanned:
        tokens = where.tokens
        for chain in where.result.chains:
            lit = nameable_result(chain)
            if lit is None:
                continue
            if len(chain.exprs) > 1 and not set(chain.relations) <= {"=", "≈"}:
                continue
            k = chain.tok_start - 1
            if k < 0 or tokens[k].text.lower() not in _JOINERS:
                continue
            k -= 1
            if k < 0 or tokens[k].kind != "word":
                continue
            value = written_value(lit)
            if value is None:
                continue
            line = document.position(where.offsets[lit.num_start])[0]
            figure = _Named(lit, where, line, value, tokens[k].text)
            named.setdefault(_key(tokens[k].text), []).append(figure)
    return named


def _resolve(figures: list[_Named], line: int, kind: str) -> dict[object, _Named]:
    """The name's earlier figures of the change's kind, one per dimension that has one value
    (a dimension with two different values is left out)."""
    by_dims: dict[object, list[_Named]] = {}
    for figure in figures:
        if figure.line < line and _of_kind(figure.value, kind):
            by_dims.setdefault(figure.value.dims, []).append(figure)
    return {
        dims: found[0]
        for dims, found in by_dims.items()
        if len({f.value.point for f in found}) == 1
    }


def _of_kind(value: Value, kind: str) -> bool:
    """Money for a cost change, a rate or a time for a speed change."""
    exponents = dict(zip(unit_table().names, value.dims, strict=True))
    if kind == "cost":
        return bool(exponents["usd"] or exponents["eur"])
    return bool(exponents["second"]) and not any(exponents[n] for n in ("usd", "eur", "byte"))


def _one_dimension(
    a: dict[object, _Named], b: dict[object, _Named]
) -> tuple[_Named, _Named] | None:
    common = [dims for dims in a if dims in b]
    return (a[common[0]], b[common[0]]) if len(common) == 1 else None


def _claim(where: Scanned, pct: Lit, direction: int, a: _Named, b: _Named) -> Claim | None:
    ratio = written_value(BinOp("/", a.lit, b.lit, "/"))
    if ratio is None or (ratio.point - 1) * direction <= 0:
        return None  # the words and the figures disagree on the side: unsure
    lo, hi = ratio.interval.lo, ratio.interval.hi
    if direction > 0:
        point, interval = ratio.point - 1, Interval(lo - 1, hi - 1)
    else:
        point, interval = 1 - ratio.point, Interval(1 - hi, 1 - lo)
    computed = Value(Fraction(point), interval, ratio.dims, False)
    ta, tb = _text(a), _text(b)
    derivation = f"{ta} / {tb} − 1" if direction > 0 else f"1 − {ta} / {tb}"
    return Claim(
        "percentage",
        pct,
        where,
        relation="≈" if pct.approx else "=",
        computed=computed,
        derivation=derivation,
        inputs=[Related(a.line, f"{a.name} {ta}"), Related(b.line, f"{b.name} {tb}")],
    )


def _text(figure: _Named) -> str:
    """The figure as written, up to the end of its line and without a label word."""
    lit = figure.lit
    text = figure.where.text[lit.num_start : lit.end].split("\n")[0].strip()
    if lit.label and text.endswith(lit.label):
        text = text[: -len(lit.label)].rstrip()
    return lit.prefix + text
