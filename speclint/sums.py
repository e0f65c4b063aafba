"""Totals over parts: list items or lines with a "Total" line, and table columns with a Total row.

A total is checked only against parts that look like parts: items of the same list (or lines of
the same block) with a value in the same unit kind, or cells of the same table column. When the
parts include a capacity line ("GPU memory: 80 GB") the total may cover only the lines after it,
so every contiguous run of parts that ends at the total is tried before anything is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .claims import Claim, Scanned, literal_text
from .document import Document
from .evaluate import Value, literal_value
from .expr import Chain, Lit, strip_groups
from .interval import Interval
from .units import Unit, unit_table

TOTAL_LABEL = regex.compile(r"\b(?:sub)?total\b|\bsum\b|\boverall\b|\bcombined\b", regex.IGNORECASE)
SUBTOTAL_LABEL = regex.compile(r"\bsub-?total\b", regex.IGNORECASE)
NOT_A_PART = regex.compile(
    r"\b(?:available|free|capacity|budget|limit|headroom|remaining|left|max(?:imum)?|peak\s+capacity)\b",
    regex.IGNORECASE,
)
NON_ADDITIVE_HEADER = regex.compile(
    r"\b(?:per|avg|average|mean|median|each|ratio|mfu|utili[sz]ation|efficiency|p\d\d)\b|/\s*gpu\b",
    regex.IGNORECASE,
)
MAX_LABEL = 60


@dataclass
class Item:
    """One ``Label: value`` line."""

    label: str
    value: Lit
    where: Scanned
    line: int


def primary_literal(chains: list[Chain], start: int, end: int) -> tuple[Lit, int] | None:
    """The value a line states: the first chain's literal, or the result of its equation."""
    for chain in chains:
        chain_start = chain.start
        if chain_start < start or chain_start >= end:
            continue
        if chain.relations:
            lits = [strip_groups(e) for e in chain.exprs[1:] if isinstance(strip_groups(e), Lit)]
            if not lits:
                return None
            return lits[-1], chain_start  # type: ignore[return-value]
        first = strip_groups(chain.exprs[0])
        return (first, chain_start) if isinstance(first, Lit) else None
    return None


def _line_items(doc: Document, where: Scanned) -> list[Item]:
    """``Label: value`` lines of a segment (only the first line of a list item)."""
    items = []
    text = where.text
    pos = 0
    lines = text.split("\n")
    if where.segment.item is not None:
        lines = lines[:1]
    for line_text in lines:
        start, end = pos, pos + len(line_text)
        pos = end + 1
        colon = line_text.find(":")
        value_from = start + colon + 1 if 0 < colon <= MAX_LABEL else start
        found = primary_literal(where.result.chains, value_from, end)
        if found is None:
            continue
        lit, value_start = found
        if text[value_from:value_start].strip(" ~≈=*_"):
            continue  # words between the label and the value: prose, not an item
        label = text[start:value_from].strip(" \t*_-–:=")
        if not label or len(label) > MAX_LABEL:
            continue
        items.append(Item(label, lit, where, doc.position(where.offsets[lit.num_start])[0]))
    return items


def _group_key(where: Scanned) -> tuple:
    seg = where.segment
    if seg.item is not None:
        return ("list", seg.item.list_id)
    return (seg.kind, seg.block)


def _same_kind(a: Unit, b: Unit) -> bool:
    return a.dims == b.dims and a.kind == b.kind


def sum_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """Claims that a Total equals the sum of its parts, from lists, line blocks and tables."""
    groups: dict[tuple, list[Item]] = {}
    for where in scanned:
        if where.segment.kind in ("paragraph", "code"):
            for item in _line_items(doc, where):
                groups.setdefault(_group_key(where), []).append(item)
    claims: list[Claim] = []
    for items in groups.values():
        claims.extend(_list_totals(items))
    claims.extend(_table_totals(doc, scanned))
    return claims


def _list_totals(items: list[Item]) -> list[Claim]:
    claims = []
    start = 0
    for k, item in enumerate(items):
        if not TOTAL_LABEL.search(item.label):
            continue
        total = item.value
        parts = [
            p
            for p in items[start:k]
            if p.value.unit is not None
            and total.unit is not None
            and _same_kind(p.value.unit, total.unit)
            and not p.value.bound
            and not NOT_A_PART.search(p.label)
            and not p.value.per
        ]
        start = k + 1
        if len(parts) < 2 or total.bound or total.per or not _adds_up_to(total):
            continue
        claim = _sum_claim(total, item.where, [(p.value, p.where, p.line) for p in parts])
        if claim is not None:
            claims.append(claim)
    return claims


def _adds_up_to(total: Lit) -> bool:
    """Percentages add up only as shares of one whole: a total of 100 %."""
    if total.unit is None or total.unit.kind != "percent":
        return True
    return literal_value(total, stated=True).interval.contains(1)


