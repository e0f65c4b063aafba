"""Columns that scale with a count of units: ``| Replicas | GPUs |`` with 4 GPUs on every row
but one, ``| Nodes | IT power (kW) |`` with the one-node row's 8.834 kW on every other.

A column is read as k × a count column (GPUs, nodes, replicas, racks…) only when the table
shows k: every row but one agrees on it, and either k is a whole number and three rows agree,
or a row of one unit states k and another row agrees. The row that breaks it must not hold a
whole figure per unit of its own (``| H200 | 8 | 1,128 |`` under rows of 80 GB per GPU is
another device, not a slip). Columns of rates, times and shares do not scale with the count (a
measured throughput may fall short of linear), so they are never read this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import ceil

import regex

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.table_rows import Cell, all_but_one, each_table, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.patterns import lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: Headers of a count of deployment units.
UNIT_COUNT = lazy_compile(
    r"^(?:#\s*)?(?:gpus?|nodes?|replicas?|racks?|servers?|hosts?|instances?|pods?|devices?"
    r"|accelerators?|cards?|chips?)$",
    regex.IGNORECASE,
)
#: Headers of figures that need not scale with the count: rates, times, shares, per-unit values.
NOT_SCALING = lazy_compile(
    r"\bper\b|/\s*(?:s|sec|gpu|node|token)\b|tok|qps|rps|latenc|\btime\b|\bms\b|%|util|mfu"
    r"|efficien|speed|\brate\b|throughput|bandwidth|\bpue\b|\beach\b|\bavg\b|average|mean",
    regex.IGNORECASE,
)
#: Rows that must agree on a whole-number k; with a one-unit row stating k, two suffice.
MIN_AGREEING_ROWS = 3
#: Largest relative spread of k the agreeing rows allow: they must pin it down.
MAX_SPREAD = Fraction(2, 100)


@dataclass(frozen=True)
class _Pair:
    count: Cell
    value: Cell


def row_scaling_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a table cell is k times the row's count of units, for columns every other
    row shows to be such a multiple."""
    return each_table(doc, scanned, tolerance, _table_claims)


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    claims = []
    rows = read_rows(doc, cells, tolerance)
    cols = sorted({col for row in rows.values() for col in row})
    for a in (col for col in cols if UNIT_COUNT.match(_header(rows, col))):
        for c in (col for col in cols if col > a and not NOT_SCALING.search(_header(rows, col))):
            pairs = [_Pair(r[a], r[c]) for r in rows.values() if a in r and c in r]
            claim = _scaling_claim(pairs, _header(rows, a), _header(rows, c), tolerance)
            if claim is not None:
                claims.append(claim)
    return claims


def _header(rows: dict[int, dict[int, Cell]], col: int) -> str:
    for row in rows.values():
        info = row[col].where.segment.cell if col in row else None
        if info is not None:
            return " ".join(info.header.split()).strip("*_ ")
    return ""


def _read(cell: Cell) -> Interval:
    """A whole count (``24`` GPUs) is exact; any other figure holds to its last digit."""
    return cell.operand if _count(cell) is not None else cell.result


def _count(cell: Cell) -> int | None:
    lit = cell.lit
    plain = lit.unit is None and lit.scale is None and lit.number.is_plain_integer
    return int(lit.number.value) if plain else None


def _scaling_claim(
    pairs: list[_Pair], count_header: str, value_header: str, tolerance: Tolerance
) -> Claim | None:
    counts = [_count(p.count) for p in pairs]
    if len(pairs) < MIN_AGREEING_ROWS or any(n is None for n in counts):
        return None
    if len(set(counts)) < 3 or len({p.value.result.lo for p in pairs}) < 3:
        return None  # too few distinct scales to show a proportion
    ranges = [_read(p.value).scale(Fraction(1, n)) for p, n in zip(pairs, counts, strict=True)]
    for k, (pair, common) in enumerate(zip(pairs, all_but_one(ranges), strict=True)):
        if common is None or common.hi - common.lo > MAX_SPREAD * common.lo:
            continue
        constant = _constant(common, pairs, counts, k, len(counts) - 1)
        if constant is None:
            continue
        n = counts[k]
        assert n is not None
        if _read(pair.value).overlaps(Interval.point(constant * n)):
            continue
        if (_written(pair.value) / n).denominator == 1:
            continue  # a whole figure of its own per unit (1,128 GB on 8 H200s): another kind
        return _claim(pair, n, constant, len(pairs) - 1, count_header, value_header, tolerance)
    return None


def _constant(
    common: Interval, pairs: list[_Pair], counts: list[int | None], k: int, others: int
) -> Fraction | None:
    """The k the ``others`` agreeing rows show: a whole number (three rows), or a one-unit
    row's value."""
    whole = ceil(common.lo)
    if whole >= 2 and whole <= common.hi and others >= MIN_AGREEING_ROWS:
        return Fraction(whole)
    for j, (pair, n) in enumerate(zip(pairs, counts, strict=True)):
        if j != k and n == 1 and common.lo <= _written(pair.value) <= common.hi:
            return _written(pair.value)
    return None


def _written(cell: Cell) -> Fraction:
    """The number as written, times its scale (``1.2k`` is 1,200)."""
    scale = cell.lit.scale.factor if cell.lit.scale is not None else Fraction(1)
    return cell.lit.number.value * scale


def _claim(
    pair: _Pair,
    n: int,
    constant: Fraction,
    agreeing: int,
    count_header: str,
    value_header: str,
    tolerance: Tolerance,
) -> Claim:
    target = pair.value
    stated = literal_value(target.lit, stated=True, tolerance=tolerance)
    written = target.lit.number.value
    factor = stated.point / written if written else Fraction(1)
    scale = target.lit.scale.factor if target.lit.scale is not None else Fraction(1)
    point = constant * n * factor / scale
    computed = Value(point, Interval.point(point), stated.dims, stated.bare)
    k_text = f"{int(constant):,}" if constant.denominator == 1 else f"{float(constant):,.6g}"
    count_text = literal_text(pair.count.lit, pair.count.where)
    return Claim(
        "formula",
        target.lit,
        target.where,
        computed=computed,
        derivation=f"{k_text} × {count_text} {count_header} (line {pair.count.line})",
        assumption=(
            f"the other {agreeing} rows of the table have {value_header} = {k_text} × "
            f"{count_header}"
        ),
        parts=[Related(pair.count.line, count_text)],
    )
