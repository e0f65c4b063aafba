"""Stated precision decides: intervals, approximations, bounds, boundary mutants."""

from __future__ import annotations

from fractions import Fraction

import pytest

from speclint import lint_text
from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.quantity.exact import INFINITY, Bound
from speclint.quantity.precision import written_interval
from speclint.settings import DEFAULT_SETTINGS

from .helpers import first_literal, statuses


def interval(text: str, *, stated: bool = True) -> tuple[Bound, Bound]:
    lit = first_literal(text)
    assert lit is not None
    iv = written_interval(lit, stated=stated)
    return iv.lo, iv.hi


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("0.62", Fraction("0.615"), Fraction("0.625")),
        ("19.20", Fraction("19.195"), Fraction("19.205")),
        ("3,840", Fraction("3839.5"), Fraction("3840.5")),
        ("30%", Fraction("29.5"), Fraction("30.5")),
        ("1,500", 1450, 1550),
        ("~2.6", Fraction("2.47"), Fraction("2.73")),
        ("~90", 80, 100),
        ("20,000", 19_000, 21_000),
        ("100", 95, 105),
        ("2–4", Fraction("1.5"), Fraction("4.5")),
        ("5 ± 0.5", Fraction("4.5"), Fraction("5.5")),
        ("< 120", -INFINITY, Fraction("120.5")),
        ("< 100", -INFINITY, 105),
        ("at least 8", Fraction("7.5"), INFINITY),
    ],
)
def test_stated_intervals(text: str, lo: Fraction, hi: Fraction) -> None:
    assert interval(text) == (lo, hi)


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [
        ("8", 8, 8),
        ("1024", 1024, 1024),
        ("1e9", 10**9, 10**9),
        ("0.5", Fraction("0.45"), Fraction("0.55")),
    ],
)
def test_operand_intervals(text: str, lo: Fraction, hi: Fraction) -> None:
    """Counts and powers of ten in a formula are exact; decimals keep their precision."""
    assert interval(text, stated=False) == (lo, hi)


def test_scaled_operands_keep_their_rounding() -> None:
    lit = first_literal("10B params")
    iv = written_interval(lit, stated=False)
    assert (iv.lo, iv.hi) == (Fraction("9.5"), Fraction("10.5"))


@pytest.mark.parametrize(
    ("formula_bytes", "status"),
    [
        ("2,540,000 × 1,000 bytes", "consistent"),  # 2.54 GB: 0.4 units below 2.5's edge
        ("2,550,000 × 1,000 bytes", "consistent"),  # exactly on the edge: intervals are closed
        ("2,560,000 × 1,000 bytes", "inconsistent"),  # 0.6 units: outside [2.45, 2.55]
        ("2,440,000 × 1,000 bytes", "inconsistent"),
    ],
)
def test_boundary_mutants(formula_bytes: str, status: str) -> None:
    assert statuses(f"Shard size: 2.5 GB ({formula_bytes})") == [("formula", "2.5 GB", status)]


def test_trailing_zero_narrows_the_interval() -> None:
    assert statuses("Shard size: 2.5 GB (2,540,000 × 1,000 bytes)")[0][2] == "consistent"
    assert statuses("Shard size: 2.50 GB (2,540,000 × 1,000 bytes)")[0][2] == "inconsistent"


def test_approximation_widens_the_stated_value() -> None:
    assert statuses("Weights: 15 GB (7.5B params × 2 bytes)")[0][2] == "consistent"
    assert statuses("Weights: 13 GB (7.5B params × 2 bytes)")[0][2] == "inconsistent"
    assert statuses("Weights: ~14 GB (7.5B params × 2 bytes)")[0][2] == "consistent"
    assert statuses("Weights: 7.5B params × 2 bytes ≈ 14 GB")[0][2] == "consistent"
    # Without "~", 14 GB is what 15 GB is in GiB: a named unit slip, not a bare mismatch.
    assert statuses("Weights: 14 GB (7.5B params × 2 bytes)")[0][2] == "slip"


def test_bounds_are_half_open() -> None:
    assert statuses("Step time: < 20 ms (26 GB / 2.0 TB/s)")[0][2] == "consistent"
    assert statuses("Step time: < 10 ms (26 GB / 2.0 TB/s)")[0][2] == "inconsistent"
    assert statuses("Decode: ≥ 70 tokens/s (1 / 13 ms)")[0][2] == "consistent"
    assert statuses("Decode: ≥ 80 tokens/s (1 / 13 ms)")[0][2] == "inconsistent"


# ---- False positives found on a clean held-out set (session 11) ------------------------------
# Each correct text stays silent and a wrong look-alike next to it is still reported.


def _found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


def _facts(text: str) -> dict[str, object]:
    facts = build_domain(analyze(text, "t.md"), DEFAULT_SETTINGS).facts
    return {name: facts.value(name) for name in facts.facts}


