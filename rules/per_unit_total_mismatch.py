"""## What it does
Pairs `Achieved: 120 tokens/ms per GPU` with `Total System Throughput: 3,840 tokens/ms` in the same
section and the document's one count of GPUs. Several per-unit figures or several counts make the
check ambiguous, and it stays silent. A node's GPU memory (`an 8-GPU H200 node has 1,128 GB`, `one
8×H100 server offers 640 GB of HBM`) is its GPU count times the catalog memory of the device it
names; a figure that does not say HBM, VRAM or GPU memory is read only when it is one GPU's memory
(it may be host memory), a device name with several memory sizes is not read, and a memory size the
document states for its GPUs counts too. A node's compute that is exactly one of its devices' dense
peak at the precision its sentence names (`Each B200 node delivers 2.25 PFLOPS dense BF16`, in a
document of 8-GPU nodes) is that device's, not the node's. A token or request rate the document
computes for the whole workload (in a sentence naming no device) and then gives each of a counted
set of devices (`each of the two GPUs must sustain 926 tokens/s`) is the total restated as one
device's share, unless the sentence lets one device carry the load alone. A figure given each GPU,
each node or each user (`each GPU must sustain 33.6 MB/s`) that is a total the document itself
splits into a smaller share for that unit (`33.6 MB/s` for the cluster, `32.8 KB/s` per GPU: the
total over a count it writes; a node's share, `229.6 MB/s` per node, for `Each node has to sustain
7.35 GB/s`, the fix written in the stated unit) restates the total too; so, the other way, does a
sentence about a whole (`the 8 replicas hold ~386k tokens in total`) that repeats an earlier figure
per one of the units it counts (`386k tokens per replica`). (A table column that its other rows
show to be the product or quotient of two columns is arithmetic: SPC101.)

## Why is this bad?
The system total is what gets compared against demand; if it does not follow from the per-unit
figure and the number of units, the plan is over- or under-provisioned.

## Example
```markdown
The cluster has 32 GPUs.

- Per-GPU throughput: 120 tokens/ms per GPU
- Total System Throughput: 3,480 tokens/ms
```

## How to fix
Correct the total, the per-unit figure or the count, whichever is wrong; the suggestion assumes the
total is.

## Fix safety
The fix is `unsafe`: it assumes the total is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from speclint.engine.diagnostics import Applicability, Diagnostic, Related
from speclint.engine.rule import LintContext, VerdictRule
from speclint.quantity.display import off_by, show_range
from speclint.quantity.numbers import format_like, format_readable

if TYPE_CHECKING:
    from speclint.domain.node_memory import NodeMemory
    from speclint.formula.expr import Lit


@dataclass(frozen=True)
class PerUnitTotalRule(VerdictRule):
    """Judged per-unit claims, and each node's GPU memory against its GPUs' catalog memory."""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from speclint.domain.hardware import devices
        from speclint.domain.hardware_names import device_matcher
        from speclint.domain.node_memory import node_memories

        yield from super().check(ctx)
        table = devices(ctx.settings.accelerators)
        analysis = ctx.analysis
        for node in node_memories(
            analysis.scanned, device_matcher(table), table, analysis.tolerance
        ):
            stated = ctx.domain.facts.facts.get("gpu_memory", [])
            totals = [node.expected, *(node.gpus * Fraction(f.value) for f in stated)]
            if not any(node.value.interval.lo <= t <= node.value.interval.hi for t in totals):
                yield self._node(ctx, node)
        yield from self._node_peaks(ctx)
        yield from self._replicas(ctx)
        yield from self._replica_per_gpu(ctx)
        yield from self._shares(ctx)
        yield from self._restated_totals(ctx)
        yield from self._restated_shares(ctx)

    def _restated_shares(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``the 8 replicas hold ~386k tokens in total`` with 386k tokens one replica's."""
        from speclint.domain.restated_shares import restated_shares, total_of
        from speclint.formula.evaluate import literal_factor

        for found in restated_shares(ctx.analysis.document, ctx.analysis.scanned):
            stated, share, unit = found.stated, found.share, found.unit
            total = total_of(found) / literal_factor(stated.lit)
            written = format_like(total, stated.lit.number)
            each, said = _scaled_amount(share.lit), _scaled_amount(stated.lit)
            message = (
                f"{each} (line {share.line}) is per {unit}; {found.count} {unit}s hold "
                f"{found.count} × {each} = {_scaled_amount(stated.lit, written)}; stated "
                f"{'~' if stated.lit.approx else ''}{said} for all {found.count} restates one "
                f"{unit}'s figure as the total"
            )
            fix: tuple[str, Applicability] = (written, "unsafe")
            related = [Related(share.line, f"one {unit}'s figure: {each}")]
            yield ctx.diagnostic(
                self,
                stated.where,
                stated.lit.num_start,
                stated.lit.num_end,
                message,
                fix,
                related,
            )

    def _restated_totals(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``each GPU must sustain 33.6 MB/s`` with 33.6 MB/s the cluster's, 32.8 KB/s per GPU."""
        from speclint.domain.restated_totals import restated_totals
        from speclint.formula.evaluate import literal_value

        for found in restated_totals(ctx.analysis.document, ctx.analysis.scanned):
            stated, where = found.stated, found.where
            total, share = found.total, found.share
            total_text = _amount(total.lit)
            share_text = _amount(share.lit)
            message = (
                f"{total_text} (line {total.line}) is the total; each {found.unit} has "
                f"{total_text} / {format_readable(found.count)} = {share_text} "
                f"(line {share.line}); stated "
                f"{_amount(stated)} for each {found.unit} restates "
                f"the total as one {found.unit}'s share"
            )
            # the share's number, in the stated unit when the share is written in another
            # (229.6 MB/s for 7.35 GB/s: 0.2296), to as many figures as the share has
            replacement = share.where.text[share.lit.num_start : share.lit.num_end]
            same_unit = (stated.unit_text, stated.scale) == (share.lit.unit_text, share.lit.scale)
            if not same_unit and stated.number.value:
                factor = literal_value(stated, stated=True).point / stated.number.value
                figures = len(share.lit.number.digits.lstrip("0")) or 1
                replacement = format_readable(share.value.point / factor, figures)
            fix: tuple[str, Applicability] = (replacement, "unsafe")
            related = [
                Related(total.line, f"the total: {total_text}"),
                Related(share.line, f"each {found.unit}'s share: {share_text}"),
            ]
            yield ctx.diagnostic(
                self, where, stated.num_start, stated.num_end, message, fix, related
            )

    def _shares(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``each of the two GPUs must sustain 926 tokens/s`` with 926 tokens/s the total."""
        from speclint.domain.total_shares import totals_restated_per_device

        for share in totals_restated_per_device(ctx.analysis.document, ctx.analysis.scanned):
            stated, where = share.stated, share.where
            rate = where.text[stated.num_start : stated.end]
            number = where.text[stated.num_start : stated.num_end]
            each = format_like(share.expected, stated.number)
            noun = share.noun.removesuffix("s")
            unit = where.text[stated.num_end : stated.end].strip()
            message = (
                f"{rate} is the whole workload's rate (line {share.total_line}); each of "
                f"{share.devices} {share.noun} takes {number} / {share.devices} = {each} {unit}; "
                f"stated {rate} for each {noun} restates the total as one {noun}'s share"
            )
            fix: tuple[str, Applicability] = (each, "unsafe")
            related = [Related(share.total_line, f"the total rate: {rate}")]
            yield ctx.diagnostic(
                self, where, stated.num_start, stated.num_end, message, fix, related
            )

    def _replicas(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``the 64 GPUs deliver 64 × 2,100`` with 2,100 one 4-GPU replica's rate."""
        from speclint.domain.replica_rates import replica_rates_times_gpus

        found = replica_rates_times_gpus(
            ctx.analysis.document, ctx.analysis.scanned, ctx.domain.deployment
        )
        for product in found:
            stated, where = product.stated, product.where
            replicas = product.gpus / product.replica_gpus
            rate = where.text[product.rate.num_start : product.rate.num_end]
            message = (
                f"{product.gpus} GPUs are {format_readable(replicas)} replicas of "
                f"{format_readable(product.replica_gpus)} GPUs; {format_readable(replicas)} × "
                f"{rate} (one replica's, line {product.rate_line}) = "
                f"{format_readable(product.expected)}; stated "
                f"{where.text[stated.num_start : stated.num_end]} multiplies one replica's rate "
                f"by the GPUs"
            )
            fix: tuple[str, Applicability] = (
                format_like(product.expected, stated.number),
                "unsafe",
            )
            related = [Related(product.rate_line, f"one replica's rate: {rate}")]
            yield ctx.diagnostic(
                self, where, stated.num_start, stated.num_end, message, fix, related
            )

    def _replica_per_gpu(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``Per GPU that is 8.33 × 2`` with 8.33 one 2-GPU replica's rate: it divides."""
        from speclint.domain.replica_rates import replica_rates_times_replica_gpus

        found = replica_rates_times_replica_gpus(
            ctx.analysis.document, ctx.analysis.scanned, ctx.domain.deployment
        )
        for product in found:
            stated, where = product.stated, product.where
            gpus = format_readable(product.replica_gpus)
            rate = where.text[product.rate.num_start : product.rate.num_end]
            unit = stated.unit_text
            each = format_like(product.expected, stated.number)
            message = (
                f"one replica of {gpus} GPUs serves {rate} {unit} (line {product.rate_line}); "
                f"per GPU that is {rate} / {gpus} = {each} {unit}; stated "
                f"{where.text[stated.num_start : stated.num_end]} {unit} multiplies one "
                f"replica's rate by its GPUs"
            )
            fix: tuple[str, Applicability] = (each, "unsafe")
            related = [Related(product.rate_line, f"one replica's rate: {rate}")]
            yield ctx.diagnostic(
                self, where, stated.num_start, stated.num_end, message, fix, related
            )

    def _node_peaks(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``Each B200 node delivers 2.25 PFLOPS dense BF16``: one device's peak, not the
        node's."""
        from speclint.domain.node_peaks import node_peaks

        for found in node_peaks(ctx.analysis.document, ctx.analysis.scanned):
            stated = found.stated
            shown = _amount(stated)
            factor = found.value.point / stated.number.value if stated.number.value else 0
            node = format_readable(found.expected / factor) if factor else ""
            message = (
                f"node compute: {found.gpus} GPUs per node (line {found.line}) × "
                f"{found.peak_tflops:,} TFLOPS = {node} {stated.unit_text}; stated {shown} is "
                f"{off_by(found.value.point / found.expected)} (one {found.device}'s dense "
                f"{found.precision} peak)"
            )
            fix: tuple[str, Applicability] | None = None
            if factor:
                fix = (format_like(found.expected / factor, stated.number), "unsafe")
            related = [Related(found.line, f"{found.gpus} GPUs per node")]
            yield ctx.diagnostic(
                self, found.where, stated.num_start, stated.num_end, message, fix, related
            )

    def _node(self, ctx: LintContext, node: NodeMemory) -> Diagnostic:
        stated = node.where.text[node.lit.start : node.lit.end]
        per = show_range(node.per_device, node.per_device, "bytes")
        total = show_range(node.expected, node.expected, "bytes")
        one = " (one GPU's memory)" if node.value.point == node.per_device else ""
        source = f"as written: {node.written}" if node.written else "catalog: "
        source += "" if node.written else " or ".join(node.devices)
        message = (
            f"node memory: {node.gpus} GPUs × {per} ({source}) = "
            f"{total}; stated {stated} is {off_by(node.value.point / node.expected)}{one}"
        )
        factor = node.value.point / node.lit.number.value if node.lit.number.value else 0
        fix: tuple[str, Applicability] | None = None
        if factor:
            fix = (format_like(node.expected / factor, node.lit.number), "unsafe")
        return ctx.diagnostic(self, node.where, node.lit.num_start, node.lit.num_end, message, fix)


def _scaled_amount(lit: Lit, number: str = "") -> str:
    """``386k tokens``: the number (or ``number`` in its place), its scale and its unit."""
    scale = lit.scale.text if lit.scale else ""
    return f"{lit.prefix}{number or lit.number.text}{scale} {lit.unit_text}".strip()


def _amount(lit: Lit) -> str:
    """``29.4 GB`` for ``29.4 GB (FP8)``: the number and its unit as written."""
    return f"{lit.prefix}{lit.number.text} {lit.unit_text}".strip()


PER_UNIT_TOTAL_MISMATCH = PerUnitTotalRule(
    code="SPC301",
    name="per-unit-total-mismatch",
    category="consistency",
    severity="error",
    summary="A system total does not equal the per-unit figure times the number of units.",
    doc=__doc__,
    kinds=("per-unit",),
)
