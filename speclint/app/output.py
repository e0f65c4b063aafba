"""Where and how ``speclint check`` reports: ``--output-format``, ``--output-file`` and
``--statistics`` (and the text-or-JSON choice of ``explain`` and ``rule``)."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from speclint.app.statistics import write_statistics
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.registry import Reporter
from speclint.engine.rule import Rule
from speclint.reporters import full, github
from speclint.reporters.terminal import COLOR_CHOICES, PLAIN, Style, style_for

DEFAULT_FORMAT = "full"
#: Formats whose ``--statistics`` are printed as JSON.
JSON_FORMATS = ("json", "json-lines")


def add_output_arguments(check: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    """The output options of ``speclint check``."""
    check.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=sorted(formats),
        default=DEFAULT_FORMAT,
        metavar="FORMAT",
        help=f"one of: {', '.join(sorted(formats))} (default: {DEFAULT_FORMAT})",
    )
    check.add_argument(
        "-o",
        "--output-file",
        metavar="PATH",
        help="write the report to PATH (parent directories are created) instead of stdout",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="print how many diagnostics each rule reported instead of the diagnostics",
    )
    check.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the full output by severity: auto (the default: on a terminal, unless "
        "NO_COLOR is set, or when FORCE_COLOR is), always or never",
    )


def add_text_or_json(command: argparse.ArgumentParser, text: str) -> None:
    """``--output-format text|json`` of ``speclint explain`` and ``speclint rule``; ``text``
    says what the text form is."""
    command.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=("text", "json"),
        default="text",
        help=f"text ({text}, the default) or json",
    )


#: Said instead of "All checks passed!" when some file could not be checked (exit 2).
NOT_ALL_CHECKED = "No problems found in what was checked, but not everything could be checked."


def write_report(
    args: argparse.Namespace,
    formats: Mapping[str, Reporter],
    diagnostics: list[Diagnostic],
    sources: Mapping[str, str],
    rules: Sequence[Rule],
    failed: bool = False,
) -> bool:
    """Report in the chosen format (or the statistics) to stdout or ``--output-file``; False,
    with a message on stderr, when the file cannot be written. After a ``failed`` run (some
    file could not be checked), no report says "All checks passed!", nor does GitHub's job
    summary."""
    buffer = io.StringIO()
    stream = sys.stdout if args.output_file is None else buffer
    style = style_for(args.color, stream) if formats[args.output_format] is full.report else PLAIN
    _emit(args, formats, diagnostics, sources, rules, buffer, style)
    report = not_all_checked(buffer.getvalue()) if failed else buffer.getvalue()
    written = _write(args.output_file, report)
    if formats[args.output_format] is github.report and not args.statistics:
        github.append_step_summary(diagnostics, complete=written and not failed)
    return written


def _write(output_file: str | None, report: str) -> bool:
    """Write ``report`` to stdout or ``output_file``; False, with a message, when it fails."""
    if output_file is None:
        sys.stdout.write(report)
        return True
    path = Path(output_file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write(report)
    except OSError as exc:
        print(f"speclint: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def not_all_checked(report: str) -> str:
    """``report`` with "All checks passed!" replaced by ``NOT_ALL_CHECKED``."""
    return report.replace("All checks passed!", NOT_ALL_CHECKED)


def _emit(
    args: argparse.Namespace,
    formats: Mapping[str, Reporter],
    diagnostics: list[Diagnostic],
    sources: Mapping[str, str],
    rules: Sequence[Rule],
    out: TextIO,
    style: Style = PLAIN,
) -> None:
    if args.statistics:
        write_statistics(diagnostics, out, as_json=args.output_format in JSON_FORMATS)
    elif style != PLAIN:
        full.report(diagnostics, sources, out, rules, style)
    else:
        formats[args.output_format](diagnostics, sources, out, rules)
