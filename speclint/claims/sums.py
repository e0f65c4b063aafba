"""Totals over parts: list items or lines with a "Total" line, and table columns with a Total row.

A total is checked only against parts that look like parts: items of the same list (or lines of
the same block) with a value in the same unit kind, or cells of the same table column. When the
parts include a capacity line ("GPU memory: 80 GB") the total may cover only the lines after it,
so every contiguous run of parts that ends at the total is tried before anything is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from itertools import combinations, pairwise
from typing import TypeVar

import regex

from speclint.claims.model import Claim, Scanned, formula_text, literal_text, noun_key
from speclint.data import load
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import Chain, Lit, Node, TooComplex, has_operator, literals, strip_groups
from speclint.formula.vocabulary import PERIOD_WORDS
from speclint.patterns import lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance, written_interval
from speclint.quantity.units import Unit, unit_table

TOTAL_LABEL = lazy_compile(
    r"\b(?:sub)?total\b|(?<![\w-])sum(?![\w-])|\boverall\b|\bcombined\b|\bTCO\b",
    regex.IGNORECASE,
)
_K = TypeVar("_K")
SUBTOTAL_LABEL = lazy_compile(r"\bsub-?total\b", regex.IGNORECASE)
NOT_A_PART = lazy_compile(
    r"\b(?:available|free|capacity|budget|limit|headroom|remaining|left|max(?:imum)?|peak\s+capacity)\b",
    regex.IGNORECASE,
)
NON_ADDITIVE_HEADER = lazy_compile(
    r"\b(?:avg|average|mean|median|ratio|mfu|utili[sz]ation|efficiency|hit|miss|availability"
    r"|uptime|occupancy|accuracy|speed|speedup|real[- ]?time|rtf)\b"
    r"|\b(?:cumulative|running|to\s+date|at\s+(?:\w+\s+)?end|end\s+of)\b",  # a running figure
    regex.IGNORECASE,
)
#: An average over time (``Average rows/s``, ``Mean QPS``): the sources' averages of one
#: period add up to the whole's, unlike an average per item (latency, size).
_AVERAGE_RATE_HEADER = lazy_compile(
    r"^\W*(?:avg|average|mean)\W+(?:[\w-]+\s+){0,2}?"
    r"(?:[\w-]+\s*/\s*(?:s|sec|second|min|h|hr|hour|day)|qps|rps|req/s|[kmgt]?bps)\W*$",
    regex.IGNORECASE,
)


def non_additive(header: str) -> bool:
    """A column whose rows do not add up to a Total (``Avg latency``, ``MFU``, ``p50``), but
    an average rate of one period does (``Average rows/s``)."""
    return NON_ADDITIVE_HEADER.search(header) is not None and not _AVERAGE_RATE_HEADER.match(header)


#: Headers of a figure per unit, a price per unit or a percentile ("Per GPU", "$/Mtok", "p99
#: budget (ms)"): a breakdown of one GPU's memory or one request's latency still adds up, but
#: the Total row may also be a fleet-wide figure, a blended price or the worst row, so it is
#: read as a sum only when it looks like one.
PER_UNIT_HEADER = lazy_compile(
    r"\b(?:per|each|p\d\d(?:\.\d+)?)\b|/\s*gpu\b|[$€£]\s*/\s*[A-Za-z]", regex.IGNORECASE
)
#: Headers of a tail figure ("p99 (ms)", "worst case"): the tail of a whole is not the sum of
#: its parts' tails, only at most it.
TAIL_HEADER = lazy_compile(r"\bp9\d(?:\.\d+)?\b|\btail\b|\bworst\b|\bmax(?:imum)?\b", regex.I)
#: Headers of an allocation ("p95 budget"): each row's share of the whole, which add up to it.
BUDGET_HEADER = lazy_compile(r"\bbudgets?\b|\ballocat\w*", regex.I)
MAX_LABEL = 60
#: ``per GPU``, ``per-node``: what a label says its value is per.
PER_SCOPE = lazy_compile(r"\bper[- ]([A-Za-z][\w-]*)", regex.IGNORECASE)
#: A total over more than its parts' scope: ``Total across the 8 GPUs``, ``Total (4 replicas)``.
WIDER_SCOPE = lazy_compile(
    r"\b(?:across|cluster|fleet|aggregate|all\s+(?:gpus|nodes|replicas))\b"
    r"|\(\s*\d[\d,]*\s*[×x]?\s*[A-Za-z]|\b(?:over|for|on)\s+\d[\d,]*\s+[A-Za-z]",
    regex.IGNORECASE,
)

#: Headers of a column of multiplicities: ``| Component | Count | Parameters |`` states each
#: row's figure once per unit, and its Total counts every row that many times.
COUNT_HEADER = lazy_compile(
    r"^(?:count|qty|quantity|#|n|instances|copies|multiplicity|times|[×x])$", regex.IGNORECASE
)

#: A column header that counts discrete things (``GPUs``, ``Replicas``): its whole numbers are
#: exact.
DISCRETE_HEADER = lazy_compile(load("statements.toml")["tables"]["discrete-header"], regex.I)

#: Between an equation and the whole number it is rounded to: ``= 11.5 → 12``.
_ARROWS = frozenset({"→", "->", "⇒", "=>", "⟶"})

#: A row label of a figure per unit: ``Encoder block (each)``, ``Attention (per layer)``.
PER_ROW = lazy_compile(r"\bper\b|\beach\b", regex.IGNORECASE)

#: Headers of key-value tables, whose rows hold different quantities: bare numbers under them
#: are not parts of one total.
GENERIC_HEADERS = frozenset(
    "value values amount number result results data details notes metric description".split()
)


@dataclass
class Item:
    """One ``Label: value`` line: the literal it states, or a formula with no result."""

    label: str
    value: Lit | None
    formula: Node | None
    where: Scanned
    line: int
    derived: bool = False  # the value is the result of the line's own formula


@dataclass
class Part:
    """One addend of a total, already evaluated."""

    value: Value
    kind: str  # the unit kind ("bytes", "time", "percent"…), "" for a bare number
    text: str
    line: int
    #: What a resource-time counts (``gpu`` for GPU-hours), "" for other units.
    counted: str = ""


@dataclass(frozen=True)
class Reading:
    """How parts and totals are read: the document's symbols and the configured tolerance."""

    symbols: dict[str, Value]
    tolerance: Tolerance

    def stated(self, lit: Lit) -> Value:
        """A written value, read with its stated precision."""
        return literal_value(lit, stated=True, tolerance=self.tolerance)

    def exact(self, lit: Lit) -> Value:
        """A written value that is exact as written (a count or a data type's width)."""
        return literal_value(lit, stated=False, tolerance=self.tolerance)

    def evaluate(self, node: Node) -> Value:
        """A formula's value; raises ``NotEvaluable`` or ``TooComplex``."""
        return Evaluator(self.symbols, tolerance=self.tolerance).evaluate(node)


def primary_value(
    chains: list[Chain], start: int, end: int, text: str = ""
) -> tuple[Node, int] | None:
    """What a line states: the first chain's literal, the result of its equation (or the
    whole number it is rounded to, ``= 11.5 → 12``), or a formula written without a result
    (``Weights: 8 × 3.2 GB``)."""
    for index, chain in enumerate(chains):
        chain_start = chain.start
        if chain_start < start or chain_start >= end or chain.ignored:
            continue
        if chain.relations:
            lits = [strip_groups(e) for e in chain.exprs[1:] if isinstance(strip_groups(e), Lit)]
            rounded = _rounded_to(chains[index + 1 :], chain.end, end, text)
            if lits and rounded is not None and _rounds(lits[-1], rounded):
                return rounded, chain_start
            return (lits[-1], chain_start) if lits else None
        first = strip_groups(chain.exprs[0])
        if isinstance(first, Lit) or has_operator(first):
            return first, chain_start
        return None
    return None


def _rounded_to(after: list[Chain], start: int, end: int, text: str) -> Lit | None:
    """``→ 12`` right after an equation: the result as the line rounds it."""
    if not after or after[0].relations or after[0].start >= end:
        return None
    node = strip_groups(after[0].exprs[0])
    between = text[start : after[0].start].strip()
    return node if isinstance(node, Lit) and between in _ARROWS else None


def _rounds(result: Node, rounded: Lit) -> bool:
    """``11.5 → 12``: a whole number within one of the result, in the same unit."""
    if not isinstance(result, Lit) or result.unit_text != rounded.unit_text or result.scale:
        return False
    number = rounded.number
    return number.is_plain_integer and abs(number.value - result.number.value) < 1


def _derives(chains: list[Chain], start: int) -> bool:
    """Whether the chain at ``start`` equates a formula to its result (``3 + 4 = 7 GB``)."""
    chain = next((c for c in chains if c.start == start), None)
    return bool(chain and chain.relations and has_operator(strip_groups(chain.exprs[0])))


