"""The domain view of a document for rules and ``speclint explain``: its facts, the deployment
they describe, and the statements that deployment can confirm or refute."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from speclint.claims.model import Definition
from speclint.document import Document
from speclint.domain.catalog import (
    Contradiction,
    Naming,
    apply_catalog,
    catalog_matcher,
    named_model,
)
from speclint.domain.deployment import Deployment, build_deployment
from speclint.domain.facts import (
    Fact,
    FactSet,
    aside_sections,
    extract_facts,
    hypothetical_sentences,
)
from speclint.domain.hardware import devices
from speclint.domain.hardware_names import device_matcher
from speclint.domain.scopes import Scope, paragraph_scopes, scope_facts, table_scopes
from speclint.domain.statements import (
    Statement,
    cell_statements,
    find_statements,
    stated_param_facts,
)
from speclint.formula.expr import strip_groups
from speclint.judgement.analysis import Analysis
from speclint.patterns import lazy_compile
from speclint.settings import Settings


@dataclass
class Domain:
    facts: FactSet
    deployment: Deployment
    statements: list[Statement]
    #: The catalog model the document names, when it names exactly one.
    naming: Naming | None = None
    #: Stated architecture facts that differ from the named model's.
    contradictions: list[Contradiction] = field(default_factory=list)
    #: The table columns (models) and rows (devices) about one of several systems, each with
    #: its own facts, deployment and statements; the document's own statements exclude them.
    scopes: list[Domain] = field(default_factory=list)
    #: The column or row this domain is about, when it is a scope.
    scope: Scope | None = None
    #: Statements of a sentence that supposes another precision or device ("FP8 weights
    #: would cut TPOT to 4.6 ms"), each with the deployment it supposes: only a hard bound
    #: of that deployment is checked; the document's own statements exclude them.
    supposed: list[tuple[Statement, Deployment]] = field(default_factory=list)


def build_domain(analysis: Analysis, settings: Settings) -> Domain:
    """Facts, deployment and statements of an analysed document under ``settings``."""
    table = devices(settings.accelerators)
    facts = extract_facts(
        analysis.document,
        analysis.scanned,
        analysis.items,
        _standing_definitions(analysis),
        analysis.symbols,
        device_matcher(table),
    )
    statements = find_statements(
        analysis.document, analysis.scanned, analysis.items, analysis.tolerance
    )
    for fact in stated_param_facts(statements):
        facts.add(fact)
    document = analysis.document
    counterfactual = _counterfactual_lines(facts, document)
    supposed = [s for s in statements if s.line in counterfactual]
    statements = [s for s in statements if s.line not in counterfactual]
    matcher = catalog_matcher(settings.models)
    naming = named_model(analysis.document, matcher)
    if naming is not None and naming.drafts:
        about_draft = _draft_lines(document)
        statements = [s for s in statements if s.line not in about_draft]
    catalog = matcher.by_tokens.values() if matcher is not None else ()
    contradictions = apply_catalog(facts, naming, catalog) if naming is not None else []
    scopes = [
        _scope_domain(analysis, settings, table, facts, scope)
        for scope in table_scopes(
            analysis.document, analysis.scanned, matcher, device_matcher(table)
        )
    ]
    in_scope = {id(where) for domain in scopes if domain.scope for _, where in domain.scope.cells}
    statements = [s for s in statements if id(s.where) not in in_scope]
    for scope in paragraph_scopes(document, analysis.scanned, facts, matcher):
        own = [s for s in statements if scope.holds(s.line)]
        statements = [s for s in statements if not scope.holds(s.line)]
        scopes.append(_scope_domain(analysis, settings, table, facts, scope, own))
    deployment = build_deployment(facts, settings, table)
    domain = Domain(facts, deployment, statements, naming, contradictions, scopes)
    domain.supposed = _supposed(facts, counterfactual, supposed, settings, table)
    return domain


def _standing_definitions(analysis: Analysis) -> list[Definition]:
    """The definitions whose own chain holds: ``MFU = 6 × N × 7,100 / 989e12 = 11.5 %`` names
    a fact only when 11.5 % is what its formula computes; a refuted value (reported at its line)
    must not feed another check."""
    refuted = {
        id(claim.stated)
        for claim in analysis.claims
        if claim.formula is not None and analysis.verdict(claim).status == "inconsistent"
    }
    if not refuted:
        return analysis.definitions
    return [d for d in analysis.definitions if id(strip_groups(d.node)) not in refuted]


def _scope_domain(
    analysis: Analysis,
    settings: Settings,
    table: dict,
    facts: FactSet,
    scope: Scope,
    statements: list[Statement] | None = None,
) -> Domain:
    """The domain of one table column or row (its cells' statements) or one paragraph (the
    ``statements`` on its lines): its facts and deployment."""
    scoped, naming = scope_facts(analysis.document, facts, scope)
    if naming is not None:
        apply_catalog(scoped, naming)
    if statements is None:
        statements = cell_statements(analysis.document, list(scope.cells), analysis.tolerance)
    deployment = build_deployment(scoped, settings, table)
    return Domain(scoped, deployment, statements, naming, scope=scope)


#: A line about the draft model of speculative decoding.
_DRAFT = lazy_compile(r"\bdraft", regex.I)


def _draft_lines(document: Document) -> set[int]:
    """The lines that speak of the draft model: their figures may be the draft's, not the
    served model's the catalog describes."""
    return {n for n, text in enumerate(document.source.split("\n"), 1) if _DRAFT.search(text)}


