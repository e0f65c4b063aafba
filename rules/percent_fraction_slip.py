"""## What it does
0.38 is 38 %, not 0.38 %.

## Why is this bad?
A fraction written as a percentage is off by 100×, which turns a 35 % saving into a negligible one.

## Example
```markdown
- Compression saving: 0.35 = 0.35%
```

## How to fix
Multiply the fraction by 100 when writing it as a percentage (0.35 = 35%).

## Fix safety
The fix is `unsafe`: only the author knows whether the number or the unit is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

PERCENT_FRACTION_SLIP = VerdictRule(
    code="SPC205",
    name="percent-fraction-slip",
    category="units",
    severity="warning",
    summary="A value is 100× off its computation: a fraction written as a percentage.",
    doc=__doc__,
    status="slip",
    slip="percent",
)
