"""How many items an amount makes at so much per item: ``264 TB at 2 GB per shard gives 132,000
shards``, ``1.2 TB at 40 GB per file is 30 files``. The count is checked as the amount ÷ the
size of one item (a count that rounds the quotient up or down holds).

Read only when the three are the only numbers of their clause, ``at`` joins the amount to the
size, a verb of at most three words (``gives``, ``is``, ``makes``) joins the size to the count,
the amount and the size are of one kind (bytes and bytes, hours and hours) and the count is a
whole number that counts what the size is per (``per shard`` … ``shards``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from speclint.claims.each_then_all import at_then_verb
from speclint.claims.extract import State
from speclint.claims.model import noun_key, quantity_text, single_lit_triples
from speclint.formula.expr import BinOp, Lit
from speclint.formula.vocabulary import APPROX_WORDS

#: What may end the clause after the count, and what may open it before the amount.
_CLAUSE_BREAKS = frozenset({".", ",", ";", ":", "(", ")"})


def items_of_size(state: State) -> None:
    """The count after an amount and a size per item, checked as amount ÷ size."""
    for amount, size, count, approx in _readings(state):
        formula = BinOp("/", amount, replace(size, per="", label=""), "/")
        state.add_formula("formula", count, formula, "≈" if approx else "=")
        state.claims[
            -1
        ].derivation = f"{quantity_text(amount, state.where)} / {quantity_text(size, state.where)}"


def _readings(state: State) -> Iterator[tuple[Lit, Lit, Lit, bool]]:
    chains = state.chains
    for k, amount, size, count in single_lit_triples(chains):
        if not size.per or not _same_kind(amount, size) or not _counts(count, size.per):
            continue
        verb = at_then_verb(state, k)
        if verb is None:
            continue
        before = state.words_between(chains[k - 1], chains[k]) if k else ["."]
        after = state.words_between(chains[k + 2], chains[k + 3]) if k + 3 < len(chains) else []
        if k + 3 < len(chains) and not (after and after[0] in _CLAUSE_BREAKS):
            continue  # the count goes on ("… shards of 3 replicas each")
        if not _CLAUSE_BREAKS & set(before):
            continue  # another number in the amount's clause
        yield amount, size, count, count.approx or any(w in APPROX_WORDS for w in verb)


def _same_kind(amount: Lit, size: Lit) -> bool:
    if amount.unit is None or size.unit is None or amount.per or amount.label:
        return False
    if any(lit.is_range or lit.bound or lit.is_percent or lit.approx for lit in (amount, size)):
        return False
    return amount.unit.dims == size.unit.dims and amount.unit.kind == size.unit.kind


def _counts(count: Lit, per: str) -> bool:
    """A whole count of the things the size is per (``per shard`` … ``246,760 shards``)."""
    if count.scale is not None or count.per or count.bound:
        return False
    if count.is_range or not count.number.is_plain_integer or count.number.value < 2:
        return False
    if count.unit is not None:  # "156,250 tokens" at "32 KiB per token": tokens are a unit
        counted = count.unit.kind == "tokens" and count.unit.dims[1] == 0
        return counted and noun_key(per) == "token"
    label = noun_key(count.label.split()[0]) if count.label else ""
    return bool(label) and label == noun_key(per)