PER_GPU_TABLE = """\
# Serving DeepSeek-V3

| Item per GPU | Calculation | Size |
|---|---|---|
| Routed experts | {cell} | ≈ 40.9 GB |
"""


def test_a_factor_of_a_table_formula_is_not_the_rows_fact() -> None:
    # "16 experts × 58 layers × …" computes the row's size; 16 is a factor, not the model's
    # expert count (DeepSeek-V3 has 256).
    assert _found(PER_GPU_TABLE.format(cell="16 experts × 58 layers × 44,040,192 B")) == []
    # A row whose value is the count itself still states it, and still conflicts.
    assert _found(PER_GPU_TABLE.format(cell="16")) == [(5, "SPC304")]


def test_experts_per_token_are_not_the_expert_count() -> None:
    facts = _facts(
        "Each MoE layer has 64 routed experts; the router picks 6 routed experts per token.\n"
    )
    assert facts["experts"] == 64
    assert _facts("Each MoE layer has 6 routed experts.\n")["experts"] == 6


KV_PER_GPU = """\
# KV sizing

Llama-3.1-70B served on 4 × H100 SXM, {layout}, with an FP8 KV cache.

Each GPU keeps 2 of the 8 KV heads; at {kib} KiB per token a 50 GB budget holds about 1.2M tokens.
"""


@pytest.mark.parametrize("layout", ["tensor parallel 4", "tensor parallelism of 4"])
def test_a_tensor_parallel_degree_written_in_prose_gives_the_per_gpu_reading(layout: str) -> None:
    # 2 × 2 KV heads × 128 × 80 layers × 1 B = 40,960 B = 40 KiB on each of the 4 GPUs.
    assert _facts(KV_PER_GPU.format(layout=layout, kib=40))["tp"] == 4
    assert _found(KV_PER_GPU.format(layout=layout, kib=40)) == []
    assert _found(KV_PER_GPU.format(layout=layout, kib=160)) == []  # the whole model's figure
    assert _found(KV_PER_GPU.format(layout=layout, kib=30)) == [(5, "SPC501")]


KV_BUDGET = """\
# KV sizing

Llama-3.1-8B with a BF16 KV cache: at {kib} KiB per token a 16 GB budget holds about 122K tokens.
"""


def test_a_per_token_figure_does_not_make_the_next_bytes_per_token() -> None:
    # 2 × 8 KV heads × 128 × 32 layers × 2 B = 128 KiB per token; 16 GB is the budget, not a
    # second per-token figure.
    assert _found(KV_BUDGET.format(kib=128)) == []
    assert _found(KV_BUDGET.format(kib=96)) == [(3, "SPC501")]


def test_a_product_of_degrees_is_not_its_last_degree() -> None:
    def pp(text: str) -> list[object]:
        facts = build_domain(analyze(text, "t.md"), DEFAULT_SETTINGS).facts
        return [f.value for f in facts.facts["pp"]]

    assert pp("Layout: TP = 8 and PP = 4. TP × PP = 32 GPUs hold one replica.\n") == [4]
    assert pp("Layout: TP = 8 and PP = 32.\n") == [32]
    assert pp("Layout: TP=8 × PP=16 × DP=128 = 16,384 GPUs.\n") == [16]


SCALED_OUT = """\
# Benchmark: Llama-3.1-8B on one H100 SXM

Measured on one H100 SXM in BF16: 5,000 output tokens/s at batch 64.

Projected: {claim}.
"""


def test_a_throughput_of_a_system_its_clause_names_is_bounded_by_that_system() -> None:
    # One H100 allows ~70,852 tokens/s for an 8B model at 100 % of peak.
    assert _found(SCALED_OUT.format(claim="a full 8-GPU node would serve 300,000 tokens/s")) == []
    assert _found(SCALED_OUT.format(claim="the 16-node pool, roughly 640K tokens/s")) == []
    # 8 GPUs allow ~567K tokens/s: 900K is past them, and a bare claim is bounded by one GPU.
    wrong = SCALED_OUT.format(claim="a full 8-GPU node would serve 900,000 tokens/s")
    assert _found(wrong) == [(5, "SPC601")]
    assert _found(SCALED_OUT.format(claim="we would serve 300,000 tokens/s")) == [(5, "SPC601")]


MOE_SERVING = """\
# Serving plan

The model has 671B total parameters and 37B active parameters, with 256 routed experts per layer.

Deployment: 16 × H200 (16 GPUs), FP8 weights. The cluster serves {tps} tokens/s.

The distilled variant we also tested has 128 experts.
"""


def test_an_moe_model_stays_moe_when_two_expert_counts_are_stated() -> None:
    # 16 × 1,979 TFLOPS ÷ (2 × 37B active) ≈ 450K tokens/s; read as dense (671B) it would be 25K.
    assert _found(MOE_SERVING.format(tps="55K")) == []
    assert _found(MOE_SERVING.format(tps="900K")) == [(5, "SPC601")]


