"""The data speclint reads, each once: units, fact names, numeric formats, statement words, the
accelerator catalog (TOML) and the JSON output schema. ``load`` reads one TOML file."""

from __future__ import annotations

import sys
from importlib import resources
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def load(name: str) -> dict[str, Any]:
    """The parsed TOML file ``speclint/data/<name>``."""
    return tomllib.loads(resources.files(__name__).joinpath(name).read_text(encoding="utf-8"))
