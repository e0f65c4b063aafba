"""Arithmetic rules: a stated value against its formula, percentage, or sum of parts."""

from __future__ import annotations

from collections.abc import Iterator

from speclint import hookimpl
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule, VerdictRule

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
    rationale=(
        "Capacity, memory and cost plans are built on these figures; a wrong product or a "
        "dropped factor (the number of layers, bytes per parameter) propagates to every "
        "decision downstream."
    ),
    example="- Weights: 30 GB (13B params × 2 bytes)\n",
    how_to_fix=(
        "Correct the stated value (the suggested replacement keeps your notation and "
        "precision), or the formula if a factor is missing. The fix is `safe` only for a plain "
        "formula off by at most 10 %."
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
    rationale=(
        "A percentage that disagrees with its part and whole leaves the reader unsure which of "
        "the three figures the plan relies on."
    ),
    example="- KV cache: 19.2 GB (20% of 64 GB)\n",
    how_to_fix=(
        "Correct the percentage, the part or the whole, whichever is wrong; the suggestion "
        "assumes the stated value is."
    ),
    kinds=("percentage",),
)

ROUNDING_SLIP = VerdictRule(
    code="SPC104",
    name="rounding-slip",
    category="arithmetic",
    severity="info",
    summary="A value is within one unit in its last written digit of its computation.",
    explanation=(
        "`2141.0612 / 2 = 1070.530` writes 1070.5306 truncated instead of rounded (1070.531). "
        "The arithmetic is right; only the last digit is. Reported as info; raise its severity "
        "in the configuration to make it fail."
    ),
    rationale="A truncated last digit rarely matters, but a reader re-deriving it sees a mismatch.",
    example="- Per-shard size: 2141.0612 / 2 = 1070.530 MB\n",
    how_to_fix="Round the last digit (half up), or write fewer digits.",
    kinds=("formula", "percentage", "sum", "conversion", "per-unit"),
    status="slip",
    slip="rounding",
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
    rationale=(
        "A budget that does not add up hides a missing item or an over-commitment, and the "
        "total is usually the figure compared against a limit."
    ),
    example="- Weights: 14.3 GB\n- KV cache: 36.0 GB\n- Activations: 6.2 GB\n- Total: 60.8 GB\n",
    how_to_fix=(
        "Correct the total, or add the part missing from the list. The suggestion assumes the "
        "total is wrong, so it is `unsafe`."
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
    rationale=(
        "A claim that is not evaluated is not known to be right. The limits keep a hostile or "
        "accidental document from exhausting memory or time; this finding says which formula "
        "was left unchecked so that a reviewer can check it by hand."
    ),
    example="A tower of powers: 9^9^9^9 = 5.\n",
    how_to_fix=(
        "Split the formula into smaller steps (intermediate results on their own lines), or "
        "check it by hand and suppress the finding. It is an `info`, so it never fails a run."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [UNCHECKED_FORMULA, FORMULA_MISMATCH, PERCENTAGE_MISMATCH, ROUNDING_SLIP, SUM_MISMATCH]
