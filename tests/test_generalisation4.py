"""Shapes found on the third held-out set: a breakdown table with a count column, and a system
total written as its own product. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str]]:
    """(line, code) of every error and warning."""
    return [(d.line, d.code) for d in lint_text(text, "t.md") if d.severity in ("error", "warning")]


COUNTED = """\
# Vision encoder size

- FFN size: 3,072

| Block | Count | Parameters |
|-------|------:|-----------:|
| Patch embedding | 1 | 590,592 |
| Transformer block (each) | 12 | 7,087,872 |
| FFN (per block) | 12 | 4,722,432 |
| Pooler | 1 | 590,592 |
| **Total** | | **{total}** |
"""


def test_a_count_column_multiplies_its_rows_in_the_total() -> None:
    # 590,592 + 12 × 7,087,872 + 12 × 4,722,432 + 590,592 = 142,904,832.
    assert found(COUNTED.format(total="142,904,832")) == []
    assert found(COUNTED.format(total="142,914,832")) == [(11, "SPC103")]


def test_a_count_cell_is_not_the_value_of_its_row_label() -> None:
    # "FFN (per block) | 12" counts blocks; it does not restate the FFN size of 3,072.
    codes = {code for _, code in found(COUNTED.format(total="142,904,832"))}
    assert "SPC302" not in codes


KEY_VALUE = """\
# Encoder

| Setting | Value |
|---------|------:|
| FFN size | 3,072 |
| Layers | 12 |

- FFN size: {ffn}
"""


def test_a_key_value_table_still_states_facts() -> None:
    assert found(KEY_VALUE.format(ffn="3,072")) == []
    assert found(KEY_VALUE.format(ffn="4,096")) == [(5, "SPC302")]


CLUSTER = """\
# Pre-training throughput

- Cluster size: 256 GPUs
- Sustained rate per GPU: {per} TFLOP/s
- Cluster: 256 × 312.5 TFLOP/s = {total} PFLOP/s
"""


def test_a_system_total_written_as_its_own_product_is_checked_as_written() -> None:
    # The product on its own line holds; a wrong per-GPU line above is not pinned on it.
    assert found(CLUSTER.format(per="312.5", total="80")) == []
    assert (5, "SPC301") not in found(CLUSTER.format(per="31,250", total="80"))
    assert found(CLUSTER.format(per="312.5", total="8")) == [(5, "SPC101")]


NIC = """\
# Storage network

{sentence}
"""


def test_a_per_unit_restatement_of_a_per_unit_sentence_is_a_conversion() -> None:
    wrong = "Every host has one 400 Gbps fabric port, i.e. 400 GB/s per host."
    right = "Every host has one 400 Gbps fabric port, i.e. 50 GB/s per host."
    assert found(NIC.format(sentence=wrong)) == [(3, "SPC203")]
    assert found(NIC.format(sentence=right)) == []


def test_a_total_restated_per_unit_is_not_a_conversion() -> None:
    # 1.6 TB/s over the whole cluster is not 200 GB/s per host: that divides, not converts.
    sentence = "The cluster needs 1.6 TB/s aggregate, i.e. 200 GB/s per host."
    assert found(NIC.format(sentence=sentence)) == []


NON_EMBEDDING = """\
# Model card

- Layers: 24
- Hidden size: 2048
- Attention heads: 16 (MHA)
- FFN intermediate size: 5632 (SwiGLU)
- Vocabulary size: 50,000 (untied)

The transformer blocks hold {count} non-embedding parameters.
"""


def test_a_non_embedding_count_is_checked_without_the_embeddings() -> None:
    # 24 × (4 × 2048² + 3 × 2048 × 5632) = 1,233,125,376, norms aside; 1.44B is the total.
    assert found(NON_EMBEDDING.format(count="1.23B")) == []
    assert found(NON_EMBEDDING.format(count="about 1.12B")) == [(9, "SPC401")]
    assert found(NON_EMBEDDING.format(count="1.44B")) == [(9, "SPC401")]


SHARDS = """\
# Embedding service rollout

