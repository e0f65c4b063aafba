"""``speclint check --watch``: a subprocess that checks, then checks a file again when it
changes; without watchfiles the flag says how to install it."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

from speclint.app.cli import main
from speclint.app.watch import changed_files, watch_roots

TIMEOUT = 60
RIGHT = "# Plan\n\nThe cluster has 8 × 80 GB = 640 GB of memory.\n"
WRONG = "# Plan\n\nThe cluster has 8 × 80 GB = 600 GB of memory.\n"


def lines_of(stream: IO[bytes]) -> queue.Queue[str]:
    """The lines of ``stream`` as they come, read by a thread."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for raw in iter(stream.readline, b""):
            lines.put(raw.decode("utf-8").rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines


def seen_within(lines: queue.Queue[str], last: str, seconds: float) -> list[str]:
    """The lines up to ``last``, or those that came within ``seconds`` if it did not."""
    seen: list[str] = []
    while not seen or seen[-1] != last:
        try:
            seen.append(lines.get(timeout=seconds))
        except queue.Empty:
            break
    return seen


def until(lines: queue.Queue[str], last: str) -> list[str]:
    """The lines up to and including ``last`` (each within ``TIMEOUT`` seconds)."""
    seen: list[str] = []
    while not seen or seen[-1] != last:
        seen.append(lines.get(timeout=TIMEOUT))
    return seen


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    pytest.importorskip("watchfiles")
    plan = tmp_path / "plan.md"
    plan.write_text(RIGHT, encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from speclint.app.cli import main; raise SystemExit(main())",
            "check",
            "--watch",
            "--no-cache",
            ".",
        ],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None and process.stderr is not None
        out, err = lines_of(process.stdout), lines_of(process.stderr)
        assert until(out, "All checks passed!") == ["All checks passed!"]
        watching = "speclint: watching for changes (Ctrl-C to stop)"
        assert until(err, watching) == [watching]
        # The watcher may arm just after it says so: write again until it sees the change.
        changed = "speclint: changed: plan.md; checking again"
        for _ in range(TIMEOUT):
            plan.write_text(WRONG, encoding="utf-8")
            if changed in seen_within(err, changed, seconds=1):
                break
        else:
            pytest.fail("the change was never seen")
        assert until(out, "Found 1 problem (1 error).") == [
            "plan.md:3:29: SPC101 [arithmetic] 8 × 80 GB = 640,000,000,000 B = 640 GB (596 GiB); "
            "stated 600 GB is 6.3% too small, outside its stated precision [570, 630]",
            "  |",
            "3 | The cluster has 8 × 80 GB = 600 GB of memory.",
            "  |                             ^^^ error",
            "  = suggestion (safe): replace '600' with '640'",
            "",
            "Found 1 problem (1 error).",
        ]
        process.send_signal(signal.SIGINT)  # Ctrl-C ends the watch quietly
        assert process.wait(timeout=TIMEOUT) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=TIMEOUT)


def test_without_watchfiles_the_flag_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # import watchfiles raises ImportError
    (tmp_path / "plan.md").write_text(RIGHT, encoding="utf-8")
    assert main(["check", "--watch", str(tmp_path)]) == 2
    assert capsys.readouterr() == (
        "",
        "speclint: error: --watch needs watchfiles: pip install 'speclint[watch]'\n",
    )


def test_watch_is_not_for_stdin_or_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--watch", "--fix", "."]) == 2
    assert capsys.readouterr().err == "speclint: error: --watch cannot be used with --fix\n"
    assert main(["check", "--watch", "-"]) == 2
    assert capsys.readouterr().err == "speclint: error: --watch cannot be used with '-'\n"


def test_what_is_watched_and_what_counts_as_changed(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    doc = tmp_path / "docs" / "a.md"
    doc.write_text(RIGHT, encoding="utf-8")
    assert watch_roots([str(doc), str(tmp_path / "docs"), "!x", "-", str(tmp_path / "no")]) == [
        str(tmp_path / "docs")
    ]
    other = str(tmp_path / "docs" / "b.md")
    assert changed_files({(2, str(doc)), (2, other)}, [str(doc)]) == [str(doc)]
    assert changed_files({(2, str(tmp_path / "notes.txt"))}, [str(doc)]) == []
    assert changed_files({(2, str(tmp_path / "speclint.toml"))}, [str(doc)]) is None
