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
