"""Shapes the lead found on held-out sets in session 21. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

LOGS = """\
# Clickstream compaction

## Daily volume

Each day the compaction stage reads 40.2 TB of raw JSON events in that time across the cluster.

## Summary for the storage review

Compaction finishes in under an hour of wall time on the cluster, {recap}, and the stage
costs about $400.
"""


def test_a_recap_of_the_same_noun_at_another_value_is_reported() -> None:
    [(line, code, message)] = findings(LOGS.format(recap="it reads 36 TB of raw JSON events"))
    assert (line, code) == (9, "SPC302")
    assert "the figure of line 5, 40.2 TB" in message


def test_a_summary_figure_of_another_noun_is_no_recap() -> None:
    # 40.2 TB of raw events and the 36 TB parquet archive share the section's words ("stage",
    # "time") but measure different things.
    assert findings(LOGS.format(recap="the parquet archive is 36 TB in 9,000 files")) == []


HASH = """\
# Session cache memory

The main table grows to 2^24 = 16,777,216 slots of 16 bytes, i.e. {whole}, and {second}.
"""


def test_the_whole_a_size_per_counted_thing_restates_is_their_product() -> None:
    [(line, code, message)] = findings(HASH.format(whole="312 MB", second="no more"))
    assert (line, code) == (3, "SPC101")
    assert "16,777,216 slots of 16 bytes = 268,435,456 B = 268 MB" in message


def test_a_size_per_counted_thing_restated_as_their_whole_is_silent() -> None:
    assert findings(HASH.format(whole="268 MB", second="no more")) == []


def test_a_plain_restatement_in_another_unit_is_still_checked() -> None:
    [(line, code, message)] = findings(
        HASH.format(whole="268 MB", second="the arena is 512 MiB, i.e. 512 MB")
    )
    assert (line, code) == (3, "SPC202")
    assert "512 MiB" in message


LINKS = """\
# Scale-up fabric

- NVLink: 0.9 TB/s bidirectional per GPU ({second}).
- Scale-out: one 400 Gb/s port per GPU.
"""


@pytest.mark.parametrize("second", ["450 GB/s per direction", "450 GB/s each way"])
def test_both_directions_and_one_direction_are_two_amounts(second: str) -> None:
    assert findings(LINKS.format(second=second)) == []


def test_a_link_rate_restated_in_the_wrong_unit_is_still_reported() -> None:
    [(line, code, message)] = findings(LINKS.format(second="900 Gb/s bidirectional"))
    assert (line, code) == (3, "SPC203")
    assert "0.9 TB/s bidirectional per GPU = 7200 Gb/s" in message


MLA = """\
# DeepSeek-V3 latent cache

Model: DeepSeek-V3, 61 layers.

{line}
"""


def test_two_config_keys_summed_are_not_each_given_a_value() -> None:
    line = "Per layer the cache holds kv_lora_rank + qk_rope_head_dim = 512 + 64 = 576 values."
    assert findings(MLA.format(line=line)) == []


def test_a_config_key_that_contradicts_the_catalog_is_still_reported() -> None:
    [(line, code, message)] = findings(MLA.format(line="We set qk_rope_head_dim = 128 here."))
    assert (line, code) == (5, "SPC304")
    assert "has 64" in message


SHARDED = """\
# Serving a 70B model on L4s

Model: Llama-3.1-70B in BF16 (141.1 GB of weights). Hardware: NVIDIA L4, 24 GB, 300 GB/s.

Each decode step reads the 8.8 GB weight shard on every L4 {how}: 8.8 GB / 300 GB/s = 29.4 ms
per step, so a single stream cannot exceed about 34 tokens/s.
"""


def test_a_rate_of_shards_read_on_every_device_in_parallel_is_not_one_devices() -> None:
    # One L4 streaming all 141 GB allows about 2.1 tokens/s; the stream runs on all shards.
    assert findings(SHARDED.format(how="in parallel")) == []


SHARE = """\
# Vector shard placement

