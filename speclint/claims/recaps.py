"""Recaps: a summary, decision or recommendation that restates a figure the document worked
out earlier, with another value (``Summary for the run card: … estimated 7.48 s per step``
after ``7.02 × 71 / 64 ≈ 7.78 s per step``).

A figure is a recap's when its section heading names a summary, decision, recommendation,
conclusion or outcome, or its paragraph says it recaps (``for the record``, ``to carry into``,
``run card``). It restates an earlier figure of the document when the two share the
dimension and their names: the content words around them (``decode``, ``communication``,
``step``) share two words, and no name with a digit sets them apart (``H200``, ``MI300X``).
Only earlier figures within 25 % of the recap's are candidates (a restatement slips a digit; it
does not name another quantity), and all candidates must have one value. The claim is a
``restatement``: a recap at odds with the figure it repeats is a consistency finding (SPC302).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, restated_claim, set_against, written_value
from speclint.claims.sums import TOTAL_LABEL
from speclint.document import MATH_PLACEHOLDER, Document
from speclint.formula.evaluate import Value
from speclint.formula.expr import Chain, Lit, has_operator, strip_groups
from speclint.formula.vocabulary import STOP_WORDS
from speclint.patterns import lazy_compile
from speclint.quantity.units import unit_table

#: Section headings of a recap.
_RECAP_HEADING = lazy_compile(
    r"\b(?:summary|recap|tl;?dr|decisions?|recommendations?|conclusions?|outcomes?|"
    r"at\s+a\s+glance|key\s+(?:numbers|figures))\b",
    regex.I,
)
#: Words of a paragraph that recaps (not a summary the system writes: ``for a 150-token
#: summary``).
_RECAP_WORDS = lazy_compile(
    r"\b(?:(?<!\b(?:a|an|each|per|every|[\w-]+-token)\s+)summary|recap|for\s+the\s+record|"
    r"to\s+carry\s+(?:in)?to|run\s+card|"
    r"in\s+short|to\s+sum\s+up|planning\s+figures)\b",
    regex.I,
)
#: Substrings (lower case) one of which a document with a recap holds.
_MAYBE = (
    "summar", "recap", "tl;dr", "tldr", "decision", "recommend", "conclusion", "outcome",
    "glance", "key numbers", "key figures", "record", "carry", "run card", "in short",
    "sum up", "planning figures",
)  # fmt: skip
#: How far a restated figure may be from the one it repeats.
_NEAR = Fraction(5, 4)
#: Words around a figure read as its name.
_BEFORE, _AFTER = 5, 4
#: Words that name no quantity.
_NOT_NAMES = frozenset(
    "the and for with its this that these those are was were our per not but from into over "
    "than then they them their there here has have had any each every about around roughly "
    "which what when while also only just more less most least".split()
)


@dataclass(frozen=True)
class _Figure:
    lit: Lit
    where: Scanned
    line: int
    value: Value
    words: frozenset[str]
    #: The words of the noun the figure measures (``50.4 TB of decompressed text``, ``the
    #: packed corpus is 48 TB``), stemmed; empty when no such noun is bound to it.
    own: frozenset[str]
    #: Names with a digit in the figure's sentence (``H200``, ``MI300X``, ``70B``): whose it is.
    subjects: frozenset[str]
    #: The result of a formula written before it (``$27,180 ÷ 5,200 TiB = $5.23``).
    derived: bool = False
    #: A table cell's row label words, stemmed (what the row is about); empty outside tables.
    row: frozenset[str] = frozenset()


def recap_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A restatement claim for each recap figure that repeats one earlier figure."""
    low = document.source.lower()
    if not any(word in low for word in _MAYBE):
        return []  # no recap word anywhere: a substring test spares a pattern per paragraph
    recaps = [
        f
        for where in scanned
        if _recaps(where)
        for f in _figures(document, where, own_clause=True)
        if not _CONDITION.search(_clause_before(where.text, f.lit.start))
        and not _SUM_OF_NAMES.search(_clause_before(where.text, f.lit.start)[-_NAME_CHARS:])
        and not _projected(where)
        and not set_against(where, f.lit)
        and not _NEW_FIGURE.search(where.text, 0, f.lit.start)
        and not _CHANGED_TO.search(where.text, max(0, f.lit.start - 60), f.lit.start)
        and not f.derived  # worked out anew, not restated: its formula is checked instead
    ]
    if not recaps:
        return []
    figures = [f for where in scanned for f in _figures(document, where)]
    claims = []
    for recap in recaps:
        if any(_written_before(f, recap) for f in figures):
            continue  # "$644.74" worked out before: the recap restates that figure
        total_row = _in_total_row(document, recap)
        earlier = [
            f
            for f in figures
            if f.line < recap.line
            and not _same_recap_section(f, recap)  # the body, not the recap itself
            and _same_quantity(f, recap)
            # a Total row adds its parts: a figure one of them restates is no whole it recaps
            and not (total_row and _a_part_of_its_table(f, recap, figures))
        ]
        values = {f.value.point for f in earlier}
        if len(values) == 1 and not earlier[-1].value.interval.overlaps(recap.value.interval):
            if _writes_the_recap(earlier[-1], recap):
                continue  # "which is 25 MiB/s, rounded down to 24": the 24 is restated
            claims.append(_claim(recap, earlier[-1]))
    return claims


