"""Shapes the lead found on held-out sets in session 17. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

ITEMS = """\
# Nightly translation backfill

Each job translates a ticket of about 900 input and 300 output tokens on a Llama-3.1-8B.

## Peak check

A single ticket (900 + 300 = 1,200 tokens) needs 2 × 8.03e9 × 1,200 ≈ 19.3 TFLOP, so 12 tickets/s
per GPU is 12 × 19.3 = 232 TFLOP/s.

The reseller quotes {rate} tickets/s per GPU on their {device} boxes for the same mix.
"""


def test_items_per_second_on_a_named_part_are_bounded_by_its_own_peak() -> None:
    [(line, code, message)] = findings(ITEMS.format(rate="44", device="H100 PCIe"))
    assert (line, code) == (10, "SPC601")
    assert message.startswith(
        "any phase: 756 TFLOPS (H100 PCIe dense BF16 peak, catalog; BF16: the sentence says no"
        " FP8) ÷ 19.3 TFLOP per ticket (line 7) allows at most 39.27 tickets/s per H100 PCIe"
        " at 100 % of peak; stated 44 tickets/s is 1.12× the bound"
    )


@pytest.mark.parametrize(
    ("rate", "device"), [("44", "H100"), ("44", "H100 SXM"), ("38", "H100 PCIe")]
)
def test_items_per_second_within_the_named_part_s_peak_are_silent(rate: str, device: str) -> None:
    assert findings(ITEMS.format(rate=rate, device=device)) == []


def test_a_short_noun_in_the_rate_counts_the_same_item() -> None:
    text = ITEMS.replace("A single ticket (", "One document (").replace("tickets/s", "docs/s")
    [(line, code, message)] = findings(text.format(rate="44", device="H100 PCIe"))
    assert (line, code) == (10, "SPC601")
    assert "19.3 TFLOP per document (line 7) allows at most 39.27 docs/s" in message


def test_a_figure_for_another_item_does_not_bound_the_rate() -> None:
    text = ITEMS.replace("A single ticket (", "One batch (")
    assert findings(text.format(rate="44", device="H100 PCIe")) == []


PULL = """\
# Checkpoint staging

Every morning each inference node pulls the newest 140 GB checkpoint from the bucket.

{sentence}
"""


def test_a_link_per_node_moves_the_amount_in_amount_over_rate() -> None:
    sentence = "140 GB over the 25 Gbps link per node is ~5.6 s, so we skip pre-staging."
    [(line, code, message)] = findings(PULL.format(sentence=sentence))
    assert (line, code) == (5, "SPC203")
    assert message == (
        "140 GB / 25 Gbps link per node = 44.8 s; stated 5.6 s matches only with bits and bytes"
        " (8× off)"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "140 GB over the 25 Gbps link per node is ~45 s, so we skip pre-staging.",
        "140 GB over the 25 Gbps link per node across 8 nodes takes ~5.6 s.",
    ],
)
def test_a_link_per_node_that_holds_or_shares_a_count_is_silent(sentence: str) -> None:
    assert findings(PULL.format(sentence=sentence)) == []


SWEEP = """\
# Draft-length sweep

Expected tokens per verification step with acceptance rate α and draft length k:

```
{first}
α = 0.9, k = 2:  (1 - 0.9^3) / (1 - 0.9) = 2.71 tokens/step
```
"""


@pytest.mark.parametrize("name", ["α", "alpha"])
def test_an_operand_set_by_a_definition_on_its_line_is_exact(name: str) -> None:
    first = f"{name} = 0.8, k = 4:  (1 - 0.8^5) / (1 - 0.8) = 3.69 tokens/step"
    [(line, code, message)] = findings(SWEEP.format(first=first))
    assert (line, code) == (6, "SPC101")
    assert message.startswith("(1 - 0.8^5) / (1 - 0.8) = 3.36 tokens; stated 3.69 tokens/step")


@pytest.mark.parametrize(
    "first",
    [
        "α = 0.8, k = 4:  (1 - 0.8^5) / (1 - 0.8) = 3.36 tokens/step",
        # measured, not set: 0.8 may be rounded from anything in [0.75, 0.85)
        "measured acceptance ≈ 0.8, k = 4:  (1 - 0.8^5) / (1 - 0.8) = 3.69 tokens/step",
    ],
)
def test_a_definition_s_right_result_or_a_rounded_operand_is_silent(first: str) -> None:
    assert findings(SWEEP.format(first=first)) == []


REPLICA = """\
# Assistant pool sizing

- One replica = 2 × H100 SXM with TP2; the model is a 32B dense model in BF16.
- Each replica holds at most 40 concurrent sequences at the latency SLO.

