"""Products along table rows that the headers' units name: ``| 8 | 1.861 | 730 | 10,868.24 |``
under ``GPUs | $/h each | Hours/month | $/month``.

A column is read as the product of two or three columns to its left when the units their
headers name multiply to its own header's unit (a calendar period such as ``/month`` on both
sides cancels): the constant is the units' own, never guessed from the rows. At least two of
the factors must have a dimension (a count of GPUs or nodes may be the third), another row of
the table must hold the product to its written precision, exactly one row may break it, and no
other choice of columns may explain the rows as well. A product that is a rate per time under
a header per a calendar period (``Nodes | $/h per node | $/month``) is taken over that period,
in hours by one of its conventions (730, 720 or 744 a month) that the agreeing rows hold, when
the table states no hours of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import combinations

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.claims.sums import HEADER_UNIT_SUFFIX, header_unit_text
from speclint.claims.table_rows import Cell, each_table, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.vocabulary import DEVICE_NOUNS, PERIOD_WORDS
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import format_readable
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import Unit, unit_table

#: Rows besides the one reported that must hold the product.
MIN_AGREEING_ROWS = 1
#: Nouns a column of counts is headed with (``GPUs``, ``Nodes``): a factor without dimension.
COUNT_NOUNS = DEVICE_NOUNS | frozenset(
    "node server instance replica machine host pod shard worker vm".split()
)
#: Words after a header's unit that name no unit (``$/h each``).
_FILLER = frozenset({"each", "per", "unit"})
#: Adjectives that make a header's figures per a calendar period (``Monthly cost``).
_PERIOD_ADJECTIVES = {
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annual": "year",
}
#: Things a count column may count that only a column of their size multiplies (``items``
#: beside ``bytes per item``), not devices.
_COUNTED_THINGS = frozenset(
    "row item record event message object key file document request chunk vector".split()
)
#: A slash spaced between a unit and what it is per (``GB / month``).
_SPACED_SLASH = re.compile(r"\s+/\s+")


@dataclass(frozen=True)
class HeaderUnit:
    """What a column header says its cells are: a unit (``None`` for a count), per a calendar
    period or not."""

    unit: Unit | None
    period: str = ""
    #: What a count column counts, singular (``row`` of ``rows/day``), when its header says.
    counts: str = ""
    #: The header's words, lower case (``row size (b)``).
    label: str = ""

    @property
    def dimensional(self) -> bool:
        return self.unit is not None and any(self.unit.dims)

    @property
    def factor(self) -> Fraction:
        return self.unit.factor if self.unit is not None else Fraction(1)


def header_unit(header: str) -> HeaderUnit | None:
    """The unit a header names (``$/h each``, ``Hours/month``, ``Cost ($/month)``, ``GPUs``,
    ``Egress GB / month``, ``Monthly cost ($)``, ``GB/day (1 replica, uncompressed)``);
    ``None`` when it names none that is sure."""
    plain = " ".join(header.split()).strip("*_ ")
    found = _header_unit_in(plain, header_unit_text(plain))
    if found is None:
        bare = HEADER_UNIT_SUFFIX.sub("", plain)  # an aside in brackets that names no unit
        found = _header_unit_in(plain, bare) if bare != plain else None
    if found is None:
        return None
    return replace(found, label=plain.lower())


def _header_unit_in(header: str, text: str) -> HeaderUnit | None:
    """The unit ``text``, the part of ``header`` that may name it, names."""
    text = _SPACED_SLASH.sub("/", text)
    words = text.split()
    while len(words) > 1 and words[-1].lower() in _FILLER:
        words.pop()
    adjective = header_period(header)
    if adjective:
        words = [w for w in words if w.lower() not in _PERIOD_ADJECTIVES]
    if len(words) > 1 and _named_after_words(words):
        words = words[-1:]  # "Egress GB/month": what the words before it name is no unit
    found = _header_unit_of(words)
    if found is None or not adjective or found.period:
        return found
    return replace(found, period=adjective)


def header_period(header: str) -> str:
    """The calendar period a header's adjective names (``Monthly cost``: month), or ""."""
    for word in header.lower().split():
        period = _PERIOD_ADJECTIVES.get(word.strip("*_()"))
        if period:
            return period
    return ""


