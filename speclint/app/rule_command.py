"""``speclint rule CODE|NAME`` and ``speclint rule --all``: print rule documentation;
``speclint rule`` alone: one line per rule."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from speclint.app.output import add_text_or_json
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import lint_source
from speclint.engine.registry import all_rules
from speclint.engine.rule import Rule
from speclint.engine.rule_docs import find_rule, rule_dict, rule_doc, rule_markdown

EXIT_OK, EXIT_ERROR = 0, 2
EXAMPLE_PATH = "example.md"


def add_rule_command(commands: Any) -> None:
    """Register the ``rule`` subcommand on the parser's subcommands."""
    rule = commands.add_parser(
        "rule", help="explain a rule: what it checks, why, an example, how to fix or suppress it"
    )
    rule.add_argument(
        "rule", nargs="?", metavar="CODE", help="a rule code or name (none: list every rule)"
    )
    rule.add_argument("--all", action="store_true", help="explain every rule")
    add_text_or_json(rule, "Markdown")


def run_rule_command(args: argparse.Namespace) -> int:
    """Print the chosen rules' documentation; exit 2 for an unknown rule or a usage error."""
    rules = all_rules()
    if args.all and args.rule is not None:
        print("speclint: error: give a rule code or name, or --all", file=sys.stderr)
        return EXIT_ERROR
    if not args.all and args.rule is None:
        if args.output_format == "json":
            json.dump([_summary(rule) for rule in rules], sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            sys.stdout.write(rule_table(rules))
        return EXIT_OK
    if args.all:
        chosen = rules
    else:
        found = find_rule(rules, args.rule)
        if found is None:
            print(
                f"speclint: error: unknown rule {args.rule!r} (`speclint rule --all` lists them)",
                file=sys.stderr,
            )
            return EXIT_ERROR
        chosen = [found]
    if args.output_format == "json":
        docs = [rule_dict(rule, example_diagnostics(rule)) for rule in chosen]
        json.dump(docs if args.all else docs[0], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(rule_markdown(r, example_diagnostics(r)) for r in chosen))
    return EXIT_OK


COLUMNS = ("code", "name", "category", "severity", "summary")


def _summary(rule: Rule) -> dict[str, str]:
    return {column: str(getattr(rule, column)) for column in COLUMNS}


def rule_table(rules: Sequence[Rule]) -> str:
    """One line per rule: code, name, category, severity and summary, in aligned columns."""
    rows = [tuple(c.upper() for c in COLUMNS)] + [tuple(_summary(rule).values()) for rule in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True))
        + f"  {row[-1]}\n"
        for row in rows
    )


def example_diagnostics(rule: Rule) -> list[Diagnostic]:
    """What ``rule`` reports on its own example."""
    example = rule_doc(rule).example
    return lint_source(example, EXAMPLE_PATH, [rule]) if example else []
