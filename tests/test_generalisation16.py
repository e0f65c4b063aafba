"""Shapes found on a ninth held-out set, all misses: a ranking count read as an MoE router's
top-k, a GB/GiB table row with only two rows to vouch for the column, and more. Each wrong
shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

FINETUNE = """\
# Fine-tuning a 7B student

| Item | Value |
|---|---|
| Student | 6.74B params |
| GPU | H100 SXM |

The teacher's top-8 logits are stored with every example.

* Our fine-tuning job processed {rate} tokens/s per GPU in the pilot.
"""


def test_a_top_k_of_logits_is_not_an_moe_router_and_leaves_the_training_bound() -> None:
    [(line, code, message)] = findings(FINETUNE.format(rate="31,000"))
    assert (line, code) == (10, "SPC601")
    assert message.startswith(
        "training: 989 TFLOPS ÷ (6 × 6.403B non-embedding params per token, training: forward "
        "and backward) allows at most 25,743 tokens/s per GPU at 100 % of peak; stated 31,000 "
        "tokens/s per GPU is 1.2× the bound"
    )


def test_a_training_throughput_under_the_bound_is_silent() -> None:
    assert findings(FINETUNE.format(rate="9,500")) == []
