"""Shapes the lead found on held-out sets in session 27. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

A100_SLO = """\
# Serving Gemma-2-27B on 2× A100-40GB

The node has two A100-SXM4-40GB cards with NVLink, running vLLM with tensor parallelism 2.
Weights are bf16. The A100 datasheet lists 1.555 TB/s of HBM bandwidth per card.

## SLOs

| Metric | Target | Notes |
|---|---|---|
| TPOT p50 at batch 1 | {tpot} | single-stream, 512 output tokens |
| Max context | 8,192 | model limit |
"""


def test_a_bare_family_name_means_the_variant_the_document_names() -> None:
    # 27.2B bf16 params over 2 × 1.555 TB/s: at least 16.8 ms per token. Read as "A100 40GB or
    # 80GB", the generous 2.039 TB/s bound (12.8 ms) let 13.5 ms pass.
    [(line, code, message)] = findings(A100_SLO.format(tpot="13.5 ms"))
    assert (line, code) == (10, "SPC701")
    assert "16.8 ms" in message and "1.555 TB/s" in message
    assert findings(A100_SLO.format(tpot="21 ms")) == []


def test_a_bare_family_name_stays_generous_when_both_variants_are_named() -> None:
    # The 80GB card's 2.039 TB/s allows 12.8 ms at peak: 13.5 ms is only beyond realistic.
    text = A100_SLO.format(tpot="13.5 ms").replace(
        "Weights are bf16.", "Weights are bf16; an A100-80GB pool serves the batch tier."
    )
    [(line, code, message)] = findings(text)
    assert (line, code) == (10, "SPC702")
    assert "2.039 TB/s" in message


def test_a_metric_row_with_two_values_is_no_claim_of_one_setup() -> None:
    text = (
        A100_SLO.format(tpot="13.5 ms")
        .replace(
            "| Metric | Target | Notes |\n|---|---|---|",
            "| Metric | Today (H100) | Target | Notes |\n|---|---|---|---|",
        )
        .replace("| TPOT p50 at batch 1 | 13.5 ms |", "| TPOT p50 at batch 1 | 9 ms | 13.5 ms |")
    )
    assert findings(text) == []


H200_PLAN = """\
# Llama-3.1-405B FP8 on one 8× H200 node

One replica spans all 8 H200 SXM GPUs with TP 8; weights are FP8.
{scope}

## Decode

| Batch | TPOT (ms) |
|---|---|
| 1 | {tpot} |
"""


def test_a_document_that_denies_speculation_bounds_its_tpot() -> None:
    # 401.6 GB of FP8 weights over 8 × 4.8 TB/s: at least 10.5 ms per token.
    scope = "This plan does **not** cover speculative decoding (tracked separately)."
    [(line, code, message)] = findings(H200_PLAN.format(scope=scope, tpot="7.4"))
    assert (line, code) == (10, "SPC701")
    assert "10.5 ms" in message
    assert findings(H200_PLAN.format(scope=scope, tpot="12.5")) == []


def test_a_document_about_speculation_leaves_its_tpot_unbounded() -> None:
    scope = "Decode uses speculative decoding with a 1B draft model."
    assert findings(H200_PLAN.format(scope=scope, tpot="7.4")) == []


JETSON = """\
# Llama-3.2-3B on Jetson

## Orin NX

- INT4: TPOT {measured} → 33.6 tokens/s, again 75 % of the floor.

## Orin AGX

- `jetson_clocks` off: the INT4 TPOT on AGX rose to 17.2 ms in a quick check.
"""


def test_a_figure_that_is_a_share_of_the_floor_is_not_the_floor() -> None:
    assert findings(JETSON.format(measured="29.8 ms")) == []


ALERT = """\
# Phi-3-medium on 2× L4

The replica runs on 2× L4 GPUs (24 GB each) with tensor parallelism 2; weights are bf16.

At concurrency 1 the TPOT is {tpot}.

## Alerts

1. **TPOT p50 > 90 ms at concurrency ≤ 16**: look for a noisy neighbour on the host.
"""


def test_an_alert_threshold_is_no_floor_the_document_derives() -> None:
    # 14B bf16 weights over 2 × 300 GB/s: at least 46.7 ms; the alert's 90 ms bounds nothing.
    assert findings(ALERT.format(tpot="62 ms")) == []
    [(line, code, _)] = findings(ALERT.format(tpot="40 ms"))
    assert (line, code) == (5, "SPC701")


CONSUMER = """\
# DeepSeek-V2-Lite on consumer cards

