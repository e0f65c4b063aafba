"""Which files to lint: Markdown files below the given paths."""

from __future__ import annotations

from pathlib import Path

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


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Expand ``paths`` into Markdown files (sorted); also return the paths that do not exist."""
    found: list[str] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            found.append(raw)
        elif path.is_dir():
            found.extend(str(p) for p in sorted(_walk(path)))
        else:
            missing.append(raw)
    seen: set[str] = set()
    unique = [p for p in found if not (p in seen or seen.add(p))]
    return unique, missing


def _walk(root: Path):
    for child in root.iterdir():
        if child.is_dir():
            if child.name not in EXCLUDED_DIRS and not child.is_symlink():
                yield from _walk(child)
        elif child.suffix.lower() in MARKDOWN_SUFFIXES and child.is_file():
            yield child
