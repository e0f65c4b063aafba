"""## What it does
Checks values written with their formula, `0.62GB (8 × 3 × 512 × 1024 × 2 bytes)`, and equations
such as `120 × 32 = 3,840` or `T = 2 · L · h`. Every number stands for the interval its written
precision allows; the claim is wrong only when the stated and the computed intervals do not overlap.

In tables, a column that the other rows show to be the product of two columns to its left (at least
three rows, times a unit conversion: `Nodes × GPUs / node = GPUs`, `TB × $/GB × 1,000 = $`), or a
quotient its header names (`% of roofline`, `MFU`, `$ per 1M tokens` from `$/GPU-h` and `tok/s`;
at least two rows), is checked on the one row that breaks it. In YAML, TOML and INI blocks, a
comment that starts with a formula is the key's value in the unit the key's name ends in
(`step_floor_ms: 18.6  # 16.06e9 / 864e9`).

## Why is this bad?
Capacity, memory and cost plans are built on these figures; a wrong product or a dropped factor (the
number of layers, bytes per parameter) propagates to every decision downstream.

## Example
```markdown
- Weights: 30 GB (13B params × 2 bytes)
```

## How to fix
Correct the stated value (the suggested replacement keeps your notation and precision), or the
formula if a factor is missing.

## Fix safety
The fix is `safe` only for a plain formula off by at most 10 %.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

FORMULA_MISMATCH = VerdictRule(
    code="SPC101",
    name="formula-mismatch",
    category="arithmetic",
    severity="error",
    summary="A stated value does not equal the formula written next to it.",
    doc=__doc__,
    kinds=("formula",),
)