On a single 3090 (24 GB) the Q4 build fits with room for context.

If you want bf16: 2× 3090 = 48 GB, minus 31.4 GB of weights leaves 16.6 GB in theory.
"""


def test_a_number_the_document_uses_as_a_name_is_no_operand() -> None:
    assert findings(CONSUMER) == []


def test_a_number_used_nowhere_as_a_name_is_an_operand() -> None:
    text = """\
# Batch

Each of the 2 queues holds 2 × 3090 = 6,280 jobs.
"""
    [(line, code, message)] = findings(text)
    assert (line, code) == (3, "SPC101")
    assert "6,180" in message


BY_HAND = """\
# Storage cost

- long-term logical: 240 TiB × 1,024 × $0.01/GiB = {cost}
- active physical: 16 TiB × 1,024 × $0.04/GiB = $655.36
"""


def test_a_bare_1024_between_prefixed_units_is_the_authors_conversion() -> None:
    assert findings(BY_HAND.format(cost="$2,457.60")) == []
    [(line, code, message)] = findings(BY_HAND.format(cost="$2,557.60"))
    assert (line, code) == (3, "SPC101")
    assert "$2,457.60" in message


def test_a_bare_1024_that_is_no_conversion_still_multiplies() -> None:
    text = "# Keys\n\nThe index holds 4 GB × 1,024 = 4,096 GB of keys.\n"
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("4,096 GB", "5,096 GB"))
    assert (line, code) == (3, "SPC101")


FORMAT_VALUES = """\
# Latents

The latent per image is 4 × 128 × 128 {what} = 131,072 B (128 KiB).
"""


def test_a_count_of_format_values_is_no_byte_count() -> None:
    assert findings(FORMAT_VALUES.format(what="fp16 values")) == []


def test_a_count_of_bytes_is_still_checked() -> None:
    [(line, code, message)] = findings(FORMAT_VALUES.format(what="B"))
    assert (line, code) == (3, "SPC101")
    assert "65,536 B" in message


PER_RANK = """\
# 7B continued pretraining

- Layers: 32
- Hidden size: 4096
- Attention heads: 32, KV heads: 8
- FFN size: 14336 (SwiGLU)
- Vocabulary: 32000, untied

| Item | GB |
|---|---|
| Model + optimizer states: {params} × 6.375 B | 23.1 |
"""


def test_a_parameter_count_per_tp_rank_is_a_part() -> None:
    assert findings(PER_RANK.format(params="3.62B params per TP rank")) == []
    [(line, code, message)] = findings(PER_RANK.format(params="3.62B params"))
    assert (line, code) == (11, "SPC401")
    assert "32 layers" in message


ONCALL = """\
# On-call compensation, Q3

Of the 232 off-hours pages, 71 landed between 00:00 and 07:00.

Compensation under the current policy ($500 stipend per primary week, $75 per off-hours page):

- stipends: 4 rotations × 13 weeks × $500 = $26,000
- off-hours pages: 232 × $75 = $17,400
- total: **{total}** for the quarter
"""


def test_a_total_its_items_add_up_to_is_not_a_per_unit_product() -> None:
    assert findings(ONCALL.format(total="$43,400")) == []
    # Wrong, it is reported as the sum it is, not as $75 × 232 pages.
    [(line, code, message)] = findings(ONCALL.format(total="$44,400"))
    assert (line, code) == (9, "SPC103")
    assert "$43,400" in message


MILLIONS = """\
# Batch summarisation cost

The hosted endpoint charges $0.25 per 1M tokens.

- Tokens: 3.1M × 2,030 = 6.293B tokens
- Cost: {cost}
"""


def test_a_plain_count_times_a_price_per_million_may_count_millions() -> None:
    assert findings(MILLIONS.format(cost="6,293 × $0.25 = $1,573.25")) == []
    [(line, code, message)] = findings(MILLIONS.format(cost="6,293 × $0.25 = $1,673.25"))
    assert (line, code) == (6, "SPC101")
    assert "$1,573.25" in message


def test_a_count_of_the_tokens_themselves_is_divided_by_the_million() -> None:
    assert findings(MILLIONS.format(cost="6,293,000,000 × $0.25 = $1,573.25")) == []
    [(line, code, message)] = findings(MILLIONS.format(cost="6,293,000,000 × $0.25 = $1,673.25"))
    assert (line, code) == (6, "SPC101")
    assert "/ 1M tokens" in message and "$1,573.25" in message


VIT = """\
# ViT-L/16 parameters

