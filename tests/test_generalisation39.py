"""Shapes the lead found on held-out sets in session 31. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

RESERVATION = """\
# Reserve or rent: GPU fleet for next year

We run 12 {node_words} nodes for the research cluster.{node_line}

## Usage

- steady state: 12 nodes × 8,760 h = 105,120 node-hours
- burst: {burst_count} × 2 months × 730 h = {burst} GPU-hours
- eval pool: 64 GPUs × 730 h = {pool} node-hours

All prices exclude storage and egress.
"""


def _reservation(**overrides: str) -> str:
    values = {
        "node_words": "eight-GPU H100",
        "node_line": "",
        "burst_count": "6 nodes",
        "burst": "70,080",
        "pool": "5,840",
    }
    return RESERVATION.format(**(values | overrides))


def test_a_product_of_nodes_stated_in_gpu_hours_counts_the_gpus_per_node() -> None:
    # 6 nodes × 2 × 730 h = 8,760 node-hours = 70,080 GPU-hours at 8 GPUs per node;
    # 64 GPUs × 730 h = 46,720 GPU-hours = 5,840 node-hours.
    assert findings(_reservation()) == []
    [(line, code, message)] = findings(_reservation(burst="8,760"))
    assert (line, code) == (8, "SPC101")
    assert "6 nodes × 2 months × 730 h × 8 GPUs per node = 70,080 GPU-hours" in message
    assert "the product counts nodes, the result GPU-hours; 8 GPUs per node (line 3)" in message
    [(line, _, message)] = findings(_reservation(pool="46,720"))
    assert line == 9
    assert "64 GPUs × 730 h ÷ 8 GPUs per node = 5,840 node-hours" in message


@pytest.mark.parametrize(
    ("node_words", "node_line"),
    [("H100", " A node is 8 × H100 SXM with 3.2 Tb/s of EFA."), ("8-GPU H100", "")],
)
def test_the_gpus_per_node_are_read_as_the_document_writes_them(
    node_words: str, node_line: str
) -> None:
    text = _reservation(node_words=node_words, node_line=node_line)
    assert findings(text) == []
    [(line, _, message)] = findings(text.replace("= 70,080", "= 8,760"))
    assert line == 8
    assert "= 70,080 GPU-hours" in message


def test_node_hours_stay_unread_without_one_node_size() -> None:
    # No GPUs per node written (or a count already in the product): nothing to scale by.
    text = _reservation(node_words="H100", burst="8,760")
    assert findings(text) == []
    text = _reservation(burst_count="6 nodes × 8", burst="70,080")
    assert findings(text) == []
    assert findings(text.replace("= 70,080", "= 560,640")) != []  # the product as written


PRICING = """\
# Batch scoring: what the nightly job costs

The job needs 141.1 instance-hours a month on the current queue.

| Pricing | Rate | Cost for 141.1 instance-hours |
|---|---|---|
| On-demand | $3.912/h | {on_demand} |
| Spot (planning rate) | $1.35/h | $190.49 |

| Option | $/hour | $/month (730 h) |
|---|---|---|
| g6e.12xlarge on-demand | 10.49 | {monthly} |
| Current share of the pool | 14.20 | 10,366.00 |
"""


def _pricing(**overrides: str) -> str:
    return PRICING.format(**({"on_demand": "$551.98", "monthly": "7,657.70"} | overrides))


def test_a_constant_the_header_names_outright_needs_one_other_row() -> None:
    # $3.912 × 141.1 = $551.98; $1.35 × 141.1 = $190.49; 10.49 × 730 = 7,657.70.
    assert findings(_pricing()) == []
    [(line, code, message)] = findings(_pricing(on_demand="$651.98"))
    assert (line, code) == (7, "SPC101")
    assert "$3.912/h (line 7) × 141.1 instance-hours = $551.98" in message
    assert "the other row of the table has" in message
    [(line, code, message)] = findings(_pricing(monthly="7,957.70"))
    assert (line, code) == (12, "SPC101")
    assert "10.49 $/hour (line 12) × 730 h = $7,657.70" in message


def test_a_named_constant_no_other_row_holds_stays_silent() -> None:
    # The spot row is priced otherwise too: two rows that break it are no evidence.
    text = _pricing(on_demand="$651.98").replace("$190.49", "$290.49")
    assert findings(text) == []
    # A constant after 'at' in the header still needs three rows that agree.
    text = _pricing(on_demand="$651.98").replace("Cost for 141.1", "Cost at 141.1")
    assert findings(text) == []


FLEET = """\
# Render fleet options

