"""## What it does
Recomputes a training run's wall-clock time as 6 · N · D ÷ (GPUs × peak FLOPS × MFU): N the
parameters (active ones for an MoE model; from the architecture, else the stated count), D the
training tokens, the GPU count, the accelerator's peak (stated, else the catalog's) and the MFU
the document states. With a stated MFU, a time more than 15 % off the whole range is reported;
without one, only a time shorter than 100 % of peak allows. A document that counts its
training FLOPs otherwise (``4 × N × D`` for a frozen base) is not checked against 6 · N · D.

## Why is this bad?
The training time sets the reservation, the cost and the schedule; a time that the document's
own compute budget contradicts books too little (or too much) of the cluster.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- Vocabulary size: 32000
- GPU: H100 SXM

We train on 2T tokens on 64 GPUs at 40% MFU; the wall-clock training time is 3 days.
```

## How to fix
Recompute 6 · N · D ÷ (GPUs × peak × MFU) and state the time it gives, or correct the figure
(tokens, GPU count, MFU) that is wrong.

## Fix safety
With a stated MFU the fix is `unsafe`: it writes the nearest end of the computed range in the
stated unit; without one no fix is offered.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from speclint.engine.diagnostics import Applicability, Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.patterns import lazy_compile
from speclint.quantity.display import show_range, times
from speclint.quantity.exact import divide
from speclint.thresholds import THRESHOLDS

#: How far a stated training time may be from 6 · N · D ÷ (GPUs × peak × MFU) with a stated MFU
#: (restarts, evals and rounding of each figure).
TOLERANCE = THRESHOLDS.parameter_rounding * 3


#: A training FLOPs count the document writes as k · N · D (``4 × N × D``, ``6ND``).
_K_N_D = lazy_compile(r"(?<![\w.])(\d)\s*(?:[×x*·]\s*)?N\s*(?:[×x*·]\s*)?D(?![\w])")


def _own_accounting(source: str) -> bool:
    """Whether the document counts training FLOPs as k · N · D with some k other than 6 (a
    frozen base's 4 · N · D): then 6 · N · D is not its budget."""
    return "N" in source and any(m.group(1) != "6" for m in _K_N_D.finditer(source))


#: A count of GPUs written in a sentence: ``2,048 GPUs``, ``256 H100 SXM``, ``64 × MI300X``.
_GPU_COUNT = lazy_compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,6})\s*(?:×\s*)?"
    r"(?:GPUs?|accelerators?|(?:[A-Z]{1,2}\d{2,4}[A-Za-z]{0,2}|MI\d{3}[A-Z]?)s?)\b"
)


def _other_gpu_count(sentence: str, gpus: Fraction) -> bool:
    """A statement's sentence names a GPU count, and none is the one the time is computed on."""
    counts = {Fraction(m.group(1).replace(",", "")) for m in _GPU_COUNT.finditer(sentence)}
    return bool(counts) and gpus not in counts


#: Passes over the data: ``2 epochs × 2.1B tokens``, ``3 epochs``.
_EPOCHS = lazy_compile(r"(?i)(?<![\w.,])(\d+(?:\.\d+)?)\s*epochs\b")


def _several_epochs(source: str) -> bool:
    """Whether the document trains for a number of epochs other than one: its token count may
    be one pass over the data or all of them, and 6 · N · D cannot tell which."""
    return "epoch" in source and any(m.group(1) != "1" for m in _EPOCHS.finditer(source))


class TrainingTimeRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        source = ctx.analysis.document.source
        if _own_accounting(source) or _several_epochs(source):
            return
        computed = ctx.domain.deployment.training_time
        if computed is None:
            return
        quantity, stated_mfu = computed
        from speclint.domain.statements import sentence_of

        gpus = ctx.domain.deployment.gpus()
        for statement in ctx.domain.statements:
            if statement.kind != "train-time" or statement.hedged:
                continue
            if gpus is not None and _other_gpu_count(sentence_of(statement), gpus[0]):
                continue  # "On 2,048 GPUs: … 1,287 hours" in a plan whose pilot ran on 256
            stated = statement.value.interval
            if stated_mfu:
                if quantity.low * (1 - TOLERANCE) <= stated.hi and (
                    stated.lo <= quantity.high * (1 + TOLERANCE)
                ):
                    continue
            elif stated.hi >= quantity.low:
                continue
            point = statement.value.point
            nearest = min((quantity.low, quantity.high), key=lambda end: abs(point / end - 1))
            ratio = point / nearest
            inverse = divide(1, ratio)
            gap = f"{times(ratio)} too long" if ratio > 1 else f"{times(inverse)} too short"
            span = show_range(quantity.low, quantity.high, "s")
            message = (
                f"training time: {quantity.formula} = {span}; stated {statement.stated_text} "
                f"is {gap}"
            )
            fix: tuple[str, Applicability] | None = None
            if stated_mfu:
                fix = (statement.replacement(nearest), "unsafe")
            related = [Related(f.line, f.text) for f in quantity.inputs]
            yield ctx.statement_diagnostic(self, statement, message, fix, related)


TRAINING_TIME_MISMATCH = TrainingTimeRule(
    code="SPC704",
    name="training-time-mismatch",
    category="latency",
    severity="error",
    summary="A training wall-clock time that 6 · N · D ÷ (GPUs × peak × MFU) contradicts.",
    doc=__doc__,
)
