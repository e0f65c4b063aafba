"""``100 slots at $0.06 per slot-hour × 730 h = $4,380``: a formula priced per one of a counted
thing, whose count the sentence writes before ``at``; the count multiplies the formula.
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.claims.model import Claim, priced_per
from speclint.formula.evaluate import Value
from speclint.formula.expr import literals, span
from speclint.formula.vocabulary import DEVICE_NOUNS, NUMBER_WORDS
from speclint.patterns import SENTENCE_END

#: ``100 Enterprise-edition slots at``, ``Two nodes at``: a count, at most three words, the
#: noun, ``at``.
_COUNT_AT = (
    r"(?<![\w.,])(\d{{1,3}}(?:,\d{{3}})+|\d+|{words})\s+(?:[A-Za-z][\w-]*\s+){{0,3}}?{noun}s?"
    r"\s+at\s*$"
)

#: A part name: ``H100``, ``A100``, ``L40S``, ``MI300X``, ``B200`` (letters, then digits).
_PART_NAME = r"(?-i:[A-Z]{1,3}\d{2,4}[A-Za-z]{0,3})"

Reading = tuple[Value, Value, bool, str]


def counted_readings(claim: Claim, readings: list[Reading]) -> list[Reading]:
    """Each reading's value times the count of the thing the formula's price is per, when the
    sentence writes that count right before ``at`` and the formula itself does not."""
    if claim.formula is None or not readings:
        return []
    nouns = {noun for lit in literals(claim.formula) if (noun := priced_per(lit))}
    if len(nouns) != 1:
        return []
    [noun] = nouns
    where = claim.formula_where or claim.where
    start = span(claim.formula)[0]
    sentence_start = max((m.end() for m in SENTENCE_END.finditer(where.text, 0, start)), default=0)
    before = where.text[sentence_start:start]
    pattern = regex.escape(noun)
    if noun.lower() in DEVICE_NOUNS:
        pattern = f"(?:{pattern}|{_PART_NAME})"  # "56 extra H100s at $2.50/GPU-hour"
    words = "|".join(NUMBER_WORDS)
    match = regex.search(_COUNT_AT.format(noun=pattern, words=words), before, regex.I)
    if match is None:
        return []
    count = match.group(1).replace(",", "")
    k = Fraction(NUMBER_WORDS[count.lower()] if count.isalpha() else int(count))
    if k < 2 or any(lit.unit is None and lit.number.value == k for lit in literals(claim.formula)):
        return []
    said = f"times the {match.group(1).lower()} {noun}s written before 'at'"
    return [
        (
            Value(c.point * k, c.interval.scale(k), c.dims, c.bare),
            s,
            b,
            f"{r}, {said}" if r else said,
        )
        for c, s, b, r in readings
    ]
