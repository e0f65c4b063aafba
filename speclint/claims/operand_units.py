"""Bare operands read in the units the document gives the same numbers elsewhere: ``65,536 /
3,400 ≈ 19.3 ms`` after ``65,536 tokens`` and ``3,400 tokens/s``. Tokens over tokens per
second are seconds, so the formula gives 19.3 s, not 19.3 ms.

Read only for a product or quotient whose operands are all written bare, whose result has a
unit and whose number agrees with the bare arithmetic (within 1 %). An operand takes the unit of
the document's other mentions of its number (at least three digits written, one unit among them
all); an operand with none stays a count. The claim is made only when the operands' units give
the result's dimension and a value at least ten times off the stated one: a unit slip the
bare arithmetic hides. Its formula carries those units, so the verdict names the slip.

The same mentions make a bare operand of one or two significant digits that the document writes
elsewhere as a price exact, in a formula whose result is money (``194,400 × 0.023 = $4,417.20``
beside ``$0.023/GB-month``).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from itertools import combinations
from math import prod

from speclint.claims.model import Claim, Scanned, literal_text, written_value
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, Node, literals, map_literals, span, strip_groups, walk
from speclint.quantity.units import unit_table

#: Digits an operand must write for its number to point at one mention.
MIN_DIGITS = 3
#: Significant digits a bare operand must write to be read as a percentage written elsewhere.
_PERCENT_DIGITS = 2
#: How far the bare arithmetic may be from the stated number, and how far the united result.
_AGREES = Fraction(1, 100)
_SLIP = 10


def bare_operand_claims(
    document: Document, scanned: list[Scanned], claims: list[Claim]
) -> list[Claim]:
    """Reads the document's bare formulas whose operands it writes elsewhere with a unit: a
    claim, with units, for each whose units show a slip (returned), and each operand written
    elsewhere as a price read exactly (the claim's formula changed in place)."""
    candidates = [claim for claim in claims if _bare_formula(claim)]
    shares = [claim for claim in claims if _bare_share(claim)]
    if not candidates and not shares:
        return []
    mentions = _mentions(document, scanned)
    found = []
    for claim in candidates:
        united = _united(claim, mentions)
        if united is not None:
            found.append(united)
        _exact_prices(claim, mentions)
    if shares:
        percents = _mentions(document, scanned, percent=True)
        for claim in shares:
            _percent_points(claim, percents)
    return found


def _bare_share(claim: Claim) -> bool:
    """A formula claim of bare operands whose stated result is a percentage."""
    formula = claim.formula
    if claim.kind not in ("formula", "percentage") or formula is None or claim.computed:
        return False
    operands = literals(formula)
    return claim.stated.is_percent and bool(operands) and all(lit.unit is None for lit in operands)


def _percent_points(claim: Claim, percents: dict[str, list[Mention]]) -> None:
    """``0.42 × 94.1 + 0.31 × 93.0 ≈ 92.5 %`` or ``16,800 / 18,000 × 65 ≈ 61 %`` where the
    document writes ``94.1 %`` and ``65 % CPU``: a bare operand of two or more significant
    digits that the document writes elsewhere as a percentage is that percentage, in a formula
    whose result is one (the claim's formula changed in place)."""
    assert claim.formula is not None
    points = {
        id(lit): found[0]
        for lit in literals(claim.formula)
        if lit.scale is None
        and lit.number.value >= 1
        and len(lit.number.digits.strip("0")) >= _PERCENT_DIGITS
        and (found := [m for m in percents.get(_key(lit), []) if m[0] is not lit])
    }
    if not points:
        return

    percent = unit_table().lookup("%")

    def give(lit: Lit) -> Lit:
        # the percentage alone: "1.5 % per minute" × a 2.15-minute lag is 1.5 % × 2.15
        return replace(lit, unit=percent, unit_text="%") if id(lit) in points else lit

    claim.formula = map_literals(claim.formula, give)
    used = points.values()
    claim.inputs = [*claim.inputs, *(Related(line, literal_text(m, w)) for m, w, line in used)]
    shown = ", ".join(dict.fromkeys(m.number.text for m, _, _ in used))
    said = f"{shown} read as the percentage the document writes"
    claim.assumption = f"{claim.assumption}; {said}" if claim.assumption else said


def _exact_prices(claim: Claim, mentions: dict[str, list[Mention]]) -> None:
    """``194,400 × 0.023 = $4,417.20`` where the document writes ``$0.023/GB``: a bare operand
    of one or two significant digits that the document writes elsewhere as a price is that
    price list's exact figure, as a price operand is (``speclint.quantity.precision``), in a
    formula whose result is money."""
    assert claim.formula is not None and claim.stated.unit is not None
    if claim.stated.unit.kind != "currency":
        return
    prices = {
        id(lit): lit
        for lit in literals(claim.formula)
        if not lit.number.is_plain_integer
        and len(lit.number.digits.strip("0")) <= 2
        and any(m[0].unit is not None and m[0].unit.kind == "currency"
                for m in mentions.get(_key(lit), []))
    }  # fmt: skip
    if not prices:
        return
    claim.formula = map_literals(
        claim.formula, lambda lit: replace(lit, defined=True) if id(lit) in prices else lit
    )
    shown = ", ".join(lit.number.text for lit in prices.values())
    said = f"{shown} read as the price the document writes"
    claim.assumption = f"{claim.assumption}; {said}" if claim.assumption else said


def _bare_formula(claim: Claim) -> bool:
    """A formula claim of bare operands whose stated result has a unit."""
    formula, stated = claim.formula, claim.stated
    if claim.kind != "formula" or formula is None or claim.computed is not None:
        return False
    if stated.unit is None or stated.is_percent or stated.bound or stated.is_range:
        return False
    operands = literals(formula)
    return bool(operands) and all(lit.unit is None for lit in operands)


Mention = tuple[Lit, Scanned, int]


def _mentions(
    document: Document, scanned: list[Scanned], *, percent: bool = False
) -> dict[str, list[Mention]]:
    """Every figure with a unit (every percentage, when ``percent``), by the digits of its
    number."""
    found: dict[str, list[Mention]] = {}
    for where in scanned:
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    if lit.unit is None or lit.is_percent != percent:
                        continue
                    if (lit.bound or lit.is_range) and not percent:
                        continue  # "up to 1.5 % per minute" writes 1.5 as a percentage still
                    line = document.position(where.offsets[lit.num_start])[0]
                    found.setdefault(_key(lit), []).append((lit, where, line))
    return found


def _key(lit: Lit) -> str:
    """The number as written, its scale word and thousands separators aside: ``65,536``,
    ``95.16M`` (``2.00`` is not ``2``)."""
    scale = lit.scale.text if lit.scale is not None else ""
    return lit.number.text.replace(",", "").replace("_", "").replace(" ", "") + scale


def _united(claim: Claim, mentions: dict[str, list[Mention]]) -> Claim | None:
    formula, stated = claim.formula, claim.stated
    assert formula is not None and stated.unit is not None
    operands = literals(formula)
    if any(isinstance(n, BinOp) and n.op not in ("*", "/") for n in walk(formula)):
        return None  # a sum of bare figures: which of them the units apply to is unsure
    units: dict[int, Mention] = {}
    for lit in operands:
        mention = _one_mention(lit, mentions)
        if mention is not None:
            units[id(lit)] = mention
    if not units or not _agrees_bare(formula, stated):
        return None
    united = _with_units(formula, units)
    value = written_value(united)
    try:
        written = literal_value(stated, stated=False)
    except NotEvaluable:
        return None
    if value is None:
        return None
    table = unit_table()
    if table.hard_part(value.dims) != table.hard_part(written.dims) or written.point == 0:
        return None
    ratio = abs(value.point / written.point)
    if _SLIP**-1 < ratio < _SLIP or _converted_by_hand(ratio, operands, units):
        return None
    where = claim.formula_where or claim.where
    return replace(
        claim,
        formula=united,
        inputs=[
            *claim.inputs,
            *(Related(line, literal_text(m, w)) for m, w, line in units.values()),
        ],
        assumption="its bare operands read in the units the document gives those numbers",
        derivation=_united_text(where, formula, units),
    )


def _united_text(where: Scanned, formula: Node, units: dict[int, Mention]) -> str:
    """The formula as written, each operand of ``units`` followed by its unit."""
    start, end = span(strip_groups(formula))
    text, at = [], start
    for lit in literals(formula):
        mention = units.get(id(lit))
        if mention is not None:
            text.append(where.text[at : lit.end] + " " + mention[0].unit_text)
            at = lit.end
    text.append(where.text[at:end])
    return " ".join("".join(text).split())


def _converted_by_hand(ratio: Fraction, operands: list[Lit], units: dict[int, Mention]) -> bool:
    """The bare operands left include the conversion the units already make (``13.0 × 24 / 64
    ≈ 4.9 hours`` after ``13.0 days``: the 24 turns days into hours): the ratio between the two
    readings is a product of them."""
    bare = [Fraction(lit.number.value) for lit in operands if id(lit) not in units]
    for size in range(1, min(len(bare), 3) + 1):
        for chosen in combinations(bare, size):
            product = prod(chosen, start=Fraction(1))
            if product and any(abs(r / product - 1) <= _AGREES for r in (ratio, 1 / ratio)):
                return True
    return False


def _one_mention(lit: Lit, mentions: dict[str, list[Mention]]) -> Mention | None:
    """The document's mention of the operand's number with a unit, when all its mentions have
    one unit (the first of them)."""
    if len(lit.number.digits.lstrip("0")) < MIN_DIGITS:
        return None
    found = [m for m in mentions.get(_key(lit), []) if m[0] is not lit]
    if not found or len({m[0].unit_text for m in found}) != 1:
        return None
    return found[0]


def _agrees_bare(formula: Node, stated: Lit) -> bool:
    """The bare arithmetic gives the stated number (within ``_AGREES``)."""
    value = written_value(formula)
    if value is None:
        return False
    scale = stated.scale.factor if stated.scale is not None else 1
    number = stated.number.value * scale
    return number != 0 and abs(value.point / number - 1) <= _AGREES


def _with_units(node: Node, units: dict[int, Mention]) -> Node:
    """The formula with each operand in ``units`` given its mention's unit."""

    def give(lit: Lit) -> Lit:
        mention = units.get(id(lit))
        if mention is None:
            return lit
        return replace(lit, unit=mention[0].unit, unit_text=mention[0].unit_text)

    return map_literals(node, give)
