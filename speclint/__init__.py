"""speclint: re-checks the numeric claims in Markdown design documents."""

from __future__ import annotations

from speclint.engine.registry import hookimpl, hookspec
from speclint.version import __version__


def lint_text(source: str, path: str = "<stdin>") -> list:
    """Lint Markdown ``source`` with every registered rule; returns sorted diagnostics."""
    from speclint.engine.lint import lint_source

    return lint_source(source, path)


__all__ = ["__version__", "hookimpl", "hookspec", "lint_text"]
