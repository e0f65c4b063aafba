"""Shapes the lead found in session 34. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

COMPACTION = """\
# Compaction results

| Table | Files before | Files after | Reduction |
|---|---:|---:|---:|
| orders | 96,000 | 1,200 | 80× |
| refunds | 14,400 | 100 | 144× |
| events | 43,600 | 1,000 | 43.6× |
| **Total** | **154,000** | **{after}** | **67×** |
"""


def test_a_column_of_multiples_is_no_sum() -> None:
    # 154,000 / 2,300 = 67×: a Total row's multiple is the ratio of the sums, not 80 + 144 + 43.6.
    assert findings(COMPACTION.format(after="2,300")) == []
    [(line, code, message)] = findings(COMPACTION.format(after="2,500"))
    assert (line, code) == (8, "SPC103")
    assert "= 2,300" in message


SERVING = """\
# Mixture-of-experts plan

## Training layout

Each of the 8 GPUs of the node holds one expert of every layer.

## Serving

Serving is TP = 2 on two H100 SXM 80GB. The bf16 weights are 93.4 GB, i.e. {per} GB per GPU.
"""


def test_a_section_that_states_its_own_device_count_restates_per_its_own_devices() -> None:
    assert findings(SERVING.format(per="46.7")) == []
    # The same restatement where the section names no count: the document's 8 GPUs.
    plain = SERVING.replace("Serving is TP = 2 on two H100 SXM 80GB. ", "")
    [(line, code, message)] = findings(plain.format(per="46.7"))
    assert (line, code) == (9, "SPC301")
    assert "× 8 GPUs (line 5)" in message


REPLICATED = """\
# Expert-parallel memo

```json
{{"hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
 "num_attention_heads": 32, "num_key_value_heads": 8, "num_local_experts": 8,
 "num_experts_per_tok": 2, "vocab_size": 32000, "tie_word_embeddings": false}}
```

- {label}: 1,605,636,096 params
"""


def test_replicated_weights_are_a_part_of_the_model() -> None:
    assert findings(REPLICATED.format(label="Replicated weights")) == []
    assert findings(REPLICATED.format(label="Non-expert parameters")) == []
    [(line, code, _)] = findings(REPLICATED.format(label="Model parameters"))
    assert (line, code) == (9, "SPC401")


NORMS = """\
# Parameter count per layer

| Module | Shape | Parameters |
|---|---|---:|
| `o_proj` | 5120 × 5120 | 26,214,400 |
| 2 × RMSNorm | 2 × 5120 | {norms} |
| 4 × LayerScale | 5120 × 1 | {scales} |
"""


def test_a_row_label_count_the_formula_already_multiplies_by_is_not_counted_twice() -> None:
    assert findings(NORMS.format(norms="10,240", scales="20,480")) == []
    [(line, code, message)] = findings(NORMS.format(norms="10,240", scales="5,120"))
    assert (line, code) == (7, "SPC101")
    assert "the row's label counts 4" in message


AROUND_THE_CLOCK = """\
# Fleet cost

The fleet of 24 L4s runs 24/7 (730 h) at $0.80 per GPU-hour.

Running 24/7 = 168 h a week; 24 × 7 = {week} h.
"""


def test_24_7_is_around_the_clock_not_a_division() -> None:
    assert findings(AROUND_THE_CLOCK.format(week="168")) == []
    [(line, code, message)] = findings(AROUND_THE_CLOCK.format(week="186"))
    assert (line, code) == (5, "SPC101")
    assert "24 × 7 = 168" in message


MILESTONE = """\
# Shard sizing

```
per-shard data at the 18-month mark = 100.76 / 3 = {shard} GiB
```

The 8-GPU node = 640 / 8 = {gpu} GB per GPU.
"""


def test_a_figure_glued_to_a_noun_before_a_formula_names_it() -> None:
    assert findings(MILESTONE.format(shard="33.59", gpu="80")) == []
    found = findings(MILESTONE.format(shard="35.59", gpu="90"))
    assert [(line, code) for line, code, _ in found] == [(4, "SPC101"), (7, "SPC101")]
    assert "100.76 / 3" in found[0][2]


TOKENIZER = """\
# Tokenizer throughput

