"""Quotients along table rows: ``| 141 | 115 | 82% |`` under ``Roofline | Measured | % of
roofline``, and ``| 1.60 | 2,900 | 0.153 |`` under ``$/GPU-h | tok/s | $ per 1M tokens``.

A column is read as the quotient of two others only when its header says what it is, and the
header fixes the constant: a figure per unit (``tok/s per GPU`` from a ``GPUs`` column) is
a ÷ b, a share (``%``, ``efficiency``, ``utilization``, ``MFU``) is
100 × a ÷ b in percent, a cost per unit (``$ per 1M tokens``) is the price ÷ the rate, times
the header's scale (1M) and the ratio of the two time units the other headers name (``/h``,
``/s``). It must also hold, within the written precision, on every other row (at least two):
the rows that hold are the evidence. Exactly one row may break it, and that row is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

from speclint.claims.model import Claim, Scanned, literal_text, noun_key
from speclint.claims.sums import TOTAL_LABEL, _header_unit, _with_header_unit, cell_value
from speclint.claims.table_rows import (
    Cell,
    body_cells,
    each_table,
    part_cells,
    read_cell,
    read_rows,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Lit, TooComplex, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import NumberLiteral
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import unit_table

#: Rows besides the one reported that must hold the relation.
MIN_AGREEING_ROWS = 2

_SHARE = lazy_re(r"%|percent|efficien|utili[sz]|\bM[FB]U\b", re.IGNORECASE)
_COST = lazy_re(r"\$|\bcost\b|\bprice\b|\busd\b|€", re.IGNORECASE)
_PER_SCALE = lazy_re(
    r"(?:\bper\b|/)\s*(?:1\s*)?(?P<scale>k|K|M|B|thousand|million|billion|1,000(?:,000)*)\b"
)
_PER_NOUN = lazy_re(r"\bper\s+([A-Za-z]+)\b")
_SCALES = {"k": 10**3, "K": 10**3, "thousand": 10**3, "M": 10**6, "million": 10**6}
_SCALES |= {"B": 10**9, "billion": 10**9}
_TIME = lazy_re(
    r"(?:/|\bper\s+|-)\s*(?:GPU[- ]?|node[- ]?)?"
    r"(?P<time>s|sec|second|min|minute|h|hr|hour|day|month|mo)s?\b",
    re.IGNORECASE,
)
_SECONDS = {"s": 1, "sec": 1, "second": 1, "min": 60, "minute": 60, "h": 3600, "hr": 3600}
_HUNDRED = (Fraction(100), " × 100")
_SECONDS |= {"hour": 3600, "day": 86_400, "month": 730 * 3600, "mo": 730 * 3600}


@dataclass
class _Cell:
    lit: Lit
    where: Scanned
    line: int
    written: Fraction  # the written number times its scale (k, M): what the author divided
    operand: Interval  # as a factor: whole numbers exact
    result: Interval  # as a result: to its last written digit


def row_ratio_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a cell is the quotient of two cells on its row, for columns whose header
    names such a quotient and every other row holds it."""
    return each_table(doc, scanned, tolerance, _table_claims)


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    rows: dict[int, dict[int, _Cell]] = {}
    headers: dict[int, str] = {}
    for row, col, where in part_cells(cells):
        cell = _read(doc, where, tolerance)
        if cell is not None:
            rows.setdefault(row, {})[col] = cell
            info = where.segment.cell
            headers[col] = " ".join(info.header.split()) if info is not None else ""
    found: dict[int, list[Claim]] = {}
    for a, b, c in permutations(sorted(headers), 3):
        for k, shown in _constants(headers, a, b, c, rows):
            table_rows = [r for r in rows.values() if a in r and b in r and c in r]
            deviating = _deviating_row(table_rows, a, b, c, k)
            if deviating is not None:
                bad, agreeing = deviating
                claim = _claim(bad[a], bad[b], bad[c], (k, shown), agreeing, headers, (a, b, c))
                claim.like = column_precision([r[c].lit for r in table_rows], bad[c].lit)
                found.setdefault(id(bad[c].where), []).append(claim)
    claims = []
    for candidates in found.values():
        values = {c.computed.point for c in candidates if c.computed is not None}
        if len(values) == 1:  # two readings that disagree on the value: stay silent
            claims.append(candidates[0])
    return claims