def line_items(doc: Document, where: Scanned) -> list[Item]:
    """``Label: value`` lines of a segment (only the first line of a list item)."""
    items = []
    text = where.text
    pos = 0
    lines = text.split("\n")
    if where.segment.item is not None:
        lines = lines[:1]
    for line_text in lines:
        start, end = pos, pos + len(line_text)
        pos = end + 1
        colon = line_text.find(":")
        value_from = start + colon + 1 if 0 < colon <= MAX_LABEL else start
        found = primary_value(where.result.chains, value_from, end, where.text)
        if found is None:
            continue
        node, value_start = found
        if text[value_from:value_start].strip(" ~≈=*_"):
            continue  # words between the label and the value: prose, not an item
        label = text[start:value_from].strip(" \t*_-–:=")
        if not label or len(label) > MAX_LABEL:
            continue
        lit = node if isinstance(node, Lit) else None
        first = literals(node)[0] if literals(node) else None
        anchor = lit or first
        line = doc.position(where.offsets[anchor.num_start])[0] if anchor else 0
        derived = _derives(where.result.chains, value_start)
        items.append(Item(label, lit, None if lit else node, where, line, derived))
    return items


#: ``Weights      16.1 GB``: a short label and a value with nothing after it but a note.
_ALIGNED_LABEL = lazy_compile(
    r"[ \t]*[*_]*[A-Za-z][\w()/+.'-]*(?:[ \t]+[A-Za-z(][\w()/+.'-]*){0,3}[*_:]*[ \t]+"
)
_AFTER_VALUE = lazy_compile(r"[ \t]*(?:\([^()\n]{0,60}\))?[ \t.;,]*")


def aligned_items(doc: Document, where: Scanned) -> list[Item]:
    """``Label  value`` lines without a colon, in a code block or a paragraph whose every line
    is one (``Weights 16.1 GB`` / ``KV cache 40.2 GB`` / ``Total 56.3 GB``)."""
    seg = where.segment
    if seg.kind not in ("code", "paragraph") or seg.item is not None:
        return []
    items = []
    text = where.text
    pos = 0
    lines = text.split("\n")
    for line_text in lines:
        start, end = pos, pos + len(line_text)
        pos = end + 1
        label = _ALIGNED_LABEL.match(text, start, end)
        found = primary_value(where.result.chains, start, end, where.text) if label else None
        if label is None or found is None or found[1] != label.end():
            continue
        node = found[0]
        if not isinstance(node, Lit) or not _AFTER_VALUE.fullmatch(_after(node, text, end)):
            continue
        line = doc.position(where.offsets[node.num_start])[0]
        if node.end > end:  # the lexer read the next line's words as this value's label
            node = Lit(**{**node.__dict__, "end": end - len(_after(node, text, end)), "label": ""})
        items.append(Item(label.group(0).strip(" \t*_"), node, None, where, line))
    if seg.kind == "paragraph" and len(items) < len([ln for ln in lines if ln.strip()]):
        return []  # prose around them: not a block of figures
    return items


def _after(lit: Lit, text: str, end: int) -> str:
    """What follows a value's number, scale and unit on its line."""
    rest = text[lit.num_end : end]
    for written in (lit.scale.text if lit.scale else "", lit.unit_text):
        rest = rest.lstrip(" \t")
        if written and rest.startswith(written):
            rest = rest[len(written) :]
    return rest


def _group_key(where: Scanned) -> tuple:
    seg = where.segment
    if seg.item is not None:
        return ("list", seg.item.list_id)
    return (seg.kind, seg.block)


def document_items(doc: Document, scanned: list[Scanned]) -> list[Item]:
    """Every ``Label: value`` line of the document's paragraphs, list items and code blocks."""
    return [
        item
        for where in scanned
        if where.segment.kind in ("paragraph", "code")
        for item in line_items(doc, where)
    ]


#: What a list item's line holds before its inline math: its marker, a label and a colon.
_MATH_LABEL = lazy_compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s+([^$:|]{1,60}?):\s*\$$")


def math_items(doc: Document, where: Scanned) -> list[Item]:
    """A list item's ``Label: $math$`` (the math first after the label): the math's result."""
    if where.segment.item is None or not where.offsets:
        return []
    line, column = doc.position(where.offsets[0])
    label = _MATH_LABEL.fullmatch(doc.line_text(line)[: column - 1])
    found = primary_value(where.result.chains, 0, len(where.text), where.text)
    if label is None or found is None:
        return []
    last_line, last_column = doc.position(where.offsets[-1])
    if last_line == line and _RESTATED_AFTER.search(doc.line_text(line), last_column):
        return []  # "$… = 1.61\text{B}$ params = 3.22 GB": the line's own result is the value
    node, start = found
    lit = node if isinstance(node, Lit) else None
    derived = _derives(where.result.chains, start)
    return [Item(label.group(1).strip(" *_"), lit, None if lit else node, where, line, derived)]


#: A result after a list item's math, on its line: ``$…$ params = 3.22 GB``.
_RESTATED_AFTER = lazy_compile(r"[=≈]\s*[~≈]?\s*\d")


def sum_claims(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    symbols: dict[str, Value],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Claim]:
    """Claims that a Total equals the sum of its parts, from lists, line blocks and tables
    (written numbers read with ``tolerance``)."""
    read = Reading(symbols, tolerance)
    groups: dict[tuple, list[Item]] = {}
    for item in items:
        groups.setdefault(_group_key(item.where), []).append(item)
    aligned: dict[tuple, list[Item]] = {}
    for where in scanned:
        if _group_key(where) not in groups:
            aligned.setdefault(_group_key(where), []).extend(aligned_items(doc, where))
    groups.update(aligned)
    for where in scanned:  # "- total: $F \approx 3.25e17$ FLOPs": a list's inline math
        if where.segment.kind == "math":
            for item in math_items(doc, where):
                groups.setdefault(_group_key(where), []).append(item)
    members: dict[tuple, list[Scanned]] = {}
    for where in scanned:
        members.setdefault(_group_key(where), []).append(where)
    claims: list[Claim] = []
    for key, items in groups.items():
        found = _list_totals(sorted(items, key=lambda item: item.line), read)
        claims.extend(c for c in found if not _unread_sibling(doc, c, items, members.get(key, [])))
    claims.extend(_table_totals(doc, scanned, read))
    return claims


def _unread_sibling(doc: Document, claim: Claim, items: list[Item], members: list[Scanned]) -> bool:
    """A block of the list before the total that states an amount of the total's kind but was
    read as no part: between the first part and the total (``- transfer: unchanged at $800``),
    or anywhere before it as an item whose own value is of another kind (``- linear layers:
    68.45B params → 68.45 GB``). The sum may well count it, so the parts found are not all."""
    if not claim.parts or claim.stated.unit is None:
        return False
    first, last = claim.parts[0].line, doc.position(claim.where.offsets[claim.stated.num_start])[0]
    kind = claim.stated.unit.kind
    read = {item.line: item for item in items}
    parts = {part.line for part in claim.parts}
    for where in members:
        line = doc.position(where.offsets[0])[0] if where.offsets else 0
        if line >= last or line in parts or kind not in _kinds(where):
            continue
        item = read.get(line)
        if item is None and line > first:
            return True
        value = item.value if item is not None else None
        if value is not None and value.unit is not None and value.unit.kind != kind:
            return True
    return False


def _kinds(where: Scanned) -> set[str]:
    """The kinds of the units written in a block."""
    return {
        lit.unit.kind
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
        if lit.unit is not None
    }


def _part(
    node: Node,
    where: Scanned,
    line: int,
    read: Reading,
    header: tuple[Unit | None, str] = (None, ""),
    units_shown: bool = False,
) -> Part | None:
    """Evaluate one addend; a bare number in a table column takes the column's unit, and a
    whole number in a column shown to units (``units_shown``) is exact."""
    unit, unit_text = header
    if isinstance(node, Lit):
        lit = _with_header_unit(_billions_under(node, unit), unit, unit_text)
        if lit.bound:
            return None
        exact = _is_width(lit) or _is_discrete(lit, unit, unit_text)
        exact = exact or (units_shown and _whole(lit))
        value = read.exact(lit) if exact else read.stated(lit)
        counted = lit.unit.counted if lit.unit is not None else ""
        return Part(value, _kind(lit.unit), literal_text(node, where), line, counted)
    try:
        value = read.evaluate(node)
    except (NotEvaluable, TooComplex):
        return None
    units = [lit.unit for lit in literals(node) if lit.unit is not None]
    kind = units[0].kind if units else ""
    counts = {unit.counted for unit in units}
    if value.bare and unit is not None:
        factor = unit.factor
        value = Value(value.point * factor, value.interval.scale(factor), unit.dims, False)
        kind = unit.kind
    return Part(value, kind, formula_text(where, node), line, min(counts) if counts else "")


def _is_width(lit: Lit) -> bool:
    """A whole number of bytes per parameter or element is a data type's width (2 for bf16, 4
    for an fp32 moment): exact, not rounded, so ``2 + 4 + 4 + 4`` is 14, never 12."""
    unit = lit.unit
    if unit is None or lit.approx or lit.scale is not None or not lit.number.is_plain_integer:
        return False
    table = unit_table()
    byte, param = table.lookup("B"), table.lookup("params")
    return byte is not None and param is not None and unit.dims == byte.per(param).dims


