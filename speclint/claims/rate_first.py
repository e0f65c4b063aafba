"""The time to move an amount over a link named first: ``Over a 400 Gb/s port, a 10.74 GB
session moves in 215 ms``, ``At 25 GB/s, the 140 GB checkpoint loads in 5.6 s``. The stated
time is checked as amount ÷ rate (``amount_at_rate`` in :mod:`prose` reads the other order)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction

import regex

from speclint.claims.extract import State
from speclint.claims.model import (
    CLAUSE_STOPS,
    Claim,
    quantity_text,
    single_lit,
    single_lit_triples,
    written_value,
)
from speclint.formula.expr import BinOp, Group, Lit, strip_groups
from speclint.formula.parser import Chain
from speclint.formula.vocabulary import APPROX_WORDS
from speclint.patterns import lazy_compile

#: Words right before the rate that make it the link something moves over.
_OVER = frozenset("over at through via across on".split())
#: Words a moved amount's sentence says it moves with.
_MOVES = frozenset(
    """moves move transfers transfer copies copy loads load streams stream syncs sync uploads
    upload downloads download arrives arrive replicates replicate ships ship takes take
    completes complete finishes finish drains drain""".split()
)
#: Words between the verb and the time.
_TO_TIME = frozenset({"in", "within", "about", "roughly", "around", "~", "≈"})
#: What a time may be per when the amount moves once each time: ``takes 42 ms per token``.
_EVENTS = frozenset({"token", "step", "request", "iteration", "batch", "query", "pass"})
#: At most this many words (nouns, articles, adjectives) sit between the parts.
_MAX_WORDS = 4
#: At most this many tokens name the link and open the amount (``port, a``, ``on the PCIe
#: link, the same``).
_MAX_LINK = 7


def rate_then_amount(state: State) -> None:
    """``Over R, A moves in T``: T checked as A ÷ R when the three agree in dimension."""
    for rate, amount, stated, approx in _rate_amount_time(state):
        _add_time(state, amount, rate, stated, approx)


def _add_time(state: State, amount: Lit, rate: Lit, stated: Lit, approx: bool) -> None:
    """The claim that ``stated`` is ``amount`` ÷ ``rate``, when that is a time."""
    formula = BinOp("/", amount, rate, "/")
    if not _is_time(formula, stated):
        return
    a, r = quantity_text(amount, state.where), quantity_text(rate, state.where)
    state.claims.append(
        Claim(
            "formula",
            stated,
            state.where,
            relation="≈" if approx else "=",
            formula=formula,
            formula_where=state.where,
            derivation=f"{a} / {r}",
        )
    )


def rate_then_it(state: State) -> None:
    """``… the same 2,097,152 B per micro-batch. Over one 400 Gb/s link it takes 41.9 ms``: T
    checked as the previous sentence's one amount ÷ R, when ``it`` (or ``that``) is what moves
    and that sentence holds no other amount of the same dimension."""
    chains = state.chains
    for k in range(1, len(chains) - 1):
        rate, stated = single_lit(chains[k]), single_lit(chains[k + 1])
        rate_end = k
        if rate is not None and isinstance(chains[k + 1].exprs[0], Group) and k + 2 < len(chains):
            rate_end, stated = k + 1, single_lit(chains[k + 2])  # "400 Gb/s (50 GB/s)"
        if rate is None or stated is None or not _rate(rate):
            continue
        floor = stated.bound in (">=", ">")
        if floor:
            stated = replace(stated, bound="")  # "that is at least 3.5 µs": the floor it derives
        if not _plain(stated, _EVENTS) or not _over_before(_words_before(state, k)):
            continue
        words = state.words_between(chains[rate_end], chains[rate_end + 1])
        pronouns = [n for n, w in enumerate(words) if w in _IT]
        if len(words) > _MAX_LINK or len(pronouns) > 1:
            continue
        if pronouns and "each" in words[: pronouns[0]]:
            continue  # "over two GPUs at 1,979 TFLOPS each that is …": one device's rate
        if pronouns:
            after = words[pronouns[0] + 1 :]
        elif _moving_it(_words_before(state, k)):
            after = _verb_on(words)  # "Pushing one over the 10 Gbps NIC takes 0.16 ms"
        else:
            continue
        moves = bool(after) and after[0] in _MOVES and set(after[1:]) <= _TO_TIME
        if not (moves and not floor) and tuple(after) not in _FLOOR_OF and after != ["is"]:
            continue
        if after == ["is"] and not floor:
            continue  # "that is 4 ms" may restate anything; "that is at least" is a floor
        amount = _moved_amount(_previous_amounts(state, chains[k], rate), rate, stated)
        if amount is not None:
            approx = stated.approx or any(w in APPROX_WORDS or w in ("~", "≈") for w in after)
            _add_time(state, amount, rate, stated, approx)


#: How far (relative) a stated time may be from an amount's time for it to be that amount's.
_READING_SLACK = Fraction(1, 10)


def _moved_amount(amounts: list[Lit], rate: Lit, stated: Lit) -> Lit | None:
    """The amount a time is read for: the one amount, or of one amount written for the whole
    and per device (``1.88 GB for the whole batch, 117.4 MB per GPU``) the device's, when the
    stated time is neither's (else either reading may be the one meant)."""
    if len(amounts) <= 1:
        return amounts[0] if amounts else None
    own = [lit for lit in amounts if (lit.per or "").lower() in _DEVICES]
    said, per = written_value(stated), written_value(rate)
    if len(own) != 1 or said is None or per is None or not said.point or not per.point:
        return None
    times = [value.point / per.point for lit in amounts if (value := written_value(lit))]
    if len(times) != len(amounts) or any(
        abs(time - said.point) <= _READING_SLACK * said.point for time in times
    ):
        return None
    return own[0]


