"""Whether an installed distribution may declare a ``speclint`` entry point (a third-party
plugin), known without ``importlib.metadata`` (slow to import) and without importing anything
of speclint's: the registry asks it before it builds a plugin manager, the command's light
path (``speclint.app.quick``) before it answers a run by itself."""

from __future__ import annotations

import os
import sys

#: The entry-point group of speclint's plugins (``speclint.engine.registry.PROJECT``).
GROUP = "speclint"


def may_declare_entry_points() -> bool:
    """Whether some distribution on ``sys.path`` may declare a ``speclint`` entry point: a
    quick look at each ``entry_points.txt`` where ``importlib.metadata`` finds them (the
    ``*.dist-info`` and ``*.egg-info`` directories of each ``sys.path`` directory). Whatever
    it cannot look at (a zip archive, another distribution finder) counts as a yes."""
    from importlib.machinery import PathFinder

    if any(f is not PathFinder and hasattr(f, "find_distributions") for f in sys.meta_path):
        return True
    return any(_may_declare_in(entry) for entry in sys.path)


def _may_declare_in(entry: object) -> bool:
    """``may_declare_entry_points`` for one ``sys.path`` entry."""
    if not isinstance(entry, str):
        return True
    root = entry or "."
    try:
        names = os.listdir(root)
    except FileNotFoundError:
        return False
    except OSError:  # a zip archive, or unreadable
        return True
    egg = root.lower().endswith(".egg")
    for name in names:
        low = name.lower()
        if not (low.endswith((".dist-info", ".egg-info")) or (egg and low == "egg-info")):
            continue
        try:
            with open(os.path.join(root, name, "entry_points.txt"), encoding="utf-8") as f:
                text = f.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except (OSError, UnicodeDecodeError):
            return True
        if _declares_group(text):
            return True
    return False


def _declares_group(text: str) -> bool:
    """Whether an ``entry_points.txt`` has a ``[speclint]`` section."""
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]") and line.strip("[] \t") == GROUP:
            return True
    return False
