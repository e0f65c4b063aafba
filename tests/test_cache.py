"""The result cache: a second run is served from it, any change misses, a corrupt entry is
recomputed, ``--no-cache`` and ``speclint clean`` work, and results never differ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import speclint.engine.lint
from speclint.app import cache

from .conftest import FIXTURES, REPO

DOC = "# Plan\n\nWe run 8 GPUs × 4 nodes = 30 GPUs.\n"
FIXTURE_DIRS = sorted({p.parent for p in FIXTURES.rglob("*.md")})


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths analysed (not served from the cache) from now on."""
    seen: list[str] = []
    real = speclint.engine.lint._analyze

    def counting(source: str, path: str, settings):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(source, path, settings)

    monkeypatch.setattr(speclint.engine.lint, "_analyze", counting)
    return seen


def _check(cli, tmp_path: Path, *extra: str) -> tuple[int, str]:
    code, out, _ = cli(
        ["check", "doc.md", "--format", "json", "--cache-dir", "c", *extra], cwd=tmp_path
    )
    return code, out


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "c").rglob("*.json"))


def test_second_run_is_served_from_the_cache(cli, tmp_path: Path, analyses) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    first = _check(cli, tmp_path)
    assert analyses == ["doc.md"]
    assert first[0] == 1 and json.loads(first[1])[0]["code"] == "SPC101"
    assert _check(cli, tmp_path) == first
    assert analyses == ["doc.md"]
    assert (
        (tmp_path / "c" / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (tmp_path / "c" / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(_entries(tmp_path)) == 1


def test_a_changed_file_or_setting_misses(cli, tmp_path: Path, analyses) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    _check(cli, tmp_path)
    (tmp_path / "doc.md").write_text(DOC.replace("30", "32"))
    assert _check(cli, tmp_path) == (0, "[]\n")
    _check(cli, tmp_path, "--ignore", "SPC102")
    assert analyses == ["doc.md"] * 3
    assert len(_entries(tmp_path)) == 3


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda entry: "{not json",
        lambda entry: "",
        lambda entry: json.dumps({**entry, "key": "0" * 64}),
        lambda entry: json.dumps({**entry, "claims": {"consistent": "1"}}),
        lambda entry: json.dumps(
            {**entry, "diagnostics": [{**entry["diagnostics"][0], "line": "3"}]}
        ),
        lambda entry: json.dumps(
            {**entry, "diagnostics": [{**entry["diagnostics"][0], "severity": "fatal"}]}
        ),
        lambda entry: json.dumps({**entry, "diagnostics": [{"code": "SPC101"}]}),
        lambda entry: json.dumps([1, 2]),
    ],
)
def test_a_corrupt_entry_is_ignored_and_recomputed(cli, tmp_path: Path, analyses, corrupt):
    (tmp_path / "doc.md").write_text(DOC)
    first = _check(cli, tmp_path)
    [entry] = _entries(tmp_path)
    entry.write_text(corrupt(json.loads(entry.read_text())))
    assert _check(cli, tmp_path) == first
    assert analyses == ["doc.md"] * 2
    assert _check(cli, tmp_path) == first  # the recomputed result was stored again
    assert analyses == ["doc.md"] * 2


def test_no_cache_neither_reads_nor_writes(cli, tmp_path: Path, analyses) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    _check(cli, tmp_path, "--no-cache")
    assert not (tmp_path / "c").exists()
    _check(cli, tmp_path)
    _check(cli, tmp_path, "--no-cache")
    assert analyses == ["doc.md"] * 3


def test_clean_removes_only_a_speclint_cache(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    _check(cli, tmp_path)
    assert cli(["clean", "--cache-dir", "c"], cwd=tmp_path)[::2] == (0, "removed c\n")
    assert not (tmp_path / "c").exists()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep").write_text("")
    assert cli(["clean", "--cache-dir", "other"], cwd=tmp_path)[::2] == (
        0,
        "no speclint cache at other\n",
    )
    assert (tmp_path / "other" / "keep").exists()


def test_default_directory_is_here(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(cache.ENVIRONMENT_VARIABLE)
    (tmp_path / "doc.md").write_text(DOC)
    cli(["check", "doc.md"], cwd=tmp_path)
    assert (tmp_path / ".speclint_cache" / "CACHEDIR.TAG").is_file()
    assert cli(["clean"], cwd=tmp_path)[0] == 0
    assert not (tmp_path / ".speclint_cache").exists()


@pytest.mark.parametrize("fixture_dir", FIXTURE_DIRS, ids=lambda p: p.name)
def test_results_are_identical_with_and_without_the_cache(cli, fixture_dir: Path, analyses) -> None:
    args = ["check", str(fixture_dir.relative_to(REPO)), "--format", "json"]
    uncached = cli([*args, "--no-cache"])
    assert cli(args) == uncached  # cold: writes the cache
    analysed = len(analyses)
    assert cli(args) == uncached  # warm: served from it
    assert len(analyses) == analysed > 0


def test_jobs_must_be_a_positive_integer(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    for bad in ("0", "-1", "two"):
        code, out, err = cli(["check", "doc.md", "--jobs", bad], cwd=tmp_path)
        assert (code, out) == (2, "")
        assert f"expected a positive integer, got {bad!r}" in err
    assert cli(["check", "doc.md", "-j", "2", "--format", "json"], cwd=tmp_path)[0] == 1


def _many(tmp_path: Path, count: int = 20) -> list[str]:
    """``count`` documents in ``docs/``, one claim wrong in each odd one."""
    (tmp_path / "docs").mkdir()
    for i in range(count):
        wrong = "31" if i % 2 else "32"
        (tmp_path / "docs" / f"d{i:02}.md").write_text(DOC.replace("30", wrong))
    return ["check", "docs", "--format", "json", "--cache-dir", "c", "--jobs", "2"]


@pytest.fixture
def no_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting a process pool fails from now on."""
    import concurrent.futures

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)


def test_a_warm_run_starts_no_pool(cli, tmp_path: Path, request) -> None:
    args = _many(tmp_path)
    cold = cli(args, cwd=tmp_path)
    assert cold[0] == 1 and len(json.loads(cold[1])) == 10
    request.getfixturevalue("no_pool")
    assert cli(args, cwd=tmp_path) == cold


def test_fewer_misses_than_a_batch_are_linted_here(cli, tmp_path: Path, analyses, no_pool) -> None:
    args = _many(tmp_path)
    cli([*args, "--jobs", "1"], cwd=tmp_path)
    assert len(analyses) == 20
    for name in ("d03.md", "d04.md"):
        path = tmp_path / "docs" / name
        path.write_text(path.read_text() + "\n")
    expected = cli([*args, "--no-cache", "--jobs", "1"], cwd=tmp_path)
    analyses.clear()
    assert cli(args, cwd=tmp_path) == expected
    assert analyses == ["docs/d03.md", "docs/d04.md"]


def test_hits_and_misses_keep_the_order(cli, tmp_path: Path, analyses) -> None:
    """Hits are answered here, misses (a batch or more) by the pool, in the input order."""
    args = _many(tmp_path, 40)
    expected = cli([*args, "--no-cache"], cwd=tmp_path)
    cli([*args, "--jobs", "1"], cwd=tmp_path)
    for entry in _entries(tmp_path)[::2]:
        entry.unlink()  # 20 misses, scattered over the files (entries are named by hash)
    analyses.clear()
    assert cli(args, cwd=tmp_path) == expected
    assert analyses == []  # linted by the pool's processes, not here
    assert len(_entries(tmp_path)) == 40


def test_settings_are_hashed_once_per_configuration(cli, tmp_path: Path, monkeypatch) -> None:
    from speclint.settings import Settings

    hashed: list[Settings] = []
    real = cache.canonical

    def counting(value):  # type: ignore[no-untyped-def]
        if isinstance(value, Settings):
            hashed.append(value)
        return real(value)

    monkeypatch.setattr(cache, "canonical", counting)
    args = _many(tmp_path)
    cli(args, cwd=tmp_path)
    cli(args, cwd=tmp_path)
    assert len(hashed) == 2  # once per run, not once per file