By Little's law a replica completes 40 / 4.8 s = 8.33 req/s at its concurrency cap.
Per GPU that is {per_gpu}.
"""


def test_a_per_gpu_rate_that_multiplies_the_replica_rate_by_its_gpus_is_reported() -> None:
    [(line, code, message)] = findings(REPLICA.format(per_gpu="8.33 × 2 = 16.7 req/s"))
    assert (line, code) == (7, "SPC301")
    assert message == (
        "one replica of 2 GPUs serves 8.33 req/s (line 6); per GPU that is 8.33 / 2 = 4.17"
        " req/s; stated 16.7 req/s multiplies one replica's rate by its GPUs"
    )


@pytest.mark.parametrize(
    "last", ["Per GPU that is 8.33 / 2 = 4.17 req/s.", "Two replicas serve 8.33 × 2 = 16.7 req/s."]
)
def test_a_per_gpu_rate_that_divides_or_a_product_of_replicas_is_silent(last: str) -> None:
    text = REPLICA.replace("Per GPU that is {per_gpu}.", last)
    assert findings(text) == []


def test_a_replica_of_one_gpu_multiplies_nothing() -> None:
    text = REPLICA.replace("2 × H100 SXM with TP2", "1 × H100 SXM with TP1")
    assert findings(text.format(per_gpu="8.33 × 1 = 8.33 req/s")) == []


ROUTING = """\
# Mixtral-8x7B expert-parallel fine-tune

Mixtral-8x7B routes each token to its top-2 experts of 8.

Dispatch bytes per layer per GPU = tokens × hidden × bytes × top-k:

    16,384 × 4096 × 2 B × 2 = 268.4 MB
"""


def test_a_key_at_a_line_end_takes_no_value_from_the_next_line() -> None:
    assert findings(ROUTING) == []


def test_a_key_with_its_value_on_its_line_is_still_a_config_fact() -> None:
    text = ROUTING + "\n```yaml\nnum_experts_per_tok: 4\n```\n"
    [(line, code, message)] = findings(text)
    assert (line, code) == (10, "SPC304")
    assert message.startswith("top k is 4 here, but Mixtral-8x7B (named on line 1) has 2")


LIMIT = """\
# Llama-3.1-8B on one H100: engine comparison

Batch 1 on one H100 SXM in BF16. Every decode step streams all 16.06 GB of weights, so the
floor is 16.06 GB / 3.35 TB/s ≈ 4.8 ms per token.

| Concurrency | TPOT (ms) |
|---|---|
| 1 | 6.4 |
| 64 | 14.2 |

SLO per request: TTFT ≤ 200 ms and TPOT ≤ 15 ms, measured at concurrency 64.
{claim}
"""


def test_a_latency_limit_is_no_floor_for_other_latencies() -> None:
    assert findings(LIMIT.format(claim="")) == []


def test_the_derived_floor_still_bounds_a_faster_latency() -> None:
    [(line, code, message)] = findings(LIMIT.format(claim="A rival engine claims 3.9 ms TPOT."))
    assert (line, code) == (12, "SPC701")
    assert "the per-step floor the document derives on line 4 (4.8 ms per token)" in message


ACTORS = """\
# Rollout cluster

The cluster has 64 H100 SXM GPUs: 48 GPUs of actors and 16 GPUs of learners.

## Actors (48 GPUs, one vLLM replica per GPU, TP1)

The policy is Llama-3.1-8B in BF16. Measured: **6,000 generated tokens/s per GPU**
at steady state, so the {who} does 48 × 6,000 = 288,000 tokens/s.
"""


@pytest.mark.parametrize("who", ["pool", "actor fleet"])
def test_the_pool_s_rate_under_a_per_gpu_heading_is_not_one_gpu_s(who: str) -> None:
    assert findings(ACTORS.format(who=who)) == []


MILLIONS = """\
# Re-index cost

The corpus holds 80 M passages of 256 tokens; the encoder has 335 M parameters.

Encoder cost per passage ≈ 2 × 335 M × 256 = {flop} TFLOP.
"""


def test_a_spaced_million_before_a_product_sign_scales_its_number() -> None:
    [(line, code, message)] = findings(MILLIONS.format(flop="0.086"))
    assert (line, code) == (5, "SPC101")
    assert message == "2 × 335 M × 256 = 0.172 TFLOP; stated 0.086 TFLOP is 1.99× too small"


def test_a_spaced_million_product_that_holds_is_silent() -> None:
    assert findings(MILLIONS.format(flop="0.172")) == []


BRACKET = """\
# Chat tier latency

Each replica is Llama-3.1-8B (8.03 B params, 16.06 GB in bf16) on one H100 SXM. Reading the
weights once per step takes at least 4.8 ms.

A lightly loaded replica delivers {rate} tokens/s per user at batch 1.
"""


def test_the_precision_after_the_size_in_the_model_s_brackets_is_its_weights() -> None:
    [(line, code, message)] = findings(BRACKET.format(rate="260"))
    assert (line, code) == (6, "SPC601")
    assert "allows at most 240 tokens/s" in message


def test_a_rate_within_the_bracketed_precision_s_bound_is_silent() -> None:
    assert findings(BRACKET.format(rate="190")) == []


BREAK_EVEN = """\
# Break-even volume

Fixed cost is $90,000 per month; each 1,000 requests contribute $2.50.