def _a_part_of_its_table(figure: _Figure, total: _Figure, figures: list[_Figure]) -> bool:
    """Whether a cell of the total's table, on another row, holds the figure's value."""
    table = total.where.segment.cell
    return table is not None and any(
        (cell := other.where.segment.cell) is not None
        and cell.table == table.table
        and other is not total
        and other.value.point == figure.value.point
        for other in figures
    )


def _in_total_row(document: Document, figure: _Figure) -> bool:
    """Whether a figure is a cell of a table's Total row (its cells add their columns up)."""
    if figure.where.segment.cell is None:
        return False
    label = document.line_text(figure.line).strip().strip("|").split("|")[0]
    return TOTAL_LABEL.search(label) is not None


def _written_before(figure: _Figure, recap: _Figure) -> bool:
    """The recap's figure, as written, of the same dimension, in the body before it."""
    return (
        figure.line < recap.line
        and figure.lit.number.text == recap.lit.number.text
        and figure.value.dims == recap.value.dims
        and not _same_recap_section(figure, recap)
    )


#: A figure that sets a condition, a threshold or a cap restates nothing: ``revisit when raw
#: usage reaches 80 %``, ``on-demand fallback capped at $210/month``, ``max_bytes 1.8 TB``.
_CONDITION = lazy_compile(
    r"\b(?:when|whenever|if|unless|until|once|reaches|reach|exceeds?|threshold|trigger"
    r"|capped\s+at|caps?\s+at|up\s+to|at\s+most|no\s+more\s+than|limit(?:ed)?\s+to"
    r"|max(?:imum)?(?:_\w+)?)\b",
    regex.I,
)


#: Two names joined by a plus before a figure: it names their sum (``at full prompt + summary
#: length (960 tokens each``), not either of the figures it adds.
_SUM_OF_NAMES = lazy_compile(r"[A-Za-z]\s*(?:\+|\bplus\b)\s*[A-Za-z]", regex.I)
#: How far before a figure its name is looked for.
_NAME_CHARS = 40
#: A table column of what a decision is expected to bring (``| Decision | Effect |``): the
#: figures there are new, not restated.
_PROJECTED_HEADER = lazy_compile(
    r"\b(?:effect|impact|expected|projected|forecast|outcome\s+after|after)\b", regex.I
)


def _projected(where: Scanned) -> bool:
    cell = where.segment.cell
    return cell is not None and _PROJECTED_HEADER.search(cell.header) is not None


#: Before a figure that a recap introduces rather than repeats: an indefinite article (``to
#: absorb a 60-minute capacity wait``), or a bracket right after another quantity, which the
#: figure restates in other terms (``1.2 instance-hours (~$15)``).
_NEW_FIGURE = lazy_compile(
    r"(?:\b(?:a|an)\s+|\d[^\s(]*(?:\s+[A-Za-z][\w-]*){0,2}\s*\(\s*)[~≈]?\s*[$€£]?\s*$", regex.I
)


#: What joins a figure to the result before it that it is worked out from: ``, i.e.``,
#: ``, giving``, ``→``.
_FOLLOWS_RESULT = lazy_compile(
    r"\s*,?\s*(?:i\.\s?e\.,?|that\s+is|giving|which\s+gives|→|=>)\s*(?:about|~|≈)?\s*", regex.I
)


#: A change's new value: ``drops from 150 ms to 120 ms`` (the recap restates the old one).
_CHANGED_TO = lazy_compile(r"\bfrom\s+[~≈]?\s*[$€£]?\d[\d,.]*\s*[^\s,;]{0,8}\s+to\s+$", regex.I)


