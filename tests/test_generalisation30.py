"""Shapes the lead found on held-out sets in session 22. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from speclint.domain.facts import FactSet
from speclint.domain.statements import Statement
from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

from .conftest import findings


def _facts(text: str) -> FactSet:
    return build_domain(analyze(text), DEFAULT_SETTINGS).facts


def _codes(text: str) -> list[tuple[int, str]]:
    return [(line, code) for line, code, _ in findings(text)]


PREFILL = """\
# Llama-3.1-8B-Instruct on L40S and L4

The candidates are `g6e.xlarge` (1 × L40S 48GB) and `g6.xlarge` (1 × L4 24GB), in bf16 and FP8.

| | |
|---|---|
| Model | `meta-llama/Llama-3.1-8B-Instruct` (8.03B params) |

## Prefill

Prefill of one 4,096-token prompt costs 2 × 8.03e9 × 4096 ≈ 6.58e13 FLOPs,
so TTFT at 100 % MFU would be {ttft} ms on the L40S in bf16 and 290 ms on the L4 in FP8.
"""


def test_a_latency_at_100_percent_mfu_is_checked_against_the_peak_only() -> None:
    # 61.6 TFLOP ÷ 362 TFLOPS = 170 ms at peak: 182 ms at 100 % MFU is no claim of speed.
    assert findings(PREFILL.format(ttft="182")) == []
    [(line, code, message)] = findings(PREFILL.format(ttft="90"))
    assert (line, code) == (12, "SPC701")
    assert "needs at least 170 ms at 100 % of peak" in message


QUEUES = """\
# Summariser queues

## Config

`batch_size: 8` applies to the legal queue only. the chat queue keeps batch 32 at 4k.

- Layers: 32

## Later

- Layers: {layers}
"""


def test_two_values_of_a_fact_on_one_line_are_two_things_not_a_conflict() -> None:
    assert findings(QUEUES.format(layers="32")) == []
    assert list(_facts(QUEUES.format(layers="32")).conflicts()) == []
    [(line, code, message)] = findings(QUEUES.format(layers="40"))
    assert (line, code) == (11, "SPC302")
    assert message.startswith("layers is 40 here but 32 on line 7")


DISTILL = """\
# Distillation compute

$$
C_{{t}} = 2 × 27.23\\text{{B}} × 231\\text{{B}} \\approx 1.26 \\times 10^{{22}}\\ \\text{{FLOPs}}
$$

$$
C_{{s}} = 6 × 2.61\\text{{B}} × 231\\text{{B}} \\approx 3.62 \\times 10^{{21}}\\ \\text{{FLOPs}}
$$

The distillation run needs {total} FLOPs in all.
"""


def test_a_total_whose_digits_swap_a_parts_is_no_restatement_of_it() -> None:
    # 1.26e22 + 3.62e21 = 1.62e22: the total is right, and only looks like a swap of the part.
    assert findings(DISTILL.format(total="the total 1.62e22")) == []
    [(line, code, message)] = findings(DISTILL.format(total="1.62e22 for the teacher,"))
    assert (line, code) == (11, "SPC302")
    assert "restated with two adjacent digits swapped" in message


HEADS = """\
# Llama-3.1-405B KV budget

Llama-3.1-405B: 126 layers, d_model 16,384, 128 query / 8 KV heads of 128, FFN 53,248.

KV cache per token in bf16: 2 × 126 × 8 × 128 × 2 B = {kv} B.
"""


def test_the_number_after_counted_heads_is_their_size_not_their_count() -> None:
    assert findings(HEADS.format(kv="516,096")) == []
    codes = _codes(HEADS.format(kv="1,032,192"))
    assert codes == [(5, "SPC101"), (5, "SPC501")]
    [memory] = [m for _, code, m in findings(HEADS.format(kv="1,032,192")) if code == "SPC501"]
    assert "× 8 KV heads × 128 head dim × 126 layers" in memory


def test_counts_in_a_sentence_comparing_two_models_are_neither_ones_facts() -> None:
    text = (
        "# Retire NeoX\n\nArchitecture: 44 layers, hidden 6144, 64 heads (MHA, head dim 96).\n\n"
        "- KV per token: 2 × 44 × 64 × 96 × 2 B = 1,081,344 B (no GQA).\n"
        "- The successor's KV is far smaller thanks to GQA (8 KV heads of 128 vs 64 of 96).\n"
    )
    assert "kv_heads" not in _facts(text).facts
    assert findings(text) == []


FLEET = """\
# Llama-3.1-70B batch tier

