"""From Markdown source to judged claims: the pipeline every rule reads from."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypedDict

import regex

from speclint.claims.back_references import back_reference_claims
from speclint.claims.carried_changes import carried_change_claims
from speclint.claims.carried_factors import carried_factor_claims
from speclint.claims.carried_items import carried_item_claims
from speclint.claims.carried_rates import carried_rate_claims
from speclint.claims.column_formulas import column_formula_claims
from speclint.claims.complements import item_complement_claims
from speclint.claims.config_comments import config_claims
from speclint.claims.converted_sums import converted_sum_claims, superseded
from speclint.claims.count_prices import apply_count_prices, count_prices
from speclint.claims.dtype_saving import dtype_saving_claims
from speclint.claims.extract import extract
from speclint.claims.fleet_costs import fleet_cost_claims
from speclint.claims.format_overhead import overhead_claims
from speclint.claims.formula_cells import formula_cell_claims
from speclint.claims.gpu_hours_wall import wall_clock_after_block
from speclint.claims.header_operations import header_operation_claims
from speclint.claims.item_containers import item_container_claims
from speclint.claims.item_restatements import item_restatement_claims
from speclint.claims.labelled_sums import labelled_sum_claims
from speclint.claims.labelled_units import labelled_unit_claims
from speclint.claims.list_transfers import list_transfer_claims
from speclint.claims.model import (
    MAX_SEGMENT_CHARS,
    Claim,
    ClaimKind,
    Definition,
    Scanned,
    Unchecked,
    note_unchecked,
    too_long,
)
from speclint.claims.named_changes import named_change_claims
from speclint.claims.node_counts import node_count_claims
from speclint.claims.node_hours import node_hour_claims
from speclint.claims.one_then_many import one_then_many_claims
from speclint.claims.operand_units import bare_operand_claims
from speclint.claims.per_part_items import per_part_item_claims, whole_item_claims
from speclint.claims.per_unit import per_unit_claims
from speclint.claims.period_pairs import period_pair_claims, restated_period_claims
from speclint.claims.pool_tokens import pool_token_claims
from speclint.claims.priced_hour_rows import priced_hour_row_claims
from speclint.claims.priced_hours import priced_hour_claims
from speclint.claims.priced_items import priced_item_claims
from speclint.claims.priced_unit_rows import priced_unit_row_claims
from speclint.claims.prose import extract_prose
from speclint.claims.recaps import recap_claims
from speclint.claims.references import reference_claims
from speclint.claims.replica_cells import replica_cell_claims
from speclint.claims.restated_share import restated_share_claims
from speclint.claims.row_cell_references import row_cell_reference_claims
from speclint.claims.row_comparisons import row_comparison_claims
from speclint.claims.row_named_shares import row_named_share_claims
from speclint.claims.row_shares import row_share_claims
from speclint.claims.row_total_shares import row_total_share_claims, share_column_claims
from speclint.claims.scope_restated import scope_restated_claims
from speclint.claims.sequence_fits import sequence_fit_claims
from speclint.claims.sharded_capacity import sharded_capacity_claims
from speclint.claims.share_of_it import share_of_it_claims
from speclint.claims.share_of_total import list_share_claims, share_of_total_claims
from speclint.claims.shared_links import shared_link_claims
from speclint.claims.sums import Item, document_items, sum_claims
from speclint.claims.symbols import SymbolTable, resolve_symbols
from speclint.claims.table_cell_products import cell_product_claims
from speclint.claims.table_changes import table_change_claims
from speclint.claims.table_clock_spans import table_clock_span_claims
from speclint.claims.table_complements import complement_claims
from speclint.claims.table_header_products import header_product_claims
from speclint.claims.table_key_products import key_product_claims
from speclint.claims.table_multiples import table_multiple_claims
from speclint.claims.table_proportions import proportional_claims
from speclint.claims.table_ratios import header_constant_claims, row_ratio_claims
from speclint.claims.table_reciprocals import reciprocal_claims
from speclint.claims.table_shares import table_share_claims
from speclint.claims.table_units import row_unit_claims
from speclint.claims.token_prices import section_price_claims
from speclint.claims.token_sizes import token_counts_of_amounts
from speclint.claims.token_time_rates import token_time_rate_claims
from speclint.claims.total_change import total_change_claims
from speclint.claims.transfer_times import transfer_time_claims
from speclint.claims.transposed import transposed_claims
from speclint.claims.unit_twins import unit_twin_claims
from speclint.document import (
    PLAIN_CODE_LANGUAGES,
    Document,
    Related,
    Segment,
    parse_document,
)
from speclint.formula.expr import Chain, Lit, idents, literals, span
from speclint.formula.lexer import LexTimeout, normalize, tokenize
from speclint.formula.parser import scan
from speclint.formula.vocabulary import COUNTED_ROW_NOUNS
from speclint.judgement.verdict import Verdict, VerdictStatus, judge
from speclint.patterns import lazy_compile
from speclint.quantity.exact import fold
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance


@dataclass
class Analysis:
    """Everything speclint extracted from one document, with verdicts computed on demand."""

    document: Document
    scanned: list[Scanned]
    claims: list[Claim]
    definitions: list[Definition]
    symbols: SymbolTable
    unchecked: list[Unchecked]
    #: ``Label: value`` lines of paragraphs, list items and code blocks.
    items: list[Item] = field(default_factory=list)
    tolerance: Tolerance = DEFAULT_TOLERANCE
    _verdicts: dict[int, Verdict] = field(default_factory=dict)

    def verdict(self, claim: Claim) -> Verdict:
        key = id(claim)
        if key not in self._verdicts:
            self._verdicts[key] = judge(claim, self.symbols, self.tolerance)
        return self._verdicts[key]

    def verdicts(self) -> list[Verdict]:
        return [self.verdict(claim) for claim in self.claims]


def analyze(
    source: str,
    path: str = "<stdin>",
    *,
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    code_languages: frozenset[str] = PLAIN_CODE_LANGUAGES,
) -> Analysis:
    """Parse ``source`` and extract every claim, definition and unchecked formula.

    ``tolerance`` sets how loosely written numbers are read; ``code_languages`` which fenced
    code blocks (by info string) are scanned for claims.
    """
    return _analyze(parse_document(source, path, code_languages), tolerance)


def _analyze(document: Document, tolerance: Tolerance) -> Analysis:
    scanned: list[Scanned] = []
    unchecked: list[Unchecked] = []
    row_labels = _row_labels(document)
    for segment in document.segments:
        if len(segment.text) > MAX_SEGMENT_CHARS:
            _not_checked(document, segment, too_long(segment.text))
            continue
        try:
            text, offsets = normalize(segment.text, segment.offsets)
            tokens = tokenize(text)
        except LexTimeout:
            _not_checked(document, segment, "reading this block took too long")
            continue
        billion = "param" in text.lower() or _counted_row(segment, row_labels)
        result = scan(
            tokens, math=segment.math, code=segment.kind == "code", billion_context=billion
        )
        if result.chains and (_continues_a_sum(document, segment) or _PLUS_FIRST.match(text)):
            _ignore_the_sums_tail(result.chains, text)  # "… (4 B)\n+ Adam (4 B + 4 B) = 16 B"
        where = Scanned(segment, text, offsets, tokens, result)
        scanned.append(where)
        unchecked.extend(Unchecked(where, s, e, reason) for s, e, reason in where.result.unchecked)

    config_scanned, config_found = config_claims(document)
    claims: list[Claim] = []
    definitions: list[Definition] = []
    for where in scanned:
        if not where.result.chains:
            continue  # every shape reads the segment's chains: none, no claim or definition
        found = extract_prose(extract(document, where))
        claims.extend(found.claims)
        definitions.extend(found.definitions)
    claims.extend(list(restated_share_claims(scanned, claims)))
    claims.extend(dtype_saving_claims(document, scanned))
    claims.extend(token_time_rate_claims(scanned))
    scanned.extend(config_scanned)  # their claims are config_found
    symbols = resolve_symbols(definitions, tolerance)
    items = document_items(document, scanned)
    claims.extend(labelled_sum_claims(scanned, claims, tolerance))
    claims.extend(labelled_unit_claims(items))
    claims.extend(item_complement_claims(items))
    claims.extend(config_found)
    claims.extend(row_ratio_claims(document, scanned, tolerance))
    claims.extend(header_constant_claims(document, scanned, tolerance))
    claims.extend(header_operation_claims(document, scanned, tolerance))
    claims.extend(table_change_claims(document, scanned, tolerance))
    claims.extend(table_multiple_claims(document, scanned, tolerance))
    claims.extend(table_clock_span_claims(document, scanned, tolerance))
    claims.extend(row_comparison_claims(document, scanned, tolerance))
    claims.extend(row_share_claims(document, scanned, tolerance))
    claims.extend(row_named_share_claims(document, scanned, tolerance))
    claims.extend(complement_claims(document, scanned, tolerance))
    claims.extend(table_share_claims(document, scanned, tolerance))
    claims.extend(reciprocal_claims(document, scanned, tolerance))
    claims.extend(row_cell_reference_claims(document, scanned, tolerance))
    claims.extend(row_total_share_claims(document, scanned, tolerance))
    claims.extend(share_column_claims(document, scanned, tolerance))
    claims.extend(node_hour_claims(document, scanned))
    claims.extend(total_change_claims(document, scanned, tolerance))
    converted = converted_sum_claims(document, scanned)
    claims = [*superseded(claims, converted), *converted]
    claims.extend(item_container_claims(document, scanned))
    claims.extend(carried_item_claims(document, scanned, tolerance))
    claims.extend(carried_factor_claims(document, scanned, tolerance))
    claims.extend(priced_item_claims(document, scanned))
    claims.extend(per_part_item_claims(document, scanned))
    claims.extend(whole_item_claims(document, scanned))
    claims.extend(wall_clock_after_block(document, scanned))
    claims.extend(row_unit_claims(document, scanned, tolerance))
    claims.extend(overhead_claims(scanned, tolerance))
    claims.extend(sum_claims(document, scanned, items, symbols.values, tolerance))
    claims.extend(share_of_total_claims(document, scanned, items, tolerance))
    claims.extend(list_share_claims(document, scanned, items, tolerance))
    claims.extend(shared_link_claims(document, scanned, tolerance))
    claims.extend(per_unit_claims(document, scanned, items, tolerance))
    claims.extend(replica_cell_claims(document, scanned))
    claims.extend(reference_claims(document, scanned))
    claims.extend(named_change_claims(document, scanned))
    claims.extend(share_of_it_claims(document, scanned))
    claims.extend(back_reference_claims(document, scanned))
    claims.extend(recap_claims(document, scanned))
    claims.extend(transposed_claims(document, scanned))
    claims.extend(carried_rate_claims(document, scanned))
    claims.extend(carried_change_claims(document, scanned))
    claims.extend(list_transfer_claims(document, scanned))
    claims.extend(one_then_many_claims(document, scanned))
    claims.extend(period_pair_claims(document, scanned, items))
    claims.extend(restated_period_claims(document, scanned))
    claims.extend(item_restatement_claims(document, scanned))
    claims.extend(transfer_time_claims(document, scanned))
    claims.extend(sequence_fit_claims(document, scanned))
    claims.extend(sharded_capacity_claims(document, scanned))
    claims.extend(pool_token_claims(document, scanned))
    claims.extend(token_counts_of_amounts(document, scanned))
    claims.extend(fleet_cost_claims(scanned))
    claims.extend(priced_hour_claims(document, scanned))
    claims.extend(priced_hour_row_claims(document, scanned))
    claims.extend(priced_unit_row_claims(document, scanned))
    claims.extend(section_price_claims(document, scanned))
    claims.extend(scope_restated_claims(document, scanned))
    claims.extend(bare_operand_claims(document, scanned, claims))
    # A column times a constant the lead-in names, a product the headers' units name, a result
    # beside its formula: only for cells no other reading claims.
    stated = {(id(claim.where), claim.stated.num_start) for claim in claims}
    for claim in (
        *proportional_claims(document, scanned, tolerance),
        *header_product_claims(document, scanned, tolerance),
        *cell_product_claims(document, scanned, tolerance),
        *key_product_claims(document, scanned),
        *column_formula_claims(document, scanned, tolerance),
        *formula_cell_claims(scanned),
    ):
        if (id(claim.where), claim.stated.num_start) not in stated:
            claims.append(claim)
    claims = node_count_claims(document, _dedupe(claims))
    claims = _without_named_operands(document.source, claims)
    apply_count_prices(claims, count_prices(document, scanned))
    for claim in claims:
        _attach_symbol_inputs(claim, symbols)
    analysis = Analysis(
        document, scanned, claims, definitions, symbols, unchecked, items, tolerance
    )
    claims.extend(_unit_twins(analysis))
    outvoted = _outvoted(analysis)
    claims[:] = [claim for claim in claims if id(claim) not in outvoted]
    for claim in claims:
        verdict = analysis.verdict(claim)
        if verdict.status == "unchecked":
            start, end = _claim_span(claim)
            unchecked.append(Unchecked(claim.where, start, end, verdict.reason))
    return analysis


#: A number the text uses as a name: ``the 3090's bandwidth``, ``on a single 3090 (24 GB)``,
#: ``my 4090 with Q4``, ``two 3090s``.
_NUMBER_AS_NAME = lazy_compile(
    r"\b(?:a|an|the|my|our|your|their|this|that|one|single|each|every)\s+(?:single\s+)?"
    r"(\d{3,5})(?![\d,.]\d)"
    r"(?=[\x27’]s\b|\s*[(),;:]|\s+(?:with|on|in|for|and|or|is|was|has|had|at|can|alone)\b)"
    r"|(?<![\w.,])(\d{3}[1-9])s\b",
    regex.IGNORECASE,
)


def _without_named_operands(source: str, claims: list[Claim]) -> list[Claim]:
    """The claims but those whose formula has a unitless operand the document uses as a name
    somewhere (``2× 3090 = 48 GB`` beside ``the 3090's bandwidth``: a count of devices, not a
    product). Round hundreds are no names (``the 100 (…)`` is more likely an amount)."""
    operands = {id(claim): _bare_operands(claim) for claim in claims}
    if not any(operands.values()):
        return claims
    names = {m.group(1) or m.group(2) for m in _NUMBER_AS_NAME.finditer(source)}
    names = {number for number in names if not number.endswith("00")}
    return [claim for claim in claims if not names.intersection(operands[id(claim)])]


def _bare_operands(claim: Claim) -> set[str]:
    """The formula's unitless whole operands of three to five digits, as written."""
    if claim.formula is None:
        return set()
    return {
        lit.number.text
        for lit in literals(claim.formula)
        if lit.unit is None and 3 <= len(lit.number.text) <= 5 and lit.number.text.isdigit()
    }


