"""A table row's share of the table's **Total** row in one column, the row named by the
sentence: under ``| Code review | … | 3.10M |`` … ``| **Total** | … | 12.40M |`` (column
``Output tokens``), the prose ``The code-review suite is the heaviest: it is 25 % of all output
tokens`` is the Code review cell ÷ the Total cell of that column.

Read only when a verb of being or making up comes right before the percentage (``it is``,
``accounts for``) and it is followed by ``% of all``, ``% of the [total]`` or ``% of
total`` and words that are a phrase of exactly one column header (the longest such phrase of
up to three words), the table has one **Total** row, and the sentence before the percentage
names exactly one body row: a word of the sentence is a word of that row's label that no
other label has (``long-form`` and ``long-form`` alike, or a shortening: ``doc`` for
``document``, part by part of a hyphenated word), and states no figure of its own but the
row's cell (``288 H100s, which is 75 %`` is a share of 288). Exactly one table must read so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from speclint.claims.model import Claim, Scanned
from speclint.claims.sums import MONEY_HEADER, TOTAL_LABEL, cell_value
from speclint.claims.table_rows import Cell, body_cells, read_cell, read_rows
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_re
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import format_readable
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: Words for money spent: ``% of the daily spend`` (a budget or a bill may be another whole).
_MONEY_WORDS = frozenset("spend spending cost costs outlay".split())
#: After the percentage's number: ``% of all input tokens``, ``% of the total output tokens``.
_OF_ALL = lazy_re(
    r"\s*%\s+of\s+(?:all\s+(?:the\s+)?|the\s+(?:total\s+)?|total\s+)"
    r"(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})",
    re.IGNORECASE,
)
#: Right before the percentage: a verb that makes it a share of the whole (``it is``, ``makes
#: up``), not a rate of something (``fails on 2 % of all requests``).
_SHARE_VERB = lazy_re(
    r"\b(?:is|are|was|were|makes?\s+up|made\s+up|accounts?\s+for|accounted\s+for|"
    r"represents?|represented)\s+(?:only\s+|just\s+|about\s+|roughly\s+|nearly\s+|almost\s+|"
    r"some\s+|[~≈]\s*)?$",
    re.IGNORECASE,
)
#: Where a sentence ends: its stop and the space after it, before a capital.
_SENTENCE_END = lazy_re(r"[.!?]\s+(?=[A-Z])")
#: A word of a label or a sentence (hyphenated words are one word).
_WORD = lazy_re(r"[A-Za-z0-9][\w@.-]*[\w@]|[A-Za-z]")
#: Words of a sentence that name nothing (``all`` is no shortening of ``allreduce``).
_FUNCTION_WORDS = frozenset(
    "the all and for with its this that these those are was were one our per out not but "
    "from into over than then they them their there here has have had any each every".split()
)
#: Decoration around a label: bold, italics, code.
_DECORATION = "*_` "


class RowTable:
    """One table's body rows by label, its Total row and the headers of its columns."""

    def __init__(self, doc: Document, cells: dict[tuple[int, int], Scanned], tolerance: Tolerance):
        self.rows = read_rows(doc, cells, tolerance)
        self.labels: dict[int, str] = {}
        self.headers: dict[int, str] = {}
        self.total: dict[int, Cell] = {}
        self.line = 0
        self.heading: set[str] = set()
        totals = set()
        for (row, col), where in cells.items():
            info = where.segment.cell
            if info is not None:
                self.headers[col] = info.header.strip(_DECORATION).lower()
                section = where.segment.section
                self.heading = _words(section[-1]) if section else set()
            self.line = max(self.line, doc.position(where.offsets[0])[0] if where.offsets else 0)
            if col == 0:
                label = where.text.strip(_DECORATION)
                if TOTAL_LABEL.search(label):
                    totals.add(row)
                else:
                    self.labels[row] = label
        if len(totals) == 1:
            row = totals.pop()
            for (r, col), where in cells.items():
                cell = read_cell(doc, where, tolerance) if r == row and col else None
                if cell is not None:
                    self.total[col] = cell

    def column(self, words: list[str], *, leading: bool = False) -> int | None:
        """The one column whose header holds the longest phrase of ``words`` (``leading``: that
        starts them, as in a sentence's ``% of the block parameters`` the word before the
        header's narrows the whole to another than the column's Total); else, when the table's
        heading holds every word (``% of the colo bill`` under ``Monthly colo bill``), the one
        column its Total row fills."""
        phrases = [
            words[i : i + n]
            for n in range(len(words), 0, -1)
            for i in range(1 if leading else len(words) - n + 1)
        ]
        for part in phrases:
            phrase = " ".join(_singular(w.lower()) for w in part)
            found = [
                col
                for col, header in self.headers.items()
                if col and re.search(rf"(?<!\w){re.escape(phrase)}s?(?!\w)", _singulars(header))
            ]
            totalled = [col for col in found if col in self.total]
            if len(found) == 1 or len(totalled) == 1:
                return found[0] if len(found) == 1 else totalled[0]  # a share of a Total
            if found:
                return None  # the phrase is in several headers: which one is not sure
        named = bool(words) and {_singular(w.lower()) for w in words} <= self.heading
        if named and len(self.total) == 1:
            return next(iter(self.total))
        # "% of the daily spend": the one money column the Total row fills
        money = [col for col in self.total if MONEY_HEADER.search(self.headers.get(col, ""))]
        spent = any(w.lower() in _MONEY_WORDS for w in words)
        return money[0] if spent and len(money) == 1 else None

    def share_claim(self, where: Scanned, pct: Lit, part: Cell, col: int) -> Claim | None:
        """The claim that ``pct`` is ``part``'s share of the column's whole: its Total row, or
        the sum of its rows when the Total row does not state that sum (a wrong Total is
        reported as a sum; the share is read against what the rows add up to)."""
        whole = self.total[col]
        cells = [cells[col] for cells in self.rows.values() if col in cells]
        lo = sum((_scaled(c, c.result.lo) for c in cells), Fraction(0))
        hi = sum((_scaled(c, c.result.hi) for c in cells), Fraction(0))
        total = (_scaled(whole, whole.result.lo), _scaled(whole, whole.result.hi))
        if len(cells) < 2 or (total[0] <= hi and lo <= total[1]) or lo <= 0:
            return cell_share_claim(where, pct, part, whole)
        of_total = cell_share_claim(where, pct, part, whole)
        if _share_fits(of_total, pct):
            return of_total  # the Total counts detail rows once ("per layer" beside "28 layers")
        point = sum((c.written for c in cells), Fraction(0))
        share = Interval(_scaled(part, part.result.lo) / hi, _scaled(part, part.result.hi) / lo)
        part_text = " ".join(part.where.text.split())
        lines = f"lines {min(c.line for c in cells)}–{max(c.line for c in cells)}"
        return Claim(
            "percentage",
            pct,
            where,
            computed=Value(part.written / point, share, unit_table().dimensionless, False),
            derivation=f"{part_text} (line {part.line}) / {format_readable(point)} (the rows' sum)",
            assumption=f"the Total row (line {whole.line}) is not the sum of {lines}",
            parts=[Related(part.line, part_text), Related(whole.line, whole.where.text.strip())],
        )

    def named_row(self, sentence: str) -> int | None:
        """The one body row a word of the sentence names by a word only its label has."""
        named = self.named_rows(sentence)
        return named.pop() if len(named) == 1 else None

    def named_rows(self, sentence: str) -> set[int]:
        """The body rows a word of the sentence names by a word only their label has."""
        words = {row: _words(label) for row, label in self.labels.items()}
        counts: dict[str, int] = {}
        for found in words.values():
            for word in found:
                counts[word] = counts.get(word, 0) + 1
        said = _words(sentence) - _FUNCTION_WORDS
        return {
            row
            for row, found in words.items()
            if any(counts[w] == 1 and any(_same_word(w, s) for s in said) for w in found)
        }


