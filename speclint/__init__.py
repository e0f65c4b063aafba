"""speclint: re-checks the numeric claims in Markdown design documents.

The Python API: ``lint_text``, ``lint_paths`` and ``apply_fixes`` (see the README).
"""

from __future__ import annotations

from speclint.app.api import ConfigError, LintError, apply_fixes, lint_paths, lint_text
from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.engine.registry import hookimpl, hookspec
from speclint.version import __version__

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
