"""Where a diagnostic is, in each output format's terms: report paths and column units.

Diagnostics count columns in characters (code points). reviewdog wants UTF-8 bytes and SARIF
declares UTF-16 code units, so columns are converted here, once, against the source line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePath
from urllib.parse import quote

#: Bytes per column unit, by output: Python's codec and the code unit width.
UNITS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2)}


class SourceLines:
    """The lines of every linted source, split once, for column conversions and hashes."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._lines: dict[str, list[str]] = {}

    def line(self, path: str, number: int) -> str:
        """The 1-based line ``number`` of ``path`` without its line ending ("" if unknown)."""
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = self._sources.get(path, "").split("\n")
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else ""

    def column(self, path: str, line: int, column: int, unit: str) -> int:
        """A 1-based character column of a line as a 1-based column in ``unit``."""
        return convert_column(self.line(path, line), column, unit)


def convert_column(text: str, column: int, unit: str) -> int:
    """A 1-based character column of ``text`` in ``unit`` ("utf-8" bytes or "utf-16" code
    units); columns past the end count one unit per character."""
    codec, width = UNITS[unit]
    prefix = text[: column - 1]
    units = len(prefix.encode(codec, errors="surrogatepass")) // width
    return units + (column - 1 - len(prefix)) + 1


def report_path(path: str, base: str | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory) with ``/`` separators
    when it lies inside it; otherwise ``path`` as given. ``-`` (stdin) stays ``-``."""
    if path == "-":
        return path
    root = os.path.abspath(base if base is not None else os.getcwd())
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return PurePath(path).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return PurePath(path).as_posix()
    return PurePath(relative).as_posix()


def report_uri(path: str) -> str:
    """A URI reference for ``path``: relative and percent-encoded inside the working
    directory, a ``file:`` URI outside it."""
    shown = report_path(path)
    if os.path.isabs(shown):
        return Path(shown).as_uri()
    return quote(shown, safe="/")
