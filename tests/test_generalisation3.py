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