| Part | Params |
|---|---|
| Patch embedding | 787,456 |
| Encoder block (attention, MLP, 2 LayerNorms) | 12,596,224 |
| 24 blocks | 302,309,376 |
| Final LayerNorm | 2,048 |
| **Total** | **{total}** |
"""


def test_one_row_of_what_a_count_row_counts_is_no_addend() -> None:
    # 787,456 + 302,309,376 + 2,048 = 303,098,880: the single block is inside the 24.
    assert findings(VIT.format(total="303,098,880")) == []
    [(line, code, message)] = findings(VIT.format(total="303,198,880"))
    assert (line, code) == (9, "SPC103")
    assert "303,098,880" in message


FLOORS = """\
# Mistral-Small-24B on one H100 SXM

Weights are bf16 on a single H100 SXM.

- **Decode floor, batch 1:** 47.14 GB ÷ 3.35 TB/s = 14.07 ms per token, at most 71 tok/s.
- **Decode at batch 16**, mean context 3,000 tokens: the step also reads
  7.86 GB of KV, 55.01 GB in total, so at least 16.42 ms per step
  ({estimate} at 80 % bandwidth).

Batch-1 TPOT of {tpot} is 79 % of the bandwidth floor's speed (14.07 / 17.9).
"""


def test_a_floor_of_another_batch_or_below_peak_bounds_no_batch_1_figure() -> None:
    # "batch 16," is batch 16; "20.53 ms at 80 % bandwidth" is an estimate, not a floor.
    assert findings(FLOORS.format(estimate="20.53 ms", tpot="17.9 ms")) == []


def test_a_batch_1_figure_below_its_own_floor_is_still_wrong() -> None:
    [(line, code, message)] = findings(FLOORS.format(estimate="20.53 ms", tpot="12.9 ms"))
    assert (line, code) == (10, "SPC701")
    assert "14.07 ms" in message or "14.1 ms" in message


POINTS = """\
# FP8 KV cache accuracy

- uncalibrated fp8: a drop of 2.1 points
- calibrated fp8: 0.7748 − 0.7710 = {drop} points, i.e. 5 questions
"""


def test_a_difference_of_fractions_in_points_is_read_in_hundredths() -> None:
    assert findings(POINTS.format(drop="0.38")) == []
    [(line, code, message)] = findings(POINTS.format(drop="0.48"))
    assert (line, code) == (4, "SPC101")
    assert "percentage points" in message


PER_PRIMARY = """\
# Redis sizing

Throughput: peak is 1.1M ops/s (June p99 minute). That is {each} ops/s per primary with 8
shards, fine for Redis 7.1 with `io-threads 4`.
"""


def test_that_is_a_figure_per_unit_is_no_restatement_of_the_whole() -> None:
    assert findings(PER_PRIMARY.format(each="137,500")) == []


def test_that_is_a_figure_in_another_unit_still_restates() -> None:
    text = "# Run\n\nThe run takes 1,287 hours. That is 63.6 days if nothing goes wrong.\n"
    [(line, code, message)] = findings(text)
    assert (line, code) == (3, "SPC201")
    assert "53.6" in message


REPLICAS = """\
# Failover

The primary region runs 96 H100 as 24 replicas at TP4 serving Llama-3.1-70B in FP8.

Each TP4 replica sustains about 1,900 output tokens/s at our p95 TPOT target of 45 ms, so the
primary region carries 24 × 1,900 = 45,600 tokens/s and the standby alone only 15,200 tokens/s.
"""


def test_each_tp_replica_is_no_device() -> None:
    assert findings(REPLICAS) == []


UTILISATION = """\
# GPU utilisation

## atlas by team

| Team | Scheduled GPU-h | Share of scheduled |
|---|---|---|
| Pretraining | 612,000 | 82.5 % |
| Evaluation | 58,300 | {eval_share} % |
| Inference research | 71,200 | 9.6 % |
| **Total** | **741,500** | **100.0 %** |

