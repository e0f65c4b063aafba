"""## What it does
Blocks (paragraphs, list items, cells) over 20,000 characters, including a whole file without
blank lines, text nested deeper than the Markdown parser reads (20 levels of blockquotes or
lists), and text whose reading hit a time limit are not checked. Each is reported once, at its
first line.

## Why is this bad?
Without this finding a claim could pass unseen just by being formatted past a limit (on purpose
or not); the limits themselves keep a hostile document from exhausting time or memory.

## Example
```markdown
> > > > > > > > > > > > > > > > > > > > Total: 2 × 3 = 7 GB
```

## How to fix
Split long blocks with blank lines and flatten deep nesting, or check the text by hand and
suppress the finding. It is an `info`, so it never fails a run.

## Fix safety
No fix is offered: there is nothing to recompute.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule


class UncheckedText(Rule):
    """Reports blocks past the reader's limits, so that formatting cannot hide a claim."""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        document = ctx.analysis.document
        ctx.domain  # noqa: B018 -- reading the facts notes the ones that timed out
        for item in sorted(set(document.not_checked), key=lambda n: (n.start, n.reason)):
            line, column = document.position(item.start)
            end_line, end_column = document.position(item.end)
            yield ctx.diagnostic_at(
                self, (line, column, end_line, end_column), f"not checked: {item.reason}"
            )


UNCHECKED_TEXT = UncheckedText(
    code="SPC003",
    name="unchecked-text",
    category="arithmetic",
    severity="info",
    summary="A block of text is past the reader's limits, so nothing in it was checked.",
    doc=__doc__,
)
