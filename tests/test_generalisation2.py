"""Shapes found on the second held-out set: a total that shows its own addends, and a latency
named after its value ("24 ms TPOT"). Each wrong shape has a correct look-alike that stays
silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


INDEX = """\
# Index sizing

- Raw FP32 vectors: 10M × 768 × 4 B = 30.72 GB.
- Int8 vectors: 10M × 768 × 1 B = 7.68 GB.
- Graph links: 10M × 32 × 4 B = 1.28 GB.
- Index total: 7.68 + 1.28 = {total} GB.
"""


def test_a_total_with_its_own_addends_is_not_summed_over_the_list() -> None:
    # The FP32 line above is an alternative, not a part: the line's own sum holds.
    assert found(INDEX.format(total="8.96")) == []
    # Its own equation is still checked.
    assert found(INDEX.format(total="9.96")) == [(6, "SPC101")]


LIST_TOTAL = """\
# Memory

- Weights: 16 GB
- KV cache: 4 GB
- Total: {total} GB
"""


def test_a_bare_total_is_still_summed_over_the_list() -> None:
    assert found(LIST_TOTAL.format(total="20")) == []
    assert found(LIST_TOTAL.format(total="24")) == [(5, "SPC103")]


DECODE = """\
# Notes

We serve Llama-3.1-8B-Instruct on one NVIDIA L4; the weights are BF16.

Single-stream decode measures {tpot} ms TPOT at batch 1.
"""


def test_a_latency_named_after_its_value_is_read_as_tpot() -> None:
    # 16 GB of weights over 300 GB/s take at least 46.5 ms per token.
    assert found(DECODE.format(tpot="24")) == [(5, "SPC701")]
    assert found(DECODE.format(tpot="58")) == []


def test_a_value_restated_in_another_unit_after_which_is() -> None:
    text = "Weights: 8.03B × 2 bytes = 16.06 GB, which is {gib} GiB.\n"
    assert found(text.format(gib="15.9")) == [(1, "SPC201")]
    assert found(text.format(gib="14.96")) == []
    # no formula before it
    assert found("The weights take 16.06 GB, which is 15.9 GiB.\n") == [(1, "SPC201")]
    assert found("The weights take 16.06 GB, which is 14.96 GiB.\n") == []


def test_which_is_before_another_kind_of_figure_is_no_conversion() -> None:
    # a per-GPU share and a percentage are not the same value in another unit
    assert found("The weights take 16 GB, which is 4 GB per GPU.\n") == []
    assert found("The weights take 16 GB, which is 20 % more.\n") == []
    # a bare "is" joins two clauses
    assert found("Each node needs 640 GB is 100 GiB more than today.\n") == []


SERVING = """\
# Notes

Serving Llama-3.1-8B-Instruct in {dtype} on one NVIDIA L4.

- TPOT at batch 1: {tpot} ms.
"""


def test_serving_in_a_dtype_is_the_weight_precision() -> None:
    # BF16: 14 GB over 300 GB/s is at least 46.5 ms; FP8 halves it to 23.3 ms (27.4 ms at
    # the realistic 85 % of bandwidth).
    assert found(SERVING.format(dtype="BF16", tpot="24")) == [(5, "SPC701")]
    assert found(SERVING.format(dtype="FP8", tpot="24")) == [(5, "SPC702")]
    assert found(SERVING.format(dtype="FP8", tpot="30")) == []


PRICE = "Prices: A100 $1.90/GPU-h ({formula}).\n"


def test_a_price_per_hour_whose_operands_dropped_the_rate() -> None:
    assert found(PRICE.format(formula="8 × $1.90 = $14.80/h")) == [(1, "SPC101")]
    assert found(PRICE.format(formula="8 × $1.90 = $15.20/h")) == []
    # an operand with another unit is not a price: nothing is read per hour
    assert found(PRICE.format(formula="8 GB × $1.90 = $14.80/h")) == []


ABBREVIATED = """\
# Memory

Gemma-2-9B in BF16 on one NVIDIA L4 (24 GB).

