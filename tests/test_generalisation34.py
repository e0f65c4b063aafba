"""Shapes the lead found on held-out sets in session 26. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from speclint.claims.table_header_products import header_unit

from .conftest import findings

PER_MONTH = """\
# Archive tier

Cold copies: 12.5 TB × $0.004/GB = {cost} / month, billed in arrears.
"""


def test_a_price_per_month_after_a_spaced_slash_is_the_formulas_result() -> None:
    # 12.5 TB × $0.004/GB = $50; the " / month" says what the $50 is per.
    assert findings(PER_MONTH.format(cost="$50")) == []
    [(line, code, message)] = findings(PER_MONTH.format(cost="$5"))
    assert (line, code) == (3, "SPC101")
    assert "= $50" in message and "stated $5" in message


def test_a_spaced_slash_before_a_number_still_divides() -> None:
    text = """\
# Shards

Each shard holds 640 GB / 8 = 80 GB, and the index adds 2 GB / s of writes.
"""
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("= 80 GB", "= 90 GB"))
    assert (line, code) == (3, "SPC101")


DASH_ROW = """\
# Monthly run cost (USD)

| Service | Compute | Egress | Storage | Total |
|---|---:|---:|---:|---:|
| Ingest | 4,210.50 | 312.20 | 88.10 | 4,610.80 |
| Query | 6,905.00 | 1,020.75 | 140.00 | 8,065.75 |
| Batch | 2,400.00 | — | 61.25 | {batch} |
"""


def test_a_dash_cell_adds_nothing_to_its_rows_total() -> None:
    # 2,400.00 + 61.25 = 2,461.25; the two whole rows show Total = Compute + Egress + Storage.
    assert findings(DASH_ROW.format(batch="2,461.25")) == []
    [(line, code, message)] = findings(DASH_ROW.format(batch="2,561.25"))
    assert (line, code) == (7, "SPC103")
    assert "2,400.00 (line 7) + 61.25 (line 7) = 2,461.25" in message


def test_a_dash_row_is_not_read_without_two_whole_rows_that_add_up() -> None:
    # The Query row does not add up either: the table does not show what Total is.
    text = DASH_ROW.format(batch="2,561.25").replace("8,065.75", "9,065.75")
    assert all(line != 7 for line, _, _ in findings(text))


HEADER_PRODUCT = """\
# Render farm budget

| Pool | Nodes | $/h each | Hours/month | $/month |
|---|---:|---:|---:|---:|
| Interactive | 4 | 2.45 | 730 | 7,154.00 |
| Overnight | 12 | 2.45 | 300 | {overnight} |
"""


def test_a_column_is_the_product_the_headers_units_name() -> None:
    # 12 × 2.45 × 300 = 8,820.00; the first row shows $/month = Nodes × $/h × Hours/month.
    assert findings(HEADER_PRODUCT.format(overnight="8,820.00")) == []
    [(line, code, message)] = findings(HEADER_PRODUCT.format(overnight="8,280.00"))
    assert (line, code) == (6, "SPC101")
    assert "12 (line 6) × 2.45 (line 6) × 300 (line 6) = 8,820.00" in message
    assert "the headers' units make $/month = Nodes × $/h each × Hours/month" in message


def test_a_header_product_no_other_row_shows_is_not_read() -> None:
    # Neither row holds the product: the table prices something else (a discount, a minimum).
    text = HEADER_PRODUCT.format(overnight="8,280.00").replace("7,154.00", "6,154.00")
    assert findings(text) == []


def test_header_units() -> None:
    dollars_per_hour = header_unit("$/h each")
    assert dollars_per_hour is not None and dollars_per_hour.unit is not None
    assert dollars_per_hour.unit.dims == (0, -1, 1, 0, 0, 0, 0, 0, 0)
    hours = header_unit("Hours/month")
    assert hours is not None and hours.period == "month" and hours.unit is not None
    gpus, nodes = header_unit("GPUs"), header_unit("Nodes")
    assert gpus is not None and nodes is not None and gpus.unit is None and nodes.unit is None
    assert header_unit("GPUs") is not None and not header_unit("GPUs").dimensional
    assert header_unit("Recall@10") is None
    assert header_unit("Notes on pricing") is None


TIERED = """\
# Object storage

