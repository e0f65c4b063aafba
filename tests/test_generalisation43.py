"""Shapes the lead found in session 35. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

from speclint import lint_text

from .conftest import findings

POOL = """\
# Worker pool sizing

The queue peaks at 1,200 jobs per minute and one worker drains 64 jobs per minute, so the
pool needs ceil(1200 / 64) = {workers} workers. Each pod sustains about 4.5 req/s, and the
peak of 105 req/s needs ⌈105 / 4.5⌉ = {pods} pods.

$$
\\text{{shards}} = \\left\\lfloor \\frac{{1000}}{{64}} \\right\\rfloor = {shards}
$$
"""


def test_a_rounding_up_or_down_is_evaluated() -> None:
    assert findings(POOL.format(workers=19, pods=24, shards=15)) == []
    [(line, code, message)] = findings(POOL.format(workers=18, pods=24, shards=15))
    assert (line, code) == (4, "SPC101")
    assert "ceil(1200 / 64) = 19" in message
    # 105 / 4.5 is 23.3 (23.1 to 23.6 at the precision of 4.5): 24 pods, never 23.
    [(line, code, message)] = findings(POOL.format(workers=19, pods=23, shards=15))
    assert (line, code) == (5, "SPC101")
    assert "= 24" in message
    [(line, code, message)] = findings(POOL.format(workers=19, pods=24, shards=16))
    assert (line, code) == (8, "SPC101")
    assert "= 15" in message


def test_a_rounding_fix_writes_the_whole_number() -> None:
    [diagnostic] = [d for d in lint_text(POOL.format(workers=18, pods=24, shards=15), "t.md")]
    assert diagnostic.fix is not None
    assert diagnostic.fix.replacement == "19"


ROUNDED_QUANTITY = """\
# Notes

Blocks are allocated whole: ceil(1.5 GB) = {blocks} GB, and a batch holds ceil(n / 8) = 3
pages where n is the request count.
"""


def test_a_rounding_of_a_quantity_with_a_unit_or_a_name_is_not_evaluated() -> None:
    # Rounding 1.5 GB up gives 2 GB but 1,500 MB: the unit decides, so nothing is claimed.
    assert findings(ROUNDED_QUANTITY.format(blocks=2)) == []
    assert findings(ROUNDED_QUANTITY.format(blocks=3)) == []


ARCHITECTURE = """\
# 13B pretraining budget

| Hyperparameter | Value |
|---|---|
| Layers | 40 |
| d_model | 5,120 |
| Attention heads | 40 |
| FFN hidden (SwiGLU) | 13,824 |
| Vocabulary | 32,000 |

- MLP (gate, up, down): 3 × 5,120 × 13,824 = {mlp}

Training runs on 512 H100 SXM GPUs. 415.4e12 / (6 × 13.02e9) ≈ 5,319 tokens/s per GPU, or
about 2.72M tokens/s for the
cluster.
"""


def test_a_layers_parameter_count_is_no_ffn_width_and_a_soft_break_keeps_the_scope() -> None:
    # The MLP's parameters (212M) are not the FFN width: the width stays 13,824, so the
    # model's compute bound is not 15× too low, and "for the cluster" on the next line of the
    # paragraph is the cluster's rate, not one GPU's.
    assert findings(ARCHITECTURE.format(mlp="212,336,640")) == []
    [(line, code, message)] = findings(ARCHITECTURE.format(mlp="141,557,760"))
    assert (line, code) == (11, "SPC101")
    assert "= 212,336,640" in message


KV_FACTOR = """\
# KV cache

KV cache per token for the 70B target, BF16:

2 (K, V) × 80 layers × 8 KV heads × 128 × 2 B = {kv} bytes

Cross-attention K/V per stream: 32 layers × 2 (K/V) × 1,500 × 1,280 × 2 B = {cross} MB
"""


def test_a_factor_named_by_a_list_of_letters_stays_in_its_formula() -> None:
    assert findings(KV_FACTOR.format(kv="327,680", cross="245.76")) == []
    [(line, code, message)] = findings(KV_FACTOR.format(kv="163,840", cross="245.76"))
    assert (line, code) == (5, "SPC101")
    assert "= 327,680" in message
    [(line, code, _)] = findings(KV_FACTOR.format(kv="327,680", cross="122.9"))
    assert (line, code) == (7, "SPC101")


SETTING = """\
# Postgres memory

