"""Items per second on one device against the FLOPs the document gives for one item: ``2 ×
568M × 256 = 290.8 GFLOP`` under ``Cost per pair:``, then ``4,100 pairs/s per H100``.

An item's work is a FLOP figure per that item (``109.1 GFLOP per query``, or a line labelled
``… per pair:``); the least of a document's figures for one item is taken (the most generous
bound). A rate is read when its unit counts the item (``pairs/s``; ``QPS`` and ``RPS`` count
queries and requests) and its sentence puts it on one device the catalog knows (``per H100``,
``a single L4``, ``each L40S``), naming no count of devices and no FLOP/s figure of its own
(that one is checked as compute). The peak is the device's dense one
at the precision the sentence says (FP8), else BF16, as for FLOP/s figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned, noun_key
from speclint.data import load
from speclint.document import Document
from speclint.domain.compute import BF16, FP8, devices_named
from speclint.domain.hardware_names import device_matcher
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit, literals, strip_groups
from speclint.patterns import lazy_compile

_CLAUSE_END = lazy_compile(r"[.!?;](?:\s|$)|\n\s*\n")
#: A FLOP/s figure of the clause's own.
_FLOP_RATE = lazy_compile(r"\d\s*[kMGTPE]?FLOP(?:/s|S|s\b)", regex.I)
#: Rate units that count an item of their own.
_UNIT_ITEMS = {"requests": ("query", "request")}
#: ``Cost per pair:`` — a line's label naming the item its figure is for.
_PER_LABEL = lazy_compile(r"\bper\s+([A-Za-z]+)(?:\s*\([^()\n]{0,30}\))?\W*$", regex.I)
#: ``- rerank:`` — the one word that labels a line.
_LINE_LABEL = lazy_compile(r"\s*(?:[-*+]\s+)?\**([A-Za-z][A-Za-z-]+)\**\s*:", regex.I)
#: One device: ``per H100``, ``a single L4``, ``one L40S``, ``each A100``; ``per GPU`` in a clause
#: that names one device.
_ONE = r"(?:\bper|\ba\s+single|\bone|\beach|\bsingle)\s+(?:{device}|GPU|accelerator|card)\b"
#: ``one document (…) costs … = 21.5 TFLOP``: the one item a clause's FLOP figure is for.
_ONE_ITEM = lazy_compile(r"\b(?:one|a\s+single|each|every)\s+([A-Za-z]+)\b", regex.I)
#: Short forms of counted nouns (``docs/s`` counts documents): ``data/statements.toml``.
_SHORT_NOUNS: dict[str, str] = load("statements.toml")["nouns"]["short"]
#: A count of devices: ``8 H100s``, ``4× L4``.
_MANY = r"\d\s*[×x]?\s*{device}"
#: A count of GPUs by the generic word: ``across 8 GPUs``.
_MANY_GPUS = lazy_compile(
    r"\b(?:[2-9]|\d{2,})\s*[×x]?\s*(?:GPUs|accelerators|cards|devices)\b", regex.I
)


@dataclass(frozen=True)
class ItemWork:
    item: str
    flops: Fraction
    line: int
    text: str
    #: The word that labels its line (``rerank`` of ``- rerank: … = 5.82 TFLOP per query``).
    label: str = ""


@dataclass(frozen=True)
class OnDevice:
    """A figure ``stated`` for one item's ``work`` on one ``device`` with its dense ``peak``."""

    where: Scanned
    lit: Lit
    device: str
    precision: str  # "fp8" or "bf16"
    peak: Fraction
    work: ItemWork
    stated: Fraction

    @property
    def assumed(self) -> str:
        """What the peak assumes about the precision, for the message."""
        return "" if self.precision == "fp8" else "; BF16: the sentence says no FP8"

    @property
    def stated_text(self) -> str:
        """The stated number and its unit as written."""
        return self.where.text[self.lit.num_start : self.lit.num_end] + " " + self.lit.unit_text


@dataclass(frozen=True)
class ItemRate(OnDevice):
    """``stated`` items/s on one ``device``; at most ``bound`` at 100 % of ``peak``."""

    item: str = ""

    @property
    def bound(self) -> Fraction:
        return self.peak / self.work.flops


def item_rates_past_peak(
    doc: Document, scanned: list[Scanned], table: Mapping[str, Mapping[str, Any]]
) -> Iterator[ItemRate]:
    """Each rate of items on one device above the device's peak ÷ one item's FLOPs."""
    works = list(item_works(doc, scanned))
    if not works:
        return
    for where in scanned:
        for lit, items in _rates(where):
            mine = [w for w in works if w.item in map(full_noun, items)]
            if not mine:
                continue
            work = min(mine, key=lambda w: w.flops)
            found = on_one_device(where, lit, table)
            if found is None:
                continue
            device, precision, peak = found
            stated = Fraction(literal_value(lit, stated=True).interval.lo)
            if work.flops > 0 and stated > peak / work.flops:
                yield ItemRate(where, lit, device, precision, peak, work, stated, items[0])


