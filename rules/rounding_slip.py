"""## What it does
Finds a value within one unit in its last written digit of its computation:
`2141.0612 / 2 = 1070.530` writes 1070.5306 truncated instead of rounded (1070.531). The
arithmetic is right; only the last digit is. Reported as info; raise its severity in the
configuration to make it fail.

## Why is this bad?
A truncated last digit rarely matters, but a reader who re-derives it sees a mismatch.

## Example
```markdown
- Per-shard size: 2141.0612 / 2 = 1070.530 MB
```

## How to fix
Round the last digit half up, or write fewer digits.

## Fix safety
The fix is `unsafe`: it rewrites the last digit the author wrote.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

ROUNDING_SLIP = VerdictRule(
    code="SPC104",
    name="rounding-slip",
    category="arithmetic",
    severity="info",
    summary="A value is within one unit in its last written digit of its computation.",
    doc=__doc__,
    status="slip",
    slip="rounding",
)
