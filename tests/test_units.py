"""Units where authors put them, and right before loud: wrong shapes and correct look-alikes."""

from __future__ import annotations

import pytest

from speclint import lint_text


def found(text: str) -> list[tuple[int, str, str]]:
    """(line, code, message) of every diagnostic in a Markdown snippet."""
    return [(d.line, d.code, d.message) for d in lint_text(text, "t.md")]


@pytest.mark.parametrize(
    "text",
    [
        # bytes per parameter times a billion-parameter count
        "- Optimizer states: 12 B/param × 3.2B = 38.4 GB\n",
        "- Optimizer states: 12 bytes/param × 3.2B params = 38.4 GB\n",
        "- Optimizer states hold every parameter: 12 B/param × 3.2B = 38.4 GB\n",
        # a billion count and a byte width in one product, in a document about parameters
        "- The model has 13.4B parameters, so fp16 weights are 13.4B × 2 B = 26.8 GB.\n",
        "- Parameters: 2.9e9, and 2.9e9 × 4 B ≈ 11.6 GB of fp32 master weights.\n",
        # Ethernet speeds are bits per second
        "- Each storage host has 4 × 25 GbE (12.5 GB/s).\n",
        "- Front-end: 2 × 100 GbE = 25 GB/s per rack.\n",
        # a share restated as an amount is not a conversion
        "- Code data (15% = 90B tokens) was upsampled twice.\n",
        # a later value of another quantity is not compared with the formula
        "- 1,200 pages × 16 = 19,200 tokens ≈ 2.4 GiB of cache.\n",
        "- 64 GB / 512 KiB ≈ 122k tokens ≈ 30 requests at 4k context.\n",
        # units after a closing $ that agree with the formula
        "With $n = 48$ layers, $64 / 5.12\\ \\text{ms} = 12{,}500$ tokens/s.\n",
        "The per-GPU share is $P b / N \\approx 2.19$ GB with $P = 70$, $b = 2$, $N = 64$.\n",
        # a labelled term does not borrow the unit of the terms around it
        "- Free: 80 GB at 0.9 utilisation − 40.2 GB weights − 4 GB activations ≈ 27.8 GB.\n",
    ],
)
def test_correct_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []


def test_a_bare_formula_off_by_a_power_of_1024_is_a_scale_question() -> None:
    # 5,000 × 16 = 80,000, which in GiB would be 80,000 GiB: the reading, not the arithmetic.
    assert found("- 5,000 slots × 16 = 80,000 ≈ 9.8 GiB\n") == []
    assert found("- Tensor: 4096 × 4096 × 2 = 32 MiB\n") == []


def test_a_formula_with_explicit_units_still_reports_a_factor_1000_slip() -> None:
    [(line, code, message)] = found("- Per replica: 2,400 tokens/s = 2,400 tokens/ms\n")
    assert (line, code) == (1, "SPC204")
    assert "1,000× off" in message


def test_wrong_ethernet_restatement_is_a_bits_bytes_slip() -> None:
    [(line, code, message)] = found("- Front-end: 2 × 100 GbE = 200 GB/s per rack.\n")
    assert (line, code) == (1, "SPC203")
    assert message.startswith(
        "2 × 100 GbE = 25 GB/s; stated 200 GB/s per rack matches only with bits"
    )


def test_wrong_bytes_per_param_product_is_reported_with_its_fix() -> None:
    diags = lint_text("- Optimizer states: 12 B/param × 3.2B = 3.84 GB\n", "t.md")
    [diag] = diags
    assert diag.code == "SPC101"
    assert diag.message.startswith(
        "12 B/param × 3.2B = 38.40 GB (35.76 GiB); stated 3.84 GB is 10×"
    )
    assert "'3.2B' read as billions" not in diag.message
    assert diag.fix is not None and diag.fix.replacement == "38.40"


def test_unit_after_closing_dollar_is_the_stated_unit() -> None:
    [(line, code, message)] = found(
        "# Roofline\n\nAt most $64 / 5.12\\ \\text{ms} = 1{,}250$ tokens/s per replica.\n"
    )
    assert (line, code) == (3, "SPC101")
    assert message.startswith(
        "64 / 5.12 ms = 12,500 tokens/s; stated 1,250 tokens/s is 10× too small"
    )


@pytest.mark.parametrize(
    ("text", "computed"),
    [
        ("- Disk reads: 6,000 QPS × 12 reads = 7,200 IOPS\n", "72,000 IOPS"),
        ("- Energy: 2.5 MW × 720 h × $0.10/kWh ≈ $18k\n", "$180k"),
        ("- Egress: 4 × 10 GbE = 4 GB/s\n", "5 GB/s"),
    ],
)
def test_new_units_are_computed(text: str, computed: str) -> None:
    [(line, _, message)] = found(text)
    assert line == 1
    assert f"= {computed}; stated" in message


def test_parenthetical_conversion_after_a_chain_is_checked() -> None:
    [(line, code, message)] = found("- Usable: 12,000 × 10/12 = 10,000 TB (≈ 10,995 TiB).\n")
    assert (line, code) == (1, "SPC201")
    assert message.startswith("10,000 TB = 9,094.9 TiB; stated 10,995 TiB is 1.21× too large")
    assert found("- Usable: 12,000 × 10/12 = 10,000 TB (≈ 9,095 TiB).\n") == []


def test_truncation_is_a_rounding_slip_at_info() -> None:
    [diag] = lint_text("- Shard: 3121.7436 / 4 = 780.435 MB\n", "t.md")
    assert (diag.line, diag.code, diag.severity) == (1, "SPC104", "info")
    assert "780.4359 truncated or rounded the wrong way: a rounding slip" in diag.message
    assert lint_text("- Shard: 3121.7436 / 4 = 780.435 MB\n", "t.md")[0].fix is not None
    assert found("- Shard: 3121.7436 / 4 = 780.436 MB\n") == []
    [(_, code, _)] = found("- Shard: 3121.7436 / 4 = 780.53 MB\n")
    assert code == "SPC101"


def test_a_chain_value_restated_in_another_unit_is_a_conversion() -> None:
    text = "- Fan-out: 6,000 × 50 × 128 B per second = 38.4 MB/s ≈ 31 Mbps to the cache.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC201")
    assert message.startswith("38.4 MB/s = 307 Mbps; stated 31 Mbps")
    assert found(text.replace("≈ 31 Mbps", "≈ 307 Mbps")) == []


def test_a_whole_number_conversion_rounds_the_exact_value_only() -> None:
    [(line, code, message)] = found("- Soak: 3 × 2,400 = 7,200 s = 3 h.\n")
    assert (line, code) == (1, "SPC201")
    assert message.startswith("7,200 s = 2 h; stated 3 h is 1.5× too large")
    assert found("- Soak: 3 × 2,400 = 7,200 s = 2 h.\n") == []
    assert found("- Header: 377 bits (48 bytes)\n") == []
