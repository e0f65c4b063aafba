"""Facts read from wherever authors write them (issue 11, part 1) and the scope of the
statements checked against them (part 3)."""

from __future__ import annotations

from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS


def _domain(text: str):
    return build_domain(analyze(text, "doc.md"), DEFAULT_SETTINGS)


def _facts(text: str) -> dict[str, object]:
    facts = _domain(text).facts
    return {name: facts.value(name) for name in facts.facts}


def test_architecture_sentence() -> None:
    facts = _facts(
        "The model has 48 layers, hidden size 5120, 40 heads of which 8 are KV heads, "
        "head dim 128, FFN 13824 and vocab 152,064.\n"
    )
    assert facts["layers"] == 48
    assert facts["hidden_size"] == 5120
    assert facts["heads"] == 40
    assert facts["kv_heads"] == 8
    assert facts["head_dim"] == 128
    assert facts["ffn_size"] == 13824
    assert facts["vocab"] == 152064


def test_factors_and_per_gpu_shares_are_not_facts() -> None:
    facts = _facts(
        "- 36 layers, hidden 4096, 32 query heads, 8 KV heads.\n"
        "- KV = 2 × 36 layers × 32 kv heads × 128 × 2 B\n"
        "- At TP=4 each rank keeps 2 KV heads per GPU.\n"
    )
    assert facts["kv_heads"] == 8
    assert facts["layers"] == 36


def test_a_description_sentence_wins_over_a_figure_in_passing() -> None:
    facts = _facts(
        "Model: 24 layers, hidden 2048, 16 heads, 32 experts per layer, top-4 routing.\n\n"
        "At batch 1 only the 4 routed experts per layer are read.\n"
    )
    assert facts["experts"] == 32


def test_formula_result_under_a_fact_label_is_not_that_fact() -> None:
    facts = _facts("- experts per layer: 32 × 4.2M = 134.4M\n- Experts: 32\n")
    assert facts["experts"] == 32


def test_serving_engine_command_line() -> None:
    facts = _facts(
        "```bash\n"
        "vllm serve org/model --tensor-parallel-size 4 --max-num-seqs 128 \\\n"
        "  --max-model-len 32768 --kv-cache-dtype fp8 --quantization awq\n"
        "```\n"
    )
    assert facts["tp"] == 4
    assert facts["batch"] == 128
    assert facts["context_len"] == 32768
    assert facts["kv_dtype"] == "fp8"
    assert facts["weight_dtype"] == "awq"


def test_gpu_counts_from_nodes_and_totals() -> None:
    assert _facts("We run on 3 nodes of 8× H100 SXM.\n")["gpu_count"] == 24
    assert _facts("Cluster: 2 nodes × 8 H200 = 16 GPUs.\n")["gpu_count"] == 16
    assert _facts("The pod runs on one A100-80GB.\n")["gpu_count"] == 1
    assert "gpu_count" not in _facts("Each VM has one NVIDIA L4 (24 GB) each.\n")


def test_tied_answer_in_a_table_and_no_gqa() -> None:
    facts = _facts(
        "| Setting | Value |\n|---|---|\n| FFN (SwiGLU) | 14336 |\n| Tied embeddings | no |\n\n"
        "Attention: 32 heads (no GQA).\n"
    )
    assert facts["ffn_size"] == 14336
    assert facts["gated"] is True
    assert facts["tied"] is False
    assert facts["attention"] == "MHA"


def test_prose_precision() -> None:
    facts = _facts("Weights stay in FP8; the KV cache is bf16.\n\nWe serve bf16 weights.\n")
    assert facts["kv_dtype"] == "bf16"


def test_alternatives_section_is_only_a_fallback() -> None:
    facts = _facts(
        "# Plan\n\nbf16 weights on H100.\n\n## Alternatives considered\n\n"
        "FP8 weights on H200 would halve it.\n"
    )
    assert facts["weight_dtype"] == "bf16"


def test_parameter_scope() -> None:
    text = (
        "- 16 layers, hidden 2048, 16 heads (MHA), 64 experts per layer, top-8 routing, expert "
        "FFN 1024, vocab 50,304.\n"
        "- one expert (SwiGLU): 3 × 2048 × 1024 = 6.29M params\n"
        "- the LM head is 50,304 × 2048 = 103M parameters\n"
        "- LoRA: 4.19M trainable params\n"
        "- Size: 6.9B total / 1.3B active.\n"
    )
    scopes = {s.stated_text.split()[0]: (s.scope, s.part) for s in _domain(text).statements}
    assert scopes["6.29M"][0] == "expert"
    assert scopes["103M"][0] == "part"
    assert scopes["4.19M"][0] == "part"
    assert scopes["6.9B"] == ("", "total")


def test_kv_per_token_said_before_the_value() -> None:
    text = (
        "- 32 layers, hidden 4096, 32 heads, 8 KV heads, bf16 weights.\n\n"
        "One token of KV is 2 × 32 × 8 × 128 × 2 = 131,072 bytes, so a 4096-token request "
        "holds 512 MiB of KV.\n"
    )
    kinds = {s.stated_text: s.kind for s in _domain(text).statements}
    assert kinds.get("131,072 bytes") == "kv-per-token"
    assert "512 MiB" not in kinds


def test_activated_count_is_the_result_after_activates() -> None:
    text = (
        "- 120B parameters in total; each token activates 120B × 4/32 ≈ 15B of them.\n"
        "- The model activates 20B parameters per token out of 120B.\n"
    )
    parts = {(s.line, s.stated_text.split()[0]): s.part for s in _domain(text).statements}
    assert parts[(1, "15B")] == "active"
    assert parts[(2, "20B")] == "active"
    assert parts.get((2, "120B.")) != "active" and parts.get((2, "120B")) != "active"
    assert "shared_experts" not in _facts("Not routed: 58 shared experts, router, embeddings.\n")
