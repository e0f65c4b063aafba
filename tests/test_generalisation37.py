"""Shapes the lead found on held-out sets in session 29. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

QUANT_TRIAL = """\
# Quantised decode trial on one L40S

We served Llama-3.1-8B on one L40S in BF16 and in FP8 and measured single-stream decode.

## Results

- FP8 decode is {change} than BF16 ({fp8} vs 44.7 tok/s) at batch 1, on the same prompts.
- The FP8 build's first token arrives 6 % sooner (93 vs 99 ms).
"""


def test_slower_is_the_speed_lost_unless_the_time_added_can_be_meant() -> None:
    # 38.9 / 44.7 = 0.870: 13.0 % of the speed lost, 14.9 % more time per token.
    assert findings(QUANT_TRIAL.format(change="13 % slower", fp8="38.9")) == []
    assert findings(QUANT_TRIAL.format(change="15 % slower", fp8="38.9")) == []
    [(line, code, message)] = findings(QUANT_TRIAL.format(change="18 % slower", fp8="38.9"))
    assert (line, code) == (7, "SPC102")
    assert "1 − (38.9 / 44.7 tok/s) = 13%" in message
    assert "B / A − 1 = 14.9%" in message


def test_slower_of_two_latencies_is_the_time_added() -> None:
    # 60 ms against 48 ms is 25 % more time: no reading of a speed lost applies.
    text = QUANT_TRIAL.format(change="25 % slower", fp8="60").replace("44.7 tok/s", "48 ms")
    assert findings(text) == []


REGRESSION = """\
# Incident review: decode slowed after a kernel upgrade

The `assist-13b` pool (4 nodes of 8 L40S) lost half its decode speed after the kernel upgrade:
p99 TPOT {verb} 60 ms SLO, and the router shed load to keep queues bounded.

- p99 TPOT before the upgrade: 31 ms at batch 32.
- p99 TPOT during the incident: 63 ms at batch 32.
"""


def test_an_slo_the_text_says_was_breached_is_no_floor() -> None:
    # "keep queues bounded" is no bound on the TPOT; the SLO is a limit others are compared with.
    assert findings(REGRESSION.format(verb="breached the")) == []
    assert findings(REGRESSION.format(verb="missed its")) == []


PARAMETERS = """\
# Mistral-7B parameter count

| Piece | Formula | Parameters |
|---|---|---|
| one layer | | 218,112,000 |
| 32 layers | | 6,979,584,000 |
| embedding + LM head | 2 × 32000 × 4096 | 262,144,000 |
| {label} | | **7,241,732,096** |
"""


def test_a_total_whose_label_adds_a_part_no_row_holds_is_not_their_sum() -> None:
    assert findings(PARAMETERS.format(label="**total** (+ final norm)")) == []
    [(line, code, message)] = findings(PARAMETERS.format(label="**total**"))
    assert (line, code) == (8, "SPC103")
    assert "= 7,241,728,000" in message


CACHE_COST = """\
# Session cache: cost

{count} nodes at $0.219 per node-hour × 730 h = {total} per month.
"""


def test_a_count_written_as_a_word_before_at_multiplies_the_priced_formula() -> None:
    assert findings(CACHE_COST.format(count="Two", total="$319.74")) == []
    assert findings(CACHE_COST.format(count="Three", total="$479.61")) == []
    [(line, code, message)] = findings(CACHE_COST.format(count="Two", total="$419.74"))
    assert (line, code) == (3, "SPC101")
    assert "(times the two nodes written before 'at')" in message


PREFILL = """\
# Prefill time

A 900-token prompt costs 2 × 7.6B × 900 = 13.68 TFLOP. On one L40S at 362 TFLOPS and 40 % MFU
that is 13.68 / (362 × 0.4) s ≈ {time} before queueing.
"""


def test_a_unit_after_the_divisors_parentheses_is_the_results() -> None:
    assert findings(PREFILL.format(time="94 ms")) == []
    [(line, code, message)] = findings(PREFILL.format(time="9.4 ms"))
    assert (line, code) == (4, "SPC101")
    assert "13.68 / (362 × 0.4) s = 94.5 ms" in message
    assert "the 's' after the parentheses read as the result's unit" in message


BROKER = """\
# Stream broker memory

Each of the 4 broker nodes has 64 GB of RAM; the memory alarm fires at 40 GB per node.

- One copy of the backlog: 2,000,000 × 2,048 B = 4.1 GB.
- All 4 nodes together, one copy each: {total}.
"""


def test_a_trigger_point_per_node_is_no_amount_to_multiply() -> None:
    # 40 GB per node is where the alarm fires, not what each node holds.
    assert findings(BROKER.format(total="16.4 GB")) == []


PREFILL_DEMAND = """\
# Prefill demand on one H100

One H100 SXM serves Llama-3.1-8B in BF16 (TP = 1). Prefill costs 2 × 8.03B = 16.06 GFLOP per
token.

