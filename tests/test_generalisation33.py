"""Shapes the lead found on held-out sets in session 25. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

from .conftest import findings

SPAN_AFTER = """\
# Postmortem: search index rebuild

The rebuild blocked writes for {length} (22:50 → 00:35 UTC), longer than the 60-minute budget.
"""


def test_a_duration_before_its_clock_span_is_the_spans_length() -> None:
    # 00:35 − 22:50 past midnight = 105 minutes.
    assert findings(SPAN_AFTER.format(length="105 minutes")) == []
    [(line, code, message)] = findings(SPAN_AFTER.format(length="95 minutes"))
    assert (line, code) == (3, "SPC101")
    assert "00:35 − 22:50 = 105 minutes; stated 95 minutes" in message


WEEKDAYS = """\
# Capacity incident

- Replicas stayed pinned at the maximum from {first} to {second}: {length}.
"""


def test_a_span_across_weekdays_counts_the_days_between() -> None:
    # Wed 21:30 → Fri 09:00 is 35.5 h; Wed 21:30 → 09:00 on one day would be 11.5 h.
    good = WEEKDAYS.format(first="21:30 Wed", second="09:00 Fri", length="35.5 h")
    assert findings(good) == []
    assert findings(WEEKDAYS.format(first="Wed 21:30", second="Fri 09:00", length="35.5 h")) == []
    [(line, code, message)] = findings(
        WEEKDAYS.format(first="21:30 Wed", second="09:00 Fri", length="11.5 h")
    )
    assert (line, code) == (3, "SPC101")
    assert "Fri 09:00 − Wed 21:30 = 35.5 h; stated 11.5 h" in message


def test_a_span_with_one_weekday_is_not_read() -> None:
    # Which day 09:00 falls on is not said: the span may be 11.5 h or days longer.
    assert findings(WEEKDAYS.format(first="Wed 21:30", second="09:00", length="59.5 h")) == []


def test_a_period_a_bound_or_a_latency_before_a_span_is_no_length() -> None:
    text = """\
# Batch window

The exporter runs every 15 minutes (08:00–18:00).
Failover finished within 10 minutes (04:00–04:07).
The p99 was 340 ms (13:00–14:00) on the busiest shard.
"""
    assert findings(text) == []


TAIL = """\
# Batching trade-off

Raising the batch cap to 128 lifts throughput, but p99 TTFT goes from 310 ms to 1.4 s, {multiple}.
"""


def test_a_multiple_of_a_time_named_worse_or_faster_is_the_larger_over_the_smaller() -> None:
    # 1.4 s / 310 ms = 4.5×; "worse" says which is better, not which is larger.
    assert findings(TAIL.format(multiple="so 4.5× worse")) == []
    [(line, code, message)] = findings(TAIL.format(multiple="so 3.2× worse"))
    assert (line, code) == (3, "SPC101")
    assert "1.4 s / 310 ms" in message and "stated 3.2" in message
    # A time that falls: "faster" is the old time over the new.
    faster = "# Kernels\n\nThe fused kernel cuts step time from 360 ms to 90 ms, {m}× faster.\n"
    assert findings(faster.format(m="4")) == []
    [(line, code, _)] = findings(faster.format(m="3"))
    assert (line, code) == (3, "SPC101")


def test_a_bare_multiple_after_a_change_is_its_ratio() -> None:
    text = "# Decode\n\nDecode throughput rose from 1,150 tok/s to 3,450 tok/s ({m}×).\n"
    assert findings(text.format(m="3")) == []
    [(line, code, _)] = findings(text.format(m="2.5"))
    assert (line, code) == (3, "SPC101")


def test_a_speed_word_after_a_change_of_counts_is_not_its_ratio() -> None:
    # Going from 4 to 8 nodes makes the job faster by what the nodes give, not by 8 / 4.
    assert findings("# Scale-out\n\nGoing from 4 to 8 nodes, 1.7× faster.\n") == []
    assert findings("# Scale-out\n\nFrom 4 to 8 nodes (1.7× throughput).\n") == []


KV_AND_WEIGHTS = """\
# Edge decode budget

