"""Effective settings for one file: what configuration files and flags resolve to.

``speclint.config`` builds these from ``[tool.speclint]`` and the command line; rules read
them through ``LintContext.settings``. The defaults here are what an unconfigured run uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, get_args

from speclint.basics import PLAIN_CODE_LANGUAGES
from speclint.quantity.tolerance import Tolerance
from speclint.thresholds import THRESHOLDS

#: How serious a finding is (a rule's default, which configuration may override); defined here,
#: below the engine, because settings carry the overrides.
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)


@dataclass(frozen=True)
class Efficiency:
    """Realistic fractions of peak hardware (domain-math reference, section 2). A claim beyond
    these is a warning; beyond 100 % of peak it is an error."""

    #: Model-FLOPs utilisation a training step (or any FLOP/s figure) can realistically reach.
    mfu: Fraction = THRESHOLDS.mfu
    #: Fraction of peak memory bandwidth a decode step can realistically reach.
    bandwidth_utilisation: Fraction = THRESHOLDS.bandwidth_utilisation
    #: A latency this many times slower than the realistic bound suggests a unit slip.
    slow_factor: Fraction = THRESHOLDS.slow_factor
    #: Model-FLOPs utilisation an inference forward pass (prefill) can realistically reach.
    prefill_mfu: Fraction = THRESHOLDS.prefill_mfu


@dataclass(frozen=True)
class Settings:
    """Everything configurable that changes what rules report."""

    efficiency: Efficiency = field(default_factory=Efficiency)
    #: Extra or overriding accelerator specs, by name, in the catalog's own keys.
    accelerators: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Extra or overriding model architectures, by name, in the model catalog's own keys.
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: How loosely approximate values and rounded integers are read.
    tolerance: Tolerance = field(default_factory=Tolerance)
    #: Fenced code block languages (info strings, lower case) scanned for claims.
    code_languages: frozenset[str] = PLAIN_CODE_LANGUAGES
    #: Codes of the rules that run on this file; ``None`` runs every registered rule.
    selected: frozenset[str] | None = None
    #: Severity overrides by rule code.
    severity: dict[str, Severity] = field(default_factory=dict)


DEFAULT_SETTINGS = Settings()
