"""Shapes found on a ninth held-out set and its clean documents, all false positives: a bits
to bytes conversion written by hand, a price per one of a counted thing whose count comes
before ``at``, a column of quotients each rounded up with ``→``, and a parenthesised formula
explaining a factor. Each shape has a wrong variant the checks still catch."""

from __future__ import annotations

from .conftest import findings

LINK = """\
# Replication traffic

The standby region pulls the nightly snapshot over a dedicated 25 Gbps link.

- Link ceiling: 25 Gbps ÷ 8 = {rate} GB/s.
- A 93.4 GB snapshot takes 93.4 GB × 8 / 25 Gbps = {time} s at that ceiling.
"""


def test_a_bare_8_between_bits_and_bytes_is_the_conversion_written_by_hand() -> None:
    assert findings(LINK.format(rate="3.125", time="29.9")) == []


def test_a_hand_conversion_that_is_still_8x_off_names_the_slip_with_the_right_value() -> None:
    [(line, code, message)] = findings(LINK.format(rate="3.125", time="3.7"))
    assert (line, code) == (6, "SPC203")
    assert message == (
        "93.4 GB × 8 / 25 Gbps = 29.9 s; stated 3.7 s matches only with bits and bytes"
        " (8.08× off) (the bare 8 read as the bits-to-bytes conversion)"
    )


SLOTS = """\
# Warehouse reservation

We reserve capacity for the nightly ETL and the dashboards.

- {count} reserved slots at $0.06 per slot-hour × 730 h = {total}/month.
- 40 GPUs at $2.50 per GPU-hour × 730 h = $73,000/month for the batch pool.
"""


def test_a_count_before_at_multiplies_a_price_per_one_of_it() -> None:
    assert findings(SLOTS.format(count="100", total="$4,380")) == []


