"""Shapes the lead found on held-out set 17 in session 19. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

ENERGY = """\
# Data-hall power

- Energy per month: 612.5 kW × 730 h = 447,125 kWh

Over a year the hall draws 447,125 × 12 ≈ {annual} of facility energy.
"""


def test_a_bare_formula_wrong_at_every_scale_is_reported_at_the_nearest() -> None:
    [(line, code, message)] = findings(ENERGY.format(annual="5.92 GWh"))
    assert (line, code) == (5, "SPC101")
    assert "447,125 × 12 = 5.37 GWh; stated 5.92 GWh" in message
    assert "read at the scale nearest the stated value (÷ 1,000,000)" in message


@pytest.mark.parametrize("annual", ["5.37 GWh", "5,365,500 kWh", "5.4 GWh"])
def test_a_bare_formula_right_at_some_scale_is_silent(annual: str) -> None:
    assert findings(ENERGY.format(annual=annual)) == []


def test_a_gap_far_from_any_scale_stays_a_question() -> None:
    # 5.37 GWh vs 9.1 GWh: more than 25 % off even at the nearest scale, so not read.
    assert findings(ENERGY.format(annual="9.1 GWh")) == []


BILL = """\
# Cage costs

## Monthly hosting bill

| Line item | Basis | Monthly ($) |
|-----------|-------|------------:|
| Metered power | 402,000 kWh × $0.09 | 36,180 |
| Cabinet space | 12 racks × $1,100 | 13,200 |
| Cross-connects | 4 × $400 | 1,600 |
| **Total** | | **50,980** |

Power is {share} % of the hosting bill; space is the next largest line.
"""


def test_a_row_share_of_the_whole_the_tables_heading_names_is_checked() -> None:
    [(line, code, message)] = findings(BILL.format(share="75.2"))
    assert (line, code) == (12, "SPC102")
    assert "36,180 (line 7) / 50,980 (line 10) = 71.0%" in message


def test_a_right_row_share_of_the_headings_whole_is_silent() -> None:
    assert findings(BILL.format(share="71.0")) == []


def test_a_whole_the_heading_does_not_name_is_not_read() -> None:
    doc = BILL.format(share="75.2").replace("of the hosting bill", "of the site budget")
    assert findings(doc) == []


DECODE = """\
# Student model pilot

The pilot serves the student single-stream on one H100 in bf16. Each decode step streams the
16.06 GB of student weights once, and in early tests the 8B model ran at about {rate}
tokens/s at batch 1 on one H100.
"""


def test_a_batch_one_rate_past_bandwidth_over_the_streamed_weights_is_an_error() -> None:
    [(line, code, message)] = findings(DECODE.format(rate="260"))
    assert (line, code) == (4, "SPC601")
    assert "3.35 TB/s (H100 peak memory bandwidth, catalog) ÷ 16.06 GB of weights (line 4)" in (
        message
    )
    assert "allows at most 209 tokens/s on one H100" in message


@pytest.mark.parametrize("rate", ["180", "205"])
def test_a_batch_one_rate_under_the_bandwidth_bound_is_silent(rate: str) -> None:
    assert findings(DECODE.format(rate=rate)) == []


def test_a_rate_at_a_larger_batch_is_not_read_against_the_weights_alone() -> None:
    doc = DECODE.format(rate="260").replace("at batch 1", "at batch 8")
    assert findings(doc) == []


RECAP = """\
# Two-node serving log

## Q3. Communication per step

Each decode step runs 126 all-reduces at 61.5 µs each. Per decode step: 126 × 61.5 µs ≈
7.75 ms of communication.

## Q4. Decision

1. Launch on two nodes with TP=16.
2. Accept a decode communication cost of ≈ {cost} ms per step until the new NCCL lands.
"""


def test_a_decision_that_restates_a_computed_figure_with_another_value_is_reported() -> None:
    [(line, code, message)] = findings(RECAP.format(cost="6.8"))
    assert (line, code) == (11, "SPC302")
    assert "the figure of line 6, 7.75 ms" in message
    assert "a recap restates it (both name communication, decode, step)" in message


@pytest.mark.parametrize("cost", ["7.75", "7.8"])
def test_a_decision_that_restates_it_faithfully_is_silent(cost: str) -> None:
    assert findings(RECAP.format(cost=cost)) == []


def test_a_figure_of_another_quantity_in_a_recap_is_not_a_restatement() -> None:
    # 25 % or more away: another quantity, not a slipped restatement.
    assert findings(RECAP.format(cost="4.1")) == []


PARALLEL = """\
# Accelerator choice

