"""Stated quantities the domain rules check: parameter counts, per-GPU and model memory, KV
bytes per token, throughput, and first-token or per-token latency.

A statement is a literal with the kind of unit its label or line calls for (``Total
Parameters: 10B``, ``Expert Parameters: 0.62GB`` under a "Per GPU" heading, ``40,960 bytes per
token`` on a KV-cache line, ``120 tokens/ms per GPU``, ``TTFT: 8.5s``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

import regex
from sympy import Integer, Rational

from speclint.claims.model import Scanned
from speclint.claims.sums import Item
from speclint.data import load
from speclint.document import Document
from speclint.domain.facts import Fact, value_kind
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.quantity.numbers import format_like
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

_I = regex.IGNORECASE


#: What labels and lines say a value is (``data/statements.toml``).
_WORDS = load("statements.toml")


def _pattern(table: str, key: str) -> regex.Pattern:
    return regex.compile(_WORDS[table][key], _I)


#: What a label says a bytes value is, by memory part (first match wins, in order).
MEMORY_PARTS: tuple[tuple[str, regex.Pattern], ...] = tuple(
    (part, regex.compile(pattern, _I)) for part, pattern in _WORDS["memory-parts"].items()
)
PARAM_LABEL = _pattern("parameters", "label")
#: Words that make a prose count the whole model's (or the active) count.
_SCOPE_WORD = regex.compile(r"\b(?:total|active|activated|activates|in\s+all)\b", regex.I)
PARAM_AFTER = _pattern("parameters", "after")
PARAM_WORDS: tuple[str, ...] = tuple(_WORDS["parameters"]["words"])
PARAM_BEFORE = _pattern("parameters", "before")
PER_GPU = _pattern("scope", "per-gpu")
SYSTEM = _pattern("scope", "system")
WHOLE = _pattern("scope", "whole")
DECODE = _pattern("phase", "decode")
PREFILL = _pattern("phase", "prefill")
TTFT = _pattern("latency", "ttft")
TPOT = _pattern("latency", "tpot")
NOT_A_CLAIM = _pattern("hedge", "words")
KV_LINE = _pattern("kv", "line")
#: A subject that is a part of the model, not all of it ("one expert holds …", "the LM head
#: is …", "each layer has …"): a parameter count about it is never the model's total.
PART_SUBJECT = _pattern("scope", "part")
#: Where a sentence ends (a value's clause starts after the last one before it).
SENTENCE_END = regex.compile(r"[.!?;](?:\s|$)")
PROMPT_ON_LINE = regex.compile(
    r"(\d[\d,]*)[- ]token\s+(?:prompts?|sequences?|inputs?|requests?)", _I
)
BATCH_ON_LINE = regex.compile(r"\bbatch(?:\s+size)?\s*(?:of\s*|=\s*)?(\d{1,6})(?![\d,.])", _I)
#: The left factor of a product (``8 × 7B`` → 8), without consuming the right one.
FACTOR_ON_LINE = regex.compile(r"\b(\d+)(?=\s*[×x*]\s*\d)")


StatementKind = Literal["params", "memory", "kv-per-token", "throughput", "ttft", "tpot"]


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
    #: Throughput: the batch its own line states (``… per GPU at batch 64``, ``(batch 1)``).
    batch: Fact | None = None
    #: Time to first token: the prompt length its own line states (``for 10240-token prompts``).
    prompt_tokens: int | None = None
    #: Parameter counts: the left factors of products written on its line (``8×7B`` → 8).
    line_factors: tuple[int, ...] = ()

    @property
    def stated_text(self) -> str:
        """The value as written, with its unit (``120 tokens/ms``)."""
        return self.where.text[self.lit.start : self.lit.end]

    @property
    def explicit_count(self) -> bool:
        """A labelled count (``Total parameters: 70B``) or prose that says total or active."""
        return bool(PARAM_LABEL.match(self.label) or _SCOPE_WORD.search(self.label))

    def replacement(self, value: Rational) -> str:
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
    for statement in _from_items(doc, items, tolerance):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    for statement in _from_prose(doc, scanned, tolerance):
        found.setdefault((id(statement.where), statement.lit.num_start), statement)
    ordered = sorted(found.values(), key=lambda s: (s.line, s.lit.num_start))
    return [_with_line_details(statement, doc.line_text(statement.line)) for statement in ordered]


def _with_line_details(statement: Statement, line_text: str) -> Statement:
    """The statement with what the rest of its line says about it, by kind."""
    if statement.kind == "throughput":
        found = BATCH_ON_LINE.search(line_text)
        if found is not None:
            batch = Integer(int(found.group(1)))
            fact = Fact("batch", batch, line_text.strip(" -*"), statement.line)
            return replace(statement, batch=fact)
    elif statement.kind == "ttft":
        return replace(statement, prompt_tokens=prompt_length_on_line(line_text))
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
_AFTER_VALUE = regex.compile(r"[^,;()\[\]\n]{0,60}")


def _per_gpu(text: str, lit: Lit, where: Scanned) -> bool | None:
    """Whether the value is per GPU: what follows it, then its label or line, then its
    section heading say so."""
    after = _AFTER_VALUE.match(where.text, lit.end)
    local = (f"per {lit.per} " if lit.per else "") + (after.group(0) if after else "")
    if PER_GPU.search(local):
        return True
    if WHOLE.search(local):
        return False
    sections = " ".join(where.segment.section)
    if PER_GPU.search(text):
        return True
    if PER_GPU.search(sections):
        return True
    if SYSTEM.search(text):
        return False
    return None


def _from_items(doc: Document, items: list[Item], tolerance: Tolerance) -> Iterator[Statement]:
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
            if value is not None and value_kind(value) == "count":
                part = (params.group(1) or params.group(2) or "total").lower()
                part = "active" if part.startswith("activ") else "total"
                yield Statement("params", lit, value, item.where, item.line, label, part,
                                hedged=hedged)  # fmt: skip
            continue
        value = _value(lit, tolerance)
        if value is None:
            continue
        kind = value_kind(value)
        if kind == "bytes" and _per_token(lit, item.where) and KV_LINE.search(line_text):
            per_gpu = _per_gpu(line_text, lit, item.where)
            yield Statement("kv-per-token", lit, value, item.where, item.line, label,
                            per_gpu=per_gpu)  # fmt: skip
        elif kind == "bytes":
            for part, pattern in MEMORY_PARTS:
                if pattern.search(label):
                    per_gpu = _per_gpu(label, lit, item.where)
                    yield Statement("memory", lit, value, item.where, item.line, label, part,
                                    per_gpu, hedged)  # fmt: skip
                    break
        statement = _timed(doc, lit, value, kind, item.where, item.line, label, line_text)
        if statement is not None:
            yield statement


def _timed(
    doc: Document,
    lit: Lit,
    value: Value,
    kind: str,
    where: Scanned,
    line: int,
    label: str,
    line_text: str,
) -> Statement | None:
    context = f"{label} {line_text}"
    hedged = bool(NOT_A_CLAIM.search(label or line_text))
    if kind == "tokens/s":
        phase = "decode" if DECODE.search(context) else "prefill" if PREFILL.search(context) else ""
        per_gpu = _per_gpu(f"{label} {line_text}", lit, where)
        return Statement("throughput", lit, value, where, line, label or line_text.strip(), phase,
                         per_gpu, hedged)  # fmt: skip
    if kind == "time":
        if TTFT.search(context):
            return Statement("ttft", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
        if TPOT.search(context):
            return Statement("tpot", lit, value, where, line, label or line_text.strip(),
                             hedged=hedged)  # fmt: skip
    return None


def _from_prose(doc: Document, scanned: list[Scanned], tolerance: Tolerance) -> Iterator[Statement]:
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell", "code"):
            continue
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    yield from _prose_statement(doc, where, lit, tolerance)


def _prose_statement(
    doc: Document, where: Scanned, lit: Lit, tolerance: Tolerance
) -> Iterator[Statement]:
    line = doc.position(where.offsets[lit.num_start])[0]
    after = where.text[lit.end : lit.end + 40]
    before = where.text[max(0, lit.start - 30) : lit.start]
    params = PARAM_AFTER.match(after)
    label = (lit.label or "").lower()
    is_params = lit.unit is not None and lit.unit.kind == "params"
    if label in PARAM_WORDS and regex.match(r"\s*param(?:eter)?s?\b", after, _I):
        is_params = True
    if (params is not None and lit.unit is None) or is_params:
        if PART_SUBJECT.search(_clause_before(where, lit)):
            return  # a part's parameters ("the LM head at 164.2M parameters")
        value = _value(lit, tolerance, billion=True)
        if value is not None and value_kind(value) == "count" and value.point >= 10**6:
            word = label if label in PARAM_WORDS else (params.group(1) or "") if params else ""
            prior = PARAM_BEFORE.search(before)
            word = word or (prior.group(1) if prior else "")
            per_token = regex.match(r"[\s\w]{0,12}\bper\s+token\b", after, _I)
            part = "active" if word.lower().startswith("activ") or per_token else "total"
            hedged = bool(NOT_A_CLAIM.search(before))
            extra = len(params.group(0)) if params and not is_params else 0
            text = where.text[lit.start : lit.end + extra].strip()
            yield Statement("params", lit, value, where, line, text, part, hedged=hedged)
        return
    value = _value(lit, tolerance)
    if value is None:
        return
    kind = value_kind(value)
    line_text = doc.line_text(line)
    if kind == "bytes" and _per_token(lit, where):
        if KV_LINE.search(line_text):
            per_gpu = _per_gpu(line_text, lit, where)
            yield Statement("kv-per-token", lit, value, where, line, line_text.strip(" -*"),
                            per_gpu=per_gpu)  # fmt: skip
        return
    statement = _timed(doc, lit, value, kind, where, line, "", line_text)
    if statement is not None:
        yield statement


def _clause_before(where: Scanned, lit: Lit) -> str:
    """The sentence a value is stated in, up to the value."""
    before = where.text[max(0, lit.start - 300) : lit.start]
    ends = [found.end() for found in SENTENCE_END.finditer(before)]
    return before[ends[-1] :] if ends else before


def _per_token(lit: Lit, where: Scanned) -> bool:
    """``40,960 bytes per token (per GPU)``, ``128 KiB/token``."""
    return bool(regex.search(r"(?:\bper\s+|/\s*)tokens?\b", where.text[lit.start : lit.end], _I))


def prompt_length_on_line(line_text: str) -> int | None:
    """``for 10240-token sequences`` → 10240."""
    found = PROMPT_ON_LINE.search(line_text)
    return int(found.group(1).replace(",", "")) if found else None
