"""Shapes the lead found in session 32. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

PRICING = """\
# Inference API: pricing for the partner tier

## List prices

Output tokens are billed at {output} per 1M tokens ({output_k} per 1K tokens).
Input tokens cost $2.50 per 1M tokens, i.e. {input_k} per 1K tokens.
Embedding calls cost $0.40 per 1,000 requests, that is {embed} per 10K requests.

## Tiers

The batch tier is $5 per 1M tokens, or $0.05 per 1K tokens with the priority flag.
Prompt input is $3 per 1M input tokens or $15 per 1M output tokens.
"""


def _pricing(**overrides: str) -> str:
    values = {"output": "$10", "output_k": "$0.01", "input_k": "$0.0025", "embed": "$4"}
    return PRICING.format(**(values | overrides))


def test_a_price_restated_per_another_count_is_the_price_over_its_count_times_the_other() -> None:
    assert findings(_pricing()) == []
    [(line, code, message)] = findings(_pricing(output_k="$0.10"))
    assert (line, code) == (5, "SPC201")
    assert "$10 / 1M tokens × 1K tokens = $0.01; stated $0.10 is 10× too large" in message
    [(line, _, message)] = findings(_pricing(embed="$40"))
    assert line == 7
    assert "$0.40 / 1,000 requests × 10K requests = $4" in message


@pytest.mark.parametrize("input_k", ["$0.025", "$0.00025"])
def test_the_restated_price_after_i_e_is_checked_either_way(input_k: str) -> None:
    [(line, code, message)] = findings(_pricing(input_k=input_k))
    assert (line, code) == (6, "SPC201")
    assert "= $0.0025" in message


def test_a_price_with_terms_or_of_other_things_is_no_restatement() -> None:
    # "$0.05 per 1K tokens with the priority flag" and "$15 per 1M output tokens" are other
    # prices: neither is read against the one before it.
    text = _pricing().replace("$15 per 1M output", "$15 per 1K output")
    assert findings(text) == []


STORAGE = """\
# Object storage: tiering plan

| Tier | Price |
|---|---|
| Hot | $0.023/GB-month |
| Archive | $0.004/GB-month |

The hot tier is $0.023/GB-month ({hot} per TB-month) and egress is $0.09 per GB, i.e.
{egress} per TB. Replication adds $0.02 per GB ($0.16 per node) for each of the 8 nodes.
Archive retrieval is $0.01 per GB-hour ($7.30 per GB-month at 730 h).
"""


def _storage(hot: str = "$23", egress: str = "$90") -> str:
    return STORAGE.format(hot=hot, egress=egress)


def test_a_price_per_a_unit_restated_per_another_unit_of_its_dimension() -> None:
    assert findings(_storage()) == []
    [(line, code, message)] = findings(_storage(hot="$2.3"))
    assert (line, code) == (8, "SPC201")
    assert "$0.023/GB-month = $23.0/TB-month; stated $2.3 per TB-month is 10× too small" in message
    [(line, code, message)] = findings(_storage(egress="$9"))
    assert (line, code) == (9, "SPC201")
    assert "$0.09 per GB = $90/TB; stated $9 per TB is 10× too small" in message


SERVING = """\
# Serving Llama-3.1-70B on one H100 node

- Model: Llama-3.1-70B, 70.55B parameters, served in BF16
- Replica: 4× H100 SXM 80GB, TP=4 (989 TFLOPS dense BF16 and 3.35 TB/s HBM per GPU)

## Baseline latency

| Prompt length | TTFT p50 | TPOT p50 |
|---:|---:|---:|
| 2k | 0.18 s | 24 ms |
| 32k | {ttft} | 31 ms |

## KV cache

Full-model KV per token is `2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B` (320 KiB).
With TP=4 each GPU holds two KV heads per layer, so each GPU stores
320 KiB / 4 = {kv} KiB per token.