def _is_discrete(lit: Lit, unit: Unit | None, header: str) -> bool:
    """A plain whole number under a header that counts discrete things (``GPUs``): exact."""
    plain = not lit.approx and lit.scale is None and lit.number.is_plain_integer
    return plain and unit is None and lit.unit is None and bool(DISCRETE_HEADER.match(header))


def _whole(lit: Lit) -> bool:
    """A whole number as written: no decimals, scale word, range or ``~``."""
    return lit.number.is_plain_integer and not (lit.approx or lit.scale or lit.is_range)


def _shown_to_units(cells: dict[tuple[int, int], Scanned], rows: list[int], col: int) -> bool:
    """A column of whole numbers one of which shows its last digit (``18,585`` beside
    ``140,000``), or of sums of money one of which shows its cents (``$23,231.52`` beside
    ``$250,000``): the column is shown to units, so its round figures are exact, not rounded."""
    lits = [cell_value(cells[(row, col)]) if (row, col) in cells else None for row in rows]
    whole = [lit for lit in lits if isinstance(lit, Lit)]
    if whole and all(_whole(lit) or _cents(lit) for lit in whole) and any(map(_cents, whole)):
        return True
    if not whole or not all(_whole(lit) for lit in whole):
        return False
    return any(lit.number.value >= 100 and lit.number.trailing_zeros == 0 for lit in whole)


def _cents(lit: Lit) -> bool:
    """A sum of money written to the cent (``$23,231.52``)."""
    money = lit.unit is not None and lit.unit.kind == "currency"
    plain = not (lit.approx or lit.scale or lit.is_range or lit.number.exponent)
    return money and plain and lit.number.decimals == 2


def _kind(unit: Unit | None) -> str:
    return unit.kind if unit is not None else ""


def _list_totals(items: list[Item], read: Reading) -> list[Claim]:
    claims = []
    start = 0
    for k, item in enumerate(items):
        total = item.value
        if total is None or not TOTAL_LABEL.search(item.label):
            continue
        run = items[start:k]
        start = k + 1
        if item.derived:
            continue  # it shows its own addends: the equation is checked as written
        if total.unit is None or total.bound or total.per:
            continue
        parts = []
        kept = [p for p in run if not NOT_A_PART.search(p.label)]
        per_one = per_one_of_many(dict(enumerate(p.label for p in kept)))
        kept = [p for k, p in enumerate(kept) if k not in per_one]  # "Attention per layer"
        if not _same_scope(item, kept) or any(_another_figure(p, total.unit) for p in kept):
            continue
        read_parts = [
            _part(p.value or p.formula, p.where, p.line, read)  # type: ignore[arg-type]
            for p in kept
            if p.value is None or not p.value.per
        ]
        found = [part for part in read_parts if part is not None]
        if len(found) >= 2 and all(part.value.bare for part in found):
            # "- linear term: ≈ 1.68e16 … - total: ≈ 3.25e17 FLOPs": parts in the total's unit,
            # when the total reads as their sum (per-layer counts under a model total do not)
            found = [_in_unit(part, total.unit) for part in found]
            if not _reads_as_sum(read.stated(total).point, found):
                continue
        for part in found:
            if (
                part.value.dims == total.unit.dims
                and part.kind == total.unit.kind
                and part.counted == total.unit.counted  # node-hours do not add to GPU-hours
            ):
                parts.append(part)
        if len(parts) >= 2 and _adds_up_to(total, parts, read):
            claim = _sum_claim(total, item.where, parts, read)
            if _fits(claim, read) or not _set_aside_parts_add_up(total, run, parts, read):
                claims.append(claim)
    return claims


def _set_aside_parts_add_up(total: Lit, run: list[Item], parts: list[Part], read: Reading) -> bool:
    """Whether the items a label set aside as no part (``Remaining 35,000 GB at $0.07:
    $2,450.00``) make the parts add up to the total exactly: then they are parts after all."""
    aside = [
        part
        for p in run
        if NOT_A_PART.search(p.label) and p.value is not None and not p.value.per
        if (part := _part(p.value, p.where, p.line, read)) is not None
    ]
    if not aside:
        return False
    every = sorted([*parts, *aside], key=lambda part: part.line)
    claim = _sum_claim(total, run[-1].where, every, read)
    return _adds_up_exactly(claim, read)


def _another_figure(item: Item, unit: Unit) -> bool:
    """Whether an item's text goes on, after its value, to another figure in ``unit`` (``300
    node-hours; over 30.42 days that is 9,125 node-hours``): which one a total adds is
    unsure. A restatement in another unit (``16.1 GB (15.0 GiB)``) is no other figure."""
    node = item.value or item.formula
    if node is None:
        return False
    end = max((lit.end for lit in literals(node)), default=0)
    return any(
        lit.start > end
        and lit.unit is not None
        and (lit.unit.dims, lit.unit.factor) == (unit.dims, unit.factor)
        for chain in item.where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
    )


def _in_unit(part: Part, unit: Unit) -> Part:
    """A bare part read in ``unit``."""
    value = Value(
        part.value.point * unit.factor, part.value.interval.scale(unit.factor), unit.dims, False
    )
    return Part(value, unit.kind, part.text, part.line, unit.counted)


def _scope(label: str) -> frozenset[str]:
    """The units a label says its value is per: ``KV cache per GPU`` → ``{"gpu"}``."""
    return frozenset(noun_key(found.group(1)) for found in PER_SCOPE.finditer(label))


def _same_scope(total: Item, parts: list[Item]) -> bool:
    """Whether a total and its parts are about one scope. Parts per GPU do not add up to a
    total across the node or per node, nor parts per request and per token to anything;
    a part or total that does not say takes the scope of the others (or of its section)."""
    if WIDER_SCOPE.search(total.label) and not any(WIDER_SCOPE.search(p.label) for p in parts):
        return False
    section = _scope(" ".join(total.where.segment.section))
    stated = {_scope(p.label) for p in parts} - {frozenset()}
    if len(stated) > 1:
        return False
    part_scope = next(iter(stated), section)
    total_scope = _scope(total.label) or section
    return not (part_scope and total_scope and part_scope != total_scope)


def _adds_up_to(total: Lit, parts: list[Part], read: Reading) -> bool:
    """Percentages add up only as shares of one whole: a total of 100 %, or parts that make
    100 % (then a total of 90 % is wrong); rates like "89 %, 68 %, total 83 %" are not shares."""
    if not total.is_percent:
        return True
    if read.stated(total).interval.contains(1):
        return True
    return bool(parts) and _sum_interval(parts).contains(1)


def _sum_claim(total: Lit, where: Scanned, parts: list[Part], read: Reading) -> Claim:
    """The claim over the longest run of parts ending at the total that fits, else all parts."""
    stated = read.stated(total)
    runs = _run_sums(parts)  # runs[k]: the sum of parts[k:], each found in linear time
    wholes = _wholes_before(parts, stated)
    # A total of many significant digits that a run adds up to exactly is no coincidence.
    precise = len(total.number.digits.strip("0")) >= _NO_COINCIDENCE_DIGITS
    first = next(
        (
            k
            for k in range(len(parts) - 1)
            if (k == 0 or wholes[k] or precise) and runs[k].overlaps(stated.interval)
        ),
        0,
    )
    parts = parts[first:]
    point = sum((p.value.point for p in parts[1:]), start=parts[0].value.point)
    computed = Value(point, runs[first], parts[0].value.dims, False)
    return Claim(
        "sum",
        total,
        where,
        computed=computed,
        derivation=_parts_text(parts),
        parts=[Related(p.line, p.text) for p in parts],
        zeros_cap=_granularity(total, parts),
    )


def _granularity(total: Lit, parts: list[Part]) -> int | None:
    """The trailing zeros of the finest whole-number part, when fewer than the total's
    (``48,000,000 + 34,000,000 + 4,000,000`` is to the million): the total's zeros beyond
    them are exact, not a rounding of 5 %. None for any other column."""
    if not total.number.is_plain_integer or total.number.trailing_zeros < 2:
        return None
    texts = [p.text.strip("*_ ").lstrip("$€").replace(",", "") for p in parts]
    if not texts or not all(t.isascii() and t.isdigit() for t in texts):
        return None
    finest = min(len(t) - len(t.rstrip("0")) for t in texts)
    return finest if finest < total.number.trailing_zeros else None


#: Significant digits of a total that a shorter run of rows fits only by being its parts.
_NO_COINCIDENCE_DIGITS = 7


def _wholes_before(parts: list[Part], stated: Value) -> list[bool]:
    """For each k, whether the parts before k may be left out: only when one of them is a
    whole the run fills ("GPU memory: 80 GB" above parts that total 73 GB), never because a
    shorter run happens to fit (2 + 4 + 4 + 4 with a total of 12 is wrong, not 4 + 4 + 4)."""
    wholes = [False]
    for part in parts[:-1]:
        wholes.append(wholes[-1] or part.value.point >= stated.point)
    return wholes


def _run_sums(parts: list[Part]) -> list[Interval]:
    """For each k, the sum of ``parts[k:]`` (exact, so the order of the additions does not
    matter)."""
    runs = [parts[-1].value.interval]
    for part in reversed(parts[:-1]):
        runs.append(part.value.interval + runs[-1])
    return runs[::-1]


