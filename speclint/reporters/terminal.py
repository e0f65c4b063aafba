"""What the terminal needs: display widths (wide and combining characters), wrapping by display
width, and colour by severity with ``--color auto|always|never``, ``NO_COLOR`` and
``FORCE_COLOR``.

Colour and wrapping come from ``rich``, imported only when colour or wrapping is produced (never
when output is piped: it is not on the import path of a plain ``speclint check``). The choice of
colour stays here, since it decides whether to import ``rich`` at all; so do the display widths of
carets, which piped output needs too (``unicodedata``; it agrees with ``rich``'s cell widths
except on emoji sequences, which ``rich`` measures as one cluster).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, TextIO

from speclint.patterns import lazy_re

if TYPE_CHECKING:
    from rich.console import Console

ColorChoice = Literal["auto", "always", "never"]
COLOR_CHOICES: tuple[ColorChoice, ...] = ("auto", "always", "never")

#: The ``rich`` style of each kind of text.
STYLES: dict[str, str] = {
    "error": "bold red",
    "warning": "bold yellow",
    "info": "bold cyan",
    "path": "bold",
    "gutter": "blue",
    "fix": "green",
    "diff-header": "bold",
    "hunk": "cyan",
    "added": "green",
    "removed": "red",
}


@dataclass(frozen=True)
class Style:
    """How to render for one output: with colour or not, wrapped to ``width`` columns or not."""

    color: bool = False
    width: int | None = None

    def paint(self, text: str, style: str) -> str:
        if not self.color or style not in STYLES or not text:
            return text
        return _render(text, STYLES[style])


def _render(text: str, style: str) -> str:
    """``text`` in ``style`` as ANSI escapes of the 8 standard colours (``rich`` imported here)."""
    from rich.color import ColorSystem
    from rich.style import Style as RichStyle

    return RichStyle.parse(style).render(text, color_system=ColorSystem.STANDARD)


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
_NUMBER_UNIT = lazy_re(r"(?<=\d) (?=[^\W\d_]{1,6}\b|%)")


#: Stands for a space that wrapping must not break at (a private-use character, one column wide).
_GLUE = "\ue000"


def wrap(text: str, width: int, indent: str = "    ") -> list[str]:
    """``text`` broken at spaces into lines of at most ``width`` display columns (a word longer
    than that gets a line of its own), never between a number and its unit; lines after the
    first start with ``indent``. The breaking is ``rich``'s."""
    glued = _NUMBER_UNIT.sub(_GLUE, text)
    first, rest = _split_first(glued, width)
    lines = [first]
    if rest:
        lines += [indent + line for line in _wrap_lines(rest, max(width - len(indent), 1))]
    return [line.replace(_GLUE, " ") for line in lines]


def _split_first(text: str, width: int) -> tuple[str, str]:
    """The first line of ``text`` wrapped to ``width``, and what follows it."""
    from rich.text import Text

    first = Text(text, overflow="ignore").wrap(_console(width), width)[0].plain
    return first.rstrip(" "), text[len(first) :].lstrip(" ")


def _wrap_lines(text: str, width: int) -> list[str]:
    from rich.text import Text

    # overflow "ignore" on the text (not as an argument): break at spaces, never crop or fold.
    lines = Text(text, overflow="ignore").wrap(_console(width), width)
    return [line.plain.rstrip(" ") for line in lines]


@cache
def _console(width: int) -> Console:
    """A ``rich`` console that only measures (wrapping needs one); it never writes."""
    from rich.console import Console

    return Console(width=width, color_system=None, force_terminal=False, no_color=True)


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
    import shutil  # bz2, lzma and zlib come with it

    width = shutil.get_terminal_size().columns if _is_terminal(stream) else None
    return Style(color_wanted(choice, stream, environ), width)
