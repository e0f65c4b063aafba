"""Shapes the lead found on held-out sets in session 23. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

REQUESTS = """\
# Archive request budget

- Bucket listing: 84,000 calls, $0.42 at $0.005 per 1,000
- Uploads (PUT): 52M × $0.005 per 1,000 = {puts}
"""


def test_a_formula_writing_its_own_count_price_is_not_divided_twice() -> None:
    # 52M × $0.005 per 1,000 = $260: the formula names the count, the price is not reused bare.
    assert findings(REQUESTS.format(puts="$260")) == []
    [(line, code, message)] = findings(REQUESTS.format(puts="$2,600"))
    assert (line, code) == (4, "SPC101")
    assert "= $260; stated $2,600" in message


SHARE = """\
# Decode throughput

The roofline in section 2 gives 412 tok/s per replica.

- Measured: 305 tok/s is {pct} of the 412 tok/s roofline.
"""


def test_a_value_that_is_a_percentage_of_a_whole_is_fixed_at_the_percentage() -> None:
    # 305 / 412 = 74.0 %: the sentence derives the percentage, so a wrong one is what changes.
    assert findings(SHARE.format(pct="74%")) == []
    [(line, code, message)] = findings(SHARE.format(pct="84%"))
    assert (line, code) == (5, "SPC102")
    assert "305 tok/s / 412 tok/s roofline = 74%; stated 84%" in message


WEIGHTS = """\
# Qwen2.5-7B checkpoint sizes

So {first} of weights (14.2 GiB), against 7.62 GB for the FP8 checkpoint.
"""


def test_a_precision_named_for_another_size_is_not_this_ones() -> None:
    # FP8 belongs to the 7.62 GB; the first size has no precision of its own: no reading.
    assert findings(WEIGHTS.format(first="15.2 GB")) == []
    [(line, code, message)] = findings(WEIGHTS.format(first="9 GB in BF16"))
    assert (line, code) == (3, "SPC501")
    assert "weight bytes (whole model, bf16)" in message and "stated 9 GB" in message


EACH = """\
# Embedding capacity

- Per GPU: 2,480 embeddings/s on one L4.
- Nodes needed at 2,480 embeddings/s each: 40,000 / 2,480 = 16.1 → 17 GPUs.
- The 17 GPUs together: {fleet} embeddings/s.
"""


def test_a_figure_said_to_be_each_ones_is_no_system_figure() -> None:
    # "at 2,480 embeddings/s each" names one unit's rate on a line that counts 17 GPUs.
    assert findings(EACH.format(fleet="42,160")) == []
    [(line, code, message)] = findings(EACH.format(fleet="2,480"))
    assert (line, code) == (5, "SPC301")
    assert "× 17 GPUs (line 5) = 42,160 embeddings/s" in message


PER_MILLION = """\
# Unit cost

One L4 hour serves 2,150 × 3,600 = 7.74M output tokens, so $0.80 / 7.74M = {price} per
million output tokens.
"""


def test_a_price_per_million_from_a_divisor_in_millions() -> None:
    # $0.80 / 7.74M = $1.03e-7 a token = $0.103 per million.
    assert findings(PER_MILLION.format(price="$0.10")) == []
    [(line, code, message)] = findings(PER_MILLION.format(price="$0.13"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("$0.80 / 7.74M = $0.10; stated $0.13 per million")
    assert "the divisor is read in the million the price is per" in message


LAYER_SUMS = """\
# Parameter count of the 1B

- Attention per layer: q 2048 × 2048 + k, v 2 × 2048 × 512 + o 2048 × 2048 = {attention}
- Per layer: attention 12,582,912 + MLP 3 × 2,048 × 8,192 = 50,331,648 + norms 4,096 = {layer}
- Without labels: 2048 × 2048 + 2 × 2048 × 512 = {plain}
"""


def test_a_formula_after_a_labelled_addend_is_the_tail_of_a_sum() -> None:
    # The last product and the running total after "+ o" and "+ MLP" belong to longer sums.
    right = {"attention": "10,485,760", "layer": "62,918,656", "plain": "6,291,456"}
    assert findings(LAYER_SUMS.format(**right)) == []
    [(line, code, message)] = findings(LAYER_SUMS.format(**{**right, "plain": "6,921,456"}))
    assert (line, code) == (5, "SPC101")
    assert "= 6,291,456; stated 6,921,456" in message


FLEET = """\
# Batch scoring with Llama-3.1-8B on NVIDIA L4

The reserved pool is g6.12xlarge (4 × L4 per instance).

```
instance tokens/s (4 GPUs): 7,600
per-GPU tokens/s:           1,900
```

Fleet: 24 × g6.12xlarge = 96 L4s, {rate} tok/s together.
"""


def test_a_figure_said_to_be_together_is_the_system_its_sentence_counts() -> None:
    # 96 L4s at 100 % of 121 TFLOPS allow 832,173 tokens/s; four of them only 34,674.
    assert findings(FLEET.format(rate="182,400")) == []
    [(line, code, message)] = findings(FLEET.format(rate="1,900,000"))
    assert (line, code) == (10, "SPC601")
    assert "allows at most 832,173 tokens/s for all 96 GPUs together" in message


GPU_HOURS = """\
# Training budget

