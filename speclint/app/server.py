"""``speclint server``: a Language Server Protocol server over stdio (pygls, the ``lsp`` extra).

Diagnostics on open, change (debounced) and save; related information at each input's line;
code actions for the safe and unsafe fixes and for a suppression comment; hover on a flagged
number (its derivation and inputs) and on a fact (the line it was read from, or the catalog
entry of the model or accelerator named there). Settings come from the same configuration files
as ``speclint check``; the result of linting a text is kept in memory, so an unchanged document
is not linted again.
"""

from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import unquote, urlparse

from speclint.app.config import ConfigError, Resolver, command_line_layer
from speclint.app.hover import Hover, diagnostics_markdown, fact_hover
from speclint.domain.view import Domain
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import lint_source
from speclint.engine.registry import all_rules
from speclint.engine.rule import LintContext
from speclint.judgement.analysis import analyze
from speclint.version import __version__

#: Seconds to wait after a change before linting (another change restarts the wait).
DEBOUNCE_SECONDS = 0.3
#: How many linted texts are kept in memory.
CACHE_SIZE = 64
INSTALL_HINT = "speclint server needs pygls: pip install 'speclint[lsp]'"

Lint = Callable[[str, str], list[Diagnostic]]


class Linter:
    """Lints texts with each path's configured settings, remembering recent results by
    (path, text)."""

    def __init__(self, lint: Lint | None = None) -> None:
        self._lint = lint or self._configured
        self._cache: OrderedDict[tuple[str, str], list[Diagnostic]] = OrderedDict()
        self._domains: OrderedDict[tuple[str, str], Domain] = OrderedDict()
        self.resolver = self._new_resolver()
        self.hits = self.misses = 0
        self.error: str | None = None

    @staticmethod
    def _new_resolver() -> Resolver:
        rules = all_rules()
        return Resolver(rules, command_line_layer(rules, None, [], [], False))

    def _configured(self, text: str, path: str) -> list[Diagnostic]:
        return lint_source(text, path, None, self.resolver.settings_for(path))

    def reload(self) -> None:
        """Forget the configuration and every result (a configuration file may have changed)."""
        self.resolver = self._new_resolver()
        self._cache.clear()
        self._domains.clear()

    def lint(self, text: str, path: str) -> list[Diagnostic]:
        """The diagnostics for ``text`` at ``path``; a configuration error gives none and is
        kept in ``error``."""
        key = (path, text)
        if key in self._cache:
            self.hits += 1
            self._cache.move_to_end(key)
            return self._cache[key]
        self.misses += 1
        try:
            found = self._lint(text, path)
            self.error = None
        except ConfigError as exc:
            self.error = str(exc)
            return []
        self._cache[key] = found
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return found

    def domain(self, text: str, path: str) -> Domain | None:
        """What speclint reads in ``text`` (facts, hardware, the named model), for hovers;
        ``None`` when the configuration is broken. Kept like the diagnostics."""
        key = (path, text)
        if key not in self._domains:
            try:
                settings = self.resolver.settings_for(path)
            except ConfigError:
                return None
            analysis = analyze(
                text, path, tolerance=settings.tolerance, code_languages=settings.code_languages
            )
            self._domains[key] = LintContext(analysis, settings).domain
            while len(self._domains) > CACHE_SIZE:
                self._domains.popitem(last=False)
        self._domains.move_to_end(key)
        return self._domains[key]

    def hover(self, text: str, path: str, line: int, column: int) -> Hover | None:
        """What hovering 1-based ``column`` of ``line`` shows: the findings there, else the
        facts."""
        here = [
            d
            for d in self.lint(text, path)
            if d.line == line and d.column <= column < max(d.end_column, d.column + 1)
        ]
        lines = text.split("\n")
        line_text = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
        if here:
            end = here[0].end_column if here[0].end_line == line else len(line_text) + 1
            return Hover(diagnostics_markdown(here), here[0].column, end)
        domain = self.domain(text, path)
        if domain is None:
            return None
        found = fact_hover(domain, self.resolver.settings_for(path), line, column, line_text)
        users = [d for d in self.lint(text, path) if any(r.line == line for r in d.related)]
        if found is None or not users:
            return found
        listed = ", ".join(f"{d.code} on line {d.line}" for d in users)
        return replace(found, text=f"{found.text}\n\nAn input of: {listed}")


