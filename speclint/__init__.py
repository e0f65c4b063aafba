"""speclint: re-checks the numeric claims in Markdown design documents."""

from __future__ import annotations

from .plugins import hookimpl, hookspec

__version__ = "0.1.0"


def lint_text(source: str, path: str = "<stdin>") -> list:
    """Lint Markdown ``source`` with every registered rule; returns sorted diagnostics."""
    from .linter import lint_source

    return lint_source(source, path)


__all__ = ["__version__", "hookimpl", "hookspec", "lint_text"]
