"""Shapes the lead found on held-out sets in session 30. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

STORAGE = """\
# Log archive: storage and egress budget

The archive keeps 90 days of compressed request logs in object storage.

## Sizing

- Daily volume after compression: 412 GB.
- The bucket holds 1,244 daily objects of 25 GB each = 31.10 TB.{next_sentence}

## Monthly cost

Storing the 31.10 TB at $0.023 per GB-month is ≈ {storage} per month.

Replays to the analytics region move 18 TB at $0.02 per GB, which costs {egress}.

Athena scans about 6 TB per month at $5 per TB scanned, which {scan_verb} {scan}.
"""


def _storage(**overrides: str) -> str:
    values = {
        "next_sentence": "",
        "storage": "$715",
        "egress": "$360",
        "scan_verb": "comes to",
        "scan": "$30",
    }
    return STORAGE.format(**(values | overrides))


def test_an_amount_at_a_price_per_a_unit_its_words_name_is_checked() -> None:
    # 31,100 GB × $0.023 = $715.30; 18,000 GB × $0.02 = $360; 6 TB × $5 = $30.
    assert findings(_storage()) == []
    [(line, code, message)] = findings(_storage(storage="$7,153"))
    assert (line, code) == (12, "SPC101")
    assert "31.10 TB × $0.023 per GB-month = $715.3" in message
    [(line, code, message)] = findings(_storage(egress="$3,600"))
    assert (line, code) == (14, "SPC101")
    assert "18 TB × $0.02 per GB = $360" in message
    [(line, _, message)] = findings(_storage(scan="$300"))
    assert line == 16
    assert "6 TB per month × $5 per TB = $30" in message


def test_a_price_with_its_result_in_one_chain_is_read_without_the_verb() -> None:
    text = _storage(scan_verb="costs ≈", scan="$30").replace("is ≈", "costs ≈")
    assert findings(text) == []
    [(line, _, message)] = findings(text.replace("≈ $715", "≈ $7,153"))
    assert line == 12
    assert "31.10 TB × $0.023 per GB-month = $715.3;" in message  # "costs" is no part of it


def test_a_price_opening_the_next_sentence_reads_the_amount_before_it() -> None:
    at = " At $0.023 per GB-month that is ≈ {} per month."
    assert findings(_storage(next_sentence=at.format("$715"))) == []
    [finding, _] = findings(_storage(next_sentence=at.format("$7,153"), storage="$7,153"))
    assert finding[:2] == (8, "SPC101")
    assert "31.10 TB × $0.023 per GB-month = $715.3" in finding[2]


def test_a_price_per_another_measure_or_a_longer_period_stays_silent() -> None:
    # Per TB of requests is not per TB stored; three months at a monthly price is not read.
    text = _storage(scan="$300").replace("6 TB per month", "6 M requests per month")
    assert findings(text) == []
    text = _storage().replace("Storing the 31.10 TB", "Storing 31.10 TB for 3 months")
    assert findings(text.replace("≈ $715 per month", "≈ $2,146")) == []


TRAFFIC = """\
# FSDP traffic per micro-step

Each GPU runs two bf16 all-gathers, 2 × 7/8 × 16.06 GB = 28.1 GB, plus one reduce-scatter
of 14.05 GB. At 300 GB/s that is {time}, hidden behind the 3.59 s of compute.

The checkpoint is 140 GB. At 10 GB/s that is {save}.
"""


def test_a_rate_opening_the_next_sentence_needs_one_amount_before_it() -> None:
    # 42.15 GB / 300 GB/s = 0.14 s moves both amounts; which one the rate moves is not known.
    assert findings(TRAFFIC.format(time="0.14 s", save="14 s")) == []
    [(line, code, message)] = findings(TRAFFIC.format(time="0.14 s", save="1.4 s"))
    assert (line, code) == (6, "SPC101")
    assert "140 GB / 10 GB/s = 14.0 s; stated 1.4 s" in message


SHARDS = """\
# Serving plan: 70B in BF16 on four H200s

## Memory per GPU

| Item | Per GPU |
|---|---|
| Weights (BF16, TP4 shard) | {cell} |
| KV pool | 90.0 GiB |

## Decode floor

