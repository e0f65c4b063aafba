"""Per-unit figures against totals: ``120 tokens/ms per GPU`` × ``32 GPUs`` = the system total.

Checked only when the document is unambiguous: one per-unit figure in the total's section with
the same unit, and one count of that unit anywhere in the document. Otherwise a matching reading
keeps the claim silent and a mismatch under several readings is not reported.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

import regex

from speclint.claims.model import Claim, Scanned, literal_text, noun_key
from speclint.claims.sums import Item
from speclint.claims.table_costs import row_cost_claims
from speclint.claims.table_formulas import stated_product_claims
from speclint.claims.table_rows import row_product_claims
from speclint.claims.table_scaling import row_scaling_claims
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Chain, Lit, Node, literals, strip_groups, walk
from speclint.formula.lexer import Token
from speclint.formula.vocabulary import DEVICE_NOUNS, NUMBER_WORDS
from speclint.patterns import SYSTEM_NAME, TP_DEGREE, lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

#: Words that make a label a total; not a part of a dotted name (``system.disks``).
TOTAL_WORDS = lazy_compile(
    r"(?<!\w\.)\b(?:total|system|aggregate|cluster|fleet|overall|combined|whole|all)\b(?!\.\w)",
    regex.IGNORECASE,
)
#: Labels that make a total system-wide, so the fleet's (largest) count applies.
SYSTEM_WORDS = lazy_compile(
    r"(?<!\w\.)\b(?:system|aggregate|cluster|fleet|overall|whole|all)\b(?!\.\w)", regex.IGNORECASE
)
PER_IN_LABEL = lazy_compile(r"\bper[- ]([A-Za-z][\w-]*)", regex.IGNORECASE)
#: A label about one unit: "all 8 experts in a layer", "KV for each sequence".
ONE_IN_LABEL = lazy_compile(
    r"\b(?:in|of|for|on|within)\s+(?:a|one|each|every|a\s+single)\s+([A-Za-z][\w-]*)",
    regex.IGNORECASE,
)
COUNT_LABEL = lazy_compile(
    r"^(?:number of |num(?:ber)? |#\s*)?([A-Za-z][\w-]*?)(?: count)?$", regex.IGNORECASE
)
MAX_LINE_DISTANCE = 30


@dataclass
class PerUnit:
    lit: Lit
    where: Scanned
    line: int
    noun: str


@dataclass
class Count:
    value: int
    text: str
    line: int
    noun: str = ""


class PerUnits:
    """The per-unit figures of a document by section and line, to find the ones at most
    ``MAX_LINE_DISTANCE`` lines before a total without a scan of them all."""

    def __init__(self, per_units: list[PerUnit]) -> None:
        #: Each section's figures as (line, order found, figure), sorted.
        self.sections: dict[tuple[str, ...], list[tuple[int, int, PerUnit]]] = {}
        for k, per in enumerate(per_units):
            self.sections.setdefault(per.where.segment.section, []).append((per.line, k, per))
        for entries in self.sections.values():
            entries.sort(key=lambda entry: entry[:2])
        self.lines = {key: [line for line, _, _ in found] for key, found in self.sections.items()}

    def before(self, section: tuple[str, ...], line: int) -> list[PerUnit]:
        """The figures of ``section`` on ``line`` and the ``MAX_LINE_DISTANCE`` lines above it,
        in the order they were found."""
        lines = self.lines.get(section, [])
        first = bisect_left(lines, line - MAX_LINE_DISTANCE)
        window = self.sections.get(section, [])[first : bisect_right(lines, line)]
        return [per for _, _, per in sorted(window, key=lambda entry: entry[1])]


def per_unit_claims(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Claim]:
    """Claims that a labelled total equals a per-unit figure times the count of units
    (written numbers read with ``tolerance``)."""
    counts: dict[str, dict[int, Count]] = {}
    per_units: list[PerUnit] = []
    totals: list[tuple[Item, Lit]] = []
    explicit = {
        where_id: list(_explicit_totals(doc, where)) for where_id, where in enumerate(scanned)
    }
    # "… across 24 GPUs" counts the GPUs of that one total, not of the whole document.
    local_counts = {id(count_lit) for found in explicit.values() for _, _, _, count_lit, _ in found}
    for where in scanned:
        for k, chain in enumerate(where.result.chains):
            for expr in chain.exprs:
                for lit in literals(expr):
                    line = doc.position(where.offsets[lit.num_start])[0]
                    if _of_a_pool(where.text, lit):
                        continue  # "4 of 8 GPUs used": 8 is the pool, not the system's count
                    if _priced_after(where, k, lit):
                        continue  # "85 credits → $255": a line item priced where it stands
                    # "4 GPUs per replica" is a count per something, not the system's
                    if lit.label and _is_count(lit) and id(lit) not in local_counts and not lit.per:
                        value = int(lit.number.value)
                        counts.setdefault(noun_key(lit.label), {}).setdefault(
                            value, Count(value, literal_text(lit, where), line)
                        )
                    if lit.per and lit.unit is not None and not _threshold(where.text, lit):
                        per_units.append(PerUnit(lit, where, line, noun_key(lit.per)))
    for item in items:
        if item.value is not None:
            _classify_item(item, item.value, counts, per_units, totals)
    nearby = PerUnits(per_units)
    claims = []
    for total, total_lit in totals:
        if total.derived:
            continue  # "Cluster: 512 × 395.6 TFLOP/s ≈ 202.5 PFLOP/s" is checked as written
        system_wide = SYSTEM_WORDS.search(total.label) is not None
        claim = _check_total(
            total_lit,
            total.where,
            total.line,
            nearby,
            counts,
            system_wide=system_wide,
            label=total.label,
            tolerance=tolerance,
        )
        if claim is not None and not _another_system(doc, total.label, claim):
            claims.append(claim)
    for where_id, where in enumerate(scanned):
        for stated, count, line, _, own in explicit[where_id]:
            if own is not None:
                continue  # the sentence splits it itself: no figure before is its share
            claim = _check_total(
                stated,
                where,
                line,
                nearby,
                {count.noun: {count.value: count}},
                tolerance=tolerance,
            )
            if claim is not None:
                claims.append(claim)
    for item, stated, count in _counted_items(items):
        claim = _check_total(
            stated, item.where, item.line, nearby, {count.noun: {count.value: count}},
            label=item.label, tolerance=tolerance,
        )  # fmt: skip
        if claim is not None:
            claims.append(claim)
    claims = [c for c in claims if not _product_stated_before(doc, scanned, c, tolerance)]
    for where in scanned:
        for restated, per in _restated_totals(doc, where):
            one = {per.noun: counts[per.noun]} if len(counts.get(per.noun, {})) == 1 else {}
            section = _section_counts(doc, where) if one else set()
            if section and not section & set(one[per.noun]):
                continue  # "Serving is TP = 2 on two H100s": not the document's 8 GPUs
            claim = _check_total(
                restated, where, per.line, PerUnits([per]), one, tolerance=tolerance, restated=True
            )
            if claim is not None:
                claims.append(claim)
    products = row_product_claims(doc, scanned, tolerance)
    claims.extend(products)
    # A cell the table shows as a product of two columns is not read again as a multiple.
    seen = {id(claim.stated) for claim in products}
    for claim in (
        *stated_product_claims(doc, scanned, tolerance),
        *row_scaling_claims(doc, scanned, tolerance),
        *row_cost_claims(doc, scanned, tolerance),
    ):
        if id(claim.stated) not in seen:
            seen.add(id(claim.stated))
            claims.append(claim)
    return claims


def _another_system(doc: Document, label: str, claim: Claim) -> bool:
    """Whether a total's label names systems (``DGX B200 maximum system power``) and the line
    of the per-unit figure it would multiply names none of them (``H100 SXM TDP: 700 W per
    GPU``): the total is another system's."""
    names = {m.group(0).lower() for m in SYSTEM_NAME.finditer(label)}
    if not names or not claim.parts:
        return False
    per_line = doc.line_text(claim.parts[0].line).lower()
    return not any(name in per_line for name in names)


