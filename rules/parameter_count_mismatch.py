"""## What it does
Recomputes parameters from layers, hidden size, attention heads (MHA, GQA, MQA or MLA), FFN or
expert sizes (gated or plain), experts, shared experts, top-k and vocabulary. The computed count is
a range: from non-embedding weights only up to every weight with norms, router and embeddings. A
stated count written like a size name (at most three significant digits and one decimal: 70B
for 68.98B, `405B`, `70.6B`) is wrong only outside that range widened by 5 % (`about 14.2B` is
read at 14.2B, its "about" being that same 5 %); a precise count (`7.76B`, `7,615,616,512`) is
held to its written precision. The message says when
a total equals the active count or the other way round; an `8×7B = 56B` total fails because only
the FFN is replicated. A share of the model (`41.9M trainable parameters, 0.52% of the base
model`) is checked against the count before it over the model's total, and an MoE model's share
read per token (`only 27.6% of the weights are read per token`) against its active count over its
total. A gated MLP's parameters
written `2 × hidden × FFN` (the plain MLP's two matrices) in a sentence about the MLP are reported:
SwiGLU's gate, up and down projections are three.

## Why is this bad?
The parameter count drives weight memory, FLOPs and cost; a total that the architecture cannot
produce (or an active count written as the total) makes every figure derived from it wrong.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- Vocabulary size: 32000 (untied)
- Total parameters: 13B
```

## How to fix
Correct the count (the suggestion is every weight with embeddings, in your unit), or the
architecture facts it is computed from. `speclint explain FILE` lists the facts and their lines.

## Fix safety
The fix is `unsafe`: it writes every weight with embeddings, and the architecture facts may be what
is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING

from speclint.engine.diagnostics import Applicability, Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.display import off_by, show_range, times
from speclint.quantity.exact import divide
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import format_like, format_readable
from speclint.thresholds import THRESHOLDS

if TYPE_CHECKING:
    from speclint.domain.deployment import Quantity
    from speclint.domain.statements import Statement


def _another_models(statement: Statement, computed: Quantity) -> bool:
    """The count's sentence names a model by a size far from the document's (``Llama-3.1-8B``
    in a plan for a 3B) and the count is about that size: it is that model's count."""
    from speclint.domain.rate_context import model_sizes
    from speclint.domain.statements import sentence_of

    stated = statement.value.point
    return any(
        not computed.low * Fraction(4, 5) <= size <= computed.high * Fraction(6, 5)
        and abs(stated / size - 1) <= Fraction(3, 20)
        for size in model_sizes(sentence_of(statement))
        if size
    )