Model: Llama-3.2-3B, 28 layers, 8 KV heads, head dim 128, BF16 weights.

KV cache per token: 2 × 8 × 128 × 28 × 2 bytes = {kv} KiB.

Each token streams all 6.43 GB of weights plus the KV read for ~2,000 tokens of context.
"""


def test_a_weights_figure_read_per_token_is_no_kv_size() -> None:
    # 2 × 8 × 128 × 28 × 2 B = 114,688 B = 112 KiB; "6.43 GB of weights" is no KV per token.
    assert findings(KV_AND_WEIGHTS.format(kv="112")) == []
    found = {(line, code) for line, code, _ in findings(KV_AND_WEIGHTS.format(kv="224"))}
    assert found == {(5, "SPC101"), (5, "SPC501")}


def test_a_bare_clock_factor_converts_a_rate_or_a_count_by_hand() -> None:
    rate = "# Cost\n\n- At saturation: 2,140.5 tok/s × 3,600 = {n} tokens/h.\n"
    assert findings(rate.format(n="7,705,800")) == []
    [(line, code, _)] = findings(rate.format(n="8,705,800"))
    assert (line, code) == (3, "SPC101")
    steps = "# Impact\n\n- Steps lost: 2 × 45 min × 60 ÷ 6 s ≈ {n} steps.\n"
    assert findings(steps.format(n="900")) == []
    [(line, code, _)] = findings(steps.format(n="1,200"))
    assert (line, code) == (3, "SPC101")


CEILING = """\
# Decode bounds

We serve Mistral-7B (7.25B params) in BF16 on one H100 SXM (3.35 TB/s).

A single stream cannot go faster than {rate} tokens/s.
"""


def test_a_ceiling_said_with_cannot_go_faster_is_checked_at_full_bandwidth() -> None:
    # 3.35 TB/s ÷ 13.96 GB = 240 tokens/s at 100 %: 225 is beyond 85 % of it, but the
    # sentence states a ceiling, not what runs; 300 is beyond the bound itself.
    assert findings(CEILING.format(rate="225")) == []
    [(line, code, message)] = findings(CEILING.format(rate="300"))
    assert (line, code) == (5, "SPC601")
    assert "allows at most 240 tokens/s per GPU at 100 % of peak" in message


FLOORS = """\
# Serving note

Gemma-2-9B in BF16 on one H100 SXM: decode streams 18.48 GB of weights per step.

- Measured TPOT at batch 1 is {tpot} ms.

At batch 32 with ~3,000 tokens of context each the step also reads 33.03 GB of KV, so
51.51 GB per step and a floor of 15.38 ms.

## Runbook

1. **TPOT above 25 ms at normal load**: look for a noisy neighbour on the host.
"""


def test_a_floor_at_another_batch_or_a_runbook_condition_does_not_bound_batch_one() -> None:
    # 18.48 GB ÷ 3.35 TB/s = 5.5 ms at batch 1: 7.1 ms is fine; 15.38 ms is batch 32's floor
    # and "above 25 ms" a condition, neither a floor for batch 1.
    assert findings(FLOORS.format(tpot="7.1")) == []


def test_a_time_after_a_rate_is_unsure_when_the_sentence_before_holds_two_amounts() -> None:
    # 141.1 GB is the model, 35.3 GB each rank's share per step: which one "that" moves is
    # not said, so neither is read (35.3 GB ÷ 3.35 TB/s = 10.5 ms would hold).
    text = """\
# Batch-1 floor

The model is 141.1 GB in bf16, so each TP rank streams 35.3 GB per decode step. At 3.35 TB/s
that is ≥ 10.5 ms per step even at full HBM bandwidth.
"""
    assert findings(text) == []


SHARDED = """\
# CodeLlama-34B full fine-tune, ZeRO-3 on 16×H100

