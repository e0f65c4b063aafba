"""Back-references: ``at the 40 % MFU we assumed above`` when every earlier figure of MFU in
the document is 45 %.

A figure points back only with words that say so: ``the same`` before it, or after it (and its
name) ``we used earlier``, or ``we assumed``, ``above``, ``as before`` followed by a clause
break (``above the floor`` compares, it does not point back; ``2 releases before`` is a time).
Its name is the word written after it (``40 % MFU``, ``12 replicas``) or before it and a
joiner (``MFU: 45 %``, ``MFU of 45 %``). It is claimed equal to the figures of that name on
earlier lines, of the same dimension, only when there is at least one and they all have one
value: a name given two values earlier may point at either, and is not read. The claim is a
``restatement``: a figure at odds with the one it repeats is a consistency finding (SPC302).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from speclint.claims.model import Claim, Scanned, literal_text, noun_key, written_value
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Chain, Ident, Lit, strip_groups
from speclint.patterns import lazy_compile

#: After a figure and its name: words that say it was written before (``we used earlier``),
#: or ones that may also compare (``above``, ``we assumed``) and then a clause break.
_POINTS_BACK = lazy_compile(
    r"\s*\(?\s*(?:(?:that|which)\s+)?(?:"
    r"we\s+(?:have\s+|had\s+)?(?:assumed|used|took|measured|quoted|derived|estimated)"
    r"\s+(?:above|earlier|before)\b"  # "we used earlier leave room": the verb says it
    r"|(?:we\s+(?:have\s+|had\s+)?(?:assumed|used|took|measured|quoted|derived|estimated)"
    r"|(?:as\s+|from\s+)?above|(?:as|from)\s+(?:earlier|before)"  # "3 days before": a time
    r"|(?:assumed|used|quoted|given|stated)\s+(?:above|earlier|before))"
    r"\s*\)?(?=\s*(?:[,.;:!?)]|$)))",
    regex.IGNORECASE,
)
#: Before a figure: ``the same 45 % MFU``.
_SAME_BEFORE = lazy_compile(r"\bthe\s+same\s+[~≈]?\s*$", regex.IGNORECASE)
#: Before a figure: words that pick some of the things it counts (``the top 20 tables``), which
#: a later ``the same 40 tables`` does not point back to.
_SUBSET_BEFORE = lazy_compile(
    r"\b(?:top|largest|biggest|first|last|busiest|hottest|smallest|slowest|fastest|heaviest"
    r"|some|only|other)\s+$",
    regex.IGNORECASE,
)
#: Between a name and its figure: ``MFU: 45 %``, ``MFU of 45 %``, ``MFU is 45 %``.
_JOINERS = frozenset({":", "=", "≈", "~", "is", "of", "at", "was"})
#: Words that are no quantity's name.
_NOT_NAMES = frozenset("the a an of at is was to and or per for in on by with than".split())


@dataclass
class _Figure:
    lit: Lit
    where: Scanned
    line: int
    name: str
    value: Value
    #: The name as written (``MFU``), for the message.
    written: str


def back_reference_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each figure that points back to earlier figures of its name, all equal."""
    figures = [f for where in scanned for f in _figures(document, where)]
    claims = []
    for figure in figures:
        if not _points_back(figure):
            continue
        earlier = [
            f
            for f in figures
            if f.name == figure.name
            and f.line < figure.line
            and f.value.dims == figure.value.dims
            and f.lit.is_percent == figure.lit.is_percent
            and not _SUBSET_BEFORE.search(f.where.text, 0, f.lit.start)
        ]
        if not earlier or len({f.value.point for f in earlier}) != 1:
            continue
        if _named_otherwise(document, scanned, figure, earlier[0].value):
            continue  # "256 NVIDIA H100 SXM GPUs" before "8 GPUs each": two values
        if any(_sibling_of_value(f, figure.value) for f in earlier):
            continue  # "50 % MFU for the teacher … and 45 % for the student": either one
        claims.append(_claim(figure, earlier))
    return claims