def row_total_share_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A percentage claim for each share of a table's Total row that a sentence gives a row."""
    found = [(where, *share) for where in scanned for share in _shares(where)]
    if not found:
        return []
    tables = [RowTable(doc, cells, tolerance) for cells in body_cells(scanned).values()]
    tables = [table for table in tables if table.total]
    claims = []
    for where, lit, match in found:
        line = doc.position(where.offsets[lit.num_start])[0]
        breaks = [m.end() for m in _SENTENCE_END.finditer(where.text, 0, lit.start)]
        start = breaks[-1] if breaks else 0
        sentence = where.text[start : lit.start]
        words = match.group("words").split()
        read = []
        for table in tables:
            if table.line >= line:
                continue  # the table the sentence reads comes before it
            col, row = table.column(words, leading=True), table.named_row(sentence)
            if col is None or row is None:
                continue
            part, whole = table.rows.get(row, {}).get(col), table.total.get(col)
            if part is not None and whole is not None and not _own_part(where, start, lit, part):
                read.append(table.share_claim(where, lit, part, col))
        if len(read) == 1 and read[0] is not None:
            claims.append(read[0])
    return claims


#: A share column's header: ``Share of input tokens``, ``Share of all GPU-hours``.
_SHARE_HEADER = lazy_re(
    r"^\s*share\s+of\s+(?:all\s+(?:the\s+)?|the\s+(?:total\s+)?|total\s+)?"
    r"(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})",
    re.IGNORECASE,
)


