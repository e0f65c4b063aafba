"""Linear-time rewrites of quadratic loops (issue 12) give what the quadratic ones gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Integer, Rational

from speclint.claims.model import Scanned
from speclint.claims.per_unit import MAX_LINE_DISTANCE, PerUnit, PerUnits
from speclint.claims.table_rows import _all_but_one
from speclint.document import Segment
from speclint.domain.facts import Fact, FactSet
from speclint.formula.parser import ScanResult
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


def test_factset_get_follows_adds_and_replaced_lists() -> None:
    facts = FactSet()
    facts.add(Fact("gpu_count", Integer(32), "GPUs: 32", 3))
    assert facts.get("gpu_count") == Fact("gpu_count", Integer(32), "GPUs: 32", 3)
    facts.add(Fact("gpu_count", Integer(32), "GPUs: 32", 3))  # the same statement again
    assert len(facts.facts["gpu_count"]) == 1
    facts.add(Fact("gpu_count", Integer(64), "GPUs: 64", 9))
    assert facts.get("gpu_count") is None  # two values now
    facts.facts["gpu_count"] = [f for f in facts.facts["gpu_count"] if f.line == 9]
    assert facts.value("gpu_count") == 64  # a list replaced from outside is read again
    facts.add(Fact("gpu_count", Integer(32), "GPUs: 32", 3))
    assert [f.line for f in facts.facts["gpu_count"]] == [9, 3]
    assert facts.get("gpu_count") is None


def _per_unit(line: int, section: tuple[str, ...]) -> PerUnit:
    segment = Segment("", [], "paragraph", section, 0)
    where = Scanned(segment, "", [], [], ScanResult())
    return PerUnit(None, where, line, "gpu")  # type: ignore[arg-type]


def test_per_units_before_a_total_are_the_ones_a_scan_finds_in_order() -> None:
    lines = [40, 5, 12, 40, 71, 12, 3, 41, 70]
    found = [_per_unit(line, ("A",) if k % 3 else ("B",)) for k, line in enumerate(lines)]
    nearby = PerUnits(found)
    for section in (("A",), ("B",), ("C",)):
        for line in range(0, 110):
            expected = [
                p
                for p in found
                if p.where.segment.section == section and 0 <= line - p.line <= MAX_LINE_DISTANCE
            ]
            assert nearby.before(section, line) == expected
