"""A sum whose counted operand is turned into the result's unit by a figure per one of it
stated before: after ``- tokens per frame: 24 × 24 = 576``, the line ``4 frames + 150 text
tokens = 2,454 prompt tokens`` is 4 × 576 + 150.

Read only when the sum's operands are bare counts joined by ``+``, its result follows ``=``,
the result's last word (``tokens``) ends the phrase of at least one operand (``text tokens``),
every other operand counts one noun (``frames``), and for each such noun the document states,
before the sum, exactly one figure of ``<result word> per <noun>`` (``tokens per frame: … =
576``, ``576 tokens per frame``, ``576 tokens/frame``). The sum read so replaces the plain sum
of its written numbers (``4 frames + 150 tokens = 154 tokens`` adds frames to tokens).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from itertools import pairwise

from speclint.claims.model import Claim, Scanned, noun_key, single_lit
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import BinOp, Lit, literals, strip_groups
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

#: The words naming an operand or result: after its number, up to an operator or the end.
_PHRASE = lazy_re(r"\s*(?P<words>[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,1})")
#: Between the sum's last operand and its result: ``=`` (the last operand's noun before it).
_EQUALS = lazy_re(r"\s*(?:[A-Za-z][\w-]*\s*)?=\s*$")


def converted_sum_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A sum claim for each sum of counts whose counted operands are converted per one."""
    claims = []
    for k, where in enumerate(scanned):
        if where.segment.kind != "paragraph" or "+" not in where.text or "=" not in where.text:
            continue
        for terms, result in _sums(where):
            if not terms or not isinstance(result, Lit) or _not_a_count(result):
                continue
            if not _EQUALS.match(where.text[terms[-1].end : result.num_start]):
                continue
            claim = _claim(doc, scanned[:k], where, terms, result)
            if claim is not None:
                claims.append(claim)
    return claims


def superseded(claims: list[Claim], converted: list[Claim]) -> list[Claim]:
    """``claims`` without the plain formula claims of a value a converted sum states."""
    stated = {(id(c.where), c.stated.num_start) for c in converted}
    return [
        c for c in claims if c.kind != "formula" or (id(c.where), c.stated.num_start) not in stated
    ]


def _sums(where: Scanned) -> Iterator[tuple[list[Lit] | None, object]]:
    """(operands, result) of each sum and its result: one chain ``a + b = c``, or a chain
    ``a + b`` and the next one (``tokens = c`` read as a name and its value)."""
    chains = [c for c in where.result.chains if not c.ignored]
    for chain in chains:
        if len(chain.exprs) == 2 and chain.relations == ["="]:
            yield _terms(chain.exprs[0]), strip_groups(chain.exprs[1])
    for prev, nxt in pairwise(chains):
        if len(prev.exprs) == 1 and len(nxt.exprs) == 1:
            yield _terms(prev.exprs[-1]), single_lit(nxt) or strip_groups(nxt.exprs[0])


def _terms(node: object) -> list[Lit] | None:
    """The operands of a sum of bare counts, in order."""
    node = strip_groups(node)  # type: ignore[arg-type]
    if isinstance(node, Lit):
        return None if _not_a_count(node) else [node]
    if not isinstance(node, BinOp) or node.op != "+":
        return None
    left, right = _terms(node.left), _terms(node.right)
    if left is None or right is None:
        return None
    return left + right


def _not_a_count(lit: Lit) -> bool:
    """Not a plain count: a scaled, per-unit, bounded, ranged or approximate value (a unit
    of its own is read against the sum's words)."""
    return bool(lit.scale or lit.per or lit.bound or lit.is_range or lit.approx)


def _words(where: Scanned, lit: Lit) -> list[str]:
    match = _PHRASE.match(where.text, lit.num_end)
    return match.group("words").lower().split() if match else []


def _claim(
    doc: Document, before: list[Scanned], where: Scanned, terms: list[Lit], result: Lit
) -> Claim | None:
    phrases = [_words(where, term) for term in terms]
    ends = {words[-1] for words in phrases if words}
    # the result's unit: its first word that ends an operand ("2,168 prompt tokens")
    unit = next((word for word in _words(where, result) if word in ends), None)
    if unit is None:
        return None  # no operand is in the result's unit: no sum of that unit
    if any(lit.unit is not None and lit.unit_text.lower() != unit for lit in (*terms, result)):
        return None  # a value in another unit
    point, parts, inputs = Fraction(0), [], []
    for term, words in zip(terms, phrases, strict=True):
        value = term.number.value
        if words and words[-1] == unit:
            point += value
            parts.append(f"{term.number.text} {' '.join(words)}")
            continue
        if len(words) != 1 or term.unit is not None:
            return None  # an operand whose noun is unsure
        per = _per_one(doc, before, unit, words[0])
        if per is None:
            return None
        figure, line, text = per
        point += value * figure
        parts.append(f"{term.number.text} {words[0]} × {text} (line {line})")
        inputs.append(Related(line, f"{text} {unit} per {noun_key(words[0])}"))
    if not inputs:
        return None
    return Claim(
        "sum",
        result,
        where,
        computed=Value(point, Interval(point, point), unit_table().dimensionless, True),
        derivation=" + ".join(parts),
        inputs=inputs,
    )


def _per_one(
    doc: Document, before: list[Scanned], unit: str, noun: str
) -> tuple[Fraction, int, str] | None:
    """The one figure of ``unit`` per one ``noun`` stated before: (value, line, as written).
    Every mention of ``unit`` per ``noun`` before must be such a figure, and all agree."""
    thing = re.escape(noun_key(noun))
    label = re.compile(rf"\b{re.escape(unit)}\s+per\s+{thing}\b[^:]{{0,40}}:", re.I)
    after = re.compile(rf"\s*{re.escape(unit)}\s*(?:per\s+|/\s*){thing}\b", re.I)
    mention = re.compile(rf"\b{re.escape(unit)}\s*(?:per\s+|/\s*){thing}\b", re.I)
    found: dict[Fraction, tuple[int, str]] = {}
    for where in before:
        read = 0
        named = label.search(where.text)
        ends = [strip_groups(chain.exprs[-1]) for chain in where.result.chains]
        for lit in (lit for chain in where.result.chains for lit in literals(chain.exprs[-1])):
            if lit.scale or lit.bound or lit.is_range:
                continue
            if lit.unit is not None:  # "256 tokens per frame", "256 tokens/frame"
                own = lit.unit_text.lower() == unit and noun_key(lit.per) == noun_key(noun)
            else:  # "256 tokens per frame" read as a count, "tokens per frame: … = 256"
                own = bool(after.match(where.text, lit.num_end)) or (
                    named is not None and lit is ends[-1] and lit.start > named.end()
                )
            if own:
                line = doc.position(where.offsets[lit.num_start])[0]
                found.setdefault(lit.number.value, (line, lit.number.text))
                read += 1
        if len(mention.findall(where.text)) > read:
            return None  # a figure per one that was not read: which one holds is not sure
    if len(found) != 1:
        return None
    value, (line, text) = next(iter(found.items()))
    return value, line, text
