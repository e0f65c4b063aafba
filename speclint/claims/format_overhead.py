"""An overhead in bits per weight as a share of a numeric format: ``the scale costs 16 / 128 =
0.125 bits, an overhead of 12.5% over plain INT4`` (0.125 of INT4's 4 bits is 3.1 %).

Read when a percentage is said to be an overhead or increase over a format of
``data/dtypes.toml`` (``an overhead of 12.5% over plain INT4``, ``3% more than FP8``) and its
sentence writes a figure in bits before it: the share is that figure over the format's width,
or, for a figure past the width (``4.125 bits per weight``), what it adds to it. A percentage
that matches either reading is left alone; one that matches neither is claimed against the
figure's overhead (the figure itself, or what it adds past the width).
"""

from __future__ import annotations

import re
from dataclasses import replace

from speclint.claims.dtype_width import dtype_widths
from speclint.claims.model import Claim, Scanned, literal_text
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import SENTENCE_END, lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: "an overhead of 12.5%", "an increase of ~3%": the words right before the percentage …
_OVERHEAD_BEFORE = lazy_re(
    r"\b(?:overhead|increase|extra)\s+of\s+(?:about\s+|roughly\s+|~\s*|≈\s*)?$", re.IGNORECASE
)
#: … then its sign and the format it is over ("% over plain INT4").
_OVER_FORMAT = lazy_re(
    r"\s*(?:%|percent\b)\s*(?:over|on\s+top\s+of|above|relative\s+to)\s+"
    r"(?:(?:plain|pure|bare|the|a|an)\s+)*(?P<dtype>[A-Za-z][\w]*)\b",
    re.IGNORECASE,
)
#: Or the sign, then overhead words and the format: "12.5% overhead over INT4", "3% more than FP8".
_OVERHEAD_AFTER = lazy_re(
    r"\s*(?:%|percent\b)\s*(?:overhead\s+(?:over|on\s+top\s+of)|more\s+than|extra\s+over)\s+"
    r"(?:(?:plain|pure|bare|the|a|an)\s+)*(?P<dtype>[A-Za-z][\w]*)\b",
    re.IGNORECASE,
)
_SIGN = lazy_re(r"\s*(?:%|percent\b)")
_BITS = frozenset({"bit", "bits"})


def overhead_claims(
    scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Percentages of an overhead in bits over a numeric format's width."""
    claims = []
    for where in scanned:
        if where.segment.kind != "paragraph" or "%" not in where.text:
            continue
        found = [lit for chain in where.result.chains for e in chain.exprs for lit in literals(e)]
        for k, lit in enumerate(found):
            if lit.is_percent and not lit.is_range and not lit.bound:
                claim = _overhead(where, lit, found[:k], tolerance)
                if claim is not None:
                    claims.append(claim)
    return claims


def _overhead(where: Scanned, lit: Lit, before: list[Lit], tolerance: Tolerance) -> Claim | None:
    text = where.text
    over = _OVER_FORMAT.match(text, lit.num_end)
    if over is None or not _OVERHEAD_BEFORE.search(text, 0, lit.num_start):
        over = _OVERHEAD_AFTER.match(text, lit.num_end)
    width = dtype_widths().get(over.group("dtype").lower()) if over else None
    if over is None or width is None:
        return None
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, lit.start)]
    start = ends[-1] if ends else 0
    bits = [b for b in before if b.start >= start and b.unit_text.lower() in _BITS]
    if not bits or bits[-1].scale is not None or bits[-1].is_range:
        return None
    figure, base = bits[-1].number.value, width * 8
    readings = [figure / base] + ([(figure - base) / base] if figure > base else [])
    sign = _SIGN.match(text, lit.num_end)
    percent = replace(lit, end=sign.end() if sign else lit.end, label="", per="",
                      unit=unit_table().lookup("%"), unit_text="%")  # fmt: skip
    try:
        stated = literal_value(percent, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    if any(stated.interval.contains(r) for r in readings):
        return None
    share, figure_text = readings[-1], literal_text(bits[-1], where)
    computed = Value(share, Interval.point(share), stated.dims, stated.bare)
    added = f"({figure_text} − {base} bits)" if figure > base else figure_text
    return Claim(
        "formula",
        percent,
        where,
        computed=computed,
        derivation=f"{added} / {base} bits ({over.group('dtype')})",
        assumption=(
            f"{figure_text} is read as {'the width with ' if figure > base else ''}the "
            f"overhead over {over.group('dtype')}"
        ),
    )
