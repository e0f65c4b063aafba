"""Misses of held-out set 18 (session 19), each read by class. Each wrong shape is reported;
its correct look-alike stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

UPGRADE = """\
# Serving engine upgrade

| Workload | v0.5 (tok/s) | v0.6 (tok/s) | Δ (%) |
|---|---:|---:|---:|
| Chat 2k/256 | 4,120 | 4,870 | +18.2 |
| RAG 8k/512 | 2,640 | 3,010 | +14.0 |
| Code 4k/1k | 1,950 | 2,380 | {code} |
| Batch 1k/2k | 6,300 | 6,750 | +7.1 |
"""


def test_a_change_column_that_holds_on_every_row_is_silent() -> None:
    assert findings(UPGRADE.format(code="+22.1")) == []


def test_the_one_row_of_a_change_column_off_its_two_columns_is_reported() -> None:
    [(line, code, message)] = findings(UPGRADE.format(code="+27.1"))
    assert (line, code) == (7, "SPC101")
    assert "(2,380 − 1,950) / 1,950 (line 7) = 22.1%" in message
    assert "the other 3 rows of the table have Δ (%) = (v0.6 (tok/s) − v0.5 (tok/s))" in message


LATENCY = """\
# Paged attention kernel rollout

| Percentile | Old kernel | New kernel | Change |
|---|--:|--:|--:|
| ITL p50 | 18.4 ms | 15.1 ms | −17.9 % |
| ITL p95 | 27.0 ms | 21.6 ms | −20.0 % |
| ITL p99 | 41.5 ms | 30.2 ms | {p99} |
"""


@pytest.mark.parametrize("p99", ["−27.2 %", "-27.2%"])
def test_a_signed_fall_that_holds_is_silent(p99: str) -> None:
    assert findings(LATENCY.format(p99=p99)) == []


def test_a_signed_fall_off_by_its_base_row_is_reported() -> None:
    [(line, code, message)] = findings(LATENCY.format(p99="−37.4 %"))
    assert (line, code) == (7, "SPC101")
    assert "(41.5 ms − 30.2 ms) / 41.5 ms (line 7) = 27.2%" in message


def test_a_change_column_the_rows_do_not_show_is_not_read() -> None:
    # against last quarter, which the table does not show: no row holds a reading
    text = LATENCY.replace("−17.9 %", "−4.0 %").replace("−20.0 %", "+2.5 %")
    assert findings(text.format(p99="−11.0 %")) == []


def test_two_rows_off_leave_the_column_unread() -> None:
    text = LATENCY.replace("−20.0 %", "−31.0 %")
    assert findings(text.format(p99="−37.4 %")) == []


def test_a_row_of_percentages_leaves_the_columns_unread() -> None:
    # 62 % → 71 % may be a change in points: the columns are not read at all
    text = LATENCY.format(p99="−37.4 %") + "| GPU busy | 62 % | 71 % | +9.0 % |\n"
    assert findings(text) == []


def test_a_percentage_column_not_headed_as_a_change_is_not_read() -> None:
    text = LATENCY.replace("| Change |", "| Of budget |")
    assert findings(text.format(p99="−37.4 %")) == []


SERVED = """\
# October request attribution

| Product | Requests (thousands) | Share of {whole} | Cost |
|---|--:|--:|--:|
| Search | 41,200 | 30.52 % | $32,960.00 |
| Support bot | 29,850 | {share} | {cost} |
| Code review | 37,720 | 27.94 % | $30,176.00 |
| Summaries | 26,230 | 19.43 % | $20,984.00 |
| **Served total** | **{total}** | **100 %** | **$108,000.00** |
"""


def _served(
    whole: str = "served", share: str = "22.11 %", cost: str = "$23,880.00", total: str = "135,000"
) -> str:
    return SERVED.format(whole=whole, share=share, cost=cost, total=total)


def test_shares_of_the_whole_the_total_row_names_are_silent() -> None:
    assert findings(_served()) == []


def test_a_share_of_the_whole_the_total_row_names_is_checked() -> None:
    [(line, code, message)] = findings(_served(share="23.11 %"))
    assert (line, code) == (6, "SPC102")
    assert "29,850 (line 6) / 135,000 (line 9) = 22.11%" in message


def test_a_share_header_naming_a_whole_the_table_does_not_is_not_read() -> None:
    assert findings(_served(whole="pool", share="23.11 %")) == []


def test_shares_of_the_rows_sum_under_a_wrong_total_leave_only_the_total() -> None:
    [(line, code, _)] = findings(_served(total="135,600"))
    assert (line, code) == (9, "SPC103")


def test_a_share_off_the_rows_sum_under_a_wrong_total_is_checked_against_the_sum() -> None:
    found = findings(_served(total="135,600", share="23.11 %"))
    assert [(line, code) for line, code, _ in found] == [(6, "SPC102"), (9, "SPC103")]
    assert "29,850 (line 6) / 135,000 (lines 5–8) = 22.11%" in found[0][2]
    assert "(135,600 is not that sum)" in found[0][2]


def test_a_share_right_for_one_column_is_not_blamed_for_another_columns_slip() -> None:
    found = findings(_served(cost="$25,880.00"))
    assert [(line, code) for line, code, _ in found] == [(9, "SPC103")]


RACK = """\
# Five-year cost of one rack