def column_precision(column: list[Lit], target: Lit) -> NumberLiteral | None:
    """The most precise plain number of a column, when it has more decimals than ``target``
    (``0.55`` among ``0.147`` and ``0.182`` is fixed as ``0.153``, not ``0.15``)."""
    plain = [lit.number for lit in column if not lit.number.exp_prefix]
    best = max(plain, key=lambda number: number.decimals, default=None)
    if best is None or target.number.exp_prefix or best.decimals <= target.number.decimals:
        return None
    return best


def _read(doc: Document, where: Scanned, tolerance: Tolerance) -> _Cell | None:
    node = cell_value(where)
    if not isinstance(node, Lit) or node.bound or node.is_range or node.approx:
        return None
    if node.number.value <= 0:
        return None
    line = doc.position(where.offsets[node.num_start])[0]
    scale = node.scale.factor if node.scale is not None else Fraction(1)
    operand = written_interval(node, stated=False, tolerance=tolerance).scale(scale)
    result = written_interval(node, stated=True, loose_zeros=False, tolerance=tolerance)
    return _Cell(node, where, line, node.number.value * scale, operand, result.scale(scale))


def _constants(
    headers: dict[int, str], a: int, b: int, c: int, rows: dict[int, dict[int, _Cell]]
) -> list[tuple[Fraction, str]]:
    """The constants k the headers allow for column c = k × a ÷ b (none: not a quotient),
    each with how the message shows it."""
    target = headers[c]
    column = [row[c] for row in rows.values() if c in row]
    if any(row[a].lit.is_percent for row in rows.values() if a in row) or any(
        row[b].lit.is_percent for row in rows.values() if b in row
    ):
        return []
    if column and all(cell.lit.is_percent for cell in column):
        return [_HUNDRED]
    if any(cell.lit.is_percent for cell in column):
        return []
    if _SHARE.search(target):
        return [_HUNDRED] if "%" in target else [(Fraction(1), ""), _HUNDRED]
    if _per_noun(target) and _per_noun(target) in _nouns(headers[b]) and not _COST.search(target):
        return [(Fraction(1), "")]
    if _COST.search(target) and _COST.search(headers[a]) and not _COST.search(headers[b]):
        scale = _PER_SCALE.search(target)
        if scale is None or _TIME.search(target):
            return []
        word = scale.group("scale")
        k = Fraction(_SCALES[word] if word in _SCALES else int(word.replace(",", "")))
        ratio = _seconds(headers[b]) / _seconds(headers[a])
        shown = f" × {int(k):,}"
        if ratio != 1:
            shown += f" / {int(1 / ratio):,}" if ratio < 1 else f" × {int(ratio):,}"
        return [(k * ratio, shown)]
    return []


def _per_noun(header: str) -> str:
    """``tok/s per GPU`` → ``gpu``: what a per-unit column is per ("" for none, or a time)."""
    found = _PER_NOUN.search(header)
    noun = noun_key(found.group(1)) if found else ""
    return "" if noun in _SECONDS or noun in _SCALES else noun


def _nouns(header: str) -> set[str]:
    return {noun_key(word) for word in re.findall(r"[A-Za-z]+", header)}


def _seconds(header: str) -> Fraction:
    found = _TIME.search(header)
    return Fraction(_SECONDS[found.group("time").lower()]) if found else Fraction(1)