- Two shard replicas per node: 2 × 65 GB = 130 GB ({share} of 256 GB).
"""


def test_a_share_rounded_from_its_part_and_whole_is_silent() -> None:
    # 130 / 256 = 50.8 %, written as 51 %: the part is no product of the rounded share.
    assert findings(SHARE.format(share="51 %")) == []


def test_a_share_its_part_and_whole_do_not_give_is_reported_on_the_part() -> None:
    [(line, code, message)] = findings(SHARE.format(share="61 %"))
    assert (line, code) == (3, "SPC102")
    assert "61 % of 256 GB = 156,160,000,000 B" in message


RETENTION = """\
# Request-log topic

```yaml
topic: request-log
retention.ms: {value}   # 3 days
```
"""


def test_a_config_value_off_its_bare_comment_by_a_unit_slip_is_fixed_in_the_value() -> None:
    from speclint import lint_text

    [diagnostic] = lint_text(RETENTION.format(value="259200"), "t.md")
    assert (diagnostic.line, diagnostic.code) == (5, "SPC204")
    assert "3 days = 259200000 ms; stated 259200 ms" in diagnostic.message
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "259200000"


def test_a_config_value_its_bare_comment_restates_is_silent() -> None:
    assert findings(RETENTION.format(value="259200000")) == []


BUCKET = """\
# Training data layout

The primary bucket holds 2,420 TB. Tokenized shards are {share} of the primary bucket (620 of
2,420 TB), and raw crawl dumps take the rest.
"""


def test_a_share_its_bracketed_part_and_whole_do_not_give_is_reported() -> None:
    [(line, code, message)] = findings(BUCKET.format(share="34.4 %"))
    assert (line, code) == (3, "SPC102")
    assert "620 / 2,420 TB = 25.6%" in message


def test_a_share_its_bracketed_part_and_whole_give_is_silent() -> None:
    assert findings(BUCKET.format(share="25.6 %")) == []


def test_a_rate_of_output_tokens_is_read_in_tokens_per_second() -> None:
    from speclint.formula.lexer import tokenize
    from speclint.formula.parser import scan

    text = "we measured 4,100 output tokens/s per replica"
    [chain] = scan(tokenize(text)).chains
    [lit] = chain.exprs
    assert lit.unit is not None and lit.unit_text == "tokens/s"
    assert text[lit.num_start : lit.end].startswith("4,100 output tokens/s")


REPLICA = """\
# Qwen2.5-72B on H100, four GPUs per replica

Model: Qwen2.5-72B in BF16. GPU: H100 SXM, 4 GPUs per replica (TP=4).

### Decode ceiling

Each decode step reads 36.4 GB of weights per GPU at 3.35 TB/s, so the step floor is 10.9 ms.
That caps batch 32 at about 2,950 tokens/s per replica. In the load test we measured
{measured} output tokens/s per replica at batch 32.
"""


def test_a_measured_replica_rate_past_the_hardware_bound_is_reported() -> None:
    [(line, code, message)] = findings(REPLICA.format(measured="4,100"))
    assert (line, code) == (9, "SPC601")
    assert "for the 4 GPUs of one replica at 100 % of peak" in message
    assert "stated 4,100 output tokens/s per replica" in message


def test_a_measured_replica_rate_under_the_derived_ceiling_is_silent() -> None:
    assert findings(REPLICA.format(measured="2,200")) == []


FABRIC = """\
# Compute fabric

Each {machine} has 8 NICs at 400 Gb/s for the compute fabric: 3.2 Tb/s, i.e. {rate} per node.
"""


@pytest.mark.parametrize("machine", ["server", "DGX", "host"])
def test_a_restatement_per_node_of_a_figure_per_machine_is_checked(machine: str) -> None:
    [(line, code, message)] = findings(FABRIC.format(machine=machine, rate="3,200 GB/s"))
    assert (line, code) == (3, "SPC203")
    assert "3.2 Tb/s = 400 GB/s" in message


def test_a_right_restatement_per_node_of_a_figure_per_machine_is_silent() -> None:
    assert findings(FABRIC.format(machine="server", rate="400 GB/s")) == []


INGEST = """\
# Event ingest

