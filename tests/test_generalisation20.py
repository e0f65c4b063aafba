"""Shapes found on held-out set 12's misses in session 17. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

WIRE = """\
# Ingest gateway

Each gateway takes 40,000 requests/s of 2,500 B each.

Ingress per gateway is 40,000 × 2,500 B = 100 MB/s, which is about {gbps} Gbps on the NIC.
"""


def test_a_byte_rate_restated_in_bits_after_which_is_is_checked() -> None:
    [(line, code, message)] = findings(WIRE.format(gbps="0.1"))
    assert (line, code) == (5, "SPC203")
    assert (
        message == "100 MB/s = 0.8 Gbps; stated 0.1 Gbps matches only with bits and bytes (8× off)"
    )


@pytest.mark.parametrize("gbps", ["0.8", "0.81"])
def test_a_byte_rate_restated_rightly_in_bits_is_silent(gbps: str) -> None:
    assert findings(WIRE.format(gbps=gbps)) == []


SLO = """\
# Canary under the latency SLO

- Engine A: 2,850 of 3,000 requests stayed inside it ({a} %).
- Engine B: 2,610 of 3,000 did ({b} %).
"""


def test_a_share_of_counts_after_a_clause_is_checked() -> None:
    [(line, code, message)] = findings(SLO.format(a="95.0", b="89.0"))
    assert (line, code) == (4, "SPC102")
    assert message.startswith("2,610 / 3,000 did = 87.0%; stated 89.0 % is 2.3% too large")


def test_a_share_of_counted_requests_is_checked() -> None:
    [(line, code, message)] = findings(SLO.format(a="85.0", b="87.0"))
    assert (line, code) == (3, "SPC102")
    assert message.startswith(
        "2,850 / 3,000 requests stayed = 95.0%; stated 85.0 % is 1.12× too small"
    )


@pytest.mark.parametrize(
    "text",
    [
        SLO.format(a="95.0", b="87.0"),
        # a figure between the counts and the share: the share may be of something else
        "- 2,850 of 3,000 requests took 180 ms (85 %).\n",
        # a whole that is a bound or a rough figure is no count to divide by
        "- 2,850 of ~3,000 requests stayed inside it (85 %).\n",
    ],
)
def test_right_shares_and_unsure_wholes_are_silent(text: str) -> None:
    assert findings(text) == []


SPEED = """\
# Decode comparison

At batch 32 engine A takes 9.8 ms per output token and engine B 11.2 ms.

Engine A decodes {ratio} than engine B.
"""


def test_a_quotient_under_one_called_faster_is_upside_down() -> None:
    [(line, code, message)] = findings(SPEED.format(ratio="9.8 / 11.2 ≈ 0.88× faster"))
    assert (line, code) == (5, "SPC101")
    assert message == (
        "11.2 / 9.8 = 1.14×; stated 0.88× faster is 1.30× too small ('faster' puts the larger"
        " figure over the smaller: a speedup is above 1)"
    )


@pytest.mark.parametrize(
    "ratio",
    [
        "11.2 / 9.8 ≈ 1.14× faster",
        # a quotient under 1 that says what it is: no speedup
        "in 9.8 / 11.2 ≈ 0.88× the time",
    ],
)
def test_a_speedup_the_right_way_up_or_a_plain_ratio_is_silent(ratio: str) -> None:
    assert findings(SPEED.format(ratio=ratio)) == []


BUDGET = """\
# Monthly run cost

| Line item | $/month |
|---|---|
| reserved instances | 90,000 |
| egress (measured) | 7,315 |
| observability | 4,000 |
| **total** | **{total}** |
"""


def test_a_total_of_a_column_shown_to_units_reads_its_round_figures_as_exact() -> None:
    [(line, code, message)] = findings(BUDGET.format(total="103,315"))
    assert (line, code) == (8, "SPC103")
    assert message.startswith("90,000 (line 5) + 7,315 (line 6) + 4,000 (line 7) = $101,315")


@pytest.mark.parametrize(
    "text",
    [
        BUDGET.format(total="101,315"),
        # every figure round: each may be rounded, so the total may be too
        BUDGET.format(total="103,300").replace("7,315", "7,300"),
    ],
)
def test_a_right_total_or_a_column_of_round_figures_is_silent(text: str) -> None:
    assert findings(text) == []


BACKLOG = """\
# Queue backlog

The consumers drain 30,000 events/s; the burst brings 45,000 events/s for 10 minutes.

Backlog after the burst: (45,000 − 30,000) × {time} = {count} events.
"""


def test_bare_rates_times_seconds_stated_as_a_count_are_checked() -> None:
    [(line, code, message)] = findings(BACKLOG.format(time="600 s", count="0.9M"))
    assert (line, code) == (5, "SPC101")
    assert message == (
        "(45,000 − 30,000) × 600 s = 9.0M; stated 0.9M events is 10× too small"
        " (the bare figures are read per second)"
    )


@pytest.mark.parametrize(
    ("time", "count"),
    [
        ("600 s", "9M"),
        # per second or per minute? the bare figures do not say
        ("10 min", "0.9M"),
    ],
)
def test_a_right_count_or_a_time_not_in_seconds_is_silent(time: str, count: str) -> None:
    assert findings(BACKLOG.format(time=time, count=count)) == []


WALL = """\
# Fine-tune run

The run needs 96 GPU-hours in total.

{sentence}
"""


def test_gpu_time_taking_a_plain_time_is_spread_over_the_sentence_s_gpus() -> None:
    sentence = "On the reserved 32-GPU partition the 96 GPU-hours take 96 hours of wall-clock."
    [(line, code, message)] = findings(WALL.format(sentence=sentence))
    assert (line, code) == (5, "SPC101")
    assert message == "96 GPU-hours / 32 GPUs = 3 hours; stated 96 hours is 32× too large"


@pytest.mark.parametrize(
    "sentence",
    [
        "On the reserved 32-GPU partition the 96 GPU-hours take 3 hours of wall-clock.",
        # two GPU counts: which one runs it is unsure
        "On the 32-GPU partition (or the 16-GPU fallback) the 96 GPU-hours take 6 hours.",
        # no GPU count in the sentence
        "The 96 GPU-hours take 96 hours on one GPU.",
    ],
)
def test_a_right_wall_clock_or_an_unsure_gpu_count_is_silent(sentence: str) -> None:
    assert findings(WALL.format(sentence=sentence)) == []