| Option | Instances | Hours | $/h | Total |
|---|---|---|---|---|
| 24 × g5.2xlarge on-demand | 24 | 240 | 1.212 | {first} |
| 6 × g5.12xlarge on-demand | 6 | 240 | 5.672 | $8,168 |
| 6 × g5.12xlarge spot | 6 | 240 | 2.27 | $3,269 |
"""


def test_a_column_whose_header_names_no_unit_takes_the_unit_its_cells_write() -> None:
    # 24 × 240 × $1.212 = $6,981.12; 6 × 240 × $5.672 = $8,167.68; 6 × 240 × $2.27 = $3,268.80.
    assert findings(FLEET.format(first="$6,981")) == []
    [(line, code, message)] = findings(FLEET.format(first="$6,891"))
    assert (line, code) == (5, "SPC101")
    assert "24 (line 5) × 240 (line 5) × 1.212 (line 5) = $6,981;" in message
    assert "Total = Instances × Hours × $/h, as its other 2 rows show" in message
    # Cells of two units under a header that names none: no unit for the column.
    assert findings(FLEET.format(first="6,891 credits")) == []


FLEET_COST = """\
# Summariser serving: launch fleet

## Capacity

- Node type: 8×H100 SXM at $3.10 per GPU-hour (reserved).
- Four TP=2 replicas per node; one node costs 8 × $3.10 × 730 h = $18,104 per month.
- The launch fleet is three nodes (12 replicas) in two zones, which comes to {fleet} per month.

One instance for a month (730 h) on demand: $4,140.56. The current fleet of 3 instances costs
{current}/month.
"""


def _fleet_cost(**overrides: str) -> str:
    return FLEET_COST.format(**({"fleet": "$54,312", "current": "$12,421.68"} | overrides))


def test_a_count_of_things_after_a_figure_for_one_of_them_is_their_total() -> None:
    # 3 × $18,104 = $54,312; 3 × $4,140.56 = $12,421.68.
    assert findings(_fleet_cost()) == []
    [(line, code, message)] = findings(_fleet_cost(fleet="$56,312"))
    assert (line, code) == (7, "SPC101")
    assert "3 × $18,104 per month (line 6) = $54,312;" in message
    assert "is for one node, the next figure for 3" in message
    [(line, _, message)] = findings(_fleet_cost(current="$14,421.68"))
    assert line == 10
    assert "3 × $4,140.56 (line 9) = $12,421.68;" in message


def test_a_figure_for_one_thing_is_not_carried_to_another_or_to_each() -> None:
    # The total counts replicas, not nodes; or the next sentence is per node again.
    text = _fleet_cost(fleet="$56,312").replace("three nodes (12 replicas)", "12 replicas")
    assert findings(text) == []
    text = _fleet_cost(fleet="$56,312").replace("in two zones,", "in two zones, each node")
    assert findings(text) == []
    # Per month after a figure that is not for a month: not the same kind of figure.
    text = _fleet_cost(current="$14,421.68").replace("for a month (730 h) ", "")
    assert findings(text) == []


STORAGE_COST = """\
# Logs cluster: storage cost

## Monthly cost

| Line item | Unit price | Quantity | $/month |
|---|---|---|---|
| Hot nodes | $1.46/h | 5 | 5,329.00 |
| Warm nodes | $0.94/h | 4 | 2,744.80 |
| S3 Standard-IA | $0.0125/GB-month | 666,125 GB | 8,326.56 |
| **Total** | | | **16,400.36** |

## Options

1. **No replica on warm.** Warm needs 2 nodes instead of 4. Saving: 2 × $0.94 × 730 =
   $1,372.40/month.
   - That is {share} of the total above.
2. **Fewer hot nodes.** Saving: $1.46 × 730 = $1,065.80/month. That is {second} of the total
   above.
"""


def test_a_sentence_opening_with_a_share_of_the_total_above_is_of_the_figure_before() -> None:
    # 1,372.40 / 16,400.36 = 8.37 %; 1,065.80 / 16,400.36 = 6.50 %.
    text = STORAGE_COST.format(share="8.4 %", second="6.5 %")
    assert findings(text) == []
    [(line, code, message)] = findings(text.replace("8.4 %", "12.4 %"))
    assert (line, code) == (16, "SPC102")
    assert "$1,372.40/month (line 15) / $16,400.36 (line 10) = 8.37%" in message
    [(line, _, message)] = findings(text.replace("6.5 %", "9.5 %"))
    assert line == 17
    assert "$1,065.80/month (line 17) / $16,400.36 (line 10) = 6.5%" in message


def test_a_share_of_a_total_in_another_section_needs_the_word_above() -> None:
    text = STORAGE_COST.format(share="12.4 %", second="6.5 %").replace(" above.", ".", 1)
    assert findings(text) == []


MIGRATION = """\
# Bucket migration: cost summary

