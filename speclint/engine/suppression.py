"""Inline suppression in HTML comments, which Markdown does not render.

``<!-- speclint-disable CODE[,CODE] -->`` … ``<!-- speclint-enable [CODE] -->``,
``<!-- speclint-disable-next-line CODE -->``, a trailing ``<!-- speclint-disable-line CODE -->``
and ``<!-- speclint-disable-file [CODE] -->``. Codes or rule names, separated by commas or
spaces; none means every rule; an optional reason follows ``--``. Only comments outside code
count (``Document.comments``). Suppressions that suppress nothing are reported by SPC002.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from speclint.document import Comment, Document
from speclint.engine.diagnostics import Diagnostic, Problem
from speclint.engine.rule import Rule
from speclint.engine.selectors import rule_code
from speclint.patterns import lazy_re

VERBS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")
_DIRECTIVE = lazy_re(r"<!--\s*speclint-([a-z]+(?:-[a-z]+)*)(.*?)-->", re.DOTALL)
_SEPARATOR = lazy_re(r"[,\s]+")
_END = 10**9  # past the last line


@dataclass
class _Cover:
    """Lines [first, last] where ``code`` (``None``: every rule) is suppressed."""

    code: str | None
    first: int
    last: int
    used: bool = False


@dataclass
class _Directive:
    comment: Comment
    verb: str
    codes: list[str | None] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    covers: list[_Cover] = field(default_factory=list)


class Suppressions:
    """The suppression comments of one document, and which of them suppressed something."""

    def __init__(self, document: Document, rules: Sequence[Rule]) -> None:
        self.document = document
        self.names = {rule.code: rule.name for rule in rules}
        self.directives: list[_Directive] = []
        self.malformed: list[tuple[Comment, str]] = []
        open_covers: list[_Cover] = []
        for comment in document.comments:
            directive = self._parse(comment, rules)
            if directive is None:
                continue
            line = document.position(comment.start)[0]
            end_line = document.position(comment.end - 1)[0]
            self.directives.append(directive)
            if directive.verb == "enable":
                ending = set(directive.codes)
                for cover in open_covers:
                    if None in ending or cover.code in ending:
                        cover.last = line
                open_covers = [c for c in open_covers if c.last == _END]
                continue
            first, last = {
                "disable": (line, _END),
                "disable-line": (line, line),
                "disable-next-line": (end_line + 1, end_line + 1),
                "disable-file": (1, _END),
            }[directive.verb]
            directive.covers = [_Cover(code, first, last) for code in directive.codes]
            if directive.verb == "disable":
                open_covers.extend(directive.covers)

    def _parse(self, comment: Comment, rules: Sequence[Rule]) -> _Directive | None:
        match = _DIRECTIVE.fullmatch(comment.text)
        if match is None:
            return None
        verb, body = match.groups()
        if verb not in VERBS:
            self.malformed.append((comment, f"speclint-{verb}"))
            return None
        if body and not body[0].isspace():  # "speclint-disable:SPC101"
            self.malformed.append((comment, f"speclint-{verb}{body.split()[0]}"))
            return None
        directive = _Directive(comment, verb)
        tokens = [t for t in _SEPARATOR.split(body.split("--", 1)[0]) if t]
        for token in tokens:
            code = rule_code(token, rules)
            if code is None:
                directive.unknown.append(token)
            elif code not in directive.codes:
                directive.codes.append(code)
        if not tokens:
            directive.codes = [None]
        return directive

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics no comment suppresses; the comments that did are marked used."""
        kept = []
        for diagnostic in diagnostics:
            covering = [
                c for c in self._covers(diagnostic.line) if c.code in (None, diagnostic.code)
            ]
            for cover in covering:
                cover.used = True
            if not covering:
                kept.append(diagnostic)
        return kept

    def apply_by_code(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics no comment naming their code suppresses (for SPC002's own reports,
        which a blanket suppression must not hide)."""
        return [d for d in diagnostics if not any(c.code == d.code for c in self._covers(d.line))]

    def _covers(self, line: int) -> list[_Cover]:
        return [
            cover
            for directive in self.directives
            for cover in directive.covers
            if cover.first <= line <= cover.last
        ]

    def problems(self, enabled: frozenset[str]) -> list[Problem]:
        """Comments naming unknown rules or directives, and suppressions of enabled rules that
        suppressed nothing (a rule that did not run cannot have been suppressed)."""
        found = [
            self._problem(comment, f"unknown suppression directive {text!r}")
            for comment, text in self.malformed
        ]
        for directive in self.directives:
            parts = []
            if directive.unknown:
                parts.append("unknown rule " + ", ".join(map(repr, directive.unknown)))
            unused = [
                c.code
                for c in directive.covers
                if not c.used and (c.code is None or c.code in enabled)
            ]
            removable = not directive.unknown and len(unused) == len(directive.covers) > 0
            if None in unused:
                parts.append("unused suppression of every rule: nothing to suppress")
            elif unused:
                named = ", ".join(f"{code} ({self.names[code]})" for code in unused if code)
                parts.append(f"unused suppression of {named}: nothing to suppress")
            if parts:
                removal = self._removal(directive.comment) if removable else None
                found.append(self._problem(directive.comment, "; ".join(parts), removal))
        return sorted(found, key=lambda p: (p.line, p.column))

    def _problem(
        self, comment: Comment, message: str, removal: tuple[int, int, int, int] | None = None
    ) -> Problem:
        line, column = self.document.position(comment.start)
        end_line, end_column = self.document.position(comment.end - 1)
        return Problem(line, column, end_line, end_column + 1, message, removal)

    def _removal(self, comment: Comment) -> tuple[int, int, int, int]:
        """What deleting ``comment`` removes: its whole lines when nothing else is on them
        (and a line follows), else the comment with the blanks before it."""
        source = self.document.source
        line_start = source.rfind("\n", 0, comment.start) + 1
        line_end = source.find("\n", comment.end)
        before = source[line_start : comment.start]
        after = source[comment.end : line_end if line_end >= 0 else len(source)]
        if not before.strip() and not after.strip() and line_end >= 0:
            start, end = line_start, line_end + 1
        else:
            start = line_start + len(before.rstrip(" \t"))
            end = comment.end + (len(after) - len(after.lstrip(" \t")) if not before.strip() else 0)
        line, column = self.document.position(start)
        end_line, end_column = self.document.position(end)
        return line, column, end_line, end_column