Each replica is one 8× H100 SXM node at TP8, serving Llama-3.1-70B in BF16. Measured decode
throughput at batch 64 is 2,900 tok/s per node.

## Fleet for the nightly batch tier

Target: 5B output tokens/day = 57,870 tok/s sustained.

- Nodes: 57,870 / 2,900 = {nodes} → 20 nodes.
"""


def test_a_fleet_target_is_not_bounded_by_one_replicas_gpus() -> None:
    assert findings(FLEET.format(nodes="20.0")) == []
    [(line, code, _)] = findings(FLEET.format(nodes="18.0"))
    assert (line, code) == (10, "SPC101")


DISKS = """\
# Log cluster disks

| Item | Value |
|---|---|
| Nodes | 6 |
| Data disk per node | 7.68 TB NVMe |
| Raw capacity | 46.08 TB |

Per node that is 4.61 TB of the 7.68 TB disk, i.e. {share} % of raw disk.
"""


def test_a_share_whose_sentence_names_part_and_whole_is_read_from_them_alone() -> None:
    assert findings(DISKS.format(share="60")) == []
    [(line, code, message)] = findings(DISKS.format(share="70"))
    assert (line, code) == (9, "SPC102")
    assert message.startswith("4.61 TB / 7.68 TB disk = 60%")


OOM = """\
# KV cache OOM follow-up

We serve Llama-3.1-8B in BF16 on one H100 SXM 80GB.

| # | Action | Owner |
|---|---|---|
| 1 | Add a startup check: `batch × max_len × 128 KiB + weights` must fit in 90 % of HBM | dev.k |

The weights take 16.06 GB, which is {share} % of the card.
"""


def test_a_factor_of_a_formula_is_no_part_of_a_share_of_the_card() -> None:
    assert findings(OOM.format(share="20")) == []
    [(line, code, message)] = findings(OOM.format(share="30"))
    assert (line, code) == (9, "SPC501")
    assert "16.1 GB ÷ 80 GB" in message


PREFILL_EXAMPLE = """\
# Qwen2.5-72B prefill

- Max model len: 32768

**Prefill.** A prompt of s tokens costs about 2·P·s FLOPs. For s = 8,192 that is
2 × 72.71e9 × 8192 = {flops}.

## Chat tier

- Max model len: 32768
"""


def test_a_value_supposed_for_a_worked_example_is_no_conflicting_fact() -> None:
    assert findings(PREFILL_EXAMPLE.format(flops="1.191e15")) == []
    assert _codes(PREFILL_EXAMPLE.format(flops="2.382e15")) == [(6, "SPC101")]


def test_a_rate_restated_per_gpu_is_the_gpus_together() -> None:
    text = (
        "# LoRA pool\n\nThe pool runs six A100 80GB replicas of Llama-3.1-8B in bf16, one GPU "
        "each, no TP.\n\nMean prefill is 22.0 × 1,400 = {total} tok/s, or 5,133 per GPU, which "
        "the A100 absorbs with chunked\nprefill.\n"
    )
    assert findings(text.format(total="30,800")) == []
    assert _codes(text.format(total="31,800")) == [(5, "SPC101")]


PRETRAIN = """\
# Pretraining run for Llama-3.1-8B

We train Llama-3.1-8B on H100 SXM (989 TFLOPS dense bf16) at 41 % MFU, measured on 512 GPUs.

