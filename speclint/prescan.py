"""The lines of a Markdown source that can hold a claim, a fact or a suppression comment.

A linear pre-scan, before markdown-it: the source is split into top-level groups at *clean
boundaries* (a line at column 0 that starts no list item or block quote, after a blank line,
with no fence, HTML block or front matter open), where CommonMark has closed every block. A
group with no candidate (a digit, an HTML comment, a heading, a table, a link reference
definition, ``$$``) is replaced by empty lines: markdown-it parses a shorter text with the same
line numbers, and the blocks it finds in the groups kept are those it finds in the whole
source. The document model reads only digits, comments, headings and table cells, so a group
without them gives it nothing. Wherever the scan cannot tell where a block ends (a fence or
HTML block inside a list, display math), it keeps the rest of the document.

Standard library only: it runs before anything heavy is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from speclint.inert import INERT_MAX_CHARS, inert  # noqa: F401 (re-exported)

#: What a group must hold to be parsed: what the document model reads (digits, comments,
#: headings, table cells) and what decides the structure of other groups (link reference
#: definitions, setext underlines); see ``holds_candidate``.
_MARKS = ("<!--", "|", "]:", "$$")
_DIGIT = re.compile(r"\d")
#: An ATX heading on a line after the first, in a container or not (over-read: any ``#`` first).
_HEADING = re.compile(r"\n[ \t>*+\-]*#")
#: A setext underline (or a thematic break) on a line after the first.
_UNDERLINE = re.compile(r"\n[ \t>]*(?:=+|-+)[ \t\r]*(?:\n|$)")
#: A line that opens a list item or a block quote (at most three spaces in).
_CONTAINER = re.compile(r" {0,3}(?:>|[-+*](?:[ \t]|\r?$)|\d{1,9}[.)](?:[ \t]|\r?$))")
#: A fence opener at the top level: its indent, marker and info string.
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
#: A fence marker anywhere a container may put it (after ``>``, list markers, indentation).
_FENCE_ANYWHERE = re.compile(r"[ \t>*+\-\d.)]*(?:```|~~~)")
#: A line that may start an HTML block (markdown-it's start patterns all begin so).
_HTML = re.compile(r" {0,3}<[A-Za-z/!?]")
#: HTML blocks that end at a closing sequence, not at a blank line (markdown-it's types 1-5):
#: start and end patterns, matched on the line from its first non-space character.
_HTML_SEQUENCES = (
    (
        re.compile(r"<(?a:(script|pre|style|textarea))(?=(\s|>|$))", re.I),
        re.compile(r"</(?a:(script|pre|style|textarea))>", re.I),
    ),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)
_HTML_ANYWHERE = re.compile(r"[ \t>*+\-\d.)]*<(?:!|\?|(?i:script|pre|style|textarea))")
#: How a line may start when it is blank or may open a block that spans lines (a line that
#: starts otherwise is neither: white space, ``\`~<>-+*`` or an ASCII digit first).
_SPECIAL_FIRST = frozenset(["", *" \t\r`~<>-+*0123456789"])
#: A list item with text after its marker: indent, marker, the spaces after, the text.
_ITEM = re.compile(r"( {0,3})([-+*]|\d{1,9}[.)])([ \t]+)(\S.*)")
#: A thematic break (it is no list item, whatever it starts with).
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t\r]*$")
#: Every line any of the patterns above matches (and more): the others change nothing.
_ACTIVE = re.compile(
    r"[ \t>*+\-\d.)]*(?:```|~~~|<)| {0,3}(?:>|[-+*](?:[ \t]|\r?$)|\d{1,9}[.)](?:[ \t]|\r?$))"
)
#: A lone carriage return: markdown-it reads it as a line break, ``str.split("\n")`` does not.
_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass(frozen=True)
class Prescan:
    """The text to parse (``source`` with the lines of every group that cannot matter empty,
    as many lines as ``source``) and how many characters of ``source`` it keeps."""

    text: str
    kept: int

    @property
    def empty(self) -> bool:
        """Whether no group was kept: there is nothing to parse."""
        return self.kept == 0


def prescan(source: str) -> Prescan:
    """The groups of ``source`` that can hold a candidate, the others' lines left empty."""
    if _LONE_CR.search(source):
        return Prescan(source, len(source))
    groups = _Scanner(source.split("\n"), "$$" in source).groups()
    if len(groups) == 1 and groups[0][1] is not None:
        return Prescan(source, len(source))
    pieces = [text if text is not None else "\n" * (size - 1) for size, text in groups]
    kept = sum(len(text) + 1 for _, text in groups if text is not None)
    return Prescan("\n".join(pieces), min(kept, len(source)))