- Average ingest: 35,000 × 7 KB = 245 MB/s.
- Peak ingest: 60,000 × 7 KB = {peak}.
- Disk in use at steady state: 111.1 TB of 192 TB, {share}.
"""


def test_a_bare_count_times_a_size_stated_per_second_is_checked() -> None:
    [(line, code, message)] = findings(INGEST.format(peak="480 MB/s", share="58 %"))
    assert (line, code) == (4, "SPC101")
    assert "60,000 × 7 KB = 420 MB/s" in message and "read per second" in message


def test_a_share_after_a_part_of_its_whole_and_a_comma_is_checked() -> None:
    [(line, code, message)] = findings(INGEST.format(peak="420 MB/s", share="72 %"))
    assert (line, code) == (5, "SPC102")
    assert "111.1 TB / 192 TB = 58%" in message


def test_right_ingest_figures_are_silent() -> None:
    assert findings(INGEST.format(peak="420 MB/s", share="58 %")) == []


SHARDS = """\
# Optimizer state under ZeRO-3

| State | Whole model | Per rank (÷ 32) |
|---|---|---|
| bf16 weights | 14.0 GB | 0.44 GB |
| bf16 gradients | 14.0 GB | 0.44 GB |
| fp32 master + moments | 84.0 GB | {master} |
"""


def test_a_cell_off_the_operation_its_header_writes_is_reported() -> None:
    [(line, code, message)] = findings(SHARDS.format(master="5.25 GB"))
    assert (line, code) == (7, "SPC101")
    assert "84.0 GB (line 7) ÷ 32 = 2,625,000,000 B = 2.63 GB" in message
    assert "the column's header writes ÷ 32, as the other 2 rows hold" in message


def test_a_column_that_holds_its_headers_operation_is_silent() -> None:
    assert findings(SHARDS.format(master="2.63 GB")) == []


def test_a_header_operation_most_rows_break_is_no_reading() -> None:
    doc = SHARDS.replace("0.44 GB", "0.88 GB").format(master="5.25 GB")
    assert findings(doc) == []


BOM = """\
# Fabric bill of materials

| Item | Qty | Unit | Cost |
|---|---|---|---|
| NDR switch | 24 | $32,000 | $768,000 |
| HCA | 512 | $1,900 | $972,800 |
| Optics (per port) | 1,024 | $1,100 | $1,126,400 |
| Installation | 1 | $60,000 | $60,000 |
| **Total** | | | **{total}** |
"""


def test_a_cost_column_already_times_its_quantity_is_summed_as_written() -> None:
    [(line, code, message)] = findings(BOM.format(total="$2,827,200"))
    assert (line, code) == (9, "SPC103")
    assert "= $2,927,200" in message and "24 ×" not in message


def test_a_bill_of_materials_that_adds_up_is_silent() -> None:
    assert findings(BOM.format(total="$2,927,200")) == []


MOE = """\
# Mixtral-8x22B serving

Serve Mixtral-8x22B in BF16 on one 8×MI300X node, TP=8.

- Total parameters: {total}B.
- Active per token (2 experts): about 39.2B.
- The 448 routed experts (56 layers × 8) hold 135.3B parameters.
"""


def test_experts_a_token_uses_and_experts_of_all_layers_are_not_the_models_count() -> None:
    [(line, code, message)] = findings(MOE.format(total="176"))
    assert (line, code) == (5, "SPC401")
    assert "8 experts × 3·6144·16384" in message


def test_the_architectures_total_with_those_lines_is_silent() -> None:
    assert findings(MOE.format(total="141")) == []


def test_one_claim_read_twice_is_reported_once() -> None:
    doc = MOE.format(total="176") + "- Active parameters are 39.2B, i.e. 35 % of the total.\n"
    lines = [(line, code) for line, code, _ in findings(doc)]
    assert len(lines) == len(set(lines))


LATENCY = """\
# Postmortem: TTFT regression on Qwen2.5-7B (one H100 per replica)

Prefill queues built up, and p50 TTFT went from 180 ms to
1,450 ms. TPOT also degraded because more sequences were decoding at once.

The weight-streaming floor per decode step is 15.23 GB / 3.35 TB/s ≈ 4.55 ms.
"""


def test_a_latency_is_not_named_by_the_next_sentence() -> None:
    assert findings(LATENCY) == []


FINETUNE = """\
# Full fine-tune of Llama-2-13B on A100-80GB

Cluster: 64 × A100-SXM4-80GB. Per decoder layer the attention and MLP weights are sharded by ZeRO-3.