def _sum_interval(parts: list[Part]) -> Interval:
    interval = parts[0].value.interval
    for part in parts[1:]:
        interval = interval + part.value.interval
    return interval


def _parts_text(parts: list[Part]) -> str:
    if len(parts) > 8:
        lines = [p.line for p in parts]
        return f"the {len(parts)} parts on lines {min(lines)}–{max(lines)}"
    return " + ".join(f"{p.text} (line {p.line})" for p in parts)


# --------------------------------------------------------------------------------------------
# Tables


#: A header's unit in parentheses or brackets at its end (``raw size (GB)``).
HEADER_UNIT_SUFFIX = lazy_compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")
#: A column header of money: a currency sign or a word for a price or a cost.
MONEY_HEADER = lazy_compile(r"[$€£]|\b(?:cost|price|usd|eur|spend)\b", regex.IGNORECASE)

_HEADER_UNIT = lazy_compile(r"[(\[]\s*([^()\[\]]{1,20}?)\s*[)\]]\s*$|,\s*(\S{1,20})\s*$")


def header_unit_text(header: str) -> str:
    """The words of a header that name its unit: in brackets at its end (``Size (GB)``), after
    a last comma (``Cost, USD``), else the whole header."""
    match = _HEADER_UNIT.search(header)
    return (match.group(1) or match.group(2)) if match else header.strip()


def _header_unit(header: str) -> tuple[Unit | None, str]:
    text = header_unit_text(header)
    table = unit_table()
    unit = table.lookup(text)
    if unit is None and "/" in text:
        num, _, den = text.partition("/")
        a, b = table.lookup(num.strip()), table.lookup(den.strip())
        if a is not None and b is not None:
            unit = a.per(b)
        elif a is not None and a.kind == "currency" and den.strip().lower() in PERIOD_WORDS:
            unit = a  # "$/month": money (over a calendar period, which has no unit)
    return unit, text


def cell_value(where: Scanned) -> Node | None:
    """The value a cell holds: a literal or a formula, and nothing else around it."""
    found = primary_value(where.result.chains, 0, len(where.text), where.text)
    if found is None:
        return None
    node, start = found
    return None if where.text[:start].strip(" ~≈=*_") else node


def stated_totals(doc: Document, scanned: list[Scanned], items: list[Item]) -> list[Total]:
    """Every Total the document states: ``Total: 20 GB`` lines and the cells of a table's
    **Total** row (with their column's unit)."""
    found = [
        Total(item.value, item.where, item.line)
        for item in items
        if item.value is not None and TOTAL_LABEL.search(item.label)
    ]
    labels = {
        (cell.table, cell.row): where.text
        for where in scanned
        if (cell := where.segment.cell) is not None and cell.col == 0 and not cell.is_header
    }
    for where in scanned:
        cell = where.segment.cell
        if cell is None or cell.is_header or cell.col == 0:
            continue
        if not TOTAL_LABEL.search(labels.get((cell.table, cell.row), "")):
            continue
        node = cell_value(where)
        if not isinstance(node, Lit):
            continue
        line = doc.position(where.offsets[node.num_start])[0]
        found.append(Total(_with_header_unit(node, *_header_unit(cell.header)), where, line))
    return sorted(found, key=lambda total: total.line)


@dataclass(frozen=True)
class Total:
    """A stated total: its value, where and on which line."""

    value: Lit
    where: Scanned
    line: int


def _table_totals(doc: Document, scanned: list[Scanned], read: Reading) -> list[Claim]:
    tables: dict[int, dict[tuple[int, int], Scanned]] = {}
    budgets: set[int] = set()  # tables a lead-in calls a budget ("Our p99 budget by stage:")
    lead: Scanned | None = None
    for where in scanned:
        cell = where.segment.cell
        if cell is None:
            lead = where if where.segment.kind == "paragraph" else None
            continue
        if cell.table not in tables and lead is not None and leads_into(doc, lead, where):
            budgets |= {cell.table} if BUDGET_HEADER.search(lead.text) else set()
        tables.setdefault(cell.table, {})[(cell.row, cell.col)] = where
    claims = []
    for table, cells in tables.items():
        rows = sorted({r for r, _ in cells if r > 0})
        cols = sorted({c for _, c in cells})
        labels = _bold_subtotals(doc, cells, rows, {r: _row_label(cells, r, cols) for r in rows})
        value_cols = cols[1:] if cols and cols[0] == 0 else cols
        for col in value_cols:
            claims.extend(_column_totals(doc, cells, rows, col, labels, read, table in budgets))
        claims.extend(_row_totals(doc, cells, rows, labels, read))
        claims.extend(_bold_total_row(doc, cells, rows, value_cols, labels, read))
    return claims


def leads_into(doc: Document, paragraph: Scanned, cell: Scanned) -> bool:
    """The paragraph ends on the line before the table (or one blank line before it)."""
    if not paragraph.segment.offsets or not cell.segment.offsets:
        return False
    last = doc.position(paragraph.segment.offsets[-1])[0]
    return 0 < doc.position(cell.segment.offsets[0])[0] - last <= 2


#: A cell written wholly in bold (``**141**``).
_BOLD = lazy_compile(r"^\s*(\*\*|__)(?=\S).*\S\1\s*$")


def _bold_total_row(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    rows: list[int],
    cols: list[int],
    labels: dict[int, str],
    read: Reading,
) -> list[Claim]:
    """A last row in bold throughout whose label names the quantity, not a total (``| **TTFT**
    | **141** | **300** |``): a total row when one of its columns adds up to it exactly from
    three parts or more, or when its label names the whole the rows make up (``| **Cluster** |
    **49.83** |`` under brokers 1 to 9); then each of its columns is read as a sum."""
    if len(rows) < 4 or any(TOTAL_LABEL.search(labels[r]) for r in rows):
        return []
    last = rows[-1]
    starts = [where.offsets[0] for (r, _), where in cells.items() if r == last and where.offsets]
    if not starts:
        return []
    line = doc.line_text(doc.position(min(starts))[0]).strip().strip("|")
    texts = [text for text in line.split("|") if text.strip()]  # an empty cell stays empty
    whole = _WHOLE_LABEL.fullmatch(labels[last].strip("*_ ")) is not None
    if len(texts) < (2 if whole else 3) or not all(_BOLD.match(text) for text in texts):
        return []
    relabelled = {**labels, last: "total"}
    claims = [
        claim for col in cols for claim in _column_totals(doc, cells, rows, col, relabelled, read)
    ]
    return claims if whole or any(_adds_up_exactly(claim, read) for claim in claims) else []


#: A row label that names the whole its table's rows make up.
_WHOLE_LABEL = lazy_compile(
    r"(?:the\s+)?(?:whole\s+)?(?:cluster|fleet|all|everything|grand\s+total|aggregate)"
    r"|all\s+(?:the\s+)?[a-z][a-z-]*s",  # "All rungs"
    regex.IGNORECASE,
)


def _adds_up_exactly(claim: Claim, read: Reading) -> bool:
    """Three parts or more whose sum, as written, is the stated total as written."""
    assert claim.computed is not None
    stated = read.stated(claim.stated).interval
    return len(claim.parts) >= 3 and stated.contains(claim.computed.point)


def _row_label(cells: dict[tuple[int, int], Scanned], row: int, cols: list[int]) -> str:
    """The text naming a row: its first cell, or when that is an index (``| 4 |``) or empty
    the first cell with a word (``| | **Reserved subtotal** |``)."""
    texts = [" ".join(cells[(row, c)].text.split()) for c in cols if (row, c) in cells]
    first = " ".join(cells[(row, 0)].text.split()) if (row, 0) in cells else ""
    if first and not first.strip("#*_ ").isdigit():
        return first
    return next((text for text in texts if regex.search(r"[^\W\d_]", text)), first)


def _row_totals(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    rows: list[int],
    labels: dict[int, str],
    read: Reading,
) -> list[Claim]:
    """A ``Total`` column: each row's total of the columns just left of it. Which columns are
    its parts (``| GPUs | Q1 | Q2 | Q3 | Total |`` adds the quarters, not the GPUs) is what
    the rows show: the one run of columns that adds up on every row but at most one."""
    headers = _headers(cells)
    claims: list[Claim] = []
    for col, header in headers.items():
        quarter = _quarter_of_months(headers, col)
        total = TOTAL_LABEL.search(header) and not SUBTOTAL_LABEL.search(header)
        if not (total or quarter) or col < 2:
            continue
        body = [r for r in rows if not TOTAL_LABEL.search(labels[r])]
        runs: list[tuple[int, dict[int, Claim]]] = []
        for first in [quarter] if quarter else range(col - 2, 0, -1):
            parts = range(first, col)
            if any(non_additive(headers.get(c, "")) for c in parts):
                break
            claims_by_row = {}
            for row in body:
                if all(_dash(cells.get((row, c))) for c in parts):
                    continue  # "| A: on-demand | — | — | $26,250 |": no parts on this row
                claim = _row_claim(doc, cells, row, parts, col, headers, read)
                if claim is None:
                    break
                claims_by_row[row] = claim
            else:
                wrong = sum(1 for c in claims_by_row.values() if not _fits(c, read))
                whole = [c for c in claims_by_row.values() if len(c.parts) == len(parts)]
                # A row with a dash for a part is read only where two whole rows add up.
                shown = len(whole) == len(body) or sum(map(partial(_fits, read=read), whole)) >= 2
                evident = len(body) - wrong >= 2 and wrong <= 1
                if shown and (evident or _exact_rows(claims_by_row.values(), read)):
                    runs.append((wrong, claims_by_row))
        # One run that adds up everywhere; else one run that adds up on all rows but one.
        fitting = [run for wrong, run in runs if wrong == 0] or [run for _, run in runs]
        if len(fitting) == 1:
            claims.extend(fitting[0].values())
    return claims


