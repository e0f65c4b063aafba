"""Command line: ``speclint check [PATH ...] [--output-format FORMAT] [--stdin-filename NAME]``
and ``speclint rule CODE|--all``.

Exit codes follow ruff: 0 when no error-severity diagnostic was found, 1 when one was, and 2
for usage errors, unreadable files and internal errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .explain import add_explain_command, run_explain
from .files import discover
from .linter import FileResult, lint_files, lint_source
from .output import add_output_arguments, write_report
from .plugins import PluginError, all_rules, output_formats
from .rule_command import add_rule_command, run_rule_command

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser(formats: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speclint",
        description="Re-check the numeric claims and formulas in Markdown design documents.",
    )
    parser.add_argument("--version", action="version", version=f"speclint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="lint Markdown files or directories")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories (default: .); '-' reads standard input",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path to report for standard input",
    )
    add_output_arguments(check, formats)
    add_rule_command(commands)
    add_explain_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        formats = output_formats()
        all_rules()
    except PluginError as exc:
        print(f"speclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    parser = build_parser(list(formats))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "rule":
        return run_rule_command(args)
    if args.command == "explain":
        return run_explain(args)
    if args.command != "check":
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    return _check(args, formats)


def _check(args: argparse.Namespace, formats: dict) -> int:
    files = [p for p in args.paths if p != "-"]
    found, missing = discover(files)
    failed = False
    for path in missing:
        print(f"speclint: error: {path}: no such file or directory", file=sys.stderr)
        failed = True
    results: list[FileResult] = []
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        source = sys.stdin.read()
        if source.startswith("\ufeff"):
            source = source[1:]
        results.append(FileResult(name, source, lint_source(source, name)))
    results.extend(lint_files(found))
    diagnostics = []
    sources: dict[str, str] = {}
    for result in results:
        if result.error:
            print(f"speclint: error: {result.error}", file=sys.stderr)
            failed = True
        if result.warning:
            print(f"speclint: warning: {result.warning}", file=sys.stderr)
        if result.source is not None:
            sources[result.path] = result.source
        diagnostics.extend(result.diagnostics)
    if not write_report(args, formats, diagnostics, sources):
        failed = True
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_OK
