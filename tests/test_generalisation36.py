"""Shapes the lead found on held-out sets in session 28. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

A10G_DECODE = """\
# Support bot on one A10G

The bot runs Mistral-7B-v0.1 in BF16 on a single A10G (24 GB, 600 GB/s) with vLLM.

## Measured decode

- Single-stream decode is {single}; at the usual 12 concurrent sessions it is ~310 tok/s in total.
- {tpot}, because each step reads the weights once.
"""


def test_n_concurrent_sessions_sets_the_batch_of_its_own_clause() -> None:
    # 13.96 GB of weights over 0.6 TB/s: at most 43 tok/s for one stream, 516 for 12.
    text = A10G_DECODE.format(single="~35 tok/s", tpot="At batch 1 the TPOT is 30 ms")
    assert findings(text) == []
    [(line, code, message)] = findings(
        A10G_DECODE.format(single="~60 tok/s", tpot="At batch 1 the TPOT is 30 ms")
    )
    assert (line, code) == (7, "SPC601")
    assert "43 tokens/s" in message


def test_a_time_of_a_latency_is_a_change_of_it_not_its_value() -> None:
    text = A10G_DECODE.format(
        single="~35 tok/s", tpot="Going from 1 to 12 streams costs only 5 ms of TPOT"
    )
    assert findings(text) == []
    [(line, code, message)] = findings(
        A10G_DECODE.format(single="~35 tok/s", tpot="At batch 1 the TPOT is 5 ms")
    )
    assert (line, code) == (8, "SPC701")
    assert "23.3 ms" in message


LAYOUTS = """\
# Llama-3.1-70B layouts on two H100 nodes

Llama-3.1-70B in BF16 on 16 H100 SXM GPUs. Two layouts are on the table.

## Decode floors (batch 1)

At 100 % of HBM bandwidth:

- A: 8.82 GB / 3.35 TB/s = 2.63 ms of weight streaming per GPU, plus 160 all-reduces per token
  over IB at ~10 µs each = 1.6 ms, so TPOT ≥ 4.2 ms
- B: two stages in turn: 2 × 2.63 ms = 5.3 ms, plus 160 NVLink all-reduces at ~6 µs = 1.0 ms,
  so TPOT ≥ 6.3 ms

B trades its TPOT (≥ 6.3 ms vs ≥ 4.2 ms) for twice the KV room.

In the vendor trial layout A decoded a single stream at {tpot} TPOT.
"""


def test_a_part_of_a_derived_floor_is_no_latency_and_each_layout_keeps_its_floor() -> None:
    # "~10 µs each = 1.6 ms, so TPOT ≥ 4.2 ms": 1.6 ms is the all-reduces' share, not a TPOT
    # below the 2.55 ms weight floor; layout A's 6.0 ms is above A's floor (4.2 ms), though
    # below B's (6.3 ms).
    assert findings(LAYOUTS.format(tpot="6.0 ms")) == []
    [(line, code, message)] = findings(LAYOUTS.format(tpot="3.5 ms"))
    assert (line, code) == (16, "SPC701")
    assert "line 10 (4.2 ms)" in message


DIGEST = """\
# Weekly digest job review

## Inputs

| Item | Value |
|---|---|
| Mean prompt length | 1,150 tokens |
| Mean digest length | 250 tokens |

## Utilisation

| Pool | GPUs | Allocation |
|---|---|---|
| `digest` | 24 | 62 % |
| `adhoc` | 16 | 48 % |

## Recommendations

- `max_num_seqs=64` keeps every sequence resident: 64 sequences at full prompt + digest length
  (1,400 tokens each, 89,600 tokens) fit in the 120,000-token pool.

## Decisions

| # | Decision | Effect |
|---|---|---|
| D1 | Move 8 of the 24 GPUs to the ad-hoc queue | `digest` allocation ≈ 71 % |

## Summary

