"""Exact closed intervals over sympy rationals (XBRL Calculations 1.1 style)."""

from __future__ import annotations

from dataclasses import dataclass

from sympy import Rational


class UndefinedOperation(ArithmeticError):
    """An interval operation with no defined result (division by an interval holding 0)."""


@dataclass(frozen=True)
class Interval:
    """The closed interval [lo, hi]; ``lo`` may be ``-oo`` and ``hi`` may be ``oo`` for bounds."""

    lo: Rational
    hi: Rational

    @classmethod
    def point(cls, value: Rational) -> Interval:
        return cls(value, value)

    @classmethod
    def around(cls, value: Rational, half_width: Rational) -> Interval:
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

    def scale(self, factor: Rational) -> Interval:
        """Multiply by an exact positive or negative number (bounds may be infinite)."""
        ends = sorted((self.lo * factor, self.hi * factor))
        return Interval(ends[0], ends[1])

    def power(self, exponent: int) -> Interval:
        if exponent == 0:
            return Interval.point(Rational(1))
        if exponent < 0:
            return Interval.point(Rational(1)) / self.power(-exponent)
        lo, hi = self.lo**exponent, self.hi**exponent
        if exponent % 2 == 0 and self.lo <= 0 <= self.hi:
            return Interval(Rational(0), max(lo, hi))
        return Interval(min(lo, hi), max(lo, hi))

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Rational) -> bool:
        return self.lo <= value <= self.hi