Model: CodeLlama-34B in bf16.

## Memory

The checkpoint alone is large:

- bf16 weights, whole model: {whole} GB

Mixed precision with AdamW keeps 18 bytes per parameter. ZeRO-3 shards all of it over the 16
ranks, so each GPU holds 1/16 of every state:

- bf16 weights: 4.218 GB
- fp32 gradients: 8.436 GB
"""


def test_a_lead_in_whose_last_clause_says_each_gpu_holds_makes_its_items_per_gpu() -> None:
    # 33.74B × 2 B = 67.5 GB for the model; 4.218 GB is one rank's sixteenth of it.
    assert findings(SHARDED.format(whole="67.5")) == []
    [(line, code, message)] = findings(SHARDED.format(whole="61"))
    assert (line, code) == (9, "SPC501")
    assert "stated 61 GB" in message


KV_OWN_TP = """\
# Llama-3.1-70B on one 8×H100 node

We move the tier off the old two-node deployment (TP8 × PP2) onto one node with FP8 KV cache.

- KV bytes per token, whole model: 2 × 80 × 8 × 128 × 1 B = 163,840 B
- With TP = 8 each GPU holds one KV head per layer: 163,840 / 8 = {per_gpu} B per token
"""


def test_a_kv_figure_under_the_tp_its_sentence_names_is_read_without_another_pp() -> None:
    # 163,840 B ÷ 8 = 20,480 B per GPU under the TP the sentence names; the old TP8 × PP2
    # would make it 10,240 B, and "one KV head per layer" says nothing of one layer's KV.
    assert findings(KV_OWN_TP.format(per_gpu="20,480")) == []
    found = {(line, code) for line, code, _ in findings(KV_OWN_TP.format(per_gpu="40,960"))}
    assert (6, "SPC101") in found


PUSH = """\
# Image egress

Our WebP thumbnails average 2.4 MB. Pushing one over the node's 25 Gbps NIC takes {t} ms.
"""


def test_moving_one_over_a_link_takes_the_amount_before_over_the_rate() -> None:
    # 2.4 MB × 8 / 25 Gbps = 0.768 ms; 0.096 ms forgets that the link counts bits.
    assert findings(PUSH.format(t="0.77")) == []
    [(line, code, _)] = findings(PUSH.format(t="0.096"))
    assert (line, code) == (3, "SPC203")
    # The same time with something else between the link and its verb is not read.
    text = "# Egress\n\nEach shard is 2 GB. Pushing one over a 10 Gbps NIC with retries takes 9 s."
    assert findings(text) == []


def test_a_named_formulas_result_restated_in_brackets() -> None:
    text = "# Prefix cache\n\none prefix = 3,100 tokens × 160 KiB = 484.4 MiB\n({mb} MB in decimal)"
    assert findings(text.format(mb="507.9")) == []
    [(line, code, _)] = findings(text.format(mb="462.0"))
    assert (line, code) == (4, "SPC201")
    # A name given its value alone keeps what follows in brackets its own.
    assert findings("# Sizes\n\nx = 2 GB (1.2 GiB headroom)\n") == []


WAVES = """\
# Rollback timeline

