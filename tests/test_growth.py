"""Linear-time rewrites of quadratic loops (issue 12) give what the quadratic ones gave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Integer, Rational

from speclint.claims.model import Scanned
from speclint.claims.per_unit import MAX_LINE_DISTANCE, PerUnit, PerUnits
from speclint.claims.sums import Part, _run_sums, _sum_interval, _wholes_before
from speclint.claims.table_rows import all_but_one
from speclint.document import Segment
from speclint.domain.facts import Fact, FactSet
from speclint.engine.lint import lint_source
from speclint.formula.evaluate import Value
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
    assert all_but_one(ranges) == _brute_force(ranges)


def test_all_but_one_of_two_is_the_other() -> None:
    a, b = Interval(Rational(1), Rational(3)), Interval(Rational(2), Rational(5))
    assert all_but_one([a, b]) == [b, a]
    assert all_but_one([a, Interval(Rational(4), Rational(5)), b]) == [
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


_LONG = " ".join(["2 × 3 = 6"] * 2500) + " and 2 × 3 = 7"  # 25,013 characters
_TOO_LONG = (
    "not checked: a block of 25,013 characters (over 20,000); separate paragraphs with blank lines"
)


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        (f"# T\n\n{_LONG}\n", 3),  # a paragraph
        (f"# T\n\n- a\n- {_LONG}\n- b\n", 4),  # a list item
        (f"# T\n\n| a | b |\n|---|---|\n| x | 1 |\n| y | {_LONG} |\n", 6),  # a table cell
        (f"# T\n\n> {_LONG}\n", 3),  # a blockquote
        (f"# T\n\n```\nfine: 2 × 3 = 6\n{_LONG}\n```\n", 5),  # a line of a plain code block
        (f"# T\n\n```yaml\nkv_gb: 6  # 2 × 3\nkey_gb: 6  # {_LONG}\n```\n", 5),  # a comment
        (f"# T\n\n$$\n{_LONG}\n$$\n", 4),  # a math block
    ],
)
def test_a_block_past_the_cap_is_reported_at_its_line(doc: str, line: int) -> None:
    found = [(d.code, d.line, d.severity, d.message) for d in lint_source(doc)]
    assert found == [("SPC003", line, "info", _TOO_LONG)]


def test_a_config_comment_whose_reading_times_out_is_reported(monkeypatch) -> None:
    from speclint.claims import config_comments
    from speclint.formula.lexer import LexTimeout, tokenize

    def slow(text: str) -> list:
        if "2 × 3 = 7" in text:
            raise LexTimeout("regex timed out")
        return tokenize(text)

    doc = "# T\n\n```yaml\nkey_gb: 6  # 2 × 3 = 7\n```\n"
    assert [(d.code, d.line) for d in lint_source(doc)] == [("SPC101", 4)]
    monkeypatch.setattr(config_comments, "tokenize", slow)
    found = [(d.code, d.line, d.message) for d in lint_source(doc)]
    assert found == [("SPC003", 4, "not checked: reading this block took too long")]


def test_a_long_table_and_a_long_config_block_are_checked_whole() -> None:
    rows = "".join(f"| r{i} | 2 × 3 = 6 |\n" for i in range(3000))
    table = f"# T\n\n| a | b |\n|---|---|\n{rows}| last | 2 × 3 = 7 |\n"
    assert [(d.code, d.line) for d in lint_source(table)] == [("SPC101", 3005)]
    keys = "".join(f"k{i}_gb: 6  # 2 × 3\n" for i in range(3000))
    config = f"# T\n\n```yaml\n{keys}last_gb: 7  # 2 × 3\n```\n"
    assert [(d.code, d.line) for d in lint_source(config)] == [("SPC101", 3004)]


@settings(max_examples=100, deadline=None)
@given(_INTERVALS, st.integers(-20, 30))
def test_run_sums_and_wholes_are_what_slices_give(ranges: list[Interval], stated: int) -> None:
    parts = [Part(Value(r.lo, r, (), True), "", "", 1) for r in ranges]
    total = Value(Rational(stated), Interval.point(Rational(stated)), (), True)
    assert _run_sums(parts) == [_sum_interval(parts[k:]) for k in range(len(parts))]
    assert _wholes_before(parts, total) == [
        any(p.value.point >= stated for p in parts[:k]) for k in range(len(parts))
    ]
