"""How loosely written numbers are read: the configurable part of ``speclint.quantity.precision``
(its own module, so that settings need not import what reads literals)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

#: Relative half-width an approximation marker adds ("~2.6B" is 2.6B ± 5 %).
APPROX_RELATIVE = Fraction(5, 100)
#: Largest relative half-width read into two or more trailing zeros of a stated integer
#: ("20,000" may be 2 significant figures; "30" and "3,840" are read as written).
TRAILING_ZERO_RELATIVE = Fraction(5, 100)


@dataclass(frozen=True)
class Tolerance:
    """How loosely approximate values and rounded integers are read (``[tool.speclint.tolerance]``
    in configuration)."""

    #: Relative half-width of ``~``, ``≈``, ``about`` (at least one unit of the rounded place).
    approximate: Fraction = APPROX_RELATIVE
    #: Largest relative half-width read into the trailing zeros of a stated integer.
    rounded_integer: Fraction = TRAILING_ZERO_RELATIVE


DEFAULT_TOLERANCE = Tolerance()
