"""Units with exact factors and dimension vectors, loaded from ``data/units.toml``."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from speclint.data import load

Dims = tuple[int, ...]


def parse_factor(text: str) -> Fraction:
    """Parse an exact factor written as ``a``, ``a/b``, ``a^b`` or ``x*y`` (trusted data only)."""
    result = Fraction(1)
    for product_term in text.split("*"):
        num_text, _, den_text = product_term.partition("/")
        value = _power(num_text)
        if den_text:
            value = value / _power(den_text)
        result *= value
    return Fraction(result)


def _power(text: str) -> Fraction:
    base, _, exponent = text.strip().partition("^")
    value = Fraction(int(base))
    return value ** int(exponent) if exponent else value


@dataclass(frozen=True)
class Unit:
    """A unit as written, with its exact factor to base units and its dimensions."""

    text: str
    factor: Fraction
    dims: Dims
    kind: str = ""
    #: Prefix system of the byte or bit part ("decimal" or "binary") and its level (k=1, M=2…).
    prefix_system: str = ""
    prefix_level: int = 0
    #: What a resource-time unit counts: ``gpu`` for GPU-hours, ``replica`` for replica-hours.
    counted: str = ""

    @property
    def other_prefix_text(self) -> str:
        """The same prefix in the other system: ``GB`` ↔ ``GiB``, ``kB``/``KB`` → ``KiB``."""
        if self.prefix_system == "decimal":
            return self.text[:1].upper() + "i" + self.text[1:]
        return self.text.replace("i", "", 1)

    def per(self, other: Unit) -> Unit:
        """The compound unit ``self/other`` (``GB/s``, ``tokens/ms``)."""
        return Unit(
            text=f"{self.text}/{other.text}",
            factor=self.factor / other.factor,
            dims=tuple(a - b for a, b in zip(self.dims, other.dims, strict=True)),
            kind=self.kind,
            prefix_system=self.prefix_system,
            prefix_level=self.prefix_level,
            counted=self.counted,
        )


@dataclass(frozen=True)
class Scale:
    """A scale suffix or word on a number: ``k``, ``M``, ``B`` (billion), ``million``."""

    text: str
    factor: Fraction
    #: The 1024-based reading of the same suffix ("128K" tokens = 131,072), when it has one.
    binary: Fraction | None = None


class UnitTable:
    """Lookup of unit names, scale words and dimension metadata."""

    def __init__(self, data: dict) -> None:
        dims = data["dimensions"]
        self.hard: tuple[str, ...] = tuple(dims["hard"])
        self.soft: tuple[str, ...] = tuple(dims["soft"])
        self.names: tuple[str, ...] = self.hard + self.soft
        self.dimensionless: Dims = (0,) * len(self.names)
        self.units: dict[str, Unit] = {}
        self.scales: dict[str, Scale] = {
            name: Scale(
                name,
                parse_factor(spec["factor"]),
                parse_factor(spec["binary"]) if "binary" in spec else None,
            )
            for name, spec in data["scales"].items()
        }
        prefixes = data["prefixes"]
        for spec in data["unit"]:
            self._add_unit(spec, prefixes)

    def _dims(self, spec: dict[str, int]) -> Dims:
        unknown = set(spec) - set(self.names)
        if unknown:
            raise ValueError(f"unknown dimensions in units.toml: {sorted(unknown)}")
        return tuple(spec.get(name, 0) for name in self.names)

    def _add_unit(self, spec: dict, prefixes: dict) -> None:
        factor = parse_factor(spec.get("factor", "1"))
        dims = self._dims(spec.get("dims", {}))
        kind = spec.get("kind", "")
        counted = spec.get("counted", "")
        for name in spec.get("names", []):
            self.units.setdefault(name, Unit(name, factor, dims, kind, counted=counted))
        for system in spec.get("prefixes", []):
            table = prefixes[system]
            for field, stems in (("symbols", "prefix-symbols"), ("words", "prefix-words")):
                for prefix, prefix_factor in table[field].items():
                    for stem in spec.get(stems, []):
                        name = prefix + stem
                        if name in spec.get("except", ()):
                            continue
                        self.units.setdefault(
                            name,
                            Unit(
                                name,
                                factor * parse_factor(prefix_factor),
                                dims,
                                kind,
                                system,
                                table["levels"][prefix],
                            ),
                        )

    def lookup(self, name: str) -> Unit | None:
        """Return the unit spelled ``name``, if speclint knows it."""
        return self.units.get(name)

    def hard_part(self, dims: Dims) -> Dims:
        """The hard dimensions of ``dims``: the part that must agree for a comparison."""
        return dims[: len(self.hard)]

    def mul(self, a: Dims, b: Dims) -> Dims:
        return tuple(x + y for x, y in zip(a, b, strict=True))

    def div(self, a: Dims, b: Dims) -> Dims:
        return tuple(x - y for x, y in zip(a, b, strict=True))

    def pow(self, a: Dims, exponent: int) -> Dims:
        return tuple(x * exponent for x in a)

    def base_unit_text(self, dims: Dims) -> str:
        """A readable name for the base unit of ``dims`` (``B``, ``B/s``, ``s``)."""
        symbols = {"byte": "B", "second": "s", "usd": "USD", "eur": "EUR", "joule": "J"}
        num: list[str] = []
        den: list[str] = []
        for name, exponent in zip(self.names, dims, strict=True):
            if name not in symbols or exponent == 0:
                continue
            text = symbols[name] + (f"^{abs(exponent)}" if abs(exponent) != 1 else "")
            (num if exponent > 0 else den).append(text)
        out = "·".join(num) or ("1" if den else "")
        return out + "".join("/" + d for d in den)


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """The unit table shipped with speclint."""
    return UnitTable(load("units.toml"))
