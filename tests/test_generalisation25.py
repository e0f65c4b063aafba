"""False positives of held-out sets 17 and 18 and clean set 13 (session 19), each fixed by
class. Each correct shape stays silent; a wrong look-alike is still reported."""

from __future__ import annotations

import pytest

from .conftest import findings

POOLS = """\
# September chargeback

| Pool | GPUs | Pool cost |
|------|-----:|----------:|
| H100 SXM 80GB | 384 | $787,968.00 |
| A100 SXM 80GB | 128 | $129,024.00 |
| **Total** | **512** | **$916,992.00** |

{sentence}
"""


def test_a_sentence_that_states_its_own_part_is_not_a_row_share() -> None:
    sentence = "The reservations add up to 128 + 96 + 64 = 288 H100s, which is 75 % of the pool."
    assert findings(POOLS.format(sentence=sentence)) == []


def test_a_row_named_by_a_sentence_with_no_figure_of_its_own_is_checked() -> None:
    sentence = "The H100 fleet is the heaviest line: it is 75 % of the total pool cost."
    [(line, code, message)] = findings(POOLS.format(sentence=sentence))
    assert (line, code) == (9, "SPC102")
    assert "$787,968.00 (line 5) / $916,992.00 (line 7)" in message


DEVICE = """\
# Pipeline schedule for the 70B run

Model throughout: Llama-3.1-70B architecture (80 layers, hidden 8,192; 70.6B parameters),
sequence length 8,192, bf16, on H100 SXM (989 TFLOPS dense BF16, 80 GB).
{weights}
"""


def test_a_figure_in_brackets_after_a_device_is_the_devices() -> None:
    assert findings(DEVICE.format(weights="")) == []


def test_the_weights_at_a_precision_are_still_checked() -> None:
    [(line, code, _)] = findings(DEVICE.format(weights="\nIn BF16 the weights need 100 GB."))
    assert (line, code) == (6, "SPC501")


LAYERS = """\
# Llama-3-8B parameter count

| Component | Formula | Parameters |
|-----------|---------|-----------:|
| Embedding + LM head | 2 × 128,256 × 4,096 | 1,050,673,152 |
| Attention, per layer | 2 × 4,096² + 2 × 4,096 × 1,024 | 41,943,040 |
| MLP, per layer | 3 × 4,096 × 14,336 | 176,160,768 |
| Norms, per layer | 2 × 4,096 | 8,192 |
| All 32 layers | 32 × 218,112,000 | 6,979,584,000 |
| Final norm | 4,096 | 4,096 |
| **Total** | | **{total}** |
"""


def test_rows_that_add_up_to_a_factor_of_the_next_row_are_its_details() -> None:
    assert findings(LAYERS.format(total="8,030,261,248")) == []


def test_a_wrong_total_over_detail_rows_is_checked_against_the_others() -> None:
    [(line, code, message)] = findings(LAYERS.format(total="8,030,265,248"))
    assert (line, code) == (11, "SPC103")
    assert "1,050,673,152 (line 5) + 6,979,584,000 (line 9) + 4,096 (line 10)" in message


SYMBOL = """\
# Context extension

YaRN with factor $s = 65{{,}}536 / 8{{,}}192 = 8$.

$$\\frac{{1.004 \\times 10^{{21}}}}{{6.013 \\times 10^{{15}}\\ \\text{{FLOP/s}}}} \\approx
166{{,}}939\\ \\text{{s}} \\approx {days}\\ \\text{{days}}$$

{prose}
"""


def test_a_number_before_a_symbol_that_spells_a_unit_may_be_in_that_unit() -> None:
    assert findings(SYMBOL.format(days="1.93", prose="")) == []


def test_the_same_unit_in_prose_is_a_unit() -> None:
    doc = SYMBOL.format(days="1.93", prose="The run takes 166,939 s ≈ 2.93 days.")
    [(line, code, _)] = findings(doc)
    assert (line, code) == (8, "SPC201")


REPLICAS = """\
# Monthly utilisation

- chat-large: 2,623 tokens/s across the pool, so ≈ 437 tokens/s per replica.
- chat-small: 3.1e9 / 2,592,000 s ≈ 1,196 tokens/s across 16 replicas{each}.
"""


def test_a_total_its_sentence_splits_itself_is_not_read_with_a_figure_before() -> None:
    assert findings(REPLICAS.format(each=", ≈ 74.7 tokens/s each")) == []


def test_a_total_without_its_own_split_is_read_with_the_figure_before() -> None:
    [(line, code, message)] = findings(REPLICAS.format(each=""))
    assert (line, code) == (4, "SPC301")
    assert "437 tokens/s per replica (line 3) × 16 replicas (line 4)" in message


COSTS = """\
# November costs

| Item | Cost ($) |
|------|---------:|
| Object storage | 1,850 |
| Network egress | 3,120 |
| **{label}** | **91,946** |
"""


@pytest.mark.parametrize("label", ["Total incl. GPU", "Total including GPUs", "Total with GPU"])
def test_a_total_that_names_what_else_it_includes_is_not_read_as_the_rows(label: str) -> None:
    assert findings(COSTS.format(label=label)) == []


def test_a_plain_total_is_read_as_the_rows() -> None:
    [(line, code, _)] = findings(COSTS.format(label="Total"))
    assert (line, code) == (7, "SPC103")
