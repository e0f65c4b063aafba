"""Shapes found on held-out documents: a "per GPU" that belongs to the number before it, a
total restated per GPU, the experts of a model counted after one expert, and a unit after a
number that is no symbol. Each wrong shape has a correct look-alike that must stay silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


TRAINING = """\
# Run notes

We train Llama-3.1-8B on 4 nodes of 8× A100 80GB (32 GPUs).

Throughput rose from 98,304 tokens/s ({per_gpu} tokens/s per GPU) to 115,200 tokens/s.
"""


def test_a_per_gpu_phrase_belongs_to_the_number_it_follows() -> None:
    # 98,304 tokens/s is the cluster's: 3,072 per GPU is under 312 TFLOPS ÷ (2 × 6.98B).
    assert found(TRAINING.format(per_gpu="3,072")) == []
    # The per-GPU figure itself is still checked against the peak.
    assert found(TRAINING.format(per_gpu="30,720")) == [(5, "SPC601")]


RESTATED = """\
# Serving

The pool has 32 GPUs (4 nodes of 8× H100 SXM).

Together they decode 96,000 tokens/s, which is {per_gpu} tokens/s per GPU.
"""


def test_a_total_restated_per_gpu_uses_the_documents_gpu_count() -> None:
    [diag] = lint_text(RESTATED.format(per_gpu="3,500"), "t.md")
    assert (diag.line, diag.code) == (5, "SPC301")
    assert diag.message.startswith("3,500 tokens/s per GPU (line 5) × 32 GPUs (line 3)")
    assert found(RESTATED.format(per_gpu="3,000")) == []


def test_a_restated_total_of_one_replica_is_not_read_against_the_fleet() -> None:
    text = RESTATED.format(per_gpu="750").replace("Together they", "One replica (TP=4) can")
    assert found(text) == []


def test_a_total_restated_per_gpu_with_words_between() -> None:
    text = (
        "# KV\n\nThe deployment uses 16 GPUs.\n\n"
        "- 8 × 40 GB = 320 GB of KV cache, i.e. {x} GB per GPU.\n"
    )
    assert found(text.format(x="20")) == []
    assert found(text.format(x="40")) == [(5, "SPC301")]


EXPERTS = """\
# Mixtral-8x7B

32 layers, hidden size 4096, FFN size 14336, 8 experts per layer, top-2 (SwiGLU).

{sentence}
"""


def test_all_experts_after_one_expert_are_not_one_experts_count() -> None:
    many = (
        "One expert holds 3 × 4096 × 14336 = 176,160,768 parameters, so the 256 experts"
        " hold 45.1B parameters."
    )
    assert found(EXPERTS.format(sentence=many)) == []
    assert found(EXPERTS.format(sentence="Each expert holds 352M parameters.")) == [(5, "SPC401")]


def test_a_word_after_a_number_is_its_unit_not_a_symbol() -> None:
    text = "# Cost\n\nWe serve Qwen2.5-7B.\n\nA month is 20.00 $/h × 730 h = 14,600 $.\n"
    # Read as "h = 14,600" this was a hidden size of 14,600 against the catalog's 3,584.
    assert found(text) == []
    # A symbol defined on its own is still a fact.
    defined = "# Model\n\nWe serve Qwen2.5-7B.\n\nThe width is $h = 4096$.\n"
    assert found(defined) == [(5, "SPC304")]


COMPARISON = """\
# Two candidates

| Property    | Llama-3.1-8B | Mistral-7B-v0.3 |
|-------------|-------------:|----------------:|
| Layers      | 32           | 32              |
| Hidden size | 4096         | 4096            |
| KV heads    | 8            | 8               |
| FFN size    | 14336        | 14336           |
| Vocabulary  | 128256       | 32768           |
| Parameters  | 8.0B         | {mistral}       |
"""


def test_a_comparison_tables_parameter_row_is_checked_per_column() -> None:
    # Mistral's 32,768-token vocabulary makes it 7.25B; 8.0B would be Llama's count.
    [diag] = lint_text(COMPARISON.format(mistral="9.3B"), "t.md")
    assert (diag.line, diag.code) == (10, "SPC401")
    assert "stated 9.3B is 1.28× the computed count" in diag.message
    assert found(COMPARISON.format(mistral="7.25B")) == []


LATENCY_TABLE = """\
# Llama-3.1-8B on one L40S

BF16 weights, vLLM defaults.

| Batch | TPOT p50 (ms) | TPOT p99 (ms) |
|------:|--------------:|--------------:|
| 1     | 21            | 25            |
| 4     | {tpot}        | 30            |
"""


def test_a_latency_column_is_read_as_tpot_at_its_rows_batch() -> None:
    # 13.96 GB of weights per step ÷ 0.864 TB/s: no step under 16.2 ms.
    [diag] = lint_text(LATENCY_TABLE.format(tpot="9"), "t.md")
    assert (diag.line, diag.code) == (8, "SPC701")
    assert "stated 9 is 1.8× faster than that bound" in diag.message
    assert found(LATENCY_TABLE.format(tpot="22")) == []


PREFILL_TABLE = """\
# Llama-3.1-8B on one H100 SXM

BF16 weights, vLLM defaults.

| Prompt tokens | TTFT p50 (ms) |
|--------------:|--------------:|
| 512           | 25            |
| 4,096         | {ttft}        |
"""


def test_a_ttft_column_takes_the_prompt_length_of_its_row() -> None:
    # 2 × 6.98B × 4,096 tokens (plus attention) ÷ 989 TFLOPS is over 58 ms at peak.
    [diag] = lint_text(PREFILL_TABLE.format(ttft="20"), "t.md")
    assert (diag.line, diag.code) == (8, "SPC701")
    assert found(PREFILL_TABLE.format(ttft="150")) == []


SHARE = """\
# Sizing

We run Mistral-7B-v0.3 in BF16 on one NVIDIA A10.

- The weights occupy 14.5 GB, which is {pct}% of the card.
- Die KV-Caches belegen 4.8 GB, das sind {de}% der Karte.
"""


def test_a_share_of_the_card_is_read_against_the_devices_memory() -> None:
    # The A10 has 24 GB: 14.5 GB is 60.4 %, 4.8 GB is 20 %.
    diags = lint_text(SHARE.format(pct="80", de="30"), "t.md")
    assert [(d.line, d.code) for d in diags] == [(5, "SPC501"), (6, "SPC501")]
    assert diags[0].message.startswith(
        "share of one device's memory: 14.5 GB ÷ 24 GB (catalog: NVIDIA A10) = 60.4 %; stated 80%"
    )
    assert diags[0].fix is not None and diags[0].fix.replacement == "60"
    assert found(SHARE.format(pct="60", de="20")) == []


def test_a_share_that_holds_with_gib_read_as_gb_is_left_alone() -> None:
    # 13.5 GiB is 14.5 GB (60.4 % of 24 GB); 56 % reads the GiB as GB: a unit question.
    text = SHARE.format(pct="56", de="20").replace("14.5 GB", "13.5 GiB")
    assert found(text) == []