The mean prompt stays at {prompt}.
"""


def test_a_figure_named_for_a_sum_of_names_or_a_decisions_effect_restates_nothing() -> None:
    # "full prompt + digest length (1,400 tokens each": the sum, not the prompt's 1,150 tokens;
    # a decision's Effect column holds the figure it is expected to bring.
    assert findings(DIGEST.format(prompt="1,150 tokens")) == []
    [(line, code, message)] = findings(DIGEST.format(prompt="1,250 tokens"))
    assert (line, code) == (30, "SPC302")
    assert "1,150 tokens" in message


ARCHIVE = """\
# Log archive storage cost

| Tier | Data | Rate | Monthly |
|---|---|---|---|
| Hot (0–14 days) | 60 TB | 40 TB at $0.023, 20 TB at $0.021 | $1,340.00 |
| Warm (14–60 days) | 120 TB | $0.0125 | $1,500.00 |
| Cold (60–180 days) | 300 TB | $0.004 | {cold} |
| Glacier (180–365 days) | 250 TB | $0.0036 | $900.00 |
| Archive (over 365 days) | 500 TB | $0.00099 | $495.00 |

Rates are per GB-month; 1 TB = 1,000 GB.

## Compute

At 40 % MFU on 8 × 989 TFLOPS ({eff}) a 2e15-FLOP prefill takes about 0.63 s.
"""


def test_a_cell_of_another_kind_of_amount_is_no_operand_of_its_column() -> None:
    # "40 TB at $0.023, 20 TB at $0.021" in a Rate column of dollar rates: a tiered price.
    assert findings(ARCHIVE.format(cold="$1,200.00", eff="3,164.8 TFLOPS effective")) == []
    [(line, code, message)] = findings(
        ARCHIVE.format(cold="$1,500.00", eff="3,164.8 TFLOPS effective")
    )
    assert (line, code) == (7, "SPC101")
    assert "$1,200.00" in message


def test_an_effective_figure_after_a_formula_is_its_derated_value() -> None:
    [(line, code, message)] = findings(ARCHIVE.format(cold="$1,200.00", eff="7,000 TFLOPS"))
    assert (line, code) == (15, "SPC101")
    assert "7,912 TFLOPS" in message


SWEEP_COST = """\
# Eval sweep cost

## Compute

- GPU time: 48 GPUs for 6.5 h = 312 GPU-hours
- at the team's transfer price of $2.20 per H100-hour: about {a}

The sweep reran 12 checkpoints on 8 GPUs × 3.25 h = 26 GPU-hours. Charge-back is $2.20 per
GPU-hour, so the rerun bill is {b}.

- Judge model: 41.5 GPU-h on the shared pool at $2.20 per GPU-hour = {c}
- Storage: 2 TB at $0.023 per GB-month = $46 a month
"""


def test_an_amount_at_a_price_per_resource_hour_is_the_hours_times_the_price() -> None:
    # 312 GPU-hours on the item before, 26 in the sentence before, 41.5 in its own sentence.
    assert findings(SWEEP_COST.format(a="$686", b="$57.20", c="$91.30")) == []
    found = findings(SWEEP_COST.format(a="$868", b="$72.60", c="$193.00"))
    assert [(line, code) for line, code, _ in found] == [
        (6, "SPC101"),
        (9, "SPC101"),
        (11, "SPC101"),
    ]
    assert "312 GPU-hours (line 5) × $2.20 per H100-hour = $686" in found[0][2]
    assert "26 GPU-hours × $2.20 per GPU-hour = $57.20" in found[1][2]
    assert "41.5 GPU-h × $2.20 per GPU-hour = $91.30" in found[2][2]


def test_a_price_per_node_hour_does_not_price_gpu_hours() -> None:
    text = SWEEP_COST.format(a="$868", b="$57.20", c="$91.30").replace("H100-hour", "node-hour")
    assert findings(text) == []


TUNE_COST = """\
# Fine-tune cost

Reserved rate: $1.65 per GPU-hour ($13.20 per node-hour).