| Month | Replicas | GPUs | Cost ($/month) |
|-------|---------:|-----:|---------------:|
| Jan | 6 | 12 | 10,950 |
| Feb | 9 | 18 | 16,425 |
| Mar | 12 | {gpus} | 21,900 |
| Apr | 15 | 30 | 27,375 |
"""


def test_a_column_that_scales_with_a_count_on_every_other_row_is_checked() -> None:
    # 2 GPUs per replica on Jan, Feb and Apr; and $1,825 per replica-month throughout.
    assert found(SHARDS.format(gpus="24")) == []
    assert found(SHARDS.format(gpus="26")) == [(7, "SPC101")]


RACKS = """\
# Hall power

| Scope | Nodes | Power (kW) |
|-------|------:|-----------:|
| One node | 1 | 6.875 |
| Rack | 5 | {rack} |
| Row | 40 | 275.0 |
"""


def test_a_one_unit_row_states_the_factor_of_the_others() -> None:
    assert found(RACKS.format(rack="34.38")) == []
    assert found(RACKS.format(rack="41.25")) == [(6, "SPC101")]


SCALING = """\
# Scaling runs

| Nodes | GPUs | Throughput (tok/s) |
|------:|-----:|-------------------:|
| 1 | 8 | 10,000 |
| 2 | 16 | 20,000 |
| 4 | 32 | 40,000 |
| 8 | 64 | 72,000 |

| Model | Heads | Hidden size |
|-------|------:|------------:|
| A | 32 | 4096 |
| B | 40 | 5120 |
| C | 64 | 8192 |
| D | 16 | 3584 |
"""


def test_rates_and_columns_of_no_unit_count_do_not_scale() -> None:
    # Measured throughput may fall short of linear; hidden size is not a multiple of heads.
    assert found(SCALING) == []


WIDTH = """\
# Quantised checkpoint

{sentence}
"""


def test_the_size_of_one_element_of_a_named_format_is_its_width() -> None:
    wrong = "Every block of 64 codes stores one FP16 scale, i.e. 16 bytes per block."
    right = "Every block of 64 codes stores one FP16 scale, i.e. 2 bytes per block."
    assert found(WIDTH.format(sentence=wrong)) == [(3, "SPC203")]
    assert found(WIDTH.format(sentence=right)) == []
    assert found(WIDTH.format(sentence="A single FP32 moment takes 4 bytes.")) == []


def test_a_whole_tensor_in_a_format_is_not_one_element() -> None:
    # A cache per token holds many elements: no width is read from "a BF16 KV cache is".
    assert found(WIDTH.format(sentence="A BF16 KV cache is 96 KiB per token.")) == []


SHARE = """\
# Memory plan

| Part | Memory (GB) |
|------|------------:|
| Weights | 16.1 |
| KV cache | 5.4 |
| Activations | 2.5 |
| **Total** | **24.0** |

The KV cache needs 5.4 GB, {share} of the total.
"""


def test_a_share_of_the_total_divides_by_the_stated_total() -> None:
    assert found(SHARE.format(share="22.5%")) == []
    assert found(SHARE.format(share="0.225%")) == [(10, "SPC205")]
    assert found(SHARE.format(share="30%")) == [(10, "SPC102")]


def test_a_share_of_another_total_is_not_read() -> None:
    # "of the total budget" names another whole than the table's Total.
    assert found(SHARE.format(share="30%").replace("the total", "the total budget")) == []


def test_a_restatement_after_each_is_of_the_whole_not_the_item() -> None:
    sentence = "A page holds 4096 rows of 192 bytes each, i.e. ~0.8 MB of data."
    assert found(NIC.format(sentence=sentence)) == []


POOLS = """\
# GPU pools

| Pool | GPUs | HBM (GB) |
|------|-----:|---------:|
| Batch | 8 | 640 |
| Chat | 16 | 1,280 |
| Search | 32 | 2,560 |
| Long context | 8 | {hbm} |
"""


def test_a_row_with_a_whole_figure_per_unit_of_its_own_is_another_kind() -> None:
    # 141 GB per GPU on the last row is an H200 pool among H100 ones, not a slip.
    assert found(POOLS.format(hbm="1,128")) == []
    assert found(POOLS.format(hbm="1,132")) == [(8, "SPC101")]


def test_a_total_in_another_section_is_not_the_total() -> None:
    text = SHARE.format(share="30%").replace("| Part |", "## Memory\n\n| Part |")
    text = text.replace("The KV cache", "## Serving\n\nThe KV cache")
    assert found(text) == []