The weight shard per GPU is `80 layers × 220,200,960 params × 2 B = 35,232,153,600 B`,
i.e. {shard}.
"""


def _serving(ttft: str = "2.60 s", kv: str = "80", shard: str = "32.8 GiB") -> str:
    return SERVING.format(ttft=ttft, kv=kv, shard=shard)


def test_a_table_row_s_prompt_length_in_thousands_sets_the_prefill_bound() -> None:
    assert findings(_serving()) == []
    [(line, code, message)] = findings(_serving(ttft="0.62 s"))
    assert (line, code) == (11, "SPC701")
    assert "× 32768 tokens" in message and "stated 0.62 s is 2.4× faster than that bound" in message


def test_a_kv_figure_is_per_gpu_when_its_sentence_says_each_gpu_stores_it() -> None:
    # The arithmetic and the per-GPU reading agree on the fix, so it is offered.
    found = findings(_serving(kv="160"))
    assert [(line, code) for line, code, _ in found] == [(17, "SPC101"), (17, "SPC501")]
    assert "KV cache per token per GPU:" in found[1][2]
    assert "stated 160 KiB per token is 2× too large" in found[1][2]
    from speclint import lint_text

    fixes = {d.fix.replacement for d in lint_text(_serving(kv="160"), "t.md") if d.fix}
    assert fixes == {"80"}


def test_a_number_written_out_in_full_before_a_spaced_b_is_bytes() -> None:
    [(line, code, message)] = findings(_serving(shard="35.2 GiB"))
    assert (line, code) == (20, "SPC202")
    assert "35,232,153,600 B = 32.8 GiB; stated 35.2 GiB matches only with GiB read" in message


BUDGET = """\
# Training and serving budget, H2

**Run A** needs 67,663 GPU-h. On 512 GPUs that is {wall_a} of wall clock, ≈ 5.5 days.

**Run B** needs 1,353 GPU-h. On the same 512 GPUs this takes about {wall_b}.

**Prefill.** A 6,144-token prompt on four GPUs takes 0.219 s at 100 % MFU, and ≈ {real} at a
realistic 50 % MFU.

| Line item | Quantity | Unit price | Monthly |
|---|---|---|---|
| GPU-hours | 35,040 GPU-h | $2.49 / GPU-h | $87,249.60 |
| Object storage | 2,000 GB | $0.023 / GB-month | {storage} |
| Inter-AZ traffic | 40,000 GB | $0.01 / GB | $400.00 |

Per-sequence KV cache:

- 8K context (8,192 tokens): 8,192 × 128 KiB = 1 GiB
- 32K context (32,768 tokens): {kv32}
- 128K context (131,072 tokens): 16 GiB
"""


def _budget(**overrides: str) -> str:
    values = {
        "wall_a": "132.2 h",
        "wall_b": "2.6 h",
        "real": "438 ms",
        "storage": "$46.00",
        "kv32": "4 GiB",
    }
    return BUDGET.format(**(values | overrides))


def test_gpu_hours_on_a_count_of_gpus_take_the_hours_over_the_gpus() -> None:
    assert findings(_budget()) == []
    [(line, code, message)] = findings(_budget(wall_b="2.6 days"))
    assert (line, code) == (5, "SPC101")
    assert "1,353 GPU-h / 512 GPUs = 0.11 days; stated 2.6 days is 23.6× too large" in message
    [(line, _, message)] = findings(_budget(wall_a="13.2 h"))
    assert line == 3 and "67,663 GPU-h / 512 GPUs = 132.2 h; stated 13.2 h" in message


def test_a_time_at_one_efficiency_restated_at_another_scales_with_its_inverse() -> None:
    [(line, code, message)] = findings(_budget(real="44 ms"))
    assert (line, code) == (7, "SPC101")
    assert "0.219 s × 100 % MFU / 50 % MFU = 438 ms; stated 44 ms is 9.95× too small" in message


def test_a_cell_is_the_product_its_row_s_units_name() -> None:
    [(line, code, message)] = findings(_budget(storage="$460.00"))
    assert (line, code) == (13, "SPC101")
    assert "2,000 GB × $0.023 / GB-month = $46.00; stated $460.00 is 10× too large" in message


def test_a_count_times_figure_item_carries_to_the_items_after_it() -> None:
    [(line, code, message)] = findings(_budget(kv32="2 GiB"))
    assert (line, code) == (19, "SPC101")
    assert "32,768 tokens × 128 KiB (line 18) = 4,294,967,296 B = 4 GiB" in message


SERVING_PLAN = """\
# Serving plan: Llama-3.1-70B on H100

