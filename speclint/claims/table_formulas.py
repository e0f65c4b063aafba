"""Table columns the document defines as a product of other columns: under ``| vectors | dims |
bytes/dim | raw size (GB) |``, the sentence ``Raw size is vectors × dims × bytes/dim`` says how
each row's last cell is computed, so a row whose cell is not that product is a slip.

The sentence must name the columns by their headers (without the unit in parentheses) and sit
in the table's section. The conversion between the factors' unit and the column's (bytes to
GB) is the one constant every other row (two at least) agrees on, as in ``table_rows.py``;
exactly one row may break it.
"""

from __future__ import annotations

from fractions import Fraction
from math import prod

import regex

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import HEADER_UNIT_SUFFIX
from speclint.claims.table_rows import NICE_CONSTANTS, Cell, all_but_one, body_cells, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: Rows that must hold the product the sentence states, besides the one that breaks it.
MIN_AGREEING_ROWS = 2
#: Largest relative spread of the constant the agreeing rows allow (as in ``table_rows``).
MAX_SPREAD = Fraction(1, 100)
_TIMES = r"\s*[×*·]\s*"
#: The product signs a definition is written with (a ``*`` spaced: not Markdown's bold).
_PRODUCT_SIGNS = ("×", "·", " * ")


def stated_product_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a table cell is the product of its row's cells the document names."""
    claims: list[Claim] = []
    if not _has_product_sign(doc.source):
        return claims
    tables = body_cells(scanned)
    headings = [s.offsets[0] for s in doc.segments if s.kind == "heading" and s.offsets]
    for cells in tables.values():
        section = _section(doc, cells, headings)
        if not _has_product_sign(doc.source[section[0] : section[1]]):
            continue
        headers = _headers(cells)
        for target, factors, line, text in _definitions(headers, section, doc):
            rows = read_rows(doc, cells, tolerance)
            full = [row for row in rows.values() if all(c in row for c in (target, *factors))]
            claim = _deviating(full, target, factors, f"{text} (line {line})", tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _has_product_sign(text: str) -> bool:
    """A cheap test (plain substrings) before any definition is looked for."""
    return any(sign in text for sign in _PRODUCT_SIGNS)


def _headers(cells: dict[tuple[int, int], Scanned]) -> dict[int, str]:
    """Each column's header, lower case, without its unit (``raw size (GB)`` → ``raw size``)."""
    headers: dict[int, str] = {}
    for where in cells.values():
        info = where.segment.cell
        if info is not None and info.col not in headers:
            name = " ".join(HEADER_UNIT_SUFFIX.sub("", info.header).strip("*_ ").lower().split())
            if name:
                headers[info.col] = name
    return headers


def _section(
    doc: Document, cells: dict[tuple[int, int], Scanned], headings: list[int]
) -> tuple[int, int]:
    """Source offsets [start, end) of the section the table is in: from the heading before it
    to the next heading (prose without numbers is in no scanned segment, so it is read here)."""
    table = min((where.offsets[0] for where in cells.values() if where.offsets), default=0)
    start = max((h for h in headings if h < table), default=0)
    end = min((h for h in headings if h > table), default=len(doc.source))
    return start, end


def _definitions(
    headers: dict[int, str], section: tuple[int, int], doc: Document
) -> list[tuple[int, tuple[int, ...], int, str]]:
    """(target, factors, line, text) of each ``X is A × B [× C]`` over the headers."""
    by_name = {name: col for col, name in headers.items()}
    if len(by_name) < 3:
        return []
    name = "(" + "|".join(regex.escape(n) for n in sorted(by_name, key=len, reverse=True)) + ")"
    pattern = regex.compile(
        rf"(?<![\w/-]){name}\s+(?:is|=|equals)\s+{name}((?:{_TIMES}{name}){{1,3}})(?![\w/-])",
        regex.IGNORECASE,
    )
    found = []
    for m in pattern.finditer(doc.source, *section):
        names = [m.group(2), *regex.split(_TIMES, m.group(3).strip(" ×*·"))]
        cols = [by_name.get(" ".join(n.lower().split())) for n in (m.group(1), *names)]
        if None in cols or len(set(cols)) != len(cols):
            continue
        target, *factors = [c for c in cols if c is not None]
        if all(f < target for f in factors):
            line = doc.position(m.start())[0]
            found.append((target, tuple(factors), line, " ".join(m.group(0).split())))
    return found


def _written(cell: Cell) -> Fraction:
    scale = cell.lit.scale.factor if cell.lit.scale is not None else Fraction(1)
    return cell.lit.number.value * scale


def _deviating(
    rows: list[dict[int, Cell]],
    target: int,
    factors: tuple[int, ...],
    definition: str,
    tolerance: Tolerance,
) -> Claim | None:
    """The one row whose target cell breaks target = k × Π factors, when every other row
    (two at least) agrees on one conversion constant k."""
    if len(rows) < MIN_AGREEING_ROWS + 1:
        return None
    ranges = [
        row[target].result.scale(
            Fraction(1) / prod((_written(row[f]) for f in factors), start=Fraction(1))
        )
        for row in rows
    ]
    for row, common in zip(rows, all_but_one(ranges), strict=True):
        if common is None or common.hi - common.lo > MAX_SPREAD * common.lo:
            continue
        constant = next((k for k in NICE_CONSTANTS if common.lo <= k <= common.hi), None)
        if constant is None:
            continue
        loose = row[factors[0]].operand
        for f in factors[1:]:
            loose = loose * row[f].operand
        if (row[target].result / loose).overlaps(Interval.point(constant)):
            return None  # the row holds within its precision: no slip
        return _claim(row, target, factors, constant, definition, len(rows) - 1, tolerance)
    return None


def _claim(
    row: dict[int, Cell],
    target: int,
    factors: tuple[int, ...],
    constant: Fraction,
    definition: str,
    agreeing: int,
    tolerance: Tolerance,
) -> Claim:
    cell = row[target]
    stated = literal_value(cell.lit, stated=True, tolerance=tolerance)
    written = cell.lit.number.value
    factor = stated.point / written if written else Fraction(1)
    scale = cell.lit.scale.factor if cell.lit.scale is not None else Fraction(1)
    operand = row[factors[0]].operand
    for f in factors[1:]:
        operand = operand * row[f].operand
    point = prod((_written(row[f]) for f in factors), start=Fraction(1)) * constant
    computed = Value(
        point * factor / scale, operand.scale(constant * factor / scale), stated.dims, stated.bare
    )
    texts = [literal_text(row[f].lit, row[f].where) for f in factors]
    shown = f" × {_constant_text(constant)}" if constant != 1 else ""
    return Claim(
        "formula",
        cell.lit,
        cell.where,
        computed=computed,
        derivation=f"{' × '.join(texts)} (line {cell.line}){shown}",
        assumption=f"{definition}, as the other {agreeing} rows of the table hold",
        parts=[Related(row[f].line, text) for f, text in zip(factors, texts, strict=True)],
    )


def _constant_text(constant: Fraction) -> str:
    if constant == int(constant):
        return f"{int(constant):,}"
    inverse = 1 / constant
    return f"1/{int(inverse):,}" if inverse == int(inverse) else str(constant)
