"""The domain view of a document for rules and ``speclint explain``: its facts, the deployment
they describe, and the statements that deployment can confirm or refute."""

from __future__ import annotations

from dataclasses import dataclass, field

from speclint.domain.catalog import (
    Contradiction,
    Naming,
    apply_catalog,
    model_matcher,
    models,
    named_model,
)
from speclint.domain.deployment import Deployment, build_deployment
from speclint.domain.facts import FactSet, extract_facts
from speclint.domain.hardware import devices
from speclint.domain.hardware_names import device_matcher
from speclint.domain.statements import Statement, find_statements, stated_param_facts
from speclint.judgement.analysis import Analysis
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


def build_domain(analysis: Analysis, settings: Settings) -> Domain:
    """Facts, deployment and statements of an analysed document under ``settings``."""
    table = devices(settings.accelerators)
    facts = extract_facts(
        analysis.document,
        analysis.scanned,
        analysis.items,
        analysis.definitions,
        analysis.symbols,
        device_matcher(table),
    )
    statements = find_statements(
        analysis.document, analysis.scanned, analysis.items, analysis.tolerance
    )
    for fact in stated_param_facts(statements):
        facts.add(fact)
    statements = [s for s in statements if not _counterfactual(facts, s.line)]
    naming = named_model(analysis.document, model_matcher(models(settings.models)))
    contradictions = apply_catalog(facts, naming) if naming is not None else []
    deployment = build_deployment(facts, settings, table)
    return Domain(facts, deployment, statements, naming, contradictions)


def _counterfactual(facts: FactSet, line: int) -> bool:
    """Whether a line supposes another setup than the document's: it states, in a question or
    a "would" sentence, a fact with another value than the one the document settles on
    ("FP8 weights would double the ceiling to ~417 tokens/s" in a bf16 plan)."""
    for stated in facts.facts.values():
        for fact in stated:
            if fact.line == line and fact.aside:
                chosen = facts.get(fact.name)
                if chosen is not None and chosen.value != fact.value:
                    return True
    return False
