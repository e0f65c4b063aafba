"""A share of one table row's figure: ``the weights are only 0.44% of option A's HBM`` under
``| A | … | 320 GB | …`` with ``141.2 GB of weights`` written earlier.

The whole is the cell of the named row (``option A's``, ``A's``) under the one column whose
header holds the word after the possessive (``HBM total``). The part is what the clause's
subject names: a figure written with that noun (``141.2 GB of weights``, ``Weights: 141.2 GB``)
or the row's own cell under a header with it. A figure that matches a reading is left alone,
and so is one that matches none (which part is meant is not sure); only a figure that matches
none but, read as a fraction, matches exactly one part's share is claimed (SPC205).
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.row_comparisons import _named_row, _table
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: After the percentage's number: ``% of [the] option A's HBM``.
_OF_ROW = lazy_re(
    r"\s*%\s+of\s+(?:the\s+)?(?:option|config(?:uration)?|setup|plan|row)?\s*"
    r"(?P<row>[\w.-]{1,30})(?:'s|’s)\s+(?P<col>[A-Za-z]{2,20})\b",
    re.IGNORECASE,
)
#: The clause's subject before its verb: ``the weights are only``.
_SUBJECT = lazy_re(
    r"(?:^|[,;:.]\s+|\band\s+)(?:the\s+)?(?P<noun>[A-Za-z]{3,20})\s+(?:are|is)\s+"
    r"(?:only\s+|just\s+|about\s+|roughly\s+)?$",
    re.IGNORECASE,
)


def row_share_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Percentages of a named row's cell written for the fraction."""
    found = [(w, lit, m) for w in scanned for lit, m in _shares(w)]
    if not found:
        return []
    tables = [_table(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    claims = []
    for where, lit, match in found:
        subject = _SUBJECT.search(where.text, 0, lit.start)
        if subject is None:
            continue
        noun = subject.group("noun").lower()
        for labels, rows, headers in tables:
            row = _named_row(match.group("row"), labels, True)
            if row is None:
                continue
            col = match.group("col").lower()
            wholes = [c for k, c in rows[row].items() if col in headers.get(k, "").lower()]
            if len(wholes) != 1:
                continue
            parts = _parts(doc, scanned, noun)
            parts += [
                (c.line, c.lit, c.where) for k, c in rows[row].items() if noun.rstrip("s")
                in headers.get(k, "").lower()
            ]  # fmt: skip
            claim = _claim(where, lit, wholes[0].lit, wholes[0].where, wholes[0].line, parts,
                           tolerance)  # fmt: skip
            if claim is not None:
                claims.append(claim)
    return claims


def _shares(where: Scanned) -> list[tuple[Lit, re.Match[str]]]:
    if where.segment.kind != "paragraph" or "%" not in where.text or "'s" not in where.text:
        return []
    out = []
    for chain in where.result.chains:
        for lit in (lit for expr in chain.exprs for lit in literals(expr)):
            match = _OF_ROW.match(where.text, lit.num_end) if lit.is_percent else None
            if match is not None and not lit.is_range and not lit.bound:
                out.append((lit, match))
    return out


def _parts(doc: Document, scanned: list[Scanned], noun: str) -> list[tuple[int, Lit, Scanned]]:
    """Figures written with the noun: ``141.2 GB of weights``, ``weights: 141.2 GB``."""
    after = re.compile(rf"\s+(?:of\s+)?{re.escape(noun)}\b", re.IGNORECASE)
    before = re.compile(rf"\b{re.escape(noun)}\s*(?::|=|are|is)\s*$", re.IGNORECASE)
    found = []
    for where in scanned:
        if noun not in where.text.lower():
            continue
        for chain in where.result.chains:
            lit = chain.exprs[-1]
            if not isinstance(lit, Lit) or lit.unit is None or lit.unit.kind != "bytes":
                continue
            head = where.text[max(0, lit.start - 30) : lit.start]
            if after.match(where.text, lit.end) or before.search(head):
                line = doc.position(where.offsets[lit.num_start])[0]
                found.append((line, lit, where))
    return found


def _claim(
    where: Scanned,
    pct: Lit,
    whole: Lit,
    whole_where: Scanned,
    whole_line: int,
    parts: list[tuple[int, Lit, Scanned]],
    tolerance: Tolerance,
) -> Claim | None:
    try:
        stated = literal_value(pct, stated=True, tolerance=tolerance).interval
        w = literal_value(whole, stated=False, tolerance=tolerance)
        shares = {
            literal_value(lit, stated=False, tolerance=tolerance).point / w.point: (line, lit, pw)
            for line, lit, pw in parts
        }
    except (NotEvaluable, ZeroDivisionError):
        return None
    if not shares or any(stated.lo <= s <= stated.hi for s in shares):
        return None  # a reading holds
    slipped = [s for s in shares if stated.lo * 100 <= s <= stated.hi * 100]
    if len(slipped) != 1:
        return None
    share = slipped[0]
    line, lit, part_where = shares[share]
    part_text, whole_text = literal_text(lit, part_where), literal_text(whole, whole_where)
    return Claim(
        "percentage",
        pct,
        where,
        computed=Value(Fraction(share), Interval(share, share), unit_table().dimensionless, False),
        derivation=f"{part_text} / {whole_text}",
        inputs=[Related(line, part_text), Related(whole_line, whole_text)],
    )