def share_column_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """A share table's rows (``| Internal RAG-QA | 45.6 % |`` under ``Share of input tokens``)
    as shares of an earlier table's Total row: the row its label names, in the column its
    header names, as a sentence's share is read."""
    if "hare of" not in doc.source and "HARE OF" not in doc.source:
        return []  # no "Share of …" header or lead-in: nothing to read
    cells_of = body_cells(scanned)
    tables = {key: RowTable(doc, cells, tolerance) for key, cells in cells_of.items()}
    with_total = [t for t in tables.values() if t.total]
    if not with_total:
        return []
    claims = []
    for words, label, pct, where, line in _named_shares(doc, scanned, tables):
        read = [
            other.share_claim(where, pct, part, at)
            for other in with_total
            if other.line < line
            and (at := other.column(words)) is not None
            and at in other.total
            and (named := other.named_row(label)) is not None
            and (part := other.rows.get(named, {}).get(at)) is not None
        ]
        if len(read) == 1 and read[0] is not None:
            claims.append(read[0])
    return claims


def _named_shares(
    doc: Document, scanned: list[Scanned], tables: dict[int, RowTable]
) -> Iterator[tuple[list[str], str, Lit, Scanned, int]]:
    """(whole's words, row label, share, its segment, line) of each share a table's ``Share
    of …`` column or a list under a ``Share of … by tier:`` lead-in gives a named row."""
    for key, cells in body_cells(scanned).items():
        table = tables[key]
        for col, header in table.headers.items():
            match = _SHARE_HEADER.match(header) if col else None
            if match is None or table.column(_whole_words(match)) not in (None, col):
                continue  # no share header, or the whole is its own table's column
            for (row, c), where in cells.items():
                pct = cell_value(where) if c == col else None
                label = table.labels.get(row, "")
                if isinstance(pct, Lit) and pct.is_percent and label:
                    line = doc.position(where.offsets[pct.num_start])[0]
                    yield _whole_words(match), label, pct, where, line
    leads: dict[int, re.Match[str] | None] = {}
    for where in scanned:
        item = where.segment.item
        if where.segment.kind != "paragraph" or item is None or not where.offsets:
            continue
        if item.index == 0:
            leads[item.list_id] = _lead_in(doc, doc.position(where.offsets[0])[0])
        lead = leads.get(item.list_id)
        label, colon, _ = where.text.partition(":")
        lits = [lit for chain in where.result.chains for e in chain.exprs for lit in literals(e)]
        if lead is None or not colon or len(lits) != 1 or not lits[0].is_percent:
            continue
        line = doc.position(where.offsets[lits[0].num_start])[0]
        yield _whole_words(lead), label.strip(" *_`"), lits[0], where, line


