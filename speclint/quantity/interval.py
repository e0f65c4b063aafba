"""Exact closed intervals over rationals (XBRL Calculations 1.1 style)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from speclint.quantity.exact import Bound


class UndefinedOperation(ArithmeticError):
    """An interval operation with no defined result (division by an interval holding 0)."""


@dataclass(frozen=True)
class Interval:
    """The closed interval [lo, hi]; ``lo`` may be ``-INFINITY`` and ``hi`` ``INFINITY`` for bounds.

    The methods use nothing but arithmetic and comparison, so the formula evaluator runs them on
    its own (sympy) numbers too.
    """

    lo: Bound
    hi: Bound

    @classmethod
    def point(cls, value: Fraction) -> Interval:
        return cls(value, value)

    @classmethod
    def around(cls, value: Fraction, half_width: Fraction) -> Interval:
        return cls(value - half_width, value + half_width)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise UndefinedOperation("division by an interval that contains 0")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def scale(self, factor: Fraction) -> Interval:
        """Multiply by an exact positive or negative number (bounds may be infinite)."""
        ends = sorted((self.lo * factor, self.hi * factor))
        return Interval(ends[0], ends[1])

    def power(self, exponent: int) -> Interval:
        if exponent == 0:
            return Interval.point(Fraction(1))
        if exponent < 0:
            return Interval.point(Fraction(1)) / self.power(-exponent)
        lo, hi = self.lo**exponent, self.hi**exponent
        if exponent % 2 == 0 and self.lo <= 0 <= self.hi:
            return Interval(Fraction(0), max(lo, hi))
        return Interval(min(lo, hi), max(lo, hi))

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Bound) -> bool:
        return self.lo <= value <= self.hi
