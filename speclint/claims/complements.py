"""The rest of a whole, said right after its used share: ``72 % of the budget is spent and
28 % remains``. The remaining share is checked as 100 % minus the used one.

Read only when two adjacent percentages share a sentence, a word of using (``spent``, ``used``,
``consumed``, ``burned``) follows the first within a few words, and a word of remaining
(``remains``, ``left``, ``free``, ``to go``) follows the second with nothing else between.
"""

from __future__ import annotations

from speclint.claims.extract import State
from speclint.claims.model import CLAUSE_STOPS, Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Lit
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
