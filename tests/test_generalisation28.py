"""Shapes the lead found on held-out sets in session 20. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

BLOBS = """\
# Artifact store sizing

## Capacity by tier

| Tier | Usable capacity | Checkpoints held | Runs kept |
|------|-----------------|------------------|-----------|
| NVMe cache | 96 TB | {nvme} | 37 |
| Object store, hot | 1.2 PB | 8,451 | 457 |
| Object store, cold | 4 PB | 28,169 | 1,523 |

(Checkpoints = capacity / 142 GB; runs = checkpoints / 18.5.)

Checkpoint size is the 70B model's BF16 weights plus Adam state, sharded.
"""


def test_a_cell_off_the_formula_its_tables_note_writes_is_reported() -> None:
    [(line, code, message)] = findings(BLOBS.format(nvme="721"))
    assert (line, code) == (7, "SPC101")
    assert "96 TB / 142 GB (line 7) = 676" in message
    assert "Checkpoints = capacity / 142 GB (line 11), as the other 2 rows hold" in message


def test_a_table_that_holds_its_notes_formula_is_silent() -> None:
    assert findings(BLOBS.format(nvme="676")) == []


def test_a_cell_computed_from_a_wrong_cell_is_left_to_that_finding() -> None:
    # 721 is off the first formula; 37 = 676 / 18.5 follows the right value, not 721 / 18.5.
    found = findings(BLOBS.format(nvme="721"))
    assert [line for line, _, _ in found] == [7]
    assert all("runs = " not in message for _, _, message in found)


def test_a_note_most_rows_break_means_something_else_and_is_silent() -> None:
    # Two of the three rows disagree with "capacity / 100 GB": the note is no column formula.
    doc = BLOBS.replace("142 GB; runs = checkpoints / 18.5.", "100 GB.").format(nvme="960")
    assert findings(doc) == []


@pytest.mark.parametrize(
    "note",
    [
        # "capacity" names no column of this table: nothing is read.
        "(Checkpoints = size / 142 GB.)",
        # The formula names two columns that each match "object": ambiguous.
        "(Checkpoints = object / 142 GB.)",
    ],
)
def test_a_note_whose_names_are_no_single_column_is_silent(note: str) -> None:
    doc = BLOBS.format(nvme="721").replace(
        "(Checkpoints = capacity / 142 GB; runs = checkpoints / 18.5.)", note
    )
    assert findings(doc) == []


def test_a_note_in_another_section_does_not_read_the_table() -> None:
    doc = BLOBS.format(nvme="721").replace("\n(Checkpoints", "\n## Notes\n\n(Checkpoints")
    assert findings(doc) == []


SIZING = """\
# Completion service sizing

Model: Qwen2.5-7B (28 layers, hidden 3584) in BF16, served today on one H100 SXM.

At peak, 800 requests/s arrive, each with 270 uncached prompt tokens and 48 output tokens.

- prefill {prefill}: 800 × 270 = 216,000 tokens/s
- prefill: 216,000 × 2 × 7.6e9 ≈ 3.28e15 FLOP/s{sized}
"""
SIZED = "; at 494.5 TFLOPS per GPU that is 6.63 GPUs"


def test_a_load_to_be_served_is_not_held_to_one_gpus_peak() -> None:
    assert findings(SIZING.format(prefill="load", sized=SIZED)) == []


def test_a_rate_not_called_a_load_is_still_held_to_the_peak() -> None:
    found = findings(SIZING.format(prefill="throughput", sized=SIZED))
    assert [(line, code) for line, code, _ in found] == [(7, "SPC601")]
    assert "stated 216,000 tokens/s" in found[0][2]


def test_a_flops_figure_no_sentence_sizes_is_still_held_to_the_documents_gpus() -> None:
    found = findings(SIZING.format(prefill="load", sized=""))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC601")]
    assert "stated 3.28e15 FLOP/s" in found[0][2]


JUDGE = """\
# Synthetic data job

Generation runs Llama-3.1-70B (80 layers, hidden 8192, FFN 28672, 64 query heads, 8 KV
heads, vocab 128256) in BF16 on 16 nodes of 8 × H100 SXM, TP=8.

{lead}

- prompts scored: 23.0B tokens / 1,200,000 tokens/s ≈ 19.2k seconds
"""


def test_a_rate_its_lead_in_gives_to_another_model_is_not_held_to_this_ones_bound() -> None:
    # 1.2M tokens/s is past 128 H100s' peak for a 70B model, not for an 8B one.
    lead = "Judging (Llama-3.1-8B, prefill only, across the whole pool):"
    assert findings(JUDGE.format(lead=lead)) == []


def test_a_rate_its_lead_in_gives_to_the_documents_model_is_checked() -> None:
    lead = "Judging (Llama-3.1-70B, prefill only, across the whole pool):"
    found = findings(JUDGE.format(lead=lead))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC601")]


NODE = """\
# Eval node accounting

- Model: Llama-3.1-70B, bf16; two replicas per node at TP=4, 8 × H100 SXM 80 GB per node.
- Measured throughput per node (both replicas together):
  - prefill, short prompts: **{rate} tokens/s**
  - decode: **5,000 tokens/s**