Per GPU we sustain 41.5 TFLOPS on the H100s.

{line}
"""


def test_gpu_hours_are_no_count_of_gpus() -> None:
    # 1.43e21 FLOP at 41.5 TFLOPS is 9,572 GPU-hours: one GPU's rate, and hours, not GPUs.
    line = "Compute: 1.43e21 FLOPs at 41.5 TFLOPS is 9,572 GPU-hours."
    assert findings(GPU_HOURS.format(line=line)) == []
    [(number, code, message)] = findings(
        GPU_HOURS.format(line="The 16 GPUs together sustain 41.5 TFLOPS.")
    )
    assert (number, code) == (5, "SPC301")
    assert "× 16 GPUs = 664.0 TFLOPS" in message


DEMAND = """\
# Llama-3.1-8B on 2 × NVIDIA L4

We plan for MFU 40 % on 2 GPUs.

Demand at peak: 40 req/s.

- prefill: 40 × 2,000 = 80,000 tokens/s{tail}
"""


def test_a_rate_its_sentence_sizes_in_replicas_is_a_load_to_serve() -> None:
    # "that is 26.4 replicas' worth": the rate and its FLOP/s are a load, not the 2 GPUs' output.
    sized = ", i.e. 1.28e15 FLOP/s; at 48.4 TFLOPS per replica that is 26.4 replicas' worth."
    assert findings(DEMAND.format(tail=sized)) == []
    [(line, code, message)] = findings(DEMAND.format(tail=" on the two GPUs."))
    assert (line, code) == (7, "SPC601")
    assert "allows at most 17,337 tokens/s for all 2 GPUs together" in message


ITEMS = """\
# Pretraining schedule

- on 256 GPUs: 61,440 ÷ 256 = 240 h
- that is about {days} days of wall clock
- egress per node: 3 × 214 MB/s = 642 MB/s
- in bits that is ≈ {bits}
- month-end peaks run at 2× the average: 71.8 MB/s
- on the wire that peak is ≈ {peak}
"""


def test_an_item_restating_the_figure_the_item_before_ends_with() -> None:
    # 240 h = 10 days; 642 MB/s = 5,136 Mbps.
    assert findings(ITEMS.format(days="10", bits="5,136 Mbps", peak="0.57 Gbps")) == []
    found = findings(ITEMS.format(days="14.2", bits="642 Mbps", peak="0.072 Gbps"))
    assert [(line, code) for line, code, _ in found] == [
        (4, "SPC201"),
        (6, "SPC203"),
        (8, "SPC203"),
    ]
    assert found[0][2].startswith("240 h (line 3) = 10.0 days; stated 14.2 days")
    assert "matches only with bits and bytes" in found[1][2]


TOKENS = """\
# Corpus size

| Source | Documents | Tokens |
|---|---:|---:|
| Support tickets | 41.0M | 13.94B |
| Forum threads | 22.5M | 10.35B |
| Manuals | 3.5M | 1.76B |
| **Total** | **67.0M** | **{total}** |
"""


def test_billions_under_a_tokens_header_add_up_as_the_total_reads_them() -> None:
    # 13.94B + 10.35B + 1.76B = 26.05B tokens (the B is a billion under "Tokens", not bytes).
    assert findings(TOKENS.format(total="26.05B")) == []
    [(line, code, message)] = findings(TOKENS.format(total="27.05B"))
    assert (line, code) == (8, "SPC103")
    assert "= 26.05B Tokens; stated 27.05B" in message


HALL = """\
# Hall A power

| Rack type | Racks | kW per rack | Load (kW) |
|---|---|---|---|
| GPU rack | 12 | 40.95 | 491.4 |
| Network rack | 3 | 12.0 | 36.0 |
| Storage rack | 2 | 8.0 | 16.0 |
| **Hall A IT load** | **17** | | **{load}** |
"""


def test_a_bold_last_row_with_an_empty_cell_is_a_total_row() -> None:
    # 12 + 3 + 2 = 17 racks exactly: the bold row is the total, so its load adds up too.
    assert findings(HALL.format(load="543.4")) == []
    [(line, code, message)] = findings(HALL.format(load="553.4"))
    assert (line, code) == (8, "SPC103")
    assert "= 543.4 kW; stated 553.4" in message


CONTEXTS = """\
# KV cache of the 1B

GQA with 8 KV heads: 2 × 16 × 8 × 64 × 2 B = 32,768 B per token (32 KiB) in BF16.

