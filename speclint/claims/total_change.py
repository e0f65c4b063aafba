"""A change between the two totals of the table right before: under ``| Line item | Current ($)
| Proposed ($) |`` with ``| **Total** | 8,400 | 2,100 |``, the paragraph that follows the table
``That is a 75 % reduction in the monthly spend`` is 1 − 2,100 / 8,400 (``increase``: the
ratio − 1).

Read only when the table has exactly two value columns, the first one's header says it is the
state before (``Today``, ``Current``, ``Before``) and the second one's the state after
(``Proposed``, ``After``, ``New``; ``data/statements.toml``), one **Total** row holds both
totals, the paragraph comes right after the table, its sentence opens by pointing back
(``That is``, ``Overall``), the percentage is the first figure of that sentence and a change
word follows it (``a 75 % reduction``), the clause names no body row of the table, and the
totals move the way the word says.
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned
from speclint.claims.row_total_shares import RowTable
from speclint.claims.table_rows import Cell, body_cells
from speclint.data import load
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, literals
from speclint.formula.vocabulary import DECREASE_WORDS, INCREASE_WORDS
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

_TABLES = load("statements.toml")["tables"]
_BEFORE = lazy_re(_TABLES["before-header"], re.IGNORECASE)
_AFTER = lazy_re(_TABLES["after-header"], re.IGNORECASE)
#: After the percentage's number: ``% reduction``.
_CHANGE = lazy_re(r"\s*%\s+(?P<word>[A-Za-z]+)\b")
#: Where a sentence ends: its stop and the space after it, before a capital.
_SENTENCE_END = lazy_re(r"[.!?]\s+(?=[A-Z])")
#: How a sentence about the table right before it opens: ``That is``, ``Overall,``.
_POINTS_BACK = lazy_re(
    r"\s*(?:that|this|which|it|overall|altogether|together|in\s+total|in\s+all)\b",
    re.IGNORECASE,
)
#: Where the percentage's clause ends: the sentence's end, a comma, a semicolon, an aside.
_CLAUSE_END = lazy_re(r"[.!?]\s+(?=[A-Z])|[,;(]|\s[—–]\s|[.!?]?\s*$")


def total_change_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A percentage claim for each change between the totals of the table right before."""
    paragraphs = [
        (where, changes)
        for where in scanned
        if where.segment.kind == "paragraph" and "%" in where.text
        for changes in (_changes(where),)
        if changes
    ]
    if not paragraphs:
        return []
    tables = [RowTable(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    tables = [table for table in tables if len(table.total) == 2]
    claims = []
    for where, changes in paragraphs:
        first = doc.position(where.offsets[0])[0]
        before = [t for t in tables if t.line < first]
        if not before:
            continue
        table = max(before, key=lambda t: t.line)
        if any(doc.line_text(n).strip() for n in range(table.line + 1, first)):
            continue  # the paragraph does not follow the table
        totals = _totals(table)
        if totals is None:
            continue
        for lit, direction, sentence in changes:
            if table.named_rows(sentence):
                continue  # a line item's change, not the total's
            claim = _claim(where, lit, direction, *totals)
            if claim is not None:
                claims.append(claim)
    return claims


def _totals(table: RowTable) -> tuple[Cell, Cell] | None:
    """The Total row's cells of the state before and after, by the two columns' headers."""
    old, new = sorted(table.total)
    if not (_BEFORE.match(table.headers.get(old, "")) and _AFTER.match(table.headers.get(new, ""))):
        return None
    columns = {col for cells in table.rows.values() for col in cells}
    if columns - {old, new}:
        return None  # another value column: which two are compared is not sure
    return table.total[old], table.total[new]


def _changes(where: Scanned) -> list[tuple[Lit, int, str]]:
    """(percentage, +1 or −1, its clause) for each first figure of a sentence that a change
    word follows; the clause runs from the sentence's start to the end of the percentage's."""
    found = [lit for chain in where.result.chains for expr in chain.exprs for lit in literals(expr)]
    out = []
    for lit in found:
        match = _CHANGE.match(where.text, lit.num_end) if lit.is_percent else None
        if match is None or lit.is_range or lit.bound:
            continue
        word = match.group("word").lower()
        direction = 1 if word in INCREASE_WORDS else -1 if word in DECREASE_WORDS else 0
        if direction == 0:
            continue
        breaks = [m.end() for m in _SENTENCE_END.finditer(where.text, 0, lit.start)]
        start = breaks[-1] if breaks else 0
        if any(start <= other.start < lit.start for other in found):
            continue  # another figure before it: the change may be of that one
        if not _POINTS_BACK.match(where.text, start):
            continue  # "Caching gives a 30 % reduction in latency": not the table's change
        end = _CLAUSE_END.search(where.text, lit.end)
        out.append((lit, direction, where.text[start : end.start() if end else len(where.text)]))
    return out


def _claim(where: Scanned, pct: Lit, direction: int, old: Cell, new: Cell) -> Claim | None:
    ratio = Fraction(new.written) / Fraction(old.written)
    if (ratio - 1) * direction <= 0:
        return None  # the totals move the other way: the reading is unsure
    low = _scaled(new, new.result.lo) / _scaled(old, old.result.hi)
    high = _scaled(new, new.result.hi) / _scaled(old, old.result.lo)
    old_text, new_text = " ".join(old.where.text.split()), " ".join(new.where.text.split())
    quotient = f"{new_text} (line {new.line}) / {old_text} (line {old.line})"
    if direction > 0:
        value, interval, derivation = ratio - 1, Interval(low - 1, high - 1), f"{quotient} − 1"
    else:
        value, interval, derivation = 1 - ratio, Interval(1 - high, 1 - low), f"1 − {quotient}"
    return Claim(
        "percentage",
        pct,
        where,
        computed=Value(value, interval, unit_table().dimensionless, False),
        derivation=derivation,
        parts=[Related(old.line, old_text), Related(new.line, new_text)],
    )


def _scaled(cell: Cell, number: Fraction | float) -> Fraction:
    """A bound of the cell's written number, scaled as its value is."""
    return Fraction(number) * cell.written / cell.lit.number.value
