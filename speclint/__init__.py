"""speclint: re-checks the numeric claims in Markdown design documents.

The Python API: ``lint_text``, ``lint_paths`` and ``apply_fixes`` (see the README). Each name
is imported on first use, so that ``import speclint`` (and the command line, which starts by
importing this package) loads only what the run needs.
"""

from __future__ import annotations

import importlib

from speclint.version import __version__

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (a few ms of every run's start).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from speclint.app.api import ConfigError, LintError, apply_fixes, lint_paths, lint_text
    from speclint.engine.diagnostics import Diagnostic, Fix
    from speclint.engine.registry import hookimpl, hookspec

__all__ = [
    "ConfigError",
    "Diagnostic",
    "Fix",
    "LintError",
    "__version__",
    "apply_fixes",
    "hookimpl",
    "hookspec",
    "lint_paths",
    "lint_text",
]

#: The module each lazily imported public name comes from.
_LAZY = {
    "ConfigError": "speclint.app.api",
    "LintError": "speclint.app.api",
    "apply_fixes": "speclint.app.api",
    "lint_paths": "speclint.app.api",
    "lint_text": "speclint.app.api",
    "Diagnostic": "speclint.engine.diagnostics",
    "Fix": "speclint.engine.diagnostics",
    "hookimpl": "speclint.engine.registry",  # pluggy's markers: pluggy is imported then
    "hookspec": "speclint.engine.registry",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
