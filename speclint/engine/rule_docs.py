"""Rule documentation: what a rule checks, why, an example, how to fix or suppress it.

One renderer serves ``speclint rule`` (text and JSON) and the SARIF ``help`` of every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule

#: (JSON key, what it covers, the comment) for each inline suppression.
SUPPRESSIONS = (
    ("next_line", "the next line", "<!-- speclint-disable-next-line {code} -- reason -->"),
    ("line", "its own line", "<!-- speclint-disable-line {code} -->"),
    ("region", "a region", "<!-- speclint-disable {code} --> … <!-- speclint-enable -->"),
    ("file", "the whole file (every rule)", "<!-- speclint-disable-file -->"),
)
CONFIG_IGNORE = '[tool.speclint]\nignore = ["{code}"]'


def find_rule(rules: Iterable[Rule], query: str) -> Rule | None:
    """The rule whose code (any case) or name is ``query``."""
    for rule in rules:
        if query.upper() == rule.code or query == rule.name:
            return rule
    return None


def suppression_markdown(code: str) -> str:
    """How to silence ``code``: the inline comments and the config key."""
    lines = [f"- {where}: `{comment.format(code=code)}`" for _, where, comment in SUPPRESSIONS]
    config = CONFIG_IGNORE.format(code=code)
    return "\n".join(
        [
            "Add an HTML comment (it does not render) for",
            "",
            *lines,
            "",
            "or turn the rule off for the project in `pyproject.toml`:",
            "",
            f"```toml\n{config}\n```",
        ]
    )


def example_markdown(example: str) -> str:
    """A Markdown example in a fence longer than any backtick run inside it."""
    run, fence = 0, 3
    for char in example:
        run = run + 1 if char == "`" else 0
        fence = max(fence, run + 1)
    ticks = "`" * fence
    return f"{ticks}markdown\n{example.rstrip()}\n{ticks}"


def rule_markdown(rule: Rule, reported: Iterable[Diagnostic] = ()) -> str:
    """The rule's documentation as Markdown; ``reported`` are the example's diagnostics."""
    parts = [
        f"# {rule.name} ({rule.code})",
        f"Category: {rule.category}. Default severity: {rule.severity}.",
        "## What it checks",
        rule.summary + (f"\n\n{rule.explanation}" if rule.explanation else ""),
    ]
    if rule.rationale:
        parts += ["## Why it matters", rule.rationale]
    if rule.example:
        parts += ["## Example", example_markdown(rule.example)]
        shown = [f"{d.line}:{d.column}: {d.code} {d.message}" for d in reported]
        if shown:
            parts += ["speclint reports:", "```text\n" + "\n".join(shown) + "\n```"]
    if rule.how_to_fix:
        parts += ["## How to fix", rule.how_to_fix]
    parts += ["## How to suppress", suppression_markdown(rule.code)]
    return "\n\n".join(parts) + "\n"


def rule_dict(rule: Rule, reported: Iterable[Diagnostic] = ()) -> dict[str, Any]:
    """The rule's documentation as a JSON object (``speclint rule --output-format json``)."""
    reported = list(reported)
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "summary": rule.summary,
        "explanation": rule.explanation,
        "rationale": rule.rationale,
        "example": rule.example,
        "example_diagnostics": [d.to_dict() for d in reported],
        "how_to_fix": rule.how_to_fix,
        "suppression": {key: comment.format(code=rule.code) for key, _, comment in SUPPRESSIONS}
        | {"config": CONFIG_IGNORE.format(code=rule.code)},
        "markdown": rule_markdown(rule, reported),
    }