| Item | GPU-hours | $ |
|---|---|---|
| Main run | 210.4 | 347.16 |
| Two LR sweeps | 42.0 | 69.30 |
| Eval and export | 24.0 | {eval} |
| **Total** | **276.4** | **{total}** |
"""


def test_a_table_of_hours_and_cost_is_priced_at_the_documents_one_rate() -> None:
    assert findings(TUNE_COST.format(eval="39.60", total="456.06")) == []
    [(line, code, message)] = findings(TUNE_COST.format(eval="48.00", total="464.46"))
    assert (line, code) == (9, "SPC101")
    assert "24.0 GPU-hours × $1.65 per GPU-hour (line 3) = 39.60" in message


def test_a_table_with_an_empty_cell_is_read() -> None:
    text = TUNE_COST.format(eval="48.00", total="464.46").replace("| Two LR sweeps |", "| |")
    [(line, code, _)] = findings(text)
    assert (line, code) == (9, "SPC101")


def test_a_table_under_two_prices_per_gpu_hour_is_not_priced() -> None:
    text = TUNE_COST.format(eval="48.00", total="464.46").replace(
        "($13.20 per node-hour)", "(on demand: $2.40 per GPU-hour)"
    )
    assert findings(text) == []


ORCA = """\
# Orca-13B pretraining budget

## Model

Same block as Llama-2-13B (MHA, SwiGLU, RMSNorm), with our 48K tokenizer (vocab 49,152).

| Field | Value |
|---|---|
| `hidden_size` | 5120 |
| `num_hidden_layers` | 40 |
| `vocab_size` | {vocab} |

## Throughput

We train on H100 SXM nodes with TP=2 and data parallelism over the rest of the cluster.

| Derived | Value |
|---|---|
| Data-parallel size | 256 ÷ 2 = 128 |
| Step time at 1,150,000 tok/s | 3.65 s |
"""


def test_a_model_like_a_catalog_one_may_differ_and_dp_leaves_the_system_open() -> None:
    # "Same block as Llama-2-13B, with our 48K tokenizer": the vocabulary differs on purpose;
    # TP=2 with data parallelism over the cluster: 1.15M tok/s is not two GPUs' rate.
    assert findings(ORCA.format(vocab="49152")) == []
    named = ORCA.format(vocab="49152").replace("Same block as Llama-2-13B", "It is Llama-2-13B")
    [(line, code, message)] = findings(named)
    assert (line, code) == (11, "SPC304")
    assert "32,000" in message


POOLS = """\
# Follow-ups and pool utilisation

## Action items

| # | action | owner | due |
|---|---|---|---|
| 1 | Add abort scenarios to the nightly load test | P. Liu | 08-30 |
| 2 | Alert on leaked KV blocks | R. Haddad | 08-28 |
| 3 | Remove the swap-in path | serving team | 09-13 |
| 4 | Invariant check in debug builds | serving team | 09-06 |
| 5 | Review patches touching the abort path | R. Haddad | 09-20 |

## Utilisation by team

| team | GPU-h | SM active | weighted GPU-h |
|---|---|---|---|
| pretrain | 20,480 | 0.70 | 14,336.0 |
| finetune | 6,120 | 0.60 | 3,672.0 |
| inference | 4,010 | 0.50 | 2,005.0 |
| notebooks | 1,990 | 0.10 | 199.0 |
| **total** | **{h}** | **0.620** | **20,212.0** |
"""


def test_a_total_under_shares_that_is_below_the_largest_is_their_mean() -> None:
    assert findings(POOLS.format(h="32,600")) == []
    [(line, code, message)] = findings(POOLS.format(h="32,060"))
    assert (line, code) == (21, "SPC103")
    assert "32,600 GPU-h" in message


LLAMA_3B = """\
# Llama-3.2-3B on one A10G

Llama-3.2-3B in BF16 on a single A10G (600 GB/s) with vLLM.

**Decode, batch 1.** Each step reads the 6.43 GB of weights: a floor of 10.7 ms per token.

