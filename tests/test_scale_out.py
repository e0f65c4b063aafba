"""The batch API runs on any ``concurrent.futures.Executor``, a Dask cluster's included, with
the same results as a local run."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from speclint.app.files import discover
from speclint.engine.lint import FileResult, lint_files

from .conftest import FIXTURES


def _outcome(results: list[FileResult]) -> list[tuple]:
    return [(r.path, r.diagnostics, dict(r.claims), r.error) for r in results]


@pytest.fixture(scope="module")
def folder() -> tuple[list[str], list[tuple]]:
    """The fixture files and their local results (one process)."""
    paths, _ = discover([str(FIXTURES)])
    return paths, _outcome(list(lint_files(paths, jobs=1)))


def test_any_executor_gives_the_local_results(folder) -> None:
    paths, local = folder
    assert any(diagnostics for _, diagnostics, _, _ in local)
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert _outcome(list(lint_files(paths, executor=pool))) == local


def test_a_local_dask_cluster_gives_the_local_results(folder) -> None:
    distributed = pytest.importorskip("distributed")
    paths, local = folder
    # Worker processes, as on a real cluster: two worker threads in this process would share
    # one GIL, and on a loaded machine the wall-clock caps on pathological input (the lexer's
    # 0.25 s) could then mark a block unchecked in one run and not the other.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        results = list(lint_files(paths, executor=client.get_executor()))
    assert _outcome(results) == local
