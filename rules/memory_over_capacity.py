"""## What it does
Compares a per-GPU Total (a 'Total' line under a per-GPU heading or label) with the capacity the
document states, or the catalog's for the accelerator it names.

## Why is this bad?
A per-GPU plan that needs more memory than the device has cannot run.

It also reads an amount said to fit on a count of devices (``422.8 GB also fits on 4× H100
80 GB``): the devices hold their count times one device's memory, as written after the name or
else the catalog's.

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
        if not ctx.scope:
            yield from _fits(self, ctx)
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


def _fits(rule: Rule, ctx: LintContext) -> Iterator[Diagnostic]:
    """``422.8 GB also fits on 4× H100 80 GB``: more than the devices hold."""
    from speclint.domain.device_fits import fits_over_capacity
    from speclint.domain.hardware import devices

    table = devices(ctx.settings.accelerators)
    for found in fits_over_capacity(ctx.analysis.scanned, table):
        lit, where = found.lit, found.where
        source = "as written" if found.written else "catalog"
        stated = where.text[lit.num_start : lit.num_end] + " " + lit.unit_text
        hold = "hold" if found.count > 1 else "holds"
        message = (
            f"{found.count} × {found.device} {hold} {found.count} × "
            f"{show(found.per_device, 'bytes')} ({source}) = {show(found.capacity, 'bytes')}; "
            f"stated {stated} is {times(found.stated / found.capacity)} that and cannot fit"
        )
        yield ctx.diagnostic(rule, where, lit.num_start, lit.num_end, message)


MEMORY_OVER_CAPACITY = OverCapacityRule(
    code="SPC502",
    name="memory-over-capacity",
    category="memory",
    severity="error",
    summary="A per-GPU memory total larger than the accelerator's memory.",
    doc=__doc__,
)
