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
