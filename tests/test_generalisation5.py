"""Shapes found on the held-out sets' remaining misses: an options table whose rows name their
own hardware and layout. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


OPTIONS = """\
# Serving hardware for Qwen2.5-72B

We serve Qwen2.5-72B (72.7B parameters) in BF16, 145.4 GB of weights per replica.

| Choice | Accelerator | GPUs | TPOT floor |
|--------|-------------|-----:|-----------:|
| 1 | H100 SXM, TP=8 | 8 | 5.4 ms |
| 2 | MI300X (TP=2) | 2 | {mi300x} ms |
"""


def test_an_options_row_is_checked_against_its_own_device_and_layout() -> None:
    # 145.4 GB ÷ (2 × 5.3 TB/s) = 13.7 ms on the MI300X row; 145.4 GB ÷ (8 × 3.35 TB/s) = 5.4 ms.
    assert found(OPTIONS.format(mi300x="13.8")) == []
    assert found(OPTIONS.format(mi300x="6.9")) == [(8, "SPC701")]


def test_a_floor_column_is_a_floor_not_a_measurement() -> None:
    # A floor at 100 % of bandwidth is not held to the realistic (85 %) bound.
    assert found(OPTIONS.format(mi300x="13.8").replace("5.4 ms", "5.5 ms")) == []


def test_a_row_without_its_own_layout_takes_no_other_rows() -> None:
    # The H100 row states no GPUs: the MI300X row's TP=2 is not its layout (145.4 GB needs more
    # than one 80 GB H100), so which GPUs its floor is on is unclear and it stays silent.
    text = OPTIONS.format(mi300x="13.8").replace(", TP=8 | 8 | 5.4", " | | 1.0")
    assert found(text) == []
    assert found(text.replace("| | 1.0", ", TP=8 | 8 | 1.0")) == [(7, "SPC701")]


NODE = """\
# Capacity note

We host Mixtral-8x7B on {node}.

- {sentence}
"""


def test_a_node_holds_its_gpus_memory_not_one_gpus() -> None:
    # 4 × 141 GB = 564 GB of HBM on a 4-GPU H200 node; 141 GB is one GPU's.
    node = "H200 SXM GPUs"
    right = "A 4-GPU H200 node has 564 GB of HBM for weights and cache."
    assert found(NODE.format(node=node, sentence=right)) == []
    wrong = "A 4-GPU H200 node has 141 GB of HBM for weights and cache."
    assert found(NODE.format(node=node, sentence=wrong)) == [(5, "SPC301")]
    assert found(NODE.format(node=node, sentence=wrong.replace(" of HBM", ""))) == [(5, "SPC301")]
    assert found(NODE.format(node=node, sentence=right.replace("564", "546"))) == [(5, "SPC301")]


def test_a_node_figure_that_may_be_host_memory_is_not_read() -> None:
    for sentence in (
        "Each 8×H100 server has 2 TB, enough for the page cache.",
        "Each 8×H100 server has 2 TB of host RAM.",
        "An 8-GPU A100 node has 320 GB of HBM.",  # A100 40GB or 80GB: unclear
    ):
        assert found(NODE.format(node="H100 SXM GPUs", sentence=sentence)) == [], sentence


GATED = """\
# Llama-3.1-8B parameter notes

- Hidden size: 4096; FFN size: 14336 (SwiGLU)

Per layer, {sentence}
"""


def test_a_gated_mlp_written_with_two_matrices_is_reported() -> None:
    # gate, up and down: 3 × 4096 × 14336 = 176,160,768 per layer.
    right = "the MLP holds 3 × 4096 × 14336 = 176,160,768 weights."
    assert found(GATED.format(sentence=right)) == []
    wrong = "the MLP holds 2 × 4096 × 14336 = 117,440,512 weights."
    assert found(GATED.format(sentence=wrong)) == [(5, "SPC401")]


def test_two_matrices_named_or_a_plain_mlp_stay_silent() -> None:
    two = "the gate and up projections hold 2 × 4096 × 14336 = 117,440,512 weights."
    assert found(GATED.format(sentence=two)) == []
    flops = "the MLP costs 2 × 4096 × 14336 = 117,440,512 FLOPs per token for one matrix."
    assert found(GATED.format(sentence=flops)) == []
    plain = GATED.replace("(SwiGLU)", "(GELU)").replace("Llama-3.1-8B", "Encoder")
    assert (
        found(plain.format(sentence="the MLP holds 2 × 4096 × 14336 = 117,440,512 weights.")) == []
    )


VENDORS = """\
# Embedding service: instance choice

| Instance | vCPU | $/h | Queries/s |
|----------|-----:|----:|----------:|
| c7i.4xlarge | 16 | 0.714 | 2,100 |
| c7g.4xlarge | 16 | 0.580 | 1,900 |

{sentence}
"""


def test_a_comparison_between_rows_written_as_a_fraction_is_a_slip() -> None:
    # (0.714 − 0.580) / 0.714 = 18.8 %: "0.19%" wrote the fraction.
    assert found(
        VENDORS.format(sentence="c7g.4xlarge is 0.19% cheaper per hour than c7i.4xlarge.")
    ) == [(8, "SPC205")]
    right = "c7g.4xlarge is 19% cheaper per hour than c7i.4xlarge."
    assert found(VENDORS.format(sentence=right)) == []


def test_a_comparison_matching_no_reading_stays_silent() -> None:
    # 7% fits no column, as a percentage or a fraction: which figure it compares is unclear.
    sentence = "c7g.4xlarge is 7% cheaper per query than c7i.4xlarge."
    assert found(VENDORS.format(sentence=sentence)) == []


SHARDED = """\
# Qwen2.5-32B on L40S

Qwen2.5-32B (32.8B parameters) in BF16 is 65.5 GB of weights.

