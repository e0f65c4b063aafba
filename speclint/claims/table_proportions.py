"""A column that is another column times one constant on every row but one: ``| 60 | 256.00 |``,
``| 72 | 297.60 |``, ``| 178 | 759.47 |``… under ``Total (min) | GPU-hours lost`` (each row ×
256 GPUs ÷ 60), where 72 gives 307.20.

The rows are the evidence, and the table's lead-in names the constant: every other row (at
least three) must give one ratio within the written precision, each to 1 % or better, that is
a number the paragraph before the table writes (``times 256 GPUs``), as is or per minute, hour
or day; the one row reported must fall outside it. Columns whose header says they are a share
or a figure per unit are left to the readers that know their constant
(:mod:`speclint.claims.table_ratios`), and a cell another reading claims is left to it.
"""

from __future__ import annotations

from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import leads_into
from speclint.claims.table_rows import Cell, body_cells, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value
from speclint.formula.expr import literals
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import format_readable
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: Rows besides the one reported that must give one ratio.
MIN_AGREEING_ROWS = 3
#: How wide (relative) a row's ratio may be for the row to be evidence.
MAX_WIDTH = Fraction(1, 100)


def proportional_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """The one row of each column pair that breaks the ratio every other row gives."""
    leads = _lead_numbers(doc, scanned)
    claims = []
    for table, cells in body_cells(scanned).items():
        constants = _constants(leads.get(table, set()))
        if not constants:
            continue
        rows = read_rows(doc, cells, tolerance)
        columns = sorted({col for row in rows.values() for col in row})
        found: dict[int, list[Claim]] = {}
        for a in columns:
            for c in columns:
                claim = _pair_claim(rows, a, c, constants) if a != c else None
                if claim is not None:
                    found.setdefault(id(claim.where), []).append(claim)
        claims += [candidates[0] for candidates in found.values() if len(candidates) == 1]
    return claims


#: Unit factors a constant may carry besides the lead-in's number (minutes to hours …).
_FACTORS = tuple(
    Fraction(f) for f in (1, 60, Fraction(1, 60), 3600, Fraction(1, 3600), 24, Fraction(1, 24))
)


def _lead_numbers(doc: Document, scanned: list[Scanned]) -> dict[int, set[Fraction]]:
    """The numbers each table's lead-in paragraph writes (``… times 256 GPUs.``)."""
    found: dict[int, set[Fraction]] = {}
    lead: Scanned | None = None
    for where in scanned:
        cell = where.segment.cell
        if cell is None:
            lead = where if where.segment.kind == "paragraph" else None
        elif cell.table not in found and lead is not None and leads_into(doc, lead, where):
            found[cell.table] = {
                Fraction(lit.number.value)
                for chain in lead.result.chains
                for expr in chain.exprs
                for lit in literals(expr)
                if lit.number.value > 1
            }
    return found


def _constants(numbers: set[Fraction]) -> dict[Fraction, str]:
    """The constants a column may be another times (a lead-in number, in other time units),
    each as written: ``256 / 60``."""
    found: dict[Fraction, str] = {}
    for n in sorted(numbers):
        for f in _FACTORS:
            text = format_readable(n)
            text += "" if f == 1 else f" × {f}" if f > 1 else f" / {1 / f}"
            found.setdefault(n * f, text)
    return found


def _pair_claim(
    rows: dict[int, dict[int, Cell]], a: int, c: int, constants: dict[Fraction, str]
) -> Claim | None:
    pairs = [(r[a], r[c]) for r in rows.values() if a in r and c in r]
    if len(pairs) < MIN_AGREEING_ROWS + 1:
        return None
    if any(_per_or_share(cell) for cell in (pairs[0][0], pairs[0][1])):
        return None
    ratios = [_ratio(source, target) for source, target in pairs]
    for off, _ in enumerate(pairs):
        others = [r for k, r in enumerate(ratios) if k != off]
        if any(r.hi > r.lo * (1 + MAX_WIDTH) for r in others):
            continue
        common = _intersection(others)
        if common is None or common.overlaps(ratios[off]):
            continue
        named = [k for k in constants if common.lo <= k <= common.hi]
        if len(named) != 1:
            return None  # no constant the lead-in writes, or several: not this reading
        if _rounded_up(*pairs[off], named[0]):
            return None  # "233 pods | 8 nodes" at 31 pods a node: ⌈233 / 31⌉ nodes
        return _claim(*pairs[off], named[0], constants[named[0]], len(others))
    return None


def _rounded_up(source: Cell, target: Cell, k: Fraction) -> bool:
    """Whether two whole counts are a count of things and of what holds them, ``k`` each,
    rounded up: ``source`` = ⌈``target`` / ``k``⌉ (233 pods on 8 nodes of 31)."""
    if source.lit.unit is not None or target.lit.unit is not None or k <= 1:
        return False
    counts = [cell.lit.number for cell in (source, target)]
    if not all(n.is_plain_integer for n in counts):
        return False
    held, holders = counts[1].value, counts[0].value
    return (holders - 1) * k < held <= holders * k


def _ratio(source: Cell, target: Cell) -> Interval:
    return Interval(
        Fraction(target.result.lo) / Fraction(source.operand.hi),
        Fraction(target.result.hi) / Fraction(source.operand.lo),
    )


def _intersection(intervals: list[Interval]) -> Interval | None:
    lo = max(i.lo for i in intervals)
    hi = min(i.hi for i in intervals)
    return Interval(lo, hi) if lo <= hi else None


def _per_or_share(cell: Cell) -> bool:
    info = cell.where.segment.cell
    header = info.header.lower() if info is not None else ""
    return "%" in header or " per " in f" {header} " or "/" in header or "share" in header


def _claim(source: Cell, target: Cell, k: Fraction, shown: str, agreeing: int) -> Claim:
    interval = source.operand.scale(k)
    computed = Value(source.written * k, interval, unit_table().dimensionless, True)
    source_text = literal_text(source.lit, source.where)
    names = [_header(cell) for cell in (source, target)]
    return Claim(
        "formula",
        target.lit,
        target.where,
        computed=computed,
        derivation=f"{source_text} (line {source.line}) × {shown}",
        assumption=(
            f"the other {agreeing} rows of the table have {names[1]} = {names[0]} × {shown}"
        ),
        parts=[Related(source.line, source_text)],
    )


def _header(cell: Cell) -> str:
    info = cell.where.segment.cell
    return " ".join(info.header.split()).strip("*_ ") if info is not None else "the column"
