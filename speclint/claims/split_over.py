"""An amount split over a number of devices, and what each one holds: ``140 GB split evenly
across 8 GPUs gives 17.5 GB per GPU``, ``(70.55 + 10.74) GB sharded over 2 GPUs = 40.6 GB per
GPU``. The stated share is checked as the amount ÷ the count; a share that restates the whole
amount is the per-device vs total slip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from itertools import pairwise

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, formula_text, literal_text
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import BinOp, Chain, Lit, Node, span, strip_groups
from speclint.formula.vocabulary import APPROX_WORDS, NUMBER_WORDS
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: Verbs of dividing an amount among devices, and the words that may follow them.
_SPLIT = frozenset("split sharded spread divided distributed partitioned".split())
_MANNER = frozenset("evenly equally uniformly".split())
_AMONG = frozenset("over across among between onto".split())
#: What the count must count: the devices that each hold a share.
_DEVICES = frozenset(
    """gpu gpus device devices node nodes rank ranks shard shards chip chips accelerator
    accelerators card cards host hosts server servers worker workers""".split()
)
#: Words between the count and the share.
_GIVES = frozenset("= ≈ → , gives give is are makes leaves i.e. or so that".split())
#: What a count of ways counts: ``sharded four ways``.
_WAYS = frozenset({"ways", "way"})
#: Words that may open what the split gives: ``this is``, ``that gives``.
_SUBJECTS = frozenset({"this", "that", "it", "which"})
#: What the share must say it is per: one device.
_EACH = frozenset({"each", "apiece"})


def split_over_devices(state: State) -> None:
    """The share of each device, checked as the amount ÷ the device count."""
    for amount, whole, count, share, approx in _splits(state):
        # "over 2 GPUs" reads as a bound "> 2" on its own; here "over" says among whom
        formula = BinOp("/", amount, replace(count, bound=""), "/")
        state.add_formula("formula", share, formula, "≈" if approx else "=")
        state.claims[-1].derivation = f"{whole} ÷ {count.number.text} {count.label}"
    for amount, word, share in _split_in_words(state):
        _add_split_in_words(state, amount, word, share)
    for amount, count, share in _divided_after(state):
        state.add_formula("formula", share, BinOp("/", amount, count, "/"), "=")
        shown = literal_text(amount, state.where)
        state.claims[-1].derivation = f"{shown} / {count.number.text} {count.label}"


#: After an amount, its division among devices written on: ``of state, / 8 GPUs =``.
_DIVIDED_AFTER = regex.compile(
    r"(?:\s+of\s+[A-Za-z][\w\s-]{0,30}?)?\s*,\s*/\s*(\d{1,5})\s+([A-Za-z]+)\s*=\s*[*_]*\s*"
)


def _divided_after(state: State) -> Iterator[tuple[Lit, Lit, Lit]]:
    """(amount, count, share) of ``7.50B × 16 = 120.1 GB of state, / 8 GPUs = 12.0 GB per
    GPU``: a result divided on by a count of devices after a comma, then the share."""
    text = state.where.text
    for prev, nxt in pairwise(state.chains):
        amount, share = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
        if not (isinstance(amount, Lit) and isinstance(share, Lit)) or prev.ignored:
            continue
        found = _DIVIDED_AFTER.fullmatch(text, amount.end, share.start)
        if found is None or found.group(2).lower() not in _DEVICES:
            continue
        if amount.unit is None or share.unit is None or amount.unit.dims != share.unit.dims:
            continue
        digits = found.group(1)
        count = Lit(
            make_literal(digits, digits), found.start(1), found.end(1), found.start(1),
            found.end(2), label=found.group(2),
        )  # fmt: skip
        yield amount, count, share


def _split_in_words(state: State) -> Iterator[tuple[Lit, str, Lit]]:
    """(amount, count word, share) of ``141.1 GB. Sharded four ways this is 47.0 GB per GPU``:
    a count of ways written as a word between the split verb and the share."""
    chains = state.chains
    for prev, nxt in pairwise(chains):
        if prev.ignored or nxt.ignored or nxt.head is not None or len(nxt.exprs) != 1:
            continue
        amount, share = strip_groups(prev.exprs[-1]), strip_groups(nxt.exprs[0])
        if not (isinstance(amount, Lit) and isinstance(share, Lit)):
            continue
        words = [w for w in state.words_between(prev, nxt) if w not in _MANNER]
        if words[:1] == ["."]:
            words = words[1:]
        if len(words) < 4 or words[0] not in _SPLIT or words[2] not in _WAYS:
            continue
        if NUMBER_WORDS.get(words[1], 0) < 2 or not set(words[3:]) <= _GIVES | _SUBJECTS:
            continue
        if _plain_amount(amount) and _plain_amount(share) and _per_device(state, share):
            assert amount.unit is not None and share.unit is not None
            if amount.unit.dims == share.unit.dims:
                yield amount, words[1], share


def _plain_amount(lit: Lit) -> bool:
    return lit.unit is not None and not (lit.bound or lit.is_range or lit.is_percent)


def _add_split_in_words(state: State, amount: Lit, word: str, share: Lit) -> None:
    count = Fraction(NUMBER_WORDS[word])
    value = literal_value(amount, stated=False)
    each = Value(value.point / count, value.interval.scale(1 / count), value.dims, value.bare)
    state.claims.append(
        Claim(
            "formula",
            share,
            state.where,
            relation="≈" if share.approx or amount.approx else "=",
            computed=each,
            derivation=f"{literal_text(amount, state.where)} ÷ {NUMBER_WORDS[word]} ({word} ways)",
        )
    )


def _splits(state: State) -> Iterator[tuple[Node, str, Lit, Lit, bool]]:
    """(amount, the amount as written, count, share, approximate) of each split."""
    chains = state.chains
    for k, prev in enumerate(chains[:-1]):
        if prev.ignored or prev.head is not None:
            continue
        amount = prev.exprs[-1]
        if _split_words(state, prev, chains[k + 1], amount) is None:
            continue
        found = _count_and_share(state, chains, k + 1)
        if found is None:
            continue
        count, share, words = found
        approx = share.approx or any(w in APPROX_WORDS or w == "≈" for w in words)
        yield amount, _amount_text(state, prev, amount), count, share, approx


def _amount_text(state: State, chain: Chain, amount: Node) -> str:
    """``140 GB``, or ``(70.55 + 10.74) GB`` with the unit written after the parentheses."""
    if isinstance(strip_groups(amount), Lit):
        return formula_text(state.where, amount)
    start, end = span(amount)
    return (
        f"{' '.join(state.where.text[start:end].split())} {state.where.tokens[chain.tok_end].text}"
    )


def _split_words(state: State, prev: Chain, nxt: Chain, amount: Node) -> list[str] | None:
    """The words from the amount to the count, when they say it is split among them: ``of
    weights`` may name the amount first, its unit may be a word after a parenthesised sum
    (``(70.55 + 10.74) GB split over``), and ``over`` may open the count's own chain."""
    words = state.words_between(prev, nxt)
    last = strip_groups(amount)
    if isinstance(last, Lit):
        if last.unit is None or last.per or last.bound or last.is_range or last.is_percent:
            return None
        words = [*last.label.lower().split(), *words]
    elif words and unit_table().lookup(state.where.tokens[prev.tok_end].text) is not None:
        words = words[1:]
    verb = next((k for k, w in enumerate(words) if w in _SPLIT), None)
    before = words[:verb] if verb is not None else []
    if before[-1:] == ["."]:
        before = before[:-1]  # "… = 1.13 TB of training state. Sharded over 64 GPUs …"
    if verb is None or not _names_the_amount(before):
        return None
    rest = _without_method([w for w in words[verb + 1 :] if w not in _MANNER])
    opening = state.where.tokens[nxt.tok_start].text.lower()
    if rest == [] and opening in _AMONG:
        return words
    return words if len(rest) == 1 and rest[0] in _AMONG else None


