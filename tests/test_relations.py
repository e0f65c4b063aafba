"""Relations as authors write them: words for ``=``, changes and shares in percent, labels and
minus signs inside formulas. Each shape has wrong cases (exact message) and correct look-alikes
that must stay silent."""

from __future__ import annotations

import pytest

from speclint import lint_text
from speclint.claims.extract import SHAPES

from .helpers import statuses


def messages(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in lint_text(text, "t.md")]


def fixes(text: str) -> list[str]:
    return [d.fix.replacement for d in lint_text(text, "t.md") if d.fix is not None]


def test_shapes_are_named_functions_in_order() -> None:
    names = [name for name, _ in SHAPES]
    assert names[:2] == ["definition", "equation"]
    assert len(set(names)) == len(names)
    assert all(shape.__doc__ for _, shape in SHAPES)


# ---- relations in words -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Per node: 4 × 96 GB is 392 GB of HBM.",
            "4 × 96 GB = 384,000,000,000 B = 384 GB (358 GiB); stated 392 GB is 2.1% too large, "
            "outside its stated precision [391.5, 392.5]",
        ),
        (
            "The shard needs 3 × 2.5 GB, which works out to 8.5 GB.",
            "3 × 2.5 GB = 7,500,000,000 B = 7.5 GB (7.0 GiB); stated 8.5 GB is 1.13× too large",
        ),
        (
            "Two racks of 16 × 8 GPUs, giving 120 GPUs in all.",
            "16 × 8 GPUs = 128; stated 120 GPUs is 6.3% too small, outside its stated "
            "precision [119.5, 120.5]",
        ),
    ],
)
def test_result_in_words_is_checked(text: str, message: str) -> None:
    [(line, code, got)] = messages(text)
    assert (line, code) == (1, "SPC101")
    assert got == message


@pytest.mark.parametrize(
    "text",
    [
        "Per node: 4 × 96 GB is 384 GB of HBM.",
        "The shard needs 3 × 2.5 GB, which works out to 7.5 GB.",
        # A bare product before "is" may be the tail of a longer subject: never read.
        "Throughput at batch 8 × 4 is 900 tokens/s on one card.",
        # "is" between two plain values is not a relation the reader invents.
        "The 16 GB card is 2 slots wide and 300 W is the cap.",
        "A 2 × 4 mesh is what we run, and 8 GPUs is the minimum.",
    ],
)
def test_result_in_words_lookalikes_stay_silent(text: str) -> None:
    assert messages(text) == []


def test_a_result_stated_before_its_formula_is_checked() -> None:
    [(_, code, message)] = messages("One pass takes 12.8 s (3072/200).")
    assert (code, message) == ("SPC101", "3072/200 = 15.4 s; stated 12.8 s is 1.2× too small")
    assert messages("One pass takes 12.8 s (3072/240), shipped on 2 weeks (7/24).") == []


# ---- labels and minus signs inside formulas ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated", "want"),
    [
        ("Pool: 48 − 20.0 − 2.5 (buffers) = 27.5 GB", "27.5", "25.5"),
        ("Weights: 2 (fp16 bytes) * 7B (num of params) = 16GB", "16", "14"),
        ("Links: 100GBps * 4 local peers + 50GBps * 2 remote peers = 600 GBps", "600", "500"),
        ("The gap is 9.91-7.45=2.56 here.", "2.56", "2.46"),
        ("Ring factor 2*(8-1)/8 = 1.5 per byte.", "1.5", "1.8"),
    ],
)
def test_labels_and_glued_minus_inside_formulas(text: str, stated: str, want: str) -> None:
    [diag] = lint_text(text, "t.md")
    assert diag.code == "SPC101"
    assert diag.fix is not None and diag.fix.replacement == want
    assert text[diag.column - 1 : diag.end_column - 1] == stated