Training FLOPs per token are 6 × 13B = 78 GFLOP, so at 312 TFLOPS one GPU tops out near 4,000
tokens/s. A vendor benchmark claims {rate} tokens/s per A100 on this model.
"""


def test_a_training_rate_per_named_device_past_the_compute_peak_is_reported() -> None:
    [(line, code, message)] = findings(FINETUNE.format(rate="4,400"))
    assert (line, code) == (6, "SPC601")
    assert "training:" in message and "per GPU at 100 % of peak" in message
    assert "stated 4,400 tokens/s per A100" in message


def test_a_training_rate_per_named_device_under_the_peak_is_silent() -> None:
    assert findings(FINETUNE.format(rate="1,800")) == []


ATTENTION = """\
# Attention FLOPs at 128k context

$$
F = 2(7.6\\text{{e}}9)(131{{,}}072) + 2(32)(131{{,}}072)^2(4{{,}}096) \\approx {total}
$$
"""


def test_an_exponent_written_in_text_braces_is_part_of_its_number() -> None:
    assert findings(ATTENTION.format(total="6.50\\times10^{15}")) == []


def test_a_formula_with_a_text_exponent_is_still_checked() -> None:
    [(line, code, message)] = findings(ATTENTION.format(total="9.04\\times10^{15}"))
    assert (line, code) == (4, "SPC101")
    assert "2(7.6e9)(131,072) + 2(32)(131,072)^2(4,096) = 6.50" in message


def test_percentage_points_are_percent() -> None:
    doc = "# Test power\n\nAbsolute lift δ = 0.31 × 0.005 = {pp} percentage points.\n"
    assert findings(doc.format(pp="0.155")) == []
    [(line, code, _)] = findings(doc.format(pp="1.55"))
    assert (line, code) == (3, "SPC102")


def test_a_device_size_before_a_count_of_its_devices_is_no_product() -> None:
    doc = "# Reserved capacity\n\n- 256 reserved A100 80GB (32 nodes × 8 GPUs), three-year term.\n"
    assert findings(doc) == []


def test_a_weight_width_is_not_the_weights_size() -> None:
    doc = (
        "# Llama-3.1-8B on L40S\n\nWe move Llama-3.1-8B-Instruct to the L40S pool with 4-bit "
        "AWQ weights.\n"
    )
    assert findings(doc) == []


SYSTEM = """\
# DeepSeek-V3 on two H200 nodes (EP=16), FP8

- Batch 64 per GPU: 3,100 output tokens/s per GPU; TPOT 20.6 ms.
- Batch 96 per GPU: 4,200 output tokens/s per GPU.
- System at batch 64: 16 × 3,100 = {total} output tokens/s.
"""


def test_a_system_rate_multiplied_up_from_an_earlier_items_rate_is_left_to_it() -> None:
    assert findings(SYSTEM.format(total="49,600")) == []


def test_a_system_rate_multiplied_up_wrongly_is_still_an_arithmetic_finding() -> None:
    [(line, code, message)] = findings(SYSTEM.format(total="59,600"))
    assert (line, code) == (5, "SPC101")
    assert "16 × 3,100 = 49,600" in message


TRANSFER = """\
# KV fetch and weight pull

Fetch per step: 2.10 GB per GPU, which at 50 GB/s takes {fetch}.

- Node pull over a 100 Gbps NIC: 70.6 GB at 100 Gbps is about {pull} per node.
"""


def test_an_amount_each_gpu_moves_which_at_a_rate_takes_a_time_is_checked() -> None:
    [(line, code, message)] = findings(TRANSFER.format(fetch="4.2 ms", pull="5.65 s"))
    assert (line, code) == (3, "SPC101")
    assert "2.10 GB per GPU / 50 GB/s = 42.0 ms" in message


def test_a_time_per_node_at_a_link_rate_is_checked() -> None:
    [(line, code, message)] = findings(TRANSFER.format(fetch="42 ms", pull="0.71 s"))
    assert (line, code) == (5, "SPC203")
    assert "70.6 GB / 100 Gbps = 5.65 s" in message


def test_right_transfer_times_are_silent() -> None:
    assert findings(TRANSFER.format(fetch="42 ms", pull="5.65 s")) == []


PRICE = """\
# Cost per million tokens

A replica costs $9.60 per hour and emits 8.64M tokens per hour.

