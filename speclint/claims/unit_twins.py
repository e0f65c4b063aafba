"""The same figure written with a decimal and a binary prefix in two places: a cell prints
``weights per GPU: 36.35 GB`` and the prose goes on ``each GPU holds 36.35 GiB``. Four or more
significant digits alike are no coincidence: the later figure restates the earlier one in the
other unit, and is checked as that restatement (the GB vs GiB slip, when only the prefix
differs).

A figure written rounded (``Per 1M-token sequence that is 60.1 GiB of KV`` after a table row
``| 1M | 1,048,576 | 60.13 GB |``) restates a table cell when its digits are that cell's
rounded (three significant digits at least), its sentence names the cell's row by its label,
and exactly one such cell answers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from fractions import Fraction
from math import floor

from speclint.claims.model import Claim, Scanned, quantity_text
from speclint.claims.sums import TOTAL_LABEL
from speclint.document import Document, Related
from speclint.formula.expr import Lit, literals

#: Significant digits two figures must share to be one figure written twice (integers one
#: more).
MIN_DIGITS = 4
#: Significant digits a rounded restatement of a table cell must keep.
MIN_ROUNDED_DIGITS = 3


def unit_twin_claims(
    document: Document,
    scanned: list[Scanned],
    judged: Collection[int] = (),
    refuted: Collection[int] = (),
    confirmed: Collection[int] = (),
) -> list[Claim]:
    """A restatement claim for each later figure whose digits an earlier one wrote with the
    other prefix system, in another block. A later figure its own arithmetic already decides
    (``id`` in ``judged``) is left to it, and an earlier one its arithmetic refutes (``id`` in
    ``refuted``) restates nothing. When the later figure's arithmetic holds (``confirmed``:
    ``410.06 GB / 16 = 25.63 GB`` after a cell ``25.63 GiB``), the earlier one is checked as
    its restatement instead, and the figures after it written as the later one agree."""
    first: dict[tuple[str, int], tuple[Lit, Scanned]] = {}
    settled: set[tuple[str, int]] = set()  # keys whose earlier figure a later one refutes
    claims: list[Claim] = []
    sizes = list(_sizes(scanned))
    for lit, where in sizes:
        assert lit.unit is not None
        key = (lit.number.text, lit.unit.prefix_level)
        seen = first.setdefault(key, (lit, where))  # a judged figure is still written first
        source, source_where = seen
        assert source.unit is not None
        other = source.unit.prefix_system != lit.unit.prefix_system
        if source_where.segment is where.segment or not other or key in settled:
            continue  # "36.35 GB (33.85 GiB)": the block reads its own restatements
        if id(lit) in confirmed and id(source) not in judged:
            claims.append(_restatement(document, source, source_where, lit, where))
            settled.add(key)
        if id(lit) in judged or id(source) in refuted:
            continue
        claims.append(_restatement(document, lit, where, source, source_where))
    twins = {id(c.stated) for c in claims}
    for lit, where, source, source_where in (
        *_rounded_cells(scanned, sizes),
        *_said_converted(document, scanned),
    ):
        if id(lit) not in judged and id(lit) not in twins and id(source) not in refuted:
            twins.add(id(lit))
            claims.append(_restatement(document, lit, where, source, source_where))
    return claims


#: A sentence that says its figure is the one before in other units: ``In binary units the
#: checkpoint is 17.2 GiB``, ``… is 14.96 GiB in IEC units``, ``the panel, which uses binary
#: units, shows 26.75 TiB``.
_IN_OTHER_UNITS = re.compile(
    r"\b(?:in|uses?|using|with|shows?)\s+(?P<system>binary|decimal|SI|IEC)\s+(?:units|prefixes)\b",
    re.I,
)
#: Words one of which a sentence that names a prefix system holds.
_SYSTEM_WORDS = ("binary", "decimal", "Binary", "Decimal", "SI ", "IEC")
#: The prefix system each word names.
_SYSTEMS = {"binary": "binary", "iec": "binary", "decimal": "decimal", "si": "decimal"}
#: How many blocks before the sentence its source may be written.
_SOURCE_BLOCKS = 3


def _said_converted(
    document: Document, scanned: list[Scanned]
) -> Iterator[tuple[Lit, Scanned, Lit, Scanned]]:
    """(figure, its segment, source, its segment) for each paragraph whose one size is said
    to be in the other units: the source is the last size written before it, a few blocks up,
    in the other prefix system."""
    source = document.source
    if not any(word in source for word in _SYSTEM_WORDS) or not _IN_OTHER_UNITS.search(source):
        return  # a substring test first: the pattern's search costs a pass of its own
    before: list[tuple[Lit, Scanned]] = []
    for where in scanned:
        sizes = [lit for lit in _lits(where) if _size(lit)]
        said = _IN_OTHER_UNITS.search(where.text) if where.segment.kind == "paragraph" else None
        unit = sizes[0].unit if len(sizes) == 1 else None
        if said is not None and unit is not None:
            lit, system = sizes[0], _SYSTEMS[said.group("system").lower()]
            found = [
                (source, source_where)
                for source, source_where in before
                if source.unit is not None
                and source.unit.prefix_system not in ("", system)
                and source.unit.dims == unit.dims
                and unit.prefix_system == system
                and where.segment.block - source_where.segment.block <= _SOURCE_BLOCKS
            ]
            if found:
                yield lit, where, *found[-1]
        before += [(lit, where) for lit in sizes]


def _lits(where: Scanned) -> Iterator[Lit]:
    for chain in where.result.chains:
        for expr in chain.exprs:
            yield from literals(expr)


def _size(lit: Lit) -> bool:
    """A plain byte size with a prefix."""
    unit = lit.unit
    if unit is None or unit.kind != "bytes" or not unit.prefix_system or not unit.prefix_level:
        return False
    return not (lit.is_range or lit.bound or lit.per or lit.plus_minus is not None)


def _restatement(
    document: Document, lit: Lit, where: Scanned, source: Lit, source_where: Scanned
) -> Claim:
    """The claim that ``lit`` restates ``source`` in the other prefix system."""
    line = document.position(source_where.offsets[source.num_start])[0]
    text = quantity_text(source, source_where)
    return Claim(
        "conversion",
        lit,
        where,
        formula=source,
        formula_where=source_where,
        derivation=f"{text} (line {line})",
        parts=[Related(line, source_where.text.strip()[:120])],
        assumption=f"the same figure as {text} on line {line}, in other units",
    )


def _rounded_cells(
    scanned: list[Scanned], sizes: list[tuple[Lit, Scanned]]
) -> Iterator[tuple[Lit, Scanned, Lit, Scanned]]:
    """(figure, its segment, cell, its segment) for each prose figure that restates exactly one
    earlier table cell rounded, with the other prefix system, in a sentence naming its row."""
    labels = {
        (cell.table, cell.row): where.text.strip(" *_`")
        for where in scanned
        if (cell := where.segment.cell) is not None and cell.col == 0 and not cell.is_header
    }
    cells = [(lit, where) for lit, where in sizes if where.segment.cell is not None]
    if not cells:
        return
    for where in scanned:
        if where.segment.cell is not None:
            continue
        for lit in (
            lit for chain in where.result.chains for e in chain.exprs for lit in literals(e)
        ):
            if not _rounded_size(lit):
                continue
            found = [
                (cell, cell_where)
                for cell, cell_where in cells
                if cell_where.offsets[0] < where.offsets[0]
                and _rounds_to(cell, lit)
                and _names_row(_sentence(where.text, lit), labels, cell_where)
            ]
            if len(found) == 1:
                yield lit, where, *found[0]


def _rounded_size(lit: Lit) -> bool:
    """A byte size with a prefix, written with decimals and three significant digits or more."""
    unit, number = lit.unit, lit.number
    if unit is None or unit.kind != "bytes" or not unit.prefix_system or not unit.prefix_level:
        return False
    if lit.is_range or lit.bound or lit.per or lit.plus_minus is not None or not number.decimals:
        return False
    return len(number.digits.lstrip("0")) >= MIN_ROUNDED_DIGITS


def _rounds_to(cell: Lit, lit: Lit) -> bool:
    """The cell, in the other prefix system at the same level, rounds to the figure's digits."""
    assert cell.unit is not None and lit.unit is not None
    if cell.unit.prefix_system == lit.unit.prefix_system:
        return False
    if cell.unit.prefix_level != lit.unit.prefix_level or cell.unit.dims != lit.unit.dims:
        return False
    if cell.number.decimals <= lit.number.decimals:
        return False
    scale = 10**lit.number.decimals
    rounded = Fraction(floor(Fraction(cell.number.value) * scale + Fraction(1, 2)), scale)
    return rounded == Fraction(lit.number.value)


