"""A part's share of the figure just stated, the part named and given earlier: after ``The MLP
costs 30.1 GFLOP per token`` (its own sentence), ``so a token costs 52.4 GFLOP in all, and the
MLP is 57.4 % of it``. The share is checked as the part ÷ the figure before it.

Read only when the share's clause is ``[and] NOUN is P % of it`` (``that``, ``this``; ``are``,
``makes up``, ``accounts for``), right after a figure with a unit in the same sentence (the
whole); the part is the one value of the whole's dimensions, smaller than it, among the earlier
figures of the section whose sentence names the noun (for a display formula, the sentence that
leads into it). Several values so named, or none, leave the share unread.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.claims.model import Claim, Scanned, literal_text, noun_key, single_lit
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import SENTENCE_END, lazy_re
from speclint.quantity.units import unit_table

#: ``of it`` after the share, then the clause's end.
_OF_IT = lazy_re(r"\s*(?:%|percent\b)\s*of\s+(?:it|that|this)\s*(?:[.,;:)]|$)")
#: Words between the subject and the share.
_VERBS = (("is",), ("are",), ("makes", "up"), ("make", "up"), ("accounts", "for"))
_ADVERBS = frozenset({"only", "about", "roughly", "around", "just", "nearly", "almost"})
#: What may join the whole to the subject: ``, and``.
_JOINS = ((",", "and"), ("and",), (",",), (";",))
_ARTICLES = frozenset({"the", "a", "an", "its"})
_PRONOUNS = frozenset({"it", "this", "that", "which", "what", "there"})
#: How far back a figure's sentence is read for its name.
_CONTEXT = 600
_WORD = lazy_re(r"[A-Za-z]+")
#: Where a paragraph that leads into a display formula ends (``… per token:``).
_LEADS_IN = lazy_re(r":\s*(?:\$\$)?\s*$")


def share_of_it_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each ``NOUN is P % of it`` whose part the section names earlier."""
    claims = []
    for index, where in enumerate(scanned):
        if where.segment.kind != "paragraph" or "%" not in where.text:
            continue
        for pct, whole, noun in _shares(where):
            part = _part(doc, scanned[:index], where, whole, noun)
            if part is not None:
                claims.append(_claim(doc, where, pct, whole, noun, *part))
    return claims


def _shares(where: Scanned) -> Iterator[tuple[Lit, Lit, str]]:
    """(share, whole, noun) of each ``…, and NOUN is P % of it`` right after a figure."""
    chains, tokens = where.result.chains, where.tokens
    for k in range(1, len(chains)):
        pct = single_lit(chains[k])
        if pct is None or not pct.is_percent or pct.bound or pct.is_range:
            continue
        if _OF_IT.match(where.text, pct.num_end) is None:
            continue
        whole = strip_groups(chains[k - 1].exprs[-1])
        if not isinstance(whole, Lit) or whole.unit is None or whole.is_percent:
            continue
        if whole.bound or whole.is_range or whole.per:
            continue
        words = [t.text.lower() for t in tokens[chains[k - 1].tok_end : chains[k].tok_start]]
        while words and words[-1] in _ADVERBS:
            words.pop()
        verb = next((v for v in _VERBS if tuple(words[-len(v) :]) == v), None)
        if verb is None:
            continue
        words = words[: -len(verb)]
        join = next((j for j in _JOINS if tuple(words[: len(j)]) == j), None)
        if join is None:
            continue
        subject = [w for w in words[len(join) :] if w not in _ARTICLES]
        if not 1 <= len(subject) <= 3 or not all(w.isalpha() for w in subject):
            continue
        if subject[-1] in _PRONOUNS or "." in words:
            continue
        yield pct, whole, subject[-1]


def _part(
    doc: Document, before: list[Scanned], where: Scanned, whole: Lit, noun: str
) -> tuple[Lit, Scanned, Value] | None:
    """The one earlier value in the section, of the whole's dimensions and below it, whose
    sentence names the noun."""
    try:
        whole_value = literal_value(whole, stated=True)
    except NotEvaluable:
        return None
    found: list[tuple[Lit, Scanned, Value]] = []
    for earlier in before:
        if earlier.segment.section != where.segment.section:
            continue
        for chain in earlier.result.chains:
            # a figure the sentence gives: a result, not an operand of its formula
            stated = chain.exprs[1:] if chain.relations else chain.exprs
            for lit in (x for expr in stated if isinstance(x := strip_groups(expr), Lit)):
                if lit.unit is None or lit.is_percent or lit.bound or lit.is_range or lit.per:
                    continue
                try:
                    value = literal_value(lit, stated=True)
                except NotEvaluable:
                    continue
                if value.dims != whole_value.dims or value.point >= whole_value.point:
                    continue
                if _names(doc, earlier, lit, noun):
                    found.append((lit, earlier, value))
    if len({value.point for _, _, value in found}) != 1:
        return None
    return found[-1]


def _names(doc: Document, where: Scanned, lit: Lit, noun: str) -> bool:
    """Whether the sentence of the figure (or the one leading into its display formula) names
    the noun."""
    end = where.offsets[lit.num_start]
    text = doc.source[max(0, end - _CONTEXT) : end]
    start = 0
    for found in SENTENCE_END.finditer(text):
        if "\n" in found.group() and _LEADS_IN.search(text, 0, found.start() + 1):
            continue  # "… per token:" then the formula: one sentence
        start = found.end()
    words = {noun_key(word) for word in _WORD.findall(text[start:])}
    return noun_key(noun) in words


def _claim(
    doc: Document,
    where: Scanned,
    pct: Lit,
    whole: Lit,
    noun: str,
    part: Lit,
    part_where: Scanned,
    part_value: Value,
) -> Claim:
    whole_value = literal_value(whole, stated=True)
    point = part_value.point / whole_value.point
    interval = part_value.interval / whole_value.interval
    part_text = literal_text(part, part_where)
    part_line = doc.position(part_where.offsets[part.num_start])[0]
    whole_text = literal_text(whole, where)
    return Claim(
        "percentage",
        pct,
        where,
        relation="≈" if pct.approx else "=",  # the whole's "about" widens the quotient
        computed=Value(point, interval, unit_table().dimensionless, False),
        derivation=f"{part_text} (line {part_line}) / {whole_text}",
        inputs=[Related(part_line, f"{noun} {part_text}")],
        assumption=f"'{noun}' is the one figure of the section whose sentence names it",
    )
