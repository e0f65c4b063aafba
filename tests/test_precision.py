"""Stated precision decides: intervals, approximations, bounds, boundary mutants."""

from __future__ import annotations

import pytest
from sympy import Rational, oo

from speclint.quantity.precision import written_interval

from .helpers import first_literal, statuses


def interval(text: str, *, stated: bool = True) -> tuple[Rational, Rational]:
    lit = first_literal(text)
    assert lit is not None
    iv = written_interval(lit, stated=stated)
    return iv.lo, iv.hi


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("0.62", Rational("0.615"), Rational("0.625")),
        ("19.20", Rational("19.195"), Rational("19.205")),
        ("3,840", Rational("3839.5"), Rational("3840.5")),
        ("30%", Rational("29.5"), Rational("30.5")),
        ("1,500", 1450, 1550),
        ("~2.6", Rational("2.47"), Rational("2.73")),
        ("~90", 80, 100),
        ("20,000", 19_000, 21_000),
        ("100", 95, 105),
        ("2–4", Rational("1.5"), Rational("4.5")),
        ("5 ± 0.5", Rational("4.5"), Rational("5.5")),
        ("< 120", -oo, Rational("120.5")),
        ("< 100", -oo, 105),
        ("at least 8", Rational("7.5"), oo),
    ],
)
def test_stated_intervals(text: str, lo: Rational, hi: Rational) -> None:
    assert interval(text) == (lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("8", 8, 8),
        ("1024", 1024, 1024),
        ("1e9", 10**9, 10**9),
        ("0.5", Rational("0.45"), Rational("0.55")),
    ],
)
def test_operand_intervals(text: str, lo: Rational, hi: Rational) -> None:
    """Counts and powers of ten in a formula are exact; decimals keep their precision."""
    assert interval(text, stated=False) == (lo, hi)


def test_scaled_operands_keep_their_rounding() -> None:
    lit = first_literal("10B params")
    iv = written_interval(lit, stated=False)
    assert (iv.lo, iv.hi) == (Rational("9.5"), Rational("10.5"))


@pytest.mark.parametrize(
    ("formula_bytes", "status"),
    [
        ("2,540,000 × 1,000 bytes", "consistent"),  # 2.54 GB: 0.4 units below 2.5's edge
        ("2,550,000 × 1,000 bytes", "consistent"),  # exactly on the edge: intervals are closed
        ("2,560,000 × 1,000 bytes", "inconsistent"),  # 0.6 units: outside [2.45, 2.55]
        ("2,440,000 × 1,000 bytes", "inconsistent"),
    ],
)
def test_boundary_mutants(formula_bytes: str, status: str) -> None:
    assert statuses(f"Shard size: 2.5 GB ({formula_bytes})") == [("formula", "2.5 GB", status)]


def test_trailing_zero_narrows_the_interval() -> None:
    assert statuses("Shard size: 2.5 GB (2,540,000 × 1,000 bytes)")[0][2] == "consistent"
    assert statuses("Shard size: 2.50 GB (2,540,000 × 1,000 bytes)")[0][2] == "inconsistent"


def test_approximation_widens_the_stated_value() -> None:
    assert statuses("Weights: 15 GB (7.5B params × 2 bytes)")[0][2] == "consistent"
    assert statuses("Weights: 13 GB (7.5B params × 2 bytes)")[0][2] == "inconsistent"
    assert statuses("Weights: ~14 GB (7.5B params × 2 bytes)")[0][2] == "consistent"
    assert statuses("Weights: 7.5B params × 2 bytes ≈ 14 GB")[0][2] == "consistent"
    # Without "~", 14 GB is what 15 GB is in GiB: a named unit slip, not a bare mismatch.
    assert statuses("Weights: 14 GB (7.5B params × 2 bytes)")[0][2] == "slip"


def test_bounds_are_half_open() -> None:
    assert statuses("Step time: < 20 ms (26 GB / 2.0 TB/s)")[0][2] == "consistent"
    assert statuses("Step time: < 10 ms (26 GB / 2.0 TB/s)")[0][2] == "inconsistent"
    assert statuses("Decode: ≥ 70 tokens/s (1 / 13 ms)")[0][2] == "consistent"
    assert statuses("Decode: ≥ 80 tokens/s (1 / 13 ms)")[0][2] == "inconsistent"
