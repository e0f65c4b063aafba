"""Shapes found on held-out sets (reader classes b): sums whose terms are named before their
figures. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

NAMED_TERMS = """\
# Memory per shard

Each shard holds the embeddings, the graph and the row keys.

Per shard: embeddings 1,536.0 + graph 204.8 + keys 6.4 = {total} GB.
"""


def test_a_sum_of_terms_named_before_their_figures_is_checked() -> None:
    assert findings(NAMED_TERMS.format(total="1,747.2")) == []
    [(line, code, message)] = findings(NAMED_TERMS.format(total="1,774.2"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("embeddings 1,536.0 + graph 204.8 + keys 6.4 = ")
    assert "= 1,747.2 GB" in message and "stated 1,774.2 GB is 1.5% too large" in message
    # a factor before the first term or after the result: the sum is not the whole relation
    assert findings("Cost: 2 × weights 35 GB + cache 22 GB = 92 GB.\n") == []
    scaled = findings("Cost: weights 35 GB + cache 22 GB = 0.5 × 104 GB.\n")
    assert not any(message.startswith("weights") for _, _, message in scaled)
    # terms of different kinds add up to nothing to check
    assert findings("Setup: nodes 4 + links 400 GB/s = 404 GB/s.\n") == []


PARENTHESISED = """\
# Budget per GPU

Per GPU: weights (35 GB) + KV cache (22 GB) + activations (4 GB) = {total} GB.
"""


def test_a_sum_of_named_terms_in_parentheses_is_checked() -> None:
    assert findings(PARENTHESISED.format(total="61")) == []
    [(line, code, message)] = findings(PARENTHESISED.format(total="71"))
    assert (line, code) == (3, "SPC101")
    assert message.startswith("weights 35 GB + KV cache 22 GB + activations 4 GB = ")
    assert "stated 71 GB is 1.16× too large" in message


def test_approximate_and_range_terms_widen_the_sum() -> None:
    text = "Per GPU: weights ~35 GB + KV cache 20-24 GB + activations 4 GB ≈ {total} GB.\n"
    assert findings(text.format(total="61")) == []
    assert findings(text.format(total="58")) == []
    [(line, code, _)] = findings(text.format(total="81"))
    assert (line, code) == (1, "SPC101")


STATED_PRODUCT = """\
# Shard sizes

| shard | rows | columns | bytes/value | size (GB) |
|---|---:|---:|---:|---:|
| orders | 300M | 512 | 4 | 614.4 |
| events | 900M | 256 | 2 | {events} |
| users | 50M | 1,024 | 4 | 204.8 |

{definition}
"""
DEFINITION = "Size is rows × columns × bytes/value, in decimal GB."


def test_a_row_off_the_product_the_document_defines_is_checked() -> None:
    assert findings(STATED_PRODUCT.format(events="460.8", definition=DEFINITION)) == []
    [(line, code, message)] = findings(STATED_PRODUCT.format(events="921.6", definition=DEFINITION))
    assert (line, code) == (6, "SPC101")
    assert message.startswith("900M × 256 × 2 (line 6) × 1/1,000,000,000 = 460.8; ")
    assert "stated 921.6 is 2× too large" in message
    assert "(Size is rows × columns × bytes/value (line 9), as the other 2 rows" in message
    # without the sentence, two agreeing rows are too few to read a three-column product
    assert findings(STATED_PRODUCT.format(events="921.6", definition="")) == []
    # a sentence that names other columns, or a factor right of the product, defines nothing
    other = "Size is rows × shard × bytes/value."
    assert findings(STATED_PRODUCT.format(events="921.6", definition=other)) == []


LISTED = "Each shard keeps embeddings 1,536.0 GB, graph 204.8 GB and keys 6.4 GB, {total}.\n"


def test_a_total_after_a_list_of_named_amounts_is_their_sum() -> None:
    assert findings(LISTED.format(total="1,747.2 GB in total")) == []
    [(line, code, message)] = findings(LISTED.format(total="1,774.2 GB in total"))
    assert (line, code) == (1, "SPC101")
    assert message.startswith("embeddings 1,536.0 GB + graph 204.8 GB + keys 6.4 GB = ")
    text = "Per GPU: weights (35 GB), KV cache (22 GB) and buffers (4 GB), a total of {} GB.\n"
    assert findings(text.format("61")) == []
    [(line, code, _)] = findings(text.format("71"))
    assert (line, code) == (1, "SPC101")
    # no "total": the last figure may be anything (a peak, a budget)
    assert findings(LISTED.format(total="1,774.2 GB at peak")) == []
    # a total over more than the list (another scope after it) is not checked
    assert findings(LISTED.format(total="1,774.2 GB in total across 3 zones")) == []
    # the middle of a list whose first item is not read is not summed alone
    tail = "The shard is 1,536.0 GB, graph 204.8 GB and keys 6.4 GB, 211.2 GB in total.\n"
    assert findings(tail) == []


NODE_LINK = """\
# All-gather plan

The job runs on {nodes}; every node has one 400 GB/s scale-out fabric.

{sender} sends 12.0 GB per step; at the node's 400 GB/s that is {time}.
"""


def test_each_gpus_amount_over_the_nodes_link_counts_every_gpu_of_the_node() -> None:
    nodes = "16 nodes × 8 H200 GPUs = 128 GPUs"
    right = NODE_LINK.format(nodes=nodes, sender="Each GPU", time="240 ms")
    assert findings(right) == []
    [(line, code, message)] = findings(right.replace("240 ms", "30 ms"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("8 GPUs per node (line 3) × 12.0 GB per step ÷ 400 GB/s = 240 ms; ")
    assert "stated 30 ms is 8× too small" in message
    # the node's own amount over the node's link is what the sentence says it is
    node = NODE_LINK.format(nodes=nodes, sender="Each node", time="30 ms")
    assert findings(node) == []
    # without a stated number of GPUs per node nothing is assumed
    unsized = NODE_LINK.format(nodes="16 nodes", sender="Each GPU", time="30 ms")
    assert findings(unsized) == []
