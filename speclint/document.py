"""Markdown documents as text segments with an exact map back to source positions.

markdown-it-py (CommonMark + GFM tables, front matter, dollar math) finds the blocks; every
character of extracted text keeps the offset of the source character it came from, so a
diagnostic points at the exact line and column of the number in the file.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Literal

# Re-exported: the document model's terms, defined below it so that settings and reports need
# not import it.
from speclint.basics import PLAIN_CODE_LANGUAGES as PLAIN_CODE_LANGUAGES
from speclint.basics import Related as Related
from speclint.patterns import lazy_compile, lazy_re
from speclint.prescan import prescan

if TYPE_CHECKING:
    import regex
    from ahocorasick_rs import BytesAhoCorasick
    from markdown_it import MarkdownIt
    from markdown_it.token import Token as MdToken

_DIGIT = lazy_re(r"\d")
_CONTAINERS = frozenset(
    {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
)
#: Stands in for inline math inside paragraph text so nothing is read across it.
MATH_PLACEHOLDER = "\u2063"


@dataclass(frozen=True)
class TableCell:
    table: int
    row: int  # 0 is the header row
    col: int
    header: str
    is_header: bool


@dataclass(frozen=True)
class ListItem:
    list_id: int
    index: int
    depth: int


SegmentKind = Literal["paragraph", "heading", "cell", "code", "math"]


@dataclass
class Segment:
    """A run of text from one block: a paragraph, heading, table cell, code or math line."""

    text: str
    offsets: list[int]
    kind: SegmentKind
    section: tuple[str, ...]
    block: int
    math: bool = False
    cell: TableCell | None = None
    item: ListItem | None = None
    #: Source offset ranges written as code (inline code spans; all of a code block).
    code: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the Markdown (not in code): [start, end) source offsets and text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NotChecked:
    """Source text [start, end) that speclint did not check, and why (reported as SPC003)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Fence:
    """A fenced or indented code block: its language (info string, lower case) and content
    lines with their source offsets (read by ``speclint.claims.config_blocks``)."""

    info: str
    lines: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass
class Document:
    """A parsed Markdown file."""

    path: str
    source: str
    segments: list[Segment] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)
    #: HTML comments outside code (suppression directives are read from these).
    comments: list[Comment] = field(default_factory=list)
    #: Text left unchecked (the parser's nesting limit, size and time caps), in source order.
    not_checked: list[NotChecked] = field(default_factory=list)
    #: Every code block, whatever its language, in source order.
    fences: list[Fence] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """Source text of a 1-based line, without its newline."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r")

    @cached_property
    def title(self) -> str:
        """The text of the first heading ("" when there is none)."""
        return next((s.text for s in self.segments if s.kind == "heading"), "")

    @cached_property
    def squeezed(self) -> str:
        """The source as ``squeeze`` makes it, for ``may_contain``."""
        return squeeze_folded(self.source)

    @cached_property
    def _squeezed_bytes(self) -> bytes:
        """``squeezed`` in UTF-8 (lone surrogates kept): an ASCII needle is in it exactly when
        it is in ``squeezed``, as no other character's encoding holds an ASCII byte."""
        return self.squeezed.encode("utf-8", "surrogatepass")

    @cached_property
    def _holds(self) -> dict[frozenset[str], bool]:
        """``may_contain`` by needle set (most are asked for more than once)."""
        return {}

    @cached_property
    def _found(self) -> tuple[frozenset[str], frozenset[str]]:
        """The needles asked of any document of this process before this one's first question
        (``_ASKED``), and which of them the squeezed source holds: one pass over the source
        answers every later question about those needles."""
        asked = _ASKED[0]
        if not asked:
            return asked, asked
        return asked, self._held(asked)

    def may_contain(self, needles: Iterable[str] | None) -> bool:
        """Whether any of ``needles`` (squeezed, ASCII) is in the squeezed source: a document
        without one holds no match of the pattern they stand for. ``None``: always true. One
        pass over the source answers every question about needles asked before (``_found``)."""
        if needles is None:
            return True
        key = needles if isinstance(needles, frozenset) else frozenset(needles)
        found = self._holds.get(key)
        if found is None:
            asked, held = self._found
            if key <= asked:
                found = not held.isdisjoint(key)
            else:
                _ask(key)
                matches = _automaton(key).find_matches_as_indexes(self._squeezed_bytes)
                found = bool(matches)
            self._holds[key] = found
        return found

    def held(self, needles: frozenset[str]) -> frozenset[str]:
        """Which of ``needles`` (squeezed, ASCII) are in the squeezed source."""
        asked, held = self._found
        if needles <= asked:
            return held & needles
        _ask(needles)
        return self._held(needles)

    def _held(self, needles: frozenset[str]) -> frozenset[str]:
        """Which of ``needles`` are in the squeezed source, in one pass (every occurrence of
        every needle is reported, overlapping or not)."""
        ordered = sorted(needles)
        found = _automaton(needles).find_matches_as_indexes(self._squeezed_bytes, overlapping=True)
        return frozenset(ordered[index] for index, _, _ in found)