## TL;DR

- One-time cost: **{summary}**, dominated by internet egress.

## One-time cost

### Summary

| Item | Cost |
|---|---|
| Internet egress | $63,800.00 |
| GCS Class A | $1,308.65 |
| Rollback month | $25,856.00 |
| **One-time total** | **$90,964.65** |
"""


def test_a_rounded_recap_holds_a_precise_figure_its_precision_covers() -> None:
    assert findings(MIGRATION.format(summary="$90,965")) == []
    [(line, code, message)] = findings(MIGRATION.format(summary="$92,965"))
    assert (line, code) == (16, "SPC302")
    assert "the figure of line 5, $92,965" in message


SPEND = """\
# Inference spend: September

Routing half of the traffic to the open model moves 1,307.5M tokens: 1,307.5M × $0.88 =
{cost} on the new provider, against $5,752.50 today.
"""


def test_a_count_in_millions_times_a_price_may_price_a_million() -> None:
    assert findings(SPEND.format(cost="$1,150.60")) == []


EMBEDDING = """\
# Embedding backfill

| Item | Value |
|---|---|
| GPUs | 16 |
| Rate per GPU | 41,500 tokens/s |
| Fleet rate | 16 × 41,500 = {fleet} tokens/s ≈ 3,132 passages/s |
"""


def test_a_chain_that_turns_to_another_counted_noun_restates_no_formula() -> None:
    # 664,000 tokens/s at ~212 tokens a passage: the passages are no product of 16 × 41,500.
    assert findings(EMBEDDING.format(fleet="664,000")) == []
    [(line, code, message)] = findings(EMBEDDING.format(fleet="646,000"))
    assert (line, code) == (7, "SPC101")
    assert "16 × 41,500 = 664,000" in message


PARAMS = """\
# Qwen2.5-14B parameter count

- Attention per layer: q 5,120 × 5,120 + 5,120, k and v 2 × (5,120 × 1,024 + 1,024), o 5,120 ×
  5,120 = {attention}
- MLP per layer: 3 × 5,120 × 13,824 = {mlp}
"""


def test_a_result_after_a_list_of_terms_is_not_read_as_the_last_term() -> None:
    # q 26,219,520 + k, v 10,487,808 + o 26,214,400 = 62,921,728.
    assert findings(PARAMS.format(attention="62,921,728", mlp="212,336,640")) == []
    [(line, code, _)] = findings(PARAMS.format(attention="62,921,728", mlp="221,336,640"))
    assert (line, code) == (5, "SPC101")


NODE_HOURS = """\
# Autoscaling: monthly node-hours

- Floor: 13 nodes × 730 h = 9,490 node-hours, on-demand.
- Burst per day: 612 − 13 × 24 = 300 node-hours; over 30.42 days that is 9,125 node-hours.
- Total: {total} node-hours.
"""


def test_a_total_over_an_item_that_states_two_figures_of_its_unit_is_not_read() -> None:
    # Which of the burst item's two figures the total adds is unsure: 9,490 + 9,125 = 18,615.
    assert findings(NODE_HOURS.format(total="18,615")) == []
    text = NODE_HOURS.format(total="10,790").replace(
        "; over 30.42 days that is 9,125 node-hours", ""
    )
    [(line, code, _)] = findings(text)
    assert (line, code) == (5, "SPC103")


FSDP = """\
# Gemma-2-9B continued pretraining: memory

| Item | Value |
|---|---|
| Model | Gemma-2-9B, 9.24B parameters |
| Optimizer | AdamW, mixed precision |
| Parallelism | FSDP full-shard over 64 GPUs, no TP |

- Model states per GPU: {per_gpu} under full sharding.

## The TPU quote

- Model states per chip: 147.9 GB / 256 = 0.58 GB, so HBM is not the constraint.
"""


def test_fsdp_full_shard_splits_the_model_states_over_its_gpus() -> None:
    # 16 B × 9.24B = 147.8 GB over 64 GPUs = 2.31 GB; the quote's chips are another system.
    assert findings(FSDP.format(per_gpu="2.31 GB")) == []
    [(line, code, message)] = findings(FSDP.format(per_gpu="23.1 GB"))
    assert (line, code) == (9, "SPC501")
    assert "ZeRO stage 3" in message
    assert "÷ DP 64" in message


DECODE = """\
# DeepSeek-V2-Lite on one A100-80GB: decode

