"""Judge a claim: stated and computed intervals overlap, or they do not.

Follows claim-checking §6: a claim is wrong only when the stated interval (from its written
precision, widened by ``~``) and the computed interval (propagated from the operands) are
disjoint. A claim that holds only after swapping GB↔GiB, bits↔bytes, ×1000 or ×100 gets a named
unit-slip verdict instead of a bare mismatch.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import partial
from typing import Literal

from speclint.claims.dtype_width import dtype_widths
from speclint.claims.model import Claim, Scanned, noun_key, per_word, written_value
from speclint.claims.symbols import SymbolTable
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_factor, literal_value
from speclint.formula.expr import (
    BinOp,
    Group,
    Ident,
    Lit,
    Node,
    TooComplex,
    has_operator,
    idents,
    literals,
    operators,
    product_only,
    span,
    strip_groups,
    walk,
)
from speclint.formula.vocabulary import SCALE_WORDS
from speclint.judgement.counted import counted_readings
from speclint.patterns import lazy_compile
from speclint.quantity.exact import INFINITY, ceiling, floor
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import format_like, format_readable
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import Dims, Unit, unit_table

SlipName = Literal["binary-prefix", "bits-bytes", "thousand", "percent", "rounding"]
#: ``slip`` holds only after a unit confusion; ``skip`` could not be compared (different
#: dimensions or things counted); ``unchecked`` was past a size or complexity cap.
VerdictStatus = Literal["consistent", "inconsistent", "slip", "skip", "unchecked"]


@dataclass(frozen=True)
class Slip:
    """A unit confusion that would make the claim hold."""

    name: SlipName
    factor: Fraction  # stated ≈ computed (in the stated unit) × factor
    description: str


@dataclass
class Verdict:
    status: VerdictStatus
    claim: Claim
    computed: Value | None = None  # base units, dimensions of the stated value
    stated: Value | None = None
    reading: str = ""  # assumption the comparison needed
    slip: Slip | None = None
    replacement: str | None = None
    reason: str = ""
    billion: bool = False  # the stated "B" was read as billion

    @property
    def stated_factor(self) -> Fraction:
        return literal_factor(self.claim.stated, billion=self.billion)


def judge(claim: Claim, symbols: SymbolTable, tolerance: Tolerance = DEFAULT_TOLERANCE) -> Verdict:
    """Compare ``claim.stated`` with what its formula (or parts) computes, reading written
    numbers with ``tolerance``."""
    for misread, reason in _MISREADINGS:
        if misread(claim):
            return Verdict("skip", claim, reason=reason)
    computed_options = _computed_options(claim, symbols, tolerance)
    if isinstance(computed_options, Verdict):
        return computed_options
    approx = claim.relation == "≈"
    read_stated = partial(
        literal_value,
        claim.stated,
        stated=True,
        approx=approx,
        tolerance=tolerance,
        zeros_cap=claim.zeros_cap,
    )
    stated_options = [(read_stated(), False)]
    if claim.stated.alt_scale is not None:
        stated_options.append((read_stated(billion=True), True))

    table = unit_table()
    pairs: list[tuple[Value, Value, bool, str]] = []
    conventions: list[tuple[Value, Value, bool, str]] = []
    for stated, billion in stated_options:
        for computed in computed_options:
            same = table.hard_part(computed.dims) == table.hard_part(stated.dims)
            if same:
                pairs.append((computed, stated, billion, ""))
            else:
                pairs.extend(_rate_readings(claim, computed, stated, billion))
                pairs.extend(_unit_price_readings(claim, computed, stated, billion))
                pairs.extend(_inverse_readings(claim, computed, stated, billion))
                pairs.extend(_trailing_unit_readings(claim, computed, stated, billion))
                pairs.extend(_per_second_readings(claim, computed, stated, billion))
                pairs.extend(_bare_rate_readings(claim, computed, stated, billion))
                pairs.extend(_bare_period_readings(claim, computed, stated, billion))
                pairs.extend(_window_readings(claim, computed, stated, billion))
                pairs.extend(_width_readings(claim, computed, stated, billion))
            pairs.extend(_eight_readings(claim, computed, stated, billion, same=same))
            pairs.extend(_clock_readings(claim, computed, stated, billion, same=same))
            pairs.extend(_prefix_readings(claim, computed, stated, billion, same=same))
            # a tool's convention explains a figure that holds under it, never one that does not
            conventions.extend(_config_prefix_readings(claim, computed, stated, billion, same=same))
            if _unitless(claim, computed) and claim.kind != "conversion":
                pairs.extend(_bare_readings(claim, computed, stated, billion, base=not same))
            pairs.extend(_points_readings(claim, computed, stated, billion))
            pairs.extend(_percent_operand_readings(claim, computed, stated, billion))
            if same and claim.formula is not None:
                units = [lit.unit for lit in literals(claim.formula) if lit.unit is not None]
                if any(_time_ratio(u) for u in units):  # "778.46 node-h/day × $0.384 × 21.7"
                    pairs.extend(_unit_price_readings(claim, computed, stated, billion))
            if same:
                pairs.extend(_applied_share_readings(claim, computed, stated, billion))
                pairs.extend(_per_count_readings(claim, computed, stated, billion))
    counted = counted_readings(claim, pairs)
    pairs.extend(counted)
    if not pairs:
        return Verdict("skip", claim, reason="the two sides have different dimensions")
    for computed, stated, billion, reading in [*pairs, *conventions]:
        if _holds(claim, computed, stated, billion):
            twin = _exact_prefix_twin(claim, computed, stated, reading, tolerance)
            if twin is not None:
                return twin
            return Verdict("consistent", claim, computed, stated, reading, billion=billion)
    rounded = _rounded_reading(claim, symbols, tolerance, pairs)
    if rounded is not None:
        return rounded
    if _states_the_whole(claim, symbols, tolerance):
        return Verdict("skip", claim, reason="the stated figure is the whole the share is of")
    computed, stated, billion, reading = _closest(counted or pairs)
    question = _scale_question(claim, computed, stated, billion, reading)
    if question:
        rescaled = _wrong_at_every_scale(claim, computed, stated, billion, tolerance)
        if rescaled is not None:
            return rescaled
        return Verdict("skip", claim, computed, stated, reading, reason=question)
    verdict = Verdict("inconsistent", claim, computed, stated, reading, billion=billion)
    verdict.slip = _find_slip(claim, computed, stated, billion, tolerance)
    if verdict.slip is not None:
        verdict.status = "slip"
    verdict.replacement = _replacement(verdict)
    return verdict


def _rounded_reading(
    claim: Claim,
    symbols: SymbolTable,
    tolerance: Tolerance,
    pairs: list[tuple[Value, Value, bool, str]],
) -> Verdict | None:
    """``872 / 395.6 = 2.21`` where 872 is a result rounded from 872.4: a rounded value computed
    from integer operands of three or more digits is wrong only if it stays wrong with each such
    operand read as rounded to its last digit (±0.5). A rounded value has decimals, is
    approximate or ends in a zero (``64 × 888 = 56,820``, 888 rounded from 887.84); with an
    operand of five digits or more, any value. Counts, powers of two and exact results (``4096 ×
    32 = 131,072``) keep their exact reading."""
    stated = claim.stated.number
    if claim.formula is None:
        return None
    candidates = [
        lit
        for lit in literals(claim.formula)
        if lit.number.is_plain_integer and _may_be_rounded(lit.number.value)
    ]
    looks_rounded = (
        stated.decimals
        or claim.stated.approx
        or claim.relation == "≈"
        or (stated.is_plain_integer and stated.digits.endswith("0"))
    )
    # "4 × 10,954 = 43,818" (4√N for N = 120M): an operand of five digits or more is as likely a
    # rounded result as a count, whatever the stated value looks like.
    if not (looks_rounded or any(lit.number.value >= _ROUNDED_OPERAND for lit in candidates)):
        return None
    rounded = frozenset(id(lit) for lit in candidates)
    if not rounded:
        return None
    options = _computed_options(claim, symbols, tolerance, rounded)
    if isinstance(options, Verdict):
        return None
    for computed in options:
        for _, stated_value, billion, reading in pairs:
            if not _same_dims(computed, stated_value) and _unitless(claim, computed):
                factor = literal_factor(claim.stated, billion=billion)  # "64 × 888 = … tok/s"
                scaled = computed.interval.scale(factor)
                computed = Value(computed.point * factor, scaled, stated_value.dims, True)
            if _same_dims(computed, stated_value) and _holds(
                claim, computed, stated_value, billion
            ):
                reading = "its integer operands read as rounded to their last digit"
                return Verdict(
                    "consistent", claim, computed, stated_value, reading, billion=billion
                )
    return None


#: Integer operands from this size on may be results rounded to their last digit even beside
#: an exact-looking stated value.
_ROUNDED_OPERAND = 10_000


def _may_be_rounded(value: Fraction) -> bool:
    """An integer of three or more digits that is no power of two or ten (``872``, ``1,450``)."""
    n = int(value)
    return n >= 100 and n & (n - 1) != 0 and str(n).rstrip("0") != "1"


def _same_dims(computed: Value, stated: Value) -> bool:
    table = unit_table()
    return table.hard_part(computed.dims) == table.hard_part(stated.dims)


def _computed_options(
    claim: Claim,
    symbols: SymbolTable,
    tolerance: Tolerance,
    rounded: frozenset[int] = frozenset(),
) -> list[Value] | Verdict:
    if claim.computed is not None:
        return [claim.computed]
    assert claim.formula is not None
    if claim.kind == "conversion" and isinstance(claim.formula, Lit):
        # A restatement: the source is itself a stated value, read with its precision (its
        # trailing zeros exact when it is the exact result of a formula: ``defined``).
        cap = 0 if claim.formula.defined else None
        return [literal_value(claim.formula, stated=True, tolerance=tolerance, zeros_cap=cap)]
    options: list[Value] = []
    ambiguous_lits = sorted(
        {lit.num_start for lit in literals(claim.formula) if lit.alt_scale is not None}
    )[:MAX_AMBIGUOUS]
    billion_symbols = any(ident.name in symbols.billion for ident in idents(claim.formula))
    ambiguous = bool(ambiguous_lits) or billion_symbols
    where = claim.formula_where or claim.where
    code = "/" in operators(claim.formula) and where.in_code(*span(claim.formula))
    readings = [(swap, False) for swap in _swaps(ambiguous_lits, billion_symbols)]
    if code:
        readings.append((_NO_SWAP, True))  # integer division, as the code it is written in
    for (swap, billion), floor_division in readings:
        try:
            evaluator = Evaluator(
                symbols.values,
                billion=billion,
                billion_symbols=symbols.billion,
                floor_division=floor_division,
                tolerance=tolerance,
                swap=swap,
                rounded=rounded,
            )
            options.append(evaluator.evaluate(claim.formula))
        except TooComplex as exc:
            return Verdict("unchecked", claim, reason=str(exc))
        except NotEvaluable as exc:
            if not options and not ambiguous:
                return Verdict("skip", claim, reason=str(exc))
    if not options:
        return Verdict("skip", claim, reason="the formula could not be evaluated")
    return options


#: At most this many ambiguous ``B`` literals in one formula are read both ways.
MAX_AMBIGUOUS = 4
_NO_SWAP: tuple[frozenset[int], bool] = (frozenset(), False)


def _swaps(ambiguous: list[int], billion_symbols: bool) -> list[tuple[frozenset[int], bool]]:
    """Every way to read the ambiguous ``B`` literals (bytes or billion), bytes first; symbols
    defined with an ambiguous ``B`` are read as billion only together with every literal."""
    out = [
        (frozenset(x for bit, x in enumerate(ambiguous) if mask >> bit & 1), False)
        for mask in range(2 ** len(ambiguous))
    ]
    if billion_symbols:
        out.append((frozenset(ambiguous), True))
    return out


#: Words after a figure that count percentage points: ``0.38 points``, ``1.2 pp``.
_POINTS = lazy_compile(r"(?:percentage\s+)?(?:points?|pts?|pp)\b", re.I)


def _width_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``64 × 64 × 4 fp16 = 32,768 B``: elements counted in one format, their size stated in
    bytes: the format's width is a factor the product leaves unwritten."""
    if claim.formula is None or any(computed.dims) or not product_only(claim.formula):
        return []  # "2 weights + 4 fp32 master = 16 bytes": bytes already, added up
    if stated.dims != unit_table().lookup("B").dims:  # type: ignore[union-attr]
        return []
    widths = dtype_widths()
    named = {lit.label.lower() for lit in literals(claim.formula) if lit.label.lower() in widths}
    if len(named) != 1:
        return []
    [name] = named
    width = widths[name]
    in_bytes = Value(computed.point * width, computed.interval.scale(width), stated.dims, False)
    reading = f"the elements counted in {name} read at {format_readable(width)} bytes each"
    return [(in_bytes, stated, billion, reading)]