| Per rack, 5 years | Option A | Option B |
|---|--:|--:|
| Hardware | $180,000 | $310,000 |
| Power | {power_a} | {power_b} |
| Network | $24,000 | $36,500 |
| Staffing share | $15,000 | $15,000 |
| **{label}** | **{total_a}** | **{total_b}** |
"""


def _rack(label: str, total_b: str, cents: bool = True) -> str:
    power = ("$41,617.80", "$58,263.92") if cents else ("$41,600", "$58,300")
    total_a = "$260,617.80" if cents else "$260,600"
    return RACK.format(
        label=label, power_a=power[0], power_b=power[1], total_a=total_a, total_b=total_b
    )


@pytest.mark.parametrize("label", ["Five-year cost", "Total"])
def test_a_cost_column_to_the_cent_that_adds_up_is_silent(label: str) -> None:
    assert findings(_rack(label, "$419,763.92")) == []


@pytest.mark.parametrize("label", ["Five-year cost", "Total"])
def test_round_costs_beside_a_figure_to_the_cent_are_exact(label: str) -> None:
    [(line, code, message)] = findings(_rack(label, "$421,763.92"))
    assert (line, code) == (9, "SPC103")
    assert "= $419,763.92; stated $421,763.92" in message


def test_round_costs_with_no_figure_to_the_cent_may_be_rounded() -> None:
    # $310,000 + $58,300 + $36,500 + $15,000 = $419,800: each round figure may be rounded
    assert findings(_rack("Total", "$421,000", cents=False)) == []


BUDGET = """\
# Availability budget

The gateway targets 99.99 % availability over a calendar year. That leaves
{formula} of downtime a year.
"""


def test_a_power_of_ten_operand_that_gives_its_result_is_silent() -> None:
    assert findings(BUDGET.format(formula="0.01 % × 365 × 1,440 min = 52.56 minutes")) == []


def test_a_power_of_ten_operand_is_exact() -> None:
    found = findings(BUDGET.format(formula="0.01 % × 365 × 1,440 min = 57.6 minutes"))
    [(line, code, message)] = found
    assert (line, code) == (4, "SPC101")
    assert "= 52.6 minutes; stated 57.6 minutes" in message


def test_another_one_digit_operand_is_still_read_to_its_last_digit() -> None:
    # 0.2 may be 0.15 … 0.25: 85 minutes is within what 0.2 % × 28 days can give
    assert findings(BUDGET.format(formula="0.2 % × 28 × 1,440 min = 85 minutes")) == []


ARCHIVE = """\
# Image archive layout

The export is written as tar chunks of 4 GB each (decimal units throughout).
The full export of {amount} at 4 GB per chunk makes {count}.
"""


@pytest.mark.parametrize(
    ("amount", "count"), [("3.6 TB", "900 chunks"), ("3.6 TB", "900 chunks, in one bucket")]
)
def test_a_count_of_items_that_is_the_amount_over_their_size_is_silent(
    amount: str, count: str
) -> None:
    assert findings(ARCHIVE.format(amount=amount, count=count)) == []


def test_a_count_of_items_rounded_up_holds() -> None:
    # 3.61 TB / 4 GB = 902.5: the last chunk is partly full
    assert findings(ARCHIVE.format(amount="3.61 TB", count="903 chunks")) == []


def test_a_count_of_items_off_the_amount_over_their_size_is_reported() -> None:
    [(line, code, message)] = findings(ARCHIVE.format(amount="3.6 TB", count="950 chunks"))
    assert (line, code) == (4, "SPC101")
    assert "3.6 TB / 4 GB per chunk = 900; stated 950 chunks" in message


def test_a_count_of_other_things_is_not_read_as_the_items() -> None:
    assert findings(ARCHIVE.format(amount="3.6 TB", count="950 files")) == []


def test_a_count_that_goes_on_is_not_read() -> None:
    assert findings(ARCHIVE.format(amount="3.6 TB", count="950 chunks of 3 replicas")) == []


CHUNK = """\
# Image archive layout

