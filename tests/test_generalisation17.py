"""Shapes the lead found on held-out sets in session 16: how many sequences a token capacity holds
at a stated context length. Each shape has a wrong variant the checks catch and a correct one
that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

FITS = """\
# Chat pool: KV headroom

Weights take 26 GB of each 80 GB card, so after the 0.9 utilisation cap about 46 GB is left.

- KV per token: 2 × 40 layers × 8 KV heads × 128 × 2 B = 160 KiB.
- 46 GB / 160 KiB ≈ 281k tokens of cache per card.

At 8k context that's {count} sequences per card, before any prefix sharing.
"""


@pytest.mark.parametrize("count", ["~34", "34.3", "34", "about 34"])
def test_sequences_at_a_context_are_the_capacity_over_the_context(count: str) -> None:
    assert findings(FITS.format(count=count)) == []


def test_sequences_at_a_context_that_overstate_the_capacity_are_an_error() -> None:
    [(line, code, message)] = findings(FITS.format(count="~3.4"))
    assert (line, code) == (8, "SPC101")
    assert message == (
        "281k tokens (line 6) / 8,192 (8k context) = 34.3; stated 3.4 sequences per card"
        " is 10.1× too small"
    )


def test_a_context_that_is_no_power_of_two_counts_in_thousands() -> None:
    text = FITS.replace("At 8k context", "At 10k context").format(count="~2.8")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC101")
    assert message.startswith("281k tokens (line 6) / 10k context = 28.1; stated 2.8 sequences")


def test_a_policy_count_without_a_result_word_is_not_read() -> None:
    text = FITS.replace("that's {count} sequences", "we cap the pool at {count} sequences")
    assert findings(text.format(count="16")) == []


def test_a_token_count_that_is_no_capacity_is_not_read() -> None:
    cache = "is the cache; prompts average 900 tokens"
    text = FITS.replace("≈ 281k tokens of cache per card", cache)
    assert findings(text.format(count="3")) == []


def test_a_count_per_another_scope_than_the_capacity_is_not_read() -> None:
    text = FITS.replace("sequences per card", "sequences per node")
    assert findings(text.format(count="274")) == []


MEMORY = """\
# Laptop memory bandwidth

| device | memory | bus | bandwidth |
|---|---|---|---|
| phone | LPDDR5X-9600 | 64-bit | 9600 MT/s × 8 B = {phone} GB/s |
| laptop | LPDDR5X-8448 | 128-bit | 8448 MT/s × 16 B = 135.2 GB/s |
"""


def test_megatransfers_per_second_are_a_rate() -> None:
    assert findings(MEMORY.format(phone="76.8")) == []


def test_a_wrong_bandwidth_from_megatransfers_is_an_error() -> None:
    [(line, code, message)] = findings(MEMORY.format(phone="7.68"))
    assert (line, code) == (5, "SPC101")
    assert message == "9600 MT/s × 8 B = 76.80 GB/s; stated 7.68 GB/s is 10× too small"


OPTIMISER = """\
# Optimiser state

The distributed optimiser keeps {formula} bytes per parameter at DP = 8.
"""


def test_a_symbol_after_a_slash_in_a_sum_is_no_noun() -> None:
    assert findings(OPTIMISER.format(formula="6 + 12/DP = 7.5")) == []


def test_a_sum_of_plain_numbers_is_still_checked() -> None:
    [(line, code, _)] = findings(OPTIMISER.format(formula="6 + 12/8 = 9.5"))
    assert (line, code) == (3, "SPC101")


RAIL = """\
# Rail bandwidth

A healthy rail shows 44 GB/s of bus bandwidth, 88 % of the 50 GB/s ({rate}) line rate.
"""


def test_a_parenthesis_that_restates_the_last_operand_is_no_result() -> None:
    assert findings(RAIL.format(rate="400 Gb/s")) == []


def test_a_parenthesis_far_from_the_operand_is_still_the_result() -> None:
    [(line, code, message)] = findings(RAIL.format(rate="40 Gb/s"))
    assert (line, code) == (3, "SPC102")
    assert message.startswith("88 % of the 50 GB/s = 352 Gb/s; stated 40 Gb/s")


HARNESS = """\
# Evaluation harness tokens

| task | items | samples per item | prompt tok | input tokens |
|---|---|---|---|---|
| MMLU | 14,042 | 1 | 615 | 8,635,830 |
| GSM8K | 1,319 | 1 | 960 | 1,266,240 |
| ARC | 1,172 | 1 | 320 | 375,040 |
| HumanEval | 164 | {samples} | 140 | 229,600 |
| IFEval | 541 | 1 | 60 | 32,460 |
"""


def test_a_row_off_by_exactly_another_of_its_cells_is_not_blamed() -> None:
    assert findings(HARNESS.format(samples="10")) == []


def test_a_row_off_by_a_factor_no_cell_gives_is_an_error() -> None:
    [(line, code, message)] = findings(HARNESS.format(samples="1"))
    assert (line, code) == (8, "SPC101")
    assert message.startswith("164 (line 8) × 140 (line 8) = 22,960; stated 229,600 is 10×")


RUN = """\
# Run length

Measured throughput is 478 k tokens/s across the cluster.
The budget is 2 T tokens, so the run needs 2e12 / 478e3 ≈ {days} days of wall-clock.
"""


def test_a_whole_operand_in_e_notation_is_exact() -> None:
    [(line, code, message)] = findings(RUN.format(days="58"))
    assert (line, code) == (4, "SPC101")
    assert message == (
        "2e12 / 478e3 = 48 days; stated 58 days is 1.20× too large"
        " (the formula has no unit, so it is read in s)"
    )


def test_the_right_number_of_days_from_e_notation_is_silent() -> None:
    assert findings(RUN.format(days="48")) == []


STEPS = """\
# Lost steps

