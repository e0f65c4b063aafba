"""Consistency rules: figures in one document that must agree with each other."""

from __future__ import annotations

from collections.abc import Iterator

from sympy import Integer, Rational

from speclint import hookimpl
from speclint.domain.facts import Fact
from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule, VerdictRule
from speclint.quantity.numbers import format_readable


def _value_text(fact: Fact) -> str:
    value = fact.value
    if isinstance(value, bool) or not isinstance(value, Rational | Integer):
        return str(value)
    return format_readable(value)


def _needle(fact: Fact, line_text: str) -> str:
    """The value as written on its line, for the diagnostic's columns."""
    text = _value_text(fact)
    for candidate in (text, text.replace(",", ""), str(fact.value)):
        if candidate in line_text:
            return candidate
    return ""


class ConflictingFactRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        doc = ctx.analysis.document
        for first, later in ctx.domain.facts.conflicts():
            name = first.name.replace("_", " ")
            message = (
                f"{name} is {_value_text(later)} here but {_value_text(first)} on line "
                f"{first.line} ({first.text}); rules that need the {name} ignore both"
            )
            needle = _needle(later, doc.line_text(later.line))
            related = [Related(first.line, first.text)]
            yield ctx.line_diagnostic(self, later.line, needle, message, related)


class CatalogMismatchRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        doc = ctx.analysis.document
        naming = ctx.domain.naming
        for found in ctx.domain.contradictions:
            stated, model = found.stated, found.model
            name = stated.name.replace("_", " ")
            published = (
                str(found.published).lower()
                if isinstance(found.published, bool)
                else (format_readable(found.published))
            )
            message = (
                f"{name} is {_value_text(stated)} here, but {model.name} (named on line "
                f"{naming.line if naming else '?'}) has {published} ({model.label}: "
                f"{model.source}); the document's figure is used"
            )
            needle = _needle(stated, doc.line_text(stated.line))
            related = [Related(naming.line, naming.text)] if naming else []
            yield ctx.line_diagnostic(self, stated.line, needle, message, related)


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
        total = Rational(gpus.value)
        products = []
        for layout in LAYOUTS:
            product = Integer(1)
            for name in layout:
                if name in stated:
                    product *= Rational(stated[name].value)
            products.append(product)
            exact = "dp" in stated
            if product == total or (not exact and total % product == 0):
                return
        shown = " × ".join(f"{n.upper()} {_value_text(f)}" for n, f in stated.items())
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
        needle = _needle(last, ctx.analysis.document.line_text(last.line))
        yield ctx.line_diagnostic(self, last.line, needle, message, related)


PER_UNIT_TOTAL_MISMATCH = VerdictRule(
    code="SPC301",
    name="per-unit-total-mismatch",
    category="consistency",
    severity="error",
    summary="A system total does not equal the per-unit figure times the number of units.",
    explanation=(
        "Pairs `Achieved: 120 tokens/ms per GPU` with `Total System Throughput: 3,840 tokens/ms` "
        "in the same section and the document's one count of GPUs. Several per-unit figures or "
        "several counts make the check ambiguous, and it stays silent."
    ),
    rationale=(
        "The system total is what gets compared against demand; if it does not follow from the "
        "per-unit figure and the number of units, the plan is over- or under-provisioned."
    ),
    example=(
        "The cluster has 32 GPUs.\n"
        "\n"
        "- Per-GPU throughput: 120 tokens/ms per GPU\n"
        "- Total System Throughput: 3,480 tokens/ms\n"
    ),
    how_to_fix=(
        "Correct the total, the per-unit figure or the count, whichever is wrong; the "
        "suggestion assumes the total is."
    ),
    kinds=("per-unit",),
)


CONFLICTING_FACT = ConflictingFactRule(
    code="SPC302",
    name="conflicting-fact",
    category="consistency",
    severity="warning",
    summary="A fact (layers, hidden size, GPU count, TP…) stated twice with different values.",
    explanation=(
        "Facts come from `Label: value` lines, key-value tables, `name = value` definitions and "
        "config keys. Two explicit statements of one fact that disagree are reported at the "
        "later one; the domain rules then leave that fact alone."
    ),
    rationale=(
        "Every derived figure depends on which value is right; a doc that says 32 layers in "
        "one place and 40 in another cannot be checked, or trusted."
    ),
    example="- Layers: 32\n- Hidden size: 4096\n\nLater:\n\n- Layers: 40\n",
    how_to_fix="Make the statements agree, or name the two models differently.",
)
LAYOUT_PRODUCT_MISMATCH = LayoutProductRule(
    code="SPC303",
    name="layout-product-mismatch",
    category="consistency",
    severity="error",
    summary="Parallel degrees (TP × PP × EP × DP × CP) that cannot multiply to the GPU count.",
    explanation=(
        "Accepts the Megatron convention (EP inside DP: TP × PP × DP × CP = GPUs) and layouts "
        "with EP as its own axis (TP × PP × EP × DP × CP = GPUs). Without a stated DP, the GPU "
        "count only has to be a multiple of the product (the rest is data parallelism)."
    ),
    rationale=(
        "A layout whose degrees do not fit the cluster leaves GPUs idle or does not exist; the "
        "per-GPU memory and throughput figures built on it are wrong too."
    ),
    example="- GPUs: 32\n- TP: 8\n- PP: 2\n- DP: 4\n",
    how_to_fix="Correct the degree or the GPU count so the product matches.",
)

CATALOG_MISMATCH = CatalogMismatchRule(
    code="SPC304",
    name="catalog-mismatch",
    category="consistency",
    severity="warning",
    summary="An architecture fact that differs from the published figure of the model named.",
    explanation=(
        "When a document names exactly one model of the catalog (`speclint/data/models.toml`, "
        "plus `[tool.speclint.models]`), its published architecture fills in the facts the "
        "document does not state. A stated fact (layers, hidden size, heads, KV heads, FFN or "
        "expert sizes, experts, top-k, vocabulary, tied or gated) that differs is reported; the "
        "document's figure is still the one used. A vocabulary within 2 % is the same tokenizer "
        "before padding."
    ),
    rationale=(
        "A figure that does not match the model the document is about is either a typo or a "
        "different model; every derived size uses it."
    ),
    example="We serve Llama-3.1-70B.\n\n- Layers: 64\n",
    how_to_fix=(
        "Correct the figure, or name the model the figures describe; add a custom model in "
        "`[tool.speclint.models]`."
    ),
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [PER_UNIT_TOTAL_MISMATCH, CONFLICTING_FACT, LAYOUT_PRODUCT_MISMATCH, CATALOG_MISMATCH]
