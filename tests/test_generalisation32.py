"""Shapes the lead found on held-out sets in session 24. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

POINTS = """\
# Weekly fleet utilisation

Fleet-wide utilisation went {a} → 81.3 %, {change} week over week.
"""


def test_a_change_in_points_is_the_difference_of_the_percentages() -> None:
    # 81.3 − 77.1 = 4.2 points; the ratio (5.4 %) is not what points measure.
    assert findings(POINTS.format(a="77.1", change="+4.2 pp")) == []
    [(line, code, message)] = findings(POINTS.format(a="77.1", change="+5.4 pp"))
    assert (line, code) == (3, "SPC101")
    assert "81.3 % − 77.1 = 4.2 pp; stated 5.4 pp" in message


def test_a_fall_in_points_is_read_with_its_minus_sign() -> None:
    text = "# Cache\n\nThe hit rate fell from 64.0 % to 59.5 % ({change}) after the resize.\n"
    assert findings(text.format(change="−4.5 pp")) == []
    [(line, code, message)] = findings(text.format(change="−5.5 pp"))
    assert (line, code) == (3, "SPC101")
    assert "64.0 % − 59.5 % = 4.5 pp; stated 5.5 pp" in message


def test_points_that_go_against_the_percentages_are_not_read() -> None:
    # A rise written "−4.5 pp" says something else (another metric, or the gap): no reading.
    text = "# Cache\n\nThe hit rate went from 59.5 % to 64.0 % (−6.5 pp against the target).\n"
    assert findings(text) == []


def test_points_after_a_percentage_are_no_restatement_of_it() -> None:
    # "44.9 % (+6.7 pp)": the points are the change, not 44.9 % written another way.
    text = "# MFU\n\nMFU on the new kernels: 44.9 % (+6.7 pp).\n"
    assert findings(text) == []


PRICE = """\
# Replication pricing

With replication time control the per-GB charge rises from $0.020 to $0.035, {pct} increase.
"""


def test_a_change_between_two_prices_reads_past_the_currency_sign() -> None:
    # 0.035 / 0.020 − 1 = 75 %: "from $0.020 to $0.035" is one range the lexer reads.
    assert findings(PRICE.format(pct="a 75 %")) == []
    [(line, code, message)] = findings(PRICE.format(pct="a 43 %"))
    assert (line, code) == (3, "SPC102")
    assert "($0.035 / $0.020) − 1 = 75%; stated 43 %" in message


MONTHLY = """\
# Query engine cost

Moving cold logs to Parquet takes the query bill from $4,800 to $1,200 a month, {pct} reduction.
"""


def test_a_change_between_two_monthly_figures_reads_past_the_period() -> None:
    # 1 − 1,200 / 4,800 = 75 %: "a month" belongs to both figures.
    assert findings(MONTHLY.format(pct="a 75 %")) == []
    [(line, code, message)] = findings(MONTHLY.format(pct="a 60 %"))
    assert (line, code) == (3, "SPC102")
    assert "1 − ($1,200 / $4,800) = 75%; stated 60 %" in message


KV_READ = """\
# Phone memory budget for a 3.8B model

```json
{
  "hidden_size": 3072,
  "num_hidden_layers": 32,
  "num_attention_heads": 32,
  "num_key_value_heads": 32,
  "vocab_size": 32064
}
```

Head dim is 3072 / 32 = 96, and every head keeps its own K and V.

| Item | 2k context |
|---|---|
| Q4_0 weights | 2.15 GB |
| KV cache, fp16 | 0.81 GB |

## Decode speed

At a full 2k context the KV read adds {read} per token, so the bound falls to
68.3 / (2.15 + 0.81) = 23.1 tokens/s.
"""


def test_a_kv_read_per_generated_token_is_no_cache_size_per_token() -> None:
    # 2,048 × 393 KB = 0.81 GB: the whole context's cache is read once per generated token.
    assert findings(KV_READ.replace("{read}", "0.81 GB")) == []


def test_a_kv_size_per_token_is_still_checked() -> None:
    text = KV_READ.replace("{read}", "0.81 GB").replace("the KV read adds", "KV takes")
    [(line, code, message)] = findings(text)
    assert (line, code) == (22, "SPC501")
    assert "stated 0.81 GB per token" in message


STATES = """\
# Pretraining memory plan

