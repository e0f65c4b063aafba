"""Command line: ``speclint check [PATH ...] [--output-format FORMAT] [--stdin-filename NAME]``
and ``speclint rule CODE|--all``.

Exit codes follow ruff: 0 when no error-severity diagnostic was found, 1 when one was, and 2
for usage errors, unreadable files and internal errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from speclint.app import cache, progress
from speclint.app.config import ConfigError, Resolver, command_line_layer, describe
from speclint.app.explain_command import add_explain_command
from speclint.app.files import discover, report_missing
from speclint.app.output import add_output_arguments, write_report
from speclint.app.rule_command import add_rule_command, run_rule_command
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import FileResult, lint_files, lint_source, read_stream
from speclint.engine.registry import PluginError, all_rules, output_formats
from speclint.settings import Settings
from speclint.version import __version__

if TYPE_CHECKING:
    # Imported where a command or option needs them: a plain ``check`` does not.
    from speclint.app import review

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
        help="files, directories or globs ('docs/**/*.md'; '!GLOB' leaves files out; "
        "default: .); '-' reads standard input",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path to report for standard input",
    )
    add_output_arguments(check, formats)
    _add_fix_and_review_arguments(check)
    add_rule_command(commands)
    add_explain_command(commands)
    commands.add_parser(
        "server", help="run the language server over stdio (needs: pip install 'speclint[lsp]')"
    )
    _add_config_arguments(check)
    _add_speed_arguments(check)
    check.add_argument(
        "--watch",
        action="store_true",
        help="check, then check each file again when it changes, until Ctrl-C "
        "(needs: pip install 'speclint[watch]')",
    )
    clean = commands.add_parser("clean", help="remove the result cache")
    clean.add_argument("--cache-dir", metavar="PATH", help=CACHE_DIR_HELP)
    return parser


CACHE_DIR_HELP = (
    f"the result cache directory (default: ${cache.ENVIRONMENT_VARIABLE} "
    f"or ./{cache.DEFAULT_DIRECTORY})"
)


def _add_speed_arguments(check: argparse.ArgumentParser) -> None:
    """The result cache and parallel workers."""
    speed = check.add_argument_group("speed")
    speed.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the result cache"
    )
    speed.add_argument("--cache-dir", metavar="PATH", help=CACHE_DIR_HELP)
    speed.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        help="lint in N processes (default: the available cores)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _add_fix_and_review_arguments(check: argparse.ArgumentParser) -> None:
    """``--fix``, ``--unsafe-fixes``, ``--diff``, the exit-code flags and PR review."""
    fixing = check.add_argument_group("fixes")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    fixing.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too"
    )
    fixing.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff and write nothing (exit 1 if there is one)",
    )
    fixing.add_argument(
        "--add-suppression",
        nargs="?",
        const="",
        metavar="REASON",
        help="insert a speclint-disable-next-line comment (with the reason, if given) above "
        "every line with a finding; write it as --add-suppression=REASON before paths",
    )
    fixing.add_argument("--exit-zero", action="store_true", help="exit 0 even if problems remain")
    fixing.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 if any file was fixed, even if no problem remains",
    )
    adopting = check.add_argument_group("baselines").add_mutually_exclusive_group()
    adopting.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE (by claim, not line) and exit 0",
    )
    adopting.add_argument(
        "--baseline", metavar="FILE", help="report only findings that FILE does not record"
    )
    changed = check.add_argument_group("pull-request review").add_mutually_exclusive_group()
    changed.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only findings on lines changed since the merge base of REF and HEAD "
        "(committed, staged, unstaged and untracked changes), or whose inputs are on them",
    )
    changed.add_argument(
        "--diff-file",
        metavar="PATH",
        help="like --diff-base, with the changes read from a unified diff ('-' = stdin)",
    )


def _add_config_arguments(check: argparse.ArgumentParser) -> None:
    """Configuration: which file, and options that override every file's."""
    where = check.add_mutually_exclusive_group()
    where.add_argument(
        "--config",
        metavar="PATH",
        help="use this configuration file for every file (pyproject.toml or speclint.toml)",
    )
    where.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    for flag, purpose in (
        ("--select", "rules to enable, replacing the configuration's selection"),
        ("--extend-select", "rules to enable in addition to the configuration's"),
        ("--ignore", "rules to disable"),
    ):
        check.add_argument(
            flag,
            metavar="RULE,...",
            action="append",
            help=f"{purpose} (codes, prefixes, rule names or categories, comma-separated)",
        )
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude patterns to files named on the command line too",
    )
    check.add_argument(
        "--show-files", action="store_true", help="print the files that would be linted and exit"
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
    """The ``speclint`` command; returns the exit code. A reader that closes the pipe early
    (``speclint check docs | head``) ends the run quietly with exit 2: the report is cut."""
    try:
        return _main(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout
        return EXIT_ERROR


def _main(argv: Sequence[str] | None) -> int:
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
        from speclint.app.explain import run_explain

        return run_explain(args)
    if args.command == "clean":
        return _clean(args)
    if args.command == "server":
        from speclint.app.server import run_server

        return run_server()
    if args.command != "check":
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    if args.watch:
        return _watch(args, formats)
    return _check(args, formats)


#: What ``--watch`` cannot be combined with: it neither reads stdin nor writes files.
_NOT_WITH_WATCH = (
    ("'-'", lambda a: "-" in a.paths),
    ("--fix", lambda a: a.fix),
    ("--diff", lambda a: a.diff),
    ("--add-suppression", lambda a: a.add_suppression is not None),
    ("--write-baseline", lambda a: a.write_baseline is not None),
    ("--show-files", lambda a: a.show_files),
    ("--show-settings", lambda a: a.show_settings),
)


def _watch(args: argparse.Namespace, formats: dict) -> int:
    """``check --watch``: check the paths, then each changed file again, until interrupted."""
    from speclint.app.watch import run_watch

    clashing = [flag for flag, used in _NOT_WITH_WATCH if used(args)]
    if clashing:
        print(f"speclint: error: --watch cannot be used with {clashing[0]}", file=sys.stderr)
        return EXIT_ERROR

    def check(changed: list[str] | None) -> None:
        _check(
            args if changed is None else argparse.Namespace(**{**vars(args), "paths": changed}),
            formats,
        )

    def files() -> list[str]:
        try:
            return discover(list(args.paths), _resolver(args).config_in)[0]
        except ConfigError:
            return []

    return run_watch(list(args.paths), check, files)


def _check(args: argparse.Namespace, formats: dict) -> int:
    files = [p for p in args.paths if p != "-"]
    try:
        resolver = _resolver(args)
        if args.show_settings:
            return _show_settings(args, resolver)
        found, missing = discover(files, resolver.config_in)
        settings = [resolver.settings_for(path) for path in found]
        stdin_settings = (
            resolver.settings_for(args.stdin_filename or "-") if "-" in args.paths else None
        )
    except ConfigError as exc:
        print(f"speclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    failed = report_missing(missing)
    if args.show_files:
        sys.stdout.writelines(f"{path}\n" for path in found)
        return EXIT_ERROR if failed else EXIT_OK
    changes = None
    if args.diff_file is not None or args.diff_base is not None:
        from speclint.app import review

        try:
            changes = _review_changes(args, found)
        except review.ReviewError as exc:
            print(f"speclint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
    if args.add_suppression is not None:
        return _add_suppression(args, found, failed, changes, resolver)
    if args.fix or args.diff:
        return _fix(args, formats, found, failed, changes, resolver)
    diagnostics = []
    # Results stream in file by file; only the sources of files with findings are kept.
    sources: dict[str, str] = {}
    notes: list[str] = []  # printed after the run, so that they never break the bar
    for result in _results(args, found, settings, stdin_settings):
        if result.error:
            notes.append(f"speclint: error: {result.error}")
            failed = True
        if result.warning:
            notes.append(f"speclint: warning: {result.warning}")
        if result.source is not None and result.diagnostics:
            sources[result.path] = result.source
        diagnostics.extend(result.diagnostics)
    for note in notes:
        print(note, file=sys.stderr)
    if changes is not None:
        diagnostics = changes.select(diagnostics)
    if args.write_baseline is not None or args.baseline is not None:
        from speclint.app import baseline
    if args.write_baseline is not None:
        count = baseline.write(args.write_baseline, diagnostics)
        print(f"Wrote {count} findings to {args.write_baseline}.", file=sys.stderr)
        return EXIT_ERROR if failed else EXIT_OK
    if args.baseline is not None:
        try:
            diagnostics = baseline.new_findings(diagnostics, baseline.read(args.baseline))
        except baseline.BaselineError as exc:
            print(f"speclint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
    if not write_report(args, formats, diagnostics, sources, all_rules(), failed):
        failed = True
    return _exit_code(args, failed, diagnostics)


def _results(
    args: argparse.Namespace, found: list[str], settings: list[Settings], stdin: Settings | None
) -> Iterator[FileResult]:
    """Standard input's result (for ``-``), then each file's, as they are linted; with a
    progress bar on a terminal."""
    if stdin is not None:
        yield _lint_stdin(args.stdin_filename or "-", stdin)
    results = lint_files(found, args.jobs, settings, _cache(args))
    if progress.wanted(args.output_format):
        results = progress.track(results, len(found))
    yield from results


def _cache(args: argparse.Namespace) -> cache.Cache | None:
    if args.no_cache:
        return None
    return cache.Cache.open(cache.cache_directory(args.cache_dir), all_rules())


def _clean(args: argparse.Namespace) -> int:
    directory = cache.cache_directory(args.cache_dir)
    try:
        removed = cache.clean(directory)
    except OSError as exc:
        print(f"speclint: error: {directory}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{'removed' if removed else 'no speclint cache at'} {directory}", file=sys.stderr)
    return EXIT_OK


def _lint_stdin(name: str, settings: Settings) -> FileResult:
    """Lint standard input as ``lint_file`` lints a file: an internal error is reported, not
    raised."""
    try:
        source = read_stream(sys.stdin)
    except (OSError, UnicodeDecodeError) as exc:
        return FileResult(name, None, error=f"{name}: {exc}")
    try:
        return FileResult(name, source, lint_source(source, name, None, settings))
    except Exception as exc:
        return FileResult(
            name, source, error=f"{name}: internal error: {type(exc).__name__}: {exc}"
        )


def _exit_code(
    args: argparse.Namespace, failed: bool, remaining: list[Diagnostic], fixed: int = 0
) -> int:
    """2 on any failure; else 0 with --exit-zero; else 1 for a remaining error (or a fix,
    with --exit-non-zero-on-fix); else 0."""
    if failed:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_OK
    if args.exit_non_zero_on_fix and fixed:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if any(d.severity == "error" for d in remaining) else EXIT_OK


def _review_changes(args: argparse.Namespace, found: list[str]) -> review.Changes:
    """The changed lines for --diff-base or --diff-file."""
    from speclint.app import review

    if args.diff_file is not None:
        if args.diff_file == "-" and "-" in args.paths:
            raise review.ReviewError("--diff-file - and the path - cannot both read stdin")
        return review.changes_from_diff_file(args.diff_file)
    named = [args.stdin_filename] if "-" in args.paths and args.stdin_filename else []
    return review.changes_from_git(args.diff_base, [*found, *named])


def _add_suppression(
    args: argparse.Namespace,
    found: list[str],
    failed: bool,
    changes: review.Changes | None,
    resolver: Resolver,
) -> int:
    """--add-suppression: comment every finding of every file; exit 2 on any failure."""
    if "-" in args.paths or args.fix or args.diff:
        print(
            "speclint: error: --add-suppression writes files: not with '-', --fix or --diff",
            file=sys.stderr,
        )
        return EXIT_ERROR

    from speclint.app import suppress

    def lint(source: str, path: str) -> list[Diagnostic]:
        diagnostics = lint_source(source, path, None, resolver.settings_for(path))
        return diagnostics if changes is None else changes.select(diagnostics)

    outcomes = [suppress.add_to_file(path, lint, args.add_suppression) for path in found]
    for outcome in outcomes:
        if outcome.error:
            print(f"speclint: error: {outcome.error}", file=sys.stderr)
            failed = True
        for d in outcome.remaining:
            print(
                f"speclint: warning: {d.path}:{d.line}:{d.column}: {d.code} is still reported "
                "(a comment cannot suppress it here)",
                file=sys.stderr,
            )
    print(suppress.summary(outcomes), file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_OK


def _fix(
    args: argparse.Namespace,
    formats: dict,
    found: list[str],
    failed: bool,
    changes: review.Changes | None,
    resolver: Resolver,
) -> int:
    """--fix and --diff: fix every file (and stdin), then report what remains or the diff."""
    from speclint.app import fixes
    from speclint.reporters import full

    def lint(source: str, path: str) -> list[Diagnostic]:
        diagnostics = lint_source(source, path, None, resolver.settings_for(path))
        return diagnostics if changes is None else changes.select(diagnostics)

    stdin = None
    if "-" in args.paths:
        name = args.stdin_filename or "-"
        try:
            stdin = (name, read_stream(sys.stdin))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"speclint: error: {name}: {exc}", file=sys.stderr)
            return EXIT_ERROR
    run = fixes.run(found, stdin, lint, unsafe=args.unsafe_fixes, diff=args.diff)
    if args.diff:
        fixes.report_diff(run, args.unsafe_fixes, sys.stdout, sys.stderr, args.color)
        if failed or run.failed:
            return EXIT_ERROR
        return EXIT_FINDINGS if run.changed and not args.exit_zero else EXIT_OK
    reporter = formats[args.output_format]
    fixes.report_fix(
        run,
        args.unsafe_fixes,
        reporter,
        all_rules(),
        reporter is full.report,
        sys.stdout,
        sys.stderr,
        failed,
        args.color,
    )
    return _exit_code(args, failed or run.failed, run.remaining, run.fixed)