- 4,096-token context: 134.2 MB
- 16,384-token context: {long}
- 8 GPUs: 80 GB each
"""


def test_an_item_whose_label_counts_the_noun_a_figure_is_per() -> None:
    # 32,768 B × 16,384 tokens = 536.9 MB; "80 GB each" is one GPU's, not eight.
    assert findings(CONTEXTS.format(long="536.9 MB")) == []
    [(line, code, message)] = findings(CONTEXTS.format(long="1.07 GB"))
    assert (line, code) == (6, "SPC301")
    assert message.startswith("32,768 B per token (line 3) × 16,384-token (line 6) =")
    assert "0.537 GB" in message


EPOCHS = """\
# Fine-tune plan for Llama-3.1-8B

- Training tokens: 1.5B tokens
- Schedule: {schedule}
- Hardware: 16 × H100 SXM at 40 % MFU.
- Wall clock: about 9.5 h
"""


def test_a_training_time_over_several_epochs_is_not_read_as_one_pass() -> None:
    # 6 × 8.03B × 1.5B × 3 epochs ÷ (16 × 989 TFLOPS × 40 %) = 9.5 h; one pass is 3.2 h.
    assert findings(EPOCHS.format(schedule="3 epochs over the data")) == []
    [(line, code, message)] = findings(EPOCHS.format(schedule="one pass over the data"))
    assert (line, code) == (6, "SPC704")
    assert "× 1,500,000,000 tokens ÷ (16 GPUs × 989 TFLOPS × MFU 40 % (line 5))" in message


ENCODER_DECODER = """\
# Speech model size

| Part | Params |
|---|---:|
| Stem | 1,000,000 |
| Encoder layer (attn + MLP) | 12,000,000 |
| 24 encoder layers | 288,000,000 |
| Decoder layer (attn + cross-attn + MLP) | 16,000,000 |
| 24 decoder layers | 384,000,000 |
| Embedding | 50,000,000 |
| **Total** | **{total}** |
"""


def test_a_row_named_as_one_of_what_a_counted_row_counts_is_a_detail() -> None:
    # 1M + 288M + 384M + 50M = 723M: "Encoder layer" is one of the "24 encoder layers".
    assert findings(ENCODER_DECODER.format(total="723,000,000")) == []
    [(line, code, message)] = findings(ENCODER_DECODER.format(total="733,000,000"))
    assert (line, code) == (11, "SPC103")
    assert "= 723,000,000" in message and "12,000,000" not in message


LAYERS = """\
# 8B parameter table

| Block | Formula | Params |
|---|---|---|
| Attention, per layer | 2·h² + 2·h·1024 | 58,720,256 |
| MLP, per layer | 3 × 4096 × 14336 | 176,160,768 |
| Norms, per layer | 2 × 4096 | 8,192 |
| Per layer | | 218,112,000 |
| All 32 layers | | 6,979,584,000 |
| Embedding + LM head | 2 × 128,256 × 4,096 | 1,050,673,152 |
| Final norm | | 4,096 |
| **Total** | | **{total}** |
"""


def test_a_precise_total_that_the_rows_after_the_details_make_is_silent() -> None:
    # The per-layer rows do not add up to "Per layer" (the attention row is off), but the
    # eleven-digit Total is exactly All 32 layers + embedding + final norm: not a coincidence.
    assert findings(LAYERS.format(total="8,030,261,248")) == []
    [(line, code, message)] = findings(LAYERS.format(total="8,030,261,348"))
    assert (line, code) == (12, "SPC103")
    assert "6,979,584,000 (line 9) + 1,050,673,152 (line 10) + 4,096 (line 11)" in message


CANT_BEAT = """\
# Qwen2.5-32B chat serving

We serve Qwen2.5-32B in BF16 with TP=2 on H100 SXM.

Each token streams every weight once, so batch-1 TPOT {claim}; we measured 11.5 ms.
"""


def test_a_time_a_sentence_says_cannot_be_beaten_is_a_floor() -> None:
    # "can't beat ~9 ms" states the floor (62.4 GB over 2 × 3.35 TB/s is 9.3 ms), no speed.
    assert findings(CANT_BEAT.format(claim="can't beat ~9 ms")) == []
    [(line, code, message)] = findings(CANT_BEAT.format(claim="is about 7 ms"))
    assert (line, code) == (5, "SPC701")
    assert "stated about 7 ms" in message


HOSTED = """\
# Hosted API comparison

Hosted API (Llama-3.1-70B at $0.88 per million tokens, input and output):

- input: 21.5M × $0.88 = {input}
- output: 1.40M × $0.88 = $1.23
"""


def test_a_price_per_million_in_words_is_reused_per_million() -> None:
    # 21.5M × $0.88 per million = $18.92.
    assert findings(HOSTED.format(input="$18.92")) == []
    [(line, code, message)] = findings(HOSTED.format(input="$24.92"))
    assert (line, code) == (5, "SPC101")
    assert "21.5M × $0.88 / 1M = $18.92; stated $24.92" in message
    assert "the price $0.88 is per 1M" in message


COLOCATION = """\
# Running costs over 36 months