def _named_after_words(words: list[str]) -> bool:
    """Whether the last word is a unit (no count) and the words before it are words, none a
    unit or a number."""
    *before, last = words
    numerator = _unit(last.partition("/")[0])
    if numerator is None or last.rstrip("s").lower() in COUNT_NOUNS:
        return False
    return all(w.isalpha() and _unit(w) is None for w in before)


def _header_unit_of(words: list[str]) -> HeaderUnit | None:
    one_of = len(words) == 3 and words[1].lower() == "per"
    if one_of and ("/" in words[0] or words[2].lower().rstrip("s") in _COUNTED_THINGS):
        words = words[:1]  # "$/h per node", "bytes per item": one counted thing's
    if len(words) != 1:
        return None
    numerator, _, denominator = words[0].partition("/")
    period = ""
    per: Unit | None = None
    if denominator:
        if denominator.lower() in PERIOD_WORDS:
            period = denominator.lower()
        else:
            per = _unit(denominator)
            if per is None:
                return None
    noun = numerator.lower().rstrip("s")
    if noun in COUNT_NOUNS and not denominator:
        return HeaderUnit(None, counts=noun)
    if noun in _COUNTED_THINGS and (not denominator or period):
        return HeaderUnit(None, period, counts=noun)  # "rows/day", "items"
    unit = _unit(numerator)
    if unit is None:
        return None
    return HeaderUnit(unit.per(per) if per is not None else unit, period)


def _unit(text: str) -> Unit | None:
    table = unit_table()
    return table.lookup(text) or table.lookup(text.lower())