- `shared_buffers = 32GB`, {share} % of the 128 GiB instance
- Raw output: `1.2 × 10⁹ × 1,024 × 4 B = 4.92 TB` ({restated} TiB)
"""


def test_a_setting_in_code_is_read_in_its_tools_units_as_an_operand_too() -> None:
    # PostgreSQL reads 32GB as 32 GiB: 25 % of 128 GiB. 23 % (32 GB / 128 GiB) holds too.
    assert findings(SETTING.format(share=25, restated="4.47")) == []
    assert findings(SETTING.format(share=23, restated="4.47")) == []
    [(line, code, _)] = findings(SETTING.format(share=20, restated="4.47"))
    assert (line, code) == (3, "SPC102")
    # Arithmetic in code is no setting: 4.92 TB is 4.47 TiB, whatever a tool would say.
    [(line, code, message)] = findings(SETTING.format(share=25, restated="4.92"))
    assert line == 4
    assert "4.47" in message


TRAINING_STATE = """\
# Reward model plan

Full fine-tune with FP32 master weights and Adam (4 B master + 4 + 4 B Adam
moments + 2 B BF16 weights + 2 B BF16 grads = {total} B per parameter).
"""


def test_a_bare_term_of_a_sum_takes_its_neighbours_scale() -> None:
    assert findings(TRAINING_STATE.format(total=16)) == []


WEIGHTED = """\
# CDN hit ratio

| Region | Share of requests | Edge hit ratio |
|---|---|---|
| North America | 42 % | 94.1 % |
| Europe | 58 % | 93.0 % |

The total hit ratio is request-weighted: 0.42 × 94.1 + 0.58 × 93.0 = {total} %.

A replay sustained 18,000 read QPS at 65 % CPU. The current load of 16,800 QPS per replica is
at about {cpu} % CPU (16,800 / 18,000 × 65).
"""


def test_bare_operands_the_document_writes_as_percentages_are_percentages() -> None:
    assert findings(WEIGHTED.format(total="93.5", cpu=61)) == []
    [(line, code, message)] = findings(WEIGHTED.format(total="96.5", cpu=61))
    assert (line, code) == (8, "SPC102")
    assert "= 93.5%" in message
    assert "94.1 % (line 5)" in message


CAPPED = """\
# Decode floor

Aggregate HBM bandwidth of the 8 × H100 SXM node running Qwen2.5-72B-Instruct in BF16 is
8 × 3.35 TB/s = 26.8 TB/s, so a step cannot take less than 145.4 GB / 26.8 TB/s ≈ 5.43 ms,
i.e. a single stream is capped at about 184 tokens/s.
"""


def test_a_rate_a_document_derives_as_a_cap_is_no_claim_of_what_runs() -> None:
    assert findings(CAPPED) == []
    # The same figure said to be measured is beyond realistic bandwidth utilisation.
    measured = CAPPED.replace("is capped at", "was measured at")
    assert [code for _, code, _ in findings(measured)] == ["SPC602"]


SAVING = """\
# Tiering

Storage-only saving: $50,400 − $13,769 = $36,631 per month, a {saving} % reduction.

That is 24.263 − 22.175 ≈ 2.09 ms lower, a {better} % improvement in mean TTFB.

Using the new opcode saves 41 − 19 = 22 gas, a {gas} % improvement.
"""


def test_a_difference_then_its_change_after_an_article() -> None:
    assert findings(SAVING.format(saving="72.7", better="8.6", gas=54)) == []
    [(line, code, message)] = findings(SAVING.format(saving="27.3", better="8.6", gas=54))
    assert (line, code) == (3, "SPC102")
    assert "1 − ($13,769 / $50,400) = 72.7%" in message
    # An improvement goes the way the difference says: lower, or a saving.
    [(line, code, message)] = findings(SAVING.format(saving="72.7", better="9.4", gas=54))
    assert (line, code) == (5, "SPC102")
    assert "= 8.6%" in message
    [(line, code, _)] = findings(SAVING.format(saving="72.7", better="8.6", gas=116))
    assert (line, code) == (7, "SPC102")


EGRESS = """\
# Egress