## borealis by team

| Team | Scheduled GPU-h | Share of scheduled |
|---|---|---|
| Evaluation | 201,900 | 34.1 % |
| Inference research | 148,700 | 25.1 % |
| Post-training | 241,900 | 40.8 % |
| **Total** | **592,500** | **100.0 %** |
"""


def test_a_share_column_is_of_its_own_tables_column() -> None:
    # Evaluation on borealis is 34.1 % of borealis, not of atlas's 741,500 GPU-h.
    assert findings(UTILISATION.format(eval_share="7.9")) == []
    found = findings(UTILISATION.format(eval_share="9.7"))
    # The Total's 100.0 % holds with the share corrected: its sum is that share's cascade.
    assert [(line, code) for line, code, _ in found] == [(8, "SPC102")]
    assert "58,300 (line 8) / 741,500 (line 10)" in found[0][2]


NAT = """\
# NAT cost

- Monthly difference: $22,074.36 − $1,587.70 = $20,486.66
- Over twelve months: $245,839.92
- The NAT-instance design cuts the NAT bill by {cut} %.
"""


def test_a_cut_in_percent_is_of_the_difference_an_item_before() -> None:
    assert findings(NAT.format(cut="92.8")) == []
    [(line, code, message)] = findings(NAT.format(cut="88.4"))
    assert (line, code) == (5, "SPC102")
    assert "($22,074.36 − $1,587.70) / $22,074.36 = 92.8%" in message


def test_a_percentage_without_a_cut_is_not_read_against_the_difference() -> None:
    assert findings(NAT.format(cut="92.8").replace("cuts the NAT bill by", "is")) == []
    text = NAT.format(cut="88.4").replace("cuts the NAT bill by", "keeps uptime at")
    assert findings(text) == []


COLD_PREFILL = """\
# KV eviction postmortem

Each replica is one 8× H100 SXM node at TP=8 serving Llama-3.1-70B, BF16 weights and KV.

On an idle replica running the fixed build we measured two cases:

- cold (cache-miss) prefill of the bare 7,168-token system prompt: {ttft} TTFT
- warm request (prefix hit, 600 new tokens): 31 ms TTFT at the median
"""


def test_a_prompt_named_with_a_word_between_gives_the_ttft_its_length() -> None:
    # 2 × 70.6B × 7,168 tokens plus attention over 8 × 989 TFLOPS: at least 128 ms; the
    # "prompt: 95" of the label is the TTFT itself, not a 95-token prompt.
    [(line, code, message)] = findings(COLD_PREFILL.format(ttft="95 ms"))
    assert (line, code) == (7, "SPC701")
    assert "7168 tokens" in message or "7,168 tokens" in message
    assert all(code != "SPC701" for _, code, _ in findings(COLD_PREFILL.format(ttft="310 ms")))


P50_FLOOR = """\
# Serving a 90B vision model on 4× H100

## Bounds

Every step each GPU streams its 44.3 GB weight shard:

- floor per step: 44.3 GB / 3.35 TB/s = 13.2 ms (100 % of HBM bandwidth)

## Measured

| Concurrency | TPOT p50 (ms) |
|---|---|
| 1 | {tpot} |
"""


def test_a_p50_below_the_floor_the_document_derives_is_wrong() -> None:
    [(line, code, message)] = findings(P50_FLOOR.format(tpot="10.4"))
    assert (line, code) == (13, "SPC701")
    assert "the per-step floor the document derives on line 7" in message
    assert findings(P50_FLOOR.format(tpot="16.1")) == []


def test_an_upper_limit_below_the_floor_is_no_claim_of_speed() -> None:
    text = P50_FLOOR.format(tpot="10.4").replace("| 1 | 10.4 |", "| 1 | ≤ 10.4 |")
    assert findings(text) == []


MOE_FLOORS = """\
# Mixtral-8x7B on 2× A100-80GB

Decode floors, from the 2.039 TB/s HBM bandwidth:

- From batch ~16 up, routing hits nearly every expert in every layer (2.0 experts at B=1, 7.9 at
  B=16), so a step reads close to the full 46.70 GB per GPU: at least 22.9 ms at 100 % bandwidth.

