"""The deployment model where a document describes more than one setup (issue 11): hypothetical
sentences, and the bounds a measured figure is held to."""

from __future__ import annotations

import json
from fractions import Fraction

from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS


def _domain(text: str):
    return build_domain(analyze(text, "doc.md"), DEFAULT_SETTINGS)


def _codes(cli, text: str) -> list[tuple[int, str]]:
    code, out, err = cli(["check", "-", "--format", "json"], stdin=text)
    assert code in (0, 1), err
    return [(d["line"], d["code"]) for d in json.loads(out)]


PLAN_13B = (
    "# Serving Llama-2-13B\n\n"
    "We serve Llama-2-13B in bf16 on a single H100 SXM, no tensor parallelism.\n\n"
)


def test_a_question_or_a_would_sentence_does_not_settle_a_fact() -> None:
    domain = _domain(
        "# Plan\n\nWe run TP=4 on 4× H100 with fp16 weights.\n\n"
        "Should we try TP=8 on the next cluster?\n\n"
        "With int4 weights the pool would hold twice the batch.\n"
    )
    assert domain.facts.value("tp") == 4
    assert domain.facts.value("weight_dtype") == "fp16"
    assert [f.aside for f in domain.facts.facts["tp"]] == [False, True]


def test_only_hypothetical_facts_are_still_read() -> None:
    domain = _domain("# Plan\n\nIf we used TP=8 the shard would be small.\n")
    assert domain.facts.value("tp") == 8


def test_a_figure_for_a_supposed_setup_is_not_held_to_the_plan(cli) -> None:
    # ~400 tokens/s at batch 1 is impossible in bf16 (25.4 GB at 3.35 TB/s allows ~132)
    # and on the plan's own terms, but the sentence supposes int4 weights: silent.
    doc = PLAN_13B + "With int4 weights a single stream would reach ~400 tokens/s at batch 1.\n"
    assert _codes(cli, doc) == []
    claim = PLAN_13B + "A single stream reaches ~400 tokens/s at batch 1.\n"
    assert _codes(cli, claim) == [(5, "SPC601")]


def test_a_single_named_device_is_one_gpu() -> None:
    assert _domain(PLAN_13B).facts.value("gpu_count") == 1
    assert _domain("# Plan\n\nA single-node H100 box.\n").facts.value("gpu_count") is None


def test_measured_tpot_below_the_weight_streaming_floor(cli) -> None:
    # 13B in bf16 streams ~25.4 GB per step: at 3.35 TB/s no step is under ~7.6 ms.
    assert _codes(cli, PLAN_13B + "We measured a TPOT of 6 ms at batch 1.\n") == [(5, "SPC701")]
    assert _codes(cli, PLAN_13B + "We measured a TPOT of 9 ms at batch 1.\n") == []


# A comparison of two catalog models on one device: each column is checked against its own
# model (Llama-3.2-3B: 28 layers, 8 KV heads of 128; Qwen2.5-14B: 48 layers, 8 KV heads of
# 128, 14.77B parameters). Weights at 2 bytes; KV in KiB per token.
COMPARISON = (
    "# Two candidates on an H100 PCIe\n\n"
    "bf16 weights and KV, one GPU each (no TP).\n\n"
    "| | Llama-3.2-3B | Qwen2.5-14B |\n"
    "|---|---|---|\n"
    "| Weights (bf16) | {w1} | {w2} |\n"
    "| KV per token (KiB) | {kv1} | {kv2} |\n"
    "| Batch-1 decode ceiling (tok/s) | {c1} | {c2} |\n"
)
RIGHT = {"w1": "6.4 GB", "w2": "29.5 GB", "kv1": 112, "kv2": 192, "c1": 312, "c2": 67.7}


def test_each_comparison_column_is_its_own_model(cli) -> None:
    assert _codes(cli, COMPARISON.format(**RIGHT)) == []
    # Qwen2.5-14B's weights at one byte per parameter; its KV per token at half the layers;
    # a ceiling above 2.0 TB/s ÷ the 3B model's non-embedding weights.
    wrong = {**RIGHT, "w2": "14.8 GB", "kv2": 96, "c1": 400}
    assert _codes(cli, COMPARISON.format(**wrong)) == [
        (7, "SPC501"),
        (8, "SPC501"),
        (9, "SPC601"),
    ]


def test_a_column_fix_is_written_as_the_column_writes_it(cli) -> None:
    wrong = {**RIGHT, "w2": "14.8 GB", "kv2": 96}
    code, out, _ = cli(["check", "-", "--format", "json"], stdin=COMPARISON.format(**wrong))
    assert code == 1
    fixes = {d["line"]: d["fix"]["replacement"] for d in json.loads(out)}
    assert fixes == {7: "29.5", 8: "192"}