- {sentence}
"""


def test_each_gpu_holds_its_shard_of_the_weights_at_tp() -> None:
    # At TP=4 each of the four 48 GB cards holds 65.5 / 4 = 16.4 GB of BF16 weights.
    right = "With TP=4 each GPU stores 16.4 GB of BF16 weights."
    assert found(SHARDED.format(sentence=right)) == []
    wrong = "With TP=4 each GPU stores the 65.5 GB of BF16 weights."
    assert found(SHARDED.format(sentence=wrong)) == [(5, "SPC501")]


def test_a_per_gpu_total_that_adds_the_whole_weights_is_reported_once() -> None:
    # 65.5 / 4 + 8 = 24.4 GB per GPU, not 65.5 + 8 = 73.5.
    wrong = (
        "With TP=4 each GPU stores the 65.5 GB of BF16 weights plus 8 GB of cache, 73.5 GB per GPU."
    )
    diagnostics = [d for d in lint_text(SHARDED.format(sentence=wrong), "t.md")]
    assert [(d.line, d.code, d.fix.replacement if d.fix else "") for d in diagnostics] == [
        (5, "SPC501", "24.4")
    ]


def test_replicas_and_pipelines_keep_the_whole_weights() -> None:
    for sentence in (
        "With data parallelism each GPU stores the 65.5 GB of BF16 weights.",
        "With TP=2 and PP=2 each GPU stores 16.4 GB of BF16 weights.",
    ):
        assert found(SHARDED.format(sentence=sentence)) == [], sentence


REPLICAS = """\
# Chat fleet sizing

We serve Llama 3.1 70B in FP8 with TP=8, one replica per 8-GPU node.

- Benchmarked throughput of one replica: 3,600 output tokens/s.

{sentence}
"""


def test_a_replica_rate_times_gpus_is_not_the_fleet_rate() -> None:
    # 48 GPUs are 6 replicas of 8: 6 × 3,600 = 21,600 tokens/s, not 48 × 3,600.
    wrong = "The 48 GPUs serve 48 × 3,600 = 172,800 tokens/s at peak."
    assert found(REPLICAS.format(sentence=wrong)) == [(7, "SPC301")]
    right = "The 6 replicas serve 6 × 3,600 = 21,600 tokens/s at peak."
    assert found(REPLICAS.format(sentence=right)) == []


def test_a_rate_the_document_also_gives_per_gpu_stays_silent() -> None:
    # 3,600 tokens/s is each GPU's here: 48 × 3,600 holds.
    text = REPLICAS.replace("throughput of one replica:", "throughput per GPU:")
    sentence = "The 48 GPUs serve 48 × 3,600 = 172,800 tokens/s at peak."
    assert (7, "SPC301") not in found(text.format(sentence=sentence))


KV_TP = """\
# Qwen2.5-14B serving memory

- KV per token: 2 × 48 layers × 8 KV heads × 128 × 2 B = 196,608 B = 192 KiB; per GPU at TP=2
  that is {per_gpu} KiB.
"""


def test_a_kv_figure_per_gpu_at_tp_splits_the_kv_heads() -> None:
    # 8 KV heads over 2 GPUs: 4 each, 96 KiB per GPU.
    assert found(KV_TP.format(per_gpu="96")) == []
    assert found(KV_TP.format(per_gpu="192")) == [(4, "SPC501")]


def test_kv_heads_fewer_than_the_gpus_are_replicated_and_not_read() -> None:
    text = KV_TP.replace("8 KV heads", "1 KV heads").replace("196,608 B = 192", "24,576 B = 24")
    text = text.replace("Qwen2.5-14B", "An MQA decoder")
    assert found(text.format(per_gpu="24")) == []


SPECULATIVE = """\
# Speculative decoding for Qwen2.5-32B

We serve Qwen2.5-32B (32.8B parameters, BF16) on 2 × H100 SXM, TP=2, with a draft model.

- {sentence}
"""


def test_a_tpot_without_speculation_is_bounded_by_one_weight_pass() -> None:
    # 65.6 GB ÷ (2 × 3.35 TB/s) ≈ 9.8 ms per token without speculation.
    wrong = "The non-speculative baseline measures 5.0 ms TPOT at batch 1."
    assert found(SPECULATIVE.format(sentence=wrong)) == [(5, "SPC701")]
    right = "The non-speculative baseline measures 11.5 ms TPOT at batch 1."
    assert found(SPECULATIVE.format(sentence=right)) == []


def test_a_speculative_tpot_may_beat_one_weight_pass() -> None:
    for sentence in (
        "Effective TPOT with 3.1 accepted tokens per round: 4.0 ms.",
        "We measure 5.0 ms TPOT at batch 1.",
    ):
        assert found(SPECULATIVE.format(sentence=sentence)) == [], sentence


OVERHEAD = """\
# 4-bit weights with group scales

- Each group of 64 weights shares one FP16 scale: 16 / 64 = 0.25 bits per weight, an overhead of
  {share} over plain INT4.
"""


def test_an_overhead_in_bits_is_a_share_of_the_formats_width() -> None:
    # 0.25 of INT4's 4 bits is 6.25 %, not 25 %.
    assert found(OVERHEAD.format(share="6.25%")) == []
    assert found(OVERHEAD.format(share="25%")) == [(4, "SPC101")]


def test_a_width_past_the_format_is_read_as_what_it_adds() -> None:
    # 4.25 bits is 0.25 over INT4's 4: 6.25 %; 25 % fits neither reading of 4.25.
    text = OVERHEAD.replace("16 / 64 = 0.25 bits per weight", "a weight takes 4.25 bits")
    assert found(text.format(share="6.25%")) == []
    assert found(text.format(share="25%")) == [(4, "SPC101")]