| Hyper-parameter | Value |
|---|---|
| Layers | 24 |
| Hidden size | 2048 |
| Attention heads | 16 (head dim 128) |
| FFN size | 8192 (4h, GELU) |
| Vocabulary | 50,257 BPE, padded to 50,304 |
| Embedding / LM head | tied |

```yaml
num_layers: 24
hidden_size: 2048
tensor_model_parallel_size: 1
pipeline_model_parallel_size: 1
```

## Memory per GPU (DP=32)

The distributed optimizer keeps 6 + 12/DP bytes per parameter on each rank
(bf16 weights and fp32 gradients whole, fp32 master copy and Adam moments sharded):

- {label}: (6 + 12/32) × 1.3158e9 = 6.375 × 1.3158e9 = {value}
- activations: 27.38 GB
"""


def test_a_label_adding_parts_is_no_one_parts_size() -> None:
    # "model + optimizer states" is the sum of both, sharded: not the optimizer states alone.
    assert findings(STATES.format(label="model + optimizer states", value="8.39 GB")) == []
    [(line, code, message)] = findings(
        STATES.format(label="model + optimizer states", value="9.39 GB")
    )
    assert (line, code) == (24, "SPC101")
    assert "6.375 × 1.3158e9 = 8,388,225,000 B = 8.39 GB (7.81 GiB); stated 9.39 GB" in message


NODES = """\
# Streaming cost

{count} × `g2-standard-8` (1 × L4) at $0.86/h on-demand × 730 h = {cost} per month.
"""


def test_a_count_of_machines_with_an_aside_before_at_scales_the_whole_product() -> None:
    # 5 × $0.86/h × 730 h = $3,139: the formula after "at" is the tail of the count's product.
    assert findings(NODES.format(count="5", cost="$3,139")) == []
    assert findings(NODES.format(count="4", cost="$3,139")) == []


BOND = """\
# NIC saturation

Observed at 03:20: 48.9 Gb/s transmit on `bond0`, 97.8 % of the 50 Gb/s bond
({restated}).
"""


def test_an_aside_restating_an_earlier_figure_of_its_sentence_is_not_the_last_ones() -> None:
    # 48.9 Gb/s = 6.11 GB/s: the aside after "the 50 Gb/s bond" restates the transmit rate.
    assert findings(BOND.format(restated="6.11 GB/s")) == []
    [(line, code, message)] = findings(BOND.format(restated="5.11 GB/s"))
    assert (line, code) == (4, "SPC102")  # the share of the bond, which the aside also is
    assert "97.8 % of the 50 Gb/s bond = 6.11 GB/s; stated 5.11 GB/s" in message


DISKS = """\
# Hot tier

Layout: 3 shards × 2 replicas = 6 nodes, each with 2 × 3,750 GB NVMe.

- NVMe per node: 2 × 3,750 GB = 7,500 GB
- as reported by `system.disks` (binary units): 6.82 TiB
"""


def test_a_total_word_inside_a_dotted_name_makes_no_total() -> None:
    # `system.disks` is a table name: 6.82 TiB is the node's 7,500 GB, not 6 nodes' worth.
    assert findings(DISKS) == []


WINDOW = """\
# Postmortem: checkout latency