- per-GPU throughput: ≈ 8,416 tokens/s ({total} tokens/s across 1,024 GPUs)
"""


def test_a_rate_across_the_gpus_it_names_is_theirs() -> None:
    assert findings(PRETRAIN.format(total="8.6M")) == []
    [(line, code, message)] = findings(PRETRAIN.format(total="86M"))[:1]
    assert (line, code) == (5, "SPC301")
    assert "8,416 tokens/s (line 5) × 1,024 GPUs (line 5) = 8.6M tokens/s" in message


WEIGHTS = """\
# Llama-3.1-8B on L40S

We benchmark Llama-3.1-8B-Instruct on one L40S, with FP8 weights (`--quantization fp8`).

Weights: {bf16} GB in bf16 (14.96 GiB), 8.03 GB in FP8 (7.48 GiB).
"""


def test_a_weights_figure_is_read_at_the_precision_written_after_it() -> None:
    assert findings(WEIGHTS.format(bf16="16.06")) == []
    [(line, code, message)] = findings(WEIGHTS.format(bf16="24.09"))
    assert (line, code) == (5, "SPC501")
    assert "total parameters × 2 bytes (bf16)" in message


def test_a_precision_its_label_names_beats_one_in_brackets_after_the_figure() -> None:
    text = (
        "# Llama-3.1-8B\n\nWe serve Llama-3.1-8B on one L40S.\n\n"
        "- FP8 weights: 8.03 GB (BF16 would be 16.06 GB)\n"
    )
    assert findings(text) == []


SIZES = """\
# Mixtral-8x7B sizes

| Component | Params |
|---|---|
| attention per layer (32 q / 8 kv heads) | 41,943,040 |
| one expert (3 × 4096 × 14336) | 176,160,768 |
| router per layer | 32,768 |
| embeddings + LM head | 262,144,000 |
| **total** | **46.70B** |
"""

PER_GPU_MEMORY = """\
# Memory per GPU

| Part (per GPU) | GB |
|---|---|
| Weights per GPU | 35.3 |
| KV cache per GPU | 28.0 |
| Activations per GPU | 4.0 |
| **Total** | **{total}** |
"""


def test_a_model_total_under_rows_per_layer_and_per_expert_is_no_sum_of_them() -> None:
    assert findings(SIZES) == []


def test_a_total_of_rows_of_one_scope_is_still_their_sum() -> None:
    assert findings(PER_GPU_MEMORY.format(total="67.3")) == []
    [(line, code, message)] = findings(PER_GPU_MEMORY.format(total="69.3"))
    assert (line, code) == (8, "SPC103")
    assert message.startswith("35.3 (line 5) + 28.0 (line 6) + 4.0 (line 7)")


DECODE = """\
# Llama-3.1-70B FP8 on one H200

One replica serves Llama-3.1-70B with FP8 weights on one H200 (4.8 TB/s). Each decode step
streams all 70.6 GB of weights.

- batch 1: TPOT ≥ 70.6 GB / 4.8 TB/s = 14.7 ms, i.e. at most 68 tok/s. We measure 58 tok/s
  (TPOT {tpot} ms), 85 % of the bound.
- batch 48 at 4k context: the step also reads 48 × 4,096 × 160 KiB = 30 GiB of KV, so it moves
  102.8 GB and takes ≥ 21.4 ms. Measured TPOT is 30 ms.
"""


def test_a_floor_derived_at_another_batch_does_not_bound_a_tpot() -> None:
    assert findings(DECODE.format(tpot="17.2")) == []
    [(line, code, message)] = findings(DECODE.format(tpot="12.0"))
    assert (line, code) == (7, "SPC701")
    assert "the per-step floor the document derives on line 6 (14.7 ms)" in message


PILOT = """\
# Llama-3.1-8B pretraining budget

- Model: Llama-3.1-8B (8.03B parameters)
- Training tokens: 2T
- GPUs: 64 H100 SXM for the pilot
- MFU: 40 %