| Concurrency | TPOT p50 (ms) |
|---|---|
| 1 | 10.5 |
"""


def test_a_floor_of_a_block_that_names_other_batches_bounds_no_batch_1_figure() -> None:
    assert findings(MOE_FLOORS) == []


QWEN_VL = """\
# Qwen2-VL-7B on one L40S

| Image | TPOT p50 (ms) |
|---|---|
| 448 × 448 | {tpot} |
| 896 × 672 | 21.8 |

The decode floor for batch 1 is 15.23 GB ÷ 864 GB/s = 17.6 ms, so a TPOT of 21.8 ms means the
engine streams weights at about 81 % of peak bandwidth.
"""


def test_a_measured_tpot_after_so_is_no_floor() -> None:
    assert findings(QWEN_VL.format(tpot="21.6")) == []
    [(line, code, _)] = findings(QWEN_VL.format(tpot="16.6"))
    assert (line, code) == (5, "SPC701")


WEIGHT_TRAFFIC = """\
# Chunked prefill for Llama-3.1-8B

One replica per H100 SXM, BF16 weights.

Each step re-reads the full 16.06 GB of weights, and at 256 steps per long prompt that adds
256 × 4.8 ms ≈ 1.2 s of weight traffic to every long TTFT.
"""


def test_a_time_that_is_a_term_of_a_product_is_no_latency_claim() -> None:
    assert findings(WEIGHT_TRAFFIC) == []


Q4_BLOCK = """\
# Phi-3-mini on device

`Q4_0` packs 32 weights into 16 bytes plus one FP16 scale, i.e. 18 bytes per 32 weights.
One FP16 scale, i.e. {scale} bytes.
"""


def test_a_sum_with_one_element_in_it_is_not_the_elements_size() -> None:
    assert findings(Q4_BLOCK.format(scale="2")) == []
    [(line, code, _)] = findings(Q4_BLOCK.format(scale="4"))
    assert (line, code) == (4, "SPC201")


PHI3_TABLE = """\
# Phi-3-mini parameters

| Part | Parameters |
|---|---|
| Embedding + LM head: 2 × 32,064 × 3,072 | 197.0M |
| Attention per layer: 4 × 3,072² | 37.7M |
| MLP per layer (gate, up, down): 3 × 3,072 × 8,192 | 75.5M |
| 32 layers, including norms | 3,624.1M |
| **Total** | **{total}** |
"""


def test_rows_per_one_of_what_a_row_counts_are_no_addends() -> None:
    assert findings(PHI3_TABLE.format(total="3.82B")) == []
    [(line, code, message)] = findings(PHI3_TABLE.format(total="3.92B"))
    assert (line, code) == (9, "SPC103")
    assert "197.0M (line 5) + 3,624.1M (line 8)" in message


UPWARDS = """\
# Mixtral-8x22B FP8 on 8× H100

- Batch 1 touches 2 experts per layer: 4.89 GB per GPU → ≥ 1.46 ms per token.
- From batch ≈ 16 up, routing touches all 8 experts in every layer, so every step streams
  the full 17.63 GB per GPU: ≥ 5.26 ms per step before KV reads.

| Batch | TPOT p50 |
|---|---|
| 1 | 6.8 ms |
| 256 | {tpot} |
"""


def test_a_floor_from_a_batch_upwards_bounds_every_larger_batch() -> None:
    [(line, code, message)] = findings(UPWARDS.format(tpot="3.9 ms"))
    assert (line, code) == (10, "SPC701")
    assert "line 5" in message
    assert findings(UPWARDS.format(tpot="19.5 ms")) == []


ONE_STREAM = """\
# Inference gateway

The pool serves Llama-3.1-70B in BF16 on 8× H100 SXM nodes, as TP4 replicas (4 GPUs each).

- A TP4 replica decodes a single stream at about {time} per token when the pool is idle.
"""


def test_a_time_per_token_of_one_stream_is_its_tpot() -> None:
    # 136.9 GB of non-embedding BF16 weights over 4 × 3.35 TB/s: at least 10.2 ms per token.
    [(line, code, message)] = findings(ONE_STREAM.format(time="3 ms"))
    assert (line, code) == (5, "SPC701")
    assert "10.2 ms" in message
    assert findings(ONE_STREAM.format(time="14 ms")) == []


def test_a_time_per_token_of_a_prefill_is_no_tpot() -> None:
    text = ONE_STREAM.format(time="3 ms").replace("decodes a single stream", "prefills one prompt")
    assert findings(text) == []


STAGING = """\
# Qwen2.5-72B on 4× H100 SXM, TP=4, BF16 weights