- colocation: 3 racks (2 servers each, 20.4 kW per rack) × $2,500/month × 36 = $270,000
- cross-connects: 3 racks × $300/month × 36 = {cross}
"""


def test_a_product_after_a_bracketed_aside_is_the_tail_of_a_longer_product() -> None:
    # The first line is 3 × $2,500 × 36; the chain after the aside alone would give $90,000.
    assert findings(COLOCATION.format(cross="$32,400")) == []
    [(line, code, message)] = findings(COLOCATION.format(cross="$10,800"))
    assert (line, code) == (4, "SPC101")
    assert "= $32,400; stated $10,800" in message


PER_PARAMETER = """\
# Memory per GPU

Memory per GPU: ≈ 32.1 GB of FP8 weights (1 B per parameter) / 2 = 16.1 GB.

Activations: 4.2 GB / 2 = {half}
"""


def test_a_figure_per_a_noun_divided_by_a_number_is_still_per_it() -> None:
    # "(1 B per parameter) / 2" halves the 32.1 GB, not one byte; "4.2 GB / 2" is plain.
    assert findings(PER_PARAMETER.format(half="2.1 GB")) == []
    [(line, code, message)] = findings(PER_PARAMETER.format(half="3.1 GB"))
    assert (line, code) == (5, "SPC101")
    assert "stated 3.1 GB" in message


CAPEX = """\
# Capital cost

| Item | Qty | Unit | Total |
|---|---:|---:|---:|
| GPU server | 6 | $240,000 | {servers} |
| Fabric | 1 | $150,000 | $150,000 |
| Storage | 1 | $120,000 | $120,000 |
| Install | 1 | $30,000 | $30,000 |
| **capex** | | | **$1,740,000** |
"""


def test_rows_of_one_do_not_tell_a_quotient_from_a_product() -> None:
    # Qty 1 everywhere else: Total = Unit × Qty and Unit ÷ Qty agree there; 6 × $240,000 holds.
    assert findings(CAPEX.format(servers="$1,440,000")) == []
    wrong = findings(CAPEX.format(servers="$1,240,000"))
    assert [(line, code) for line, code, _ in wrong if line == 5] == [(5, "SPC101")]
    assert "6 (line 5) × $240,000 (line 5) = $1,440,000" in wrong[0][2]


BLOCK = """\
# 8B parameter budget

| Component | Parameters |
|---|---:|
| Attention per layer | 41,943,040 |
| MLP per layer | 176,160,768 |
| Norms per layer | 8,192 |
| One layer | 218,112,000 |
| 32 layers | 6,979,584,000 |
| Embedding + LM head | 1,050,673,152 |
| Final norm | 4,096 |
| **Total** | **8,030,261,248** |

Attention weights are 19 % of the block parameters. {sentence}
"""


def test_a_share_of_a_narrowed_whole_is_not_of_the_total_row() -> None:
    # 41,943,040 / 218,112,000 = 19 % of one block, not of the 8.03B Total.
    assert findings(BLOCK.format(sentence="The MLP is 81 % of the block too.")) == []
    found = findings(BLOCK.format(sentence="The MLP is 81 % of all parameters."))
    assert [(line, code) for line, code, _ in found] == [(14, "SPC102")]


SWITCHES = """\
# Fabric options

| | Non-blocking | 2:1 |
|---|---:|---:|
| Downlinks per leaf | 16 | 16 |
| Uplinks per leaf | 16 | 8 |
| Leaf switches | 32 | 32 |
| Leaf–spine links | 512 | 256 |
| Spine switches (32 ports) | 16 | 8 |
| **Switches in total** | **48** | **{two_to_one}** |
"""


def test_a_total_that_names_its_noun_adds_the_rows_that_name_it() -> None:
    # Switches in total = leaf + spine switches: 32 + 16 = 48 and 32 + 8 = 40.
    assert findings(SWITCHES.format(two_to_one="40")) == []
    [(line, code, message)] = findings(SWITCHES.format(two_to_one="44"))
    assert (line, code) == (10, "SPC103")
    assert message.startswith("32 (line 7) + 8 (line 9) = 40; stated 44")


def test_a_named_row_without_a_figure_is_no_detail_row() -> None:
    # "Rack" names one of the "4 racks" but has no figure: nothing to set aside, no crash.
    table = (
        "# Power\n\n| Item | kW |\n|---|---:|\n| Rack | n/a |\n| 4 racks | 160 |\n"
        "| Cooling | 40 |\n| **Total** | **{total}** |\n"
    )
    assert findings(table.format(total="200")) == []
    assert [(line, code) for line, code, _ in findings(table.format(total="210"))] == [
        (8, "SPC103")
    ]


VERSUS = """\
# Speculative decoding results

- HumanEval gains the most (231.2 vs 144.5 tokens/s, {humaneval}): code repeats.
- MBPP: 190.8 vs 144.5 tokens/s, +32 %.
"""


def test_a_change_after_two_figures_compared_with_vs() -> None:
    # 231.2 / 144.5 − 1 = 60 %; 190.8 / 144.5 − 1 = 32 %.
    assert findings(VERSUS.format(humaneval="+60 %")) == []
    [(line, code, message)] = findings(VERSUS.format(humaneval="+50 %"))
    assert (line, code) == (3, "SPC102")
    assert message.startswith("(231.2 / 144.5 tokens/s) − 1 = 60%; stated 50 %")


TRANSFER = """\
# Replica recovery