The full run moves to a bigger reservation. {sentence} hours of wall clock.
"""


def test_a_training_time_on_the_gpus_its_sentence_names_is_not_read_on_the_pilots() -> None:
    # 6 × 8.03e9 × 2e12 ÷ (512 × 989e12 × 0.40) = 132 h; on the pilot's 64 GPUs it is 1,057 h.
    assert findings(PILOT.format(sentence="On 512 GPUs the run takes 132")) == []
    [(line, code, message)] = findings(PILOT.format(sentence="The run takes 132"))
    assert (line, code) == (8, "SPC704")
    assert "(64 GPUs × 989 TFLOPS × MFU 40 % (line 6))" in message


RESTARTS = """\
# Restart budget

- **Node failures.** The pilot lost 2.4 hours per 1,000 node-hours to restarts. On 128 nodes
  for ~900 h that is about 276 node-hours lost.
"""


def test_a_product_in_words_after_a_rate_per_its_unit_may_apply_the_rate() -> None:
    assert findings(RESTARTS) == []
    text = "# Reservation\n\nOn 128 nodes for ~900 h that is about 276 node-hours.\n"
    [(line, code, _)] = findings(text)
    assert (line, code) == (3, "SPC101")


PLACEMENT = """\
# Expert placement

Each GPU holds 64/4 = 16 experts per layer:

- expert weights per GPU: $16 \\times 16 \\times 6.29\\text{{M}} = 1.61\\text{{B}}$ params = 3.22 GB
- non-expert weights replicated on every GPU: 0.95 GB
- total weights per GPU: {total} GB, leaving most of the 24 GB for KV
"""


def test_a_list_items_math_restated_on_its_line_is_not_the_items_value() -> None:
    assert findings(PLACEMENT.format(total="4.17")) == []


def test_a_result_that_is_the_whole_a_share_is_of_is_no_share() -> None:
    text = (
        "# Llama-3.1-405B on one H200 node\n\nFor comparison, bf16 would be 2 × 405.85B = "
        "811.7 GB, 72 % of the node's 8 × 141 = {whole} GB before\nany KV cache.\n"
    )
    assert findings(text.format(whole="1,128")) == []
    [(line, code, message)] = findings(text.format(whole="1,228"))
    assert (line, code) == (3, "SPC102")
    assert "72 % of the node's 8 × 141" in message


POOL = """\
# Speculative decoding benchmark

| Hardware | 1× HGX H100 node, 4 of 8 GPUs used |
|---|---|

KV cache per token:

- draft: 2 × 32 × 8 × 128 × 2 B = 131,072 B = {kib} KiB, i.e. 32 KiB per GPU
"""


def test_the_pool_a_count_of_gpus_is_part_of_is_not_the_systems_count() -> None:
    assert findings(POOL.format(kib="128")) == []
    assert _codes(POOL.format(kib="256")) == [(8, "SPC201")]


def test_a_number_in_a_compound_word_is_no_quantity_to_restate() -> None:
    text = (
        "# ZeRO-2 memory check\n\nDeepSpeed's estimator prints `30.14GB`, but that number is "
        "2^30-based, i.e. {gib} GiB = 32.37 GB.\n"
    )
    assert findings(text.format(gib="30.14")) == []
    assert _codes(text.format(gib="31.14")) == [(3, "SPC201")]


def test_a_duration_at_a_rate_is_their_product() -> None:
    text = "# Incident\n\n- Requests served in the window: 47 min at 1,240 req/s = {n} requests\n"
    assert findings(text.format(n="3,496,800")) == []
    [(line, code, message)] = findings(text.format(n="349,680"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("47 min at 1,240 req/s = 3,496,800 requests")


SPEEDUP = """\
# Speculative decoding