| Mix | Prefill tokens/s | {header} |
|---|---|---|
| all cache hits | 9,900 | 0.16 PFLOP/s |
| all cache misses | 77,484 | 1.24 PFLOP/s |
"""


def test_a_column_of_flops_needed_is_a_demand_not_a_claim_of_speed() -> None:
    assert findings(PREFILL_DEMAND.format(header="FLOP/s needed")) == []
    assert findings(PREFILL_DEMAND.format(header="FLOP/s required")) == []
    [(line, code, message)] = findings(PREFILL_DEMAND.format(header="FLOP/s sustained"))
    assert (line, code) == (9, "SPC601")
    assert message.startswith("compute: the document's one GPU × 989 TFLOPS")


SFT_RATE = """\
# 70B SFT throughput

Assumed MFU 38 %:

- per GPU: 989e12 × 0.38 / (6 × 70.55e9) = 888 tokens/s
- cluster: 64 × 888 = {cluster} tokens/s
"""


def test_a_rounded_result_of_a_rounded_operand_is_read_with_its_rounding() -> None:
    # 888 stands for 887.84: 64 × [887.5, 888.5] = [56,800, 56,864].
    assert findings(SFT_RATE.format(cluster="56,820")) == []
    assert findings(SFT_RATE.format(cluster="56,832")) == []
    [(line, code, message)] = findings(SFT_RATE.format(cluster="57,300"))
    assert (line, code) == (6, "SPC101")
    assert "64 × 888 = 56,832 tokens/s" in message


POSTGRES = """\
# Orders database memory

The primary has 128 GiB of RAM.

Settings: {setting} (25 % of 128 GiB).
"""


def test_a_size_written_in_a_config_may_mean_gib_by_gb() -> None:
    assert findings(POSTGRES.format(setting="`shared_buffers = 32GB`")) == []
    [(line, code, _)] = findings(POSTGRES.format(setting="`shared_buffers = 40GB`"))
    assert (line, code) == (5, "SPC102")
    [(line, code, _)] = findings(POSTGRES.format(setting="a buffer pool of 32 GB"))
    assert (line, code) == (5, "SPC202")


TRANSCRIPTION = """\
# Backfill transcription

- Backlog: 1,200 h of audio = {seconds} s.
- 40 GB of model weights ≈ 37.25 GiB.
"""


def test_the_noun_a_quantity_is_of_does_not_cut_its_relation() -> None:
    assert findings(TRANSCRIPTION.format(seconds="4,320,000")) == []
    [(line, code, message)] = findings(TRANSCRIPTION.format(seconds="432,000"))
    assert (line, code) == (3, "SPC201")
    assert "1,200 h = 4,320,000 s" in message


ERROR_BUDGET = """\
# Gateway availability

- Availability SLO: 99.95 % over 30 days, i.e. an error budget of {minutes} minutes of downtime.
- Request SLO: 99.9 % on 52.4M requests a month = {failures} allowed failures.
- This incident used 12 % of the monthly error budget.
"""


def test_an_error_budget_is_the_rest_of_its_slo_of_the_whole_it_names() -> None:
    # 0.05 % of 43,200 min = 21.6 min; 0.1 % of 52.4M = 52,400.
    assert findings(ERROR_BUDGET.format(minutes="21.6", failures="52,400")) == []
    found = findings(ERROR_BUDGET.format(minutes="2.16", failures="5,240"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC101"), (4, "SPC101")]
    assert "(100 % − 99.95 %) × 30 days = 21.60 minutes" in found[0][2]
    assert "(100 % − 99.9 %) × 52.4M requests = 52,400" in found[1][2]


IMPACT = """\
# Postmortem: stale routing table

- Impact window: 08:05 on the 3rd to 10:41 on the 5th, {span}.
"""


def test_a_duration_in_days_hours_and_minutes_is_their_sum() -> None:
    # 2 d 2 h 36 min = 50.6 h.
    assert findings(IMPACT.format(span="2 d 2 h 36 min (50.6 h)")) == []
    [(line, code, message)] = findings(IMPACT.format(span="2 d 2 h 36 min (26.6 h)"))
    assert (line, code) == (3, "SPC101")
    assert "2 d 2 h 36 min = 50.6 h" in message


ENDPOINT = """\
# Endpoint choice for the support model

The endpoint serves Llama-3.1-8B, BF16, on one L4 (24 GB).

- Model weights: 8,030,261,248 parameters × 2 B = {weights} GB.

### Sensitivities

1. **FP8 weights.** Quantising to FP8 would halve the weight bytes (8.03 GB) and raise
   throughput the most.
"""


def test_a_precision_only_an_alternative_supposes_is_not_the_plans() -> None:
    assert findings(ENDPOINT.format(weights="16.06")) == []
    [(line, code, _)] = findings(ENDPOINT.format(weights="18.06"))
    assert (line, code) == (5, "SPC101")


FP8_SHARDS = """\
# Llama-3.1-70B FP8 on eight H100s