## Staging measurements

| scenario | p50 | p99 |
|---|---|---|
| TTFT, 8k prompt, idle replica | {p50} | 265 ms |
"""


def test_each_statistic_of_a_metric_row_is_a_claim() -> None:
    # 2 × 70.2B × 8,192 tokens plus attention over 4 × 989 TFLOPS: at least 313 ms.
    found = findings(STAGING.format(p50="210 ms"))
    assert [(line, code) for line, code, _ in found] == [(7, "SPC701"), (7, "SPC701")]
    assert findings(STAGING.format(p50="700 ms").replace("265 ms", "900 ms")) == []


def test_a_row_of_two_setups_is_no_claim() -> None:
    text = STAGING.format(p50="210 ms").replace(
        "| scenario | p50 | p99 |", "| scenario | A100 | L4 |"
    )
    assert findings(text) == []


FP8_EXPORT = """\
# Mistral-Large-2 FP8 on 8× H100

- FP8 linear weights: 121,802,588,160 params × 1 B = 121.80 GB
- BF16 remainder: 807,481,344 params × 2 B = 1.61 GB
- **Total: 123.42 GB = 114.94 GiB**, or {share} (14.37 GiB) per GPU at TP=8
"""


def test_a_figure_after_or_that_is_per_gpu_is_a_share_not_a_restatement() -> None:
    assert findings(FP8_EXPORT.format(share="15.43 GB")) == []


def test_a_figure_after_or_is_still_a_restatement() -> None:
    text = FP8_EXPORT.format(share="15.43 GB").replace(
        ", or 15.43 GB (14.37 GiB) per GPU at TP=8", ", or 133.4 GB"
    )
    [(line, code, message)] = findings(text)
    assert (line, code) == (5, "SPC201")
    assert "114.94 GiB" in message or "123.42 GB" in message


def test_the_remainder_of_a_model_is_a_part() -> None:
    text = "# Mistral-Large-2\n\nThe BF16 remainder holds 807,481,344 params.\n"
    assert findings(text) == []


STUDENT = """\
# Distilling the Llama-3.1-8B embedder

Teacher: Llama-3.1-8B, 32 layers, hidden 4096, 32 heads, 8 KV heads.

Student: `bge-large-en-v1.5` initialisation (BERT-large shape: 24 layers, hidden 1024, {heads}
heads, FFN 4096, vocab 30,522).
"""


def test_a_line_whose_every_shape_fact_is_another_models_describes_that_model() -> None:
    assert findings(STUDENT.format(heads="16")) == []


def test_one_wrong_fact_among_right_ones_is_still_a_catalog_mismatch() -> None:
    text = "# Llama-3.1-8B\n\nThe model: 32 layers, hidden 4096, 40 heads, 8 KV heads.\n"
    [(line, code, message)] = findings(text)
    assert (line, code) == (3, "SPC304")
    assert "has 32" in message


def test_a_percentage_no_change_word_names_may_be_a_plain_ratio() -> None:
    text = (
        "# NVLink\n\n- step: 6.19 ms healthy, 8.59 ms degraded → 10,341 vs 7,451 tok/s, i.e. 72 %\n"
    )
    assert findings(text) == []


def test_a_change_between_two_quotients_is_not_a_ratio_restated() -> None:
    text = """\
# Queue

The waiting term goes from 0.782 / 0.218 = 3.59 to 0.845 / 0.155 = 5.45, {change}.
"""
    # The quotient 5.45 is the second value of the change, not a ratio of 5.45 = +445 %.
    assert findings(text.format(change="+52 %")) == []
    assert all("445" not in message for _, _, message in findings(text.format(change="+62 %")))


MFU_SAID = """\
# Embedder distillation on 8× L4

Llama-3.1-8B in BF16, one model per L4 GPU.

35 % MFU corresponds to {rate} tokens/s per L4.
"""


def test_a_rate_whose_sentence_states_its_mfu_is_not_beyond_realistic() -> None:
    assert findings(MFU_SAID.format(rate="3,034")) == []
    [(line, code, _)] = findings(MFU_SAID.format(rate="9,034"))
    assert (line, code) == (5, "SPC601")
