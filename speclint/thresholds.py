"""Thresholds the rules judge by, read once from ``data/thresholds.toml`` as exact rationals."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from speclint.data import load


@dataclass(frozen=True)
class Thresholds:
    """The values of ``data/thresholds.toml``; its comments say what each one means."""

    mfu: Fraction
    prefill_mfu: Fraction
    bandwidth_utilisation: Fraction
    slow_factor: Fraction
    parameter_rounding: Fraction
    marketing_digits: int
    marketing_decimals: int
    safe_fix_max_deviation: Fraction


def _exact(value: float | int) -> Fraction:
    """A TOML number as the decimal it was written as (``0.85`` is 17/20, not a binary float)."""
    return Fraction(str(value))


def _load() -> Thresholds:
    data = load("thresholds.toml")
    efficiency, parameters, fixes = data["efficiency"], data["parameters"], data["fixes"]
    return Thresholds(
        mfu=_exact(efficiency["mfu"]),
        prefill_mfu=_exact(efficiency["prefill_mfu"]),
        bandwidth_utilisation=_exact(efficiency["bandwidth_utilisation"]),
        slow_factor=_exact(efficiency["slow_factor"]),
        parameter_rounding=_exact(parameters["rounding"]),
        marketing_digits=int(parameters["marketing_digits"]),
        marketing_decimals=int(parameters["marketing_decimals"]),
        safe_fix_max_deviation=_exact(fixes["safe_max_deviation"]),
    )


THRESHOLDS = _load()