- Detected 02:38 UTC by the p99 alert.
- Duration of impact (02:40–05:10): {length}.
- Incident window: 14:02–15:47 UTC ({compound})
"""


def test_the_length_of_a_clock_span_is_the_later_time_minus_the_earlier() -> None:
    assert findings(WINDOW.format(length="150 minutes", compound="1 h 45 min")) == []
    [(line, code, message)] = findings(WINDOW.format(length="170 minutes", compound="1 h 45 min"))
    assert (line, code) == (4, "SPC101")
    assert "05:10 − 02:40 = 150 minutes; stated 170 minutes" in message


def test_a_span_in_hours_and_minutes_is_checked_at_its_minutes() -> None:
    # 15:47 − 14:02 = 1 h 45 min: the fix changes the minutes only.
    [(line, code, message)] = findings(WINDOW.format(length="150 minutes", compound="1 h 25 min"))
    assert (line, code) == (5, "SPC101")
    assert "15:47 − 14:02 − 1 h = 45 min; stated 25 min" in message
    # Hours that are off leave the minutes unread: which part is wrong is not known.
    assert findings(WINDOW.format(length="150 minutes", compound="2 h 45 min")) == []


def test_a_span_past_midnight_and_twelve_hour_times() -> None:
    text = "# Maintenance\n\nThe window 23:40–00:25 lasted {length}.\n"
    assert findings(text.format(length="45 min")) == []
    [(line, code, _)] = findings(text.format(length="35 min"))
    assert (line, code) == (3, "SPC101")
    # 9:00–5:00 PM is eight hours on the twelve-hour clock: not read.
    assert findings("# Support\n\nOffice hours 9:00–5:00 PM (8 h).\n") == []


def test_a_duration_that_is_not_the_spans_length_is_not_read() -> None:
    text = "# Incident\n\nBetween 14:02–15:47 we saw 3 minutes of hard errors.\n"
    assert findings(text) == []


DROP = """\
# Eviction storm

Output throughput fell from ~5,400 tok/s to 610 tok/s at the worst minute, {pct} drop.
"""


def test_a_change_that_names_itself_may_follow_a_qualified_second_value() -> None:
    # 1 − 610 / 5,400 = 88.7 %: "at the worst minute" qualifies 610 tok/s.
    assert findings(DROP.format(pct="an 89 %")) == []
    [(line, code, message)] = findings(DROP.format(pct="a 78 %"))
    assert (line, code) == (3, "SPC102")
    assert "1 − (610 tok/s / 5,400 tok/s)" in message and "stated 78 %" in message


def test_a_change_said_with_i_e_by() -> None:
    text = "# Caching\n\nCaching takes the bill from $450k to $267k per month, i.e. by {pct}.\n"
    assert findings(text.format(pct="41 %")) == []
    [(line, code, _)] = findings(text.format(pct="48 %"))
    assert (line, code) == (3, "SPC102")


MONTHLY_TABLE = """\
# Monthly cost (on-demand, 730 h/month)

| Item | Qty | Unit price | Monthly |
|---|---|---|---|
| Query nodes | 6 | $2.746/h | $12,027 |
| Coordination nodes | 3 | $0.096/h | {keeper} |
| Object storage | 81,296 GB | $0.023/GB-month | $1,870 |
| **Total** | | | **{total}** |
"""


def test_a_monthly_column_is_quantity_times_rate_over_a_month() -> None:
    # 3 × $0.096/h × 730 h = $210, as the query nodes' row shows its own product.
    assert findings(MONTHLY_TABLE.format(keeper="$210", total="$14,107")) == []
    found = findings(MONTHLY_TABLE.format(keeper="$310", total="$14,207"))
    assert [(line, code) for line, code, _ in found] == [(6, "SPC101")]
    assert "3 × $0.096/h × 730 h = $210; stated $310" in found[0][2]


def test_a_row_priced_per_unit_is_wrong_when_the_total_adds_up_without_it() -> None:
    # $70 is one node's month; the Total ($14,107) adds up with 3 nodes ($210), not with $70.
    found = findings(MONTHLY_TABLE.format(keeper="$70", total="$14,107"))
    assert (found[0][0], found[0][1]) == (6, "SPC101")
    assert "3 × $0.096/h × 730 h = $210; stated $70" in found[0][2]
    # With a Total that adds the row as written, the row may well be priced per unit.
    assert [
        line for line, _, _ in findings(MONTHLY_TABLE.format(keeper="$70", total="$13,967"))
    ] == []


STATES_34B = """\
# 34B pretraining memory

```json
{
  "hidden_size": 8192,
  "intermediate_size": 22016,
  "num_hidden_layers": 48,
  "num_attention_heads": 64,
  "num_key_value_heads": 8,
  "vocab_size": 32000
}
```

| Setting | Value |
|---|---|
| Tensor parallel | 8 |
| Pipeline parallel | 4 |
| Data parallel | 8 |
| Optimizer | AdamW |

Launch flags: `--bf16 --use-distributed-optimizer`.

Model states per GPU with the distributed optimizer:

- BF16 weights: 2.11 GB.
- FP32 master weights + Adam moments, sharded over DP = 8: {opt}.
- Total model states: ≈ 7.91 GB per GPU.
"""


def test_memory_items_under_a_per_gpu_lead_in_are_per_gpu_with_the_distributed_optimizer() -> None:
    # 33.74B / (TP 8 × PP 4) = 1.054B per GPU: 2.11 GB in BF16; the distributed optimizer
    # shards the 12 B/param over DP 8 (1.58 GB), so 7.91 GB is right.
    assert findings(STATES_34B.replace("{opt}", "1.58 GB")) == []
    [(line, code, message)] = findings(STATES_34B.replace("{opt}", "12.65 GB"))
    assert (line, code) == (26, "SPC501")
    assert "÷ DP 8" in message and "ZeRO stage 1" in message and "stated 12.65 GB" in message


def test_a_middle_dot_between_a_name_and_a_time_is_no_product() -> None:
    # Chat exports: "**tom.k** · 14:04" on the line before the message.
    text = "# Thread\n\n**tom.k** · 14:04\nso acceptance is 41,233 / 57,120 = {pct}\n"
    assert findings(text.format(pct="72.2 %")) == []
    [(line, code, message)] = findings(text.format(pct="78.2 %"))
    assert (line, code) == (4, "SPC102")
    assert "41,233 / 57,120 = 72.2%" in message


def test_a_bare_3600_after_a_rate_is_the_conversion_to_hours() -> None:
    text = "# OCR\n\n- CPU hours: 14.2M pages / 14 pages/s / 3,600 = {hours}.\n"
    assert findings(text.format(hours="281.7 h")) == []
    [(line, code, _)] = findings(text.format(hours="381.7 h"))
    assert (line, code) == (3, "SPC101")


RECAP = """\
# WAL archiving

## 2. Budget

- the host has a 25 Gbps NIC; Network's budget for background traffic is 10 %, i.e. 2.5 Gbps

## 6. Recommendations

1. Approve the S3 archive (≈ 237.5 Mbps at peak, {share} of the background budget).
"""


def test_a_recap_share_of_a_budget_is_not_the_budget_restated() -> None:
    # 237.5 Mbps / 2.5 Gbps = 9.5 %: a share of the budget, not the budget's 10 % again.
    assert findings(RECAP.format(share="9.5 %")) == []


DISKS_RECAP = """\
# Compaction plan

disks are 2 × 3.84 TB NVMe per node = 7.68 TB raw.

## Summary

TWCS brings worst-case disk from 7.23 TB (about 94% of raw) to 3.73 TB per node.
"""


def test_words_after_a_percentage_are_its_own_not_the_figure_before() -> None:
    # "of raw" names the 94 %'s whole: 7.23 TB is no recap of the 7.68 TB raw.
    assert findings(DISKS_RECAP) == []


def test_a_number_after_a_word_that_counts_positions_is_no_value() -> None:
    # "month 12" names the month: the shard count is the 5.2 after it.
    text = (
        "# Shards\n\n```\n"
        "shards needed at month 12 = 206.1 GiB / 39.6 GiB = {n}  ->  6 shards\n```\n"
    )
    assert findings(text.format(n="5.2")) == []
    [(line, code, _)] = findings(text.format(n="6.2"))
    assert (line, code) == (4, "SPC101")


ENCODER = """\
# Encoder size

| Part | Count |
|---|---|
| embeddings and their LayerNorm | 31,782,912 |
| one encoder layer (attention, FFN, two LayerNorms) | 12,596,224 |
| 24 layers | 302,309,376 |
| pooler | 1,049,600 |
| **total** | **{total}** |
"""


def test_a_row_for_one_layer_beside_the_row_for_all_of_them_is_a_detail() -> None:
    # 24 × 12,596,224 = 302,309,376: the one-layer row is in the 24 layers, not beside them.
    assert findings(ENCODER.format(total="335,141,888")) == []
    [(line, code, message)] = findings(ENCODER.format(total="336,141,888"))
    assert (line, code) == (9, "SPC103")
    assert "= 335,141,888; stated 336,141,888" in message


DEVICE = """\
# Memory on one A10G

