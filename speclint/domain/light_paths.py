"""A round-trip or one-way time over a stated distance, against the speed of light.

``We measured that heartbeat at 19 ms RTT`` over ``about 3,030 km great-circle``: no signal
crosses 3,030 km and back in less than 2 × 3,030 km ÷ 299,792 km/s = 20.2 ms. Read when one
sentence (or a table row) states a distance in km or miles and a time that its words call a
round trip (``RTT``, ``round-trip``, ``ping``) or one-way; the sentence's ``fibre`` makes the
bound the speed of light in fibre. The distance is read at the low end of its written
precision and the time at the high end, so only a time that no reading of the figures allows
is returned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.data import load
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_compile, sentence_spans

_LIGHT = load("physics.toml")["light"]
#: The speed of light in km/s: in vacuum, and in silica fibre.
VACUUM = Fraction(_LIGHT["vacuum_km_per_s"])
FIBRE = Fraction(_LIGHT["fibre_km_per_s"])
#: Kilometres per mile (international mile, exact).
_KM_PER_MILE = Fraction(1609344, 1000000)
#: A distance: ``3,030 km``, ``about 900 km``, ``5,600 miles``.
_DISTANCE = lazy_compile(
    r"(?P<about>~|≈|about\s+|around\s+|roughly\s+|approximately\s+)?"
    r"(?<![\d.,])(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>km|kilomet(?:er|re)s?|mi|miles?)\b",
    regex.IGNORECASE,
)
#: Words that make a time a round trip, or one way.
_ROUND_TRIP = lazy_compile(r"\b(?:rtts?|round[- ]trips?|ping)\b", regex.IGNORECASE)
_ONE_WAY = lazy_compile(r"\bone[- ]way\b", regex.IGNORECASE)
_FIBRE = lazy_compile(r"\bfib(?:re|er)s?\b", regex.IGNORECASE)
#: Words that make a figure something other than a measured or planned time: a bound, a
#: comparison.
_NOT_A_TIME = lazy_compile(
    r"\b(?:floor|minimum|at\s+least|lower\s+bound|theoretical|faster|slower|saves?|saving"
    r"|adds?|more|less)\b",
    regex.IGNORECASE,
)
#: Right before a time: a change by it (``cut RTT by 4 ms``), not a time (``cut RTT to 4 ms``).
_BY_BEFORE = lazy_compile(r"\bby\s+(?:about\s+|~|≈)?$", regex.IGNORECASE)


@dataclass(frozen=True)
class LightPath:
    """A time over a distance: the time's literal, where it is, and the least it can be."""

    lit: Lit
    where: Scanned
    line: int
    distance_text: str
    distance_line: int
    floor: Fraction  # seconds
    km: Fraction  # the distance the floor is of: its written one's least
    written_km: Fraction
    round_trip: bool
    fibre: bool
    stated_hi: Fraction  # seconds


def light_paths(document: Document, scanned: list[Scanned]) -> Iterator[LightPath]:
    """Each time a sentence (or the sentence before it, or a table row) states over a distance
    it also states, with its floor."""
    if not document.may_contain(("km", "mile", "mi")):
        return
    for where in scanned:
        if where.segment.cell is not None:
            continue
        previous = ""
        for start, end in sentence_spans(where.text):
            sentence = where.text[start:end]
            found = _in_sentence(document, where, start, end, previous)
            if found is not None:
                yield found
            previous = sentence
    yield from _in_rows(document, scanned)


