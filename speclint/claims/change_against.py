"""A change in percent against the figure it compares with, in running prose.

* ``$1,606 a month, 37.8% less than the API's $2,580``: a value, then its change in percent
  ``than`` another value of the same kind: 1 − A / B for ``less``, ``cheaper``; A / B − 1 for
  ``more``, ``faster``.
* ``saves $2,580 − $1,606 = $974 a month, 37.8% less than the API``: a saving written as a
  difference, then the change in percent: the subtrahend against the minuend (1 − B / A, or
  A / B − 1 for ``more``). Read only when the sentence says the difference is a saving or a
  gap (``saves``, ``cuts``, ``= $974 less``): a difference of something else (free memory) may
  be compared with anything.
"""

from __future__ import annotations

from dataclasses import replace

from speclint.claims.extract import State
from speclint.claims.model import literal_text, single_lit, single_lit_triples
from speclint.formula.expr import BinOp, Chain, Lit, strip_groups
from speclint.formula.vocabulary import DECREASE_WORDS, INCREASE_WORDS, Relation

#: Words between a value and its change: ``$1,606 a month, 37.8% less than …``.
_LEADS = frozenset({",", "is", "was", "or", "about", "roughly", "—", "i.e."})
#: Words a value's noun phrase may hold after ``than``: ``than the API's $2,580``.
_ARTICLES = frozenset({"the", "a", "an", "our", "their", "its", "current", "today's"})
#: Words that start another clause: what follows is not the compared figure.
_CLAUSE_WORDS = frozenset(
    "and but while whereas if when so then because although at with for per in on".split()
)
#: Words before a difference that make it a saving or a gap.
_SAVING_WORDS = frozenset(
    """save saves saved saving savings cut cuts reduces reduce reduction difference gap delta
    premium""".split()
)
#: At most this many words between the figure and the change, and after ``than``.
_MAX_GAP, _MAX_NOUN = 5, 3


def change_against_value(state: State) -> None:
    """``$1,606 a month, 37.8% less than $2,580``: A, its change in percent, then ``than`` B."""
    chains = state.chains
    for k, first, pct, other in single_lit_triples(chains):
        if not pct.is_percent:
            continue
        if first.is_percent or first.is_range or first.bound or pct.bound or pct.is_range:
            continue
        if not _short_lead(state, chains[k], chains[k + 1], _MAX_GAP, allow_words=True):
            continue
        direction = state.change_direction(pct)
        if direction == 0 or not _than_then(state, pct, other, direction):
            continue
        other = replace(other, bound="")
        if first.unit is None and first.scale is None and other.unit is not None:
            first = replace(first, unit=other.unit, unit_text=other.unit_text, per=other.per)
        if not _comparable(first, other):
            continue
        text = f"{literal_text(first, state.where)} / {_value_text(state, other)}"
        relation: Relation = "≈" if pct.approx or first.approx or other.approx else "="
        state.add_change(pct, BinOp("/", first, other, "/"), direction, relation, text)


def difference_then_change(state: State) -> None:
    """``saves $2,580 − $1,606 = $974 a month, 37.8% less than the API``."""
    chains, tokens = state.chains, state.where.tokens
    for k in range(len(chains) - 1):
        chain, nxt = chains[k], chains[k + 1]
        pair = subtraction(chain)
        pct = single_lit(nxt)
        if pair is None or pct is None or not pct.is_percent or pct.bound or pct.is_range:
            continue
        if not _short_lead(state, chain, nxt, _MAX_GAP, allow_words=True):
            continue
        direction = _better_direction(state, chain, nxt, pct)
        if direction is None:
            direction = state.change_direction(pct)
        if direction == 0 or not _said_saving(state, chain, nxt):
            continue
        after = state.token_index(pct.end)
        if any(t.kind == "num" for t in tokens[after : _clause_end(state, after)]):
            continue  # "… less than last year's 1,200": compared with another figure
        a, b = pair
        ratio = BinOp("/", b, a, "/") if direction < 0 else BinOp("/", a, b, "/")
        x, y = (b, a) if direction < 0 else (a, b)
        text = f"{literal_text(x, state.where)} / {literal_text(y, state.where)}"
        relation: Relation = "≈" if pct.approx or "≈" in chain.relations else "="
        state.add_change(pct, ratio, direction, relation, text)


