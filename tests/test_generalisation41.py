"""Shapes the lead found in session 33. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

KV = """\
# Llama-3-8B chat tier: KV cache budget

```json
{{"hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
 "num_key_value_heads": 8, "torch_dtype": "bfloat16"}}
```

The model runs on one H100 80GB.

{said} we keep K and V of the 8 KV heads: 2 × 8 × 128 × 2 bytes = 4,096 bytes.
"""


def test_a_kv_size_per_token_and_layer_is_one_layers() -> None:
    assert findings(KV.format(said="Per token and layer")) == []
    assert findings(KV.format(said="For each token and each layer")) == []
    [(line, code, message)] = findings(KV.format(said="Per token"))
    assert (line, code) == (10, "SPC501")
    assert "stated 4,096 bytes is 32× too small" in message


EMBEDDINGS = """\
# Embedding backfill on L4 GPUs

The L4's dense BF16 peak is 121 TFLOPS. We plan with {planned} TFLOPS per GPU, 30 % of it.

Online encoding at peak:

- Token rate: 2,000 × 32 = 64,000 tokens/s
- Compute: 64,000 × 0.6 × 10⁹ ≈ 3.84 × 10¹³ FLOP/s, i.e. about one L4 at 36.3 TFLOPS
"""


def test_a_compute_need_worked_out_under_a_compute_label_is_no_peak() -> None:
    # The "Compute:" item is what the traffic needs, not what the L4 can do: the planned
    # 36.3 TFLOPS is read against the L4's 121 TFLOPS, not against 38.4 TFLOPS.
    assert findings(EMBEDDINGS.format(planned="36.3")) == []
    [(line, code, message)] = findings(EMBEDDINGS.format(planned="136.3"))
    assert (line, code) == (3, "SPC601")
    assert "121 TFLOPS" in message


POWER = """\
# Three-year power cost per rack

Electricity is $0.12/kWh and the racks draw 8.4 kW on average.

- Rack A: 8.4 kW × 26,280 h × $0.12 ≈ {a}
- Rack B: 5.0 kW × 8,760 h × $0.12 = {b}
"""


def test_a_bare_price_after_several_units_is_per_their_product() -> None:
    assert findings(POWER.format(a="$26,490", b="$5,256")) == []
    [(line, code, message)] = findings(POWER.format(a="$26,490", b="$4,380"))
    assert (line, code) == (6, "SPC101")
    assert "= $5,256; stated $4,380" in message
    assert "(the price is read per kW·h)" in message


EGRESS = """\
# Regional egress budget

| Region | Egress GB / month | $/GB | Monthly cost |
|---|---:|---:|---:|
| us-east | 120,000 | 0.045 | $5,400 |
| eu-west | 80,000 | 0.045 | {eu} |
| ap-south | 30,000 | 0.045 | $1,350 |
"""


def test_header_units_after_words_with_a_spaced_slash_and_a_period_adjective() -> None:
    assert findings(EGRESS.format(eu="$3,600")) == []
    [(line, code, message)] = findings(EGRESS.format(eu="$3,960"))
    assert (line, code) == (6, "SPC101")
    assert "80,000 (line 6) × 0.045 (line 6) = $3,600; stated $3,960" in message
    assert "Monthly cost = Egress GB / month × $/GB" in message


LATENCY = """\
# Search latency review

- p95 latency: 1.5 s at peak, 7.5× the 200 ms baseline and {budget} the 300 ms budget
- p50 latency: 90 ms, 0.45× the 200 ms baseline
"""


def test_a_multiple_of_a_figure_the_sentence_names_after_the() -> None:
    assert findings(LATENCY.format(budget="5×")) == []
    [(line, code, message)] = findings(LATENCY.format(budget="50×"))
    assert (line, code) == (3, "SPC101")
    assert "1.5 s / 300 ms budget = 5×; stated 50× is 10× too large" in message


def test_a_multiple_of_a_figure_in_another_dimension_or_sentence_is_not_read() -> None:
    text = "# Notes\n\nThe job moved 1.5 TB. It ran 5× the 200 ms budget on 12 nodes.\n"
    assert findings(text) == []


SHARDS = """\
# Serving plan

