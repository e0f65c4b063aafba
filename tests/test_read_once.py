"""Work read once per document: a table's rows, the tables' body cells, a segment's chain
neighbours and the words between two chains (the readers that share them change nothing)."""

from __future__ import annotations

from speclint.claims import table_rows
from speclint.claims.extract import State
from speclint.judgement.analysis import analyze

TABLE = "| GPUs | Hours | GPU-hours |\n|---|---|---|\n| 8 | 10 | 80 |\n| 4 | 5 | 20 |\n"


def test_a_tables_rows_are_read_once_per_document() -> None:
    analysis = analyze(TABLE)
    doc, scanned = analysis.document, analysis.scanned
    (cells,) = table_rows.body_cells(scanned).values()
    first = table_rows.read_rows(doc, cells, analysis.tolerance)
    assert sorted(first) == [1, 2] and sorted(first[1]) == [0, 1, 2]
    assert table_rows.read_rows(doc, dict(cells), analysis.tolerance) is first
    other = analyze(TABLE)
    (again,) = table_rows.body_cells(other.scanned).values()
    fresh = table_rows.read_rows(other.document, again, other.tolerance)
    assert fresh is not first and fresh[1][2].written == first[1][2].written == 80


def test_body_cells_are_read_again_when_the_list_grows() -> None:
    analysis = analyze(TABLE + "\nText with 3 GPUs.\n")
    scanned = list(analysis.scanned)
    tables = table_rows.body_cells(scanned)
    assert table_rows.body_cells(scanned) is tables
    assert table_rows.body_cells(list(scanned)) is not tables
    extra = analyze(TABLE).scanned
    scanned.extend(extra)
    grown = table_rows.body_cells(scanned)
    assert grown is not tables and len(grown[0]) == 6
    assert grown[0][(1, 0)] is extra[3] and tables[0][(1, 0)] is analysis.scanned[3]


def test_neighbours_and_words_between_are_found_once() -> None:
    analysis = analyze("It takes 8 GPUs, i.e. 25% of the fleet, and then 4 nodes.\n")
    where = analysis.scanned[0]
    state = State(analysis.document, where)
    pairs = state.neighbours()
    assert state.neighbours() is pairs
    assert [(p.tok_start, n.tok_start) for p, n, _ in pairs] == [(2, 7), (7, 15)]
    prev, nxt = where.result.chains[:2]
    words = state.words_between(prev, nxt)
    assert words == [",", "i.e", "."]
    words.append("changed")
    assert state.words_between(prev, nxt) == words[:-1]