"""


def test_a_nested_rate_under_a_per_node_item_is_one_nodes() -> None:
    # 8 × 989 TFLOPS ÷ (2 × 68.45B) ≈ 57,800 tokens/s; 4 GPUs would allow 28,900.
    assert findings(NODE.format(rate="38,000")) == []


def test_a_nested_per_node_rate_past_the_nodes_peak_is_reported_with_its_gpus() -> None:
    found = findings(NODE.format(rate="71,000"))
    assert [(line, code) for line, code, _ in found] == [(5, "SPC601")]
    assert "× 8 GPUs" in found[0][2]


HOURS = """\
# Checkpoint promotion cost

Each pass runs on 4 nodes of 8 GPUs.

Per checkpoint:

- inference: 2.085 node-hours
- weight loading: 0.400 node-hours
- total: {total} node-hours = {gpu} GPU-hours
"""


def test_node_hours_are_not_added_up_to_a_gpu_hours_figure() -> None:
    assert findings(HOURS.format(total="2.485", gpu="19.88")) == []


def test_a_node_hours_total_that_does_not_add_up_is_still_reported() -> None:
    found = findings(HOURS.format(total="2.585", gpu="20.68").replace(" = 20.68 GPU-hours", ""))
    assert [(line, code) for line, code, _ in found] == [(9, "SPC103")]
    assert "= 2.485 node-hours" in found[0][2] or "2.485" in found[0][2]


SAVED = """\
# Saved activations per token per layer

| Tensor saved for backward | Formula | Bytes |
|---|---|---|
| input to attention norm | 2h | 8,192 |
| Q, K, V | 6h | 24,576 |
| log-sum-exp (fp32, per head) | 4a | 128 |
| {label} | | {total} |
"""


def test_a_row_named_log_sum_exp_is_no_sum_row() -> None:
    assert findings(SAVED.format(label="MLP input", total="8,192")) == []


def test_a_sum_row_of_the_same_table_is_still_checked() -> None:
    found = findings(SAVED.format(label="sum", total="33,024"))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC103")]
    assert "= 32,896" in found[0][2]


SLICE = """\
# MIG slices

On an H100, a `3g.40gb` slice gets {share}3.35 TB/s, i.e. {rate} GB/s.
"""


@pytest.mark.parametrize("share", ["half of ", "a half of ", "twice "])
def test_a_figure_restating_a_scaled_quantity_is_not_read_as_its_conversion(share: str) -> None:
    rate = "6,700" if share == "twice " else "1,675"
    assert findings(SLICE.format(share=share, rate=rate)) == []


def test_a_wrong_conversion_without_a_scaling_word_is_reported() -> None:
    found = findings(SLICE.format(share="", rate="1,675"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC201")]


BUDGET = """\
# Memory budget per GPU

| Policy | mb | states | activations | workspace | **total (GB)** |
|---|---|---|---|---|---|
| none | 1 | 14.74 | 20.15 | 4.00 | 38.89 |
| selective | 2 | 14.74 | 17.21 | 4.00 | 35.95 |
| selective | 4 | 14.74 | 34.43 | 4.00 | {total} |
| full | 8 | 14.74 | 13.63 | 4.00 | 32.37 |
"""


def test_a_total_column_naming_the_unit_adds_up_bare_columns_in_it() -> None:
    [(line, code, message)] = findings(BUDGET.format(total="55.17"))
    assert (line, code) == (7, "SPC103")
    assert (
        "14.74 (line 7) + 34.43 (line 7) + 4.00 (line 7) = 53,170,000,000 B = 53.17 GB" in message
    )


def test_a_total_column_that_adds_up_is_silent() -> None:
    assert findings(BUDGET.format(total="53.17")) == []


SHARDS = """\
# Embedding tables

## Table sizes

Size = rows × dim × 4 bytes (fp32 weights).

| Table | Rows | Dim | Size | Owner |
|---|---|---|---|---|
| user_id | 400,000,000 | 128 | 204.80 GB | – |
| item_id | 120,000,000 | 128 | {size} | ranking |
| query_hash | 200,000,000 | 64 | 51.20 GB | – |
"""


def test_a_note_formula_with_a_constant_in_units_checks_each_row() -> None:
    [(line, code, message)] = findings(SHARDS.format(size="49.15 GB"))
    assert (line, code) == (10, "SPC101")
    assert "120,000,000 × 128 × 4 bytes (line 10) = 61,440,000,000 B = 61.44 GB" in message
    assert "(Size = rows × dim × 4 bytes (line 5), as the other 2 rows hold)" in message


def test_rows_that_hold_the_note_formula_are_silent() -> None:
    assert findings(SHARDS.format(size="61.44 GB")) == []


READS = """\
# Lookup bandwidth