def subtraction(chain: Chain) -> tuple[Lit, Lit] | None:
    """``A − B = D``: the two values of a chain's subtraction, of the same kind."""
    if chain.ignored or len(chain.exprs) != 2 or "≠" in chain.relations:
        return None
    node, result = strip_groups(chain.exprs[0]), strip_groups(chain.exprs[1])
    if not isinstance(node, BinOp) or node.op != "-" or not isinstance(result, Lit):
        return None
    a, b = strip_groups(node.left), strip_groups(node.right)
    if not isinstance(a, Lit) or not isinstance(b, Lit) or result.is_percent:
        return None
    if a.is_percent or b.is_percent or a.is_range or b.is_range or a.bound or b.bound:
        return None
    return (a, b) if _comparable(a, b) else None


def _comparable(a: Lit, b: Lit) -> bool:
    return (
        a.unit == b.unit
        and a.per == b.per
        and (a.unit is not None or a.scale == b.scale)
        and not (a.unit is not None and a.unit.kind in ("multiplier", "percent"))
    )


def _short_lead(state: State, prev: Chain, nxt: Chain, limit: int, *, allow_words: bool) -> bool:
    """At most ``limit`` words between two chains, ending in a comma (or only lead words)."""
    words = state.phrase_between(prev, nxt)
    if len(words) > 1 and words[-1] in ("a", "an"):
        words = words[:-1]  # "$36,631 per month, a 27.3 % reduction"
    if not words or len(words) > limit or any(w in _CLAUSE_WORDS for w in words):
        return False
    if all(w in _LEADS for w in words):
        return True
    return allow_words and words[-1] == "," and all(w.isalpha() for w in words[:-1])


def _than_then(state: State, pct: Lit, other: Lit, direction: int) -> bool:
    """The words from the percentage to the other value are ``[less] than [the …]``."""
    tokens = state.where.tokens
    k, end = state.token_index(pct.end), state.token_index(other.num_start)
    words = [t.text.lower() for t in tokens[k:end] if t.text != other.prefix]
    if other.bound:  # "37.8% less than $2,580", read as one bound
        return words == (["more", "than"] if direction > 0 else ["less", "than"])
    if pct.label and pct.label.lower() in DECREASE_WORDS | INCREASE_WORDS:
        pass
    elif words and words[0] in DECREASE_WORDS | INCREASE_WORDS:
        words = words[1:]
    else:
        return False
    if not words or words[0] != "than" or len(words) - 1 > _MAX_NOUN:
        return False
    return all(w in _ARTICLES or w.endswith(("'s", "’s")) for w in words[1:])


def _said_saving(state: State, chain: Chain, nxt: Chain) -> bool:
    """A saving word just before the difference, or a change word right after its result."""
    after = _gap_word(state, chain, nxt)
    return _saving_before(state, chain) or after in DECREASE_WORDS | INCREASE_WORDS


def _saving_before(state: State, chain: Chain) -> bool:
    """A saving word among the three words before the difference (``saves``, ``cuts``)."""
    tokens = state.where.tokens
    before = {t.text.lower() for t in tokens[max(0, chain.tok_start - 3) : chain.tok_start]}
    return bool(before & _SAVING_WORDS)


def _better_direction(state: State, chain: Chain, nxt: Chain, pct: Lit) -> int | None:
    """An improvement goes the way the difference says: −1 after a saving (``saves 41 − 19 =
    22 gas, a 54 % improvement``) or a decrease word (``2.09 ms lower, a 8.6 % improvement``),
    +1 after an increase word, 0 (unread) when it says neither; ``None`` for a percentage that
    names its own way."""
    tokens = state.where.tokens
    k = state.token_index(pct.end)
    said = pct.label.lower() if pct.label else tokens[k].text.lower() if k < len(tokens) else ""
    if said.split()[:1] != ["improvement"]:
        return None
    gap = _gap_word(state, chain, nxt)
    if gap in INCREASE_WORDS:
        return 1
    return -1 if gap in DECREASE_WORDS or _saving_before(state, chain) else 0


def _gap_word(state: State, chain: Chain, nxt: Chain) -> str:
    """The word right after a difference's result: its label (``2.09 ms lower``) or the
    first word before the next chain."""
    result = strip_groups(chain.exprs[-1])
    if isinstance(result, Lit) and result.label:
        return result.label.split()[0].lower()
    return next((w for w in state.phrase_between(chain, nxt) if w.isalpha()), "")


def _clause_end(state: State, k: int) -> int:
    tokens = state.where.tokens
    for j in range(k, len(tokens)):
        if tokens[j].text in (",", ".", ";", ":", "!", "?", ")"):
            return j
    return len(tokens)


def _value_text(state: State, lit: Lit) -> str:
    text = literal_text(lit, state.where)
    if lit.label and text.endswith(lit.label):
        text = text[: -len(lit.label)].rstrip()
    return text


#: Words after a percentage that compare with a figure named by a noun: ``12.5 % above the
#: target``, ``8 % below the budget``; +1 above, −1 below.
_AGAINST = {"above": 1, "over": 1, "below": -1, "under": -1}


def change_against_named(state: State) -> None:
    """``… gives 1,280 QPS, 12.5 % above the target`` after ``the target … is 1,200 QPS``: A
    against the one value the paragraph wrote before, in A's unit, in a sentence naming the
    noun."""
    chains = state.chains
    for k in range(1, len(chains) - 1):
        first, pct = single_lit(chains[k]), single_lit(chains[k + 1])
        if first is None or pct is None or not pct.is_percent or pct.bound or pct.is_range:
            continue
        if first.unit is None or first.is_percent or first.is_range or first.bound:
            continue
        if not _short_lead(state, chains[k], chains[k + 1], 1, allow_words=False):
            continue
        named = _named_against(state, pct)
        if named is None:
            continue
        direction, noun = named
        other = _named_before(state, k, first, noun)
        if other is None:
            continue
        text = f"{literal_text(first, state.where)} / {_value_text(state, other)}"
        relation: Relation = "≈" if pct.approx or first.approx or other.approx else "="
        state.add_change(pct, BinOp("/", first, other, "/"), direction, relation, text)


def _named_against(state: State, pct: Lit) -> tuple[int, str] | None:
    """``above the target`` right after the percentage, at the end of its clause."""
    tokens = state.where.tokens
    k = state.token_index(pct.end)
    words = [t.text.lower() for t in tokens[k : k + 4]]
    if len(words) < 3 or words[0] not in _AGAINST or words[1] != "the" or not words[2].isalpha():
        return None
    if len(words) > 3 and words[3] not in (".", ",", ";", ")"):
        return None
    return _AGAINST[words[0]], words[2]


def _named_before(state: State, k: int, first: Lit, noun: str) -> Lit | None:
    """The one value (written once or more) of ``first``'s unit that the chains before the
    ``k``-th write in a sentence naming ``noun``."""
    text = state.where.text
    found = []
    for chain in state.chains[:k]:
        for node in chain.exprs:
            lit = strip_groups(node)
            if not isinstance(lit, Lit) or not _comparable(lit, first) or lit.bound:
                continue
            start = max(text.rfind(". ", 0, lit.start), text.rfind("\n\n", 0, lit.start)) + 1
            if noun in text[start : lit.start].lower().split():
                found.append(lit)
    values = {lit.number.value for lit in found}
    return found[-1] if len(values) == 1 else None