Speculation raised throughput on chat traffic from 77.5 tok/s to 137.3 tok/s, a {gain}× gain.
Latency fell from 400 ms to 200 ms, a {cut}× reduction.
"""


def test_a_multiple_after_a_change_from_one_value_to_another_is_their_ratio() -> None:
    assert findings(SPEEDUP.format(gain="1.77", cut="2")) == []
    found = findings(SPEEDUP.format(gain="1.94", cut="3"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC101"), (4, "SPC101")]
    assert found[0][2].startswith("137.3 tok/s / 77.5 tok/s = 1.77×; stated 1.94× gain")
    assert found[1][2].startswith("400 ms / 200 ms = 2×; stated 3× reduction")


def test_a_sentence_opening_with_that_is_restates_the_figure_before_it() -> None:
    text = (
        "# Calendar\n\nOn 2,048 GPUs: 2,636,622 ÷ 2,048 = 1,287 hours of wall clock.\n"
        "That is {days} days if nothing goes wrong.\n"
    )
    assert findings(text.format(days="53.6")) == []
    [(line, code, message)] = findings(text.format(days="64.4"))
    assert (line, code) == (4, "SPC201")
    assert message.startswith("1,287 hours = 53.6 days; stated 64.4 days")


RUNBOOK = """\
# Runbook: chat-13b on A100 40GB

From `config.json` of `meta-llama/Llama-2-13b-chat-hf`:

```yaml
hidden_size: 5120
intermediate_size: 13824
num_hidden_layers: 40
num_attention_heads: 40
num_key_value_heads: 40
vocab_size: 32000
torch_dtype: float16         # we serve in bfloat16
```

Engine: `vllm serve ... --dtype bfloat16 --tensor-parallel-size 2` on 2 × A100-SXM4-40GB.

Decode is memory-bound: each GPU streams its half of the weights, 13.02 GB, every step.

- Measured on staging, batch 1: {rate} tokens/s per stream.

## {heading}

- Moving to A100 80GB: the pool grows by much more than 2×.
"""


def test_two_precisions_of_one_width_give_the_weights_their_bytes() -> None:
    # fp16 in config.json, bf16 on the command line: 2 bytes either way.
    assert findings(RUNBOOK.format(rate="95", heading="When to redo this page")) == []
    [(line, code, message)] = findings(RUNBOOK.format(rate="142", heading="When to redo this page"))
    assert (line, code) == (19, "SPC601")
    assert "decode at batch 1 × 1.555 TB/s ÷ 25.38 GB of weights read per step" in message


def test_a_device_named_only_under_when_to_redo_is_no_deployment_device() -> None:
    # Under a plain heading the A100 80GB makes the device unsure: its 2.039 TB/s is taken.
    [(line, code, message)] = findings(RUNBOOK.format(rate="142", heading="Notes"))
    assert (line, code) == (19, "SPC602")
    assert "2.039 TB/s" in message


CEILINGS = """\
# Decode benchmark

Llama-3.1-70B in bf16, batch 1, 2,048-token prompt.

| Config | Weights per GPU | Floor per step | Ceiling | Measured |
|---|---|---|---|---|
| A (MI300X) | 70.55 GB | 13.31 ms | 75.1 tok/s | {measured} tok/s |
| B (2 × H100) | 35.28 GB | 10.53 ms | 95.0 tok/s | 71 tok/s |
"""


def test_a_rate_above_the_ceiling_its_row_states_is_reported() -> None:
    assert findings(CEILINGS.format(measured="62")) == []
    [(line, code, message)] = findings(CEILINGS.format(measured="81"))
    assert (line, code) == (7, "SPC601")
    assert message.startswith("its row: the ceiling its row states on line 7, 75.1 tok/s")


POOL_TOKENS = """\
# KV budget

- KV pool: 72.00 − 30.00 − 2.00 = 40.00 GiB

