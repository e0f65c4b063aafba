"""Table columns a note writes as a formula of other columns and constants: under ``| tier |
KV pool | tokens it holds |``, the note ``(Tokens = pool / 327,680 B)`` says how each row's
``tokens it holds`` cell follows from its ``KV pool`` cell, so a row whose cell is not that
value is a slip.

Read when the note is ``Name = formula`` in the table's section, the name and every symbol of
the formula each name exactly one column of that table (their words, in order, in its header
without the unit in parentheses; a plural ``s`` aside), and the formula evaluates on each row
in units: the cells' own or their header's, and the constants' as written. The rows are the
evidence that the note means these columns: at least two must hold within their written
precision, and more rows must hold than break it. Each row that breaks it is claimed to be its
row's formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speclint.claims.model import Claim, Scanned, formula_text, literal_text
from speclint.claims.sums import HEADER_UNIT_SUFFIX, _header_unit, _with_header_unit
from speclint.claims.table_rows import Cell, body_cells, read_cell, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import Chain, Node, has_operator, idents, span, strip_groups
from speclint.formula.lexer import LexTimeout, tokenize
from speclint.formula.parser import scan
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: Rows that must hold the note's formula before any row is read as breaking it.
MIN_HOLDING_ROWS = 2
#: ``Tokens =`` right before a formula, after a clause boundary (or the start of the note).
_TARGET = re.compile(r"(?:^|[(;:,.]\s*|\band\s+)([A-Za-z][A-Za-z0-9 _/-]{0,40}?)\s*=\s*$")
#: An aside in parentheses at the end of a formula (``4 bytes (fp32 weights)``).
_ASIDE = re.compile(r"\s*\([^()]*\)$")
#: The words of a name or header.
_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class _Note:
    """``Name = formula`` written in a paragraph or list item."""

    target: str
    formula: Node
    where: Scanned
    line: int


def column_formula_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A formula claim for each table cell that breaks the formula a note writes for its
    column, when the other rows hold it."""
    notes = [note for where in scanned for note in _notes(doc, where)]
    if not notes and not any(_may_hold_note(where) for where in scanned):
        return []
    claims: list[Claim] = []
    sections = _sections(doc)
    for cells in body_cells(scanned).values():
        section = _section_of(cells, sections)
        headers = _headers(cells)
        found: list[tuple[Claim, list[Cell]]] = []
        for note in [*notes, *_worded_notes(doc, scanned, notes, headers)]:
            if _section_index(note.where, sections) != section:
                continue
            columns = _columns(note, headers)
            if columns is not None:
                found += _note_claims(doc, cells, note, columns, tolerance)
        # A cell computed from a cell another note finds wrong is left to that finding.
        wrong = {id(claim.where) for claim, _ in found}
        claims += [c for c, inputs in found if not any(id(i.where) in wrong for i in inputs)]
    return claims


def _may_hold_note(where: Scanned) -> bool:
    return where.segment.cell is None and "=" in where.text


def _notes(doc: Document, where: Scanned, chains: list[Chain] | None = None) -> list[_Note]:
    """The ``Name = formula`` notes of a paragraph or list item (a formula with a symbol), in
    its chains or in ``chains`` read from its text with names joined."""
    if not _may_hold_note(where):
        return []
    found = []
    for chain in where.result.chains if chains is None else chains:
        formula = _symbolic(chain)
        if formula is None:
            continue
        start = span(formula)[0]
        match = _TARGET.search(where.text, 0, start)
        if match is not None:
            line = doc.position(where.offsets[start])[0]
            found.append(_Note(match.group(1), formula, where, line))
    return found


def _worded_notes(
    doc: Document,
    scanned: list[Scanned],
    notes: list[_Note],
    headers: dict[int, tuple[str, ...]],
) -> list[_Note]:
    """The notes that name columns in several words (``Budget spent = burn rate × long window
    / 30 days``): each run of two or more words of a header that the text writes is read as
    one symbol (its spaces read as ``_``, so every span stays where it is written)."""
    phrases = _header_phrases(headers)
    if not phrases:
        return []
    read = {id(note.where) for note in notes}
    found = []
    for where in scanned:
        if id(where) in read or not _may_hold_note(where):
            continue
        joined = phrases.sub(lambda m: m.group(0).replace(" ", "_"), where.text)
        if joined == where.text:
            continue
        try:
            chains = scan(tokenize(joined)).chains
        except LexTimeout:
            continue
        found += _notes(doc, where, chains)
    return found


def _header_phrases(headers: dict[int, tuple[str, ...]]) -> re.Pattern[str] | None:
    """Runs of two or more words of a header (a plural ``s`` aside), longest first."""
    runs = {
        header[i:j]
        for header in headers.values()
        for i in range(len(header))
        for j in range(i + 2, len(header) + 1)
    }
    if not runs:
        return None
    ordered = sorted(runs, key=len, reverse=True)
    alternatives = "|".join(r"[ ]".join(rf"{re.escape(w)}s?" for w in run) for run in ordered)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


def _symbolic(chain: Chain) -> Node | None:
    """The chain's first formula when it holds a symbol and no relation but ``=`` follows."""
    if chain.ignored or any(rel != "=" for rel in chain.relations):
        return None
    formula = strip_groups(chain.exprs[0])
    return formula if has_operator(formula) and idents(formula) else None


def _sections(doc: Document) -> list[int]:
    """Source offsets where each heading starts a section."""
    return [s.offsets[0] for s in doc.segments if s.kind == "heading" and s.offsets]


def _section_index(where: Scanned, sections: list[int]) -> int:
    start = where.offsets[0] if where.offsets else 0
    return sum(1 for heading in sections if heading <= start)