| Wave | Nodes | Start | End | Minutes |
|---:|---:|---|---|---:|
| 1 | 8 | 09:05 | 10:10 | 65 |
| 2 | 16 | 09:20 | 11:51 | 151 |
| 3 | 8 | 23:40 | 00:35 | {last} |
"""


def test_a_duration_column_is_the_span_of_the_rows_two_times() -> None:
    # 00:35 − 23:40 past midnight = 55 minutes; the other rows agree with their spans.
    assert findings(WAVES.format(last="55")) == []
    [(line, code, message)] = findings(WAVES.format(last="75"))
    assert (line, code) == (7, "SPC101")
    assert "00:35 − 23:40 (line 7) = 55 minutes; stated 75" in message


def test_a_duration_column_the_rows_do_not_show_is_not_read() -> None:
    # Only one row is its span: "Minutes" may count something else (minutes of errors).
    text = WAVES.format(last="12").replace("| 65 |", "| 7 |")
    assert findings(text) == []


def test_a_pair_against_each_other_puts_one_ahead_by_their_ratio() -> None:
    text = "# Engines\n\nAt batch 32, 3,910 vs 3,400 tok/s puts SGLang {pct} ahead on throughput.\n"
    # 3,910 / 3,400 − 1 = 15 %.
    assert findings(text.format(pct="15 %")) == []
    [(line, code, message)] = findings(text.format(pct="13 %"))
    assert (line, code) == (3, "SPC102")
    assert "(3,910 / 3,400 tok/s) − 1 = 15" in message
    # "ahead of plan" after a clause of its own is not the pair's change.
    plan = "# Plan\n\nFrom 3,400 to 3,910 tok/s, which puts us 9 % ahead of plan.\n"
    assert findings(plan) == []


POOL = """\
# KV pool

Each request rounds up to 4,096 tokens, so 262,144 / 4,096 = 64 requests fit at once.

We cap `--max-num-seqs 48`, so 48 × 4,096 = 196,608 tokens, {pct} of the pool.

With an FP8 cache the same pool holds 524,288 tokens.
"""


def test_the_same_pool_after_a_change_names_no_pool() -> None:
    # 196,608 / 262,144 = 75 %: "the same pool holds 524,288" is the pool after the change.
    assert findings(POOL.format(pct="75 %")) == []


def test_a_cap_is_no_recap_of_a_figure() -> None:
    text = """\
# Cost note

| Option | Rate | Monthly cost |
|---|---|---|
| On-demand | $2.49/h | $206.67 |

## Summary

Budget $130/month, with on-demand fallback capped at $210/month.
"""
    assert findings(text) == []


def test_a_size_right_after_a_device_is_the_devices_memory() -> None:
    text = "# Box\n\nOur box: 1× H100 SXM 80GB, vLLM 0.6.2, BF16 weights, Llama-3.1-8B.\n"
    assert findings(text) == []
    # The model's own weights in BF16 are still checked.
    wrong = text + "\nIn BF16 the weights need 32.1 GB.\n"
    [(line, code, _)] = findings(wrong)
    assert (line, code) == (5, "SPC501")


SPEC_TABLE = """\
# RFC: a 14B model on 2× L4

One node with 2× NVIDIA L4, tensor parallel 2, FP8 weights, BF16 KV cache.

## Hardware envelope (per L4)

| Item | Value | Note |
|---|---|---|
| Bandwidth | 300 GB/s | datasheet |
| Dense BF16 | 121 TFLOPS | 242 with sparsity |
| Dense FP8 | {fp8} TFLOPS | FP8 path |
"""


def test_a_peak_row_is_read_at_the_precision_its_label_names() -> None:
    # The L4's dense FP8 peak is 242 TFLOPS: the document's BF16 peak (121) is no bound for
    # it, and the FP8 weights do not make the row FP8 when its label already says so.
    assert findings(SPEC_TABLE.format(fp8="242")) == []
    [(line, code, message)] = findings(SPEC_TABLE.format(fp8="485"))
    assert (line, code) == (11, "SPC601")
    assert "242 TFLOPS (dense FP8 peak)" in message


CONSTANT_COLUMNS = """\
# Shedding by window

Served capacity is pods × 200 req/s.