Edge egress: 2.6B × 180 KB = 468 TB/day, an average of ≈ {rate} Gbps.

The archive holds 40 files totalling 400 GB, an average of 10 GB.
"""


def test_a_rate_restated_as_its_average_over_another_period() -> None:
    assert findings(EGRESS.format(rate="43.3")) == []
    [(line, code, message)] = findings(EGRESS.format(rate="5.4"))
    assert (line, code) == (3, "SPC203")
    assert "= 43.3 Gbps" in message


INGEST = """\
# Ingest

| Source | Peak rows/s | Average rows/s | Avg row size (bytes) |
|---|---:|---:|---:|
| web SDK | 900,000 | 320,000 | 610 |
| mobile SDK | 600,000 | 230,000 | 540 |
| backend services | 300,000 | 100,000 | 480 |
| **Total** | **1,800,000** | **{average}** | **566** |
"""


def test_an_average_rate_column_adds_up_but_an_average_size_does_not() -> None:
    assert findings(INGEST.format(average="650,000")) == []
    [(line, code, message)] = findings(INGEST.format(average="605,000"))
    assert (line, code) == (8, "SPC103")
    assert "650,000" in message


BILL = """\
# Quarterly bill

| Service | Jul | Aug | Sep | Q3 | Q2 |
|---|---|---|---|---|---|
| EC2 compute | 148,210 | 152,930 | 161,480 | 462,620 | 431,900 |
| EKS control plane | 2,190 | 2,190 | 2,260 | 6,640 | 6,570 |
| RDS | 41,350 | 41,620 | 43,980 | {rds} | 121,400 |
| S3 | 23,140 | 24,010 | 24,870 | 72,020 | 68,350 |
"""


def test_a_quarters_column_adds_its_three_months() -> None:
    assert findings(BILL.format(rds="126,950")) == []
    [(line, code, message)] = findings(BILL.format(rds="129,650"))
    assert (line, code) == (7, "SPC103")
    assert "126,950" in message
    # Months of another quarter add up to nothing the header names.
    assert findings(BILL.format(rds="129,650").replace("| Q3 |", "| Q4 |")) == []


LAMBDA = """\
# Serverless cost

- September: 120M invocations, 250 ms average duration, 1 GB memory
- Compute: `120 × 10⁶ × 0.25 s × 1 GB = {gbs} GB-s`
"""


def test_memory_held_over_time_is_a_unit() -> None:
    assert findings(LAMBDA.format(gbs="30,000,000")) == []
    [(line, code, message)] = findings(LAMBDA.format(gbs="30,000"))
    assert (line, code) == (4, "SPC204")
    assert "30,000,000 GB-s" in message


SPEND = """\
# Q3 review

- Q3 spend: **$823,330**, up from $776,350 in Q2.

| Month | Spend |
|---|---|
| Jul | 264,710 |
| Aug | 272,500 |
| Sep | 286,120 |
| **Total** | **823,330** |

For reference, the Q3 spend of ${restated} already exceeded the plan's Q3 line of $800,000.
"""


def test_a_figure_written_twice_then_restated_with_two_digits_swapped() -> None:
    assert findings(SPEND.format(restated="823,330")) == []
    [(line, code, message)] = findings(SPEND.format(restated="832,330"))
    assert (line, code) == (12, "SPC302")
    assert "823,330" in message
    # Written once, the earlier figure is no established one: the later may be another.
    once = SPEND.format(restated="832,330").replace("| **Total** | **823,330** |\n", "")
    assert findings(once) == []


POWER = """\
# Power budget