def _points_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``0.7748 − 0.7710 = 0.38 points``: fractions (plain numbers under 1) whose result is
    stated in percentage points, a hundred to the whole."""
    lit = claim.stated
    if claim.formula is None or lit.unit is not None or any(computed.dims):
        return []
    if not lit.label or not _POINTS.match(lit.label):
        return []
    operands = literals(claim.formula)
    if not operands or any(op.unit is not None or op.number.value >= 1 for op in operands):
        return []
    in_points = Value(
        computed.point * 100, computed.interval.scale(Fraction(100)), stated.dims, True
    )
    return [(in_points, stated, billion, "the fractions' result read in percentage points")]


def _percent_operand_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``Requests sit at 78 % …, so they reach 78 / 0.95 = 82.1 %``: a bare operand its
    sentence writes as a percentage is in percentage points, and so is the result."""
    if claim.formula is None or not claim.stated.is_percent or any(computed.dims):
        return []
    where = claim.formula_where or claim.where
    start = span(claim.formula)[0]
    before = where.text[max(0, where.text.rfind(". ", 0, start)) : start]
    points = [
        lit
        for lit in literals(claim.formula)
        if lit.unit is None
        and re.search(rf"(?<![\d.,]){re.escape(lit.number.text)}\s*%", before) is not None
    ]
    if not points:
        return []
    scaled = Value(
        computed.point / 100, computed.interval.scale(Fraction(1, 100)), stated.dims, True
    )
    written = points[0].number.text
    return [(scaled, stated, billion, f"{written} read as the {written} % its sentence writes")]


def _applied_share_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``At 40 % MFU on 256 × 989 TFLOPS (1.013e17 FLOP/s)``: the result after a formula that
    an efficiency right before it applies to may be the formula at that efficiency."""
    if claim.formula is None:
        return []
    where = claim.formula_where or claim.where
    before = where.text[max(0, span(claim.formula)[0] - 60) : span(claim.formula)[0]]
    found = _APPLIED_SHARE.search(before)
    if found is None:
        return []
    share = Fraction(found.group(1)) / 100
    scaled = Value(computed.point * share, computed.interval.scale(share), computed.dims, False)
    return [(scaled, stated, billion, f"at the {found.group(1)} % written before it")]


def _per_count_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``47,952,000,000 units × $0.014 per million``: a product with a price per a count in
    words, the other operands plain counts, is that product over the count."""
    if claim.formula is None or not product_only(claim.formula):
        return []
    lits = literals(claim.formula)
    prices = [lit for lit in lits if lit.unit is not None and lit.unit.kind == "currency"]
    if len(prices) != 1 or any(lit.scale is not None for lit in lits):
        return []
    word = prices[0].per.lower().split()[0] if prices[0].per else ""
    if word not in SCALE_WORDS:
        return []
    k = Fraction(1, SCALE_WORDS[word])
    scaled = Value(computed.point * k, computed.interval.scale(k), computed.dims, computed.bare)
    return [(scaled, stated, billion, f"the price is read per {word}")]


#: An efficiency right before the formula it applies to: ``at 40 % MFU on``.
_APPLIED_SHARE = lazy_compile(
    r"\bat\s+(?:an?\s+|the\s+)?(\d{1,3}(?:\.\d+)?)\s*%\s*"
    r"(?:MFU|HFU|MBU|utili[sz]ation|efficiency|of\s+peak|load)\s+(?:on|of|across|over|with)\s*$",
    re.IGNORECASE,
)


def _bare_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool, *, base: bool
) -> list[tuple[Value, Value, bool, str]]:
    """A formula with no units at all, compared with a stated quantity that has one.

    ``Total: 640 GB (8 × 80)`` and ``100 × 0.3 / 0.4 = 75%`` read the formula in the stated
    unit; ``0.62GB (8 × 3 × 512 × 1024 × 2)`` may only make sense in the base unit (bytes),
    which is tried when ``base`` is set.
    """
    table = unit_table()
    factor = literal_factor(claim.stated, billion=billion)
    if any(computed.dims) or (factor == 1 and not base):
        return []
    if claim.stated.is_percent and not _scaled_by_100(claim):
        return []  # a bare ratio is a fraction: "120 / 312 = 0.38%" is not 0.38 percent
    if _share_of_counts(claim.formula) and not claim.stated.is_percent:
        return []  # "a 7/8 off-GPU share, that is ≈ 0.086 ms": a share, not the amount
    base_text = table.base_unit_text(stated.dims)
    in_stated = Value(
        computed.point * factor, computed.interval.scale(factor), stated.dims, computed.bare
    )
    readings = [(in_stated, stated, billion, "")]
    unit = claim.stated.unit
    scaled = claim.formula is not None and any(lit.scale for lit in literals(claim.formula))
    if scaled and claim.stated.scale is not None and unit is not None and not billion:
        # "800k + 1.2M + 600k = 2.6M tokens per minute": the operands carry their own scales
        own = Value(computed.point * unit.factor, computed.interval.scale(unit.factor),
                    stated.dims, computed.bare)  # fmt: skip
        readings.append((own, stated, billion, ""))
    if base and unit is not None and unit.kind == "bits" and unit.prefix_level:
        # "18,000 × 8 × 10^12 / 2.592 × 10^6 = 55.6 Gbps": the formula counts bits per second
        step = 1000 if unit.prefix_system == "decimal" else 1024
        plain = factor / Fraction(step) ** unit.prefix_level
        bare = Value(computed.point * plain, computed.interval.scale(plain), stated.dims, True)
        name = claim.stated.unit_text[1 if unit.prefix_system == "decimal" else 2 :]
        written = claim.stated.unit_text
        reading = f"the formula has no unit, so it is read in {name} ({written} unprefixed)"
        readings.append((bare, stated, billion, reading))
    if base and base_text and factor != 1:
        in_base = Value(computed.point, computed.interval, stated.dims, computed.bare)
        readings.append(
            (in_base, stated, billion, f"the formula has no unit, so it is read in {base_text}")
        )
    return readings


