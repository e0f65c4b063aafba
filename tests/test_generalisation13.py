"""Shapes found on an eighth held-out set and the lead's probes: a label's "per GPU" ends where
its sentence moves on to a fleet, a transfer time may be per token, a node's GPU memory may
follow a join, a price may be per million (``$0.50/M``), a table row that another row's
formula multiplies is a detail, and ``experts: EP=8`` states EP. Each wrong shape has a
correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

FLEET = """\
# Serving plan: Llama 3 70B on H100

We serve Llama 3 70B (BF16) on 64 H100 SXM GPUs, 8 per node.

Throughput per GPU is 2,400 tok/s, so the 64-GPU fleet serves {fleet} tok/s.
"""


def test_a_fleet_figure_after_a_per_gpu_label_is_the_fleets() -> None:
    assert findings(FLEET.format(fleet="153,600")) == []


def test_a_fleet_figure_beyond_every_gpu_at_peak_is_still_reported() -> None:
    [(line, code, message)] = findings(FLEET.format(fleet="600,000"))
    assert (line, code) == (5, "SPC601")
    assert "× 64 GPUs, allows at most 462,345 tokens/s for the 64 GPUs" in message
    assert "stated 600,000 tok/s is 1.3× the bound" in message


READ = """\
# Decode floor

Decode is memory-bound: at 3.35 TB/s, reading 141 GB of weights takes {time} ms per token.
"""


def test_a_time_per_token_over_a_link_named_first_is_amount_over_rate() -> None:
    [(line, code, message)] = findings(READ.format(time="4.2"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("141 GB / 3.35 TB/s = 42.1 ms; stated 4.2 ms per token")


def test_the_right_time_per_token_is_silent() -> None:
    assert findings(READ.format(time="42")) == []


NODE = """\
# Node sizing

Each server has 8 × H100 80 GB, so {total} GB of HBM in total.

A second pool runs 4 H200 SXM (141 GB of HBM each) for the long-context tier.
"""


def test_a_node_total_after_a_join_is_its_gpus_times_their_written_memory() -> None:
    [(line, code, message)] = findings(NODE.format(total="800"))
    assert (line, code) == (3, "SPC301")
    assert "8 GPUs × 80 GB (as written: H100 80 GB) = 640 GB; stated 800 GB is 1.25×" in message


def test_a_right_node_total_and_one_devices_memory_are_silent() -> None:
    assert findings(NODE.format(total="640")) == []


PRICE = """\
# Eval cost

At $0.50 per million input tokens:

- input: 44.7406M × $0.50/M ≈ ${cost}
"""


def test_a_price_per_million_written_slash_m_divides_by_a_million() -> None:
    [(line, code, message)] = findings(PRICE.format(cost="223.70"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("44.7406M × $0.50/M = $22.370; stated $223.70 is 10.00×")


def test_the_right_price_per_million_is_silent() -> None:
    assert findings(PRICE.format(cost="22.37")) == []


LAYER = """\
# Parameters per layer

| Component | Formula | Parameters |
|---|---|---|
| Attention | 4096·4096 + 4096·4096 | 33,554,432 |
| One expert | 3 × 4096 × 1024 | 12,582,912 |
| All 64 experts | 64 × 12,582,912 | 805,306,368 |
| Router | 4096 × 64 | 262,144 |
| **Layer total** | | **{total}** |
"""


def test_a_row_another_row_multiplies_is_a_detail_not_an_addend() -> None:
    assert findings(LAYER.format(total="839,122,944")) == []


def test_a_layer_total_that_is_off_without_the_detail_row_is_reported() -> None:
    [(line, code, message)] = findings(LAYER.format(total="849,122,944"))
    assert (line, code) == (9, "SPC103")
    assert "33,554,432 (line 5) + 805,306,368 (line 7) + 262,144 (line 8)" in message
    assert "= 839,122,944" in message


LAYOUT = """\
# Serving Mixtral 8x22B

Mixtral 8x22B has 8 experts per layer, 2 routed per token.

```
attention: TP=4
experts:   EP={ep}   (one expert pair per GPU)
```

- Experts: {experts}
"""


def test_a_degree_assigned_after_an_experts_label_is_not_an_expert_count() -> None:
    assert findings(LAYOUT.format(ep="4", experts="8")) == []


def test_a_stated_expert_count_is_still_checked_against_the_catalog() -> None:
    codes = [code for _, code, _ in findings(LAYOUT.format(ep="4", experts="16"))]
    assert "SPC304" in codes


EACH = """\
# Sizing