The reads per iteration come to 1.88 GB for the whole batch, 117.4 MB per GPU. At 3.35 TB/s
of HBM bandwidth that is at least {floor} per iteration.
"""


def test_a_floor_a_rate_gives_the_amount_before_is_checked_against_the_nearest_amount() -> None:
    [(line, code, message)] = findings(READS.format(floor="3.5 µs"))
    assert (line, code) == (4, "SPC101")
    assert "117.4 MB per GPU / 3.35 TB/s = 35.0 µs; stated 3.5 µs per iteration" in message


@pytest.mark.parametrize("floor", ["35 µs", "561 µs"])
def test_a_floor_that_either_amount_gives_is_silent(floor: str) -> None:
    assert findings(READS.format(floor=floor)) == []


PREFILL = """\
# Completion latency

- Model: Qwen2.5-7B, 15.23 GB of bf16 weights, one H100 SXM per replica (TP=1).

In the benchmark run, the cold 1,800-token prefill completed in {ttft} on one H100.

## Levers, in order of expected gain

1. FP8 weights: halves the weight read and doubles the peak for prefill.
"""


def test_a_prefill_time_below_the_peak_bound_is_reported_despite_a_lever_naming_fp8() -> None:
    [(line, code, message)] = findings(PREFILL.format(ttft="21 ms"))
    assert (line, code) == (5, "SPC701")
    assert "needs at least 24.4 ms at 100 % of peak" in message


def test_a_prefill_time_above_the_bound_is_silent() -> None:
    assert findings(PREFILL.format(ttft="48 ms")) == []


TWO_MODELS = """\
# Two small models on MIG slices

Llama-3.2-1B has 16 layers, hidden size 2048, 32 query heads and 8 KV heads of dimension
64, an FFN of 8192 and a 128256-token vocabulary with tied embeddings. That is
1,235,814,400 parameters.

Llama-3.2-3B has 28 layers, hidden size 3072, 24 query heads and 8 KV heads of dimension
128, the same FFN width of 8192 and the same tied vocabulary. That comes to
{count} parameters.
"""


def test_a_paragraph_about_one_of_two_models_is_checked_against_its_own_shape() -> None:
    [(line, code, message)] = findings(TWO_MODELS.format(count="3.61B"))
    assert (line, code) == (9, "SPC401")
    assert "28 layers × (attention 2·3072·24·128" in message
    assert "stated 3.61B parameters is 1.12× the computed count" in message


def test_a_paragraphs_right_count_for_its_model_is_silent() -> None:
    assert findings(TWO_MODELS.format(count="3.21B")) == []


WEIGHTS = """\
# Weights

The 3B model has 3.61B parameters, about {size} in bf16.
"""


def test_an_approximate_figure_12_percent_off_is_no_binary_prefix_slip() -> None:
    [(line, code, message)] = findings(WEIGHTS.format(size="6.43 GB"))
    assert (line, code) == (3, "SPC101")
    assert "matches only with" not in message


def test_an_exact_binary_prefix_slip_is_still_named_for_an_approximate_figure() -> None:
    # 7.22 GB is 6.72 GiB: "about 6.72 GB" is GiB written as GB.
    [(line, code, message)] = findings(WEIGHTS.format(size="6.72 GB"))
    assert (line, code) == (3, "SPC202")
    assert "matches only with GB read as GiB" in message


MATH_LIST = r"""# Prefill FLOPs at 1M tokens

$$F_{prefill} = 2 N s + 2 L s^2 d_{attn}$$

- linear term: $2 \times 8.03\times10^{9} \times 1{,}048{,}576 \approx 1.68 \times 10^{16}$
- attention term: $2 \times 32 \times (1{,}048{,}576)^2 \times 4096 \approx 2.88 \times 10^{17}$
- total: $F_{prefill} \approx TOTAL \times 10^{17}$ FLOPs
"""


def test_a_list_total_written_in_inline_math_adds_up_its_math_parts() -> None:
    [(line, code, message)] = findings(MATH_LIST.replace("TOTAL", "3.25"))
    assert (line, code) == (7, "SPC103")
    assert "= 3.05 \\times 10^{17} FLOPs; stated 3.25 \\times 10^{17} FLOPs" in message


def test_a_math_list_total_that_adds_up_is_silent() -> None:
    assert findings(MATH_LIST.replace("TOTAL", "3.05")) == []


LAYERS = """\
# 405B parameter count

- attention per layer: 2 × 16384² + 2 × 16384 × 1024 = 570,425,344
- MLP per layer: 3 × 16384 × 53248 = 2,617,245,696
- embeddings and LM head: 2 × 128256 × 16384 = 4,202,692,608
- total: 405,853,388,800 ≈ 405.9B parameters
"""


def test_bare_per_layer_counts_are_not_added_up_to_a_model_total() -> None:
    assert findings(LAYERS) == []


TARGET = """\
# Rewrite path capacity

