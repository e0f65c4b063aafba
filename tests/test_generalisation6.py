"""Shapes found on the fourth held-out set (an MoE issue thread, a network plan, an SLO, a
vector-store sizing, a fine-tuning memory plan, a GPU budget sheet, a French design note). Each
wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


ONE_LAYER = """\
# Block sizes

Config: hidden 1024, 24 layers, 8 experts.

- attention per layer: 4 × 1024 × 1024 = 4,194,304 params

Expert weights are listed separately.

- {label}: {value} params
"""


def test_a_label_about_one_layer_is_no_total_over_the_layers() -> None:
    # "all 8 experts in one layer" counts experts inside a layer: 24 layers do not multiply it.
    assert found(ONE_LAYER.format(label="all 8 experts in one layer", value="25,165,824")) == []
    assert found(ONE_LAYER.format(label="expert weights for each layer", value="25,165,824")) == []
    # A label over all layers is the per-layer figure times the 24 layers (100,663,296).
    assert found(ONE_LAYER.format(label="all attention", value="100,663,296")) == []
    assert found(ONE_LAYER.format(label="all attention", value="90,177,536")) == [(9, "SPC301")]


FRENCH = """\
# Note : Llama-3.1-8B sur une NVIDIA L4

Une seule L4 (24 Go, 300 Go/s) sert le modèle.

- Poids en BF16 : 8,03 × 10⁹ × 2 octets = 16,06 Go, soit {gib} Gio.
- Cache : 2 × 32 × 8 × 128 × 2 octets = {kv} octets par token.
- TPOT mesuré à batch 1 : {tpot} ms.
"""


def french(gib: str = "14,96", kv: str = "131 072", tpot: str = "61") -> list[tuple[int, str]]:
    return found(FRENCH.format(gib=gib, kv=kv, tpot=tpot))


def test_french_byte_units_and_soit_restate_a_value() -> None:
    # 16.06e9 B = 14.96 GiB; "soit" restates the same amount as "i.e." does.
    assert french() == []
    assert french(gib="16,06") == [(5, "SPC202")]
    assert french(kv="13 107") == [(6, "SPC101")]


def test_a_replacement_keeps_the_decimal_comma() -> None:
    (diagnostic,) = lint_text(FRENCH.format(gib="16,06", kv="131 072", tpot="61"), "t.md")
    assert diagnostic.fix is not None
    assert diagnostic.fix.replacement == "14,96"


def test_poids_en_bf16_is_the_weights_precision() -> None:
    # 16.06 GB of BF16 weights over 300 GB/s: no decode step is faster than 53.5 ms.
    assert french(tpot="20") == [(7, "SPC701")]


SUBTOTALS = """\
# Budget

| # | item | cost ($) |
|--:|---|--:|
| 1 | storage | 1,234 |
| 2 | compute | 3,456 |
| | **Infra subtotal** | **{sub}** |
| 3 | support | 917 |
| 4 | training | 1,108 |
| | **People subtotal** | **2,025** |
| | **Grand total** | **{total}** |
"""


def test_subtotals_add_their_rows_and_the_total_adds_the_subtotals() -> None:
    # The row label sits right of an index column; 1,234 + 3,456 = 4,690, + 2,025 = 6,715.
    assert found(SUBTOTALS.format(sub="4,690", total="6,715")) == []
    assert found(SUBTOTALS.format(sub="4,690", total="6,751")) == [(11, "SPC103")]
    assert found(SUBTOTALS.format(sub="4,609", total="6,715")) == [(7, "SPC103")]
    # A total that adds the written subtotals is not blamed for a wrong subtotal.
    assert found(SUBTOTALS.format(sub="4,609", total="6,634")) == [(7, "SPC103")]


JOBS = """\
# Batch jobs

| job | hours | $/hour | cost ($) |
|---|--:|--:|--:|
| ingest | 120 | 2.50 | 300 |
| embed | 48 | 3.25 | {embed} |
| train | 200 | 1.75 | 350 |
| eval | 36 | 4.00 | 144 |
| export | 90 | 2.00 | {export} |
| index | 64 | 3.50 | 224 |
"""


def test_two_rows_off_a_product_the_other_rows_agree_on() -> None:
    # Four rows show cost = hours × $/hour; 48 × 3.25 = 156 and 90 × 2.00 = 180.
    assert found(JOBS.format(embed="156", export="180")) == []
    assert found(JOBS.format(embed="165", export="180")) == [(6, "SPC101")]
    assert found(JOBS.format(embed="165", export="18")) == [(6, "SPC101"), (9, "SPC101")]


RUNS = """\
# Runs

