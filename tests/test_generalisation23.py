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


QUEUES = """\
# Moderation backlog replay

## Queues

| Queue | Requests | Avg tokens | Input tokens | Output tokens |
|---|---|---|---|---|
| Chat moderation | 40,000 | 300 | 12.0M | 1.2M |
| Image captions | 10,000 | 900 | 9.0M | 0.5M |
| {label} | 2,000 | 6,000 | 12.0M | 0.3M |
| **Total** | 52,000 | | 33.0M | 2.0M |

{subject} is small in requests but heavy in text: it is {share}, so it sets the prefill budget.
"""


@pytest.mark.parametrize(
    ("label", "subject"),
    [
        ("Long-form appeals", "The long-form appeal queue"),
        ("Long-document appeals", "The long-doc appeal queue"),  # a shortening of the label
    ],
)
def test_a_row_share_of_the_total_row_named_by_the_sentence(label: str, subject: str) -> None:
    text = QUEUES.format(label=label, subject=subject, share="45 % of all input tokens")
    [(line, code, message)] = findings(text)
    assert (line, code) == (12, "SPC102")
    assert "12.0M (line 9) / 33.0M (line 10) = 36%; stated 45 %" in message


@pytest.mark.parametrize(
    ("subject", "share", "rows"),
    [
        ("The long-form appeal queue", "36 % of all input tokens", True),  # it holds
        ("The long-form appeal queue", "45 % of all tokens", True),  # three token columns
        ("The busiest queue", "45 % of all input tokens", True),  # no row named
        ("Chat with appeals", "45 % of all input tokens", True),  # two rows named
        ("The long-form appeal queue", "45 % of all input tokens", False),  # no Total row
    ],
)
def test_a_share_of_no_one_row_column_or_total_is_silent(
    subject: str, share: str, rows: bool
) -> None:
    text = QUEUES.format(label="Long-form appeals", subject=subject, share=share)
    if not rows:
        text = text.replace("| **Total** | 52,000 | | 33.0M | 2.0M |\n", "")
    assert findings(text) == []


BILL = """\
# Serving fleet reservation plan

## Monthly cost comparison

| Line item | {before} ($) | {after} ($) |
|---|---|---|
| On-demand GPU hours | 42,000 | 12,600 |
| Reserved GPU hours | 0 | 14,400 |
| Load balancers | 900 | 900 |
| Object storage | 1,100 | 1,100 |
| **Total** | **44,000** | **29,000** |

{sentence}, once the one-year reservation is signed.
"""


def test_a_change_between_the_two_totals_of_the_table_before() -> None:
    sentence = "That is a 43.1 % reduction in the monthly bill for the serving fleet"
    [(line, code, message)] = findings(BILL.format(before="Current", after="Proposed",
                                                   sentence=sentence))  # fmt: skip
    assert (line, code) == (13, "SPC102")
    assert "1 − 29,000 (line 11) / 44,000 (line 11) = 34.1%; stated 43.1 % reduction" in message


@pytest.mark.parametrize(
    ("before", "after", "sentence"),
    [
        ("Current", "Proposed", "That is a 34.1 % reduction in the monthly bill"),  # it holds
        ("Today", "After", "That is a 34 % reduction in the monthly bill"),
        # a line item's change, not the total's
        ("Current", "Proposed", "That is a 43.1 % reduction in on-demand GPU hours"),
        ("Region A", "Region B", "That is a 43.1 % reduction in the monthly bill"),  # no before
        ("Current", "Proposed", "That is a 43.1 % increase in the monthly bill"),  # totals fall
        # another figure of the sentence comes first: the change may be of it
        ("Current", "Proposed", "Against the 52,000 budgeted, that is a 43.1 % reduction"),
    ],
)
def test_a_change_of_no_one_pair_of_totals_is_silent(
    before: str, after: str, sentence: str
) -> None:
    assert findings(BILL.format(before=before, after=after, sentence=sentence)) == []


FRAMES = """\
# Clip captioning on L4

## Frame tokens

Frames are resized to 448 × 448 before the vision encoder:

- patches per frame: (448 / 14)² = 32² = 1,024
- tokens per frame after the 2 × 2 merge: 1,024 / 4 = 256
{extra}
## Prompt

- a typical clip request: 8 frames + 120 text tokens = {result} prompt tokens
"""

RATE = """\
# Clip captioning on L4

The encoder emits 256 tokens per frame at 448 × 448.{extra}

A clip of 8 frames + 120 text tokens = {result} tokens goes to the language model.
"""


@pytest.mark.parametrize(("template", "at"), [(FRAMES, 12), (RATE, 5)])
def test_a_sum_of_counted_frames_and_tokens_at_the_stated_tokens_per_frame(
    template: str, at: int
) -> None:
    [(line, code, message)] = findings(template.format(extra="", result="2,268"))
    assert (line, code) == (at, "SPC103")
    assert "8 frames × 256 (line" in message
    assert "+ 120 text tokens = 2,168" in message
    assert "stated 2,268" in message