- Steps in the 31 h window: 31 × 3600 / 0.58 ≈ {steps} k (instead of ≈ 272 k at 0.41 s).
"""


def test_a_thousand_after_a_space_scales_the_result() -> None:
    [(line, code, message)] = findings(STEPS.format(steps="162"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("31 × 3600 / 0.58 = 192k; stated 162 k is 1.19× too small")


def test_a_right_result_with_a_spaced_thousand_is_silent() -> None:
    assert findings(STEPS.format(steps="192")) == []


ENERGY = """\
# Energy per token

At 19.5 tok/s the phone draws 5.2 W, so it spends {formula} J per token.
"""


def test_a_quotient_whose_unit_is_the_inverse_of_the_stated_one_is_upside_down() -> None:
    [(line, code, message)] = findings(ENERGY.format(formula="19.5 tok/s ÷ 5.2 W = 3.75"))
    assert (line, code) == (3, "SPC101")
    assert message == (
        "19.5 tok/s ÷ 5.2 W = 0.267 J; stated 3.75 J per token is 14.1× too large"
        " (the quotient as written gives the inverse of J per token)"
    )


@pytest.mark.parametrize("formula", ["5.2 W ÷ 19.5 tok/s = 0.267", "19.5 tok/s ÷ 5.2 W = 0.267"])
def test_joules_per_token_the_right_way_round_are_silent(formula: str) -> None:
    assert findings(ENERGY.format(formula=formula)) == []


LINE_RATE = """\
# Rail health

On paper a healthy rail's 44 GB/s is only {share} % of the 400 Gb/s line rate.
"""


def test_a_value_that_is_only_a_share_of_a_whole_is_checked() -> None:
    [(line, code, message)] = findings(LINE_RATE.format(share="11"))
    assert (line, code) == (3, "SPC203")
    assert message.startswith("44 GB/s / 400 Gb/s line = 88%; stated 11 % matches only with bits")


def test_a_right_share_after_is_only_is_silent() -> None:
    assert findings(LINE_RATE.format(share="88")) == []


CONTEXT = """\
# KV cache of the 8B

The 8B is 2 × 32 × 8 × 128 × 2 B = 128 KiB per token; its 8,192-token context holds {size}.
"""


@pytest.mark.parametrize("size", ["1 GiB", "1.07 GB", "1,024 MiB"])
def test_a_figure_per_token_times_a_token_count_is_the_total(size: str) -> None:
    assert findings(CONTEXT.format(size=size)) == []


def test_a_total_per_token_count_in_the_other_prefix_is_a_slip() -> None:
    [(line, code, message)] = findings(CONTEXT.format(size="1.07 GiB"))
    assert (line, code) == (3, "SPC202")
    assert message.startswith("128 KiB per token × 8,192-token = 1.00 GiB (1.07 GB); stated 1.07")


BUCKET = """\
# Object-store requests

Prices for the standard class: GET $0.0004 per 1,000, PUT $0.005 per 1,000.

- Reading the raw bucket once: 715,256 GETs × $0.0004 = {reads}.
- Writing the shards: 200,000 PUTs × $0.005 = $1.
"""


def test_a_price_per_a_thousand_is_divided_where_a_formula_reuses_it() -> None:
    [(line, code, message)] = findings(BUCKET.format(reads="$286"))
    assert (line, code) == (5, "SPC204")
    assert message.startswith("715,256 GETs × $0.0004 / 1,000 = $0.286; stated $286 matches")
    assert message.endswith("(the price $0.0004 is per 1,000)")


def test_prices_per_a_thousand_used_right_are_silent() -> None:
    assert findings(BUCKET.format(reads="$0.29")) == []


PREFILL = """\
# KV at the end of prefill

Each image token holds 0.5 MiB of KV, so a 640-token image request holds
640 × 0.5 MiB = {size} at the end of prefill.
"""


@pytest.mark.parametrize("size", ["320 MiB", "335.5 MB", "336 MB"])
def test_a_product_in_mib_restated_in_either_prefix_is_silent(size: str) -> None:
    assert findings(PREFILL.format(size=size)) == []


def test_the_exact_product_written_with_the_other_prefix_is_a_slip() -> None:
    [(line, code, message)] = findings(PREFILL.format(size="320 MB"))
    assert (line, code) == (4, "SPC202")
    assert message.startswith("640 × 0.5 MiB = 335,544,320 B = 336 MB (320 MiB); stated 320 MB")


CLUSTER = """\
# Pretraining layout

Cluster: 64 nodes × 8 H100 SXM = 512 GPUs.

The 40 % MFU figure is what the pilot on 128 GPUs measured.

- Sustained model compute ≈ {rate} PFLOP/s across the cluster.
"""


def test_a_cluster_figure_is_bounded_by_the_largest_gpu_count_the_document_states() -> None:
    [(line, code, message)] = findings(CLUSTER.format(rate="396"))
    assert (line, code) == (7, "SPC602")
    assert message.startswith(
        "compute: all 512 GPUs (the largest GPU count the document states) × 989 TFLOPS"
    )


def test_a_cluster_figure_within_the_largest_count_is_silent() -> None:
    assert findings(CLUSTER.format(rate="202.5")) == []
