"""The result cache: a second run is served from it, any change misses, a corrupt entry is
recomputed, ``--no-cache`` and ``speclint clean`` work, and results never differ."""

from __future__ import annotations

import json
from collections import Counter
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


def _packs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "c").rglob("*.json"))


def _entries(tmp_path: Path) -> dict[str, dict]:
    """Every entry of every pack, by key (a later pack's over an earlier one's)."""
    entries: dict[str, dict] = {}
    for pack in _packs(tmp_path):
        entries.update(json.loads(pack.read_text())["entries"])
    return entries


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
    assert len(_entries(tmp_path)) == len(_packs(tmp_path)) == 1


def test_a_changed_file_or_setting_misses(cli, tmp_path: Path, analyses) -> None:
    (tmp_path / "doc.md").write_text(DOC)
    _check(cli, tmp_path)
    (tmp_path / "doc.md").write_text(DOC.replace("30", "32"))
    assert _check(cli, tmp_path) == (0, "[]\n")
    _check(cli, tmp_path, "--ignore", "SPC102")
    assert analyses == ["doc.md"] * 3
    assert len(_entries(tmp_path)) == 3


def _whole(text: str):  # type: ignore[no-untyped-def]
    return lambda pack: text


def _entry(change):  # type: ignore[no-untyped-def]
    """A pack whose one entry is replaced by ``change(entry)``."""

    def corrupt(pack: dict) -> str:
        [(key, entry)] = pack["entries"].items()
        return json.dumps({**pack, "entries": {key: change(entry)}})

    return corrupt


@pytest.mark.parametrize(
    "corrupt",
    [
        _whole("{not json"),
        _whole(""),
        _whole("[1, 2]"),
        lambda pack: json.dumps({**pack, "format": 1}),
        lambda pack: json.dumps({**pack, "entries": [1, 2]}),
        _entry(lambda entry: {**entry, "key": "0" * 64}),
        _entry(lambda entry: {**entry, "claims": {"consistent": "1"}}),
        _entry(lambda entry: {**entry, "warning": 3}),
        _entry(lambda entry: {k: v for k, v in entry.items() if k != "warning"}),
        _entry(lambda entry: {**entry, "diagnostics": [{**entry["diagnostics"][0], "line": "3"}]}),
        _entry(
            lambda entry: {**entry, "diagnostics": [{**entry["diagnostics"][0], "severity": "x"}]}
        ),
        _entry(lambda entry: {**entry, "diagnostics": [{"code": "SPC101"}]}),
        _entry(lambda entry: [1, 2]),
        _entry(lambda entry: None),
    ],
)
def test_a_corrupt_pack_or_entry_is_ignored_and_recomputed(cli, tmp_path, analyses, corrupt):
    (tmp_path / "doc.md").write_text(DOC)
    first = _check(cli, tmp_path)
    [pack] = _packs(tmp_path)
    pack.write_text(corrupt(json.loads(pack.read_text())))
    assert _check(cli, tmp_path) == first
    assert analyses == ["doc.md"] * 2
    assert _check(cli, tmp_path) == first  # the recomputed result was stored again
    assert analyses == ["doc.md"] * 2


def test_a_hit_keeps_the_reading_warning_and_decodes_no_clean_file(
    cli, tmp_path: Path, analyses, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "doc.md").write_bytes(b"# Notes\n\nCaf\xe9 prose on 2 nodes, no claim.\n")
    first = cli(["check", "doc.md", "--cache-dir", "c"], cwd=tmp_path)
    assert "doc.md: not valid UTF-8 (invalid continuation byte at byte 12)" in first[2]
    decoded: list[str] = []
    real = speclint.engine.lint.decode_markdown

    def counting(data: bytes, path: str) -> tuple[str, str | None]:
        decoded.append(path)
        return real(data, path)

    monkeypatch.setattr(speclint.engine.lint, "decode_markdown", counting)
    assert cli(["check", "doc.md", "--cache-dir", "c"], cwd=tmp_path) == first
    assert analyses == ["doc.md"] and decoded == []


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
    dropped = sorted(_entries(tmp_path))[::2]  # 20 misses, scattered (keys are hashes)
    for pack in _packs(tmp_path):
        entries = json.loads(pack.read_text())["entries"]
        kept = {key: entry for key, entry in entries.items() if key not in dropped}
        pack.write_text(json.dumps({"format": cache.FORMAT, "entries": kept}))
    assert len(_entries(tmp_path)) == 20
    analyses.clear()
    assert cli(args, cwd=tmp_path) == expected
    assert analyses == []  # linted by the pool's processes, not here
    assert len(_entries(tmp_path)) == 40  # and stored here, from their results
    analyses.clear()
    assert cli(args, cwd=tmp_path) == expected
    assert analyses == []


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