| Window | Pods | Served req/s | Seconds |
|---|---|---|---|
| 18:00–18:10 | 24 | 4,800 | 600 |
| 18:10–18:15 | 26 | 5,200 | 300 |
| 18:15–18:20 | 28 | 5,600 | 300 |
| 18:20–18:25 | 30 | 6,000 | 300 |
| 18:25–18:30 | 32 | 6,400 | 300 |
| 18:30–18:39 | 34 | 6,800 | 540 |
"""


def test_a_repeated_value_shows_no_product_of_a_constant_ratio() -> None:
    # Pods ÷ Served is 1/200 in every row, so Seconds = Pods ÷ Served × 60,000 fits every row
    # of 300: no relation is shown, and the 600 and 540 are windows of other lengths.
    assert findings(CONSTANT_COLUMNS) == []


def test_a_count_in_words_times_a_price_per_million() -> None:
    text = "# Requests\n\n- Worst case, all reads miss: 2.4 billion × $0.36 per million = {cost}\n"
    # 2,400 millions × $0.36 = $864.
    assert findings(text.format(cost="$864")) == []
    [(line, code, message)] = findings(text.format(cost="$8,640"))
    assert (line, code) == (3, "SPC101")
    assert "2.4 billion × $0.36 per million = $864" in message
    # A bare count: of what it counts thousands or millions is not said.
    assert findings("# Requests\n\n- 1,000 × $1.92 per million = $1.92\n") == []


GROWTH = """\
# Storage review

Quarter-over-quarter growth (%):

| System | Q3 | Q4 |
|---|---|---|
| Object store | 7.6 | 8.8 |
| Postgres | 5.0 | 7.0 |
| Archive | 5.8 | 5.9 |
| **Total** | 6.5 | {q4} |
"""


def test_a_total_between_alike_parts_is_their_mean() -> None:
    # A sum of positive parts exceeds the largest; 6.5 between 5.0 and 7.6 is a mean.
    assert findings(GROWTH.format(q4="7.2")) == []


def test_a_total_row_that_adds_more_than_the_rows_above() -> None:
    text = """\
# Layer parameters

| Block | Formula | Params |
|---|---|---|
| Attention | 2·4096² + 2·4096·1024 | 41,943,040 |
| MLP | 3 · 4096 · 14336 | 176,160,768 |
| Layer total | + 2 RMSNorm weights | 218,112,000 |
"""
    # 41,943,040 + 176,160,768 + 2 × 4,096 = 218,112,000.
    assert findings(text) == []


def test_a_price_set_against_another_is_no_restatement_with_swapped_digits() -> None:
    text = """\
# Storage

The blended rate is $31,200 / 1,453,000 GB ≈ $0.0215 per GB-month.

## Recommendations

1. Move cold snapshots to the infrequent tier at $0.0125/GB-month instead of the $0.021 rate.
"""
    assert findings(text) == []


def test_a_product_after_words_that_cut_a_longer_sum_is_not_its_formula() -> None:
    text = (
        "# Decoder\n\nDecoder: 40 × 855.65M + embeddings (128,264 × 8192) + LM head "
        "(128,256 × 8192) ≈ 36.33B.\n"
    )
    assert findings(text) == []


DRAFT = """\
# Speculative decoding with Llama-3.1-70B

Target: Llama-3.1-70B on 4× H100. Draft config, for the record:

```json
{{"hidden_size": 2048, "num_hidden_layers": {layers}, "num_attention_heads": 32,
 "num_key_value_heads": 8, "intermediate_size": 8192, "vocab_size": 128256,
 "tie_word_embeddings": true}}
```
"""


def test_a_config_block_that_is_wholly_another_catalog_model_is_that_models() -> None:
    # Every figure is Llama-3.2-1B's: the block describes the draft, not the 70B target.
    assert findings(DRAFT.format(layers="16")) == []


PER_LAYER_ROWS = """\
# Parameter count