| run | GPUs | hours | GPU-hours | $/GPU-h | cost ($) |
|---|--:|--:|--:|--:|--:|
| a | 8 | 100 | 800 | 2.50 | 2,000 |
| b | 16 | 50 | {b} | 3.00 | 2,400 |
| c | 4 | 250 | 1,000 | 2.00 | 2,000 |
| d | 32 | 10 | 320 | 3.50 | 1,120 |
| e | 64 | 12 | 768 | 2.25 | 1,728 |
"""


def test_a_cell_computed_from_a_wrong_cell_is_not_blamed_for_it() -> None:
    # 16 × 50 = 800 GPU-hours; the cost 800 × 3.00 = 2,400 is right, only the GPU-hours is off.
    assert found(RUNS.format(b="800")) == []
    (diagnostic,) = [d for d in lint_text(RUNS.format(b="880"), "t.md") if d.line == 6]
    assert diagnostic.code == "SPC101"
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "800"


DISKS = """\
# Disks

| disk | capacity | as the OS shows it |
|---|--:|--:|
| boot | 500 GB | 465.7 GiB |
| cache | 1 TB | 931.3 GiB |
| data | 2 TB | 1,862.6 GiB |
| scratch | 4 TB | 3,725.3 GiB |
| archive | 8 TB | {archive} |
"""

IO = """\
# Disk speeds

| disk | read | write |
|---|--:|--:|
| boot | 3.5 GB/s | 3,000 MB/s |
| cache | 7 GB/s | 6,500 MB/s |
| data | 5 GB/s | 4,400 MB/s |
| scratch | 2 GB/s | 2,000 MB/s |
"""


def test_a_column_that_restates_another_in_other_units() -> None:
    # 8e12 B = 7,450.6 GiB; the other four rows show the second column restates the first.
    assert found(DISKS.format(archive="7,450.6 GiB")) == []
    assert found(DISKS.format(archive="8,192 GiB")) == [(9, "SPC202")]
    # Read and write speeds are two quantities: one row with them equal says nothing.
    assert found(IO) == []


def test_a_share_after_would_be_or_a_bare_comma() -> None:
    # 1.2 s of a 9.6 s epoch is 12.5%; 42M of 6.9B parameters is 0.61%.
    assert found("# S\n\nThe data wait (1.2 s) would be 12.5% of the 9.6 s epoch.\n") == []
    assert found("# S\n\nThe data wait (1.2 s) would be 0.125% of the 9.6 s epoch.\n") == [
        (3, "SPC205")
    ]
    assert found("# S\n\nIt trains 42M adapter params, 0.61% of the 6.9B base model.\n") == []
    assert found("# S\n\nIt trains 42M adapter params, 0.0061% of the 6.9B base model.\n") == [
        (3, "SPC205")
    ]


def test_two_figures_then_their_change() -> None:
    # 1 − 0.84 / 1.20 = 30%; 2.2 / 1.6 − 1 = 37.5%.
    assert found("# P\n\nCommitted A10G at $0.84 vs $1.20 is 30% off.\n") == []
    assert found("# P\n\nCommitted A10G at $0.84 vs $1.20 is 0.3% off.\n") == [(3, "SPC205")]
    assert found("# P\n\nCommitted A10G at $0.84 vs $1.20 is 42% cheaper.\n") == [(3, "SPC102")]
    assert found("# P\n\nThe new build: 2.2 vs 1.6 steps/s, 37.5% faster.\n") == []
    assert found("# P\n\nThe new build: 2.2 vs 1.6 steps/s, 57.5% faster.\n") == [(3, "SPC102")]


def test_an_amount_over_a_link_takes_amount_over_rate() -> None:
    # 6.4 MB over 100 Gbps (12.5 GB/s) is 512 µs, not the 64 µs of reading Gbps as GB/s.
    assert found("# L\n\n6.4 MB over a 100 Gbps uplink takes ~512 µs.\n") == []
    assert found("# L\n\n6.4 MB over a 100 Gbps uplink takes ~64 µs.\n") == [(3, "SPC203")]


REFUNDS = """\
# Refunds

| tx | used | multiplier | effective |
|---|--:|--:|--:|
| a | 100 | 1 | 100 |
| b | 250 | 1 | 250 |
| c | 75 | 1 | 75 |
| d | 300 | 1 | 300 |
| e | 120 | 2 | 80 |
| f | 90 | 3 | 45 |
"""


def test_rows_with_a_factor_of_one_show_no_product() -> None:
    # "effective = used × multiplier" holds only where the multiplier is 1: no product shown.
    assert found(REFUNDS) == []