- Tiered price: $0.023/GB for the first 50 TB, then $0.022/GB.
- Storage: 50,000 GB × $0.023 + 80,000 GB × $0.022 = {cost} per month
"""


def test_a_sum_of_amounts_times_prices_reads_each_price_per_the_amounts_unit() -> None:
    # 1,150 + 1,760 = $2,910.
    assert findings(TIERED.format(cost="$2,910")) == []
    [(line, code, message)] = findings(TIERED.format(cost="$2,190"))
    assert (line, code) == (4, "SPC101")
    assert "the price is read per GB" in message


APPOSITIVE = """\
# Replication link

Per replica the change stream is 480 ÷ 16 = 30 MB/s, about {bits}, well within the 10 Gbps NIC.
"""


def test_a_value_restated_after_a_comma_and_about_is_a_conversion() -> None:
    assert findings(APPOSITIVE.format(bits="240 Mbps")) == []
    [(line, code, message)] = findings(APPOSITIVE.format(bits="30 Mbps"))
    assert (line, code) == (3, "SPC203")
    assert "30 MB/s = 240 Mbps; stated 30 Mbps matches only with bits and bytes" in message


def test_a_difference_after_a_comma_and_about_restates_nothing() -> None:
    text = """\
# Latency

The p50 went from 220 ms to 120 ms, about 0.1 s faster than last quarter.
"""
    assert findings(text) == []


def test_flops_per_token_on_a_line_labelled_parameters_are_no_parameter_count() -> None:
    text = """\
# Compute per token

The FLOPs come from the 6,980,000,000 non-embedding
parameters: 2 × 6.98B = 13.96 GFLOP per token, on Llama-3.1-8B.
"""
    assert all(code != "SPC401" for _, code, _ in findings(text))


def test_a_head_named_as_the_subject_is_a_part_of_the_model() -> None:
    text = """\
# Speculative decoding on Llama-3.1-8B

The draft is a Medusa-style head on top of the target. The head is 218,112,000 parameters
(0.44 GB in bf16) and shares the target's LM head.
"""
    assert all(code != "SPC401" for _, code, _ in findings(text))


BYTES_KEY = """\
# Query limits

```yaml
limits:
  query_memory_limit: {value}   # {comment}
  max_threads: 16
```
"""


def test_a_byte_count_whose_comment_names_a_decimal_prefix_for_a_binary_one() -> None:
    # 34359738368 bytes = 32 GiB = 34.4 GB.
    assert findings(BYTES_KEY.format(value="34359738368", comment="32 GiB per query")) == []
    assert findings(BYTES_KEY.format(value="32000000000", comment="32 GB per query")) == []
    [(line, code, message)] = findings(
        BYTES_KEY.format(value="34359738368", comment="32 GB per query")
    )
    assert (line, code) == (5, "SPC202")
    assert "stated 32 GB per query matches only with GB read as GiB" in message
    assert "a count of bytes" in message


def test_a_count_in_other_units_or_a_loosely_rounded_comment_is_not_read() -> None:
    # 65536 kB is 64 MiB: the value does not count bytes. 34.4 GB written as "35 GB" rounds.
    assert findings(BYTES_KEY.format(value="65536", comment="64 MB")) == []
    assert findings(BYTES_KEY.format(value="34359738368", comment="35 GB")) == []


WINDOW = """\
# Audio archive

- Opus at 24 kbit/s: 24 kbit/s × 3,600 s = {size} per hour of speech.
"""


def test_an_amount_over_one_hour_stated_per_hour_is_that_rate() -> None:
    # 24 kbit/s × 3,600 s = 86.4 Mbit = 10.8 MB, per hour because 3,600 s is one hour.
    assert findings(WINDOW.format(size="10.8 MB")) == []
    [(line, code, message)] = findings(WINDOW.format(size="86.4 MB"))
    assert (line, code) == (3, "SPC203")
    assert "the amount over 3,600 s is per hour" in message


def test_an_amount_over_another_time_stated_per_hour_is_not_read() -> None:
    # Two hours of audio stated per hour: which of the two the author meant is not said.
    assert findings(WINDOW.format(size="21.6 MB").replace("3,600 s", "7,200 s")) == []


FP8_CHECKPOINT = """\
# Helpdesk chat on Qwen2.5-7B-Instruct

The service runs on one VM (1 × NVIDIA L4) with vLLM.

## Weights

BF16 weights would be 15.23 GB, too much beside the KV cache on a 24 GB card. We serve the {dtype}
(W8A8, dynamic) checkpoint instead.

