"""Shapes the lead found on held-out set 16 in session 19. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

BUDGET = """\
# Search latency

The product SLO is 150 ms p99 end to end. Our p99 {lead} by stage:

| Stage                 | p99 (ms) |
|-----------------------|----------|
| Gateway and auth      | 5        |
| Query embedding       | 12       |
| ANN search            | 18       |
| Rerank, 50 pairs      | 60       |
| Passage fetch         | 20       |
| **Total**             | {total}  |
"""


def test_a_table_its_lead_in_calls_a_budget_adds_up_under_a_tail_header() -> None:
    [(line, code, message)] = findings(BUDGET.format(lead="budget", total="111"))
    assert (line, code) == (12, "SPC103")
    assert "= 115 ms; stated 111" in message


@pytest.mark.parametrize(("lead", "total"), [("budget", "115"), ("latency", "111")])
def test_a_budget_that_adds_up_or_measured_tails_are_silent(lead: str, total: str) -> None:
    # Measured p99s of stages do not add up to the request's p99: only at most their sum.
    assert findings(BUDGET.format(lead=lead, total=total)) == []


JUDGE = """\
# Judge costs

| Item                      | Per run               | Per month (×120) |
|---------------------------|-----------------------|------------------|
| Judgments                 | 160                   | 19,200           |
| Judge input tokens        | 160 × 1,600 = 256,000 | 30.72 M          |
| Input cost at $2.50 / M   | $0.64                 | $76.80           |
| Output cost at $10.00 / M | $0.40                 | $48.00           |
| **Judge total**           | $1.04                 | {total}          |
"""


def test_a_cost_total_adds_the_cost_rows_of_a_column_that_lists_counts_first() -> None:
    [(line, code, message)] = findings(JUDGE.format(total="$142.80"))
    assert (line, code) == (9, "SPC103")
    assert "$76.80 (line 7) + $48.00 (line 8) = $124.80; stated $142.80" in message


def test_a_cost_total_that_adds_the_cost_rows_is_silent() -> None:
    assert findings(JUDGE.format(total="$124.80")) == []


PRICED = """\
# Storage bill

| Item                  | Monthly   |
|-----------------------|-----------|
| Objects stored        | 1,200,000 |
| Price per TB-month    | $20.00    |
| Storage cost          | $480.00   |
| **Total**             | $480.00   |
"""


def test_a_price_row_is_no_addend_of_a_cost_total() -> None:
    assert findings(PRICED) == []


SHARE = """\
# Autoscaler bill

The trough window is a small part of the bill: 88 of 968 GPU-hours, {share} % of the total.
The peak window is 480 of 968 GPU-hours, 49.6 % of the rest of the month.
"""


def test_a_share_that_names_the_whole_just_written_is_checked() -> None:
    [(line, code, message)] = findings(SHARE.format(share="11.4"))
    assert (line, code) == (3, "SPC102")
    assert "88 / 968 GPU-hours = 9.09%; stated 11.4 %" in message


def test_a_right_share_of_the_total_is_silent() -> None:
    # Line 4's share is of another whole ("of the rest of the month"): not read.
    assert findings(SHARE.format(share="9.1")) == []


FITS = """\
# Long-context serving

At BF16 a full 128k sequence needs 17.18 GB of KV. Moving the KV cache to FP8 halves it to
8.59 GB and fits 53.94 / 8.59, i.e. {count} full-length sequences per GPU.
"""


def test_whole_items_that_fit_are_the_quotient_rounded_down() -> None:
    [(line, code, message)] = findings(FITS.format(count="7"))
    assert (line, code) == (4, "SPC101")
    assert "53.94 / 8.59 = 6.28, of which 6 fit whole; stated 7" in message


def test_the_quotient_rounded_down_fits() -> None:
    assert findings(FITS.format(count="6")) == []


NEEDS = """\
# Replicas

Peak is 53.94 / 8.59, i.e. {count} replicas' worth of traffic at full load.
"""


@pytest.mark.parametrize("count", ["6", "7"])
def test_a_quotient_with_no_fit_word_may_round_either_way(count: str) -> None:
    assert findings(NEEDS.format(count=count)) == []


def test_one_unit_written_on_both_operands_is_no_prefix_slip() -> None:
    doc = FITS.format(count="7").replace("53.94 / 8.59", "53.94 GB / 8.59 GB")
    [(_, code, message)] = findings(doc)
    assert code == "SPC101" and "read as GiB" not in message


PREFILL = """\
# Eval harness

