"""An amount said to fit on a count of devices: ``the 405B FP8 weights plus one sequence
(422.8 GB) also fits on 4× H100 80 GB``. The devices hold their count times one device's
memory (as written after the name, else the catalog's); an amount above that cannot fit.

Only a clause that says it fits (no negation, condition or question before the verb) is read,
with one device the catalog knows right after the verb and its count (``4× H100``, ``two
MI300X``, ``a single L4``), and the figure it fits: the last bytes figure before the verb in the
clause, a chain's result, joined to the verb by at most a few words (``(422.8 GB) also fits``,
``141 GB of weights fits``) and said per nothing (``40 GB per GPU fits`` is one device's).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned
from speclint.domain.compute import devices_named
from speclint.formula.evaluate import literal_value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile

_WORDS = {"a": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "eight": 8}
#: The verb, then the devices: ``fits on 4× H100 80 GB``, ``fit into two MI300X``.
_FITS = lazy_compile(
    r"\bfit(?:s|ting)?\s+(?:on(?:to)?|in(?:to)?|across|within)\s+"
    r"(?:(?P<count>\d{1,2})\s*[×x]\s*|(?P<count>\d{1,2})\s+|"
    r"(?P<word>a|one|two|three|four|eight)\s+(?:single\s+)?|(?P<word>single)\s+)"
    r"(?P<device>[A-Za-z][\w-]*)(?:\s+(?:SXM\d?|PCIe))?"
    r"(?:\s+(?P<memory>\d{2,3})\s?GB\b)?(?!\s*(?:nodes?|servers?|boxes|racks?)\b)",
    regex.I,
)
#: Between the figure and the verb: a closing bracket, ``of`` and a noun or two, adverbs.
_JOIN = lazy_compile(
    r"[\s)]*(?:of\s+[A-Za-z]+(?:\s+[A-Za-z]+)?\s+)?"
    r"(?:(?:also|still|easily|comfortably|just|now|then|therefore|so|thus|only)\s+)*$",
    regex.I,
)
#: Words before the verb that leave the fit unsaid: negation, condition, question, a part.
_UNSAID = lazy_compile(
    r"\b(?:not|never|no|nor|cannot|can't|won't|doesn't|don't|isn't|if|whether|unless|would|"
    r"could|might|per|each|every|shard\w*|half|part)\b|n't\b|\?",
    regex.I,
)
_CLAUSE_END = lazy_compile(r"[.!?;](?:\s|$)|\n\s*\n")


@dataclass(frozen=True)
class DeviceFit:
    """``stated`` bytes said to fit on ``count`` × ``device`` of ``per_device`` bytes each."""

    where: Scanned
    lit: Lit
    stated: Fraction
    count: int
    device: str
    per_device: Fraction
    written: bool  # the memory per device is the text's (``H100 80 GB``), not the catalog's

    @property
    def capacity(self) -> Fraction:
        return self.count * self.per_device


def fits_over_capacity(
    scanned: list[Scanned], table: Mapping[str, Mapping[str, Any]]
) -> Iterator[DeviceFit]:
    """Each amount said to fit on devices that hold less than it."""
    for where in scanned:
        if "fit" not in where.text:
            continue
        results = _results(where)
        for match in _FITS.finditer(where.text):
            found = _fit(where, match, results, table)
            if found is not None and found.stated > found.capacity:
                yield found


def _results(where: Scanned) -> list[Lit]:
    """The bytes figures that end a chain (a lone figure is a chain of one)."""
    out = []
    for chain in where.result.chains:
        lit = strip_groups(chain.exprs[-1])
        if chain.ignored or not isinstance(lit, Lit) or lit.is_range or lit.bound or lit.per:
            continue
        if lit.unit is not None and lit.unit.kind == "bytes":
            out.append(lit)
    return out


def _fit(
    where: Scanned,
    match: regex.Match,
    results: list[Lit],
    table: Mapping[str, Mapping[str, Any]],
) -> DeviceFit | None:
    text, verb = where.text, match.start()
    ends = [m.end() for m in _CLAUSE_END.finditer(text, 0, verb)]
    clause_start = ends[-1] if ends else 0
    before = [lit for lit in results if clause_start <= lit.num_start and lit.num_end <= verb]
    if not before or _UNSAID.search(text, clause_start, verb):
        return None
    lit = max(before, key=lambda lit: lit.num_start)
    tail = text.find(lit.unit_text, lit.num_end) + len(lit.unit_text)
    if tail < lit.num_end or not _JOIN.match(text, tail, verb):
        return None
    devices = devices_named(match.group("device"), table)
    memories = {Fraction(str(table[d]["memory-gb"])) for d in devices if "memory-gb" in table[d]}
    written = match.group("memory")
    if written is not None:
        memories = {Fraction(written)}
    if len(memories) != 1:
        return None  # no catalog device, or parts of different memory sizes
    count = match.group("count")
    n = int(count) if count else _WORDS[match.group("word").lower()]
    if n < 1:
        return None
    stated = Fraction(literal_value(lit, stated=True).interval.lo)
    [memory] = memories
    device = match.group("device") + (f" {written} GB" if written else "")
    return DeviceFit(where, lit, stated, n, device, memory * 10**9, written is not None)