KV cache per token is 2 × 32 × 8 × 128 × 2 B = 131,072 B = 128 KiB.
At 128 KiB per token the pool holds about {tokens} tokens.
"""


def test_the_tokens_a_pool_holds_in_a_sentence_after_a_line_break() -> None:
    assert findings(POOL_TOKENS.format(tokens="330k")) == []
    [(line, code, message)] = findings(POOL_TOKENS.format(tokens="250k"))
    assert (line, code) == (6, "SPC101")
    assert message.startswith("40.00 GiB (line 3) / 128 KiB per token = 328k tokens")


def test_a_percentage_before_a_difference_of_plain_numbers_is_no_share() -> None:
    text = (
        "# Cassandra disk headroom\n\nEach segment touches about 3,615.8 GB / 64 = 56.5 GB, so "
        "repair stays small against the\n2.41 TB of headroom left below 80% (6.144 − 3.73).\n"
    )
    assert findings(text) == []
    # "1 − 0.2" is a complement: still a share.
    assert _codes("# Cache\n\nThe miss rate is 70 % (1 − 0.2).\n") == [(3, "SPC102")]


def test_a_named_whole_the_part_is_many_times_is_another_whole() -> None:
    text = (
        "# Serving plan\n\nOne full 8,192-token sequence takes 8,192 × 376,832 B = 3.09 GB across "
        "the pair, so the pool holds\n29 of them at worst case. With 64 sequences at a p99 "
        "context of 3,600 tokens,\n64 × 3,600 = 230,400 tokens, 95 % of the pool.\n"
    )
    assert findings(text) == []


def test_a_total_named_by_a_unit_adds_the_rows_that_name_it() -> None:
    table = (
        "# LoRA sweep cost\n\n| | H100 SXM | A100 SXM 80GB |\n|---|---|---|\n"
        "| on-demand $/GPU-h | 2.99 | 1.79 |\n| effective TFLOP/s at 35% MFU | 346.15 | 109.2 |\n"
        "| sweep + final GPU-hours | 45.9 | 145.6 |\n| eval GPU-hours | 20.0 | 20.0 |\n"
        "| total GPU-hours | 65.9 | {total} |\n"
    )
    assert findings(table.format(total="165.6")) == []
    [(line, code, message)] = findings(table.format(total="175.6"))
    assert (line, code) == (9, "SPC103")
    assert message.startswith("145.6 (line 7) + 20.0 (line 8) = 165.6")


IMPACT = """\
# Impact

The cluster did no useful work from 02:41 to 05:20, which is 2 h 39 min = {hours} h.

