"""## What it does
Compares a per-GPU Total (a 'Total' line under a per-GPU heading or label) with the capacity the
document states, or the catalog's for the accelerator it names.

## Why is this bad?
A per-GPU plan that needs more memory than the device has cannot run.

## Example
```markdown
- GPU: H100 SXM

### Per GPU memory

- Weights: 70 GB
- KV cache: 20 GB
- Total: 90 GB
```

## How to fix
Shard further (more TP/PP/EP), use a smaller batch or context, or a device with more memory; or
correct the capacity if the document states it wrongly.

## Fix safety
No fix is offered: the layout, the batch or the device has to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import show, times


class OverCapacityRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        capacity = ctx.domain.deployment.hardware.memory
        if capacity is None:
            return
        for statement in ctx.domain.statements:
            if (
                statement.kind != "memory"
                or statement.part != "total"
                or statement.per_gpu is not True
            ):
                continue
            if statement.value.interval.lo <= capacity.value:
                continue
            ratio = statement.value.point / capacity.value
            source = capacity.source if capacity.fact is None else f"line {capacity.fact.line}"
            message = (
                f"per-GPU total {statement.stated_text} exceeds the device capacity of "
                f"{show(capacity.value, 'bytes')} ({source}) by {times(ratio)}"
            )
            related = [Related(capacity.fact.line, capacity.fact.text)] if capacity.fact else []
            yield ctx.statement_diagnostic(self, statement, message, None, related)


MEMORY_OVER_CAPACITY = OverCapacityRule(
    code="SPC502",
    name="memory-over-capacity",
    category="memory",
    severity="error",
    summary="A per-GPU memory total larger than the accelerator's memory.",
    doc=__doc__,
)