- Without the weights, {left} GB stay free, i.e. {pct}% of the card.
- The KV cache gets 5 GB, e.g. {kv}% of the card at the default settings.
"""


def test_an_abbreviation_does_not_end_the_sentence_before_a_share() -> None:
    # "i.e." and "e.g." end in a full stop; the bytes before them still belong to the share:
    # 6 GB of 24 GB is 25 %, 5 GB is 20.8 %.
    assert found(ABBREVIATED.format(left="6", pct="40", kv="21")) == [(5, "SPC501")]
    assert found(ABBREVIATED.format(left="6", pct="25", kv="30")) == [(6, "SPC501")]
    assert found(ABBREVIATED.format(left="6", pct="25", kv="21")) == []


FLEET_PRICE = """\
# Cost

The pool of 4 replicas sustains ~12,000 tokens/s; a single replica peaks at 3,500 tokens/s.
Expected demand is 300M tokens/day.

32 GPUs × $2.10/GPU-h × 730 h = $49,056/month, i.e. about ${price} per 1M tokens at full load.
"""


def test_a_price_per_tokens_reads_the_rates_its_section_stated_before() -> None:
    # $49,056 over 730 h at 12,000 tokens/s is $1.56 per 1M tokens (at the 300M tokens/day
    # demand $5.38); the single replica's rate is no reading of a 32-GPU cost.
    [diag] = lint_text(FLEET_PRICE.format(price="0.16"), "t.md")
    assert (diag.line, diag.code) == (6, "SPC101")
    assert "(730 h × 12,000 tokens/s)" in diag.message and "= $1.56;" in diag.message
    assert "(line 3)" in diag.message and "1 other rates" in diag.message
    assert diag.fix is not None and diag.fix.replacement == "1.56"
    assert found(FLEET_PRICE.format(price="1.56")) == []
    assert found(FLEET_PRICE.format(price="5.38")) == []  # the price of the demand


def test_a_price_whose_rate_is_in_another_section_is_not_read() -> None:
    text = FLEET_PRICE.format(price="0.16").replace("Expected demand", "## Demand\n\nIt")
    text = text.replace("32 GPUs", "## Bill\n\n32 GPUs")
    assert found(text) == []


def test_a_price_at_a_basis_the_section_does_not_state_is_not_read() -> None:
    text = FLEET_PRICE.format(price="0.16").replace("at full load", "at the Q3 volume")
    assert found(text) == []
    assert found(text.replace("at the Q3 volume", "at that rate")) == [(6, "SPC101")]


FLEET_RATE = """\
# Fleet

We serve Llama-3.1-70B in BF16 on H100 SXM with TP=4: each replica has 4 GPUs.

At peak the 64 GPUs deliver {rate} tok/s.
"""


def test_a_throughput_is_bounded_by_the_devices_its_sentence_counts() -> None:
    # 989 TFLOPS ÷ (2 × 68.45B) is 7,224 tokens/s per GPU at peak: 462,345 for 64 GPUs, but
    # 28,897 for the 4 GPUs of the document's replica, which 64,000 would exceed.
    assert found(FLEET_RATE.format(rate="64,000")) == []
    [diag] = lint_text(FLEET_RATE.format(rate="640,000"), "t.md")
    assert (diag.line, diag.code) == (5, "SPC601")
    assert "462,345 tokens/s for the 64 GPUs its sentence counts" in diag.message
    # "2e6" is a number, not two devices called "e6": the sentence still counts 64 GPUs
    [diag] = lint_text(FLEET_RATE.format(rate="2e6"), "t.md")
    assert "for the 64 GPUs its sentence counts" in diag.message


CLUSTER_FLOPS = """\
# Budget

We train on 64 NVIDIA H100 SXM GPUs.

At 45% MFU on 989 TFLOPS (dense BF16) per GPU, {subject} sustains
64 × 989e12 × 0.45 ≈ 2.85e16 FLOP/s.
"""


def test_a_system_word_after_per_gpu_makes_the_figure_the_systems() -> None:
    # 2.85e16 FLOP/s is 28.8 H100s at peak: the cluster's (64 GPUs), not one GPU's.
    assert found(CLUSTER_FLOPS.format(subject="the cluster")) == []
    assert found(CLUSTER_FLOPS.format(subject="each GPU")) == [(6, "SPC601")]


def test_a_free_month_is_no_price_reading() -> None:
    text = FLEET_PRICE.format(price="0.16").replace(
        "32 GPUs × $2.10/GPU-h × 730 h = $49,056/month", "The trial bill is $0/month"
    )
    assert found(text) == []
