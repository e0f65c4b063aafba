"""Shapes the lead found on held-out sets in session 29. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

QUANT_TRIAL = """\
# Quantised decode trial on one L40S

We served Llama-3.1-8B on one L40S in BF16 and in FP8 and measured single-stream decode.

## Results

- FP8 decode is {change} than BF16 ({fp8} vs 44.7 tok/s) at batch 1, on the same prompts.
- The FP8 build's first token arrives 6 % sooner (93 vs 99 ms).
"""


def test_slower_is_the_speed_lost_unless_the_time_added_can_be_meant() -> None:
    # 38.9 / 44.7 = 0.870: 13.0 % of the speed lost, 14.9 % more time per token.
    assert findings(QUANT_TRIAL.format(change="13 % slower", fp8="38.9")) == []
    assert findings(QUANT_TRIAL.format(change="15 % slower", fp8="38.9")) == []
    [(line, code, message)] = findings(QUANT_TRIAL.format(change="18 % slower", fp8="38.9"))
    assert (line, code) == (7, "SPC102")
    assert "1 − (38.9 / 44.7 tok/s) = 13%" in message
    assert "B / A − 1 = 14.9%" in message


def test_slower_of_two_latencies_is_the_time_added() -> None:
    # 60 ms against 48 ms is 25 % more time: no reading of a speed lost applies.
    text = QUANT_TRIAL.format(change="25 % slower", fp8="60").replace("44.7 tok/s", "48 ms")
    assert findings(text) == []