A100-80GB peak HBM bandwidth is 2.039 TB/s; I plan at 80 % of it, 1.63 TB/s.

**Batch 1.** A step reads 4.90 GB of weights. The floor is 4.90 GB / 2.039 TB/s = 2.40 ms at
full bandwidth, and 3.0 ms at 80 %, so one stream tops out near 333 tok/s.

**Batch 64.** A step streams every expert and the cache:

- step time: (30.99 + 5.97) GB / 1.63 TB/s = 22.67 ms
- aggregate: 64 / 22.67 ms ≈ 2,823 tok/s, or 44.1 tok/s per stream

Measured single-stream decode in the pilot: {measured} tok/s per stream.
"""


def test_a_ceiling_for_one_stream_bounds_streams_not_the_aggregate() -> None:
    assert findings(DECODE.format(measured="310")) == []
    [(line, code, _)] = findings(DECODE.format(measured="450"))
    assert (line, code) == (13, "SPC601")


IMPACT = """\
# Postmortem: gateway pool exhaustion

## Impact

- p99 latency rose {multiple}, from 120 ms to 2,350 ms; p50 went from 44 ms to 610 ms.
- Throughput recovered 3.1×, from 1,200 req/s to 3,700 req/s, after the rollback.
- Spend fell {share}, from $12,000 to $7,440 a month, once the retries stopped.
"""


def test_a_change_written_before_the_two_values_it_is_between() -> None:
    # 2,350 / 120 = 19.6×; 3,700 / 1,200 = 3.08×; 1 − 7,440 / 12,000 = 38 %.
    assert findings(IMPACT.format(multiple="19.6×", share="38 %")) == []
    [(line, code, message)] = findings(IMPACT.format(multiple="16×", share="38 %"))
    assert (line, code) == (5, "SPC101")
    assert "2,350 ms / 120 ms = 20×" in message
    [(line, code, message)] = findings(IMPACT.format(multiple="19.6×", share="30 %"))
    assert (line, code) == (7, "SPC102")
    assert "1 − ($7,440 / $12,000) = 38%" in message


def test_a_percentage_before_two_values_needs_its_direction() -> None:
    text = IMPACT.format(multiple="19.6×", share="38 %").replace("fell 38 %", "was 30 %")
    assert findings(text) == []


NODE_DISK = """\
# Log cluster nodes

`i4i.4xlarge`: 16 vCPU, 128 GiB RAM, one 3,750 GB NVMe instance-store volume, which the OS
reports as {tib} TiB.
"""


def test_a_tool_showing_a_value_after_a_few_words_of_its_noun_restates_it() -> None:
    # 3,750 GB = 3.41 TiB.
    assert findings(NODE_DISK.format(tib="3.41")) == []
    [(line, code, message)] = findings(NODE_DISK.format(tib="3.75"))
    assert (line, code) == (4, "SPC202")
    assert "= 3.41 TiB; stated 3.75 TiB matches only with TiB read as TB" in message


CHECKPOINT = """\
# Checkpoint size

- quantised linears: 36.48 GB
- fp16 remainder: embedding + head (4.98 GB) plus ~4.3 MB of biases and norms = 4.99 GB
- checkpoint total: {total} (38.62 GiB)
"""


def test_a_list_total_over_an_item_whose_formula_is_of_words() -> None:
    # The remainder's formula names its parts by words: which figure it adds is unsure, and
    # reading it must not fail (it did: no literal to end the formula at).
    assert findings(CHECKPOINT.format(total="41.46 GB")) == []
    assert findings(CHECKPOINT.format(total="45.47 GB").replace("38.62", "42.35")) == []


SHARED_SCOPE = """\
# DeepSeek-V2-Lite on two A100s: decode ceilings (per GPU)

- 4.90 GB / 2.039 TB/s = 2.40 ms per token, i.e. at most 416 tok/s per request at 100 %
  of HBM bandwidth and 333 tok/s at 80 %.