Each chunk holds about 4 GB / 2.5 MB ≈ {images} images.
"""


def test_about_before_a_formula_with_its_result_qualifies_the_result() -> None:
    assert findings(CHUNK.format(images="1,600")) == []
    [(line, code, message)] = findings(CHUNK.format(images="1,900"))
    assert (line, code) == (3, "SPC101")
    assert "4 GB / 2.5 MB = 1,600" in message


HOLDS = """\
# Serving memory

## Memory per GPU

The weights take 16.1 GB in BF16 on each GPU.{other}
The KV cache for the planned batch of eight sequences is:

$$8 \\times 4.3\\ \\text{{GB}} = 34.4\\ \\text{{GB}}$$

So one GPU holds about 50.5 GB, and {noun} is {share} of it.
"""


def _holds(share: str, noun: str = "the KV cache", other: str = "") -> str:
    return HOLDS.format(share=share, noun=noun, other=other)


def test_a_share_of_the_figure_just_stated_that_holds_is_silent() -> None:
    assert findings(_holds("68.1 %")) == []


def test_a_share_of_the_figure_just_stated_is_its_named_part_over_it() -> None:
    [(line, code, message)] = findings(_holds("31.9 %"))
    assert (line, code) == (10, "SPC102")
    assert "34.4 GB (line 8) / 50.5 GB = 68.1%" in message


def test_a_share_whose_part_the_section_does_not_name_is_not_read() -> None:
    assert findings(_holds("31.9 %", noun="the activation memory")) == []


def test_a_share_whose_part_the_section_names_twice_is_not_read() -> None:
    other = " At half the batch the KV cache is 17.2 GB."
    assert findings(_holds("31.9 %", other=other)) == []


NODE = """\
# Inference refresh

All figures are per {size} node unless marked per GPU.

## Compute

{sentence}
"""


def _node(sentence: str, size: str = "8-GPU HGX") -> str:
    return NODE.format(sentence=sentence, size=size)


@pytest.mark.parametrize(
    "sentence",
    [
        "Each H100 node delivers 15.8 PFLOPS dense FP8 at peak.",
        "Each H100 delivers 1.979 PFLOPS dense FP8 at peak.",
        "Each H100 node sustained 6.2 PFLOPS dense FP8 in the benchmark.",
    ],
)
def test_a_node_figure_that_is_not_one_devices_peak_is_silent(sentence: str) -> None:
    assert findings(_node(sentence)) == []


def test_one_devices_peak_given_as_its_nodes_is_reported() -> None:
    found = findings(_node("Each H100 node delivers 1.979 PFLOPS dense FP8 at peak."))
    [(line, code, message)] = found
    assert (line, code) == (7, "SPC301")
    assert "8 GPUs per node (line 3) × 1,979 TFLOPS = 15.83 PFLOPS; stated 1.979 PFLOPS" in message


def test_one_devices_peak_in_a_document_without_a_node_size_is_not_read() -> None:
    text = _node("Each H100 node delivers 1.979 PFLOPS dense FP8 at peak.", size="HGX")
    assert findings(text) == []


INGEST = """\
# Ingest plan

The job runs on 16 nodes of 8 GPUs.

- per node: 8 × 42.5 MB/s = 340 MB/s
- whole job: 340 MB/s × 16 = 5.44 GB/s

{sentence}
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "Each node therefore has to read 340 MB/s from its local cache.",
        "The job as a whole therefore reads 5.44 GB/s from the object store.",
        "Each node therefore has to read 0.34 GB/s from its local cache.",
    ],
)
def test_a_per_node_figure_that_is_no_restated_total_is_silent(sentence: str) -> None:
    assert findings(INGEST.format(sentence=sentence)) == []


def test_the_whole_jobs_rate_given_each_node_is_the_total_restated() -> None:
    text = INGEST.format(sentence="Each node therefore has to read 5.44 GB/s from its cache.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC301")
    assert "each node has 5.44 GB/s / 16 = 340 MB/s (line 5)" in message


def test_the_restated_total_is_fixed_in_the_shares_unit() -> None:
    from speclint import lint_text

    text = INGEST.format(sentence="Each node therefore has to read 5.44 GB/s from its cache.")
    [diagnostic] = [d for d in lint_text(text, "t.md") if d.code == "SPC301"]
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "0.34"
    assert (diagnostic.column, diagnostic.end_column) == (33, 37)


def test_a_rate_its_own_clause_calls_the_whole_is_not_read_as_each_nodes() -> None:
    sentence = "Each node therefore has to read 5.44 GB/s, the whole job's aggregate."
    assert findings(INGEST.format(sentence=sentence)) == []


def test_a_later_clause_about_all_disks_does_not_make_the_figure_the_whole() -> None:
    sentence = (
        "Each node therefore has to read 5.44 GB/s from its cache, which all disks can serve."
    )
    [(line, code, _)] = findings(INGEST.format(sentence=sentence))
    assert (line, code) == (8, "SPC301")
