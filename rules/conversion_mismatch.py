"""## What it does
Checks `1,800 tokens/s = 1.8 tokens/ms`, `26.8 GB, or 25 GiB` and `64 GB (59.6 GiB)`.

## Why is this bad?
A restatement in another unit is read as the same quantity; when it is not, readers size systems
from whichever figure they saw first.

## Example
```markdown
Each replica produces 1,800 tokens/s = 18 tokens/ms.
```

## How to fix
Correct whichever side of the conversion is wrong; the suggestion assumes the restated value is.

## Fix safety
The fix is `unsafe`: it assumes the restated value is the wrong side.
"""

from __future__ import annotations

from speclint.engine.rule import VerdictRule

CONVERSION_MISMATCH = VerdictRule(
    code="SPC201",
    name="conversion-mismatch",
    category="units",
    severity="error",
    summary="A value restated in another unit does not match the original.",
    doc=__doc__,
    kinds=("conversion",),
)