def _follows_a_result(text: str, before: Chain | None, chain: Chain) -> bool:
    """The chain's figure is worked out from the result right before it, of a formula or of
    inline math (``1 + 7/16 = 1.4375, i.e. 32.8 GB``)."""
    math = text.rfind(MATH_PLACEHOLDER, 0, chain.start)
    if math >= 0 and (before is None or math >= before.end):
        return _FOLLOWS_RESULT.fullmatch(text, math + 1, chain.start) is not None
    if before is None or not has_operator(before.exprs[0]):
        return False
    return _FOLLOWS_RESULT.fullmatch(text, before.end, chain.start) is not None


def _clause_before(text: str, start: int) -> str:
    """The sentence up to a figure."""
    return text[max(text.rfind(stop, 0, start) for stop in (". ", "; ", "\n\n")) + 1 : start]


def _writes_the_recap(earlier: _Figure, recap: _Figure) -> bool:
    """The earlier figure's sentence writes the recap's number too (``which is 25 MiB/s,
    rounded down to 24``): the recap repeats that number, not the figure."""
    text = earlier.where.text
    start = max(text.rfind(stop, 0, earlier.lit.start) for stop in (". ", "; ", "\n\n")) + 1
    ends = [k for k in (text.find(s, earlier.lit.end) for s in (". ", "; ")) if k >= 0]
    sentence = text[start : min(ends, default=len(text))]
    number = regex.escape(recap.lit.number.text)
    return regex.search(rf"(?<![\w.,]){number}(?![\w]|[.,]\d)", sentence) is not None


def _same_recap_section(earlier: _Figure, recap: _Figure) -> bool:
    """Whether both figures sit in one section whose heading makes it a recap (``## TL;DR``):
    a recap's figures restate the body's, not one another."""
    section = recap.where.segment.section
    if earlier.where.segment.section != section or len(section) < 2:
        return False
    return _RECAP_HEADING.search(section[-1]) is not None


def _recaps(where: Scanned) -> bool:
    section = where.segment.section
    if len(section) > 1 and _RECAP_HEADING.search(section[-1]):
        return True  # a section's heading; a title ("Decision log: …") names the whole page
    return where.segment.kind == "paragraph" and bool(_RECAP_WORDS.search(where.text))


def _figures(document: Document, where: Scanned, *, own_clause: bool = False) -> Iterator[_Figure]:
    """Each plain figure with a unit and the content words around it (``own_clause``: from its
    own clause on, as a recap lists several); a chain's result is derived."""
    previous = None
    for chain in where.result.chains:
        before, previous = previous, chain
        if chain.ignored:
            continue
        lit = strip_groups(chain.exprs[-1])
        if not isinstance(lit, Lit) or lit.bound or lit.is_range or lit.unit is None:
            continue
        value = written_value(lit)
        if value is None or value.point <= 0:
            continue
        line = document.position(where.offsets[lit.num_start])[0]
        label = document.line_text(line).strip().strip("|").split("|")[0]
        row_label = label if where.segment.cell else None
        words, subjects = _name_words(where, lit, row_label, own_clause=own_clause)
        derived = len(chain.exprs) > 1 and has_operator(chain.exprs[0])
        derived = derived or _follows_a_result(where.text, before, chain)
        own = _own_words(where.text, lit)
        row = frozenset(map(_stem, _words(label))) if where.segment.cell else frozenset()
        yield _Figure(lit, where, line, value, words, own, subjects, derived, row)


def _name_words(
    where: Scanned, lit: Lit, row_label: str | None = None, *, own_clause: bool = False
) -> tuple[frozenset[str], frozenset[str]]:
    """The content words a few words either side of the figure, in its sentence (or cell, and
    then its header and its row's label), stemmed, and the names with a digit in that
    sentence."""
    text = where.text
    start = max(text.rfind(stop, 0, lit.start) for stop in (". ", "; ", "\n\n"))
    end = min((k for k in (text.find(s, lit.end) for s in (". ", "; ")) if k >= 0), default=-1)
    sentence = text[start + 1 : end if end >= 0 else len(text)]
    # a recap's clause: "…, a permanent copy every 1,000 steps, 242 TB reserved on flash"
    clause = text.rfind(", ", start + 1, lit.start) if own_clause else -1
    before = _words(text[max(start, clause) + 1 : lit.start])[-_BEFORE:]
    # the words after a figure end where another figure begins ("7.23 TB (about 94% of
    # raw)": "raw" is the percentage's)
    ahead = text[lit.end : end if end >= 0 else len(text)]
    opened = text.rfind("(", start + 1, lit.start)
    if own_clause and opened > text.rfind(")", start + 1, lit.start):
        ahead = ahead.split(")")[0]  # "(which would free 240 MiB) if the scratch buffers grow"
    digit = _DIGIT.search(ahead)
    after = _words(ahead[: digit.start()] if digit else ahead)[:_AFTER]
    words = {*before, *after, *([lit.per.lower()] if lit.per else []), *_words(lit.label)}
    cell = where.segment.cell
    if cell is not None:
        words |= set(_words(cell.header))
        if cell.col > 0 and row_label is not None:
            words |= set(_words(row_label))  # "| Monthly saving vs uncapped | $19,492 |"
    subjects = frozenset(m.lower() for m in _SUBJECT.findall(sentence))
    return frozenset(_stem(w) for w in words), subjects