def _share_of_counts(formula: Node | None) -> bool:
    """A quotient of two small whole numbers below one, written plainly (``7/8``): a share,
    never an amount."""
    node = strip_groups(formula) if formula is not None else None
    if not isinstance(node, BinOp) or node.op != "/":
        return False
    parts = [strip_groups(node.left), strip_groups(node.right)]
    if not all(isinstance(p, Lit) and p.unit is None and p.scale is None for p in parts):
        return False
    numbers = [p.number for p in parts if isinstance(p, Lit)]
    if any(n.exponent or n.decimals or n.grouping or n.value >= 1000 for n in numbers):
        return False  # "16.06e9 / 864e9" is an amount over a rate
    a, b = (n.value for n in numbers)
    return 0 < a < b


def _rate_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``8 × $1.90 = $15.20/h``: a price whose operands dropped the "/h" of the rate they were
    written with; with no time in the formula, the amount is read per the stated time unit."""
    table, unit = unit_table(), claim.stated.unit
    if claim.formula is None or unit is None or unit.kind != "currency" or stated.dims[1] != -1:
        return []
    per_time = tuple(d + (k == 1) for k, d in enumerate(stated.dims))
    if table.hard_part(computed.dims) != table.hard_part(per_time):
        return []
    money = [lit.unit for lit in literals(claim.formula) if lit.unit is not None]
    if not money or any(u.kind != "currency" or u.dims != money[0].dims for u in money):
        return []  # only amounts of money and bare counts: no time, no other unit
    if not unit.text.startswith(money[0].text + "/"):
        return []
    k = unit.factor / money[0].factor
    per = unit.text[len(money[0].text) :]
    in_rate = Value(computed.point * k, computed.interval.scale(k), stated.dims, computed.bare)
    return [(in_rate, stated, billion, f"the amount is read per {per.lstrip('/')}, as stated")]


def _per_second_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``(250,000 − 200,000) × 1,800 s = 90M events``: bare figures times one time in seconds,
    stated as a count of a noun, are rates per second that dropped their "/s"."""
    lit = claim.stated
    if claim.formula is None or lit.unit is not None or not lit.label or any(stated.dims):
        return []
    units = [op.unit for op in literals(claim.formula) if op.unit is not None]
    if len(units) != 1 or units[0].text != "s" or computed.dims != units[0].dims:
        return []
    count = Value(computed.point, computed.interval, stated.dims, computed.bare)
    return [(count, stated, billion, "the bare figures are read per second")]


def _bare_rate_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``60,000 × 7 KB = 420 MB/s``: a product of one bare count and amounts, stated per
    second, reads the count as a rate per second that dropped its "/s"."""
    if claim.formula is None or operators(claim.formula) != {"*"}:
        return []
    operands = literals(claim.formula)
    bare = [op for op in operands if op.unit is None and op.scale is None]
    if len(bare) != 1 or not bare[0].number.is_plain_integer or bare[0].label:
        return []
    unit = claim.stated.unit
    if unit is None or not claim.stated.unit_text.endswith(("/s", "/sec")):
        return []
    table = unit_table()
    second = table.lookup("s")
    if second is None or table.div(computed.dims, second.dims) != stated.dims:
        return []
    rate = Value(computed.point, computed.interval, stated.dims, computed.bare)
    return [(rate, stated, billion, "the bare count is read per second")]


def _stated_period(claim: Claim) -> Unit | None:
    """The time the stated figure is per (``TB/day``, ``MB per hour``), if it is per one."""
    period = unit_table().lookup(re.split(r"/| per ", claim.stated.unit_text)[-1].strip())
    return period if period is not None and period.kind == "time" else None


def _bare_period_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``10.2M × 350 KB ≈ 3.57 TB per day``: a product of one count without a unit and
    amounts, stated per a period longer than a second, reads the count as that period's."""
    if claim.formula is None or operators(claim.formula) != {"*"} or not claim.stated.unit:
        return []
    counts = [op for op in literals(claim.formula) if op.unit is None]
    if len(counts) != 1:
        return []
    table = unit_table()
    period = _stated_period(claim)
    if period is None or period.factor <= 1:
        return []
    if table.div(computed.dims, period.dims) != stated.dims:
        return []
    factor = 1 / period.factor
    rate = Value(computed.point * factor, computed.interval.scale(factor), stated.dims, False)
    return [(rate, stated, billion, f"the count is read per {period.text}")]


def _window_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``32 kbit/s × 3,600 s = 14.4 MB per hour``: an amount over one time that is exactly one
    of the time the stated figure is per is that figure."""
    unit = claim.stated.unit
    bare_rate = ""
    per_second = claim.formula is not None and stated.dims[1] == computed.dims[1] - 2
    if per_second and claim.formula is not None and _one_bare_count(claim.formula):
        # "180,000 × 1,200 B × 86,400 s = 15.55 TB/day"
        dims = tuple(d - (k == 1) for k, d in enumerate(computed.dims))
        computed = Value(computed.point, computed.interval, dims, computed.bare)
        bare_rate = "the bare count is read per second; "
    if claim.formula is None or unit is None or stated.dims[1] != computed.dims[1] - 1:
        return []
    table = unit_table()
    period = _stated_period(claim)
    if period is None:
        return []
    if table.div(computed.dims, period.dims) != stated.dims:
        return []
    times = [
        (lit, lit.unit)
        for lit in literals(claim.formula)
        if lit.unit is not None and lit.unit.kind == "time"
    ]
    if len(times) != 1 or times[0][0].number.value * times[0][1].factor != period.factor:
        return []
    k = 1 / period.factor
    rate = Value(computed.point * k, computed.interval.scale(k), stated.dims, computed.bare)
    over = f"{times[0][0].number.text} {times[0][0].unit_text}"
    return [(rate, stated, billion, f"{bare_rate}the amount over {over} is per {period.text}")]


def _one_bare_count(formula: Node) -> bool:
    """A product with exactly one bare whole count among its operands (a rate per second
    that dropped its "/s": ``180,000 × 1,200 B``)."""
    if operators(formula) != {"*"}:
        return False
    bare = [op for op in literals(formula) if op.unit is None and op.scale is None]
    return len(bare) == 1 and bare[0].number.is_plain_integer and not bare[0].label


def _inverse_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``19.5 tok/s ÷ 5.2 W = 3.75 J per token``: a quotient whose unit is exactly the inverse
    of the stated one (tokens per J) is read the other way round, as the stated unit asks."""
    if claim.formula is None or "/" not in operators(claim.formula):
        return []
    table, target = unit_table(), stated.dims
    per = table.lookup(claim.stated.per) if claim.stated.per else None
    if per is not None:
        target = table.div(target, per.dims)
    if not any(table.hard_part(target)) or any(
        c + t for c, t in zip(computed.dims, target, strict=True)
    ):
        return []
    low, high = computed.interval.lo, computed.interval.hi
    if computed.point <= 0 or low <= 0 or high == INFINITY:
        return []
    inverse = Value(1 / computed.point, Interval(1 / high, 1 / low), stated.dims, computed.bare)
    unit = claim.stated.unit_text + (f" per {claim.stated.per}" if claim.stated.per else "")
    reading = f"the quotient as written gives the inverse of {unit}"
    return [(inverse, stated, billion, reading)]


def _trailing_unit_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``19.41 / (2 × 312 × 0.5) s ≈ 62 ms``: a unit written after the divisor's parentheses
    read as the result's unit, not as part of the divisor; ``32.1 / 312 s ≈ 103 ms`` (figures
    without units, the last with the result's unit) likewise."""
    node = strip_groups(claim.formula) if claim.formula is not None else None
    if not isinstance(node, BinOp) or node.op != "/":
        return []
    unit_lit = _trailing_unit(node)
    if unit_lit is None or unit_lit.unit is None:
        return []
    table, unit = unit_table(), unit_lit.unit
    dims = table.mul(computed.dims, table.mul(unit.dims, unit.dims))
    if table.hard_part(dims) != table.hard_part(stated.dims):
        return []
    factor = unit.factor * unit.factor
    moved = Value(computed.point * factor, computed.interval.scale(factor), dims, computed.bare)
    after = (
        "the parentheses"
        if isinstance(node.right, BinOp) and isinstance(node.right.left, Group)
        else "the divisor"
    )
    reading = f"the '{unit_lit.unit_text}' after {after} {_RESULTS_UNIT}"
    return [(moved, stated, billion, reading)]


#: How a trailing-unit reading ends: the result's unit is written, so the gap is no question
#: of which unit was meant (``_scale_question``).
_RESULTS_UNIT = "read as the result's unit"


def _trailing_unit(node: BinOp) -> Lit | None:
    """The unit after a quotient's divisor: ``(2 × 312 × 0.5) s``, a bare unit after the
    parentheses, or ``32.1 / 312 s``, the divisor's own unit when no other figure has one."""
    divisor = node.right
    if isinstance(divisor, Lit):
        if divisor.unit is None or any(lit.unit is not None for lit in literals(node.left)):
            return None
        return divisor if not (divisor.per or divisor.is_range or divisor.bound) else None
    if not isinstance(divisor, BinOp) or divisor.op != "*" or divisor.symbol:
        return None
    unit_lit = divisor.right
    power = isinstance(divisor.left, BinOp) and divisor.left.op == "^"  # "/ 10^10 s"
    if not (isinstance(divisor.left, Group) or power) or not isinstance(unit_lit, Lit):
        return None
    # a bare unit carries an implied 1 that spans no digit
    return (
        unit_lit if unit_lit.unit is not None and unit_lit.num_start == unit_lit.num_end else None
    )