- Recovery copies the RAM image and the index file: 48.2 + 140 = 188.2 GB.
- Recovery transfer time (188.2 GB at the 25 Gbps line rate): {recovery}
- Activation hand-off per stage boundary: 4,096 × 8,192 × 2 B = 67.1 MB
- at 200 Gb/s of EFA that chunk needs {chunk} on the wire
- Reading 12 TB at 1.5 GB/s per node takes 12 TB ÷ (16 × 1.5 GB/s) = 500 s.
"""


def test_a_time_to_move_an_amount_at_a_rate_is_no_shorter_than_line_rate() -> None:
    # 188.2 GB ÷ 3.125 GB/s = 60.2 s; 67.1 MB ÷ 25 GB/s = 2.68 ms; slower is overhead, not wrong.
    assert findings(TRANSFER.format(recovery="60.2 s", chunk="2.7 ms")) == []
    assert findings(TRANSFER.format(recovery="75 s", chunk="3.1 ms")) == []
    found = findings(TRANSFER.format(recovery="7.5 s", chunk="0.34 ms"))
    assert [(line, code) for line, code, _ in found] == [(4, "SPC203"), (6, "SPC203")]
    assert found[0][2].startswith("188.2 GB / 25 Gbps line = 60.2 s; stated 7.5 s matches")
    assert found[1][2].startswith("67.1 MB (line 5) / 200 Gb/s = 2.68 ms; stated 0.34 ms")


PARAM_PARTS = """\
# Mixtral-8x7B weights in FP8

- Linear weights: 32 × (41,943,040 + 8 × 176,160,768) = 46,439,333,888 params → 46.44 GB.
- Everything else in bf16: 262,410,240 params → 0.52 GB.
- {whole}
"""


def test_linear_weights_and_everything_else_are_parts_of_the_model() -> None:
    # Parts of a split by precision are no model total; the model's own total still is.
    assert findings(PARAM_PARTS.format(whole="Total: 46.70B params.")) == []
    [(line, code, _)] = findings(PARAM_PARTS.format(whole="Total: 52.70B params."))
    assert (line, code) == (5, "SPC103")


TEACHER = """\
# Distilling Gemma-2-27B into Gemma-2-9B

| Key | Gemma-2-9B (student) | Gemma-2-27B (teacher) |
|---|---|---|
| `vocab_size` | 256000 | 256000 |
| `hidden_size` | 3584 | 4608 |
| `num_hidden_layers` | 42 | 46 |
| `num_attention_heads` | 16 | 32 |
| `num_key_value_heads` | 8 | 16 |
| `head_dim` | 256 | 128 |
| `intermediate_size` | 14336 | 36864 |

| Component | Formula | Parameters |
|---|---|---|
| Attention | h·(16·256) + 2·h·(8·256) + (16·256)·h | 44,040,192 |
| MLP | 3 · 3584 · 14336 | 154,140,672 |
| Norms | 4 · 3584 | 14,336 |
| **Per layer** | | **198,195,200** |

The teacher, computed the same way, comes to {teacher} parameters (27.2B).
"""


def test_a_teachers_parameter_count_is_not_the_students() -> None:
    # The document's model is the 9B; the teacher's 27.2B is another model's count.
    assert findings(TEACHER.format(teacher="27,227,128,320")) == []


PER_NODE = """\
# Llama-3.1-8B pretraining on 64 nodes of 8 × H100 SXM

- Cluster throughput: 8,388,608 / 1.95 ≈ 4.30M tokens/s, at 41 % MFU.
- Per node: 4.30M / 64 ≈ 67.2k tokens/s; per GPU ≈ {per_gpu} tokens/s.
"""


def test_a_figure_a_line_calls_per_node_is_not_per_gpu() -> None:
    # 67.2k tokens/s is one node's (8 GPUs); one GPU trains at most 23,617 tokens/s at peak.
    assert findings(PER_NODE.format(per_gpu="8.4k")) == []
    [(line, code, message)] = findings(PER_NODE.format(per_gpu="34k"))
    assert (line, code) == (4, "SPC601")
    assert "at most 23,617 tokens/s per GPU at 100 % of peak; stated 34k tokens/s" in message


FLEET_DAY = """\
# Transcode ingest

Sources at 12 Mbps are 12 × 3,600 / 8 = 5,400 MB = 5.4 GB per hour, i.e. {day} for the
5,250 streams.
"""


def test_a_restatement_far_off_by_no_unit_slip_is_of_another_scope() -> None:
    # 5.4 GB/h is one stream's; 680.4 TB/day is 5,250 of them: no slip makes 5,250×.
    assert findings(FLEET_DAY.format(day="680.4 TB/day")) == []
    [(line, code, message)] = findings(FLEET_DAY.format(day="129.6 TB/day"))
    assert (line, code) == (3, "SPC204")
    assert "5.4 GB per hour = 0.1296 TB/day" in message


PRICES = """\
# Feature store bill

| Item | Price |
|---|---|
| Standard-IA retrieval | $0.01 per GB |
| Lifecycle transition | $0.01 per 1,000 |

Backfills read back about 12,000 GB a month, which adds 12,000 × $0.01 = {fees} in fees.
"""


def test_a_price_also_written_per_a_unit_is_not_read_per_its_count() -> None:
    # "$0.01" is per GB and per 1,000 transitions: the product is not divided by 1,000.
    assert findings(PRICES.format(fees="$120.00")) == []


LEAVES = """\
# On-device budget

≈ 1.05 GB against the ~1.5 GB ceiling leaves ≈ 450 MB for the rest of the app.
"""


def test_what_an_amount_leaves_is_no_restatement_of_it() -> None:
    assert findings(LEAVES) == []


READS = """\
# Llama-3.2-1B decode on a phone

Weights are int4, the KV cache int8.

Each generated token reads the int4 linears (547.4 MB), the int8 embedding table (262.9 MB)
and the KV cache (at 2,048 tokens, 64 MiB = 67.1 MB): ≈ 877.4 MB per token.
"""


def test_a_figure_adding_listed_amounts_is_no_kv_size_per_token() -> None:
    # 547.4 + 262.9 + 67.1 MB = 877.4 MB read per token; the KV size per token is 16.4 KB.
    assert findings(READS) == []
    [(line, code, _)] = findings(READS + "\nKV cache per token: 1 MB.\n")
    assert (line, code) == (8, "SPC501")


BENCH = """\
# Mistral-7B on one NVIDIA L4

Client: `benchmark_serving.py`, random dataset, 512 input / 256 output tokens.

| Config | Concurrency | TTFT p50 (ms) |
|---|---|---|
| FP8 | 1 | {ttft} |

A separate run with 2,048-token prompts (concurrency 1) gave a TTFT p50 of 512 ms.
"""


def test_a_tables_ttft_is_bounded_by_the_shortest_prompt_the_document_states() -> None:
    # 512-token prompts need at least 30 ms at the L4's 242 TFLOPS FP8; 2,048 tokens 123 ms.
    assert findings(BENCH.format(ttft="97")) == []
    [(line, code, message)] = findings(BENCH.format(ttft="20"))
    assert (line, code) == (7, "SPC701")
    assert "× 512 tokens" in message


FLOORS = """\
# Qwen2.5-14B on one H100 SXM

- TPOT floor at batch 1: 29.54 GB / 3.35 TB/s ≈ 8.82 ms.
- Healthy batch-1 TPOT is {tpot} ms.
- Batch 64 at a mean context of 3,000 tokens: each step reads 67.29 GB in all, so the floor
  is ≈ 20.1 ms. Healthy TPOT is 25.5 ms.
"""


def test_a_floor_under_a_long_batch_lead_is_that_batchs() -> None:
    # The 20.1 ms floor is batch 64's (its item's lead says so); batch 1's is 8.82 ms.
    assert findings(FLOORS.format(tpot="10.9")) == []
    [(line, code, _)] = findings(FLOORS.format(tpot="7.0"))
    assert (line, code) == (4, "SPC701")


TPM = """\
# Oversubscription

| Tier | Tenants | TPM each | Sum of TPM |
|---|---|---|---|
| Free | 1,200 | 40,000 | 48,000,000 |
| Pro | 85 | 400,000 | 34,000,000 |
| Enterprise | 4 | 1,000,000 | 4,000,000 |
| **Total** | **1,289** | | **{total}** |
"""


def test_a_round_total_is_as_exact_as_its_parts_show() -> None:
    # Parts to the million add up to 86,000,000: 90,000,000 is not a rounding of it.
    assert findings(TPM.format(total="86,000,000")) == []
    [(line, code, message)] = findings(TPM.format(total="90,000,000"))
    assert (line, code) == (8, "SPC103")
    assert "= 86,000,000; stated 90,000,000" in message
    assert "[89,500,000, 90,500,000]" in message


PLUS_LINE = """\
# Model states

Mixed precision with Adam: BF16 weights (2 B) + BF16 grads (2 B) + FP32 master weights (4 B)
+ Adam first and second moments (4 B + 4 B) = 16 B per parameter. The bf16 weights alone are
8.03B × 2 B = {weights}.

Activations: 2 B + 2 B = {acts} per parameter.
"""


def test_a_plus_opening_a_line_under_a_paragraph_continues_its_sum() -> None:
    # Markdown opens a list at "+ Adam …"; its formula is the tail of the sum above. The
    # item's later lines are read as ever.
    assert findings(PLUS_LINE.format(weights="16.06 GB", acts="4 B")) == []
    found = findings(PLUS_LINE.format(weights="17.06 GB", acts="6 B"))
    assert [(line, code) for line, code, _ in found] == [(5, "SPC101"), (7, "SPC101")]


LABELLED_PRICE = """\
# Unit cost

