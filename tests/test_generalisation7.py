"""Shapes found on a fifth held-out set: a sentence with two batch sizes, a share written
"X of the Y, P% of each GPU", and a share when the document names two devices. Each wrong
shape has a correct look-alike that stays silent."""

from __future__ import annotations

from speclint import lint_text

from .conftest import findings

TWO_BATCHES = """\
# Serving note

We serve Qwen2.5-14B-Instruct in BF16 on one H100 SXM. In load tests a single stream reaches
{single} tokens/s, while batches of 16 reach about {batched} tokens/s in aggregate.
"""


def test_each_clause_of_a_sentence_has_its_own_batch() -> None:
    # Weights read per step: 13.21B non-embedding params × 2 B = 26.42 GB; at 3.35 TB/s one
    # step takes at least 7.9 ms: ≤ 127 tokens/s for one stream, ≤ 2,028 for 16.
    assert findings(TWO_BATCHES.format(single="95", batched="1,300")) == []
    [(line, code, message)] = findings(TWO_BATCHES.format(single="150", batched="1,300"))
    assert (line, code) == (4, "SPC601")
    assert "decode at batch 1 " in message and "at most 127 tokens/s" in message
    [(line, code, message)] = findings(TWO_BATCHES.format(single="95", batched="2,400"))
    assert (line, code) == (4, "SPC601")
    assert "decode at batch 16 " in message and "at most 2,028 tokens/s" in message


def test_two_batches_in_one_clause_leave_the_batch_unsaid() -> None:
    text = TWO_BATCHES.replace(", while batches of 16", " and batches of 16").format(
        single="95", batched="5,000"
    )
    assert findings(text) == []  # batch 1 or 16 for 5,000 tokens/s: unsure, silent


PART_OF_WHOLE = """\
# Memory fit

Each H100 SXM has 80 GB. The FP8 weights of Llama-3.1-70B take 70.6 GB for the whole model;
at TP=2 that is 35.3 GB of the 80 GB, {share} of each GPU.
"""


def test_the_whole_after_of_is_not_the_part_of_a_share() -> None:
    assert findings(PART_OF_WHOLE.format(share="44%")) == []  # 35.3 ÷ 80 = 44.1 %
    [(line, code, message)] = findings(PART_OF_WHOLE.format(share="4.4%"))
    assert (line, code) == (4, "SPC501")
    assert "35.3 GB ÷ 80 GB (catalog: NVIDIA H100 SXM) = 44.1 %; stated 4.4% is 10× too small" in (
        message
    )


def test_a_share_off_by_100_is_named_percent_and_fraction() -> None:
    [diagnostic] = [
        d for d in lint_text(PART_OF_WHOLE.format(share="0.44%"), "t.md") if d.code == "SPC501"
    ]
    assert diagnostic.message.endswith(
        "stated 0.44% matches only with percent and fraction (100× off)"
    )
    assert diagnostic.fix is not None and diagnostic.fix.replacement == "44.13"


TWO_DEVICES = """\
# Migration

Today the service runs on H100 SXM nodes; next quarter it moves to H200 SXM.
Each GPU holds 50 GB of weights, {share} of each GPU.
"""


def test_a_share_holds_when_it_fits_any_device_the_document_names() -> None:
    assert findings(TWO_DEVICES.format(share="62.5%")) == []  # of an 80 GB H100
    assert findings(TWO_DEVICES.format(share="35.5%")) == []  # of a 141 GB H200
    [diagnostic] = lint_text(TWO_DEVICES.format(share="5%"), "t.md")
    assert (diagnostic.line, diagnostic.code) == (4, "SPC501")
    assert "50 GB ÷ 80 GB–141 GB" in diagnostic.message
    assert "= 35.5 %–62.5 %; stated 5% is 7.09× too small" in diagnostic.message
    assert diagnostic.fix is None  # which device is meant decides the share


EMPHASISED = """\
# Pool

The `chat` pool runs **Qwen2.5-14B-Instruct** in BF16 with tensor parallelism 2 on pairs of
NVIDIA L4 cards.

At batch 1 the pool reports a TPOT of {tpot} ms.
"""


def test_a_model_name_in_emphasis_still_names_the_precision_after_it() -> None:
    # 26.42 GB of BF16 weights per step over 2 × 0.3 TB/s: each token takes at least 44 ms.
    assert findings(EMPHASISED.format(tpot="61")) == []
    [(line, code, message)] = findings(EMPHASISED.format(tpot="21"))
    assert (line, code) == (6, "SPC701")
    assert message.startswith(
        "each output token: 26.42 GB of weights per step (13.21B params × 2 B) ÷ "
        "(2 GPUs × 0.3 TB/s) needs at least 44 ms at 100 % of peak"
    )


POOLS = """\
# Capacity

| Pool | Replicas | {header} |
|------|---------:|-----:|
| chat | 6 | 12 |
| batch | 4 | 8 |
| eval | 2 | 4 |
| **Total** | **12** | **{total}** |
"""


def test_a_column_of_discrete_things_adds_exactly() -> None:
    # 12 + 8 + 4 = 24 GPUs: whole GPUs, so 26 is wrong although three rounded parts could
    # add up to 25.5.
    assert findings(POOLS.format(header="GPUs", total="24")) == []
    [(line, code, message)] = findings(POOLS.format(header="GPUs", total="26"))
    assert (line, code) == (8, "SPC103")
    assert message.startswith("12 (line 5) + 8 (line 6) + 4 (line 7) = 24; stated 26")
    # A measured column is read to its written precision: 26 may be the sum of 12.4 + …
    assert findings(POOLS.format(header="Load (kW)", total="26")) == []


NODE_DAYS = """\
# Cluster use in October

| Job | Nodes | Days | {header} |
|-----|------:|-----:|---------:|
| pretrain-a | 4 | 3 | 12 |
| sft-b | 2 | 7 | 14 |
| eval-c | 6 | 2 | {last} |
"""


def test_a_header_that_names_the_product_needs_only_two_agreeing_rows() -> None:
    assert findings(NODE_DAYS.format(header="Node-days", last="12")) == []
    [(line, code, message)] = findings(NODE_DAYS.format(header="Node-days", last="13"))
    assert (line, code) == (7, "SPC101")
    assert message.startswith("6 (line 7) × 2 (line 7) = 12; stated 13")
    # Without the header's word, two agreeing rows are too few to call a column a product.
    assert findings(NODE_DAYS.format(header="Budget", last="13")) == []