def _lead_in(doc: Document, line: int) -> re.Match[str] | None:
    """``Share of committed TPM by tier:`` on the line before a list (or one blank line up)."""
    for above in (line - 1, line - 2):
        text = doc.line_text(above).strip() if above > 0 else ""
        if text:
            return _SHARE_HEADER.match(text) if text.endswith(":") else None
    return None


def _whole_words(match: re.Match[str]) -> list[str]:
    """The whole's words of a ``Share of`` header, up to ``by``/``per``: ``committed TPM``."""
    words = match.group("words").split()
    stops = [n for n, w in enumerate(words) if w.lower() in ("by", "per", "across", "for")]
    return words[: stops[0]] if stops else words


def _own_part(where: Scanned, start: int, pct: Lit, part: Cell) -> bool:
    """The sentence states the part itself, and it is not the row's cell (``add up to 288
    H100s, which is 75 % of the pool``): the share is of that figure, not of the row's."""
    written = part.lit.number.value
    return any(
        start <= lit.start < pct.start and lit.number.value != written
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
    )


def _shares(where: Scanned) -> list[tuple[Lit, re.Match[str]]]:
    if where.segment.kind != "paragraph" or "%" not in where.text:
        return []
    out = []
    for chain in where.result.chains:
        for lit in (lit for expr in chain.exprs for lit in literals(expr)):
            if not lit.is_percent or lit.is_range or lit.bound:
                continue
            match = _OF_ALL.match(where.text, lit.num_end)
            if match is not None and _SHARE_VERB.search(where.text, 0, lit.start):
                out.append((lit, match))
    return out


def _words(text: str) -> set[str]:
    """The words of a text, lower case and singular; numbers alone are no name."""
    return {_singular(w.lower()) for w in _WORD.findall(text) if not w.replace(".", "").isdigit()}


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _singulars(text: str) -> str:
    return " ".join(_singular(w) for w in text.split())


def _same_word(label: str, said: str) -> bool:
    """``long-doc`` and ``long-document``: the same word, or a shortening of it part by part
    (each shortened part three letters at least)."""
    if label == said:
        return True
    a, b = label.split("-"), said.split("-")
    if len(a) != len(b):
        return False
    return all(
        p == q or (min(len(p), len(q)) >= 3 and (p.startswith(q) or q.startswith(p)))
        for p, q in zip(a, b, strict=True)
    )


def _share_fits(claim: Claim, pct: Lit) -> bool:
    """Whether the claim's share is the percentage as written, to its precision."""
    assert claim.computed is not None
    stated = literal_value(pct, stated=True)
    return claim.computed.interval.overlaps(stated.interval)


def cell_share_claim(where: Scanned, pct: Lit, part: Cell, whole: Cell) -> Claim:
    """The claim that ``pct`` is one table cell's share of another, to their written
    precision."""
    share = Fraction(part.written) / Fraction(whole.written)
    low = _scaled(part, part.result.lo) / _scaled(whole, whole.result.hi)
    high = _scaled(part, part.result.hi) / _scaled(whole, whole.result.lo)
    part_text = " ".join(part.where.text.split())
    whole_text = " ".join(whole.where.text.split())
    return Claim(
        "percentage",
        pct,
        where,
        computed=Value(share, Interval(low, high), unit_table().dimensionless, False),
        derivation=f"{part_text} (line {part.line}) / {whole_text} (line {whole.line})",
        parts=[Related(part.line, part_text), Related(whole.line, whole_text)],
    )


def _scaled(cell: Cell, number: Fraction | float) -> Fraction:
    """A bound of the cell's written number, scaled as its value is."""
    return Fraction(number) * cell.written / cell.lit.number.value