Weights in BF16 are 8.03B × 2 bytes = 16.06 GB. Sharded {ways} ways this is {each} GB per
GPU, which leaves room for the KV cache.
"""


@pytest.mark.parametrize(("ways", "each"), [("two", "8.03"), ("four", "4.0")])
def test_an_amount_sharded_a_number_of_ways_written_as_a_word(ways: str, each: str) -> None:
    assert findings(SHARDS.format(ways=ways, each=each)) == []


def test_a_share_of_an_amount_sharded_a_number_of_ways_that_breaks_it() -> None:
    [(line, code, message)] = findings(SHARDS.format(ways="four", each="5.35"))
    assert (line, code) == (3, "SPC101")
    assert "16.06 GB ÷ 4 (four ways)" in message
    assert "stated 5.35 GB per GPU is 1.33× too large" in message


BURN = """\
# Alerting policy

| Alert | Long window | Short window | Burn rate | Budget used when it fires |
|---|---|---|---|---|
| page | 1 h | 5 min | 14.4 | 2 % |
| page (slow) | 6 h | 30 min | 6 | {slow} |
| ticket | 3 days | 6 h | 1 | 10 % |

Budget used = burn rate × long window / 30 days, e.g. 14.4 × 1 h / 720 h = 2 %.
"""


def test_a_column_formula_that_names_columns_in_several_words() -> None:
    assert findings(BURN.format(slow="5 %")) == []
    [(line, code, message)] = findings(BURN.format(slow="3.6 %"))
    assert (line, code) == (6, "SPC101")
    assert "6 × 6 h / 30 days (line 6) = 5.0%; stated 3.6 % is 1.39× too small" in message
    assert "Budget used = burn rate × long window / 30 days (line 9)" in message


POOL = """\
# KV pool per node

The KV cache costs 131,072 bytes per token (32 layers × 2 × 8 KV heads × 128 × 2 bytes).

Pool per node at 90 % memory utilisation, minus weights:

- 8× A100 80GB: 0.9 × 640 − 16.1 = 559.9 GB → about {a} tokens of KV
- 8× L40S 48GB: 0.9 × 384 − 16.1 = 329.5 GB → about 2.51M tokens of KV
"""


def test_the_tokens_an_amount_holds_at_the_documents_one_size_per_token() -> None:
    assert findings(POOL.format(a="4.27M")) == []
    [(line, code, message)] = findings(POOL.format(a="34.2M"))
    assert (line, code) == (7, "SPC101")
    assert "559.9 GB / 131,072 bytes per token (line 3) = 4.27M tokens" in message


def test_no_tokens_are_read_at_a_size_when_the_document_states_two() -> None:
    text = POOL.format(a="34.2M").replace(
        "Pool per node", "Per GPU at TP=8 that is 16,384 bytes per token. Pool per node"
    )
    assert findings(text) == []


PARAMS = """\
# Parameter budget

- Hidden size: 4096
- Attention heads: 32
- KV heads: {kv}
- Layers: 32

Per layer:

- Attention per layer: {attention}
- MLP per layer: 3 × 4096 × 14336 = 176.2M
"""


def test_full_heads_written_for_grouped_query_attention_are_reported() -> None:
    right = "2 × 4096² + 2 × 4096 × 1024 = 41.9M"
    assert findings(PARAMS.format(kv=8, attention=right)) == []
    [(line, code, message)] = findings(PARAMS.format(kv=8, attention="4 × 4096² = 67.1M"))
    assert (line, code) == (10, "SPC401")
    assert "2 × 4,096² (Q and O) + 2 × 4,096 × 8 KV heads × 128 head dim (K and V)" in message
    assert "= 41,943,040; written 4 × 4096² counts K and V as full" in message


def test_full_heads_are_right_for_multi_head_attention() -> None:
    assert findings(PARAMS.format(kv=32, attention="4 × 4096² = 67.1M")) == []


NODES = """\
# Autoscaling profile

We plan with 31 pods per node, and nodes = ⌈pods / 31⌉:

| window | pods | nodes |
|---|---:|---:|
| 00–06 | 233 | {early} |
| 06–09 | 620 | 20 |
| 09–19 | 1,240 | 40 |
| 19–24 | 744 | 24 |
"""


def test_a_count_of_holders_rounded_up_is_no_break_of_the_ratio() -> None:
    # 233 pods need ⌈233 / 31⌉ = 8 nodes: the row holds, though 8 × 31 is 248.
    assert findings(NODES.format(early="8")) == []
    [(line, code, message)] = findings(NODES.format(early="9"))
    assert (line, code) == (7, "SPC101")
    assert "9 (line 7) × 31 = 279; stated 233" in message


def test_a_value_before_a_unitless_conversion_is_its_input() -> None:
    text = "# Bytes\n\n- 380 GB = 380 × 10^9 / 2^40 = 0.3456 TiB per run\n"
    assert findings(text) == []
    [(line, code, message)] = findings(text.replace("0.3456", "0.4456"))
    assert (line, code) == (3, "SPC101")
    assert "= 0.3456 TiB (0.3800 TB); stated 0.4456 TiB per run is 1.29× too large" in message


PREFILL = """\
# Prefill floor

A 2,000-token prompt needs 32.1 TFLOP:

- A100: ≥ 32.1 / 312 s ≈ {a100}
- H100: ≥ 32.1 / 989 s ≈ 32.5 ms
"""


def test_a_unit_after_the_divisor_of_bare_figures_is_the_results() -> None:
    assert findings(PREFILL.format(a100="103 ms")) == []
    [(line, code, message)] = findings(PREFILL.format(a100="133 ms"))
    assert (line, code) == (5, "SPC101")
    assert "32.1 / 312 s = 103 ms; stated 133 ms is 1.29× too large" in message
    assert "(the 's' after the divisor read as the result's unit)" in message


def test_gpu_seconds_written_gpu_s_convert_to_gpu_hours() -> None:
    text = "# Budget\n\n- 6.38 × 10^5 GPU-s = {h} GPU-h\n"
    assert findings(text.format(h="177.2")) == []
    [(line, code, message)] = findings(text.format(h="197.2"))
    assert (line, code) == (3, "SPC201")
    assert "= 177.2 GPU-h; stated 197.2 GPU-h" in message


BUCKETS = """\
# Token buckets

- Free: 1 token/s → one token every 1,000 ms
- Pro: 20 tokens/s → one token every {pro}
- Burst: 400 requests/s, i.e. one request every 2.5 ms
"""


def test_a_rate_restated_as_one_thing_every_a_time_is_its_reciprocal() -> None:
    assert findings(BUCKETS.format(pro="50 ms")) == []
    [(line, code, message)] = findings(BUCKETS.format(pro="5 ms"))
    assert (line, code) == (4, "SPC201")
    assert "1 / 20 tokens/s = 50 ms; stated 5 ms is 10× too small" in message


def test_one_of_another_thing_every_a_time_is_not_read() -> None:
    assert (
        findings(BUCKETS.format(pro="50 ms").replace("one token every 1,000", "one refill every 9"))
        == []
    )


SHARDED = """\
# Rate-limit state

- Keys: 1.2M × 3 = 3.6M
- Total: 3.6M × 96 bytes = 345.6 MB
- Per shard (4 shards, spread by hash slot): {each}
"""


def test_a_per_part_item_after_the_total_is_the_total_over_its_count() -> None:
    assert findings(SHARDED.format(each="86.4 MB")) == []
    [(line, code, message)] = findings(SHARDED.format(each="345.6 MB"))
    assert (line, code) == (5, "SPC101")
    assert "345.6 MB (line 4) / 4 shards = " in message
    assert "stated 345.6 MB is 4× too large" in message


ITEMS = """\
# Table storage

| item set | items | bytes per item (incl. 100 B overhead) | GB |
|---|---|---|---|
| sessions | 48M | 2,700 | 129.6 |
| index | 48M | 500 | {index} |
| events | 7.2576e9 | 800 | 5,806.1 |