def item_works(doc: Document, scanned: list[Scanned]) -> Iterator[ItemWork]:
    for where in scanned:
        for chain in where.result.chains:
            lit = strip_groups(chain.exprs[-1])
            if chain.ignored or not isinstance(lit, Lit) or lit.is_range or lit.bound:
                continue
            if lit.unit is None or lit.unit.kind != "flop":
                continue
            item = lit.per or _item_before(where.text, chain.start)
            if not item.isalpha():
                continue
            value = Fraction(literal_value(lit, stated=True).interval.lo)
            line = doc.position(where.offsets[lit.num_start])[0]
            text = f"{lit.number.text} {lit.unit_text} per {item}"
            line_start = where.text.rfind("\n", 0, chain.start) + 1
            label = _LINE_LABEL.match(where.text, line_start, chain.start)
            yield ItemWork(full_noun(item), value, line, text, label.group(1) if label else "")


def _item_before(text: str, at: int) -> str:
    """The item a FLOP figure at ``at`` is for, written before it: its line's ``per`` label
    (``Cost per pair:``), else the clause's first ``one``/``each`` noun (``one document …``)."""
    line_start = text.rfind("\n", 0, at) + 1
    label = _PER_LABEL.search(text[line_start:at])
    if label:
        return label.group(1)
    start, _ = clause(text, at)
    one = _ONE_ITEM.search(text, start, at)
    return one.group(1) if one else ""


def full_noun(word: str) -> str:
    """``docs`` → ``document``: a counted noun, singular, its short form spelled out."""
    key = noun_key(word)
    return _SHORT_NOUNS.get(key, key)


def _rates(where: Scanned) -> Iterator[tuple[Lit, tuple[str, ...]]]:
    """Each rate whose unit counts items, with the item nouns it may count."""
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                unit = lit.unit
                if unit is None or lit.is_range or lit.bound or unit.dims[1] != -1:
                    continue
                if unit.kind in _UNIT_ITEMS:
                    yield lit, _UNIT_ITEMS[unit.kind]
                elif lit.label and lit.unit_text.lower().startswith(lit.label.lower() + "/"):
                    yield lit, (noun_key(lit.label),)


def on_one_device(
    where: Scanned, lit: Lit, table: Mapping[str, Mapping[str, Any]]
) -> tuple[str, str, Fraction] | None:
    """The one catalog device the rate's sentence puts it on, the precision and its peak."""
    start, sentence = clause(where.text, lit.num_start)
    if _FLOP_RATE.search(sentence):
        return None  # "…, which is … = 257 TFLOP/s": the FLOP/s figure is checked itself
    found = one_device_families(where, lit, table)
    if found is None:
        return None
    shown, families = found
    fp8 = _nearest_precision(sentence, lit.num_start - start) == "fp8"
    key = "fp8-tflops" if fp8 else "bf16-tflops"
    peaks = [Fraction(str(table[d][key])) for d in families if key in table[d]]
    if not peaks:
        return None
    return shown, "fp8" if fp8 else "bf16", max(peaks) * 10**12


def one_device_families(
    where: Scanned, lit: Lit, table: Mapping[str, Mapping[str, Any]]
) -> tuple[str, set[str]] | None:
    """The one device the figure's sentence puts it on (``per H100``, ``on one L4``): the name
    to show and the catalog parts it may be (``H100``: the SXM and the PCIe part)."""
    _, sentence = clause(where.text, lit.num_start)
    words = {w for w in regex.findall(r"[A-Za-z0-9][\w-]*", sentence)}
    named = {(w, d) for w in words for d in devices_named(w, table)}
    names = {w for w, _ in named}
    if len(names) != 1:
        return None  # no device, or two named: which one runs it is unsure
    [word] = names
    families = {d for _, d in named}  # ``H100``: the SXM and the PCIe part (the larger peak)
    narrowed = _narrowed(sentence, families, table)
    shown = word
    if len(narrowed) == 1 < len(families):  # ``H100 PCIe``: the message names the part
        shown = str(table[next(iter(narrowed))].get("aliases", [word])[0])
    families = narrowed
    device = regex.escape(word)
    if not regex.search(_ONE.format(device=device), sentence, regex.I):
        return None
    if regex.search(_MANY.format(device=device), sentence, regex.I) or _MANY_GPUS.search(sentence):
        return None  # "1,010 sequences/s across 8 GPUs (126 per GPU)": the GPUs together
    return shown, families


def _narrowed(
    sentence: str, families: set[str], table: Mapping[str, Mapping[str, Any]]
) -> set[str]:
    """The devices of ``families`` the sentence's full names name (``H100 PCIe``: the PCIe
    part only); all of them when its names say no more than the family word."""
    matcher = device_matcher(table)
    if matcher is None:
        return families
    said = {n for m in matcher.pattern.finditer(sentence) for n in matcher.names(m.group())}
    return (families & said) or families


def clause(text: str, at: int) -> tuple[int, str]:
    """Where the clause around ``at`` starts (its sentence, cut at semicolons), and its text."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, at)]
    after = _CLAUSE_END.search(text, at)
    start = before[-1] if before else 0
    return start, text[start : after.start() if after else len(text)]


def _nearest_precision(clause: str, at: int) -> str:
    """``fp8`` or ``bf16``: the precision the clause names nearest ``at`` (``2,600 QPS in the
    FP8 build …, so we keep BF16 numbers``), ``bf16`` when it names none."""
    found = [(abs(m.start() - at), "fp8") for m in FP8.finditer(clause)]
    found += [(abs(m.start() - at), "bf16") for m in BF16.finditer(clause)]
    return min(found)[1] if found else "bf16"
