"""A figure said to be a simple multiple of the figure before it: ``= 491.52 GB (≈ 457.8 GiB).
The fp16 cold copy is half of that: 228.9 GiB``; ``twice that, 18 GB``. The figure is checked as
the multiple of the last value of the same dimension before its sentence, in the same block.

Read only when the multiple (``half``, ``twice``, ``double``, ``triple``, ``a third``, ``a
quarter``) and ``that`` (or ``this``, ``it``) come right before the figure, with nothing but a
colon, ``is`` or ``=`` between them, and the figure is the only number of its sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from speclint.claims.extract import State
from speclint.claims.model import Claim, alone_in_sentence, literal_text, share_claim, single_lit
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Lit, strip_groups

#: The multiples, as the words before ``that``.
_MULTIPLES: dict[tuple[str, ...], Fraction] = {
    ("half", "of"): Fraction(1, 2),
    ("half",): Fraction(1, 2),
    ("twice",): Fraction(2),
    ("double",): Fraction(2),
    ("triple",): Fraction(3),
    ("a", "third", "of"): Fraction(1, 3),
    ("a", "quarter", "of"): Fraction(1, 4),
}
_THAT = frozenset({"that", "this", "it"})
#: What may join ``half of that`` to the figure.
_JOINS = frozenset({":", "is", "=", ",", "≈", "~", "or", "i.e."})


def share_of_that(state: State) -> None:
    """A claim for each figure written as a multiple of the value before its sentence."""
    state.claims.extend(_claims(state))


def _claims(state: State) -> Iterator[Claim]:
    chains = state.chains
    tokens = state.where.tokens
    for k in range(1, len(chains)):
        stated = single_lit(chains[k])
        if stated is None or stated.unit is None or stated.is_range or stated.bound:
            continue
        words: list[str] = []
        j = chains[k].tok_start - 1
        while j >= 0 and tokens[j].text.lower() in _JOINS:
            j -= 1
        while j >= 0 and tokens[j].kind == "word" and len(words) < 5:
            words.insert(0, tokens[j].text.lower())
            j -= 1
        found = _multiple(words)
        if found is None or not alone_in_sentence(state.where, chains, k, k):
            continue
        source = strip_groups(chains[k - 1].exprs[-1])
        if not isinstance(source, Lit) or source.unit is None or source.is_range or source.bound:
            continue
        base, value = literal_value(source, stated=True), literal_value(stated, stated=True)
        if base.dims != value.dims or source.per != stated.per:
            continue
        factor = found
        yield Claim(
            "formula",
            stated,
            state.where,
            relation="≈" if stated.approx or source.approx else "=",
            computed=Value(base.point * factor, base.interval.scale(factor), base.dims, False),
            derivation=f"{factor} × {literal_text(source, state.where)}",
        )


def _multiple(words: list[str]) -> Fraction | None:
    """The multiple the words end with (``… is half of that``)."""
    if not words or words[-1] not in _THAT:
        return None
    for phrase, factor in _MULTIPLES.items():
        if tuple(words[-1 - len(phrase) : -1]) == phrase:
            return factor
    return None


#: How a sentence opens that states the share of the figure the sentence before ends with.
_THAT_IS = (["that", "is"], ["this", "is"], ["that", "'s"], ["which", "is"])


def share_of_that_whole(state: State) -> None:
    """``… = 42,594. That is 4.06 % of the 1,048,576 routed assignments``: the share the value
    before the sentence is of the whole the sentence names."""
    chains = state.chains
    tokens = state.where.tokens
    for k in range(1, len(chains)):
        if len(chains[k].exprs) != 1:
            continue
        node = strip_groups(chains[k].exprs[0])
        if not isinstance(node, BinOp) or node.op != "of":
            continue
        share, whole = strip_groups(node.left), strip_groups(node.right)
        if not (isinstance(share, Lit) and isinstance(whole, Lit)) or not share.is_percent:
            continue
        opening = [
            t.text.lower() for t in tokens[max(0, chains[k].tok_start - 3) : chains[k].tok_start]
        ]
        if not any(
            opening[-len(w) :] == w and opening[: -len(w)][-1:] in ([], ["."]) for w in _THAT_IS
        ):
            continue
        part = strip_groups(chains[k - 1].exprs[-1])
        if not isinstance(part, Lit) or part.is_percent or part.bound or part.is_range:
            continue
        amount, of = literal_value(part, stated=True), literal_value(whole, stated=True)
        if amount.dims != of.dims or of.point <= 0 or amount.point > of.point:
            continue
        state.claims.append(share_claim(share, part, whole, state.where, share.approx))


#: Words between ``That is`` and a restated figure: ``That is about 64 days``.
_HEDGES = frozenset({"about", "roughly", "around", "approximately", "~", "≈", "nearly"})


def that_is_restated(state: State) -> None:
    """``… = 1,287 hours of wall clock. That is 53.6 days if nothing goes wrong``: a sentence
    that opens with ``That is`` and a figure in another unit restates the figure the sentence
    before ends with."""
    chains = state.chains
    tokens = state.where.tokens
    for k in range(1, len(chains)):
        stated = single_lit(chains[k])
        if stated is None or stated.unit is None or stated.is_percent:
            continue
        j = chains[k].tok_start - 1
        hedged = False
        while j >= 0 and tokens[j].text.lower() in _HEDGES:
            j, hedged = j - 1, True
        opening = [t.text.lower() for t in tokens[max(0, j - 2) : j + 1]]
        if not any(opening[-len(w) :] == w and opening[: -len(w)][-1:] == ["."] for w in _THAT_IS):
            continue
        source = strip_groups(chains[k - 1].exprs[-1])
        if not isinstance(source, Lit) or source.unit is None or source.is_percent:
            continue
        if stated.per and stated.per != source.per:
            continue  # "1.1M ops/s. That is 137,500 ops/s per primary": one unit's share
        state.restate_if_convertible(source, stated, approx=hedged or stated.approx)


#: Most words between the part and the share it has of a whole a sentence opens with.
_MAX_SHARE_WORDS = 10


def share_of_opening_whole(state: State) -> None:
    """``Of 240,000 sampled requests, 31,200 breached the SLO: 13 %``: a sentence that opens
    with ``Of`` and a whole, then a part, ends with the share the part is of the whole."""
    chains = state.chains
    tokens = state.where.tokens
    for k in range(len(chains) - 2):
        whole, part = single_lit(chains[k]), single_lit(chains[k + 1])
        if whole is None or part is None or whole.is_percent or part.is_percent:
            continue
        start = chains[k].tok_start
        if start < 1 or tokens[start - 1].text.lower() != "of":
            continue
        if start >= 2 and tokens[start - 2].text not in (".", ":", "-", "*"):
            continue  # "Of" opens the sentence (or a list item)
        between = state.words_between(chains[k], chains[k + 1])
        if "," not in between or len(between) > 6 or "." in between:
            continue
        share = _closing_share(state, k + 1)
        if share is None or whole.bound or part.bound:
            continue
        if part.unit is None and whole.unit is not None:
            # "31,200 breached": the part counts what its whole does
            part = Lit(**{**part.__dict__, "unit": whole.unit, "unit_text": ""})
        amount, of = literal_value(part, stated=True), literal_value(whole, stated=True)
        if amount.dims != of.dims or of.point <= 0 or amount.point > of.point:
            continue
        state.claims.append(share_claim(share, part, whole, state.where, share.approx))


def _closing_share(state: State, k: int) -> Lit | None:
    """The share that closes the sentence of chain ``k`` after ``:``, ``,`` or ``(``, a few
    words on (other figures of the clause may come between)."""
    tokens = state.where.tokens
    for chain in state.chains[k + 1 :]:
        gap = tokens[state.chains[k].tok_end : chain.tok_start]
        if len(gap) > _MAX_SHARE_WORDS or any(t.text == "." for t in gap):
            return None
        share = single_lit(chain)
        if share is not None and share.is_percent:
            ok = not share.bound and gap and gap[-1].text in (":", ",", "(")
            return share if ok else None
    return None