#: The months of each quarter, by their first three letters.
_QUARTERS = {
    "q1": ("jan", "feb", "mar"),
    "q2": ("apr", "may", "jun"),
    "q3": ("jul", "aug", "sep"),
    "q4": ("oct", "nov", "dec"),
}
_QUARTER = lazy_compile(r"(?:\w+\s+)?(Q[1-4])(?:\s+(?:'?\d{2}|\d{4}))?", regex.IGNORECASE)


def _quarter_of_months(headers: dict[int, str], col: int) -> int | None:
    """``| Jul | Aug | Sep | Q3 |``: a quarter's column right after its three months, whose
    rows add them up; the column of its first month."""
    match = _QUARTER.fullmatch(headers[col])
    if match is None or col < 4:
        return None
    months = _QUARTERS[match.group(1).lower()]
    written = tuple(headers.get(col - 3 + k, "").lower()[:3] for k in range(3))
    return col - 3 if written == months else None


def _exact_rows(claims: Iterable[Claim], read: Reading) -> bool:
    """Whether each row that adds up adds three parts or more to its total to the last written
    digit (``$250,000 + $21,989 + $64,800 + $37,500 = $374,289``): such a row shows what the
    Total column adds, however many other rows break it."""
    holding = [claim for claim in claims if _fits(claim, read)]
    return bool(holding) and all(_adds_up_exactly(claim, read) for claim in holding)


def _headers(cells: dict[tuple[int, int], Scanned]) -> dict[int, str]:
    headers: dict[int, str] = {}
    for (_, col), where in cells.items():
        cell = where.segment.cell
        if cell is not None:
            headers.setdefault(col, " ".join(cell.header.split()).strip("*_ "))
    return headers


#: A cell that states a row has no such part: a dash alone.
_NOTHING = frozenset({"—", "–", "-", "−"})


def _row_claim(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    row: int,
    parts: range,
    col: int,
    headers: dict[int, str],
    read: Reading,
) -> Claim | None:
    """The claim that a row's Total cell is the sum of its cells in ``parts``."""
    where = cells.get((row, col))
    total = cell_value(where) if where is not None else None
    if where is None or not isinstance(total, Lit) or total.bound:
        return None
    found = []
    total_unit = _header_unit(headers.get(col, ""))
    for part_col in parts:
        cell = cells.get((row, part_col))
        if _dash(cell):
            continue  # "| 12,027.48 | — | 168.83 |": no such part on this row
        node = cell_value(cell) if cell is not None else None
        if cell is None or not isinstance(node, Lit):
            return None
        line = doc.position(cell.offsets[node.num_start])[0]
        unit = _header_unit(headers.get(part_col, ""))
        if unit[0] is None:
            unit = total_unit  # "| states | activations | total (GB) |": parts in the total's unit
        part = _part(node, cell, line, read, unit)
        if part is None:
            return None
        found.append(part)
    if len(found) < 2:
        return None
    total = _with_header_unit(total, *total_unit)
    dims, kind = read.stated(total).dims, _kind(total.unit)
    if any(p.value.dims != dims or p.kind != kind for p in found):
        return None
    if not _adds_up_to(total, found, read):
        return None
    return _sum_claim(total, where, found, read)


def _dash(cell: Scanned | None) -> bool:
    """A cell that states its row has no such part: a dash alone."""
    return cell is not None and cell.text.strip() in _NOTHING


def _fits(claim: Claim, read: Reading) -> bool:
    assert claim.computed is not None
    return claim.computed.interval.overlaps(read.stated(claim.stated).interval)


#: A Total row's cell that says it holds an average, not a sum: ``28.8 (avg)``.
_AVERAGE_CELL = lazy_compile(r"\b(?:avg|average|mean|median|weighted)\b", regex.IGNORECASE)
#: A cell that is a multiple (``80×``, ``**86.3x**``): a ratio of two figures, which add up
#: only as the ratio of their sums.
_MULTIPLE_CELL = lazy_compile(r"^[*_~\s]*\d[\d,.]*\s*[×x][*_\s]*$")


def _multiples(cells: dict[tuple[int, int], Scanned], rows: list[int], col: int) -> bool:
    """Whether every filled cell of the column is a multiple (``_MULTIPLE_CELL``)."""
    texts = [cells[(r, col)].text.strip() for r in rows if (r, col) in cells]
    filled = [t for t in texts if t]
    return bool(filled) and all(_MULTIPLE_CELL.match(t) for t in filled)


def _column_totals(
    doc: Document,
    cells: dict[tuple[int, int], Scanned],
    rows: list[int],
    col: int,
    labels: dict[int, str],
    read: Reading,
    budget: bool = False,
) -> list[Claim]:
    """The Total rows of one column; ``budget`` when the table's lead-in calls it a budget,
    whose rows add up even under a tail header (``p99 (ms)``)."""
    header = next(
        (cell.header for r in rows if (r, col) in cells and (cell := cells[(r, col)].segment.cell)),
        "",
    )
    if non_additive(header) or _multiples(cells, rows, col):
        return []
    header_unit = _header_unit(header)
    table_claim = partial(_table_claim, header_unit=header_unit, read=read, budget=budget)
    units = _shown_to_units(cells, rows, col)
    counts = {} if TOTAL_LABEL.search(header) else _counts(cells, rows, col)
    claims = []
    parts: list[Part] = []
    part_labels: list[str] = []
    part_rows: list[int] = []  # the row of each part
    kept_labels: list[str] = []  # the labels of the kept rows
    counted: list[Part] = []
    kept: list[Part] = []  # the parts but detail rows (``One expert`` under ``All 128 experts``)
    details = _detail_rows(cells, rows, col)
    subtotals: list[Part] = []  # the subtotals above, each a part of the next total
    every: list[Part] = []  # every row under those subtotals
    # Rows of a figure per unit ("Attention (per layer)"): the total counts them, so it is
    # read with the counts even when it does not fit (else only when it fits that way).
    per_rows = False
    # A table whose first data row was written as its header ("| FAILING | 16 |").
    header_cell = cells.get((0, col))
    header_node = cell_value(header_cell) if header_cell is not None else None
    if isinstance(header_node, Lit) and header_cell is not None:
        line = doc.position(header_cell.offsets[header_node.num_start])[0]
        first_row = _part(header_node, header_cell, line, read, header_unit)
    else:
        first_row = None
    for row in rows:
        where = cells.get((row, col))
        text = where.text.strip() if where else ""
        label = labels[row]
        subtotal = SUBTOTAL_LABEL.search(label) is not None
        under = TOTAL_LABEL.search(label) is not None and not subtotal and bool(subtotals)
        if under:
            # A total under subtotals adds them and the rows after the last one.
            parts, counted, per_rows = [*subtotals, *parts], [*subtotals, *counted], False
            kept = [*subtotals, *kept]
        if TOTAL_LABEL.search(label):
            total = cell_value(where) if where and not _AVERAGE_CELL.search(text) else None
            if isinstance(total, Lit) and where is not None and len(parts) >= 2:
                claim = table_claim(total, where, parts, first_row=first_row)
                if subtotal and subtotals and claim is not None and not _fits(claim, read):
                    # "| Subtotal |" under "| Compute subtotal |": it may add that one too
                    nested = table_claim(total, where, [*subtotals, *parts])
                    if nested is not None and (_fits(nested, read) or _nearer_sum(nested, claim)):
                        claim = nested
                if under and claim is not None and not _fits(claim, read):
                    # It may still add up the rows themselves when a subtotal is what is off.
                    rows_claim = table_claim(total, where, every)
                    if rows_claim is not None and _fits(rows_claim, read):
                        claim = rows_claim
                if claim is not None and counted != parts and not _fits(claim, read):
                    times = table_claim(total, where, counted)
                    if times is not None and (_fits(times, read) or per_rows):
                        claim = times
                if claim is not None and kept != parts and not _fits(claim, read):
                    claim = table_claim(total, where, kept)
                run = None if claim is not None else _kind_run(total, parts, part_labels, read)
                if run is not None:
                    claim = table_claim(total, where, run)
                named = _named_rows(label, parts, part_labels) or _named_rows(
                    label, parts, _row_texts(cells, part_rows, col, len(parts))
                )  # "GPU total" adds the rows whose Device cell says GPU
                if claim is not None and named and not _fits(claim, read):
                    claim = table_claim(total, where, named)  # "total GPU-hours": those rows
                if claim is not None and not _fits(claim, read) and len(part_rows) == len(parts):
                    multiplied = _multiplied_rows(cells, part_rows, labels)
                    rest = [p for p, r in zip(parts, part_rows, strict=True) if r not in multiplied]
                    alone = table_claim(total, where, rest) if multiplied else None
                    if alone is not None:
                        claim = alone  # "| two replicas | 2 × one replica |": not both added
                if claim is not None and not _fits(claim, read) and len(part_labels) == len(parts):
                    whole = [
                        p
                        for p, lab in zip(parts, part_labels, strict=True)
                        if not PER_ROW.search(_PARENTHESES.sub("", lab))
                    ]
                    alone = (
                        table_claim(total, where, whole) if 2 <= len(whole) < len(parts) else None
                    )
                    if alone is not None and _fits(alone, read):
                        claim = alone  # "| MLP, per layer | …": inside "| all 32 layers |"
                if claim is not None and _INCLUDES.search(label) and not _fits(claim, read):
                    claim = None  # "Total incl. GPU": it may add what another table holds
                if claim is not None and _made_otherwise(cells, row, col):
                    claim = None  # "| Total | 512 | 8 × 4 × 16 |": the row says how it is made
                if claim is not None and not _fits(claim, read) and _some_rows_add_up(total, parts):
                    claim = None  # per-layer and one-expert rows beside the totals they make
                scoped = kept_labels if kept != parts else part_labels  # detail rows aside
                mixed = counted == parts and _mixed_scopes(scoped)  # no count column
                if claim is not None and mixed and _many_times(claim, total, read):
                    claim = None  # "attention per layer", "one expert": the total counts them
                if claim is not None:
                    claims.append(claim)
            part = None
            if subtotal and isinstance(total, Lit) and where is not None:
                line = doc.position(where.offsets[total.num_start])[0]
                part = _part(total, where, line, read, header_unit, units)
            subtotals = [*subtotals, part] if part is not None else []
            every = every if subtotals else []
            parts, counted, kept, first_row, per_rows = [], [], [], None, False
            part_labels, kept_labels, part_rows = [], [], []
            continue
        if text in ("", "-", "–", "—", "n/a", "N/A", "0"):
            continue
        node = cell_value(where) if where else None
        first = literals(node)[0] if node is not None and literals(node) else None
        part = None
        if node is not None and first is not None and where is not None:
            line = doc.position(where.offsets[first.num_start])[0]
            part = _part(node, where, line, read, header_unit, units)
        if part is None:
            return claims  # a cell that is not a number: this column is not a sum
        parts.append(part)
        part_labels.append(label)
        part_rows.append(row)
        kept += [] if row in details else [part]
        kept_labels += [] if row in details else [label]
        every.append(part)
        counted.append(_times(part, counts.get(row, 1)))
        per_rows = per_rows or bool(counts.get(row, 1) != 1 and PER_ROW.search(label))
    return claims


