"""Numbers, scales and units as people write them in specs."""

from __future__ import annotations

from fractions import Fraction

import pytest

from speclint.formula.evaluate import Evaluator
from speclint.formula.lexer import tokenize
from speclint.formula.parser import scan
from speclint.quantity.units import unit_table

from .helpers import base_value, first_literal

DIMS = unit_table().names


def dims_of(**exponents: int) -> tuple[int, ...]:
    return tuple(exponents.get(name, 0) for name in DIMS)


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("3,840", Fraction(3840), 0),
        ("1 024", Fraction(1024), 0),
        ("1\u2009024", Fraction(1024), 0),
        ("1_000_000", Fraction(1_000_000), 0),
        ("0.62", Fraction(62, 100), 2),
        (".5", Fraction(1, 2), 1),
        ("1e-4", Fraction(1, 10_000), 0),
        ("2.34e22", Fraction(234, 100) * Fraction(10) ** 22, 2),
        ("2.34E+22", Fraction(234, 100) * Fraction(10) ** 22, 2),
        ("5.72 \\times 10^{15}", Fraction(572, 100) * Fraction(10) ** 15, 2),
        ("3.2×10^9", Fraction(32, 10) * Fraction(10) ** 9, 1),
        ("1.5 x 10^-3", Fraction(15, 10) / 1000, 1),
    ],
)
def test_number_forms(text: str, value: Fraction, decimals: int) -> None:
    lit = first_literal(text)
    assert lit is not None
    assert lit.number.value == value
    assert lit.number.decimals == decimals
    assert lit.number.text == text


def test_power_of_ten_is_an_exact_expression() -> None:
    """``10^{15}`` is the power 10 ^ 15 of two exact integers, not a rounded literal."""
    [chain] = scan(tokenize("10^{15}")).chains
    value = Evaluator().evaluate(chain.exprs[0])
    assert value.point == Fraction(10) ** 15
    assert value.interval.lo == value.interval.hi


@pytest.mark.parametrize(
    ("text", "base", "dims"),
    [
        ("0.62GB", Fraction(62, 100) * 10**9, dims_of(byte=1)),
        ("80 GB", Fraction(80) * 10**9, dims_of(byte=1)),
        ("64 GiB", Fraction(64) * 2**30, dims_of(byte=1)),
        ("512 KiB", Fraction(512) * 2**10, dims_of(byte=1)),
        ("16 kB", Fraction(16_000), dims_of(byte=1)),
        ("2 bytes", Fraction(2), dims_of(byte=1)),
        ("400 Gb/s", Fraction(50) * 10**9, dims_of(byte=1, second=-1)),
        ("100 Gbps", Fraction(125, 10) * 10**9, dims_of(byte=1, second=-1)),
        ("8 Gbit", Fraction(10) ** 9, dims_of(byte=1)),
        ("3,350 GB/s", Fraction(3350) * 10**9, dims_of(byte=1, second=-1)),
        ("2.0 TB/s", Fraction(2) * 10**12, dims_of(byte=1, second=-1)),
        ("10B params", Fraction(10) ** 10, dims_of(param=1)),
        ("77.76B tokens", Fraction(7776, 100) * 10**9, dims_of(token=1)),
        ("1.38 million tokens", Fraction(138, 100) * 10**6, dims_of(token=1)),
        ("312 TFLOPS", Fraction(312) * 10**12, dims_of(flop=1, second=-1)),
        ("2.34e22 FLOPs", Fraction(234, 100) * 10**22, dims_of(flop=1)),
        ("120 tokens/ms", Fraction(120_000), dims_of(token=1, second=-1)),
        ("1,800 tokens/s", Fraction(1800), dims_of(token=1, second=-1)),
        ("25 req/s", Fraction(25), dims_of(request=1, second=-1)),
        ("1,000 QPS", Fraction(1000), dims_of(request=1, second=-1)),
        ("12,000 requests per minute", Fraction(200), dims_of(request=1, second=-1)),
        ("$2.21/h", Fraction(221, 100) / 3600, dims_of(usd=1, second=-1)),
        ("3,000 USD", Fraction(3000), dims_of(usd=1)),
        ("30%", Fraction(3, 10), dims_of()),
        ("850 µs", Fraction(850, 10**6), dims_of(second=1)),
        ("850 us", Fraction(850, 10**6), dims_of(second=1)),
        ("25 ms", Fraction(25, 1000), dims_of(second=1)),
        ("8.5s", Fraction(85, 10), dims_of(second=1)),
        ("3 sec", Fraction(3), dims_of(second=1)),
        ("90 min", Fraction(5400), dims_of(second=1)),
        ("2 hours", Fraction(7200), dims_of(second=1)),
        ("14 days", Fraction(14 * 86400), dims_of(second=1)),
        ("24,576 GPU-hours", Fraction(24576 * 3600), dims_of(second=1)),
        ("3×", Fraction(3), dims_of()),
        ("2x", Fraction(2), dims_of()),
    ],
)
def test_units(text: str, base: Fraction, dims: tuple[int, ...]) -> None:
    value = base_value(text)
    assert value.point == base
    assert value.dims == dims