| Item | GiB |
|---|---|
| base weights, BF16 | 14.96 |
| adapters, grads and AdamW states | 0.625 |
| activations | 0.75 |
| logits | 2.45 |
| **PyTorch allocations** | **18.78** |
| CUDA context and workspaces | 0.50 |
| **total on the device** | **{total}** |
"""


def test_a_bold_row_that_adds_up_the_rows_above_is_a_subtotal() -> None:
    # 18.78 + 0.50 = 19.28: the bold row sums the four above it and is one part of the total.
    assert findings(DEVICE.format(total="19.28")) == []
    [(line, code, message)] = findings(DEVICE.format(total="20.28"))
    assert (line, code) == (11, "SPC103")
    assert "18.78 (line 9) + 0.50 (line 10) = " in message


def test_a_total_row_written_as_a_product_is_no_sum() -> None:
    text = (
        "# Layout\n\n| Axis | Degree | Notes |\n|---|---|---|\n| TP | 8 | in a node |\n"
        "| PP | 4 | 20 layers per stage |\n| DP | 16 | distributed optimizer |\n"
        "| Total | 512 | 8 × 4 × 16 |\n"
    )
    assert findings(text) == []


OPTION = """\
# Option C

- storage: 1,200,000 GB × $0.004 = $4,800
- transfer: unchanged at $800
- PUTs: 12.5M × $0.02 / 1,000 = $250
- total: {total} a month
"""


def test_a_list_total_is_not_read_when_a_sibling_amount_is_no_part_it_could_read() -> None:
    # "transfer: unchanged at $800" holds money but no "Label: value": the parts are unsure.
    assert findings(OPTION.format(total="$5,850")) == []


LINKS = """\
# Fabric review

- NVLink 4 inside a server: 450 GB/s per GPU

| Phase | Link | Data per GPU | Time at line rate |
|---|---|---|---|
| reduce-scatter, 8 GPUs | NVLink 450 GB/s | 7/8 × 141.1 GB | 0.274 s |
"""


def test_a_links_rate_in_a_row_that_counts_gpus_is_no_system_figure() -> None:
    # "NVLink 450 GB/s" is the link's rate, not 8 GPUs' throughput restated per GPU.
    assert findings(LINKS) == []


def test_the_same_few_items_out_of_many_are_a_subset_not_a_restatement() -> None:
    text = (
        "# Audio bake-off\n\n| Property | Value |\n|---|---|\n"
        "| Source | 1.74M episodes, Ogg/Opus |\n\n## Results\n\n"
        "Throughput is audio-hours per instance-hour, measured with the same 600 episodes.\n"
    )
    assert findings(text) == []


def test_a_restatement_in_brackets_after_the_values_noun() -> None:
    # 145.4 GB = 135.4 GiB: "of weights" names what the figure measures, then the aside.
    text = "# Weights\n\nThe checkpoint is 145.4 GB of weights ({gib}).\n"
    assert findings(text.format(gib="135.4 GiB")) == []
    [(line, code, message)] = findings(text.format(gib="156.1 GiB"))
    assert (line, code) == (3, "SPC201")
    assert "145.4 GB = 135.4 GiB; stated 156.1 GiB" in message
    # an aside that counts something else is no restatement
    assert findings("# KV\n\nIt needs 18 GB of KV (8 sequences).\n") == []


def test_a_price_per_million_over_a_divisor_the_formula_scales_itself() -> None:
    # $2.856 / (12,900 × 3,600 / 1e6) = $0.0615: the formula already counts in millions.
    text = "# Cost\n\n- CPU: $2.856 / (12,900 × 3,600 / 1e6) = {price} per million queries.\n"
    assert findings(text.format(price="$0.0615")) == []
    [(line, code, message)] = findings(text.format(price="$0.221"))
    assert (line, code) == (3, "SPC101")
    assert "$2.856 / (12,900 × 3,600 / 1e6) = $0.0615; stated $0.221" in message


def test_a_restatement_off_by_a_count_its_sentence_names_is_for_that_many() -> None:
    # 8 × 400 Gb/s = 3.2 Tb/s; a 96-bit bus at 16 Gbps per pin = 192 GB/s.
    nics = "# Fabric\n\nInter-node: 8 × ConnectX-7 at 400 Gb/s per node, i.e. 3.2 Tb/s per node.\n"
    bus = "# Laptops\n\nThe RTX 4050 laptops have a 96-bit bus at 16 Gbps, i.e. 192 GB/s.\n"
    assert findings(nics) == [] and findings(bus) == []
    # a bits vs bytes 8 is still the slip it is
    [(line, code, _)] = findings("# Link\n\nOne NDR port: 400 Gb/s, i.e. 400 GB/s.\n")
    assert (line, code) == (3, "SPC203")


BACKBONE = """\
# TTS fleet sizing