#: A block that starts with ``Plus``: its first formula adds to an amount before it (``- In
#: flight: … = 52,500 B`` then ``- Plus 2 × 9,216 B = 70,932 B per port``).
_PLUS_FIRST = lazy_compile(r"\s*plus\b", regex.IGNORECASE)


def _continues_a_sum(document: Document, segment: Segment) -> bool:
    """A list item that Markdown opened at a ``+`` right under a paragraph's line: the author
    went on with a sum on the next line (``… + FP32 master (4 B)`` then ``+ Adam moments (4 B
    + 4 B) = 16 B``), so the item's first formula is the tail of that sum."""
    if segment.item is None or segment.item.index != 0 or not segment.offsets:
        return False
    line = document.position(segment.offsets[0])[0]
    if line < 2 or not document.line_text(line).lstrip().startswith("+ "):
        return False
    above = document.line_text(line - 1).strip()
    return bool(above) and above[:2] not in ("+ ", "- ", "* ") and not above.startswith("#")


def _ignore_the_sums_tail(chains: list[Chain], text: str) -> None:
    """The chains of the item's first line up to the first with a relation: the tail of the
    sum the line above began."""
    first_line = text.find("\n") if "\n" in text else len(text)
    for chain in chains:
        if chain.start >= first_line:
            return
        chain.ignored = True
        if chain.relations:
            return


