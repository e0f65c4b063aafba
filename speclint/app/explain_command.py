"""The arguments of ``speclint explain``, apart from ``speclint.app.explain`` so that building
the command line does not import what only an explanation needs."""

from __future__ import annotations

from typing import Any

from speclint.app.output import add_text_or_json


def add_explain_command(commands: Any) -> None:
    """Register ``speclint explain FILE ... [--output-format text|json] [--plot FILE]``."""
    explain = commands.add_parser(
        "explain", help="show the facts, derived quantities and bounds speclint reads in files"
    )
    explain.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="Markdown files, directories or globs ('-' for stdin)",
    )
    where = explain.add_mutually_exclusive_group()
    where.add_argument("--config", metavar="PATH", help="use this configuration file")
    where.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    add_text_or_json(explain, "tables; with several files, a JSON list")
    explain.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw the roofline with each throughput and latency claim to FILE (.svg or "
        ".png; one document only; needs pip install 'speclint[plot]')",
    )