- Model: Llama-2-70B
- Hardware: 8× H100 SXM, BF16
- Measured prefill: {rate} tokens/s per node
"""


@pytest.mark.parametrize(("rate", "expected"), [("38,000", []), ("42,000", ["SPC602"])])
def test_prefill_throughput_is_judged_at_the_prefill_mfu_prior(
    rate: str, expected: list[str]
) -> None:
    # 8 × 989 TFLOPS ÷ (2 × 68.45B) = 57,793 tokens/s; 40,455 at MFU 70 % (60 %: 34,676).
    assert [code for _, code, _ in findings(PREFILL.format(rate=rate))] == expected


def test_a_configured_prefill_prior_replaces_the_default(tmp_path, cli) -> None:
    (tmp_path / "speclint.toml").write_text("[efficiency]\nprefill-mfu = 0.6\n")
    (tmp_path / "a.md").write_text(PREFILL.format(rate="38,000"))
    code, out, _ = cli(["check", "a.md", "--output-format", "concise"], cwd=tmp_path)
    assert code == 0 and "SPC602" in out and "at MFU 60 % (assumed, configured)" in out


BINARY = """\
# Pod memory

The weights are 13.48 B params × 2 bytes = 26.96 GB, and every decode step reads them all.

In {system} units the checkpoint is {size}, which is what the pod dashboards show.
"""


def test_a_figure_said_to_be_in_binary_units_restates_the_size_before() -> None:
    [(line, code, message)] = findings(BINARY.format(system="binary", size="28.9 GiB"))
    assert (line, code) == (5, "SPC201")
    assert "26.96 GB (line 3) = 25.1 GiB; stated 28.9 GiB" in message


@pytest.mark.parametrize(
    ("system", "size"), [("binary", "25.1 GiB"), ("IEC", "25.11 GiB"), ("decimal", "26.96 GB")]
)
def test_a_right_conversion_or_no_conversion_is_silent(system: str, size: str) -> None:
    assert findings(BINARY.format(system=system, size=size)) == []


PREFILL_LOG = """\
# Accelerator decision log

Model: Llama-3.1-70B-Instruct (80 layers, hidden size 8192, 64 heads, 8 KV heads, FFN 28672,
vocabulary 128,256). We compare the H200 and the MI300X, in BF16 and in FP8 weights.

### Prefill

A prompt of $n$ tokens needs about $2Pn$ FLOPs. For a 6,000-token prompt that is
$2 \\times 70.55\\text{{B}} \\times 6000 \\approx 8.47 \\times 10^{{14}}$ FLOPs.

The H200 FP8 run logged a TTFT of {ttft} ms for that prompt at batch 1 on a single GPU.
"""


def test_a_ttft_for_that_prompt_is_bounded_at_the_precision_its_sentence_names() -> None:
    # 2 × 68.45B × 6000 + attention = 0.86 PFLOP ÷ 2,615 TFLOPS (the larger FP8 peak) = 330 ms
    [(line, code, message)] = findings(PREFILL_LOG.format(ttft="260"))
    assert (line, code) == (11, "SPC701")
    assert "× 6000 tokens" in message and "÷ 2,615 TFLOPS" in message


@pytest.mark.parametrize("ttft", ["340", "450"])
def test_a_ttft_at_or_past_the_fp8_floor_is_silent(ttft: str) -> None:
    # 450 ms is below the BF16 floor (2 × … ÷ 1,307 TFLOPS ≈ 660 ms): the sentence says FP8.
    assert findings(PREFILL_LOG.format(ttft=ttft)) == []


def test_a_ttft_with_no_prompt_to_point_back_to_is_not_bounded() -> None:
    doc = PREFILL_LOG.format(ttft="260").replace("for that prompt", "for a typical request")
    assert findings(doc) == []


METRICS = """\
# Chat capacity

Llama-3.1-70B-Instruct on 4 × H100 SXM per replica (TP=4), FP8 weights.

| Metric | Value |
|--------|------:|
| TPOT p95 | 37 ms |
| TTFT, one 1,850-token prompt on an idle replica | {ttft} ms |
"""


def test_a_latency_row_of_a_metric_table_is_a_claim() -> None:
    # (2 × 68.45B × 1850 + attention) ÷ (4 × 1,979 TFLOPS) = 32.6 ms at peak
    [(line, code, message)] = findings(METRICS.format(ttft="24"))
    assert (line, code) == (8, "SPC701")
    assert "÷ (4 GPUs × 1,979 TFLOPS) needs at least 32.6 ms" in message


def test_a_latency_row_above_its_floor_is_silent() -> None:
    assert findings(METRICS.format(ttft="60")) == []
