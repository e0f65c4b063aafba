"""Stated precision decides: intervals, approximations, bounds, boundary mutants."""

from __future__ import annotations

from fractions import Fraction

import pytest

from speclint.quantity.exact import INFINITY, Bound
from speclint.quantity.precision import written_interval

from .helpers import first_literal, statuses


def interval(text: str, *, stated: bool = True) -> tuple[Bound, Bound]:
    lit = first_literal(text)
    assert lit is not None
    iv = written_interval(lit, stated=stated)
    return iv.lo, iv.hi


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("0.62", Fraction("0.615"), Fraction("0.625")),
        ("19.20", Fraction("19.195"), Fraction("19.205")),
        ("3,840", Fraction("3839.5"), Fraction("3840.5")),
        ("30%", Fraction("29.5"), Fraction("30.5")),
        ("1,500", 1450, 1550),
        ("~2.6", Fraction("2.47"), Fraction("2.73")),
        ("~90", 80, 100),
        ("20,000", 19_000, 21_000),
        ("100", 95, 105),
        ("2–4", Fraction("1.5"), Fraction("4.5")),
        ("5 ± 0.5", Fraction("4.5"), Fraction("5.5")),
        ("< 120", -INFINITY, Fraction("120.5")),
        ("< 100", -INFINITY, 105),
        ("at least 8", Fraction("7.5"), INFINITY),
    ],
)
def test_stated_intervals(text: str, lo: Fraction, hi: Fraction) -> None:
    assert interval(text) == (lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("8", 8, 8),
        ("1024", 1024, 1024),
        ("1e9", 10**9, 10**9),
        ("0.5", Fraction("0.45"), Fraction("0.55")),
    ],
)
def test_operand_intervals(text: str, lo: Fraction, hi: Fraction) -> None:
    """Counts and powers of ten in a formula are exact; decimals keep their precision."""
    assert interval(text, stated=False) == (lo, hi)


def test_scaled_operands_keep_their_rounding() -> None:
    lit = first_literal("10B params")
    iv = written_interval(lit, stated=False)
    assert (iv.lo, iv.hi) == (Fraction("9.5"), Fraction("10.5"))


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