def holds_candidate(text: str) -> bool:
    """Whether a group of lines holds what the document model reads or what decides the
    structure of other groups: a digit, an HTML comment, a table's ``|``, a link reference
    definition's ``]:``, display math, an ATX heading or a setext underline."""
    return (
        _DIGIT.search(text) is not None
        or any(mark in text for mark in _MARKS)
        or text.lstrip(" \t>*+-").startswith("#")
        or ("#" in text and _HEADING.search(text) is not None)
        or _UNDERLINE.search(text) is not None
    )


def _open_html(line: str) -> bool:
    """Whether a line in a container may open an HTML block that does not end on it."""
    if _HTML_ANYWHERE.match(line) is None:
        return False
    text = line.lstrip(" \t>*+-0123456789.)")
    return not any(start.match(text) and end.search(text) for start, end in _HTML_SEQUENCES)


def _content_column(line: str) -> int | None:
    """The content column of the list item a line surely opens (a bullet with text that is
    no thematic break, or an ordered item numbered 1, so that it interrupts a paragraph too);
    ``None`` for a block quote or any other line."""
    match = _ITEM.match(line)
    if match is None or _BREAK.match(line) or "\t" in match.group(3):
        return None
    indent, marker, spaces, _ = match.groups()
    if marker[0].isdigit() and int(marker[:-1]) != 1:
        return None
    width = len(indent) + len(marker)
    return width + 1 if len(spaces) > 4 else width + len(spaces)


def _bullet(line: str) -> str | None:
    """The bullet of a list item a line at column 0 surely opens after a blank line (there
    every open item but the list's own closes); ``None`` for any other line."""
    return line[0] if line[:1] in "-+*" and _content_column(line) is not None else None


@lru_cache(maxsize=6)
def _marker(bullet: str, same: bool) -> re.Pattern[str]:
    """A line that may open a top-level list item with the marker ``bullet`` (``same``), or
    with any other marker."""
    others = "".join(c for c in "-+*" if c != bullet)
    marker = re.escape(bullet) if same else rf"[{re.escape(others)}]|\d{{1,9}}[.)]"
    return re.compile(rf"^ {{0,3}}(?:{marker})(?:[ \t]|\r?$)", re.M)


def _boundary(line: str) -> bool:
    """Whether a non-blank line after a blank one closes every open container: it starts at
    column 0 and opens no list item or block quote."""
    return line[0] not in " \t" and _CONTAINER.match(line) is None


@lru_cache(maxsize=32)
def _closing(marker: str) -> re.Pattern[str]:
    """A closing fence for an opening ``marker``: the same character, at least as many."""
    return re.compile(rf" {{0,3}}{re.escape(marker[0])}{{{len(marker)},}}[ \t\r]*$")