GPU TDP alone is 8 × 700 W = 5.6 kW per node, {total} kW across the 32 nodes; the rest of
the node budget is CPUs, NICs and fans.
"""


def test_a_total_across_the_counted_units_after_a_per_unit_figure() -> None:
    assert findings(POWER.format(total="179.2")) == []
    [(line, code, message)] = findings(POWER.format(total="22.4"))
    assert (line, code) == (3, "SPC301")
    assert "× 32 nodes" in message
    assert "= 179.2 kW" in message


POOL_SIZE = """\
# Buffer pool

- `innodb_buffer_pool_size` = 192 GiB (75 % of 256 GiB), ≈ {gb} GB
"""


def test_a_value_restated_past_an_aside_in_brackets() -> None:
    assert findings(POOL_SIZE.format(gb="206.2")) == []
    [(line, code, message)] = findings(POOL_SIZE.format(gb="178.8"))
    assert (line, code) == (3, "SPC201")
    assert "192 GiB = 206.2 GB" in message


COMPONENTS = """\
# Mixtral parameters

| Component | Parameters |
|---|---|
| Experts (32 layers × 8 × 176.2M) | {experts} |
| Attention (32 × 41.9M) | 1.34B |
| Embedding + LM head (2 × 32000 × 4096) | 0.262B |
| Router + norms | ~1.3M |
| **Total** | **46.70B** |
"""


def test_a_row_labels_formula_gives_its_figure_in_the_figures_scale() -> None:
    assert findings(COMPONENTS.format(experts="45.1B")) == []
    found = findings(COMPONENTS.format(experts="54.1B"))
    assert (5, "SPC101") in [(line, code) for line, code, _ in found]
    [message] = [m for line, code, m in found if line == 5]
    assert "= 45.1B" in message


RAMP = """\
# Headroom

Load during the morning ramp grows at up to 1.5% per minute. Over a 2.15-minute lag that is
`1.5 × 2.15 ≈ {share}%` of peak demand arriving with nowhere to go.
"""


def test_a_percentage_written_as_a_bound_still_writes_its_operand_as_one() -> None:
    assert findings(RAMP.format(share="3.2")) == []
    [(line, code, _)] = findings(RAMP.format(share="4.2"))
    assert (line, code) == (4, "SPC102")


NET_SAVING = """\
# Storage tiering

Net saving versus today: $25,750 − $8,414 = **$17,336/month**, or ${year} per year.
"""


def test_a_months_sum_of_money_restated_per_year_may_be_rounded() -> None:
    # 25,750 − 8,413.67 = 17,336.33 a month, 208,036 a year: within 12 × half a dollar.
    assert findings(NET_SAVING.format(year="208,036")) == []
    [(line, code, message)] = findings(NET_SAVING.format(year="280,036"))
    assert (line, code) == (3, "SPC101")
    assert "12 × $17,336/month (line 3)" in message


PREFIX_CACHE = """\
# Prefix caching on Llama 3.1 8B

| Setting | Value |
|---|---|
| GPU | 1 × H100 80GB SXM |
| Model | Llama-3.1-8B-Instruct, BF16 |
| Mean prompt | 3,200 tokens |

Measured time to first token at 6 requests/s:

| Configuration | TTFT p50 |
|---|---|
| Prefix caching on | 41 ms |
| Uncached prompts | {uncached} ms |
"""


def test_a_first_token_with_prefix_caching_on_is_no_full_prefill() -> None:
    assert findings(PREFIX_CACHE.format(uncached=118)) == []
    # Without a cache, 3,200 tokens of an 8B model take at least ~48 ms on one H100.
    assert [code for _, code, _ in findings(PREFIX_CACHE.format(uncached=30))] == ["SPC701"]


UPLOAD = """\
# Checkpoint upload

At ~10 Gbps, the 11.39 GB shard takes {time} s to upload.
"""


def test_a_transfer_at_an_approximate_rate_is_bounded_from_below() -> None:
    # "~10 Gbps" may be anything from nothing up: the time is bounded below, never divided by 0.
    assert findings(UPLOAD.format(time="9.5")) == []
    [(line, code, message)] = findings(UPLOAD.format(time="1.1"))
    assert (line, code) == (3, "SPC203")
    assert "= 9.1 s" in message


OPTIONS = """\
# Slot reservation

