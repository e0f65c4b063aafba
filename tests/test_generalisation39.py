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
