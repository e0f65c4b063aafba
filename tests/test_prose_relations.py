"""Relations in prose (issue 10): scale suffixes, compound resource-time units, restatements in
parentheses, time to move a size at a rate, named references and changes between two figures.
Each class has wrong cases (exact line, code and message) and correct look-alikes that stay
silent."""

from __future__ import annotations

import pytest

from speclint import lint_text


def found(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in lint_text(text, "t.md")]


def fixes(text: str) -> list[str]:
    return [d.fix.replacement for d in lint_text(text, "t.md") if d.fix is not None]


# ---- decimal scale suffixes --------------------------------------------------------------------


def test_fractional_scale_suffix_is_decimal_only() -> None:
    text = "Block budget: 41.2M (attention) + 120.6M (MLP) + 8k (norms) = 171.8M per block.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC101")
    assert message.startswith("41.2M (attention) + 120.6M (MLP) + 8k (norms) = 161.8M;")
    assert fixes(text) == ["161.8"]


@pytest.mark.parametrize(
    "text",
    [
        "Block budget: 41.2M (attention) + 120.6M (MLP) + 8k (norms) = 161.8M per block.\n",
        # a whole-number suffix may still be the 1024-based size authors mean
        "The window holds 96K + 32K = 131,072 tokens.\n",
    ],
)
def test_scale_suffix_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []
