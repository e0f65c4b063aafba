"""A figure per month and, on the next row or item, the same figure per year: ``| Monthly
recurring | $9,600 |`` then ``| Annual recurring (2 × 10G waves) | $105,600 |``. The yearly figure
is 12 × the monthly one (4 × a quarterly one).

Read when two neighbouring rows of a two-column table, or list items, have labels that are the
same once their period words and brackets are set aside (``Monthly`` / ``Annual``, ``per
month`` / ``per year``), both figures are money of one currency, and the yearly one is within
half and twice the multiple (a ``Yearly reservation`` cheaper per month than the ``Monthly`` one
is another plan, not a year of it); a yearly label that adds something (``incl.``, ``plus``,
``+``, ``one-off``) is not read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from speclint.claims.model import Claim, Scanned, times_figure_claim
from speclint.claims.sums import Item, cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_re

#: Words that say a label's figure is per a period, and the months in that period.
_PERIOD = lazy_re(
    r"\b(?:(?P<m>monthly|per\s+month|a\s+month|/\s*month|/\s*mo)"
    r"|(?P<q>quarterly|per\s+quarter)"
    r"|(?P<y>annual(?:ly|ised|ized)?|yearly|per\s+year|a\s+year|/\s*year|/\s*yr))\b",
    re.IGNORECASE,
)
_MONTHS = {"m": 1, "q": 3, "y": 12}
#: A yearly label that adds to the monthly figure: not 12 × it.
_ADDS = lazy_re(r"\b(?:incl\w*|plus|with|one[- ]off|setup|upfront)\b|\+", re.IGNORECASE)
_BRACKETS = lazy_re(r"\([^()]*\)")
#: A count in brackets that says what a period's figure is of: ``(30 runs)``.
_COUNTED = lazy_re(r"\(\s*\d[\d,]*\s+[A-Za-z]")


def period_pair_claims(doc: Document, scanned: list[Scanned], items: list[Item]) -> list[Claim]:
    """A claim for each yearly figure beside the same figure per month (or quarter)."""
    claims: list[Claim] = []
    for cells in body_cells(scanned).values():
        rows: dict[int, dict[int, Scanned]] = {}
        for (row, col), where in cells.items():
            rows.setdefault(row, {})[col] = where
        if any(set(cols) != {0, 1} for cols in rows.values()):
            continue  # a table of two columns, label and figure: wider ones compare kinds
        for row in sorted(rows):
            after = rows.get(row + 1)
            if after is None or 0 not in rows[row] or 0 not in after:
                continue
            scale = _scale(rows[row][0].text, after[0].text)
            if scale is None:
                continue
            for col in sorted(set(rows[row]) & set(after) - {0}):
                claim = _claim(doc, rows[row][col], after[col], scale)
                if claim is not None:
                    claims.append(claim)
    for first, second in pairwise(items):
        if first.where.segment.item is None or second.where.segment.item is None:
            continue
        if second.line != first.line + 1 or first.value is None or second.value is None:
            continue
        scale = _scale(first.label, second.label)
        if scale is not None:
            claim = _lit_claim(doc, first.value, first.where, second.value, second.where, scale)
            if claim is not None:
                claims.append(claim)
    return claims


#: Between a figure per month and its restatement per year: ``, i.e.``, ``(``, ``, or``.
_RESTATED_AS = lazy_re(
    r"\s*,?\s*(?:i\.\s?e\.,?|that\s+is|or|which\s+is|\(|—|–|=|≈)\s*(?:about|roughly|~|≈)?\s*",
    re.IGNORECASE,
)
#: The months of a period a figure is per, by the word of its ``per``.
_PER_MONTHS = {"month": 1, "mo": 1, "quarter": 3, "year": 12, "yr": 12}


def restated_period_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """``$4,373.50 per month, i.e. $48,482 per year``: a sum of money per month (or quarter)
    restated per year in its sentence is 12 (or 4) × it."""
    claims: list[Claim] = []
    for where in scanned:
        for prev, nxt in pairwise(where.result.chains):
            a, b = prev.exprs[-1], nxt.exprs[0]
            if not (isinstance(a, Lit) and isinstance(b, Lit)) or prev.ignored or nxt.ignored:
                continue
            months = _PER_MONTHS.get(a.per.lower()), _PER_MONTHS.get(b.per.lower())
            if months[0] is None or months[1] != 12 or months[0] == 12:
                continue
            if _RESTATED_AS.fullmatch(where.text, a.end, b.start) is None:
                continue
            claim = _lit_claim(
                doc, replace(a, per=""), where, replace(b, per=""), where, 12 // months[0]
            )
            if claim is not None:
                claims.append(claim)
    return claims


def _scale(first: str, second: str) -> int | None:
    """How many of the first label's periods make the second's year, when the two labels name
    one figure per month (or quarter) and per year."""
    a, b = _PERIOD.search(first), _PERIOD.search(second)
    if a is None or b is None or b.lastgroup != "y" or a.lastgroup not in ("m", "q"):
        return None
    if _ADDS.search(second) or _rest(first, a) != _rest(second, b):
        return None
    if _COUNTED.search(first) and _COUNTED.search(second):
        return None  # "per month (30 runs)", "per year (365 runs)": the counts, not 12, scale it
    return _MONTHS["y"] // _MONTHS[a.lastgroup or "m"]


def _rest(label: str, period: re.Match[str]) -> str:
    """A label's words without its period words, brackets and emphasis."""
    text = label[: period.start()] + label[period.end() :]
    return " ".join(_BRACKETS.sub(" ", text).strip(" *_:").lower().split())


def _claim(doc: Document, first: Scanned, second: Scanned, scale: int) -> Claim | None:
    a, b = cell_value(first), cell_value(second)
    if not (isinstance(a, Lit) and isinstance(b, Lit)):
        return None
    return _lit_claim(doc, a, first, b, second, scale)


def _lit_claim(
    doc: Document, a: Lit, first: Scanned, b: Lit, second: Scanned, scale: int
) -> Claim | None:
    if a.unit is None or b.unit is None or a.unit != b.unit or a.unit.kind != "currency":
        return None
    if a.bound or b.bound or a.is_range or b.is_range or a.per or b.per:
        return None
    try:
        monthly, yearly = (literal_value(x, stated=True).point for x in (a, b))
    except NotEvaluable:
        return None
    if not monthly or not scale / 2 <= yearly / monthly <= scale * 2:
        return None  # "Monthly reservation $24,700", "Yearly reservation $20,995": two plans
    said = f"the year is {scale} of the periods the figure of line {{line}} is for"
    # a month's sum of money may be rounded (``$17,336/month, or $208,036 per year``)
    return times_figure_claim(doc, a, first, b, second, scale, said, rounded=True)