- the pair costs $2,292.20 per month at 730 hours, $3.14 an hour
- per million output tokens at 360 tok/s: $3.14 / 1.296M ≈ {price}
"""


def test_a_label_pricing_per_million_reads_the_divisor_in_millions() -> None:
    # $3.14 / 1.296M tokens = $2.42 per million.
    assert findings(LABELLED_PRICE.format(price="$2.42")) == []
    [(line, code, message)] = findings(LABELLED_PRICE.format(price="$3.42"))
    assert (line, code) == (4, "SPC101")
    assert "$3.14 / 1.296M = $2.42; stated $3.42" in message


LAST_ADDEND = """\
# Bandwidth check

Per GPU per step: 35.28 GB weights + 64 × 2,005 × 81,920 B ≈ {kv} GB of KV = 45.79 GB.
"""


def test_a_value_after_a_sum_that_is_its_last_addend_restates_it() -> None:
    # 64 × 2,005 × 81,920 B = 10.51 GB; 35.28 + 10.51 = 45.79 GB.
    assert findings(LAST_ADDEND.format(kv="10.51")) == []


KV_SPLIT = """\
# Llama-3.1-70B KV check (FP8 KV cache)

TP=2 per replica; TP=1 does not leave enough KV room and TP=4 wastes bandwidth.

```
per token, whole model : 2 × 80 × 8 × 128 × 1 B = {whole}
per token, per GPU     : 81,920 B
```
"""


def test_a_kv_figure_labelled_per_gpu_is_not_read_as_the_whole_models() -> None:
    # With the split not settled (TP 1, 2 or 4), "per GPU" 81,920 B is not compared whole.
    assert findings(KV_SPLIT.format(whole="163,840 B")) == []
    found = findings(KV_SPLIT.format(whole="327,680 B"))
    assert [(line, code) for line, code, _ in found] == [(6, "SPC101"), (6, "SPC501")]


PER_ROW = """\
# Gemma-2-2B weights on the phone

- embedding/LM head kept in INT8 with per-row scales: 589,824,000 × 1 B = 0.59 GB
- total weights: **1.63 GB**

The LM head has 256,000 rows.
"""


def test_a_per_phrase_after_with_describes_a_format_not_the_figure() -> None:
    assert findings(PER_ROW) == []


def test_a_count_then_what_it_gives_is_no_change() -> None:
    # "4 devices per store → 40 Mbps": 40 Mbps is what four devices draw, not a change of 4.
    text = (
        "# OTA\n\n6 × 10 Mbps = 60 Mbps, i.e. 120 % of the 50 Mbps WAN. Proposal: cap concurrency"
        " at 4 devices per store → 40 Mbps, 80 % of the link.\n"
    )
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("120 %", "83 %"))
    assert (line, code) == (3, "SPC102")


RESTATED_PRODUCT = """\
# 34B parameter total

Model total: 60 layers × 557,856,768 + untied embedding and head 2 × 64,000 × 7,168
(917,504,000) + final norm 7,168 = {total} (34.39B).
"""


def test_a_bracketed_restatement_after_a_product_does_not_start_a_sum() -> None:
    # 60 × 557,856,768 + 917,504,000 + 7,168 = 34,388,917,248; the tail alone is no sum.
    assert findings(RESTATED_PRODUCT.format(total="**34,388,917,248**")) == []


def test_a_count_of_steps_is_not_the_time_they_take() -> None:
    text = "# Checkpoints\n\nCheckpoint interval: every 500 steps = 500 × 4.27 s ≈ {t} min.\n"
    assert findings(text.format(t="35.6")) == []
    [(line, code, _)] = findings(text.format(t="45.6"))
    assert (line, code) == (3, "SPC101")


def test_a_size_before_a_device_name_is_the_devices_memory() -> None:
    # "an 80 GB H100" is the card; the 16 GB of weights are the model's.
    text = "# Llama-3.1-8B\n\nThat fits next to {w} of BF16 weights on an 80 GB H100.\n"
    assert findings(text.format(w="16 GB")) == []
    [(line, code, message)] = findings(text.format(w="24 GB"))
    assert (line, code) == (3, "SPC501")
    assert "stated 24 GB" in message


BACKUPS = """\
# Backup storage

| item | size |
|---|---|
| 14 days of compressed WAL (14 × 0.594 TB) | 8.316 TB |
| full backup, compressed (4.2 TB ÷ 3.2) | 1.3125 TB |
| two full backups | 2.625 TB |
| **total** | **{total}** |
"""


def test_a_row_the_next_row_counts_in_words_is_a_detail() -> None:
    # "two full backups" counts the "full backup" row: 8.316 + 2.625 = 10.941 TB.
    assert findings(BACKUPS.format(total="10.941 TB")) == []
    [(line, code, message)] = findings(BACKUPS.format(total="11.941 TB"))
    assert (line, code) == (8, "SPC103")
    assert "1.3125" not in message


DECODE = """\
# StarCoder2-15B on one A100 80GB (bf16)