def _product_stated_before(
    doc: Document, scanned: list[Scanned], claim: Claim, tolerance: Tolerance
) -> bool:
    """Whether a figure between the per-unit figure and a total it breaks states the product
    itself (``Per layer: 855,654,400`` … ``All 80 layers: 68.45B`` … ``Total: 70.55B``): the
    total is then a larger whole, that product and more."""
    computed, per_line = claim.computed, claim.parts[0].line if claim.parts else 0
    line = doc.position(claim.where.offsets[claim.stated.num_start])[0]
    if computed is None or per_line >= line:
        return False
    stated = literal_value(claim.stated, stated=True, tolerance=tolerance)
    if computed.interval.overlaps(stated.interval):
        return False
    hard = unit_table().hard_part
    for where in scanned:
        for chain in where.result.chains:
            for lit in literals(chain.exprs[-1]):
                at = doc.position(where.offsets[lit.num_start])[0]
                plain = (lit.unit is not None or lit.alt_scale is not None) and not lit.is_range
                if not per_line < at < line or not plain or lit.bound:
                    continue
                readings = [False, True] if lit.alt_scale is not None else [False]
                for billion in readings:  # "68.45B" of parameters: a billion, not bytes
                    value = literal_value(lit, stated=True, tolerance=tolerance, billion=billion)
                    same = hard(value.dims) == hard(computed.dims)
                    if same and value.interval.overlaps(computed.interval):
                        return True
    return False


