"""The rule API: what a rule is, and the context it checks a document through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from speclint.engine.diagnostics import Applicability, Diagnostic, Fix, Problem, Related, Severity

if TYPE_CHECKING:
    # What a rule checks a document through: imported where it is used, so that loading the
    # rules (a run served from the cache, a document with nothing to check) loads none of it.
    from speclint.claims.model import ClaimKind, Scanned
    from speclint.domain.facts import Fact
    from speclint.domain.statements import Statement
    from speclint.domain.view import Domain
    from speclint.judgement.analysis import Analysis
    from speclint.judgement.verdict import SlipName, Verdict, VerdictStatus
    from speclint.settings import Settings


@dataclass(frozen=True)
class Rule:
    """A check with a stable code (``SPC101``), a name, a category and a default severity."""

    code: str
    name: str
    category: str  # a Category, or a plugin rule's own
    severity: Severity
    summary: str
    #: The rule's documentation: its module docstring, in the sections ``speclint rule``
    #: shows (``## What it does``, ``## Why is this bad?``, ``## Example``, ``## How to fix``,
    #: ``## Fix safety``; see ``speclint.engine.rule_docs``).
    doc: str | None = field(default=None, repr=False, compare=False)
    #: Runs after the other rules' diagnostics went through the suppression comments (SPC002).
    after_suppression: ClassVar[bool] = False
    #: Also checks each table column or row about one of several systems (a model column, a
    #: device row) through that scope's own deployment (``LintContext.scopes``).
    scoped: ClassVar[bool] = False

    def check(self, ctx: LintContext) -> Iterable[Diagnostic]:
        raise NotImplementedError


@dataclass(frozen=True)
class VerdictRule(Rule):
    """Reports judged claims of some kinds whose verdict has a given status (and unit slip)."""

    kinds: tuple[ClaimKind, ...] = ()
    status: VerdictStatus = "inconsistent"
    slip: SlipName | None = None

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for verdict in ctx.verdicts():
            if self.kinds and verdict.claim.kind not in self.kinds:
                continue
            if verdict.status != self.status:
                continue
            if self.slip and (verdict.slip is None or verdict.slip.name != self.slip):
                continue
            yield ctx.verdict_diagnostic(self, verdict)


class LintContext:
    """One analysed document, as rules see it."""

    def __init__(self, analysis: Analysis, settings: Settings | None = None) -> None:
        if settings is None:
            from speclint.settings import DEFAULT_SETTINGS

            settings = DEFAULT_SETTINGS
        self.analysis = analysis
        self.settings = settings
        self.path = analysis.document.path
        #: Suppression comments that suppressed nothing or name unknown rules; filled in before
        #: the rules that run ``after_suppression``.
        self.suppression_problems: list[Problem] = []
        #: A table column's or row's own system (``scopes``), not the whole document.
        self.scope = False

    @cached_property
    def domain(self) -> Domain:
        """The document's facts, deployment and checkable statements (built on first use)."""
        from speclint.domain.view import build_domain

        return build_domain(self.analysis, self.settings)

    def scopes(self) -> list[LintContext]:
        """A context per table column or row about one system, whose domain is that scope's."""
        contexts = []
        for domain in self.domain.scopes:
            context = LintContext(self.analysis, self.settings)
            context.__dict__["domain"] = domain
            context.scope = True
            contexts.append(context)
        return contexts

    def verdicts(self) -> list[Verdict]:
        return self.analysis.verdicts()

    def span_position(self, where: Scanned, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of a normalized-text span; end exclusive."""
        src_start, src_end = where.source_span(start, end)
        line, column = self.analysis.document.position(src_start)
        end_line, end_column = self.analysis.document.position(src_end - 1)
        return line, column, end_line, end_column + 1

    def diagnostic(
        self,
        rule: Rule,
        where: Scanned,
        start: int,
        end: int,
        message: str,
        fix: tuple[str, Applicability] | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at a span; ``fix`` is (replacement, applicability) and
        ``related`` the inputs it used, with their lines."""
        position = self.span_position(where, start, end)
        return self.diagnostic_at(rule, position, message, fix, related)

    def diagnostic_at(
        self,
        rule: Rule,
        position: tuple[int, int, int, int],
        message: str,
        fix: tuple[str, Applicability] | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        """A diagnostic of ``rule`` at a source (line, column, end_line, end_column); each input
        in ``related`` is listed once, in the order first given."""
        line, column, end_line, end_column = position
        fix_obj = None
        if fix is not None:
            fix_obj = Fix(fix[0], line, column, end_line, end_column, fix[1])
        return Diagnostic(
            self.path,
            line,
            column,
            end_line,
            end_column,
            rule.code,
            rule.name,
            rule.category,
            rule.severity,
            message,
            fix_obj,
            tuple(dict.fromkeys(related)),
        )

    def statement_diagnostic(
        self,
        rule: Rule,
        statement: Statement,
        message: str,
        fix: tuple[str, Applicability] | None = None,
        related: Iterable[Related] = (),
    ) -> Diagnostic:
        """A diagnostic at the number of a domain statement (``Total Parameters: 10B``); a fix
        with no replacement text is dropped."""
        lit = statement.lit
        fix = fix if fix is None or fix[0] else None
        return self.diagnostic(
            rule, statement.where, lit.num_start, lit.num_end, message, fix, related
        )

    def fact_diagnostic(
        self, rule: Rule, fact: Fact, message: str, related: Iterable[Related] = ()
    ) -> Diagnostic:
        """A diagnostic at a fact's value on its line (the whole line if it is written there
        in no form speclint shows it in)."""
        text = self.analysis.document.line_text(fact.line)
        forms = (fact.shown, fact.shown.replace(",", ""), str(fact.value))
        needle = next((form for form in forms if form in text), "")
        at = text.find(needle) if needle else -1
        start, end = (at, at + len(needle)) if at >= 0 else (0, max(len(text), 1))
        position = (fact.line, start + 1, fact.line, end + 1)
        return self.diagnostic_at(rule, position, message, None, related)

    def verdict_diagnostic(self, rule: Rule, verdict: Verdict) -> Diagnostic:
        """A diagnostic at the stated number, with the derivation and the recomputed value."""
        from speclint.claims.model import formula_text
        from speclint.formula.expr import span
        from speclint.judgement.messages import describe

        lit = verdict.claim.stated
        fix = None
        if verdict.replacement is not None:
            fix = (verdict.replacement, fix_applicability(verdict))
        claim = verdict.claim
        related = [*claim.inputs, *claim.parts]
        if claim.formula_where is not None and claim.formula is not None:
            start, end = span(claim.formula)
            line = self.span_position(claim.formula_where, start, end)[0]
            if line != self.span_position(claim.where, lit.num_start, lit.num_end)[0]:
                related.append(Related(line, formula_text(claim.formula_where, claim.formula)))
        return self.diagnostic(
            rule, claim.where, lit.num_start, lit.num_end, describe(verdict), fix, related
        )


def fix_applicability(verdict: Verdict) -> Applicability:
    """``safe`` only for plain arithmetic slips of the result; anything that needs judgement
    (which side is wrong, which unit was meant, a gross gap) is ``unsafe``."""
    from speclint.thresholds import THRESHOLDS

    claim = verdict.claim
    if claim.kind not in ("formula", "percentage") or verdict.slip is not None:
        return "unsafe"
    if verdict.reading or claim.assumption or claim.relation != "=" or claim.stated.approx:
        return "unsafe"
    assert verdict.computed is not None and verdict.stated is not None
    if verdict.computed.point == 0:
        return "unsafe"
    deviation = abs(verdict.stated.point / verdict.computed.point - 1)
    return "safe" if deviation <= THRESHOLDS.safe_fix_max_deviation else "unsafe"