At 32 threads the library delivers 13,330,000 / 32 = {per_core} tokens/s per core.

Small batches: 1,200,000 / 32 = {small} tokens/s per core.
"""


def test_an_operand_of_several_digits_then_zeros_may_be_rounded_to_its_last_digit() -> None:
    # 13,330,000 may be 13.33M rounded (13,325,000-13,335,000): 416,406-416,719 per core.
    assert findings(TOKENIZER.format(per_core="416,700", small="37,500")) == []
    found = findings(TOKENIZER.format(per_core="417,700", small="37,600"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC101"), (5, "SPC101")]


QUANTIZED_KV = """\
# On-device plan

```json
{{"hidden_size": 4096, "num_attention_heads": 32, "num_hidden_layers": 32,
 "num_key_value_heads": 8, "torch_dtype": "bfloat16"}}
```

## KV cache

Per token, FP16 cache: 2 × 32 layers × 8 KV heads × 128 × 2 bytes = 131,072 bytes.

- 4,096 tokens with the cache at 8.5 bits per value: {bits} bytes per token
- 4,096 tokens with the cache in Q5_K: 45,000 bytes per token
"""


def test_a_kv_size_at_the_bits_per_value_its_sentence_writes() -> None:
    # 131,072 × 8.5 / 16 = 69,632; a quantisation type of unknown width is not read.
    assert findings(QUANTIZED_KV.format(bits="69,632")) == []
    [(line, code, message)] = findings(QUANTIZED_KV.format(bits="65,536"))
    assert (line, code) == (12, "SPC501")
    assert "× 1.062 bytes = 69.6 KB" in message


ASIDE = """\
# Memory budget

| Component | Size |
|---|---:|
| Weights | 4.08 GB |
| Compute buffers and scratch | 0.30 GB |

## Decision

Ship the 4-bit weights. {decision}
"""


def test_a_figure_in_a_bracket_takes_only_its_brackets_words() -> None:
    aside = "Revisit the 8-bit cache (which would free 240 MiB) if the scratch buffers grow."
    assert findings(ASIDE.format(decision=aside)) == []
    [(line, code, message)] = findings(ASIDE.format(decision="Keep scratch buffers at 240 MiB."))
    assert (line, code) == (10, "SPC302")
    assert "the figure of line 6" in message


FACTOR = """\
# Interleaving

Plain 1F1B holds 8 × 10 × 285.2 MB = 22.8 GB on the first stage, and interleaving by four
multiplies it by 1.22: 27.8 GB.

In short: with two chunks the factor is $1 + 7/16 = 1.4375$, i.e. 32.8 GB on the first stage.
"""


def test_a_figure_worked_out_from_the_result_before_it_is_no_recap() -> None:
    assert findings(FACTOR) == []


PARTITIONS = """\
# Partitions

- 12.34 GB/s / 10 MB/s = 1,234 partitions minimum
- {second}
"""


def test_a_rounded_figure_is_no_swapped_restatement() -> None:
    assert (
        findings(PARTITIONS.format(second="Rounded up to a multiple of 12: 1,243 partitions")) == []
    )
    assert (
        findings(
            PARTITIONS.replace("12.34 GB/s", "1.02 GB/s")
            .replace("1,234", "102")
            .format(second="Planned: 120 partitions")
        )
        == []
    )
    [(line, code, message)] = findings(PARTITIONS.format(second="Planned: 1,243 partitions"))
    assert (line, code) == (4, "SPC302")
    assert "two adjacent digits swapped" in message


RETENTION = """\
# Retention

```text
replicated ×3          = 1,110.4 TB
per broker  1,110.4 TB / 12 = {broker} TB
```
"""


def test_a_tools_convention_is_shown_only_when_it_explains_the_figure() -> None:
    assert findings(RETENTION.format(broker="92.5")) == []
    [(line, code, message)] = findings(RETENTION.format(broker="82.5"))
    assert (line, code) == (5, "SPC101")
    assert message.endswith("stated 82.5 TB is 1.12× too small")


FP8 = """\
# Serving Llama 3.1 70B in {dtype} on one 8×H100 node

