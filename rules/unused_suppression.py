"""## What it does
Like ruff's RUF100: a `<!-- speclint-disable… -->` comment whose rules reported nothing where it
applies is stale (the numbers agree again) and hides the next real error. A suppression of a rule
that is not selected for the file is not reported.

## Why is this bad?
A suppression outlives the error it was written for: once the numbers agree it hides the next real
mistake on that line, and a misspelt code never suppressed anything.

## Example
```markdown
- Weights: 26 GB (13B params × 2 bytes) <!-- speclint-disable-line SPC101 -->
```

## How to fix
Delete the comment, or correct the rule code or name it gives.

## Fix safety
A comment all of whose rules suppressed nothing has a safe fix that deletes it (its whole line
when nothing else is on it). A comment naming an unknown rule, or also suppressing something,
has none: whether to delete it or correct its code is yours to decide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.engine.rule import LintContext, Rule


class UnusedSuppression(Rule):
    """Reports suppression comments that suppressed nothing or name unknown rules."""

    after_suppression = True

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for problem in ctx.suppression_problems:
            position = (problem.line, problem.column, problem.end_line, problem.end_column)
            diagnostic = ctx.diagnostic_at(self, position, problem.message)
            if problem.removal is not None:
                diagnostic = replace(diagnostic, fix=Fix("", *problem.removal, "safe"))
            yield diagnostic


UNUSED_SUPPRESSION = UnusedSuppression(
    code="SPC002",
    name="unused-suppression",
    category="suppression",
    severity="warning",
    summary="A suppression comment suppresses nothing, or names an unknown rule.",
    doc=__doc__,
)
