"""Accelerator figures: the catalog (``data/accelerators.toml``), configured devices, and what a
document states, which always wins."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from speclint.data import load
from speclint.domain.facts import Fact, FactSet

#: Catalog keys and the factor from each to base units (bytes, bytes/s, FLOP/s).
FIGURES: dict[str, tuple[str, Fraction]] = {
    "memory-gb": ("gpu_memory", Fraction(10) ** 9),
    "bandwidth-tbps": ("memory_bandwidth", Fraction(10) ** 12),
    "bf16-tflops": ("peak_flops", Fraction(10) ** 12),
    "fp8-tflops": ("peak_flops_fp8", Fraction(10) ** 12),
    "interconnect-gbps": ("link_bandwidth", Fraction(10) ** 9),
}


@dataclass(frozen=True)
class Figure:
    """One hardware figure in base units, with where it came from."""

    value: Fraction
    source: str  # "line 36" or "catalog: NVIDIA H100 SXM"
    fact: Fact | None = None
    #: Where the catalog figure comes from (a datasheet or the reference it cites).
    reference: str = ""
    #: The least of the devices' values when several share the name (``value`` is the most).
    least: Fraction | None = None

    @property
    def low(self) -> Fraction:
        """The least value the figure may have (``value`` when one device gives it)."""
        return self.value if self.least is None else self.least


@lru_cache(maxsize=1)
def catalog() -> dict[str, dict[str, Any]]:
    """The built-in accelerator catalog, by device name."""
    return load("accelerators.toml")


def devices(extra: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Catalog devices, with configured ones added or overriding by name."""
    merged = {name: dict(spec) for name, spec in catalog().items()}
    for name, spec in (extra or {}).items():
        merged[name] = {**merged.get(name, {}), **spec}
    return merged


@dataclass(frozen=True)
class Hardware:
    """Per-device figures for the document's accelerator; None where unknown."""

    memory: Figure | None
    bandwidth: Figure | None
    flops: Figure | None
    link: Figure | None


def resolve_hardware(
    facts: FactSet, table: Mapping[str, Mapping[str, Any]], fp8: bool = False
) -> Hardware:
    """Figures the document states, else the catalog's for the one device it names. A name
    several devices share (``H100``) gives each figure's most generous value, as bounds need."""
    named = facts.facts.get("device", [])
    stated_devices = {f.value for f in [f for f in named if not f.aside] or named}
    names = sorted(str(d) for d in stated_devices)
    figures: dict[str, Figure] = {}
    if names:
        for key, (figure, factor) in FIGURES.items():
            values = [table[n][key] for n in names if key in table.get(n, {})]
            if len(values) == len(names):
                exact = [Fraction(str(v)) for v in values]
                label = " or ".join(names)
                sources = "; ".join(str(table[n].get("source", "catalog")) for n in names)
                figures[figure] = Figure(
                    max(exact) * factor, f"catalog: {label}", None, sources, min(exact) * factor
                )
    stated = {
        "gpu_memory": facts.get("gpu_memory"),
        "memory_bandwidth": facts.get("memory_bandwidth"),
        "peak_flops": facts.get("peak_flops"),
    }
    for figure, fact in stated.items():
        if fact is not None:
            figures[figure] = Figure(Fraction(fact.value), f"line {fact.line}", fact)
    flops = figures.get("peak_flops")
    if fp8 and "peak_flops_fp8" in figures and stated["peak_flops"] is None:
        flops = figures["peak_flops_fp8"]
    return Hardware(
        figures.get("gpu_memory"),
        figures.get("memory_bandwidth"),
        flops,
        figures.get("link_bandwidth"),
    )
