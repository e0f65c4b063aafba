"""Replacements keep the author's notation and significant figures; rounding is exact."""

from __future__ import annotations

import pytest
from sympy import Rational

from speclint.quantity.numbers import format_like, round_half_up

from .helpers import first_literal


@pytest.mark.parametrize(
    ("value", "like", "expected"),
    [
        (Rational(25_165_824, 10**9), "0.62", "0.025"),
        (Rational(3852), "3,840", "3,852"),
        (Rational(26, 10), "10", "2.6"),
        (Rational(2767), "12767", "2767"),
        (Rational(80_640, 1000), "78.6", "80.6"),
        (Rational(12_582_912_000), "13.6 \\times 10^{9}", "12.6 \\times 10^{9}"),
        (Rational(2356, 100) * 10**21, "2.34e22", "2.36e22"),
        (Rational(98, 10) * 10**22, "2.34e22", "9.80e22"),
        (Rational(105, 10) * 10**22, "2.34e22", "1.05e23"),
        (Rational(1_234_567), "1_000_000", "1_234_567"),
        (Rational(-5, 4), "-2.0", "-1.3"),
        (Rational(35), "0.35", "35.00"),
    ],
)
def test_format_like(value: Rational, like: str, expected: str) -> None:
    lit = first_literal(like)
    assert lit is not None
    assert format_like(value, lit.number) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Rational(125, 1000), 2, Rational(13, 100)),
        (Rational(-125, 1000), 2, Rational(-13, 100)),
        (Rational(2675, 1000), 2, Rational(268, 100)),  # float round() gives 2.67
        (Rational(1, 3), 3, Rational(333, 1000)),
    ],
)
def test_round_half_up_is_exact(value: Rational, decimals: int, expected: Rational) -> None:
    assert round_half_up(value, decimals) == expected