def _sum_claim(total: Lit, where: Scanned, parts: list[tuple[Lit, Scanned, int]]) -> Claim:
    """The claim over the longest run of parts ending at the total that fits, else all parts."""
    values = [literal_value(lit, stated=True) for lit, _, _ in parts]
    stated = literal_value(total, stated=True)
    first = next(
        (k for k in range(len(values) - 1) if _sum_interval(values[k:]).overlaps(stated.interval)),
        0,
    )
    values, parts = values[first:], parts[first:]
    point = sum((v.point for v in values[1:]), start=values[0].point)
    computed = Value(point, _sum_interval(values), values[0].dims, False)
    return Claim("sum", total, where, computed=computed, derivation=_parts_text(parts))


def _sum_interval(values: list[Value]) -> Interval:
    interval = values[0].interval
    for v in values[1:]:
        interval = interval + v.interval
    return interval


def _parts_text(parts: list[tuple[Lit, Scanned, int]]) -> str:
    if len(parts) > 8:
        lines = [line for _, _, line in parts]
        return f"the {len(parts)} parts on lines {min(lines)}–{max(lines)}"
    return " + ".join(f"{literal_text(lit, w)} (line {line})" for lit, w, line in parts)


# --------------------------------------------------------------------------------------------
# Tables


_HEADER_UNIT = regex.compile(r"[(\[]\s*([^()\[\]]{1,20}?)\s*[)\]]\s*$|,\s*(\S{1,20})\s*$")


def _header_unit(header: str) -> tuple[Unit | None, str]:
    match = _HEADER_UNIT.search(header)
    text = (match.group(1) or match.group(2)) if match else header.strip()
    table = unit_table()
    unit = table.lookup(text)
    if unit is None and "/" in text:
        num, _, den = text.partition("/")
        a, b = table.lookup(num.strip()), table.lookup(den.strip())
        if a is not None and b is not None:
            unit = a.per(b)
    return unit, text


def _cell_literal(where: Scanned) -> Lit | None:
    found = primary_literal(where.result.chains, 0, len(where.text))
    if found is None:
        return None
    lit, start = found
    rest = where.text[:start].strip(" ~≈=*_")
    return lit if not rest else None


def _table_totals(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    tables: dict[int, dict[tuple[int, int], Scanned]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            tables.setdefault(cell.table, {})[(cell.row, cell.col)] = where
    claims = []
    for cells in tables.values():
        rows = sorted({r for r, _ in cells})
        cols = sorted({c for _, c in cells})
        labels = {r: " ".join(cells[(r, 0)].text.split()) if (r, 0) in cells else "" for r in rows}
        for col in cols[1:] if cols and cols[0] == 0 else cols:
            claims.extend(_column_totals(doc, cells, rows, col, labels))
    return claims


def _column_totals(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    rows: list[int],
    col: int,
    labels: dict[int, str],
) -> list[Claim]:
    header = next((cells[(r, col)].segment.cell.header for r in rows if (r, col) in cells), "")
    if NON_ADDITIVE_HEADER.search(header):
        return []
    unit, unit_text = _header_unit(header)
    claims = []
    parts: list[tuple[Lit, Scanned, int]] = []
    for row in rows:
        where = cells.get((row, col))
        text = where.text.strip() if where else ""
        if TOTAL_LABEL.search(labels[row]) and not SUBTOTAL_LABEL.search(labels[row]):
            total = _cell_literal(where) if where else None
            if total is not None and len(parts) >= 2:
                claim = _table_claim(doc, total, where, parts, unit, unit_text)
                if claim is not None:
                    claims.append(claim)
            parts = []
            continue
        if SUBTOTAL_LABEL.search(labels[row]):
            parts = []
            continue
        if text in ("", "-", "–", "—", "n/a", "N/A", "0"):
            continue
        lit = _cell_literal(where) if where else None
        if lit is None:
            return claims  # a cell that is not a number: this column is not a sum
        parts.append((lit, where, doc.position(where.offsets[lit.num_start])[0]))
    return claims


def _table_claim(
    doc: Document,
    total: Lit,
    where: Scanned,
    parts: list[tuple[Lit, Scanned, int]],
    unit: Unit | None,
    unit_text: str,
) -> Claim | None:
    lits = [_with_header_unit(lit, unit, unit_text) for lit, _, _ in parts]
    total = _with_header_unit(total, unit, unit_text)
    # One column holds one kind of quantity, so bare numbers add up too (its header names
    # the unit, known to speclint or not); units written in cells must agree.
    units = [lit.unit for lit in [*lits, total]]
    written = [u for u in units if u is not None]
    if written and (len(written) != len(units) or any(not _same_kind(u, written[0]) for u in written)):
        return None
    if not _adds_up_to(total):
        return None
    values = [literal_value(lit, stated=True) for lit in lits]
    if all(v.point == literal_value(total, stated=True).point for v in values):
        return None  # a uniform column ("80 GB" on every row) is not a sum
    return _sum_claim(total, where, [(lit, w, line) for lit, (_, w, line) in zip(lits, parts)])


def _with_header_unit(lit: Lit, unit: Unit | None, unit_text: str) -> Lit:
    if lit.unit is not None or unit is None:
        return lit
    return Lit(**{**lit.__dict__, "unit": unit, "unit_text": unit_text})
