"""Claim shapes, and the false positives found in real documents that must stay fixed."""

from __future__ import annotations

import pytest

from speclint import lint_text

from .helpers import statuses


def codes(text: str) -> list[str]:
    return [d.code for d in lint_text(text, path="t.md")]


def test_seed_message_shows_the_derivation() -> None:
    [diag] = lint_text("- Expert Parameters: 0.62GB (8 experts × 3 × 512 × 1024 × 2 bytes)\n")
    assert diag.message == (
        "8 experts × 3 × 512 × 1024 × 2 bytes = 25,165,824 B = 0.025 GB (0.023 GiB); "
        "stated 0.62GB is 24.6× too large"
    )
    assert (diag.line, diag.column, diag.end_column) == (1, 22, 26)
    assert diag.fix is not None and diag.fix.replacement == "0.025"
    assert diag.fix.applicability == "unsafe"  # a 24.6× gap: the formula may be what is wrong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Memory: 640 GB (8 × 80 GB)", [("formula", "640 GB", "consistent")]),
        ("Memory: 640 GB (8 × 80)", [("formula", "640 GB", "consistent")]),
        ("8 × 80 GB = 640 GB", [("formula", "640 GB", "consistent")]),
        ("640 GB = 8 × 80 GB", [("formula", "640 GB", "consistent")]),
        ("8 × 80 GB (640 GB)", [("formula", "640 GB", "consistent")]),
        ("Layers: 48 (2 × 24)", [("formula", "48", "consistent")]),
        ("Layers: 48 (2 × 25)", [("formula", "48", "inconsistent")]),
        (
            "x = 1.21e6 s ≈ 14 days",
            [("conversion", "14 days", "consistent")],
        ),
        (
            "3 × 4 = 12 ≈ 11.9",
            [("formula", "12", "consistent"), ("formula", "11.9", "consistent")],
        ),
    ],
)
def test_shapes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert statuses(text) == expected


def test_symbols_defined_later_are_used() -> None:
    text = (
        "The cache is $2 \\cdot L \\cdot h \\cdot b = 655{,}360$ bytes, "
        "where $L = 40$, $h = 4096$, $b = 2$."
    )
    assert statuses(text)[0][2] == "consistent"
    wrong = text.replace("655{,}360", "654{,}360")
    [diag] = lint_text(wrong)
    assert diag.code == "SPC101"
    assert "using L = 40 (line 1), h = 4096 (line 1), b = 2 (line 1)" in diag.message


def test_a_symbol_defined_twice_differently_is_not_used() -> None:
    text = "$L = 40$ here and $L = 80$ there, so $L \\cdot 2 = 100$."
    assert codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Function calls (EIP-198, EIP-2666, EIP-7686): arguments are not claims.
        "cost `mult_complexity(32) * 255 / 20 = 13056` gas",
        "Old price: `30 + 6 * ceil(64 / 32) = 42` gas",
        "depth `1 + log((gaslimit + 6300) / 6400) / log(64/63) = 537`",
        # Integer division in code (EIP-2666).
        "New price: `15 * (64/136 + 1) + 13 = 28` gas",
        # A range written with a spaced hyphen (EIP-7928).
        "- **Raw Size**: 91.3 KB average (25.1 - 164.8 KB range)",
        # Alternatives, not restatements (memory-manager KEP).
        "hugepages of various sizes (such as 2 MiB or 1 GiB)",
        # A date after a duration (meeting notes).
        "timeline 2 weeks (7/24)",
        # Different counted things (EIP-3416).
        "between 1 nanoeth (10^9 nanoeth = 1 ETH) and more",
        # Definitions joined by '+' (Megatron-LM docs).
        "Example: TP=4 + GTP_remat=8 with NVFP4 → 32× reduction",
        # A negative delta after a total, not a formula.
        "Total PRs: [201](https://example.com) (-8)",
        # Percentages that are rates, not shares of one whole (contributor-summit retro).
        "* Returning: 89%\n* New: 68%\n* Total: 83% (302/364)",
        # '*' between digits read as emphasis by Markdown (watch-list KEP).
        "512 watches: 512*500*2MB*5=2.56TB",
        # Alternative readings of 'B'.
        "Serving a 70B on 8 GPUs (8 × 80 GB = 640 GB)",
        # Ranges written with '~' (DeepSpeed blog, EIP-1485).
        "we achieved 1.14\\~1.68x speedup (or 12\\~41% latency reduction)",
        "Tethash miner has 2~3% of hashrate degrade on GPU",
        # '~' glued to a number approximates it; it does not relate two sides (EIP-8289).
        "W=256 captures ~79 % of the gas asymptote",
        # An integer encoding of a percentage (SLA-scheduling KEP).
        "introduced as integers (i.e.; 950 = 95.0%, 999 = 99.9%, 800 = 80.0%).",
        # A definition cut short by a function it could not read (EIP-8061).
        "stake $S = 36M$ ETH:\n\n- $A = E = \\min(256, S/2^{16}) = 256$ ETH\n"
        "- $C = S/2^{16} - A \\approx 293$ ETH",
        # A key-value table is not a column of parts (EIP-8131 impact report).
        "|  |  |\n|---|---:|\n| All txs | 376,262,548 |\n| Senders | 54,160,707 |\n"
        "| **Total extra gas** | **27,648,764** |",
        # A table whose first data row was written as its header (sig-node notes).
        "| FAILING | 16 |\n| :---- | ----: |\n| FLAKY | 26 |\n| PASSING | 45 |\n"
        "| **Grand Total** | **87** |",
    ],
)
def test_corpus_false_positives_stay_fixed(text: str) -> None:
    assert codes(text) == []