- Model: Llama-3.1-70B, 70.55B parameters, served in BF16
- Replica: 4× H100 SXM 80GB, TP=4 (3.35 TB/s HBM per GPU)
- An 8-GPU node hosts two replicas.

This plan sizes the KV cache, the batch per replica and the fleet for the Q3 peak of
30,000 output tokens/s. Prefill runs at a realistic 50 % MFU.

Each GPU streams its 35.28 GB shard per step: `t_step ≥ 35.28 GB / 3.35 TB/s = 10.53 ms`.
With the KV reads of a full batch the step floor rises to (35.28 + 28.19) GB / 3.35 TB/s ≈
18.9 ms. Our 25 ms TPOT target leaves about 6 ms for scheduling and sampling.
"""

FP8_PLAN = """\
# Llama-3.1-70B in FP8 on H200

- Model: Llama-3.1-70B, 70.55B parameters, FP8 weights
- Replica: TP=2 on H200 SXM (141 GB HBM3e, 4.8 TB/s each); an 8-GPU node holds 4 replicas

Decode floor: every rank streams its 35.28 GB shard per step, 35.28 GB / 4.8 TB/s = 7.35 ms.
A 30 ms TPOT target at batch 64 gives 64 / 0.030 s ≈ 2,133 tokens/s per replica, ≈ 8,533 tokens/s
per node.
"""


@pytest.mark.parametrize("text", [SERVING_PLAN, FP8_PLAN])
def test_a_fleet_s_peak_a_remainder_of_a_budget_and_a_node_s_rate_are_read_as_such(
    text: str,
) -> None:
    # The fleet's peak runs on GPUs the layout does not give, what a TPOT target leaves is no
    # TPOT, and a rate per node runs on the node's eight GPUs.
    assert findings(text) == []


DISTILLATION = """\
# Distillation budget on H100 SXM

We assume 50 % MFU for the teacher pass and 45 % for student training.

Check: `6 × 8.03e9 × 9,240 ≈ 4.45e14` FLOP/s per GPU, which is the 45 % MFU we assumed.

| Line | Cost (USD) |
|---|---:|
| Teacher pass | 17,437.20 |
| Student training | 6,615.40 |
| **Compute subtotal** | **24,052.60** |
| Logit storage | 1,324.80 |
| Checkpoint storage | 88.67 |
| **Subtotal** | **25,466.07** |

"""


def test_a_second_subtotal_and_a_figure_pointing_back_at_an_unnamed_twin_stay_silent() -> None:
    # "| **Subtotal** |" adds the compute subtotal above it too; "the 45 % MFU we assumed"
    # points at the 45 % of line 3, written without its name.
    assert findings(DISTILLATION) == []
    [(line, code, message)] = findings(DISTILLATION.replace("25,466.07", "25,566.07"))
    assert (line, code) == (14, "SPC103")
    assert "= 25,466.07" in message


REVIEW = """\
# Q3 infrastructure review

| Category | Budget | Actual | Variance | Var % |
|---|---:|---:|---:|---:|
| Compute | 1,450,000 | 1,612,512 | +162,512 | +11.2 % |
| Storage | 210,000 | 231,400 | +21,400 | +10.2 % |
| Observability | 120,000 | 134,500 | +14,500 | {obs} |
| Warehouse | 260,000 | 244,700 | −15,300 | −5.9 % |
| **Total** | **2,040,000** | **{total}** | **+183,112** | **+9.0 %** |

| Line item | Volume | Unit price | Cost |
|---|---:|---:|---:|
| Internet egress | 1,480 TB | $0.05 / GB | {egress} |
| CDN delivery | 3,100 TB | $0.025 / GB | $77,500 |
| **Total** | | | **$151,500** |

