"""Messages that show the computation: inputs, result in the author's unit, and the gap."""

from __future__ import annotations

from fractions import Fraction

from speclint.claims.model import literal_text
from speclint.judgement.verdict import Verdict, fits_into, value_in_stated_unit
from speclint.quantity.exact import finite, floor
from speclint.quantity.numbers import (
    exact_decimals,
    format_fixed,
    format_like,
    format_readable,
    magnitude,
)
from speclint.quantity.units import unit_table


def with_unit(number: str, verdict: Verdict) -> str:
    """``number`` with the stated literal's currency, scale and unit: ``0.025 GB``, ``2.6B``."""
    lit = verdict.claim.stated
    scale = lit.alt_scale if verdict.billion else lit.scale
    unit_text = "" if verdict.billion else lit.unit_text
    text = lit.prefix + number
    if scale is not None:
        text += (" " + scale.text) if len(scale.text) > 2 else scale.text
    if unit_text:
        glued = unit_text in ("%", "×", "x", "X") or unit_text.startswith("/")
        text += unit_text if glued else " " + unit_text.lstrip()
    return text


def computed_text(verdict: Verdict) -> str:
    """The computed value in the stated unit, at the precision of the suggested fix."""
    value = value_in_stated_unit(verdict)
    lit = verdict.claim.stated
    if lit.is_range or lit.bound:
        return with_unit(format_readable(value), verdict)
    if lit.number.is_plain_integer and value.denominator != 1 and fits_into(verdict.claim):
        whole = format_like(Fraction(floor(value)), lit.number)
        return f"{with_unit(format_readable(value, sig=3), verdict)}, of which {whole} fit whole"
    return with_unit(format_like(value, verdict.claim.like or lit.number), verdict)


def _binary_alternative(verdict: Verdict) -> str:
    """``(0.023 GiB)`` after a decimal byte value, or ``(… GB)`` after a binary one."""
    unit = None if verdict.billion else verdict.claim.stated.unit
    if unit is None or not unit.prefix_system or unit.kind != "bytes" or any(unit.dims[1:]):
        return ""
    assert verdict.computed is not None
    other = unit_table().lookup(unit.other_prefix_text)
    if other is None:
        return ""
    value = verdict.computed.point / other.factor
    return f" ({format_like(value, verdict.claim.stated.number)} {other.text})"


def _ratio_text(ratio: Fraction) -> str:
    """Three significant figures (``1.10``, ``24.6``), or fewer when exact (``8``, ``1,000``)."""
    return format_fixed(ratio, min(max(0, 2 - magnitude(ratio)), exact_decimals(ratio)), ",")


def _bound_text(value: Fraction, verdict: Verdict) -> str:
    """A precision bound in the literal's own notation (``13.55 \\times 10^{9}``)."""
    number = verdict.claim.stated.number
    if not number.exp_prefix:
        return format_readable(value, sig=6)
    mantissa = value / Fraction(10) ** number.exponent
    return (
        f"{format_readable(mantissa, sig=6)}{number.exp_prefix}{number.exponent}{number.exp_suffix}"
    )


def comparison(verdict: Verdict) -> str:
    """How the stated value relates to the computed one."""
    assert verdict.computed is not None and verdict.stated is not None
    claim = verdict.claim
    stated_text = literal_text(claim.stated, claim.where)
    if claim.relation in ("<", "<=", ">", ">=") and not claim.floor:
        return f"the stated bound {claim.relation} {stated_text} does not hold"
    computed = verdict.computed.point
    stated = verdict.stated.point
    if computed == 0 or stated == 0:
        return f"stated {stated_text} does not match"
    ratio = abs(stated / computed)
    if verdict.slip is not None and verdict.slip.name == "rounding":
        exact = format_readable(value_in_stated_unit(verdict), sig=12)
        return (
            f"stated {stated_text} is {exact} truncated or rounded the wrong way: a rounding "
            "slip, not an arithmetic error"
        )
    if verdict.slip is not None:
        return (
            f"stated {stated_text} matches only with {verdict.slip.description} "
            f"({_ratio_text(ratio if ratio >= 1 else 1 / ratio)}× off)"
        )
    if ratio >= Fraction(11, 10):
        return f"stated {stated_text} is {_ratio_text(ratio)}× too large"
    if ratio <= Fraction(10, 11):
        return f"stated {stated_text} is {_ratio_text(1 / ratio)}× too small"
    percent = abs(ratio - 1) * 100
    direction = "large" if ratio > 1 else "small"
    factor = verdict.stated_factor
    lo = _bound_text(finite(verdict.stated.interval.lo) / factor, verdict)
    hi = _bound_text(finite(verdict.stated.interval.hi) / factor, verdict)
    return (
        f"stated {stated_text} is {format_readable(percent, sig=2)}% too {direction}, "
        f"outside its stated precision [{lo}, {hi}]"
    )


def describe(verdict: Verdict) -> str:
    """The full message: derivation = result; comparison; inputs and assumptions."""
    assert verdict.computed is not None
    claim = verdict.claim
    steps = [claim.derivation]
    lit = claim.stated
    dims = verdict.computed.dims
    if claim.kind == "conversion":
        steps.append(computed_text(verdict))
    else:
        bytes_only = dims[0] == 1 and not any(dims[1:])
        if bytes_only and lit.unit is not None and lit.unit.factor != 1 and not verdict.billion:
            steps.append(f"{format_readable(verdict.computed.point)} B")
        steps.append(computed_text(verdict) + _binary_alternative(verdict))
    text = " = ".join(steps) + "; " + comparison(verdict)
    notes = []
    if claim.inputs:
        notes.append("using " + ", ".join(f"{i.message} (line {i.line})" for i in claim.inputs))
    if claim.assumption:
        notes.append(claim.assumption)
    if verdict.reading:
        notes.append(verdict.reading)
    if verdict.billion:
        notes.append(f"'{lit.number.text}B' read as billions")
    if notes:
        text += " (" + "; ".join(notes) + ")"
    return text