def _unit_price_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``60,000 GB × $0.09 = $540``: a price that dropped the "/GB" of the rate it was written
    with; with amounts of money and one other unit in a product (or a sum or difference of
    such products, ``50,000 GB × $0.023 + 196,240 GB × $0.022``), the price is per that unit."""
    unit = claim.stated.unit
    if claim.formula is None or unit is None or unit.kind != "currency" or "/" in unit.text:
        return []
    if operators(claim.formula) - {"*", "+", "-"}:
        return []
    units = [lit.unit for lit in literals(claim.formula) if lit.unit is not None]
    money = {u.text: u for u in units if u.kind == "currency"}
    others = [u for u in units if u.kind != "currency"]
    if len(money) != 1 or not others:
        return []
    [price] = money.values()
    if "/" in price.text or price.dims != unit.dims:
        return []
    per = _price_per(claim, others)
    if per is None:
        return []
    dims, factor, text = per
    table = unit_table()
    expected = tuple(a + b for a, b in zip(stated.dims, dims, strict=True))
    if table.hard_part(computed.dims) != table.hard_part(expected):
        return []
    k = 1 / factor
    in_price = Value(computed.point * k, computed.interval.scale(k), stated.dims, computed.bare)
    return [(in_price, stated, billion, f"the price is read per {text}")]


def _price_per(claim: Claim, others: list[Unit]) -> tuple[Dims, Fraction, str] | None:
    """What a bare price in ``claim`` is per: the one other unit of its formula (``GB``; the
    unit its words say, ``per GB-month``), or in a product of several distinct units, their
    product (``10.2 kW × 0.7 × 26,280 h × $0.11``: per kW·h); dimensions, factor and text."""
    assert claim.formula is not None
    distinct = {u.text: u for u in others}
    if any(u.kind == "percent" or not (any(u.dims) or _time_ratio(u)) for u in distinct.values()):
        return None
    if len(distinct) == 1:
        [one] = distinct.values()
        written = _written_per(claim, one)  # "$0.023 per GB-month" of "31.10 TB": per GB
        chosen = written or one
        return chosen.dims, chosen.factor, chosen.text
    if len(others) != len(distinct) or operators(claim.formula) != {"*"}:
        return None
    table = unit_table()
    dims, factor = others[0].dims, others[0].factor
    for other in others[1:]:
        dims, factor = table.mul(dims, other.dims), factor * other.factor
    return (dims, factor, "·".join(distinct)) if any(dims) else None


def _time_ratio(unit: Unit) -> bool:
    """A time per a time (``node-h/day``): no dimension left, but a rate a price may be per."""
    return not any(unit.dims) and "/" in unit.text and unit.factor != 1


def _written_per(claim: Claim, other: Unit) -> Unit | None:
    """The unit a price's words say it is per (``per GB-month``: GB), when it measures what
    the formula's other unit does."""
    assert claim.formula is not None
    pers = {word for lit in literals(claim.formula) if (word := per_word(lit))}
    if len(pers) != 1:
        return None
    unit = unit_table().lookup(pers.pop())
    return unit if unit is not None and unit.dims == other.dims else None


def _eight_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool, *, same: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``25 Gbps ÷ 8 = 3.125 GB/s``: a bare 8 between bits and bytes is the conversion the
    author does by hand, which the units already make; the formula is read without it."""
    if not same or claim.formula is None or claim.stated.unit is None:
        return []
    operands = literals(claim.formula)
    kinds = {lit.unit.kind for lit in [*operands, claim.stated] if lit.unit is not None}
    if not {"bits", "bytes"} <= kinds:
        return []
    eights = [lit for lit in operands if lit.unit is None and lit.number.value == 8]
    if len(eights) != 1:
        return []
    k = _operand_power(claim.formula, eights[0])
    if k is None:
        return []
    factor = Fraction(8) ** -k
    by_hand = Value(
        computed.point * factor, computed.interval.scale(factor), stated.dims, computed.bare
    )
    return [(by_hand, stated, billion, "the bare 8 read as the bits-to-bytes conversion")]


#: Bare factors an author converts between prefixes with by hand (``TiB × 1,024``).
_PREFIX_FACTORS = frozenset(base**k for base in (1000, 1024) for k in (1, 2, 3))


def _prefix_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool, *, same: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``240 TiB × 1,024 × $0.01/GiB = $2,457.60``: a bare 1,000 or 1,024 (or its square or
    cube) that is exactly the scale between the formula's prefixed units is the conversion
    the author does by hand, which the units already make; the formula is read without it."""
    if not same or claim.formula is None or claim.stated.unit is None:
        return []
    operands = literals(claim.formula)
    bare = [lit for lit in operands if lit.unit is None and lit.number.value in _PREFIX_FACTORS]
    if len(bare) != 1:
        return []
    k = _operand_power(claim.formula, bare[0])
    if k is None:
        return []
    scale = 1 / claim.stated.unit.factor
    for lit in operands:
        if lit.unit is not None:
            power = _operand_power(claim.formula, lit)
            if power is None:
                return []
            scale *= lit.unit.factor**power
    factor = Fraction(bare[0].number.value) ** k
    if scale != factor:
        return []
    by_hand = Value(
        computed.point / factor, computed.interval.scale(1 / factor), stated.dims, computed.bare
    )
    return [
        (by_hand, stated, billion, f"the bare {bare[0].number.text} read as the unit conversion")
    ]


