"""Symbols a document defines (``$L = 40$``, ``G = 8 GPUs``) and their values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from speclint.claims.model import Definition
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, TooComplex, idents, strip_groups
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table


@dataclass
class SymbolTable:
    """Resolved symbol values; a name defined twice with different values is left out."""

    values: dict[str, Value] = field(default_factory=dict)
    #: The other reading of symbols defined with an ambiguous "B" (``N = 70B``: billions).
    billion: dict[str, Value] = field(default_factory=dict)
    definitions: dict[str, Definition] = field(default_factory=dict)
    ambiguous: dict[str, list[Definition]] = field(default_factory=dict)


def resolve_symbols(
    definitions: list[Definition], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> SymbolTable:
    """Evaluate every definition, following references between them (cycles are dropped)."""
    by_name: dict[str, list[Definition]] = {}
    for definition in definitions:
        by_name.setdefault(definition.name, []).append(definition)
    table = SymbolTable()
    resolving: set[str] = set()
    failed: set[str] = set()

    def resolve(name: str) -> None:
        if name in table.values or name in failed or name in table.ambiguous:
            return
        if name in resolving or name not in by_name:
            failed.add(name)
            return
        resolving.add(name)
        results: list[tuple[Value, Definition]] = []
        for definition in by_name[name]:
            value = _evaluate(definition, table, resolve, tolerance)
            if value is not None:
                results.append((value, definition))
        resolving.discard(name)
        # "… B = 134.2 MB": a name that is a unit of its value's kind restates an amount
        results = [(v, d) for v, d in results if not _unit_of_its_value(name, v)]
        points = {value.point for value, _ in results}
        if not results:
            failed.add(name)
        elif len(points) > 1:
            table.ambiguous[name] = [d for _, d in results]
        else:
            table.values[name], table.definitions[name] = results[0]
            lit = strip_groups(results[0][1].node)
            if isinstance(lit, Lit) and lit.alt_scale is not None:
                table.billion[name] = literal_value(
                    lit, stated=False, billion=True, tolerance=tolerance
                )

    for name in by_name:
        resolve(name)
    return table


def _unit_of_its_value(name: str, value: Value) -> bool:
    """Whether ``name`` spells a unit of the value's dimension (``B`` for 134.2 MB, ``s`` for
    12 ms): the text restates an amount in that unit, it defines no symbol."""
    unit = unit_table().lookup(name)
    return unit is not None and any(unit.dims) and unit.dims == value.dims


def _evaluate(
    definition: Definition,
    table: SymbolTable,
    resolve: Callable[[str], None],
    tolerance: Tolerance,
) -> Value | None:
    node = strip_groups(definition.node)
    if isinstance(node, Lit):
        try:
            return literal_value(node, stated=False, tolerance=tolerance)
        except NotEvaluable:
            return None
    for ident in idents(node):
        resolve(ident.name)
    try:
        return Evaluator(table.values, tolerance=tolerance).evaluate(node)
    except (NotEvaluable, TooComplex):
        return None
