"""Per-unit figures against totals: ``120 tokens/ms per GPU`` × ``32 GPUs`` = the system total.

Checked only when the document is unambiguous: one per-unit figure in the total's section with
the same unit, and one count of that unit anywhere in the document. Otherwise a matching reading
keeps the claim silent and a mismatch under several readings is not reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from sympy import Integer

from .claims import Claim, Scanned, literal_text, noun_key
from .document import Document
from .evaluate import Value, literal_value
from .expr import Lit, literals
from .interval import Interval
from .sums import Item, _line_items

TOTAL_WORDS = regex.compile(
    r"\b(?:total|system|aggregate|cluster|overall|combined|whole|all)\b", regex.IGNORECASE
)
PER_IN_LABEL = regex.compile(r"\bper[- ]([A-Za-z][\w-]*)", regex.IGNORECASE)
COUNT_LABEL = regex.compile(r"^(?:number of |num(?:ber)? |#\s*)?([A-Za-z][\w-]*?)(?: count)?$", regex.IGNORECASE)
MAX_LINE_DISTANCE = 30


@dataclass
class PerUnit:
    lit: Lit
    where: Scanned
    line: int
    noun: str


@dataclass
class Count:
    value: int
    text: str
    line: int


def per_unit_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """Claims that a labelled total equals a per-unit figure times the count of units."""
    counts: dict[str, dict[int, Count]] = {}
    per_units: list[PerUnit] = []
    totals: list[Item] = []
    for where in scanned:
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    line = doc.position(where.offsets[lit.num_start])[0]
                    if lit.label and _is_count(lit):
                        value = int(lit.number.value)
                        counts.setdefault(noun_key(lit.label), {}).setdefault(
                            value, Count(value, literal_text(lit, where), line)
                        )
                    if lit.per and lit.unit is not None:
                        per_units.append(PerUnit(lit, where, line, noun_key(lit.per)))
        if where.segment.kind not in ("paragraph", "code"):
            continue
        for item in _line_items(doc, where):
            _classify_item(item, counts, per_units, totals)
    claims = []
    for total in totals:
        claim = _check_total(total, per_units, counts)
        if claim is not None:
            claims.append(claim)
    return claims


def _is_count(lit: Lit) -> bool:
    return (
        lit.unit is None
        and lit.scale is None
        and lit.number.is_plain_integer
        and lit.number.value > 0
        and not lit.approx
        and not lit.bound
        and not lit.is_range
    )


def _classify_item(
    item: Item, counts: dict[str, dict[int, Count]], per_units: list[PerUnit], totals: list[Item]
) -> None:
    lit = item.value
    per = PER_IN_LABEL.search(item.label)
    if per and lit.unit is not None and not lit.per:
        per_units.append(PerUnit(lit, item.where, item.line, noun_key(per.group(1))))
        return
    if TOTAL_WORDS.search(item.label) and lit.unit is not None and not lit.per:
        totals.append(item)
        return
    count = COUNT_LABEL.match(item.label.strip())
    if count and _is_count(lit) and not lit.label:
        value = int(lit.number.value)
        noun = noun_key(count.group(1))
        counts.setdefault(noun, {}).setdefault(value, Count(value, f"{item.label}: {lit.number.text}", item.line))


def _check_total(
    total: Item, per_units: list[PerUnit], counts: dict[str, dict[int, Count]]
) -> Claim | None:
    section = total.where.segment.section
    unit = total.value.unit
    assert unit is not None
    candidates = [
        p
        for p in per_units
        if p.where.segment.section == section
        and p.lit.unit is not None
        and p.lit.unit.dims == unit.dims
        and p.lit.unit.kind == unit.kind
        and abs(p.line - total.line) <= MAX_LINE_DISTANCE
        and p.noun in counts
    ]
    if not candidates:
        return None
    stated = literal_value(total.value, stated=True)
    options = []
    for per in candidates:
        per_value = literal_value(per.lit, stated=True)
        for count in counts[per.noun].values():
            n = Integer(count.value)
            computed = Value(
                per_value.point * n, per_value.interval * Interval.point(n), per_value.dims, False
            )
            option = (per, count, computed)
            if computed.interval.overlaps(stated.interval):
                options = [option]
                break
            options.append(option)
        else:
            continue
        break
    if len(options) != 1:
        return None  # several readings and none fits: too ambiguous to report
    per, count, computed = options[0]
    return Claim(
        "per-unit",
        total.value,
        total.where,
        computed=computed,
        derivation=(
            f"{literal_text(per.lit, per.where)} (line {per.line}) × {count.text} (line {count.line})"
        ),
    )
