"""Relations in prose (issue 10): scale suffixes, compound resource-time units, restatements in
parentheses, time to move a size at a rate, named references and changes between two figures.
Each class has wrong cases (exact line, code and message) and correct look-alikes that stay
silent."""

from __future__ import annotations

import pytest

from speclint import lint_text


def found(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in lint_text(text, "t.md")]


def fixes(text: str) -> list[str]:
    return [d.fix.replacement for d in lint_text(text, "t.md") if d.fix is not None]


# ---- decimal scale suffixes --------------------------------------------------------------------


def test_fractional_scale_suffix_is_decimal_only() -> None:
    text = "Block budget: 41.2M (attention) + 120.6M (MLP) + 8k (norms) = 171.8M per block.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message.startswith("41.2M (attention) + 120.6M (MLP) + 8k (norms) = 161.8M;")
    assert fixes(text) == ["161.8"]


@pytest.mark.parametrize(
    "text",
    [
        "Block budget: 41.2M (attention) + 120.6M (MLP) + 8k (norms) = 161.8M per block.\n",
        # a whole-number suffix may still be the 1024-based size authors mean
        "The window holds 96K + 32K = 131,072 tokens.\n",
    ],
)
def test_scale_suffix_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- resource-time units -----------------------------------------------------------------------


def test_gpu_seconds_restated_in_gpu_hours() -> None:
    text = "Eval sweep: 3.6e18 / 200e12 ≈ 1.8e4 GPU-seconds ≈ 50 GPU-hours in total.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC201")
    assert message == ("1.8e4 GPU-seconds = 5 GPU-hours; stated 50 GPU-hours is 10× too large")
    assert fixes(text) == ["5"]


def test_replica_hours_times_stated_parallel_degrees() -> None:
    text = "The backfill is 700 replica-hours, i.e. 1,400 GPU-hours at TP=4 × PP=2.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message == (
        "700 replica-hours × 4 (TP=4) × 2 (PP=2) = 5,600 GPU-hours; "
        "stated 1,400 GPU-hours is 4× too small"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Eval sweep: 3.6e18 / 200e12 ≈ 1.8e4 GPU-seconds ≈ 5 GPU-hours in total.\n",
        "The backfill is 700 replica-hours, i.e. 5,600 GPU-hours at TP=4 × PP=2.\n",
        "The backfill is 700 replica-hours, i.e. 2,800 GPU-hours at TP=4.\n",
        # no stated degree: GPUs per replica unknown, so nothing is compared
        "The backfill is 700 replica-hours, i.e. 2,800 GPU-hours.\n",
        # GPU-hours and wall-clock hours count different things
        "The job takes 120 GPU-hours, i.e. 15 hours on one node.\n",
        "Training used 256 GPUs × 264 hours = 67,584 GPU-hours.\n",
    ],
)
def test_resource_time_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- restatement in parentheses, with words after it -------------------------------------------


def test_rate_restated_in_parentheses_with_words() -> None:
    text = "Replication traffic is 2,450 MB/s (about 2.5 Gbps on the wire) at peak.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC203")
    assert message == (
        "2,450 MB/s = 19.6 Gbps; stated 2.5 Gbps matches only with bits and bytes (7.84× off)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Replication traffic is 2,450 MB/s (about 19.6 Gbps on the wire) at peak.\n",
        # a part of the amount, not the amount restated
        "The pool holds 6 TB (2.5 TiB of it cold) today.\n",
        "The NIC carries 3,000 MB/s (8 Gbps for replication) at peak.\n",
        # another figure of the same thing: what is usable, not the raw amount restated
        "Each node has 2 TB (about 1.5 TiB usable) of NVMe.\n",
    ],
)
def test_parenthetical_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- time to move an amount at a rate ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        (
            "Restore: the 640 GB snapshot at 25 Gbps takes ~26 s over the backbone.\n",
            "SPC203",
            "640 GB / 25 Gbps = 205 s; stated 26 s matches only with bits and bytes (7.88× off)",
        ),
        (
            "A lost 16 TB disk resilvers at a capped 150 MB/s in about 3 hours.\n",
            "SPC101",
            "16 TB / 150 MB/s = 30 hours; stated 3 hours is 9.88× too small",
        ),
        (
            "- Warm-up pass: 6.4e15 FLOPs; across 4 devices at\n"
            "  400 TFLOPS that is ≥ 0.4 s at peak.\n",
            "SPC101",
            "6.4e15 FLOPs / (4 × 400 TFLOPS) = 4.0 s; stated 0.4 s is 10× too small "
            "(the bound ≥ 0.4 s read as the computed value)",
        ),
        (
            "Archive tier: 12,000 GB at $0.004/GB is $4.80 in total.\n",
            "SPC101",
            "12,000 GB × $0.004/GB = $48.00; stated $4.80 is 10× too small",
        ),
    ],
)
def test_amount_at_rate_is_checked(text: str, code: str, message: str) -> None:
    [(line, got_code, got)] = found(text)
    assert (line, got_code, got) == (text.count("\n"), code, message)