def _deviating_row(
    rows: list[dict[int, _Cell]], a: int, b: int, c: int, k: Fraction
) -> tuple[dict[int, _Cell], int] | None:
    """The one row that breaks c = k × a ÷ b when every other row (at least two) holds it."""
    if len(rows) < MIN_AGREEING_ROWS + 1:
        return None
    broken = [row for row in rows if not _holds(row, a, b, c, k)]
    if len(broken) != 1:
        return None
    row = broken[0]
    exact = k * row[a].written / row[b].written
    if row[c].result.overlaps(Interval.point(exact)):
        return None
    if (row[a].result / row[b].result).scale(k).overlaps(row[c].result):
        return None  # "4,615 / 48 = 96.15 … 96.16": the cells are each rounded as written
    if _hidden_factor([r for r in rows if r is not row], row, (a, b, c)):
        return None
    return row, len(rows) - 1


def _hidden_factor(agreeing: list[dict[int, _Cell]], row: dict[int, _Cell], used: tuple) -> bool:
    """Another column that holds one value on every agreeing row and another on the row that
    breaks the reading (``Pool per worker`` 1, 1 and 10): it may be a factor the agreeing rows
    hide, so the row is not shown wrong."""
    for col in set(row) - set(used) - {0}:  # the first column names the row
        values = {r[col].written for r in agreeing if col in r}
        if len(values) == 1 and all(col in r for r in agreeing) and row[col].written not in values:
            return True
    return False


def _holds(row: dict[int, _Cell], a: int, b: int, c: int, k: Fraction) -> bool:
    computed = (row[a].operand / row[b].operand).scale(k)
    return computed.overlaps(row[c].result)


def _claim(
    a: _Cell,
    b: _Cell,
    target: _Cell,
    constant: tuple[Fraction, str],
    agreeing: int,
    headers: dict[int, str],
    cols: tuple[int, int, int],
) -> Claim:
    k, shown = constant
    stated = literal_value(target.lit, stated=True)
    factor = stated.point / target.lit.number.value
    scale = target.lit.scale.factor if target.lit.scale is not None else Fraction(1)
    interval = (a.operand / b.operand).scale(k * factor / scale)
    point = k * a.written / b.written * factor / scale
    computed = Value(point, interval, stated.dims, stated.bare)
    a_text, b_text = literal_text(a.lit, a.where), literal_text(b.lit, b.where)
    names = [headers[col].strip("*_ ") or "the column" for col in cols]
    return Claim(
        "formula",
        target.lit,
        target.where,
        computed=computed,
        derivation=f"{a_text} (line {a.line}) / {b_text} (line {b.line}){shown}",
        assumption=(
            f"the other {agreeing} rows of the table have {names[2]} = {names[0]} / "
            f"{names[1]}{shown}"
        ),
        parts=[Related(a.line, a_text), Related(b.line, b_text)],
    )


#: Before a constant in a column's header: ``Restore time at 50 GB/s``, ``Energy @ 700 W``.
_AT_CONSTANT = lazy_re(r"(?:\bat|@)\s*$", re.IGNORECASE)
#: Before a constant a header names outright: ``Cost for 141.1 instance-hours``.
_FOR_CONSTANT = lazy_re(r"\b(?:for|over)\s*$", re.IGNORECASE)
#: A constant in brackets after the column's own unit: ``$/month (730 h)``.
_IN_BRACKETS = lazy_re(r"(\S)\s*\(\s*$")
#: A header of money per a period, before the constant that period is: ``$/month (730 h)``.
_PER_PERIOD = lazy_re(r"([$€£])\s*/\s*(?:month|mo|year|yr|day|week|hour|hr|h)\s*\(", re.I)
#: Rows besides the one reported that must agree on a header's constant after ``at``.
MIN_CONSTANT_ROWS = 3
#: ... and on one the header names outright.
MIN_NAMED_ROWS = 1


