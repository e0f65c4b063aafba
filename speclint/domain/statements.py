"""Stated quantities the domain rules check: parameter counts, per-GPU and model memory, KV
bytes per token, throughput, and first-token or per-token latency.

A statement is a literal with the kind of unit its label or line calls for (``Total
Parameters: 10B``, ``Expert Parameters: 0.62GB`` under a "Per GPU" heading, ``40,960 bytes per
token`` on a KV-cache line, ``120 tokens/ms per GPU``, ``TTFT: 8.5s``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

import regex

from speclint.claims.config_blocks import config_entries
from speclint.claims.config_comments import key_unit
from speclint.claims.model import Scanned, written_value
from speclint.claims.shared_links import node_size
from speclint.claims.sums import Item, _header_unit, _with_header_unit, cell_value
from speclint.data import load
from speclint.document import Document, Segment
from speclint.domain.compute import (
    TRAINING,
    UTILISATION,
    UTILISATION_AFTER,
    UTILISATION_BEFORE,
    ComputeTerms,
    compute_terms,
    devices_named,
    sized_after,
)
from speclint.domain.facts import Fact, dtypes_in, value_kind
from speclint.domain.hardware import devices
from speclint.domain.rate_context import demand, lead_in, model_sizes, per_node
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Lit, Node, literals, operators, strip_groups
from speclint.formula.lexer import LexTimeout, normalize, tokenize
from speclint.formula.parser import scan
from speclint.patterns import lazy_compile
from speclint.quantity.numbers import format_like
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import unit_table

_I = regex.IGNORECASE


#: What labels and lines say a value is (``data/statements.toml``).
_WORDS = load("statements.toml")


def _pattern(table: str, key: str) -> regex.Pattern:
    return lazy_compile(_WORDS[table][key], _I)


#: What a label says a bytes value is, by memory part (first match wins, in order).
MEMORY_PARTS: tuple[tuple[str, regex.Pattern], ...] = tuple(
    (part, lazy_compile(pattern, _I)) for part, pattern in _WORDS["memory-parts"].items()
)
PARAM_LABEL = _pattern("parameters", "label")
#: Words that make a prose count the whole model's (or the active) count.
_SCOPE_WORD = lazy_compile(r"\b(?:total|active|activated|activates|in\s+all)\b", regex.I)
PARAM_AFTER = _pattern("parameters", "after")
PARAM_WORDS: tuple[str, ...] = tuple(_WORDS["parameters"]["words"])
PARAM_BEFORE = _pattern("parameters", "before")
PER_GPU = _pattern("scope", "per-gpu")
SYSTEM = _pattern("scope", "system")
FLEET = _pattern("scope", "fleet")
WHOLE = _pattern("scope", "whole")
PART = _pattern("scope", "part")
ONE_EXPERT = _pattern("scope", "one-expert")
WHOLE_MODEL = _pattern("scope", "whole-model")
NON_EMBEDDING = _pattern("scope", "non-embedding")
MANY_EXPERTS = _pattern("scope", "many-experts")
PARAM_BARE = _pattern("parameters", "bare")
WEIGHTS_WORDS = _pattern("weights", "words")
WEIGHTS_OTHER = _pattern("weights", "other")
SIZE_LINE = _pattern("parameters", "size-line")
#: A literal that is an operand: an operator follows or precedes it.
_OPERAND = lazy_compile(r"\s*[=×*/+−]|\s+-\s")
_OPERAND_AFTER = lazy_compile(r"[×*/+−]\s*$")
#: Where a clause starts: the last sentence or clause break before a value.
_CLAUSE_BREAK = lazy_compile(r"[.;!?](?:\s|$)|\n\s*\n|\n\s*[-*+]\s|\n\s*\d+\.\s")
DECODE = _pattern("phase", "decode")
PREFILL = _pattern("phase", "prefill")
SERVING = _pattern("phase", "serving")
TTFT = _pattern("latency", "ttft")
TTFT_CACHED = _pattern("latency", "ttft-cached")
TPOT = _pattern("latency", "tpot")
PREFILL_TIME = _pattern("latency", "prefill")
PREFILL_BOUND = _pattern("latency", "prefill-bound")
TRANSFER_TIME = _pattern("latency", "transfer")
NOT_A_CLAIM = _pattern("hedge", "words")
ROOFLINE = _pattern("roofline", "words")
MEASURED = _pattern("roofline", "measured")
FLOOR = _pattern("roofline", "floor")
TRAIN_TIME = _pattern("training", "time")
STEP = _pattern("roofline", "step")
OF_DEVICE = _pattern("share", "of-device")
OF_MODEL = _pattern("share", "of-model")
_PARAMS_AFTER = _pattern("share", "params-after")
#: A sentence that restates the one before ("That is 1.04% of …"); the ``_RESTATES`` below
#: joins a value to its restatement within one sentence.
_RESTATES_SENTENCE = _pattern("share", "restates")
_PERCENT_SIGN = lazy_compile(r"\s*(?:%|percent\b)", _I)
KV_LINE = _pattern("kv", "line")
PER_TOKEN = _pattern("kv", "per-token")
PER_LAYER = _pattern("kv", "per-layer")
TOKEN_AND_LAYER = _pattern("kv", "token-and-layer")
#: A subject that is a part of the model, not all of it ("one expert holds …", "the LM head
#: is …", "each layer has …"): a parameter count about it is never the model's total.
PART_SUBJECT = _pattern("scope", "part")
PROMPT_ON_LINE = lazy_compile(
    r"(\d[\d,]*(?:\.\d+)?)\s*(?:([kK])?[- ]token\s+"
    r"(?:(?!(?:output|generated|completion|response|decode|reply)\b)[A-Za-z][\w-]*\s+)?"
    r"(?:prompts?|prefills?|sequences?|inputs?"
    r"|requests?|histor(?:y|ies)|contexts?)|([kK])\s+(?:prompts?|histor(?:y|ies)|contexts?)\b)",
    _I,
)
#: A table row read as ``Prompt tokens: 2,048``.
PROMPT_LABELLED = lazy_compile(
    r"\bprompt(?:\s+(?:tokens|length|len))?(?:\s*\(tokens\))?:\s*(\d[\d,]*)(?:([kK])(?![A-Za-z]))?(?![\d.])"
    r"(?!\s*(?:ms|s|sec|seconds?|µs|us|min)\b)",  # "system prompt: 95 ms TTFT" is the TTFT
    _I,
)
BATCH_ON_LINE = lazy_compile(
    r"\b(?:batch(?:es|[- ]size)?|bs|B|concurrency)\s*(?:of\s*|=\s*|[-:]\s*)?\$?\s*[~≈]?\s*"
    r"(\d{1,6})"
    r"(?!\d|[,.]\d)"
    r"|\b(\d{1,6})\s+concurrent\s+"
    r"(?:streams|requests|sequences|users|chats|sessions|conversations|clients|queries)\b"
    r"|\b(single[- ](?:stream|user|request|sequence)|one\s+stream)\b",
    _I,
)
#: A throughput for one model replica (one TP × PP group), not for the whole fleet.
PER_REPLICA = lazy_compile(
    r"\bper\s+(?:replica|pod|instance|server|endpoint|engine)\b"
    r"|\b(?:each|the|one|a)\s+replica\b(?!\s*(?:count|counts|size|sizes)\b)|\bsingle[- ]stream\b"
    r"|\bone\s+stream\b|\bper\s+stream\b",
    _I,
)
_ABBREVIATIONS = "|".join(regex.escape(a) for a in _WORDS["sentence"]["abbreviations"])
#: A sentence's end: a full stop (not an abbreviation's), ``;``, ``!``, ``?`` or a blank line.
_SENTENCE_END = lazy_compile(rf"(?<!(?<![\w.])(?:{_ABBREVIATIONS}))[.;!?](?:\s|$)|\n\s*\n", _I)
#: The left factor of a product (``8 × 7B`` → 8), without consuming the right one.
FACTOR_ON_LINE = lazy_compile(r"\b(\d+)(?=\s*[×x*]\s*\d)")


StatementKind = Literal[
    "params",
    "memory",
    "memory-share",
    "params-share",
    "kv-per-token",
    "throughput",
    "ttft",
    "tpot",
    "step-floor",
    "step-time",
    "train-time",
    "compute",
    "utilisation",
]


@dataclass(frozen=True)
class Statement:
    """One stated value a domain rule can check."""

    kind: StatementKind
    lit: Lit
    value: Value
    where: Scanned
    line: int
    label: str
    #: "total" or "active" (params); the memory part; "decode"/"prefill"/"" (throughput).
    part: str = ""
    #: True when the document says the value is per GPU, False when it says system-wide,
    #: None when it does not say.
    per_gpu: bool | None = None
    #: A target, limit or hypothetical rather than a claim of what is.
    hedged: bool = False
    #: "part" when the value is about a piece of the model (one expert, a layer, the LM head),
    #: "" when it is about the whole model or the text does not say; "layer" for a KV size of
    #: one layer.
    scope: str = ""
    #: Throughput: a ceiling the text computes ("the roofline is ~630 tokens/s").
    ceiling: bool = False
    #: Throughput: for one replica (TP × PP GPUs), said by "per replica" or "single-stream".
    replica: bool = False
    #: Throughput: the batch its own line states (``… per GPU at batch 64``, ``(batch 1)``).
    batch: Fact | None = None
    #: Throughput: the GPUs of a system its own clause names (``a full 8-GPU node serves …``);
    #: 0 when the clause names nodes and not how many GPUs they hold (``the 16-node pool``).
    own_gpus: Fraction | None = None
    #: Time to first token: the prompt length its own line states (``for 10240-token prompts``).
    prompt_tokens: int | None = None
    #: Parameter counts: the left factors of products written on its line (``8×7B`` → 8).
    line_factors: tuple[int, ...] = ()
    #: Memory share (``15.2 GB, which is 63% of the card``): the bytes it is a share of.
    share_of: Value | None = None
    #: FLOP/s (compute): what its sentence says about precision, scope and devices.
    compute: ComputeTerms | None = None
    #: Weights: the precision its own clause names (``In FP16 the weights need 141 GB``), and
    #: the parameter counts its sentence writes (``the 8B draft``).
    dtype: str = ""
    sizes: tuple[Fraction, ...] = ()
    #: Throughput: a load or demand to be served (``prefill load: 216,000 tokens/s``), not what
    #: some hardware does.
    demand: bool = False

    @property
    def stated_text(self) -> str:
        """The value as written, with its unit (``120 tokens/ms``)."""
        return self.where.text[self.lit.start : self.lit.end]

    @property
    def explicit_count(self) -> bool:
        """A labelled count (``Total parameters: 70B``) or prose that says total or active."""
        return bool(PARAM_LABEL.match(self.label) or _SCOPE_WORD.search(self.label))

    def replacement(self, value: Fraction) -> str:
        """``value`` (base units) written as the stated number is, in its unit and style; empty
        when the stated number is 0 (its unit's factor cannot be recovered from it)."""
        if self.lit.number.value == 0:
            return ""
        factor = self.value.point / self.lit.number.value
        return format_like(value / factor, self.lit.number)


def find_statements(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Statement]:
    """Every checkable statement, in document order (one per literal), its value read with
    ``tolerance``."""
    found: dict[tuple[int, int], Statement] = {}
    for statement in _from_items(doc, items, tolerance, scanned):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    for statement in _from_config_keys(doc, tolerance):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    rows = _table_rows(scanned)
    for statement in _from_latency_cells(doc, scanned, rows, tolerance):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    for statement in _from_prose(doc, scanned, tolerance):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    ordered = sorted(found.values(), key=lambda s: (s.line, s.lit.num_start))
    statements = [
        _with_lead_in(_with_phase(_with_line_details(s, _line_context(doc, s, rows)), doc), doc)
        for s in ordered
    ]
    if any(s.kind == "throughput" and not s.part for s in statements) and _about_training(doc):
        return [_as_training(s) for s in statements]
    return statements


#: A line of a list: its marker, or the indented continuation of an item.


def _with_lead_in(statement: Statement, doc: Document) -> Statement:
    """A rate or latency in a list item that the list's lead-in calls a ceiling or floor
    ("at 100 % of peak:", "upper bounds:") is one, like a rate its own sentence calls so; a
    rate under a lead-in that names a model (``Judging (Llama-3.1-8B) …:``) is that model's,
    one under a lead-in that says ``per node`` is one node's, and one under a lead-in that calls
    it a load (``Peak load is 120 requests/s. Each request does …:``) is a demand."""
    if statement.kind == "memory" and statement.per_gpu is not True:
        return _memory_lead_in(statement, doc)
    kinds = ("throughput", "tpot", "ttft")
    if statement.kind not in kinds or statement.ceiling or statement.where.segment.item is None:
        return statement
    text = lead_in(doc, statement.line)
    if not text:
        return statement
    if statement.kind == "throughput":
        statement = _with_lead_in_system(statement, doc, text)
        if demand(text):
            statement = replace(statement, demand=True)  # "Peak load is 120 requests/s. …:"
    where, lit = statement.where, statement.lit
    if MEASURED.search(_sentence(where.text, lit.start, lit.end)):
        return statement  # "- we have measured a TPOT of 15 ms" under "Decode is bound by …:"
    last = text[text.rfind(". ") + 1 :] if ". " in text else text
    if ROOFLINE.search(last):
        return replace(statement, ceiling=True)
    return statement


def _memory_lead_in(statement: Statement, doc: Document) -> Statement:
    """A memory figure in a list item under a lead-in that says ``per GPU`` (``Model states
    per GPU, distributed optimizer:``) is one GPU's, unless its own sentence says whole."""
    where, lit = statement.where, statement.lit
    if where.segment.item is None:
        return statement
    own = _sentence(where.text, lit.start, lit.end)
    if statement.per_gpu is False and (WHOLE.search(own) or SYSTEM.search(own)):
        return statement
    text = lead_in(doc, statement.line)
    last = text[text.rfind(". ") + 1 :] if ". " in text else text
    # "… shards all of it over the 16 ranks, so each GPU holds 1/16 of every state:"
    clause = _LAST_CLAUSE.split(last)[-1]
    for said in (last, clause):
        per_gpu = PER_GPU.search(said) or _EACH_GPU.search(said)
        if per_gpu and not (SYSTEM.search(said) or FLEET.search(said)):
            return replace(statement, per_gpu=True)
    return statement


#: Where a lead-in's closing clause starts: ``…, so each GPU holds …``.
_LAST_CLAUSE = lazy_compile(r",\s+(?:so|and\s+so|hence|thus|which\s+means)\s+|;\s+", _I)
#: A lead-in's own words for one GPU's share: ``each GPU holds``, ``every rank keeps``.
_EACH_GPU = lazy_compile(
    r"\b(?:each|every)\s+(?:gpu|rank|device)\s+(?:holds|keeps|stores|gets|has|needs)\b", _I
)


def _with_lead_in_system(statement: Statement, doc: Document, text: str) -> Statement:
    """The models and the one-node scope a throughput's lead-in names."""
    sizes = statement.sizes + model_sizes(text)
    own = statement.own_gpus
    if own is None and statement.per_gpu is not True and per_node(text):
        size = node_size(doc)
        own = Fraction(size[0]) if size is not None else Fraction(0)
    return replace(statement, sizes=sizes, own_gpus=own)


def _about_training(doc: Document) -> bool:
    """A document whose title names training (``# Post-mortem: pretraining throughput``) and
    which nowhere speaks of serving: its throughput figures are the training run's."""
    titles = {s.section[0] for s in doc.segments if s.section}
    if len(titles) != 1 or not TRAINING.search(titles.pop()):
        return False
    return not SERVING.search(doc.source)


def _as_training(statement: Statement) -> Statement:
    if statement.kind != "throughput" or statement.part:
        return statement
    return replace(statement, part="training")


_Row = dict[int, Scanned]


def _table_rows(scanned: list[Scanned]) -> dict[tuple[int, int], _Row]:
    """The body cells of every table, by (table, row), then column."""
    rows: dict[tuple[int, int], _Row] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            rows.setdefault((cell.table, cell.row), {})[cell.col] = where
    return rows


def _line_context(doc: Document, statement: Statement, rows: dict[tuple[int, int], _Row]) -> str:
    """What a statement's line says: a table cell's row as ``Header: value`` pairs (``Concurrency:
    32``, ``Prompt tokens: 2,048``), so the batch and prompt length of its row apply to it."""
    cell = statement.where.segment.cell
    if cell is None or cell.is_header:
        return doc.line_text(statement.line)
    row = rows.get((cell.table, cell.row), {})
    return "; ".join(
        f"{w.segment.cell.header}: {w.text.strip()}" for w in row.values() if w.segment.cell
    )


def _from_latency_cells(
    doc: Document, scanned: list[Scanned], rows: dict[tuple[int, int], _Row], tolerance: Tolerance
) -> Iterator[Statement]:
    """Cells under a TTFT or TPOT column header (``TPOT p50 (ms)``), in the header's unit, and
    the values of two-column rows whose label names one (``| TTFT p95 | 690 ms |``)."""
    items = []
    for row in rows.values():
        for where in row.values():
            header = where.segment.cell.header if where.segment.cell else ""
            if not (TTFT.search(header) or TPOT.search(header)):
                continue
            item = _cell_item(doc, header, where)
            if item is not None:
                items.append(item)
        # "| TTFT, one 1,850-token prompt on an idle replica | 24 ms |": a metric's row
        label = row[0].text.strip(" *_`") if 0 in row else ""
        if label and (TTFT.search(label) or TPOT.search(label)):
            items.extend(_row_values(doc, label, row))
    for statement in _from_items(doc, items, tolerance):
        if statement.kind in ("ttft", "tpot"):
            yield statement


def _row_values(doc: Document, label: str, row: _Row) -> list[Item]:
    """The values of a metric's row: its one value (``| TPOT p50 | 13.5 ms | single-stream |``),
    or each under a statistic's header (``| TTFT, 8k prompt | 210 ms | 265 ms |`` under ``p50 |
    p99``); other rows of several values (``| TPOT | 12 ms | 30 ms |`` under two devices) may
    compare setups, and give none."""
    values = [
        (where, item)
        for col, where in row.items()
        if col and (item := _cell_item(doc, label, where))
    ]
    if len(values) == 1:
        return [values[0][1]]
    headers = [where.segment.cell.header if where.segment.cell else "" for where, _ in values]
    if values and all(_STATISTIC.match(header.strip(" *_`")) for header in headers):
        return [item for _, item in values]
    return []


#: A column header that names a statistic of one measurement: ``p50``, ``p99 (ms)``, ``mean``.
_STATISTIC = lazy_compile(r"(?:p\d{2,3}(?:\.\d)?|mean|median|avg|average)\b", _I)


def _cell_item(doc: Document, label: str, where: Scanned) -> Item | None:
    """A table cell's single value as an item under ``label``, in the unit the label gives
    when the cell writes none; ``None`` when the cell is not one value."""
    node = cell_value(where)
    if not isinstance(node, Lit):
        return None
    node = _with_header_unit(node, *_header_unit(label))
    line = doc.position(where.offsets[node.num_start])[0]
    return Item(label, node, None, where, line)


def cell_statements(
    doc: Document,
    cells: list[tuple[str, Scanned]],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> list[Statement]:
    """Statements of table cells read under a label that is not their row's first cell (a
    column header; a comparison table's row label), in the unit the label gives when the cell
    writes none (``KV per token (KiB) | 112``); a label that says ceiling makes a ceiling."""
    cell_items = (_cell_item(doc, label, where) for label, where in cells)
    items = [item for item in cell_items if item is not None]
    found = []
    for statement in _from_items(doc, items, tolerance):
        statement = _with_phase(_with_line_details(statement, doc.line_text(statement.line)), doc)
        if statement.kind in ("throughput", "tpot") and ROOFLINE.search(statement.label):
            statement = replace(statement, ceiling=True)
        found.append(statement)
    return found


_NUMBER = lazy_compile(r"[+-]?\d[\d_,]*(?:\.\d+)?(?:[eE][+-]?\d+)?")


def _from_config_keys(doc: Document, tolerance: Tolerance) -> Iterator[Statement]:
    """Values of configuration blocks whose key names their unit (``tpot_p50_ms: 15``), read
    as a ``Label: value`` line in that unit, the key's words as the label."""
    items = []
    for entry in config_entries(doc):
        unit = key_unit(entry.key)
        if unit is None or not entry.value_offsets or not _NUMBER.fullmatch(entry.value):
            continue
        text = f"{entry.value} {unit}"
        offsets = [*entry.value_offsets, *[entry.value_offsets[-1]] * (len(unit) + 1)]
        try:
            where = _scanned_text(Segment(text, offsets, "code", (), -1))
        except LexTimeout:  # a value too long to read in time is no statement
            continue
        found = [lit for c in where.result.chains for e in c.exprs for lit in literals(e)]
        if not found or found[0].unit is None:
            continue
        line = doc.position(entry.value_offsets[0])[0]
        items.append(Item(entry.key.replace("_", " "), found[0], None, where, line))
    yield from _from_items(doc, items, tolerance)


def _scanned_text(segment: Segment) -> Scanned:
    text, offsets = normalize(segment.text, segment.offsets)
    tokens = tokenize(text)
    return Scanned(segment, text, offsets, tokens, scan(tokens))


#: Lines above a throughput claim read for its phase when its own line does not say.
_PHASE_LINES = 4


def _with_phase(statement: Statement, doc: Document) -> Statement:
    """A throughput at a stated batch whose line names no phase takes the phase of the lines
    just above it or of its section heading (a list of decode figures under "Throughput")."""
    if statement.kind != "throughput" or statement.part or statement.batch is None:
        return statement
    first = max(1, statement.line - _PHASE_LINES)
    above = " ".join(doc.line_text(n) for n in range(first, statement.line))
    heading = " ".join(statement.where.segment.section[-1:])
    for text in (heading, above):
        decode, prefill = DECODE.search(text), PREFILL.search(text)
        if bool(decode) != bool(prefill):
            return replace(statement, part="decode" if decode else "prefill")
    return statement


def _with_line_details(statement: Statement, line_text: str) -> Statement:
    """The statement with what the rest of its line says about it, by kind."""
    if statement.kind == "memory" and statement.part == "weights" and not statement.dtype:
        where, lit = statement.where, statement.lit
        before = _clause_before(where.text, lit.start)  # "FP8 weights: 70.55 GB (BF16 …)"
        dtypes = set() if dtypes_in(before) else _dtype_after(where.text, lit)
        if len(dtypes) == 1:  # "Weights: 16.06 GB in bf16 (…), 8.03 GB in FP8": its own
            return replace(statement, dtype=dtypes.pop())
    if statement.kind == "ttft" and ROOFLINE.search(
        _sentence(statement.where.text, statement.lit.start, statement.lit.end)
    ):
        statement = replace(statement, ceiling=True)
    if statement.kind in ("throughput", "tpot"):
        where, lit = statement.where, statement.lit
        sentence = _sentence(where.text, lit.start, lit.end)
        heading = where.segment.section[-1] if where.segment.section else ""
        replica = bool(PER_REPLICA.search(sentence))
        # a TPOT's own clause: "The decode floor … = 17.6 ms, so a TPOT of 21.8 ms means …"
        said = _consequence(where.text, lit) if statement.kind == "tpot" else sentence
        bound = ROOFLINE.search(said) and not _shares_of_bound(said)
        if bound and not _measured_against(where.text, lit):
            statement = replace(statement, ceiling=True)
        cell = where.segment.cell
        if cell is not None and ROOFLINE.search(cell.header) and not MEASURED.search(cell.header):
            statement = replace(statement, ceiling=True)  # a "Ceiling" column's figures
        if statement.kind == "throughput":
            own = _own_system(where.text, lit.start)
            if own is None:  # "8.6M tokens/s across 1,024 GPUs": the GPUs it names after it
                across = _ACROSS_AFTER.match(where.text, lit.end)
                own = Fraction(int(across.group(1).replace(",", ""))) if across else None
            if own is None and _AGGREGATE.search(where.text, lit.start, lit.end + 16):
                own = _sentence_system(sentence)  # "= 96 T4s, 122,880 tok/s together"
            statement = replace(statement, own_gpus=own)
        clause = _clause_of(where.text, lit.start, lit.end)
        for text in (sentence, line_text, heading):
            batches = batches_in(text)
            if len(batches) > 1:  # "150 tok/s at batch 1, and batches of 32 near 1,900 tok/s"
                batches = batches_in(clause)
                if len(batches) != 1:
                    return replace(statement, replica=replica)  # which batch is unsure
                text = clause
            if batches:
                fact = Fact("batch", batches.pop(), text.strip(" -*#"), statement.line)
                return replace(statement, batch=fact, replica=replica)
        return replace(statement, replica=replica)
    elif statement.kind == "step-floor":
        # "At batch 32 …, so 51.51 GB per step and a floor of 15.38 ms": its sentence's batch
        sentence = _sentence(statement.where.text, statement.lit.start, statement.lit.end)
        batches = batches_in(sentence)
        if len(batches) == 1:
            fact = Fact("batch", batches.pop(), sentence.strip(), statement.line)
            return replace(statement, batch=fact)
    elif statement.kind == "ttft":
        sentence = _sentence(statement.where.text, statement.lit.start, statement.lit.end)
        prompt = statement.prompt_tokens or prompt_length_on_line(sentence)
        prompt = prompt or prompt_length_on_line(line_text)
        # "… = 15,770 prompt tokens … the TTFT budget for deep mode is 120 ms": its paragraph's
        prompt = prompt or _last_prompt_before(statement.where.text[: statement.lit.start])
        # "### Measured latency (vLLM 0.6, 2,000-token prompt, batch 1)" over its table
        section = statement.where.segment.section if statement.where.segment.cell else ()
        prompt = prompt or (prompt_length_on_line(section[-1]) if section else None)
        return replace(statement, prompt_tokens=prompt)
    elif statement.kind == "params":
        factors = tuple(int(n) for n in FACTOR_ON_LINE.findall(line_text))
        return replace(statement, line_factors=factors)
    return statement


def _value(lit: Lit, tolerance: Tolerance, billion: bool = False) -> Value | None:
    if lit.is_range or lit.bound or lit.plus_minus is not None or lit.is_percent:
        return None
    try:
        return literal_value(lit, stated=True, billion=billion, tolerance=tolerance)
    except NotEvaluable:
        return None


#: The words right after a value, up to the next comma, semicolon or bracket.
_AFTER_VALUE = lazy_compile(r"(?:[^,;()\[\]\n.]|\n(?!\n)|(?<=\d),(?=\d{3}\b)|\.(?=\S)){0,60}")


#: A figure restated per GPU right after it (``30,800 tok/s, or 5,133 per GPU``).
_RESTATED_PER_GPU = lazy_compile(
    r"\s*(?:[,;]?\s*(?:i\.\s?e\.,?|or|that\s+is|which\s+is)|=|≈|\()\s*[~≈]?\s*"
    r"\d[\d,.]*\s*[kKmM]?\s*(?:[A-Za-z/]+\s+){0,2}per[- ](?:gpu|device|accelerator|card|chip)\b",
    _I,
)


#: Words right before a time that make it a part added to another: ``another 14.6 ms``.
_ADDED_BEFORE = lazy_compile(
    r"\b(?:another|plus|extra|additional|adds?|added|on\s+top\s+of)\s+(?:a\s+further\s+)?[~≈]?\s*$",
    _I,
)


def restated_per_gpu(statement: Statement) -> bool:
    """The figure is restated per GPU right after it (``30,800 tok/s, or 5,133 per GPU``):
    the GPUs together, as many as the two figures' ratio."""
    return _RESTATED_PER_GPU.match(statement.where.text, statement.lit.end) is not None


def _per_gpu(text: str, lit: Lit, where: Scanned) -> bool | None:
    """Whether the value is per GPU: what follows it, then its label or line, then its
    section heading (unless the line names the devices together: ``the pool does …``) say so."""
    if _RESTATED_PER_GPU.match(where.text, lit.end):
        return False  # "30,800 tok/s, or 5,133 per GPU": the figure is the GPUs' together
    after = _AFTER_VALUE.match(where.text, lit.end)
    local = (f"per {lit.per} " if lit.per else "") + (after.group(0) if after else "")
    gpu, whole = PER_GPU.search(local), WHOLE.search(local)
    own = _line_clause_before(where.text, lit.start)
    if gpu is None and per_node(own) and not PER_GPU.search(own):
        return False  # "Per node: 4.30M / 64 ≈ 67.2k tokens/s; per GPU ≈ 8.4k": a node's
    if gpu is not None or whole is not None:
        # the nearer says it: "405.9 GB per engine → 50.7 GB per GPU" is per engine
        return whole is None or (gpu is not None and gpu.start() < whole.start())
    sections = " ".join(where.segment.section)
    text = _before_next_sentence(text, where.text, lit)
    if PER_GPU.search(text) and not _per_gpu_elsewhere(where.text, lit):
        return True
    if PER_GPU.search(sections) and not FLEET.search(text) and not _undivided_result(where, lit):
        return True
    if SYSTEM.search(text):
        return False
    return None


def _before_next_sentence(text: str, block: str, lit: Lit) -> str:
    """``text`` (a figure's line) without the sentence after the figure's own, when the line
    goes on to one (``… around 132 tokens/s. At batch 64 … each rank also reads``)."""
    end = block.find(". ", lit.end)
    following = block[end + 2 : end + 24].strip() if end >= 0 else ""
    cut = text.find(following) if len(following) >= 8 else -1
    return text[:cut] if cut > 0 else text


def _sum_of_amounts(where: Scanned, lit: Lit) -> bool:
    """The sentence lists two amounts of bytes or more before the figure, outside its own
    formula (``reads the linears (547.4 MB), the embedding (262.9 MB) and the KV cache (67.1
    MB): ≈ 877.4 MB per token``): the figure adds them up, it is no one part's."""
    start = _sentence_start(where.text, lit.start)
    own = next((c for c in where.result.chains if c.start <= lit.start < c.end), None)
    amounts = 0
    for chain in where.result.chains:
        if chain is own or not start <= chain.start < lit.start:
            continue
        for other in (o for expr in chain.exprs for o in literals(expr)):
            value = _value(other, DEFAULT_TOLERANCE)
            amounts += value is not None and value_kind(value) == "bytes"
    return amounts >= 2


def _result_of_difference(where: Scanned, lit: Lit) -> bool:
    """The figure is the result of a formula that subtracts (``24 × 0.9 − 8.03 − 1.5 = 12.07
    GB``): a remainder, not the amount its line names."""
    for chain in where.result.chains:
        if chain.exprs and strip_groups(chain.exprs[-1]) is lit and len(chain.exprs) > 1:
            return any("-" in operators(e) for e in chain.exprs[:-1])
    return False


def _undivided_result(where: Scanned, lit: Lit) -> bool:
    """The figure is the result of its own formula, which divides by nothing (``2 × 152064 ×
    8192 × 2 B = 4.98 GB`` under ``Memory per GPU``): the whole, whatever the heading says."""
    for chain in where.result.chains:
        if chain.exprs and strip_groups(chain.exprs[-1]) is lit and len(chain.exprs) > 1:
            formulas = [e for e in chain.exprs[:-1] if not isinstance(strip_groups(e), Lit)]
            return bool(formulas) and all("/" not in operators(f) for f in formulas)
    return False


def _line_clause_before(text: str, start: int) -> str:
    """The text before ``start`` back to the last ``;`` or line break."""
    return text[max(text.rfind(";", 0, start), text.rfind("\n", 0, start)) + 1 : start]


#: A number and its unit words right before a "per GPU": the phrase is that number's.
_OWNER = lazy_compile(r"(?<![\d,.])\d[\d,.]*\s*(?:[A-Za-z$/%-]+\s+){0,2}$")


#: What joins a value to its restatement: ", i.e.", "=", "(", ", or".
_RESTATES = lazy_compile(r"\s*(?:[,;]?\s*(?:i\.\s?e\.,?|or|that\s+is|which\s+is)|=|≈|\()\s*", _I)


#: Where a sentence moves on to another figure: ", so", ", and", "; ", " → ".
_SCOPE_JOIN = lazy_compile(r",\s+(?:so|and|but|while|whereas|thus|hence|then)\b|;\s|\s→\s", _I)


def _per_gpu_elsewhere(text: str, lit: Lit) -> bool:
    """Every "per GPU" of the text belongs to another number (``524,288 tokens/s (8,192
    tokens/s per GPU) to 436,907 tokens/s``), unless ``lit`` restates it (``2,400 tokens/s
    per GPU, i.e. 2.4 tokens/ms``)."""
    for match in PER_GPU.finditer(text):
        owner = _OWNER.search(text, max(0, match.start() - 40), match.start())
        if owner is None and _SCOPE_JOIN.search(text, match.end(), lit.start):
            continue  # "per GPU is 2,400 tok/s, so the fleet serves …": the label's clause
        if owner is None or owner.start() == lit.num_start:
            return False
        if match.end() <= lit.start and _RESTATES.fullmatch(text, match.end(), lit.start):
            return False
    return PER_GPU.search(text) is not None


def _from_items(
    doc: Document, items: list[Item], tolerance: Tolerance, scanned: list[Scanned] | None = None
) -> Iterator[Statement]:
    siblings = _list_siblings(scanned or [])
    for item in items:
        lit = item.value
        if lit is None:
            continue
        label = item.label.strip()
        line_text = doc.line_text(item.line)
        hedged = bool(NOT_A_CLAIM.search(label))
        params = PARAM_LABEL.match(label)
        if params is not None:
            value = _value(lit, tolerance, billion=True)
            if value is not None and _parameter_count(value):
                part = (params.group(1) or params.group(2) or "total").lower()
                part = "active" if part.startswith("activ") else "total"
                yield Statement("params", lit, value, item.where, item.line, label, part,
                                hedged=hedged, scope=_param_scope(label))  # fmt: skip
            continue
        if lit.is_percent and UTILISATION.search(label):
            yield from _utilisation(lit, item.where, item.line, label, tolerance)
            continue
        value = _value(lit, tolerance)
        if value is None:
            continue
        kind = value_kind(value)
        per_token = _per_token(lit, item.where) or PER_TOKEN.search(label)
        kv = kind == "bytes" and per_token and _about_kv(f"{label} {line_text}", item.where)
        if kv and _sum_of_amounts(item.where, lit):
            pass  # "reads the linears (547.4 MB), …, the KV cache (67.1 MB): ≈ 877.4 MB"
        elif kv and _KV_TRAFFIC.search(label):
            pass  # "With a full 4,096-token KV cache also read: 944.6 MB per token": traffic
        elif kv:
            per_gpu = _per_gpu(line_text, lit, item.where)
            yield Statement("kv-per-token", lit, value, item.where, item.line, label,
                            per_gpu=per_gpu, scope=_kv_scope(label))  # fmt: skip
        elif kind == "bytes" and _SHARDED_AFTER.match(item.where.text, lit.end):
            pass  # "12 B × 0.927B = 11.1 GB, sharded 32 ways ≈ 0.35 GB": the whole, then a shard
        elif kind == "bytes" and not _names_a_sum(label):
            words = _outside_brackets(label)  # "(vocab-parallel embedding, …) each GPU holds"
            # "per GPU with TP=2 (vocab-parallel embedding …)": the aside names no part
            named = " ".join(_ASIDE.sub(" ", words).split())
            for part, pattern in MEMORY_PARTS:
                if pattern.search(named or words):
                    per_gpu = _per_gpu(label, lit, item.where)
                    yield Statement("memory", lit, value, item.where, item.line, label, part,
                                    per_gpu, hedged)  # fmt: skip
                    break
        earlier = siblings.get(id(item.where), [])
        statement = _timed(doc, lit, value, kind, item.where, item.line, label, line_text, earlier)
        if statement is not None:
            yield statement


#: Words right after a size that divide it: ``11.1 GB, sharded 32 ways``.
_SHARDED_AFTER = lazy_compile(
    r"\s*,?\s*(?:then\s+|and\s+)?(?:sharded|split|divided|spread|partitioned)\s+"
    r"(?:\d+\s+ways|(?:across|over|among|between)\b)",
    _I,
)


def _names_a_sum(label: str) -> bool:
    """A label that adds named parts (``model + optimizer states``, ``weights + KV``): its
    figure is their sum, no one part's size. The optimizer's own pieces (``FP32 master weights
    + Adam moments``) and an aside (``Adam (m + v)``) name one part."""
    pieces = _BRACKETED.sub("", label).split("+")
    return len(pieces) > 1 and not all(_OPTIMIZER_PIECE.search(piece) for piece in pieces)


#: A bracketed aside of a label.
_BRACKETED = lazy_compile(r"\([^()]*\)")
#: What the optimizer states are made of.
_OPTIMIZER_PIECE = lazy_compile(r"\b(?:master|adam\w*|moments?|optimi[sz]er|momentum|m|v)\b", _I)


#: An aside in brackets: how a figure is split or made, not what it is.
_ASIDE = lazy_compile(r"\([^()]*\)")


def _outside_brackets(text: str) -> str:
    """``text`` without what comes before a bracket that closes in it but opened before it (a
    label that starts inside an aside: ``embedding, …) each GPU holds half``)."""
    return text[text.rfind(")") + 1 :].strip() if text.count(")") > text.count("(") else text


#: Words of a rate CPUs make (tokenising, data loading): no accelerator bounds it.
_CPU_WORK = lazy_compile(
    r"\btokeni[sz](?:er|ers|ing|ation)\b|\bv?cpus?\b|\bdata\s*loader|\bpreprocess", _I
)
#: Units rate limits are published in (tokens per minute): quotas, not speeds.
_QUOTA_UNITS = frozenset({"tpm"})


def _timed(
    doc: Document,
    lit: Lit,
    value: Value,
    kind: str,
    where: Scanned,
    line: int,
    label: str,
    line_text: str,
    siblings: list[Scanned] | None = None,
) -> Statement | None:
    context = f"{label} {line_text}"
    hedged = bool(NOT_A_CLAIM.search(label or line_text))
    if kind == "tokens/s" and lit.unit_text.lower() in _QUOTA_UNITS:
        return None  # "7,344,000 TPM": a rate limit an API grants, not a speed of hardware
    if kind == "tokens/s" and _scaled_result(lit, where, siblings or []):
        return None  # "24 × 2,400 = 57,600 tokens/s": its factor rate is the claim
    if kind == "tokens/s" and _CPU_WORK.search(
        f"{label} {lit.per} {_clause_before(where.text, lit.start)}"
    ):
        return None  # "Tokenizer throughput: 380,000 tokens/s per 32-vCPU worker": no GPU's
    if kind == "tokens/s":
        phase = "decode" if DECODE.search(context) else "prefill" if PREFILL.search(context) else ""
        if not phase and TRAINING.search(context):
            phase = "training"
        # "the 64 GPUs deliver …", "on 8 H100s": the devices its sentence counts, any phase
        sentence = _sentence(where.text, lit.start, lit.end)
        terms = compute_terms(sentence, _clause_before(where.text, lit.start))
        per_gpu = _per_gpu(f"{label} {line_text}", lit, where)
        before = where.text[_sentence_start(where.text, lit.start) : lit.start]
        return Statement("throughput", lit, value, where, line, label or line_text.strip(), phase,
                         per_gpu, hedged, compute=terms,
                         demand=demand(f"{label} {before}") or sized_after(where.text, lit.end),
                         sizes=model_sizes(sentence))  # fmt: skip
    if kind == "flop/s":
        sentence = _sentence(where.text, lit.start, lit.end)
        terms = _node_count(doc, compute_terms(sentence, _clause_before(where.text, lit.start)))
        own = label or row_label(where, line_text)  # "| Dense FP8 | 242 TFLOPS |"
        if not terms.precision and own:  # the precision its label says
            terms = replace(terms, precision=compute_terms(own, "").precision)
        if sized_after(where.text, lit.end):  # "…; at 494.5 TFLOPS per GPU that is 6.65 GPUs"
            terms = replace(terms, ambiguous=True)
        per_gpu = _per_gpu(f"{label} {line_text}", lit, where)
        return Statement("compute", lit, value, where, line, label or line_text.strip(),
                         per_gpu=per_gpu, hedged=hedged, compute=terms)  # fmt: skip
    difference = bool(lit.label) and _DIFFERENCE_AFTER.match(f" {lit.label}") is not None
    if kind == "time" and (difference or _DIFFERENCE_AFTER.match(where.text, lit.end)):
        return None  # "a 0.3 ms higher decode floor": a difference between two latencies
    if kind == "time" and _ADDED_BEFORE.search(where.text, max(0, lit.start - 24), lit.start):
        return None  # "KV reads add … another 14.6 ms": a part added to a step, not the step
    if kind == "time" and _REMAINDER_BEFORE.search(where.text, max(0, lit.start - 32), lit.start):
        return None  # "a 25 ms TPOT target leaves about 6 ms for scheduling": what is left
    if kind == "time" and _BY_BEFORE.search(where.text, max(0, lit.start - 16), lit.start):
        return None  # "CUDA graphs cut TPOT by 3.9 ms": a change of a latency, not one
    if kind == "time" and _an_operand(lit, where):
        return None  # "256 × 4.8 ms ≈ 1.2 s of weight traffic": a term of a product
    if kind == "time":
        # "measured TTFT\np50 for an 8k-token prompt is 150 ms": the words of its sentence
        # since the last duration name the latency ("If TPOT > 25 ms for 10 min": not "10 min").
        # the value's own label too: "measures 24 ms TPOT at batch 1"
        context = f"{label} {lit.label or ''} {_own_words(where.text, lit)}"
        if TTFT.search(context):
            if TTFT_CACHED.search(context) or TTFT_CACHED.search(row_label(where, line_text)):
                return None  # "Warm TTFT | 14 ms", "| APC on, prefix hit | 44 ms |": cached
            return Statement("ttft", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
        if TPOT.search(context):
            return Statement("tpot", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
        prefill = PREFILL_TIME.search(context) and not PREFILL_BOUND.search(context)
        if prefill and not TRANSFER_TIME.search(context):
            # "Prefill of a 2,048-token prompt takes 21 ms": the prompt is in its own words
            prompt = prompt_length_on_line(context)
            if prompt is not None:
                return Statement("ttft", lit, value, where, line, label or line_text.strip(),
                                 "prefill", hedged=hedged, ceiling=True,
                                 prompt_tokens=prompt)  # fmt: skip
        sentence = _sentence(where.text, lit.start, lit.end)
        if (
            TRAIN_TIME.search(sentence)
            and value.point >= 3600
            and not _resource_time(lit)
            and not _in_formula(lit, where)
        ):
            # "Wall-clock would then be\nabout 11.5 days": its sentence supposes, not its line
            hedged = hedged or bool(NOT_A_CLAIM.search(sentence))
            return Statement("train-time", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
        own = _consequence(where.text, lit)  # "… at least 18.6 ms, and the measured … 31.7 ms"
        if (
            STEP.search(sentence)
            and FLOOR.search(own)
            and not _AT_A_SHARE.match(where.text, lit.end)  # "(20.53 ms at 80 % bandwidth)"
        ):
            # "t_step ≥ W / BW = 4.79 ms": a per-token floor the document derives itself.
            return Statement("step-floor", lit, value, where, line, label or line_text.strip(),
                             ceiling=True)  # fmt: skip
        per_step = (lit.per or "").lower() == "step" or _PER_STEP.search(
            _own_words(where.text, lit)
        )
        if MEASURED.search(sentence) and per_step:
            # "We measured 9.8 ms per step": a step time that a floor on it bounds
            return Statement("step-time", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
        if _one_stream_token_time(lit, where, sentence):
            # "A TP4 replica decodes a single stream at about 3 ms per token"
            return Statement("tpot", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
    return None


def _one_stream_token_time(lit: Lit, where: Scanned, sentence: str) -> bool:
    """A time per token of one stream's decoding (``decodes a single stream at about 3 ms per
    token``): a time per output token, though its sentence does not say TPOT."""
    per = (lit.per or "").lower() in ("token", "output token") or _per_token(lit, where)
    if not per or PREFILL_TIME.search(sentence) or not DECODE.search(sentence):
        return False
    return batches_in(sentence) == {1}


def _measured_against(text: str, lit: Lit) -> bool:
    """``we measured 4,100 tokens/s per GPU, which leaves us inside the ceiling``: a measured
    figure its sentence compares with a ceiling named only after it."""
    start = _sentence_start(text, lit.start)
    if not MEASURED.search(text, start, lit.start):
        return False
    return ROOFLINE.search(text, start, lit.start) is None


def _shares_of_bound(sentence: str) -> bool:
    """``TPOT 29.8 ms → 33.6 tokens/s, again 75 % of the floor``: every bound the sentence
    names is what its figures are a share of, so none of them is the bound."""
    return all(
        _SHARE_BEFORE.search(sentence, 0, found.start()) for found in ROOFLINE.finditer(sentence)
    )


#: A percentage of something right before a bound's name: ``75 % of the``.
_SHARE_BEFORE = lazy_compile(r"\d\s*%\s+of\s+(?:the\s+|its\s+|our\s+)?(?:[\w-]+\s+)?$", _I)
#: ``by`` right before a figure: a change or a difference (``grows by 1.58 GB``).
#: Right before a time: it is what a budget leaves (``leaves about 6 ms``, ``6 ms of headroom``).
_REMAINDER_BEFORE = lazy_compile(
    r"\b(?:leaves?|leaving|left|remaining|remains|headroom|slack|margin)\s+"
    r"(?:(?:us|of|with|about|roughly|around|only|just|another)\s+)*(?:[~≈]\s*)?$",
    _I,
)
_BY_BEFORE = lazy_compile(r"\bby\s+(?:about\s+|roughly\s+|~\s*|≈\s*)?$", _I)
#: A time for one step in its own words: ``9.8 ms per step``, ``each decode step takes``.
_PER_STEP = lazy_compile(r"\b(?:per|each|every|a|one)\s+(?:decode\s+|forward\s+)?step\b", _I)


def _list_siblings(scanned: list[Scanned]) -> dict[int, list[Scanned]]:
    """Each list item's earlier items of its list (by ``id`` of the item's ``Scanned``)."""
    lists: dict[int, list[Scanned]] = {}
    siblings: dict[int, list[Scanned]] = {}
    for where in scanned:
        item = where.segment.item
        if item is not None:
            earlier = lists.setdefault(item.list_id, [])
            siblings[id(where)] = [e for e in earlier if e.segment.item != item]
            earlier.append(where)
    return siblings


def _from_prose(doc: Document, scanned: list[Scanned], tolerance: Tolerance) -> Iterator[Statement]:
    items = {
        (where.segment.item.list_id, where.segment.item.index): where
        for where in scanned
        if where.segment.item is not None
    }
    earlier = _list_siblings(scanned)
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell", "code"):
            continue
        item = where.segment.item
        previous = None if item is None else items.get((item.list_id, item.index - 1))
        siblings = earlier.get(id(where), [])
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    yield from _prose_statement(doc, where, lit, tolerance, previous, siblings)


def _scaled_result(lit: Lit, where: Scanned, siblings: list[Scanned]) -> bool:
    """Whether ``lit`` is the result of a product of a count and a rate written before it in the
    same unit (``each replica sustains 2,400 tokens/s … 24 × 2,400 = 57,600 tokens/s``), in its
    paragraph or an earlier item of its list (``siblings``): a rate multiplied up from another."""
    for chain in where.result.chains:
        if len(chain.exprs) < 2 or strip_groups(chain.exprs[-1]) is not lit:
            continue
        formula = strip_groups(chain.exprs[0])
        if not isinstance(formula, BinOp) or formula.op != "*":
            return False
        factors = [strip_groups(n) for n in (formula.left, formula.right)]
        earlier = [(where, c) for c in where.result.chains if c.tok_end <= chain.tok_start]
        earlier += [(item, c) for item in siblings for c in item.result.chains]
        rates = {
            other.number.value
            for source, before in earlier
            for other in (strip_groups(e) for e in before.exprs)
            if isinstance(other, Lit) and _same_rate_unit(other, lit, source.text)
        }
        counts = [f for f in factors if isinstance(f, Lit) and f.number.is_plain_integer]
        return bool(counts) and any(isinstance(f, Lit) and f.number.value in rates for f in factors)
    return False


def _same_rate_unit(other: Lit, lit: Lit, text: str) -> bool:
    """Whether ``other`` is written in ``lit``'s unit (``2,400 output tokens/s``)."""
    if other.unit is not None:
        return other.unit == lit.unit
    return bool(lit.unit_text) and lit.unit_text in text[other.end : other.end + 24]


def _an_operand(lit: Lit, where: Scanned) -> bool:
    """The value is a term of a formula its text writes (``256 × 4.8 ms``), not a result."""
    return any(
        found is lit
        for chain in where.result.chains
        for expr in chain.exprs
        if not isinstance(strip_groups(expr), Lit)
        for found in literals(expr)
    )


def _in_formula(lit: Lit, where: Scanned) -> bool:
    """A duration its own text computes with (``96 h × 2,100 / 9,200``, ``4.82e22 / 1.01e17 s``)
    or scales from another duration (``= 21.9 h``): not the run's time, and its arithmetic is
    checked where it is written. A result the text derives otherwise (FLOPs over FLOP/s) is."""
    for chain in where.result.chains:
        formulas = [e for e in chain.exprs if not isinstance(strip_groups(e), Lit)]
        if not any(found is lit for expr in chain.exprs for found in literals(expr)):
            continue
        if any(found is lit for expr in formulas for found in literals(expr)):
            return True
        return any(_is_duration(expr) for expr in formulas)
    return False


def _is_duration(expr: Node) -> bool:
    """Whether a formula with a duration among its operands evaluates to a duration."""
    if not any(_duration(lit) for lit in literals(expr)):
        return False
    value = written_value(expr)
    return value is not None and value_kind(value) == "time"


def _duration(lit: Lit) -> bool:
    value = _value(lit, DEFAULT_TOLERANCE)
    return value is not None and value_kind(value) == "time"


def _resource_time(lit: Lit) -> bool:
    """``529K GPU-hours``: GPUs (or nodes, replicas) times time, not a duration."""
    return lit.unit is not None and bool(lit.unit.counted)


def _node_count(doc: Document, terms: ComputeTerms) -> ComputeTerms:
    """``An H200 node delivers …``: the devices of one node, when the document states one
    GPUs-per-node count."""
    if not terms.per_node or terms.count is not None or terms.ambiguous:
        return terms
    size = node_size(doc)
    if size is None:
        return terms
    return replace(terms, count=size[0], count_text=f"{size[0]} GPUs per node, line {size[1]}")


def _prose_statement(
    doc: Document,
    where: Scanned,
    lit: Lit,
    tolerance: Tolerance,
    previous: Scanned | None = None,
    siblings: list[Scanned] | None = None,
) -> Iterator[Statement]:
    """The statements ``lit`` makes in ``where``; ``previous`` is the list item before it, and
    ``siblings`` every earlier item of its list, when ``where`` is one."""
    line = doc.position(where.offsets[lit.num_start])[0]
    if lit.is_percent:
        if _utilisation_words(where.text, lit):
            text = doc.line_text(line).strip(" -*")
            yield from _utilisation(lit, where, line, text, tolerance)
            return
        share = _device_share(where, lit, line, tolerance) or _model_share(
            where, lit, line, tolerance, previous
        )
        if share is not None:
            yield share
        return
    after = where.text[lit.end : lit.end + 40]
    before = where.text[max(0, lit.start - 30) : lit.start]
    params = PARAM_AFTER.match(after)
    label = (lit.label or "").lower()
    is_params = lit.unit is not None and lit.unit.kind == "params"
    if label in PARAM_WORDS and _PARAM_WORD_AFTER.match(after):
        is_params = True
    bare = PARAM_BARE.match(after)
    if params is None and bare is not None and SIZE_LINE.search(doc.line_text(line)):
        params = bare
    activates = params is None and not is_params and _activated_count(where, lit)
    if (
        (params is not None and lit.unit is None)
        or is_params
        or (params is bare and bare is not None and _billions(lit))
        or activates
    ):
        value = _value(lit, tolerance, billion=True)
        if value is not None and _parameter_count(value) and value.point >= 10**6:
            word = label if label in PARAM_WORDS else (params.group(1) or "") if params else ""
            prior = PARAM_BEFORE.search(before.rpartition("(")[2])  # "… activated (our recount
            word = word or (prior.group(1) if prior else "")
            per_token = _PER_TOKEN_AFTER.match(after)
            active = word.lower().startswith("activ") or per_token or activates
            part = "active" if active else "total"
            hedged = bool(NOT_A_CLAIM.search(before))
            extra = len(params.group(0)) if params and not is_params else 0
            text = where.text[lit.start : lit.end + extra].strip()
            if activates:
                text = f"activated: {text}"  # the label says what the count is
            own = where.text[lit.start : lit.end]  # its unit: "6.5B non-embedding params"
            clause = " ".join(
                (_clause_before(where.text, lit.start), own, params.group(0) if params else "")
            )
            yield Statement("params", lit, value, where, line, text, part, hedged=hedged,
                            scope=_param_scope(clause))  # fmt: skip
        return
    if lit.unit is None:
        return  # a bare number is a count (a floor is a time): nothing below reads one
    value = _value(lit, tolerance)
    if value is None:
        floor = _floor_statement(doc, where, lit, line, tolerance)
        if floor is not None:
            yield floor
        return
    kind = value_kind(value)
    line_text = doc.line_text(line)
    clause = _clause_before(where.text, lit.start)
    operand = _OPERAND.match(where.text, lit.end) or _OPERAND_AFTER.search(where.text, 0, lit.start)
    # "KV per token: … × 2 B = 20 KiB": a factor is not what the clause states ("× 40,960
    # bytes per token" says so itself)
    said = not operand and _per_token_clause(where.text, lit.start)
    if kind == "bytes" and lit.alt_scale is None and (_per_token(lit, where) or said):
        sentence = _sentence(where.text, lit.start, lit.end)
        before = where.text[_sentence_start(where.text, lit.start) : lit.start]
        if _KV_TRAFFIC.search(before):
            return  # "the KV read adds 0.81 GB per token": the whole context read per step
        if _NOT_KV_AFTER.match(where.text, lit.end):
            return  # "each token streams all 2.28 GB of weights plus the KV read": not KV
        if _about_kv(f"{sentence} {clause}", where) and not _sum_of_amounts(where, lit):
            said_of = f"{before} {line_text}"  # "so each GPU stores\n224 KiB / 8 = 56 KiB"
            scope = _kv_scope(clause.rsplit(":", 1)[-1]) or _kv_scope_anywhere(clause)
            per_gpu = _per_gpu(said_of, lit, where)
            supposed = _SUPPOSED.search(sentence) is not None
            yield Statement("kv-per-token", lit, value, where, line, line_text.strip(" -*"),
                            per_gpu=per_gpu, hedged=supposed, scope=scope,
                            sizes=_parameter_counts(where))  # fmt: skip
        return
    if kind == "bytes" and not operand:
        weights = _weights_at_precision(where, lit, value, line)
        if weights is not None:
            yield weights
            return
    statement = _timed(doc, lit, value, kind, where, line, "", line_text, siblings)
    if statement is not None:
        yield statement


#: Right after a bytes figure: the words that name it something other than the KV cache.
_NOT_KV_AFTER = lazy_compile(
    r"\s*of\s+(?:the\s+)?(?:model\s+|bf16\s+|fp16\s+|fp8\s+|int[48]\s+)?"
    r"(?:weights|parameters|params|activations|optimi[sz]er\s+states?|gradients)\b",
    _I,
)
#: Words that make a KV figure per token a read per generated token (the whole context's
#: cache, moved once a step), not the cache one token takes.
_KV_TRAFFIC = lazy_compile(r"\b(?:read|reads|reading|streamed|streaming|traffic)\b", _I)

#: The least a whole model's weights may take: a smaller figure is a width or a size per
#: parameter (``4-bit weights``, ``2 B per weight``).
_MIN_WEIGHTS_BYTES = 10**6


#: A sentence about another setup than the document's: ``if it cached per-head K and V, it
#: would be 276,480 B per token``, ``For comparison, a GQA model with 8 KV heads …``.
_SUPPOSED = lazy_compile(
    r"\b(?:if|would|could|might|were|(?:for|by|in)\s+comparison|compared\s+(?:to|with))\b", _I
)

#: The precision written right after a figure: ``16.06 GB in bf16``, ``8.03 GB (FP8)``.
_DTYPE_AFTER = lazy_compile(r"[^\S\n]*(?:\(\s*([\w-]+)\s*\)|(?:in|at|as)\s+([\w-]+))", _I)


def _dtype_after(text: str, lit: Lit) -> set[str]:
    """The precision written right after a figure (``16.06 GB in bf16``, ``8.03 GB (FP8)``)."""
    named = _DTYPE_AFTER.match(text, lit.end)
    return dtypes_in(named.group(1) or named.group(2)) if named else set()


def _weights_at_precision(where: Scanned, lit: Lit, value: Value, line: int) -> Statement | None:
    """``In FP16 the weights need 141 GB``, ``quantised to INT4 they take 35 GB``: the whole
    model's weights at the one precision the figure's clause names, in a sentence that names
    no part, shard or device."""
    if lit.per or lit.is_range or lit.bound or _in_formula(lit, where):
        return None
    if value.point < _MIN_WEIGHTS_BYTES:
        return None  # "4-bit AWQ weights": a width, not the weights' size
    sentence = _sentence(where.text, lit.start, lit.end)
    if not WEIGHTS_WORDS.search(sentence) or WEIGHTS_OTHER.search(sentence):
        return None
    if _weights_of_another(where.text, lit):
        return None  # "2× 3090 = 48 GB, minus 31.4 GB of weights": the weights are the other's
    if _device_aside(where.text, lit.start) or _device_after(where.text, lit):
        return None  # "on H100 SXM (989 TFLOPS dense BF16, 80 GB)", "an 80 GB H100": the device's
    if _device_before(where.text, lit):
        return None  # "1× H100 SXM 80GB, vLLM 0.6.2, BF16 weights": the device's memory
    if _BY_BEFORE.search(where.text, max(0, lit.start - 12), lit.start):
        return None  # "the weights grow by 1.58 GB in BF16": a difference, not the weights
    if _result_of_difference(where, lit):
        return None  # "L4 (FP8 weights): 24 × 0.9 − 8.03 − 1.5 = 12.07 GB": what is left
    dtypes = _dtype_after(where.text, lit)
    if len(dtypes) != 1:  # "16.06 GB in bf16 (…), 8.03 GB in FP8": the figure's own first
        dtypes = dtypes_in(_size_clause(where, lit))
    if len(dtypes) != 1:
        return None
    start = _sentence_start(where.text, lit.start)
    sizes = tuple(
        v.point
        for other in _literals_between(where, start, start + len(sentence))
        if other is not lit and (v := _value(other, DEFAULT_TOLERANCE, billion=True)) is not None
        and value_kind(v) == "count" and v.point >= 10**8
    )  # fmt: skip
    text = sentence.strip(" -*")
    return Statement("memory", lit, value, where, line, text, "weights", False,
                     dtype=dtypes.pop(), sizes=sizes)  # fmt: skip


#: A size right before ``of`` and the weights' word: ``31.4 GB of weights`` is that size's.
_OTHER_FIGURE_OF = lazy_compile(r"\d\s*[KMGT]i?B\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?$", _I)


def _weights_of_another(text: str, lit: Lit) -> bool:
    """Every word for the weights in the figure's sentence follows another size and ``of``
    (``48 GB, minus 31.4 GB of weights``): the weights are that size, not the figure."""
    start = _sentence_start(text, lit.start)
    after = _SENTENCE_END.search(text, lit.end)
    words = list(WEIGHTS_WORDS.finditer(text, start, after.start() if after else len(text)))
    return bool(words) and all(
        (size := _OTHER_FIGURE_OF.search(text, start, found.start())) is not None
        and not lit.start <= size.start() < lit.end
        for found in words
    )


def _device_after(text: str, lit: Lit) -> bool:
    """A device's name right after a size (its label or the next word): ``an 80 GB H100`` is
    the device's memory."""
    following = [*(lit.label or "").split()[:1], *text[lit.end : lit.end + 24].split()[:1]]
    table = devices()
    return any(devices_named(word.strip(".,;:()"), table) for word in following)


def row_label(where: Scanned, line_text: str) -> str:
    """The first cell of a table row, for a figure in another cell of it."""
    cell = where.segment.cell
    if cell is None or cell.is_header or cell.col == 0:
        return ""
    return line_text.strip().strip("|").split("|")[0].strip()


def _device_before(text: str, lit: Lit) -> bool:
    """A device's name right before a size (one of the two words before it): ``H100 SXM
    80GB`` is the device's memory."""
    words = text[max(0, lit.start - 24) : lit.start].split()[-2:]
    table = devices()
    return any(devices_named(word.strip(".,;:()×x"), table) for word in words)


def _device_aside(text: str, start: int) -> bool:
    """``start`` is inside round brackets right after a device's name that say nothing of
    weights (``H100 SXM (989 TFLOPS dense BF16, 80 GB)``): the figure is the device's."""
    depth = 0
    for k in range(start - 1, -1, -1):
        if text[k] == ")":
            depth += 1
        elif text[k] == "(" and depth:
            depth -= 1
        elif text[k] == "(":
            end = text.find(")", start)
            if WEIGHTS_WORDS.search(text[k + 1 : end if end >= 0 else len(text)]):
                return False
            table = devices()
            return any(devices_named(w, table) for w in text[:k].split()[-2:])
    return False


def _utilisation_words(text: str, lit: Lit) -> bool:
    """A percentage said to be a model or hardware FLOPs utilisation."""
    if UTILISATION_AFTER.match(text, lit.num_end):
        return True
    return UTILISATION_BEFORE.search(text[max(0, lit.start - 60) : lit.start]) is not None


def _utilisation(
    lit: Lit, where: Scanned, line: int, label: str, tolerance: Tolerance
) -> Iterator[Statement]:
    """An MFU or HFU percentage as a share of peak (1.2 for 120 %); ranges are left out."""
    if lit.is_range or lit.bound:
        return
    try:
        value = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return
    hedged = bool(NOT_A_CLAIM.search(label))
    yield Statement("utilisation", lit, value, where, line, label, hedged=hedged)


def _device_share(where: Scanned, lit: Lit, line: int, tolerance: Tolerance) -> Statement | None:
    """``15.24 GB, which is 63% of the card``: a percentage of one device's memory, with the
    bytes of its sentence just before it."""
    sign = _PERCENT_SIGN.match(where.text, lit.num_end)  # "72% der Karte": "der" is no label
    if sign is None or OF_DEVICE.match(where.text, sign.end()) is None:
        return None
    if lit.is_range or lit.bound:
        return None
    start = _sentence_start(where.text, lit.start)
    before = _literals_between(where, start, lit.start)
    if not before:
        return None
    last = before[-1]
    if len(before) > 1 and _OF_WHOLE.fullmatch(where.text, before[-2].end, last.start):
        last = before[-2]  # "50.7 GB of the 141 GB, 36% of each GPU": the whole is no part
    if _OPERAND_AFTER.search(where.text, 0, last.start) or _TERM_AFTER.match(where.text, last.end):
        return None  # "batch × len × 128 KiB + weights must fit in 90 % of HBM": a factor
    part = _value(last, tolerance)
    if part is None or value_kind(part) != "bytes":
        return None
    return _share("memory-share", where, lit, line, start, part, tolerance)


#: An arithmetic operator right after a figure: it is a term of a formula.
_TERM_AFTER = lazy_compile(r"\s*[×*·/+−]")

#: Between a part and its whole: "50.7 GB of the 141 GB", "12 GB out of 80 GB".
_OF_WHOLE = lazy_compile(r"\s+(?:out\s+)?of(?:\s+(?:the|its|their|each|one))?\s+", _I)


def _model_share(
    where: Scanned, lit: Lit, line: int, tolerance: Tolerance, previous: Scanned | None = None
) -> Statement | None:
    """``83,886,080 trainable parameters. That is 1.04% of the base model``: a percentage of
    the model's parameter count, with the count just before it in its sentence (or in the one
    before, when this one restates it: "that is", "which is"). A list item that opens with
    the restatement (``- that is 0.4 % of the base model``) restates the item before it: the
    count is the last value of that item."""
    sign = _PERCENT_SIGN.match(where.text, lit.num_end)
    if sign is None or lit.is_range or lit.bound:
        return None
    if OF_MODEL.match(where.text, sign.end()) is None:
        return _active_share(where, lit, line, sign.end(), tolerance)
    start = _sentence_start(where.text, lit.start)
    if _RESTATES.match(where.text, start) and start > 1:
        start = _sentence_start(where.text, start - 2)  # before the end of the one before
    before = _literals_between(where, start, lit.start)
    last = max(before, key=lambda other: other.start, default=None)
    text = where.text
    if last is None and start == 0 and previous is not None:
        if _RESTATES_SENTENCE.match(text, start) is None:
            return None
        text = previous.text
        last = max(_literals_between(previous, 0, len(text)), key=lambda o: o.start, default=None)
        named = None if last is None else _PARAMS_AFTER.match(text, last.num_end)
        if named is None or text[named.end() :].strip(" .;:"):
            return None  # the count must close the item it is restated from
    if last is None or not _PARAMS_AFTER.match(text, last.num_end):
        return None
    part = _value(last, tolerance, billion=True)
    if part is None or value_kind(part) != "count":
        return None
    return _share("params-share", where, lit, line, start, part, tolerance)


#: "0.28% of the weights are read per token": the share of the parameters each token uses.
_ACTIVE_OF = lazy_compile(
    r"\s*of\s+(?:the\s+|all\s+(?:the\s+)?|its\s+)?(?:model(?:'s|’s)?\s+)?"
    r"(?:weights|parameters|params)\s+(?:are|is|get|gets)\s+(?:only\s+)?"
    r"(?:read|active|activated|used|touched|loaded|streamed|computed)\s+"
    r"(?:per|for\s+(?:each|every|a))\s+token\b",
    _I,
)


def _active_share(
    where: Scanned, lit: Lit, line: int, end: int, tolerance: Tolerance
) -> Statement | None:
    """``only 0.28% of the weights are read per token``: a percentage of the model's parameters
    that is its active share (judged against the architecture's active and total counts)."""
    if _ACTIVE_OF.match(where.text, end) is None:
        return None
    start = _sentence_start(where.text, lit.start)
    share = _share("params-share", where, lit, line, start, None, tolerance)
    return None if share is None else replace(share, part="active")


def _parameter_counts(where: Scanned) -> tuple[Fraction, ...]:
    """The parameter counts a paragraph writes (``70.55B × 2 B``): counts of 100M or more."""
    return tuple(
        v.point
        for other in _literals_between(where, 0, len(where.text))
        if (v := _value(other, DEFAULT_TOLERANCE, billion=True)) is not None
        and value_kind(v) == "count"
        and v.point >= 10**8
    )


def _literals_between(where: Scanned, start: int, end: int) -> list[Lit]:
    """The values written in ``where.text[start:end]``, in the order the scanner read them."""
    return [
        other
        for chain in where.result.chains
        for expr in chain.exprs
        for other in literals(expr)
        if start <= other.start and other.end <= end
    ]


def _share(
    kind: StatementKind,
    where: Scanned,
    lit: Lit,
    line: int,
    start: int,
    part: Value | None,
    tolerance: Tolerance,
) -> Statement | None:
    """The percentage ``lit`` as a share of ``part``, labelled by its sentence from ``start``."""
    try:
        value = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    label = where.text[start : lit.end + 20].strip()
    return Statement(kind, lit, value, where, line, label, share_of=part)


def _sentence_start(text: str, index: int) -> int:
    breaks = [m.end() for m in _SENTENCE_END.finditer(text, 0, index)]
    return breaks[-1] if breaks else 0


def _floor_statement(
    doc: Document, where: Scanned, lit: Lit, line: int, tolerance: Tolerance
) -> Statement | None:
    """ "each step takes at least 12.5 ms", "TPOT ≥ 10 ms": a per-step floor as a bound."""
    if lit.bound not in (">", ">=") or lit.is_range:
        return None
    value = _value(dataclasses.replace(lit, bound=""), tolerance)
    if value is None or value_kind(value) != "time":
        return None
    sentence = _sentence(where.text, lit.start, lit.end)
    if not STEP.search(sentence):
        return None
    if lit.bound == ">" and not FLOOR.search(sentence):
        return None  # "TPOT above 25 ms at normal load: look for …": a condition, not a floor
    if _AT_A_SHARE.match(where.text, lit.end):
        return None  # "(20.53 ms at 80 % bandwidth)": an estimate below peak, not a floor
    text = doc.line_text(line).strip()
    return Statement("step-floor", lit, value, where, line, text, ceiling=True)


#: A share of peak under 100 % right after a time: `` at 80 % bandwidth``.
_AT_A_SHARE = lazy_compile(r"\s*at\s+\d{1,2}(?:\.\d+)?\s*%", _I)
#: Words right after a duration that make it a difference: ``0.3 ms higher``, ``2 ms more``.
_DIFFERENCE_AFTER = lazy_compile(
    r"\s*(?:higher|lower|more|less|longer|shorter|faster|slower|extra|added)\b", _I
)
#: Words between "activates" and a count that make the count something else.
_NOT_ACTIVATED = lazy_compile(r"\b(?:out\s+of|of|from|total|in\s+all|param\w*)\b", _I)
_ACTIVATES = lazy_compile(r"\bactivat\w*\b", _I)
_PARAM_WORD = lazy_compile(r"\bparam", _I)
_PARAM_WORD_AFTER = lazy_compile(r"\s*param(?:eter)?s?\b", _I)
_PER_TOKEN_AFTER = lazy_compile(r"[\s\w]{0,12}\bper\s+token\b", _I)
_UP_TO_A_DIGIT = lazy_compile(r"[^\d\n]{0,40}")
_TOKEN_COUNT = lazy_compile(
    r"\d[- ]tokens?\b|\b\d[\d,.]*\s*[kKM]?[- ](?:tokens?\s+(?:of\s+)?)?context\b", _I
)
#: "at 40 KiB per token a 50 GB budget": a "per token" right after bytes is theirs, not the
#: clause's.
_BYTES_BEFORE = lazy_compile(r"\d\s*(?:[KMGTP]i?B|bytes?|B)\s*$", _I)
_PER_TOKEN_UNIT = lazy_compile(r"(?:\bper\s+|/\s*)tokens?\b", _I)
#: How far before an activated count its sentence may name the parameters.
_NEARBY = 120


def _activated_count(where: Scanned, lit: Lit) -> bool:
    """ "each token activates 671B × 8/256 ≈ 21B of them": the result of a clause about the
    parameters a token activates."""
    if not _billions(lit) or _OPERAND.match(where.text, lit.end):
        return False
    clause = _clause_before(where.text, lit.start).rpartition("(")[2]  # a parenthesis: anew
    verbs = list(_ACTIVATES.finditer(clause))
    verb = verbs[-1] if verbs else None
    if verb is None or _NOT_ACTIVATED.search(clause[verb.end() :]):
        return False  # "activates 37B parameters out of 671B": 671B is the total
    nearby = where.text[max(0, lit.start - _NEARBY) : lit.end + 40]
    return bool(_PARAM_WORD.search(nearby))


def _parameter_count(value: Value) -> bool:
    """A count that may be of parameters: bare or in params, not FLOPs, tokens or requests
    (``parameters: 2 × 8.324B = 16.65 GFLOP per token`` states no parameter count)."""
    table = unit_table()
    other = [n for n, d in zip(table.names, value.dims, strict=True) if d and n != "param"]
    return value_kind(value) == "count" and not other


def _billions(lit: Lit) -> bool:
    """``1.3B``, ``6.9 B``: a count with a magnitude suffix (read as billions, not bytes)."""
    return lit.scale is not None or lit.alt_scale is not None


_DURATION = lazy_compile(r"\d\s*(?:ms|s|sec|secs|seconds?|min|mins|minutes?|h|hours?|µs|us)\b", _I)


def _own_words(text: str, lit: Lit) -> str:
    """The words of a value's sentence that belong to it: back to the previous duration, and
    on to the next number or the sentence's end."""
    sentence_start = text.rfind(_sentence(text, lit.start, lit.end)[:20], 0, lit.start + 1)
    head = text[max(0, sentence_start) : lit.start]
    durations = list(_DURATION.finditer(head))
    if durations:
        head = head[durations[-1].end() :]
        relation = max(head.rfind("="), head.rfind("≈"))
        if relation >= 0:  # "18 tokens at 14 ms TPOT = 252 ms": "TPOT" names the 14 ms
            head = head[relation + 1 :]
    stop = _SENTENCE_END.search(text, lit.end)  # "1,450 ms. TPOT also degraded": not its name
    tail = _UP_TO_A_DIGIT.match(text[lit.end : stop.start() if stop else len(text)])
    words = tail.group(0) if tail else ""
    if _OF_A_LATENCY.match(words):
        return head  # "costs only 7 ms of TPOT": a part or a change of the latency, not it
    named = _NAMES_THE_NEXT.search(words)
    return head + " " + (words[: named.start()] if named else words)


#: A clause after a value that names the value after it: ``= 6.3 ms, so TPOT ≥ 21.6 ms``.
_NAMES_THE_NEXT = lazy_compile(r"[,;][^,;]*(?:[=≥≤<>≈]|\b(?:is|of|at))\s*[~≈]?\s*$", _I)
#: A time of a latency: ``7 ms of TPOT``, ``40 ms of the TTFT``.
_OF_A_LATENCY = lazy_compile(
    r"\s*of\s+(?:the\s+|its\s+|their\s+)?(?:p\d+\s+)?(?:TPOT|TTFT|ITL|latency)\b", _I
)


def item_batch(statement: Statement) -> Fraction | None:
    """The batch a figure is at: its own line's, else the one its list item's lead names
    (``- batch 1: TPOT ≥ … We measure 56 tok/s (TPOT 17.9 ms)``) or its column's header."""
    if statement.batch is not None:
        return Fraction(statement.batch.value)
    where = statement.where
    cell = where.segment.cell
    if cell is not None:  # "| AWQ 4-bit | 26 ms |" under "TPOT at batch 1"
        batches = batches_in(cell.header)
        return batches.pop() if len(batches) == 1 else None
    lead = where.text.split(": ", 1)[0] if where.segment.item is not None else ""
    if not lead or len(lead) > _LEAD_CHARS or lead == where.text:
        return None
    batches = batches_in(lead)
    return batches.pop() if len(batches) == 1 else None


#: The longest lead of a list item (``Batch 64 at a mean context of 3,000 tokens:``) read for
#: its batch.
_LEAD_CHARS = 60


def batches_in(text: str) -> set[Fraction]:
    """The batches a text names (``batch 16``, ``16 concurrent sessions``, ``single stream``)."""
    return {_batch_size(found) for found in BATCH_ON_LINE.finditer(text)}


def _batch_size(found: regex.Match[str]) -> Fraction:
    """The batch a ``BATCH_ON_LINE`` match states ("single stream": 1)."""
    number = found.group(1) or found.group(2)
    return Fraction(int(number)) if number else Fraction(1)


#: Where a sentence's clauses part: a comma or semicolon before a conjunction.
_CLAUSE_JOIN = lazy_compile(r"[,;]\s+(?:and|but|while|whereas)\b|;", _I)


def _consequence(text: str, lit: Lit) -> str:
    """A value's sentence from the last ``, so``/``, hence`` (or other clause join) before it:
    ``The decode floor … = 17.6 ms, so a TPOT of 21.8 ms means …`` gives the TPOT's part."""
    start = _sentence_start(text, lit.start)
    after = _SENTENCE_END.search(text, lit.end)
    joins = [m.end() for m in _SO_JOIN.finditer(text, start, lit.start)]
    return text[joins[-1] if joins else start : after.start() if after else len(text)]


#: Where a sentence goes on to what follows from its first part.
_SO_JOIN = lazy_compile(r"[,;]\s+(?:so|hence|thus|therefore|and|but|while|whereas)\b|;", _I)


def _clause_of(text: str, start: int, end: int) -> str:
    """The clause of a sentence that holds a value (``… at batch 1, and batches of 32 …``)."""
    first, last = _clause_span(text, start, end)
    return text[first:last]


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause of a sentence that holds a value starts and ends."""
    sentence_start = _sentence_start(text, start)
    after = _SENTENCE_END.search(text, end)
    sentence_end = after.start() if after else len(text)
    joins = list(_CLAUSE_JOIN.finditer(text, sentence_start, sentence_end))
    first = max((m.end() for m in joins if m.end() <= start), default=sentence_start)
    last = min((m.start() for m in joins if m.start() >= end), default=sentence_end)
    return first, last


def _size_clause(where: Scanned, lit: Lit) -> str:
    """A size's clause without the words of another size in it: ``72.66 GB of weights (67.67
    GiB), against 141.1 GB for the BF16 checkpoint`` names BF16 for the 141.1 GB only. A
    bracketed size right after the figure restates it and ends nothing."""
    first, last = _clause_span(where.text, lit.start, lit.end)
    for other in _literals_between(where, first, last):
        value = _value(other, DEFAULT_TOLERANCE)
        if other is lit or value is None or value_kind(value) != "bytes":
            continue
        if other.end <= lit.start:
            first = max(first, other.end)
        elif where.text[lit.end : other.start].strip() != "(":
            last = min(last, other.start)
    compared = _COMPARED.search(where.text, lit.end, last)
    if compared is not None:
        last = compared.start()  # "≈ 39.8 GB, about 3.5× smaller than BF16": BF16 is the other's
    return where.text[first:last]


#: An encoder beside the language model whose shape the architecture facts do not hold:
#: ``vision_config``, ``the vision encoder``, ``audio tower``; or a decoder that attends to an
#: encoder's output (``cross-attention``, an encoder-decoder model such as Whisper or T5).
OTHER_TOWER = lazy_compile(
    r"\b(?:vision|image|audio|speech)[ _-](?:config|encoder|tower|backbone)\b"
    r"|\bcross[- ]att(?:ention|n)\b|\bencoder[- ]decoder\b",
    regex.IGNORECASE,
)
#: What a figure is compared with after it: ``smaller than BF16``, ``vs FP16``.
_COMPARED = lazy_compile(
    r"\b(?:than|vs\.?|versus|compared\s+(?:to|with)|instead\s+of|relative\s+to)\b", regex.I
)


def sentence_of(statement: Statement) -> str:
    """The sentence a statement's value is in."""
    return _sentence(statement.where.text, statement.lit.start, statement.lit.end)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a value."""
    breaks = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[breaks[-1] if breaks else 0 : after.start() if after else len(text)]


#: "8-GPU node", "64 GPUs", "the 16-node pool": a system a clause names by its size.
_SYSTEM_SIZE = lazy_compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,6})[- ]?(GPUs?|nodes?|accelerators?|servers?|hosts?)\b"
    r"(?![- ]?(?:hours?|hrs?|h|days?|months?)\b)",  # "6,784 GPU-hours" counts hours
    _I,
)


#: The GPUs a figure says it is across, right after it (``8.6M tokens/s across 1,024 GPUs``).
_ACROSS_AFTER = lazy_compile(
    r"[^\S\n]*(?:[A-Za-z/]+[^\S\n]+){0,2}?(?:across|over|on)[^\S\n]+(?:all[^\S\n]+|the[^\S\n]+)?"
    r"(\d{1,3}(?:,\d{3})+|\d{1,6})[^\S\n]*(?:GPUs|accelerators|devices|chips)\b",
    _I,
)


#: Words that make a figure a whole system's: ``122,880 tok/s together``.
_AGGREGATE = lazy_compile(r"\b(?:together|combined|in aggregate|all told)\b", _I)
#: A count of devices by their name: ``96 T4s``, ``8 × H100s``, ``64 MI300X GPUs``.
_DEVICES_BY_NAME = lazy_compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,6})[^\S\n]*(?:×[^\S\n]*)?"
    r"(?:[A-Z]{1,3}\d{1,4}[A-Z]?s\b|[A-Z]{1,3}\d{1,4}[A-Z]?[^\S\n]+(?:GPUs|accelerators)\b)"
)


def _sentence_system(sentence: str) -> Fraction | None:
    """The GPUs of the one system a sentence counts (``64 GPUs``, ``96 T4s``); None when it
    counts none, nodes, or more than one."""
    counts = {
        int(m.group(1).replace(",", ""))
        for pattern in (_SYSTEM_SIZE, _DEVICES_BY_NAME)
        for m in pattern.finditer(sentence)
        if pattern is _DEVICES_BY_NAME or m.group(2).lower().startswith(("gpu", "acc"))
    }
    return Fraction(counts.pop()) if len(counts) == 1 else None


def _own_system(text: str, start: int) -> Fraction | None:
    """The GPUs of the system its clause names last before a value: ``a full 8-GPU node would
    serve …`` → 8; 0 when that is a count of nodes or servers (``the 16-node pool``: GPUs not
    said); None when the clause names no system."""
    sizes = list(_SYSTEM_SIZE.finditer(_clause_before(text, start)))
    if not sizes:
        return None
    found = sizes[-1]
    if not found.group(2).lower().startswith(("gpu", "acc")):
        return Fraction(0)
    return Fraction(int(found.group(1).replace(",", "")))


def _clause_before(text: str, start: int) -> str:
    """The clause a value ends: from the last sentence or clause break before it."""
    head = text[:start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(head)]
    return head[breaks[-1] if breaks else 0 :]


#: The total of one piece of the model: ``layer total``, ``per-block sum``.
_PIECE_TOTAL = lazy_compile(r"\b(?:layer|block|expert)\s+(?:total|sum|subtotal)\b", _I)


def _param_scope(context: str) -> str:
    """``expert`` when the words before a parameter count name one expert, ``part`` when they
    name another piece of the model, ``non-embedding`` for every weight but the embeddings,
    empty for the whole model."""
    if NON_EMBEDDING.search(context):
        return "non-embedding"
    if _PIECE_TOTAL.search(context):
        return "part"  # "layer total: 855,654,400 params": one layer's, summed
    whole = WHOLE_MODEL.search(context)
    if whole is not None and _part_in_total(context, whole):
        return "part"  # "Routed experts in total: … = 605.3B": the experts' total
    if whole is not None:
        return ""
    one = _last(ONE_EXPERT, context)
    if one is not None:
        many = _last(MANY_EXPERTS, context)
        return "part" if many is not None and many.start() > one.start() else "expert"
    return "part" if PART.search(context) else ""


def _part_in_total(context: str, whole: regex.Match[str]) -> bool:
    """Whether ``total`` totals a part of the model named right before it (``routed experts
    in total``)."""
    part = PART.search(context)
    if part is None or whole.group().lower() != "total" or part.start() >= whole.start():
        return False
    return _IN_TOTAL.fullmatch(context, part.end(), whole.start()) is not None


#: Between a part of the model and ``total``: ``routed experts in total``.
_IN_TOTAL = lazy_compile(r"\s+(?:in\s+)?", _I)


def _last(pattern: regex.Pattern, text: str) -> regex.Match | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _per_token_clause(text: str, start: int) -> bool:
    """The words before a value, back to a comma or clause break, say it is per token (and
    name no many-token request or sequence)."""
    head = _clause_before(text, start)
    head = head[head.rfind(", ") + 1 :]
    said = any(not _BYTES_BEFORE.search(head[: m.start()]) for m in PER_TOKEN.finditer(head))
    return said and not _TOKEN_COUNT.search(head)


def _about_kv(text: str, where: Scanned) -> bool:
    """The value's line, label or clause, or else its section heading, is about the KV cache."""
    return bool(KV_LINE.search(text) or KV_LINE.search(" ".join(where.segment.section)))


def _kv_scope(said: str) -> str:
    """``layer`` when the words before a KV size say it is one layer's, else ""."""
    return "layer" if PER_LAYER.search(said) or TOKEN_AND_LAYER.search(said) else ""


def _kv_scope_anywhere(clause: str) -> str:
    """``layer`` when a KV size's clause says it is per token and layer, else ""."""
    return "layer" if TOKEN_AND_LAYER.search(clause) else ""


def _per_token(lit: Lit, where: Scanned) -> bool:
    """``40,960 bytes per token (per GPU)``, ``128 KiB/token``."""
    return bool(_PER_TOKEN_UNIT.search(where.text[lit.start : lit.end]))


def _last_prompt_before(text: str) -> int | None:
    """The last count of prompt tokens a paragraph states before a figure (``15,770 prompt
    tokens``)."""
    found = list(_PROMPT_TOKENS.finditer(text))
    if not found:
        return None
    number = Fraction(found[-1].group(1).replace(",", ""))
    return int(number) if number == int(number) and number > 0 else None


#: A count of prompt tokens: ``15,770 prompt tokens``, ``15,770` prompt tokens``; not a rate of
#: them (``85,600 prompt tokens/s``).
_PROMPT_TOKENS = lazy_compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)\W{0,2}\s+prompt\s+tokens\b"
    r"(?!\s*/|\s+(?:per|a|an|each)\s+(?:second|sec|s|minute|min)\b)",
    _I,
)


def prompt_length_on_line(line_text: str) -> int | None:
    """``for 10240-token sequences`` → 10240."""
    found = PROMPT_ON_LINE.search(line_text) or PROMPT_LABELLED.search(line_text)
    if found is None:
        return _last_prompt_before(line_text)  # "up to 8,000 prompt tokens"
    k = found.group(2) or (found.group(3) if found.re.groups >= 3 else None)
    number = Fraction(found.group(1).replace(",", "")) * (1024 if k else 1)
    return int(number) if number == int(number) else None


def stated_param_facts(statements: list[Statement]) -> list[Fact]:
    """The whole model's total and active parameter counts as the document states them (the
    first unhedged statement of each), for bounds when the architecture is not stated."""
    found: dict[str, Fact] = {}
    for statement in statements:
        if statement.kind != "params" or statement.hedged or statement.scope:
            continue
        name = "active_params" if statement.part == "active" else "param_count"
        if name not in found and statement.value.point == int(statement.value.point):
            text = statement.where.text.strip()[:120]
            found[name] = Fact(name, statement.value.point, text, statement.line, False)
    return list(found.values())
