"""Key-value lines of fenced YAML, TOML and INI-like blocks, with their comments.

``kv_tokens: 19180   # 25.1e9 / 131072`` is a key (with the path of the YAML mappings it sits
in), a value and a comment, each with the source offset of every character. Claims read the
comments (formulas, restatements of the value); domain facts may read the keys. This module only
parses: it knows nothing about units or claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speclint.document import Document, Fence
from speclint.patterns import lazy_re

#: Info strings of the blocks read as configuration.
CONFIG_LANGUAGES = frozenset(
    {"yaml", "yml", "toml", "ini", "cfg", "conf", "properties", "env", "dotenv"}
)

#: Languages whose comments may also start with ``;``.
_SEMICOLON_COMMENTS = frozenset({"ini", "cfg", "conf", "properties"})


def _patterns(marks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``key: value  # comment``, ``key = value ; comment``, ``- key: value`` (a comment mark
    starts a comment at the start of a line or after a space), and comment-only lines."""
    entry = lazy_re(
        rf"""^(?P<indent>[ \t]*)(?:-[ \t]+)?
        (?P<key>[A-Za-z_][\w.\-]*|"[^"]+"|'[^']+')[ \t]*[:=](?:[ \t]+|$)
        (?P<value>"[^"]*"|'[^']*'|[^{marks}\s](?:[^\n]*?[^\s])??)??
        [ \t]*(?:(?<=[ \t])(?P<mark>[{marks}])[ \t]?(?P<comment>.*?))?[ \t]*$""",
        re.VERBOSE,
    )
    comment = lazy_re(rf"^[ \t]*(?P<mark>[{marks}])[ \t]?(?P<comment>.*?)[ \t]*$")
    return entry, comment


_HASH = _patterns("#")
_HASH_OR_SEMICOLON = _patterns("#;")


@dataclass(frozen=True)
class ConfigEntry:
    """One line of a configuration block: ``key: value  # comment`` (each part may be empty;
    a comment-only line has neither key nor value)."""

    key: str
    #: Keys of the mappings the line is nested in (YAML indentation), outermost first.
    path: tuple[str, ...]
    value: str
    value_offsets: tuple[int, ...]
    comment: str
    comment_offsets: tuple[int, ...]
    language: str


def config_entries(doc: Document) -> list[ConfigEntry]:
    """Every key-value or comment line of the document's configuration blocks, in order."""
    entries: list[ConfigEntry] = []
    for fence in doc.fences:
        if fence.info in CONFIG_LANGUAGES:
            entries.extend(_block_entries(fence))
    return entries


def _block_entries(fence: Fence) -> list[ConfigEntry]:
    entries: list[ConfigEntry] = []
    stack: list[tuple[int, str]] = []  # (indent, key) of the open mappings
    section: tuple[str, ...] = ()  # a TOML/INI [section]
    entry_line, comment_line = _HASH_OR_SEMICOLON if fence.info in _SEMICOLON_COMMENTS else _HASH
    for text, offsets in fence.lines:
        stripped = text.strip()
        if stripped.startswith("[") and stripped.endswith("]") and fence.info != "yaml":
            section, stack = (stripped.strip("[] "),), []
            continue
        match = entry_line.match(text)
        if match is None:
            match = comment_line.match(text)
            if match is not None and match.group("comment"):
                path = section + tuple(key for _, key in stack)
                entries.append(_entry(match, offsets, "", path, fence.info))
            continue
        indent = len(match.group("indent"))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        key = match.group("key").strip("'\"")
        path = section + tuple(k for _, k in stack)
        entries.append(_entry(match, offsets, key, path, fence.info))
        if not match.group("value"):
            stack.append((indent, key))
    return entries


def _entry(
    match: re.Match[str], offsets: tuple[int, ...], key: str, path: tuple[str, ...], info: str
) -> ConfigEntry:
    groups = match.groupdict()
    value = groups.get("value") or ""
    value_offsets = offsets[match.start("value") : match.end("value")] if value else ()
    comment = match.group("comment") or ""
    comment_offsets = offsets[match.start("comment") : match.end("comment")] if comment else ()
    if len(value_offsets) != len(value) or len(comment_offsets) != len(comment):
        value, value_offsets, comment, comment_offsets = "", (), "", ()
    return ConfigEntry(key, path, value, value_offsets, comment, comment_offsets, info)