We serve the model with {dtype} weights on 8× H100 SXM 80 GB, tensor parallel across all eight
GPUs.

```json
{{"hidden_size": 8192, "num_hidden_layers": 80, "num_attention_heads": 64,
 "num_key_value_heads": 8, "intermediate_size": 28672, "vocab_size": 128256,
 "torch_dtype": "bfloat16"}}
```

- HBM bandwidth: 3.35 TB/s per GPU

Decode is bound by HBM bandwidth: batch-1 decode cannot beat ~300 tokens/s per stream.
"""


def test_a_published_bf16_dtype_beside_fp8_weights_leaves_the_width_unsure() -> None:
    # 3.35 TB/s × 8 ÷ 136.9 GB = 196 tokens/s in BF16, 392 in FP8: with FP8 weights stated
    # beside the checkpoint's bfloat16, which one the plan streams is unsure.
    assert findings(FP8.format(dtype="FP8")) == []
    [(line, code, message)] = findings(FP8.format(dtype="BF16"))
    assert (line, code) == (14, "SPC601")
    assert "allows at most 196 tokens/s" in message


SHARES = """\
# IT load

| Component | Count | kW each | kW total | Share of IT load |
|---|---:|---:|---:|---:|
| GPU servers | 128 | 10.2 | 1,305.6 | 91.0% |
| IB switches | 48 | 1.7 | 81.6 | 5.69% |
| Storage nodes | 20 | 1.6 | 32.0 | {storage}% |
| Ethernet switches | 16 | 0.6 | 9.6 | 0.67% |
| Service nodes | 8 | 0.75 | 6.0 | 0.42% |
| **Total IT** | | | **1,434.8** | **100%** |
"""


def test_a_share_column_naming_its_own_whole_is_read_when_its_other_rows_agree() -> None:
    assert findings(SHARES.format(storage="2.23")) == []
    [(line, code, message)] = findings(SHARES.format(storage="3.2"))
    assert (line, code) == (7, "SPC102")
    assert "32.0 (line 7) / 1,434.8 (line 10)" in message
    # With only two other rows to agree, a share of a whole the columns do not name is not read.
    short = "\n".join(SHARES.format(storage="3.2").splitlines()[:7])
    assert findings(short) == []


RACKS = """\
# Racks

- GPU racks: 3 servers per rack = 3 × 10.2 = {kw} kW.
"""


def test_a_count_that_opens_its_own_formula_is_its_input() -> None:
    assert findings(RACKS.format(kw="30.6")) == []
    [(line, code, message)] = findings(RACKS.format(kw="36.6"))
    assert (line, code) == (3, "SPC101")
    assert "3 × 10.2" in message


CANARY = """\
# Canary

The canary took 5% of traffic for 10 min at 900 req/s, i.e. 27,000 requests.

The full rollout ran 10 min at 900 req/s, i.e. {full} requests.
"""


def test_a_word_product_after_a_share_may_be_that_share_of_it() -> None:
    assert findings(CANARY.format(full="540,000")) == []
    [(line, code, _)] = findings(CANARY.format(full="504,000"))
    assert (line, code) == (5, "SPC101")


MIXTRAL = """\
# Decode floor

```json
{{"hidden_size": 6144, "intermediate_size": 16384, "num_hidden_layers": 56,
 "num_attention_heads": 48, "vocab_size": 32768}}
```

Each decode step of Mixtral 8x22B must stream the {which} weights: 39.2B FP8 parameters.
"""


def test_the_active_weights_before_a_count_make_it_the_active_count() -> None:
    assert findings(MIXTRAL.format(which="active")) == []
    [(line, code, message)] = findings(MIXTRAL.format(which="total"))
    assert (line, code) == (8, "SPC401")
    assert "it matches the active count" in message


CHURN = """\
# Index churn

Daily churn is 5M of 250M passages, {share} % of the corpus per day.
"""


def test_a_share_naming_the_whole_again_by_a_noun() -> None:
    assert findings(CHURN.format(share="2")) == []
    [(line, code, message)] = findings(CHURN.format(share="0.2"))
    assert (line, code) == (3, "SPC102")
    assert "5M / 250M passages = 2.0%" in message


BUDGET = """\
# Error budget