| table | rows/day | row size (B) | GB/day (1 replica, uncompressed) |
|---|---|---|---|
| user_events | 3.283e9 | 900 | 2,955 |
| telemetry | 4.493e9 | 420 | {telemetry} |
| audit_log | 5.616e8 | 1,800 | 1,011 |
"""


def test_a_count_of_things_times_the_size_its_neighbour_header_names() -> None:
    assert findings(ITEMS.format(index="24.0", telemetry="1,887")) == []
    [(line, code, message)] = findings(ITEMS.format(index="2.4", telemetry="1,887"))
    assert (line, code) == (6, "SPC101")
    assert "48M (line 6) × 500 (line 6) ÷ 1,000,000,000 = 24.0; stated 2.4" in message
    [(line, code, message)] = findings(ITEMS.format(index="24.0", telemetry="2,187"))
    assert (line, code) == (12, "SPC101")
    assert "units make GB/day (1 replica, uncompressed) = rows/day × row size (B)" in (message)


def test_a_count_beside_a_size_of_other_things_is_not_multiplied() -> None:
    text = ITEMS.format(index="2.4", telemetry="1,887").replace("bytes per item", "bytes per page")
    assert findings(text) == []


TCO = """\
# Three-year TCO

| Platform | Capex | Energy | Colo | Support | **TCO** |
|---|---:|---:|---:|---:|---:|
| A | $280,000 | $21,361 | $64,800 | $42,000 | {a} |
| B | $250,000 | $21,989 | $64,800 | $37,500 | $374,289 |
| C | $450,000 | $29,947 | $64,800 | $67,500 | {c} |
"""


def test_a_tco_column_one_row_adds_up_to_exactly_checks_every_row() -> None:
    assert findings(TCO.format(a="$408,161", c="$612,247")) == []
    found = findings(TCO.format(a="$418,161", c="$621,247"))
    assert [(line, code) for line, code, _ in found] == [(5, "SPC103"), (7, "SPC103")]
    assert "= $612,247; stated $621,247" in found[1][2]


RUN = """\
# Run plan: 70B pretraining on the 1,024-GPU partition

The partition is 128 nodes of 8 × H100 SXM 80 GB.

- Tensor parallel (TP): 8
- Pipeline parallel (PP): 4
- Data parallel (DP): 1,024 / (8 × 4) = 32

Cluster peak is 1,024 × 989 TFLOPS = 1.013e18 FLOP/s. At 40 % MFU the effective rate is
4.05e17 FLOP/s.

### Pilot results (32 nodes)

The pilot ran on 256 GPUs with DP = 8.
"""


def test_a_degree_worked_out_after_its_label_and_a_pilot_section_are_read_apart() -> None:
    # DP = 32 is the plan's (1,024 / (8 × 4) = 32); the pilot's DP = 8 and 256 GPUs are
    # another run's: the rate is checked against 1,024 GPUs, not 32 or 256.
    assert findings(RUN) == []


def test_disagreeing_degrees_make_no_gpu_count() -> None:
    text = RUN.replace("### Pilot results (32 nodes)", "### Results (32 nodes)")
    assert [code for _, code, _ in findings(text)] == []


SERVING = """\
# Quantized serving

## Deployment A: 8B on one L40S

- Decode floor: 4.68 GB / 864 GB/s ≈ 5.4 ms per token
- Measured, batch 1: 8.5 ms TPOT

## Deployment B: 70B on two L40S (TP=2)

- Decode floor: 18.83 GB / 864 GB/s ≈ 21.8 ms per token per GPU
- Measured, batch 16: TPOT {b}
"""


def test_a_floor_derived_in_one_section_bounds_that_sections_figures_only() -> None:
    assert findings(SERVING.format(b="34 ms")) == []
    [(line, code, message)] = findings(SERVING.format(b="14 ms"))
    assert (line, code) == (11, "SPC701")
    assert "the per-step floor the document derives on line 10" in message


CAPACITY = """\
# Capacity

The reranker runs on one H100 (bge-reranker-v2-m3, 568M parameters).

Peak load is 120 requests/s at the gateway. Each request does one rerank of 40 pairs:

- Rerank tokens at peak: 120 × 15,360 = 1.84M tokens/s
"""


def test_a_rate_under_a_lead_in_that_calls_it_a_load_is_a_demand() -> None:
    assert findings(CAPACITY) == []


def test_what_a_difference_leaves_is_its_result() -> None:
    text = "# KV\n\nOn one L40S, 43.2 − 39.77 − 1.5 leaves {kv} GB for KV.\n"
    assert findings(text.format(kv="1.93")) == []
    [(line, code, message)] = findings(text.format(kv="11.9"))
    assert (line, code) == (3, "SPC101")
    assert "43.2 − 39.77 − 1.5 = " in message
    assert "stated 11.9 GB is 6.17× too large" in message


def test_what_a_product_leaves_is_not_its_result() -> None:
    assert findings("# KV\n\n2 × 16 GB of weights leaves 16 GB free on a 48 GB card.\n") == []


LADDER = """\
# Encoding ladder