## Specs

The H200 reads its HBM at a bandwidth of 4.8 TB/s per GPU.

## Recommendation

Take the MI300X: its HBM bandwidth of 5.3 TB/s per GPU decides it.
"""


def test_a_recap_figure_of_another_subject_is_not_a_restatement() -> None:
    assert findings(PARALLEL) == []


SHARES = """\
# Eval suite

| Benchmark | Prompts | Input tok / prompt | Input (M tok) |
|-----------|--------:|-------------------:|--------------:|
| GSM8K     | 1,319   | 920                | 1.21          |
| ARC       | 3,548   | 410                | 1.45          |
| Long-QA   | 1,500   | 2,800              | 4.20          |
| **Total** | 6,367   |                    | {total}       |

Two benchmarks dominate:

| Benchmark       | Share of input tokens |
|-----------------|-----------------------|
| Long-QA         | {long_qa} %           |
| ARC             | {arc} %               |
| Everything else | 17.5 %                |
"""


def test_a_share_table_row_is_checked_against_the_earlier_tables_total() -> None:
    [(line, code, message)] = findings(SHARES.format(total="6.86", long_qa="66.2", arc="21.1"))
    assert (line, code) == (14, "SPC102")
    assert "4.20 (line 7) / 6.86 (line 8) = 61.2%; stated 66.2 %" in message


def test_right_shares_of_the_earlier_total_are_silent() -> None:
    assert findings(SHARES.format(total="6.86", long_qa="61.2", arc="21.1")) == []


def test_a_share_right_against_the_rows_when_the_total_is_wrong_is_left_to_the_total() -> None:
    # 6.96 is not 1.21 + 1.45 + 4.20 = 6.86 (reported as a sum); 61.2 % of the rows is right.
    found = findings(SHARES.format(total="6.96", long_qa="61.2", arc="21.1"))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC103")]


NODE_HOURS = """\
# Batch eval budget

Each evaluation runs on nodes of 8 H100 GPUs.

| Quantity              | Value  |
|-----------------------|--------|
| Evaluations per month | 90     |
| Node-hours per month  | 31.5   |
| GPU-hours per month   | {gpu}  |
"""


def test_gpu_hours_that_repeat_the_node_hours_count_nodes_as_gpus() -> None:
    [(line, code, message)] = findings(NODE_HOURS.format(gpu="31.5"))
    assert (line, code) == (9, "SPC101")
    assert "31.5 node-hours (line 8) × 8 GPUs per node = 252" in message


def test_gpu_hours_that_are_the_node_hours_times_the_node_size_are_silent() -> None:
    assert findings(NODE_HOURS.format(gpu="252")) == []


def test_without_one_node_size_the_rows_are_not_compared() -> None:
    doc = NODE_HOURS.format(gpu="31.5").replace("nodes of 8 H100 GPUs", "H100 nodes")
    assert findings(doc) == []


FLOOR = """\
# Long-context decode

With two full sequences resident, a step reads 16.06 GB of weights plus 2 × 21.47 = 42.94 GB
of KV, 59.0 GB in all. At the H100's 3.35 TB/s that puts a floor of {floor} ms under every step.
"""


def test_a_floor_the_rate_puts_under_the_total_of_the_sentence_before_is_checked() -> None:
    [(line, code, message)] = findings(FLOOR.format(floor="14.1"))
    assert (line, code) == (4, "SPC101")
    assert "59.0 GB / 3.35 TB/s = 17.6 ms; stated 14.1 ms" in message


def test_the_right_floor_is_silent() -> None:
    assert findings(FLOOR.format(floor="17.6")) == []


COPY = """\
# Shard rollout

