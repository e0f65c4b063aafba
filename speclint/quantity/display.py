"""Quantities in messages: bytes, parameters, rates and times in a readable unit."""

from __future__ import annotations

from fractions import Fraction

from speclint.quantity.exact import Bound, divide
from speclint.quantity.numbers import format_readable

_GIGA = Fraction(10) ** 9


def show(value: Fraction, unit: str) -> str:
    """``2.85e9, "bytes"`` → ``2.85 GB``; ``1.2e5, "tokens/s"`` → ``120,000 tokens/s``."""
    value = Fraction(value)
    if unit == "bytes":
        for factor, name in ((10**12, "TB"), (10**9, "GB"), (10**6, "MB"), (10**3, "KB")):
            if abs(value) >= factor:
                return f"{format_readable(value / factor, 3)} {name}"
        return f"{format_readable(value, 3)} B"
    if unit == "params":
        if abs(value) >= _GIGA:
            return f"{format_readable(value / _GIGA, 4)}B"
        return f"{format_readable(value / 10**6, 4)}M"
    if unit == "s":
        if abs(value) < 1:
            return f"{format_readable(value * 1000, 3)} ms"
        return f"{format_readable(value, 3)} s"
    if unit == "tokens/s":
        return f"{format_readable(Fraction(round(value)) if value >= 100 else value, 3)} tokens/s"
    return f"{format_readable(value, 4)} {unit}"


def show_range(low: Fraction, high: Fraction, unit: str) -> str:
    if low == high:
        return show(low, unit)
    return f"{show(low, unit)}–{show(high, unit)}"


def times(ratio: Bound) -> str:
    """A ratio as ``24.6×`` (three significant figures); ``∞×`` for a ratio to zero (see
    ``exact.divide``)."""
    if isinstance(ratio, float):
        return "∞×"
    return f"{format_readable(ratio, 3)}×"


def off_by(ratio: Fraction) -> str:
    """A stated ÷ computed ratio as ``1.26× too large`` or ``1.26× too small``."""
    return f"{times(ratio)} too large" if ratio > 1 else f"{times(divide(1, ratio))} too small"
