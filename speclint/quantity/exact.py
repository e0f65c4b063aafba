"""The project's exact number type: ``fractions.Fraction``, plus the few helpers it lacks.

Every value outside the formula evaluator is a ``Fraction`` (sympy is imported only there, to
evaluate a formula, and its results are converted back at that boundary). Open interval bounds
("< 100 ms") are ``±INFINITY``, a float that compares correctly with every ``Fraction``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TypeAlias

#: An exact rational number.
Exact: TypeAlias = Fraction
#: An interval bound: an exact number, or ``±INFINITY`` for an open end.
Bound: TypeAlias = Fraction | float

INFINITY = math.inf


def is_integer(value: Fraction | int) -> bool:
    """Whether ``value`` is a whole number (``Fraction.is_integer`` is Python 3.12+)."""
    return value.denominator == 1


def floor(value: Fraction) -> Fraction:
    """The largest integer not above ``value``, as an exact number."""
    return Fraction(math.floor(value))


def ceiling(value: Fraction) -> Fraction:
    """The smallest integer not below ``value``, as an exact number."""
    return Fraction(math.ceil(value))


def finite(value: Bound) -> Fraction:
    """``value`` as an exact number; an open bound has none (``ArithmeticError``)."""
    if isinstance(value, float):
        raise ArithmeticError(f"unbounded value {value}")
    return value


def divide(numerator: Fraction | int, denominator: Fraction | int) -> Bound:
    """``numerator / denominator``, or ``INFINITY`` for a division by zero (a ratio to a zero
    figure, which messages write as ``∞×``)."""
    if denominator == 0:
        return INFINITY
    return numerator / denominator


def fold(a: Fraction, b: Fraction) -> Fraction:
    """How many times the larger of two positive values is the smaller (1 when equal)."""
    return max(a / b, b / a)
