"""The data speclint reads, each once: units, fact names, numeric formats, statement words, the
accelerator catalog (TOML) and the JSON output schema. ``load`` reads one TOML file.

A parsed file is kept as Python keeps bytecode: a ``marshal`` copy in ``__pycache__`` next to
it, stamped with the TOML file's size and modification time, read instead of parsing the TOML
again while both match (parsing the seven files costs about 25 ms per process; reading the
copies under 1 ms). A copy that cannot be read or does not match is ignored; none is written
where Python would not write bytecode (``PYTHONDONTWRITEBYTECODE``, a read-only install).
"""

from __future__ import annotations

import marshal
import os
import pkgutil
import sys
from functools import cache
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file ``speclint/data/<name>``, parsed once per process: the same
    object is shared by every caller, which must not change it."""
    path = os.path.join(os.path.dirname(__file__), name)
    try:
        stat = os.stat(path)
    except OSError:  # not a plain file (a zip archive, another loader)
        return _parse(name)
    stamp = [stat.st_size, stat.st_mtime_ns]
    copy = os.path.join(os.path.dirname(path), "__pycache__", f"{name}.{_TAG}.marshal")
    kept = _read_copy(copy, stamp)
    if kept is not None:
        return kept
    parsed = _parse(name)
    if not sys.dont_write_bytecode:
        _write_copy(copy, [stamp, parsed])
    return parsed


#: The interpreter's bytecode tag (``cpython-311``): marshal's format is its own.
_TAG = sys.implementation.cache_tag or "python"


def _parse(name: str) -> dict[str, Any]:
    """Parse the TOML file (``tomllib`` is imported by the first file parsed)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    data = pkgutil.get_data(__name__, name)
    if data is None:  # pragma: no cover - a loader that cannot read resources
        raise FileNotFoundError(name)
    return tomllib.loads(data.decode("utf-8"))


def _read_copy(copy: str, stamp: list[int]) -> dict[str, Any] | None:
    """The parsed data a copy holds, if it is one for the file as it is now."""
    try:
        with open(copy, "rb") as handle:
            kept = marshal.loads(handle.read())  # load(handle) reads object by object
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(kept, list) and len(kept) == 2 and kept[0] == stamp):
        return None
    return kept[1] if isinstance(kept[1], dict) else None


def _write_copy(copy: str, value: list[Any]) -> None:
    """Write a copy atomically (a temporary file renamed); skipped silently when the data has
    what marshal cannot hold (TOML dates) or the directory cannot be written."""
    try:
        data = marshal.dumps(value)
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        temporary = f"{copy}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, copy)
    except (OSError, ValueError):
        return