@pytest.mark.parametrize(
    "text",
    [
        "Pool: 48 − 20.0 − 2.5 (buffers) = 25.5 GB",
        "Weights: 2 (fp16 bytes) * 7B (num of params) = 14GB",
        "Links: 100GBps * 4 local peers + 50GBps * 2 remote peers = 500 GBps",
        "The gap is 9.91-7.45=2.46 here.",
        "Ring factor 2*(8-1)/8 = 1.75 per byte.",
        # ranges and dates stay ranges and dates
        "Use 8-16 GPUs and 2-4 GB per shard, released 2023-10-01.",
        "The window 10-12 = 2 hours of peak.",
        # a labelled bare number borrows no unit from the terms around it
        "Per GPU: 72 GB at 0.9 utilisation − 36.4 GB weights − ~3 GB activations ≈ 32.6 GB.",
        # prose after a number is not swallowed as a label
        "We run 4 replicas (see below) and 2 spares.",
    ],
)
def test_labels_and_ranges_lookalikes_stay_silent(text: str) -> None:
    assert messages(text) == []


# ---- percentages: changes and shares ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        (
            "The new box serves 850 req/s, a 35% improvement (850/680).",
            "850/680 − 1 = 25%; stated 35% improvement is 1.4× too large",
            "25",
        ),
        (
            "Speedup 301/172 = 1.75, i.e. 65% faster.",
            "1.75 − 1 = 75%; stated 65% faster is 1.15× too small",
            "75",
        ),
        (
            "Erasure coding 12/8 = 1.5× raw per usable byte, i.e. a 40% overhead.",
            "1.5× − 1 = 50%; stated 40% overhead is 1.25× too small",
            "50",
        ),
        (
            "The p99 went from 600 ms to 900 ms, a 1.5× jump (+150%).",
            "1.5× − 1 = 50%; stated 150% is 3× too large",
            "50",
        ),
        (
            "Spend drops from $12,000 to $9,000, a 20% reduction.",
            "1 − ($9,000 / $12,000) = 25%; stated 20% reduction is 1.25× too small",
            "25",
        ),
        (
            "Latency: 620 ms → 1,480 ms (+58%).",
            "(1,480 ms / 620 ms) − 1 = 139%; stated 58% is 2.39× too small",
            "139",
        ),
        (
            "Weights are 15.20 GB in total, i.e. 53% of a 24 GB card.",
            "15.20 GB / 24 GB card = 63%; stated 53% is 1.19× too small",
            "63",
        ),
        (
            "Throughput is (900 - 600) / 600 = 40% higher.",
            "(900 - 600) / 600 = 50%; stated 40% higher is 1.25× too small",
            "50",
        ),
    ],
)
def test_changes_and_shares_are_checked(text: str, message: str, fix: str) -> None:
    [(line, code, got)] = messages(text)
    assert (line, code, got) == (1, "SPC102", message)
    assert fixes(text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "The new box serves 850 req/s, a 25% improvement (850/680).",
        "Speedup 301/172 = 1.75, i.e. 75% faster.",
        "Erasure coding 12/8 = 1.5× raw per usable byte, i.e. a 50% overhead.",
        "The p99 went from 600 ms to 900 ms, a 1.5× jump (+50%).",
        "Spend drops from $12,000 to $9,000, a 25% reduction.",
        "Throughput is 0.8× the old box, i.e. 20% lower.",
        "Weights are 15.20 GB in total, i.e. 63% of a 24 GB card.",
        # a change word that contradicts the ratio: the reading is unsure, so silence
        "Ratio 680/850 = 20% faster than planned.",
        # a range is not a change, and a labelled share is not the change
        "Plan for 400–500 tokens/s (25%) and from 400 to 500 GPUs (80% utilisation).",
        # separate facts joined by a comma or a new clause
        "H100 is 1.5× faster, 30% cheaper per token.",
        "Scaling is 1.5×, and the error rate fell 20% lower.",
        "We use 18 GB for weights, 30% of 64 GB for cache.",
        # a share stated as an amount is not a unit conversion
        "The replay share (20% = 200B tokens) held quality.",
        # a chain that restates its result as another noun is not the formula's result
        "so 40 GB / 800 KiB ≈ 48.8k tokens ≈ 24 sequences at 2k context.",
        "20,000 blocks × 16 = 320,000 tokens ≈ 39 GiB, matches the log.",
    ],
)
def test_changes_and_shares_lookalikes_stay_silent(text: str) -> None:
    assert messages(text) == []


def test_a_correct_change_is_read_as_consistent_not_skipped() -> None:
    assert statuses("Spend drops from $12,000 to $9,000, a 25% reduction.") == [
        ("percentage", "25% reduction", "consistent")
    ]
    assert statuses("Throughput went from 400 to 500 tokens/s (+25%).") == [
        ("percentage", "25%", "consistent")
    ]


# ---- restatements, products in prose, named factors --------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "fix"),
    [
        (
            "Prefill peaks at 3,000 tokens/s per GPU, i.e. 30 tokens/ms, on long prompts.",
            "3,000 tokens/s per GPU = 3 tokens/ms; stated 30 tokens/ms is 10× too large",
            "3",
        ),
        (
            "An engine makes 1,500 tokens/s, i.e. 90k tokens per hour.",
            "1,500 tokens/s = 5400k tokens per hour; stated 90k tokens per hour is 60× too small",
            "5400",
        ),
        (
            "* Usable: 12,000 × 8/11 = 8,727 TB (≈ 9,594 TiB).",
            "8,727 TB = 7,937 TiB; stated 9,594 TiB is 1.21× too large",
            "7,937",
        ),
        (
            "- int8 weights would be 15.2 GB in total, i.e. 53% of a single L40S's 48 GB",
            "15.2 GB / 48 GB = 32%; stated 53% is 1.67× too large",
            "32",
        ),
        (
            "TP=4 × PP=8 × DP=64 = 1,024 GPUs (TP inside the node).",
            "TP=4 × PP=8 × DP=64 = 2,048; stated 1,024 GPUs is 2× too small",
            "2,048",
        ),
        (
            "Backfill: 7 days of 390 MB/s is 336 TB of new objects.",
            "7 days of 390 MB/s = 235,872,000,000,000 B = 236 TB (215 TiB); stated 336 TB is "
            "1.42× too large",
            "236",
        ),
        (
            "Cost: 256 GPUs for 264 hours at $2.49/GPU-hour is about $188k.",
            "256 GPUs for 264 hours at $2.49/GPU-hour = $168k; stated $188k is 1.12× too large",
            "168",
        ),
        (
            "Peak: 5,000 req/s × 750 tokens each = 3.5M tokens/s.",
            "5,000 req/s × 750 tokens each = 3.8M tokens/s; stated 3.5M tokens/s is 6.7% "
            "too small, outside its stated precision [3.45, 3.55]",
            "3.8",
        ),
    ],
)
def test_restatements_products_and_named_factors(text: str, message: str, fix: str) -> None:
    [(line, _, got)] = messages(text)
    assert (line, got) == (1, message)
    assert fixes(text) == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "Prefill peaks at 3,000 tokens/s per GPU, i.e. 3 tokens/ms, on long prompts.",
        "* Usable: 12,000 × 8/11 = 8,727 TB (≈ 7,937 TiB).",
        "- int8 weights would be 15.2 GB in total, i.e. 32% of a single L40S's 48 GB",
        "TP=4 × PP=8 × DP=64 = 2,048 GPUs (TP inside the node).",
        "Backfill: 7 days of 390 MB/s is 236 TB of new objects.",
        "Cost: 256 GPUs for 264 hours at $2.49/GPU-hour is about $168k.",
        # a restatement that names another noun or another "per" is not the same amount
        "Each NIC does 1.5 GB/s per node, i.e. 12 GB/s per rack.",
        "We keep 20 GB, i.e. 2 GB per shard.",
        # named values alone, or added, are definitions, not a product
        "Set TP=4 + PP=2 here, and TP=8 for the large model.",
        # "at" between a value and a plain rate is not a product; "of" needs a duration
        "The p99 of 120 ms at 50 req/s is 2x better than last week.",
        "A 20 TB drive at 200 MB/s rebuilds in about 28 hours.",
        "We need 3 of 8 GB/s links = 2 spares.",
    ],
)
def test_restatement_and_product_lookalikes_stay_silent(text: str) -> None:
    assert messages(text) == []