Inter-region transfer is billed at $0.02/GB.

| Flow | GB per destination | Destinations | GB billed | Cost |
|---|---:|---:|---:|---:|
| Objects | 540,000 | 2 | 1,080,000 | $21,600 |
| WAL | 10,500 | 2 | 21,000 | {wal} |

- Gateway volume: 340 M requests/month → at 99.9 % we may fail 340,000 requests per window
- Enterprise volume: 90 M requests/month → at 99.95 % we may fail {enterprise} requests per window

Recomputed prompts pushed p95 TTFT from 640 ms to 9.2 s, {multiple} the baseline.

Error budget: 47 × 0.38 = 17.86 minutes of full outage, {share} of the 43.2-minute monthly budget.

- Raw volume per day: 180,000 × 1,200 B × 86,400 s = {raw} TB/day of JSON
"""


def _review(**overrides: str) -> str:
    values = {
        "obs": "+12.1 %",
        "total": "2,223,112",
        "egress": "$74,000",
        "wal": "$420",
        "enterprise": "45,000",
        "multiple": "14.4×",
        "share": "41.3 %",
        "raw": "18.66",
    }
    return REVIEW.format(**(values | overrides))


@pytest.mark.parametrize(
    ("overrides", "line", "shown"),
    [
        ({"obs": "+21.1 %"}, 7, "(134,500 − 120,000) / 120,000 (line 7) = 12.1%"),
        ({"total": "2,232,112"}, 9, "= 2,223,112; stated 2,232,112"),
        ({"egress": "$7,400"}, 13, "1,480 TB × $0.05 / GB = $74,000"),
        ({"wal": "$4,200"}, 22, "21,000 GB × $0.02/GB (line 17) = $420"),
        ({"enterprise": "4,500"}, 25, "(100 % − 99.95 %) × 90 M requests/month = 45,000"),
        ({"multiple": "144×"}, 27, "9.2 s / 640 ms = 14.4×"),
        ({"share": "51.3 %"}, 29, "17.86 minutes / 43.2-minute = 41.3%"),
        ({"raw": "15.55"}, 31, "180,000 × 1,200 B × 86,400 s = 18.66 TB/day"),
    ],
)
def test_a_review_s_variances_prices_budgets_and_multiples_are_read(
    overrides: dict[str, str], line: int, shown: str
) -> None:
    assert findings(_review()) == []
    [(found, _, message)] = findings(_review(**overrides))
    assert found == line
    assert shown in message


RAG = """\
# RAG answer path: latency and memory

- Model: Llama-3.1-8B-Instruct, BF16 weights
- Replica: 1× H100 SXM 80GB (989 TFLOPS dense BF16)

**Deep mode** retrieves 48 chunks: `350 + 48 × 320 + 60 = 15,770` prompt tokens. The proposed
TTFT budget for deep mode is {ttft}.

Llama-3.1-8B keeps `2 × 32 × 8 × 128 × 2 B = 131,072 B` (128 KiB) per token. A default request
holds 2,970 + 250 = 3,220 tokens at the end of generation, i.e. {kv} of KV cache.

"""


def _rag(ttft: str = "450 ms", kv: str = "422 MB") -> str:
    return RAG.format(ttft=ttft, kv=kv)


def test_a_ttft_takes_the_prompt_its_paragraph_counted_before_it() -> None:
    assert findings(_rag()) == []
    [(line, code, message)] = findings(_rag(ttft="120 ms"))
    assert (line, code) == (7, "SPC701")
    assert "× 15770 tokens" in message and "stated 120 ms" in message


def test_the_bytes_of_a_token_count_use_the_paragraph_s_size_per_token() -> None:
    [(line, code, message)] = findings(_rag(kv="844 MB"))
    assert (line, code) == (10, "SPC101")
    assert "3,220 tokens × 131,072 B per token = 422 MB" in message


TIERS = """\
# Fine-tuning data pipeline for Llama-3.1-8B

Training runs on 16 H100 SXM GPUs at 40 % MFU.