- Linear layers in FP8: 6,525,288,448 params × 1 B = 6.53 GB
- Embeddings and norms stay BF16: 1,090,199,040 params × 2 B = 2.18 GB

## Floors

- Each decode step reads the 8.71 GB of weights. At the L4's 300 GB/s that takes 29.0 ms, so
  one stream can never exceed about 34.5 tok/s.
"""


def test_the_checkpoint_served_instead_sets_the_precision_not_a_supposed_one() -> None:
    # FP8 linear layers: 8.71 GB a step at 300 GB/s allows 34.4 tok/s; BF16 would allow 19.7.
    assert findings(FP8_CHECKPOINT.format(dtype="FP8")) == []


def test_a_share_of_a_times_speed_is_not_a_share_of_the_time() -> None:
    text = """\
# Single stream

The measured TPOT of 40 ms is 68 % of the 27.2 ms floor's speed.
"""
    assert findings(text) == []


def test_an_amount_a_share_gives_is_no_percentage() -> None:
    text = """\
# Spot capacity

- Preemptions killed 310 jobs of the 86,400 that ran on spot (60 % of 144,000), i.e. 0.36 %.
"""
    assert findings(text) == []


def test_an_item_of_the_totals_kind_read_as_another_leaves_the_parts_unsure() -> None:
    text = """\
# Weights of Llama-3.1-8B in FP8

- Linear layers in FP8: 6,979,321,856 params → 6.98 GB
- Embeddings and LM head stay BF16: 1,050,673,152 × 2 B = 2.10 GB
- Norms (BF16): 266,240 × 2 B = 0.53 MB
- Total weights: 9.08 GB
"""
    assert findings(text) == []


def test_the_same_count_does_not_point_back_to_a_subset() -> None:
    text = """\
# Warehouse

Trial loads of the top 12 tables finished in 40 minutes.

Dashboards read the same 30 tables every morning.
"""
    assert findings(text) == []


def test_a_pronoun_is_no_name_a_change_compares() -> None:
    text = """\
# Pilot

The estimate is 7.66 tickets/s; that is 214,000 GPU-seconds of prefill.
The pilot ran at 7.22 tickets/s. That is 6 % slower than the estimate.
"""
    assert all(code != "SPC102" for _, code, _ in findings(text))


CLUSTER_ROW = """\
# Disk usage at 06:00

| Node | Used (TB) |
|---|---|
| a | 2.10 |
| b | 2.35 |
| c | 2.05 |
| d | 2.40 |
| **{label}** | **{total}** |
"""


def test_a_bold_last_row_named_for_the_whole_is_the_columns_total() -> None:
    assert findings(CLUSTER_ROW.format(label="Cluster", total="8.90")) == []
    [(line, code, message)] = findings(CLUSTER_ROW.format(label="Cluster", total="9.90"))
    assert (line, code) == (9, "SPC103")
    assert message.startswith("2.10 (line 5) + 2.35 (line 6) + 2.05 (line 7) + 2.40 (line 8)")
    assert "= 8.90 TB" in message and "stated 9.90 is 1.11× too large" in message


def test_a_bold_last_row_named_otherwise_needs_a_column_that_adds_up() -> None:
    assert findings(CLUSTER_ROW.format(label="Node e", total="9.90")) == []


RECOMMEND = """\
# Nightly batch on Spot

Spot capacity waits were short: the longest was 52 minutes, on 03-11.

## Recommendations

1. Start the refresh at 21:00 so that it can absorb a 45-minute capacity wait.
2. Skip the second checkpoint: 9 × 4 / 60 = 0.6 instance-hours a month (~$8) at $13.40 an
   instance-hour.
"""


def test_a_recommendation_introducing_a_figure_restates_nothing() -> None:
    # "a 45-minute … wait" is a new target, "(~$8)" restates 0.6 instance-hours, not $13.40.
    assert findings(RECOMMEND) == []


def test_a_formula_cell_that_goes_on_past_a_bracket_is_not_read_in_part() -> None:
    text = """\
# Attention parameters

| Part | Formula | Params |
|---|---|---|
| Attention per layer | 3072 × 3072 × 2 (q, o) + 3072 × 1024 × 2 (k, v) | 25,165,824 |
| MLP per layer | 3 × 3072 × 8192 | 75,497,472 |
"""
    assert findings(text) == []


WARM = """\
# Latency note: Llama-3.1-8B-Instruct for code search on one H100

## Model and hardware