#: What an amount may be per when it is one device's share of the whole.
_DEVICES = frozenset({"gpu", "device", "rank"})


def rate_before_amount(state: State) -> None:
    """``… over the 25 Gb/s node NIC, i.e. 3.125 GB/s. Copying one 26.88 GB shard therefore
    takes about 8.6 s``: T checked as A ÷ the previous sentence's rate, when that sentence
    writes one rate (or one rate twice, in two units), this one writes none, and it says it
    follows (``therefore``, ``so``, ``at that rate``, ``at line rate``)."""
    chains = state.chains
    for k in range(len(chains) - 1):
        amount, stated = single_lit(chains[k]), single_lit(chains[k + 1])
        if amount is None or stated is None or not _plain(amount):
            continue
        if not _plain(stated, _EVENTS | _COPIES) or amount.unit is None:
            continue
        words = state.words_between(chains[k], chains[k + 1])
        verbs = [w for w in words if w in _MOVES]
        if len(verbs) != 1 or not set(words) - set(verbs) <= _TO_TIME | _FOLLOWS:
            continue
        sentence = _sentence_words(state, chains[k])
        if not (_FOLLOWS & set(words) or _AT_THAT_RATE.search(" ".join(sentence))):
            continue
        rate = _previous_rate(state, chains[k], amount)
        if rate is not None:
            approx = stated.approx or any(w in APPROX_WORDS or w in ("~", "≈") for w in words)
            _add_time(state, amount, rate, stated, approx)


#: Words that say a sentence follows from the one before.
_FOLLOWS = frozenset({"therefore", "so", "thus", "then", "hence"})
#: ``at that rate``, ``at line rate``: the rate is the one just written.
_AT_THAT_RATE = lazy_compile(r"\bat\s+(?:that|this|the\s+same|line|full)\s+(?:rate|speed)\b")
#: What a copy time may be per: each node receives its own copy.
_COPIES = frozenset({"node", "host", "server", "replica", "gpu", "copy"})


def _sentence_words(state: State, chain: Chain) -> list[str]:
    """The words of the sentence that holds ``chain``, lower case."""
    tokens = state.where.tokens
    stops = [n for n, t in enumerate(tokens) if t.text in (".", "!", "?")]
    start = max((n + 1 for n in stops if n < chain.tok_start), default=0)
    end = min((n for n in stops if n >= chain.tok_end), default=len(tokens))
    return [t.text.lower() for t in tokens[start:end]]


def _previous_rate(state: State, chain: Chain, amount: Lit) -> Lit | None:
    """The one rate (written once, or twice in two units) of the sentence before ``chain``'s,
    when ``chain``'s sentence writes none, in the unit that moves ``amount``."""
    tokens = state.where.tokens
    ends = [n for n in range(chain.tok_start) if tokens[n].text in (".", "!", "?")]
    if not ends or amount.unit is None:
        return None
    start = max(ends[:-1], default=-1) + 1
    stops = (n for n in range(chain.tok_end, len(tokens)) if tokens[n].text == ".")
    after = min(stops, default=len(tokens))
    rates: list[Lit] = []
    here = False
    for other in state.chains:
        for lit in (strip_groups(e) for e in other.exprs):
            if not isinstance(lit, Lit) or not _rate(lit) or lit.unit is None:
                continue
            moves = lit.unit.dims == tuple(d - (n == 1) for n, d in enumerate(amount.unit.dims))
            if start <= other.tok_start and other.tok_end <= ends[-1] and moves:
                rates.append(lit)
            here = here or (ends[-1] < other.tok_start < after)
    values = {value.point for r in rates if (value := written_value(r)) is not None}
    return rates[0] if rates and len(values) == 1 and not here else None


#: Words that give the time its amount takes as a floor: ``that puts a floor of 16.2 ms``.
_FLOOR_OF = frozenset(
    (verb, "a", noun, "of")
    for verb in ("puts", "gives", "sets", "means")
    for noun in ("floor", "minimum", "lower")
)
#: What moves, said back: ``it takes``, ``that takes``.
_IT = frozenset({"it", "that", "this"})
#: A clause that opens by moving what the sentence before named: ``Pushing one over …``.
_MOVING = frozenset(
    """moving pushing copying sending uploading downloading transferring loading streaming
    shipping syncing replicating pulling draining""".split()
)