def _config_prefix_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool, *, same: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``heap = 24GB`` or ``shared_buffers = 32GB``, ``25 % of the 128 GiB instance``: a size
    written in code, as the figure or an operand of its formula, where the tool's own
    convention decides what ``GB`` means (PostgreSQL, the JVM and Redis read it as GiB)."""
    if not same or billion:
        return []
    readings: list[tuple[Value, Value, bool, str]] = []
    if _decimal_size_in_code(claim.where, claim.stated):
        unit = claim.stated.unit
        assert unit is not None
        ratio = _binary_ratio(unit)
        binary = Value(stated.point * ratio, stated.interval.scale(ratio), stated.dims, stated.bare)
        reading = f"the {claim.stated.unit_text} written in code read as {unit.other_prefix_text}"
        readings.append((computed, binary, billion, reading))
    formula, operands_where = claim.formula, claim.formula_where or claim.where
    for lit in literals(formula) if formula is not None else []:
        # a setting's size is written glued (``32GB``); ``4.92 TB`` in code is arithmetic
        glued = operands_where.text[lit.num_end : lit.num_end + 1].isalpha()
        in_code = glued and _decimal_size_in_code(operands_where, lit)
        power = _operand_power(formula, lit) if in_code and formula is not None else None
        if power is not None and lit.unit is not None:
            ratio = _binary_ratio(lit.unit) ** power
            binary = Value(
                computed.point * ratio, computed.interval.scale(ratio), computed.dims, computed.bare
            )
            reading = f"the {lit.unit_text} written in code read as {lit.unit.other_prefix_text}"
            readings.append((binary, stated, billion, reading))
    return readings


def _decimal_size_in_code(where: Scanned, lit: Lit) -> bool:
    """A size in decimal-prefixed bytes (``32GB``) written in code in ``where``."""
    unit = lit.unit
    return (
        unit is not None
        and unit.kind == "bytes"
        and unit.prefix_system == "decimal"
        and bool(unit.prefix_level)
        and where.text[lit.num_start : lit.num_end] == lit.number.text  # read there, not elsewhere
        and where.in_code(lit.num_start, lit.end)
    )


#: Bare factors an author converts times with by hand (seconds per minute, hour, day).
_CLOCK_FACTORS = frozenset({60, 3600, 86400})


def _clock_readings(
    claim: Claim, computed: Value, stated: Value, billion: bool, *, same: bool
) -> list[tuple[Value, Value, bool, str]]:
    """``… × 3.16 s × 256 GPUs ÷ 3,600 = 107,150.6 GPU-hours``, ``1,632.7 tok/s × 3,600 =
    5,877,720 tokens/h``, ``31 min × 60 ÷ 5.6 s ≈ 332 steps``: a bare 60, 3,600 or 86,400 in a
    formula whose times carry units is the conversion the author does by hand, which the units
    already make; the formula is read without it."""
    if not same or claim.formula is None:
        return []
    operands = literals(claim.formula)
    if not any(lit.unit is not None and lit.unit.dims[1] != 0 for lit in operands):
        return []  # a time or a rate ("14.2M pages / 14 pages/s / 3,600 = 281.7 h")
    factors = [
        lit for lit in operands
        if lit.unit is None and lit.scale is None and lit.number.value in _CLOCK_FACTORS
    ]  # fmt: skip
    if len(factors) != 1:
        return []
    k = _operand_power(claim.formula, factors[0])
    if k is None:
        return []
    factor = Fraction(factors[0].number.value) ** -k
    by_hand = Value(
        computed.point * factor, computed.interval.scale(factor), stated.dims, computed.bare
    )
    shown = factors[0].number.text
    return [(by_hand, stated, billion, f"the bare {shown} read as the conversion of the time")]


def _operand_power(node: Node, target: Lit) -> int | None:
    """+1 when ``target`` multiplies the value of ``node``, −1 when it divides it; None when
    it is added, raised or absent."""
    if node is target:
        return 1
    if isinstance(node, Group):
        return _operand_power(node.inner, target)
    if not isinstance(node, BinOp) or node.op not in ("*", "/"):
        return None
    left = _operand_power(node.left, target)
    if left is not None:
        return left
    right = _operand_power(node.right, target)
    if right is None:
        return None
    return -right if node.op == "/" else right


def _unitless(claim: Claim, computed: Value) -> bool:
    """A formula of plain numbers and percentages (``80% of 1,500``): read in the stated unit
    as a bare one is."""
    if claim.formula is None or any(computed.dims):
        return False
    operands = literals(claim.formula)
    if all(lit.label or (lit.unit is not None and lit.unit.counted) for lit in operands):
        return False  # "32 nodes × 8 GPUs" counts GPUs: no amount of the stated unit
    return computed.bare or all(
        lit.unit is None or lit.is_percent for lit in literals(claim.formula)
    )


def _scaled_by_100(claim: Claim) -> bool:
    """``100 × 120 / 312 = 38.5%``: the formula itself turns the fraction into percent."""
    return claim.formula is not None and any(
        lit.number.value == 100 and lit.unit is None for lit in literals(claim.formula)
    )


def _holds(claim: Claim, computed: Value, stated: Value, billion: bool) -> bool:
    interval = stated.interval
    rel = claim.relation
    if rel in ("=", "≈"):
        return computed.interval.overlaps(interval) or _whole_number_of(claim, computed, billion)
    if rel in ("<", "<="):
        return computed.interval.lo <= interval.hi
    return computed.interval.hi >= interval.lo


def _whole_number_of(claim: Claim, computed: Value, billion: bool) -> bool:
    """``10 / 3 = 4`` and ``377 bits (48 bytes)``: a whole number rounded up or down from a
    quotient or a conversion (ceil and integer division are how counts are sized)."""
    lit = claim.stated
    if not lit.number.is_plain_integer or lit.approx or lit.is_range or lit.scale is not None:
        return False
    if claim.kind != "conversion" and (
        claim.formula is None or "/" not in operators(claim.formula)
    ):
        return False
    # The exact quotient rounded down or up: an interval widened by loose zeros ("7,200 s")
    # must not turn 2 h into "3 h".
    exact = computed.point / literal_factor(lit, billion=billion)
    if fits_into(claim):
        return lit.number.value == floor(exact)
    return lit.number.value in (floor(exact), ceiling(exact))


#: Words before a quotient that count the whole items fitting in it: only rounded down.
_FIT_WORDS = frozenset({"fit", "fits", "hold", "holds"})


def fits_into(claim: Claim) -> bool:
    """``fits 53.94 / 8.59, i.e. 6``, ``room for 53.94 / 17.18 = 3``: whole items that fit."""
    where = claim.formula_where or claim.where
    first = literals(claim.formula)[0] if claim.formula is not None else None
    if first is None or where is not claim.where or claim.stated.unit is not None:
        return False  # a count of items, not "holds 52 GB, i.e. 45 %"
    words = where.text[: first.num_start].lower().split()[-2:]
    return bool(words) and (words[-1] in _FIT_WORDS or words == ["room", "for"])


def _counts_different_things(claim: Claim) -> bool:
    """``10^9 nanoeth = 1 ETH``: unitless sides that count different nouns are not comparable."""
    lit = claim.stated
    if claim.formula is None or not lit.label or lit.unit is not None:
        return False
    operands = literals(claim.formula)
    if any(op.unit is not None for op in operands):
        return False
    nouns = {noun_key(op.label) for op in operands if op.label}
    if _noun_of(claim.formula) == noun_key(lit.label):
        return False  # "31,705 rows ÷ 64 rows per step = 495 steps"
    return bool(nouns) and noun_key(lit.label) not in nouns


def _noun_of(formula: Node) -> str:
    """What a quotient or product of two counts per nouns counts: ``rows ÷ rows per step`` are
    steps, ``steps × rows per step`` are rows; "" for anything else."""
    node = strip_groups(formula)
    if not isinstance(node, BinOp) or node.op not in ("/", "*"):
        return ""
    left, right = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(left, Lit) and isinstance(right, Lit) and left.label and right.label):
        return ""
    if node.op == "/" and right.per and noun_key(left.label) == noun_key(right.label):
        return noun_key(right.per)
    for count, rate in ((left, right), (right, left)):
        if node.op == "*" and rate.per and noun_key(count.label) == noun_key(rate.per):
            return noun_key(rate.label)
    return ""


def _sum_across_scopes(claim: Claim) -> bool:
    """``6 + 12/DP``: a term per a noun added to a bare term reads a symbol as a noun."""
    if claim.formula is None:
        return False
    for node in walk(claim.formula):
        if not isinstance(node, BinOp) or node.op not in ("+", "-"):
            continue
        left, right = strip_groups(node.left), strip_groups(node.right)
        if not (isinstance(left, Lit) and isinstance(right, Lit)):
            continue
        if left.unit is None and right.unit is None and bool(left.per) != bool(right.per):
            return True
    return False


def _per_noun_divided(claim: Claim) -> bool:
    """``(1 B per parameter) / 2 = 35.3 GB``: a figure per a noun divided by plain numbers is
    still per that noun, not the amount the stated value (per nothing) is."""
    if claim.formula is None or claim.stated.per or operators(claim.formula) != {"/"}:
        return False
    lits = literals(claim.formula)
    per = [lit for lit in lits if lit.per]
    bare = [lit for lit in lits if lit.unit is None and not lit.per and lit.scale is None]
    return len(per) == 1 and lits[0] is per[0] and len(bare) == len(lits) - 1


#: Factors a restated amount may be off by through a unit slip (bits, prefixes, percent,
#: clock units); beyond ``_FAR`` and none of them, the two figures are of different things.
_SLIP_FACTORS = (8, 10, 24, 60, 100, 1000, 1024, 3600, 86400)
_FAR = 16


def _restated_ratio(claim: Claim, *, pointed: bool = False) -> Fraction | None:
    """How far (≥ 1, either way) a conversion's value is from its source; with ``pointed``
    also a back-reference's from the figure it points to. ``None`` for any other claim."""
    source = strip_groups(claim.formula) if claim.formula is not None else None
    try:
        if isinstance(source, Lit) and claim.kind == "conversion":
            a = literal_value(source, stated=True).point
        elif (
            pointed
            and source is None
            and claim.kind == "restatement"
            and claim.computed is not None
        ):
            a = claim.computed.point
        else:
            return None
        b = literal_value(claim.stated, stated=True).point
    except NotEvaluable:
        return None
    return max(a / b, b / a) if a > 0 and b > 0 else None


def _restated_far_off(claim: Claim) -> bool:
    """``5.4 GB per hour, i.e. 28.35 TB/day`` (for 5,250 sources): a restatement 219× off, by
    no unit slip, restates nothing; it is a figure of a larger scope. So is a back-reference
    (``the same 600 episodes`` of 1.74M: a subset, not them)."""
    ratio = _restated_ratio(claim, pointed=True)
    if ratio is None:
        return False
    near = any(abs(ratio / f - 1) <= Fraction(1, 10) for f in _SLIP_FACTORS)
    return ratio > _FAR and not near


def _restated_for_a_count(claim: Claim) -> bool:
    """``8 × ConnectX-7 at 400 Gb/s per node, i.e. 3.2 Tb/s``, ``a 96-bit bus at 16 Gbps, i.e.
    192 GB/s``: a restatement off by a count its sentence names is the figure for that many, not
    the one before it written again (a bits vs bytes 8 stays a slip)."""
    ratio = _restated_ratio(claim)
    source = strip_groups(claim.formula) if claim.formula is not None else None
    if ratio is None or not isinstance(source, Lit):
        return False
    slip = _bits(source) != _bits(claim.stated)
    text, lit = claim.where.text, claim.stated
    opening = max(text.rfind(". ", 0, source.start), text.rfind("\n\n", 0, source.start))
    for chain in claim.where.result.chains:
        found = [o for expr in chain.exprs for o in literals(expr)]
        if any(o is source or o is lit for o in found):
            continue  # "2 × 32 × … = 131,072 B = 256 KiB": an operand is no count of copies
        for other in found:
            if not opening < other.start < lit.end:
                continue
            n = other.number.value
            if n < 2 or n != int(n) or (n == 8 and slip):
                continue
            if abs(ratio / n - 1) <= Fraction(1, 100):
                return True
    return False


def _bits(lit: Lit) -> bool:
    return lit.unit is not None and lit.unit.kind == "bits"