def test_a_column_that_names_no_catalog_model_is_not_a_scope() -> None:
    doc = COMPARISON.format(**RIGHT).replace("Qwen2.5-14B", "Our-model")
    scopes = _domain(doc).scopes
    assert scopes == []  # one named column is no comparison


# A benchmark with one row per device (Llama-3.1-8B, 6.98B non-embedding weights at 2 bytes):
# batch-1 decode is bounded by each row's own bandwidth.
BENCH = (
    "# Llama-3.1-8B decode across SKUs\n\n"
    "bf16 weights throughout.\n\n"
    "## Batch-1 decode\n\n"
    "| GPU | Measured (tok/s) |\n"
    "|---|---|\n"
    "| L40S | {l4} |\n"
    "| H100 SXM | {h100} |\n"
)


def test_each_benchmark_row_is_held_to_its_own_device(cli) -> None:
    # L40S: 864 GB/s ÷ 13.96 GB = 61.9 tokens/s; H100 SXM: 3.35 TB/s ÷ 13.96 GB = 240.
    assert _codes(cli, BENCH.format(l4=50, h100=170)) == []
    assert _codes(cli, BENCH.format(l4=70, h100=170)) == [(9, "SPC601")]
    # 70 tokens/s would be possible on the H100: only its own row's device bounds it.
    assert _codes(cli, BENCH.format(l4=50, h100=250)) == [(10, "SPC601")]


def test_a_layout_stated_anywhere_stops_the_one_gpu_default(cli) -> None:
    doc = BENCH.format(l4=70, h100=170).replace("throughout.", "throughout, TP=2.")
    assert _codes(cli, doc) == []


# A capacity model in YAML: the hardware, the weights' element size and measured latencies
# are keys; the unit is in the key's name.
CAPACITY_YAML = (
    "# Capacity model for the Qwen2.5-7B pool\n\n"
    "```yaml\n"
    "model:\n"
    "  name: Qwen/Qwen2.5-7B-Instruct\n"
    "  dtype_bytes: 2\n"
    "hardware:\n"
    "  gpu: L40S\n"
    "measured:\n"
    "  itl_p50_ms: {itl}\n"
    "```\n"
)


def test_config_keys_state_facts_and_measured_latencies() -> None:
    domain = _domain(CAPACITY_YAML.format(itl=20))
    assert domain.facts.value("weight_dtype") == "bf16"
    [statement] = [s for s in domain.statements if s.kind == "tpot"]
    assert (statement.line, statement.value.point, statement.label) == (
        10,
        Fraction(1, 50),
        "itl p50 ms",
    )


def test_measured_latency_key_below_the_weight_streaming_floor(cli) -> None:
    # Qwen2.5-7B: 6.53B non-embedding weights × 2 B ÷ 864 GB/s = 15.1 ms per step at least.
    assert _codes(cli, CAPACITY_YAML.format(itl=20)) == []
    assert _codes(cli, CAPACITY_YAML.format(itl=12)) == [(10, "SPC701")]


def test_a_key_without_a_unit_is_not_a_statement() -> None:
    doc = CAPACITY_YAML.format(itl=12).replace("itl_p50_ms", "itl_p50")
    assert [s for s in _domain(doc).statements if s.kind == "tpot"] == []


def test_explain_shows_each_scope_with_its_model_and_sources(cli) -> None:
    code, out, err = cli(["explain", "-"], stdin=COMPARISON.format(**RIGHT))
    assert code == 0, err
    scope = out[out.index("Scope: the column 'Qwen2.5-14B' of the table (line 5)") :]
    assert "model Qwen2.5-14B; catalog source: https://huggingface.co/Qwen/Qwen2.5-14B" in scope
    assert "- KV cache per token: 197 KB\n" in scope
    assert "catalog: Qwen2.5-14B, config.json" in scope
    assert "checked: 7 (memory, Weights (bf16)), 8 (kv-per-token" in scope


def test_explain_shows_the_communication_a_layout_implies(cli) -> None:
    # Llama-3.1-70B (80 layers, hidden 8192) on TP=8 over NVLink (450 GB/s per GPU):
    # 2 × 80 × 8192 × 2 B × 2·7/8 ÷ 450 GB/s = 10.2 µs of all-reduce per token at least.
    doc = "# Llama-3.1-70B\n\nServed in bf16 on 8× H100 SXM with TP=8.\n"
    code, out, err = cli(["explain", "-"], stdin=doc)
    assert code == 0, err
    assert (
        "- TP all-reduce time per token: 0.0102 ms\n"
        "    = 2 all-reduces × 80 layers × 8192 hidden × 2 B × 2(8−1)/8 (ring) ÷ 450 GB/s per "
        "GPU (catalog: NVIDIA H100 SXM)"
    ) in out
    assert "all-reduce" not in cli(["explain", "-"], stdin=doc.replace("TP=8", "TP=1"))[1]
