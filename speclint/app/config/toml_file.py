"""Reading a configuration file safely: only regular files, bounded in size, UTF-8, and every
way TOML parsing can fail turned into one ``ValueError`` line."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any

#: Configuration files larger than this are refused.
MAX_CONFIG_BYTES = 1_000_000
#: Pseudo-filesystems whose "regular" files are endless or have side effects.
_SPECIAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed TOML file at ``path``. Raises ``OSError`` when it cannot be read and
    ``ValueError`` (``tomllib.TOMLDecodeError`` for syntax) when it is not a configuration."""
    if sys.version_info >= (3, 11):
        import tomllib  # imported by the first configuration file read
    else:  # pragma: no cover
        import tomli as tomllib

    real = Path(os.path.realpath(path))
    if not stat.S_ISREG(os.stat(real).st_mode) or any(
        real.is_relative_to(root) for root in _SPECIAL_ROOTS
    ):
        raise ValueError("not a regular file")
    with open(real, "rb") as handle:
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise ValueError(f"larger than {MAX_CONFIG_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except RecursionError:
        raise ValueError("invalid TOML: nested too deeply") from None
    except ValueError as exc:  # a number past Python's conversion limit, say
        raise ValueError(f"invalid TOML: {str(exc).split(';')[0]}") from None