Llama-3.1-70B with FP8 weights, TP = 8 on one node of 8 H100 SXM GPUs.

Bytes read per GPU per decode step:

- weights: {weights} GB
"""


def test_a_quantised_checkpoint_may_keep_its_embeddings_in_16_bit() -> None:
    # 8.56–8.95 GB at one byte each; the embeddings and LM head in BF16 add up to 0.26 GB.
    assert findings(FP8_SHARDS.format(weights="9.08")) == []
    [(line, code, _)] = findings(FP8_SHARDS.format(weights="9.9"))
    assert (line, code) == (7, "SPC501")


LAPTOP = """\
# Local decode on a laptop

- Q4 build: {rate} tok/s ≈ {time} ms per token, fine for chat.
- Embedding calls: 40 req/s, i.e. 25 ms per request on one worker.
"""


def test_a_rate_restated_as_the_time_per_one_is_its_reciprocal() -> None:
    assert findings(LAPTOP.format(rate="38", time="26")) == []
    [(line, code, message)] = findings(LAPTOP.format(rate="38", time="21"))
    assert (line, code) == (3, "SPC201")
    assert message.startswith("1 / 38 tok/s = 26 ms")


STAGES = """\
# Transcription pipeline cost per audio hour

| Stage | Device | Seconds per audio hour | Speed vs real time |
|---|---|---|---|
| decode + normalise | CPU | 4 | 900× |
| voice activity | CPU | 3 | 1,200× |
| transcription | GPU | 38 | 95× |
| alignment | GPU | 10 | 360× |
| **GPU total** | | **{total}** | **75×** |
"""


def test_a_total_named_for_a_column_value_adds_those_rows_and_speeds_never_add() -> None:
    assert findings(STAGES.format(total="48")) == []
    [(line, code, message)] = findings(STAGES.format(total="52"))
    assert (line, code) == (9, "SPC103")
    assert message.startswith("38 (line 7) + 10 (line 8) = 48")


TGI = """\
# Two TGI replicas of Gemma-2-9B

Each replica is sharded over two L4s (`--num-shard 2`).

KV cache, bf16, all 42 layers: 2 × 42 × 8 × 256 × 2 B = 344,064 B = 336 KiB per token.
Each GPU keeps 4 of the 8 KV heads, so {per_gpu} KiB per token per GPU.
"""


def test_tgi_num_shard_is_the_tensor_parallel_degree() -> None:
    assert findings(TGI.format(per_gpu="168")) == []
    [(line, code, _)] = findings(TGI.format(per_gpu="84"))
    assert (line, code) == (6, "SPC501")


MEGATRON = """\
# 8B continued pretraining on 128 H100s

- BF16 with FP32 master weights and AdamW, distributed optimizer (ZeRO stage 1).
- TP = 2, PP = 1, DP = 64 on Llama-3.1-8B.

With the distributed optimizer each GPU keeps 6 + 12/DP bytes per parameter, divided by TP:

- model and optimizer state: (6 + 12/64) × 8.03e9 / 2 = {state} GB
"""


def test_model_and_optimizer_state_is_the_model_states() -> None:
    # (2 + 2–4 + 12/64) bytes × 8.03e9 / 2 = 16.8–24.8 GB, not the 0.75 GB of Adam states alone.
    assert findings(MEGATRON.format(state="24.8")) == []
    found = findings(MEGATRON.format(state="31.2"))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC101"), (8, "SPC501")]
    assert found[1][2].startswith("model states per GPU")


STORAGE = """\
# Bookie storage cost

Single-copy data: 2 × 15.55 = 31.10 TB.

- Stored: 31.10 TB × $0.023 per GB-month ≈ {cost} a month.
"""


def test_a_price_per_gb_month_is_per_gb_of_a_size_in_tb() -> None:
    assert findings(STORAGE.format(cost="$715")) == []
    [(line, code, message)] = findings(STORAGE.format(cost="$7,153"))
    assert (line, code) == (5, "SPC101")
    assert "= $715.3" in message and "(the price is read per GB)" in message


SHARDED = """\
# Qwen2.5-72B on two 8-GPU nodes

- BF16 weights: 145.41 GB, i.e. {per_gpu} GB per GPU at TP=4.

We run 4 replicas = 16 H100s (two 8-GPU nodes).
"""


def test_a_per_gpu_restatement_at_its_own_split_is_not_times_the_documents_gpus() -> None:
    assert findings(SHARDED.format(per_gpu="36.35")) == []


SERIES = """\
# Telemetry series keys

Option B keys: 9,600 (dcgm) + 9,600 × 3 namespaces (28,800) + 456,000 (node) = {keys}.
"""


def test_a_product_restated_after_its_labelled_factor_does_not_start_a_chain() -> None:
    assert findings(SERIES.format(keys="494,400")) == []
