"""## What it does
Checks a list or block of `Label: value` lines ending in a `Total` line, and table columns with a
Total row. Only parts in the same unit kind count, and a total that matches any run of parts ending
at it is accepted.

## Why is this bad?
A budget that does not add up hides a missing item or an over-commitment, and the total is usually
the figure compared against a limit.

## Example
```markdown
- Weights: 14.3 GB
- KV cache: 36.0 GB
- Activations: 6.2 GB
- Total: 60.8 GB
```

## How to fix
Correct the total, or add the part missing from the list.

## Fix safety
The suggestion assumes the total is wrong, so it is `unsafe`.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

SUM_MISMATCH = VerdictRule(
    code="SPC103",
    name="sum-mismatch",
    category="arithmetic",
    severity="error",
    summary="A total does not equal the sum of the parts listed above it.",
    doc=__doc__,
    kinds=("sum",),
)
