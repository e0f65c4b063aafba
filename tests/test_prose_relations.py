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


# ---- resource-time units -----------------------------------------------------------------------


def test_gpu_seconds_restated_in_gpu_hours() -> None:
    text = "Eval sweep: 3.6e18 / 200e12 ≈ 1.8e4 GPU-seconds ≈ 50 GPU-hours in total.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC201")
    assert message == ("1.8e4 GPU-seconds = 5 GPU-hours; stated 50 GPU-hours is 10× too large")
    assert fixes(text) == ["5"]


def test_replica_hours_times_stated_parallel_degrees() -> None:
    text = "The backfill is 700 replica-hours, i.e. 1,400 GPU-hours at TP=4 × PP=2.\n"
    [(line, code, message)] = found(text)
    assert (line, code) == (1, "SPC201")
    assert message == (
        "700 replica-hours × 4 (TP=4) × 2 (PP=2) = 5,600 GPU-hours; "
        "stated 1,400 GPU-hours is 4× too small"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Eval sweep: 3.6e18 / 200e12 ≈ 1.8e4 GPU-seconds ≈ 5 GPU-hours in total.\n",
        "The backfill is 700 replica-hours, i.e. 5,600 GPU-hours at TP=4 × PP=2.\n",
        "The backfill is 700 replica-hours, i.e. 2,800 GPU-hours at TP=4.\n",
        # no stated degree: GPUs per replica unknown, so nothing is compared
        "The backfill is 700 replica-hours, i.e. 2,800 GPU-hours.\n",
        # GPU-hours and wall-clock hours count different things
        "The job takes 120 GPU-hours, i.e. 15 hours on one node.\n",
        "Training used 256 GPUs × 264 hours = 67,584 GPU-hours.\n",
    ],
)
def test_resource_time_lookalikes_stay_silent(text: str) -> None:
    assert found(text) == []