def test_program_comparisons_in_code_blocks_are_not_claims() -> None:
    assert codes("```\nWith expansion: 1 + 1 == 3\n```\n") == []
    assert codes("`30_000_000 / 100 * 32 == 9.6MB` worth of memory") == []


def test_real_errors_from_the_corpus_are_reported() -> None:
    """Both arithmetic errors speclint finds in the public corpus (see the README)."""
    assert codes("- Range Size: 32767 - 30000 = 12767\n") == ["SPC101"]
    assert codes("> 512 watches: 512*500*2MB*5=2.5TB\n") == ["SPC101"]


def test_unit_slips_are_named() -> None:
    assert codes("Scratch: 512 GiB (512 GB)") == ["SPC202"]
    assert codes("Link: 10 Gb/s = 10 GB/s") == ["SPC203"]
    assert codes("Rate: 2,400 tokens/s = 2,400 tokens/ms") == ["SPC204"]
    assert codes("MFU: 120 / 312 = 0.38%") == ["SPC205"]
    assert codes("Contract limit: 24KB (24576 bytes)") == ["SPC202"]


def test_per_unit_totals_need_an_unambiguous_count() -> None:
    base = "Cluster of 32 GPUs.\n\n- Achieved: 120 tokens/ms per GPU\n- Total: {total} tokens/ms\n"
    assert codes(base.format(total="3,840")) == []
    assert codes(base.format(total="3,600")) == ["SPC301"]
    ambiguous = "Nodes have 8 GPUs; the cluster has 32 GPUs.\n\n" + base.split("\n\n", 1)[1]
    assert codes(ambiguous.format(total="3,600")) == []


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        (
            "KV per token = 2 × 80 layers × 8 KV heads × 128 × 2 bytes = 327,680 bytes",
            "327,680 bytes",
        ),
        ("Chinchilla: D ≈ 20 × N = 1.4T tokens for N = 70B", "1.4T tokens"),
        ("Throughput: 1.5k tok/s/GPU × 8 GPUs = 12k tok/s per node.", "12k tok/s per node"),
        ("global batch = micro batch × grad accum × DP = 1 × 64 × 16 = 1024", "1024"),
        ("Decode: 140 GB / 4 / 3.35 TB/s = 10.4 ms per step", "10.4 ms per step"),
        ("Training states: 16 bytes/param × 70B = 1.12 TB", "1.12 TB"),
        ("A page is 2^12 bytes = 4 KiB.", "4 KiB"),
    ],
)
def test_ml_spec_phrasings_are_checked(text: str, stated: str) -> None:
    assert statuses(text) == [("formula", stated, "consistent")]
