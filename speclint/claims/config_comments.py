"""Claims in the comments of configuration blocks.

``step_floor_ms: 1.86   # 16.06e9 / 864e9`` says the key's value is what the comment computes,
in the unit the key's name ends in (``_ms``); ``pcie_bw_bytes_per_s: 32e9  # 32 GB/s = 32 Gbps``
and ``threshold: 0.8  # 80% of 1,500 = 1,250 tokens/s`` make claims of their own. Each comment
is read as a sentence; a comment that starts with a formula or a quantity (after ``=``, ``≈``,
``~`` or ``i.e.``) is also read as the value's derivation or restatement, with the value written
before it in the key's unit. A key without a unit in its name is read that way only when the
comment is a formula of plain numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction
from functools import cache

from speclint.claims.config_blocks import ConfigEntry, config_entries
from speclint.claims.extract import extract
from speclint.claims.model import MAX_SEGMENT_CHARS, Claim, Scanned, note_unchecked, too_long
from speclint.claims.prose import extract_prose
from speclint.data import load
from speclint.document import Document, Segment
from speclint.formula.expr import Lit, literals
from speclint.formula.lexer import LexTimeout, normalize, tokenize
from speclint.formula.parser import scan
from speclint.patterns import lazy_re
from speclint.quantity.units import unit_table

_NUMBER = lazy_re(r"[+-]?(?:\d[\d_,]*)?\.?\d+(?:[eE][+-]?\d+)?")
#: How a comment may start when it restates or derives the value: the connector written
#: between the value and the comment.
_LEAD = lazy_re(r"^(?:(?P<eq>=)|(?P<approx>≈|~|about\b|approx\.?)|(?P<ie>i\.e\.,?|ie\b))\s*")
#: ``weight_bytes / hbm_bw = 16.06e9 / 864e9``: named operands, then the same in numbers.
_NAMED_FORMULA = lazy_re(r"^[A-Za-z_][\w.]*(?:\s*[*/×·+-]\s*[A-Za-z_][\w.]*)+\s*=\s*[\d(]")
#: A formula of plain numbers: ``4 * 2048``, ``(48 - 16) / 2``.
_PLAIN_FORMULA = lazy_re(r"^[\d\s.,_eE()*/×·+-]*\d[\d\s.,_eE()]*[*/×·+-][\d\s.,_eE()*/×·+-]*$")
_WORD = lazy_re(r"[._-]")
#: A comment that is one quantity and nothing else: ``7 days``, ``1 MiB``, ``~120 KB``.
_QUANTITY = lazy_re(r"^\d[\d,_]*(?:\.\d+)?(?:[eE][+-]?\d+)?\s*[A-Za-zµ%][A-Za-zµ%/]*\s*$")


@cache
def _vocabulary() -> tuple[dict[str, str], frozenset[str]]:
    data = load("units.toml")["config-keys"]
    return dict(data["suffixes"]), frozenset(data["scope"])


def key_unit(key: str) -> str | None:
    """The unit a key's name ends in (``step_floor_ms`` → ``ms``), or None."""
    suffixes, scope = _vocabulary()
    words = [w for w in _WORD.split(key.lower()) if w]
    while len(words) >= 2 and words[-2] == "per" and words[-1].rstrip("s") in scope:
        words = words[:-2]
    for start in range(len(words)):
        unit = suffixes.get("_".join(words[start:]))
        if unit is not None and start > 0:
            return unit
    return None


def config_claims(doc: Document) -> tuple[list[Scanned], list[Claim]]:
    """The scanned comments of the document's configuration blocks and the claims they make."""
    scanned: list[Scanned] = []
    claims: list[Claim] = []
    sections = _Sections(doc)
    for entry in config_entries(doc):
        if not re.search(r"\d", entry.comment):
            continue
        start = entry.comment_offsets[0]
        if len(entry.comment) > MAX_SEGMENT_CHARS:
            note_unchecked(doc, start, too_long(entry.comment))
            continue
        section = sections.at(start)
        comment = _scanned(
            Segment(entry.comment, list(entry.comment_offsets), "paragraph", section, -1)
        )
        if comment is None:
            note_unchecked(doc, start, "reading this block took too long")
            continue
        scanned.append(comment)
        claims.extend(extract_prose(extract(doc, comment)).claims)
        derived = _derivation(entry, section)
        if derived is not None:
            scanned.append(derived)
            for claim in extract_prose(extract(doc, derived)).claims:
                if _about_value(claim, entry):
                    claim.assumption = _assumption(entry)
                    claims.append(claim)
    return scanned, claims