A rebuilt shard goes to each search node over the 10 Gb/s node NIC, i.e. 1.25 GB/s.
Copying one 18.4 GB shard {link} takes about {time} s per node.
"""


def test_a_copy_time_at_the_rate_of_the_sentence_before_is_checked() -> None:
    [(line, code, message)] = findings(COPY.format(link="therefore", time="1.8"))
    assert (line, code) == (4, "SPC101")
    assert "18.4 GB / 1.25 GB/s = 14.7 s" in message


@pytest.mark.parametrize(("link", "time"), [("therefore", "14.7"), ("usually", "1.8")])
def test_a_right_copy_time_or_one_not_said_to_follow_is_silent(link: str, time: str) -> None:
    assert findings(COPY.format(link=link, time=time)) == []


ROW_FLOOR = """\
# Batching sweep

Llama-2-13B on one A100 80GB SXM, BF16.

| Batch | Bytes/step (GB) | Floor (ms) | TPOT p50 (ms) |
|---:|---:|---:|---:|
| 1 | 27.10 | 13.29 | {tpot} |
| 8 | 33.80 | 16.58 | 21.0 |
"""


def test_a_tpot_below_the_floor_its_own_row_states_is_reported() -> None:
    [(line, code, message)] = findings(ROW_FLOOR.format(tpot="12.6"))
    assert (line, code) == (7, "SPC701")
    assert "the floor its row states on line 7, 13.29 (Floor (ms))" in message


def test_a_tpot_above_its_rows_floor_is_silent() -> None:
    assert findings(ROW_FLOOR.format(tpot="14.1")) == []


LOST = """\
# Interruptions

Each row is the minutes the whole {gpus}-GPU job made no progress, times {gpus} GPUs.

| # | Cause | Lost (min) | Restart (min) | Total (min) | GPU-hours lost |
|---|---|---:|---:|---:|---:|
| 1 | NCCL timeout | 30 | 15 | 45 | 96.00 |
| 2 | Xid 79 | 41 | 19 | 60 | {cell} |
| 3 | Rollback | 102 | 18 | 120 | 256.00 |
| 4 | Storage stall | 10 | 0 | 10 | 21.33 |
| 5 | ECC | 22 | 20 | 42 | 89.60 |
"""


def test_a_cell_off_the_column_ratio_the_lead_in_names_is_reported() -> None:
    [(line, code, message)] = findings(LOST.format(gpus=128, cell="118.40"))
    assert (line, code) == (8, "SPC101")
    assert "60 (line 8) × 128 / 60 = 128.00; stated 118.40" in message


def test_a_column_on_the_lead_in_ratio_is_silent() -> None:
    assert findings(LOST.format(gpus=128, cell="128.00")) == []


def test_a_ratio_no_lead_in_number_names_is_not_read() -> None:
    # The same table under a lead-in that names no constant: the rows alone are no evidence.
    doc = LOST.format(gpus=128, cell="118.40").replace(", times 128 GPUs", "")
    doc = doc.replace("the whole 128-GPU job", "the job")
    assert findings(doc) == []


LIST_SHARES = """\
# Gateway quotas

| Tier       | Aggregate RPS | Aggregate TPM |
|------------|--------------:|--------------:|
| Free       |         1,800 |    18,000,000 |
| Pro        |         2,500 |    50,000,000 |
| Enterprise |         1,000 |    40,000,000 |
| **Total**  |     **5,300** | {total} |

Share of committed TPM by tier:

- Free: 16.7 %
- Pro: {pro} %
- Enterprise: 37.0 %
"""


def test_a_list_of_shares_under_a_share_lead_in_is_read_against_the_tables_total() -> None:
    [(line, code, message)] = findings(LIST_SHARES.format(total="**108,000,000**", pro="49.3"))
    assert (line, code) == (13, "SPC102")
    assert "50,000,000 (line 6) / 108,000,000 (line 8) = 46.3%; stated 49.3 %" in message


def test_right_list_shares_are_silent() -> None:
    assert findings(LIST_SHARES.format(total="**108,000,000**", pro="46.3")) == []


def test_a_share_is_read_against_the_rows_when_the_total_row_is_wrong() -> None:
    found = findings(LIST_SHARES.format(total="**118,000,000**", pro="49.3"))
    assert [(line, code) for line, code, _ in found] == [(8, "SPC103"), (13, "SPC102")]
    assert "50,000,000 (line 6) / 108,000,000 (the rows' sum) = 46.3%" in found[1][2]


SWAPPED = """\
# Preference run

