"""Shapes of held-out misses (sets 7, 8): an amount said to fit on fewer devices than hold
it, a speculative-decoding draft model that hid the served one. Each wrong shape has a
correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

FIT = """\
# Memory plan for the 72B assistant

- Weights in BF16 are 145.4 GB; KV for 16 sequences at 8k tokens adds 42.9 GB.
- Weights plus the KV of 16 sequences (188.3 GB) {verb} {devices}.
"""


def test_an_amount_said_to_fit_on_fewer_devices_than_hold_it_is_reported() -> None:
    [(line, code, message)] = findings(FIT.format(verb="also fits on", devices="2× H100 80 GB"))
    assert (line, code) == (4, "SPC502")
    assert message == (
        "2 × H100 80 GB hold 2 × 80 GB (as written) = 160 GB; stated 188.3 GB is 1.18× that "
        "and cannot fit"
    )


def test_the_catalog_memory_is_used_when_the_text_gives_none() -> None:
    [(line, code, message)] = findings(FIT.format(verb="fits on", devices="a single L40S"))
    assert (line, code) == (4, "SPC502")
    assert message == (
        "1 × L40S holds 1 × 48 GB (catalog) = 48 GB; stated 188.3 GB is 3.92× that and cannot fit"
    )
    assert findings(FIT.format(verb="fits on", devices="one MI300X")) == []  # 192 GB each


def test_an_amount_that_fits_or_is_said_not_to_is_silent() -> None:
    assert findings(FIT.format(verb="also fits on", devices="4× H100 80 GB")) == []
    assert findings(FIT.format(verb="does not fit on", devices="2× H100 80 GB")) == []
    assert findings(FIT.format(verb="would fit on", devices="2× H100 80 GB")) == []


SPECDEC = """\
# Serving notes: speculative decoding for the 32B assistant

Setup: Qwen2.5-32B-Instruct in BF16 with TP=2 on 2× H100 SXM; the draft is Qwen2.5-0.5B ({draft}).

## Prefill

- Measured p50 TTFT for 8,192-token prompts: {ttft} ms.
"""


def test_a_draft_model_does_not_hide_the_served_model_from_the_latency_floor() -> None:
    [(line, code, message)] = findings(SPECDEC.format(draft="BF16, GPU 0", ttft="120"))
    assert (line, code) == (7, "SPC701")
    assert message.startswith("first token: (2 × 31.21B params × 8192 tokens + causal attention")
    assert "stated 120 ms is" in message


def test_a_ttft_above_the_floor_with_a_draft_model_is_silent() -> None:
    assert findings(SPECDEC.format(draft="BF16, GPU 0", ttft="650")) == []


def test_two_served_models_and_no_draft_stay_silent() -> None:
    doc = SPECDEC.replace("the draft is", "the fallback is")
    assert findings(doc.format(draft="BF16, GPU 0", ttft="120")) == []


def test_a_line_about_the_draft_is_not_checked_against_the_served_model() -> None:
    doc = SPECDEC.format(draft="BF16, GPU 0", ttft="650") + (
        "- Draft KV per token: 2 × 24 × 2 × 64 × 2 B = 12,288 B = 12 KiB.\n"
    )
    assert findings(doc) == []


KV = """\
# KV budget

Llama-3.1-70B-Instruct in BF16 on 4 × H100 SXM (TP=4).

- KV per token: 2 × 80 × 8 × 128 × 2 B = 327,680 B = 320 KiB; per GPU at TP=4 that is {share} KiB.
"""


def test_per_gpu_after_a_semicolon_is_the_next_clauses_figure() -> None:
    assert findings(KV.format(share="80")) == []
    # the next clause's figure restating the whole is still the one reported
    [(line, code, message)] = findings(KV.format(share="320"))
    assert (line, code) == (5, "SPC501")
    assert message.endswith("stated 320 KiB is the whole model's")


TAGGING = """\
# Image tagging service

Work per image:

- classify: 2 × 304M × 577 tokens = 350.8 GFLOP per image
- caption: 2 × 1.3B × 600 tokens = 1.56 TFLOP per image

For {workload}, one L4 handles a single image with a p95 of {p95} ms, fine for the UI.
"""


def test_a_workloads_latency_on_one_device_below_its_flops_over_peak_is_reported() -> None:
    [(line, code, message)] = findings(TAGGING.format(workload="caption", p95="8"))
    assert (line, code) == (8, "SPC701")
    assert message == (
        "caption: 1.56 TFLOP per image (line 6) ÷ 121 TFLOPS (L4 dense BF16 peak, catalog; "
        "BF16: the sentence says no FP8) needs at least 12.9 ms at 100 % of peak; stated 8 ms "
        "is 1.61× faster than that bound"
    )


def test_a_latency_above_the_floor_or_of_an_unsure_workload_is_silent() -> None:
    assert findings(TAGGING.format(workload="caption", p95="20")) == []
    assert findings(TAGGING.format(workload="classify", p95="8")) == []  # 2.9 ms floor
    assert findings(TAGGING.format(workload="classify and caption", p95="8")) == []
    doc = TAGGING.format(workload="caption", p95="8").replace("handles", "would handle")
    assert findings(doc) == []
