"""Consistency rules: figures in one document that must agree with each other."""

from __future__ import annotations

from speclint import hookimpl
from speclint.rule import Rule, VerdictRule

PER_UNIT_TOTAL_MISMATCH = VerdictRule(
    code="SPC301",
    name="per-unit-total-mismatch",
    category="consistency",
    severity="error",
    summary="A system total does not equal the per-unit figure times the number of units.",
    explanation=(
        "Pairs `Achieved: 120 tokens/ms per GPU` with `Total System Throughput: 3,840 tokens/ms` "
        "in the same section and the document's one count of GPUs. Several per-unit figures or "
        "several counts make the check ambiguous, and it stays silent."
    ),
    rationale=(
        "The system total is what gets compared against demand; if it does not follow from the "
        "per-unit figure and the number of units, the plan is over- or under-provisioned."
    ),
    example=(
        "The cluster has 32 GPUs.\n"
        "\n"
        "- Per-GPU throughput: 120 tokens/ms per GPU\n"
        "- Total System Throughput: 3,480 tokens/ms\n"
    ),
    how_to_fix=(
        "Correct the total, the per-unit figure or the count, whichever is wrong; the "
        "suggestion assumes the total is."
    ),
    kinds=("per-unit",),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [PER_UNIT_TOTAL_MISMATCH]