def header_constant_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a cell is another column's cell divided (or multiplied) by the constant its
    column's header names (``Restore time per GPU at 50 GB/s`` from a ``KV per GPU`` column),
    when every other row (at least three) holds it within the written precision and the units
    say which of the two it is."""
    constants: dict[tuple[int, int], tuple[Lit, int]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and cell.is_header:
            constant = _header_constant(where)
            if constant is not None:
                constants[(cell.table, cell.col)] = constant
    if not constants:
        return []
    claims = []
    for table, cells in body_cells(scanned).items():
        rows = read_rows(doc, cells, tolerance)
        total = _total_row(doc, cells, tolerance)
        for c in sorted({col for (t, col) in constants if t == table}):
            claim = _constant_claim(rows, total, c, *constants[(table, c)], tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _header_constant(where: Scanned) -> tuple[Lit, int] | None:
    """The one quantity with a unit in a header, written after ``at`` or ``@`` (the units
    then decide whether it multiplies or divides: three other rows must agree), or named
    outright, after ``for`` or ``over`` or in brackets at the end (``Cost for 141.1
    instance-hours``, ``$/month (730 h)``: one other row is enough); with that many rows."""
    lits = [lit for chain in where.result.chains for expr in chain.exprs for lit in literals(expr)]
    if len(lits) != 1:
        return None
    lit = lits[0]
    if lit.unit is None or lit.is_percent or lit.bound or lit.is_range or lit.approx:
        return None
    if _AT_CONSTANT.search(where.text, 0, lit.start):
        return lit, MIN_CONSTANT_ROWS
    if _FOR_CONSTANT.search(where.text, 0, lit.start) and not where.text[lit.end :].strip(" *_"):
        return lit, MIN_NAMED_ROWS
    before = _IN_BRACKETS.search(where.text, 0, lit.start)
    if before and where.text[lit.end :].strip(" *_") == ")" and before.group(1):
        return lit, MIN_NAMED_ROWS
    return None


def _total_row(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> dict[int, Cell]:
    """The figures of a table's **Total** row, by column (none when it has no such row)."""
    found: dict[int, Cell] = {}
    for (row, col), where in cells.items():
        label = cells.get((row, 0))
        if col > 0 and label is not None and TOTAL_LABEL.search(label.text):
            cell = read_cell(doc, where, tolerance)
            if cell is not None:
                found[col] = cell
    return found


def _constant_claim(
    rows: dict[int, dict[int, Cell]],
    total: dict[int, Cell],
    c: int,
    constant: Lit,
    least: int,
    tolerance: Tolerance,
) -> Claim | None:
    """The one claim of column c = column a ÷ (or ×) the constant: one source column a whose
    other rows (at least ``least``, the **Total** row among them when it holds too) all agree,
    and one row that does not."""
    found: list[Claim] = []
    for a in sorted({col for row in rows.values() for col in row} - {c}):
        for op in ("/", "*"):
            table_rows = [r for r in rows.values() if a in r and c in r]
            if len(table_rows) < 2:
                continue
            readings = [_by_constant(r[a], r[c], constant, op, tolerance) for r in table_rows]
            held = [reading for reading in readings if reading is not None]
            if len(held) != len(readings):
                continue  # not of the units this reading needs, on some row
            off = [k for k, (_, holds) in enumerate(held) if not holds]
            if len(off) != 1:
                continue
            summed = a in total and c in total
            by_total = _by_constant(total[a], total[c], constant, op, tolerance) if summed else None
            agreeing = len(table_rows) - 1 + (by_total is not None and by_total[1])
            if agreeing < least:
                continue
            row, computed = table_rows[off[0]], held[off[0]][0]
            found.append(_constant_row_claim(row[a], row[c], constant, op, computed, agreeing))
    values = {claim.computed.point for claim in found if claim.computed is not None}
    return found[0] if len(values) == 1 else None