- Tokenizer throughput: 380,000 tokens/s per 32-vCPU worker, so `1.858e9 / 380,000 ≈ 4,890 s`
  on one worker

## Serving tiers

Each tier runs Llama-3.1-8B; the L4 runs FP8 weights, the others BF16.

- L4 (FP8 weights): 24 × 0.9 − 8.03 − 1.5 = 12.07 GB → 12.07 GB / 131,072 B ≈ 92.1k tokens
- L40S: 48 × 0.9 − 16.06 − 2 = 25.14 GB → ≈ 191.8k tokens

Storage egress grows 4 % a month, so the year's spend is the month-1 figure times
`Σ_{i=0}^{11} 1.04^i ≈ 15.03`.
"""


def test_a_remainder_after_weights_and_a_term_under_a_sum_sign_stay_silent() -> None:
    # "24 × 0.9 − 8.03 − 1.5 = 12.07 GB" is what the FP8 weights leave, not their size;
    # 1.04^i is the term the sum ranges over, not the sum.
    assert findings(TIERS) == []


BENCH = """\
# Benchmark: H100 vs H200 for Llama-3.1-8B decode

- H100: 5,120 tok/s at 64 concurrent; per request 5,120 / 64 = 80 tok/s, TPOT 12.5 ms
- H200: 7,040 tok/s at 64 concurrent; per request 7,040 / 64 = 110 tok/s, TPOT {tpot}
- Single-GPU runs only; TP=2 numbers will follow in a separate report.
"""


def test_one_stream_s_tpot_is_the_reciprocal_of_its_rate() -> None:
    assert findings(BENCH.format(tpot="9.09 ms")) == []
    [(line, code, message)] = findings(BENCH.format(tpot="11.0 ms"))
    assert (line, code) == (4, "SPC201")
    assert "1 / 110 tok/s = 9.09 ms; stated 11.0 ms" in message


COSTS = """\
# Capacity and cost plan

| item | basis | monthly cost |
|---|---|---|
| 60 x i4i.8xlarge on-demand | $2.746/hour x 730 hours | {ondemand} |
| 60 x i4i.8xlarge, 1-year reserved | $1.730/hour x 730 hours | $75,774 |

## Training budget

- GPU-hours: 81,196
- GPU-days: {days}

| item | quantity | unit price | cost |
|---|---|---|---|
| H100 reservation | 89,315 GPU-hours | $2.10 / GPU-hour | {reservation} |

## Power

- Facility energy: `290 x 1.25 x 8,760 = 3,175,500 kWh/year`
- At the contracted $0.11/kWh: {energy} per year
"""


def _costs(**overrides: str) -> str:
    values = {
        "ondemand": "$120,275",
        "days": "3,383",
        "reservation": "$187,561.50",
        "energy": "$349,305",
    }
    return COSTS.format(**(values | overrides))


@pytest.mark.parametrize(
    ("overrides", "line", "shown"),
    [
        ({"ondemand": "$110,275"}, 5, "60 × ($2.746/hour x 730 hours) = $120,275"),
        ({"days": "3,833"}, 11, "81,196 = 3,383 GPU-days; stated 3,833"),
        ({"reservation": "$178,600"}, 15, "89,315 GPU-hours × $2.10 / GPU-hour = $187,562"),
        ({"energy": "$379,305"}, 20, "3,175,500 kWh/year (line 19) × $0.11/kWh = $349,305"),
    ],
)
def test_counted_rows_unit_labels_lone_cost_rows_and_priced_items_are_read(
    overrides: dict[str, str], line: int, shown: str
) -> None:
    assert findings(_costs()) == []
    [(found, _, message)] = findings(_costs(**overrides))
    assert found == line
    assert shown in message


STORAGE_REGIONS = """\
# Object storage by region