#: Every needle asked of a document in this process (``Document._found``), up to
#: ``MAX_ASKED``: the needle sets are the patterns' and the data's, the same for each document.
_ASKED: list[frozenset[str]] = [frozenset()]
MAX_ASKED = 4096


def _ask(needles: frozenset[str]) -> None:
    """Add ``needles`` to those the next document answers in one pass."""
    if len(_ASKED[0]) + len(needles) <= MAX_ASKED:
        _ASKED[0] = _ASKED[0] | needles


@lru_cache(maxsize=256)
def _automaton(needles: frozenset[str]) -> BytesAhoCorasick:
    """An Aho-Corasick automaton of a needle set (cached by the set)."""
    from ahocorasick_rs import BytesAhoCorasick

    return BytesAhoCorasick([needle.encode("ascii") for needle in sorted(needles)])


_SEPARATORS = lazy_compile(r"[\s_\-:/]+")
#: The ASCII characters ``_SEPARATORS`` matches (UTF-8 encodes no other character with them).
ASCII_SEPARATORS = b"\t\n\x0b\x0c\r -/:_"


def squeeze(text: str) -> str:
    """``text`` without white space, ``_``, ``-``, ``:`` and ``/`` (``Document.squeezed``
    lower-cases first, with ``ſ`` as ``s`` and ``İ`` as ``i``: the letters a case-insensitive
    pattern reads as ASCII)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _SEPARATORS.sub("", text)
    rest = data.translate(None, ASCII_SEPARATORS).decode("utf-8")
    return rest if rest.isascii() else _SEPARATORS.sub("", rest)


def squeeze_folded(text: str) -> str:
    """``squeeze`` of ``text`` lower-cased as ``Document.squeezed`` is."""
    return squeeze(text.lower().replace("ſ", "s").replace("\u0307", ""))


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The markdown-it-py parser speclint reads documents with, built on first use (a run
    served from the result cache never loads markdown-it)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    # Inline markup is parsed on demand, only for blocks that can hold a number.
    md.disable("inline")
    # Link targets are never read: skip their percent-encoding (slow on long URLs). Whether a
    # target is allowed (not javascript: and the like) still decides the structure, on the
    # target as written, lower-cased, as markdown-it's own check does.
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    return md


def _as_written(url: str) -> str:
    return url


_COMMENT = lazy_re(r"<!--.*?-->", re.DOTALL)
_DIGIT = lazy_re(r"\d")
_CONTAINERS = frozenset(
    {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
)
#: How deep markdown-it nests blocks (its ``maxNesting``; commonmark's preset).
MAX_NESTING = 20
_NESTING_REASON = f"nested deeper than the Markdown parser reads ({MAX_NESTING} levels)"


def parse_document(
    source: str, path: str = "<stdin>", code_languages: frozenset[str] = PLAIN_CODE_LANGUAGES
) -> Document:
    """Parse Markdown ``source`` into segments of checkable text; fenced code blocks are
    checked when their language (info string) is in ``code_languages``."""
    return _Builder(readable_digits(source), path, code_languages).build()


#: A digit that is not ASCII; the pattern readers' ``\d`` matches it.
_OTHER_DIGIT = lazy_compile(r"(?![0-9])\d")


def readable_digits(source: str) -> str:
    """``source`` with every digit Python's ``int()`` cannot read (one newer than this Python's
    Unicode database, such as U+11F50 KAWI DIGIT ZERO) replaced by U+FFFD, one code point for
    one, so offsets stay those of the source; any other text is returned unchanged."""
    if source.isascii():
        return source
    return _OTHER_DIGIT.sub(_readable, source)


def _readable(match: regex.Match[str]) -> str:
    digit = match.group()
    return digit if unicodedata.decimal(digit, None) is not None else "\ufffd"


class _Builder:
    def __init__(self, source: str, path: str, code_languages: frozenset[str]) -> None:
        self.source = source
        self.code_languages = code_languages
        self.doc = Document(path, source)
        self.lines = source.split("\n")
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.doc.line_starts = starts
        self.section: list[tuple[int, str]] = []
        self.block = 0
        self.list_stack: list[list[int]] = []  # [list_id, item_index]
        self.list_count = 0
        self.table = -1
        self.table_row = -1
        self.table_col = 0
        self.table_headers: list[str] = []
        self.row_cursor = 0

    # ---- helpers ----------------------------------------------------------------------------

    def _dropped(self, tokens: list) -> None:
        """Note the text markdown-it dropped without a word: whatever is nested past its
        ``maxNesting`` (blockquotes 20 deep, say) inside the deepest containers it opened."""
        deepest = MAX_NESTING - 1
        for tok in tokens:
            if tok.type in _CONTAINERS and tok.level >= deepest and tok.map:
                start = self.doc.line_starts[tok.map[0]]
                end = self.doc.line_starts[tok.map[1] - 1] + len(self.lines[tok.map[1] - 1])
                known = self.doc.not_checked and self.doc.not_checked[-1].start == start
                if not known and _DIGIT.search(self.source, start, end):
                    line = self.lines[tok.map[0]].rstrip("\r")
                    self.doc.not_checked.append(
                        NotChecked(start, start + len(line), _NESTING_REASON)
                    )

    def _line_offset(self, line: int) -> int:
        return self.doc.line_starts[line]

    def _locate_content(self, content: str, first: int, last: int) -> list[int] | None:
        """Source offsets for each character of block ``content`` found in lines [first, last)."""
        offsets: list[int] = []
        line = first
        pieces = content.split("\n")
        for k, piece in enumerate(pieces):
            pos = None
            while line < last and line < len(self.lines):
                pos = _find_in_line(self.lines[line], piece)
                if pos is not None:
                    break
                line += 1
            if pos is None:
                return None
            base = self._line_offset(line) + pos
            offsets.extend(range(base, base + len(piece)))
            if k < len(pieces) - 1:
                offsets.append(base + len(piece))
            line += 1
        return offsets

    def _item(self) -> ListItem | None:
        if not self.list_stack:
            return None
        list_id, index = self.list_stack[-1]
        return ListItem(list_id, index, len(self.list_stack))

    def _sections(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.section)

    def _add(
        self,
        text: str,
        offsets: list[int],
        kind: SegmentKind,
        *,
        math: bool = False,
        item: ListItem | None = None,
        code: list[tuple[int, int]] | None = None,
    ) -> None:
        if kind != "heading" and _DIGIT.search(text) is None:
            return
        sections, code = self._sections(), [] if code is None else code
        self.doc.segments.append(
            Segment(text, offsets, kind, sections, self.block, math, item=item, code=code)
        )

    # ---- walk -------------------------------------------------------------------------------

    def build(self) -> Document:
        self.env: dict = {}
        scanned = prescan(self.source)
        tokens = [] if scanned.empty else markdown_parser().parse(scanned.text, self.env)
        self._dropped(tokens)
        heading_level = 0
        for i, tok in enumerate(tokens):
            kind = tok.type
            if kind == "heading_open":
                heading_level = int(tok.tag[1])
            elif kind == "bullet_list_open" or kind == "ordered_list_open":
                self.list_count += 1
                self.list_stack.append([self.list_count, -1])
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                self.list_stack.pop()
            elif kind == "list_item_open":
                self.list_stack[-1][1] += 1
                self.block += 1
            elif kind == "table_open":
                self.table += 1
                self.table_row = -1
                self.table_headers = []
                self.block += 1
            elif kind == "tr_open":
                self.table_row += 1
                self.table_col = 0
                self.row_cursor = 0
            elif kind == "inline":
                self._inline(tok, tokens[i - 1] if i else None, heading_level)
            elif kind in ("th_close", "td_close"):
                self.table_col += 1
            elif kind in ("fence", "code_block"):
                self._code(tok)
            elif kind == "math_block" or kind == "math_block_label":
                self._math_block(tok)
            elif kind == "html_block":
                self._html_block(tok)
            elif kind == "paragraph_open" and not self.list_stack:
                self.block += 1
        return self.doc

    def _inline(self, tok: MdToken, parent: MdToken | None, heading_level: int) -> None:
        if tok.map is None:
            return
        first, last = tok.map
        parent_type = parent.type if parent is not None else ""
        structural = parent_type in ("heading_open", "th_open", "td_open")
        if not structural and _DIGIT.search(tok.content) is None and "<!--" not in tok.content:
            return  # no number or comment: nothing to read, and no need to parse its markup
        tok.children = inline_children(tok.content, self.env)
        if parent_type in ("th_open", "td_open"):
            self._cell(tok, first, parent_type == "th_open")
            return
        content_offsets = self._locate_content(tok.content, first, last)
        if content_offsets is None:
            return
        if parent_type == "heading_open":
            text, offsets, maths, _ = self._inline_text(tok, content_offsets)
            self.section = [(lvl, t) for lvl, t in self.section if lvl < heading_level]
            self.section.append((heading_level, text.strip()))
            self.block += 1
            self._add(text, offsets, "heading")
            self._add_maths(maths)
            return
        text, offsets, maths, code = self._inline_text(tok, content_offsets)
        self._add(text, offsets, "paragraph", item=self._item(), code=code)
        self._add_maths(maths)

    def _cell(self, tok: MdToken, line: int, is_header: bool) -> None:
        row_text = self.lines[line] if line < len(self.lines) else ""
        content = tok.content
        pos = row_text.find(content, self.row_cursor) if content else -1
        if pos < 0:
            aligned = _align(content, row_text, self.row_cursor)
            if aligned is None:
                return
            content_offsets = [self._line_offset(line) + p for p in aligned]
            self.row_cursor = (aligned[-1] + 1) if aligned else self.row_cursor
        else:
            base = self._line_offset(line) + pos
            content_offsets = list(range(base, base + len(content)))
            self.row_cursor = pos + len(content)
        text, offsets, maths, code = self._inline_text(tok, content_offsets)
        if is_header:
            self.table_headers.append(text.strip())
        header = (
            self.table_headers[self.table_col] if self.table_col < len(self.table_headers) else ""
        )
        cell = TableCell(self.table, self.table_row, self.table_col, header, is_header)
        self.doc.segments.append(
            Segment(text, offsets, "cell", self._sections(), self.block, cell=cell, code=code)
        )
        self._add_maths(maths)

    def _inline_text(
        self, tok: MdToken, content_offsets: list[int]
    ) -> tuple[str, list[int], list[tuple[str, list[int]]], list[tuple[int, int]]]:
        """Plain text of an inline token (markup removed) with per-character source offsets.

        Also returns inline math (checked as separate segments) and the source ranges of code
        spans. A ``*`` that Markdown read as emphasis between two digits (``512*500*2``) is
        kept: there it is multiplication.
        """
        raw = tok.content
        chars: list[str] = []
        offsets: list[int] = []
        maths: list[tuple[str, list[int]]] = []
        code: list[tuple[int, int]] = []
        cursor = 0
        math_end = -1  # where the last inline math (and the unit after it) ended in ``raw``
        for child in tok.children or []:
            ctype = child.type
            if ctype in (
                "text",
                "text_special",
                "code_inline",
                "math_inline",
                "math_inline_double",
                "html_inline",
            ):
                piece = child.content
                if not piece:
                    continue
                pos = raw.find(piece, cursor)
                if pos >= 0:
                    cursor = pos + len(piece)
                    mapped = content_offsets[pos:cursor]
                else:
                    aligned = _align(piece, raw, cursor)
                    if aligned is None:
                        continue
                    cursor = aligned[-1] + 1
                    mapped = [content_offsets[p] for p in aligned if p < len(content_offsets)]
                if len(mapped) != len(piece):
                    continue
                if ctype == "html_inline":
                    if piece.startswith("<!--"):
                        self.doc.comments.append(Comment(mapped[0], mapped[-1] + 1, piece))
                    continue
                if ctype.startswith("math_inline"):
                    math = _with_unit_after(piece, mapped, raw, cursor, content_offsets)
                    if maths and _continues(raw, math_end, pos, piece):
                        # "$32 \times 64$ MiB $= 2.5$ GiB": one formula over two spans
                        before, before_offsets = maths.pop()
                        math = (f"{before} {math[0]}", [*before_offsets, mapped[0], *math[1]])
                    maths.append(math)
                    math_end = cursor + _unit_length(math[0], piece, raw, cursor)
                    chars.append(MATH_PLACEHOLDER)
                    offsets.append(mapped[0])
                    continue
                if ctype == "code_inline":
                    code.append((mapped[0], mapped[-1] + 1))
                chars.extend(piece)
                offsets.extend(mapped)
            elif ctype in ("softbreak", "hardbreak"):
                pos = raw.find("\n", cursor)
                if pos >= 0:
                    cursor = pos + 1
                    chars.append("\n")
                    offsets.append(content_offsets[pos] if pos < len(content_offsets) else 0)
            elif ctype in ("em_open", "em_close", "strong_open", "strong_close"):
                markup = child.markup
                if raw.startswith(markup, cursor):
                    end = cursor + len(markup)
                    between_digits = (
                        "*" in markup
                        and cursor > 0
                        and raw[cursor - 1].isdigit()
                        and end < len(raw)
                        and raw[end].isdigit()
                    )
                    if between_digits and end <= len(content_offsets):
                        chars.extend(markup)
                        offsets.extend(content_offsets[cursor:end])
                    cursor = end
        return "".join(chars), offsets, maths, code

    def _add_maths(self, maths: list[tuple[str, list[int]]]) -> None:
        for text, offsets in maths:
            self._add(text.replace("&", " "), offsets, "math", math=True, item=self._item())

    def _html_block(self, tok: MdToken) -> None:
        if tok.map is None or "<!--" not in tok.content:
            return
        content = tok.content.rstrip("\n")
        offsets = self._locate_content(content, *tok.map)
        if offsets is None:
            return
        for match in _COMMENT.finditer(content):
            start, end = match.span()
            self.doc.comments.append(Comment(offsets[start], offsets[end - 1] + 1, match.group()))

    def _code(self, tok: MdToken) -> None:
        info = tok.info.strip().split()[0].lower() if tok.info.strip() else ""
        if tok.map is None:
            return
        first, last = tok.map
        start = first + 1 if tok.type == "fence" else first
        content = tok.content.rstrip("\n")
        plain = info in self.code_languages
        self.block += plain
        offsets_all = self._locate_content(content, start, last)
        if offsets_all is None:
            return
        lines, pos = [], 0
        for line in content.split("\n"):
            lines.append((line, tuple(offsets_all[pos : pos + len(line)])))
            pos += len(line) + 1
        self.doc.fences.append(Fence(info, tuple(lines)))
        if not plain:
            return
        for line, line_offsets in lines:
            code = [(line_offsets[0], line_offsets[-1] + 1)] if line_offsets else []
            self._add(line, list(line_offsets), "code", code=code)

    def _math_block(self, tok: MdToken) -> None:
        if tok.map is None:
            return
        self.block += 1
        first, last = tok.map
        content = tok.content.strip("\n")
        offsets_all = self._locate_content(content, first, last)
        if offsets_all is None:
            return
        pos = 0
        for line in content.split("\n"):
            text = line.replace("&", " ").replace("\\\\", "  ")
            self._add(text, offsets_all[pos : pos + len(line)], "math", math=True)
            pos += len(line) + 1


def inline_children(content: str, env: dict) -> list[MdToken]:
    """The inline tokens markdown-it makes of ``content``. Text with none of the characters
    that end its text rule (no markup can start) is one text token, made without the parser."""
    from markdown_it.token import Token

    md = markdown_parser()
    if content and md.inline.terminator_re.search(content) is None:
        return [Token("text", "", 0, content=content)]
    children: list[MdToken] = []
    md.inline.parse(content, md, env, children)
    return children


def _find_in_line(line: str, piece: str) -> int | None:
    """Where ``piece`` (a line of block content) sits in the source ``line``."""
    if not piece:
        return 0
    stripped = line.rstrip()
    if stripped.endswith(piece):
        return len(stripped) - len(piece)
    pos = line.find(piece)
    return pos if pos >= 0 else None


#: A unit written right after a closing ``$`` (``$… \approx 21.8$ GB``, ``$… = 1{,}336$ tokens/s``,
#: ``$… = 1/33 = 3.0$ %``).
_UNIT_AFTER_MATH = lazy_re(r"^\$*[ \u00a0]?([^\W\d_][\w-]*(?:/[^\W\d_][\w-]*)?|%)")


#: Math that divides and does not multiply: a percent sign after it is the quotient's unit
#: (``$(p-1)/(m+p-1) = 1/33 = 3.0$ %``).
_QUOTIENT_ONLY = re.compile(r"^(?!.*(?:\\times|\\cdot|[×*·])).*(?:/|\\frac)", re.S)


#: How a formula goes on in the next span: a relation first.
_GOES_ON = re.compile(r"\s*(?:=|\\approx|≈|\\sim|~|\\le|\\ge|<|>|≤|≥)")


def _continues(raw: str, math_end: int, pos: int, piece: str) -> bool:
    """The span at ``pos`` goes on with the inline math that ended at ``math_end``: only
    delimiters and spaces between, and it opens with a relation."""
    if math_end < 0 or pos < math_end or not _GOES_ON.match(piece):
        return False
    return raw[math_end:pos].strip(" $\\()") == ""


def _unit_length(math: str, piece: str, raw: str, cursor: int) -> int:
    """How far past ``cursor`` (in ``raw``) the unit read after the math reaches."""
    if len(math) == len(piece):
        return 0
    unit = math[len(piece) + 1 :]
    found = raw.find(unit, cursor)
    return found - cursor + len(unit) if found >= 0 else 0


def _with_unit_after(
    piece: str, mapped: list[int], raw: str, cursor: int, content_offsets: list[int]
) -> tuple[str, list[int]]:
    """Inline math that ends in a number, followed in the text by a unit, carries the unit."""
    if not re.search(r"\d\}?\s*$", piece):
        return piece, mapped
    from speclint.quantity.units import unit_table

    m = _UNIT_AFTER_MATH.match(raw[cursor : cursor + 40])
    if m is None or m.group(1).split("/")[0] not in unit_table().units:
        return piece, mapped
    if m.group(1) == "%" and not _QUOTIENT_ONLY.search(piece):
        return piece, mapped  # "$0.99 \times 3 = 2.97$%": the percent is a factor's as well
    start, end = cursor + m.start(1), cursor + m.end(1)
    if end > len(content_offsets):
        return piece, mapped
    return piece + " " + m.group(1), [*mapped, mapped[-1] + 1, *content_offsets[start:end]]


def _align(piece: str, raw: str, cursor: int) -> list[int] | None:
    """Map each character of ``piece`` to a position in ``raw`` at or after ``cursor``.

    Used where markup changed the text (``\\|`` in a table, ``&amp;``): each character is
    matched to the next equal character within a short window.
    """
    positions = []
    pos = cursor
    for ch in piece:
        found = raw.find(ch, pos, pos + 12)
        if found < 0:
            return None
        positions.append(found)
        pos = found + 1
    return positions
