"""## What it does
Checks `19.2GB (30% of 64GB)`, `18 GB is 28% of 64 GB`, `18 GB of 64 GB (28%)` and `75 / 300 = 25%`.
A percentage written without decimals stands for ±0.5 points.

## Why is this bad?
A percentage that disagrees with its part and whole leaves the reader unsure which of the three
figures the plan relies on.

## Example
```markdown
- KV cache: 19.2 GB (20% of 64 GB)
```

## How to fix
Correct the percentage, the part or the whole, whichever is wrong; the suggestion assumes the stated
value is.

## Fix safety
The fix is `safe` only for a plain percentage off by at most 10 %; otherwise it is `unsafe`, since
the part or the whole may be what is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

PERCENTAGE_MISMATCH = VerdictRule(
    code="SPC102",
    name="percentage-mismatch",
    category="arithmetic",
    severity="error",
    summary="A percentage does not match the part and whole it describes.",
    doc=__doc__,
    kinds=("percentage",),
)