RESULT = speclint.engine.lint.CachedResult([], Counter(consistent=1))


def _one_entry(directory: Path, n: int) -> tuple[cache.Cache, str]:
    """A cache on ``directory`` holding, unflushed, an entry in shard ``a``."""
    store = cache.Cache(directory, "environment")
    key = f"a{n:063x}"
    store.put(key, RESULT)
    return store, key


def test_a_shard_with_too_many_packs_is_merged_and_keeps_every_entry(tmp_path: Path) -> None:
    keys = []
    for n in range(3 * cache.MAX_PACKS):  # one run after another, each writing one pack
        store, key = _one_entry(tmp_path / "c", n)
        store.flush()
        keys.append(key)
        assert len(_packs(tmp_path)) <= cache.MAX_PACKS
    reader = cache.Cache(tmp_path / "c", "environment")
    assert [reader.get(key) for key in keys] == [RESULT] * len(keys)


def test_concurrent_runs_keep_each_others_packs(tmp_path: Path) -> None:
    stores = [_one_entry(tmp_path / "c", n) for n in range(2 * cache.MAX_PACKS)]
    for store, key in stores:
        store.get(key)  # every run reads the shard (empty) before any writes to it
    for store, _ in stores:
        store.flush()
    assert len(_packs(tmp_path)) == len(stores)  # each run saw too few packs to merge
    first, second = _one_entry(tmp_path / "c", 98), _one_entry(tmp_path / "c", 99)
    first[0].get(first[1])  # reads the packs, then ``second`` merges them away under it
    second[0].flush()
    assert len(_packs(tmp_path)) == 1
    first[0].flush()  # merges too, removing only packs it read: ``second``'s stays
    assert len(_packs(tmp_path)) == 2
    reader = cache.Cache(tmp_path / "c", "environment")
    every = [*stores, first, second]
    assert [reader.get(key) for _, key in every] == [RESULT] * len(every)


def test_an_executor_run_is_cached_by_the_caller(tmp_path: Path, analyses) -> None:
    from concurrent.futures import ThreadPoolExecutor

    _many(tmp_path)
    paths = sorted(str(p) for p in (tmp_path / "docs").glob("*.md"))
    store = cache.Cache.open(tmp_path / "c", [])
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = [
            r.diagnostics
            for r in speclint.engine.lint.lint_files(paths, cache=store, executor=pool)
        ]
    assert len(analyses) == 20 and len(_entries(tmp_path)) == 20
    analyses.clear()
    again = cache.Cache.open(tmp_path / "c", [])
    with ThreadPoolExecutor(max_workers=2) as pool:
        second = [
            r.diagnostics
            for r in speclint.engine.lint.lint_files(paths, cache=again, executor=pool)
        ]
    assert (second, analyses) == (first, [])


def test_an_edited_data_file_misses() -> None:
    """The code fingerprint covers the data the code reads (units, hardware, vocabulary): an
    edited ``statements.toml`` in an editable install must not reuse results of the old one."""
    stamped = {Path(path).name: (size, mtime) for path, size, mtime in cache.code_fingerprint()}
    data = Path(speclint.engine.lint.__file__).parents[1] / "data"
    for name in ("statements.toml", "units.toml", "facts.toml"):
        stat = (data / name).stat()
        assert stamped[name] == (stat.st_size, stat.st_mtime_ns)
    assert "cache.py" in stamped
