"""Numeric literals as written: exact value, stated precision, and style for rewriting."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

SUPERSCRIPTS = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")


@dataclass(frozen=True)
class NumberLiteral:
    """A number exactly as the author wrote it.

    ``3,840`` has mantissa 3840, no exponent, 0 decimals; ``5.72 \\times 10^{15}`` has mantissa
    5.72, exponent 15 and 2 decimals. ``exp_prefix``/``exp_suffix`` keep the exponent notation
    (``e``, ``×10^``, `` \\times 10^{`` … ``}``) so a replacement can be written the same way.
    """

    text: str
    mantissa: Fraction
    decimals: int
    digits: str
    grouping: str = ""
    exponent: int = 0
    exp_prefix: str = ""
    exp_suffix: str = ""
    exp_plus: bool = False
    superscript: bool = False
    minus: str = ""

    @property
    def value(self) -> Fraction:
        if not self.exponent:
            return self.mantissa  # most numbers: no power of ten to build
        return self.mantissa * Fraction(10) ** self.exponent

    @property
    def ulp(self) -> Fraction:
        """One unit in the last written place."""
        return Fraction(10) ** (self.exponent - self.decimals)

    @property
    def point(self) -> str:
        """The decimal mark as written: ``,`` in ``145,4``, else ``.``."""
        if self.decimals and self.grouping != "," and "," in self.text:
            return ","
        return "."

    @property
    def is_plain_integer(self) -> bool:
        return self.decimals == 0 and not self.exp_prefix

    @property
    def trailing_zeros(self) -> int:
        """Trailing zeros of a plain integer (``19,200`` has 2); 0 for anything else."""
        if not self.is_plain_integer or set(self.digits) <= {"0"}:
            return 0
        return len(self.digits) - len(self.digits.rstrip("0"))

    @property
    def significant_figures(self) -> int:
        stripped = self.digits.lstrip("0")
        return max(len(stripped), 1)


def make_literal(
    text: str,
    mantissa_text: str,
    *,
    exponent: int = 0,
    exp_prefix: str = "",
    exp_suffix: str = "",
    exp_plus: bool = False,
    superscript: bool = False,
) -> NumberLiteral:
    """Build a literal from its mantissa text (``3,840``, ``1 024``, ``0.62``, ``-5``)."""
    minus = ""
    body = mantissa_text
    if body[:1] in "-−":
        minus, body = body[0], body[1:]
    grouping = next((c for c in body if c in ",_ \u00a0\u2009\u202f"), "")
    whole, comma, tail = body.partition(",")
    if comma and len(tail) < 3 and tail.isdigit():  # a decimal comma: 0,80
        grouping, body = "", f"{whole}.{tail}"
    for sep in ",_ \u00a0\u2009\u202f":
        body = body.replace(sep, "")
    int_part, _, frac_part = body.partition(".")
    digits = int_part + frac_part
    mantissa = Fraction(int(digits or "0"), 10 ** len(frac_part))
    if minus:
        mantissa = -mantissa
    return NumberLiteral(
        text=text,
        mantissa=mantissa,
        decimals=len(frac_part),
        digits=digits,
        grouping=grouping,
        exponent=exponent,
        exp_prefix=exp_prefix,
        exp_suffix=exp_suffix,
        exp_plus=exp_plus,
        superscript=superscript,
        minus=minus,
    )


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round exactly to ``decimals`` places, ties away from zero (never binary floats)."""
    scale = Fraction(10) ** decimals
    scaled = abs(value) * scale
    p, q = scaled.numerator, scaled.denominator
    whole, rest = divmod(p, q)
    if 2 * rest >= q:
        whole += 1
    result = Fraction(whole) / scale
    return -result if value < 0 else result


def magnitude(value: Fraction) -> int:
    """floor(log10(|value|)) computed exactly with integers; 0 for zero."""
    if value == 0:
        return 0
    v = abs(Fraction(value))
    guess = len(str(v.numerator)) - len(str(v.denominator))
    while Fraction(10) ** guess > v:
        guess -= 1
    while Fraction(10) ** (guess + 1) <= v:
        guess += 1
    return guess


def exact_decimals(value: Fraction, limit: int = 40) -> int:
    """Decimals needed to write ``value`` exactly, or ``limit`` if it does not terminate."""
    value = Fraction(value)
    for decimals in range(limit):
        if (value * Fraction(10) ** decimals).denominator == 1:
            return decimals
    return limit


def output_decimals(value: Fraction, like: NumberLiteral) -> int:
    """Decimals for a replacement: the claim's significant figures, never fewer than written,
    and no padding zeros beyond what the exact value needs (``2767``, not ``2767.0``)."""
    if value == 0:
        return like.decimals
    by_sig = like.significant_figures - 1 - magnitude(value)
    return max(like.decimals, min(by_sig, exact_decimals(value)))


def format_fixed(
    value: Fraction, decimals: int, grouping: str = "", minus: str = "-", point: str = "."
) -> str:
    """Write ``value`` with exactly ``decimals`` places (half-up), optionally grouped, with
    ``point`` as the decimal mark."""
    rounded = round_half_up(value, max(decimals, 0))
    negative = rounded < 0
    scaled = abs(rounded) * Fraction(10) ** max(decimals, 0)
    digits = str(int(scaled)).rjust(max(decimals, 0) + 1, "0")
    int_part = digits[: len(digits) - decimals] if decimals > 0 else digits
    frac_part = digits[len(digits) - decimals :] if decimals > 0 else ""
    if grouping and len(int_part) > 3:
        groups: list[str] = []
        while len(int_part) > 3:
            groups.insert(0, int_part[-3:])
            int_part = int_part[:-3]
        int_part = grouping.join([int_part, *groups])
    text = int_part + (point + frac_part if frac_part else "")
    return (minus or "-") + text if negative else text


def format_like(value: Fraction, like: NumberLiteral) -> str:
    """Write ``value`` in the style of ``like``: separators, exponent notation, precision."""
    value = Fraction(value)
    minus = like.minus or "-"
    if not like.exp_prefix:
        return format_fixed(value, output_decimals(value, like), like.grouping, minus, like.point)
    exponent = like.exponent
    mantissa = value / Fraction(10) ** exponent
    normalized = 1 <= abs(like.mantissa) < 10
    if value != 0 and normalized and not (1 <= abs(mantissa) < 10):
        exponent = magnitude(value)
        mantissa = value / Fraction(10) ** exponent
    decimals = output_decimals(mantissa, like)
    mantissa_text = format_fixed(mantissa, decimals, like.grouping, minus, like.point)
    if round_half_up(abs(mantissa), decimals) >= 10 and normalized:
        exponent += 1
        mantissa_text = format_fixed(
            value / Fraction(10) ** exponent, decimals, "", minus, like.point
        )
    exp_text = str(exponent)
    if like.exp_plus and exponent >= 0:
        exp_text = "+" + exp_text
    if like.superscript:
        exp_text = exp_text.translate(SUPERSCRIPTS)
    return f"{mantissa_text}{like.exp_prefix}{exp_text}{like.exp_suffix}"


def format_readable(value: Fraction, sig: int = 4) -> str:
    """A plain rendering for messages: exact with separators when integral, else ``sig`` figures."""
    value = Fraction(value)
    if value.denominator == 1 and abs(value) < 10**15:
        return format_fixed(value, 0, ",")
    if value == 0:
        return "0"
    mag = magnitude(value)
    if -4 <= mag < 15:
        decimals = max(sig - 1 - mag, 0)
        text = format_fixed(value, decimals, ",")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text
    mantissa = value / Fraction(10) ** mag
    mant = format_fixed(mantissa, sig - 1)
    if "." in mant:
        mant = mant.rstrip("0").rstrip(".")
    return f"{mant}e{mag}"
