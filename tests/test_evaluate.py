"""Exact evaluation with units as algebra, and the caps that keep it safe."""

from __future__ import annotations

from fractions import Fraction

import pytest

from speclint.formula.evaluate import Evaluator, NotEvaluable
from speclint.formula.expr import TooComplex
from speclint.formula.lexer import normalize, tokenize
from speclint.formula.parser import scan
from speclint.quantity.units import unit_table

from .helpers import statuses

DIMS = unit_table().names


def evaluate(text: str, *, math: bool = False):
    text, _ = normalize(text, list(range(len(text))))
    chains = scan(tokenize(text), math=math).chains
    assert chains, f"nothing parsed in {text!r}"
    return Evaluator().evaluate(chains[0].exprs[0])


def test_units_are_algebra() -> None:
    value = evaluate("80 GB / 3,350 GB/s")
    assert value.point == Fraction(80, 3350)
    assert value.dims == tuple(1 if name == "second" else 0 for name in DIMS)


def test_results_are_exact_rationals() -> None:
    assert evaluate("0.1 + 0.2").point == Fraction(3, 10)
    assert evaluate("1 / 3 × 3").point == 1


def test_a_unit_written_once_applies_to_the_whole_sum() -> None:
    value = evaluate("5.2 + 10 + 4 GB")
    assert value.point == Fraction(192, 10) * 10**9


@pytest.mark.parametrize("text", ["2 / (3 - 3)", "64 GB + 3 s", "x × 2"])
def test_not_evaluable(text: str) -> None:
    with pytest.raises(NotEvaluable):
        evaluate(text)


@pytest.mark.parametrize(
    "text",
    [
        "max(64, 32) = 64",
        "30 + 6 * sqrt(64) = 78",
        "$\\log(10) \\times 2 = 4.6$",
        "$\\log_{1.125}(10) = 5.885$",
    ],
)
def test_functions_are_never_evaluated(text: str) -> None:
    """Function calls other than a rounding make a formula unevaluable; their arguments are
    not checked alone."""
    assert all(status == "skip" for _, _, status in statuses(text))


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("ceil(64 / 33) = 2", "consistent"),
        ("30 + 6 * ceil(64 / 33) = 42", "consistent"),
        ("30 + 6 * ceil(64 / 33) = 36", "inconsistent"),
        ("floor(64 / 33) = 1", "consistent"),
        ("⌈64 / 33⌉ = 1", "inconsistent"),
    ],
)
def test_a_rounding_up_or_down_is_evaluated(text: str, status: str) -> None:
    assert statuses(text) == [("formula", text.rsplit(" ", 1)[1], status)]


@pytest.mark.parametrize("text", ["2^4097", "9^9^9^9", "10^10^10", "2^(2^(2^(2^(2^2))))"])
def test_power_caps(text: str) -> None:
    with pytest.raises(TooComplex):
        evaluate(text)


def test_small_powers_are_exact() -> None:
    assert evaluate("2^64 - 1").point == 2**64 - 1
    assert evaluate("10^{-4}", math=True).point == Fraction(1, 10_000)
    assert evaluate("(3 / 7)^3").point == Fraction(27, 343)
    assert evaluate("(2 / 3)^{-2}", math=True).point == Fraction(9, 4)
    assert evaluate("0^0").point == 1


def test_a_power_of_an_interval_keeps_its_bounds_in_order() -> None:
    # 1.5 stands for [1.45, 1.55] as an operand: squared, [2.1025, 2.4025]
    value = evaluate("1.5^2")
    assert (value.interval.lo, value.interval.hi) == (Fraction(841, 400), Fraction(961, 400))
    inverse = evaluate("1.5^{-1}", math=True)
    assert inverse.interval.lo == 1 / Fraction(31, 20) and inverse.interval.hi == 1 / Fraction(
        29, 20
    )


def test_zero_to_a_negative_power_is_not_evaluated() -> None:
    with pytest.raises(NotEvaluable):
        evaluate("0^{-1}", math=True)


def test_parser_caps_nesting_and_length() -> None:
    deep = "(" * 40 + "2" + ")" * 40 + " = 2"
    assert scan(tokenize(deep)).unchecked
    long_sum = " + ".join(["1"] * 80) + " = 80"
    assert scan(tokenize(long_sum)).unchecked


def test_integer_division_reading() -> None:
    text = "15 * (64/136 + 1) + 13"
    chain = scan(tokenize(text)).chains[0]
    assert Evaluator(floor_division=True).evaluate(chain.exprs[0]).point == 28
    assert Evaluator().evaluate(chain.exprs[0]).point == Fraction(15 * 200, 136) + 13