#: The facts a supposed setup may change for its statements to be checked against it.
_SUPPOSABLE = frozenset({"weight_dtype", "device"})


def _supposed(
    facts: FactSet,
    lines: dict[int, list[Fact]],
    statements: list[Statement],
    settings: Settings,
    table: dict,
) -> list[tuple[Statement, Deployment]]:
    """Each statement of a supposing sentence whose other setup is only another weight
    precision or device (one of each at most), with the deployment that setup gives."""
    found = []
    for statement in statements:
        changed = lines.get(statement.line, [])
        names = [f.name for f in changed]
        if not changed or not set(names) <= _SUPPOSABLE or len(names) != len(set(names)):
            continue
        if _OTHER_LAYOUT.search(statement.where.text):
            continue  # "FP8 on two nodes would …": a layout the deployment does not know
        supposed = FactSet(facts=dict(facts.facts))
        for fact in changed:
            supposed.facts[fact.name] = [replace(fact, aside=False)]
        found.append((statement, build_deployment(supposed, settings, table)))
    return found


#: Words of a supposing block that change the layout too (GPU counts, parallelism).
_OTHER_LAYOUT = lazy_compile(
    r"\b(?:tp|pp|ep|dp)\s*[=:]?\s*\d|\b\d+\s*(?:gpus?|nodes?|replicas?|cards?)\b"
    r"|\bparallel|\bshard|\bnodes?\b",
    regex.I,
)


def _counterfactual_lines(facts: FactSet, document: Document) -> dict[int, list[Fact]]:
    """The lines that suppose another setup than the document's: each states, in a question or
    a "would" sentence, a fact with another value than the one the document settles on
    ("FP8 weights would double the ceiling to ~417 tokens/s" in a bf16 plan), with the rest of
    its sentence; and every line of a section about an alternative that states one
    ("Alternative considered: a 235B model" with its own hidden size). The asides are only
    searched for when some fact is one. Each line maps to the facts its setup changes."""
    lines: dict[int, list[Fact]] = {}
    asides: list[tuple[int, int]] | None = None
    for stated in facts.facts.values():
        for fact in stated:
            if fact.aside:
                chosen = facts.get(fact.name)
                if chosen is not None and chosen.value != fact.value:
                    lines.setdefault(fact.line, []).append(fact)
                    if asides is None:
                        asides = hypothetical_sentences(document) + aside_sections(document)
                    for start, end in asides:
                        if start <= fact.line < end:
                            for line in range(start, end):
                                changed = lines.setdefault(line, [])
                                if fact not in changed:
                                    changed.append(fact)
    return lines