| Rung | Resolution | Video bitrate |
|---|---|---:|
| 1 | 1920×1080 | 5.0 Mbps |
| 2 | 1280×720 | 3.0 Mbps |
| 3 | 854×480 | 1.4 Mbps |
| **All rungs** | | **{total}** |
"""


def test_an_all_things_row_is_the_total_and_bit_rates_have_no_binary_prefixes() -> None:
    assert findings(LADDER.format(total="9.4 Mbps")) == []
    [(line, code, message)] = findings(LADDER.format(total="9.0 Mbps"))
    assert (line, code) == (8, "SPC103")
    assert "= 9.4 Mbps; stated 9.0 Mbps" in message


LAYERS = """\
# What a checkpoint holds

The model has 80 layers.

- Per layer: 855,654,400 parameters
- All 80 layers: 68.45B; embedding and LM head: 2 × 1.05B
- Total: {total} parameters
"""


def test_a_total_after_the_product_it_adds_to_is_no_product() -> None:
    # 80 × 855.65M = 68.45B is stated on its own line: the total adds the embeddings to it.
    assert findings(LAYERS.format(total="70,553,706,496")) == []


RUNS = """\
# Nightly ETL cost

- Cost per run: $294.30
- Cost per month (30 runs): $8,829.00
- Cost per year (365 runs): $107,419.50
"""


def test_a_yearly_figure_whose_label_counts_its_runs_is_no_twelve_months() -> None:
    assert findings(RUNS) == []


EGRESS_TIERS = """\
# Egress bill

How the total comes about (85,000 GB):

- First 10,000 GB at $0.09: $900.00
- Next 40,000 GB at $0.085: $3,400.00
- Remaining 35,000 GB at $0.07: $2,450.00
- Subtotal: {subtotal}
"""


def test_a_remaining_tier_that_makes_the_sum_exact_is_a_part() -> None:
    assert findings(EGRESS_TIERS.format(subtotal="$6,750.00")) == []
    [(line, code, _)] = findings(EGRESS_TIERS.format(subtotal="$6,950.00"))
    assert (line, code) == (8, "SPC103")


def test_an_operand_of_five_digits_may_be_a_rounded_root() -> None:
    text = "# Index\n\nnlist is about 1.5× the 4√N rule (4 × 10,954 = {n}).\n"
    assert findings(text.format(n="43,818")) == []
    [(line, code, _)] = findings(text.format(n="43,918"))
    assert (line, code) == (3, "SPC101")


POWER_INPUTS = """\
# Pod power budget for 256 GPUs

- DGX H100 maximum system power: 10.2 kW
- H100 SXM TDP: 700 W per GPU
- DGX B200 maximum system power (upgrade path): 14.3 kW
"""


def test_a_system_total_that_names_another_system_is_not_its_per_gpu_figure_times_gpus() -> None:
    assert findings(POWER_INPUTS) == []


VLM = """\
# VLM serving: KV cache

```json
{{"hidden_size": 3584, "intermediate_size": 18944, "num_attention_heads": 28,
 "num_hidden_layers": 28, "num_key_value_heads": 4, "vocab_size": 152064,
 "torch_dtype": "bfloat16"}}
```

The 7B runs on one H100.

- Qwen2-VL-7B: KV cache of {small} B per token
- Qwen2-VL-72B: 2 × 80 × 8 × 128 × 2 = 327,680 B per token
"""


def test_a_kv_size_on_a_line_that_names_another_model_is_that_models() -> None:
    assert findings(VLM.format(small="57,344")) == []
    [(line, code, _)] = findings(VLM.format(small="114,688"))
    assert (line, code) == (11, "SPC501")


CI = """\
# Build farm