→ $90,000 ÷ $2.50 per 1k = {count} M requests per month.
"""


def test_a_price_per_a_round_count_inside_a_formula_divides_by_that_count() -> None:
    [(line, code, message)] = findings(BREAK_EVEN.format(count="3.6"))
    assert (line, code) == (5, "SPC101")
    assert message == (
        "$90,000 ÷ $2.50 per 1k = 36.0M requests; stated 3.6 M requests per month is 10× too small"
    )


def test_a_price_per_a_round_count_that_holds_is_silent() -> None:
    assert findings(BREAK_EVEN.format(count="36")) == []


ACTIVE = """\
# Mixtral-8x7B serving notes

Mixtral-8x7B: hidden_size 4096, 32 layers, 32 query heads and 8 KV heads, intermediate_size
14336, 8 experts with top-2 routing, vocab 32000.

* total parameters: 46.7 B
* active parameters per token: {active}
"""


def test_active_parameters_per_token_are_the_routed_model_s() -> None:
    [(line, code, message)] = findings(ACTIVE.format(active="46.7 B × 2/8 ≈ 11.68 B"))
    assert (line, code) == (7, "SPC401")
    assert message.startswith("active parameters from the architecture: 32 layers × (attention")
    assert message.endswith("stated 11.68 B is 1.1× too small")


def test_active_parameters_per_token_that_match_are_silent() -> None:
    assert findings(ACTIVE.format(active="≈ 12.9 B")) == []


AT_THAT_RATE = """\
# Continued pre-training schedule

| Item | Value |
|---|---|
| Throughput | ≈ 52,000 tokens/s |

One day at that rate is ~{day} B tokens, so a 20 B-token run needs about five days.
"""


def test_one_period_at_the_rate_before_it_is_rate_times_period() -> None:
    [(line, code, message)] = findings(AT_THAT_RATE.format(day="6.5"))
    assert (line, code) == (7, "SPC101")
    assert message == (
        "52,000 tokens/s (line 5) × One day = 4.5B tokens; stated 6.5 B tokens is 1.45× too large"
    )


def test_one_period_at_the_rate_that_holds_is_silent() -> None:
    assert findings(AT_THAT_RATE.format(day="4.5")) == []


TRANSFERS = """\
# Pulling the 8B checkpoint

The bf16 checkpoint is 16.06 GB, i.e. 128.5 Gb on the wire.

- 10 Gb/s office link: 12.8 s at line rate
- 25 Gb/s node NIC: 5.1 s
- 100 Gb/s storage network: {last}
"""


def test_each_listed_rate_moves_the_lead_in_s_amount_in_amount_over_rate() -> None:
    [(line, code, message)] = findings(TRANSFERS.format(last="0.16 s"))
    assert (line, code) == (7, "SPC101")
    assert message == (
        "128.5 Gb (line 3) / 100 Gb/s storage = 1.29 s; stated 0.16 s is 8.03× too small"
    )


def test_listed_times_that_hold_are_silent() -> None:
    assert findings(TRANSFERS.format(last="1.3 s")) == []


def test_a_list_after_an_intervening_paragraph_is_not_read() -> None:
    text = TRANSFERS.replace("\n\n- 10 Gb/s", "\n\nThe links we have:\n\n- 10 Gb/s")
    assert findings(text.format(last="0.16 s")) == []


HALF = """\
# Embedding store

Raw vectors: 40,000,000 × 768 × 4 B = 122.88 GB (≈ 114.4 GiB).
The fp16 cold copy is half of that: {half}.
"""


def test_half_of_that_is_half_the_value_before_it() -> None:
    [(line, code, message)] = findings(HALF.format(half="61.44 GiB"))
    assert (line, code) == (4, "SPC202")
    assert message.startswith("1/2 × 114.4 GiB = ")
    assert message.endswith("stated 61.44 GiB matches only with GiB read as GB (1.07× off)")


@pytest.mark.parametrize("half", ["57.2 GiB", "61.44 GB"])
def test_half_of_that_which_holds_is_silent(half: str) -> None:
    assert findings(HALF.format(half=half)) == []


def test_a_multiple_of_a_value_of_another_dimension_is_not_read() -> None:
    text = HALF.replace("half of that: {half}", "half of that: 12 hours")
    assert findings(text) == []


BUDGET = """\
# Error budget, October

We served 90 M requests; at 99.9 % that allows 90,000 failed requests. We recorded 63,000
failures, so 70 % of the budget is spent and {rest} remains for the rest of the window.
"""


def test_the_remaining_share_is_what_the_spent_share_leaves() -> None:
    [(line, code, message)] = findings(BUDGET.format(rest="0.3 %"))
    assert (line, code) == (4, "SPC205")
    assert message.startswith("100 % − 70 % = 30.0%; stated 0.3 % remains matches only with")


@pytest.mark.parametrize("rest", ["30 %", "30%"])
def test_a_remaining_share_that_completes_the_whole_is_silent(rest: str) -> None:
    assert findings(BUDGET.format(rest=rest)) == []


def test_a_remaining_share_of_something_else_is_not_read() -> None:
    text = BUDGET.replace("{rest} remains", "{rest} of requests remain")
    assert findings(text.format(rest="0.3 %")) == []
