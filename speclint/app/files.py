"""Which files to lint: Markdown files below the given paths.

What a directory's configuration excludes or includes comes from a ``FileRules`` per directory
(``speclint.config.Config``); without one, the defaults below apply.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Directories never searched (explicitly named files are always linted).
EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)


class FileRules(Protocol):
    """What one directory's configuration says about the files in it."""

    @property
    def respect_gitignore(self) -> bool: ...

    @property
    def force_exclude(self) -> bool: ...

    @property
    def root(self) -> Path: ...

    def excludes(self, path: Path) -> bool: ...

    def includes(self, path: Path) -> bool: ...


class DefaultRules:
    """The rules of an unconfigured run of ``discover``."""

    respect_gitignore = False
    force_exclude = False
    root = Path("/")

    def excludes(self, path: Path) -> bool:
        return path.name in EXCLUDED_DIRS

    def includes(self, path: Path) -> bool:
        return path.suffix.lower() in MARKDOWN_SUFFIXES


def discover(
    paths: list[str], rules_in: Callable[[Path], FileRules] = lambda _: DefaultRules()
) -> tuple[list[str], list[str]]:
    """Expand ``paths`` into Markdown files (sorted); also return the paths that do not exist.

    ``rules_in(directory)`` gives the rules for the entries of a directory. Named files are
    linted whatever their name, unless their rules force excludes.
    """
    found: list[str] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            absolute = Path(os.path.abspath(path))
            rules = rules_in(absolute.parent)
            if not (rules.force_exclude and _excluded_with_parents(absolute, rules)):
                found.append(raw)
        elif path.is_dir():
            absolute = Path(os.path.abspath(path))
            rules = rules_in(absolute)
            if rules.force_exclude and _excluded_with_parents(absolute, rules):
                continue
            walked = sorted(_walk(path, rules_in))
            found.extend(str(p) for p in _drop_gitignored(path, walked, rules_in))
        else:
            missing.append(raw)
    return list(dict.fromkeys(found)), missing  # first occurrence of each, in order


def _excluded_with_parents(path: Path, rules: FileRules) -> bool:
    """Whether ``path`` or a directory above it, up to the rules' root, is excluded."""
    for candidate in (path, *path.parents):
        if candidate != path and not candidate.is_relative_to(rules.root):
            break
        if rules.excludes(candidate):
            return True
    return False


def _walk(root: Path, rules_in: Callable[[Path], FileRules]) -> Iterator[Path]:
    """The included regular files below ``root``. Symbolic links are never followed (as ruff
    does not), neither to files nor to directories: a link could lead out of the tree."""
    rules = rules_in(Path(os.path.abspath(root)))
    for child in root.iterdir():
        absolute = Path(os.path.abspath(child))
        if child.is_symlink() or rules.excludes(absolute):
            continue
        if child.is_dir():
            yield from _walk(child, rules_in)
        elif rules.includes(absolute) and child.is_file():
            yield child


def _drop_gitignored(
    root: Path, files: list[Path], rules_in: Callable[[Path], FileRules]
) -> list[Path]:
    """``files`` without those git ignores, where their configuration respects .gitignore."""
    candidates = [f for f in files if rules_in(Path(os.path.abspath(f.parent))).respect_gitignore]
    if not candidates:
        return files
    ignored = gitignored(root, candidates)
    return [f for f in files if f not in ignored]


def gitignored(root: Path, files: list[Path]) -> set[Path]:
    """Which of ``files`` (below directory ``root``) git ignores; none outside a repository or
    without git."""
    names = "".join(f"{os.path.abspath(f)}\0" for f in files)
    try:
        result = subprocess.run(
            ["git", "check-ignore", "-z", "--stdin"],
            input=names,
            capture_output=True,
            text=True,
            cwd=root,
            check=False,
        )
    except OSError:
        return set()
    if result.returncode not in (0, 1):
        return set()
    out = {Path(p) for p in result.stdout.split("\0") if p}
    return {f for f in files if Path(os.path.abspath(f)) in out}
