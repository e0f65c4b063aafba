"""One GPU's figure written again as a system's: ``Per-GPU throughput | ≈ 1,892 tokens/s`` and
then ``Deployment throughput (16 GPUs) | ≈ 1,892 tokens/s``; ``7.9 clips per hour per GPU``
and then ``a single 8-GPU node produces 7.9 clips per hour``.

A figure is one GPU's when its sentence (or a table row's label and header) says so (``per
GPU``, ``each GPU``, ``one H100``) and names no count of GPUs; it is a system's when that text
names a count of two GPUs or more (``16 GPUs``, ``the 32-GPU fleet``, ``8-GPU node``) and not
one GPU. A system's figure written with the very number, unit and scale of an earlier single
GPU's figure restates it at the wrong scope: it is claimed to be that figure times the count
(the per-GPU vs total diagnosis).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_re

#: One GPU: ``per GPU``, ``per-GPU``, ``each GPU``, ``one H100``, ``a single L40S``.
_ONE = lazy_re(
    r"\bper[- ](?:gpu|device|card|accelerator)\b|/\s*gpu\b"
    r"|\b(?:each|every|one|a\s+single|single)\s+(?:gpu|device|card|accelerator|[a-z]+\d+\w*)\b"
    r"(?![- ]\w*\s*(?:node|server|host))|\beach\s+of\s+(?:the\s+|our\s+|its\s+)?\d",
    re.IGNORECASE,
)
#: A count of GPUs: ``16 GPUs``, ``(16 GPUs)``, ``the 32-GPU fleet``, ``all 64 GPUs``.
_COUNT = lazy_re(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,6})[- ]?(?:gpus?|devices|accelerators)\b"
    r"(?![- ]?(?:hours?|hrs?|h|days?|weeks?|months?|years?|seconds?|secs?|s|minutes?|mins?)\b)",
    # "6,784 GPU-hours", "15,990 GPU-seconds" count time
    re.I,
)

#: A link named right before a figure: its rate is the link's (``NVLink 450 GB/s``).
_LINK_BEFORE = lazy_re(
    r"\b(?:nvlink|nvswitch|pcie|infiniband|ib|ndr|hdr|xdr|roce|ethernet|efa|nic|link)"
    r"(?:\s*\w{0,6})?\s*(?:at|@|:)?\s*$",
    re.IGNORECASE,
)
#: A figure said to be each one's: ``at 1,333 tokens/s each``, ``400 W apiece``.
_EACH_AFTER = lazy_re(r"\s*(?:each|apiece)\b", re.IGNORECASE)

#: Significant digits a figure needs to match one that is silent on what it is per.
MIN_DIGITS = 3
#: Where a clause ends.
_CLAUSE_BREAK = lazy_re(r"[,;:()](?=\s|$)|[()]|[.!?](?=\s)|\n\s*\n")
#: Where a sentence ends.
_SENTENCE_END = lazy_re(r"[.!?](?=\s)|\n\s*\n")


@dataclass
class _Figure:
    lit: Lit
    where: Scanned
    line: int
    count: int  # 1 for one GPU's figure, else the system's GPUs


def scope_restated_claims(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each system figure that repeats one GPU's figure unscaled."""
    if "gpu" not in doc.source.lower():
        return []
    claims = []
    singles: list[_Figure] = []
    for figure in _figures(doc, scanned):
        if figure.count == 1:
            singles.append(figure)
            continue
        same = [s for s in singles if _same_figure(s.lit, figure.lit) and s.line < figure.line]
        if same:
            claims.append(_claim(same[-1], figure))
    return claims