#: A bracketed note in a label: ``RMSNorm weights (2 per layer + final)``.
_PARENTHESES = lazy_compile(r"\([^()]*\)")


def _multiplied_rows(
    cells: dict[tuple[int, int], Scanned], rows: list[int], labels: dict[int, str]
) -> set[int]:
    """The rows another row multiplies (``| GPU time, two replicas | 2 × one replica |`` names
    the row ``GPU time, one replica``): the other row's figure holds theirs."""
    found = set()
    for (other, _), where in cells.items():
        match = _MULTIPLE_OF.search(where.text) if other in rows else None
        if match is not None:
            named = match.group(1).strip().lower()
            found |= {r for r in rows if r != other and labels[r].lower().endswith(named)}
    return found


#: A multiple of a named row: ``2 × one replica``.
_MULTIPLE_OF = lazy_compile(r"\d\s*[×x*]\s*([A-Za-z][\w -]{2,40}?)\s*$", regex.I)


#: Parts within this factor of one another are alike: a Total between them is their mean
#: (a sum of two or more exceeds the largest); unlike parts may be rows of other things.
_ALIKE = 3


def _nearer_sum(one: Claim, other: Claim) -> bool:
    """Whether ``one`` computes a sum nearer (by ratio) its stated total than ``other``."""
    if one.computed is None or other.computed is None:
        return False
    try:
        stated = literal_value(one.stated, stated=False).point
    except NotEvaluable:
        return False
    gaps = []
    for claim in (one, other):
        value = claim.computed.point if claim.computed is not None else Fraction(0)
        if value <= 0 or stated <= 0:
            return False
        gaps.append(max(value / stated, stated / value))
    return gaps[0] < gaps[1]


#: Significant digits a total needs for an exact sum of some of its rows to be no chance.
_EXACT_DIGITS = 6
#: The most rows searched for such a sum.
_MAX_SUBSET_ROWS = 14


def _some_rows_add_up(total: Lit, parts: list[Part]) -> bool:
    """Some two or more of the rows add up to the total exactly, and it has six or more
    significant digits (``15,706,484,224`` from the all-layer rows of a table that lists each
    layer's too): the total is right and the table mixes scopes."""
    if len(total.number.digits.strip("0")) < _EXACT_DIGITS or len(parts) > _MAX_SUBSET_ROWS:
        return False
    scale = total.scale.factor if total.scale is not None else 1
    target = Fraction(total.number.value) * scale
    values = [p.value.point / (total.unit.factor if total.unit else 1) for p in parts]
    for size in range(2, len(values)):
        if any(sum(chosen, Fraction(0)) == target for chosen in combinations(values, size)):
            return True
    return False


def _made_otherwise(cells: dict[tuple[int, int], Scanned], row: int, col: int) -> bool:
    """Another cell of the Total row writes the total as a product, not a sum, or adds what
    the rows above do not hold (``| Layer total | + 2 RMSNorm weights | 855,654,400 |``)."""
    return any(
        (_PRODUCT_NOTE.search(where.text) and "+" not in where.text) or _ADDS_MORE.match(where.text)
        for (r, c), where in cells.items()
        if r == row and c != col
    )


#: A cell that adds something to the rows above: ``+ 2 RMSNorm weights`` (a signed figure
#: alone, ``+173,012`` or ``+5.5 %``, is a variance, not an addend).
_ADDS_MORE = lazy_compile(r"\s*\+\s*\w(?![\d,.]*\s*%?\s*\**\s*$)")


#: A product of numbers written in a cell: ``8 × 4 × 16``, ``128 nodes × 8 GPUs``.
_PRODUCT_NOTE = lazy_compile(r"\d\s*(?:[A-Za-z][\w-]*\s+)?[×xX*·]\s*\d")


def _bold_subtotals(
    doc: Document, cells: dict[tuple[int, int], Scanned], rows: list[int], labels: dict[int, str]
) -> dict[int, str]:
    """The labels with each bold row that is no total but adds up the rows above it (since
    the last such row) renamed a subtotal (``| **PyTorch allocations** | | **18.78** |`` under
    five rows that make 18.785, above ``CUDA context`` and ``**total on the device**``)."""
    renamed = dict(labels)
    since = 0
    totals = [n for n, row in enumerate(rows) if TOTAL_LABEL.search(labels[row])]
    for n, row in enumerate(rows):
        if not totals or n > totals[-1] or TOTAL_LABEL.search(labels[row]):
            continue  # a subtotal stands above a Total
        if not _bold_label(doc, cells, row):
            continue
        above = rows[since:n]
        if len(above) >= 2 and _adds_up(cells, row, above):
            renamed[row] = f"subtotal: {labels[row]}"
            since = n + 1
    return renamed


def _bold_label(doc: Document, cells: dict[tuple[int, int], Scanned], row: int) -> bool:
    where = cells.get((row, 0))
    if where is None or not where.offsets:
        return False
    line = doc.line_text(doc.position(where.offsets[0])[0]).strip().strip("|")
    first = line.split("|")[0]
    return _BOLD.match(first) is not None


def _adds_up(cells: dict[tuple[int, int], Scanned], row: int, above: list[int]) -> bool:
    """Every figure of ``row`` holds, to its written precision, the sum of the rows above."""
    held = 0
    for (r, col), where in cells.items():
        stated = cell_value(where)
        if r != row or col == 0 or not isinstance(stated, Lit):
            continue
        values = [cell_value(cells[(a, col)]) if (a, col) in cells else None for a in above]
        if not all(isinstance(v, Lit) for v in values):
            return False
        total = sum((written_interval(v, stated=True) for v in values if isinstance(v, Lit)),
                    Interval.point(Fraction(0)))  # fmt: skip
        if not total.overlaps(written_interval(stated, stated=True)):
            return False
        held += 1
    return held > 0


#: What a row label says its figure is one of: ``attention per layer``, ``one expert (…)``.
_ONE_OF = lazy_compile(
    r"(?:\b(?:per|each)|^\W*(?:one|a\s+single|single))\s+(?:[\w-]+\s+)?("
    r"layers?|blocks?|experts?|heads?|gpus?|devices?|nodes?|ranks?|replicas?|shards?|stages?"
    r"|requests?|sequences?|tokens?|instances?|pods?|servers?)\b",
    regex.I,
)