| Option | Baseline cost | Autoscale cost | Monthly total |
|---|---|---|---|
| A: on-demand | — | — | $26,250 |
| B: autoscale only | $0 | $27,983 | $27,983 |
| C: 300 slots, 1-yr | $10,512 | $9,798 | $20,310 |
| D: 500 slots, 3-yr | $13,140 | $4,692 | {total} |
"""


def test_a_row_without_parts_leaves_the_total_column_read() -> None:
    assert findings(OPTIONS.format(total="$17,832")) == []
    [(line, code, message)] = findings(OPTIONS.format(total="$18,732"))
    assert (line, code) == (8, "SPC103")
    assert "= $17,832" in message


SLOTS = """\
# Slot arithmetic

A 20-minute query that holds 2,000 slots consumes 2,000 × 20 × 60 = 2.4M slot-seconds, or
{hours} slot-hours. The OCR fleet burns 10.2M pages × 1.9 s = 19.38M vCPU-seconds =
{vcpu} vCPU-hours a day.
"""


def test_resource_time_in_slots_and_vcpus_converts() -> None:
    assert findings(SLOTS.format(hours="666.7", vcpu="5,383")) == []
    found = findings(SLOTS.format(hours="40,000", vcpu="538"))
    assert [(line, code) for line, code, _ in found] == [(4, "SPC201"), (5, "SPC201")]
    assert "2.4M slot-seconds = 666.67 slot-hours" in found[0][2]


ALTERNATIVES = """\
# Sizing

Start with 8 GPUs, or 16 GPUs if the eval set grows.
"""


def test_a_value_then_or_another_in_the_same_unit_is_an_alternative() -> None:
    assert findings(ALTERNATIVES) == []


BASELINE = """\
# Reservation

- Baseline: 300 slots × 730 h = 219,000 slot-hours × $0.048 = $10,152 per month.
- Total: $10,512 + $9,798 = $20,310 per month.

| Option | Baseline cost |
|---|---|
| C: 300 slots, 1-yr | $10,512 |
"""


def test_a_result_its_formula_refutes_is_no_figure_to_swap_digits_against() -> None:
    # 219,000 × $0.048 is $10,512: line 3 is the slip, not the table's figure.
    assert [(line, code) for line, code, _ in findings(BASELINE)] == [(3, "SPC101")]


PARAMETER_TOTAL = """\
# PPO policy

Total: 6.48B + 2 × 131.1M + 4,096 (final norm) = {total} parameters.
"""


def test_a_bare_term_beside_terms_of_other_scales_takes_none() -> None:
    # 6.48B + 262.2M + 4,096: the final norm's 4,096 is no 4,096B.
    assert findings(PARAMETER_TOTAL.format(total="6.74B")) == []
    [(line, code, message)] = findings(PARAMETER_TOTAL.format(total="6.87B"))
    assert (line, code) == (3, "SPC101")
    assert "= 6.74B" in message


BERT = """\
# BERT-large fine-tune throughput

System: 1× DGX A100 (8× A100-SXM4-40GB, NVLink 3 / NVSwitch)

Measured training throughput was {rate} sequences/s across 8 GPUs (126 per GPU) at sequence
length 384, which is ~33% of the A100's dense BF16 peak.

- Total: 8.13 × 10^11 FLOP per sequence
"""


def test_items_per_second_across_several_gpus_are_no_one_devices() -> None:
    # 312 TFLOPS ÷ 8.13e11 FLOP = 384 sequences/s on one A100; 1,010 is the eight's.
    assert findings(BERT.format(rate="1,010")) == []


AWQ = """\
# Qwen2.5-32B-Instruct AWQ on one A100 80GB

FP16 weights do not leave enough room for KV cache on one card, so the 4-bit AWQ checkpoint
is the only single-GPU option.

Per token, K and V for every layer and KV head at FP16:

`2 × 64 layers × 8 KV heads × 128 dims × 2 B = 262,144 B = {kv} per token`
"""


def test_a_weights_precision_near_the_words_kv_cache_is_no_kv_precision() -> None:
    assert findings(AWQ.format(kv="256 KiB")) == []
    [(line, code, _)] = findings(AWQ.format(kv="128 KiB"))
    assert (line, code) == (8, "SPC201")


BUFFERS = """\
# Switch buffer budget