- 64 / 21.4 ms ≈ 2,990 tok/s per GPU, about 5,990 tok/s for the node.
- Bring-up test (single request, greedy): {single} tok/s per request.
"""


def test_words_after_an_earlier_rate_are_shared_by_the_rate_after_it() -> None:
    # "per request" scopes both 416 and 333 (one request), so the per-GPU batch figure is not
    # bounded by them; one request's measured rate is.
    assert findings(SHARED_SCOPE.format(single="310")) == []
    [(line, code, _)] = findings(SHARED_SCOPE.format(single="505"))
    assert (line, code) == (6, "SPC601")


MEGATRON = """\
# Atlas-13B pretraining on 128 H100s

| Setting | Value |
|---|---|
| Model | Llama-2-13B architecture, 13.02B parameters |
| Tensor-parallel size | 2 |
| Pipeline-parallel size | 1 |
| Data-parallel size | 128 ÷ 2 = 64 |
| Optimizer | Adam, `use_distributed_optimizer: true` |

- model and optimizer states per GPU: {states}
"""


def test_a_degree_computed_from_whole_numbers_in_its_cell_is_read() -> None:
    # (2 B weights + 2–4 B gradients) / TP 2 + 12 B / (TP 2 × DP 64), times 13.02B parameters.
    [(line, code, message)] = findings(MEGATRON.format(states="80.5 GB"))
    assert (line, code) == (11, "SPC501")
    assert "12 B optimizer ÷ DP 64" in message


CLOCK_DRIFT = """\
# Postmortem: clock skew broke token validation

The node's clock ran fast by 38 ppm. Over the 225,780 s since its last sync that is
38 ppm × 225,780 s = {drift} s, so tokens were rejected for the first 8.58 − 5 = 3.58 s.
"""


def test_parts_per_million_are_a_unit() -> None:
    # 38e-6 × 225,780 s = 8.58 s.
    assert findings(CLOCK_DRIFT.format(drift="8.58")) == []
    [(line, code, message)] = findings(CLOCK_DRIFT.format(drift="85.8"))
    assert (line, code) == (4, "SPC101")
    assert "38 ppm × 225,780 s = 8.58 s" in message


BACKLOG = """\
# Queue depth during the sale

- net growth = 2,400 − 2,105 ≈ 295 msg/s
- backlog after 25 min = 294.7 × 1,500 ≈ {backlog} messages
"""


def test_a_figure_after_a_preposition_before_a_formula_qualifies_its_name() -> None:
    assert findings(BACKLOG.format(backlog="442,100")) == []
    [(line, code, message)] = findings(BACKLOG.format(backlog="542,100"))
    assert (line, code) == (4, "SPC101")
    assert "294.7 × 1,500 = 442,050" in message


ZERO2 = """\
# Mistral-NeMo-12B on 8 A100-40GB: why ZeRO-3

**Why not ZeRO-2?** Each GPU would keep the full bf16 weights: 2 × 12.248B = 24.50 GB, plus
sharded gradients and optimizer states (2 + 12) × 12.248B / 8 = 21.43 GB, i.e. 45.93 GB per GPU.
Does not fit on 8 GPUs.
"""


def test_a_share_already_divided_by_the_count_is_no_total_of_the_devices() -> None:
    assert findings(ZERO2) == []


LAYER_TABLE = """\
# Llama-3.1-8B parameters

| Part | Parameters |
|---|---|
| Embedding (128,256 × 4096) | 525,336,576 |
| LM head (untied, same shape) | 525,336,576 |
| Attention, per layer | 41,943,040 |
| MLP, per layer | 176,160,768 |
| Linear layers, all 32 | 6,979,321,856 |
| RMSNorm weights (2 per layer + final) | 266,240 |
| **Total** | **{total}** |
"""


def test_a_total_adds_the_whole_rows_not_the_rows_per_layer_inside_them() -> None:
    # 2 × 525,336,576 + 6,979,321,856 + 266,240 = 8,030,261,248.
    assert findings(LAYER_TABLE.format(total="8,030,261,248")) == []
    assert findings(LAYER_TABLE.format(total="8,130,261,248")) != []


PEAK_BOUND = """\
# Phi-3.5-mini on a phone: decode

- bandwidth bound: 68.3 / 2.149 ≈ 31.8 tokens/s at 100 % of peak
- at a realistic 60 % of peak: about 19.1 tokens/s
- measured: 11.2 tokens/s, i.e. 35 % of the peak bound
"""


def test_a_name_of_two_words_is_not_resolved_by_its_first() -> None:
    # 11.2 / 31.8 = 35 % of the bound; "peak" alone would find the 19.1 of the item before.
    assert findings(PEAK_BOUND) == []


FABRIC = """\
# IB fabric for 256 GPUs