def uri_to_path(uri: str) -> str:
    """A ``file:`` URI's path; any other URI as it is (relative to the working directory)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return uri
    return unquote(parsed.path)


def utf16_column(line: str, column: int) -> int:
    """The 0-based UTF-16 offset (LSP's default unit) of 1-based character ``column``."""
    return len(line[: column - 1].encode("utf-16-le")) // 2


def character_column(line: str, utf16: int) -> int:
    """The 1-based character column at 0-based UTF-16 offset ``utf16``."""
    units = 0
    for index, char in enumerate(line):
        if units >= utf16:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def suppression_comment(line_text: str, code: str) -> str:
    """The comment line that suppresses ``code`` on the line after it, indented like it."""
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    return f"{indent}<!-- speclint-disable-next-line {code} -- reason -->\n"


def build_server() -> Any:
    """The language server (pygls is imported here, so the rest of speclint does not need it)."""
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer

    server = LanguageServer("speclint", __version__)
    linter = Linter()
    pending: dict[str, asyncio.Task] = {}
    severity = {
        "error": lsp.DiagnosticSeverity.Error,
        "warning": lsp.DiagnosticSeverity.Warning,
        "info": lsp.DiagnosticSeverity.Information,
    }

    def lines_of(uri: str) -> list[str]:
        return server.workspace.get_text_document(uri).source.split("\n")

    def line_at(lines: list[str], number: int) -> str:
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else ""

    def span(lines: list[str], line: int, column: int, end_line: int, end_column: int) -> Any:
        return lsp.Range(
            lsp.Position(line - 1, utf16_column(line_at(lines, line), column)),
            lsp.Position(end_line - 1, utf16_column(line_at(lines, end_line), end_column)),
        )

    def whole_line(lines: list[str], line: int) -> Any:
        return lsp.Range(
            lsp.Position(line - 1, 0),
            lsp.Position(line - 1, utf16_column(line_at(lines, line), 10**9)),
        )

    def current(uri: str) -> tuple[list[Diagnostic], list[str]]:
        document = server.workspace.get_text_document(uri)
        return linter.lint(document.source, uri_to_path(uri)), document.source.split("\n")

    def to_lsp(diag: Diagnostic, uri: str, lines: list[str]) -> Any:
        return lsp.Diagnostic(
            range=span(lines, diag.line, diag.column, diag.end_line, diag.end_column),
            message=f"[{diag.category}] {diag.message}",
            severity=severity.get(diag.severity, lsp.DiagnosticSeverity.Warning),
            code=diag.code,
            source="speclint",
            related_information=[
                lsp.DiagnosticRelatedInformation(
                    lsp.Location(uri, whole_line(lines, r.line)), r.message
                )
                for r in diag.related
            ]
            or None,
            data={"rule": diag.rule, "category": diag.category},
        )

    def publish(uri: str) -> None:
        diagnostics, lines = current(uri)
        if linter.error:
            server.window_show_message(
                lsp.ShowMessageParams(lsp.MessageType.Error, f"speclint: {linter.error}")
            )
        server.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri, [to_lsp(d, uri, lines) for d in diagnostics])
        )

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: Any, params: lsp.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: Any, params: lsp.DidSaveTextDocumentParams) -> None:
        if os.path.basename(uri_to_path(params.text_document.uri)) in (
            "pyproject.toml",
            "speclint.toml",
            ".speclint.toml",
        ):
            linter.reload()
            return
        publish(params.text_document.uri)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: Any, params: lsp.DidChangeWatchedFilesParams) -> None:
        linter.reload()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: Any, params: lsp.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in pending:
            pending[uri].cancel()
        pending[uri] = asyncio.ensure_future(_later(uri))

    async def _later(uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        pending.pop(uri, None)
        publish(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: Any, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in pending:
            pending.pop(uri).cancel()
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: Any, params: lsp.CodeActionParams) -> list[Any]:
        uri = params.text_document.uri
        diagnostics, lines = current(uri)
        first, last = params.range.start.line + 1, params.range.end.line + 1
        actions = []
        for diag in diagnostics:
            if diag.end_line < first or diag.line > last:
                continue
            ours = [to_lsp(diag, uri, lines)]
            fix = diag.fix
            if fix is not None:
                original = line_at(lines, fix.line)[fix.column - 1 : fix.end_column - 1]
                edit = lsp.TextEdit(
                    span(lines, fix.line, fix.column, fix.end_line, fix.end_column),
                    fix.replacement,
                )
                actions.append(
                    lsp.CodeAction(
                        title=f"Replace {original!r} with {fix.replacement!r} "
                        f"({fix.applicability} fix, {diag.code})",
                        kind=lsp.CodeActionKind.QuickFix,
                        diagnostics=ours,
                        is_preferred=fix.applicability == "safe",
                        edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                    )
                )
            comment = suppression_comment(line_at(lines, diag.line), diag.code)
            at = lsp.Position(diag.line - 1, 0)
            actions.append(
                lsp.CodeAction(
                    title=f"Suppress {diag.code} on line {diag.line} (comment with a reason)",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=ours,
                    edit=lsp.WorkspaceEdit(
                        changes={uri: [lsp.TextEdit(lsp.Range(at, at), comment)]}
                    ),
                )
            )
        return actions

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: Any, params: lsp.HoverParams) -> Any:
        uri = params.text_document.uri
        lines = lines_of(uri)
        line = params.position.line + 1
        column = character_column(line_at(lines, line), params.position.character)
        found = linter.hover(
            server.workspace.get_text_document(uri).source, uri_to_path(uri), line, column
        )
        if found is None:
            return None
        return lsp.Hover(
            lsp.MarkupContent(lsp.MarkupKind.Markdown, found.text),
            span(lines, line, found.column, line, found.end_column),
        )

    server.speclint_linter = linter  # type: ignore[attr-defined]
    return server


def run_server() -> int:
    """Serve over stdio until the client exits; 2 when pygls is not installed."""
    try:
        server = build_server()
    except ImportError:
        import sys

        print(f"speclint: error: {INSTALL_HINT}", file=sys.stderr)
        return 2
    server.start_io()
    return 0