The 70.6B parameters at 2 bytes each = {weights} GB.

A batch of 32 sequences with 4,096 tokens each = 131,072 tokens.
"""


def test_a_count_at_a_size_each_is_their_product() -> None:
    [(line, code, message)] = findings(EACH.format(weights="282"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("70.6B parameters at 2 bytes each = 141 GB (132 GiB); stated 282 GB")


def test_the_right_product_of_a_count_and_each_ones_size_is_silent() -> None:
    assert findings(EACH.format(weights="141.2")) == []


WEIGHTS = """\
# Llama 3 70B weight memory

We serve Llama 3 70B on a single 8 × H100 node.

In FP16 the weights need {fp16} GB.

Quantised to INT4, the model's weights take {int4} GB.

A separate 8B reward model in BF16 needs 16 GB.
"""


def test_weights_at_a_precision_their_clause_names_are_checked() -> None:
    found = findings(WEIGHTS.format(fp16="282", int4="70.6"))
    assert [(line, code) for line, code, _ in found] == [(5, "SPC501"), (7, "SPC501")]
    assert "total parameters × 2 bytes (fp16)" in found[0][2]
    assert "= 137 GB–141 GB; stated 282 GB is 2× too large" in found[0][2]
    assert "total parameters × 0.5 bytes (int4), up to 25 % more" in found[1][2]


def test_right_weights_at_each_precision_and_another_models_are_silent() -> None:
    # INT4 at 40 GB: scales and 16-bit embeddings on top of 35 GB
    assert findings(WEIGHTS.format(fp16="141", int4="40")) == []


AGGREGATE = """\
# Aggregate figures

HBM bandwidth is 3.35 TB/s per GPU, so 8 GPUs read {hbm} TB/s in aggregate.

Every node draws 10.2 kW, so 16 nodes draw {power} kW in total.

Each GPU serves 2,400 tok/s at batch 32; 64 GPUs at batch 64 serve 200,000 tok/s.

Each node holds 8 GPUs with 80 GB, so 4 nodes give 2,560 GB.
"""


def test_a_total_after_a_per_unit_figure_and_a_count_is_their_product() -> None:
    found = findings(AGGREGATE.format(hbm="2.68", power="16.3"))
    assert [(line, code) for line, code, _ in found] == [(3, "SPC101"), (5, "SPC101")]
    assert found[0][2].startswith("3.35 TB/s per GPU × 8 GPUs = 26.80 TB/s; stated 2.68 TB/s")
    assert found[1][2].startswith("10.2 kW × 16 nodes = 163.2 kW; stated 16.3 kW is 10.0×")


def test_right_totals_and_sentences_with_other_numbers_or_units_are_silent() -> None:
    assert findings(AGGREGATE.format(hbm="26.8", power="163.2")) == []


EACH_DEVICE = """\
# Pretraining plan: 13B dense

Model: 13B parameters, trained on 2T tokens with a 4M-token global batch.

Each A100 therefore processes about {rate} tokens per second.
"""


def test_a_rate_whose_clause_is_about_each_device_is_held_to_one_devices_peak() -> None:
    [(line, code, message)] = findings(EACH_DEVICE.format(rate="18,000"))
    assert (line, code) == (5, "SPC601")
    assert "allows at most 4,211 tokens/s per GPU at 100 % of peak" in message


def test_a_rate_each_device_can_reach_is_silent() -> None:
    assert findings(EACH_DEVICE.format(rate="1,800")) == []


COUNT_FIRST = """\
# Power and rent

16 nodes at 10.2 kW per node draw {power} kW.

Our 64 GPUs at 2,400 tok/s per GPU at batch 32 serve 200,000 tok/s at batch 64.
"""


def test_a_count_at_a_figure_per_unit_then_a_total_is_their_product() -> None:
    [(line, code, message)] = findings(COUNT_FIRST.format(power="16.3"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("10.2 kW per node × 16 nodes = 163.2 kW; stated 16.3 kW")


def test_the_right_count_first_total_and_a_sentence_of_more_numbers_are_silent() -> None:
    assert findings(COUNT_FIRST.format(power="163.2")) == []
