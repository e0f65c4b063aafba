"""Memory rules: per-GPU weights, KV bytes per token, and per-GPU totals against capacity."""

from __future__ import annotations

from collections.abc import Iterator

from speclint import hookimpl
from speclint.domain.deployment import Quantity
from speclint.domain.statements import Statement
from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import show, show_range, times


def _overlaps(statement: Statement, quantity: Quantity) -> bool:
    stated = statement.value.interval
    return stated.hi >= quantity.low and stated.lo <= quantity.high


def _stated(statement: Statement) -> str:
    return statement.where.text[statement.lit.start : statement.lit.end]


def _related(quantities: list[Quantity]) -> list[Related]:
    seen: dict[int, Related] = {}
    for quantity in quantities:
        for fact in (f for f in quantity.inputs if f.line):
            seen.setdefault(fact.line, Related(fact.line, fact.text))
    return sorted(seen.values(), key=lambda r: r.line)


def _whole_model_weights(statement: Statement, ctx: LintContext) -> list[Quantity]:
    """A weights figure read for the whole model: it says so, or the document has no GPUs."""
    dep = ctx.domain.deployment
    gpus = dep.gpus()
    one_gpu = gpus is None or gpus[0] == 1
    whole = statement.per_gpu is False or (statement.per_gpu is None and one_gpu)
    quantity = dep.total_weight_bytes
    return [quantity] if whole and quantity is not None else []


def _readings(statement: Statement, ctx: LintContext) -> list[Quantity]:
    """What a memory statement may mean: each reading it is checked against."""
    dep = ctx.domain.deployment
    quantity: Quantity | None = None
    if statement.kind == "kv-per-token":
        readings = list(dep.kv_per_token)
        return readings[1:] or readings if statement.per_gpu is True else readings
    if statement.kind != "memory":
        return []
    if statement.part in ("optimizer", "model states") and statement.per_gpu:
        quantity = dep.training_states(statement.part)
    elif statement.per_gpu is True and statement.part in PER_GPU_PARTS:
        quantity = dep.per_gpu_weights(statement.part)
    elif statement.part == "weights":
        return _whole_model_weights(statement, ctx)
    return [quantity] if quantity is not None else []


PER_GPU_PARTS = ("attention", "experts", "embeddings", "weights")


class MemoryMismatchRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for statement in ctx.domain.statements:
            readings = _readings(statement, ctx)
            if not readings or any(_overlaps(statement, q) for q in readings):
                continue
            yield self._report(ctx, statement, readings)

    def _report(
        self, ctx: LintContext, statement: Statement, readings: list[Quantity]
    ) -> Diagnostic:
        stated = statement.value.point
        parts = []
        for quantity in readings:
            parts.append(
                f"{quantity.name}: {quantity.formula} = "
                f"{show_range(quantity.low, quantity.high, 'bytes')}"
            )
        nearest = min(
            (end for q in readings for end in (q.low, q.high)),
            key=lambda end: abs(stated / end - 1),
        )
        ratio = stated / nearest
        gap = f"{times(ratio)} too large" if ratio > 1 else f"{times(1 / ratio)} too small"
        reading = "" if len(readings) == 1 else " under every reading (whole model or per GPU)"
        message = "; ".join(parts) + f"; stated {_stated(statement)} is {gap}{reading}"
        fix = (statement.replacement(nearest), "unsafe") if len(readings) == 1 else None
        return ctx.statement_diagnostic(self, statement, message, fix, _related(readings))


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
                f"per-GPU total {_stated(statement)} exceeds the device capacity of "
                f"{show(capacity.value, 'bytes')} ({source}) by {times(ratio)}"
            )
            related = [Related(capacity.fact.line, capacity.fact.text)] if capacity.fact else []
            yield ctx.statement_diagnostic(self, statement, message, None, related)


MEMORY_MISMATCH = MemoryMismatchRule(
    code="SPC501",
    name="memory-mismatch",
    category="memory",
    severity="error",
    summary=(
        "A per-GPU weight figure or a KV-cache size per token that the stated model and "
        "layout contradict."
    ),
    explanation=(
        "Per-GPU attention, expert and embedding weights are recomputed from the architecture, "
        "the weight precision and the TP/PP/EP degrees (experts per GPU = E ÷ EP, layers per "
        "GPU = L ÷ PP; experts may also be split by TP, so that is a range). KV bytes per token "
        "are 2 × layers × KV heads × head dim × bytes (MLA: layers × (kv_lora_rank + rope dim) "
        "× bytes), for the whole model and per GPU. A claim is reported only when no reading "
        "fits."
    ),
    rationale=(
        "Per-GPU memory decides whether a layout fits; weights or KV sizes computed for the "
        "wrong number of layers, heads or experts per GPU make the fit (or the misfit) an "
        "illusion."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008\n- Precision: FP16\n"
        "- KV cache: 262,144 bytes per token\n"
    ),
    how_to_fix=(
        "Recompute the figure for one GPU: E ÷ EP experts and L ÷ PP layers, KV heads ÷ TP. "
        "If the document means the whole model, say so ('total', 'whole model')."
    ),
)
OVER_CAPACITY = OverCapacityRule(
    code="SPC502",
    name="memory-over-capacity",
    category="memory",
    severity="error",
    summary="A per-GPU memory total larger than the accelerator's memory.",
    explanation=(
        "Compares a per-GPU Total (a 'Total' line under a per-GPU heading or label) with the "
        "capacity the document states, or the catalog's for the accelerator it names."
    ),
    rationale="A per-GPU plan that needs more memory than the device has cannot run.",
    example=(
        "- GPU: H100 SXM\n\n### Per GPU memory\n\n- Weights: 70 GB\n- KV cache: 20 GB\n"
        "- Total: 90 GB\n"
    ),
    how_to_fix=(
        "Shard further (more TP/PP/EP), use a smaller batch or context, or a device with more "
        "memory; or correct the capacity if the document states it wrongly."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [MEMORY_MISMATCH, OVER_CAPACITY]
