"""Throughput rules: tokens per second against peak compute and memory bandwidth."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from sympy import Integer, Rational

from speclint import hookimpl
from speclint.domain.bounds import Bound, compute_bound_per_gpu, decode_bound_per_gpu
from speclint.domain.facts import Fact
from speclint.domain.statements import Statement
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import show, times


def _inputs_text(bound: Bound) -> str:
    shown = [f"{text} (line {line})" if line else text for text, line in bound.inputs]
    return ", ".join(shown)


_BATCH = regex.compile(r"\bbatch(?:\s+size)?\s*(?:of\s*|=\s*)?(\d{1,6})(?![\d,.])", regex.I)


def batch_on_line(ctx: LintContext, statement: Statement) -> Fact | None:
    """``… per GPU at batch 64`` or ``(batch 1)``: the batch a throughput claim states itself."""
    text = ctx.analysis.document.line_text(statement.line)
    found = _BATCH.search(text)
    if found is None:
        return None
    return Fact("batch", Integer(int(found.group(1))), text.strip(" -*"), statement.line)


def throughput_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, Bound, Rational]]:
    """(statement, severity, bound, limit) for each throughput claim past a bound; the limit
    is per GPU, or for the whole system when the claim is system-wide or does not say."""
    dep = ctx.domain.deployment
    compute = compute_bound_per_gpu(dep)
    gpus = dep.gpus()
    for statement in ctx.domain.statements:
        if statement.kind != "throughput":
            continue
        decode = decode_bound_per_gpu(dep, batch_on_line(ctx, statement))
        scale = Rational(1)
        if statement.per_gpu is not True:
            if gpus is None:
                continue
            scale = gpus[0]
        bounds = [b for b in (compute, decode if statement.part == "decode" else None) if b]
        if not bounds:
            continue
        tightest = min(bounds, key=lambda b: b.peak)
        stated = statement.value.interval.lo
        if stated > tightest.peak * scale:
            yield statement, "error", tightest, scale
            continue
        realistic = min(bounds, key=lambda b: b.realistic)
        if stated > realistic.realistic * scale:
            yield statement, "warning", realistic, scale


def _as_rate(stated_text: str, stated: Rational) -> str:
    """``120 tokens/ms per GPU = 120,000 tokens/s``; a figure already in tokens/s as written."""
    if "tokens/s" in stated_text or "tok/s" in stated_text:
        return stated_text
    return f"{stated_text} = {show(stated, 'tokens/s')}"


def _message(
    statement: Statement, bound: Bound, scale: Rational, realistic: bool, decode: Bound | None
) -> str:
    stated_text = statement.where.text[statement.lit.start : statement.lit.end]
    stated = statement.value.point
    limit = (bound.realistic if realistic else bound.peak) * scale
    who = "per GPU" if scale == 1 else f"for all {scale} GPUs together"
    phase = "decode at" if bound.name == "decode" else "any phase:"
    level = bound.assumption if realistic else "100 % of peak"
    text = (
        f"{phase} {bound.formula} allows at most {show(limit, 'tokens/s')} {who} at {level}; "
        f"stated {_as_rate(stated_text, stated)} is {times(stated / limit)} the bound"
    )
    if scale != 1 and statement.per_gpu is None:
        text += " (read as a system total, the most generous reading)"
    if decode is not None and bound.name != "decode" and statement.part != "prefill":
        text += (
            f"; if these are decode tokens, memory bandwidth allows at most "
            f"{show(decode.peak * scale, 'tokens/s')} ({decode.formula})"
        )
    return f"{text}; inputs: {_inputs_text(bound)}"


class ThroughputRule(Rule):
    realistic: bool = False

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        dep = ctx.domain.deployment
        wanted = "warning" if self.realistic else "error"
        for statement, severity, bound, scale in throughput_findings(ctx):
            if severity != wanted:
                continue
            decode = decode_bound_per_gpu(dep, batch_on_line(ctx, statement))
            message = _message(statement, bound, scale, self.realistic, decode)
            yield ctx.statement_diagnostic(self, statement, message, None, bound.related())


THROUGHPUT_ABOVE_PEAK = ThroughputRule(
    code="SPC601",
    name="throughput-above-peak",
    category="bandwidth",
    severity="error",
    summary="A throughput claim above what the hardware allows at 100 % of peak.",
    explanation=(
        "Any phase: a GPU processes at most peak FLOPS ÷ (2 × active non-embedding parameters) "
        "tokens per second. Decode (when the claim says decode, generation or output tokens): "
        "each step reads the active weights at least once, so a GPU makes at most batch × "
        "memory bandwidth ÷ weight bytes tokens per second. A claim that does not say per GPU "
        "is read as a total over every GPU. Figures come from the document, else the "
        "accelerator catalog."
    ),
    rationale=(
        "A throughput beyond what the hardware can do at 100 % of peak is physically "
        "impossible; plans and costs built on it will not be met."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- GPU: H100 SXM\n"
        "- Throughput: 500,000 tokens/s per GPU\n"
    ),
    how_to_fix=(
        "Check the unit (tokens/s vs tokens/ms), whether the figure is per GPU or for the "
        "system, and the batch size; then restate the measured or derived throughput."
    ),
)


class RealisticThroughputRule(ThroughputRule):
    realistic = True


THROUGHPUT_BEYOND_REALISTIC = RealisticThroughputRule(
    code="SPC602",
    name="throughput-beyond-realistic",
    category="bandwidth",
    severity="warning",
    summary="A throughput claim possible at peak, but beyond realistic efficiency.",
    explanation=(
        "Like SPC601 with the document's stated MFU and bandwidth utilisation, else the "
        "configured priors (MFU 60 %, bandwidth utilisation 85 %; `[tool.speclint.efficiency]`). "
        "For MoE decode the realistic bound counts the experts a batch is expected to touch."
    ),
    rationale=(
        "Real kernels reach 40–60 % of peak FLOPS and 70–90 % of peak bandwidth; a plan that "
        "needs more is optimistic and deserves a measurement or a stated assumption."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- GPU: H100 SXM\n"
        "- Throughput: 60,000 tokens/s per GPU\n"
    ),
    how_to_fix=(
        "State the MFU or bandwidth utilisation the figure assumes (`MFU: 70%`), cite the "
        "measurement, or lower the figure. Tune the priors in `[tool.speclint.efficiency]`."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [THROUGHPUT_ABOVE_PEAK, THROUGHPUT_BEYOND_REALISTIC]
