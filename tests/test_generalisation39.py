"""Shapes the lead found on held-out sets in session 31. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

RESERVATION = """\
# Reserve or rent: GPU fleet for next year

We run 12 {node_words} nodes for the research cluster.{node_line}

## Usage

- steady state: 12 nodes × 8,760 h = 105,120 node-hours
- burst: {burst_count} × 2 months × 730 h = {burst} GPU-hours
- eval pool: 64 GPUs × 730 h = {pool} node-hours

All prices exclude storage and egress.
"""


def _reservation(**overrides: str) -> str:
    values = {
        "node_words": "eight-GPU H100",
        "node_line": "",
        "burst_count": "6 nodes",
        "burst": "70,080",
        "pool": "5,840",
    }
    return RESERVATION.format(**(values | overrides))


def test_a_product_of_nodes_stated_in_gpu_hours_counts_the_gpus_per_node() -> None:
    # 6 nodes × 2 × 730 h = 8,760 node-hours = 70,080 GPU-hours at 8 GPUs per node;
    # 64 GPUs × 730 h = 46,720 GPU-hours = 5,840 node-hours.
    assert findings(_reservation()) == []
    [(line, code, message)] = findings(_reservation(burst="8,760"))
    assert (line, code) == (8, "SPC101")
    assert "6 nodes × 2 months × 730 h × 8 GPUs per node = 70,080 GPU-hours" in message
    assert "the product counts nodes, the result GPU-hours; 8 GPUs per node (line 3)" in message
    [(line, _, message)] = findings(_reservation(pool="46,720"))
    assert line == 9
    assert "64 GPUs × 730 h ÷ 8 GPUs per node = 5,840 node-hours" in message


@pytest.mark.parametrize(
    ("node_words", "node_line"),
    [("H100", " A node is 8 × H100 SXM with 3.2 Tb/s of EFA."), ("8-GPU H100", "")],
)
def test_the_gpus_per_node_are_read_as_the_document_writes_them(
    node_words: str, node_line: str
) -> None:
    text = _reservation(node_words=node_words, node_line=node_line)
    assert findings(text) == []
    [(line, _, message)] = findings(text.replace("= 70,080", "= 8,760"))
    assert line == 8
    assert "= 70,080 GPU-hours" in message


def test_node_hours_stay_unread_without_one_node_size() -> None:
    # No GPUs per node written (or a count already in the product): nothing to scale by.
    text = _reservation(node_words="H100", burst="8,760")
    assert findings(text) == []
    text = _reservation(burst_count="6 nodes × 8", burst="70,080")
    assert findings(text) == []
    assert findings(text.replace("= 70,080", "= 560,640")) != []  # the product as written


PRICING = """\
# Batch scoring: what the nightly job costs

The job needs 141.1 instance-hours a month on the current queue.

| Pricing | Rate | Cost for 141.1 instance-hours |
|---|---|---|
| On-demand | $3.912/h | {on_demand} |
| Spot (planning rate) | $1.35/h | $190.49 |

| Option | $/hour | $/month (730 h) |
|---|---|---|
| g6e.12xlarge on-demand | 10.49 | {monthly} |
| Current share of the pool | 14.20 | 10,366.00 |
"""


def _pricing(**overrides: str) -> str:
    return PRICING.format(**({"on_demand": "$551.98", "monthly": "7,657.70"} | overrides))


def test_a_constant_the_header_names_outright_needs_one_other_row() -> None:
    # $3.912 × 141.1 = $551.98; $1.35 × 141.1 = $190.49; 10.49 × 730 = 7,657.70.
    assert findings(_pricing()) == []
    [(line, code, message)] = findings(_pricing(on_demand="$651.98"))
    assert (line, code) == (7, "SPC101")
    assert "$3.912/h (line 7) × 141.1 instance-hours = $551.98" in message
    assert "the other row of the table has" in message
    [(line, code, message)] = findings(_pricing(monthly="7,957.70"))
    assert (line, code) == (12, "SPC101")
    assert "10.49 $/hour (line 12) × 730 h = $7,657.70" in message


def test_a_named_constant_no_other_row_holds_stays_silent() -> None:
    # The spot row is priced otherwise too: two rows that break it are no evidence.
    text = _pricing(on_demand="$651.98").replace("$190.49", "$290.49")
    assert findings(text) == []
    # A constant after 'at' in the header still needs three rows that agree.
    text = _pricing(on_demand="$651.98").replace("Cost for 141.1", "Cost at 141.1")
    assert findings(text) == []


FLEET = """\
# Render fleet options