Downlink (400G, 5 m):

- In flight: 50 B/ns × (2 × 25 + 1,000) ns = 52,500 B
- Plus 2 × 9,216 B = {per_port} B per port
"""


def test_a_line_that_starts_with_plus_adds_to_the_amount_before_it() -> None:
    assert findings(BUFFERS.format(per_port="70,932")) == []


PREFILL = """\
# DeepSeek-V3 on 8× H200

Prefill costs 2 × 37B = 74 GFLOP per prompt token. At 40% MFU the node prefills ~85,600 prompt
tokens/s. A 6,000-token prompt needs 4.44 × 10^14 FLOP. The measured p50 TTFT under load is
410 ms, dominated by queueing.
"""


def test_a_rate_of_prompt_tokens_is_no_prompt_length() -> None:
    assert findings(PREFILL) == []


WHISPER = """\
# Whisper small on device

```yaml
d_model: 768
encoder_layers: 12
decoder_layers: 12
attention_heads: 12
ffn_dim: 3072
vocab_size: 51865
```

Each decoder block has self-attention, cross-attention to the encoder's output and an MLP.

So the model has about 241.7M parameters: 88.2M in the encoder (with positions) and 153.6M in
the decoder.
"""


def test_an_encoder_decoder_models_total_is_not_the_decoders_shape() -> None:
    assert findings(WHISPER) == []


EGRESS_TABLE = """\
# Transfer costs

| Line item | Volume / month | Rate | Monthly cost |
|---|---|---|---|
| S3 cross-region replication | 45 TB | $0.02/GB | $900 |
| Aurora global replication | 12 TB | $0.02/GB | $240 |
| Kafka MirrorMaker | 75 TB | $0.02/GB | $1,500 |
| Cross-AZ traffic (both directions) | 300 TB | $0.01/GB each way | $6,000 |
| NAT gateway processing | 90 TB | $0.045/GB | {nat} |
"""


def test_a_row_that_moves_both_ways_is_twice_its_product() -> None:
    assert findings(EGRESS_TABLE.format(nat="$4,050")) == []
    [(line, code, _)] = findings(EGRESS_TABLE.format(nat="$4,500"))
    assert (line, code) == (9, "SPC101")


SHARD_ITEMS = """\
# Memory per GPU

Per GPU, the model shard holds 2.55B parameters:

- bf16 weights: 2.55B × 2 B ≈ 5.1 GB
- fp32 master + Adam m, v: 12 B × 2.55B = 30.6 GB{after}
"""


def _memory_lines(text: str) -> list[int]:
    from speclint.domain.statements import find_statements
    from speclint.judgement.analysis import analyze

    analysis = analyze(text)
    found = find_statements(analysis.document, analysis.scanned, analysis.items)
    return [s.line for s in found if s.kind == "memory"]


def test_a_size_then_sharded_is_the_whole_before_its_shard() -> None:
    # Read alone, the optimizer states are one GPU's; sharded 16 ways after, they are the whole.
    assert 6 in _memory_lines(SHARD_ITEMS.format(after=""))
    assert 6 not in _memory_lines(SHARD_ITEMS.format(after=", sharded 16 ways ≈ 1.91 GB"))


CONSUMER = """\
# Stream job

- 800k events/s × 500 B = 400 MB/s into the pipeline
- That is ≈ {bits} Gbit/s of consumer traffic
- Per partition that is ~{share} MB/s
"""


def test_an_item_restates_a_figure_that_ends_with_where_it_flows() -> None:
    # 400 MB/s is 3.2 Gbit/s; the next item's share per partition is no restatement.
    assert findings(CONSUMER.format(bits="3.2", share="8.3")) == []
    [(line, code, message)] = findings(CONSUMER.format(bits="0.4", share="8.3"))
    assert (line, code) == (4, "SPC203")
    assert "= 3.2 Gbit/s" in message


UPLOADS = """\
# Ingest network

