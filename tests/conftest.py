"""Shared helpers: the repository layout, an in-process CLI runner, golden-file updating."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
#: The shared material (corpus, evaluation set) beside the repository (``../shared``), looked
#: for above a worktree too; tests that need it skip when it is absent.
SHARED = next((p / "shared" for p in REPO.parents if (p / "shared").is_dir()), REPO / "shared")

CliRunner = Callable[..., tuple[int, str, str]]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite fixtures/*/expected.json and claims.json from the current output",
    )
    parser.addoption("--run-ci", action="store_true", help="run the tests marked ci here too")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``ci`` (a minute or more each) run in CI (``CI`` set, as ``.ci/run`` is
    run) or with ``--run-ci``; elsewhere they are skipped."""
    if os.environ.get("CI") or config.getoption("--run-ci"):
        return
    skip = pytest.mark.skip(reason="slow end-to-end check: runs in CI or with --run-ci")
    for item in items:
        if item.get_closest_marker("ci") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test has its own result cache, so no test is served another's results."""
    monkeypatch.setenv("SPECLINT_CACHE_DIR", str(tmp_path_factory.mktemp("speclint_cache")))


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``speclint`` in-process from the repository root: (exit code, stdout, stderr)."""
    from speclint.app.quick import main

    def run(args: list[str], stdin: str | None = None, cwd: Path = REPO) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main(args)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def findings(text: str) -> list[tuple[int, str, str]]:
    """(line, code, message) of every error and warning speclint reports on ``text``."""
    from speclint import lint_text

    return [
        (d.line, d.code, d.message)
        for d in lint_text(text, "t.md")
        if d.severity in ("error", "warning")
    ]
