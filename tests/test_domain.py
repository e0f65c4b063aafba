"""Domain rules end to end: facts, derived quantities, bounds, `speclint explain`, and the
borderline cases either side of each bound."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from speclint.domain.hardware import catalog
from speclint.domain.statements import Statement
from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS
from speclint.thresholds import THRESHOLDS

SEED = "fixtures/seed/parallel-strategy-deployment.md"
ARCH_7B = (
    "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
    "- FFN intermediate size: 11008 (SwiGLU)\n- Precision: BF16\n"
)


def _explain(cli, path: str) -> dict:
    code, out, err = cli(["explain", path, "--output-format", "json"])
    assert code == 0, err
    return json.loads(out)


def _codes(cli, text: str, *extra: str) -> list[tuple[int, str]]:
    code, out, err = cli(["check", "-", "--format", "json", *extra], stdin=text)
    assert code in (0, 1), err
    return [(d["line"], d["code"]) for d in json.loads(out)]


@pytest.mark.parametrize(
    ("path", "published", "active"),
    [
        ("fixtures/models/llama-2-7b-table.md", 6.74e9, None),
        ("fixtures/models/llama-2-70b-list.md", 68.98e9, None),
        ("fixtures/models/llama-3-8b-config.md", 8.03e9, None),
        ("fixtures/models/gpt-3-prose.md", 175e9, None),
        ("fixtures/models/deepseek-v3-yaml.md", 671e9, 37e9),
    ],
)
def test_published_models_recompute_within_one_percent(cli, path, published, active) -> None:
    derived = {q["name"]: q for q in _explain(cli, path)["derived"]}
    total = derived["total parameters"]
    assert abs(total["high"] / published - 1) < 0.01
    if active is not None:
        # 37.55B counts both embedding matrices as active; DeepSeek publishes "37B".
        assert abs(derived["active parameters"]["high"] / active - 1) < 0.02
    assert cli(["check", path])[0] == 0


def test_seed_explain_shows_the_facts_and_bounds_behind_each_finding(cli) -> None:
    report = _explain(cli, SEED)
    facts = {(f["name"], f["line"]): f["value"] for f in report["facts"]}
    assert facts[("layers", 20)] == 32
    assert facts[("hidden_size", 21)] == 2560
    assert facts[("experts", 23)] == 8 and facts[("top_k", 24)] == 2
    assert facts[("tp", 42)] == 4 and facts[("pp", 42)] == 2 and facts[("ep", 42)] == 4
    assert facts[("peak_flops", 37)] == 300e12 and facts[("batch", 76)] == 32
    derived = {q["name"]: q for q in report["derived"]}
    assert derived["total parameters"]["low"] == 2_852_782_080
    assert derived["total parameters"]["high"] == 3_016_955_136
    assert derived["expert weights per GPU"]["high"] == 503_316_480
    assert derived["KV cache per token per GPU"]["low"] == 40_960
    bounds = {b["name"]: b for b in report["bounds"]}
    assert round(bounds["compute"]["peak"]) == 111_704
    assert round(bounds["ttft"]["realistic"] * 1000, 1) == 13.3  # at the prefill MFU, 70 %
    text = cli(["explain", SEED])[1]
    assert "- total parameters: 2.853B–3.017B" in text
    assert "peak_flops  300 TFLOPS  line 37" in text


def test_seed_reports_its_four_findings_with_their_inputs(cli) -> None:
    code, out, _ = cli(["check", SEED, "--format", "json"])
    assert code == 1
    found = {(d["line"], d["code"]): d for d in json.loads(out)}
    assert set(found) == {
        (30, "SPC401"), (56, "SPC101"), (56, "SPC501"), (69, "SPC602"), (70, "SPC601"),
        (71, "SPC601"), (75, "SPC703"),
    }  # fmt: skip
    params = found[(30, "SPC401")]
    assert "= 2.853B–3.017B" in params["message"] and "stated 10B is 3.31×" in params["message"]
    assert params["fix"]["replacement"] == "3.0" and params["fix"]["applicability"] == "unsafe"
    assert {r["line"] for r in params["related"]} >= {20, 21, 22, 23, 25, 26}
    throughput = found[(70, "SPC601")]["message"]
    assert "allows at most 111,704 tokens/s per GPU at 100 % of peak" in throughput
    assert "120,000 tokens/s is 1.07× the bound" in throughput
    assert "memory bandwidth allows at most 19,064 tokens/s" in throughput
    ttft = found[(75, "SPC703")]
    assert ttft["severity"] == "warning" and "8.5s is 639× slower" in ttft["message"]


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # Compute bound: 989 TFLOPS ÷ (2 × 6.476B) = 76,359 tokens/s; 53,451 at the prefill
        # prior, MFU 70 % (the training prior, 60 %, would give 45,815 and flag 48,000).
        ("48,000", []),
        ("53,000", []),
        ("56,500", ["SPC602"]),  # 5 % past the realistic bound
        ("73,000", ["SPC602"]),  # within 5 % under the peak bound
        ("80,000", ["SPC602"]),  # may be 76,000 as written: not certainly past the peak
        ("80,500", ["SPC601"]),  # 5 % past the peak bound
    ],
)
def test_throughput_either_side_of_the_bounds(cli, stated: str, expected: list[str]) -> None:
    doc = ARCH_7B + f"- GPU: H100 SXM\n- Prefill throughput: {stated} tokens/s per GPU\n"
    assert [code for _, code in _codes(cli, doc)] == expected


@pytest.mark.parametrize(
    ("stated", "expected"),
    [
        # 8192-token prompt on one H100: 125 ms at 100 %, 179 ms at the prefill MFU of 70 %.
        ("119 ms", ["SPC701"]),
        ("131 ms", ["SPC702"]),
        ("170 ms", ["SPC702"]),
        ("190 ms", []),  # within the prefill prior (the training MFU, 60 %, would need 208 ms)
        ("220 ms", []),
        ("8.5 s", []),  # 48× the realistic bound: slow, but under the 50× threshold
        ("9.5 s", ["SPC703"]),
    ],
)
def test_ttft_either_side_of_the_bounds(cli, stated: str, expected: list[str]) -> None:
    doc = ARCH_7B + f"- GPU: H100 SXM\n- GPUs: 1\n- TTFT: {stated} for 8192-token prompts\n"
    assert [code for _, code in _codes(cli, doc)] == expected


def test_rules_stay_silent_without_the_facts_they_need(cli) -> None:
    # No accelerator, no batch size, no prompt length: nothing to bound the claims with.
    doc = ARCH_7B + (
        "- Decode throughput: 500,000 tokens/s per GPU\n- TTFT: 1 ms\n- TPOT: 0.01 ms\n"
    )
    assert _codes(cli, doc) == []
    # Two accelerator counts that disagree: the GPU count is ambiguous, system totals unchecked.
    doc = ARCH_7B + "- GPU: H100 SXM\n- GPUs: 8\n- GPUs: 16\n- System throughput: 9e9 tokens/s\n"
    assert _codes(cli, doc) == [(8, "SPC302")]


def test_a_document_figure_overrides_the_catalog(cli) -> None:
    doc = ARCH_7B + "- GPU: H100 SXM\n- Batch size: 1\n- Decode throughput: 250 tokens/s per GPU\n"
    assert _codes(cli, doc) == [(8, "SPC602")]  # 3.35 TB/s: at most 259 at 100 %, 220 realistic
    assert _codes(cli, doc.replace("- Batch", "- Memory bandwidth: 8 TB/s\n- Batch")) == []


def test_configured_accelerator_and_efficiency(cli, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.speclint.efficiency]\nbandwidth-utilisation = 0.5\n\n"
        '[tool.speclint.accelerators."Acme X1"]\naliases = ["X1"]\nbandwidth-tbps = 10\n'
        "memory-gb = 96\nbf16-tflops = 800\n",
        encoding="utf-8",
    )
    doc = ARCH_7B + "- GPU: Acme X1\n- Batch size: 1\n- Decode throughput: 500 tokens/s per GPU\n"
    (tmp_path / "plan.md").write_text(doc, encoding="utf-8")
    code, out, _ = cli(["check", "plan.md", "--format", "json"], cwd=tmp_path)
    [finding] = json.loads(out)
    # 1 × 10 TB/s ÷ 12.95 GB = 772 tokens/s at peak; 386 at the configured 50 %.
    assert (finding["code"], code) == ("SPC602", 0)
    assert "bandwidth utilisation 50 % (assumed, configured)" in finding["message"]
    assert "memory bandwidth 10 TB/s (catalog: Acme X1)" in finding["message"]


def test_layout_product_and_conflicting_facts(cli) -> None:
    assert _codes(cli, "- GPUs: 32\n- TP: 8\n- PP: 2\n- DP: 4\n") == [(4, "SPC303")]
    assert _codes(cli, "- GPUs: 32\n- TP: 8\n- PP: 2\n- DP: 2\n") == []
    assert _codes(cli, "- GPUs: 32\n- TP: 8\n- PP: 2\n") == []  # DP 2 implied
    assert _codes(cli, "- GPUs: 32\n- TP: 4\n- PP: 2\n- EP: 4\n") == []
    assert _codes(cli, "- GPUs: 24\n- TP: 8\n- PP: 2\n") == [(3, "SPC303")]
    assert _codes(cli, "- Layers: 32\n\nLater:\n\n- Layers: 40\n") == [(5, "SPC302")]


def test_total_and_active_swapped(cli) -> None:
    out = cli(["check", "fixtures/model-variants/deepseek-v3-swapped.md", "--format", "json"])[1]
    swapped = [d for d in json.loads(out) if d["code"] == "SPC401"]
    assert [d["line"] for d in swapped] == [24]
    assert "it matches the active count (35.7B–37.55B)" in swapped[0]["message"]


def test_catalog_has_every_reference_device_with_sources() -> None:
    devices = catalog()
    for name in (
        "NVIDIA V100 SXM2 32GB", "NVIDIA A100 40GB SXM", "NVIDIA A100 80GB SXM", "NVIDIA H100 SXM",
        "NVIDIA H100 PCIe", "NVIDIA H200 SXM", "NVIDIA B200 SXM", "NVIDIA L4", "NVIDIA L40S",
        "NVIDIA A10", "AMD MI250X", "AMD MI300X", "Google TPU v4", "Google TPU v5e",
        "Google TPU v5p", "Huawei Ascend 910B", "Intel Gaudi2", "Intel Gaudi3",
    ):  # fmt: skip
        spec = devices[name]
        assert spec["memory-gb"] > 0 and spec["bandwidth-tbps"] > 0 and spec["bf16-tflops"] > 0
        assert spec["source"] and spec["aliases"]
    assert devices["NVIDIA H100 SXM"]["fp8-tflops"] == 1979


def test_shared_alias_uses_the_most_generous_figures(cli) -> None:
    # "H100" is SXM (3.35 TB/s) or PCIe (2.0 TB/s): bounds use 3.35.
    doc = ARCH_7B + "- GPU: H100\n- Batch size: 1\n- Decode throughput: 240 tokens/s per GPU\n"
    report_lines = cli(["check", "-", "--format", "json"], stdin=doc)[1]
    [finding] = json.loads(report_lines)
    assert finding["code"] == "SPC602"
    assert "3.35 TB/s (catalog: NVIDIA H100 PCIe or NVIDIA H100 SXM)" in finding["message"]


def _statements(text: str) -> dict[str, Statement]:
    domain = build_domain(analyze(text), DEFAULT_SETTINGS)
    return {statement.kind: statement for statement in domain.statements}


def test_statements_carry_what_their_line_says_so_rules_never_read_source_text() -> None:
    found = _statements(
        "- Total parameters: 56B (8 × 7B experts)\n"
        "- Decode throughput: 2,400 tokens/s per GPU at batch 64\n"
        "- TTFT: 300 ms for 8,192-token prompts\n"
    )
    assert found["params"].line_factors == (8,)
    assert found["params"].stated_text == "56B"
    batch = found["throughput"].batch
    assert batch is not None and (batch.value, batch.line) == (64, 2)
    assert batch.text == "Decode throughput: 2,400 tokens/s per GPU at batch 64"
    assert (found["throughput"].part, found["throughput"].per_gpu) == ("decode", True)
    assert found["ttft"].prompt_tokens == 8192
    plain = _statements("- Throughput: 900 tokens/s\n- TTFT: 2 s\n- Parameters: 7B\n")
    assert plain["throughput"].batch is None and plain["ttft"].prompt_tokens is None
    assert plain["params"].line_factors == ()


def test_thresholds_are_read_once_as_exact_rationals() -> None:
    assert THRESHOLDS.parameter_rounding == Fraction(1, 20)
    assert THRESHOLDS.safe_fix_max_deviation == Fraction(1, 10)
    efficiency = DEFAULT_SETTINGS.efficiency
    assert (efficiency.mfu, efficiency.bandwidth_utilisation, efficiency.slow_factor) == (
        Fraction(3, 5),
        Fraction(17, 20),
        50,
    )