Peak ingest: 24,000 photos/s × 150 KB ≈ 3.6 GB/s of image uploads at peak, i.e.
≈ {bits} Gbit/s across the fleet.
"""


def test_a_value_its_noun_then_ie_restates_it() -> None:
    assert findings(UPLOADS.format(bits="28.8")) == []
    [(line, code, _)] = findings(UPLOADS.format(bits="3.6"))
    assert (line, code) == (4, "SPC203")


EVAL_DECODE = """\
# Llama 3.1 8B LoRA plan

Training runs on one node: the wall clock on 8 GPUs is 42.5 / 8 ≈ 5.3 hours.

## Evaluation

After each epoch we merge the adapter and answer 500 held-out prompts with vLLM on a single
A100 40GB. Batch-1 decode with the merged BF16 model runs at about {rate} tokens/s.
"""


def test_a_single_stream_runs_on_the_one_device_the_sentence_before_names() -> None:
    # 1,555 GB/s ÷ 13.96 GB of BF16 weights: at most 111 tokens/s on one A100 40GB.
    assert findings(EVAL_DECODE.format(rate=90)) == []
    [(line, code, message)] = findings(EVAL_DECODE.format(rate=140))
    assert (line, code) == (8, "SPC601")
    assert "allows at most 111 tokens/s per GPU" in message
    # Said of the cluster, the rate is no one device's.
    cluster = EVAL_DECODE.format(rate=140).replace("Batch-1 decode", "Cluster-wide batch-1 decode")
    assert findings(cluster) == []


PER_MILLION = """\
# Serving cost

- At 1,280 tok/s: 1,280 × 3,600 = 4.608M output tokens per hour
- Cost per million output tokens: $10.49 / 4.608 M = {cost}
"""


def test_a_million_written_apart_before_an_equals_sign() -> None:
    assert findings(PER_MILLION.format(cost="$2.28")) == []
    [(line, code, message)] = findings(PER_MILLION.format(cost="$2.77"))
    assert (line, code) == (4, "SPC101")
    assert "= $2.28" in message


DIFFUSION_MEMORY = """\
# Memory on one A10G (FP16)

| Item | GB |
|---|---|
| UNet weights (2.6B × 2 bytes) | {unet} |
| Text encoders (0.8B × 2 bytes) | 1.6 |
| VAE | 0.17 |
| Activations (measured peak) | 4.1 |
"""


def test_label_formulas_whose_units_give_the_column_are_read_however_few() -> None:
    assert findings(DIFFUSION_MEMORY.format(unet="5.2")) == []
    [(line, code, message)] = findings(DIFFUSION_MEMORY.format(unet="2.6"))
    assert (line, code) == (5, "SPC101")
    assert "= 5.2" in message


DAILY_SCANS = """\
# OCR storage

- New scans: 10.2M × 350 KB ≈ {daily} per day.
"""


def test_a_count_times_a_size_stated_per_day_reads_the_count_per_day() -> None:
    assert findings(DAILY_SCANS.format(daily="3.57 TB")) == []
    [(line, code, message)] = findings(DAILY_SCANS.format(daily="3.57 TiB"))
    assert (line, code) == (3, "SPC202")
    assert "(the count is read per day)" in message


RUNNERS = """\
# Runner fleet cost

| Item | Basis | $/month |
|---|---|---|
| EC2 runner nodes | 778.46 node-h/day × $0.384 × 21.7 | {nodes} |
| NAT data processing | 2,851.2 GB/day × $0.045 × 21.7 | 2,784.20 |
"""


def test_a_price_per_a_time_per_a_time_is_read_per_it() -> None:
    assert findings(RUNNERS.format(nodes="6,486.75")) == []
    [(line, code, message)] = findings(RUNNERS.format(nodes="6,846.75"))
    assert (line, code) == (5, "SPC101")
    assert "(the price is read per node-h/day)" in message


PHONE_DECODE = """\
# Llama 3.2 1B on a phone

The phone's memory peaks at 76.8 GB/s. Each generated token streams all 810.4 MB of weights:

- Weights only: 810.4 MB / 76.8 GB/s ≈ 10.6 ms per token
- With a full 4,096-token KV cache also read: 944.6 MB per token, ≈ 12.3 ms
"""


def test_bytes_read_per_token_with_the_kv_cache_are_no_kv_size_per_token() -> None:
    assert findings(PHONE_DECODE) == []


PRICED_UNITS = """\
# Monthly cost

| Item | Qty | Unit price | Monthly |
|---|---|---|---|
| GPU workers | 4 | $1.10/h × 730 h | $3,212 |
| Cache nodes | 3 | $0.50/h × 730 h | $1,095 |
"""


def test_a_unit_price_formula_beside_a_quantity_column_is_no_rows_figure() -> None:
    # 4 × $803 = $3,212: the formula prices one worker, the Qty column counts them.
    assert findings(PRICED_UNITS) == []


BILLION_REQUESTS = """\
# Request volume

The month's 9.6B requests × 2 retries = {total} requests.
"""


def test_a_decimal_glued_to_b_before_counted_things_is_billions() -> None:
    assert findings(BILLION_REQUESTS.format(total="19.2B")) == []
    [(line, code, message)] = findings(BILLION_REQUESTS.format(total="21.2B"))
    assert (line, code) == (3, "SPC101")
    assert "= 19.2B" in message


LIGHT = """\
# Multi-region failover

The us-east-2 ↔ us-west-2 leg is 3,030 km great-circle; we measured that heartbeat at {rtt} ms
RTT.

Moving the standby to Ohio (fibre route ≈ 900 km) would cut RTT to about {dr} ms.

Frankfurt to Singapore is 10,260 km; the one-way latency is 40 ms.

| Region | Distance | RTT |
|---|---|---|
| eu-west-1 | ~1,090 km | 25 ms |
| ap-southeast-1 | ~10,260 km | {sg} ms |
"""


def test_a_time_over_a_distance_is_bounded_by_the_speed_of_light() -> None:
    assert findings(LIGHT.format(rtt=24, dr=10, sg=160)) == []
    found = findings(LIGHT.format(rtt=17, dr=4, sg=58))
    assert [(line, code) for line, code, _ in found] == [
        (3, "SPC705"),
        (6, "SPC705"),
        (13, "SPC705"),
    ]
    assert found[0][2].startswith("2 × 3,030 km ÷ 299,792 km/s (light in vacuum) = 20.2 ms")
    assert "(light in fibre)" in found[1][2]
    # A change by a time is no time over the distance.
    assert findings(LIGHT.format(rtt=24, dr=4, sg=160).replace("cut RTT to", "cut RTT by")) == []


TRANSIT = """\
# Transit charges

| Provider | Commit | Commit rate | Burst rate | Monthly |
|---|---|---|---|---|
| A | 4 Gbps | $0.40/Mbps | $0.60/Mbps | $2,380 |
| B | 2 Gbps | $0.45/Mbps | $0.55/Mbps | $900 |
"""


def test_a_row_with_a_second_rate_may_add_its_product_too() -> None:
    # A: $1,600 committed plus 1.3 Gbps of burst at $0.60/Mbps.
    assert findings(TRANSIT) == []


UNVERSIONED = """\
# Mistral 7B Instruct (AWQ) on one L4

| Setting | Value |
|---|---|
| Layers | 32 |
| Hidden size | 4096 |
| Vocabulary | {vocab} |
"""


def test_a_model_named_without_its_version_is_no_one_catalog_entry() -> None:
    # v0.1 and v0.2 have 32,000 tokens, v0.3 32,768: "Mistral 7B" says neither.
    assert findings(UNVERSIONED.format(vocab="32,000")) == []
    assert findings(UNVERSIONED.format(vocab="32,768")) == []


QUANTISED = """\
# Gemma 2 2B in the browser

We use the `q4f16` format: 4-bit weights in groups of 32 with one FP16 scale per group,
so 4 + 16/32 = 4.5 bits per weight.

- weights: 2,614,341,888 × 4.5 / 8 = 1,470,567,312 bytes ≈ 1.47 GB
"""


def test_weights_at_the_bits_per_weight_the_document_states() -> None:
    assert findings(QUANTISED) == []