@pytest.mark.parametrize(
    ("template", "extra", "result"),
    [
        (FRAMES, "", "2,168"),  # it holds
        (RATE, "", "2,168"),
        # two figures per frame: which one the sum uses is not sure
        (FRAMES, "- at 896 × 896: 1,024 tokens per frame\n", "2,268"),
        (RATE, " At 896 × 896 it emits 1,024 tokens per frame.", "2,268"),
    ],
)
def test_a_sum_at_no_one_stated_figure_per_frame_is_silent(
    template: str, extra: str, result: str
) -> None:
    assert findings(template.format(extra=extra, result=result)) == []


def test_a_sum_without_a_figure_per_frame_before_it_is_silent() -> None:
    text = RATE.replace("The encoder emits 256 tokens per frame at 448 × 448.{extra}\n\n", "")
    text += "\nThe encoder emits 256 tokens per frame at 448 × 448.\n"
    assert findings(text.format(result="2,268")) == []


NODES = "nodes required: 180 / 16 = 11.25, rounded up to 12"

RACKS = """\
# Batch cluster expansion

## Sizing

- peak queue: 180 jobs at once, 16 jobs per node
- {count}
- {item}

Power and cooling are sized per rack in the facilities review.
"""


@pytest.mark.parametrize(
    ("count", "item", "computed"),
    [
        (NODES, "at 4 nodes per rack that is 2 racks", 3),
        ("GPUs needed: 12 nodes × 8 = 96", "at 8 H100 per server that is 11 servers", 12),
    ],
)
def test_containers_for_the_count_of_the_item_before(count: str, item: str, computed: int) -> None:
    [(line, code, message)] = findings(RACKS.format(count=count, item=item))
    assert (line, code) == (7, "SPC101")
    assert "(line 6) / " in message
    assert f"= {computed}; stated" in message


@pytest.mark.parametrize(
    ("count", "item"),
    [
        (NODES, "at 4 nodes per rack that is 3 racks"),
        ("GPUs needed: 12 nodes × 8 = 96", "at 8 H100 per server that is 12 servers"),
        # the item before counts other things
        (NODES.replace("nodes", "GPUs"), "at 4 nodes per rack that is 2 racks"),
        # a ceiling, not a count that was rounded up
        ("nodes required: at most 12", "at 4 nodes per rack that is 2 racks"),
        # the containers are per something else
        (NODES, "at 4 nodes per rack that is 2 racks per hall"),
    ],
)
def test_containers_of_no_one_count_before_are_silent(count: str, item: str) -> None:
    assert findings(RACKS.format(count=count, item=item)) == []


SHARDS = """\
# Sharded embedding lookups

Each request looks up three rows in every shard of the embedding table, 4,096 B per row.

- per request per shard: 3 × 4,096 B = 12,288 B
- {item}

The lookups go over the same links as the gradient traffic.
"""


def test_a_figure_per_one_carried_to_all_of_them_on_the_next_item() -> None:
    [(line, code, message)] = findings(SHARDS.format(item="per request, all 12 shards: 174,456 B"))
    assert (line, code) == (6, "SPC101")
    assert "12 shards × 12,288 B (line 5) = 147,456 B; stated 174,456 B" in message


@pytest.mark.parametrize(
    "item",
    [
        "per request, all 12 shards: 147,456 B",  # it holds
        "per request, 12 table shards: 147,456 B",
        "per batch, all 12 shards: 174,456 B",  # per another thing
        "per request, all 12 replicas: 174,456 B",  # a count of another noun
        "per request, all 12 shards: 174,456 B with headers",  # more than the figure
    ],
)
def test_a_figure_carried_to_another_scope_or_noun_is_silent(item: str) -> None:
    assert findings(SHARDS.format(item=item)) == []


def test_a_rate_of_all_of_a_column_or_a_change_of_something_else_is_silent() -> None:
    subject, share = "The long-form appeal queue", "36 % of all input tokens"
    text = QUEUES.format(label="Long-form appeals", subject=subject, share=share)
    assert findings(text + "\nChat moderation times out on 2 % of all requests.\n") == []
    sentence = "Caching the prompts gives a 43.1 % reduction in latency"
    assert findings(BILL.format(before="Current", after="Proposed", sentence=sentence)) == []


def test_frames_added_to_tokens_are_converted_not_added_as_they_are() -> None:
    text = FRAMES.format(extra="", result="2,268").replace("120 text tokens", "120 tokens")
    [(line, code, message)] = findings(text)
    assert (line, code) == (12, "SPC103")
    assert "8 frames × 256 (line 8) + 120 tokens = 2,168" in message
    assert findings(text.replace("2,268", "2,168")) == []  # not 8 + 120 = 128