| Region | Stored (TB) | $/GB-month | Monthly cost |
|---|---|---|---|
| us-east (primary) | 420 | 0.023 | $9,660 |
| eu-west (replica) | 420 | 0.024 | {eu} |
| ap-southeast (hot subset) | 147 | 0.025 | $3,675 |
"""


def test_a_cell_product_takes_the_units_its_headers_give_bare_cells() -> None:
    assert findings(STORAGE_REGIONS.format(eu="$10,080")) == []
    [(line, code, message)] = findings(STORAGE_REGIONS.format(eu="$1,008"))
    assert (line, code) == (6, "SPC101")
    assert "420 TB × $0.024/GB-month = $10,080; stated $1,008 is 10× too small" in message


def test_an_item_s_price_per_gpu_hour_does_not_price_wall_clock_hours() -> None:
    text = """\
# Fine-tuning compute

- GPU-seconds: `1.79e20 / 395.6e12 ≈ 452,700`, i.e. 125.7 GPU-hours
- On 2 nodes (16 GPUs): about 7.9 hours of wall clock
- At $2.99 per GPU-hour: about $376
"""
    assert findings(text) == []


THREAD = """\
# Fine-tune run: rent or buy

- GPU-seconds: 8.47e20 ÷ 3.956e14 ≈ 2.14 M → **≈ 594 GPU-hours**

On 64 GPUs that is about {wall} of wall-clock.
"""


def test_a_block_opening_on_n_gpus_takes_the_gpu_hours_the_block_before_ends_with() -> None:
    assert findings(THREAD.format(wall="9.3 hours")) == []
    [(line, code, message)] = findings(THREAD.format(wall="594 hours"))
    assert (line, code) == (5, "SPC101")
    assert "594 GPU-hours (line 3) / 64 GPUs = 9.28 hours; stated 594 hours" in message


SHARDED = """\
# Full fine-tune memory

Mixed-precision Adam keeps 16 bytes per parameter.
16 × 70.55 B = 1.13 TB of training state. Sharded with ZeRO-3 over 64 GPUs that is {share} per
GPU, plus activations.
"""


def test_an_amount_the_sentence_before_ends_with_is_sharded_over_the_devices() -> None:
    assert findings(SHARDED.format(share="17.7 GB")) == []
    [(line, code, message)] = findings(SHARDED.format(share="12.6 GB"))
    assert (line, code) == (4, "SPC101")
    assert "1.13 TB ÷ 64 GPUs = " in message and "stated 12.6 GB per GPU" in message


HEADED = """\
# L40S serving latency

- Model: Llama-3.1-8B, BF16 weights
- Replica: 1× L40S 48GB (362 TFLOPS dense BF16, 864 GB/s)

### Measured latency (2,000-token prompt, batch 1)

| Percentile | TTFT | TPOT |
|---|---|---|
| p50 | {ttft} | 31 ms |
"""


def test_a_cell_s_ttft_takes_the_prompt_its_section_heading_names() -> None:
    assert findings(HEADED.format(ttft="140 ms")) == []
    [(line, code, message)] = findings(HEADED.format(ttft="61 ms"))
    assert (line, code) == (10, "SPC701")
    assert "× 2000 tokens" in message


BUDGET_LEFT = """\
# Checkout 5xx: error budget

- Error budget consumed by this incident: `2,178,060 / 2,903,040 = 75.0%`
- Budget consumed in the window after the incident: 18% + 75.0% = 93.0%
- Budget remaining: {left}
"""


def test_a_share_labelled_remaining_after_one_labelled_consumed_is_their_complement() -> None:
    assert findings(BUDGET_LEFT.format(left="7%")) == []
    [(line, code, message)] = findings(BUDGET_LEFT.format(left="17%"))
    assert (line, code) == (5, "SPC102")
    assert "100 % − 93.0% (line 4) = 7%; stated 17%" in message


def test_an_acronym_before_its_number_in_a_product_is_that_factor() -> None:
    text = """\
# Kafka retention

For the raw topic: 114 MB/s × 86,400 s = 9.85 TB/day, and 9.85 TB/day × 3 days × RF 3 =
{total} TB before compression.
"""
    assert findings(text.format(total="88.7")) == []
    [(line, code, message)] = findings(text.format(total="29.6"))
    assert (line, code) == (4, "SPC101")
    assert "9.85 TB/day × 3 days × RF 3 = " in message and "88.7 TB" in message