The SLO is 99.9 % of requests over a rolling 30 days.

- Requests in the window: 3,100 req/s × 30 × 86,400 s = 8.04B
- Budget: 0.1 % of that = 8.04M failed requests
- This incident: about 2.86M failed requests, {share} % of the 30-day budget
"""


def test_a_share_of_a_budget_named_over_its_window_and_labelled_by_its_result() -> None:
    assert findings(BUDGET.format(share="35.6")) == []
    [(line, code, message)] = findings(BUDGET.format(share="45.6"))
    assert (line, code) == (7, "SPC102")
    assert "8.04M failed requests (line 6)" in message


WINDOW = """\
# Outage

It is equivalent to 47 × 0.38 = 17.86 minutes of full outage, {share} % of the 43.2-minute
monthly budget.
"""


def test_a_figure_glued_to_its_unit_is_still_the_whole() -> None:
    assert findings(WINDOW.format(share="41.3")) == []
    [(line, code, _)] = findings(WINDOW.format(share="51.3"))
    assert (line, code) == (3, "SPC102")


STEPS = """\
# Fine-tuning throughput

- Global batch: 16 sequences = 65,536 tokens
- Measured on one H100: 3,400 tokens/s

One optimizer step takes 65,536 / 3,400 ≈ 19.3 {unit}, so 100 steps take about 32 minutes.
Spread over 64 machines, 13.0 days of work is 13.0 × 24 / 64 ≈ 4.9 hours.
"""


def test_bare_operands_read_in_the_units_the_document_gives_their_numbers() -> None:
    # 65,536 tokens ÷ 3,400 tokens/s is 19.3 s; the 24 of "× 24" already turns days into hours.
    assert findings(STEPS.format(unit="s").replace("13.0 days of work", "13.0 days")) == []
    found = findings(STEPS.format(unit="ms").replace("13.0 days of work", "13.0 days"))
    [(line, code, message)] = found
    assert (line, code) == (6, "SPC204")
    assert message.startswith("65,536 tokens / 3,400 tokens/s = 19275.3 ms")
    assert "milliseconds vs seconds (×1000)" in message


PACKET = """\
# Serialization

A 1,500-byte packet on a 10 Gbps link takes 1,500 × 8 / 10^10 s = {time} to serialize.
"""


def test_a_unit_after_a_power_is_the_powers_and_names_the_time_slip() -> None:
    assert findings(PACKET.format(time="1.2 µs")) == []
    [(line, code, message)] = findings(PACKET.format(time="1.2 ms"))
    assert (line, code) == (3, "SPC204")
    assert "milliseconds vs microseconds (×1000)" in message
    assert "the 's' after the divisor read as the result's unit" in message


NEMO = """\
# Memo: LoRA fine-tune of {title}

The 131,072-entry tokenizer handles our tickets better than the 32K Mistral-7B vocabulary.

```json
{{"hidden_size": 5120, "num_hidden_layers": 40, "num_attention_heads": 32,
 "num_key_value_heads": 8, "vocab_size": 131072}}
```
"""


def test_a_model_named_in_passing_is_not_the_titles_model() -> None:
    assert findings(NEMO.format(title="Mistral-NeMo-12B")) == []
    found = findings(NEMO.format(title="Mistral-7B"))
    assert {code for _, code, _ in found} == {"SPC304"}
    assert any("hidden size is 5,120 here, but Mistral-7B" in m for _, _, m in found)


LAYOUT = """\
# Parallel layout

| Dimension | Degree | Placement |
|---|---|---|
| TP | 8 | within a node |
| PP | 8 | across 8 nodes |
| DP | 16 | across 16 replicas |
| **Total** | 1,024 | {placement} |
"""


def test_a_total_row_that_writes_its_product_with_nouns_is_no_sum() -> None:
    assert findings(LAYOUT.format(placement="128 nodes × 8 GPUs")) == []
    [(line, code, _)] = findings(LAYOUT.format(placement="all GPUs"))
    assert (line, code) == (8, "SPC103")


VISION = """\
# Serving plan