def _figures(doc: Document, scanned: list[Scanned]) -> Iterator[_Figure]:
    for where in scanned:
        for chain in where.result.chains:
            if chain.ignored:
                continue
            lit = strip_groups(chain.exprs[-1])  # a figure, or the result of its formula
            if not isinstance(lit, Lit) or not _plain(lit):
                continue
            if _EACH_AFTER.match(where.text, lit.end):
                continue  # "GPUs needed at 1,333 tokens/s each: … → 16 GPUs": one unit's
            if _LINK_BEFORE.search(where.text, max(0, lit.start - 24), lit.start):
                continue  # "NVLink 450 GB/s", "over NDR 50 GB/s": a link's rate, whoever uses it
            count = _scope(_context(doc, where, lit))
            if count == 1 and where.segment.cell is None and not _ONE.search(_clause(where, lit)):
                continue  # "141.1 GB for the target (35.28 GB per GPU)": the other figure's
            if count is not None:
                line = doc.position(where.offsets[lit.num_start])[0]
                yield _Figure(lit, where, line, count)


def _plain(lit: Lit) -> bool:
    """A figure with a unit, or a count of something it names that is no device (``7.9
    clips``, not ``8 GPUs``), written with two significant digits or 100 and more."""
    if lit.is_percent or lit.is_range or lit.bound or (lit.unit is None and not lit.label):
        return False
    if lit.unit is None:
        noun = lit.label.split()[0].lower().rstrip("s") if lit.label else ""
        if noun in _DEVICES | {"node", "server", "host"}:
            return False  # "8 GPUs" counts the devices themselves
        return len(lit.number.digits.strip("0")) >= 2 or lit.number.value >= 100
    return lit.unit.kind not in ("multiplier", "percent", "currency")


def _context(doc: Document, where: Scanned, lit: Lit) -> str:
    """What says whose figure it is: a cell's row label and column header, else its sentence."""
    cell = where.segment.cell
    if cell is not None:
        row = doc.line_text(doc.position(where.offsets[0])[0]).strip().strip("|").split("|")
        return f"{row[0] if row else ''} {cell.header}"
    text = where.text
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, lit.start)]
    end = _SENTENCE_END.search(text, lit.end)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _clause(where: Scanned, lit: Lit) -> str:
    """The clause around a figure: between the breaks (``,;:()``, a sentence end) around it."""
    text = where.text
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, lit.start)]
    end = _CLAUSE_BREAK.search(text, lit.end)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _scope(text: str) -> int | None:
    """1 for one GPU's figure, the count for a system's, None when the text says neither or
    both."""
    one = _ONE.search(text) is not None
    counts = {int(m.group(1).replace(",", "")) for m in _COUNT.finditer(text)}
    if one and not counts:
        return 1
    if len(counts) == 1 and not one:
        count = counts.pop()
        return count if count >= 2 else None
    return None


def _same_figure(a: Lit, b: Lit) -> bool:
    """The same number, unit and scale, and what each is per and names alike; or, with three
    significant digits or more (no coincidence), one of them silent on it."""
    if a.number.value != b.number.value or a.unit != b.unit or a.scale != b.scale:
        return False
    pers, labels = {_per(a), _per(b)}, {(a.label or "").lower(), (b.label or "").lower()}
    if len(pers) == 1 and len(labels) == 1:
        return True
    precise = len(a.number.digits.strip("0")) >= MIN_DIGITS and a.unit is not None
    return precise and len(pers - {""}) <= 1 and len(labels - {""}) <= 1


def _per(lit: Lit) -> str:
    """What a figure is per, besides the GPU its scope names (``4,000 tokens/s per GPU``)."""
    per = (lit.per or "").lower()
    return "" if per in _DEVICES else per


_DEVICES = frozenset({"gpu", "device", "card", "accelerator"})


def _claim(single: _Figure, system: _Figure) -> Claim:
    one = literal_value(single.lit, stated=True)
    n = Fraction(system.count)
    computed = Value(one.point * n, one.interval.scale(n), one.dims, False)
    text = literal_text(single.lit, single.where)
    per = "" if "gpu" in text.lower() else " per GPU"
    return Claim(
        "per-unit",
        system.lit,
        system.where,
        computed=computed,
        derivation=f"{text}{per} (line {single.line}) × {system.count} GPUs",
        assumption=f"one GPU's figure (line {single.line}) written again for {system.count} GPUs",
        parts=[Related(single.line, text)],
    )
