"""## What it does
Network rates are quoted in bits (Gb/s); memory in bytes (GB/s).

## Why is this bad?
An 8× error in a link or storage rate makes transfer times and bandwidth estimates wrong by the same
factor.

## Example
```markdown
- Replication link: 10 Gb/s = 10 GB/s
```

## How to fix
Use `b`/`bit` for bits and `B` for bytes, and convert with 8 bits per byte.

## Fix safety
The fix is `unsafe`: only the author knows whether the number or the unit is wrong.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

BITS_BYTES_SLIP = VerdictRule(
    code="SPC203",
    name="bits-bytes-slip",
    category="units",
    severity="warning",
    summary="A value is 8× off its computation: bits and bytes were confused.",
    doc=__doc__,
    status="slip",
    slip="bits-bytes",
)
