"""A list item that opens by restating, in another unit, the figure the item before ends with:
``- on 512 GPUs: 109,672 ÷ 512 = 214.2 h`` then ``- that is about 12.9 days of wall clock``;
``- read egress: … = 785.4 MB/s`` then ``- in bits that is ≈ 785 Mbps``.

Read only when the item's first value comes right after ``that is``, ``this is``, ``that
<noun> is``, ``which is`` or ``i.e.`` (with a hedge such as ``about`` between, and at most a few
words and no number before, such as ``in bits``), and the item before (in the same list) ends
with a value that has a unit, or with where it flows (``720 MB/s into the job``). The two are
then compared as one amount, as ``26.8 GB, or 25 GiB`` is within a block.
"""

from __future__ import annotations

from speclint.claims.extract import State
from speclint.claims.model import Claim, Scanned, list_items, single_lit
from speclint.document import Document
from speclint.formula.expr import Lit, strip_groups

#: The words that restate what came before.
_RESTATING = (("that", "is"), ("this", "is"), ("which", "is"), ("i.e.",), ("that", "'s"))
#: Words between those and the figure: ``that is about 12.9 days``.
_HEDGES = frozenset({"about", "roughly", "around", "approximately", "~", "≈", "nearly", ","})
#: Words that make what an item opens with a share: ``per shard that is``.
_PER_WORDS = frozenset({"per", "each", "every"})
#: Most words an item may open with before them: ``in bits that is``.
_MAX_LEAD_WORDS = 3


def item_restatement_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each list item that restates the figure the item before ends with."""
    items = list_items(scanned)
    claims: list[Claim] = []
    for (list_id, index), where in items.items():
        before = items.get((list_id, index - 1))
        if before is None or not where.result.chains or not before.result.chains:
            continue
        opening = _opening(where)
        if opening is None:
            continue
        stated, hedged = opening
        source = strip_groups(before.result.chains[-1].exprs[-1])
        if not isinstance(source, Lit) or source.unit is None or source.is_percent:
            continue
        if not _ends_with(before.text[source.end :].strip(" .,;*_)")):
            continue  # the item before goes on past its figure: the figure is not its end
        state = State(document, where)
        state.restate_if_convertible(
            source, stated, approx=hedged or stated.approx, source_where=before
        )
        claims.extend(state.claims)
    return claims


#: Words after an item's figure that say where the amount flows, not what else it is.
_FLOWS = frozenset({"into", "to", "from", "on", "over", "across", "through", "via"})
#: Most words of such a phrase: ``into the job``, ``across the cluster``.
_MAX_FLOW_WORDS = 4


def _ends_with(rest: str) -> bool:
    """Nothing follows the item's figure, or only where it flows (``720 MB/s into the job``)."""
    words = rest.split()
    if not words:
        return True
    return (
        len(words) <= _MAX_FLOW_WORDS
        and words[0].lower() in _FLOWS
        and all(w.isalpha() for w in words)
    )


def _opening(where: Scanned) -> tuple[Lit, bool] | None:
    """The item's first value, when it restates (``that is about 12.9 days``), and whether
    a hedge stands before it."""
    chain = where.result.chains[0]
    stated = single_lit(chain)
    if stated is None or stated.unit is None or stated.is_percent or stated.bound:
        return None
    words = [t.text.lower() for t in where.tokens[: chain.tok_start]]
    if words[:1] in (["i.e"], ["ie"]):  # the tokenizer's "i.e" ".", or "ie"
        words = ["i.e.", *words[2 if words[1:2] == ["."] else 1 :]]
    hedged = False
    while words and words[-1] in _HEDGES:
        words.pop()
        hedged = True
    if len(words) >= 3 and words[-3] in ("that", "this") and words[-1] == "is":
        words = [*words[:-2], "is"]  # "on the wire that peak is": the figure named again
    for phrase in _RESTATING:
        lead = words[: len(words) - len(phrase)]
        if tuple(words[-len(phrase) :]) == phrase and len(lead) <= _MAX_LEAD_WORDS:
            # "Per shard that is ~17.8 MB/s": a share of the figure, not the figure again
            return None if _PER_WORDS & set(lead) else (stated, hedged)
    return None
