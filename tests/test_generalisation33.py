"""Shapes the lead found on held-out sets in session 25. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

SPAN_AFTER = """\
# Postmortem: search index rebuild

The rebuild blocked writes for {length} (22:50 → 00:35 UTC), longer than the 60-minute budget.
"""


def test_a_duration_before_its_clock_span_is_the_spans_length() -> None:
    # 00:35 − 22:50 past midnight = 105 minutes.
    assert findings(SPAN_AFTER.format(length="105 minutes")) == []
    [(line, code, message)] = findings(SPAN_AFTER.format(length="95 minutes"))
    assert (line, code) == (3, "SPC101")
    assert "00:35 − 22:50 = 105 minutes; stated 95 minutes" in message


WEEKDAYS = """\
# Capacity incident

- Replicas stayed pinned at the maximum from {first} to {second}: {length}.
"""


def test_a_span_across_weekdays_counts_the_days_between() -> None:
    # Wed 21:30 → Fri 09:00 is 35.5 h; Wed 21:30 → 09:00 on one day would be 11.5 h.
    good = WEEKDAYS.format(first="21:30 Wed", second="09:00 Fri", length="35.5 h")
    assert findings(good) == []
    assert findings(WEEKDAYS.format(first="Wed 21:30", second="Fri 09:00", length="35.5 h")) == []
    [(line, code, message)] = findings(
        WEEKDAYS.format(first="21:30 Wed", second="09:00 Fri", length="11.5 h")
    )
    assert (line, code) == (3, "SPC101")
    assert "Fri 09:00 − Wed 21:30 = 35.5 h; stated 11.5 h" in message


def test_a_span_with_one_weekday_is_not_read() -> None:
    # Which day 09:00 falls on is not said: the span may be 11.5 h or days longer.
    assert findings(WEEKDAYS.format(first="Wed 21:30", second="09:00", length="59.5 h")) == []


def test_a_period_a_bound_or_a_latency_before_a_span_is_no_length() -> None:
    text = """\
# Batch window

The exporter runs every 15 minutes (08:00–18:00).
Failover finished within 10 minutes (04:00–04:07).
The p99 was 340 ms (13:00–14:00) on the busiest shard.
"""
    assert findings(text) == []


TAIL = """\
# Batching trade-off

Raising the batch cap to 128 lifts throughput, but p99 TTFT goes from 310 ms to 1.4 s, {multiple}.
"""


def test_a_multiple_of_a_time_named_worse_or_faster_is_the_larger_over_the_smaller() -> None:
    # 1.4 s / 310 ms = 4.5×; "worse" says which is better, not which is larger.
    assert findings(TAIL.format(multiple="so 4.5× worse")) == []
    [(line, code, message)] = findings(TAIL.format(multiple="so 3.2× worse"))
    assert (line, code) == (3, "SPC101")
    assert "1.4 s / 310 ms" in message and "stated 3.2" in message
    # A time that falls: "faster" is the old time over the new.
    faster = "# Kernels\n\nThe fused kernel cuts step time from 360 ms to 90 ms, {m}× faster.\n"
    assert findings(faster.format(m="4")) == []
    [(line, code, _)] = findings(faster.format(m="3"))
    assert (line, code) == (3, "SPC101")


def test_a_bare_multiple_after_a_change_is_its_ratio() -> None:
    text = "# Decode\n\nDecode throughput rose from 1,150 tok/s to 3,450 tok/s ({m}×).\n"
    assert findings(text.format(m="3")) == []
    [(line, code, _)] = findings(text.format(m="2.5"))
    assert (line, code) == (3, "SPC101")


def test_a_speed_word_after_a_change_of_counts_is_not_its_ratio() -> None:
    # Going from 4 to 8 nodes makes the job faster by what the nodes give, not by 8 / 4.
    assert findings("# Scale-out\n\nGoing from 4 to 8 nodes, 1.7× faster.\n") == []
    assert findings("# Scale-out\n\nFrom 4 to 8 nodes (1.7× throughput).\n") == []
