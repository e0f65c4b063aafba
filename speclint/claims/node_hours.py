"""Node-hours and GPU-hours of one thing, side by side: ``| Node-hours per month | 46.7 |`` and
``| GPU-hours per month | 373.3 |`` in a document that puts 8 GPUs in a node. The GPU-hours are
the node-hours times the GPUs per node (the document's one node size): a GPU-hours row that
repeats the node-hours figure counts nodes as GPUs.

Read in tables whose rows name their figure in the first column: two rows whose labels are the
same but for ``node-hours`` and ``GPU-hours``, each with one plain number.
"""

from __future__ import annotations

import re
from fractions import Fraction

from speclint.claims.model import Claim, Scanned
from speclint.claims.shared_links import node_size
from speclint.claims.sums import cell_value
from speclint.claims.table_rows import body_cells
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit
from speclint.patterns import lazy_re

#: ``node-hours``, ``GPU hours``: the unit a row label counts hours of.
_HOURS = lazy_re(r"\b(node|gpu)[- ]?(?:hours?|hrs?|h)\b", re.IGNORECASE)


def node_hour_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each GPU-hours row that a node-hours row of the same label multiplies."""
    if "node" not in doc.source.lower():
        return []  # no node-hours: a substring test spares the pattern's pass
    tables = body_cells(scanned)
    if not tables or not _HOURS.search(doc.source):
        return []
    size = node_size(doc)
    if size is None:
        return []
    claims = []
    for cells in tables.values():
        rows: dict[tuple[str, str], tuple[Lit, Scanned]] = {}
        for (row, col), where in cells.items():
            label_cell = cells.get((row, 0))
            if col != 1 or label_cell is None:
                continue
            label = label_cell.text.strip(" *_`")
            found = _HOURS.search(label)
            lit = cell_value(where)
            if found is None or not isinstance(lit, Lit) or lit.unit is not None or lit.approx:
                continue
            key = " ".join(_HOURS.sub("", label).lower().split())
            rows[(found.group(1).lower(), key)] = (lit, where)
        for (kind, key), (gpu, where) in rows.items():
            node = rows.get(("node", key))
            if kind == "gpu" and node is not None:
                claims.append(_claim(doc, gpu, where, *node, size))
    return claims


def _claim(
    doc: Document, gpu: Lit, where: Scanned, node: Lit, node_where: Scanned, size: tuple[int, int]
) -> Claim:
    count, count_line = size
    value = literal_value(node, stated=True)
    n = Fraction(count)
    computed = Value(value.point * n, value.interval.scale(n), value.dims, value.bare)
    line = doc.position(node_where.offsets[node.num_start])[0]
    node_text = node_where.text[node.num_start : node.num_end]
    return Claim(
        "formula",
        gpu,
        where,
        computed=computed,
        derivation=f"{node_text} node-hours (line {line}) × {count} GPUs per node",
        parts=[
            Related(line, f"{node_text} node-hours"),
            Related(count_line, f"{count} GPUs per node"),
        ],
        assumption=f"{count} GPUs per node (line {count_line})",
    )