def _sentence(text: str, lit: Lit) -> str:
    """The sentence around a figure: from the last full stop before it to the next one."""
    start = text.rfind(". ", 0, lit.start) + 1
    end = text.find(". ", lit.end)
    return text[start : end if end >= 0 else len(text)]


def _names_row(text: str, labels: dict[tuple[int, int], str], cell_where: Scanned) -> bool:
    """The sentence holds the label of the cell's row as a word (``1M`` in ``1M-token``)."""
    cell = cell_where.segment.cell
    assert cell is not None
    label = labels.get((cell.table, cell.row), "")
    if not label or len(label) > 40 or TOTAL_LABEL.search(label):
        return False
    return re.search(rf"(?<![\w.]){re.escape(label)}(?![\w.])", text) is not None


def _sizes(scanned: list[Scanned]) -> Iterator[tuple[Lit, Scanned]]:
    """Every plain byte size with a prefix and enough digits, in document order."""
    for where in scanned:
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    if _precise_size(lit):
                        yield lit, where


def _precise_size(lit: Lit) -> bool:
    unit, number = lit.unit, lit.number
    if unit is None or unit.kind != "bytes" or not unit.prefix_system or not unit.prefix_level:
        return False
    if lit.is_range or lit.bound or lit.per or lit.approx or lit.plus_minus is not None:
        return False
    significant = len(number.digits.lstrip("0").rstrip("0"))
    if number.is_plain_integer:
        # "4096 MiB" and "4096 MB" may be two settings; a power of two is no figure's fingerprint
        value = int(number.value)
        return significant > MIN_DIGITS and value & (value - 1) != 0
    return significant >= MIN_DIGITS
