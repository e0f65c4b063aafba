"""## What it does
Pairs `Achieved: 120 tokens/ms per GPU` with `Total System Throughput: 3,840 tokens/ms` in the same
section and the document's one count of GPUs. Several per-unit figures or several counts make the
check ambiguous, and it stays silent. (A table column that its other rows show to be the product
or quotient of two columns is arithmetic: SPC101.)

## Why is this bad?
The system total is what gets compared against demand; if it does not follow from the per-unit
figure and the number of units, the plan is over- or under-provisioned.

## Example
```markdown
The cluster has 32 GPUs.

- Per-GPU throughput: 120 tokens/ms per GPU
- Total System Throughput: 3,480 tokens/ms
```

## How to fix
Correct the total, the per-unit figure or the count, whichever is wrong; the suggestion assumes the
total is.

## Fix safety
The fix is `unsafe`: it assumes the total is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

PER_UNIT_TOTAL_MISMATCH = VerdictRule(
    code="SPC301",
    name="per-unit-total-mismatch",
    category="consistency",
    severity="error",
    summary="A system total does not equal the per-unit figure times the number of units.",
    doc=__doc__,
    kinds=("per-unit",),
)
