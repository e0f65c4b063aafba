"""## What it does
Formulas longer than 64 tokens, nested deeper than 16 levels, or with powers whose result would
exceed 4,096 bits are never evaluated.

## Why is this bad?
A claim that is not evaluated is not known to be right. The limits keep a hostile or accidental
document from exhausting memory or time; this finding says which formula was left unchecked so that
a reviewer can check it by hand.

## Example
```markdown
A tower of powers: 9^9^9^9 = 5.
```

## How to fix
Split the formula into smaller steps (intermediate results on their own lines), or check it by hand
and suppress the finding. It is an `info`, so it never fails a run.

## Fix safety
No fix is offered: the formula was not evaluated.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule


class UncheckedFormula(Rule):
    """Reports formulas past the evaluator's limits instead of evaluating them."""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for item in ctx.analysis.unchecked:
            yield ctx.diagnostic(
                self, item.where, item.start, item.end, f"formula not checked: {item.reason}"
            )


UNCHECKED_FORMULA = UncheckedFormula(
    code="SPC001",
    name="unchecked-formula",
    category="arithmetic",
    severity="info",
    summary="A formula is too large or too deep to evaluate safely, so it was not checked.",
    doc=__doc__,
)