#: Words before a figure, in its clause, that make it a trigger point (``the alarm trips at
#: 19.2 GB per node``, ``eviction kicks in at``): a limit, not an amount anything holds.
_THRESHOLD_BEFORE = lazy_compile(
    r"\b(?:trips|triggers?|fires|alarms?|watermark|kicks\s+in|threshold|evicts?|eviction)\b"
    r"[^,;:.()]{0,40}$",
    regex.IGNORECASE,
)


def _priced_after(where: Scanned, k: int, lit: Lit) -> bool:
    """A count an arrow or ``=`` turns into money right after it (``85 credits → $255``): one
    priced line item, not the count a total is of."""
    chains = where.result.chains
    if k + 1 >= len(chains) or strip_groups(chains[k].exprs[-1]) is not lit:
        return False
    between = where.text[lit.end : chains[k + 1].start].strip()
    after = strip_groups(chains[k + 1].exprs[0])
    money = isinstance(after, Lit) and after.unit is not None and after.unit.kind == "currency"
    return money and between in ("→", "->", "=", "≈")


def _threshold(text: str, lit: Lit) -> bool:
    return _THRESHOLD_BEFORE.search(text, max(0, lit.start - 60), lit.start) is not None


def _rate_before(where: Scanned, total: Lit) -> bool:
    """The total's sentence states, before it, a rate of the total's amount per unit of time
    (``~400.8 GB/day … 90 days hot: ~36.1 TB``): the per-unit figure it is made of."""
    assert total.unit is not None
    amount = (total.unit.dims[0], *total.unit.dims[2:])
    start = max(where.text.rfind(". ", 0, total.start), where.text.rfind("\n\n", 0, total.start))
    return any(
        start < lit.start < total.start
        and lit.unit is not None
        and lit.unit.dims[1] == total.unit.dims[1] - 1
        and (lit.unit.dims[0], *lit.unit.dims[2:]) == amount
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
    )


def _parts_fit(
    candidates: list[PerUnit],
    counts: dict[str, dict[int, Count]],
    stated: Value,
    tolerance: Tolerance,
) -> bool:
    """Whether the per-unit figures of one noun, added up, times one of its counts give the
    stated total: the total is of all of them, not of one."""
    nouns = {p.noun for p in candidates}
    if len(nouns) != 1 or len(candidates) < 2:
        return False
    noun = next(iter(nouns))
    values = [literal_value(p.lit, stated=True, tolerance=tolerance) for p in candidates]
    interval = values[0].interval
    for value in values[1:]:
        interval = interval + value.interval
    return any(
        (interval * Interval.point(Fraction(n))).overlaps(stated.interval) for n in counts[noun]
    )


#: Words joining a total to the count it covers: "3,840 tokens/ms across 32 GPUs".
ACROSS_WORDS = frozenset({"across", "on", "for", "from"})


def _explicit_totals(
    doc: Document, where: Scanned
) -> Iterator[tuple[Lit, Count, int, Lit, Lit | None]]:
    """``3,840 tokens/ms across 32 GPUs``: a total written next to its own count."""
    chains = where.result.chains
    for k, (first, second) in enumerate(pairwise(chains)):
        between = [t.text.lower() for t in where.tokens[first.tok_end : second.tok_start]]
        if not between or between[0] not in ACROSS_WORDS or not _determiners(between[1:]):
            continue  # "across 32 GPUs", "across the 32 nodes", "for all 32 nodes"
        total, count = strip_groups(first.exprs[-1]), strip_groups(second.exprs[0])
        if not (isinstance(total, Lit) and isinstance(count, Lit)):
            continue
        if total.unit is None or total.per or not count.label or not _is_count(count):
            continue
        if _LOAD_BEFORE.search(where.text, max(0, total.start - 24), total.start):
            continue  # "at the mean load (7,600 images/h on 36 GPUs)": served, not capacity
        line = doc.position(where.offsets[total.num_start])[0]
        value = int(count.number.value)
        found = Count(value, literal_text(count, where), line, noun_key(count.label))
        own = _each_after(where, chains[k + 2 :], total)
        yield total, found, line, count, own