def _many_times(claim: Claim, total: Lit, read: Reading) -> bool:
    """The Total is several times its rows' sum: it counts some rows more than once."""
    computed = claim.computed
    return computed is not None and read.stated(total).point > 2 * computed.point


def _mixed_scopes(labels: list[str]) -> bool:
    """Rows of figures per different things (``… per layer``, ``one expert``, and a row of the
    whole model): a Total of the model counts each row some number of times the table does
    not give, so it is no plain sum of them."""
    scopes = set()
    for label in labels:
        found = _ONE_OF.search(label)
        scopes.add(noun_key(found.group(1)) if found else "")
    return len(scopes) > 1


#: A Total label that names what it includes (``Total incl. GPU``, ``Total with tax``,
#: ``total (+ final norm)``).
_INCLUDES = lazy_compile(
    r"\b(?:incl\b\.?|including|inclusive|plus|with)\b|(?<![\w)])\+\s*[A-Za-z]", regex.I
)
#: Row labels of a figure per something or a price, which no Total of amounts adds.
_RATE_LABEL = lazy_compile(r"\bper\b|/|\b(?:price|rate|each|unit\s+cost)\b", regex.I)

#: What a row label says its figure was computed at: ``Input cost at $2.50 / M``.
_AT_PRICE = lazy_compile(r"\s+(?:at|@)\s.*$", regex.I)


def _named_rows(label: str, parts: list[Part], labels: list[str]) -> list[Part]:
    """The rows whose labels name the unit the Total's label names (``total GPU-hours`` adds
    the ``… GPU-hours`` rows, not the ``$/GPU-h`` or ``TFLOP/s`` ones): two or more, and not
    every row; else none."""
    if len(parts) != len(labels):  # subtotals above: their rows are read so
        return []
    unit = _unit_named(label)
    if unit is not None:
        rows = [part for part, own in zip(parts, labels, strict=True) if _unit_named(own) == unit]
    else:  # "Switches in total" adds the "Leaf switches" and "Spine switches" rows
        noun = _noun_named(label)
        phrase = _phrase_named(label) if noun is None else ""
        named = [
            (noun is not None and noun in _label_nouns(own))
            or (bool(phrase) and phrase in " ".join(own.lower().split()))
            for own in labels
        ]
        rows = [part for part, is_named in zip(parts, named, strict=True) if is_named]
    return rows if 2 <= len(rows) < len(parts) else []


def _row_texts(
    cells: dict[tuple[int, int], Scanned], rows: list[int], col: int, parts: int
) -> list[str]:
    """Each part row's cells but the summed one, joined; none unless each part has its row."""
    if len(rows) != parts:
        return []
    return [
        " ".join(where.text for (r, c), where in sorted(cells.items()) if r == row and c != col)
        for row in rows
    ]


#: Words of a Total's label that say it is one, not what it adds up.
_TOTAL_WORDS = frozenset("total totals grand overall sum in of all the".split())


def _phrase_named(label: str) -> str:
    """The words a Total's label names besides saying it is a total, when several (``Hosted
    LLM total`` → ``hosted llm``): the rows it adds are those whose labels hold them."""
    words = [w for w in regex.findall(r"[A-Za-z][\w-]*", label) if w.lower() not in _TOTAL_WORDS]
    return " ".join(words).lower() if len(words) >= 2 else ""


def _noun_named(label: str) -> str | None:
    """The one word a Total's label names besides saying it is a total (``Switches in total``
    → ``switch``), as a noun key; None for none or several."""
    words = [w for w in regex.findall(r"[A-Za-z][\w-]*", label) if w.lower() not in _TOTAL_WORDS]
    return noun_key(words[0]) if len(words) == 1 else None


def _label_nouns(label: str) -> set[str]:
    """The noun keys of a row label's words outside brackets."""
    return {noun_key(w) for w in regex.findall(r"[A-Za-z][\w-]*", regex.sub(r"\(.*?\)", "", label))}


def _unit_named(label: str) -> str | None:
    """The last word of a row label that names a unit (``sweep + final GPU-hours``), as the
    unit table spells it; None for a label of a rate (``$/GPU-h``) or with no unit word."""
    if "/" in label or " per " in label.lower():
        return None
    table = unit_table()
    found = None
    for word in regex.findall(r"[A-Za-z][\w-]*", label):
        unit = table.lookup(word)
        if unit is not None and unit.kind not in ("multiplier", "percent"):
            found = unit.text
    return found


def _kind_run(total: Lit, parts: list[Part], labels: list[str], read: Reading) -> list[Part] | None:
    """The rows just above a Total that are of its kind, in a column that lists other kinds
    first (judgments, tokens, then dollars): a cost Total adds the cost rows. Only when those
    rows are the column's only ones of that kind (two or more) and none is a price (what a label
    says it was computed at, ``cost at $2.50 / M``, does not make it one)."""
    dims = read.stated(total).dims
    kind = _kind(total.unit)
    same = [p.value.dims == dims and p.kind == kind for p in parts]
    run = len(same) - next((n for n, s in enumerate(reversed(same)) if not s), len(same))
    if run == 0 or len(same) - run < 2 or any(same[:run]):
        return None
    if any(_RATE_LABEL.search(_AT_PRICE.sub("", label)) for label in labels[run:]):
        return None
    return parts[run:]


#: A formula cell that is a product of numbers: ``128 × 18,874,368``, ``301,989,888 × 8 × 56``.
_COUNT_TIMES = lazy_compile(r"\d[\d,]*(?:\s*[×x*·]\s*\d[\d,.]*[kKMB]?)+")


def _detail_rows(cells: dict[tuple[int, int], Scanned], rows: list[int], col: int) -> set[int]:
    """Rows whose figure in ``col`` is a factor of the formula cell of a row beside it (``One
    expert | 18,874,368`` beside ``All 128 experts | 128 × 18,874,368``), or rows right above
    one that add up to a factor: details of that row, not other addends."""
    factors: dict[int, set[Fraction]] = {}
    for (row, other), where in cells.items():
        if row not in rows or other == col or not _COUNT_TIMES.fullmatch(where.text.strip()):
            continue
        for chain in where.result.chains:
            for expr in chain.exprs:
                # the figure counted is the largest factor (not the 5,120 of 2 × 152,064 × 5,120)
                plain = [lit.number.value for lit in literals(expr) if lit.unit is None]
                factors.setdefault(row, set()).update(plain and [max(plain)])
    details = set()
    values: dict[int, Fraction] = {}
    for row in rows:
        node = cell_value(cells[(row, col)]) if (row, col) in cells else None
        if not isinstance(node, Lit) or node.number.value < 10:
            continue
        values[row] = node.number.value
        n = rows.index(row)
        beside = set(rows[max(0, n - 1) : n + 2]) - {row}
        if any(node.number.value in found for r, found in factors.items() if r in beside):
            details.add(row)
    for row, found in factors.items():
        details |= _summed_rows(rows[: rows.index(row)], values, found)
    for one in _ones_counted(cells, rows, values):
        details.add(one)  # "one layer | 198,195,200" beside "42 layers | 8,324,198,400"
        if one in values:
            details |= _summed_rows(rows[: rows.index(one)], values, {values[one]})
        details |= _per_rows_of(cells, rows[: rows.index(one)], one)
    return details | _per_one_of_many(cells, rows)


def _per_one_of_many(cells: dict[tuple[int, int], Scanned], rows: list[int]) -> set[int]:
    """The rows whose label says ``per <noun>`` (``Attention per layer: 4 × 3,072²``) beside a
    row that counts that noun (``32 layers, including norms``): parts of one, not addends."""

    labels = {}
    for row in rows:
        where = cells.get((row, 0))
        labels[row] = where.text.strip(" *_`") if where is not None else ""
    return per_one_of_many(labels)


def per_one_of_many(labels: Mapping[_K, str]) -> set[_K]:
    """The keys whose label says ``per <noun>`` beside a label that counts that noun (``All
    80 layers``, ``32 layers, including norms``)."""
    details: set[_K] = set()
    for key, text in labels.items():
        many = _MANY.match(text)
        if many is None:
            continue
        per = regex.compile(rf"\bper\s+{regex.escape(many.group(2))}s?\b", regex.I)
        details |= {other for other, label in labels.items() if other != key and per.search(label)}
    return details


def _per_rows_of(cells: dict[tuple[int, int], Scanned], above: list[int], one: int) -> set[int]:
    """The rows above a counted ``Per layer`` row whose labels say they are per that noun
    too (``Attention Q/K/V/O, per layer``): its parts, whether or not they add up to it."""

    def label(row: int) -> str:
        where = cells.get((row, 0))
        return where.text.strip(" *_`") if where is not None else ""

    found = _ONE.match(label(one))
    if found is None:
        return set()
    noun = regex.escape(found.group(1))
    per = regex.compile(rf"[,(]\s*(?:per|each|one)\s+{noun}s?\s*\)?\s*$", regex.I)
    return {row for row in above if per.search(label(row))}