@pytest.mark.parametrize(
    "text",
    [
        "Restore: the 640 GB snapshot at 25 Gbps takes ~205 s over the backbone.\n",
        "A lost 16 TB disk resilvers at a capped 150 MB/s in about 30 hours.\n",
        "Warm-up: 6.4e15 FLOPs across 4 devices at 400 TFLOPS is ≥ 3 s at peak.\n",
        "Archive tier: 12,000 GB at $0.004/GB is $48 in total.\n",
        # another clause between the rate and the time: not this computation
        "The 640 GB snapshot at 25 Gbps and the index rebuild take 26 s each.\n",
        # a per-GPU rate: the scope is not the whole amount
        "The 640 GB shard at 2 GB/s per GPU takes 40 s on 8 GPUs.\n",
        # the time of something else
        "We copy the 640 GB snapshot at 25 Gbps in 26 s chunks.\n",
        # a time at a rate is not a size
        "Each 30 s window at 200 MB/s writes about 6 GB.\n",
    ],
)
def test_amount_at_rate_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- named references --------------------------------------------------------------------------

ROSTER = "## Pool\n\nCluster: 1,536 GPUs in three halls.\n\n"


def test_share_of_a_named_whole() -> None:
    text = ROSTER + "Hall B holds 640 GPUs, i.e. 45% of the cluster.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (5, "SPC102")
    assert message == (
        "640 GPUs / 1,536 GPUs = 42%; stated 45% is 8% too large, outside its stated "
        "precision [44.5, 45.5] (using the cluster 1,536 GPUs (line 3))"
    )
    assert fixes(text) == ["42"]


def test_multiple_of_a_named_value() -> None:
    text = "Baseline traffic is 64 req/s; the launch spike is 3× the baseline, i.e. 210 req/s.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message == (
        "3 × 64 req/s = 192 req/s; stated 210 req/s is 9.4% too large, outside its stated "
        "precision [209.5, 210.5] (using the baseline 64 req/s (line 1))"
    )


def test_share_of_a_total_named_later_in_the_list() -> None:
    text = "- adapters: 4 × 4096 × 16 = 262k, i.e. 0.33% of the total\n- total ≈ 8.03B\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC205")
    assert "percent and fraction" in message
    assert message.endswith("(using the total 8.03B (line 2))")


@pytest.mark.parametrize(
    "text",
    [
        ROSTER + "Hall B holds 640 GPUs, i.e. 42% of the cluster.\n",
        "Baseline traffic is 64 req/s; the launch spike is 3× the baseline, i.e. 192 req/s.\n",
        "- adapters: 4 × 4096 × 16 = 262k, i.e. 0.0033% of the total\n- total ≈ 8.03B\n",
        # two different values answer to the name: which one is meant is unclear
        "Cluster: 1,536 GPUs today.\n\nCluster: 2,048 GPUs in Q3.\n\n"
        "Hall B holds 640 GPUs, i.e. 45% of the cluster.\n",
        # the name's value is of another kind (bytes, not GPUs)
        "Cluster: 96 TB of HBM.\n\nHall B holds 640 GPUs, i.e. 45% of the cluster.\n",
        # another section: not in scope
        "## A\n\nCluster: 1,536 GPUs.\n\n## B\n\nHall B holds 640 GPUs, i.e. 45% of the cluster.\n",
        # nothing named: silent
        "Hall B holds 640 GPUs, i.e. 45% of the cluster.\n",
    ],
)
def test_named_reference_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- a change, then the two figures it compares ------------------------------------------------