**Decode, batch 16 at 2,000 tokens of context each.** The step now also reads
16 × 2,000 × 112 KiB = 3.67 GB of KV, so about 10.1 GB per step: a floor of 16.8 ms.

| Batch | TPOT (ms) | Output tok/s |
|---|---|---|
| 1 | {b1} | 71 |
| 16 | 21 | 762 |
"""


def test_a_floor_in_a_paragraph_of_one_batch_bounds_only_that_batch() -> None:
    # The batch-16 floor (16.8 ms) does not bound the batch-1 TPOT; the batch-1 floor does.
    assert findings(LLAMA_3B.format(b1="14")) == []
    [(line, code, message)] = findings(LLAMA_3B.format(b1="9"))
    assert (line, code) == (12, "SPC701")
    assert "line 5 (10.7 ms per token)" in message


IMAGES = """\
# Image generation fleet

## Sizing

We plan each GPU at 70 % of its measured throughput: 900 × 0.7 = 630 images/h per GPU.


- Fleet capacity is 24 × 900 = 21,600 images/h at full speed.
- At the mean load ({load} images/h on 24 GPUs) the unit cost is about $9.80 per 1,000 images.
- At full planned capacity ({cap} images/h on 24 GPUs) it is about $3.70 per 1,000 images.
"""


def test_a_load_a_fleet_serves_is_no_multiple_of_its_capacity() -> None:
    assert findings(IMAGES.format(load="6,100", cap="15,120")) == []
    [(line, code, message)] = findings(IMAGES.format(load="6,100", cap="16,200"))
    assert (line, code) == (10, "SPC301")
    assert "15,120 images/h" in message


DRAFTED = """\
# Speculative decoding for the chat tier

The chat tier serves Llama-3.1-8B-Instruct on one H100 SXM with vLLM, BF16 weights.
This RFC adds a Llama-3.2-1B-Instruct draft model.

Non-goals: Medusa heads (need training), FP8 weights (separate RFC), multi-GPU replicas.

Sanity check on the draft size: the embedding is 128256 × 2048 = 262,668,288, and its
16 layers plus the embedding and the final norm give 1,235,814,400.

## Results

| concurrency | baseline TPOT (ms) | speculative TPOT (ms) | speedup |
|---|---|---|---|
| 1 | 6.4 | 3.7 | 1.73× |
| 8 | {b8} | 4.3 | {sp} |
"""


def test_a_baseline_column_of_a_speculative_document_is_bounded_by_the_target_alone() -> None:
    # The baseline column decodes without the draft: 13.96 GB of BF16 weights over 3.35 TB/s
    # need 4.17 ms. FP8 is a non-goal and the 16 layers are the draft's: neither is the model's.
    assert findings(DRAFTED.format(b8="5.2", sp="1.21×")) == []
    [(line, code, message)] = findings(DRAFTED.format(b8="3.9", sp="0.91×"))
    assert (line, code) == (16, "SPC701")
    assert "13.96 GB of weights" in message and "4.17 ms" in message


AWQ_PLAN = """\
# Serving plan: Qwen2.5-14B-Instruct (AWQ) on one L40S

- One L40S (48 GB, 864 GB/s), vLLM, `Qwen/Qwen2.5-14B-Instruct-AWQ`, Marlin kernels.

```json
{{
  "hidden_size": 5120,
  "num_hidden_layers": 48,
  "torch_dtype": "float16"
}}
```

## Measured decode

| Concurrency | TPOT p50 (ms) |
|---:|---:|
| 1 | {tpot} |
| 8 | 14.2 |
"""


def test_a_checkpoint_named_for_its_quantization_sets_the_weights_precision() -> None:
    # "Qwen2.5-14B-Instruct-AWQ": 4-bit weights, whatever torch_dtype the config computes in;
    # read as float16 weights, every TPOT here was below a 30.6 ms floor.
    assert findings(AWQ_PLAN.format(tpot="11.5")) == []
    [(line, code, message)] = findings(AWQ_PLAN.format(tpot="5.0"))
    assert (line, code) == (17, "SPC701")
    assert "× 1/2 B" in message


SHARDED = """\
# Gemma-2-9B on 2× L4

