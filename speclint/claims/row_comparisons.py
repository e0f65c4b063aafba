"""Comparisons between the rows of a table: ``MI300X is 0.22% cheaper per million tokens than
H100`` under ``| H100 SXM | … | 0.60 |`` and ``| MI300X | … | 0.47 |``.

A percentage followed by a comparative and ``than`` (or by ``vs``, ``against``, ``compared
to``), whose sentence names one row of a table before it and another after, is read against
each column both rows give a number: the difference over either row's value. A figure that
matches one of these readings is left alone, and so is one that matches none (which column the
sentence means is not sure). Only a figure that matches none but, read as a fraction, matches
one column's reading is claimed: the percentage written for the fraction (SPC205). A figure
that matches only the difference over the subject's own value, in one column, while the
comparative's direction is the two values' (``cheaper`` for the smaller), is the change on the
wrong base: the base is the value compared with.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import MONEY_HEADER
from speclint.claims.table_rows import Cell, body_cells, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: After the percentage's number: its sign, a comparative, a few words, ``than``, and what it
#: is compared with.
_COMPARED = lazy_re(
    r"\s*(?:%|percent\b)\s*(?:(?P<word>cheaper|less\s+expensive|more\s+expensive|pricier|costlier"
    r"|faster|slower|higher|lower|more|less|fewer|larger|smaller|bigger|greater)\b[^.;:\n]{0,40}?"
    r"\bthan|(?P<vs>vs\.?|versus|against|compared\s+(?:to|with)|relative\s+to))\s+"
    r"(?:the\s+|an?\s+)?(?P<other>(?:[^,.;:()\n]|\.(?=\w)){1,40})",
    re.IGNORECASE,
)
#: Comparatives whose figure is smaller than the one after ``than`` (the base of the change).
_DOWN = frozenset({"cheaper", "less expensive", "lower", "less", "fewer", "smaller"})
#: Comparatives whose figure is larger than the one after ``than``.
_UP = frozenset(
    {"more expensive", "pricier", "costlier", "higher", "more", "larger", "bigger", "greater"}
)
_SIGN = lazy_re(r"\s*(?:%|percent\b)")
_VERSUS = lazy_re(r"(?:%|percent)\s*(?:vs\b|versus|against|compared|relative)", re.IGNORECASE)
#: Where the clause with the subject starts: the sentence's start or its last clause break.
_CLAUSE_BREAK = lazy_re(r"[.;:!?](?:\s|$)|\n\s*\n|^\s*\d+\.\s")
_DECORATION = " *_`"
_HUNDRED = Fraction(100)

_Table = tuple[dict[str, int], dict[int, dict[int, Cell]], dict[int, str]]


def row_comparison_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Percentages written for the fraction one table row's figure differs from another's."""
    if not any(_may_compare(where) for where in scanned):
        return []  # no paragraph with a percentage and "than": no table needs reading
    tables = [_table(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    tables = [t for t in tables if len(t[0]) >= 2]
    if not tables:
        return []
    claims = []
    for where in scanned:
        if not _may_compare(where):
            continue
        for chain in where.result.chains:
            for lit in (lit for expr in chain.exprs for lit in literals(expr)):
                claim = _comparison(where, lit, tables, tolerance) if lit.is_percent else None
                if claim is not None:
                    claims.append(claim)
    return claims


def _may_compare(where: Scanned) -> bool:
    text = where.text.lower()
    compares = "than" in text or _VERSUS.search(text) is not None
    return where.segment.kind == "paragraph" and compares and ("%" in text or "percent" in text)


def _table(doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance) -> _Table:
    """A table's rows by label (each label once), their numeric cells and the headers."""
    rows = read_rows(doc, cells, tolerance)
    labels: dict[str, int] = {}
    headers: dict[int, str] = {}
    for row, found in rows.items():
        line = next(iter(found.values())).line
        label = doc.line_text(line).strip().strip("|").split("|")[0].strip(_DECORATION)
        if label and label.lower() not in labels:
            labels[label.lower()] = row
        for col, cell in found.items():
            info = cell.where.segment.cell
            headers[col] = info.header.strip(_DECORATION) if info else ""
    return labels, rows, headers


def _named_row(text: str, labels: dict[str, int], first: bool) -> int | None:
    """The one row whose label (or the label's first word, if no other label starts with it)
    the text names: at its start (``first``) or anywhere."""
    found = set()
    starts = [label.split()[0] for label in labels]
    for label, row in labels.items():
        for name in {label, label.split()[0]}:
            if name != label and starts.count(name) > 1:
                continue
            pattern = rf"(?<![\w-]){re.escape(name)}(?![\w-])"
            match = (
                re.match(rf"\s*{pattern}", text, re.I) if first else re.search(pattern, text, re.I)
            )
            if match:
                found.add(row)
    return found.pop() if len(found) == 1 else None


def _comparison(
    where: Scanned, lit: Lit, tables: list[_Table], tolerance: Tolerance
) -> Claim | None:
    compared = _COMPARED.match(where.text, lit.num_end)
    if compared is None or lit.is_range or lit.bound:
        return None
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(where.text, 0, lit.start)]
    subject = where.text[breaks[-1] if breaks else 0 : lit.start]
    try:
        # the percentage alone: "0.19% cheaper per hour" is no rate per hour
        sign = _SIGN.match(where.text, lit.num_end)
        end = sign.end() if sign else lit.end
        lit = replace(lit, end=end, label="", per="", unit=unit_table().lookup("%"), unit_text="%")
        stated = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    found = []
    for labels, rows, headers in tables:
        mine, other = (
            _named_row(subject, labels, False),
            _named_row(compared.group("other"), labels, True),
        )
        if mine is None or other is None or mine == other:
            continue
        for col in sorted(set(rows[mine]) & set(rows[other])):
            found.append((rows[mine][col], rows[other][col], headers.get(col, "")))
    # a column the two rows share a value in compares nothing
    readings = [(a, b, base, h) for a, b, h in found for base in (a, b) if _reading(a, b, base).lo]
    if not readings:
        return None
    holds = [r for r in readings if _reading(*r[:3]).overlaps(stated.interval)]
    if holds:
        return _wrong_base(where, lit, stated, compared, holds, readings)
    slips = [r for r in readings if _reading(*r[:3]).scale(1 / _HUNDRED).overlaps(stated.interval)]
    if len({id(r[2]) for r in slips}) != 1:
        return _money_claim(where, lit, stated, compared, found)
    return _claim(where, lit, stated, *slips[0])


#: Comparatives of money: the one column of prices the two rows share is what they compare.
_MONEY_WORDS = frozenset({"cheaper", "less expensive", "more expensive", "pricier", "costlier"})
#: What a comparison says its figures are per: ``cheaper per token``.
_PER = lazy_re(r"\bper\s+(?:million\s+|1M\s+)?([a-z]{3,})", re.IGNORECASE)


def _money_claim(
    where: Scanned,
    lit: Lit,
    stated: Value,
    compared: re.Match[str],
    found: list[tuple[Cell, Cell, str]],
) -> Claim | None:
    """``MI300X is 31 % cheaper per token than the H100`` that no column's reading holds:
    read against the one money column the rows share, over the figure compared with, when
    the comparative's direction is the two figures'."""
    word = " ".join((compared.group("word") or "").lower().split())
    money = [(a, b, h) for a, b, h in found if MONEY_HEADER.search(h)]
    per = _PER.search(compared.group(0))
    if per is not None:  # "cheaper per token": the price per token ($/Mtok), not per hour
        stem = per.group(1).lower()[:3]
        money = [(a, b, h) for a, b, h in money if stem in h.lower()]
    if word not in _MONEY_WORDS or len(money) != 1:
        return None
    a, b, header = money[0]
    smaller = a.lit.number.value < b.lit.number.value
    if smaller != (word in _DOWN) or not _reading(a, b, b).lo:
        return None
    return _claim(where, lit, stated, a, b, b, header)


def _wrong_base(
    where: Scanned,
    lit: Lit,
    stated: Value,
    compared: re.Match[str],
    holds: list[tuple[Cell, Cell, Cell, str]],
    readings: list[tuple[Cell, Cell, Cell, str]],
) -> Claim | None:
    """``1-yr reserved is 60.4 % cheaper than on-demand`` (2.45 vs 3.93): the change over the
    subject's own figure, where the one after ``than`` or ``vs`` is the base. Claimed only when
    no reading on the right base holds, in one column, and the comparative's direction is the
    two figures' (``cheaper`` for the smaller)."""
    if any(base is b for _, b, base, _ in holds) or len(holds) != 1:
        return None
    a, b, _, header = holds[0]
    word = " ".join((compared.group("word") or "").lower().split())
    smaller = a.lit.number.value < b.lit.number.value
    if not (compared.group("vs") or (word in _DOWN and smaller) or (word in _UP and not smaller)):
        return None
    right = [r for r in readings if r[0] is a and r[1] is b and r[2] is b]
    if len(right) != 1:
        return None
    claim = _claim(where, lit, stated, a, b, b, header)
    a_text = literal_text(a.lit, a.where)
    claim.assumption = f"the change is over the figure compared with; stated is over {a_text}"
    return claim


def _reading(a: Cell, b: Cell, base: Cell) -> Interval:
    """|a − b| ÷ base, over the cells' written precision."""
    gap = a.result - b.result
    if gap.hi <= 0:
        gap = -gap
    elif gap.lo < 0:
        gap = Interval(Fraction(0), max(-gap.lo, gap.hi))
    return gap / base.result


def _claim(
    where: Scanned, lit: Lit, stated: Value, a: Cell, b: Cell, base: Cell, header: str
) -> Claim:
    point = abs(a.lit.number.value - b.lit.number.value) / base.lit.number.value
    computed = Value(point, _reading(a, b, base), stated.dims, stated.bare)
    a_text, b_text = literal_text(a.lit, a.where), literal_text(b.lit, b.where)
    base_text = literal_text(base.lit, base.where)
    first, second = (a, b) if a.lit.number.value >= b.lit.number.value else (b, a)
    first_text, second_text = (a_text, b_text) if first is a else (b_text, a_text)
    return Claim(
        "formula",
        lit,
        where,
        computed=computed,
        derivation=(
            f"({first_text} (line {first.line}) − {second_text} (line {second.line})) / {base_text}"
        ),
        assumption=f"the rows compared are read in the column '{header or '?'}'",
        parts=[Related(a.line, a_text), Related(b.line, b_text)],
    )
