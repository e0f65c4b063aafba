"""## What it does
Facts come from `Label: value` lines, key-value tables, `name = value` definitions and config keys.
Two explicit statements of one fact that disagree are reported at the later one; the domain rules
then leave that fact alone.

## Why is this bad?
Every derived figure depends on which value is right; a doc that says 32 layers in one place and 40
in another cannot be checked, or trusted.

## Example
```markdown
- Layers: 32
- Hidden size: 4096

Later:

- Layers: 40
```

## How to fix
Make the statements agree, or name the two models differently.

## Fix safety
No fix is offered: only the author knows which value is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule


class ConflictingFactRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for first, later in ctx.domain.facts.conflicts():
            name = first.name.replace("_", " ")
            message = (
                f"{name} is {later.shown} here but {first.shown} on line "
                f"{first.line} ({first.text}); rules that need the {name} ignore both"
            )
            yield ctx.fact_diagnostic(self, later, message, [Related(first.line, first.text)])


CONFLICTING_FACT = ConflictingFactRule(
    code="SPC302",
    name="conflicting-fact",
    category="consistency",
    severity="warning",
    summary="A fact (layers, hidden size, GPU count, TP…) stated twice with different values.",
    doc=__doc__,
)
