"""A rate from an earlier line carried over a stated period: ``≈ 1.02 failures per day`` and
then ``Over the full 60-day run we should expect ~92 failures``; ``≈ $4,196/month`` and then
``I'll book 12 months = $41,950``. The amount is checked as rate × period.

The sentence is read only when it writes one period and, after it, one amount (joined by ``=``
or ``≈``, or by a few words one of which gives a result: ``that is``, ``expect``), and nothing
else. The rate is the latest figure per time on one of the few lines before that counts what
the amount counts (the same currency, or the amount's noun after it: ``31 job failures``). A
rate per ``month`` or another calendar period (no fixed length) is carried only over that
many of the same period (``12 months``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from speclint.claims.model import (
    Claim,
    Scanned,
    alone_in_sentence,
    literal_text,
    noun_key,
    priced_per,
    quantity_text,
    single_lit,
    written_value,
)
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Chain, Group, Lit, strip_groups
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: Periods without a fixed length in the unit table, carried only over the same period.
_PERIODS = frozenset({"month", "quarter", "year", "night", "week", "day", "shift", "sprint"})
#: Words that give the amount as the result of the period: ``that is``, ``we should expect``.
_RESULT_WORDS = frozenset(
    "is = ≈ ~ expect expects expected totals total comes come means gives give book budget".split()
)
#: Words that may sit between the period and the amount.
_BETWEEN = _RESULT_WORDS | frozenset(
    """the a an of full whole entire run month year window period that this we you should would
    will then so i i'll ll it's about roughly around approximately over in for plan at rate
    pace""".split()
)
#: Words that make a period word one period: ``One day at that rate is …``.
_ONE = frozenset({"one", "a", "each", "every", "per"})
#: How many lines back the rate may be.
_MAX_LINES_BACK = 5
_MAX_BETWEEN = 7


@dataclass(frozen=True)
class _Rate:
    lit: Lit
    where: Scanned
    line: int
    value: Value
    noun: str  # what it counts: "failure", or "" for money
    per: str  # a calendar period it is per ("month"), or "" for a time unit


def carried_rate_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each amount a sentence gives for a period at an earlier line's rate."""
    rates: list[_Rate] = []
    claims: list[Claim] = []
    for where in scanned:
        rates.extend(_rates(document, where))
        if where.segment.kind != "paragraph":
            continue
        for period, amount in [*_period_amounts(where), *_word_period_amounts(where)]:
            line = document.position(where.offsets[amount.num_start])[0]
            claim = _claim(where, period, amount, line, rates)
            if claim is not None:
                claims.append(claim)
    return claims


def _rates(document: Document, where: Scanned) -> Iterator[_Rate]:
    """Each chain result per a time unit (``1.02 failures per day``) or per a calendar period
    (``$4,196/month``)."""
    for chain in where.result.chains:
        lit = strip_groups(chain.exprs[-1])
        if chain.ignored or not isinstance(lit, Lit) or lit.is_range or lit.bound:
            continue
        if lit.is_percent:
            continue
        per = noun_key(lit.per) if lit.per else ""
        if per and per not in _PERIODS:
            continue
        noun = "" if lit.prefix else noun_key(lit.label.split()[0]) if lit.label else ""
        if not noun and not lit.prefix and lit.unit is not None and "/" in lit.unit_text:
            noun = noun_key(lit.unit_text.split("/")[0])  # "327,600 tokens/s" counts tokens
        if not lit.prefix and not noun:
            continue  # the cheap tests first: most results are no rate
        value = literal_value(lit, stated=True)
        if not per and (value.dims[1] != -1 or priced_per(lit)):
            continue
        line = document.position(where.offsets[lit.num_start])[0]
        yield _Rate(lit, where, line, value, noun, per)


def _period_amounts(where: Scanned) -> Iterator[tuple[Lit, Lit]]:
    """(period, amount) for each sentence that writes one period and then one amount."""
    chains = where.result.chains
    for k, chain in enumerate(chains):
        if chain.ignored or chain.head is not None:
            continue
        if len(chain.exprs) == 2 and chain.relations[0] in ("=", "≈"):
            left, right = (strip_groups(e) for e in chain.exprs)
            pair = isinstance(left, Lit) and isinstance(right, Lit) and _period(left)
            if pair and alone_in_sentence(where, chains, k, k):
                assert isinstance(left, Lit) and isinstance(right, Lit)
                yield left, right
            continue
        period = single_lit(chain)
        if period is None or not _period(period) or k + 1 >= len(chains):
            continue
        amount = single_lit(chains[k + 1])
        joined = amount is not None and _joined(where, chain, chains[k + 1])
        if joined and alone_in_sentence(where, chains, k, k + 1):
            assert amount is not None
            yield period, amount


