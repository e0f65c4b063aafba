"""## What it does
Accepts the Megatron convention (EP inside DP: TP × PP × DP × CP = GPUs) and layouts with EP as its
own axis (TP × PP × EP × DP × CP = GPUs). Without a stated DP, the GPU count only has to be a
multiple of the product (the rest is data parallelism).

## Why is this bad?
A layout whose degrees do not fit the cluster leaves GPUs idle or does not exist; the per-GPU memory
and throughput figures built on it are wrong too.

## Example
```markdown
- GPUs: 32
- TP: 8
- PP: 2
- DP: 4
```

## How to fix
Correct the degree or the GPU count so the product matches.

## Fix safety
No fix is offered: only the author knows which degree or count is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.numbers import format_readable

#: Ways to multiply the stated degrees into a GPU count: Megatron (expert parallelism inside
#: data parallelism) and layouts where EP is an axis of its own.
LAYOUTS: tuple[tuple[str, ...], ...] = (("tp", "pp", "dp", "cp"), ("tp", "pp", "ep", "dp", "cp"))


class LayoutProductRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        facts = ctx.domain.facts
        gpus = facts.get("gpu_count")
        degrees = {n: facts.get(n) for n in ("tp", "pp", "ep", "dp", "cp")}
        stated = {n: f for n, f in degrees.items() if f is not None}
        if gpus is None or not gpus.strong or len(stated) < 2:
            return
        total = Fraction(gpus.value)
        products = []
        for layout in LAYOUTS:
            product = Fraction(1)
            for name in layout:
                if name in stated:
                    product *= Fraction(stated[name].value)
            products.append(product)
            exact = "dp" in stated
            if product == total or (not exact and total % product == 0):
                return
        shown = " × ".join(f"{n.upper()} {f.shown}" for n, f in stated.items())
        message = (
            f"{shown} = {format_readable(max(products))} GPUs"
            + (
                f" (or {format_readable(min(products))} with EP inside DP)"
                if len(set(products)) > 1
                else ""
            )
            + f", but the document has {format_readable(total)} GPUs (line {gpus.line})"
        )
        if "dp" not in stated:
            message += "; no data-parallel degree makes up the difference"
        last = max(stated.values(), key=lambda f: f.line)
        related = [Related(f.line, f.text) for f in (*stated.values(), gpus) if f is not last]
        yield ctx.fact_diagnostic(self, last, message, related)


LAYOUT_PRODUCT_MISMATCH = LayoutProductRule(
    code="SPC303",
    name="layout-product-mismatch",
    category="consistency",
    severity="error",
    summary="Parallel degrees (TP × PP × EP × DP × CP) that cannot multiply to the GPU count.",
    doc=__doc__,
)