One card serves about 106.7 requests per second. The product team's target for the rewrite
path is 1,200 QPS at peak, so we need 12 cards, which gives 1,280 QPS, {share} % above the target.
"""


def test_a_change_against_a_figure_named_by_its_noun_earlier_is_checked() -> None:
    [(line, code, message)] = findings(TARGET.format(share="12.5"))
    assert (line, code) == (4, "SPC102")
    assert "(1,280 QPS / 1,200 QPS) − 1 = 6.67%" in message


@pytest.mark.parametrize("share", ["6.7", "7"])
def test_a_right_change_against_the_named_figure_is_silent(share: str) -> None:
    assert findings(TARGET.format(share=share)) == []


def test_a_noun_naming_two_values_earlier_is_not_read() -> None:
    doc = TARGET.format(share="12.5").replace(
        "at peak, so", "at peak and its stretch target 1,250 QPS, so"
    )
    assert findings(doc) == []


POOL = """\
# KV pool per slice

After the CUDA context and activations we can give the KV pool 5 GiB, which at 32 KiB per
token is {tokens} tokens.
"""


def test_tokens_an_amount_holds_at_a_size_per_token_are_checked() -> None:
    [(line, code, message)] = findings(POOL.format(tokens="156,250"))
    assert (line, code) == (4, "SPC101")
    assert "5 GiB / 32 KiB per token = 163,840 tokens" in message


def test_the_right_token_count_is_silent() -> None:
    assert findings(POOL.format(tokens="163,840")) == []


CLUSTER = """\
# 70B training step

| Field      | Value                                   |
|------------|-----------------------------------------|
| Model      | Llama-3.1-70B architecture (70.55B)     |
| Cluster    | {cluster} × H100 SXM 80GB               |

Cluster throughput: about 924,900 tokens/s of training tokens.
"""


def test_a_thousands_separated_device_count_is_read_whole() -> None:
    # 1,024 × 989 TFLOPS ÷ (6 × 68.45B) ≈ 2.47M training tokens/s: 924,900 fits.
    assert findings(CLUSTER.format(cluster="1,024")) == []


def test_a_small_cluster_is_still_held_to_its_peak() -> None:
    found = findings(CLUSTER.format(cluster="256"))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC601")]
    assert "× 256 GPUs" in found[0][2]


LORA = """\
# LoRA job budget

- Model: Llama-3.1-8B (8.03B parameters) on H100 SXM.

Each job trains on 1B tokens on 8 GPUs at 35 % MFU.

{accounting} per job; each job takes about {hours} h of wall-clock.
"""


def test_a_document_that_counts_training_flops_as_4nd_is_not_held_to_6nd() -> None:
    doc = LORA.format(accounting="Because the base is frozen we count 4 × N × D FLOPs", hours="3.2")
    assert findings(doc) == []


def test_a_document_without_its_own_accounting_is_held_to_6nd() -> None:
    doc = LORA.format(accounting="We count the usual 6ND FLOPs", hours="3.2")
    [(line, code, message)] = findings(doc)
    assert (line, code) == (7, "SPC704")
    assert "6 × 8,030,000,000 params × 1,000,000,000 tokens" in message


SLO = """\
# Launch review

We launched Llama-3.1-8B in BF16 with 48 H100 SXM GPUs across two regions.

One H100 sustains about 4,800 output tokens/s while holding the p95 {what} of 25 {unit}.
"""


def test_a_tpot_slo_far_above_the_floor_is_no_slow_slip() -> None:
    assert findings(SLO.format(what="TPOT SLO", unit="ms")) == []


KV_MATH = r"""# KV cache per sequence

A 4,096-token sequence needs $4096 \times 192{,}512 \approx SIZE$ of cache.
"""


def test_bare_byte_operands_matching_the_other_prefix_exactly_are_a_prefix_slip() -> None:
    [(line, code, message)] = findings(KV_MATH.replace("SIZE", "788.5 MiB"))
    assert (line, code) == (3, "SPC202")
    assert "= 788,529,152 B = 752.0 MiB (788.5 MB); stated 788.5 MiB matches only with" in message


@pytest.mark.parametrize("size", ["788.5 MB", "752 MiB", "752.0 MiB"])
def test_the_right_size_in_either_prefix_is_silent(size: str) -> None:
    assert findings(KV_MATH.replace("SIZE", size)) == []


def test_a_unit_in_latex_text_glued_to_its_number_reads_as_written_glued() -> None:
    doc = r"""# Active parameters

Active per token: $P \approx 6.70 + 14.19 + 1.24 + 0.05 \approx 27.2\text{B}$ parameters.
"""
    [(line, code, message)] = findings(doc)
    assert (line, code) == (3, "SPC101")
    assert "6.70 + 14.19 + 1.24 + 0.05 = 22.2 B; stated 27.2B" in message


DECODE_TABLE = """\
# Decode throughput

| Quantity                        | Value             |
|---------------------------------|-------------------|
| Per-GPU throughput              | ≈ 1,892 tokens/s  |
| Deployment throughput (16 GPUs) | ≈ {total} tokens/s |
"""


def test_one_gpus_figure_written_again_for_the_deployment_is_reported() -> None:
    [(line, code, message)] = findings(DECODE_TABLE.format(total="1,892"))
    assert (line, code) == (6, "SPC301")
    assert "1,892 tokens/s per GPU (line 5) × 16 GPUs = 30,272 tokens/s" in message


def test_the_deployments_own_total_is_silent() -> None:
    assert findings(DECODE_TABLE.format(total="30,270")) == []


FLEET = """\
# Spot fleet