| GPUs | 512 × H100 SXM 80GB (64 nodes × 8) |
|---|---|
"""


def test_a_duration_in_two_units_is_their_sum() -> None:
    assert findings(IMPACT.format(hours="2.65")) == []
    [(line, code, message)] = findings(IMPACT.format(hours="2.39"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("2 h 39 min = 2.65 h")


def _statement(text: str, line: int) -> Statement:
    [found] = [
        s for s in build_domain(analyze(text), DEFAULT_SETTINGS).statements if s.line == line
    ]
    return found


def test_four_bit_weights_are_int4() -> None:
    text = "# Serving\n\nThe model is `Qwen/Qwen2.5-32B-Instruct-AWQ` (4-bit weights, group 128).\n"
    assert _facts(text).get("weight_dtype").value == "int4"  # type: ignore[union-attr]


def test_a_kv_size_in_a_sentence_that_supposes_another_layout_is_hedged() -> None:
    text = (
        "# MLA cache\n\nIf the same model cached per-head K and V, its KV cache would be\n"
        "27 × 16 × 320 × 2 = 276,480 B per token.\n\n"
        "Its KV cache is 27 × 16 × 320 × 2 = 276,480 B per token.\n"
    )
    assert (_statement(text, 4).kind, _statement(text, 4).hedged) == ("kv-per-token", True)
    assert (_statement(text, 6).kind, _statement(text, 6).hedged) == ("kv-per-token", False)


def test_a_label_that_starts_inside_a_bracket_is_read_after_it() -> None:
    text = (
        "# Gemma-2-27B on 2 × H100\n\nWith TP = 2 (vocab-parallel\nembedding, column/row-parallel "
        "linears) each GPU holds half: ≈ 27.23 GB = 25.36 GiB.\n"
    )
    assert all(
        s.part != "embeddings" for s in build_domain(analyze(text), DEFAULT_SETTINGS).statements
    )


def test_a_count_of_one_moe_layer_or_one_rank_is_a_part_of_the_model() -> None:
    text = (
        "# Sizes\n\nOne MoE layer is then 584,847,872 params (attention + router + experts).\n\n"
        "Each rank owns P/8 = 4.066B parameters.\n\nThe model has 15.7B parameters.\n"
    )
    scopes = [(s.line, s.scope) for s in build_domain(analyze(text), DEFAULT_SETTINGS).statements]
    assert scopes == [(3, "part"), (5, "part"), (7, "")]


def test_a_flow_restated_after_where_it_goes_is_checked() -> None:
    text = (
        "# Kafka tiered storage\n\n- Remote-log uploads follow the write rate: 420 MB/s to S3 "
        "is about {gbps} Gbps of egress.\n"
    )
    assert findings(text.format(gbps="3.36")) == []
    [(line, code, message)] = findings(text.format(gbps="0.42"))
    assert (line, code) == (3, "SPC203")
    assert message.startswith("420 MB/s = 3.36 Gbps; stated 0.42 Gbps matches only with bits")


def test_an_exponent_written_in_latex_text_is_the_numbers() -> None:
    text = (
        "# Step FLOPs\n\n- $6ND = 6 \\times 405.85\\text{{e9}} \\times 8{{,}}388{{,}}608 = "
        "{flops} \\times 10^{{19}}$\n"
    )
    assert findings(text.format(flops="2.04")) == []
    [(line, code, message)] = findings(text.format(flops="1.02"))
    assert (line, code) == (3, "SPC101")
    assert "405.85e9" in message and "= 2.04 \\times 10^{19}" in message


def test_a_flops_figure_counts_the_devices_of_its_own_product() -> None:
    text = (
        "# Cluster procurement\n\n- Nodes: 64 HGX H100 (8 GPUs each).\n- GPUs: 64 × 8 = 512.\n"
        "- Aggregate FP8 (dense): 512 × 1,979 TFLOPS ≈ {pflops} PFLOPS.\n"
    )
    assert findings(text.format(pflops="1,013")) == []
    assert _codes(text.format(pflops="2,013")) == [(5, "SPC101"), (5, "SPC601")]


def test_a_fleets_gpu_count_is_no_layout_for_a_tpot_too_slow() -> None:
    text = (
        "# Mixtral-8x7B on H100 and MI300X\n\nMixtral-8x7B-Instruct in bf16.\n\n"
        "| | H100 | MI300X |\n|---|---|---|\n| GPUs | 30 | 21 |\n"
        "| HBM bandwidth | 3.35 TB/s | 5.3 TB/s |\n\n"
        "At batch 128, TPOT and throughput agree: 128 / 29.8 ms ≈ 4,295 tok/s.\n"
    )
    assert findings(text) == []


def test_layer_counts_of_an_encoder_and_a_decoder_are_no_decoder_only_model() -> None:
    text = (
        "# Whisper sanity check\n\nlarge-v3 is d_model 1280, 32 encoder + 32 decoder layers, 20 "
        "heads, FFN 5120, vocab 51866. That's\n1,543,490,560 params (637.0 M encoder, 906.5 M "
        "decoder), 3.09 GB in FP16.\n"
    )
    assert findings(text) == []
    assert "layers" not in _facts(text).facts


def test_bytes_per_token_are_kv_only_when_their_sentence_says_so() -> None:
    text = (
        "# Llama-3.2-3B on the edge\n\nWe run Llama-3.2-3B with 4-bit weights on one board.\n\n"
        "At batch 1 every generated token reads all quantised linear weights plus the FP16 LM "
        "head once,\nabout 2.24 GB per token. Ignoring the (small) KV reads, 102 GB/s gives at "
        "most 45 tok/s.\n"
    )
    assert findings(text) == []


LAYERS = """\
# Gemma-2-9B size

