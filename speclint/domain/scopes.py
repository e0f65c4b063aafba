"""Parts of a document about one of several systems: the columns of a comparison table that
each name a catalog model (``| | Llama-3.1-8B | Qwen2.5-7B |``), the rows of a table that
each name an accelerator (``| H100 SXM | 231 | 245 |``), and, in a document that describes
several architectures, the paragraph that names one catalog model and gives its shape
(``Llama-3.2-3B has 28 layers, hidden size 3072, … That comes to 3.21B parameters``).

Each such column or row is a scope with its own deployment: the document's facts, with the
model (its catalog architecture, then the column's own figures) or the device (then the row's
own figures) of that column or row; its cells are checked against that deployment only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from speclint.claims.model import Scanned
from speclint.claims.sums import _header_unit, _with_header_unit, cell_value
from speclint.document import Document, squeeze_folded
from speclint.domain.architecture import ARCHITECTURE_FACTS
from speclint.domain.catalog import COUNT_FACTS, CatalogModel, ModelMatcher, Naming
from speclint.domain.facts import PARALLEL_DEGREES, Fact, FactSet, facts_from_cells
from speclint.domain.hardware_names import DeviceMatcher
from speclint.formula.expr import Lit
from speclint.patterns import lazy_compile

#: Facts about one model: a model column replaces them with its own and the catalog's.
MODEL_FACTS = frozenset(
    (*ARCHITECTURE_FACTS, *COUNT_FACTS, "param_count", "active_params", "attention")
)
#: Facts about one device: a device row replaces them with its own and the catalog's.
DEVICE_FACTS = frozenset(("device", "gpu_memory", "memory_bandwidth", "peak_flops"))
_DECORATION = " *_`"


@dataclass(frozen=True)
class Scope:
    """One column (a model) or row (a device) of a table, and its cells with their labels."""

    kind: str  # "model" or "device"
    name: str
    line: int
    cells: tuple[tuple[str, Scanned], ...]
    model: CatalogModel | None = None
    devices: tuple[str, ...] = ()
    #: A paragraph scope's first and last line (a table scope's are its cells).
    lines: tuple[int, int] | None = None

    @property
    def where(self) -> str:
        if self.lines is not None:
            return f"the paragraph about {self.name} (line {self.line})"
        place = "column" if self.kind == "model" else "row"
        return f"the {place} '{self.name}' of the table (line {self.line})"

    def holds(self, line: int) -> bool:
        """Whether a paragraph scope covers ``line``."""
        return self.lines is not None and self.lines[0] <= line <= self.lines[1]


def table_scopes(
    doc: Document,
    scanned: list[Scanned],
    models: ModelMatcher | None,
    devices: DeviceMatcher | None,
) -> list[Scope]:
    """The model columns and device rows of the document's tables (two or more per table)."""
    tables: dict[int, dict[tuple[int, int], Scanned]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            tables.setdefault(cell.table, {})[(cell.row, cell.col)] = where
    scopes: list[Scope] = []
    for grid in tables.values():
        columns = list(_model_columns(doc, grid, models)) if models is not None else []
        rows = list(_device_rows(doc, grid, devices)) if devices is not None and not columns else []
        scopes += columns if len(columns) >= 2 else rows if len(rows) >= 2 else []
    return scopes


def paragraph_scopes(
    doc: Document, scanned: list[Scanned], facts: FactSet, models: ModelMatcher | None
) -> list[Scope]:
    """The paragraphs that each name one catalog model and state its layers, in a document
    whose facts give more than one layer count (several models described)."""
    layers = facts.facts.get("layers", [])
    if models is None or len({f.value for f in layers}) < 2:
        return []
    scopes = []
    for where in scanned:
        if where.segment.kind != "paragraph" or not where.offsets:
            continue
        first, last = (doc.position(where.offsets[k])[0] for k in (0, -1))
        if not any(first <= f.line <= last for f in layers):
            continue
        pattern = models.pattern_in(squeeze_folded(where.segment.text))
        found = {
            model.name: model
            for m in (pattern.finditer(where.segment.text) if pattern is not None else ())
            if (model := models.model(m.group(0))) is not None
        }
        if len(found) == 1:
            ((name, model),) = found.items()
            scopes.append(Scope("model", name, first, (), model=model, lines=(first, last)))
    return scopes


def _row_label(doc: Document, where: Scanned) -> str:
    line = doc.position(where.offsets[0])[0] if where.offsets else 0
    cells = doc.line_text(line).strip().strip("|").split("|")
    return cells[0].strip(_DECORATION) if cells else ""


def _model_columns(
    doc: Document, grid: dict[tuple[int, int], Scanned], matcher: ModelMatcher
) -> Iterator[Scope]:
    headers: dict[int, str] = {}
    for (_, col), where in grid.items():
        info = where.segment.cell
        if col >= 1 and info is not None:
            headers[col] = " ".join(info.header.split()).strip(_DECORATION)
    named: dict[str, int] = {}
    for col, header in sorted(headers.items()):
        found = matcher.fullmatch(header)
        model = matcher.model(found.group(0)) if found is not None else None
        if model is None or model.name in named:
            continue
        named[model.name] = col
        cells = [(_row_label(doc, w), w) for (_, c), w in sorted(grid.items()) if c == col]
        first = min(doc.position(w.offsets[0])[0] for _, w in cells if w.offsets)
        yield Scope("model", header, max(1, first - 2), tuple(cells), model=model)


def _device_rows(
    doc: Document, grid: dict[tuple[int, int], Scanned], matcher: DeviceMatcher
) -> Iterator[Scope]:
    rows: dict[int, list[tuple[int, Scanned]]] = {}
    for (row, col), where in sorted(grid.items()):
        rows.setdefault(row, []).append((col, where))
    texts = [_row_label(doc, c[0][1]) for c in rows.values() if c[0][1].offsets]
    if not matcher.may_name("\n".join([*texts, *(w.segment.text for w in grid.values())])):
        return  # no row label or cell names a device
    seen: set[tuple[str, ...]] = set()
    for cells in rows.values():
        if not cells[0][1].offsets:
            continue
        label = _row_label(doc, cells[0][1])
        found = matcher.pattern.fullmatch(label)
        names = matcher.names(found.group(0)) if found is not None else ()
        if not names:
            label, names = _device_cell(cells, matcher)
        if not names or names in seen:
            continue
        seen.add(names)
        line = doc.position(cells[0][1].offsets[0])[0]
        labelled = []
        for col, where in cells:
            info = where.segment.cell
            if col >= 1 and info is not None:
                labelled.append((" ".join(info.header.split()).strip(_DECORATION), where))
        yield Scope("device", label, line, tuple(labelled), devices=names)


#: A cell that names a row's device and how it is laid out: "H100 SXM, TP=4", "H200 (TP=2)".
_LAYOUT_TAIL = lazy_compile(r"\s*(?:[,;(]\s*(?:TP|PP|EP|DP)\s*[=:]?\s*\d+\s*\)?)*\s*", regex.I)


def _device_cell(
    cells: list[tuple[int, Scanned]], matcher: DeviceMatcher
) -> tuple[str, tuple[str, ...]]:
    """The one cell after a row's label that names a device (an options table: ``| A | H100
    SXM, TP=4 | 4 | …``), and the devices it names; none when no cell or several do."""
    named = []
    for col, where in cells:
        text = where.segment.text.strip(_DECORATION)
        found = matcher.pattern.match(text) if col >= 1 else None
        if found is not None and _LAYOUT_TAIL.fullmatch(text, found.end()):
            named.append((text, matcher.names(found.group(0))))
    return named[0] if len(named) == 1 else ("", ())


def scope_facts(doc: Document, facts: FactSet, scope: Scope) -> tuple[FactSet, Naming | None]:
    """The document's facts as they hold inside ``scope``, and the model it names."""
    replaced = MODEL_FACTS if scope.kind == "model" else DEVICE_FACTS
    scoped = FactSet(
        {name: list(stated) for name, stated in facts.facts.items() if name not in replaced}
    )
    for device in scope.devices:
        scoped.add(Fact("device", device, scope.name, scope.line, False))
    for fact in facts_from_cells(doc, list(_cell_values(scope))):
        if fact.name in replaced:
            scoped.add(fact)
    for name in replaced if scope.lines is not None else ():
        for fact in facts.facts.get(name, []):
            if scope.holds(fact.line):
                scoped.add(fact)
    if scope.kind == "device":
        _with_row_layout(doc, facts, scoped, scope.line)
    if scope.model is None:
        return scoped, None
    return scoped, Naming(scope.model, scope.line, scope.name)


def _with_row_layout(doc: Document, facts: FactSet, scoped: FactSet, line: int) -> None:
    """A device row that states its own GPU count or parallel degrees (``H200 SXM, TP=2``)
    lays out its system by them, not by the document's; never by another row's."""
    layout = ("gpu_count", *PARALLEL_DEGREES)
    for name in layout:
        stated = facts.facts.get(name, [])
        own = [f for f in stated if f.line == line]
        others = [f for f in stated if f.line != line and not _table_row(doc, f.line)]
        if stated:
            scoped.facts[name] = own or others


def _table_row(doc: Document, line: int) -> bool:
    return doc.line_text(line).lstrip().startswith("|")


def _cell_values(scope: Scope) -> Iterator[tuple[str, Lit, Scanned]]:
    for label, where in scope.cells:
        node = cell_value(where)
        if isinstance(node, Lit):
            yield label, _with_header_unit(node, *_header_unit(label)), where