The benchmark on one H100 sustained 4,000 output tokens/s per GPU at batch 256.

We request 32 spot GPUs. Aggregate, the 32-GPU fleet produces {total} output tokens/s.
"""


def test_one_gpus_rate_given_to_a_fleet_in_prose_is_reported() -> None:
    [(line, code, message)] = findings(FLEET.format(total="4,000"))
    assert (line, code) == (5, "SPC301")
    assert "× 32 GPUs = 128,000" in message


def test_the_fleets_own_rate_is_silent() -> None:
    assert findings(FLEET.format(total="128,000")) == []


@pytest.mark.parametrize(
    "text",
    [
        # the per-GPU phrase belongs to the other figure of the sentence
        "BF16 weights: 141.1 GB for the model (35.28 GB per GPU at TP=4).\n\n"
        "| Item | Per GPU | Per replica (4 GPUs) |\n|---|---|---|\n"
        "| Weights | 35.28 GB | 141.1 GB |\n",
        # "each of the 16 GPUs" is one GPU's figure
        "Each H100 sustains 1,892 tokens/s.\n\nEach of the 16 GPUs sustains 1,892 tokens/s.\n",
    ],
)
def test_figures_whose_scope_is_not_one_gpu_then_a_system_are_silent(text: str) -> None:
    assert findings("# Layout\n\n" + text) == []


ALLREDUCE = """\
# All-reduce message size

| Quantity              | Formula                   | Value        |
|-----------------------|---------------------------|--------------|
| Elements              | 1 × 8192 × 8192           | 67,108,864   |
| Bytes (BF16)          | 67,108,864 × 2            | {bytes}     |
| Ring factor, n = 8    | 2(n − 1)/n                | 1.75         |
| Bytes on the wire/GPU | 1.75 × 134.2 MB           | 234.9 MB     |
"""


def test_a_formula_column_with_one_symbolic_row_still_checks_the_others() -> None:
    [(line, code, message)] = findings(ALLREDUCE.format(bytes="128.0 MB"))
    assert (line, code) == (6, "SPC202")
    assert "= 134,217,728 B = 134.2 MB (128.0 MiB); stated 128.0 MB matches only with" in message


def test_a_formula_column_that_holds_is_silent() -> None:
    assert findings(ALLREDUCE.format(bytes="134.2 MB")) == []


AGREED = """\
# Judge audit

The judge agreed with the human majority on 19,680 of the 24,000 audited pairs, or {share} %.
"""


def test_a_share_of_the_whole_named_with_the_and_an_adjective_is_checked() -> None:
    [(line, code, message)] = findings(AGREED.format(share="84.0"))
    assert (line, code) == (3, "SPC102")
    assert "19,680 / 24,000 audited = 82.0%" in message


def test_the_right_share_of_the_whole_is_silent() -> None:
    assert findings(AGREED.format(share="82.0")) == []


PRICES = """\
# Cost per million tokens

| GPU | Price ($/GPU-h) | Tokens per GPU-hour |
|---|---|---|
| H100 SXM | 2.49 | 2,484,000 |
| MI300X | 2.10 | 2,808,000 |

| GPU | Effective tok/s | $/Mtok |
|---|---|---|
| H100 SXM | 690 | 1.00 |
| MI300X | 780 | 0.75 |

The MI300X is {share} % cheaper per token than the H100 pool.
"""


def test_a_money_comparison_is_read_in_the_one_price_column_it_names() -> None:
    [(line, code, message)] = findings(PRICES.format(share="31"))
    assert (line, code) == (13, "SPC101")
    assert "(1.00 (line 10) − 0.75 (line 11)) / 1.00 = 25%" in message
    assert "read in the column '$/Mtok'" in message


def test_the_right_money_comparison_is_silent() -> None:
    assert findings(PRICES.format(share="25")) == []


SPEND = """\
# Q2 spend

| Month | Output tokens | Total spend | $/Mtok |
|---|---|---|---|
| April | 310 B | $444,400 | 1.43 |
| May | 328 B | $460,700 | 1.40 |
| June | 351 B | $480,620 | 1.37 |
| **Q2** | **989 B** | **$1,385,720** | **{blend}** |
"""


def test_a_blended_price_in_a_total_row_is_no_sum() -> None:
    assert findings(SPEND.format(blend="1.40")) == []


def test_a_total_row_that_is_a_sum_is_still_checked_beside_a_price_column() -> None:
    found = findings(SPEND.format(blend="1.40").replace("$1,385,720", "$1,358,720"))
    assert (8, "SPC103") in [(line, code) for line, code, _ in found]


CHECKPOINT = """\
# Checkpoint

- 28 layers, hidden size 3584, 28 query heads, 4 KV heads (head dim 128)
- MLP intermediate size 18944 (SwiGLU)
- vocabulary 152,064, untied input and output embeddings