def header_product_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a cell is the product of cells to its left on its row that the headers'
    units name, where another row holds that product and exactly one row breaks it."""
    return each_table(doc, scanned, tolerance, _table_claims)


@dataclass(frozen=True)
class _Product:
    """Columns whose product a column is, the units' constant, and the hours of a calendar
    period the product is taken over (``Nodes × $/h`` over a month of 730 h), if any."""

    factors: tuple[int, ...]
    constant: Fraction
    hours: int = 0
    period: str = ""


def _table_claims(
    doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance
) -> list[Claim]:
    rows = read_rows(doc, cells, tolerance)
    units = _column_units(rows)
    claims = []
    for target, unit in units.items():
        if not unit.dimensional:
            continue
        products = _products(units, target)
        if any(_offs(rows, product, target) == [] for product in products):
            continue  # columns that multiply to it on every row: the column is right
        readings = [
            reading
            for product in products
            if (reading := _reading(rows, product, target)) is not None
        ]
        deviants = {id(row[target].where) for row, _, _ in readings}
        if len(deviants) != 1:
            continue  # no reading, or readings that blame different rows
        row, product, agreeing = readings[0]
        claims.append(_claim(row, product, target, agreeing, tolerance))
    return claims


def _column_units(rows: dict[int, dict[int, Cell]]) -> dict[int, HeaderUnit]:
    """The unit each column's header names, for columns whose cells are all bare or in it (or
    the one unit all its cells write, under a header that names none)."""
    units: dict[int, HeaderUnit] = {}
    for col in sorted({col for row in rows.values() for col in row if col > 0}):
        column = [row[col] for row in rows.values() if col in row]
        info = column[0].where.segment.cell
        unit = header_unit(info.header) if info is not None else None
        if unit is None:
            unit = _cells_unit(column)  # "Total" over "$6,891", "$8,168"
            period = header_period(info.header) if info is not None else ""
            if unit is not None and period and not unit.period:
                unit = HeaderUnit(unit.unit, period)  # "Monthly cost" over "$13,437"
        if unit is not None and all(_in_header_unit(cell, unit) for cell in column):
            units[col] = unit
    return units


def _cells_unit(column: list[Cell]) -> HeaderUnit | None:
    """The one unit every cell of a column writes (not a percentage), when its header names
    none."""
    found = {(cell.lit.unit.text, cell.lit.unit.factor) for cell in column if cell.lit.unit}
    first = column[0].lit.unit
    if len(found) != 1 or first is None or first.kind == "percent":
        return None
    return HeaderUnit(first) if all(cell.lit.unit is not None for cell in column) else None


def _in_header_unit(cell: Cell, unit: HeaderUnit) -> bool:
    """A bare cell, or one written in the unit (or the price sign) its header names."""
    own = cell.lit.unit
    if own is None:
        return True
    if unit.unit is None:
        return False
    if own.text == unit.unit.text:
        return own.factor == unit.unit.factor
    numerator = _unit(unit.unit.text.split("/")[0])
    return numerator is not None and (own.text, own.factor) == (numerator.text, numerator.factor)


#: Hours of each calendar period a header may be per, by convention (a month of 730 h, the
#: price lists' own, or of 30 or 31 days).
PERIOD_HOURS: dict[str, tuple[int, ...]] = {
    "day": (24,),
    "week": (168,),
    "month": (730, 720, 744),
    "year": (8760,),
}


def _products(units: dict[int, HeaderUnit], target: int) -> list[_Product]:
    """Sets of two or three columns left of ``target`` whose units multiply to its unit (a
    calendar period on one side only if on the other), at least two of them with a dimension;
    or whose product is a rate per time that ``target``'s period turns into its unit (``Nodes
    × $/h`` under ``$/month``), at least one with a dimension, once per convention of hours."""
    left = [col for col in units if col < target]
    whole = units[target]
    # Hours the table states itself (``Hours/month``) leave no convention to assume.
    timed = any(_dims(units[col])[1] > 0 and not any(_dims(units[col])[2:]) for col in left)
    found = []
    for size in (2, 3):
        for factors in combinations(left, size):
            chosen = [units[col] for col in factors]
            dimensional = sum(unit.dimensional for unit in chosen)
            dims = _product_dims(chosen)
            periods = sorted(unit.period for unit in chosen if unit.period)
            constant = _constant(chosen, whole)
            if dims == _dims(whole) and (dimensional >= 2 or _sized_count(chosen)):
                if periods == ([whole.period] if whole.period else []):
                    found.append(_Product(factors, constant))
            elif whole.period and not (periods or timed) and dimensional and _per_time(dims, whole):
                hours = PERIOD_HOURS.get(whole.period, ())
                found += [_Product(factors, constant * 3600 * h, h, whole.period) for h in hours]
    return found


def _sized_count(chosen: list[HeaderUnit]) -> bool:
    """A count of things and a column whose header names the size of one of them (``rows/day``
    and ``row size (B)``; ``items`` and ``bytes per item``)."""
    if len(chosen) != 2:
        return False
    counts = [unit.counts for unit in chosen if unit.counts]
    sizes = [unit.label for unit in chosen if unit.dimensional]
    if len(counts) != 1 or len(sizes) != 1 or counts[0] not in _COUNTED_THINGS:
        return False
    return re.search(rf"\b{re.escape(counts[0])}s?\b", sizes[0]) is not None


def _constant_text(constant: Fraction) -> str:
    """The units' constant as a factor of the derivation: `` ÷ 1,000,000,000`` for B in GB."""
    if constant == 1:
        return ""
    if constant < 1 and (1 / constant).denominator == 1:
        return f" ÷ {format_readable(1 / constant)}"
    return f" × {format_readable(constant)}"


def _per_time(dims: tuple[int, ...], whole: HeaderUnit) -> bool:
    """Whether ``dims`` are the whole's unit per second."""
    target = _dims(whole)
    return dims[1] == target[1] - 1 and dims[:1] + dims[2:] == target[:1] + target[2:]


