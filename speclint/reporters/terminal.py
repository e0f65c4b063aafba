"""What the terminal needs: display widths (wide and combining characters), wrapping by display
width, and colour by severity with ``--color auto|always|never``, ``NO_COLOR`` and
``FORCE_COLOR``.

Colour is a small map of ANSI SGR codes rather than a library: the full reporter needs five
styles, and a rich-text library would add an import of several hundred milliseconds to every run.
"""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TextIO

ColorChoice = Literal["auto", "always", "never"]
COLOR_CHOICES: tuple[ColorChoice, ...] = ("auto", "always", "never")

#: SGR parameters of each style.
STYLES: dict[str, str] = {
    "error": "1;31",
    "warning": "1;33",
    "info": "1;36",
    "path": "1",
    "gutter": "34",
    "fix": "32",
    "diff-header": "1",
    "hunk": "36",
    "added": "32",
    "removed": "31",
}


@dataclass(frozen=True)
class Style:
    """How to render for one output: with colour or not, wrapped to ``width`` columns or not."""

    color: bool = False
    width: int | None = None

    def paint(self, text: str, style: str) -> str:
        if not self.color or style not in STYLES or not text:
            return text
        return f"\x1b[{STYLES[style]}m{text}\x1b[0m"


PLAIN = Style()


def paint_diff(diff: str, style: Style) -> str:
    """A unified diff with its file headers bold, hunk headers cyan, added lines green and
    removed lines red (as ``style`` says; ``PLAIN`` leaves it as it is)."""
    if not style.color:
        return diff
    return "".join(_paint_diff_line(line, style) for line in diff.splitlines(keepends=True))


def _paint_diff_line(line: str, style: Style) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    if body.startswith(("--- ", "+++ ")):
        kind = "diff-header"
    elif body.startswith("@@"):
        kind = "hunk"
    elif body.startswith("+"):
        kind = "added"
    elif body.startswith("-"):
        kind = "removed"
    else:
        return line
    return style.paint(body, kind) + ending


def char_width(char: str) -> int:
    """Columns a character takes in a terminal: 0 for combining and zero-width characters,
    2 for East Asian wide and fullwidth ones, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    return sum(char_width(c) for c in text)


#: A number and the unit after it ("2.686 GB", "60 %"), which wrapping keeps on one line.
_NUMBER_UNIT = re.compile(r"(?<=\d) (?=[^\W\d_]{1,6}\b|%)")


def wrap(text: str, width: int, indent: str = "    ") -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` display columns (a word longer
    than that gets a line of its own), never between a number and its unit; lines after the
    first start with ``indent``."""
    lines: list[str] = []
    current = ""
    for glued in _NUMBER_UNIT.sub("\0", text).split(" "):
        word = glued.replace("\0", " ")
        prefix = indent if lines else ""
        candidate = f"{current} {word}" if current else prefix + word
        if current and display_width(candidate) > width:
            lines.append(current)
            current = indent + word
        else:
            current = candidate
    lines.append(current)
    return lines


def color_wanted(choice: ColorChoice, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """``always``/``never`` as said; ``auto``: not with ``NO_COLOR``, yes with ``FORCE_COLOR``
    (both when set and not empty), else when ``stream`` is a terminal other than ``dumb``."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return _is_terminal(stream) and environ.get("TERM") != "dumb"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def style_for(
    choice: ColorChoice, stream: TextIO, environ: Mapping[str, str] | None = None
) -> Style:
    """The style for writing to ``stream``: colour as ``color_wanted`` says, and wrapping to
    the terminal's width only when ``stream`` is a terminal (piped output is never wrapped)."""
    environ = os.environ if environ is None else environ
    width = shutil.get_terminal_size().columns if _is_terminal(stream) else None
    return Style(color_wanted(choice, stream, environ), width)
