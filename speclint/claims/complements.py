"""The rest of a whole, said right after its used share: ``72 % of the budget is spent and
28 % remains``. The remaining share is checked as 100 % minus the used one. And the rest named
before its share (``control 2 %, treatment 2 %, together 4 %; the remaining 96 %``): 100 %
minus the sentence's shares before it (their sum, or the last one when it totals them).

Read only when two adjacent percentages share a sentence, a word of using (``spent``, ``used``,
``consumed``, ``burned``) follows the first within a few words, and a word of remaining
(``remains``, ``left``, ``free``, ``to go``) follows the second with nothing else between.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import CLAUSE_STOPS, Claim, literal_text, single_lit
from speclint.claims.sums import Item
from speclint.document import Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Lit
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import make_literal

_USED = frozenset("spent used consumed burned burnt gone allocated taken done".split())
_REMAINING = frozenset("remains remain remaining left free unused".split())
#: Words that may sit between the used share and its verb: ``of the budget is``.
_BEFORE_USED = frozenset(
    "of the budget quota capacity error window is are has been was already".split()
)
#: Words between the used phrase and the remaining share.
_JOINS = frozenset({"and", ",", "so", "while", "with"})
_HUNDRED = make_literal("100", "100")


def complement(state: State) -> None:
    """A claim for each remaining share written after its used share."""
    chains = state.chains
    for k in range(len(chains) - 1):
        used, rest = single_lit(chains[k]), single_lit(chains[k + 1])
        if used is None or rest is None or not (used.is_percent and rest.is_percent):
            continue
        if used.is_range or rest.is_range or used.bound or rest.bound:
            continue
        between = state.words_between(chains[k], chains[k + 1])
        verb = next((i for i, w in enumerate(between) if w in _USED), None)
        if verb is None or not set(between[:verb]) <= _BEFORE_USED:
            continue
        if not set(between[verb + 1 :]) <= _JOINS or set(between) & CLAUSE_STOPS:
            continue
        after = [t.text.lower() for t in state.where.tokens[chains[k + 1].tok_end :][:1]]
        if rest.label.lower() not in _REMAINING and (not after or after[0] not in _REMAINING):
            continue  # "28 % remains": its label, or the word after it
        hundred = Lit(
            _HUNDRED, used.num_start, used.num_start, used.num_start, used.num_start,
            unit=used.unit, unit_text=used.unit_text,
        )  # fmt: skip
        state.claims.append(
            Claim(
                "percentage",
                rest,
                state.where,
                relation="≈" if rest.approx or used.approx else "=",
                formula=BinOp("-", hundred, used, "−"),
                formula_where=state.where,
                derivation=f"100 % − {literal_text(used, state.where)}",
            )
        )


#: Words right before a share that make it the rest of the sentence's whole.
_THE_REST = (["the", "remaining"], ["the", "other"], ["the", "rest", ","], ["remaining"])
#: Words before a share that make it the total of the shares before it.
_TOTALLING = frozenset("together total combined altogether overall".split())


def remaining_share(state: State) -> None:
    """A claim for ``the remaining P %`` after other shares of its sentence."""
    chains = state.chains
    for k in range(1, len(chains)):
        rest = single_lit(chains[k])
        if rest is None or not rest.is_percent or rest.is_range or rest.bound:
            continue
        before = state.words_between(chains[k - 1], chains[k])
        if not any(before[-len(w) :] == w for w in _THE_REST):
            continue
        if set(before) & (CLAUSE_STOPS - {";"}):
            continue  # "…; the remaining 96 %" may follow a semicolon, no other clause stop
        parts = _shares_before(state, k)
        if not parts:
            continue
        totals = k >= 2 and bool(
            _TOTALLING & set(state.words_between(chains[k - 2], chains[k - 1]))
        )
        if not totals and len(parts) < 2:
            continue  # "10 % are X, and the remaining 10 %": of which whole is unsure
        used = [parts[-1]] if totals else parts  # "together 4 %" totals the shares before it
        state.claims.append(_rest_claim(state, rest, used))


def _shares_before(state: State, k: int) -> list[Lit]:
    """The plain shares of the sentence before chain ``k``, none of them of another whole."""
    shares: list[Lit] = []
    for j in range(k - 1, -1, -1):
        lit = single_lit(state.chains[j])
        if lit is None or not lit.is_percent or lit.is_range or lit.bound or lit.approx:
            return []
        shares.insert(0, lit)
        if j == 0 or set(state.words_between(state.chains[j - 1], state.chains[j])) & {".", "\n"}:
            break
    return shares


def _rest_claim(state: State, rest: Lit, used: list[Lit]) -> Claim:
    first = used[0]
    hundred = Lit(
        _HUNDRED, first.num_start, first.num_start, first.num_start, first.num_start,
        unit=first.unit, unit_text=first.unit_text,
    )  # fmt: skip
    formula = BinOp("-", hundred, used[0], "−")
    for part in used[1:]:
        formula = BinOp("-", formula, part, "−")
    return Claim(
        "percentage",
        rest,
        state.where,
        relation="≈" if rest.approx else "=",
        formula=formula,
        formula_where=state.where,
        derivation="100 % − " + " − ".join(literal_text(p, state.where) for p in used),
    )


def item_complement_claims(items: list[Item]) -> list[Claim]:
    """``- Budget consumed …: … = 93.0%`` then ``- Budget remaining: 7%``: a share labelled
    remaining on the line after a share labelled used, of the same noun, is 100 % minus it."""
    claims = []
    for used, rest in pairwise(items):
        if rest.line != used.line + 1 or used.value is None or rest.value is None:
            continue
        if not (_plain_share(used.value) and _plain_share(rest.value)):
            continue
        first, second = _label_words(used.label), _label_words(rest.label)
        if not (first & _USED and second & _REMAINING):
            continue
        if not (first - _USED - _REMAINING) & (second - _USED - _REMAINING):
            continue  # "budget consumed" and "budget remaining": one whole
        claims.append(
            Claim(
                "percentage",
                rest.value,
                rest.where,
                computed=_complement(used.value),
                derivation=f"100 % − {literal_text(used.value, used.where)} (line {used.line})",
                parts=[Related(used.line, literal_text(used.value, used.where))],
            )
        )
    return claims


def _plain_share(lit: Lit) -> bool:
    return lit.is_percent and not (lit.bound or lit.is_range or lit.approx)


def _label_words(label: str) -> set[str]:
    return {w for w in regex.findall(r"[a-z]+", label.lower()) if len(w) > 2}


def _complement(lit: Lit) -> Value:
    """100 % minus a share, in the share's base units (a fraction)."""
    value = literal_value(lit, stated=False)
    whole = Fraction(1)
    low, high = whole - value.interval.hi, whole - value.interval.lo
    return Value(whole - value.point, Interval(low, high), value.dims, value.bare)
