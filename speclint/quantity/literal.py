"""A quantity as written in a document: its number, range, scale, unit and qualifiers.

The lexer and parser build these (``formula.expr`` uses them as leaf nodes); ``precision``
reads the interval each one stands for.
"""

from __future__ import annotations

from dataclasses import dataclass

from speclint.quantity.numbers import NumberLiteral
from speclint.quantity.units import Scale, Unit


@dataclass(eq=False)
class Lit:
    """A quantity as written: number, optional range end, scale, unit, and qualifiers."""

    number: NumberLiteral
    num_start: int
    num_end: int
    start: int
    end: int
    upper: NumberLiteral | None = None
    plus_minus: NumberLiteral | None = None
    scale: Scale | None = None
    unit: Unit | None = None
    unit_text: str = ""
    #: Reading of an ambiguous "B" as billion (``unit`` holds the bytes reading).
    alt_scale: Scale | None = None
    label: str = ""
    per: str = ""
    approx: bool = False
    bound: str = ""  # "", "<", "<=", ">", ">="
    prefix: str = ""  # currency symbol written before the number ("$")
    #: The value a name is set to on the same line (``alpha = 0.8, k = 4: (1 − 0.8^5) …``):
    #: as an operand it is that definition, exact.
    defined: bool = False

    @property
    def is_percent(self) -> bool:
        return self.unit is not None and self.unit.kind == "percent"

    @property
    def is_range(self) -> bool:
        return self.upper is not None or self.plus_minus is not None
