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