def _row_labels(document: Document) -> dict[tuple[int, int], str]:
    """Each table row's label (its first cell), lower case, by (table, row)."""
    return {
        (cell.table, cell.row): segment.text.strip(" *_`").lower()
        for segment in document.segments
        if (cell := segment.cell) is not None and cell.col == 0 and not cell.is_header
    }


_HEADER_WORDS = lazy_compile(r"[a-z]+")


def _counted_row(segment: Segment, labels: dict[tuple[int, int], str]) -> bool:
    """A cell of a row whose label counts things (``Documents | 2.4B``), or of a column of
    parameters: its ``B`` is a billion of them."""
    cell = segment.cell
    if cell is None or cell.col == 0:
        return False
    if "param" in cell.header.lower():
        return True  # a ``Parameters`` column counts them too
    header = [w for w in _HEADER_WORDS.findall(cell.header.lower())]
    if any(w in COUNTED_ROW_NOUNS for w in header):
        return True  # "| Output tokens (3 y) |" over "164.6 B": a billion tokens
    words = labels.get((cell.table, cell.row), "").split()
    return bool(words) and words[-1] in COUNTED_ROW_NOUNS


def _unit_twins(analysis: Analysis) -> list[Claim]:
    """Figures written twice with the other prefix, judged after every other claim so that a
    figure's own arithmetic decides it first."""
    judged = {id(claim.stated) for claim in analysis.claims}
    wrong = ("inconsistent", "slip")
    refuted = {id(c.stated) for c in analysis.claims if analysis.verdict(c).status in wrong}
    held = {id(c.stated) for c in analysis.claims if analysis.verdict(c).status == "consistent"}
    return unit_twin_claims(analysis.document, analysis.scanned, judged, refuted, held)