def _determiners(words: list[str]) -> bool:
    """Nothing, ``the``, ``all`` or ``all the``: what may stand between ``across`` and a count."""
    return words in ([], ["the"], ["all"], ["all", "the"])


#: Words right before a rate that make it the load a fleet serves, not what it can do.
_LOAD_BEFORE = lazy_compile(
    r"\b(?:load|demand|traffic|arrivals?|usage)\s*(?:of|is|was|at|:|\()?\s*[~≈]?\s*$", regex.I
)


def _each_after(where: Scanned, after: list[Chain], total: Lit) -> Lit | None:
    """``1,196 tokens/s across 16 replicas, ≈ 74.7 tokens/s each``: the share of each unit
    the total's own sentence gives right after its count (which of the two is wrong, if one
    is, this reading cannot tell)."""
    if not after:
        return None
    lit = strip_groups(after[0].exprs[0])
    if not isinstance(lit, Lit) or lit.unit is None or lit.per or total.unit is None:
        return None
    end = after[0].tok_end
    each = end < len(where.tokens) and where.tokens[end].text.lower() == "each"
    return lit if each and lit.unit.dims == total.unit.dims else None


#: Words restating a total per unit: "436,907 tokens/s, which is 6,827 tokens/s per GPU".
RESTATE_WORDS = frozenset({",whichis", "(", ",i.e.", "i.e.", ",i.e.,", ",or", ",thatis"})
#: A total of one replica, node or engine: the document's count of the unit is not its count.
_PART_OF_FLEET = lazy_compile(
    r"\b(?:replicas?|nodes?|engines?|instances?|pods?|servers?|stages?|shards?)\b", regex.I
)


#: Right after a per-device figure, the split it is at: ``at TP=4``, ``with TP 8``, ``over 4
#: GPUs``.
_OWN_SPLIT = lazy_compile(
    r"[\s,]*(?:(?:at|with|under)\s+(?:TP|tensor[- ]parallel(?:ism)?)\s*[=:]?\s*\d"
    r"|(?:over|across|on)\s+\d+\s+(?:GPUs|devices|cards))",
    regex.I,
)


def _restated_totals(doc: Document, where: Scanned) -> Iterator[tuple[Lit, PerUnit]]:
    """A total and, right after it, the same quantity per unit (``67.6 GB of KV cache, which
    is 4.2 GB per GPU``); the count of the unit comes from the document."""
    for first, second in pairwise(where.result.chains):
        if not _restates(where.tokens[first.tok_end : second.tok_start]):
            continue
        total, per = strip_groups(first.exprs[-1]), strip_groups(second.exprs[0])
        if not (isinstance(total, Lit) and isinstance(per, Lit)):
            continue
        if total.unit is None or total.per or per.unit is None or not per.per:
            continue
        if len(first.exprs) > 1 and _divided_by_a_count(first.exprs[0]):
            continue  # "(2 + 12) × 12.248B / 8 = 21.43 GB, i.e. 45.93 GB per GPU": a share
        if _PART_OF_FLEET.search(where.text[max(0, total.start - 60) : per.end + 20]):
            continue
        if _OWN_SPLIT.match(where.text, per.end):
            continue  # "36.35 GB per GPU at TP=4": its own split, not the document's GPUs
        if noun_key(per.per) not in DEVICE_NOUNS:
            continue
        line = doc.position(where.offsets[per.num_start])[0]
        yield total, PerUnit(per, where, line, noun_key(per.per))


#: A count of devices where a section says what it runs on: ``two H100 SXM``, ``4 GPUs``,
#: ``8× A100`` (and a tensor-parallel degree, ``TP = 2``: ``TP_DEGREE``).
_DEVICE_COUNT = lazy_compile(
    r"(?<![\w.,])(\d{1,5}|"
    + "|".join(NUMBER_WORDS)
    + r")\s*(?:[×x]\s*)?(?:[A-Za-z][\w-]*\s+)?(?:gpus?|accelerators?|cards?|devices?|chips?"
    r"|(?-i:[A-Z]{1,3}\d{2,4}[A-Za-z]{0,3})s?)\b",
    regex.IGNORECASE,
)