```json
{{"hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 40,
 "num_attention_heads": 32, "num_key_value_heads": 8, "vocab_size": 128256}}
```

{tower}Total parameters: 10.6B.
"""


def test_a_total_with_a_vision_encoder_beside_the_decoder_is_not_the_decoders() -> None:
    tower = "The vision encoder has 32 layers of hidden size 1280.\n\n"
    assert findings(VISION.format(tower=tower)) == []
    [(line, code, _)] = findings(VISION.format(tower=""))
    assert (line, code) == (8, "SPC401")


KV_SLICE = """\
# KV footprint

- Per token per GPU at TP = 4 (2 KV heads per GPU): 65,536 B (64 KiB)
- A full 131,072-token sequence: 32 GiB per replica, i.e. 8 GiB (8.59 GB) per GPU

Prefill runs in 131,072 / 16,384 = 8 chunks.

- At 131K context the KV read adds 8.59 GB per GPU, so the floor rises to ≈ 7.5 ms
"""


def test_a_figure_per_token_per_gpu_is_no_gpus_share_of_a_total() -> None:
    assert findings(KV_SLICE) == []


UNREAD_PROMPT = """\
# Long-context serving

```yaml
model: Qwen/Qwen2.5-32B-Instruct
```

With `max_num_batched_tokens: 16384`, a 131,072-token prompt is prefilled in 8 chunks.

| Scenario | Batch | TTFT p50 |
|---|---:|---:|
| {row} | 1.4 s |

- Node price (reserved, 8 × H100 at $2.49 per GPU-hour): $19.92 per hour
"""


def test_a_ttft_row_naming_its_own_prompt_size_is_not_read_at_the_documents() -> None:
    assert findings(UNREAD_PROMPT.format(row="mixed trace, 8K avg | 64")) == []
    [(line, code, message)] = findings(UNREAD_PROMPT.format(row="131,072-token prompt | 1"))
    assert (line, code) == (11, "SPC701")
    assert "131072 tokens" in message


LAYERS = """\
# Parameter recount

| Component | Parameters |
|---|---:|
| Attention (per layer) | 13,767,168 |
| Attention, all 27 layers | 371,713,536 |
| One expert | 8,650,752 |
| Experts, 26 layers | 14,848,098,304 |
| Embeddings | 419,430,400 |
| **Total** | **{total}** |
"""


def test_a_total_some_rows_make_exactly_is_right() -> None:
    # 371,713,536 + 14,848,098,304 + 419,430,400: the per-layer and one-expert rows are details.
    assert findings(LAYERS.format(total="15,639,242,240")) == []
    [(line, code, _)] = findings(LAYERS.format(total="15,639,242,000"))
    assert (line, code) == (10, "SPC103")


POD = """\
# Pod sizing

We are building a 64-node pod of 8× H100 SXM5 80GB servers (512 GPUs). The reference training
job is Llama 3.1 70B (70,553,706,496 parameters) with TP=8 inside a node, and
an H100 processes about 935 tokens/s, and the {whole} about 478,000 tokens/s. That is the plan.
"""


def test_the_pod_is_the_whole_system() -> None:
    assert findings(POD.format(whole="pod")) == []
    [(line, code, _)] = findings(POD.format(whole="node"))
    assert (line, code) == (5, "SPC601")


PEAK_RATE = """\
# Eval compute

- Llama-3.1-8B: 2 × 8.03B = 16.06 GFLOP per token

The {rate} on one H100 is therefore 989 TFLOPS / 16.06 GFLOP ≈ 61,600 tokens/s for
the 8B. We plan with 40 % MFU.
"""


def test_a_peak_rate_is_read_only_against_the_peak() -> None:
    assert findings(PEAK_RATE.format(rate="peak prefill rate")) == []
    [(line, code, _)] = findings(PEAK_RATE.format(rate="prefill rate"))
    assert (line, code) == (5, "SPC602")


CHECKPOINT = """\
# Serving note: Llama 3.1 70B Instruct, AWQ INT4, on 2× L40S

