"""Replacements keep the author's notation and significant figures; rounding is exact."""

from __future__ import annotations

from fractions import Fraction

import pytest

from speclint.quantity.numbers import format_like, round_half_up

from .helpers import first_literal


@pytest.mark.parametrize(
    ("value", "like", "expected"),
    [
        (Fraction(25_165_824, 10**9), "0.62", "0.025"),
        (Fraction(3852), "3,840", "3,852"),
        (Fraction(26, 10), "10", "2.6"),
        (Fraction(2767), "12767", "2767"),
        (Fraction(80_640, 1000), "78.6", "80.6"),
        (Fraction(12_582_912_000), "13.6 \\times 10^{9}", "12.6 \\times 10^{9}"),
        (Fraction(2356, 100) * 10**21, "2.34e22", "2.36e22"),
        (Fraction(98, 10) * 10**22, "2.34e22", "9.80e22"),
        (Fraction(105, 10) * 10**22, "2.34e22", "1.05e23"),
        (Fraction(1_234_567), "1_000_000", "1_234_567"),
        (Fraction(-5, 4), "-2.0", "-1.3"),
        (Fraction(35), "0.35", "35.00"),
    ],
)
def test_format_like(value: Fraction, like: str, expected: str) -> None:
    lit = first_literal(like)
    assert lit is not None
    assert format_like(value, lit.number) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Fraction(125, 1000), 2, Fraction(13, 100)),
        (Fraction(-125, 1000), 2, Fraction(-13, 100)),
        (Fraction(2675, 1000), 2, Fraction(268, 100)),  # float round() gives 2.67
        (Fraction(1, 3), 3, Fraction(333, 1000)),
    ],
)
def test_round_half_up_is_exact(value: Fraction, decimals: int, expected: Fraction) -> None:
    assert round_half_up(value, decimals) == expected