#: A row label that counts its noun: ``42 layers``; and one that names one of it: ``one layer``.
_MANY = lazy_compile(r"^\W*(?:all\s+)?(\d[\d,]*)\s+([A-Za-z][\w-]*?)s?\b", regex.I)
#: The noun phrase such a label counts, singular: ``encoder layer`` of ``32 encoder layers``,
#: ``full backup`` of ``two full backups``.
_MANY_PHRASE = lazy_compile(
    r"^\W*(?:all\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*?)s\b",
    regex.I,
)
_ONE = lazy_compile(r"^\W*(?:one|a\s+single|single|per|each)\s+([A-Za-z][\w-]*?)s?\b", regex.I)


def _ones_counted(
    cells: dict[tuple[int, int], Scanned], rows: list[int], values: dict[int, Fraction]
) -> list[int]:
    """The rows labelled ``one <noun>`` that a row labelled ``N <nouns>`` counts N times (its
    figure is N times theirs)."""

    def label(row: int) -> str:
        where = cells.get((row, 0))
        return where.text.strip(" *_`") if where is not None else ""

    ones = {}
    for row in rows:
        found = _ONE.match(label(row))
        if found and row in values:
            ones[noun_key(found.group(1))] = row
    counted = []
    for row in rows:
        found = _MANY.match(label(row))
        one = ones.get(noun_key(found.group(2))) if found and row in values else None
        many = Fraction(found.group(1).replace(",", "")) if found is not None else None
        if one is None and many is not None and row in values:
            # "one encoder layer | 12,596,224" beside "24 layers | 302,309,376": the figures
            # say which one it counts when the nouns differ
            one = next((r for r in ones.values() if values[r] * many == values[row]), None)
        if (
            many is not None
            and one is not None
            and one != row
            and values[one] * many == values[row]
        ):
            counted.append(one)
        phrase = _MANY_PHRASE.match(label(row))
        if phrase is not None:
            others = [r for r in rows if r != row and (r, 0) in cells]
            counted.extend(_named_one(phrase.group(1), others, label))
    return counted


def _named_one(phrase: str, rows: list[int], label: Callable[[int], str]) -> list[int]:
    """The rows whose label is ``phrase`` itself, or it after a word or two that say which,
    with nothing but an aside after it (``Encoder layer (self-attn + MLP)`` beside ``32
    encoder layers``, ``Encoder block (…)`` beside ``24 blocks``): one of what it counts."""
    words = r"\s+".join(regex.escape(word) for word in phrase.split())
    named = regex.compile(
        rf"^\W*(?:one\s+|a\s+single\s+|each\s+|per\s+)?(?:[A-Za-z][\w-]*\s+){{0,2}}?"
        rf"{words}\s*(?:\(|,|$)",
        regex.I,
    )
    return [row for row in rows if named.match(label(row))]


def _summed_rows(above: list[int], values: dict[int, Fraction], factors: set[Fraction]) -> set[int]:
    """The rows right above a formula row whose figures add up to one of its factors
    (``Attention, per layer``, ``MLP, per layer``, ``Norms, per layer`` above ``All 32 layers |
    32 × 218,112,000``): details of that row, not addends of the Total."""
    total, run = Fraction(0), list[int]()
    for row in reversed(above):
        if row not in values:
            break
        total, run = total + values[row], [*run, row]
        if len(run) >= 2 and total in factors:
            return set(run)
    return set()


def _counts(cells: dict[tuple[int, int], Scanned], rows: list[int], col: int) -> dict[int, int]:
    """The multiplicity of each row from a count column left of ``col`` (empty: none)."""
    headers = _headers(cells)
    for count_col in range(1, col):
        if not COUNT_HEADER.match(headers.get(count_col, "")):
            continue
        counts = {}
        for row in rows:
            where = cells.get((row, count_col))
            node = cell_value(where) if where is not None else None
            if not isinstance(node, Lit) or node.unit is not None or node.scale is not None:
                continue
            if node.number.is_plain_integer and node.number.value > 0:
                counts[row] = int(node.number.value)
        if _already_counted(cells, counts, count_col, col):
            return {}
        return counts
    return {}


def _already_counted(
    cells: dict[tuple[int, int], Scanned], counts: dict[int, int], count_col: int, col: int
) -> bool:
    """Whether another column times the count gives ``col`` on every counted row (``| 48 |
    $32,000 | $1,536,000 |`` under ``Qty | Unit | Cost``): the column already holds each row's
    whole, counted once."""
    numbers = _column_numbers(cells, counts, col)
    if len(numbers) < 2:
        return False
    for other in {c for _, c in cells} - {count_col, col}:
        unit = _column_numbers(cells, counts, other)
        if unit.keys() >= numbers.keys() and all(
            abs(counts[r] * unit[r] - v) <= v / 100 for r, v in numbers.items()
        ):
            return True
    return False


def _column_numbers(
    cells: dict[tuple[int, int], Scanned], rows: dict[int, int], col: int
) -> dict[int, Fraction]:
    """The positive written numbers of ``col`` on ``rows``."""
    numbers = {}
    for row in rows:
        where = cells.get((row, col))
        node = cell_value(where) if where is not None else None
        if isinstance(node, Lit) and node.number.value > 0:
            numbers[row] = node.number.value
    return numbers


def _times(part: Part, count: int) -> Part:
    """A part counted ``count`` times: ``28 × 29,364,736``."""
    if count == 1:
        return part
    value = part.value
    factor = Fraction(count)
    scaled = Value(value.point * factor, value.interval.scale(factor), value.dims, value.bare)
    return Part(scaled, part.kind, f"{count} × {part.text}", part.line)


def _table_claim(
    total: Lit,
    where: Scanned,
    parts: list[Part],
    header_unit: tuple[Unit | None, str],
    read: Reading,
    first_row: Part | None = None,
    budget: bool = False,
) -> Claim | None:
    total = _with_header_unit(total, *header_unit)
    if first_row is not None:
        stated_interval = read.stated(total).interval
        if _sum_interval([first_row, *parts]).overlaps(stated_interval):
            parts = [first_row, *parts]
    if not _adds_up_to(total, parts, read):
        return None
    # One column holds one kind of quantity, so bare numbers add up too (its header names
    # the unit, known to speclint or not); units written in cells must agree.
    header = where.segment.cell.header if where.segment.cell else ""
    if total.unit is None and header.strip().strip("*_").lower() in GENERIC_HEADERS | {""}:
        return None  # "| Parameter | Value |": a key-value table, not a column of parts
    dims = read.stated(total).dims
    kind = _kind(total.unit)
    if any(p.value.dims != dims or p.kind != kind for p in parts):
        return None
    stated = read.stated(total).point
    if all(p.value.point == stated for p in parts):
        return None  # a uniform column ("80 GB" on every row) is not a sum
    points = [p.value.point for p in parts]
    if stated == points[-1] and all(a <= b for a, b in pairwise(points)):
        return None  # a running figure (256, 640, 1,152, 1,664): its Total is the last row
    if 0 < min(points) <= stated < max(points) <= _ALIKE * min(points):
        return None  # growth 7.6, 5.0, 8.3, 5.8 % over a Total of 6.5: a mean, never their sum
    if 0 < min(points) <= stated < max(points) < 1 and (total.unit is None or total.is_percent):
        return None  # shares 0.71, 0.58, 0.09 over a Total of 0.625: a weighted mean
    tail = TAIL_HEADER.search(header) and not (budget or BUDGET_HEADER.search(header))
    tail = tail and max(points) <= stated <= sum(points)
    if tail and not _sum_interval(parts).overlaps(read.stated(total).interval):
        return None  # the p99 of a request: between its worst stage and the p99s added
    if (PER_UNIT_HEADER.search(header) or any(e < 0 for e in dims)) and not _reads_as_sum(
        stated, parts
    ):
        return None
    return _sum_claim(total, where, parts, read)


def _reads_as_sum(stated: Fraction, parts: list[Part]) -> bool:
    """A Total row under figures per unit or rates is a sum only when it is larger than every
    part and within 2× of their sum; otherwise it is a blend (a weighted average, the worst
    row) or a figure of another scope (the fleet's total under a per-GPU column)."""
    points = [p.value.point for p in parts]
    if any(point <= 0 for point in points):
        return False
    total = sum(points[1:], start=points[0])
    return max(points) < stated <= 2 * total and total <= 2 * stated


def _billions_under(lit: Lit, unit: Unit | None) -> Lit:
    """``16.12B`` under a header that counts something else than bytes (``Tokens``): billions
    of it, as the column's Total row reads them."""
    if lit.alt_scale is None or unit is None or unit.dims[unit_table().names.index("byte")]:
        return lit
    return Lit(**{**lit.__dict__, "unit": None, "unit_text": "", "scale": lit.alt_scale,
                  "alt_scale": None})  # fmt: skip


def _with_header_unit(lit: Lit, unit: Unit | None, unit_text: str) -> Lit:
    if lit.unit is not None or unit is None:
        return lit
    sign = unit_text.partition("/")[0].strip()
    if unit.kind == "currency" and sign == unit.text and "/" in unit_text:
        # "$/month": money over a calendar period, shown as money ($1,509,990.40)
        return Lit(**{**lit.__dict__, "unit": unit, "prefix": sign})
    return Lit(**{**lit.__dict__, "unit": unit, "unit_text": unit_text})