def _restates_an_earlier_figure(claim: Claim) -> bool:
    """``48.9 Gb/s transmit, 97.8 % of the 50 Gb/s bond (6.11 GB/s)``: a conversion its source
    does not give, but a figure of the same kind earlier in its sentence does, restates that
    figure."""
    source = strip_groups(claim.formula) if claim.formula is not None else None
    where = claim.where
    if (
        claim.kind != "conversion"
        or not isinstance(source, Lit)
        or claim.formula_where
        not in (
            None,
            where,
        )
    ):
        return False
    try:
        stated = literal_value(claim.stated, stated=True)
        if stated.interval.contains(literal_value(source, stated=True).point):
            return False
    except NotEvaluable:
        return False
    opening = max(
        where.text.rfind(". ", 0, source.start), where.text.rfind("\n\n", 0, source.start)
    )
    hard = unit_table().hard_part
    for chain in where.result.chains:
        for lit in (lit for expr in chain.exprs for lit in literals(expr)):
            if lit is source or not opening < lit.start < source.start or lit.unit is None:
                continue
            try:
                other = literal_value(lit, stated=True)
            except NotEvaluable:
                continue
            if hard(other.dims) == hard(stated.dims) and stated.interval.overlaps(other.interval):
                return True
    return False


def _ordinal_stated(claim: Claim) -> bool:
    """``shards needed at month 12 = 206.1 GiB / 39.6 GiB = 5.2``: a bare whole number right
    after a word that counts positions (month, step, layer) names which one, not a value."""
    lit = claim.stated
    if lit.unit is not None or lit.scale is not None or lit.label or lit.per:
        return False
    if not lit.number.is_plain_integer:
        return False
    before = claim.where.text[max(0, lit.start - 16) : lit.start]
    return _INDEX_BEFORE.search(before) is not None


#: A word that counts positions, right before a number: ``month 12``, ``step 1000``, ``day 3``.
_INDEX_BEFORE = re.compile(
    r"\b(?:day|week|month|quarter|year|step|epoch|iteration|layer|stage|rank|phase|round|"
    r"version|release|sprint|wave|shard|node|replica|gpu|slot|row|line|page|section|chapter)"
    r"\s*#?\s*$",
    re.I,
)


#: Words after an amount that make what follows a remainder of it, not the amount restated.
_REMAINDER_WORDS = frozenset({"leaves", "leaving", "left", "remains", "remaining", "frees"})


def _remainder_said(claim: Claim) -> bool:
    """``the ~1.5 GB ceiling leaves ≈ 450 MB``: what an amount leaves is a difference."""
    source = strip_groups(claim.formula) if claim.formula is not None else None
    where = claim.formula_where
    if claim.kind != "conversion" or not isinstance(source, Lit) or where is None:
        return False
    words = re.findall(r"[a-z]+", where.text[source.start : source.end + 12].lower())
    return bool(_REMAINDER_WORDS.intersection(words))


def _restates_last_addend(claim: Claim) -> bool:
    """``35.28 GB weights + 64 × 2,005 × 81,920 B ≈ 10.51 GB of KV = 45.79 GB``: a value
    after a sum that is its last addend's is that addend restated, the sum comes after."""
    formula = strip_groups(claim.formula) if claim.formula is not None else None
    if not isinstance(formula, BinOp) or formula.op != "+" or not has_operator(formula.right):
        return False
    last = written_value(formula.right)
    if last is None:
        return False
    stated = literal_value(claim.stated, stated=True, approx=claim.relation == "≈")
    return last.dims == stated.dims and last.interval.overlaps(stated.interval)


def _count_against_quantity(claim: Claim) -> bool:
    """``every 500 steps = 500 × 4.27 s``: a formula that takes the stated count as one of its
    factors gives something of that many (their time), not the count."""
    lit = claim.stated
    if claim.formula is None or lit.unit is not None or not lit.label or lit.per:
        return False
    if not any(o.number.value == lit.number.value for o in literals(claim.formula)):
        return False
    value = written_value(claim.formula)
    return value is not None and any(unit_table().hard_part(value.dims))


def _last_of_a_list(claim: Claim) -> bool:
    """``q 5,120 × 5,120 + 5,120, k and v 2 × (…), o 5,120 × 5,120 = 62,921,728``: a formula
    that ends a list of terms (other formulas with no result, each after a comma and a few
    words of name) may be the last term or the list's sum."""
    where = claim.formula_where or claim.where
    chains = where.result.chains
    k = next((i for i, c in enumerate(chains) if c.exprs and c.exprs[0] is claim.formula), 0)
    if k == 0 or claim.formula is None:
        return False
    before = chains[k - 1]
    if before.relations or before.head is not None or not has_operator(before.exprs[-1]):
        return False
    between = where.text[span(before.exprs[-1])[1] : span(claim.formula)[0]]
    words = between.lower().split()
    if _CONSEQUENCE.intersection(words):
        return False  # "8 routed + 1 shared expert, so 9 × 44.04M × 58 = …": worked on from it
    return between.lstrip().startswith(",") and len(words) <= _MAX_NAME_WORDS + 1


#: Words after which a formula follows from what came before: no further term of a list.
_CONSEQUENCE = frozenset({"so", "thus", "hence", "therefore", "giving", "gives"})


def _under_a_sum(claim: Claim) -> bool:
    """``Σ_{i=0}^{11} 1.04^i ≈ 15.03``: the formula is a term a sum (or product) sign ranges
    over an index; its result is the sum's."""
    if claim.formula is None:
        return False
    where = claim.formula_where or claim.where
    before = where.text[max(0, span(claim.formula)[0] - 24) : span(claim.formula)[0]]
    return _SUM_SIGN.search(before) is not None


#: A sum or product sign over an index: ``Σ_{i=0}^{11}``, ``\sum_{k=1}^{n}``, ``∏``.
_SUM_SIGN = lazy_compile(r"[Σ∑∏]|\\(?:sum|prod)\b")


def _price_after_at(claim: Claim) -> bool:
    """``839,808 GB/month at $0.01 + $0.01 = $16,796.16/month``: a formula of prices after an
    amount and ``at`` is the rate the amount is charged at; the result is the amount's cost."""
    if claim.formula is None:
        return False
    lits = literals(claim.formula)
    if not lits or not all(lit.unit is not None and lit.unit.kind == "currency" for lit in lits):
        return False
    where = claim.formula_where or claim.where
    return _AMOUNT_AT.search(where.text, 0, span(claim.formula)[0]) is not None


def _works_out_another(claim: Claim) -> bool:
    """``241,920 params × 2 B = 483,840 B (26 × 4 × 2304 + 2304)``: a formula in brackets after
    the value whose result is exactly another figure written before it explains that one."""
    where = claim.formula_where or claim.where
    if claim.formula is None or where is not claim.where:
        return False
    start = span(claim.formula)[0]
    if start < claim.stated.end or "(" not in where.text[claim.stated.end : start + 1]:
        return False
    value = written_value(claim.formula)
    if value is None or any(value.dims):
        return False
    own = {id(lit) for lit in literals(claim.formula)}
    return any(
        id(lit) not in own
        and lit is not claim.stated
        and lit.end <= claim.stated.start
        and lit.number.value * (lit.scale.factor if lit.scale else 1) == value.point
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
    )


#: An amount and ``at`` right before a formula: ``839,808 GB/month at``.
_AMOUNT_AT = lazy_compile(r"\d[\d,.]*\s*[A-Za-z][\w/-]*\s+at\s*\(?\s*$")
#: How many words name a term of a list: ``k and v``.
_MAX_NAME_WORDS = 3


def _unit_named_symbol(claim: Claim) -> bool:
    """``166,939\\ \\text{s} ≈ 1.93 days`` in a document that defines a symbol ``s``: a bare
    number times an identifier that spells a unit of the stated value's kind may be that
    quantity in that unit."""
    stated = claim.stated.unit
    if claim.formula is None or stated is None:
        return False
    table = unit_table()
    for node in walk(claim.formula):
        if not isinstance(node, BinOp) or node.symbol or not isinstance(node.left, Lit):
            continue
        if node.left.unit is None and isinstance(node.right, Ident):
            unit = table.lookup(node.right.name)
            if unit is not None and unit.dims == stated.dims:
                return True
    return False


def _states_the_whole(claim: Claim, symbols: SymbolTable, tolerance: Tolerance) -> bool:
    """``72 % of the node's 8 × 141 = 1,128 GB``: the result is the whole's own product, not
    the share of it (checked only once the share reading fails)."""
    formula = claim.formula
    whole = _share_dropped(formula) if formula is not None else None
    if whole is None or not isinstance(whole, BinOp):
        return False
    return judge(replace(claim, formula=whole), symbols, tolerance).status == "consistent"


def _share_dropped(node: Node) -> Node | None:
    """A product that starts with ``P % of`` without it (``72 % of 8 × 141`` → ``8 × 141``)."""
    node = strip_groups(node)
    if not isinstance(node, BinOp):
        return None
    if node.op == "of":
        share = strip_groups(node.left)
        return node.right if isinstance(share, Lit) and share.is_percent else None
    if node.op != "*":
        return None
    whole = _share_dropped(node.left)
    return None if whole is None else BinOp("*", whole, node.right, node.symbol)


#: The end of a device's name before its memory size: ``H100 SXM 80GB``, ``A100 40GB``.
_DEVICE_NAME_END = re.compile(
    r"(?:\b[ABHL]\d{2,3}[A-Za-z]*|\bMI\d{3}[A-Z]?|\bSXM\d?|\bPCIe|\bNVL)[ -]?$"
)


