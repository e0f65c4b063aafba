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


SIZES = """\
# Checkpoint sizes per precision

| Precision | Bytes per weight | Checkpoint | GiB |
|---|---|---|---|
| BF16 | 2 | 13.5B × 2 B = 27.0 GB | 25.15 GiB |
| FP8 | 1 | 13.5B × 1 B = 13.5 GB | {fp8} GiB |
| INT4 | 0.5 | 13.5B × 0.5 B = 6.75 GB | 6.29 GiB |
"""


def test_a_gib_cell_off_by_the_prefix_slip_is_reported_with_two_rows_agreeing() -> None:
    [(line, code, message)] = findings(SIZES.format(fp8="14.50"))
    assert (line, code) == (6, "SPC201")
    assert message == (
        "13.5 GB = 12.57 GiB; stated 14.50 GiB is 1.15× too large (the other 2 rows of the "
        "table give Checkpoint and GiB as one amount)"
    )


def test_a_gib_cell_that_converts_or_is_off_otherwise_is_silent_with_two_rows() -> None:
    assert findings(SIZES.format(fp8="12.57")) == []
    # off, but not by the slip: two rows are too few to say the column is a conversion
    assert findings(SIZES.format(fp8="11.00")) == []


NODES = """\
# Cluster options (4 GPUs per node)

| | A100 node | H100 node |
|---|---|---|
| Price | $120,000 | $210,000 |

- {claim}
"""


def test_one_named_node_s_flops_are_its_gpus_per_node_times_the_device_peak() -> None:
    text = NODES.format(claim="One H100 node delivers 7.9 PFLOPS of dense BF16 at full load.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (7, "SPC601")
    assert message.startswith(
        "compute: 4 devices (4 GPUs per node, line 1) × 989 TFLOPS (dense BF16 peak) allows at "
        "most 3,956 TFLOPS at 100 % of peak; stated 7.9 PFLOPS is 2× the bound"
    )


def test_a_node_s_flops_within_its_peak_or_with_no_node_size_is_silent() -> None:
    fits = "One H100 node delivers 2.0 PFLOPS of dense BF16 at full load."
    assert findings(NODES.format(claim=fits)) == []
    unsized = NODES.replace(" (4 GPUs per node)", "")
    over = "One H100 node delivers 7.9 PFLOPS of dense BF16 at full load."
    assert findings(unsized.format(claim=over)) == []


SPLIT = """\
# Where the decode step goes

For a 32k context:

- weights ≈ 14.2 GB, kv ≈ 4.3 GB, total ≈ 18.5 GB
- kv is {share} of the total, so paging the cache is not the first lever
"""


def test_a_named_part_s_share_written_as_the_fraction_is_the_percent_slip() -> None:
    [(line, code, message)] = findings(SPLIT.format(share="0.23 %"))
    assert (line, code) == (6, "SPC205")
    assert message == (
        "4.3 GB / 18.5 GB = 23.24%; stated 0.23 % matches only with percent and fraction "
        "(101× off) (using 4.3 GB (line 5), 18.5 GB (line 5))"
    )


def test_a_named_part_s_share_that_holds_or_is_off_otherwise_is_silent() -> None:
    assert findings(SPLIT.format(share="23 %")) == []
    # wrong, but not by the slip: which figures the sentence divides is not sure
    assert findings(SPLIT.format(share="31 %")) == []


RACKS = """\
# Hall layout

Each rack takes 30 kW and a node draws 10.2 kW.

- {claim}
"""


def test_containers_needed_at_so_many_per_container_is_the_count_over_it_rounded_up() -> None:
    text = RACKS.format(claim="With 2 nodes per rack, 96 nodes need 36 racks.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (5, "SPC101")
    assert message == "⌈96 nodes / 2 nodes per rack⌉ = 48; stated 36 racks is 1.33× too small"


def test_containers_needed_that_round_up_or_count_other_things_are_silent() -> None:
    assert findings(RACKS.format(claim="With 2 nodes per rack, 96 nodes need 48 racks.")) == []
    assert findings(RACKS.format(claim="At 3 nodes per rack, so 100 nodes need 34 racks.")) == []
    # the count is of GPUs, not of what the racks hold
    assert findings(RACKS.format(claim="At 2 nodes per rack, so 96 GPUs need 36 racks.")) == []


CONTEXTS = """\
# Prompt cache per context length

| Context | Tokens | Cache per prompt |
|---|---|---|
| 8k | 8,192 | 1.074 GB |
| 32k | 32,768 | 4.295 GB |

{claim}
"""


def test_a_table_cell_restated_rounded_with_the_other_prefix_is_the_gb_gib_slip() -> None:
    text = CONTEXTS.format(claim="So a 32k-token prompt keeps 4.30 GiB cached.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC202")
    assert message.startswith(
        "4.295 GB (line 6) = 4.00 GiB; stated 4.30 GiB cached matches only with GiB read as GB"
    )


def test_a_rounded_restatement_converted_or_naming_no_row_is_silent() -> None:
    assert findings(CONTEXTS.format(claim="So a 32k-token prompt keeps 4.00 GiB cached.")) == []
    # no row named: 4.30 GiB may be any other figure
    assert findings(CONTEXTS.format(claim="So a long prompt keeps 4.30 GiB cached.")) == []