At 40 % MFU on 256 × 989 TFLOPS ({rate} FLOP/s) a 1.78e18 FLOP step takes about 17.5 s.
"""


def test_an_efficiency_right_before_a_formula_may_apply_to_its_result() -> None:
    # 0.40 × 256 × 989e12 = 1.013e17.
    assert findings(FABRIC.format(rate="1.013e17")) == []
    [(line, code, message)] = findings(FABRIC.format(rate="1.213e17"))
    assert (line, code) == (3, "SPC101")
    assert "at the 40 % written before it" in message


BREAK_EVEN = """\
# Reserve or rent

A reserved GPU pays off if it is busy more than 2.19 / 2.99 = {share} of the quarter; below that,
on-demand is cheaper.
"""


def test_a_bound_before_a_formula_with_a_result_bounds_the_sentence_not_the_operand() -> None:
    # 2.19 / 2.99 = 73.2 %.
    assert findings(BREAK_EVEN.format(share="73.2 %")) == []
    [(line, code, message)] = findings(BREAK_EVEN.format(share="78.3 %"))
    assert (line, code) == (3, "SPC102")
    assert "2.19 / 2.99 = 73.2%" in message


BASIS = """\
# Edge delivery: monthly bill

| Line item | Basis | Monthly |
|---|---|---:|
| Workers Paid base | flat | $5.00 |
| Worker requests | (620 − 10) × $0.30 | {requests} |
| Worker CPU | (620M × 4.5 ms − 30M) = 2,760M CPU-ms × $0.02/M | $55.20 |
| R2 storage | (41,000 − 10) GB × $0.015 | $614.85 |
| R2 Class B (reads) | (173.6 − 10) × $0.36 | $58.90 |
| Egress | free | $0.00 |
"""


def test_a_column_headed_basis_is_read_as_formulas_even_among_words() -> None:
    assert findings(BASIS.format(requests="$183.00")) == []
    [(line, code, message)] = findings(BASIS.format(requests="$163.00"))
    assert (line, code) == (6, "SPC101")
    assert "(620 − 10) × $0.30 = $183.00" in message


TRANSFER_DAYS = """\
# Bucket transfer plan

8 Gbps is 1 GB/s, i.e. 86.4 TB per day.

| Bucket | Size (TB) | Days at 8 Gbps |
|---|---|---|
| prod-events-raw | 640.0 | 7.41 |
| prod-ml-features | 285.5 | {days} |
| analytics-parquet | 198.2 | 2.29 |
| backups-pg | 76.3 | 0.88 |
"""


def test_a_header_naming_its_unit_before_a_constant_gives_the_cells_that_unit() -> None:
    # 285.5 TB at 1 GB/s = 285,500 s = 3.30 days.
    assert findings(TRANSFER_DAYS.format(days="3.30")) == []
    [(line, code, message)] = findings(TRANSFER_DAYS.format(days="0.41"))
    assert (line, code) == (8, "SPC101")
    assert "285.5 TB (line 8) / 8 Gbps = 3.30 Days" in message


KEY_VALUE_COST = """\
# Vision endpoint: monthly cost

| Item | Value |
|---|---|
| Instances | 13 × g6e.xlarge (1 × L40S each) |
| On-demand rate (us-east-1) | $1.861 per instance-hour |
| Hours per month | 730 |
| Monthly cost | {cost} |
"""


def test_a_key_value_tables_last_row_is_the_product_of_the_rows_above() -> None:
    # 13 × $1.861 × 730 h = $17,660.89.
    assert findings(KEY_VALUE_COST.format(cost="$17,661")) == []
    [(line, code, message)] = findings(KEY_VALUE_COST.format(cost="$19,364"))
    assert (line, code) == (8, "SPC101")
    assert (
        "13 (line 5) × $1.861 per instance-hour (line 6) × 730 hours (line 7) = $17,661" in message
    )


def test_rows_whose_units_do_not_multiply_to_the_last_are_not_read() -> None:
    text = KEY_VALUE_COST.format(cost="$19,364").replace("Hours per month | 730", "Regions | 2")
    assert findings(text) == []


MIXTRAL = """\
# Mixtral-8x22B expert-parallel training plan

| Setting | Value |
|---|---|
| Layers | 56 |
| Hidden size | 6144 |
| Vocabulary | {vocab} |
"""


def test_a_fact_another_published_release_of_the_model_has_is_no_mismatch() -> None:
    # The base weights as first released use 32,000 tokens; the HF release 32,768.
    assert findings(MIXTRAL.format(vocab="32,000")) == []
    assert findings(MIXTRAL.format(vocab="32,768")) == []
    [(line, code, message)] = findings(MIXTRAL.format(vocab="50,257"))
    assert (line, code) == (7, "SPC304")
    assert "has 32,768" in message


PHASES = """\
# Pretraining budget

