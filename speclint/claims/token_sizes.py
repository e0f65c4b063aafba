"""The bytes of a count of tokens at the size per token its paragraph stated: ``… = 131,072 B
(128 KiB) per token. A request holds 3,220 tokens at the end of generation, i.e. 422 MB of KV
cache.`` The bytes are the count × the size per token.

Read only when the paragraph states exactly one size per token (a figure in bytes followed,
after its bracketed restatement if any, by ``per token``), and a count of tokens after it is
followed (after at most a few plain words) by ``i.e.``, ``that is``, ``=``, ``→`` or ``, or``
and a figure in bytes.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import BinOp, Lit, strip_groups
from speclint.patterns import lazy_compile

#: Right after a size: ``per token``, past a bracketed restatement (``(128 KiB) per token``).
_PER_TOKEN_AFTER = lazy_compile(r"\s*(?:\([^()\n]{0,30}\)\s*)?per\s+token\b", regex.I)
#: Words between the count and its bytes that say they are one amount.
_SAME = frozenset({(",", "i.e."), ("i.e.",), (",", "that", "is"), ("=",), ("→",), (",", "or")})


def bytes_of_token_count(state: State) -> None:
    """Each size in bytes restated from a count of tokens at the paragraph's size per token."""
    if "token" not in state.where.text:
        return
    size = _size_per_token(state)
    if size is None:
        return
    chains = state.chains
    for prev, nxt in pairwise(chains):
        count, amount = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
        if not (isinstance(count, Lit) and isinstance(amount, Lit)) or count.start < size.end:
            continue
        if not (_tokens(count) and _bytes(amount)) or len(nxt.exprs) != 1:
            continue
        if not _said_same(state.phrase_between(prev, nxt)):
            continue
        texts = [literal_text(x, state.where) for x in (count, size)]
        state.claims.append(
            Claim(
                "formula",
                amount,
                state.where,
                relation="≈" if amount.approx else "=",
                formula=BinOp("*", count, size, "×"),
                formula_where=state.where,
                derivation=f"{texts[0]} × {texts[1]} per token",
            )
        )


def _said_same(words: list[str]) -> bool:
    """The words end with one of ``_SAME``, after at most a few plain words about the count
    (``at the end of generation, i.e.``)."""
    for phrase in sorted(_SAME, key=len, reverse=True):  # ", i.e." before "i.e."
        n = len(phrase)
        head = words[: len(words) - n]
        fits = tuple(words[-n:]) == phrase and len(head) <= _MAX_FILLER
        if fits and all(w.isalpha() for w in head):
            return True
    return False


#: At most this many words about the count before ``i.e.``.
_MAX_FILLER = 6


def _size_per_token(state: State) -> Lit | None:
    """The paragraph's one size per token (its first figure when several agree)."""
    found = []
    for chain in state.chains:
        for expr in chain.exprs:
            lit = strip_groups(expr)
            if (
                isinstance(lit, Lit)
                and _bytes(lit)
                and _PER_TOKEN_AFTER.match(state.where.text, lit.end)
            ):
                found.append(lit)
    values = set()
    for lit in found:
        try:
            values.add(literal_value(lit, stated=False).point)
        except NotEvaluable:
            return None
    return found[0] if len(values) == 1 else None


def _tokens(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range or lit.approx)
    return plain and unit is not None and unit.kind == "tokens" and not any(unit.dims[:5])


def _bytes(lit: Lit) -> bool:
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range)
    return plain and unit is not None and unit.kind == "bytes" and unit.dims[1] == 0
