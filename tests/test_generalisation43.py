"""Shapes the lead found in session 35. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

from speclint import lint_text

from .conftest import findings

POOL = """\
# Worker pool sizing

The queue peaks at 1,200 jobs per minute and one worker drains 64 jobs per minute, so the
pool needs ceil(1200 / 64) = {workers} workers. Each pod sustains about 4.5 req/s, and the
peak of 105 req/s needs ⌈105 / 4.5⌉ = {pods} pods.

$$
\\text{{shards}} = \\left\\lfloor \\frac{{1000}}{{64}} \\right\\rfloor = {shards}
$$
"""


def test_a_rounding_up_or_down_is_evaluated() -> None:
    assert findings(POOL.format(workers=19, pods=24, shards=15)) == []
    [(line, code, message)] = findings(POOL.format(workers=18, pods=24, shards=15))
    assert (line, code) == (4, "SPC101")
    assert "ceil(1200 / 64) = 19" in message
    # 105 / 4.5 is 23.3 (23.1 to 23.6 at the precision of 4.5): 24 pods, never 23.
    [(line, code, message)] = findings(POOL.format(workers=19, pods=23, shards=15))
    assert (line, code) == (5, "SPC101")
    assert "= 24" in message
    [(line, code, message)] = findings(POOL.format(workers=19, pods=24, shards=16))
    assert (line, code) == (8, "SPC101")
    assert "= 15" in message


def test_a_rounding_fix_writes_the_whole_number() -> None:
    [diagnostic] = [d for d in lint_text(POOL.format(workers=18, pods=24, shards=15), "t.md")]
    assert diagnostic.fix is not None
    assert diagnostic.fix.replacement == "19"


ROUNDED_QUANTITY = """\
# Notes

Blocks are allocated whole: ceil(1.5 GB) = {blocks} GB, and a batch holds ceil(n / 8) = 3
pages where n is the request count.
"""


def test_a_rounding_of_a_quantity_with_a_unit_or_a_name_is_not_evaluated() -> None:
    # Rounding 1.5 GB up gives 2 GB but 1,500 MB: the unit decides, so nothing is claimed.
    assert findings(ROUNDED_QUANTITY.format(blocks=2)) == []
    assert findings(ROUNDED_QUANTITY.format(blocks=3)) == []