def _device_variant(claim: Claim) -> bool:
    """``512 × H100 SXM 80GB (64 nodes × 8)``: the stated bytes name the device's variant."""
    stated = claim.stated
    if stated.unit is None or stated.unit.kind != "bytes":
        return False
    before = claim.where.text[max(0, stated.start - 16) : stated.start]
    return _DEVICE_NAME_END.search(before) is not None


def _values_of_a_format(claim: Claim) -> bool:
    """``4 × 128 × 128 fp16 values = 131,072 B``: the formula counts values of a numeric
    format, whose width (not written as a unit) makes the bytes."""
    stated, formula = claim.stated, claim.formula
    if stated.unit is None or stated.unit.kind != "bytes" or formula is None:
        return False
    operands = literals(formula)
    if not operands or operands[-1].unit is not None:
        return False
    return _FORMAT_VALUES.match(claim.where.text, operands[-1].num_end) is not None


#: A numeric format and a noun for its values, right after a count: `` fp16 values``.
_FORMAT_VALUES = lazy_compile(
    r"\s*(?:fp|bf|int|uint|float|e\dm)\d+\w*\s+(?:values|elements|numbers|entries|floats|scalars)\b",
    re.I,
)


def _compound_word(claim: Claim) -> bool:
    """``2^30-based``, ``64-bit``: the formula is a unitless number (or power) glued by a
    hyphen to the word it qualifies (its label), which says what kind of thing it is, not how
    much."""
    formula = strip_groups(claim.formula) if claim.formula is not None else None
    if not isinstance(formula, Lit) and not (isinstance(formula, BinOp) and formula.op == "^"):
        return False  # "96 GPU-hours / 32 GPUs" of a "32-GPU partition" is a formula
    operands = literals(formula)
    if not operands:
        return False
    last, text = operands[-1], claim.where.text
    glued = last.num_end < len(text) and text[last.num_end] == "-"
    return glued and last.unit is None and bool(last.label) and claim.stated.unit is not None


def _rate_applied(claim: Claim) -> bool:
    """``The pilot lost 1.9 hours per 1,000 node-hours. On 256 nodes for ~1,300 h that is
    about 630 node-hours``: a product written in words (``for``, ``of``) whose result's unit
    an earlier rate of its block is per may be that rate applied to it, not the product."""
    formula, unit = claim.formula, claim.stated.unit_text
    if formula is None or not unit or claim.formula_where not in (None, claim.where):
        return False
    worded = any(isinstance(node, BinOp) and node.symbol in ("for", "of") for node in walk(formula))
    if not worded:
        return False
    before = claim.where.text[: span(formula)[0]]
    per = re.search(rf"\bper\s+(?:[\d,.]+\s*)?{re.escape(unit)}\b", before, re.I)
    return per is not None


def _sum_as_share(claim: Claim) -> bool:
    """``8+2 erasure coding (80 % efficiency)``, ``below 80% (6.144 − 3.73)``: a percentage
    against a sum or difference of plain numbers above one, which gives no share (a share
    needs a quotient or a product by a percent; a change is a ratio minus 1; ``1 − 0.2`` is a
    complement)."""
    if not claim.stated.is_percent or claim.formula is None:
        return False
    operands = literals(claim.formula)
    return (
        len(operands) > 1
        and operators(claim.formula) <= {"+", "-"}
        and all(lit.unit is None and lit.number.value > 1 for lit in operands)
    )


def _share_as_quantity(claim: Claim) -> bool:
    """``20% = 200B tokens``: a percentage restated as the amount it is a share of."""
    source = claim.formula
    if claim.kind != "conversion" or not isinstance(source, Lit):
        return False
    return (
        source.is_percent
        and not claim.stated.is_percent
        and (
            claim.stated.unit is not None
            or claim.stated.scale is not None
            or bool(claim.stated.label)
        )
    )


def _amount_as_share(claim: Claim) -> bool:
    """``(78 % of 412,800), i.e. 0.39 %``: a share of a whole that is no percentage is an
    amount of it, which a percentage cannot restate."""
    formula = strip_groups(claim.formula) if claim.formula is not None else None
    if not isinstance(formula, BinOp) or formula.op != "of" or not claim.stated.is_percent:
        return False
    whole = strip_groups(formula.right)
    return not (isinstance(whole, Lit) and whole.is_percent)


#: Words that declare a text's byte prefixes binary: ``GUC size units are binary (1 GB = 1024
#: MB)``, ``1024-based values with "kB/MB/GB" labels``.
_BINARY_DECLARED = lazy_compile(
    r"(?i)\b(?:units?|prefix(?:es)?|sizes?)\b[^.]{0,40}?\bbinary\b(?!-)"
    r"|\bbinary\s+(?:units?|prefix(?:es)?)\b|\b1024[- ]based\b|\bpowers?\s+of\s+(?:two|2)\b"
)


def _binary_prefixes_declared(claim: Claim) -> bool:
    """A figure in a sentence that says its byte prefixes are binary and writes none of the
    binary ones: ``1 GB = 1024 MB`` there is no slip between decimal and binary prefixes."""
    operands = literals(claim.formula) if claim.formula is not None else []
    units = [lit.unit for lit in (claim.stated, *operands) if lit.unit is not None]
    if not any(unit.kind == "bytes" and unit.prefix_system == "decimal" for unit in units):
        return False
    if any(unit.prefix_system == "binary" for unit in units):
        return False  # "in binary units that is 54.45 GB = 58.5 GiB": it tells the two apart
    text = claim.where.text
    start = max(0, text.rfind(". ", 0, claim.stated.start) + 1)
    end = text.find(". ", claim.stated.end)
    return _BINARY_DECLARED.search(text, start, end if end >= 0 else len(text)) is not None


#: From this factor on, a gap between two readings is a question of scale, not arithmetic.
SCALE_GAP = Fraction(1000)


def _scale_question(
    claim: Claim, computed: Value, stated: Value, billion: bool, reading: str
) -> str:
    """Why a gap is a question of which scale or unit was meant, not an error ("" if it is not).

    A bare formula, an ambiguous ``B`` or a reading in base units can be off by a power of
    1000 or 1024 for no other reason than the reading; so can any gap of 1000× or more unless
    both sides carry explicit units of the same dimensions.
    """
    if claim.formula is None or computed.point == 0 or stated.point == 0:
        return ""
    ratio = abs(stated.point / computed.point)
    ratio = ratio if ratio >= 1 else 1 / ratio
    explicit = (
        not computed.bare
        and claim.stated.unit is not None
        and computed.dims == stated.dims
        and not billion
        and (not reading or reading.endswith(_RESULTS_UNIT))
        and not any(lit.alt_scale is not None for lit in literals(claim.formula))
        and not _scaled_count_priced(claim.formula)
    )
    if explicit:
        return ""
    if ratio >= SCALE_GAP / 2 or _near_power(ratio):
        return "the gap is a power of 1000 or 1024: a question of which unit or scale was meant"
    return ""


def _scaled_count_priced(formula: Node) -> bool:
    """``1,307.5M × $0.88``: a count in millions (no unit) times a price that says per what
    it is not, which may be per million."""
    lits = literals(formula)
    return any(lit.unit is None and lit.scale is not None for lit in lits) and any(
        lit.unit is not None and lit.unit.kind == "currency" and not lit.per for lit in lits
    )


def _wrong_at_every_scale(
    claim: Claim, computed: Value, stated: Value, billion: bool, tolerance: Tolerance
) -> Verdict | None:
    """``337,435 × 12 ≈ 4.45 GWh``: a formula of bare numbers is read at the power of 1000
    nearest the stated value (its operands' unit is not written); if even that reading misses
    by more than the stated precision yet less than 25 %, the figure is wrong whatever the
    scale, and is reported at that scale."""
    unit = claim.stated.unit
    if not computed.bare or unit is None or billion or claim.stated.is_percent:
        return None
    if computed.point <= 0 or stated.point <= 0 or claim.relation not in ("=", "≈"):
        return None
    power = Fraction(1000) ** round(math.log(stated.point / computed.point, 1000))
    if power == 1:
        return None
    scaled = Value(computed.point * power, computed.interval.scale(power), stated.dims, True)
    if scaled.interval.overlaps(stated.interval):
        return None
    if not Fraction(4, 5) <= stated.point / scaled.point <= Fraction(5, 4):
        return None
    factor = f"× {format_readable(power)}" if power > 1 else f"÷ {format_readable(1 / power)}"
    reading = f"the formula has no unit: read at the scale nearest the stated value ({factor})"
    verdict = Verdict("inconsistent", claim, scaled, stated, reading)
    verdict.replacement = _replacement(verdict)
    return verdict


def _near_power(ratio: Fraction) -> bool:
    """``ratio`` is within 2 % of 1000^k or 1024^k for some k ≥ 1."""
    for base in (1000, 1024):
        power = Fraction(base)
        while power <= ratio * 2:
            if abs(ratio / power - 1) <= Fraction(2, 100):
                return True
            power *= base
    return False


def _closest(pairs: list[tuple[Value, Value, bool, str]]) -> tuple[Value, Value, bool, str]:
    """Among comparable readings, the one whose computed value is nearest the stated one."""

    def distance(pair: tuple[Value, Value, bool, str]) -> Fraction:
        computed, stated = pair[0], pair[1]
        if computed.point == 0 or stated.point == 0:
            return Fraction(10) ** 30
        ratio = abs(stated.point / computed.point)
        return ratio if ratio >= 1 else 1 / ratio

    return min(pairs, key=distance)


