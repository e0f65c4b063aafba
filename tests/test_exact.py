"""Exact numbers are ``Fraction``; sympy is loaded only to evaluate a formula."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest

from speclint.formula.evaluate import Evaluator
from speclint.formula.lexer import normalize, tokenize
from speclint.formula.parser import scan
from speclint.quantity.display import times
from speclint.quantity.exact import INFINITY, ceiling, divide, finite, floor, is_integer
from speclint.quantity.interval import Interval

PLAIN = """\
# Serving plan

We serve the model on 8 H100 GPUs with 80 GB of memory each, at a batch size of 32.
The p99 time to first token target is under 500 ms, and throughput is about 2,400 tokens/s.

| Item | Value |
|------|-------|
| GPUs | 8 |
| Context | 8K tokens |
"""

FORMULA = "# Memory\n\nWeights: 8 × 80 GB = 650 GB.\n"

CHECK = textwrap.dedent(
    """
    import sys
    from speclint.app.cli import main
    code = main(["check", "--no-cache", "--isolated", sys.argv[1]])
    print(code, "sympy" in sys.modules)
    """
)


def _check_in_fresh_process(tmp_path: Path, text: str) -> str:
    doc = tmp_path / "doc.md"
    doc.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(doc)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stderr == ""
    return result.stdout.splitlines()[-1]


def test_a_document_without_a_formula_never_imports_sympy(tmp_path: Path) -> None:
    assert _check_in_fresh_process(tmp_path, PLAIN) == "0 False"


def test_a_formula_is_evaluated_with_sympy(tmp_path: Path) -> None:
    assert _check_in_fresh_process(tmp_path, FORMULA) == "1 True"


def _evaluate(text: str) -> tuple[object, ...]:
    text, _ = normalize(text, list(range(len(text))))
    chain = scan(tokenize(text)).chains[0]
    value = Evaluator().evaluate(chain.exprs[0])
    return value.point, value.interval.lo, value.interval.hi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8 × 80 GB", (Fraction(640 * 10**9),) * 3),
        ("2^10 / 3", (Fraction(1024, 3),) * 3),
        ("2 × (1.5 - 0.25)", (Fraction(5, 2), Fraction(239, 100), Fraction(261, 100))),
    ],
)
def test_results_leave_the_evaluator_as_fractions(text: str, expected: tuple) -> None:
    result = _evaluate(text)
    assert result == expected
    assert [type(x) for x in result] == [Fraction] * 3


def test_helpers() -> None:
    assert is_integer(Fraction(6, 3)) and not is_integer(Fraction(1, 2))
    assert floor(Fraction(-7, 2)) == -4 and ceiling(Fraction(7, 2)) == 4
    assert type(floor(Fraction(7, 2))) is Fraction
    assert divide(Fraction(3), Fraction(0)) == INFINITY
    assert divide(1, Fraction(4)) == Fraction(1, 4)
    assert times(divide(1, Fraction(0))) == "∞×"
    assert times(Fraction(25_165_824, 1_024_000)) == "24.6×"
    assert finite(Fraction(1, 3)) == Fraction(1, 3)
    with pytest.raises(ArithmeticError):
        finite(-INFINITY)


def test_open_bounds_compare_and_scale() -> None:
    below = Interval(-INFINITY, Fraction(120))
    assert below.contains(Fraction(-(10**30))) and not below.contains(Fraction(121))
    assert below.scale(Fraction(-2)) == Interval(Fraction(-240), INFINITY)
    assert below.overlaps(Interval(Fraction(100), Fraction(200)))
    assert not Interval(Fraction(8), INFINITY).overlaps(below.scale(Fraction(1, 100)))
