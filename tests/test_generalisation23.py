"""Shapes from held-out set 14 generalised in session 18 (helper s18-gen2). Each wrong variant
has a correct look-alike that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

ADAPTER = """\
# Adapter tuning for the ticket classifier

We tune Llama-3-8B on 40,000 labelled tickets with LoRA on the query and value projections.

## Adapter size

Rank 8 on a d_in × d_out matrix adds 8 × (d_in + d_out) parameters:

- q_proj: 8 × (4096 + 4096) = 65,536 per layer
- v_proj: 8 × (4096 + 1024) = 40,960 per layer
- per layer 106,496; × 32 layers = {count}
- {share}

The adapters are merged into the weights before export.
"""


def test_a_share_of_the_model_on_the_item_after_the_trainable_count() -> None:
    text = ADAPTER.format(
        count="3,407,872 trainable parameters", share="that is 0.42 % of the base model"
    )
    [(line, code, message)] = findings(text)
    assert (line, code) == (12, "SPC401")
    assert "share of the model's parameters: 3.408M ÷" in message
    assert "stated 0.42% is 9.9× too large" in message


@pytest.mark.parametrize(
    ("count", "share"),
    [
        ("3,407,872 trainable parameters", "that is 0.042 % of the base model"),  # it holds
        ("3,407,872 trainable parameters", "that is 0.04 % of the base model"),
        # the item before ends on no parameter count: nothing to take the share of
        ("3,407,872 trainable parameters in 6.8 MB", "that is 0.42 % of the base model"),
        # the share does not restate the item before
        ("3,407,872 trainable parameters", "full tuning touches 0.42 % of the base model"),
    ],
)
def test_a_share_item_that_holds_or_restates_no_count_is_silent(count: str, share: str) -> None:
    assert findings(ADAPTER.format(count=count, share=share)) == []