@pytest.mark.parametrize(
    ("text", "scale"),
    [("7.2k", "k"), ("2.7M", "M"), ("10B params", "B"), ("1.38 million", "million")],
)
def test_scale_suffixes(text: str, scale: str) -> None:
    lit = first_literal(text)
    assert lit is not None and lit.scale is not None and lit.scale.text == scale


def test_k_suffix_admits_the_binary_reading_for_counts() -> None:
    value = base_value("128K tokens")
    assert value.interval.contains(Fraction(131_072))
    assert value.interval.contains(Fraction(128_000))


@pytest.mark.parametrize(
    ("text", "label", "per"),
    [
        ("8 experts", "experts", ""),
        ("32 GPUs", "GPUs", ""),
        ("16 layers", "layers", ""),
        ("64GB VRAM", "VRAM", ""),
        ("120 tokens/ms per GPU", "", "GPU"),
        ("5 GB per-GPU", "", "GPU"),
        ("10240-token sequences", "", ""),
    ],
)
def test_counts_and_qualifiers(text: str, label: str, per: str) -> None:
    lit = first_literal(text)
    assert lit is not None
    assert (lit.label, lit.per) == (label, per)


def test_unicode_approximations_and_bounds() -> None:
    assert first_literal("~2.6B").approx
    assert first_literal("≈ 14 days").approx
    assert first_literal("about 3 GB").approx
    assert first_literal("< 100 ms").bound == "<"
    assert first_literal("up to 2 TB/s").bound == "<="
    assert first_literal("at least 8 GPUs").bound == ">="
    assert first_literal("2–4 GB").upper is not None


@pytest.mark.parametrize(
    "text",
    [
        "A100",
        "A100-80GB",
        "Llama-3-8B",
        "fp16",
        "bf16",
        "top-2",
        "p99",
        "v1.2.3",
        "1.2.3",
        "10.0.0.1",
        "2024-01-05",
        "08-30",  # a due date, its month's leading zero written
        "14:30",
        "0x1F",
        "3rd",
        "1080p",
        "x86_64",
        "https://example.com/a?b=32",
    ],
)
def test_lookalikes_are_not_quantities(text: str) -> None:
    assert first_literal(text) is None


def test_a_range_without_leading_zero_is_still_a_number() -> None:
    assert first_literal("10-20 GPUs") is not None


def test_layout_is_a_product() -> None:
    kinds = [(t.kind, t.text) for t in tokenize("4x4x2")]
    assert kinds == [("num", "4"), ("sym", "×"), ("num", "4"), ("sym", "×"), ("num", "2")]


def test_overlong_digit_runs_do_not_crash() -> None:
    tokens = tokenize("9" * 5000 + " = 1")
    assert tokens[-1].text == "1"
