"""## What it does
1 GiB = 1.0737 GB. The number was computed in one and labelled with the other.

## Why is this bad?
GB and GiB differ by 7.4 %, enough to overflow a device that was sized to the byte.

## Example
```markdown
- Scratch volume: 512 GiB (512 GB)
```

## How to fix
Write the unit the number was computed in (GiB or GB), or convert the number.

## Fix safety
The fix is `unsafe`: only the author knows whether the number or the unit is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

BINARY_PREFIX_SLIP = VerdictRule(
    code="SPC202",
    name="binary-prefix-slip",
    category="units",
    severity="warning",
    summary="A value matches its computation only if GB is read as GiB (or the reverse).",
    doc=__doc__,
    status="slip",
    slip="binary-prefix",
)
