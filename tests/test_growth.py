"""Linear-time rewrites of quadratic loops (issue 12) give what the quadratic ones gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Rational

from speclint.claims.table_rows import _all_but_one
from speclint.quantity.interval import Interval

_INTERVALS = st.lists(
    st.tuples(st.integers(-20, 20), st.integers(0, 10)).map(
        lambda t: Interval(Rational(t[0]), Rational(t[0] + t[1]))
    ),
    min_size=2,
    max_size=8,
)


def _brute_force(ranges: list[Interval]) -> list[Interval | None]:
    out: list[Interval | None] = []
    for skip in range(len(ranges)):
        others = [r for k, r in enumerate(ranges) if k != skip]
        lo, hi = max(r.lo for r in others), min(r.hi for r in others)
        out.append(Interval(lo, hi) if lo <= hi else None)
    return out


@settings(max_examples=200, deadline=None)
@given(_INTERVALS)
def test_all_but_one_is_the_intersection_of_the_others(ranges: list[Interval]) -> None:
    assert _all_but_one(ranges) == _brute_force(ranges)


def test_all_but_one_of_two_is_the_other() -> None:
    a, b = Interval(Rational(1), Rational(3)), Interval(Rational(2), Rational(5))
    assert _all_but_one([a, b]) == [b, a]
    assert _all_but_one([a, Interval(Rational(4), Rational(5)), b]) == [
        Interval(Rational(4), Rational(5)),
        Interval(Rational(2), Rational(3)),
        None,
    ]