def test_change_then_compared_figures() -> None:
    text = "The new kernel is 12% faster than the old one on prefill\n(1,450 vs 1,100 tok/s).\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC102")
    assert message == "(1,450 / 1,100 tok/s) − 1 = 32%; stated 12% faster is 2.65× too small"


@pytest.mark.parametrize(
    "text",
    [
        "The new kernel is 32% faster than the old one on prefill\n(1,450 vs 1,100 tok/s).\n",
        "Egress is 25% lower than last quarter (300 vs 400 TB).\n",
        # the figures belong to another sentence
        "The new kernel is 12% faster. Prefill: (1,450 vs 1,100 tok/s).\n",
        # the figures are in different units
        "The new kernel is 12% faster (1,450 tok/s vs 1.1 ms).\n",
    ],
)
def test_change_then_figures_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- a count of items of a stated size ---------------------------------------------------------


def test_count_of_items_each_of_a_size() -> None:
    text = "Snapshots are 42.5 GB each; retaining 14 of them is ~6 TB of object storage.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message.startswith("14 × 42.5 GB = 595,000,000,000 B = 0.6 TB")
    assert message.endswith("stated 6 TB is 10.1× too large")


@pytest.mark.parametrize(
    "text",
    [
        "Snapshots are 42.5 GB each; retaining 14 of them is ~0.6 TB of object storage.\n",
        # a count of something else between the size and the total
        "Snapshots are 42.5 GB each; retaining 14 and 3 more is ~6 TB.\n",
        # "each" belongs to another clause
        "Snapshots are 42.5 GB each and, while 14 of them is the target, 6 TB is the quota.\n",
    ],
)
def test_count_of_each_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- a unit after a parenthesised factor -------------------------------------------------------


def test_bytes_after_a_parenthesised_factor() -> None:
    text = "Optimizer states: (4 + 8/64) B × 70.6B / 64 ≈ 45.5 GB per GPU.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message.startswith("(4 + 8/64) B × 70.6B / 64 = 4,550,390,625 B = 4.55 GB")
    assert fixes(text) == ["4.55"]


@pytest.mark.parametrize(
    "text",
    [
        "Optimizer states: (4 + 8/64) B × 70.6B / 64 ≈ 4.55 GB per GPU.\n",
        "Scratch: (2 + 4) GB × 3 = 18 GB per node.\n",
        # a unit after parentheses that is not a factor of a product
        "Scratch (see above) GB figures are in the table.\n",
    ],
)
def test_unit_after_group_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


# ---- a cost per period restated per tokens -----------------------------------------------------


def test_monthly_cost_restated_per_million_tokens() -> None:
    text = "Serving pool: $14,600/month, i.e. about $0.26 per 1M output tokens at 2,100 tokens/s.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message == (
        "$14,600/month / (730 h × 2,100 tokens/s) × 1M output tokens = $2.65; stated $0.26 is "
        "10.2× too small "
        "(a month read as 730 h)"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Serving pool: $14,600/month, i.e. about $2.65 per 1M output tokens at 2,100 tokens/s.\n",
        "A node is $19.92/hour, i.e. $2.77 per 1M tokens at 2,000 tok/s.\n",
        # no throughput written: the price is not recomputed
        "Serving pool: $14,600/month, i.e. about $0.26 per 1M output tokens at full load.\n",
        # a throughput per GPU: its scope is not the pool's
        "Serving pool: $14,600/month, i.e. about $0.26 per 1M tokens at 2,100 tokens/s per GPU.\n",
    ],
)
def test_cost_per_tokens_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []
