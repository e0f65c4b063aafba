"""Another device's memory bandwidth written for the one a sentence names: ``TP=4 on H100:
35.28 GB / 4.8 TB/s`` where 4.8 TB/s is the H200's (which the document names too) and no H100
has it.

Read only in prose sentences that name one device (any of its catalog variants) and no link
(NVLink, PCIe, InfiniBand, a NIC) or comparison (``vs``, ``than``); the figure must be a
bandwidth of 1 TB/s or more, match none of the named device's variants, and match, to its written
precision, the catalog bandwidth of exactly one other device the document names. A figure the
document gives the device twice, or in a table row that names it, is its own assumption.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned
from speclint.document import Document
from speclint.domain.hardware_names import DeviceMatcher
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import SENTENCE_END, lazy_compile

_LINKS = lazy_compile(
    r"\b(?:NVLink\w*|PCIe|InfiniBand|IB|RoCE|NIC|network|ethernet|interconnect|vs\.?|versus|than"
    r"|compared|instead|unlike|whereas|while)\b",
    regex.I,
)
_TERA = Fraction(10**12)
#: The device search over the whole source is not cut short (the full pattern's never was).
_NO_TIMEOUT = 1e9


@dataclass(frozen=True)
class Misattributed:
    """``stated`` in a sentence about ``device`` is ``other``'s bandwidth, not ``own``."""

    where: Scanned
    stated: Lit
    device: str
    own: tuple[Fraction, ...]
    other: str
    other_line: int
    value: Fraction  # in B/s


def misattributed_bandwidths(
    doc: Document,
    scanned: list[Scanned],
    matcher: DeviceMatcher | None,
    table: Mapping[str, Mapping[str, Any]],
) -> Iterator[Misattributed]:
    """Each bandwidth a one-device sentence gives that is another named device's."""
    if matcher is None or not doc.may_contain(matcher.needles):
        return  # no device named: its pattern is not even compiled
    named: dict[str, int] = {}
    for m in matcher.search.finditer(doc.source, timeout=_NO_TIMEOUT):
        for name in matcher.names(m.group()):
            named.setdefault(name, doc.position(m.start())[0])
    if len(named) < 2:
        return
    found: list[Misattributed] = []
    for where in scanned:
        if where.segment.kind == "cell":
            # a row that names the device and gives it the figure: the document's own value
            row = doc.line_text(doc.position(where.offsets[0])[0]) if where.offsets else ""
            found.extend(_sentence(where, 0, len(where.text), matcher, table, named, row))
        elif where.segment.kind == "paragraph":
            starts = [0, *(m.end() for m in SENTENCE_END.finditer(where.text))]
            for start, end in zip(starts, [*starts[1:], len(where.text)], strict=True):
                found.extend(_sentence(where, start, end, matcher, table, named))
    # a figure the document gives the device twice, or in a table, is its own assumption
    for bad in found:
        same = [f for f in found if (f.device, f.value) == (bad.device, bad.value)]
        if len(same) == 1 and bad.where.segment.kind == "paragraph":
            yield bad


def _sentence(
    where: Scanned,
    start: int,
    end: int,
    matcher: DeviceMatcher,
    table: Mapping[str, Mapping[str, Any]],
    named: dict[str, int],
    context: str = "",
) -> Iterator[Misattributed]:
    text = context or where.text[start:end]
    if _LINKS.search(text):
        return
    found = {matcher.names(m.group()) for m in matcher.pattern.finditer(text)}
    if len(found) != 1:
        return
    [devices] = found
    own = tuple(_bandwidth(table, name) for name in devices)
    if not devices or any(bw is None for bw in own):
        return
    for lit in _bandwidth_lits(where, start, end):
        try:
            value = literal_value(lit, stated=True)
        except NotEvaluable:
            continue
        lo, hi = value.interval.lo / _TERA, value.interval.hi / _TERA
        if value.point < _TERA or any(bw is not None and lo <= bw <= hi for bw in own):
            continue
        others = {
            name: bw
            for name in named
            if name not in devices
            and (bw := _bandwidth(table, name)) is not None
            and lo <= bw <= hi
        }
        if len(set(others.values())) != 1:
            continue
        other = min(others, key=lambda n: named[n])
        yield Misattributed(
            where,
            lit,
            " or ".join(devices),
            tuple(bw for bw in own if bw is not None),
            other,
            named[other],
            value.point,
        )


def _bandwidth_lits(where: Scanned, start: int, end: int) -> Iterator[Lit]:
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                unit = lit.unit
                if not (start <= lit.start < end) or unit is None or unit.kind != "bytes":
                    continue
                if unit.dims[0] == 1 and unit.dims[1] == -1 and not (lit.bound or lit.is_range):
                    yield lit


def _bandwidth(table: Mapping[str, Mapping[str, Any]], name: str) -> Fraction | None:
    value = table.get(name, {}).get("bandwidth-tbps")
    return Fraction(str(value)) if value is not None else None
