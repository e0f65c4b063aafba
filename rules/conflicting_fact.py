"""## What it does
Facts come from `Label: value` lines, key-value tables, `name = value` definitions and config keys.
Two explicit statements of one fact that disagree are reported at the later one; the domain rules
then leave that fact alone.
A memory bandwidth written in a sentence about one device (`TP=4 on H100: 35.28 GB / 4.8 TB/s`)
that none of its variants has, but another device the document names does (the H200's 4.8
TB/s), is that other device's; a figure the document gives the device twice, or in a table row
naming it, is its own assumption and is left alone.
A figure that says it repeats an earlier one (`at the 40 % MFU we assumed above`, `the same
45 % MFU`) and differs from the earlier figures of its name, which all agree, is reported too.

## Why is this bad?
Every derived figure depends on which value is right; a doc that says 32 layers in one place and 40
in another cannot be checked, or trusted.

## Example
```markdown
- Layers: 32
- Hidden size: 4096

Later:

- Layers: 40
```

## How to fix
Make the statements agree, or name the two models differently.

## Fix safety
No fix is offered for two statements: only the author knows which value is right. A figure that
points back is offered the earlier value, as an `unsafe` fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.quantity.numbers import format_readable


class ConflictingFactRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for first, later in ctx.domain.facts.conflicts():
            name = first.name.replace("_", " ")
            message = (
                f"{name} is {later.shown} here but {first.shown} on line "
                f"{first.line} ({first.text}); rules that need the {name} ignore both"
            )
            yield ctx.fact_diagnostic(self, later, message, [Related(first.line, first.text)])
        yield from self._bandwidths(ctx)
        yield from self._back_references(ctx)

    def _back_references(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``at the 40 % MFU we assumed above`` with every earlier MFU figure 45 %."""
        for verdict in ctx.verdicts():
            if verdict.claim.kind == "restatement" and verdict.status == "inconsistent":
                yield ctx.verdict_diagnostic(self, verdict)

    def _bandwidths(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``TP=4 on H100: 35.28 GB / 4.8 TB/s`` with 4.8 TB/s the H200's, which is named too."""
        from speclint.domain.device_bandwidths import misattributed_bandwidths
        from speclint.domain.hardware import devices
        from speclint.domain.hardware_names import device_matcher

        table = devices(ctx.settings.accelerators)
        analysis = ctx.analysis
        found = misattributed_bandwidths(
            analysis.document, analysis.scanned, device_matcher(table), table
        )
        for bad in found:
            stated, where = bad.stated, bad.where
            text = f"{stated.number.text} {stated.unit_text}"
            own = " or ".join(f"{format_readable(bw)} TB/s" for bw in bad.own)
            message = (
                f"{text} is the {bad.other}'s memory bandwidth (named on line {bad.other_line}), "
                f"not the {bad.device}'s: it has {own}"
            )
            related = [Related(bad.other_line, f"{bad.other} is named here")]
            yield ctx.diagnostic(
                self, where, stated.num_start, stated.num_end, message, None, related
            )


CONFLICTING_FACT = ConflictingFactRule(
    code="SPC302",
    name="conflicting-fact",
    category="consistency",
    severity="warning",
    summary="A fact (layers, hidden size, GPU count, TP…) stated twice with different values.",
    doc=__doc__,
)
