"""A figure for each unit, then the count of those units and their total: ``HBM bandwidth is
3.35 TB/s per GPU, so 8 GPUs read 26.8 TB/s in aggregate``, ``Each node draws 10.2 kW, so 16
nodes draw 163.2 kW``; or the count first, ``16 nodes at 10.2 kW per node draw 163.2 kW``; or a
formula's figure per a counted thing, ``= 128 KiB per token; its 8,192-token context holds 1.07
GiB``. The total is checked as the figure × the count. A sentence holding any
other number (a batch size, a second condition) is not read, nor one whose count counts
something else than the figure is per."""

from __future__ import annotations

from collections.abc import Iterator

from speclint.claims.extract import State
from speclint.claims.model import (
    literal_text,
    noun_key,
    quantity_text,
    single_lit,
    single_lit_triples,
)
from speclint.formula.expr import BinOp, Chain, Lit, strip_groups
from speclint.formula.vocabulary import APPROX_WORDS

#: What a figure may be per, and the count's nouns that count it (a device name is a GPU).
_UNITS = frozenset(
    "gpu device card chip accelerator node server host replica instance worker rank".split()
)
#: Things counted by a unit of their own, a figure may be per: ``128 KiB per token``.
_COUNTED = frozenset({"token", "request", "param"})
#: Words that move from the figure to the count: ``, so the``, ``; all``.
_JOINS = frozenset({",", ";", "so", "and", "thus", "hence", "therefore", "then", "→"})
_DETERMINERS = frozenset({"the", "all", "those", "these", "our", "its", "their"})
#: At most this many words (a verb, an adverb) sit between the count and the total.
_MAX_VERB = 3
#: Words that may follow ``each`` or ``every`` before the unit: ``each H100``, ``every GPU``.
_EACH = frozenset({"each", "every"})


def each_then_all(state: State) -> None:
    """The total after a per-unit figure and a count, checked as figure × count."""
    for per, count, total, approx in _readings(state):
        formula = BinOp("*", per, count, "×")
        state.add_formula("formula", total, formula, "≈" if approx else "=")
        counted = (
            f"{count.number.text} {count.label.split()[0]}"
            if count.label
            else literal_text(count, state.where)
        )
        state.claims[-1].derivation = f"{quantity_text(per, state.where)} × {counted}"


def _readings(state: State) -> Iterator[tuple[Lit, Lit, Lit, bool]]:
    yield from _figure_first(state)
    yield from _count_first(state)


def _count_first(state: State) -> Iterator[tuple[Lit, Lit, Lit, bool]]:
    """``16 nodes at 10.2 kW per node draw 163.2 kW``: the count, ``at`` the figure per one of
    them, a verb, the total."""
    chains = state.chains
    for k, count, per, total in single_lit_triples(chains):
        if not per.per:
            continue
        noun = noun_key(per.per)
        if noun not in _UNITS or not _counts(count, noun) or not _same_quantity(per, total):
            continue
        if not _sentence_of_three(state, k):
            continue
        verb = at_then_verb(state, k)
        if verb is None:
            continue
        yield per, count, total, total.approx or any(w in APPROX_WORDS for w in verb)


def _figure_first(state: State) -> Iterator[tuple[Lit, Lit, Lit, bool]]:
    chains = state.chains
    for k, per, count, total in _figure_triples(chains):
        if not _sentence_of_three(state, k, opened=bool(chains[k].relations)):
            continue
        noun = _unit_of(state, k, per)
        if noun is None or not _counts(count, noun) or not _same_quantity(per, total):
            continue
        if not _joined(state.words_between(chains[k], chains[k + 1])):
            continue
        verb = state.words_between(chains[k + 1], chains[k + 2])
        if len(verb) > _MAX_VERB or not all(w.isalpha() for w in verb):
            continue
        approx = total.approx or any(w in APPROX_WORDS for w in verb)
        yield per, count, total, approx