Each GPU reads its shard every step: 141.1 GB / 4 = 35.28 GB, and at 4.8 TB/s that is
35.28 GB / 4.8 TB/s = 7.35 ms.
"""


def test_a_cell_the_arithmetic_after_it_refutes_is_the_twin_flagged() -> None:
    # 141.1 GB / 4 = 35.28 GB holds; the cell printed the same digits in GiB (32.86 GiB).
    assert findings(SHARDS.format(cell="35.28 GB")) == []
    assert findings(SHARDS.format(cell="32.86 GiB")) == []
    [(line, code, message)] = findings(SHARDS.format(cell="35.28 GiB"))
    assert (line, code) == (7, "SPC202")
    assert "35.28 GB (line 12) = 32.86 GiB; stated 35.28 GiB" in message


USAGE = """\
# GPU-hours used, September to February

From the scheduler export (Sept 2024 – Feb 2025, six 730-hour months = {hours} hours):
we ran on 96 H100s for {total} GPU-hours.

A 730-hour month = {minutes} minutes of wall clock.
"""


def test_a_number_word_before_a_figure_counts_it() -> None:
    # six months of 730 h = 4,380 h; a word count is no restatement of one month.
    assert findings(USAGE.format(hours="4,380", total="420,480", minutes="43,800")) == []
    [(line, code, _)] = findings(USAGE.format(hours="4,380", total="420,480", minutes="4,380"))
    assert (line, code) == (6, "SPC201")


PREFILL = """\
# Benchmark notes: Mistral-7B on one H100

- Batch-1 TTFT p50: 38 ms for a 512-token prompt.
- Sanity check on the 256 row: 9,400 output tok/s at OSL 500 is 18.8 requests/s, which
  also means 18,800 prompt tokens/s of prefill.
- Speculation reaches 300.1 tokens/s per stream against 163.9 tokens/s without it: a
  {ratio}× speedup.
"""


def test_prompt_tokens_per_second_are_no_prompt_length() -> None:
    # A prompt of 18,800 tokens would put the 38 ms TTFT below the compute floor.
    assert findings(PREFILL.format(ratio="1.83")) == []


def test_two_figures_against_each_other_are_compared_like_vs() -> None:
    [(line, code, message)] = findings(PREFILL.format(ratio="2.15"))
    assert (line, code) == (7, "SPC101")
    assert "300.1 tokens/s" in message and "163.9 tokens/s" in message


ENGINES = """\
# Throughput by concurrency, BF16

| Concurrency | Engine A (tok/s) | Engine B (tok/s) | A vs B |
|---|---|---|---|
| 16 | 2,210 | 1,980 | +11.6 % |
| 64 | 5,200 | 4,600 | {gain} |
| 256 | 9,400 | 8,100 | +16.0 % |
"""


def test_a_column_headed_a_vs_b_is_the_change_between_them() -> None:
    assert findings(ENGINES.format(gain="+13.0 %")) == []
    [(line, code, message)] = findings(ENGINES.format(gain="+11.5 %"))
    assert (line, code) == (6, "SPC101")
    assert "(5,200 − 4,600) / 4,600 (line 6) = 13.0%" in message
    assert "A vs B = (Engine A (tok/s) − Engine B (tok/s)) / Engine B (tok/s)" in message


NIGHTLY = """\
# Nightly ETL cluster cost

- core: 40 × ($1.008 + $0.252) = $50.40/h
- primary: $0.384 + $0.096 = $0.48/h
- total: **$50.88/h**

Per nightly run (2.5 h): {run}.
"""


def test_a_rate_carried_over_a_fraction_of_an_hour_after_a_colon() -> None:
    assert findings(NIGHTLY.format(run="$127.20")) == []
    [(line, code, message)] = findings(NIGHTLY.format(run="$137.20"))
    assert (line, code) == (7, "SPC101")
    assert "$50.88/h (line 5) × 2.5 h = $127.20" in message


BROKERS = """\
# Broker disks

- live data per broker: 264.70 TB ÷ 9 = 29.41 TB
- in the Grafana disk panel, which uses binary units, that shows as {panel}

## Rebalancing one broker

- data to move: 29.41 TB
- at 200 MB/s: {hours}
"""


def test_a_figure_said_to_be_in_binary_units_and_an_item_at_a_rate() -> None:
    # 29.41 TB = 26.75 TiB; 29.41 TB / 200 MB/s = 147,050 s = 40.8 h.
    assert findings(BROKERS.format(panel="26.75 TiB", hours="40.8 h")) == []
    [(line, code, message)] = findings(BROKERS.format(panel="32.34 TiB", hours="40.8 h"))
    assert (line, code) == (4, "SPC201")
    assert "29.41 TB (line 3) = 26.75 TiB; stated 32.34 TiB" in message
    [(line, code, message)] = findings(BROKERS.format(panel="26.75 TiB", hours="5.1 h"))
    assert (line, code) == (9, "SPC101")
    assert "29.41 TB (line 8) / 200 MB/s = 40.8 h" in message


def test_a_period_after_a_colon_without_parentheses_is_no_carried_rate() -> None:
    # "for 60 days: ~59.3 TB" keeps one checkpoint a day, not the day's whole write traffic.
    text = NIGHTLY.format(run="$127.20") + (
        "\n- 48 checkpoints a day are written, i.e. ~47.4 TB/day of write traffic.\n"
        "- Object storage keeps one per day for 60 days: ~59.3 TB.\n"
    )
    assert findings(text) == []


BUBBLE = """\
# Pipeline schedule