| Pool | Runs / day | Job-minutes / run | Job-minutes / day |
|---|---|---|---|
| linux-std | 4,200 | 22 | 92,400 |
| linux-large | 1,300 | 55 | 71,500 |
| arm64 | 500 | 18 | 9,000 |
| **Total** | 6,000 | {avg} | 172,900 |
"""


def test_a_total_rows_average_is_no_sum() -> None:
    assert findings(CI.format(avg="28.8 (avg)")) == []


def test_a_price_in_a_formula_is_read_exactly_as_a_count_is() -> None:
    # $0.11 is a price list's figure, not 0.105–0.115: 4,228,364 kWh × $0.11 = $465,120.
    text = "# Energy\n\n- Annual cost: 4,228,364 kWh × $0.11 = {cost}\n"
    assert findings(text.format(cost="$465,120")) == []
    [(line, code, message)] = findings(text.format(cost="$456,120"))
    assert (line, code) == (3, "SPC101")
    assert "= $465,120; stated $456,120" in message
    assert findings(text.format(cost="≈ $460,000")) == []


EGRESS_MONTH = "# Origin\n\n- 18,568 TB a month at $0.02/GB: {cost} per month\n"


def test_an_amount_a_month_at_a_price_per_unit_costs_per_month() -> None:
    assert findings(EGRESS_MONTH.format(cost="$371,360")) == []
    [(line, code, message)] = findings(EGRESS_MONTH.format(cost="$37,136"))
    assert (line, code) == (3, "SPC101")
    assert "18,568 TB × $0.02/GB = $371,360" in message


READ_RATE = """\
# Ingest

- Cluster read rate: 12e12 B / 5,400 s ≈ 2.22 GB/s
- Per node, across 20 nodes: {each}
"""


def test_a_per_node_item_across_a_count_is_the_item_before_over_it() -> None:
    assert findings(READ_RATE.format(each="0.111 GB/s")) == []
    [(line, code, message)] = findings(READ_RATE.format(each="2.22 GB/s"))
    assert (line, code) == (4, "SPC101")
    assert "2.22 GB/s (line 3) / 20 nodes = 0.111 GB/s" in message


ARMS = """\
# Sample size

- n per arm: 154,302
- Both arms: {both} users
- All 3 arms: {all3} users
"""


def test_both_or_all_n_items_after_a_per_item_are_its_multiples() -> None:
    assert findings(ARMS.format(both="308,604", all3="462,906")) == []
    found = findings(ARMS.format(both="318,604", all3="462,906"))
    assert [(line, code) for line, code, _ in found] == [(4, "SPC101")]
    assert "154,302 (line 3) × 2 arms = 308,604" in found[0][2]
    [(line, _, message)] = findings(ARMS.format(both="308,604", all3="482,906"))
    assert line == 5 and "× 3 arms = 462,906" in message


def test_an_all_item_after_parts_per_one_is_no_multiple_of_the_last_part() -> None:
    text = (
        "# Parameters\n\n- Attention per layer: 150,994,944\n- MLP per layer: 704,643,072\n"
        "- All 80 layers: 68,452,352,000\n"
    )
    assert findings(text) == []


POOL_RATE = """\
# Decode pool

The pool is 32 × H200 serving DeepSeek-V3 (671B parameters, 37B active).

That caps decode at 96 / 16.8 ms ≈ 5,700 tokens/s per GPU, or about {pool} tokens/s for the pool.
"""


def test_a_rate_for_the_pool_after_a_per_gpu_rate_is_the_pools() -> None:
    assert findings(POOL_RATE.format(pool="183k")) == []


def test_a_figure_per_another_thing_after_i_e_is_no_restatement() -> None:
    text = "# Network\n\nAll vendors quote 3.2 Tb/s per node, i.e. 400 Gb/s (50 GB/s) per GPU.\n"
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("(50 GB/s) per GPU", "(50 GB/s) per node"))
    assert (line, code) == (3, "SPC203")


def test_a_value_that_a_formula_starts_from_is_its_input() -> None:
    text = "# Steps\n\nRun length is 300B tokens = 300e9 / 3,145,728 = {steps} steps.\n"
    assert findings(text.format(steps="95,367")) == []
    [(line, code, _)] = findings(text.format(steps="85,367"))
    assert (line, code) == (3, "SPC101")


RESERVATION = """\
# Checkpoint storage

| Kind | Kept | Size | Total |
|---|---:|---:|---:|
| Rolling | 4 | 2.4446 TB | 9.8 TB |
| Permanent (every 1,000 steps) | 95 | 2.4446 TB | 232.2 TB |
| **Reservation** | | | **242.0 TB** |

## Decision

