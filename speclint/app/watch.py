"""``speclint check --watch``: check, then check again each Markdown file that changes (and
everything when a configuration file changes), until interrupted. File events come from
watchfiles (the ``watch`` extra)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from speclint.app.files import is_glob

INSTALL_HINT = "--watch needs watchfiles: pip install 'speclint[watch]'"
#: A change to one of these re-checks every file (settings may have changed).
CONFIG_NAMES = frozenset(("pyproject.toml", "speclint.toml", ".speclint.toml"))
#: Milliseconds watchfiles waits for more changes before reporting a batch.
DEBOUNCE_MS = 300
#: Milliseconds of quiet after which watchfiles reports an empty batch (the first one says
#: the watcher is running).
STARTUP_MS = 500

#: Checks the named files (``None``: every path of the command line) and reports them.
Check = Callable[[list[str] | None], object]


def watch_roots(paths: Iterable[str]) -> list[str]:
    """The directories to watch for ``paths`` (files, directories and globs of the command
    line): a directory itself, a file's directory (editors often save by replacing the file),
    the current directory for a glob. ``!`` exclusions and missing paths add nothing."""
    roots: list[str] = []
    for raw in paths:
        if raw.startswith("!") or raw == "-":
            continue
        if is_glob(raw):
            root = "."
        elif os.path.isdir(raw):
            root = raw
        elif os.path.exists(raw):
            root = os.path.dirname(raw) or "."
        else:
            continue
        roots.append(os.path.abspath(root))
    return list(dict.fromkeys(roots))


def changed_files(changes: Iterable[tuple[Any, str]], files: list[str]) -> list[str] | None:
    """Of the files the command line selects, those ``changes`` touched, in their order;
    ``None`` when a configuration file changed (so every file is checked again)."""
    touched = {os.path.realpath(path) for _, path in changes}
    if any(os.path.basename(path) in CONFIG_NAMES for path in touched):
        return None
    return [f for f in files if os.path.realpath(f) in touched]


def run_watch(
    paths: list[str],
    check: Check,
    files: Callable[[], list[str]],
    err: TextIO | None = None,
) -> int:
    """Check every path, then each changed file as it changes, until interrupted (exit 0);
    2 when watchfiles is not installed. ``files()`` gives the files the command line selects
    now (a new file below a watched directory is picked up)."""
    err = err or sys.stderr
    try:
        from watchfiles import watch
    except ImportError:
        print(f"speclint: error: {INSTALL_HINT}", file=err)
        return 2
    roots = watch_roots(paths)
    if not roots:
        print("speclint: error: --watch: nothing to watch", file=err)
        return 2
    started = False
    try:
        # The first (empty) batch comes once the watcher runs: the first check is made then,
        # so no change made during it or after it is missed.
        for changes in watch(
            *roots, debounce=DEBOUNCE_MS, rust_timeout=STARTUP_MS, yield_on_timeout=True
        ):
            if not started:
                started = True
                check(None)
                _flush()
                print("speclint: watching for changes (Ctrl-C to stop)", file=err, flush=True)
                continue
            if not changes:
                continue
            changed = changed_files(changes, files())
            if changed == []:
                continue
            what = "configuration" if changed is None else ", ".join(changed)
            print(f"speclint: changed: {what}; checking again", file=err, flush=True)
            check(changed)
            _flush()
    except KeyboardInterrupt:
        pass
    return 0


def _flush() -> None:
    sys.stdout.flush()
