"""## What it does
Checks a list or block of `Label: value` (or aligned `Label   value`) lines ending in a `Total`
line, table columns with a Total row, and a Total column (the run of columns to its left that the
other rows show). Only parts in the same unit kind and scope count (parts per GPU do not add up to
a total across the node); a shorter run of parts is accepted only below a whole it fills
(`GPU memory: 80 GB`). Whole bytes per parameter are exact; a Total row under a per-unit, percentile
or rate column is read as a sum only when it is larger than every part.

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