def _figure_triples(chains: list[Chain]) -> Iterator[tuple[int, Lit, Lit, Lit]]:
    """Single figures, count and total, where the figure may end a formula (``… = 128 KiB``)."""
    for k in range(len(chains) - 2):
        per = strip_groups(chains[k].exprs[-1])
        count, total = single_lit(chains[k + 1]), single_lit(chains[k + 2])
        if not isinstance(per, Lit) or count is None or total is None:
            continue
        single = len(chains[k].exprs) == 1 and chains[k].head is None
        if single or (chains[k].relations and per.per and not chains[k].ignored):
            yield k, per, count, total


def _sentence_of_three(state: State, k: int, *, opened: bool = False) -> bool:
    """Chains ``k`` to ``k + 2`` are the only numbers of their sentence (``opened``: chain
    ``k`` is a formula, whose own numbers may open it)."""
    chains = state.chains
    before = state.words_between(chains[k - 1], chains[k]) if k and not opened else ["."]
    after = state.words_between(chains[k + 2], chains[k + 3]) if k + 3 < len(chains) else ["."]
    inside = [*state.words_between(chains[k], chains[k + 1])]
    inside += state.words_between(chains[k + 1], chains[k + 2])
    return "." in before and "." in after and "." not in inside


def _unit_of(state: State, k: int, per: Lit) -> str | None:
    """What the figure is for one of: its ``per GPU``, or ``each``/``every`` before it in its
    sentence (``Each H100 reads HBM at``: a GPU)."""
    if per.per:
        noun = noun_key(per.per)
        return noun if noun in _UNITS or noun in _COUNTED else None
    start = state.chains[k - 1].tok_end if k else 0
    words = [t.text.lower() for t in state.where.tokens[start : state.chains[k].tok_start]]
    words = words[len(words) - words[::-1].index(".") :] if "." in words else words
    for n, word in enumerate(words[:-1]):
        if word in _EACH:
            noun = noun_key(words[n + 1])
            if noun in _UNITS:
                return noun
            if any(c.isdigit() for c in noun) and any(c.isalpha() for c in noun):
                return "gpu"  # "each H100", "every MI300X"
    return None


def _counts(count: Lit, noun: str) -> bool:
    if count.unit is not None and noun in _COUNTED:
        loose = count.per or count.bound or count.is_range or count.number.value < 2
        return not loose and noun_key(count.unit.kind) == noun
    if count.unit is not None or count.scale is not None or count.per or count.bound:
        return False
    if not count.number.is_plain_integer or count.number.value < 2:
        return False
    label = noun_key(count.label.split()[0]) if count.label else ""
    return label == noun or (noun == "gpu" and label in ("device", "card", "accelerator"))


def _same_quantity(per: Lit, total: Lit) -> bool:
    if per.unit is None or total.unit is None or total.per or total.is_range or total.bound:
        return False
    if per.is_range or per.bound or per.is_percent or total.is_percent:
        return False
    return per.unit.dims == total.unit.dims and per.unit.kind == total.unit.kind


def _joined(words: list[str]) -> bool:
    """``, so the``, ``; all``: a join, then at most determiners."""
    joins = [n for n, w in enumerate(words) if w in _JOINS]
    return bool(joins) and all(w in _DETERMINERS for w in words[joins[-1] + 1 :])


def at_then_verb(state: State, k: int) -> list[str] | None:
    """``A at B makes C``: the words of the verb between chains k + 1 and k + 2 when ``at``
    (or ``, which at``) alone joins chains k and k + 1 (a few plain words); else None."""
    chains = state.chains
    if state.words_between(chains[k], chains[k + 1]) not in (["at"], [",", "which", "at"]):
        return None  # "5 GiB, which at 32 KiB per token is …" reads as "5 GiB at 32 KiB …"
    verb = state.words_between(chains[k + 1], chains[k + 2])
    if not verb or len(verb) > _MAX_VERB or not all(w.isalpha() for w in verb):
        return None
    return verb