| Phase | GPU-hours | Cost @ $2.00 |
|---|---|---|
| Pretraining, 14.8T tokens | 2,637K | $5,274,000 |
| Context extension (32K → 128K) | 119K | {context} |
| Post-training (SFT + RL) | 5K | $10,000 |
| **Total** | **2,761K** | **$5,522,000** |
"""


def test_a_wrong_part_is_reported_not_the_total_it_cascades_into() -> None:
    # $2.00 a GPU-hour: 119K × $2.00 = $238,000; with it the total $5,522,000 holds.
    assert findings(PHASES.format(context="$238,000")) == []
    [(line, code, message)] = findings(PHASES.format(context="$283,000"))
    assert (line, code) == (6, "SPC101")
    assert "119K GPU-hours (line 6) × $2.00 = $238,000" in message


FLEET_PEAK = """\
# MI300X inference cluster

16 × 8-GPU AMD MI300X nodes for the open-weights fleet:

- 128 GPUs, 192 GB HBM3 each → 1,536 GB per node, 24.6 TB across the cluster
- 5.3 TB/s HBM bandwidth and 1,307 TFLOPS dense BF16 per GPU ({cluster} PFLOPS BF16 for the cluster)

| Component | Watts |
|---|---|
| 8 × MI300X at 750 W | 6,000 |
"""


def test_a_list_item_opening_with_the_gpu_count_states_the_fleet() -> None:
    # 128 × 1,307 TFLOPS = 167.3 PFLOPS: within the fleet's peak, not one node's.
    assert findings(FLEET_PEAK.format(cluster="167")) == []


WRITES = """\
# DynamoDB capacity mode

A provisioned WCU-hour absorbs up to 3,600 write units. At full utilisation that is
$0.00065 / 3,600 × 10⁶ = {price} per million writes, against $0.625 on demand.
"""


def test_a_grouped_number_before_times_ten_to_a_power_is_a_count_times_the_power() -> None:
    # ($0.00065 / 3,600) × 10^6 = $0.1806: "3,600 × 10⁶" is no 3.6e9 in scientific notation.
    assert findings(WRITES.format(price="$0.1806")) == []
    [(line, code, message)] = findings(WRITES.format(price="$0.2806"))
    assert (line, code) == (4, "SPC101")
    assert "$0.00065 / 3,600 × 10^6 = $0.1806;" in message
    assert "divisor" not in message  # scaled to the million as written


SNOWFLAKE = """\
# Warehouse bill

Account: Enterprise edition, on-demand credits at **$3.00/credit**.

- Serverless (Snowpipe, clustering): 85 credits → $255
- Storage at $23/TB-month: 62 TB active → $1,426

**Snowflake monthly total: $13,828.**
"""


def test_a_count_priced_where_it_stands_is_no_count_a_total_is_of() -> None:
    # 85 credits is one line item ($255), not the basis of the $13,828 total.
    assert findings(SNOWFLAKE) == []


PIPELINE = """\
# Llama-3.1-405B over two nodes: inter-node traffic

We serve Llama-3.1-405B in FP8 on two H100 SXM nodes (TP=8, PP=2), one pipeline stage each.

At a stage boundary each token carries one hidden state: 16,384 × 2 B = 32 KiB. A 4,096-token
prefill therefore ships 134.2 MB, which takes 2.68 ms over one 50 GB/s NDR port.
"""


def test_the_time_to_ship_a_prefills_bytes_is_no_prefill_time() -> None:
    # 134.2 MB / 50 GB/s = 2.68 ms: a transfer, not the 4,096-token prefill's compute.
    assert findings(PIPELINE) == []


LINK_COST = """\
# Replication link

| Item | Value |
|---|---|
| Monthly recurring | $9,600 |
| Annual recurring (2 × 10G waves) | {annual} |
| One-off install | $2,500 |

