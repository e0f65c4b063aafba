"""Shapes found on held-out set 12's misses in session 17. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

WIRE = """\
# Ingest gateway

Each gateway takes 40,000 requests/s of 2,500 B each.

Ingress per gateway is 40,000 × 2,500 B = 100 MB/s, which is about {gbps} Gbps on the NIC.
"""


def test_a_byte_rate_restated_in_bits_after_which_is_is_checked() -> None:
    [(line, code, message)] = findings(WIRE.format(gbps="0.1"))
    assert (line, code) == (5, "SPC203")
    assert (
        message == "100 MB/s = 0.8 Gbps; stated 0.1 Gbps matches only with bits and bytes (8× off)"
    )


@pytest.mark.parametrize("gbps", ["0.8", "0.81"])
def test_a_byte_rate_restated_rightly_in_bits_is_silent(gbps: str) -> None:
    assert findings(WIRE.format(gbps=gbps)) == []