- Model: Llama 3.1 70B Instruct quantised with AWQ (4-bit weights, group size 128)
- Hardware: 2× NVIDIA L40S per replica (48 GB each)
- Checkpoint size: ≈ 39.8 GB, {compared}
"""


def test_a_precision_a_figure_is_compared_with_is_not_its_own() -> None:
    assert findings(CHECKPOINT.format(compared="about 3.5× smaller than BF16 (141.1 GB)")) == []
    [(line, code, _)] = findings(CHECKPOINT.format(compared="in BF16"))
    assert (line, code) == (5, "SPC501")


KV_BF16 = """\
# Serving

KV bytes per token = `2 × n_kv_heads × head_dim × bytes × n_layers`
= `2 × 8 × 128 × 2 × 64` = **262,144 bytes per token in {dtype}**.

We serve Command R+ with FP8 weights and an FP8 KV cache on MI300X, TP=4.

```json
{{"hidden_size": 12288, "num_attention_heads": 96, "num_key_value_heads": 8,
 "num_hidden_layers": 64, "vocab_size": 256000}}
```
"""


def test_a_precision_named_at_a_sentences_end_is_its_own() -> None:
    assert findings(KV_BF16.format(dtype="BF16")) == []
    [(line, code, _)] = findings(KV_BF16.format(dtype="FP8"))
    assert (line, code) == (4, "SPC501")


REPLICAS = """\
# Batching design

| Item | Value |
|---|---|
| Hardware | 1× H100 SXM 80GB per replica (989 TFLOPS dense BF16, 3.35 TB/s HBM3) |

Measured: 12 ms per step at batch 64, 64 / 0.012 s ≈ 5,333 tokens/s per replica. Across 10
replicas that is about {fleet} output tokens/s.

```yaml
engine:
  model: meta-llama/Llama-3.1-8B-Instruct
  dtype: bfloat16
  max_num_seqs: 64
```
"""


def test_a_rate_across_the_replicas_its_sentence_counts_first() -> None:
    assert findings(REPLICAS.format(fleet="53,300")) == []
    [(line, code, message)] = findings(REPLICAS.format(fleet="533,000"))
    assert (line, code) == (8, "SPC601")
    assert "10 replicas" in message or "× 10" in message


BATCH_HEADER = """\
# Quantization memo

| Format | TPOT at batch {batch} | Output tok/s at batch 4 |
|---|---|---|
| AWQ 4-bit | 26 ms | 88 |

At batch 4 with about 2,200 tokens of context per sequence, the 4-bit step also reads
4 × 2,200 × 344,064 bytes ≈ 3.03 GB of KV, so the step floor is (6.16 + 3.03) GB / 300 GB/s
≈ 30.6 ms.
"""


def test_a_floor_derived_at_one_batch_bounds_only_a_column_at_that_batch() -> None:
    assert findings(BATCH_HEADER.format(batch="1")) == []
    [(line, code, message)] = findings(BATCH_HEADER.format(batch="4"))
    assert (line, code) == (5, "SPC701")
    assert "30.6 ms" in message


ROW_PRECISION = """\
# Gemma 2 9B quantization memo

We serve `google/gemma-2-9b-it` on one NVIDIA L4 (24 GB, 300 GB/s) and ship the INT8 build.

```json
{{"hidden_size": 3584, "intermediate_size": 14336, "num_hidden_layers": 42,
 "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 256, "vocab_size": 256000}}
```

| Format | TPOT at batch 1 |
|---|---|
| INT8 | {int8} ms |
| AWQ 4-bit | 16 ms |
"""


def test_a_row_in_another_weight_precision_is_not_bounded_at_the_documents() -> None:
    assert findings(ROW_PRECISION.format(int8="39")) == []
    [(line, code, message)] = findings(ROW_PRECISION.format(int8="20"))
    assert (line, code) == (12, "SPC701")
    assert "8.324B params × 1 B" in message


ROW_LAYOUT = """\
# Llama-3.1-70B on 4× H100 SXM

We serve Llama-3.1-70B at TP=4 and compare BF16 weights with FP8 weights.

