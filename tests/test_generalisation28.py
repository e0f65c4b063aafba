"""Shapes the lead found on held-out sets in session 20. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

BLOBS = """\
# Artifact store sizing

## Capacity by tier

| Tier | Usable capacity | Checkpoints held | Runs kept |
|------|-----------------|------------------|-----------|
| NVMe cache | 96 TB | {nvme} | 37 |
| Object store, hot | 1.2 PB | 8,451 | 457 |
| Object store, cold | 4 PB | 28,169 | 1,523 |

(Checkpoints = capacity / 142 GB; runs = checkpoints / 18.5.)

Checkpoint size is the 70B model's BF16 weights plus Adam state, sharded.
"""


def test_a_cell_off_the_formula_its_tables_note_writes_is_reported() -> None:
    [(line, code, message)] = findings(BLOBS.format(nvme="721"))
    assert (line, code) == (7, "SPC101")
    assert "96 TB / 142 GB (line 7) = 676" in message
    assert "Checkpoints = capacity / 142 GB (line 11), as the other 2 rows hold" in message


def test_a_table_that_holds_its_notes_formula_is_silent() -> None:
    assert findings(BLOBS.format(nvme="676")) == []


def test_a_cell_computed_from_a_wrong_cell_is_left_to_that_finding() -> None:
    # 721 is off the first formula; 37 = 676 / 18.5 follows the right value, not 721 / 18.5.
    found = findings(BLOBS.format(nvme="721"))
    assert [line for line, _, _ in found] == [7]
    assert all("runs = " not in message for _, _, message in found)


def test_a_note_most_rows_break_means_something_else_and_is_silent() -> None:
    # Two of the three rows disagree with "capacity / 100 GB": the note is no column formula.
    doc = BLOBS.replace("142 GB; runs = checkpoints / 18.5.", "100 GB.").format(nvme="960")
    assert findings(doc) == []


@pytest.mark.parametrize(
    "note",
    [
        # "capacity" names no column of this table: nothing is read.
        "(Checkpoints = size / 142 GB.)",
        # The formula names two columns that each match "object": ambiguous.
        "(Checkpoints = object / 142 GB.)",
    ],
)
def test_a_note_whose_names_are_no_single_column_is_silent(note: str) -> None:
    doc = BLOBS.format(nvme="721").replace(
        "(Checkpoints = capacity / 142 GB; runs = checkpoints / 18.5.)", note
    )
    assert findings(doc) == []


def test_a_note_in_another_section_does_not_read_the_table() -> None:
    doc = BLOBS.format(nvme="721").replace("\n(Checkpoints", "\n## Notes\n\n(Checkpoints")
    assert findings(doc) == []