Gemma-2-9B in BF16 on two L4 cards with TGI (`--num-shard 2`).

## KV cache

Per token, all layers: 2 × 42 × 8 × 256 × 2 B = 344,064 B (336 KiB). Sharding puts 4 of
the 8 KV heads on each card, so each card stores {kv} per token.

## Weights

The weights take 9.24 GB per card, which is 8.61 GiB, a bit over half of the card.

## Storage

- 8,000 samples/s × 16 bit = 128 kbit/s;
- per channel-hour: 57.6 MB;
- per call-hour (2 channels): 115.2 MB;
- per day: 6,000 call-hours × 115.2 MB = 691.2 GB of WAV.

We re-encode to FLAC on ingest (55 % of the size), so ~380.2 GB/day, and keep 90 days hot:
~34.2 TB in S3 Standard.

## API spend

- The hosted pilot: 1,200M input tokens at $2.50/1M ($3,000.00) plus 300M output tokens at
  $10.00/1M ($3,000.00) = $6,000.00.
"""


def test_each_card_figures_bare_halves_and_prices_per_million_are_read_as_written() -> None:
    # "each card stores 168 KiB per token" is per GPU (the split is not stated: no check);
    # "a bit over half of the card" names no precision; "at $2.50/1M ($3,000.00)" is the
    # tokens' cost, not the price restated.
    assert findings(SHARDED.format(kv="168 KiB")) == []


def test_half_names_a_precision_only_as_half_precision_or_a_setting() -> None:
    from speclint.domain.facts import dtypes_in

    assert dtypes_in("a bit over half of the 16 GB") == set()
    assert dtypes_in("half-precision weights") == {"fp16"}
    assert dtypes_in("dtype: half") == {"fp16"}


RECORDINGS = """\
# Call recordings

## Storage

Recordings arrive as 8 kHz, 16-bit PCM, one file per channel. Raw rate per channel:

- 8,000 samples/s × 16 bit = 128 kbit/s;
- per channel-hour: 57.6 MB;
- per call-hour (2 channels): 115.2 MB;
- per day: 6,000 call-hours × 115.2 MB = 691.2 GB of WAV.

We re-encode to FLAC on ingest (55 % of the size), so ~380.2 GB/day, and keep
90 days hot: {hot} in S3 Standard.
"""


def test_a_total_after_its_own_rate_is_no_multiple_of_an_earlier_one() -> None:
    # "so ~380.2 GB/day, and keep 90 days hot: ~34.2 TB": the FLAC rate, not the WAV's 691.2 GB.
    assert findings(RECORDINGS.format(hot="~34.2 TB")) == []
    raw = RECORDINGS.replace("(55 % of the size), so ~380.2 GB/day, and keep", "and keep")
    [(line, code, message)] = findings(raw.format(hot="~34.2 TB"))
    assert (line, code) == (13, "SPC301")
    assert "62.2 TB" in message


MIXED = """\
# Prefill load after the tokenizer change

Each replica is one 8-GPU H100 SXM node; six replicas serve the chat tier.

At the mean load of 20 req/s that is 2.6 PFLOP/s of prefill before and {after} after. Six replicas
offer 6 × 8 × 989 TFLOPS = 47.5 PFLOP/s of dense BF16 peak.

## Model

- layer total: 855,654,400 params
- all 80 layers: 68,452,352,000 params

## Storage

| Tier | Size (TB) | Objects | Average object |
|---|---|---|---|
| images | 140 | 350,000 | 400 MB |
| audio | 60 | 120,000 | 500 MB |
| video | 90 | 90,000 | 1,000 MB |
| metadata | 4 | 38,000,000 | 105 KB |

The latent for one image is 64 × 64 × 4 fp16 = {latent} B.

A checkpoint holds bf16 weights (2 B) + fp32 master weights (4 B) + Adam m and v (4 B + 4 B) =
14 B per parameter.

