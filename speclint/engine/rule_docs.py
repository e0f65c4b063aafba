"""Rule documentation: what a rule checks, why, an example, how to fix or suppress it.

A rule documents itself in its module docstring (``Rule.doc``), in sections as ruff's rules
do: ``## What it does``, ``## Why is this bad?``, ``## Example`` (a fenced Markdown snippet
the rule reports), ``## How to fix`` and ``## Fix safety``. One renderer serves
``speclint rule`` (text and JSON) and the SARIF ``help`` of every rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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
#: The docstring section each field of ``RuleDoc`` is read from.
SECTIONS = {
    "explanation": "What it does",
    "rationale": "Why is this bad?",
    "example": "Example",
    "how_to_fix": "How to fix",
    "fix_safety": "Fix safety",
}


@dataclass(frozen=True)
class RuleDoc:
    """A rule's documentation, read from its docstring; a missing section is empty."""

    #: What the rule checks, in more detail than its ``summary`` (Markdown).
    explanation: str = ""
    #: Why a finding matters (Markdown).
    rationale: str = ""
    #: A Markdown snippet the rule reports; ``speclint rule`` lints it to show the finding.
    example: str = ""
    #: How to correct a finding (suppression is documented for every rule alike).
    how_to_fix: str = ""
    #: Whether the suggested fix can be applied without review, and when none is offered.
    fix_safety: str = ""


def rule_doc(rule: Rule) -> RuleDoc:
    """The documentation in ``rule.doc``, section by section."""
    sections = _sections(rule.doc or "")
    fields = {key: sections.get(title, "") for key, title in SECTIONS.items()}
    fields["example"] = _fenced(fields["example"])
    return RuleDoc(**fields)


def _sections(doc: str) -> dict[str, str]:
    """``## Title`` → its body, each paragraph unwrapped to one line, fenced blocks verbatim."""
    sections: dict[str, list[str]] = {}
    body: list[str] = []
    for line in doc.strip().splitlines():
        if line.startswith("## "):
            body = sections.setdefault(line[3:].strip(), [])
        else:
            body.append(line)
    return {title: _unwrap(lines) for title, lines in sections.items()}


def _unwrap(lines: list[str]) -> str:
    """Paragraphs joined into one line each (as the old one-line strings were), fences kept."""
    blocks: list[str] = []
    paragraph: list[str] = []
    code: list[str] = []
    fence = ""
    for line in lines:
        if fence:
            code.append(line)
            if line.strip() == fence:
                blocks.append("\n".join(code))
                fence, code = "", []
            continue
        if line.startswith("```") or not line.strip():
            if paragraph:
                blocks.append(" ".join(paragraph))
                paragraph = []
            if line.strip():
                fence, code = line[: len(line) - len(line.lstrip("`"))], [line]
            continue
        paragraph.append(line.strip())
    blocks += [" ".join(paragraph)] if paragraph else []
    blocks += ["\n".join(code)] if code else []
    return "\n\n".join(blocks)


def _fenced(text: str) -> str:
    """The contents of the fenced block ``text`` is, ending in a newline ("" if it is none)."""
    lines = text.splitlines()
    if len(lines) < 2 or not lines[0].startswith("```"):
        return ""
    return "\n".join(lines[1:-1]) + "\n"


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
    doc = rule_doc(rule)
    parts = [
        f"# {rule.name} ({rule.code})",
        f"Category: {rule.category}. Default severity: {rule.severity}.",
        "## What it checks",
        rule.summary + (f"\n\n{doc.explanation}" if doc.explanation else ""),
    ]
    if doc.rationale:
        parts += ["## Why it matters", doc.rationale]
    if doc.example:
        parts += ["## Example", example_markdown(doc.example)]
        shown = [f"{d.line}:{d.column}: {d.code} {d.message}" for d in reported]
        if shown:
            parts += ["speclint reports:", "```text\n" + "\n".join(shown) + "\n```"]
    if doc.how_to_fix:
        parts += ["## How to fix", doc.how_to_fix]
    if doc.fix_safety:
        parts += ["## Fix safety", doc.fix_safety]
    parts += ["## How to suppress", suppression_markdown(rule.code)]
    return "\n\n".join(parts) + "\n"


def rule_dict(rule: Rule, reported: Iterable[Diagnostic] = ()) -> dict[str, Any]:
    """The rule's documentation as a JSON object (``speclint rule --output-format json``)."""
    reported = list(reported)
    doc = rule_doc(rule)
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "severity": rule.severity,
        "summary": rule.summary,
        "explanation": doc.explanation,
        "rationale": doc.rationale,
        "example": doc.example,
        "example_diagnostics": [d.to_dict() for d in reported],
        "how_to_fix": doc.how_to_fix,
        "fix_safety": doc.fix_safety,
        "suppression": {key: comment.format(code=rule.code) for key, _, comment in SUPPRESSIONS}
        | {"config": CONFIG_IGNORE.format(code=rule.code)},
        "markdown": rule_markdown(rule, reported),
    }