Async checkpoints every 50 steps, a permanent copy every 1,000 steps, 242 TB reserved on flash.
"""


def test_a_recaps_words_are_its_own_clauses() -> None:
    # "a permanent copy every 1,000 steps" is the clause before; 242 TB is the reservation.
    assert findings(RESERVATION) == []


def test_a_figure_a_change_goes_to_restates_no_total() -> None:
    text = (
        "# Hot tier\n\nEach month 103.68 GB/day × 30 days = 3,110.4 GB crosses zones.\n\n"
        "The hot tier is 3,110.4 GB / 2 = 1,555.2 GB per node.\n\n"
        "If the stream doubles, the hot tier per node doubles to 3,110.4 GB.\n"
    )
    assert findings(text) == []


def test_a_size_per_many_elements_after_a_line_break_is_no_elements_width() -> None:
    text = "# Q4_0\n\n32 weights share one FP16 scale, i.e. 18 bytes\nper 32 weights.\n"
    assert findings(text) == []


def test_a_row_label_s_formula_is_the_next_cells() -> None:
    text = (
        "# GPU-hours\n\n| Stream | GPU-hours / month |\n|---|---:|\n"
        "| 8B checkpoints (40 × 1.303) | 52.1 |\n| 70B checkpoints (12 × 11.36) | 136.3 |\n"
    )
    assert findings(text) == []


def test_a_sum_of_scaled_operands_is_read_at_their_scales() -> None:
    text = "# Quota\n\nCommitted quota is 800k + 1.2M + 600k = {q} tokens per minute.\n"
    assert findings(text.format(q="2.6M")) == []
    [(line, code, _)] = findings(text.format(q="2.8M"))
    assert (line, code) == (3, "SPC101")


def test_a_share_after_the_whole_restated_is_of_the_figure_before() -> None:
    text = (
        "# Disk\n\nEach node stores 2.79 TB on its 3.41 TiB device, which is 74.4 % of the "
        "3,750 GB drive.\n"
    )
    assert findings(text) == []


def test_a_price_of_four_digits_is_read_to_its_last_digit() -> None:
    # $1.373 stands for 1.3725–1.3735: 48 × 730 × that is $48,092–$48,127.
    assert findings("# Cost\n\n- i4i.4xlarge: `48 × $1.373 × 730` = $48,111 per month\n") == []


SUMMARY = """\
# Feature store

At $0.87 per node-hour, 6 nodes cost `6 × $0.87 × 730` = $3,810.60 a month.

## Summary

| Store | Monthly cost |
|---|---|
| Online | $3,810.60 |
| Offline | $268.93 |
| **Total** | **{total}** |
"""


def test_a_summary_tables_total_row_is_no_recap() -> None:
    assert findings(SUMMARY.format(total="$4,079.53")) == []
    [(line, code, _)] = findings(SUMMARY.format(total="$4,179.53"))
    assert (line, code) == (11, "SPC103")


def test_a_percentage_after_a_verb_of_growth_is_a_change() -> None:
    text = "# Buffers\n\nThe padded buffers grow {p} (1.5 / 1.25) with capacity factor 1.5.\n"
    assert findings(text.format(p="20 %")) == []
    [(line, code, _)] = findings(text.format(p="25 %"))
    assert (line, code) == (3, "SPC102")


def test_a_bracketed_formula_after_a_value_is_that_values() -> None:
    text = (
        "# Indexes\n\nAt about 0.43 M documents per shard (1,289.4 M ÷ 3,006) that is roughly "
        "3.4 MB per shard of uint64 offsets.\n"
    )
    assert findings(text) == []


STATES = """\
# Per-GPU memory

| Per-GPU memory item | Size |
|---|---|
| BF16 weights (7.242B × 2 B) | 14.49 GB |
| BF16 gradients (7.242B × 2 B) | 14.49 GB |
| FP32 master + Adam m, v, sharded over DP=8 (7.242B × 12 B / 8) | {adam} |
"""


def test_a_row_labels_bracketed_formula_is_its_next_cells() -> None:
    assert findings(STATES.format(adam="10.86 GB")) == []
    [(line, code, message)] = findings(STATES.format(adam="1.086 GB"))
    assert (line, code) == (7, "SPC101")
    assert "7.242B × 12 B / 8 = " in message and "stated 1.086 GB is 10.0× too small" in message