With the vision tower the whole checkpoint is about 8.3 B parameters, or {size} in BF16.
"""


def test_a_weights_figure_its_own_sentences_count_gives_is_silent() -> None:
    assert findings(CHECKPOINT.format(size="16.6 GB")) == []


def test_a_weights_figure_neither_count_gives_is_reported() -> None:
    found = findings(CHECKPOINT.format(size="19.4 GB"))
    assert (7, "SPC501") in [(line, code) for line, code, _ in found]


STEP = """\
# Decode step

At batch 256 every decode step reads 60.6 GB per GPU, and at 4.8 TB/s the floor is 12.6 ms per
step. We measured {step} per step on the BF16 baseline.
"""


def test_a_measured_step_below_the_floor_its_paragraph_derives_is_reported() -> None:
    [(line, code, message)] = findings(STEP.format(step="9.8 ms"))
    assert (line, code) == (4, "SPC701")
    assert "each step: the per-step floor the paragraph derives on line 3 (12.6 ms" in message


def test_a_measured_step_above_the_floor_is_silent() -> None:
    assert findings(STEP.format(step="15.8 ms")) == []


SIZES = """\
# Checkpoint sizes

| Format | Bytes per param | Size (GB) | Size (GiB) |
|---|---|---|---|
| BF16 | 2 | 811.7 | 756.0 |
| FP8 | 1 | 405.9 | {gib} |
"""


def test_columns_whose_headers_name_one_size_in_two_units_convert_row_by_row() -> None:
    [(line, code, message)] = findings(SIZES.format(gib="398.0"))
    assert (line, code) == (6, "SPC201")
    assert "405.9 GB = 378.0 GiB; stated 398.0" in message


def test_rows_that_convert_are_silent() -> None:
    assert findings(SIZES.format(gib="378.0")) == []


GRID = """\
# Image tokens by resolution

| Resolution (W × H) | Grid | Image tokens |
|---|---|---|
| 1344 × 1008 | 48 × 36 | 1,728 |
| 896 × 672 | 32 × 24 | {tokens} |
| 448 × 336 | 16 × 12 | 192 |
"""


def test_a_column_of_products_the_other_rows_hold_checks_the_odd_row() -> None:
    [(line, code, message)] = findings(GRID.format(tokens="728"))
    assert (line, code) == (6, "SPC101")
    assert "32 × 24 = 768; stated 728" in message


def test_a_column_of_products_that_all_hold_is_silent() -> None:
    assert findings(GRID.format(tokens="768")) == []


def test_a_column_of_products_two_rows_break_is_not_read() -> None:
    doc = GRID.format(tokens="728").replace("| 192 |", "| 190 |")
    assert findings(doc) == []


KV_REQUEST = """\
# KV per request

Bytes per token = 2 × 28 layers × 4 KV heads × 128 × 2 bytes = 57,344 bytes. A request holds
2,228 tokens, so 2,228 × 57,344 bytes ≈ {size} per request.
"""


def test_plain_byte_operands_giving_the_other_prefix_exactly_are_a_prefix_slip() -> None:
    [(line, code, message)] = findings(KV_REQUEST.format(size="121.8 MB"))
    assert (line, code) == (4, "SPC202")
    assert "= 127,762,432 B = 127.8 MB (121.8 MiB)" in message


@pytest.mark.parametrize("size", ["127.8 MB", "121.8 MiB"])
def test_the_right_size_per_request_is_silent(size: str) -> None:
    assert findings(KV_REQUEST.format(size=size)) == []


DECISION = """\
# Power cap

For comparison, the uncapped cluster would cost $83,087 per month, so the cap also saves about
$17,492 a month.

## Decision record

| Item | Value |
|---|---|
| Monthly saving vs uncapped | {saving} |
| Share of the site limit used | 91 % |

Revisit the cap when the site draw reaches 95 % of the limit.
"""


def test_a_decision_table_row_restating_a_saving_is_checked() -> None:
    [(line, code, message)] = findings(DECISION.format(saving="$19,492"))
    assert (line, code) == (10, "SPC302")
    assert "$17,492" in message


def test_a_decision_row_restating_it_right_is_silent() -> None:
    assert findings(DECISION.format(saving="$17,492")) == []


EXPERTS = """\
# Parameter count

| Component | Formula | Params |
|---|---|---|
| One expert, one layer (gate, up, down) | 3 × 6144 × 16384 | 301,989,888 |
| All experts | 301,989,888 × 8 × 56 | 135.29B |
| Attention (q, k, v, o) | (2 × 6144² + 2 × 6144 × 1024) × 56 | 4.93B |
| Embeddings + LM head | 2 × 32768 × 6144 | 0.40B |
| **Total** | | **{total}** |
"""


def test_a_row_that_is_a_factor_of_the_next_rows_product_is_a_detail_not_a_part() -> None:
    assert findings(EXPERTS.format(total="140.62B")) == []


def test_the_parts_total_is_still_checked_without_the_detail_row() -> None:
    [(line, code, message)] = findings(EXPERTS.format(total="143.62B"))
    assert (line, code) == (9, "SPC103")
    assert "135.29B (line 6) + 4.93B (line 7) + 0.40B (line 8) = 140.62B" in message


def test_a_throughput_that_caps_a_node_is_a_ceiling() -> None:
    doc = """\
