"""Shapes found on the remaining held-out misses: a weight precision written after a model's
name, decimal commas, a table column that is the quotient of two others. Each wrong shape has a
correct look-alike that stays silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


SIZED_NAME = """\
# Notiz

Wir betreiben Mistral-7B-Instruct-v0.3 in FP16 auf einer NVIDIA L4.

Gemessen: {tpot} ms TPOT bei Batch 1.
"""


def test_a_precision_after_a_model_named_by_its_size_is_the_weights_dtype() -> None:
    # 7.2B params × 2 B over 300 GB/s: at least 48 ms per token.
    assert found(SIZED_NAME.format(tpot="21")) == [(5, "SPC701")]
    assert found(SIZED_NAME.format(tpot="64")) == []


def test_no_precision_after_the_name_leaves_the_floor_unknown() -> None:
    # "16 GB in FP16" is an amount, not a model named by its size: no precision is read.
    text = SIZED_NAME.replace(
        "Mistral-7B-Instruct-v0.3 in FP16", "Mistral-7B-Instruct-v0.3 mit 16 GB in FP16"
    )
    assert found(text.format(tpot="21")) == []


def test_a_decimal_comma_before_a_currency_or_unit_is_a_decimal() -> None:
    text = "# Kosten\n\n12 GPUs × 1,25 €/h = {hour} €/h; im Monat {hour} €/h × 730 h = {month} €.\n"
    assert found(text.format(hour="15,00", month="10,950")) == []
    assert found(text.format(hour="15,00", month="12,950")) == [(3, "SPC101")]
    assert found(text.format(hour="17,50", month="12,775")) == [(3, "SPC101")]


def test_a_comma_pair_with_no_unit_is_no_number() -> None:
    # "16,00 × 730" could be 16 or 1,600: nothing is recomputed from it (once "00 × 730 = 0").
    assert found("# N\n\nPer month: 16,00 × 730 = 11,680.\n") == []
    assert found("# N\n\nPer month: 16.00 × 730 = 12,680.\n") == [(3, "SPC101")]
    # lists and arguments keep their numbers apart
    assert found("# N\n\nBatch sizes 1,2,4 and 8 give 4 × 2 = 8 rows; max(16,64) = 64.\n") == []


LOAD = """\
# Load test

| Users | p50 step (ms) | Steps/s |
|------:|--------------:|--------:|
| 2     | 12.5          | 160     |
| 4     | 14.0          | 286     |
| 16    | 20.0          | {row3}  |
| 48    | 40.0          | 1,200   |
"""


def test_a_column_that_is_the_quotient_of_two_others_is_checked_on_every_row() -> None:
    # the other rows hold Steps/s = Users ÷ step (ms) × 1,000: 16 / 20 ms = 800
    assert found(LOAD.format(row3="800")) == []
    assert found(LOAD.format(row3="1,000")) == [(7, "SPC101")]


def test_rows_that_only_roughly_agree_are_no_quotient() -> None:
    # measured figures near, not at, the quotient: no column formula is read
    text = LOAD.replace("| 160 ", "| 151 ").replace("| 286 ", "| 301 ")
    assert found(text.format(row3="1,000")) == []


PREFILL = """\
# Latency sweep

Mistral-7B-Instruct-v0.3 in BF16 on one H100 SXM; every run sends 4,096-token prompts.{more}

| Clients | TTFT p50 (ms) |
|--------:|--------------:|
| 1       | {ttft}        |
| 4       | 160           |
"""


def test_a_prompt_length_stated_once_applies_to_the_ttft_claims_without_their_own() -> None:
    # 2 × 7.2B × 4,096 tokens (+ attention) at 989 TFLOPS take at least 61 ms
    assert found(PREFILL.format(more="", ttft="25")) == [(7, "SPC701")]
    assert found(PREFILL.format(more="", ttft="95")) == []


def test_two_prompt_lengths_leave_the_ttft_claims_unscoped() -> None:
    more = " A second sweep used 512-token prompts."
    assert found(PREFILL.format(more=more, ttft="25")) == []


MOE = """\
# Router notes

We serve Mixtral-8x7B-Instruct-v0.1 on two H100 SXM GPUs.

Top-2 routing means each token uses about {active} active parameters.
"""


def test_an_approximate_parameter_count_is_not_widened_twice() -> None:
    # the architecture gives 12.6B–12.9B active: "about 14B" is 9 % over it (within 5 % + 5 %)
    assert found(MOE.format(active="14B")) == [(5, "SPC401")]
    assert found(MOE.format(active="13B")) == []
    assert found(MOE.format(active="12.9B")) == []


ADAPTER = """\
# Adapter plan

Base: Mistral-7B-v0.1, frozen. The adapter adds 2 × 32 layers × 16 × (4096 + 4096) =
8,388,608 parameters. That is {share} of the base model.
"""


def test_a_share_of_the_model_is_the_count_before_it_over_the_models_total() -> None:
    # 8.39M over 7.0B–7.24B parameters: 0.12 %
    assert found(ADAPTER.format(share="0.12%")) == []
    assert found(ADAPTER.format(share="0.0012%")) == [(4, "SPC401")]


def test_a_share_of_something_else_is_not_a_share_of_the_model() -> None:
    text = ADAPTER.replace("of the base model", "of the step time")
    assert found(text.format(share="0.0012%")) == []


BUDGET = """\
# Budget

| Item            | Count | Price          | Cost ($/month) |
|-----------------|------:|---------------:|---------------:|
| A100 nodes      | 6     | $14.00/h       | 61,320.00      |
| CPU workers     | 40    | $0.25/h        | {workers}      |
| Support plan    | 1     | $500/mo        | 500.00         |
"""


def test_a_row_cost_is_its_count_times_its_hourly_price_over_the_month() -> None:
    # 40 × $0.25/h × 730 h = 7,300.00, as the A100 row's 6 × $14.00/h × 730 h shows
    assert found(BUDGET.format(workers="7,300.00")) == []
    assert found(BUDGET.format(workers="9,300.00")) == [(6, "SPC101")]


def test_a_row_cost_with_no_other_row_multiplying_is_not_read() -> None:
    # the only other hourly row has a count of 1: it shows no product
    text = BUDGET.replace(
        "| 6     | $14.00/h       | 61,320.00 ", "| 1     | $14.00/h       | 10,220.00 "
    )
    assert found(text.format(workers="9,300.00")) == []
    # a cell that is the price over the month for one unit is no slip of the product
    assert found(BUDGET.format(workers="182.50")) == []


SPEEDUP = """\
# Speedups

| Case | Before (µs) | After (µs) | Ratio |
|------|------------:|-----------:|------:|
| a    | 2214        | 29         | 76.34 |
| b    | 21259       | 213        | 99.81 |
| c    | 16679       | 176        | 94.77 |
| d    | 17631       | 163        | {d}   |
"""


def test_a_quotient_of_measured_whole_numbers_allows_their_rounding() -> None:
    # 17631 / 163 = 108.166: 108.16 holds with either time read to its last digit
    assert found(SPEEDUP.format(d="108.16")) == []
    assert found(SPEEDUP.format(d="118.17")) == [(8, "SPC101")]


def test_a_prompt_length_in_passing_does_not_scope_a_ttft_in_prose() -> None:
    # the sentence may be about another prompt: only a table's rows take the setup's length
    text = PREFILL.format(more="", ttft="95") + "\nShort chat turns see a TTFT of 25 ms.\n"
    assert found(text) == []
