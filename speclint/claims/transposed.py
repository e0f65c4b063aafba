"""A figure restated with two adjacent digits swapped: ``3,125 steps`` computed, then ``Training,
3,215 steps`` in the schedule; ``≈ 2.89e20 FLOP`` computed, then ``student 2.98e20``.

The earlier figure must be a result the document computes (a chain's last value, which its
formula gives) or one of five or more significant digits that it writes twice before the later
one (``Q3 spend: $823,330`` and the table's Total ``823,330``). The later one is a plain figure
(no formula of its own) with at least three significant digits that are the earlier one's with
one adjacent pair swapped, at the same magnitude, that names what it counts as the earlier one
does (the same unit as written, or the same counted noun; a bare power of ten after a result in
a unit), and no earlier figure has its value. A figure its words call a total (``the total
1.62e22 FLOPs``) restates no part. The claim is a ``restatement`` of the earlier figure (SPC302).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.model import (
    Claim,
    Scanned,
    noun_key,
    restated_claim,
    set_against,
    written_value,
)
from speclint.document import Document
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, Node, TooComplex, strip_groups
from speclint.formula.vocabulary import STOP_WORDS
from speclint.quantity.units import unit_table

#: Words that make a figure a rounding of another: ``Rounded up to …: 120``.
_ROUNDED = re.compile(r"\bround(?:ed|ing)?\s+(?:up|down|off|to)\b", re.I)
#: A figure restated right before: ``56 ms median TPOT at batch 1, i.e.``.
_RESTATES_BEFORE = re.compile(
    r"\d[\d,.]*\s*[A-Za-z/%]{0,8}(?:\s+[A-Za-z][\w-]*){0,5}\s*,?\s*(?:i\.e\.,?|that\s+is|or)\s*$",
    re.I,
)
#: Significant digits a figure needs for a swap to be no coincidence.
MIN_DIGITS = 3
#: Significant digits a figure the document writes twice, without a formula, needs to be an
#: established one (a table of benchmark figures repeats and swaps shorter ones by chance).
MIN_REPEATED_DIGITS = 5


@dataclass(frozen=True)
class _Figure:
    lit: Lit
    where: Scanned
    line: int
    value: Value
    derived: bool


def transposed_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A restatement claim for each plain figure whose digits swap two of an earlier one's."""
    written = list(_written(scanned))
    lines = _lines_by_number(document, written)
    # Each computed or repeated figure under the digit strings its one adjacent swap would write.
    swaps: dict[str, list[_Figure]] = {}
    for lit, where, formula in written:
        repeated = len(lines[_number(lit)]) >= 2 and len(_digits(lit)) >= MIN_REPEATED_DIGITS
        if (formula is None and not repeated) or len(_digits(lit)) < MIN_DIGITS:
            continue
        figure = _figure(document, lit, where, formula)
        if figure is not None:
            for variant in _variants(lit.number.digits):
                swaps.setdefault(variant, []).append(figure)
    if not swaps:
        return []
    claims = []
    for lit, where, formula in written:
        candidates = swaps.get(lit.number.digits, [])
        later = _figure(document, lit, where, None) if candidates and formula is None else None
        if later is None or len(_digits(lit)) < MIN_DIGITS or set_against(where, lit):
            continue  # "at $0.0125/GB-month instead of the $0.021 rate": another option
        if _ROUNDED.search(where.text, max(0, lit.start - 80), lit.start):
            continue  # "Rounded up to a multiple of 12 brokers: 120 partitions": a new figure
        if _RESTATES_BEFORE.search(where.text, max(0, lit.start - 40), lit.start):
            continue  # "a 56 ms median TPOT, i.e. 17.9 tokens/s": the figure before it, restated
        earlier = [
            f
            for f in candidates
            if f.line < later.line
            and (f.derived or sum(n < later.line for n in lines[_number(f.lit)]) >= 2)
            and _swapped(f.lit, lit)
            and _same_name(f, later)
            and _totals(later) <= _totals(f)
        ]
        values = {f.value.point for f in earlier}
        if len(values) == 1 and not _written_before(document, written, later):
            claims.append(_claim(later, earlier[-1]))
    return claims


def _number(lit: Lit) -> tuple[str, int, int]:
    """A figure's number as written: its digits, decimals and exponent."""
    number = lit.number
    return number.digits, number.decimals, number.exponent


def _lines_by_number(
    document: Document, written: list[tuple[Lit, Scanned, Node | None]]
) -> dict[tuple[str, int, int], list[int]]:
    """The lines each number is written on: a figure written twice is one the document
    established (``Q3 spend: $823,330`` and the table's Total ``823,330``)."""
    lines: dict[tuple[str, int, int], list[int]] = {}
    for lit, where, _ in written:
        lines.setdefault(_number(lit), []).append(
            document.position(where.offsets[lit.num_start])[0]
        )
    return lines


def _written_before(
    document: Document, written: list[tuple[Lit, Scanned, Node | None]], later: _Figure
) -> bool:
    """An earlier figure writes the later one's number (then the later one repeats it)."""
    number = later.lit.number
    return any(
        lit.number.value == number.value
        and lit.number.exponent == number.exponent
        and document.position(where.offsets[lit.num_start])[0] < later.line
        for lit, where, _ in written
        if lit is not later.lit
    )


