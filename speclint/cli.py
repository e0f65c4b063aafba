"""Command line: ``speclint check [PATH ...] [--format text|json] [--stdin-filename NAME]``.

Exit codes follow ruff: 0 when no error-severity diagnostic was found, 1 when one was, and 2
for usage errors, unreadable files and internal errors.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import ConfigError, Resolver, command_line_layer, describe
from .files import discover
from .linter import FileResult, lint_files, lint_source
from .plugins import PluginError, all_rules, output_formats

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
        "--format",
        choices=sorted(formats),
        default="text",
        help="output format (default: text)",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path to report for standard input",
    )
    _add_config_arguments(check)
    return parser


def _add_config_arguments(check: argparse.ArgumentParser) -> None:
    """Configuration: which file, and options that override every file's."""
    where = check.add_mutually_exclusive_group()
    where.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file for every file (pyproject.toml or speclint.toml)",
    )
    where.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    for flag, text in (
        ("--select", "rules to enable, replacing the configuration's selection"),
        ("--extend-select", "rules to enable in addition to the configuration's"),
        ("--ignore", "rules to disable"),
    ):
        check.add_argument(
            flag,
            metavar="RULE,...",
            action="append",
            help=f"{text} (codes, prefixes, rule names or categories, comma-separated)",
        )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude patterns to files named on the command line too",
    )
    check.add_argument(
        "--show-settings",
        action="store_true",
        help="print the effective settings for each PATH and exit",
    )


def _resolver(args: argparse.Namespace) -> Resolver:
    """The configuration resolver for this run; raises ``ConfigError``."""

    def listed(values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        return [item.strip() for value in values for item in value.split(",") if item.strip()]

    rules = all_rules()
    cli = command_line_layer(
        rules,
        listed(args.select),
        listed(args.extend_select) or [],
        listed(args.ignore) or [],
        args.force_exclude,
    )
    return Resolver(rules, cli, args.config, args.isolated)


def _show_settings(args: argparse.Namespace, resolver: Resolver) -> int:
    for path in args.paths:
        name = (args.stdin_filename or "-") if path == "-" else path
        is_dir = Path(name).is_dir()
        config = resolver.config_in(Path(name)) if is_dir else resolver.config_for(name)
        sys.stdout.write(describe(config, name))
    return EXIT_OK


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
    if args.command != "check":
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    return _check(args, formats)


def _check(args: argparse.Namespace, formats: dict) -> int:
    files = [p for p in args.paths if p != "-"]
    try:
        resolver = _resolver(args)
        if args.show_settings:
            return _show_settings(args, resolver)
        found, missing = discover(files, resolver.config_in)
        settings = [resolver.settings_for(path) for path in found]
        stdin_settings = resolver.settings_for(args.stdin_filename or "-")
    except ConfigError as exc:
        print(f"speclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
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
        results.append(FileResult(name, source, lint_source(source, name, None, stdin_settings)))
    results.extend(lint_files(found, settings=settings))
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
    formats[args.format](diagnostics, sources, sys.stdout)
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_OK