| Option | Instances | Hours | $/h | Total |
|---|---|---|---|---|
| 24 × g5.2xlarge on-demand | 24 | 240 | 1.212 | {first} |
| 6 × g5.12xlarge on-demand | 6 | 240 | 5.672 | $8,168 |
| 6 × g5.12xlarge spot | 6 | 240 | 2.27 | $3,269 |
"""


def test_a_column_whose_header_names_no_unit_takes_the_unit_its_cells_write() -> None:
    # 24 × 240 × $1.212 = $6,981.12; 6 × 240 × $5.672 = $8,167.68; 6 × 240 × $2.27 = $3,268.80.
    assert findings(FLEET.format(first="$6,981")) == []
    [(line, code, message)] = findings(FLEET.format(first="$6,891"))
    assert (line, code) == (5, "SPC101")
    assert "24 (line 5) × 240 (line 5) × 1.212 (line 5) = $6,981;" in message
    assert "Total = Instances × Hours × $/h, as its other 2 rows show" in message
    # Cells of two units under a header that names none: no unit for the column.
    assert findings(FLEET.format(first="6,891 credits")) == []


FLEET_COST = """\
# Summariser serving: launch fleet

## Capacity

- Node type: 8×H100 SXM at $3.10 per GPU-hour (reserved).
- Four TP=2 replicas per node; one node costs 8 × $3.10 × 730 h = $18,104 per month.
- The launch fleet is three nodes (12 replicas) in two zones, which comes to {fleet} per month.

One instance for a month (730 h) on demand: $4,140.56. The current fleet of 3 instances costs
{current}/month.
"""


def _fleet_cost(**overrides: str) -> str:
    return FLEET_COST.format(**({"fleet": "$54,312", "current": "$12,421.68"} | overrides))


def test_a_count_of_things_after_a_figure_for_one_of_them_is_their_total() -> None:
    # 3 × $18,104 = $54,312; 3 × $4,140.56 = $12,421.68.
    assert findings(_fleet_cost()) == []
    [(line, code, message)] = findings(_fleet_cost(fleet="$56,312"))
    assert (line, code) == (7, "SPC101")
    assert "3 × $18,104 per month (line 6) = $54,312;" in message
    assert "is for one node, the next figure for 3" in message
    [(line, _, message)] = findings(_fleet_cost(current="$14,421.68"))
    assert line == 10
    assert "3 × $4,140.56 (line 9) = $12,421.68;" in message


def test_a_figure_for_one_thing_is_not_carried_to_another_or_to_each() -> None:
    # The total counts replicas, not nodes; or the next sentence is per node again.
    text = _fleet_cost(fleet="$56,312").replace("three nodes (12 replicas)", "12 replicas")
    assert findings(text) == []
    text = _fleet_cost(fleet="$56,312").replace("in two zones,", "in two zones, each node")
    assert findings(text) == []
    # Per month after a figure that is not for a month: not the same kind of figure.
    text = _fleet_cost(current="$14,421.68").replace("for a month (730 h) ", "")
    assert findings(text) == []


STORAGE_COST = """\
# Logs cluster: storage cost

## Monthly cost

| Line item | Unit price | Quantity | $/month |
|---|---|---|---|
| Hot nodes | $1.46/h | 5 | 5,329.00 |
| Warm nodes | $0.94/h | 4 | 2,744.80 |
| S3 Standard-IA | $0.0125/GB-month | 666,125 GB | 8,326.56 |
| **Total** | | | **16,400.36** |

## Options

1. **No replica on warm.** Warm needs 2 nodes instead of 4. Saving: 2 × $0.94 × 730 =
   $1,372.40/month.
   - That is {share} of the total above.
2. **Fewer hot nodes.** Saving: $1.46 × 730 = $1,065.80/month. That is {second} of the total
   above.
"""


def test_a_sentence_opening_with_a_share_of_the_total_above_is_of_the_figure_before() -> None:
    # 1,372.40 / 16,400.36 = 8.37 %; 1,065.80 / 16,400.36 = 6.50 %.
    text = STORAGE_COST.format(share="8.4 %", second="6.5 %")
    assert findings(text) == []
    [(line, code, message)] = findings(text.replace("8.4 %", "12.4 %"))
    assert (line, code) == (16, "SPC102")
    assert "$1,372.40/month (line 15) / 16,400.36 (line 10) = 8.37%" in message
    [(line, _, message)] = findings(text.replace("6.5 %", "9.5 %"))
    assert line == 17
    assert "$1,065.80/month (line 17) / 16,400.36 (line 10) = 6.5%" in message


def test_a_share_of_a_total_in_another_section_needs_the_word_above() -> None:
    text = STORAGE_COST.format(share="12.4 %", second="6.5 %").replace(" above.", ".", 1)
    assert findings(text) == []