def test_a_count_before_at_is_in_the_recomputed_total() -> None:
    [(line, code, message)] = findings(SLOTS.format(count="100", total="$438"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("$0.06 per slot-hour × 730 h = $4380; stated $438/month is 10×")
    # slot-hours are a unit (session 35): no reading of the price per h is needed.
    assert message.endswith("(times the 100 slots written before 'at')")


REGIONS = """\
# Embedding capacity per region

Each L4 sustains 364 QPS at our p95 target; a region gets whole GPUs.

| Region | Peak QPS | L4 needed |
|---|---|---|
| us-east | 4,200 | 4,200 / 364 = 11.5 → 12 |
| eu-west | 2,600 | 2,600 / 364 = 7.1 → 8 |
| ap-south | 1,400 | 1,400 / 364 = 3.8 → 4 |
| **Total** | **8,200** | **{total}** |
"""


def test_a_column_of_rounded_up_quotients_adds_the_whole_numbers() -> None:
    assert findings(REGIONS.format(total="24")) == []


def test_a_column_of_rounded_up_quotients_with_a_wrong_total_is_caught() -> None:
    [(line, code, message)] = findings(REGIONS.format(total="28"))
    assert (line, code) == (10, "SPC103")
    assert message.startswith("12 (line 7) + 8 (line 8) + 4 (line 9) = 24; stated 28")


ROLLOUTS = """\
# Reward-model passes

Each iteration scores 4,096 samples; we run 1,000 iterations.

Scored tokens: 4,096,000 samples × 1,536 tokens (512 prompt + 1,024 response) = {total} tokens.
"""


def test_a_parenthesised_formula_after_a_factor_explains_it_and_the_chain_goes_on() -> None:
    assert findings(ROLLOUTS.format(total="6.29B")) == []


def test_the_chain_past_the_aside_is_still_checked() -> None:
    [(line, code, message)] = findings(ROLLOUTS.format(total="7.29B"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("4,096,000 samples × 1,536 tokens = 6.29B tokens; stated 7.29B")


RESTORE = """\
# Checkpoint restore

The checkpoint is 9.394 TB, read back over the parallel file system's 3.2 Tbps aggregate.

Restore: reading 9.394 TB at 3.2 Tbps takes ≈ {time} s, plus process restart.
"""


def test_a_verb_after_a_rate_is_not_what_it_counts() -> None:
    assert findings(RESTORE.format(time="23.5")) == []
    [(line, code, message)] = findings(RESTORE.format(time="2.9"))
    assert (line, code) == (5, "SPC203")
    assert message.startswith("9.394 TB / 3.2 Tbps = 23.5 s; stated 2.9 s matches only with bits")


KV_POOL = """\
# Eval sweep KV budget

Each replica is TP2 on 80 GB cards and keeps 50.6 GB for KV after weights.

- KV per token: 131,072 B, so 50.6 GB / 131,072 B ≈ 386k tokens per replica.
- The 2 nodes (8 replicas) hold {pool} tokens of KV in total.
"""


def test_one_units_figure_restated_as_the_total_of_the_counted_units() -> None:
    [(line, code, message)] = findings(KV_POOL.format(pool="~386k"))
    assert (line, code) == (6, "SPC301")
    assert message == (
        "386k tokens (line 5) is per replica; 8 replicas hold 8 × 386k tokens = 3088k tokens;"
        " stated ~386k tokens for all 8 restates one replica's figure as the total"
    )


def test_the_total_of_the_counted_units_is_silent() -> None:
    assert findings(KV_POOL.format(pool="~3.09M")) == []
    assert findings(KV_POOL.format(pool="~386k").replace("in total", "each")) == []


FAILURES = """\
# Failure budget for the 30-day pretraining run

- Node MTBF is 4,000 h; with 128 nodes the job MTBF is 4,000 h / 128 = 31.25 h.
- That is 24 / 31.25 ≈ 0.77 interruptions per day.
- Over the whole 30-day run we should expect {count} interruptions.
"""


def test_an_amount_over_a_period_at_an_earlier_lines_rate() -> None:
    [(line, code, message)] = findings(FAILURES.format(count="~33"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith(
        "0.77 interruptions per day (line 4) × 30-day = 23; stated 33 interruptions is 1.43×"
    )


def test_an_amount_over_a_period_that_matches_the_rate_is_silent() -> None:
    assert findings(FAILURES.format(count="~23")) == []


BOOKING = """\
# Nightly eval cost

At $2.40 per GPU-hour, 40 GPU-hours a night for 30 nights is 40 × $2.40 × 30 = $2,880/month.
For next year's plan we book 12 months = {total}.
"""


def test_a_monthly_figure_carried_over_twelve_months() -> None:
    assert findings(BOOKING.format(total="$34,560")) == []
    [(line, code, message)] = findings(BOOKING.format(total="$28,800"))
    assert (line, code) == (4, "SPC101")
    assert message.startswith("$2,880/month (line 3) × 12 months = $34,560; stated $28,800")


KV_SPLIT = """\
# TP degree for the 70B model

At batch 16 × 4,096 tokens the cache is 16 × 4,096 × 327,680 B = {cache} GB.

| | TP=2 | TP=4 |
|---|---|---|
| KV per GPU | 10.7 GB | 5.4 GB |

Put another way, at TP=2 the KV cache per GPU is {restated} GB.
"""


def test_a_product_before_a_new_subject_does_not_swallow_the_next_formula() -> None:
    [(line, code, message)] = findings(KV_SPLIT.format(cache="42.9", restated="10.7"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("16 × 4,096 × 327,680 B = 21,474,836,480 B = 21.5 GB")


def test_a_restated_total_is_split_by_the_count_its_sentence_names() -> None:
    [(line, code, message)] = findings(KV_SPLIT.format(cache="21.5", restated="21.5"))
    assert (line, code) == (9, "SPC301")
    assert message.startswith(
        "21.5 GB (line 3) is the total; each GPU has 21.5 GB / 2 = 10.7 GB (line 7)"
    )
    assert findings(KV_SPLIT.format(cache="21.5", restated="10.7")) == []


RERANK = """\
# Reranker sizing

- Cost per pair: 2 × 568M × 256 = 290.8 GFLOP.
- Planning rate at 40 % MFU: 989 × 0.4 = 395.6 TFLOP/s per H100, about 1,360 pairs/s per H100.

The vendor benchmark quotes {rate} pairs/s per H100 for this model at 256 tokens.
"""


def test_items_per_second_on_one_device_past_its_peak_over_one_items_flops() -> None:
    [(line, code, message)] = findings(RERANK.format(rate="4,100"))
    assert (line, code) == (6, "SPC601")
    assert message == (
        "any phase: 989 TFLOPS (H100 dense BF16 peak, catalog; BF16: the sentence says no FP8)"
        " ÷ 290.8 GFLOP per pair (line 3) allows at most 3,402 pairs/s per H100 at 100 % of"
        " peak; stated 4,100 pairs/s is 1.21× the bound"
    )


def test_items_per_second_under_the_peak_bound_are_silent() -> None:
    assert findings(RERANK.format(rate="3,100")) == []
    assert findings(RERANK.format(rate="4,100").replace("model at", "model in FP8 at")) == []