def _find_slip(
    claim: Claim, computed: Value, stated: Value, billion: bool, tolerance: Tolerance
) -> Slip | None:
    if (claim.relation not in ("=", "≈") and not claim.floor) or claim.stated.bound:
        return None
    if computed.point == 0:
        return None
    if _rounding_slip(claim, computed, billion):
        return Slip("rounding", Fraction(1), "a rounding slip (truncated or rounded the wrong way)")
    unit = claim.stated.unit if not billion else None
    candidates: list[Slip] = []
    if unit is not None and unit.prefix_system and unit.prefix_level and _binary_kind(unit):
        ratio = _binary_ratio(unit)
        candidates.append(
            Slip("binary-prefix", 1 / ratio, f"{unit.text} read as {unit.other_prefix_text}")
        )
    operands = literals(claim.formula) if claim.formula is not None else []
    written = [o.unit.text for o in operands if o.unit is not None]
    divides = claim.formula is not None and "/" in operators(claim.formula)
    for operand in operands:
        op_unit = operand.unit
        if op_unit is None or (divides and written.count(op_unit.text) > 1):
            continue  # "53.94 GB / 8.59 GB": one unit on both sides of a quotient cancels
        if op_unit.prefix_system and op_unit.prefix_level and _binary_kind(op_unit):
            ratio = _binary_ratio(op_unit)
            candidates.append(
                Slip("binary-prefix", ratio, f"{op_unit.text} read as {op_unit.other_prefix_text}")
            )
    bits = any(o.unit is not None and o.unit.kind == "bits" for o in operands)
    # "140 GB over 8 GPUs = 140 GB": a count of 8 dropped, not bits read as bytes
    eight = any(o.unit is None and o.number.value == 8 for o in operands)
    if unit is not None and (bits or (unit.dims[0] == 1 and not eight)):
        for factor in (Fraction(8), Fraction(1, 8)):
            candidates.append(Slip("bits-bytes", factor, "bits and bytes"))
    if claim.stated.is_percent or not any(stated.dims):
        candidates.append(Slip("percent", Fraction(100), "percent and fraction"))
        candidates.append(Slip("percent", Fraction(1, 100), "percent and fraction"))
    for factor in (Fraction(1000), Fraction(1, 1000)):
        candidates.append(Slip("thousand", factor, _thousand_description(claim.stated, factor)))
    # A slip must match the number as precisely as it is written ("600" is not 596 GiB), and
    # "about 6.43 GB" no more loosely than 6.43: a 12 % gap is no 7.4 % GiB slip.
    exact = replace(claim.stated, approx=False) if claim.stated.approx else claim.stated
    strict = written_interval(exact, stated=True, loose_zeros=False, tolerance=tolerance)
    strict = strict.scale(literal_factor(claim.stated, billion=billion))
    for slip in candidates:
        if computed.interval.scale(slip.factor).overlaps(strict):
            return slip
    return None


def _binary_kind(unit: Unit) -> bool:
    """Bytes and amounts of bits have binary prefixes (GiB, Gibit); energy, FLOPs, tokens and
    bit rates (``Mbps``: network and media rates are decimal) do not."""
    return unit.kind == "bytes" or (unit.kind == "bits" and unit.dims[1] == 0)


def _exact_prefix_twin(
    claim: Claim, computed: Value, stated: Value, reading: str, tolerance: Tolerance
) -> Verdict | None:
    """``640 × 0.5 MiB = 320 MB``: the written operands give exactly the stated number in the
    other prefix (320 MiB), and only their precision let the stated unit pass: a prefix slip.
    So do bare operands of a byte count (``4096 × 192,512 ≈ 788.5 MiB``: 788.5 MB exactly)
    that only an approximate figure's looseness let pass."""
    unit = claim.stated.unit
    if claim.formula is None or unit is None or not unit.prefix_level:
        return None
    operands = [lit.unit for lit in literals(claim.formula) if lit.unit is not None]
    loose = claim.stated.approx or claim.relation == "≈"
    # "× 57,344 bytes", "1.2B tokens × 120 bytes": bytes without a prefix, and counts
    plain = all(u.kind in ("bytes", "tokens") and not u.prefix_level for u in operands)
    bare_bytes = plain and (computed.bare or bool(operands)) and unit.kind == "bytes" and loose
    if reading and not bare_bytes:
        return None
    if not bare_bytes and (
        not operands or any(u.prefix_system in ("", unit.prefix_system) for u in operands)
    ):
        return None
    exact = Value(computed.point, Interval.point(computed.point), computed.dims, computed.bare)
    written = replace(claim.stated, approx=False) if claim.stated.approx else claim.stated
    strict = written_interval(written, stated=True, loose_zeros=False, tolerance=tolerance)
    if strict.scale(literal_factor(claim.stated)).overlaps(exact.interval):
        return None
    verdict = Verdict("inconsistent", claim, exact, stated, reading)
    verdict.slip = _find_slip(claim, exact, stated, False, tolerance)
    if verdict.slip is None or verdict.slip.name != "binary-prefix":
        return None
    verdict.status = "slip"
    verdict.replacement = _replacement(verdict)
    return verdict


def _rounding_slip(claim: Claim, computed: Value, billion: bool) -> bool:
    """``1070.530`` for 1070.5306: within one unit in the last written place of the exact
    value, with at least four significant digits written (truncated, or rounded the wrong
    way). ``approx`` values are already wider than this."""
    number = claim.stated.number
    if claim.stated.is_range or number.exp_prefix or len(number.digits.lstrip("0")) < 4:
        return False
    exact = computed.point / literal_factor(claim.stated, billion=billion)
    return abs(exact - number.value) <= number.ulp


def _binary_ratio(unit: Unit) -> Fraction:
    """How much larger the unit becomes when its prefix is read in the other system."""
    ratio = Fraction(1024, 1000) ** unit.prefix_level
    return ratio if unit.prefix_system == "decimal" else 1 / ratio


#: Units of time a factor of 1000 apart, by their size in seconds.
_TIMES = {
    Fraction(1): "seconds",
    Fraction(1, 10**3): "milliseconds",
    Fraction(1, 10**6): "microseconds",
    Fraction(1, 10**9): "nanoseconds",
}


def _thousand_description(stated: Lit, factor: Fraction) -> str:
    """The slip a factor of 1000 between the stated and the computed value names: the stated
    time unit and the one the value is in (``milliseconds vs microseconds``)."""
    unit = stated.unit
    if unit is not None and unit.dims[1] == -1:
        return "a per-second vs per-millisecond slip (×1000)"
    if unit is not None and unit.kind == "time":
        meant = _TIMES.get(unit.factor / factor)
        if unit.factor in _TIMES and meant is not None:
            return f"{_TIMES[unit.factor]} vs {meant} (×1000)"
    if unit is not None and unit.dims[1] == 1:
        return "seconds vs milliseconds (×1000)"
    return "a factor of 1000 (k/M/G prefix)"


def _replacement(verdict: Verdict) -> str | None:
    """The recomputed number, written like the stated one (its unit stays as written)."""
    lit = verdict.claim.stated
    if lit.is_range or lit.bound or verdict.computed is None:
        return None
    value = value_in_stated_unit(verdict)
    if lit.number.is_plain_integer and fits_into(verdict.claim):
        value = Fraction(floor(value))  # whole ones that fit: rounded down, never up
    text = format_like(value, verdict.claim.like or lit.number)
    return None if text == lit.number.text else text


def value_in_stated_unit(verdict: Verdict) -> Fraction:
    assert verdict.computed is not None
    return verdict.computed.point / verdict.stated_factor


#: Readings that compare unlike things, tried before a claim is judged: each with why it is
#: skipped.
_MISREADINGS: tuple[tuple[Callable[[Claim], bool], str], ...] = (
    (_counts_different_things, "the two sides count different things"),
    (_share_as_quantity, "a share is not the quantity it is a share of"),
    (_amount_as_share, "an amount a share gives is no percentage"),
    (_binary_prefixes_declared, "the text says its byte prefixes are binary"),
    (_sum_as_share, "a sum of plain counts is no share"),
    (_device_variant, "a memory size in a device's name is no amount"),
    (_values_of_a_format, "a count of values of a numeric format is no amount of bytes"),
    (_compound_word, "a number in a compound word is no quantity"),
    (_rate_applied, "the result may apply a rate stated before it"),
    (_sum_across_scopes, "a sum of a figure per something and one that is not"),
    (_per_noun_divided, "a figure per something, divided, is still per it"),
    (_restated_far_off, "a restatement far off by no unit slip is of another scope"),
    (_restates_an_earlier_figure, "the value restates another figure of its sentence"),
    (_restated_for_a_count, "the value is the figure for a count its sentence names"),
    (_ordinal_stated, "a number after a word that counts positions names one of them"),
    (_remainder_said, "what an amount leaves is a difference, not the amount"),
    (_restates_last_addend, "the value restates the sum's last addend"),
    (_count_against_quantity, "a count of things is not the quantity a formula gives"),
    (_unit_named_symbol, "a symbol after a number may be the unit it spells"),
    (_last_of_a_list, "the result may be the sum of the terms listed before it"),
    (_price_after_at, "the formula is the price the amount before 'at' is charged at"),
    (_works_out_another, "the formula after the value works out another figure before it"),
    (_under_a_sum, "a term under a sum or product sign is not the whole"),
)