def _without_method(words: list[str]) -> list[str]:
    """The words after the verb but ``with`` and the method it names (``sharded with ZeRO-3
    over``)."""
    if len(words) >= 2 and words[0] == "with":
        return words[2:]
    return words


def _names_the_amount(words: list[str]) -> bool:
    """Nothing, or ``of weights``, ``of KV cache``: what the amount is, before ``split``."""
    return not words or (words[0] == "of" and 2 <= len(words) <= 3 and all(map(str.isalnum, words)))


def _count_and_share(
    state: State, chains: list[Chain], k: int
) -> tuple[Lit, Lit, list[str]] | None:
    """(count, share, words between) from ``2 GPUs = 40.6 GB per GPU`` (one chain) or ``8 GPUs
    gives 17.5 GB each`` (two)."""
    chain = chains[k]
    if chain.ignored or chain.head is not None:
        return None
    count = strip_groups(chain.exprs[0])
    if not _device_count(count):
        return None
    assert isinstance(count, Lit)
    if len(chain.exprs) == 2:
        share, words = strip_groups(chain.exprs[1]), ["="]
    elif len(chain.exprs) == 1 and k + 1 < len(chains):
        nxt = chains[k + 1]
        words = state.words_between(chain, nxt)
        if nxt.ignored or nxt.head is not None or len(nxt.exprs) != 1:
            return None
        if not words or not set(words) <= _GIVES:
            return None
        share = strip_groups(nxt.exprs[0])
    else:
        return None
    if not isinstance(share, Lit) or share.unit is None or share.bound or share.is_range:
        return None
    if not _per_device(state, share):
        return None
    return count, share, words


def _device_count(node: Node) -> bool:
    return (
        isinstance(node, Lit)
        and node.unit is None
        and node.number.is_plain_integer
        and node.number.value > 1
        and node.label.lower() in _DEVICES
        and not (node.per or node.bound not in ("", ">") or node.is_range or node.approx)
    )


def _per_device(state: State, share: Lit) -> bool:
    """``40.6 GB per GPU``, ``17.5 GB each``: a share said to be one device's."""
    if share.per:
        return share.per.lower().rstrip("s") in {d.rstrip("s") for d in _DEVICES}
    after = state.where.text[share.end : share.end + 12].lower().split()
    return bool(after) and after[0].strip(".,;:") in _EACH