def _by_constant(
    source: Cell, target: Cell, constant: Lit, op: str, tolerance: Tolerance
) -> tuple[Value, bool] | None:
    """What ``source`` op ``constant`` gives and whether ``target`` holds it; None when it is
    not of ``target``'s dimension."""
    source_lit, target_lit = _with_unit(source), _over_period(target, constant)
    if source_lit.is_percent or source_lit.unit is None or target_lit.unit is None:
        return None
    if _priced_per_one(source_lit, constant, op):
        # "Cost @ $2.00" over a GPU-hours column: the price of one GPU-hour
        source_lit = Lit(**{**source_lit.__dict__, "unit": None, "unit_text": ""})
    try:
        computed = Evaluator({}, tolerance=tolerance).evaluate(BinOp(op, source_lit, constant, op))
        stated = literal_value(target_lit, stated=True, tolerance=tolerance)
    except (NotEvaluable, TooComplex, ZeroDivisionError):
        return None
    if computed.dims != stated.dims:
        return None
    return computed, computed.interval.overlaps(stated.interval)


def _priced_per_one(source: Lit, constant: Lit, op: str) -> bool:
    """A bare price (``$2.00``, per nothing) times a column of resource-hours (``GPU-hours``):
    the price of one of them."""
    unit, price = source.unit, constant.unit
    return (
        op == "*"
        and unit is not None
        and unit.kind == "time"
        and bool(unit.counted)
        and price is not None
        and price.kind == "currency"
        and not any(price.dims[1:2])
        and not constant.per
    )


def _with_unit(cell: Cell) -> Lit:
    """The cell's figure, with its column header's unit when it writes none (``GPU-hours``)."""
    info = cell.where.segment.cell
    if info is None:
        return cell.lit
    unit, text = _header_unit(info.header)
    if unit is None and (lead := _UNIT_AT.match(" ".join(info.header.split()))):
        text = lead.group(1)  # "Days at 8 Gbps": the unit before the header's constant
        unit = unit_table().lookup(text) or unit_table().lookup(text.lower())
    return _with_header_unit(cell.lit, unit, text)


#: A header that names its unit, then the constant after ``at``: ``Days at 8 Gbps``.
_UNIT_AT = lazy_re(r"[*_]*([A-Za-z$/-]+)\s+(?:at|@)\s", re.IGNORECASE)


def _over_period(cell: Cell, constant: Lit) -> Lit:
    """A cell under ``$/month (730 h)`` that writes no unit: money over the period the header's
    constant names."""
    lit, info = _with_unit(cell), cell.where.segment.cell
    if lit.unit is not None or info is None or constant.unit is None:
        return lit
    found = _PER_PERIOD.match(" ".join(info.header.split()))
    if found is None or constant.unit.kind != "time":
        return lit
    sign = found.group(1)
    return Lit(**{**lit.__dict__, "unit": unit_table().lookup(sign), "prefix": sign})


def _constant_row_claim(
    source: Cell,
    target: Cell,
    constant: Lit,
    op: str,
    computed: Value,
    agreeing: int,
) -> Claim:
    source_text = literal_text(source.lit, source.where)
    if source.lit.unit is None and _with_unit(source).unit is not None:
        source_text += f" {_with_unit(source).unit_text}"  # the unit its header gives
    constant_text = f"{constant.prefix}{constant.number.text} {constant.unit_text}".strip()
    sign = "/" if op == "/" else "×"
    names = [_header_text(cell) for cell in (source, target)]
    return Claim(
        "formula",
        _over_period(target, constant),
        target.where,
        computed=computed,
        derivation=f"{source_text} (line {source.line}) {sign} {constant_text}",
        assumption=(
            f"{_other_rows(agreeing)} of the table {'has' if agreeing == 1 else 'have'} "
            f"{names[1]} = {names[0]} {sign} {constant_text}"
        ),
        parts=[Related(source.line, source_text)],
    )


def _other_rows(count: int) -> str:
    return "the other row" if count == 1 else f"the other {count} rows"


def _header_text(cell: Cell) -> str:
    info = cell.where.segment.cell
    header = " ".join(info.header.split()).strip("*_ ") if info is not None else ""
    return header or "the column"
