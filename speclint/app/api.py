"""The Python API behind ``speclint.lint_text``, ``speclint.lint_paths`` and
``speclint.apply_fixes``: what ``speclint check`` and ``--fix`` do, without the command line."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from speclint.app import fixes
from speclint.app.config import ConfigError, Resolver, command_line_layer
from speclint.app.files import discover
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import lint_files, lint_source
from speclint.engine.registry import all_rules

#: A path given to the API: a string or any ``os.PathLike``.
PathArg = str | os.PathLike[str]


class LintError(Exception):
    """A file could not be read or checked (the message names it)."""


def _resolver(config: PathArg | None, select: Sequence[str] | None, isolated: bool) -> Resolver:
    """The resolver ``speclint check [--config FILE | --isolated] [--select ...]`` would use."""
    if isinstance(select, str):
        raise TypeError("select must be a sequence of selectors, not a string")
    rules = all_rules()
    cli = command_line_layer(rules, list(select) if select is not None else None, [], [], False)
    config_file = Path(config) if config is not None else None
    return Resolver(rules, cli, config_file, isolated and config_file is None)


def lint_text(
    text: str,
    path: PathArg | None = None,
    *,
    config: PathArg | None = None,
    select: Sequence[str] | None = None,
) -> list[Diagnostic]:
    """Lint Markdown ``text``; the diagnostics sorted by position.

    ``path`` may also be given positionally (``lint_text(text, "plan.md")``), as before.

    ``path`` names the document in the diagnostics and, without ``config``, finds the
    configuration file that applies to it as ``speclint check`` would; with neither, the
    defaults apply. ``config`` is a configuration file to use instead (``--config``).
    ``select`` replaces the selection of rules (``--select``: codes, prefixes, names or
    categories). Raises ``speclint.ConfigError`` for an invalid configuration or selector.
    """
    name = os.fspath(path) if path is not None else "<stdin>"
    resolver = _resolver(config, select, isolated=path is None)
    return lint_source(text, name, None, resolver.settings_for(name))


def lint_paths(
    paths: Iterable[PathArg],
    *,
    config: PathArg | None = None,
    select: Sequence[str] | None = None,
) -> list[Diagnostic]:
    """Lint files and directories (Markdown files below them, as ``speclint check`` finds
    them); every file's diagnostics, sorted by path and position.

    Raises ``FileNotFoundError`` for a path that does not exist, ``speclint.LintError`` for a
    file that cannot be read or checked, and ``speclint.ConfigError`` as ``lint_text`` does.
    """
    resolver = _resolver(config, select, isolated=False)
    found, missing = discover([os.fspath(p) for p in paths], resolver.config_in)
    if missing:
        raise FileNotFoundError(f"{missing[0]}: no such file or directory")
    settings = [resolver.settings_for(path) for path in found]
    diagnostics: list[Diagnostic] = []
    for result in lint_files(found, jobs=1, settings=settings):
        if result.error:
            raise LintError(result.error)
        diagnostics.extend(result.diagnostics)
    return sorted(diagnostics, key=lambda d: d.sort_key)


def apply_fixes(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> str:
    """``text`` with the fixes of ``diagnostics`` applied (safe ones; unsafe ones too with
    ``unsafe``). Fixes that disagree about one span are left out, as ``--fix`` leaves them.
    One pass: lint the result again for fixes that only the fixed text reveals."""
    return fixes.apply_fixes(text, diagnostics, unsafe)[0]


__all__ = ["ConfigError", "LintError", "apply_fixes", "lint_paths", "lint_text"]