# Ceiling

- Model: Llama-3.1-405B in FP8 on 8 × H100 SXM, 40 % MFU for planning.

At 128 sequences the weight stream caps the node at 128 ÷ 15.1 ms ≈ 8,470 tokens/s.
"""
    assert findings(doc) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [("8 × H100 SXM at 700 W TDP = 5.6 kW", []), ("8 × 700 W = 5.6 kW", [])],
)
def test_a_count_of_devices_at_a_rating_restates_the_total(text: str, found: list) -> None:
    assert findings(f"# Rack\n\n- {text}, about 55 % of the 10.2 kW maximum\n") == found


def test_a_conversion_not_after_a_count_is_still_checked() -> None:
    [(line, code, _)] = findings("# Rack\n\n- each H100 SXM at 700 W TDP = 5.6 kW\n")
    assert (line, code) == (3, "SPC201")


DEMAND = """\
# Demand forecast

| Month | Hours | Avg busy GPUs | GPU-h |
|---|---|---|---|
| January | 744 | 240 | 178,560 |
| February | 672 | 200 | 134,400 |
| March | 744 | 180 | {march} |
"""


def test_a_gpu_h_column_named_for_hours_and_gpus_checks_the_odd_row() -> None:
    [(line, code, message)] = findings(DEMAND.format(march="133,290"))
    assert (line, code) == (7, "SPC101")
    assert "744 (line 7) × 180 (line 7) = 133,920" in message


def test_a_gpu_h_column_that_holds_is_silent() -> None:
    assert findings(DEMAND.format(march="133,920")) == []


def test_token_and_byte_operands_giving_the_other_prefix_exactly_are_a_prefix_slip() -> None:
    doc = "# Logprobs\n\n- 1.2B tokens × 120 bytes ≈ 144 GiB of logprob files\n"
    [(line, code, message)] = findings(doc)
    assert (line, code) == (3, "SPC202")
    assert "stated 144 GiB matches only with GiB read as GB" in message


CEILING = """\
# Decode ceiling

- step time ≥ 104.63 GB ÷ 4.8 TB/s ≈ 21.8 ms
- ceiling ≈ 64 ÷ 21.8 ms ≈ 2,936 tokens/s per GPU, ≈ 23,490 tokens/s per node

In the staging benchmark we measured {rate} tokens/s per GPU, which leaves us inside the ceiling.
"""


def test_a_measured_rate_above_the_ceiling_its_section_derives_is_reported() -> None:
    [(line, code, message)] = findings(CEILING.format(rate="4,100"))
    assert (line, code) == (6, "SPC601")
    assert "the ceiling the document derives on line 4 (2,936 tokens/s per GPU)" in message


def test_a_measured_rate_under_the_ceiling_is_silent() -> None:
    assert findings(CEILING.format(rate="2,400")) == []


@pytest.mark.parametrize(("total", "found"), [("118.6", []), ("128.6", [(3, "SPC101")])])
def test_a_spaced_latex_unit_after_a_number_is_its_unit(total: str, found: list) -> None:
    doc = f"# Stall\n\n$$48 \\times 2.47 \\text{{ s}} \\approx {total} \\text{{ s}}$$\n"
    assert [(line, code) for line, code, _ in findings(doc)] == found


def test_a_price_per_a_count_after_a_quotient_is_not_read_as_the_quotient() -> None:
    doc = "# Cost\n\n- H100: $21,024 / 39,420 k ≈ $0.533 per 1k requests\n"
    assert findings(doc) == []


def test_a_quotient_without_a_count_after_it_is_still_checked() -> None:
    [(line, code, _)] = findings("# Cost\n\n- H100: $21,024 / 39,420 ≈ $0.633 per request\n")
    assert (line, code) == (3, "SPC101")


@pytest.mark.parametrize("root", ["√(2 × 40 × 63,663 s)", "∛(2 × 40 × 63,663)"])
def test_a_root_is_a_function_and_never_evaluated(root: str) -> None:
    assert findings(f"# Interval\n\nThe optimum is {root} ≈ 2,257 s.\n") == []


def test_a_per_node_past_a_clause_break_is_another_things() -> None:
    doc = """\
# Stalls

The 448 nodes lost 4.98 hours of stalls in all, about 40 seconds per node.

Making the copy asynchronous would remove most of the 4.98 hours of stalls, at the price of one
extra host-memory copy per node.
"""
    assert findings(doc) == []


WEEKS = """\
# Latency

| Metric | Week 46 | Week 47 | Change |
|---|---|---|---|
| TTFT p50 | 580 ms | 610 ms | +5.2 % |
| TTFT p99 | 455 ms | 412 ms | {p99} |
| TPOT p50 | 12.1 ms | 11.8 ms | −2.5 % |
| TPOT p99 | 19.4 ms | 19.0 ms | −2.1 % |
"""


def test_a_change_column_that_one_reading_holds_on_every_row_is_silent() -> None:
    assert findings(WEEKS.format(p99="−9.5 %")) == []


def test_a_change_row_that_no_reading_holds_is_still_reported() -> None:
    found = findings(WEEKS.format(p99="−12.5 %"))
    assert [(line, code) for line, code, _ in found] == [(6, "SPC101")]


def test_weights_that_grow_by_an_amount_are_no_weights_figure() -> None:
    doc = """\
