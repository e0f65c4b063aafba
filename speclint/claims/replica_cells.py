"""A table's per-replica (or per-node) figure restated as one GPU's: a table's column ``Output
tok/s per replica`` holds ``1,720`` on a row whose ``GPUs per replica`` cell says 4, and the
prose goes on ``That is 1,720 tok/s per GPU``. The per-GPU figure is checked as the cell ÷ the
row's GPU count.

Read only when the prose figure is said per GPU, has three or more significant digits, its unit
is the column's (the header writes it), its value is the cell's to its written precision, no
other per-replica cell of the document has that value, and the row's own GPU count is above 1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.model import Claim, Scanned, single_lit
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit

#: A column of figures for one replica or node: ``tok/s per replica``, ``per node``.
_PER_GROUP = re.compile(r"\bper[-\s]+(replica|node|instance|server)\b", re.I)
#: The column of that group's GPU count: ``GPUs per replica``, ``GPUs/node``.
_GPU_COUNT = re.compile(r"\bGPUs?\s*(?:per|/)\s*(replica|node|instance|server)\b", re.I)
MIN_SIGNIFICANT = 3


@dataclass(frozen=True)
class _GroupCell:
    lit: Lit
    where: Scanned
    header: str
    group: str
    gpus: Lit
    gpus_where: Scanned


def replica_cell_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each per-GPU prose figure that restates a per-replica cell."""
    cells = list(_group_cells(scanned))
    if not cells:
        return []
    return list(_claims(document, scanned, cells))


def _group_cells(scanned: list[Scanned]) -> Iterator[_GroupCell]:
    for table in body_cells(scanned).values():
        counts: dict[tuple[int, str], tuple[Lit, Scanned]] = {}
        for (row, _), where in table.items():
            assert where.segment.cell is not None
            found = _GPU_COUNT.search(where.segment.cell.header)
            lit = _one_lit(where)
            if found and lit is not None and lit.unit is None and lit.scale is None:
                counts[(row, found.group(1).lower())] = (lit, where)
        for (row, _), where in table.items():
            assert where.segment.cell is not None
            header = where.segment.cell.header
            found = _PER_GROUP.search(header)
            lit = _one_lit(where)
            if found is None or lit is None or _GPU_COUNT.search(header):
                continue
            count = counts.get((row, found.group(1).lower()))
            if count is not None and count[0].number.value > 1:
                yield _GroupCell(lit, where, header, found.group(1).lower(), *count)


def _claims(document: Document, scanned: list[Scanned], cells: list[_GroupCell]) -> Iterator[Claim]:
    for where in scanned:
        if where.segment.kind != "paragraph":
            continue
        for chain in where.result.chains:
            stated = single_lit(chain)
            if stated is None or stated.per.lower() not in ("gpu", "gpus"):
                continue
            if stated.unit is None or stated.bound or stated.is_range or stated.approx:
                continue
            if stated.number.significant_figures < MIN_SIGNIFICANT:
                continue
            matching = [c for c in cells if _same_figure(stated, c)]
            if len(matching) == 1:
                yield _claim(document, where, stated, matching[0])


def _same_figure(stated: Lit, cell: _GroupCell) -> bool:
    """The prose figure is the cell's, in the column's unit, to its written precision."""
    if stated.unit_text.lower() not in cell.header.lower() or cell.lit.unit is not None:
        return False
    as_stated = Lit(**{**cell.lit.__dict__, "unit": stated.unit, "scale": stated.scale})
    written = literal_value(stated, stated=True).interval
    return written.lo <= literal_value(as_stated, stated=True).point <= written.hi


def _claim(document: Document, where: Scanned, stated: Lit, cell: _GroupCell) -> Claim:
    as_stated = Lit(**{**cell.lit.__dict__, "unit": stated.unit, "scale": stated.scale})
    whole = literal_value(as_stated, stated=True)
    count = cell.gpus.number.value
    computed = Value(whole.point / count, whole.interval.scale(1 / count), whole.dims, False)
    line = document.position(cell.where.offsets[0])[0]
    group = cell.group
    derivation = (
        f"{cell.lit.number.text} {stated.unit_text} per {group} (line {line}) ÷ "
        f"{cell.gpus.number.text} GPUs per {group}"
    )
    return Claim(
        "per-unit",
        stated,
        where,
        computed=computed,
        derivation=derivation,
        inputs=[Related(line, " ".join(document.line_text(line).split()).strip("| "))],
        assumption=f"the figure restates the table's per-{group} cell as one GPU's",
    )


def _one_lit(where: Scanned) -> Lit | None:
    chains = [c for c in where.result.chains if not c.ignored]
    return single_lit(chains[0]) if len(chains) == 1 else None


__all__ = ["replica_cell_claims"]