ALTERNATIVE = """\
# Serving DeepSeek-V3

DeepSeek-V3: hidden size 7168, expert FFN width 2048, 256 experts per layer, top-8 routing.

- one expert: 3 × 7168 × 2048 = 44,040,192 parameters

## Alternative considered

{facts}

- one expert: 3 × 4096 × 1536 = {qwen} parameters
"""
QWEN = "Qwen3-235B-A22B has hidden size 4096, expert width 1536 and 128 experts per layer."


def test_a_section_about_an_alternative_with_its_own_facts_is_not_checked_against_the_plan() -> (
    None
):
    assert _found(ALTERNATIVE.format(facts=QWEN, qwen="18,874,368")) == []
    # Its own arithmetic is still checked.
    assert _found(ALTERNATIVE.format(facts=QWEN, qwen="19,874,368")) == [(11, "SPC101")]
    # A section that states no facts of its own is checked against the plan's.
    assert _found(ALTERNATIVE.format(facts="A smaller model.", qwen="18,874,368")) == [
        (11, "SPC401")
    ]


TRAINING = """\
# Training plan

The model has 70.6B parameters. We train it on 2T tokens using 128 nodes of 8 × H100 SXM \
(1,024 GPUs) at 45 % MFU.

Training time: {days} days of wall-clock time, about {resource}.

With 2,048 GPUs the MFU would drop to about 42 %. Wall-clock would then be
about 11.5 days.
"""


def test_gpu_hours_and_a_supposed_wall_clock_are_not_the_training_time() -> None:
    # 6 × 70.6B × 2T ÷ (1,024 × 989 TFLOPS × 0.45) ≈ 1.86M s ≈ 21.5 days ≈ 529K GPU-hours.
    assert _found(TRAINING.format(days="21.5", resource="529K GPU-hours")) == []
    assert _found(TRAINING.format(days="15", resource="529K GPU-hours")) == [(5, "SPC704")]
    # Hours of wall-clock time are still a duration (and, after ", about", a restatement of
    # the 21.5 days: 516 h, so SPC201 too).
    assert _found(TRAINING.format(days="21.5", resource="900 hours")) == [
        (5, "SPC201"),
        (5, "SPC704"),
    ]


PURCHASES = """\
# Purchases

| Quarter | New GPUs | {header} |
|---|---:|---:|
| Q1 | 256 | 256 |
| Q2 | 384 | 640 |
| Q3 | 512 | 1,152 |
| Q4 | 512 | 1,664 |
| **Total** | **1,664** | **{total}** |
"""


def test_a_running_column_totals_to_its_last_row() -> None:
    for header in ("GPUs at quarter end", "Fleet size"):
        assert _found(PURCHASES.format(header=header, total="1,664")) == []
    # The added column is still a sum: 1,600 is not 256 + 384 + 512 + 512.
    wrong = PURCHASES.replace("**1,664** |", "**1,600** |", 1)
    assert _found(wrong.format(header="Fleet size", total="1,664")) == [(9, "SPC103")]
    # A column that is not running still sums.
    assert _found(PURCHASES.format(header="Fleet size", total="1,600")) == [(9, "SPC103")]


BREAKDOWN = """\
# Latency

| Stage | p50 (ms) | p99 (ms) |
|---|---:|---:|
| Queueing | 12 | 95 |
| Prefill | 78 | 96 |
| Decode | 1,887 | 2,270 |
| **Total** | **{p50}** | **{p99}** |
"""


def test_a_tail_total_lies_between_the_worst_part_and_the_parts_added() -> None:
    # The p99 of the request (2,390) is under the stage p99s added (2,461): not a sum.
    assert _found(BREAKDOWN.format(p50="1,977", p99="2,390")) == []
    assert _found(BREAKDOWN.format(p50="1,977", p99="2,461")) == []
    # Past the sum, a tail total is still a wrong sum; the median column still adds up.
    assert _found(BREAKDOWN.format(p50="1,977", p99="2,561")) == [(8, "SPC103")]
    assert _found(BREAKDOWN.format(p50="2,077", p99="2,390")) == [(8, "SPC103")]


FP8_WOULD = """\
# Llama-3.1-8B on one H100 SXM

BF16 weights; measured batch-1 TPOT is 6.8 ms.

An {build} would read 8.03 GB of weights per step, so batch-1 TPOT could
drop to about {tpot} ms at 80 % of peak bandwidth.
"""


def test_a_supposed_precision_holds_for_the_rest_of_its_sentence() -> None:
    # 8.03 GB ÷ 3.35 TB/s ≈ 2.4 ms at peak: 3.0 ms is possible with FP8 weights.
    assert _found(FP8_WOULD.format(build="FP8 build", tpot="3.0")) == []
    # Without another precision named, the plan's BF16 weights hold and 3.0 ms is too fast.
    assert _found(FP8_WOULD.format(build="optimised build", tpot="3.0")) == [(6, "SPC701")]
