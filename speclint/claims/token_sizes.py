"""The bytes of a count of tokens at the size per token its paragraph stated: ``… = 131,072 B
(128 KiB) per token. A request holds 3,220 tokens at the end of generation, i.e. 422 MB of KV
cache.`` The bytes are the count × the size per token.

Read only when the paragraph states exactly one size per token (a figure in bytes followed,
after its bracketed restatement if any, by ``per token``), and a count of tokens after it is
followed (after at most a few plain words) by ``i.e.``, ``that is``, ``=``, ``→`` or ``, or``
and a figure in bytes.

The other way, across paragraphs: the tokens an amount of bytes holds at the document's one
size per token (``The KV cache costs 327,680 bytes per token`` then ``… = 402.9 GB → about
1.23M tokens of KV``): the amount ÷ the size, read only when every size per token the
document states before it is one value.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, Scanned, earlier_figure_claim, literal_text
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
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


#: Words between an amount of bytes and the tokens it holds.
_HOLDS = frozenset({("→",), ("=",), ("≈",), (",", "i.e."), ("i.e.",), (",", "or"), ("or",)})


def token_counts_of_amounts(doc: Document, scanned: list[Scanned]) -> list[Claim]:
    """Each count of tokens an amount of bytes is said to hold at the document's one size
    per token, stated in an earlier block."""
    if "token" not in doc.source:
        return []
    claims: list[Claim] = []
    size: tuple[Lit, Scanned] | None = None
    sizes: set[object] = set()
    for where in scanned:
        if size is not None and len(sizes) == 1:
            claims += _counts_in(doc, where, *size)
        for lit in _sizes_per_token(where):
            try:
                sizes.add(literal_value(lit, stated=False).point)
            except NotEvaluable:
                return claims
            size = size or (lit, where)
    return claims


def _sizes_per_token(where: Scanned) -> list[Lit]:
    """The figures in bytes per token a block states: ``327,680 bytes per token``."""
    found = []
    for chain in where.result.chains:
        for expr in chain.exprs:
            lit = strip_groups(expr)
            if not isinstance(lit, Lit) or lit.unit is None or lit.unit.kind != "bytes":
                continue
            per_token = lit.per.lower() == "token" or (
                not lit.per and _PER_TOKEN_AFTER.match(where.text, lit.end)
            )
            if per_token and not (lit.bound or lit.is_range):
                found.append(lit)
    return found


def _counts_in(doc: Document, where: Scanned, size: Lit, size_where: Scanned) -> list[Claim]:
    """The claims of the counts of tokens the amounts of one block hold at ``size``."""
    claims = []
    for prev, nxt in pairwise(where.result.chains):
        amount, count = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
        if not (isinstance(amount, Lit) and isinstance(count, Lit)) or len(nxt.exprs) != 1:
            continue
        if not (_bytes(amount) and _tokens_held(count)):
            continue
        words = tuple(t.text.lower() for t in where.tokens[prev.tok_end : nxt.tok_start])
        if words in _HOLDS:
            claims.append(_count_claim(doc, where, amount, count, size, size_where))
    return claims


def _tokens_held(lit: Lit) -> bool:
    """A count of tokens, ``about`` allowed: ``about 1.23M tokens``."""
    unit = lit.unit
    plain = not (lit.per or lit.bound or lit.is_range)
    return plain and unit is not None and unit.kind == "tokens" and not any(unit.dims[:5])


def _count_claim(
    doc: Document, where: Scanned, amount: Lit, count: Lit, size: Lit, size_where: Scanned
) -> Claim:
    bytes_, each = literal_value(amount, stated=False), literal_value(size, stated=False)
    dims = literal_value(count, stated=True).dims
    held = Value(bytes_.point / each.point, bytes_.interval / each.interval, dims, False)
    before = f"{literal_text(amount, where)} / "
    return earlier_figure_claim(
        doc, size, size_where, count, where, held, "", before=before, approx=amount.approx
    )