def _dims(unit: HeaderUnit) -> tuple[int, ...]:
    return unit.unit.dims if unit.unit is not None else (0,) * 9


def _product_dims(units: list[HeaderUnit]) -> tuple[int, ...]:
    return tuple(sum(dims) for dims in zip(*(_dims(unit) for unit in units), strict=True))


def _constant(factors: list[HeaderUnit], whole: HeaderUnit) -> Fraction:
    """The units' conversion: the product of the factors' units in the whole's unit."""
    product = Fraction(1)
    for unit in factors:
        product *= unit.factor
    return product / whole.factor


def _reading(
    rows: dict[int, dict[int, Cell]], product: _Product, target: int
) -> tuple[dict[int, Cell], _Product, int] | None:
    """(the one row off, the product, the rows that agree) when exactly one row breaks the
    product and at least ``MIN_AGREEING_ROWS`` others hold it."""
    off = _offs(rows, product, target)
    full = _full_rows(rows, product.factors, target)
    if off is None or len(off) != 1 or len(full) - 1 < MIN_AGREEING_ROWS:
        return None
    return off[0], product, len(full) - 1


def _full_rows(
    rows: dict[int, dict[int, Cell]], factors: tuple[int, ...], target: int
) -> list[dict[int, Cell]]:
    return [row for row in rows.values() if target in row and all(col in row for col in factors)]


def _offs(
    rows: dict[int, dict[int, Cell]], product: _Product, target: int
) -> list[dict[int, Cell]] | None:
    """The rows that break the product (``None`` when fewer than two rows hold all its cells)."""
    full = _full_rows(rows, product.factors, target)
    if len(full) < 2:
        return None
    return [row for row in full if not _holds(row, product, target)]


def _operands(row: dict[int, Cell], factors: tuple[int, ...], constant: Fraction) -> Interval:
    product = Interval.point(constant)
    for col in factors:
        product = product * row[col].operand
    return product


def _holds(row: dict[int, Cell], product: _Product, target: int) -> bool:
    return _operands(row, product.factors, product.constant).overlaps(row[target].result)


def _claim(
    row: dict[int, Cell], product: _Product, target: int, agreeing: int, tolerance: Tolerance
) -> Claim:
    cell = row[target]
    factors, constant = product.factors, product.constant
    stated = literal_value(cell.lit, stated=True, tolerance=tolerance)
    written = cell.lit.number.value
    factor = stated.point / written if written else Fraction(1)
    scale = cell.lit.scale.factor if cell.lit.scale is not None else Fraction(1)
    point = constant
    for col in factors:
        point *= row[col].written
    interval = _operands(row, factors, constant).scale(factor / scale)
    computed = Value(point * factor / scale, interval, stated.dims, stated.bare)
    texts = [literal_text(row[col].lit, row[col].where) for col in factors]
    names = [_header(row[col]) for col in (*factors, target)]
    if product.hours:
        shown = f" × {product.hours:,} h"
        names.insert(-1, f"{product.hours:,} h a {product.period}")
    else:
        shown = _constant_text(constant)
    return Claim(
        "formula",
        cell.lit,
        cell.where,
        computed=computed,
        derivation=" × ".join(
            f"{text} (line {row[col].line})" for text, col in zip(texts, factors, strict=True)
        )
        + shown,
        assumption=(
            f"the headers' units make {names[-1]} = {' × '.join(names[:-1])}, as "
            + (
                "the table's other row shows"
                if agreeing == 1
                else f"its other {agreeing} rows show"
            )
        ),
        parts=[Related(row[col].line, text) for text, col in zip(texts, factors, strict=True)],
    )


def _header(cell: Cell) -> str:
    info = cell.where.segment.cell
    return " ".join(info.header.split()).strip("*_ ") if info is not None else "the column"
