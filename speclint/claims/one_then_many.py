"""A figure of one thing, then a count of those things and their total in the next sentence or
list item: ``one node costs 8 × $3.10 × 730 h = $18,104 per month.`` then ``The fleet is three
nodes (12 replicas), which comes to $56,312 per month``; ``- One instance for a month (730 h):
$4,140.56`` then ``- Current fleet of 3 instances: $14,421.68/month``. The total is the count
× the figure.

Read only when the first sentence names ``one`` (or ``a single``) of a machine noun and ends on
its figure, and the next one counts that noun once (two or more of them) before its only
figure of the same unit, per the same period (``per month`` on both, or ``/month`` after a
figure ``for a month``); a sentence that says ``each`` or ``per`` of the noun again, or holds
a second count of it, is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from speclint.claims.model import Claim, Scanned, list_items, noun_class, times_figure_claim
from speclint.document import Document
from speclint.formula.expr import Lit, has_operator, literals
from speclint.formula.vocabulary import NUMBER_WORDS, PERIOD_WORDS
from speclint.patterns import lazy_re, sentence_spans

#: The machine nouns (by class) a figure may be of one of.
_NOUNS = frozenset({"gpu", "node", "instance", "replica", "cluster", "pod", "worker"})
#: ``one node``, ``a single H100 instance``: the one thing the first sentence's figure is of
#: (the word after, or the one after that).
_ONE = lazy_re(r"\b(?:one|a\s+single)\s+([\w-]+)(?:\s+([A-Za-z][\w-]*))?", re.I)
#: ``three nodes``, ``3 g5.12xlarge instances``: a count of things in the next sentence.
_COUNT = lazy_re(
    r"(?<![\w.,$])(\d+|{words})\s+(?:([\w.-]+)\s+)?([A-Za-z][\w-]*)".format(
        words="|".join(NUMBER_WORDS)
    ),
    re.I,
)
#: The same noun again per one: the next sentence is about one of them too.
_EACH = lazy_re(r"\b(?:each|every|per|one)\s+([\w-]+)(?:\s+([A-Za-z][\w-]*))?", re.I)


def _nouns(match: re.Match[str], *groups: int) -> set[str]:
    """The machine nouns a match's words name."""
    return {noun_class(word) for g in groups if (word := match.group(g))} & _NOUNS


def one_then_many_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each total of a count of things after a figure of one of them."""
    claims = []
    for (first, one_text), (second, many_text) in _neighbours(scanned):
        claim = _claim(doc, first, one_text, second, many_text)
        if claim is not None:
            claims.append(claim)
    return claims


_Piece = tuple[Scanned, tuple[int, int]]


def _neighbours(scanned: list[Scanned]) -> Iterator[tuple[_Piece, _Piece]]:
    """Each two sentences in a row of one paragraph, and each item's last sentence with the
    next item's first."""
    for where in scanned:
        if where.segment.kind != "paragraph" or not where.result.chains:
            continue
        spans = sentence_spans(where.text)
        for a, b in pairwise(spans):
            yield (where, a), (where, b)
    items = list_items(scanned)
    for (list_id, index), where in items.items():
        after = items.get((list_id, index + 1))
        if after is not None and where.result.chains and after.result.chains:
            yield (where, sentence_spans(where.text)[-1]), (after, sentence_spans(after.text)[0])


def _figures(where: Scanned, span: tuple[int, int]) -> list[Lit]:
    return [
        lit
        for chain in where.result.chains
        if not chain.ignored
        for expr in chain.exprs
        for lit in literals(expr)
        if span[0] <= lit.start and lit.end <= span[1]
    ]


def _claim(
    doc: Document,
    first: Scanned,
    one_span: tuple[int, int],
    second: Scanned,
    many_span: tuple[int, int],
) -> Claim | None:
    one_text = first.text[one_span[0] : one_span[1]]
    many_text = second.text[many_span[0] : many_span[1]]
    ones = {noun for m in _ONE.finditer(one_text) for noun in _nouns(m, 1, 2)}
    if len(ones) != 1:
        return None
    [noun] = ones
    figures = _figures(first, one_span)
    if not figures or figures[-1].unit is None or figures[-1].is_percent:
        return None
    figure = figures[-1]
    if first.text[figure.end : one_span[1]].strip(" .;:*_") not in ("", *_PERIODS):
        return None  # the figure ends the sentence (or only its period follows)
    if any(noun in _nouns(m, 1, 2) for m in _EACH.finditer(many_text)):
        return None
    counts = [
        (m, n)
        for m in _COUNT.finditer(many_text)
        if noun in _nouns(m, 2, 3) and (n := _number(m.group(1))) is not None
    ]
    if len(counts) != 1 or counts[0][1] < 2:
        return None
    match, count = counts[0]
    totals = [lit for lit in _figures(second, many_span) if _same_kind(lit, figure, one_text)]
    if len(totals) != 1 or totals[0].start < many_span[0] + match.end():
        return None
    if _worked_out(second, totals[0]):
        return None  # "on 13 hosts … 0.85 × 4,046.5 = 3,439.6 TB": its own formula's result
    return _total_claim(doc, first, figure, second, totals[0], count, noun)


def _worked_out(where: Scanned, lit: Lit) -> bool:
    """The figure is the result of a formula in its chain."""
    return any(
        len(chain.exprs) > 1 and chain.exprs[-1] is lit and has_operator(chain.exprs[0])
        for chain in where.result.chains
    )


#: How a message names a noun class.
_NAMES = {"gpu": "GPU"}
#: What may follow a figure at the end of its sentence: its period.
_PERIODS = ("per month", "per year", "per day", "per hour", "a month", "a year", "a day")


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word.lower())


def _same_kind(total: Lit, figure: Lit, one_text: str) -> bool:
    """A total in the figure's unit, per the same period; or per the period the figure's
    sentence says it is for (``for a month``)."""
    if total.unit is None or figure.unit is None or total.unit.dims != figure.unit.dims:
        return False
    if total.is_percent:
        return False
    if total.per == figure.per:
        return True
    period = total.per.lower()
    return not figure.per and period in PERIOD_WORDS and f"a {period}" in one_text.lower()


def _total_claim(
    doc: Document,
    first: Scanned,
    figure: Lit,
    second: Scanned,
    total: Lit,
    count: int,
    noun: str,
) -> Claim | None:
    said = f"{{text}} is for one {_NAMES.get(noun, noun)}, the next figure for {count}"
    return times_figure_claim(doc, figure, first, total, second, count, said)
