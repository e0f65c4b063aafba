"""Shapes found on a sixth held-out set: a change in percent against the figure it compares
with. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

SAVING = """\
# Build cache

Moving the cache to local NVMe saves 840 − 525 = 315 GB of egress a day, {pct} less than
the bucket, and cuts rebuild time too.
"""


def test_a_saving_against_the_wrong_base_is_an_error() -> None:
    # 315 / 525 = 60% is the saving over the new figure; the change is 315 / 840
    [(line, code, message)] = findings(SAVING.format(pct="60%"))
    assert (line, code) == (3, "SPC102")
    assert message.startswith("1 − (525 / 840) = 38%; stated 60% is 1.6× too large")


def test_a_saving_against_its_minuend_is_silent() -> None:
    assert findings(SAVING.format(pct="37.5%")) == []


def test_a_difference_that_is_no_saving_is_not_read_as_a_change() -> None:
    # the difference is free memory: its percentage may compare it with anything
    text = SAVING.replace("saves", "leaves").format(pct="60%")
    assert findings(text) == []
    # compared with another figure after the percentage
    text = SAVING.replace("the bucket", "the 500 GB of last year").format(pct="60%")
    assert findings(text) == []


AGAINST = """\
# Inference bill

The batch tier costs $3,150 a month, {pct} {word} the {other} of the interactive tier.
"""


def test_a_change_against_a_named_value_is_checked() -> None:
    [(line, code, message)] = findings(
        AGAINST.format(pct="25%", word="cheaper than", other="$4,500")
    )
    assert (line, code) == (3, "SPC102")
    assert message == "1 − ($3,150 / $4,500) = 30%; stated 25% cheaper is 1.2× too small"
    assert findings(AGAINST.format(pct="30%", word="cheaper than", other="$4,500")) == []
    assert findings(AGAINST.format(pct="30%", word="less than", other="$4,500")) == []


def test_a_change_against_a_value_of_another_kind_or_clause_is_silent() -> None:
    # another kind: a count of GPUs is not compared with dollars
    assert findings(AGAINST.format(pct="25%", word="cheaper than", other="8 GPUs")) == []
    # no figure to compare with
    assert findings(AGAINST.format(pct="25%", word="cheaper than", other="bill")) == []
    # the percentage compares something else: a clause between it and the figure
    text = AGAINST.format(pct="25%", word="cheaper than in May, when the bill was", other="$4,500")
    assert findings(text) == []


SHARE = """\
# Embedding service

The indexer embeds 5.4B tokens a day: 5.4B / (24 × 3,600 s) = 62,500 tokens/s on average.

We run it on four A10G cards. {sentence}
"""


def test_a_total_rate_given_to_each_device_is_an_error() -> None:
    text = SHARE.format(sentence="Each of the 4 cards must sustain 62,500 tokens/s.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (5, "SPC301")
    assert message == (
        "62,500 tokens/s is the whole workload's rate (line 3); each of 4 cards takes "
        "62,500 / 4 = 15,625 tokens/s; stated 62,500 tokens/s for each card restates the total "
        "as one card's share"
    )
    text = SHARE.format(sentence="The four cards must each sustain 62,500 tokens/s.")
    assert [(line, code) for line, code, _ in findings(text)] == [(5, "SPC301")]


def test_each_devices_share_of_a_total_rate_is_silent() -> None:
    assert (
        findings(SHARE.format(sentence="Each of the 4 cards must sustain 15,625 tokens/s.")) == []
    )


def test_a_total_any_device_may_carry_alone_is_silent() -> None:
    # failover: one card must be able to carry the whole rate
    text = SHARE.format(sentence="Each of the 4 cards can take 62,500 tokens/s if the others fail.")
    assert findings(text) == []
    # a rate computed for one device is no total
    text = SHARE.replace("embeds", "embeds on one card").format(
        sentence="Each of the 4 cards must sustain 62,500 tokens/s."
    )
    assert findings(text) == []
    # a bandwidth is not read: in a ring all-reduce each GPU moves about the whole buffer
    text = SHARE.replace("5.4B tokens", "5.4 TB").replace("62,500 tokens/s", "62.5 MB/s")
    assert findings(text.format(sentence="Each of the 4 cards must sustain 62.5 MB/s.")) == []