- Llama-3.1-8B: 32 layers, hidden 4096, 8 KV heads. Parameter count: 8,030,261,248.
- H100 SXM 80 GB: 3.35 TB/s HBM3, 989 TFLOPS dense BF16.

## Prefill

Cold (nothing cached), 3,100 prompt tokens:

- linear: 2 × 8.03e9 × 3,100 = 4.98e13 FLOP; at 50 % MFU that is 100.7 ms

## End to end

| Step | Time |
|---|---|
| {label} | 16 ms |
| 40 output tokens × 6.5 ms | 260 ms |
"""


def test_a_warm_ttft_has_no_full_prefill_floor() -> None:
    # A cold 3,100-token prefill needs at least 50 ms at 100 % of peak; a warm one reuses the
    # cached prefix, so its 16 ms is not held to that floor.
    assert findings(WARM.format(label="Warm TTFT (prefix hit)")) == []
    assert [code for _, code, _ in findings(WARM.format(label="TTFT"))] == ["SPC701"]


FLEET = """\
# Cache fleet

On-demand, 730 h a month:

| Fleet | Nodes | $/h per node | $/month |
|---|---|---|---|
| Today | 24 | 0.532 | {today} |
| Proposed | 30 | 0.266 | 5,825.40 |
"""


def test_a_rate_column_times_a_count_over_the_headers_month_is_the_monthly_cost() -> None:
    # 24 × 0.532 × 730 = 9,320.64; the Proposed row holds 30 × 0.266 × 730 = 5,825.40.
    assert findings(FLEET.format(today="9,320.64")) == []
    [(line, code, message)] = findings(FLEET.format(today="9,230.64"))
    assert (line, code) == (7, "SPC101")
    assert "24 (line 7) × 0.532 (line 7) × 730 h = 9,320.64" in message
    assert "$/month = Nodes × $/h per node × 730 h a month" in message


def test_a_monthly_column_no_convention_of_hours_explains_is_not_read() -> None:
    # Neither row is 730, 720 or 744 hours of its rate: the table prices something else.
    text = FLEET.format(today="9,230.64").replace("5,825.40", "5,925.40")
    assert findings(text) == []


def test_a_difference_of_amounts_times_a_price_reads_the_price_per_the_unit() -> None:
    text = """\
# Scans

$6.25 per TiB scanned; the first TiB each month is free:

    (820 − 1) TiB × $6.25 = {cost} per month
"""
    assert findings(text.format(cost="$5,118.75")) == []
    [(line, code, message)] = findings(text.format(cost="$5,125.00"))
    assert (line, code) == (5, "SPC101")
    assert "(820 − 1) TiB × $6.25 = $5,118.75" in message


KV_ASIDE = """\
# Llama-3.1-70B on 4×H100, FP8 KV cache

We run the KV cache in FP8 (`kv_cache_dtype: fp8_e4m3`).

- KV per token: 2 × 80 layers × 8 KV heads × 128 × 1 B = 163,840 B
- Whole replica: {kv} B per token (320 KiB per token if we stayed at BF16).
"""


def test_a_precision_in_a_supposing_aside_is_not_the_figures() -> None:
    # 163,840 B at FP8; the bracket's BF16 is what the cache would take, not this figure's.
    assert findings(KV_ASIDE.format(kv="163,840")) == []


def test_a_count_of_millions_a_price_per_million_divides_by_is_read_as_written() -> None:
    text = """\
# Training cost

Tokens this month: 2.1T. Cost per million tokens trained: $525,000 ÷ 2.1M ≈ {price}.
"""
    # 2.1T tokens are 2.1M millions: $525,000 ÷ 2,100,000 = $0.25 per million.
    assert findings(text.format(price="$0.25")) == []
    [(line, code, message)] = findings(text.format(price="$0.35"))
    assert (line, code) == (3, "SPC101")
    assert "$525,000 ÷ 2.1M = $0.25; stated $0.35" in message


def test_a_flops_figure_whose_sentence_states_its_share_of_peak_is_not_second_guessed() -> None:
    text = """\
# Attention kernel throughput on H100

We benchmarked the new kernel on the shapes our trainer uses.

**Env**

- 1× H100 SXM5 80GB
- BF16 inputs, 16 heads, head dim 128

Notes:

1. At head dim 256 and long sequences the kernel reaches about 720 TFLOPS in BF16{share}.
"""
    assert findings(text.format(share=", i.e. 73 % of the H100 SXM's 989 dense BF16 TFLOPS")) == []
    # Without the share it states, the figure is held to the realistic MFU (a warning).
    assert [code for _, code, _ in findings(text.format(share=""))] == ["SPC602"]


def test_a_count_over_a_count_per_noun_counts_that_noun() -> None:
    text = """\
# Epochs

- Steps per epoch: 48,210 rows ÷ 96 rows per step = {steps} steps.
- Rows seen: 500 steps × 96 rows per step = {rows} rows.
"""
    # 48,210 ÷ 96 = 502.2; 500 × 96 = 48,000.
    assert findings(text.format(steps="502", rows="48,000")) == []
    found = findings(text.format(steps="520", rows="46,000"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC101"), (4, "SPC101")]


INVENTORY = """\
# GPU inventory

| GPU | Nodes | GPUs/node | Memory/GPU (GB) | Memory total (TB) |
|---|---|---|---|---|
| H100 | 48 | 8 | 80 | 30.720 |
| H200 | 16 | 8 | 141 | 18.048 |
| A100 | 40 | 8 | 80 | 25.600 |
| L40S | 30 | {per_node} | 48 | {total} |
"""


def test_a_row_off_by_a_column_the_agreeing_rows_share_is_not_blamed() -> None:
    # The other rows agree on × 8 GPUs/node ÷ 1000; the L40S row has 4 GPUs a node.
    assert findings(INVENTORY.format(per_node="4", total="5.760")) == []


def test_a_figure_a_recap_works_out_anew_is_checked_by_its_formula_not_as_a_recap() -> None:
    # $24,480 ÷ 4,800 TiB = $5.10 per TiB: an effective price worked out anew; it restates no
    # earlier $6.25 per TiB (within a quarter of it, so a recap candidate before this session).
    text = """\
# Slot reservations

All prices are list prices as of this month:

| SKU | Price |
|---|---|
| On-demand analysis | $6.25 per TiB scanned |
| Enterprise, pay as you go | $0.06 per slot-hour |

- Scanned: **4,800 TiB** a month, so on-demand costs 4,800 × $6.25 = **$30,000** a month.

## Recommendation

Take option A. Under A the effective price of our current scan volume is
$24,480 ÷ 4,800 TiB = $5.10 per TiB, and it stops growing with bytes scanned.
"""
    assert findings(text) == []


def test_a_unit_written_where_a_symbol_would_be_defines_no_symbol() -> None:
    text = """\
# Memory

- Activations per layer: $s \\cdot h \\cdot 2$ B = 100.7 MB
- Gradient traffic per step:

$$
2 \\times \\tfrac{15}{16} \\times 2 \\times 6.74\\times10^{9}\\ \\text{B} \\approx 25.3\\ \\text{GB}
$$
"""
    assert findings(text) == []


def test_byte_prefixes_a_sentence_declares_binary_are_no_slip() -> None:
    text = """\
# Postgres settings

Size units in these settings are binary (1 GB = 1024 MB = 1024³ B).

In binary units the 54.45 GB checkpoint is {gib} GiB.
"""
    assert findings(text.format(gib="50.7")) == []
    [(line, code, _)] = findings(text.format(gib="58.5"))
    assert (line, code) == (5, "SPC201")


def test_a_product_cut_by_a_count_and_its_noun_is_not_read_from_the_middle() -> None:
    text = """\
# Batch

Global batch: 16 GPUs × micro-batch 2 × 4,096 tokens × 8 accumulation steps = 1,048,576
tokens per optimizer step.
"""
    assert findings(text) == []


def test_a_total_named_for_some_rows_adds_those_rows() -> None:
    text = """\
# Monthly

| | Monthly |
|---|---|
| Self-hosted: 2 × $0.85/h × 730 h | $1,241 |
| Hosted API today: input tokens | $2,520 |
| Hosted API today: output tokens | $189 |
| Hosted API total | {total} |
"""
    assert findings(text.format(total="$2,709")) == []
    [(line, code, _)] = findings(text.format(total="$2,790"))
    assert (line, code) == (8, "SPC103")


def test_a_binary_quantised_vector_is_no_declaration_of_binary_prefixes() -> None:
    text = """\
# Index

For the binary-quantised copy: 1024 bits = 128 B per vector, 500M × 128 B = {size}.
"""
    assert findings(text.format(size="64 GB")) == []
    [(line, code, _)] = findings(text.format(size="512 GB"))
    assert (line, code) == (3, "SPC203")