- Micro-batches per step per pipeline: 2,048 / (32 × 2) = 32, so the 1F1B bubble is
  $(p-1)/(m+p-1) = 1/33 = {bubble}$ %.
"""


def test_a_percent_sign_after_inline_math_is_the_results_unit() -> None:
    assert findings(BUBBLE.format(bubble="3.0")) == []
    [(line, code, message)] = findings(BUBBLE.format(bubble="4.0"))
    assert (line, code) == (4, "SPC102")
    assert "1/33 = 3.0%; stated 4.0 %" in message


HYBRID = """\
# Long-context memory review: a hybrid Mamba-attention MoE

```json
{{"hidden_size": 4096, "intermediate_size": 14336, "num_hidden_layers": 32,
  "num_attention_heads": 32, "num_key_value_heads": 8, "num_experts": 16,
  "num_experts_per_tok": 2, "vocab_size": 65536, "attn_layer_period": 8,
  "mamba_d_state": 16, "mamba_expand": 2}}
```

- Attention layers are 4 of the 32; the other 28 are Mamba layers.
- **Total: {total} parameters**, as the model card says.
"""


def test_a_hybrid_with_mamba_layers_gets_no_transformer_parameter_total() -> None:
    # A transformer of this shape would hold ~92B parameters; the hybrid holds 51.6B.
    assert findings(HYBRID.format(total="51,570,323,328")) == []


RECAP = """\
# Autoscaler cost note

Two placeholder pods pin about two general nodes: 2 × $0.384 × 730 = $560.64 per month.

## Raise the scale-down threshold on general nodes

- Savings: (18.4 − 16.1) × $0.384 × 730 = $644.74 per month.

## Summary of effect

| Change | Monthly saving |
|---|---|
| Scale-down threshold 0.5 → 0.65 (general) | {saving} |
"""


def test_a_recap_of_a_figure_written_before_restates_that_one() -> None:
    assert findings(RECAP.format(saving="$644.74")) == []


def test_a_percent_sign_after_a_product_in_math_is_every_figures() -> None:
    # "$0.99 × 3 = 2.97$%": 0.99 × 3 % = 2.97 %, no slip between percent and fraction.
    text = "# Yield\n\nA staker 0.01 under a 3% yield earns $0.99 \\times 3 = 2.97$% in yield.\n"
    assert findings(text) == []


EMBEDDINGS = """\
# Embedding backfill, storage side

- fp16: 120M × 1024 × 2 B = 245.8 GB
- at the end, per box: total 245.8 GB over 10 Gbps ≈ {time} of transfer if S3 keeps up.
"""


def test_an_amount_over_a_link_with_the_time_in_the_rates_chain() -> None:
    # 245.8 GB × 8 / 10 Gb/s = 196.6 s.
    assert findings(EMBEDDINGS.format(time="197 s")) == []
    [(line, code, message)] = findings(EMBEDDINGS.format(time="25 s"))
    assert (line, code) == (4, "SPC203")
    assert "245.8 GB / 10 Gbps" in message


REPLICATION = """\
# Replication traffic

- WAL out of the primary: 4 × 45 MB/s = 180 MB/s
- i.e. {bits} on the primary's NIC
"""


def test_an_item_opening_with_ie_restates_the_item_before() -> None:
    assert findings(REPLICATION.format(bits="1,440 Mbit/s")) == []
    [(line, code, message)] = findings(REPLICATION.format(bits="180 Mbit/s"))
    assert (line, code) == (4, "SPC203")
    assert "180 MB/s (line 3)" in message


RATE_LIMITS = """\
# Eval harness: provider rate limits

Our org tiers are 2M input TPM on A and 400k on B; each provider's run is limited by its TPM:

- A: 19.51M ÷ 2M per minute ≈ 9.8 minutes of pure input budget
- B: at 400k TPM the 19.5M input tokens take ≈ {minutes}
"""


def test_tokens_per_minute_and_tokens_named_by_kind() -> None:
    # 19.5M / 400k per minute = 48.75 minutes.
    assert findings(RATE_LIMITS.format(minutes="48.8 minutes")) == []
    [(line, code, message)] = findings(RATE_LIMITS.format(minutes="4.9 minutes"))
    assert (line, code) == (6, "SPC101")
    assert "19.5M input tokens / 400k TPM" in message


def test_a_rate_limit_in_tokens_per_minute_is_no_throughput() -> None:
    # 7,344,000 TPM is 122,400 tokens/s, beyond four H100s' compute for 70B; it is a quota.
    text = (
        "# Gateway rate limits for Llama-3.1-70B on 4 × H100\n\n"
        "Prompt tokens are 88 % of the fleet's token budget (6,480,000 of 7,344,000 TPM).\n"
    )
    assert findings(text) == []


DEEPSEEK = """\
# RFC: DeepSeek-V3 in FP8 on two 8×H200 nodes

```json
{{"hidden_size": 7168, "num_hidden_layers": 61, "first_k_dense_replace": 3,
  "n_routed_experts": 256, "n_shared_experts": 1, "num_experts_per_tok": 8,
  "moe_intermediate_size": 2048, "intermediate_size": 18432, "num_attention_heads": 128,
  "kv_lora_rank": 512, "q_lora_rank": 1536, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128,
  "v_head_dim": 128, "vocab_size": 129280, "tie_word_embeddings": false}}
```

- 61 layers: 3 dense + 58 MoE. Total 671B parameters, 37B activated per token
  (our recount gives {total} and 37.55B counting both embedding matrices).

SGLang keeps the small MLA down-projections (`q_a_proj`, `kv_a_proj_with_mqa`,
0.92B parameters over 61 layers) replicated rather than sharded.
"""


def test_a_parenthesis_starts_a_count_anew_and_projections_are_parts() -> None:
    # 671.03B is the total the sentence before calls total, not the activated count.
    assert findings(DEEPSEEK.format(total="671.03B")) == []


BENCH = """\
# Prefix caching on one H100 SXM: Llama-3-8B, 3,100-token prompts

| Mode | p50 TTFT |
|---|---|
| APC on, prefix hit | 44 ms |
"""


def test_a_prefix_hit_row_is_a_cached_ttft() -> None:
    # A cold 3,100-token prefill needs ~46 ms at peak; a prefix hit computes a fraction of it.
    assert findings(BENCH) == []


DEVICE = """\
# On-device decode budget

Floor: 1.73 GB / 51.2 GB/s ≈ 33.8 ms per token; at 60 % of peak bandwidth ≈ 56.3 ms.

Measured: 70.4 ms per token, about 48 % of peak bandwidth. For a 150-token summary that is
roughly 10.6 s of generation.
"""


def test_a_summary_the_system_writes_is_no_recap() -> None:
    assert findings(DEVICE) == []


EGRESS = """\
# CDN origin egress

Average rate: 1,840 TB over a 30-day month averages {rate}.
"""


def test_an_amount_over_a_period_averages_a_rate() -> None:
    # 1,840 TB / 30 days = 709.9 MB/s = 5.68 Gbps.
    assert findings(EGRESS.format(rate="5.68 Gbps")) == []
    assert findings(EGRESS.format(rate="710 MB/s")) == []
    [(line, code, message)] = findings(EGRESS.format(rate="0.71 Gbps"))
    assert (line, code) == (3, "SPC203")
    assert "1,840 TB / 30-day" in message


CHECKPOINTS = """\
# Checkpoint interval (Young's formula)

- τ* = sqrt(2 × 76 × 96,000) ≈ 3,820 s ≈ {minutes} min.
"""


def test_a_star_decorating_a_name_before_a_relation_is_no_product() -> None:
    assert findings(CHECKPOINTS.format(minutes="64")) == []
    [(line, code, message)] = findings(CHECKPOINTS.format(minutes="38"))
    assert (line, code) == (3, "SPC201")
    assert "3,820 s = 64 min; stated 38 min" in message


LATENCY_BUDGET = """\
# RAG latency budget

Reranking is the biggest slice after the LLM: 70 of the 350 ms budget, {share} of it.
"""


def test_a_share_of_it_after_a_part_of_a_whole() -> None:
    assert findings(LATENCY_BUDGET.format(share="20 %")) == []
    [(line, code, message)] = findings(LATENCY_BUDGET.format(share="28 %"))
    assert (line, code) == (3, "SPC102")
    assert "70 / 350 ms budget = 20%; stated 28 %" in message
