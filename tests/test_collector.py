"""The garbage collector is tuned for a run: the program and each local worker collect less
often, and what lives until the process ends is kept out of later collections."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

from speclint.app.quick import run
from speclint.engine import collector
from speclint.engine.lint import _start_worker

from .conftest import FIXTURES

SEED = FIXTURES / "seed" / "parallel-strategy-deployment.md"


@pytest.fixture
def restored() -> Iterator[None]:
    """The collector as it was before the test."""
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_the_program_tunes_the_collector_and_keeps_what_the_run_made(
    restored: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["speclint", "check", "--no-cache", str(SEED)])
    gc.unfreeze()
    assert run() == 1
    assert "Found 7 problems" in capsys.readouterr().out
    assert gc.get_threshold() == collector.THRESHOLDS
    assert gc.get_freeze_count() > 0


def _worker_state() -> tuple[tuple[int, int, int], int, bool]:
    return gc.get_threshold(), gc.get_freeze_count(), "speclint.judgement.analysis" in sys.modules


def test_a_local_worker_starts_with_the_linter_imported_and_kept_out_of_collections() -> None:
    with ProcessPoolExecutor(1, initializer=_start_worker) as pool:
        threshold, frozen, imported = pool.submit(_worker_state).result()
    assert threshold == collector.THRESHOLDS
    assert imported
    assert frozen > 10_000
