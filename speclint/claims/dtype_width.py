"""The size of one element of a named numeric format: ``one FP16 scale, i.e. 2 bytes``,
``a BF16 weight is 2 bytes``, ``each FP8 value (8 bits)``. The format's width (from
``data/dtypes.toml``) is what the stated size must restate."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import regex

from speclint.claims.model import Claim, Scanned
from speclint.data import load
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import compile_regex
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: One element of a format, then what restates its size, right before the size: ``one FP16
#: scale, i.e.``, ``a BF16 weight is``, ``each FP8 value (``. Only singular element nouns: ``a
#: BF16 KV cache is 160 KiB per token`` is not one element.
_ELEMENT = (
    r"(?:value|scale|weight|parameter|param|element|scalar|entry|number|activation|gradient"
    r"|moment|zero[- ]point|code)"
)
_CONNECTOR = r"(?:,?\s*i\.e\.,?|\(|=|:|\bis\b|\btakes\b|\buses\b|\boccupies\b|\bneeds\b)"


#: A size or a count of elements and a word that adds to it, right before the element: ``16
#: bytes plus``, ``32 int8 weights plus``.
_ADDED = regex.compile(
    r"\d\s*(?:[KMG]i?B|bytes?|B|bits?|(?:[\w-]+\s+)?(?:weights|values|elements|params))"
    r"\s*(?:plus|\+|and)\s*$",
    regex.I,
)


#: ``per 32 weights`` after a size (across a line break): a size of many elements.
_PER_COUNT = regex.compile(r"\s*per\s+\d")


@lru_cache(maxsize=1)
def dtype_widths() -> dict[str, Fraction]:
    """Bytes per element by every spelling of ``data/dtypes.toml``, lower case."""
    widths: dict[str, Fraction] = {}
    for name, entry in load("dtypes.toml").items():
        size = Fraction(str(entry["bytes"]))
        for spelling in (name, *entry.get("aliases", [])):
            widths[spelling.lower()] = size
    return widths


@lru_cache(maxsize=1)
def dtype_alternation() -> str:
    """Every spelling of a format, longest first, as a regex alternation."""
    return "|".join(sorted((regex.escape(n) for n in dtype_widths()), key=len, reverse=True))


def width_literal(width: Fraction, at: int) -> tuple[Lit, str]:
    """A format's width as a literal in bytes, spanning nothing at ``at``, and its text."""
    text = str(width) if width.denominator == 1 else str(float(width))
    number = make_literal(text, text)
    lit = Lit(number, at, at, at, at, unit=unit_table().lookup("B"), unit_text="B")
    return lit, text


@lru_cache(maxsize=1)
def _before_size() -> regex.Pattern:
    names = dtype_alternation()
    return compile_regex(
        rf"\b(?:one|a|an|each|every|single|per)\s+(?P<dtype>{names})[- ]{_ELEMENT}"
        rf"\s*{_CONNECTOR}\s*$",
        regex.IGNORECASE,
    )


def width_claims(where: Scanned) -> list[Claim]:
    """Claims that a size written right after one element of a named format is its width."""
    claims = []
    byte = unit_table().lookup("B")
    for chain in where.result.chains:
        if chain.ignored or chain.head is not None:
            continue
        stated = strip_groups(chain.exprs[0])
        if not isinstance(stated, Lit) or stated.unit is None or byte is None:
            continue
        if stated.unit.dims != byte.dims or stated.bound or stated.is_range or stated.scale:
            continue
        if (stated.per and stated.per[:1].isdigit()) or _PER_COUNT.match(where.text, stated.end):
            continue  # "18 bytes per 32 weights": many elements' size, not one's
        before = where.text[max(0, stated.start - 80) : stated.start]
        found = _before_size().search(before)
        if found is None or _ADDED.search(before, 0, found.start()):
            continue  # "16 bytes plus one FP16 scale, i.e. 18 bytes": the sum's size
        width = dtype_widths()[found.group("dtype").lower()]
        claims.append(_claim(stated, where, found.group("dtype"), width))
    return claims


def _claim(stated: Lit, where: Scanned, dtype: str, width: Fraction) -> Claim:
    source, text = width_literal(width, stated.start)
    return Claim(
        "conversion",
        stated,
        where,
        formula=source,
        formula_where=where,
        derivation=f"one {dtype} element = {text} B",
    )