def _section_of(cells: dict[tuple[int, int], Scanned], sections: list[int]) -> int:
    start = min((where.offsets[0] for where in cells.values() if where.offsets), default=0)
    return sum(1 for heading in sections if heading <= start)


def _headers(cells: dict[tuple[int, int], Scanned]) -> dict[int, tuple[str, ...]]:
    """Each column's header words (unit in parentheses dropped), the first column's aside."""
    headers: dict[int, tuple[str, ...]] = {}
    for where in cells.values():
        info = where.segment.cell
        if info is not None and info.col > 0 and info.col not in headers:
            headers[info.col] = _words(HEADER_UNIT_SUFFIX.sub("", info.header))
    return headers


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.removesuffix("s") for word in _WORD.findall(text.lower()))


def _columns(note: _Note, headers: dict[int, tuple[str, ...]]) -> dict[str, int] | None:
    """The column each name of the note names (the target under ``""``), or None."""
    names = {"": note.target, **{ident.name: ident.name for ident in idents(note.formula)}}
    columns = {}
    for key, name in names.items():
        words = _words(name)
        named = [col for col, header in headers.items() if words and _contains(header, words)]
        if len(named) != 1:
            return None
        columns[key] = named[0]
    if len(set(columns.values())) != len(columns):
        return None
    return columns


def _contains(header: tuple[str, ...], words: tuple[str, ...]) -> bool:
    n = len(words)
    return any(header[i : i + n] == words for i in range(len(header) - n + 1))


def _note_claims(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    note: _Note,
    columns: dict[str, int],
    tolerance: Tolerance,
) -> list[tuple[Claim, list[Cell]]]:
    """Each row's claim that breaks the note, with the cells it read."""
    rows = [
        row
        for row in _with_shares(doc, cells, columns[""], tolerance)
        if all(col in row for col in columns.values())
    ]
    judged = [(row, _row_value(row, note, columns, tolerance)) for row in rows]
    if any(computed is None for _, computed in judged):
        return []  # a row the formula does not evaluate on: the note means something else
    broken = [(row, c) for row, c in judged if c is not None and not _holds(row, columns, c)]
    holding = len(judged) - len(broken)
    if holding < MIN_HOLDING_ROWS or holding <= len(broken):
        return []
    inputs = [col for name, col in columns.items() if name]
    return [
        (_claim(row, note, columns, computed, holding), [row[col] for col in inputs])
        for row, computed in broken
    ]


def _with_shares(
    doc: Document, cells: dict[tuple[int, int], Scanned], target: int, tolerance: Tolerance
) -> list[dict[int, Cell]]:
    """The table's rows, with the target column's percentages too (``Budget spent | 2 %``)."""
    rows = read_rows(doc, cells, tolerance)
    found = []
    for number, row in rows.items():
        where = cells.get((number, target))
        if target not in row and where is not None:
            share = read_cell(doc, where, tolerance, percent=True)
            row = row if share is None else {**row, target: share}
        found.append(row)
    return found


def _stated(cell: Cell, *, stated: bool, tolerance: Tolerance) -> Value:
    info = cell.where.segment.cell
    lit = _with_header_unit(cell.lit, *_header_unit(info.header)) if info is not None else cell.lit
    return literal_value(lit, stated=stated, tolerance=tolerance)


def _row_value(
    row: dict[int, Cell], note: _Note, columns: dict[str, int], tolerance: Tolerance
) -> Value | None:
    """The formula on one row's cells, in the target cell's dimension; None when it does not
    evaluate or gives another dimension."""
    symbols = {
        name: _stated(row[col], stated=False, tolerance=tolerance)
        for name, col in columns.items()
        if name
    }
    try:
        computed = Evaluator(symbols, tolerance=tolerance).evaluate(note.formula)
    except (NotEvaluable, ArithmeticError, ValueError):
        return None
    target = _stated(row[columns[""]], stated=True, tolerance=tolerance)
    return computed if computed.dims == target.dims else None


def _holds(row: dict[int, Cell], columns: dict[str, int], computed: Value) -> bool:
    target: Interval = _stated(row[columns[""]], stated=True, tolerance=DEFAULT_TOLERANCE).interval
    return computed.interval.overlaps(target)


def _claim(
    row: dict[int, Cell], note: _Note, columns: dict[str, int], computed: Value, holding: int
) -> Claim:
    cell = row[columns[""]]
    info = cell.where.segment.cell
    stated = (
        _with_header_unit(cell.lit, *_header_unit(info.header)) if info is not None else cell.lit
    )
    inputs = {
        name: literal_text(row[col].lit, row[col].where) for name, col in columns.items() if name
    }
    shown = _ASIDE.sub("", formula_text(note.where, note.formula))
    derivation = _substituted(note, inputs) + f" (line {cell.line})"
    return Claim(
        "formula",
        stated,
        cell.where,
        computed=computed,
        derivation=derivation,
        assumption=f"{note.target} = {shown} (line {note.line}), as the other {holding} rows hold",
        parts=[
            Related(row[col].line, text)
            for text, col in zip(inputs.values(), [columns[n] for n in inputs], strict=True)
        ],
    )


def _substituted(note: _Note, inputs: dict[str, str]) -> str:
    """The note's formula with each symbol replaced by its row's cell as written."""
    start, end = span(note.formula)
    text = note.where.text
    pieces, at = [], start
    for ident in sorted(idents(note.formula), key=lambda i: i.start):
        pieces += [text[at : ident.start], inputs[ident.name]]
        at = ident.end
    pieces.append(text[at:end])
    return _ASIDE.sub("", " ".join("".join(pieces).split()))