def _outvoted(analysis: Analysis) -> set[int]:
    """Readings outvoted by another of the same figure: of a total, per-unit products a sum
    of its parts beats (``_summed_totals``); of a share, readings that reach other lines and
    refute it, where its own sentence is read too (``2.38 TB of the 3.84 TB disk, i.e. 62 %``
    beside a table's ``Data disk`` and ``Raw capacity`` rows): the sentence names the part and
    whole the share is of."""
    by_figure: dict[tuple[int, int], list[Claim]] = {}
    for claim in analysis.claims:
        if claim.stated.is_percent:
            by_figure.setdefault((id(claim.where), claim.stated.num_start), []).append(claim)
    outvoted = _summed_totals(analysis) | _cascaded_sums(analysis)
    outvoted |= _cascaded_restatements(analysis)
    for readings in by_figure.values():
        if len(readings) > 1 and any(_read_locally(analysis, c) for c in readings):
            outvoted.update(
                id(c)
                for c in readings
                if (c.inputs or c.parts) and analysis.verdict(c).status in ("inconsistent", "slip")
            )
    return outvoted


def _cascaded_sums(analysis: Analysis) -> set[int]:
    """A total that does not add up only because one of its parts is wrong (``119K GPU-hours
    × $2.00 = $238,000``, written $283,000, then a Total that holds with $238,000): the part is
    the error, the total its cascade."""
    wrong: dict[tuple[int, str], Verdict] = {}
    for claim in analysis.claims:
        verdict = analysis.verdict(claim)
        if claim.kind != "sum" and verdict.status in ("inconsistent", "slip"):
            start, _ = claim.where.source_span(claim.stated.num_start, claim.stated.num_end)
            line = analysis.document.position(start)[0]
            wrong[(line, claim.where.text[claim.stated.num_start : claim.stated.num_end])] = verdict
    cascaded = set()
    for claim in analysis.claims:
        verdict = analysis.verdict(claim)
        if verdict.status not in ("inconsistent", "slip") or not wrong or not claim.parts:
            continue
        if claim.kind != "sum" and not _product_of_parts(claim):
            continue
        assert verdict.computed is not None and verdict.stated is not None
        for part in claim.parts:
            found = wrong.get((part.line, _number_of(part.message)))
            if found is None or found.computed is None or found.stated is None or found is verdict:
                continue
            if claim.kind == "sum":
                corrected = verdict.computed.point - found.stated.point + found.computed.point
            elif found.stated.point:
                corrected = verdict.computed.point * found.computed.point / found.stated.point
            else:
                continue
            if verdict.stated.interval.contains(corrected):
                cascaded.add(id(claim))
    return cascaded