class _Scanner:
    """Splits lines into groups [start, end) at clean boundaries, each with whether to keep
    it."""

    def __init__(self, lines: list[str], math: bool) -> None:
        self.lines = lines
        #: Whether the source holds ``$$`` (every line is then looked at for it).
        self.math = math
        #: The content column of the list item open at the top level, when it is known.
        self.item: int | None = None
        #: Whether the group may hold a top-level HTML block: no item is known open then.
        self.poisoned = False
        #: The text of the last group kept.
        self.last_kept = ""
        #: Each group's number of lines, and its text when it is kept.
        self.found: list[tuple[int, str | None]] = []

    def groups(self) -> list[tuple[int, str | None]]:
        lines, n = self.lines, len(self.lines)
        start = self._front_matter()
        if start is None:
            return [(n, "")]
        if start:
            self._close(0, start, keep=True)
        i = start
        container = html = False  # in this group: a container opened; since the blank, HTML
        while i < n:
            line = lines[i]
            if line[:1] not in _SPECIAL_FIRST and not self.math:
                self.item = None  # at column 0: in no list item (lazy text or past its end)
                i += 1  # and neither blank nor the start of any block that spans lines
                continue
            if not line.strip(" \t\r"):
                html = False
                j = i + 1
                while j < n and not lines[j].strip(" \t\r"):
                    j += 1
                bullet = _bullet(lines[j]) if j < n else None
                if j < n and (bullet is not None or _boundary(lines[j])):
                    self._close(start, j, after=bullet)
                    start, container, self.poisoned = j, bullet is not None, False
                    self.item = _content_column(lines[j]) if bullet else None
                i = j
                continue
            if "$$" in line:
                break  # display math: markdown-it's rule reads past blank lines and containers
            if container:
                if not self._in_container(line):
                    break  # inside the container or not: its end is not known here
                i += 1
                continue
            if _ACTIVE.match(line) is None:
                i += 1  # neither a fence, HTML nor a container
                continue
            after = self._fence(i) if _FENCE.match(line) else None
            if after is None and _HTML.match(line):
                after = self._html_block(i)
                html = html or after is None
            if after is not None:
                if html:
                    break  # the line may be content of an HTML block ending at a blank line
                i = after
                continue
            if _CONTAINER.match(line) is not None:
                container, self.poisoned = True, html
                self.item = None if html else _content_column(line)
            i += 1
        if start < n:
            self._close(start, n, keep=i < n)
        return self.found

    def _in_container(self, line: str) -> bool:
        """Follow a non-blank line in a group a container opened; ``False`` when a block may
        open on it whose end is not known: a fence or an HTML block outside the open list
        item (one inside it ends with the item, at the latest at the group's end)."""
        indent = len(line) - len(line.lstrip(" "))
        inside = self.item is not None and indent >= self.item
        if inside or _ACTIVE.match(line) is None:
            if not inside:
                self.item = None  # lazy text or the item's end: not known which
            return True
        if _CONTAINER.match(line) is not None:
            self.item = None if self.poisoned else _content_column(line)
            return True
        if _FENCE_ANYWHERE.match(line) or _open_html(line):
            return False
        self.item = None
        self.poisoned = self.poisoned or _HTML.match(line) is not None
        return True

    def _close(self, start: int, end: int, keep: bool = False, after: str | None = None) -> None:
        """Note the group of lines [start, end), kept when ``keep`` or it holds a candidate;
        also when the group after it opens a list item (bullet ``after``) that would join a
        list of the last group kept, unless this group is made of items of that list alone."""
        text = "\n".join(self.lines[start:end])
        held = keep or holds_candidate(text)
        if not held and after is not None and _marker(after, True).search(self.last_kept):
            pure = _bullet(self.lines[start]) == after
            held = not pure or _marker(after, False).search(text) is not None
        if held:
            self.last_kept = text
        self.found.append((end - start, text if held else None))

    def _front_matter(self) -> int | None:
        """The first line after front matter (0 without any); ``None`` when the first line
        may open front matter that does not close (markdown-it's plugin reads it then as
        something else)."""
        first = self.lines[0]
        if not first.startswith("-"):
            return 0
        count = len(first) - len(first.lstrip("-"))
        if count < 3:
            return 0
        closing = re.compile(rf" {{0,3}}-{{{count},}}[ \t]*\r?$|\.\.\.[ \t]*\r?$")
        for k in range(1, len(self.lines)):
            if closing.match(self.lines[k]):
                return k + 1
        return None

    def _fence(self, i: int) -> int | None:
        """The line after the fence opened on line ``i`` (``len(lines)`` if it never
        closes); ``None`` if line ``i`` opens none."""
        match = _FENCE.match(self.lines[i])
        assert match is not None
        marker, info = match.groups()
        if marker[0] == "`" and "`" in info:
            return None
        closing = _closing(marker)
        for k in range(i + 1, len(self.lines)):
            if closing.match(self.lines[k]):
                return k + 1
        return len(self.lines)

    def _html_block(self, i: int) -> int | None:
        """The line after an HTML block of types 1-5 opened on line ``i``; ``None`` if line
        ``i`` opens none of them."""
        text = self.lines[i].lstrip(" ")
        for start, end in _HTML_SEQUENCES:
            if start.match(text):
                if end.search(text):
                    return i + 1
                for k in range(i + 1, len(self.lines)):
                    if end.search(self.lines[k]):
                        return k + 1
                return len(self.lines)
        return None
