"""Latency rules: time to first token and time per output token against roofline bounds."""

from __future__ import annotations

from collections.abc import Iterator

from speclint import hookimpl
from speclint.domain.bounds import Bound, tpot_bound, ttft_bound
from speclint.domain.statements import Statement, prompt_length_on_line
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import show, times


def latency_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, Bound]]:
    """(statement, finding, bound): "below-peak", "below-realistic" or "too-slow"."""
    dep = ctx.domain.deployment
    prompt_fact = dep.facts.get("prompt_len")
    for statement in ctx.domain.statements:
        bound = None
        if statement.kind == "ttft":
            prompt = prompt_length_on_line(ctx.analysis.document.line_text(statement.line))
            if prompt is None and prompt_fact is not None:
                prompt = int(prompt_fact.value)
            if prompt is not None:
                bound = ttft_bound(dep, prompt)
        elif statement.kind == "tpot":
            bound = tpot_bound(dep)
        if bound is None:
            continue
        stated = statement.value.interval
        if stated.hi < bound.peak:
            yield statement, "below-peak", bound
        elif stated.hi < bound.realistic:
            yield statement, "below-realistic", bound
        elif stated.lo > bound.realistic * dep.settings.efficiency.slow_factor:
            yield statement, "too-slow", bound


def _message(statement: Statement, finding: str, bound: Bound) -> str:
    stated_text = statement.where.text[statement.lit.start : statement.lit.end]
    stated = statement.value.point
    name = "first token" if bound.name == "ttft" else "each output token"
    inputs = ", ".join(f"{t} (line {n})" if n else t for t, n in bound.inputs)
    if finding == "too-slow":
        ratio = stated / bound.realistic
        if bound.peak <= stated / 1000 <= bound.realistic * 50:
            cause = "read as milliseconds it would be plausible: a unit slip (ms written as s)?"
        else:
            cause = "a unit slip (ms vs s) or a figure for a whole batch read per request?"
        return (
            f"{name}: {bound.formula} takes about {show(bound.realistic, 's')} "
            f"({bound.assumption}); stated {stated_text} is {times(ratio)} slower; {cause} "
            f"inputs: {inputs}"
        )
    limit = bound.peak if finding == "below-peak" else bound.realistic
    level = "100 % of peak on every GPU" if finding == "below-peak" else bound.assumption
    return (
        f"{name}: {bound.formula} needs at least {show(limit, 's')} at {level}; stated "
        f"{stated_text} is {times(limit / stated)} faster than that bound; inputs: {inputs}"
    )


class LatencyRule(Rule):
    finding: str = "below-peak"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for statement, finding, bound in latency_findings(ctx):
            if finding != self.finding:
                continue
            message = _message(statement, finding, bound)
            yield ctx.statement_diagnostic(self, statement, message, None, bound.related())


class RealisticLatencyRule(LatencyRule):
    finding = "below-realistic"


class SlowLatencyRule(LatencyRule):
    finding = "too-slow"


LATENCY_BELOW_PEAK = LatencyRule(
    code="SPC701",
    name="latency-below-peak-bound",
    category="latency",
    severity="error",
    summary="A TTFT or TPOT faster than the hardware allows at 100 % of peak.",
    explanation=(
        "TTFT ≥ prefill FLOPs (2 × active params × prompt tokens + causal attention "
        "2 × L × s² × d_attn) ÷ (all GPUs × peak FLOPS). TPOT ≥ active weight bytes ÷ (all GPUs "
        "× memory bandwidth). The prompt length is read from the claim's line ('for "
        "10240-token prompts') or a stated prompt length, never from the context limit."
    ),
    rationale=(
        "A latency below the roofline bound cannot be met by any implementation on the stated "
        "hardware; SLOs derived from it are impossible."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- GPU: H100 SXM\n- GPUs: 1\n"
        "- TTFT: 5 ms for 8192-token prompts\n"
    ),
    how_to_fix=(
        "Check the prompt length, the number of GPUs sharing a request and the unit; restate "
        "the latency."
    ),
)
LATENCY_BEYOND_REALISTIC = RealisticLatencyRule(
    code="SPC702",
    name="latency-beyond-realistic",
    category="latency",
    severity="warning",
    summary="A TTFT or TPOT possible at peak, but faster than realistic efficiency allows.",
    explanation=(
        "Like SPC701 on the GPUs that can share one request (TP × EP × CP; pipeline stages run in "
        "turn) at the stated or configured MFU and bandwidth utilisation."
    ),
    rationale=(
        "Possible at peak but not at the efficiency real serving stacks reach; the SLO will "
        "likely be missed."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- GPU: H100 SXM\n- GPUs: 1\n"
        "- TTFT: 150 ms for 8192-token prompts\n"
    ),
    how_to_fix=("State the efficiency assumed (`MFU: 80%`) or a measurement, or relax the figure."),
)
LATENCY_IMPLAUSIBLY_SLOW = SlowLatencyRule(
    code="SPC703",
    name="latency-implausibly-slow",
    category="latency",
    severity="warning",
    summary="A TTFT or TPOT far slower than the realistic bound: usually a unit slip.",
    explanation=(
        "A latency more than 50× (configurable `slow-factor`) the realistic bound is not "
        "impossible, but it usually means seconds written for milliseconds, or a figure for a "
        "whole batch or system read as one request's."
    ),
    rationale=(
        "A latency hundreds of times slower than the hardware needs usually hides a unit slip "
        "or a misread figure, and makes capacity plans far too pessimistic."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- GPU: H100 SXM\n- GPUs: 1\n"
        "- TTFT: 30 s for 8192-token prompts\n"
    ),
    how_to_fix=(
        "Check the unit (ms vs s) and whether the figure covers one request or a whole batch; "
        "explain queueing or offload if they are meant."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [LATENCY_BELOW_PEAK, LATENCY_BEYOND_REALISTIC, LATENCY_IMPLAUSIBLY_SLOW]