# Vocabulary migration

- Model: Llama-2-7B, BF16 weights.

The model grows by 11.7 %, and the weights by 1.58 GB in BF16.
"""
    assert findings(doc) == []


SPEND_SHARE = """\
# Cost

| Stage | GPU | GPU-hours/day | $/GPU-hour | $/day |
|---|---|---|---|---|
| ASR | A100-80GB | 100 | 1.80 | 180.00 |
| Summaries | H100 SXM | 3.77 | 3.00 | 11.30 |
| **Total** | | | | **191.30** |

ASR is {share} % of the daily spend, so any optimisation effort belongs there.
"""


def test_a_share_of_the_spend_reads_the_one_money_column_of_the_total_row() -> None:
    [(line, code, message)] = findings(SPEND_SHARE.format(share="97.1"))
    assert (line, code) == (9, "SPC102")
    assert "180.00 (line 5) / 191.30 (line 7) = 94.1%" in message


def test_the_right_share_of_the_spend_is_silent() -> None:
    assert findings(SPEND_SHARE.format(share="94.1")) == []


@pytest.mark.parametrize(("total", "found"), [("3.059", []), ("3.159", [(3, "SPC101")])])
def test_a_latex_spaced_unit_after_a_sum_is_its_unit(total: str, found: list) -> None:
    doc = f"# Step\n\n$$t_\\text{{step}} \\approx 2.875 + 0.184 = {total}\\ \\text{{s}}.$$\n"
    assert [(line, code) for line, code, _ in findings(doc)] == found


COLD = """\
# Cold prefill

Serving: Llama-3.1-70B in BF16 on 4 H100 SXM (TP=4).

The full 4,000 tokens must be prefilled, about 0.26 s at 55 % MFU. In the shadow test the cold
TTFT was {ttft}.
"""


def test_a_ttft_after_a_sentence_that_prefills_a_token_count_is_held_to_its_floor() -> None:
    [(line, code, message)] = findings(COLD.format(ttft="0.11 s"))
    assert (line, code) == (6, "SPC701")
    assert "× 4000 tokens" in message and "needs at least 144 ms" in message


def test_a_ttft_above_that_floor_is_silent() -> None:
    assert findings(COLD.format(ttft="0.29 s")) == []


def test_a_formula_with_an_operand_priced_per_million_is_not_read() -> None:
    doc = "# Price\n\nPer request: 200 × $0.2054 + 1,000 × $1.9172 per million = $0.001958.\n"
    assert findings(doc) == []


FLEET_RATE = """\
# Warm standby

Serving: Llama-3.1-70B in BF16, 24 replicas of 4 H100 SXM (TP=4).

At peak each replica sustains 2,400 output tokens/s, so the primary peaks at
24 × 2,400 = {total} tokens/s.
"""


def test_a_rate_a_sentence_multiplies_up_from_a_replicas_is_not_one_replicas() -> None:
    assert findings(FLEET_RATE.format(total="57,600")) == []


def test_the_product_itself_is_still_checked() -> None:
    [(line, code, _)] = findings(FLEET_RATE.format(total="67,600"))
    assert (line, code) == (6, "SPC101")


RECAP_TLDR = """\
# Router load balancing

## TL;DR

- With the stock auxiliary loss the busiest expert gets 1.34× its fair share.
- Raising the coefficient to 0.02 brings the busiest expert down to 1.08× its fair share.
"""


def test_figures_of_one_recap_section_do_not_restate_each_other() -> None:
    assert findings(RECAP_TLDR) == []


def test_a_tpot_label_before_a_relation_names_the_operand_not_the_result() -> None:
    doc = """\
# Voice turn

- Model: Llama-3.1-8B in BF16 on one H100 SXM.
- LLM first sentence: 18 tokens at 14 ms TPOT = 252 ms
"""
    assert findings(doc) == []


WEIGHTS_COUNT = """\
# DR sizing

Qwen2.5-72B: 80 layers, hidden 8192, 64 query heads, 8 KV heads, head dim 128, FFN 29,568,
vocab 152,064, untied embeddings. That gives 72.7B parameters, so BF16 weights are {size}.
"""


def test_weights_off_their_sentences_own_count_are_fixed_to_count_times_width() -> None:
    [(line, code, message)] = findings(WEIGHTS_COUNT.format(size="135.4 GB"))
    assert (line, code) == (4, "SPC501")
    assert "72.7B parameters (its sentence's count) × 2 bytes" in message
    assert "= 145 GB; stated 135.4 GB" in message


def test_weights_of_their_sentences_own_count_are_silent() -> None:
    assert findings(WEIGHTS_COUNT.format(size="145.4 GB")) == []