def _derivation(entry: ConfigEntry, section: tuple[str, ...]) -> Scanned | None:
    """``VALUE UNIT = COMMENT`` (or ``≈``, ``, i.e.``) when the comment derives or restates the
    key's value; None when it does not start that way."""
    value = entry.value
    if _NUMBER.fullmatch(value) is None:
        return None
    comment = entry.comment
    lead = _LEAD.match(comment)
    rest = comment[lead.end() :] if lead else comment
    unit = key_unit(entry.key)
    counted = unit is None and lead is None and _counts_bytes(value, rest)
    if counted:
        unit = "B"  # "68719476736  # 64 GiB": a count of bytes, in the comment's unit
    named = _NAMED_FORMULA.match(rest)
    if named is not None:  # the names restate the numbers that follow: read the numbers
        rest = rest[named.end() - 1 :]
    elif not (rest[:1].isdigit() or rest[:1] == "("):
        return None
    if unit is None and not _PLAIN_FORMULA.match(rest.split(",")[0]):
        return None
    skip = len(comment) - len(rest)
    connector = " = "
    if lead is not None and lead.group("approx"):
        connector = " ≈ "
    elif lead is not None and lead.group("ie"):
        connector = ", i.e. "
    written = f" {unit}" if unit and unit != "%" else (unit or "")
    anchor = entry.comment_offsets[0]
    if unit is not None and lead is None and _QUANTITY.match(rest) and not counted:
        # "retention.ms: 604800  # 7 days": a bare quantity says what the value is meant to
        # be, so the value is the stated side (a fix corrects the value, not the intent);
        # "# i.e. 15 min" restates the value and is itself the stated side
        text = rest + connector + value + written
        offsets = [
            *entry.comment_offsets[skip:],
            *([anchor] * len(connector)),
            *entry.value_offsets,
            *([entry.value_offsets[-1]] * len(written)),
        ]
        return _scanned(Segment(text, offsets, "paragraph", section, -1))
    between = written + connector
    text = value + between + rest
    offsets = [*entry.value_offsets, *([anchor] * len(between)), *entry.comment_offsets[skip:]]
    return _scanned(Segment(text, offsets, "paragraph", section, -1))


#: A comment that starts with a size: ``64 GB per query``.
_SIZE = lazy_re(r"(\d[\d,]*(?:\.\d+)?)\s*([KMGTP]i?B)\b")


def _counts_bytes(value: str, comment: str) -> bool:
    """Whether a key without a unit holds a count of bytes (a whole number of 1,024 or more)
    that its comment gives as a size, to the comment's last digit or but for a decimal prefix
    read as binary (or the reverse). Any other ratio says the value may count other units
    (``work_mem: 65536  # 64 MB`` counts kB) or the comment rounds freely: nothing is read."""
    size = _SIZE.match(comment)
    if size is None or not value.isdigit() or int(value) < 1024:
        return False
    unit = unit_table().lookup(size.group(2))
    if unit is None or unit.kind != "bytes":
        return False
    written = size.group(1).replace(",", "")
    number = Fraction(written)
    decimals = len(written.partition(".")[2])
    precision = Fraction(1, 2 * 10**decimals) / number
    ratio = Fraction(int(value)) / (number * unit.factor)
    # GB written for GiB makes the value 1.024³ the size; GiB written for GB, 1.024⁻³.
    slip = Fraction(1024, 1000) ** unit.prefix_level
    steps = (1, slip if unit.prefix_system == "decimal" else 1 / slip)
    return any(abs(ratio / step - 1) <= precision for step in steps)


def _assumption(entry: ConfigEntry) -> str:
    unit = key_unit(entry.key)
    where = f"the value of `{entry.key}`"
    if unit is None and _counts_bytes(entry.value, entry.comment):
        return f"the comment is read as {where}, a count of bytes"
    if unit is None:
        return f"the comment is read as {where}"
    return f"the comment is read as {where}, in {unit} as the key's name says"


def _about_value(claim: Claim, entry: ConfigEntry) -> bool:
    """Whether a claim of the derivation text is about the key's value (the comment's own
    claims are read from the comment alone)."""
    first, last = entry.value_offsets[0], entry.value_offsets[-1]

    def in_value(lit: Lit, where: Scanned) -> bool:
        return first <= where.offsets[lit.num_start] <= last

    if in_value(claim.stated, claim.where):
        return True
    formula = claim.formula
    where = claim.formula_where or claim.where
    return formula is not None and any(in_value(lit, where) for lit in literals(formula))


def _scanned(segment: Segment) -> Scanned | None:
    try:
        text, offsets = normalize(segment.text, segment.offsets)
        tokens = tokenize(text)
    except LexTimeout:
        return None
    result = scan(tokens, billion_context="param" in text.lower())
    return Scanned(segment, text, offsets, tokens, result)


class _Sections:
    """The section of the text just before an offset: that of the last segment before the
    first one that starts after it (or has no text), found by bisection."""

    def __init__(self, doc: Document) -> None:
        #: The segments' greatest start so far (in document order), and their sections.
        self.starts: list[int] = []
        self.sections: list[tuple[str, ...]] = []
        for segment in doc.segments:
            if not segment.offsets:
                break
            start = segment.offsets[0]
            self.starts.append(max(self.starts[-1], start) if self.starts else start)
            self.sections.append(segment.section)

    def at(self, offset: int) -> tuple[str, ...]:
        k = bisect_right(self.starts, offset)
        return self.sections[k - 1] if k else ()
