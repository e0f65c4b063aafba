"""Shapes of held-out misses (sets 3, 7, 8, 9): an amount said to fit on fewer devices than
hold it, and more. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

FIT = """\
# Memory plan for the 72B assistant

- Weights in BF16 are 145.4 GB; KV for 16 sequences at 8k tokens adds 42.9 GB.
- Weights plus the KV of 16 sequences (188.3 GB) {verb} {devices}.
"""


def test_an_amount_said_to_fit_on_fewer_devices_than_hold_it_is_reported() -> None:
    [(line, code, message)] = findings(FIT.format(verb="also fits on", devices="2× H100 80 GB"))
    assert (line, code) == (4, "SPC502")
    assert message == (
        "2 × H100 80 GB hold 2 × 80 GB (as written) = 160 GB; stated 188.3 GB is 1.18× that "
        "and cannot fit"
    )


def test_the_catalog_memory_is_used_when_the_text_gives_none() -> None:
    [(line, code, message)] = findings(FIT.format(verb="fits on", devices="a single L40S"))
    assert (line, code) == (4, "SPC502")
    assert message == (
        "1 × L40S holds 1 × 48 GB (catalog) = 48 GB; stated 188.3 GB is 3.92× that and cannot fit"
    )
    assert findings(FIT.format(verb="fits on", devices="one MI300X")) == []  # 192 GB each


def test_an_amount_that_fits_or_is_said_not_to_is_silent() -> None:
    assert findings(FIT.format(verb="also fits on", devices="4× H100 80 GB")) == []
    assert findings(FIT.format(verb="does not fit on", devices="2× H100 80 GB")) == []
    assert findings(FIT.format(verb="would fit on", devices="2× H100 80 GB")) == []