def _word_period_amounts(where: Scanned) -> Iterator[tuple[Lit, Lit]]:
    """(one period, amount) for ``One day at that rate is ~38.3 B tokens``: a period written
    as a word, then result words and one amount, the only number of its clause."""
    tokens = where.tokens
    for chain in where.result.chains:
        amount = single_lit(chain)
        if chain.ignored or chain.head is not None or amount is None or amount.unit is None:
            continue
        words: list[str] = []
        j = chain.tok_start - 1
        while j >= 0 and tokens[j].kind == "word" and len(words) <= _MAX_BETWEEN + 2:
            words.insert(0, tokens[j].text.lower())
            j -= 1
        if (j >= 0 and tokens[j].kind == "num") or len(words) < 3 or words[0] not in _ONE:
            continue  # another number before it in the clause, or no "one day"
        unit = unit_table().lookup(words[1])
        between = words[2:]
        if unit is None or unit.kind != "time" or not set(between) <= _BETWEEN:
            continue
        if not set(between) & _RESULT_WORDS or not _clause_alone(where, chain):
            continue
        start = tokens[j + 1].start
        end = tokens[j + 2].end
        number = make_literal("1", "1")
        yield Lit(number, start, end, start, end, unit=unit, unit_text=words[1]), amount


def _clause_alone(where: Scanned, chain: Chain) -> bool:
    """No other number after the chain up to the end of its clause (``, so …`` starts another)."""
    for token in where.tokens[chain.tok_end :]:
        if token.text in (".", ";", "!", "?", ","):
            return True
        if token.kind == "num":
            return False
    return True


def _period(lit: Lit) -> bool:
    """``60-day``, ``2.5 h``, ``12 months``: a time, or a whole number of a calendar period."""
    if lit.is_range or lit.bound or lit.approx:
        return False
    if lit.unit is not None:
        return lit.unit.kind == "time" and not lit.label
    return lit.number.is_plain_integer and noun_key(lit.label) in _PERIODS


def _joined(where: Scanned, first: Chain, second: Chain) -> bool:
    words = [t.text.lower() for t in where.tokens[first.tok_end : second.tok_start]]
    if words == [":"] and isinstance(first.exprs[0], Group):
        return True  # "Per nightly run (2.5 h): $137.20": a label naming its period, its value
    if not words or len(words) > _MAX_BETWEEN or not set(words) <= _BETWEEN:
        return False
    amount = single_lit(second)
    return bool(set(words) & _RESULT_WORDS) or (amount is not None and amount.approx)


def _claim(where: Scanned, period: Lit, amount: Lit, line: int, rates: list[_Rate]) -> Claim | None:
    near = [r for r in rates if 0 < line - r.line <= _MAX_LINES_BACK]
    matching = [r for r in near if _counts_same(r, amount, where)]
    if not matching:
        return None
    rate = matching[-1]
    if (period.unit is None) != bool(rate.per):
        return None  # a calendar period is carried only over the same period
    if rate.per and noun_key(period.label) != rate.per:
        return None
    exact = written_value(BinOp("*", rate.lit, period, "×"))
    if exact is None or exact.dims != literal_value(amount, stated=True).dims:
        return None
    # The rate is a rounded figure of its own line: it stands for its written interval.
    times = exact.point / rate.value.point
    computed = Value(exact.point, rate.value.interval.scale(times), exact.dims, False)
    text = rate.lit.prefix + quantity_text(rate.lit, rate.where).removeprefix(rate.lit.prefix)
    return Claim(
        "formula",
        amount,
        where,
        relation="≈" if amount.approx else "=",
        computed=computed,
        derivation=f"{text} (line {rate.line}) × {literal_text(period, where)}",
        parts=[Related(rate.line, f"the rate: {text}")],
    )


def _counts_same(rate: _Rate, amount: Lit, where: Scanned) -> bool:
    """The same currency, or the rate's noun among the amount's next words (``job failures``)."""
    if rate.lit.prefix or amount.prefix:
        return rate.lit.prefix == amount.prefix
    after = where.text[amount.num_end : amount.num_end + 40].split()[:3]
    return rate.noun in {noun_key(w.strip(".,;:")) for w in after}
