"""Parameter-count rules: stated totals and active counts against the architecture."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from sympy import Rational

from speclint import hookimpl
from speclint.domain.deployment import Quantity
from speclint.domain.statements import PARAM_LABEL, Statement
from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import show_range, times

#: Parameter totals are often rounded to a marketing size ("70B" for 68.98B): a stated count is
#: read this far either side before it is called wrong.
ROUNDING = Rational(5, 100)


class ParameterCountRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        dep = ctx.domain.deployment
        for statement in ctx.domain.statements:
            if statement.kind != "params" or statement.hedged:
                continue
            computed = dep.active_params if statement.part == "active" else dep.total_params
            if computed is None:
                continue
            if _from_catalog(computed) and not _explicit(statement):
                continue  # "one expert is 44M parameters": only a named total meets the catalog
            if _fits(statement, computed):
                continue
            other = dep.total_params if statement.part == "active" else dep.active_params
            yield _diagnostic(self, ctx, statement, computed, other)


#: Words that make a prose count the whole model's (or the active) count.
_SCOPE_WORD = regex.compile(r"\b(?:total|active|activated|activates|in\s+all)\b", regex.I)


def _from_catalog(computed: Quantity) -> bool:
    return any(f.source == "catalog" for f in computed.inputs)


def _explicit(statement: Statement) -> bool:
    """A labelled count (``Total parameters: 70B``) or prose that says total or active."""
    return bool(PARAM_LABEL.match(statement.label) or _SCOPE_WORD.search(statement.label))


def _fits(statement: Statement, computed: Quantity) -> bool:
    stated = statement.value.interval
    return stated.hi >= computed.low * (1 - ROUNDING) and stated.lo <= computed.high * (
        1 + ROUNDING
    )


def _diagnostic(
    rule: Rule, ctx: LintContext, statement: Statement, computed: Quantity, other: Quantity | None
) -> Diagnostic:
    stated = statement.value.point
    point = computed.high
    ratio = stated / point
    direction = (
        f"{times(ratio)} the computed count" if ratio > 1 else f"{times(1 / ratio)} too small"
    )
    message = (
        f"{statement.part} parameters from the architecture: {computed.formula} = "
        f"{show_range(computed.low, computed.high, 'params')} ({computed.note}); "
        f"stated {ctx_text(statement)} is {direction}"
    )
    if other is not None and _fits(statement, other):
        swapped = "active" if statement.part == "total" else "total"
        message += (
            f"; it matches the {swapped} count ({show_range(other.low, other.high, 'params')})"
        )
    experts = ctx.domain.deployment.arch["E"] if ctx.domain.deployment.arch else None
    line_text = ctx.analysis.document.line_text(statement.line)
    if experts is not None and regex.search(rf"\b{experts}\s*[×x*]\s*\d", line_text):
        message += f"; {experts} × a dense size overcounts: only the FFN is replicated per expert"
    fix = (statement.replacement(point), "unsafe")
    related = [Related(f.line, f.text) for f in computed.inputs if f.line]
    return ctx.statement_diagnostic(rule, statement, message, fix, related)


def ctx_text(statement: Statement) -> str:
    return statement.where.text[statement.lit.start : statement.lit.end]


PARAMETER_COUNT_MISMATCH = ParameterCountRule(
    code="SPC401",
    name="parameter-count-mismatch",
    category="parameters",
    severity="error",
    summary=(
        "A stated total or active parameter count that the stated architecture does not add up to."
    ),
    explanation=(
        "Recomputes parameters from layers, hidden size, attention heads (MHA, GQA, MQA or MLA), "
        "FFN or expert sizes (gated or plain), experts, shared experts, top-k and vocabulary. The "
        "computed count is a range: from non-embedding weights only up to every weight with "
        "norms, router and embeddings. A stated count is wrong only outside that range widened "
        "by 5 % (marketing sizes such as 70B for 68.98B). The message says when a total equals "
        "the active count or the other way round; an `8×7B = 56B` total fails because only the "
        "FFN is replicated."
    ),
    rationale=(
        "The parameter count drives weight memory, FLOPs and cost; a total that the "
        "architecture cannot produce (or an active count written as the total) makes every "
        "figure derived from it wrong."
    ),
    example=(
        "- Layers: 32\n- Hidden size: 4096\n- Attention heads: 32 (MHA)\n"
        "- FFN intermediate size: 11008 (SwiGLU)\n- Vocabulary size: 32000 (untied)\n"
        "- Total parameters: 13B\n"
    ),
    how_to_fix=(
        "Correct the count (the suggestion is every weight with embeddings, in your unit), or "
        "the architecture facts it is computed from. `speclint explain FILE` lists the facts "
        "and their lines."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [PARAMETER_COUNT_MISMATCH]