| Layout | TPOT at batch 1 |
|---|---|
| TP=4 BF16 | {bf16} ms |
| TP=4 FP8 | 8 ms |
"""


def test_a_row_in_one_of_the_documents_weight_precisions_is_bounded_at_it() -> None:
    assert findings(ROW_LAYOUT.format(bf16="12")) == []
    [(line, code, message)] = findings(ROW_LAYOUT.format(bf16="8"))
    assert (line, code) == (7, "SPC701")
    assert "68.45B params × 2 B" in message


L4_FLEET = """\
# TTS fleet

| Region | Peak streams | {header} |
|---|---:|---:|
| us-east | 1,080 | 18 |
| eu-west | 720 | 13 |
| ap-south | 600 | 11 |
| **Total** | **2,400** | **44** |
"""


def test_a_column_of_planned_devices_counts_whole_devices() -> None:
    # 18 + 13 + 11 = 42: whole cards are not rounded figures (±0.5 each).
    for header in ("Planned L4s", "H100s"):
        [(line, code, message)] = findings(L4_FLEET.format(header=header))
        assert (line, code) == (8, "SPC103")
        assert "= 42; stated 44" in message
    assert findings(L4_FLEET.format(header="Planned L4s").replace("**44**", "**42**")) == []


SWITCHES = """\
# Fabric

- Switches in total: 16 leaves + 8 spines = {total}
- One layer: 4,096 (attention) + 1,280 (FFN) + 2 LayerNorms = 19,676,160 params
"""


def test_counts_of_things_added_up_to_a_bare_count() -> None:
    assert findings(SWITCHES.format(total="24")) == []
    [(line, code, message)] = findings(SWITCHES.format(total="26"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("16 leaves + 8 spines = 24")


STATE_SPLIT = """\
# Optimizer state

- 8B: 7.50B × 16 = 120.1 GB of state, / 8 GPUs = **{share} GB per GPU**
"""


def test_a_result_divided_on_after_a_comma() -> None:
    assert findings(STATE_SPLIT.format(share="15.0")) == []
    [(line, code, message)] = findings(STATE_SPLIT.format(share="12.0"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("120.1 GB / 8 GPUs = ")


COPY = """\
# Disaster recovery

The full copy takes 14 TB / 2 {link} = 14e12 / 2e9 = 7,000 s ≈ 1.9 h.
"""


def test_a_formula_with_units_is_checked_beside_its_bare_restatement() -> None:
    assert findings(COPY.format(link="GB/s")) == []
    [(line, code, message)] = findings(COPY.format(link="Gb/s"))
    assert (line, code) == (3, "SPC203")
    assert "14 TB / 2 Gb/s = 56,000 s" in message


PROJECTIONS = """\
# Parameter count, recomputed

- Attention per layer: 4 projections of `1024×1024 + 1024` = {attention}
- Each projection: `1024×1024 + 1024` = 1,049,600
"""


def test_a_count_of_things_of_a_formula_is_that_many_of_it() -> None:
    assert findings(PROJECTIONS.format(attention="4,198,400")) == []
    assert findings(PROJECTIONS.format(attention="1,049,600")) == []  # each one's
    [(line, code, message)] = findings(PROJECTIONS.format(attention="4,199,400"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("4 projections of 1024×1024 + 1024 = 4,198,400")


IN_FLIGHT = """\
# KV budget

- leaves ≈ 21.9 GB, i.e. about 133,000 tokens of cache
- that is about 59 typical requests (2,000 prompt + 250 output tokens) in flight
- a full batch is {batch} tokens (8 × 1,024 tokens)
"""


def test_a_bracket_sizing_each_of_the_things_counted_is_not_their_count() -> None:
    assert findings(IN_FLIGHT.format(batch="8,192")) == []
    [(line, code, _)] = findings(IN_FLIGHT.format(batch="8,912"))
    assert (line, code) == (5, "SPC101")


MID_BATCH = """\
# Upgrade runbook

Requests sit at 78 % of allocatable today, so mid-batch they reach 78 / 0.95 = {share} %.
"""


def test_a_bare_operand_its_sentence_writes_as_a_percentage_is_in_points() -> None:
    assert findings(MID_BATCH.format(share="82.1")) == []
    [(line, code, message)] = findings(MID_BATCH.format(share="85.1"))
    assert (line, code) == (3, "SPC102")
    # The document-wide reading (session 35) names the percentage and its line.
    assert "using 78 % (line 3); 78 read as the percentage the document writes" in message


REBUILD = """\
# Rebuild plan