- Cost: $9.60 / 8.64 = {price} per 1M output tokens.
"""


def test_a_price_over_a_bare_count_stated_per_million_is_checked() -> None:
    [(line, code, message)] = findings(PRICE.format(price="$0.111"))
    assert (line, code) == (5, "SPC101")
    assert "$9.60 / 8.64 = $1.11" in message
    assert "the divisor is read in the 1M the price is per" in message


def test_a_right_price_per_million_is_silent() -> None:
    assert findings(PRICE.format(price="$1.11")) == []


SPLIT = """\
# Experiment layers

- Allocation: control 3 %, treatment 3 %, together 6 % of users; the remaining {a} stays in the
  main layer.
- Traffic: search 30 %, ads 20 %, the remaining {b} is organic.
- Rules: 15 % are union checks, and the remaining 10 % are cross-field checks.
"""


def test_the_remaining_share_after_a_total_of_shares_is_checked() -> None:
    [(line, code, message)] = findings(SPLIT.format(a="90 %", b="50 %"))
    assert (line, code) == (3, "SPC102")
    assert "100 % − 6 % = 94%" in message


def test_the_remaining_share_after_several_shares_is_their_complement() -> None:
    [(line, code, message)] = findings(SPLIT.format(a="94 %", b="40 %"))
    assert (line, code) == (5, "SPC102")
    assert "100 % − 30 % − 20 % = 50%" in message


def test_right_remaining_shares_and_one_share_of_an_unsure_whole_are_silent() -> None:
    # "15 % are …, and the remaining 10 %": of which whole is unsure (it follows a single share)
    assert findings(SPLIT.format(a="94 %", b="50 %")) == []


EXPERTS = """\
# DeepSeek-V3 parameter budget

- Each routed expert: 3 × 7,168 × 2,048 = 44.0M parameters.
- Routed experts in total: 58 × 256 × 44.0M = {total}B parameters.
"""


def test_a_part_of_the_model_in_total_is_no_whole_model_count() -> None:
    [(line, code, message)] = findings(EXPERTS.format(total="605.3"))
    assert (line, code) == (4, "SPC101")
    assert "58 × 256 × 44.0M = 653.3B" in message


def test_a_right_part_total_is_silent() -> None:
    assert findings(EXPERTS.format(total="653.3")) == []


PODS = """\
# Node-pool sizing

| Deployment | Replicas | GPUs/replica | GPUs total |
|---|---|---|---|
| embed | 10 | 1 | 10 |
| rerank | 6 | 1 | 6 |
| llm-8b | 4 | 2 | 8 |
| asr | 5 | 1 | 5 |
| **Total** | 25 | | **{total}** |
"""


def test_a_total_of_a_gpus_total_column_counts_whole_gpus() -> None:
    [(line, code, message)] = findings(PODS.format(total="31"))
    assert (line, code) == (9, "SPC103")
    assert "= 29; stated 31" in message


def test_a_right_gpus_total_is_silent() -> None:
    assert findings(PODS.format(total="29")) == []


WIRE = """\
# Rate-limiter network

- Whole cluster on the wire: 264.6 MB/s is {rate}.
- The cache is 40 GB; at peak it is 8 GB more than last year.
- The SLO is p99 ≤ 150 ms ({slo}) end to end.
"""


def test_a_rate_restated_after_is_in_another_unit_is_checked() -> None:
    [(line, code, message)] = findings(WIRE.format(rate="0.26 Gbps", slo="0.15 s"))
    assert (line, code) == (3, "SPC203")
    assert "264.6 MB/s = 2.12 Gbps" in message


def test_a_bound_restated_in_brackets_is_checked() -> None:
    [(line, code, message)] = findings(WIRE.format(rate="2.12 Gbps", slo="0.015 s"))
    assert (line, code) == (5, "SPC201")
    assert "150 ms = 0.150 s" in message


def test_right_restatements_and_a_comparison_are_silent() -> None:
    assert findings(WIRE.format(rate="2.12 Gbps", slo="0.15 s")) == []


DROPS = """\
# Router capacity