| Component | Params |
|---|---|
| Token embedding (tied), 256,000 × 3,584 | 917,504,000 |
| Attention Q/K/V/O, per layer | 45,875,200 |
| Gated MLP 3 × 3,584 × 14,336, per layer | 154,140,672 |
| **Per layer** | **{layer}** |
| All 42 layers | 8,394,356,736 |
| **Total** | **9,311,860,736** |
"""


def test_per_layer_rows_are_parts_of_the_layer_not_of_the_model() -> None:
    # 42 × 199,865,636 = 8,394,356,736 and 917,504,000 + 8,394,356,736 = 9,311,860,736: the
    # per-layer rows are details of "Per layer", whether or not they add up to it.
    assert findings(PER_LAYER_ROWS.format(layer="199,865,636")) == []


def test_a_model_total_over_per_layer_rows_is_still_checked() -> None:
    wrong = PER_LAYER_ROWS.format(layer="199,865,636").replace("9,311,860,736", "9,411,860,736")
    [(line, code, _)] = findings(wrong)
    assert (line, code) == (10, "SPC103")


def test_a_config_block_that_no_catalog_model_wholly_matches_is_still_checked() -> None:
    # 18 layers are no published model's with these figures: the block may be the target's.
    found = {(line, code) for line, code, _ in findings(DRAFT.format(layers="18"))}
    assert (6, "SPC304") in found


LAYOUTS = """\
# TP=8 over two boxes or TP=4 × PP=2 for Llama-3.1-70B?

Two 4× A100 80GB boxes, Llama-3.1-70B-Instruct in bf16. Config:

```json
{{"hidden_size": 8192, "num_hidden_layers": 80, "num_attention_heads": 64,
 "num_key_value_heads": 8}}
```

1. `--tensor-parallel-size 8` across both boxes, or
2. `--tensor-parallel-size 4 --pipeline-parallel-size 2`, a stage per box.

KV per token is 2 × 80 × 8 × 128 × 2 B = {whole} B, and both layouts spread it over all
8 GPUs (TP=8: 1 KV head per GPU on 80 layers; TP4×PP2: 2 KV heads per GPU on 40 layers),
so 40,960 B per GPU per token.
"""


def test_a_document_weighing_two_layouts_has_no_per_gpu_figure_of_its_own() -> None:
    # TP is stated as 8 and as 4: no one TP holds, and PP alone does not make TP 1.
    assert findings(LAYOUTS.format(whole="327,680")) == []
    # The whole model's figure is still checked.
    found = {(line, code) for line, code, _ in findings(LAYOUTS.format(whole="163,840"))}
    assert (13, "SPC101") in found


def test_a_kv_size_for_comparison_is_another_models() -> None:
    text = """\
# RFC: DeepSeek-V2-Lite on 2× A100 80GB

We serve DeepSeek-V2-Lite-Chat in BF16 with tensor parallel 2.

- Layers: 27
- KV per token (MLA): 27 × 576 × 2 B = 31,104 B

For comparison, a GQA model with 8 KV heads of 128 dims over 32 layers needs 128 KiB per
token, so MLA buys roughly 4.2× more resident context.
"""
    assert findings(text) == []


MONTHLY = """\
# Option C: self-managed Postgres

| Item | Qty | Unit price | Monthly ($) |
|---|---|---|---|
| r6g.4xlarge EC2 | 3 | $0.8064/h | {ec2} |
| gp3 volume, 4 TB each | 12,000 GB | $0.08/GB-month | 960.00 |
| gp3 IOPS above 3,000 | 27,000 | $0.005/IOPS-month | 135.00 |
| gp3 throughput above 125 MB/s | 1,125 MB/s | $0.04/MB/s-month | 45.00 |
"""


def test_a_row_priced_per_hour_under_a_monthly_column_takes_the_hours_of_a_month() -> None:
    # 3 × $0.8064/h × 730 h = $1,766.02: the other rows are priced per month already.
    assert findings(MONTHLY.format(ec2="1,766.02")) == []


def test_a_rate_each_of_several_devices_has_is_not_the_rate_an_amount_moves_at() -> None:
    text = (
        "# Prefill\n\nPrefill of a 4,096-token prompt costs about 2.79e14 FLOPs. Spread over two "
        "GPUs at 1,979 TFLOPS each that is at least 70.6 ms.\n"
    )
    assert findings(text) == []


def test_an_aside_in_a_memory_label_names_no_part() -> None:
    text = """\
