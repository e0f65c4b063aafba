"""The data speclint reads, each once: units, fact names, numeric formats, statement words, the
accelerator catalog (TOML) and the JSON output schema. ``load`` reads one TOML file."""

from __future__ import annotations

import pkgutil
import sys
from functools import cache
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed TOML file ``speclint/data/<name>``, parsed once per process: the same
    object is shared by every caller, which must not change it."""
    data = pkgutil.get_data(__name__, name)
    if data is None:  # pragma: no cover - a loader that cannot read resources
        raise FileNotFoundError(name)
    return tomllib.loads(data.decode("utf-8"))
