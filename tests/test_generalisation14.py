"""Shapes found on an eighth held-out set, all misses: a price written without the unit it is
per, and figures restated in the wrong scope or unit. Each wrong shape has a correct look-alike
that stays silent."""

from __future__ import annotations

from .conftest import findings

TRANSFER = """\
# Moving the archive

The archive is 12,000 GB of parquet.

- Download from the old provider (billed at $0.05/GB): 12,000 GB × $0.05 = {fee}.
"""


def test_a_price_that_dropped_its_per_unit_is_read_per_the_other_operand() -> None:
    [(line, code, message)] = findings(TRANSFER.format(fee="$60"))
    assert (line, code) == (5, "SPC101")
    assert message == (
        "12,000 GB × $0.05 = $600; stated $60 is 10× too small (the price is read per GB)"
    )


def test_a_price_per_unit_that_adds_up_is_silent() -> None:
    assert findings(TRANSFER.format(fee="$600")) == []
