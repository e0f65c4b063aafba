"""Arithmetic rules: a stated value against its formula, percentage, or sum of parts."""

from __future__ import annotations

from collections.abc import Iterator

from speclint import hookimpl
from speclint.diagnostics import Diagnostic
from speclint.rule import LintContext, Rule, VerdictRule

FORMULA_MISMATCH = VerdictRule(
    code="SPC101",
    name="formula-mismatch",
    category="arithmetic",
    severity="error",
    summary="A stated value does not equal the formula written next to it.",
    explanation=(
        "Checks values written with their formula, `0.62GB (8 × 3 × 512 × 1024 × 2 bytes)`, and "
        "equations such as `120 × 32 = 3,840` or `T = 2 · L · h`. Every number stands for the "
        "interval its written precision allows; the claim is wrong only when the stated and the "
        "computed intervals do not overlap."
    ),
    kinds=("formula",),
)

PERCENTAGE_MISMATCH = VerdictRule(
    code="SPC102",
    name="percentage-mismatch",
    category="arithmetic",
    severity="error",
    summary="A percentage does not match the part and whole it describes.",
    explanation=(
        "Checks `19.2GB (30% of 64GB)`, `18 GB is 28% of 64 GB`, `18 GB of 64 GB (28%)` and "
        "`75 / 300 = 25%`. A percentage written without decimals stands for ±0.5 points."
    ),
    kinds=("percentage",),
)

SUM_MISMATCH = VerdictRule(
    code="SPC103",
    name="sum-mismatch",
    category="arithmetic",
    severity="error",
    summary="A total does not equal the sum of the parts listed above it.",
    explanation=(
        "Checks a list or block of `Label: value` lines ending in a `Total` line, and table "
        "columns with a Total row. Only parts in the same unit kind count, and a total that "
        "matches any run of parts ending at it is accepted."
    ),
    kinds=("sum",),
)


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
    explanation=(
        "Formulas longer than 64 tokens, nested deeper than 16 levels, or with powers whose "
        "result would exceed 4,096 bits are never evaluated."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [UNCHECKED_FORMULA, FORMULA_MISMATCH, PERCENTAGE_MISMATCH, SUM_MISMATCH]
