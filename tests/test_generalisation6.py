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
