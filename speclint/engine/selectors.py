"""Rule selectors: a code (``SPC101``), a code prefix (``SPC1``), a rule name
(``formula-mismatch``), a category (``units``) or ``ALL``.

Selection follows ruff: each layer (configuration file, then command line) either replaces the
selection (``select``) or adjusts it (``extend-select``, ``ignore``); within a layer the more
specific selector wins, and ``ignore`` wins over a selector exactly as specific.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from speclint.engine.diagnostics import CATEGORIES, Severity
from speclint.engine.rule import Rule
from speclint.patterns import lazy_re

ALL = "ALL"
_CODE_PREFIX = lazy_re(r"[A-Z]+[0-9]*")
#: Specificity of an exact code or rule name (a prefix is ranked by its length).
_EXACT = 1000


def categories(rules: Iterable[Rule]) -> set[str]:
    """The documented categories and any a plugin rule uses."""
    return set(CATEGORIES) | {rule.category for rule in rules}


def matching(selector: str, rules: Sequence[Rule]) -> set[str]:
    """Codes of the rules ``selector`` selects; ``ValueError`` if it names nothing known."""
    if selector == ALL:
        return {rule.code for rule in rules}
    by_name = [rule.code for rule in rules if rule.name == selector]
    if by_name:
        return set(by_name)
    if selector in categories(rules):
        return {rule.code for rule in rules if rule.category == selector}
    if _CODE_PREFIX.fullmatch(selector):
        codes = {rule.code for rule in rules if rule.code.startswith(selector)}
        if codes:
            return codes
    raise ValueError(f"unknown rule selector {selector!r}")


def specificity(selector: str, rules: Sequence[Rule]) -> int:
    """ALL < a category < a code prefix (longer is more specific) < a code or rule name."""
    if selector == ALL:
        return 0
    if any(selector in (rule.code, rule.name) for rule in rules):
        return _EXACT
    if selector in categories(rules):
        return 1
    return 2 + len(selector)


def rule_code(token: str, rules: Sequence[Rule]) -> str | None:
    """The code an exact code or rule name stands for (suppression comments), else ``None``."""
    for rule in rules:
        if token in (rule.code, rule.name):
            return rule.code
    return None


@dataclass(frozen=True)
class Selection:
    """One layer's rule selection; ``select`` ``None`` keeps the layer below's."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def resolve(layers: Iterable[Selection], rules: Sequence[Rule]) -> frozenset[str]:
    """Codes enabled after applying ``layers`` in order (every rule before the first)."""
    enabled = {rule.code for rule in rules}
    for layer in layers:
        if layer.select is not None:
            enabled = set()
        actions = [(s, 0) for s in (*(layer.select or ()), *layer.extend_select)]
        actions += [(s, 1) for s in layer.ignore]
        for selector, remove in sorted(actions, key=lambda a: (specificity(a[0], rules), a[1])):
            codes = matching(selector, rules)
            enabled = enabled - codes if remove else enabled | codes
    return frozenset(enabled)


def resolve_severity(
    overrides: Mapping[str, Severity], rules: Sequence[Rule]
) -> dict[str, Severity]:
    """Severity by code from selector overrides; a more specific selector wins."""
    result: dict[str, Severity] = {}
    for selector in sorted(overrides, key=lambda s: specificity(s, rules)):
        for code in matching(selector, rules):
            result[code] = overrides[selector]
    return result