def _product_of_parts(claim: Claim) -> bool:
    """A claim computed as the product of the cells it names as parts (``… the cells' units
    make the product``): a wrong factor scales it."""
    return claim.computed is not None and claim.formula is None and " × " in claim.derivation


def _cascaded_restatements(analysis: Analysis) -> set[int]:
    """A restatement that fails only because the figure it restates is wrong (``… = 13.2 h of
    wall clock, ≈ 5.5 days`` where the formula gives 132.2 h): the figure is the error, and
    the restatement holds with its corrected value."""
    wrong: dict[tuple[int, int], Verdict] = {}
    for claim in analysis.claims:
        verdict = analysis.verdict(claim)
        if verdict.status in ("inconsistent", "slip") and verdict.computed is not None:
            wrong[(id(claim.where), claim.stated.num_start)] = verdict
    cascaded = set()
    for claim in analysis.claims:
        source = claim.formula
        if claim.kind != "conversion" or not isinstance(source, Lit) or not wrong:
            continue
        verdict = analysis.verdict(claim)
        found = wrong.get((id(claim.formula_where or claim.where), source.num_start))
        if verdict.status not in ("inconsistent", "slip") or found is None or found is verdict:
            continue
        stated, corrected = verdict.stated, found.computed
        if (
            stated is not None
            and corrected is not None
            and stated.interval.contains(corrected.point)
        ):
            cascaded.add(id(claim))
    return cascaded