**Decode.** One step reads all weights once: 32 GB ÷ 2.039 TB/s = 15.7 ms, so TPOT cannot go
below ~15.7 ms at batch 1.

- CUDA graphs cut TPOT by 3.9 ms (16.9 %).
- {measured}
"""


def test_a_floor_said_in_words_and_a_cut_by_are_no_tpot_claims() -> None:
    assert findings(DECODE.format(measured="Measured TPOT at batch 1: 19.2 ms.")) == []
    [(line, code, _)] = findings(DECODE.format(measured="Measured TPOT at batch 1: 9.2 ms."))
    assert (line, code) == (7, "SPC701")


PER_GPU_HEADING = """\
# Qwen2.5-72B INT8 on 4 × L40S

TP=4; the INT8 checkpoint keeps the embedding and LM head in BF16.

## Memory layout per GPU

- embedding + LM head, BF16: 2 × 152064 × 8192 × 2 B = {emb}
"""


def test_a_formula_that_divides_by_nothing_is_the_whole_under_a_per_gpu_heading() -> None:
    assert findings(PER_GPU_HEADING.format(emb="4.98 GB")) == []
    [(line, code, _)] = findings(PER_GPU_HEADING.format(emb="5.98 GB"))
    assert (line, code) == (7, "SPC101")


def test_a_per_unit_figure_after_the_total_on_its_line_is_not_its_part() -> None:
    text = (
        "# Hall power\n\nThe hall holds a 64-node cluster; each 8-node pod shares a PDU.\n\n"
        "- DGX H100 maximum system power: 10.2 kW. Jobs average 80 % of that, 8.16 kW per node.\n"
    )
    assert findings(text) == []


OTHER_MODEL = """\
# Llama-3.2-3B fine-tune on 8 × A10G

`meta-llama/Llama-3.2-3B`: hidden 3072, 28 layers, 24 query heads and 8 KV heads of dim 128,
FFN 8192 (SwiGLU), vocab 128256, **tied** embedding and LM head.

| Piece | Parameters |
|---|---|
| Attention per layer: 2 × 3072 × 3072 + 2 × 3072 × 1024 | 25,165,824 |
| MLP per layer: 3 × 3072 × 8192 | 75,497,472 |
| 28 layers | 2,818,744,320 |
| Embedding (shared with LM head): 128256 × 3072 | 394,002,432 |

For scale: the same recipe for Llama-3.1-8B ({params} parameters) needs 128.5 GB of states.
"""


def test_a_count_named_for_another_model_is_that_models() -> None:
    assert findings(OTHER_MODEL.format(params="8.03B")) == []


SHARE_OF_TOTAL = """\
# Llama-3.2-3B parameters

| Piece | Parameters |
|---|---|
| Attention per layer | 25,165,824 |
| MLP per layer | 75,497,472 |
| Norms per layer | 6,144 |
| 28 layers | 2,818,744,320 |
| Embedding (shared with LM head) | 394,002,432 |
| Final norm | 3,072 |
| **Total** | **3,212,749,824** |

The shared embedding is {pct} of all parameters.
"""


def test_a_share_that_the_total_row_gives_is_read_against_it() -> None:
    # 394,002,432 / 3,212,749,824 = 12.3 %: the Total counts the per-layer rows 28 times.
    assert findings(SHARE_OF_TOTAL.format(pct="12.3 %")) == []
    [(line, code, _)] = findings(SHARE_OF_TOTAL.format(pct="15.3 %"))
    assert (line, code) == (13, "SPC102")


ZERO2 = """\
# FSDP options

Per GPU that moves about 3 × 7/8 × 6.43 GB ≈ 16.9 GB per micro-step, so about 135 GB per
optimizer step (8 micro-steps).

1. `SHARD_GRAD_OP` (ZeRO-2 style, weights kept whole): 6.43 GB of BF16 weights per GPU
"""


def test_a_figure_per_gpu_under_a_label_saying_whole_is_no_total() -> None:
    assert findings(ZERO2) == []


VECTORS = """\
# Shard layout

Per shard the raw vectors take 20M × 3,072 B = {raw}, and a 128K context is 131,072 tokens.

Moving a shard copy streams its 61.44 GB of vectors between nodes.
"""


def test_a_count_of_millions_is_not_read_as_binary_unless_a_power_of_two() -> None:
    # 20M × 3,072 B = 61.44 GB (57.22 GiB): "20M" is never 20 × 2^20; "128K" may be 2^17.
    assert findings(VECTORS.format(raw="61.44 GB")) == []
    [(line, code, message)] = findings(VECTORS.format(raw="61.44 GiB"))
    assert (line, code) == (3, "SPC202")
    assert "= 57.22 GiB (61.44 GB)" in message