def _section_counts(doc: Document, where: Scanned) -> set[int]:
    """The counts of devices the section of ``where`` states (``_DEVICE_COUNT``, ``TP_DEGREE``)."""
    section = where.segment.section
    found = set()
    for segment in doc.segments:
        if segment.section != section:
            continue
        for pattern in (_DEVICE_COUNT, TP_DEGREE):
            for match in pattern.finditer(segment.text):
                written = match.group(1).lower()
                found.add(int(written) if written.isdigit() else NUMBER_WORDS[written])
    return found


def _divided_by_a_count(node: Node) -> bool:
    """A formula that divides by a plain count (``… / 8``): its result is a share already."""
    return any(
        isinstance(n, BinOp)
        and n.op == "/"
        and isinstance(right := strip_groups(n.right), Lit)
        and right.unit is None
        and right.number.is_plain_integer
        for n in walk(node)
    )


def _restates(between: list[Token]) -> bool:
    """The tokens between a total and a per-unit figure restate it: up to four words of what
    the total is (``of KV cache``), then ``, which is``, ``i.e.``, ``(`` or ``, or``."""
    for k in range(min(len(between), 5)):
        if "".join(t.text.lower() for t in between[k:]) in RESTATE_WORDS:
            return True
        if between[k].kind != "word":
            return False
    return False


def _per_nouns(text: str) -> set[str]:
    """Nouns a text says it is per: ``Per GPU Memory Breakdown`` → ``{"gpu"}``, ``all 8 experts
    in a layer`` → ``{"layer"}``."""
    found = (*PER_IN_LABEL.finditer(text), *ONE_IN_LABEL.finditer(text))
    return {noun_key(m.group(1)) for m in found}


#: A count right after a part of it: ``4 of 8 GPUs``, ``6 out of 8 nodes``.
_PART_OF = lazy_compile(r"\d\s+(?:out\s+)?of\s+(?:the\s+)?$", regex.IGNORECASE)


def _of_a_pool(text: str, lit: Lit) -> bool:
    """The count is the whole a smaller count is part of (``4 of 8 GPUs used``)."""
    return _PART_OF.search(text, max(0, lit.start - 16), lit.start) is not None


def _is_count(lit: Lit) -> bool:
    return (
        lit.unit is None
        and lit.scale is None
        and lit.number.is_plain_integer
        and lit.number.value > 0
        and not lit.approx
        and not lit.bound
        and not lit.is_range
    )


#: An item's label that counts something: ``8,192-token context``, ``2,048 tokens``, ``32 GPUs``.
_COUNTING_LABEL = lazy_compile(
    r"^\s*(?:[A-Za-z]+\s+){0,2}?(?P<n>\d{1,3}(?:,\d{3})+|\d{1,7})[- ](?P<noun>[A-Za-z]+)"
    r"(?:\s+[A-Za-z]+)?\s*$"
)
#: Words after an item's value that make it one unit's: ``80 GB each``.
_ONE_UNITS = lazy_compile(r"\s*(?:each|apiece|per\b)", regex.I)


def _counted_items(items: list[Item]) -> Iterator[tuple[Item, Lit, Count]]:
    """``- 8,192-token context: 1.88 GB``: an item whose label counts a noun and whose value
    is the amount for that many (a per-noun figure before it gives the amount for one)."""
    for item in items:
        lit = item.value
        if lit is None or lit.unit is None or lit.per or item.derived or lit.bound:
            continue
        if lit.is_range or lit.is_percent or _ONE_UNITS.match(item.where.text, lit.end):
            continue
        found = _COUNTING_LABEL.match(item.label)
        if found is None:
            continue
        value = int(found.group("n").replace(",", ""))
        if value > 1:
            noun = noun_key(found.group("noun"))
            text = item.label[found.start("n") : found.end("noun")]  # "8,192-token"
            yield item, lit, Count(value, text, item.line, noun)


#: A figure said to be per something a few words on: ``6.43 GB of BF16 weights per GPU``.
_PER_AFTER = lazy_compile(r"(?:\s+[A-Za-z][\w-]*){0,4}\s+per\s+[A-Za-z]", regex.I)
#: ``with`` and the words of its phrase up to a ``per``: what follows describes a format.
_WITH_BEFORE = lazy_compile(r"\bwith\b[^,;:()]*$", regex.I)