def _number_of(text: str) -> str:
    """The number a part's text writes (``$283,000`` → ``283,000``)."""
    found = _NUMBER_TEXT.search(text)
    return found.group(0) if found else ""


_NUMBER_TEXT = lazy_compile(r"\d[\d,]*(?:\.\d+)?")


def _summed_totals(analysis: Analysis) -> set[int]:
    """A total its parts add up to (``stipends $26,000`` and ``pages $17,400``, then ``total:
    $43,400``) is their sum: a reading of it as a per-unit figure times a count refutes
    nothing, nor does one farther off than the sum when the total is wrong."""
    sums: dict[tuple[int, int], Verdict] = {}
    for claim in analysis.claims:
        verdict = analysis.verdict(claim)
        if claim.kind == "sum" and verdict.status in ("consistent", "inconsistent", "slip"):
            sums[(id(claim.where), claim.stated.num_start)] = verdict
    outvoted = set()
    for claim in analysis.claims:
        summed = sums.get((id(claim.where), claim.stated.num_start))
        if claim.kind != "per-unit" or summed is None:
            continue
        if summed.status == "consistent" or _nearer(summed, analysis.verdict(claim)):
            outvoted.add(id(claim))
    return outvoted


def _nearer(one: Verdict, other: Verdict) -> bool:
    """Whether ``one`` computes a value at least as near its stated one as ``other`` does."""
    gaps = []
    for verdict in (one, other):
        if verdict.computed is None or verdict.stated is None:
            return False
        computed, stated = verdict.computed.point, verdict.stated.point
        if computed <= 0 or stated <= 0:
            return False
        gaps.append(fold(Fraction(computed), Fraction(stated)))
    return gaps[0] <= gaps[1]


def _read_locally(analysis: Analysis, claim: Claim) -> bool:
    """The claim computes its figure from numbers of its own block alone, and is judged."""
    own = claim.formula_where is None or claim.formula_where is claim.where
    local = claim.formula is not None and own and not claim.inputs and not claim.parts
    return local and analysis.verdict(claim).status in ("consistent", "inconsistent", "slip")


def _not_checked(document: Document, segment: Segment, reason: str) -> None:
    """Note a block left unchecked, at its first line."""
    note_unchecked(document, segment.offsets[0] if segment.offsets else 0, reason)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple] = set()
    out = []
    for claim in claims:
        key = (id(claim.where), claim.stated.num_start, claim.kind, claim.derivation)
        if key in seen:
            continue
        seen.add(key)
        out.append(claim)
    return out


def _attach_symbol_inputs(claim: Claim, symbols: SymbolTable) -> None:
    if claim.formula is None:
        return
    names = []
    for ident in idents(claim.formula):
        if ident.name in symbols.definitions and ident.name not in names:
            names.append(ident.name)
    for name in names:
        definition = symbols.definitions[name]
        claim.inputs.append(Related(definition.line, definition.text))


def _claim_span(claim: Claim) -> tuple[int, int]:
    if claim.formula is not None:
        start, end = span(claim.formula)
        return min(start, claim.stated.start), max(end, claim.stated.end)
    return claim.stated.start, claim.stated.end


__all__ = ["Analysis", "ClaimRow", "analyze", "claim_rows"]


class ClaimRow(TypedDict):
    """One claim as ``claims.json`` lists it."""

    line: int
    kind: ClaimKind
    stated: str
    status: VerdictStatus


def claim_rows(analysis: Analysis) -> list[ClaimRow]:
    """Every claim with its line, kind, verdict and stated value (for tests and ``explain``)."""
    rows: list[ClaimRow] = []
    for claim in analysis.claims:
        verdict = analysis.verdict(claim)
        start, _ = claim.where.source_span(claim.stated.num_start, claim.stated.num_end)
        rows.append(
            {
                "line": analysis.document.position(start)[0],
                "kind": claim.kind,
                "stated": claim.where.text[claim.stated.num_start : claim.stated.end].strip(),
                "status": verdict.status,
            }
        )
    return sorted(rows, key=lambda r: (r["line"], r["stated"], r["kind"]))
