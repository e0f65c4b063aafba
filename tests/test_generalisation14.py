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


CACHE = """\
# Prefix cache sizing

Cached prefixes: 4,096 prompts × 65,536 B = 268.4 MB in host memory.

Rounded for the allocator, the cache is {restated} of pinned pages.
"""


def test_a_computed_figure_restated_with_the_other_prefix_is_the_gb_gib_slip() -> None:
    [(line, code, message)] = findings(CACHE.format(restated="268.4 MiB"))
    assert (line, code) == (5, "SPC202")
    assert message.startswith("268.4 MB (line 3) = 256.0 MiB; stated 268.4 MiB matches only")


def test_a_computed_figure_restated_in_its_own_unit_is_silent() -> None:
    assert findings(CACHE.format(restated="268.4 MB")) == []
    assert findings(CACHE.format(restated="256.0 MiB")) == []