Dropped assignments per step: 6 × 5,734 + 10 × 819 = 34,404 + 8,190 = 42,594.
That is {share} of the 1,048,576 routed assignments.
"""


def test_a_share_of_a_whole_the_next_sentence_gives_the_value_before_it_is_checked() -> None:
    [(line, code, message)] = findings(DROPS.format(share="6.1 %"))
    assert (line, code) == (4, "SPC102")
    assert "42,594 / 1,048,576" in message and "= 4.1%" in message


def test_a_right_share_of_a_named_whole_is_silent() -> None:
    assert findings(DROPS.format(share="4.06 %")) == []


SLO = """\
# Impact

- Of 120,000 sampled requests in the window, 9,600 breached the 800 ms TTFT SLO: {share}.
"""


def test_a_share_closing_a_sentence_that_opens_with_its_whole_is_checked() -> None:
    [(line, code, message)] = findings(SLO.format(share="12 %"))
    assert (line, code) == (3, "SPC102")
    assert "9,600 breached / 120,000 sampled requests = 8%" in message


def test_a_right_share_of_an_opening_whole_is_silent() -> None:
    assert findings(SLO.format(share="8 %")) == []


def test_a_slice_of_devices_is_no_single_device() -> None:
    doc = (
        "# Training throughput: 2B decoder on a TPU v5e-64 slice\n\n"
        "TPU v5e: 197 TFLOPS BF16 per chip.\n\n"
        "- At 45 % MFU the slice sustains 0.45 × 1.2608e16 = 5.67e15 FLOP/s.\n"
    )
    assert findings(doc) == []


def test_all_experts_of_all_layers_are_a_part_of_the_model() -> None:
    doc = (
        "# Mixtral-8x7B fine-tune\n\n"
        "- One expert: 3 × 4,096 × 14,336 = 176,160,768 parameters.\n"
        "- All experts: 32 layers × 8 × 176.2M = {total}B parameters.\n"
    )
    assert findings(doc.format(total="45.10")) == []
    [(line, code, _)] = findings(doc.format(total="54.10"))
    assert (line, code) == (4, "SPC101")


def test_a_rate_in_a_sentence_naming_another_weight_precision_uses_its_bytes() -> None:
    doc = (
        "# Llama-3.1-70B on 8×H100\n\n"
        "Model: Llama-3.1-70B, BF16 weights (141.1 GB), TP=8 on one 8×H100 node.\n\n"
        "A re-run with FP8 weights (70.6 GB) halves the weight read per step and should move the\n"
        "single-stream bound to about {rate} tokens/s.\n"
    )
    assert findings(doc.format(rate="380")) == []
    [(line, code, _)] = findings(doc.format(rate="600"))
    assert (line, code) == (6, "SPC601")


def test_an_erasure_code_is_no_sum_a_share_is_made_of() -> None:
    doc = "# Storage\n\n- With 8+2 erasure coding (80 % efficiency): 589.8 TB usable per node.\n"
    assert findings(doc) == []


SHOWN = """\
# INT8 rollout

- INT8 weights occupy 27.23 GB, which `nvidia-smi` shows as {shown}.
- One pass over the hot set takes 4e15 / 256e9 = 15,625 s, or {hours}.
- Huge pages are 2 MiB or 1 GiB.
"""


def test_a_value_a_tool_shows_in_another_unit_is_a_restatement() -> None:
    [(line, code, message)] = findings(SHOWN.format(shown="29.2 GiB", hours="4.34 h"))
    assert (line, code) == (3, "SPC201")
    assert "27.23 GB = 25.4 GiB" in message


def test_two_precise_figures_joined_by_or_restate_each_other() -> None:
    [(line, code, message)] = findings(SHOWN.format(shown="25.4 GiB", hours="43.4 h"))
    assert (line, code) == (4, "SPC201")
    assert "15,625 s = 4.34 h" in message


def test_right_restatements_and_round_alternatives_are_silent() -> None:
    assert findings(SHOWN.format(shown="25.4 GiB", hours="4.34 h")) == []


def test_a_ratio_then_a_comma_and_a_named_change_is_checked() -> None:
    doc = "# INT8 rollout\n\n- Single-stream speed-up: 85 / 48 = 1.77×, a {gain} gain.\n"
    assert findings(doc.format(gain="77 %")) == []
    [(line, code, message)] = findings(doc.format(gain="57 %"))
    assert (line, code) == (3, "SPC102")
    assert "1.77× − 1 = 77%" in message
