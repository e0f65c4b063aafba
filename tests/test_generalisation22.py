"""Shapes from held-out set 13 generalised in session 18 (helper s18-gen): a share column of one
list's whole, a table column proportional to another, and a back-reference to an earlier
figure. Each wrong variant has a correct look-alike that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

OUTCOMES = """\
# Nightly evaluation sweep

Outcomes over the last thirty nightly runs:

- Jobs submitted: 18,000
- Finished on the first attempt: {first}
- Finished after one retry: {retry}
- Abandoned after three retries: {failed}

Abandoned jobs are re-queued by hand the next morning.
"""


def test_a_share_of_the_list_whole_that_the_other_items_contradict() -> None:
    text = OUTCOMES.format(first="16,920 (94 %)", retry="720 (4 %)", failed="360 (3.5 %)")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC102")
    assert "360 / 18,000 (line 5) = 2.0%" in message
    assert "the other 2 shares of the list are of Jobs submitted 18,000" in message


@pytest.mark.parametrize(
    ("first", "retry", "failed"),
    [
        ("16,920 (94 %)", "720 (4 %)", "360 (2 %)"),  # every share holds
        ("16,920 (94 %)", "720 (4 %)", "360 (2.0 %)"),
        ("16,920 (94 %)", "720 (67 %)", "360 (33 %)"),  # shares of two wholes: no one whole
        ("16,920 (94 %)", "720 (4 %)", "360 (3.5 % of retries)"),  # a share of another whole
        ("16,920", "720 (4 %)", "360 (3.5 %)"),  # one share agrees: too little to go on
    ],
)
def test_list_shares_that_agree_or_name_no_one_whole_are_silent(
    first: str, retry: str, failed: str
) -> None:
    assert findings(OUTCOMES.format(first=first, retry=retry, failed=failed)) == []


BACK = """\
# Reranker serving on H200

## Measurements

Decode of the 8B reranker reaches an MBU of {first} on one H200 in our load test.
The pool starts with 16 replicas behind one gateway.

## Headroom

{later}
"""


def test_a_figure_that_points_back_to_an_earlier_different_one() -> None:
    later = "At the 60 % MBU we assumed above, a replica clears the burst in time."
    [(line, code, message)] = findings(BACK.format(first="70 %", later=later))
    assert (line, code) == (10, "SPC302")
    assert "the MBU written on line 5, 70 % = 70%; stated 60 % MBU" in message


def test_a_count_that_points_back_to_an_earlier_different_one() -> None:
    later = "The 12 replicas we used earlier leave room for one region failing."
    [(line, code, message)] = findings(BACK.format(first="70 %", later=later))
    assert (line, code) == (10, "SPC302")
    assert "the replicas written on line 6, 16 replicas = 16; stated 12 replicas" in message


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("70 %", "At the 70 % MBU we assumed above, a replica clears the burst in time."),
        ("70 %", "At the same 70 % MBU, a replica clears the burst in time."),
        ("70 %", "At 60 % MBU, a replica still clears the burst in time."),  # no pointer
        ("70 %", "At 60 % MBU above the 50 % floor, a replica clears the burst."),  # compares
        ("70 %", "At a 60 % MBU, the 16 replicas we used earlier still clear the burst."),
        # two earlier values: the pointer may mean either
        ("70 % and an MBU of 55 % on one H100", "At the 55 % MBU we assumed above, it holds."),
    ],
)
def test_a_back_reference_that_agrees_or_has_no_one_earlier_value_is_silent(
    first: str, later: str
) -> None:
    assert findings(BACK.format(first=first, later=later)) == []


def test_a_time_before_or_a_heading_is_no_back_reference() -> None:
    text = BACK.format(
        first="70 %", later="Tokens of the 2 releases before (as noted) are kept for a week."
    )
    assert findings(text.replace("in our load test.", "in our load test, 4 releases ago.")) == []


CHECKPOINTS = """\
# Checkpoint writes to the parallel filesystem

| Model | Checkpoint size | {header} |
|---|---|---|
| 7B | 84 GB | 21 s |
| 13B | 156 GB | {second} |
| 34B | 408 GB | 102 s |
| 70B | 840 GB | {last} |
"""


def test_a_cell_off_the_constant_its_column_header_names() -> None:
    text = CHECKPOINTS.format(header="Write time at 4 GB/s", second="39 s", last="310 s")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC101")
    assert "840 GB (line 8) / 4 GB/s = 210 s; stated 310 s" in message
    assert "the other 3 rows of the table have" in message


@pytest.mark.parametrize(
    ("header", "second", "last"),
    [
        ("Write time at 4 GB/s", "39 s", "210 s"),  # every row holds
        ("Write time at 4 GB/s", "52 s", "310 s"),  # two rows off: the rows disagree
        ("Write time", "39 s", "310 s"),  # no constant in the header
        ("Write time at 4 GB/s", "39 s", "—"),  # two rows agree beside the one off: too few
    ],
)
def test_a_header_constant_the_rows_do_not_agree_on_is_silent(
    header: str, second: str, last: str
) -> None:
    assert findings(CHECKPOINTS.format(header=header, second=second, last=last)) == []


ENERGY = """\
# Energy of the nightly fine-tuning jobs

| Job | GPU-hours | Energy at 0.7 kW per GPU |
|---|---|---|
| Reranker | 120 | 84 kWh |
| Embedder | 300 | 210 kWh |
| Router | 45 | 31.5 kWh |
| Chat SFT | 2,000 | {energy} |
"""


@pytest.mark.parametrize(("energy", "wrong"), [("1,600 kWh", True), ("1,400 kWh", False)])
def test_a_column_times_its_header_constant(energy: str, wrong: bool) -> None:
    found = findings(ENERGY.format(energy=energy))
    assert [(line, code) for line, code, _ in found] == ([(8, "SPC101")] if wrong else [])


LEAD_IN = """\
# Support queue review

{lead_in}

- Closed by the first responder: 4,410 (63 %)
- Escalated to the model team: 2,240 (32 %)
- Reopened by the customer: 350 ({share})
"""


@pytest.mark.parametrize(
    ("lead_in", "share", "wrong"),
    [
        ("Of the 7,000 tickets opened in March:", "8 %", True),
        ("Of the 7,000 tickets opened in March:", "5 %", False),
        ("Of the 7,000 tickets opened in March, 12 came in twice:", "8 %", False),  # two figures
        ("The 7,000 tickets opened in March are summarised below.", "8 %", False),  # no lead-in
    ],
)
def test_a_share_of_a_whole_the_lead_in_states(lead_in: str, share: str, wrong: bool) -> None:
    found = findings(LEAD_IN.format(lead_in=lead_in, share=share))
    if wrong:
        [(line, code, message)] = found
        assert (line, code) == (7, "SPC102")
        assert "350 / 7,000 tickets (line 3) = 5%; stated 8 %" in message
    else:
        assert found == []