| Part | Parameters |
|---|---|
| attention per layer | 44,040,192 |
| MLP per layer (3 × 3584 × 14336) | 154,140,672 |
| four RMSNorms per layer | 14,336 |
| one layer | 198,195,200 |
| 42 layers | 8,324,198,400 |
| embedding (256,000 × 3584, tied) | 917,504,000 |
| final norm | 3,584 |
| **total** | **{total}** |
"""


def test_one_layer_and_its_parts_are_details_of_the_row_that_counts_layers() -> None:
    assert findings(LAYERS.format(total="9,241,705,984")) == []
    [(line, code, message)] = findings(LAYERS.format(total="9,341,705,984"))
    assert (line, code) == (12, "SPC103")
    assert message.startswith("8,324,198,400 (line 9) + 917,504,000 (line 10) + 3,584 (line 11)")


def test_a_unit_after_a_bracketed_factor_before_its_result_is_the_factors() -> None:
    text = (
        "# Checkpoint\n\nper param we save bf16 weights (2), fp32 master (4), Adam m (4), Adam v "
        "(4):\n8.03B params × (2 + 4 + 4 + 4) B = {gb} GB per checkpoint.\n"
    )
    assert findings(text.format(gb="112.4")) == []
    [(line, code, message)] = findings(text.format(gb="96.4"))
    assert (line, code) == (4, "SPC101")
    assert message.startswith("8.03B params × (2 + 4 + 4 + 4) B = 112.4 GB")


KV_ASIDE = """\
# Mixtral-8x22B on H200

We serve Mixtral-8x22B with bf16 weights.

Mei asked whether we should leave headroom for a future FP8 KV cache; agreed to revisit later.

## KV cache

Per token, all GPUs together: 2 × 56 × 8 × 128 × 2 B = {kv} B (224 KiB).
"""


def test_a_kv_precision_said_only_of_a_future_setup_widens_the_reading() -> None:
    assert findings(KV_ASIDE.format(kv="229,376")) == []
    found = findings(KV_ASIDE.format(kv="329,376"))
    # The bracketed 224 KiB holds with the corrected 229,376 B: the restatement is the wrong
    # figure's cascade, not a finding of its own.
    assert [(line, code) for line, code, _ in found] == [(9, "SPC101"), (9, "SPC501")]
    assert "× 1–2 bytes" in found[1][2]


def test_a_bare_formula_stated_in_prefixed_bits_is_read_in_bits() -> None:
    text = "# CDN\n\ne.g. 18,000 TB → 18,000 × 8 × 10^12 / 2.592 × 10^6 = {gbps} Gbps.\n"
    assert findings(text.format(gbps="55.6")) == []
    [(line, code, message)] = findings(text.format(gbps="65.6"))
    assert (line, code) == (3, "SPC101")
    assert message.endswith("(the formula has no unit, so it is read in bps (Gbps unprefixed))")


def test_a_time_added_to_a_step_is_no_tpot() -> None:
    text = (
        "# Llama-3.1-405B on H200\n\nEach decode step reads the 50.73 GB weight shard on every "
        "GPU: 50.73 / 4,800 GB/s = 10.6 ms per step.\nKV reads add on top: the BF16 KV read per "
        "step is almost the whole 70.17 GB pool per GPU, another\n14.6 ms, so TPOT lands above "
        "25 ms when the pool is full.\n"
    )
    assert findings(text) == []


def test_kv_bytes_read_per_token_over_a_context_are_no_kv_size_per_token() -> None:
    text = (
        "# Gemma-2-2B on a laptop\n\nKV per token in fp16: 2 × 26 layers × 4 KV heads × 256 × 2 B "
        "= 106,496 B (104 KiB). Per-token KV reads\nat 2k context add 218 MB to the 1.348 GB "
        "streamed per step.\n"
    )
    assert findings(text) == []
    assert _codes(text.replace("106,496 B", "206,496 B"))[:2] == [(3, "SPC101"), (3, "SPC501")]