- hot disk: 8 × 3,750 GB = 30 TB
- normal fill: 18.48 TB over 8 nodes = 2,310 GB each, 61.6 % of the disk
"""


def test_widths_tails_prefixes_and_each_ones_share_are_read_as_written() -> None:
    # "64 × 64 × 4 fp16 = 32,768 B": two bytes each; "+ Adam m and v (4 B + 4 B) = 14 B": the
    # tail of a longer sum; "105 KB" among "MB" cells: another size of the unit; "2,310 GB each,
    # 61.6 % of the disk": each node's disk, not the 30 TB of all eight.
    assert findings(MIXED.format(after="16.8 PFLOP/s", latent="32,768")) == []
    [(line, code, message)] = findings(MIXED.format(after="16.8 PFLOP/s", latent="65,536"))
    assert (line, code) == (22, "SPC101")
    assert "= 32,768 B" in message and "2 bytes each" in message


PREFILL_LOAD = """\
# Prefill load after the tokenizer change on Llama-3.1-70B

The chat tier serves Llama-3.1-70B in BF16 on H100 SXM nodes, one replica per node with TP=8.

- before: 2 × 70.6e9 × 900 = 1.27e14 FLOP per request, 40 ms on one 8-GPU replica at 40 % MFU;
- after: 2 × 70.6e9 × 5,600 = 7.91e14 FLOP per request, 250 ms at the same MFU.

At the mean load of 20 req/s that is 2.5 PFLOP/s of prefill before and {after} after. Six replicas
offer 6 × 8 × 989 TFLOPS = 47.5 PFLOP/s of dense BF16 peak.

## Per layer

- attention: 2 × 8192 × 8192 + 2 × 8192 × 1024 = 150,994,944 params
- MLP: 3 × 8192 × 28672 = 704,643,072 params
- two RMSNorm vectors: 16,384 params
- layer total: 855,654,400 params
"""


def test_a_compute_figure_called_a_load_is_demand_not_capacity() -> None:
    # 15.8 PFLOP/s is what the fleet's six replicas are asked for, not one replica's output.
    assert findings(PREFILL_LOAD.format(after="15.8 PFLOP/s")) == []


def test_a_layer_total_is_a_part_of_the_model() -> None:
    from speclint.domain.view import build_domain
    from speclint.judgement.analysis import analyze
    from speclint.settings import Settings

    text = PREFILL_LOAD.format(after="15.8 PFLOP/s")
    scopes = {
        s.line: s.scope
        for s in build_domain(analyze(text), Settings()).statements
        if s.kind == "params"
    }
    assert scopes[16] == "part"


ASIDE_MODEL = """\
# Whisper-base on the edge

d_model 512, 8 heads, FFN 2048, vocabulary 51,865; the output projection is tied.

| Item | FLOP |
|---|---:|
| Decoder, per output token | 0.122 G (2 × 51.7M matmul params) |

## Next steps

1. Evaluate whisper-tiny on the Pi (39M params, 4 layers each side): half the decoder bytes.
"""


def test_a_count_in_prose_under_next_steps_is_another_options() -> None:
    # "4 layers each side" is whisper-tiny's: no parameter total is derived from it.
    assert findings(ASIDE_MODEL) == []


DEFAULTS = """\
# Streaming throughput defaults

The old `stream_throughput_outbound_megabits_per_sec: 400` carried over, which is 50 MiB/s,
rounded down to 48.

Per encoder layer: 4 · 1024² + 3 · 1024 (attn) + 2 · 1024 · 4096 + 4096 + 1024 (FFN)
+ 2 LayerNorms = {layer}

## Decisions

