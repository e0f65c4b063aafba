"""## What it does
For example tokens/s written as tokens/ms, or ms written as s.

## Why is this bad?
A factor of 1000 between per-second and per-millisecond rates (or k, M and G) is easy to miss in
review and moves capacity estimates by three orders of magnitude.

## Example
```markdown
- Serving rate per replica: 2,400 tokens/s = 2,400 tokens/ms
```

## How to fix
Fix the unit (per s vs per ms, k vs M) or scale the number by 1000.

## Fix safety
The fix is `unsafe`: only the author knows whether the number or the unit is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

FACTOR_1000_SLIP = VerdictRule(
    code="SPC204",
    name="factor-1000-slip",
    category="units",
    severity="warning",
    summary="A value is 1000× off its computation: per second vs per millisecond, or k/M/G.",
    doc=__doc__,
    status="slip",
    slip="thousand",
)