Losing one host removes 1/14 = 7.1 % of raw capacity, so usable capacity drops to
13/14 × 4,357.8 = 4,046.5 TB. Staying under nearfull on 13 hosts means holding at most
0.85 × 4,046.5 = {held} TB.
"""


def test_a_total_worked_out_by_its_own_formula_is_not_one_things_figure_times_a_count() -> None:
    assert findings(REBUILD.format(held="3,439.6")) == []
    [(line, code, message)] = findings(REBUILD.format(held="3,349.6"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("0.85 × 4,046.5 = 3.44e15 B = 3,439.5 TB")


TIMEOUT = """\
# Latency budget

- Fraud scoring timeout: 150 ms, after which we fall back to the rules-only score

## Decision

Approved. The fraud timeout {change} in Q1 if the model-serving migration lands.
"""


def test_a_changes_new_value_is_no_recap() -> None:
    assert findings(TIMEOUT.format(change="drops from 150 ms to 120 ms")) == []
    [(line, code, _)] = findings(TIMEOUT.format(change="stays at 120 ms"))
    assert (line, code) == (7, "SPC302")


MEASURED = """\
# Decode on L4

`t_min = 15.23 GB / 300 GB/s = 50.8 ms per token`

which caps a single stream at 1 / 50.8 ms ≈ 19.7 tokens/s. We measure a 56 ms median TPOT
at batch 1, i.e. 17.9 tokens/s, which is 91 % of the bound.
"""


def test_a_figure_restating_the_one_before_it_is_no_swapped_digits() -> None:
    assert findings(MEASURED) == []


REPLICA = """\
# Serving plan

We serve DeepSeek-R1-Distill-Qwen-32B in BF16 on 16 H100 SXM GPUs as 8 replicas of TP=2.

```json
{{"hidden_size": 5120, "intermediate_size": 27648, "num_hidden_layers": 64,
 "num_attention_heads": 40, "num_key_value_heads": 8, "vocab_size": 152064}}
```

The HBM bound at that batch: 32 sequences read 10.9 GB of KV per GPU per step on top of the
32.76 GB of weights, so a step takes at least 13.0 ms and the {scope} tops out near 2,450 tokens/s.
"""


def test_a_rate_its_sentence_gives_the_replica_is_the_replicas() -> None:
    assert findings(REPLICA.format(scope="replica")) == []


ANNUAL = """\
# Archive tier

Storage alone runs $4,373.50 per month, i.e. ${year} per year at steady state.
"""


def test_a_monthly_sum_restated_per_year_in_its_sentence_is_twelve_times_it() -> None:
    assert findings(ANNUAL.format(year="52,482")) == []
    [(line, code, message)] = findings(ANNUAL.format(year="48,482"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("12 × $4,373.50 per month (line 3) = $52,482")


RETRIES = """\
# Upgrade runbook

- Eviction retries: EKS retries for up to 1,800 s ({minutes} min), then fails the drain.
- Checkout p95 page latency: 1.8 s today, alert at > 2.1 s (+300 ms).
"""


def test_a_bracket_restates_the_value_of_a_bound_before_it() -> None:
    assert findings(RETRIES.format(minutes="30")) == []
    [(line, code, message)] = findings(RETRIES.format(minutes="45"))
    assert (line, code) == (3, "SPC201")
    assert message.startswith("1,800 s = 30 min")


STORAGE = """\
# Log pipeline

Standard storage is $0.023/GB-month.

- S3 storage:
  194,400 × 0.023 = ${cost} per month
- Egress: 1,000 × 0.09 = $90.00
"""


def test_a_bare_operand_the_document_writes_as_a_price_is_exact() -> None:
    # 0.023 alone would be 0.0225–0.0235 (±2 %); as the price list's figure it is exact.
    assert findings(STORAGE.format(cost="4,471.20")) == []
    [(line, code, message)] = findings(STORAGE.format(cost="4,417.20"))
    assert (line, code) == (6, "SPC101")
    assert "(0.023 read as the price the document writes)" in message