def _variants(digits: str) -> Iterator[str]:
    """The digit strings one swap of two adjacent, different digits makes."""
    for k in range(len(digits) - 1):
        if digits[k] != digits[k + 1]:
            yield digits[:k] + digits[k + 1] + digits[k] + digits[k + 2 :]


def _written(scanned: list[Scanned]) -> Iterator[tuple[Lit, Scanned, Node | None]]:
    """Each plain figure of a chain, with the formula before it when it is the chain's result."""
    for where in scanned:
        for chain in where.result.chains:
            if chain.ignored:
                continue
            last = len(chain.exprs) - 1
            for k, expr in enumerate(chain.exprs):
                lit = strip_groups(expr)
                if isinstance(lit, Lit) and not (lit.bound or lit.is_range or lit.approx):
                    yield lit, where, chain.exprs[k - 1] if k > 0 and k == last else None


def _figure(document: Document, lit: Lit, where: Scanned, formula: Node | None) -> _Figure | None:
    """The figure's value, and whether a formula before it computes it (and gives it)."""
    value = written_value(lit)
    if value is None or value.point <= 0:
        return None
    if formula is not None and not _holds(formula, lit):
        return None  # "382.5 kW × 8,760 h = 3,531 MWh": a result its formula refutes
    line = document.position(where.offsets[lit.num_start])[0]
    return _Figure(lit, where, line, value, formula is not None)


def _holds(formula: Node, lit: Lit) -> bool:
    """The formula before a result gives it within the result's written precision (or cannot
    be evaluated here, with symbols); not when the two differ in dimension."""
    computed = written_value(formula)
    if computed is None:
        return True
    stated = literal_value(lit, stated=True)
    table = unit_table()
    if table.hard_part(computed.dims) != table.hard_part(stated.dims):
        try:  # "2 × 27.23B × 231B ≈ 1.26e22 FLOPs": B for billion
            computed = Evaluator(billion=True).evaluate(formula)
        except (NotEvaluable, TooComplex):
            return False
    if table.hard_part(computed.dims) != table.hard_part(stated.dims):
        return False  # "219,000 slot-hours × $0.048 = $10,152": read another way, unsure
    if computed.dims != stated.dims:
        return True  # what is counted (FLOPs, tokens) never blocks
    return computed.interval.overlaps(stated.interval)


def _digits(lit: Lit) -> str:
    return lit.number.digits.lstrip("0")


def _swapped(first: Lit, second: Lit) -> bool:
    """The second's digits are the first's with one adjacent (different) pair swapped, the
    decimal point and the magnitude where they were."""
    a, b = first.number, second.number
    if a.digits == b.digits or len(a.digits) != len(b.digits) or a.decimals != b.decimals:
        return False
    if a.exponent != b.exponent or (first.scale is None) != (second.scale is None):
        return False
    diff = [k for k, (x, y) in enumerate(zip(a.digits, b.digits, strict=True)) if x != y]
    if b.is_plain_integer and diff and diff[-1] == len(b.digits) - 1 and b.digits[-1] == "0":
        return False  # "102" then "120": a round figure, not a slip
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a.digits[diff[0]] == b.digits[diff[1]]
        and a.digits[diff[1]] == b.digits[diff[0]]
        and len(_digits(first)) >= MIN_DIGITS
    )


def _same_name(first: _Figure, second: _Figure) -> bool:
    """Both name what they count alike: the same unit as written (``QPS``), or the same counted
    noun (``3,125 optimizer steps``, ``3,215 steps``), or the later one bare after a unit."""
    a, b = first.lit, second.lit
    if a.unit is not None and b.unit is not None:
        return a.unit_text == b.unit_text and first.value.dims == second.value.dims
    if a.label and b.label:
        return bool(_nouns_after(first) & _nouns_after(second))
    return a.unit is not None and b.unit is None and not b.label and a.number.exponent != 0


#: Words right before a figure that make it a whole of several parts (``the total 2.81e22``).
_TOTAL_BEFORE = re.compile(
    r"\b(?:total|sum|combined|overall|together|altogether|in\s+all)\b\W*(?:\w+\W+){0,2}$", re.I
)


def _totals(figure: _Figure) -> bool:
    """The words before the figure call it a total: it restates no part's figure."""
    text = figure.where.text
    return _TOTAL_BEFORE.search(text, max(0, figure.lit.start - 40), figure.lit.start) is not None


def _nouns_after(figure: _Figure) -> set[str]:
    """The two words after a count (``optimizer steps``), as nouns."""
    lit = figure.lit
    start = lit.num_end + len(lit.unit_text) if lit.unit is None else lit.end
    words = re.findall(r"[A-Za-z][\w-]*", figure.where.text[start : start + 40])
    return {noun_key(w) for w in words[:2] if w.lower() not in STOP_WORDS}


def _claim(later: _Figure, first: _Figure) -> Claim:
    assumption = "restated with two adjacent digits swapped"
    return restated_claim(later.lit, later.where, first.lit, first.where, first.line, assumption)