def _classify_item(
    item: Item,
    lit: Lit,
    counts: dict[str, dict[int, Count]],
    per_units: list[PerUnit],
    totals: list[tuple[Item, Lit]],
) -> None:
    """File a ``Label: value`` item (``lit`` is its value) as a per-unit figure, a total or a
    count."""
    per = PER_IN_LABEL.search(item.label)
    if per and _WITH_BEFORE.search(item.label, 0, per.start()):
        per = None  # "kept in INT8 with per-row scales": the scales are per row, not the figure
    if per and lit.unit is not None and not lit.per:
        per_units.append(PerUnit(lit, item.where, item.line, noun_key(per.group(1))))
        return
    if TOTAL_WORDS.search(item.label) and lit.unit is not None and not lit.per:
        if not _PER_AFTER.match(item.where.text, lit.end):  # "6.43 GB of weights per GPU"
            totals.append((item, lit))
        return
    count = COUNT_LABEL.match(item.label.strip())
    if count and _is_count(lit) and not lit.label:
        value = int(lit.number.value)
        noun = noun_key(count.group(1))
        counts.setdefault(noun, {}).setdefault(
            value, Count(value, f"{item.label}: {lit.number.text}", item.line)
        )


def _check_total(
    total: Lit,
    where: Scanned,
    line: int,
    nearby: PerUnits,
    counts: dict[str, dict[int, Count]],
    *,
    system_wide: bool = False,
    label: str = "",
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    restated: bool = False,
) -> Claim | None:
    section = where.segment.section
    unit = total.unit
    assert unit is not None
    per_context = " ".join((*section, label))
    candidates = [
        p
        for p in nearby.before(section, line)  # the per-unit figure comes first
        if p.lit.unit is not None
        and p.lit.unit.dims == unit.dims
        and p.lit.unit.kind == unit.kind
        and p.noun in counts
        and p.lit is not total
        # "10.2 kW. … 80 % of that, 8.16 kW per node": derived after it, unless it restates it
        and (restated or not (p.where is where and p.lit.start > total.start))
        # GPU-hours are no node's time times nodes: a total that counts something counts
        # the per-unit figure's unit.
        and (not unit.counted or noun_key(unit.counted) == p.noun)
        # Under "Per GPU Memory", a total is itself per GPU.
        and noun_key(p.noun) not in _per_nouns(per_context)
    ]
    if not candidates:
        return None
    if all(p.where is not where for p in candidates) and _rate_before(where, total):
        return None  # "so ~400.8 GB/day, and keep 90 days hot: ~36.1 TB": its own rate
    stated = literal_value(total, stated=True, tolerance=tolerance)
    options = []
    for per in candidates:
        per_value = literal_value(per.lit, stated=True, tolerance=tolerance)
        for count in counts[per.noun].values():
            n = Fraction(count.value)
            computed = Value(
                per_value.point * n, per_value.interval * Interval.point(n), per_value.dims, False
            )
            option = (per, count, computed)
            if computed.interval.overlaps(stated.interval):
                options = [option]
                break
            options.append(option)
        else:
            continue
        break
    assumption = ""
    if len(options) > 1 and _parts_fit(candidates, counts, stated, tolerance):
        return None  # the total covers every per-unit part ("weights + KV per GPU × 8 GPUs")
    if len(options) > 1:
        # None fits. The total derives from the per-unit figure just before it ("Target …
        # Achieved … Total"), and a system-wide total covers the whole fleet: the largest count
        # ("32 GPUs", not the "8 GPUs" of one node). Without a system-wide label it is ambiguous.
        nearest = max(per.line for per, _, _ in options)
        options = [option for option in options if option[0].line == nearest]
        if len({id(per) for per, _, _ in options}) != 1:
            return None
        if len(options) > 1 and not system_wide:
            return None
        options = [max(options, key=lambda option: option[1].value)]
        others = sorted(
            {c.text for c in counts[options[0][0].noun].values()} - {options[0][1].text}
        )
        if others:
            assumption = (
                f"read against the largest count in the document; {', '.join(others)} also appear"
            )
    per, count, computed = options[0]
    return Claim(
        "per-unit",
        total,
        where,
        computed=computed,
        derivation=(
            f"{literal_text(per.lit, per.where)} (line {per.line})"
            f" × {count.text} (line {count.line})"
        ),
        assumption=assumption,
        parts=[
            Related(per.line, literal_text(per.lit, per.where)),
            Related(count.line, count.text),
        ],
    )