Steps per epoch: 96,000 pairs / 64 pairs per step = 1,500 optimizer steps; two epochs make
2 × 1,500 = 3,000 optimizer steps.

| Phase | Duration |
|-------|----------|
| Training, {steps} steps | 11.6 h |
"""


def test_a_computed_count_restated_with_two_digits_swapped_is_reported() -> None:
    [(line, code, message)] = findings(
        SWAPPED.replace("1,500", "1,560").replace("3,000", "3,120").format(steps="3,210")
    )
    assert (line, code) == (8, "SPC302")
    assert "the figure of line 4, 3,120 optimizer steps" in message
    assert "restated with two adjacent digits swapped" in message


@pytest.mark.parametrize("steps", ["3,120", "3,300"])
def test_the_same_count_or_another_count_is_silent(steps: str) -> None:
    doc = SWAPPED.replace("1,500", "1,560").replace("3,000", "3,120").format(steps=steps)
    assert findings(doc) == []


def test_a_swap_of_a_figure_that_names_something_else_is_silent() -> None:
    doc = SWAPPED.replace("1,500", "1,560").replace("3,000", "3,120").format(steps="3,210")
    assert findings(doc.replace("3,210 steps", "3,210 tokens")) == []


BASIS = """\
# Spot batch overheads

| Overhead | Basis | Share of time |
|---|---|---|
| checkpoint stalls | 12 s / 480 s | {share} % |
| preemption restarts | 30 s / 480 s | 6.25 % |

| Line item | Basis | Monthly ($) |
|---|---|---:|
| Energy | 402,000 kWh × $0.09 | {energy} |
| Space | 12 racks × $1,100 | 13,200 |
"""


def test_a_result_beside_its_formula_cell_is_checked() -> None:
    found = findings(BASIS.format(share="1.5", energy="39,181"))
    assert [(line, code) for line, code, _ in found] == [(5, "SPC101"), (10, "SPC101")]
    assert "12 s / 480 s = 2.5%; stated 1.5 %" in found[0][2]
    assert "402,000 kWh × $0.09 = 36,180" in found[1][2] and "KiWh" not in found[1][2]


def test_results_that_their_formulas_give_are_silent() -> None:
    assert findings(BASIS.format(share="2.5", energy="36,180")) == []


def test_a_column_not_headed_as_formulas_is_not_read() -> None:
    doc = BASIS.format(share="1.5", energy="36,180").replace(
        "| Overhead | Basis |", "| Overhead | Sample |"
    )
    assert findings(doc) == []


ASIDE = """\
# Tokenisation fleet

We pick option B: 12 nodes × 48 cores = 576 cores, ≈ 26.4 hours of wall-clock, which is
{days} days and fits the weekend window.

The fleet reads 576 × 1.2 = 691.2 MB/s from the object store, i.e. about {gbps} Gb/s in aggregate.

Each record carries the 20-byte delegate address, for a total of 23 bytes.
"""


def test_a_restatement_in_other_units_after_a_few_words_is_checked() -> None:
    found = findings(ASIDE.format(days="1.5", gbps="0.69"))
    assert [(line, code) for line, code, _ in found] == [(4, "SPC201"), (6, "SPC203")]
    assert "26.4 hours = 1.1 days; stated 1.5 days" in found[0][2]
    assert (
        "691.2 MB/s = 5.53 Gb/s; stated 0.69 Gb/s matches only with bits and bytes" in found[1][2]
    )


def test_right_restatements_after_a_few_words_are_silent() -> None:
    # "20-byte …, for a total of 23 bytes" is one unit, and no restatement.
    assert findings(ASIDE.format(days="1.1", gbps="5.53")) == []
