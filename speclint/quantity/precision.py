"""What interval a written number stands for (claim-checking reference, section 6).

A literal with k decimals means [x - u/2, x + u/2] with u = 10^-k. Integer operands in a
formula ("8 experts", "x 2 bytes") are exact counts. "~", "about" and friends widen a value to
±max(5 %, one unit). Bounds ("< 100 ms", "up to 2 TB/s") are half-open.
"""

from __future__ import annotations

from fractions import Fraction

from speclint.quantity.exact import INFINITY
from speclint.quantity.interval import Interval
from speclint.quantity.literal import Lit
from speclint.quantity.numbers import NumberLiteral

# Re-exported: the tolerance lives in its own module, so that settings need not import this one.
from speclint.quantity.tolerance import APPROX_RELATIVE as APPROX_RELATIVE
from speclint.quantity.tolerance import DEFAULT_TOLERANCE as DEFAULT_TOLERANCE
from speclint.quantity.tolerance import TRAILING_ZERO_RELATIVE as TRAILING_ZERO_RELATIVE
from speclint.quantity.tolerance import Tolerance as Tolerance


def _half_ulp(number: NumberLiteral) -> Fraction:
    return number.ulp / 2


def _is_exact_operand(number: NumberLiteral) -> bool:
    """Counts, powers of ten and whole multiples of them in a formula are exact: ``32``,
    ``1024``, ``1e9``, ``10^9``, ``2e12``, ``0.1``, ``0.001`` (the author's own operand, as
    written)."""
    if number.is_plain_integer:
        return True
    if number.decimals != 0:
        return number.digits.lstrip("0") == "1" and not number.exp_prefix
    return number.digits.lstrip("0") == "1" or (number.exponent >= 0 and bool(number.exp_prefix))


def _unit_price(lit: Lit) -> bool:
    """A price of one or two significant digits in a formula (``× $0.11``, ``$0.02/GB``): a
    price list's exact figure, not 0.105–0.115 (a price of more digits is read to its last
    one, already tight: ``$1.373`` is ±0.04 %)."""
    significant = lit.number.digits.strip("0")
    return lit.unit is not None and lit.unit.kind == "currency" and len(significant) <= 2


def _stated_half_width(
    number: NumberLiteral, tolerance: Tolerance, zeros_cap: int | None = None
) -> Fraction:
    zeros = number.trailing_zeros if zeros_cap is None else min(number.trailing_zeros, zeros_cap)
    if zeros < 2:
        return _half_ulp(number)
    # "20,000" may be rounded to any of its trailing zeros; read at most 5 % into them.
    loose = min(Fraction(10) ** zeros / 2, tolerance.rounded_integer * abs(number.value))
    return max(Fraction(1, 2), loose)


#: The fewest significant digits before the zeros of an operand read as rounded to them.
_ROUNDED_SIGNIFICANT = 3


def _rounded_half_width(number: NumberLiteral) -> Fraction:
    """Half the unit an operand read as rounded is rounded to: its last digit, or for one of
    three or more significant digits and then zeros, its last significant digit (``13,330,000``
    for 13.33 million)."""
    zeros = number.trailing_zeros
    if zeros < 2 or len(number.digits) - zeros < _ROUNDED_SIGNIFICANT:
        return _half_ulp(number)
    return Fraction(10) ** zeros / 2


def written_point(lit: Lit) -> Fraction:
    """The value as written, in the literal's own unit and scale (midpoint for ranges)."""
    if lit.upper is not None:
        return (lit.number.value + lit.upper.value) / 2
    return lit.number.value


def written_interval(
    lit: Lit,
    *,
    stated: bool,
    loose_zeros: bool = True,
    approx: bool = False,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    rounded: bool = False,
    zeros_cap: int | None = None,
) -> Interval:
    """The interval the literal stands for, in its own unit and scale.

    ``stated`` selects the rule for a claimed value (rounded) rather than a formula operand;
    ``loose_zeros=False`` reads a stated integer's trailing zeros as exact (``600`` is ±0.5);
    ``approx`` widens as ``~`` does, for a value written after ``≈``; ``tolerance`` is how
    loosely approximate values and rounded integers are read (configuration); ``rounded``
    reads an integer operand as rounded to its last digit (``872`` for 872.4) too;
    ``zeros_cap`` reads at most that many of a stated integer's trailing zeros as rounding.
    """
    number = lit.number
    if lit.upper is not None:
        interval = Interval(
            number.value - _half_ulp(number), lit.upper.value + _half_ulp(lit.upper)
        )
    elif lit.plus_minus is not None:
        interval = Interval.around(number.value, abs(lit.plus_minus.value))
    elif stated and loose_zeros:
        half = _stated_half_width(number, tolerance, zeros_cap)
        interval = Interval.around(number.value, half)
    elif stated:
        interval = Interval.around(number.value, _half_ulp(number))
    elif (
        (_is_exact_operand(number) or lit.defined or _unit_price(lit))
        and lit.scale is None
        and not lit.approx
        and not rounded
    ):
        interval = Interval.point(number.value)
    elif rounded:
        interval = Interval.around(number.value, _rounded_half_width(number))
    else:
        interval = Interval.around(number.value, _half_ulp(number))
    if lit.approx or approx:
        point = written_point(lit)
        # "~90 minutes" is rounded to the tens: one unit of the rounded place.
        unit = number.ulp * Fraction(10) ** number.trailing_zeros
        widen = max(tolerance.approximate * abs(point), unit)
        interval = interval.hull(Interval.around(point, widen))
    if stated and lit.bound in ("<", "<="):
        interval = Interval(-INFINITY, interval.hi)
    elif stated and lit.bound in (">", ">="):
        interval = Interval(interval.lo, INFINITY)
    return interval