def _sibling_of_value(figure: _Figure, value: Value) -> bool:
    """Whether the sentence of an earlier figure writes another figure of its kind with
    ``value``, unnamed (``we assume 50 % MFU for the teacher and 45 % for the student``): a
    figure pointing back may point at that one."""
    text, lit = figure.where.text, figure.lit
    start = max(text.rfind(". ", 0, lit.start), text.rfind("\n\n", 0, lit.start))
    end = text.find(". ", lit.end)
    end = len(text) if end < 0 else end
    for chain in figure.where.result.chains:
        other = strip_groups(chain.exprs[-1])
        if not isinstance(other, Lit) or other is lit or not start < other.start < end:
            continue
        found = written_value(other)
        same = found is not None and (found.point, found.dims) == (value.point, value.dims)
        if same and other.is_percent == lit.is_percent:
            return True
    return False


def _named_otherwise(
    document: Document, scanned: list[Scanned], figure: _Figure, value: Value
) -> bool:
    """An earlier figure names the same thing a few words after it with another value."""
    for where in scanned:
        for chain in where.result.chains:
            for expr in chain.exprs:
                lit = strip_groups(expr)
                if not isinstance(lit, Lit) or lit is figure.lit:
                    continue
                line = document.position(where.offsets[lit.num_start])[0]
                if line >= figure.line:
                    continue
                words = where.text[lit.end : lit.end + 40].split()[:5]
                if figure.name not in (noun_key(w.strip(".,;:()")) for w in words):
                    continue
                other = written_value(lit)
                if other is not None and other.dims == value.dims and other.point != value.point:
                    return True
    return False


def _figures(document: Document, where: Scanned) -> Iterator[_Figure]:
    """Each single figure or chain result with a name, and its value."""
    for chain in where.result.chains:
        if chain.ignored:
            continue
        lit = strip_groups(chain.exprs[-1])
        if not isinstance(lit, Lit) or lit.bound or lit.is_range:
            continue
        written = _name(where, chain, lit)
        value = written_value(lit) if written else None
        if written and value is not None:
            line = document.position(where.offsets[lit.num_start])[0]
            yield _Figure(lit, where, line, noun_key(written), value, written)


def _name(where: Scanned, chain: Chain, lit: Lit) -> str:
    """The word written after the figure (its label), else the word before it and a joiner
    (or the name its formula is given: ``MFU = … = 38 %``), as written; "" for none."""
    if lit.label:
        word = lit.label.split()[0]
        return "" if not word.isalpha() or word.lower() in _NOT_NAMES else word
    if isinstance(chain.head, Ident) and chain.head.name.isalpha():
        return chain.head.name
    if len(chain.exprs) != 1:
        return ""
    tokens = where.tokens
    k = chain.tok_start - 1
    if k < 1 or tokens[k].text.lower() not in _JOINERS:
        return ""
    before = tokens[k - 1]
    if before.kind != "word" or not before.text.isalpha() or before.text.lower() in _NOT_NAMES:
        return ""
    return before.text


def _points_back(figure: _Figure) -> bool:
    text, lit = figure.where.text, figure.lit
    if lit.approx or figure.where.segment.kind != "paragraph":
        return False
    return bool(_SAME_BEFORE.search(text, 0, lit.start)) or bool(_POINTS_BACK.match(text, lit.end))


def _claim(figure: _Figure, earlier: list[_Figure]) -> Claim:
    first = earlier[-1]  # the nearest: the one the reader last saw
    shown = literal_text(first.lit, first.where)
    lines = ", ".join(str(f.line) for f in earlier)
    plural = "s" if len(earlier) > 1 else ""
    return Claim(
        "restatement",
        figure.lit,
        figure.where,
        computed=first.value,
        derivation=f"the {figure.written} written on line {first.line}, {shown}",
        assumption=f"it points back to the {figure.written} of line{plural} {lines}",
        parts=[Related(first.line, shown)],
    )