def _moving_it(words: list[str]) -> bool:
    """The words before a rate open with moving it: ``pushing one over the node's``."""
    return len(words) > 2 and words[0] in _MOVING and words[1] in (_IT | {"one", "each"})


def _verb_on(words: list[str]) -> list[str]:
    """The words from the verb on, after at most two of the link's nouns (``NIC takes`` →
    ``takes``); none when anything else comes before the verb."""
    verbs = [n for n, w in enumerate(words) if w in _MOVES]
    if not verbs or verbs[0] > 2:
        return []
    nouns = words[: verbs[0]]
    if not all(w.isalpha() and w not in _NOT_A_LINK for w in nouns):
        return []  # "… NIC with retries takes 9 s": the time of more than the move
    return words[verbs[0] :]


#: Words after a link that add something to what moves or to its time.
_NOT_A_LINK = frozenset("with plus and including after before for per of while".split())


def _previous_amounts(state: State, chain: Chain, rate: Lit) -> list[Lit]:
    """The amounts the sentence before ``chain``'s writes in the unit the rate moves (the one
    said to be their sum, when one is)."""
    tokens = state.where.tokens
    ends = [n for n in range(chain.tok_start) if tokens[n].text in (".", "!", "?")]
    if not ends:
        return []
    start = max((n for n in ends[:-1]), default=-1) + 1
    if rate.unit is None:
        return []
    moved = tuple(d + (n == 1) for n, d in enumerate(rate.unit.dims))
    found = []
    for other in state.chains:
        if other.tok_start < start or other.tok_end > ends[-1]:
            continue
        for lit in (strip_groups(e) for e in other.exprs):
            if not isinstance(lit, Lit) or lit.unit is None or lit.unit.dims != moved:
                continue
            if not _plain(lit, _PER_AMOUNT):
                return []  # "141.1 GB …, so each rank streams 35.3 GB per decode step": unsure
            found.append(lit)
    summed = [lit for lit in found if _IN_ALL.match(state.where.text, lit.end)]
    # "… 16.06 GB of weights plus … 51.54 GB of KV, 67.6 GB in all"
    return summed if len(found) > 1 and len(summed) == 1 else found


#: After an amount: the words that make it the sum of the sentence's others.
_IN_ALL = lazy_compile(r"\s*(?:in\s+all|in\s+total|total)\b", regex.I)


#: What an amount that moves may be per: ``2,097,152 B per micro-batch``.
_PER_AMOUNT = frozenset(
    {"micro-batch", "microbatch", "batch", "step", "token", "request", "gpu", "device", "rank"}
)


def _rate_amount_time(state: State) -> Iterator[tuple[Lit, Lit, Lit, bool]]:
    chains = state.chains
    for k, rate, amount, stated in single_lit_triples(chains):
        if not _rate(rate) or not _plain(amount) or not _plain(stated, _EVENTS):
            continue
        if not _over_before(_words_before(state, k)):
            continue
        link = state.words_between(chains[k], chains[k + 1])
        if len(link) > _MAX_LINK or any(w in _MOVES for w in link):
            continue
        words = [*amount.label.lower().split(), *state.words_between(chains[k + 1], chains[k + 2])]
        verbs = [n for n, w in enumerate(words) if w in _MOVES]
        if len(verbs) != 1 or len(words) > _MAX_WORDS + 1:
            continue
        if not set(words[verbs[0] + 1 :]) <= _TO_TIME:
            continue
        approx = stated.approx or any(w in APPROX_WORDS or w in ("~", "≈") for w in words)
        yield rate, amount, stated, approx


def _words_before(state: State, k: int) -> list[str]:
    """The words of chain ``k``'s sentence before it (since the previous chain, if nearer)."""
    start = state.chains[k - 1].tok_end if k else 0
    words = [t.text.lower() for t in state.where.tokens[start : state.chains[k].tok_start]]
    stops = [n for n, w in enumerate(words) if w in CLAUSE_STOPS]
    return words[stops[-1] + 1 :] if stops else words


def _over_before(words: list[str]) -> bool:
    """``Over the node's single 400 Gb/s``: ``over`` (or at, through, via) at most four words
    before the rate, with only words (no clause) between."""
    words = words[-(_MAX_WORDS + 1) :]
    joins = [n for n, w in enumerate(words) if w in _OVER]
    return bool(joins) and all(w.isalpha() or w.endswith("'s") for w in words[joins[-1] + 1 :])


def _plain(lit: Lit, per: frozenset[str] = frozenset()) -> bool:
    """A single quantity with a unit, its ``per`` (if any) one of ``per``."""
    per_ok = not lit.per or lit.per.lower().removesuffix("s") in per
    return lit.unit is not None and per_ok and not (lit.is_range or lit.bound or lit.is_percent)


def _rate(lit: Lit) -> bool:
    return _plain(lit) and lit.unit is not None and lit.unit.dims[1] == -1


def _is_time(formula: BinOp, stated: Lit) -> bool:
    computed = written_value(formula)
    assert stated.unit is not None
    return computed is not None and computed.dims == stated.unit.dims and stated.unit.kind == "time"