def _in_sentence(
    document: Document, where: Scanned, start: int, end: int, previous: str
) -> LightPath | None:
    """The time of a sentence over the one distance it states (or, naming none, the one the
    sentence before states: ``… (about 3,030 km great-circle) carries the vote. We measured
    that heartbeat at 19 ms RTT.``)."""
    sentence = where.text[start:end]
    if _NOT_A_TIME.search(sentence):
        return None
    round_trip = _ROUND_TRIP.search(sentence) is not None
    if round_trip == (_ONE_WAY.search(sentence) is not None):
        return None  # neither, or both: which path the time covers is unsure
    times = [lit for lit in _literals(where, start, end) if _is_time(lit)]
    if len(times) != 1 or _BY_BEFORE.search(
        where.text, max(0, times[0].start - 12), times[0].start
    ):
        return None
    distances = list(_DISTANCE.finditer(sentence))
    base = start
    if not distances and previous:
        distances = list(_DISTANCE.finditer(previous))
        base = where.text.rfind(previous, 0, start)
    if len(distances) != 1 or base < 0:
        return None
    text = where.text[base:]
    return _path(document, where, times[0], distances[0], base, round_trip, text)


def _in_rows(document: Document, scanned: list[Scanned]) -> Iterator[LightPath]:
    """``| ap-southeast-1 | ~10,260 km | 58 ms |`` under ``Region | Distance | RTT``: a row's one
    distance and its one time under a header that says round trip or one way."""
    rows: dict[tuple[int, int], list[Scanned]] = {}
    for where in scanned:
        cell = where.segment.cell
        if cell is not None and not cell.is_header:
            rows.setdefault((cell.table, cell.row), []).append(where)
    for cells in rows.values():
        distances = [(w, m) for w in cells for m in _DISTANCE.finditer(w.text)]
        timed = [
            (w, lit, _ROUND_TRIP.search(w.segment.cell.header) is not None)
            for w in cells
            if w.segment.cell is not None
            and (
                _ROUND_TRIP.search(w.segment.cell.header) or _ONE_WAY.search(w.segment.cell.header)
            )
            for lit in _literals(w, 0, len(w.text))
            if _is_time(lit)
        ]
        if len(distances) != 1 or len(timed) != 1:
            continue
        (place, distance), (where, lit, round_trip) = distances[0], timed[0]
        found = _path(document, where, lit, distance, 0, round_trip, place.text, place)
        if found is not None:
            yield found


def _literals(where: Scanned, start: int, end: int) -> list[Lit]:
    return [
        lit
        for chain in where.result.chains
        for expr in chain.exprs
        for lit in literals(expr)
        if start <= lit.num_start < end
    ]


def _is_time(lit: Lit) -> bool:
    unit = lit.unit
    return unit is not None and unit.kind == "time" and not unit.counted and not lit.per


def _path(
    document: Document,
    where: Scanned,
    lit: Lit,
    distance: regex.Match[str],
    start: int,
    round_trip: bool,
    text: str,
    place: Scanned | None = None,
) -> LightPath | None:
    """The floor of ``lit`` over ``distance``, a match in ``text`` (the distance's own text,
    from ``start`` of ``where``'s, or ``place``'s when it is another cell's)."""
    try:
        value = literal_value(lit, stated=True)
    except NotEvaluable:
        return None
    if lit.bound or lit.is_range or not isinstance(value.interval.hi, Fraction):
        return None
    km, written_km = _km_low(distance)
    fibre = _FIBRE.search(text[: distance.end() + 80]) is not None
    speed = FIBRE if fibre else VACUUM
    floor = km * (2 if round_trip else 1) / speed
    home = place or where
    offset = home.offsets[start + distance.start("number")]
    return LightPath(
        lit,
        where,
        document.position(where.offsets[lit.num_start])[0],
        distance.group().strip(),
        document.position(offset)[0],
        floor,
        km,
        written_km,
        round_trip,
        fibre,
        Fraction(value.interval.hi),
    )


def _km_low(distance: regex.Match[str]) -> tuple[Fraction, Fraction]:
    """The distance in km at the low end of its written precision (an approximate one 5 %
    lower still), and as written."""
    text = distance.group("number").replace(",", "")
    number = Fraction(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    low = number - Fraction(1, 2 * 10**decimals)
    if distance.group("about"):
        low = min(low, number * Fraction(95, 100))
    scale = _KM_PER_MILE if distance.group("unit").lower().startswith("mi") else Fraction(1)
    return low * scale, number * scale