| # | Decision | Owner |
|---|---|---|
| 1 | Keep `stream_throughput_outbound: {keep}` as the default | Dana |
"""


def test_a_recap_of_the_number_an_earlier_sentence_rounds_to_and_counted_parts_stay_silent() -> (
    None
):
    # "which is 50 MiB/s, rounded down to 48": the decision keeps the 48; "+ 2 LayerNorms" adds
    # two norms of unwritten size, not 2.
    assert findings(DEFAULTS.format(layer="12,595,200", keep="48MiB/s")) == []
    [(line, code, message)] = findings(DEFAULTS.format(layer="12,595,200", keep="40MiB/s"))
    assert (line, code) == (13, "SPC302")
    assert "50 MiB/s" in message


TEACHER = """\
# Weekly distillation run

The student is Llama-3.2-3B in BF16; the teacher runs on two 4× H100 replicas.

## Student

Student KV cache: {student} per token.

## Teacher stage

Each replica holds 70.55B × 2 B = 141.1 GB of weights, 35.3 GB per GPU. Each replica's KV pool
is about 134.8 GB (0.9 of 80 GB, minus weights). At 327,680 B per token that is about
411,400 tokens, so 256 sequences are never KV-limited.
"""


def test_a_kv_figure_in_a_paragraph_about_another_models_size_is_that_models() -> None:
    # 327,680 B per token is the 70.55B teacher's; the 3B student's own figure is still checked.
    assert findings(TEACHER.format(student="114,688 B")) == []
    [(line, code, message)] = findings(TEACHER.format(student="229,376 B"))
    assert (line, code) == (7, "SPC501")
    assert "28 layers" in message


PLAN_COSTS = """\
# Reward model plan and serving costs

Optimizer memory: 2 weights + 2 grads + 4 fp32 master + 8 Adam moments = 16 bytes per parameter.

A Q8_0 block holds 32 int8 weights plus one fp16 scale, i.e. 8.5 bits per weight.

## Capacity

The autoscaler targets 2,000 output tokens/s per replica of 2 × H100. At the 40 requests/s peak:

- before: 40 × 250 = 10,000 tokens/s, 10,000 / 2,000 = 5.0, so 5 replicas;
- during: 40 × 520 = 20,800 tokens/s, 20,800 / 2,000 = 10.4, so 11 replicas.

## Monthly cost

| Line item | Basis | Monthly |
|---|---|---|
| GPU time, one replica | 730 h at the committed rate | $6,424 |
| GPU time, two replicas (HA) | 2 × one replica | $12,848 |
| Persistent disk | 500 GB at $0.10/GB-month | $50 |
| **Total** | | **{total}** |

## Layout

- Storage per stream per replica: 8.34 TB / 5 ≈ 1.67 TB.
- Layout: 5 streams × R3, `max_bytes` 1.8 TB per stream.
"""


def test_sums_of_bytes_block_formats_sizing_rates_multiplied_rows_and_caps_read_as_written() -> (
    None
):
    # "2 weights + … + 8 Adam moments = 16 bytes": bytes already (no fp32 width applied);
    # "32 int8 weights plus one fp16 scale, i.e. 8.5 bits": the block's average, not fp16's;
    # "10,000 tokens/s, … = 5.0, so 5 replicas": a load being sized; "2 × one replica": the
    # Total adds the two replicas' row, not both; "max_bytes 1.8 TB": a cap, no recap.
    assert findings(PLAN_COSTS.format(total="$12,898")) == []
    [(line, code, message)] = findings(PLAN_COSTS.format(total="$13,898"))
    assert (line, code) == (21, "SPC103")
    assert "$12,848 (line 19) + $50 (line 20) = $12,898" in message


SUBTOTALS = """\
# Budget

| Item | Cost |
|---|---|
| Pretraining GPUs | $4,000 |
| Pretraining storage | $500 |
| **Subtotal** | **$4,500** |
| Eval GPUs | $900 |
| Eval storage | $100 |
| **Subtotal** | **$1,000** |
| **Total** | **$6,500** |
"""


def test_a_total_under_subtotals_that_does_not_add_up_is_reported() -> None:
    [(line, code, message)] = findings(SUBTOTALS)
    assert (line, code) == (11, "SPC103")
    assert "$4,500 (line 7) + $1,000 (line 10) = $5,500" in message
