"""Shapes the lead found on held-out sets in session 28. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from .conftest import findings

A10G_DECODE = """\
# Support bot on one A10G

The bot runs Mistral-7B-v0.1 in BF16 on a single A10G (24 GB, 600 GB/s) with vLLM.

## Measured decode

- Single-stream decode is {single}; at the usual 12 concurrent sessions it is ~310 tok/s in total.
- {tpot}, because each step reads the weights once.
"""


def test_n_concurrent_sessions_sets_the_batch_of_its_own_clause() -> None:
    # 13.96 GB of weights over 0.6 TB/s: at most 43 tok/s for one stream, 516 for 12.
    text = A10G_DECODE.format(single="~35 tok/s", tpot="At batch 1 the TPOT is 30 ms")
    assert findings(text) == []
    [(line, code, message)] = findings(
        A10G_DECODE.format(single="~60 tok/s", tpot="At batch 1 the TPOT is 30 ms")
    )
    assert (line, code) == (7, "SPC601")
    assert "43 tokens/s" in message


def test_a_time_of_a_latency_is_a_change_of_it_not_its_value() -> None:
    text = A10G_DECODE.format(
        single="~35 tok/s", tpot="Going from 1 to 12 streams costs only 5 ms of TPOT"
    )
    assert findings(text) == []
    [(line, code, message)] = findings(
        A10G_DECODE.format(single="~35 tok/s", tpot="At batch 1 the TPOT is 5 ms")
    )
    assert (line, code) == (8, "SPC701")
    assert "23.3 ms" in message


LAYOUTS = """\
# Llama-3.1-70B layouts on two H100 nodes

Llama-3.1-70B in BF16 on 16 H100 SXM GPUs. Two layouts are on the table.

## Decode floors (batch 1)

At 100 % of HBM bandwidth:

- A: 8.82 GB / 3.35 TB/s = 2.63 ms of weight streaming per GPU, plus 160 all-reduces per token
  over IB at ~10 µs each = 1.6 ms, so TPOT ≥ 4.2 ms
- B: two stages in turn: 2 × 2.63 ms = 5.3 ms, plus 160 NVLink all-reduces at ~6 µs = 1.0 ms,
  so TPOT ≥ 6.3 ms

B trades its TPOT (≥ 6.3 ms vs ≥ 4.2 ms) for twice the KV room.

In the vendor trial layout A decoded a single stream at {tpot} TPOT.
"""


def test_a_part_of_a_derived_floor_is_no_latency_and_each_layout_keeps_its_floor() -> None:
    # "~10 µs each = 1.6 ms, so TPOT ≥ 4.2 ms": 1.6 ms is the all-reduces' share, not a TPOT
    # below the 2.55 ms weight floor; layout A's 6.0 ms is above A's floor (4.2 ms), though
    # below B's (6.3 ms).
    assert findings(LAYOUTS.format(tpot="6.0 ms")) == []
    [(line, code, message)] = findings(LAYOUTS.format(tpot="3.5 ms"))
    assert (line, code) == (16, "SPC701")
    assert "line 10 (4.2 ms)" in message


DIGEST = """\
# Weekly digest job review

## Inputs

| Item | Value |
|---|---|
| Mean prompt length | 1,150 tokens |
| Mean digest length | 250 tokens |

## Utilisation

| Pool | GPUs | Allocation |
|---|---|---|
| `digest` | 24 | 62 % |
| `adhoc` | 16 | 48 % |

## Recommendations

- `max_num_seqs=64` keeps every sequence resident: 64 sequences at full prompt + digest length
  (1,400 tokens each, 89,600 tokens) fit in the 120,000-token pool.

## Decisions

| # | Decision | Effect |
|---|---|---|
| D1 | Move 8 of the 24 GPUs to the ad-hoc queue | `digest` allocation ≈ 71 % |

## Summary

The mean prompt stays at {prompt}.
"""


def test_a_figure_named_for_a_sum_of_names_or_a_decisions_effect_restates_nothing() -> None:
    # "full prompt + digest length (1,400 tokens each": the sum, not the prompt's 1,150 tokens;
    # a decision's Effect column holds the figure it is expected to bring.
    assert findings(DIGEST.format(prompt="1,150 tokens")) == []
    [(line, code, message)] = findings(DIGEST.format(prompt="1,250 tokens"))
    assert (line, code) == (30, "SPC302")
    assert "1,150 tokens" in message


ARCHIVE = """\
# Log archive storage cost

| Tier | Data | Rate | Monthly |
|---|---|---|---|
| Hot (0–14 days) | 60 TB | 40 TB at $0.023, 20 TB at $0.021 | $1,340.00 |
| Warm (14–60 days) | 120 TB | $0.0125 | $1,500.00 |
| Cold (60–180 days) | 300 TB | $0.004 | {cold} |
| Glacier (180–365 days) | 250 TB | $0.0036 | $900.00 |
| Archive (over 365 days) | 500 TB | $0.00099 | $495.00 |

Rates are per GB-month; 1 TB = 1,000 GB.

## Compute

At 40 % MFU on 8 × 989 TFLOPS ({eff}) a 2e15-FLOP prefill takes about 0.63 s.
"""


def test_a_cell_of_another_kind_of_amount_is_no_operand_of_its_column() -> None:
    # "40 TB at $0.023, 20 TB at $0.021" in a Rate column of dollar rates: a tiered price.
    assert findings(ARCHIVE.format(cold="$1,200.00", eff="3,164.8 TFLOPS effective")) == []
    [(line, code, message)] = findings(
        ARCHIVE.format(cold="$1,500.00", eff="3,164.8 TFLOPS effective")
    )
    assert (line, code) == (7, "SPC101")
    assert "$1,200.00" in message


def test_an_effective_figure_after_a_formula_is_its_derated_value() -> None:
    [(line, code, message)] = findings(ARCHIVE.format(cold="$1,200.00", eff="7,000 TFLOPS"))
    assert (line, code) == (15, "SPC101")
    assert "7,912 TFLOPS" in message