#: The first digit of a number that is no part of a name (``94%``, not ``H200``).
_DIGIT = lazy_compile(r"(?<![A-Za-z\d.,-])\d")
#: Endings dropped before two names are compared: ``saving`` and ``saves``, ``monthly`` and
#: ``month`` name one thing.
_SUFFIXES = ("ing", "ly", "es", "ed", "s")


#: The noun a figure measures, after it (``48 TB of packed shards``) or before it (``the packed
#: corpus is 48 TB``, ``corpus size: 48 TB``).
_OWN_AFTER = lazy_compile(r"\s*of\s+((?:[A-Za-z][A-Za-z-]*\s+){0,2}[A-Za-z][A-Za-z-]*)")
_OWN_BEFORE = lazy_compile(
    r"((?:[A-Za-z][A-Za-z-]*\s+){0,2}[A-Za-z][A-Za-z-]*)\s*(?:\s(?:is|are|was|were|of)|:)"
    r"\s*(?:about|around|roughly|~|≈)?\s*$",
    regex.I,
)


def _own_words(text: str, lit: Lit) -> frozenset[str]:
    """The content words of the noun bound to a figure, stemmed (``decompressed text`` in
    ``50.4 TB of decompressed text``)."""
    after = _OWN_AFTER.match(text, lit.end)
    before = _OWN_BEFORE.search(text[max(0, lit.start - 60) : lit.start])
    found = after or before
    return frozenset(_stem(w) for w in _words(found.group(1))) if found else frozenset()


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


#: A name with letters and digits: ``H200``, ``MI300X``, ``Llama-3-70B``.
_SUBJECT = lazy_compile(r"\b(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[A-Za-z][\w-]*\d[\w-]*\b")


def _words(text: str) -> list[str]:
    units = unit_table()
    return [
        w
        for w in (m.lower() for m in regex.findall(r"[A-Za-z][A-Za-z-]+", text))
        if len(w) > 2 and w not in STOP_WORDS and w not in _NOT_NAMES and units.lookup(w) is None
    ]


def _same_quantity(earlier: _Figure, recap: _Figure) -> bool:
    if earlier.where is recap.where or earlier.value.dims != recap.value.dims:
        return False
    if earlier.lit.is_percent != recap.lit.is_percent:
        return False
    if _share_of(earlier) != _share_of(recap):
        return False  # "9.5 % of the background budget" is a share of the 10 % budget
    ratio = recap.value.point / earlier.value.point
    if not 1 / _NEAR <= ratio <= _NEAR:
        return False
    if earlier.subjects and recap.subjects and not earlier.subjects & recap.subjects:
        return False  # "H200: 4.8 TB/s" and "MI300X: 5.3 TB/s": parallel subjects
    if earlier.own and recap.own and not earlier.own & recap.own:
        return False  # "50.4 TB of decompressed text" and "the packed corpus is 48 TB"
    if earlier.row and recap.row and not earlier.row & recap.row:
        return False  # "| eu-west (replica) | … |" and "| CDN requests | … |": other rows
    if bool(earlier.words & _ALERT_WORDS) != bool(recap.words & _ALERT_WORDS):
        return False  # "never fill beyond 80 %" and "the raw_fill_warning at 75 %"
    return len(earlier.words & recap.words) >= 2


#: Names of a threshold that warns before a limit, stemmed: another figure than the limit.
_ALERT_WORDS = frozenset({"warn", "warning", "alert", "alarm", "trigger", "page", "fire"})


def _share_of(figure: _Figure) -> bool:
    """A percentage of something named after it (``9.5 % of the budget``)."""
    return figure.lit.is_percent and _OF.match(figure.where.text, figure.lit.end) is not None


_OF = lazy_compile(r"\s*of\b", regex.I)


def _claim(recap: _Figure, first: _Figure) -> Claim:
    names = ", ".join(sorted(first.words & recap.words))
    assumption = f"a recap restates it (both name {names})"
    return restated_claim(recap.lit, recap.where, first.lit, first.where, first.line, assumption)