Our TTS model is a Llama-3.2-1B backbone whose vocabulary is extended with audio tokens.

```json
{{
  "num_hidden_layers": 16,
  "hidden_size": 2048,
  "vocab_size": {vocab}
}}
```
"""


def test_a_model_named_as_a_backbone_may_differ_from_its_catalog_entry() -> None:
    assert findings(BACKBONE.format(vocab=156940)) == []
    named = BACKBONE.replace("a Llama-3.2-1B backbone whose", "Llama-3.2-1B, whose")
    [(line, code, message)] = findings(named.format(vocab=156940))
    assert (line, code) == (9, "SPC304")
    assert "vocab is 156,940 here" in message


STREAMS = """\
# Load test

| Concurrent streams | tok/s per stream | Aggregate tok/s/GPU |
|---:|---:|---:|
| 1 | 417 | 417 |
| 16 | 131.6 | 2,105 |
| 32 | 114.9 | 3,678 |
| 48 | {per} | 4,615 |
| 64 | 81.3 | 5,203 |
"""


def test_a_row_ratio_holds_within_every_cells_written_precision() -> None:
    # 4,615 / 48 = 96.146, but 4,615 is itself rounded: 96.2 is within [96.135, 96.156] ± 0.05.
    assert findings(STREAMS.format(per="96.2")) == []
    [(line, code, message)] = findings(STREAMS.format(per="86.2"))
    assert (line, code) == (8, "SPC101")
    assert "4,615 (line 8) / 48 (line 8) = 96.1; stated 86.2" in message


CEILING = """\
# Serving Phi-3.5-MoE-instruct on 2×A100 80GB nodes

```json
{
  "hidden_size": 4096,
  "intermediate_size": 6400,
  "num_hidden_layers": 32,
  "num_attention_heads": 32,
  "num_key_value_heads": 8,
  "num_local_experts": 16,
  "num_experts_per_tok": 2,
  "vocab_size": 32064,
  "tie_word_embeddings": false,
  "torch_dtype": "bfloat16"
}
```

| Batch | Weights / GPU | Floor / step | {header} | Measured TPOT |
|---|---|---|---|---|
| 1 | 6.64 GB | 3.34 ms | 299 tok/s | 7.9 ms |
"""


def test_figures_in_a_ceiling_column_are_ceilings() -> None:
    # 299 tok/s is the table's own 100 % roofline: the realistic-efficiency warning is for
    # what runs, not for a ceiling below the physical bound.
    assert findings(CEILING.replace("{header}", "Ceiling")) == []
    [(line, code, _)] = findings(CEILING.replace("{header}", "Measured tok/s"))
    assert (line, code) == (20, "SPC602")


def test_a_word_between_a_count_and_its_tokens_inside_a_formula() -> None:
    # 12 req/s × 2,380 tokens = 28,560 tokens/s: "cached" qualifies the tokens; "tokens = …"
    # is no symbol being defined.
    text = "# Prefix cache\n\n12 req/s × 2,380 cached tokens = {rate} tokens/s of prefill saved.\n"
    assert findings(text.format(rate="28,560")) == []
    [(line, code, message)] = findings(text.format(rate="25,560"))
    assert (line, code) == (3, "SPC101")
    assert "12 req/s × 2,380 cached tokens = 28,560" in message
    # in prose, a rate of the noun stays as it was read: no throughput claim about the fleet
    assert findings("# Fleet\n\nCurrent peak is 40k decode tok/s across the fleet.\n") == []


def test_an_addend_with_a_word_before_its_tokens_is_not_given_the_unit() -> None:
    # "8 frames + 120 text tokens": frames and tokens are different things to add.
    text = "# Clip\n\nA clip of 8 frames + 120 text tokens = 2,268 tokens goes to the model.\n"
    assert findings(text) == []