# Qwen2.5-Coder-32B on 2× H100 (FP8)

- per GPU with TP=2 (vocab-parallel embedding and head): 17.16 GB = 15.98 GiB
- Embeddings per GPU (vocab-parallel): 0.78 GB
"""
    parts = {s.line: s.part for s in build_domain(analyze(text), DEFAULT_SETTINGS).statements}
    assert parts == {4: "embeddings"}  # the label outside its aside names the part


def test_a_rate_restated_after_its_noun_and_an_average_of() -> None:
    text = "# Replication\n\n- For scale: 52 GB/day of binlog is an average of only {r} Mbit/s.\n"
    # 52 GB / 86,400 s = 0.602 MB/s = 4.81 Mbit/s; 0.60 forgets the bits.
    assert findings(text.format(r="4.8")) == []
    [(line, code, _)] = findings(text.format(r="0.60"))
    assert (line, code) == (3, "SPC203")


def test_a_signed_change_after_a_verb_then_the_figures_it_compares() -> None:
    text = "# Quantisation\n\nSo INT8 is {pct} over BF16 (2,350 vs 1,880 tok/s).\n"
    # 2,350 / 1,880 − 1 = 25 %.
    assert findings(text.format(pct="+25 %")) == []
    [(line, code, _)] = findings(text.format(pct="+35 %"))
    assert (line, code) == (3, "SPC102")
    # A plus after a unit goes on with a sum: "70 GB +52 GB = 122 GB" holds.
    assert findings("# Memory\n\nWeights and cache: 70 GB +52 GB = 122 GB.\n") == []


def test_hit_ratios_over_a_total_row_are_no_sum() -> None:
    text = """\
# CDN, August

| Path | Requests (M) | Request hit % |
|---|---|---|
| static | 2,310 | 98.0 |
| img | 1,480 | 94.0 |
| api | 310 | 18.4 |
| **Total** | **4,100** | **89.9** |
"""
    assert findings(text) == []


def test_a_16_bit_dtype_key_of_an_awq_checkpoint_is_the_activations() -> None:
    text = """\
# Qwen2.5-14B-Instruct (AWQ int4) on one L40S

- One L40S 48 GB per replica, AWQ int4 weights, FP16 KV cache.

```yaml
model: Qwen/Qwen2.5-14B-Instruct-AWQ
dtype: float16
```

Each step reads all 9.98 GB of weights: 11.55 ms at full bandwidth, 14.44 ms at 80 %, so a
single stream tops out near 69 tok/s.
"""
    assert findings(text) == []


BASES = """\
# Storage bill

| Line | Quantity | Rate | Cost |
|---|---|---|---|
| PUT/COPY/POST | 412M | $0.005 per 1,000 | $2,060.00 |
| GET/SELECT | 2,850M | $0.0004 per 1,000 | $1,140.00 |
| Transitions | 18.6M | $0.05 per 1,000 | $930.00 |
| IA retrieval | 38,500 GB | $0.01 per GB | $385.00 |
| Incrementals | 30 | 48 GB | {inc} |
"""


def test_a_row_on_another_basis_or_in_other_units_is_not_off_by_the_constant() -> None:
    # $0.01 per GB is no price per 1,000; 30 × 48 GB = 1.44 TB in the row's own units.
    assert findings(BASES.format(inc="1.44 TB")) == []


def test_a_labelled_percentage_before_a_formula_names_it() -> None:
    text = "# Fleet\n\n```text\nwith 75 % cap = 3.56 / 0.75 = 4.75\n```\n"
    assert findings(text) == []
    # A figure of the result's own kind before the formula is still checked.
    [(line, code, _)] = findings("# Weights\n\n- 150 GB weights = 70B × 2 B = 140 GB\n")
    assert (line, code) == (3, "SPC101")
