"""## What it does
When a document names exactly one model of the catalog (`speclint/data/models.toml`, plus
`[tool.speclint.models]`), its published architecture fills in the facts the document does not
state. A stated fact (layers, hidden size, heads, KV heads, FFN or expert sizes, experts, top-k,
vocabulary, tied or gated) that differs from the published one is reported; the document's figure
is still the one used. A vocabulary within 2 % is the same tokenizer before padding.

## Why is this bad?
A figure that does not match the model the document is about is either a typo or a different
model; every derived size uses it.

## Example
```markdown
We serve Llama-3.1-70B.

- Layers: 64
```

## How to fix
Correct the figure, or name the model the figures describe; add a custom model in
`[tool.speclint.models]`.

## Fix safety
No fix is offered: the document may describe a modified model on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.numbers import format_readable


class CatalogMismatchRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        naming = ctx.domain.naming
        for found in ctx.domain.contradictions:
            stated, model = found.stated, found.model
            name = stated.name.replace("_", " ")
            published = (
                str(found.published).lower()
                if isinstance(found.published, bool)
                else format_readable(found.published)
            )
            message = (
                f"{name} is {stated.shown} here, but {model.name} (named on line "
                f"{naming.line if naming else '?'}) has {published} ({model.label}: "
                f"{model.source}); the document's figure is used"
            )
            related = [Related(naming.line, naming.text)] if naming else []
            yield ctx.fact_diagnostic(self, stated, message, related)


CATALOG_MISMATCH = CatalogMismatchRule(
    code="SPC304",
    name="catalog-mismatch",
    category="consistency",
    severity="warning",
    summary="An architecture fact that differs from the published figure of the model named.",
    doc=__doc__,
)
