"""Shapes found on a fourth held-out set: a prefill time for one prompt is checked against
its compute floor at peak. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

PREFILL = """\
# Latency plan

Qwen2.5-32B-Instruct in BF16 on 4 × H100 SXM with TP=4.

In our load test, prefill of a 4,096-token prompt takes {time} on the replica.
"""


def test_a_prefill_faster_than_peak_compute_is_an_error() -> None:
    [(line, code, message)] = findings(PREFILL.format(time="40 ms"))
    assert (line, code) == (5, "SPC701")
    assert message.startswith("prefill: (2 × ")
    assert "4096 tokens" in message and "(4 GPUs × 989 TFLOPS)" in message
    assert "needs at least 67.4 ms at 100 % of peak" in message
    assert "stated 40 ms is 1.68× faster than that bound" in message


def test_a_prefill_slower_than_its_floor_is_silent() -> None:
    assert findings(PREFILL.format(time="150 ms")) == []
    # only the floor at peak is checked: slow prefills (queueing, small MFU) are no finding
    assert findings(PREFILL.format(time="9 s")) == []


def test_a_prefill_time_said_as_a_bound_or_without_its_prompt_is_silent() -> None:
    bound = PREFILL.replace("takes {time}", "cannot take less than {time}")
    assert findings(bound.format(time="40 ms")) == []
    chunk = PREFILL.replace("prefill of a", "each prefill chunk of a")
    assert findings(chunk.format(time="40 ms")) == []
    no_prompt = PREFILL.replace("of a 4,096-token prompt ", "")
    assert findings(no_prompt.format(time="40 ms")) == []


BOLD_ROW = """\
# Memory per GPU

| part | BF16 (GB) | FP8 (GB) |
|---|---:|---:|
| weights | 16.4 | 8.2 |
| KV cache | 40.0 | 40.0 |
| activations | 6.0 | 6.0 |
| workspace | 2.5 | 2.5 |
| **Per GPU** | **64.9** | **{fp8}** |
"""


def test_a_bold_last_row_is_a_total_when_another_column_adds_up() -> None:
    assert findings(BOLD_ROW.format(fp8="56.7")) == []
    [(line, code, message)] = findings(BOLD_ROW.format(fp8="58.7"))
    assert (line, code) == (9, "SPC103")
    assert message.startswith("8.2 (line 5) + 40.0 (line 6) + 6.0 (line 7) + 2.5 (line 8) = ")
    assert "= 56.7 GB (52.8 GiB); stated 58.7 is 3.5% too large" in message


def test_a_bold_last_row_no_column_of_which_adds_up_is_no_total() -> None:
    # the chosen option of a comparison, in bold: its figures are no sums of the rows above
    text = BOLD_ROW.replace("64.9", "66.9").format(fp8="58.7")
    assert findings(text) == []
    # a row with a plain cell is not a bold row
    text = BOLD_ROW.replace("**64.9**", "64.9").format(fp8="58.7")
    assert findings(text) == []