- Monthly spend: $4,140.56
- Annual spend: {spend}
- Annual spend incl. setup: $52,186.72
"""


def test_a_yearly_figure_beside_the_monthly_one_is_twelve_times_it() -> None:
    # 12 × $9,600 = $115,200; 12 × $4,140.56 = $49,686.72 (the setup row adds to it: not read).
    assert findings(LINK_COST.format(annual="$115,200", spend="$49,686.72")) == []
    [(line, code, message)] = findings(LINK_COST.format(annual="$105,600", spend="$49,686.72"))
    assert (line, code) == (6, "SPC101")
    assert "12 × $9,600 (line 5) = $115,200" in message
    [(line, _, message)] = findings(LINK_COST.format(annual="$115,200", spend="$48,686.72"))
    assert line == 10
    assert "12 × $4,140.56 (line 9) = $49,686.72" in message


PLANS = """\
# PTU or pay-as-you-go

| Plan | Basis | Cost |
|---|---|---|
| Monthly reservation | 95 × $260 | $24,700 |
| Yearly reservation | 95 × $221 | $20,995 |

| Term | Price per PTU |
|---|---|
| Monthly reservation | $260 |
| Yearly reservation | $221 |

| Backup | Size |
|---|---|
| Monthly fulls | 1.6 TB |
| Yearly fulls | 1.6 TB |
"""


def test_monthly_and_yearly_kinds_are_no_month_and_its_year() -> None:
    # Two plans priced per month each, and two kinds of backup: no year of a month's figure.
    assert findings(PLANS) == []


SILENT_SHAPES = [
    # a price per million, the count in units
    "| Line | Basis | $ |\n|---|---|---:|\n| Stream-hours | 40 × $0.015 × 730 | 438.00 |\n"
    "| Record units | 12,500,000,000 units × $0.02 per million | 250.00 |\n",
    # a count per replica is no system count
    "The model runs on 8 A100-80GB. One step reads its 20.5B active parameters, 41 GB in "
    "BF16, or 5.125 GB per GPU.\n\nThe fallback plan runs 2 GPUs per replica.\n",
    # a formula of prices after an amount and 'at'
    "- both regions: 120 MB/s → 311,040 GB/month at $0.02 + $0.01 = **$9,331.20/month**\n",
    # a formula in brackets that works out an earlier figure
    "- layer norms: 73,728 params × 2 B = 147,456 B (16 × 2 × 2048 + 8192)\n",
    # a column constant on the agreeing rows and not on the row off: a hidden factor
    "| App | Pods | Threads per pod | Conns per thread | Client connections |\n"
    "|---|---|---|---|---|\n| web | 40 | 3 (uwsgi) | 5 | 600 |\n"
    "| jobs | 12 | 6 | 1 | 72 |\n| reports | 3 | 5 | 1 | 15 |\n",
]


@pytest.mark.parametrize("body", SILENT_SHAPES)
def test_first_contact_shapes_of_the_last_sets_stay_silent(body: str) -> None:
    assert findings("# Plan\n\n" + body) == []


DISK_SCENARIOS = """\
# Log cluster disk

| Scenario | Raw disk | Used | Utilisation |
|---|---|---|---|
| 10 data nodes | 40,000 GB | 22,000 GB | 55.0 % |
| 9 data nodes (one lost) | 36,000 GB | 22,000 GB | {lost} |
| 10 nodes, +20 % growth | 40,000 GB | 26,400 GB | 66.0 % |
"""


def test_numbers_in_the_label_column_are_no_hidden_factor() -> None:
    # 22,000 / 36,000 = 61.1 %; the row's own name (9 nodes) does not excuse it.
    assert findings(DISK_SCENARIOS.format(lost="61.1 %")) == []
    [(line, code, _)] = findings(DISK_SCENARIOS.format(lost="68.9 %"))
    assert (line, code) == (6, "SPC101")


IMPACT_RATIOS = """\
# Postmortem: KV eviction storm

| Metric | Before | Peak of incident | {header} |
|---|---|---|---|
| p99 TTFT | 1.6 s | 20.8 s | {ratio} |
| p99 TPOT | 45 ms | 189 ms | 4.2× |
| Preemptions / min | < 1 | ~150 | — |
"""


def test_a_column_of_multiples_is_one_column_over_another() -> None:
    # 20.8 / 1.6 = 13×; 189 / 45 = 4.2×.
    assert findings(IMPACT_RATIOS.format(header="Ratio", ratio="13×")) == []
    [(line, code, message)] = findings(IMPACT_RATIOS.format(header="Ratio", ratio="21×"))
    assert (line, code) == (5, "SPC101")
    assert "20.8 s (line 5) / 1.6 s (line 5) = 13×" in message
    assert "the other row of the column holds the same quotient" in message


def test_a_column_of_multiples_its_header_does_not_name_needs_two_rows() -> None:
    assert findings(IMPACT_RATIOS.format(header="Change", ratio="21×")) == []