class ParameterCountRule(Rule):
    scoped = True  # a comparison table's "Parameters" row, column by column

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from speclint.domain.statements import OTHER_TOWER

        dep = ctx.domain.deployment
        for statement in ctx.domain.statements:
            if statement.kind == "params-share":
                yield from self._share(ctx, statement)
                continue
            if statement.kind != "params" or statement.hedged or statement.scope == "part":
                continue
            if statement.scope == "expert":
                computed, other = dep.expert_params, None
            elif statement.scope == "non-embedding":
                computed, other = dep.non_embedding_params, None
            elif statement.part == "active":
                computed, other = dep.active_params, dep.total_params
            else:
                computed, other = dep.total_params, dep.active_params
            if computed is None or _fits(statement, computed):
                continue
            if _another_models(statement, computed):
                continue  # "the same recipe for Llama-3.1-8B (8.03B parameters)"
            source = ctx.analysis.document.source
            if statement.scope != "non-embedding" and OTHER_TOWER.search(source):
                continue  # a vision encoder's weights are in the total, not the decoder's shape
            about_model = ctx.domain.scope is not None and ctx.domain.scope.lines is not None
            if _from_catalog(computed) and not (
                statement.explicit_count
                or statement.scope
                or about_model  # the paragraph that names the model and gives its shape
                or _experts_times(ctx, statement)
            ):
                continue  # "one expert is 44M parameters": only a named total meets the catalog
            yield _diagnostic(self, ctx, statement, computed, other)

        if ctx.domain.scope is None:
            yield from self._plain_mlp(ctx)
            yield from self._full_heads(ctx)

    def _plain_mlp(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``MLP: 2 × 3584 × 18944`` for a gated MLP: its gate, up and down projections are
        three hidden × FFN matrices (on a line whose parameter count is not checked already)."""
        from speclint.domain.mlp_formula import plain_factors

        counted = {s.line for s in ctx.domain.statements if s.kind == "params"}
        for found in plain_factors(ctx.analysis.scanned, ctx.domain.facts):
            line = ctx.span_position(found.where, found.start, found.end)[0]
            if line in counted:
                continue  # the count it comes to is checked against the architecture
            count = 3 * found.hidden * found.ffn
            written = found.where.text[found.start : found.end]
            message = (
                f"gated MLP parameters: 3 (gate, up and down projections) × "
                f"{format_readable(found.hidden)} hidden × {format_readable(found.ffn)} FFN = "
                f"{format_readable(count)}; written {written} counts two of its three matrices"
            )
            yield ctx.diagnostic(self, found.where, found.first.num_start, found.first.num_end,
                                 message, ("3", "unsafe"))  # fmt: skip

    def _full_heads(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``Attention (GQA, 8 KV heads): 4 × 4096²``: K and V of a grouped-query model are
        h × n_kv·d_h each, not h × h; reported at the result the line states, else at the 4."""
        from speclint.domain.attention_formula import full_heads_factors

        for found in full_heads_factors(ctx.analysis.scanned, ctx.domain.facts):
            h, kv, d = (format_readable(x) for x in (found.hidden, found.kv_heads, found.head_dim))
            offsets, source = found.where.offsets, ctx.analysis.document.source
            written = " ".join(source[offsets[found.start] : offsets[found.end - 1] + 1].split())
            message = (
                f"grouped-query attention parameters: 2 × {h}² (Q and O) + 2 × {h} × {kv} KV "
                f"heads × {d} head dim (K and V) = {format_readable(found.count)}; written "
                f"{written} counts K and V as full {h} × {h} matrices"
            )
            result = found.result
            if result is None:
                first = found.where.text.find("4", found.start, found.end)
                yield ctx.diagnostic(self, found.where, first, first + 1, message)
                continue
            scale = result.scale.factor if result.scale is not None else Fraction(1)
            fix: tuple[str, Applicability] = (
                format_like(found.count / scale, result.number),
                "unsafe",
            )
            yield ctx.diagnostic(self, found.where, result.num_start, result.num_end, message, fix)

    def _share(self, ctx: LintContext, statement: Statement) -> Iterator[Diagnostic]:
        """``83,886,080 trainable parameters; that is 1.04% of the base model``: the count over
        the model's total (the architecture's range and the stated count, read 5 % loose)."""
        whole, part = _model_total(ctx), statement.share_of
        if statement.part == "active":
            yield from self._active_share(ctx, statement)
            return
        if whole is None or part is None or whole[0] <= 0:
            return
        rounding = THRESHOLDS.parameter_rounding
        low = part.interval.lo / (whole[1] * (1 + rounding))
        high = part.interval.hi / (whole[0] * (1 - rounding))
        stated = statement.value.interval
        if stated.hi >= low and stated.lo <= high:
            return
        share = part.point / whole[1]
        ratio = statement.value.point / share
        gap = off_by(ratio)
        message = (
            f"share of the model's parameters: {show_range(part.point, part.point, 'params')} ÷ "
            f"{show_range(whole[0], whole[1], 'params')} ({whole[2]}) = "
            f"{show_range(part.point / whole[1] * 100, part.point / whole[0] * 100, '%')}; "
            f"stated {statement.lit.number.text}% is {gap}"
        )
        fix: tuple[str, Applicability] = (statement.replacement(share), "unsafe")
        yield ctx.statement_diagnostic(self, statement, message, fix, [])

    def _active_share(self, ctx: LintContext, statement: Statement) -> Iterator[Diagnostic]:
        """``0.28% of the weights are read per token``: an MoE model's active parameters over
        its total, both from the architecture (their ranges: norms, router, embeddings)."""
        dep = ctx.domain.deployment
        active, total = dep.active_params, dep.total_params
        arch = dep.arch
        if active is None or total is None or arch is None or arch.experts is None:
            return
        if total.low <= 0 or active.low <= 0:
            return
        low, high = active.low / total.high, active.high / total.low
        stated = statement.value.interval
        if stated.hi >= low and stated.lo <= high:
            return
        share = (low + high) / 2
        gap = off_by(statement.value.point / share)
        if stated.lo * 100 <= high and stated.hi * 100 >= low:
            gap += " (the fraction written as a percentage)"
        message = (
            f"share of the parameters each token uses: active "
            f"{show_range(active.low, active.high, 'params')} ÷ total "
            f"{show_range(total.low, total.high, 'params')} (from the architecture) = "
            f"{show_range(low * 100, high * 100, '%')}; stated {statement.lit.number.text}% is "
            f"{gap}"
        )
        fix: tuple[str, Applicability] = (statement.replacement(share), "unsafe")
        yield ctx.statement_diagnostic(self, statement, message, fix, [])


def _model_total(ctx: LintContext) -> tuple[Fraction, Fraction, str] | None:
    """The model's total parameters: the architecture's range, else the stated count."""
    dep = ctx.domain.deployment
    computed, fact = dep.total_params, dep.facts.get("param_count")
    if computed is not None:
        return computed.low, computed.high, "from the architecture"
    if fact is None or not isinstance(fact.value, Fraction):
        return None
    return fact.value, fact.value, f"as stated on line {fact.line}"


def _experts_times(ctx: LintContext, statement: Statement) -> bool:
    """``8 × 7B = 56B``: the line multiplies a size by the expert count (a total, read wrong)."""
    arch = ctx.domain.deployment.arch
    experts = arch.experts.count if arch and arch.experts else None
    return experts is not None and experts in statement.line_factors


def _from_catalog(computed: Quantity) -> bool:
    return any(f.source == "catalog" for f in computed.inputs)


def _fits(statement: Statement, computed: Quantity) -> bool:
    """The stated count overlaps the computed range, widened for marketing sizes (which name
    the whole model: a non-embedding count is always a computed one). An approximate count
    (``about 14.2B``) is read at its value: "about" and a marketing round are one looseness,
    not two added up."""
    stated = statement.value.interval
    if statement.lit.approx:
        stated = Interval.point(statement.value.point)
    marketed = statement.scope != "non-embedding" and (
        statement.lit.approx or _marketing_form(statement)
    )
    rounding = THRESHOLDS.parameter_rounding if marketed else 0
    return stated.hi >= computed.low * (1 - rounding) and stated.lo <= computed.high * (
        1 + rounding
    )


def _marketing_form(statement: Statement) -> bool:
    """Whether a count is written like a model's size name (``405B``, ``70.6B``), not like a
    computed count (``7.76B``, ``7,615,616,512``)."""
    number = statement.lit.number
    return (
        number.significant_figures <= THRESHOLDS.marketing_digits
        and number.decimals <= THRESHOLDS.marketing_decimals
    )


def _diagnostic(
    rule: Rule, ctx: LintContext, statement: Statement, computed: Quantity, other: Quantity | None
) -> Diagnostic:
    stated = statement.value.point
    point = computed.high
    ratio = stated / point
    inverse = divide(1, ratio)
    direction = f"{times(ratio)} the computed count" if ratio > 1 else f"{times(inverse)} too small"
    message = (
        f"{computed.name} from the architecture: {computed.formula} = "
        f"{show_range(computed.low, computed.high, 'params')}"
        + (f" ({computed.note})" if computed.note else "")
        + f"; stated {statement.stated_text} is {direction}"
    )
    if other is not None and _fits(statement, other):
        swapped = "active" if statement.part == "total" else "total"
        message += (
            f"; it matches the {swapped} count ({show_range(other.low, other.high, 'params')})"
        )
    arch = ctx.domain.deployment.arch
    experts = arch.experts.count if arch and arch.experts else None
    if experts is not None and experts in statement.line_factors:
        message += f"; {experts} × a dense size overcounts: only the FFN is replicated per expert"
    fix: tuple[str, Applicability] = (statement.replacement(point), "unsafe")
    related = [Related(f.line, f.text) for f in computed.inputs if f.line]
    return ctx.statement_diagnostic(rule, statement, message, fix, related)


PARAMETER_COUNT_MISMATCH = ParameterCountRule(
    code="SPC401",
    name="parameter-count-mismatch",
    category="parameters",
    severity="error",
    summary=(
        "A stated total or active parameter count that the stated architecture does not add up to."
    ),
    doc=__doc__,
)
