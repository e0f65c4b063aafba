"""Relations authors write in running prose, read after the shapes of ``extract.py``.

* a value restated in parentheses with words after it: ``1,023 MB/s (about 8.2 Gbps of
  producer traffic)``
* the time to move a size at a rate: ``987.8 GB at 10 Gbps takes ~790 s``, ``a 20 TB drive
  rebuilds at 200 MB/s in about 28 hours``, ``1.1e14 FLOPs across 8 chips at 197 TFLOPS is
  70 ms`` (or an amount at a price: ``4,000 GB at $0.02/GB is $80``)

Every shape reads only adjacent chains joined by a short list of words; anything else in
between (a clause, another number) means the relation is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

from speclint.claims.change_against import (
    change_against_named,
    change_against_value,
    difference_then_change,
)
from speclint.claims.clock_spans import clock_span
from speclint.claims.complements import complement, remaining_share
from speclint.claims.containers import containers_needed
from speclint.claims.each_then_all import each_then_all
from speclint.claims.efficiency_restated import time_at_another_efficiency
from speclint.claims.error_budgets import error_budget
from speclint.claims.extract import SHAPES, Shape, State, names_its_value
from speclint.claims.gpu_hours_wall import wall_clock_of_gpu_hours
from speclint.claims.items_of_size import items_of_size
from speclint.claims.model import (
    CLAUSE_STOPS,
    Claim,
    Scanned,
    literal_text,
    noun_key,
    per_word,
    quantity_text,
    single_lit,
    single_lit_triples,
    written_value,
)
from speclint.claims.multiples_of import multiple_of_named
from speclint.claims.one_every import one_every
from speclint.claims.point_changes import points_change
from speclint.claims.price_per_tokens import price_from_rate
from speclint.claims.price_scales import price_per_another_count
from speclint.claims.rate_first import rate_before_amount, rate_then_amount, rate_then_it
from speclint.claims.share_of_that import (
    share_of_opening_whole,
    share_of_that,
    share_of_that_whole,
    that_is_restated,
)
from speclint.claims.split_over import split_over_devices
from speclint.claims.stream_tpot import stream_tpot
from speclint.claims.token_sizes import bytes_of_token_count
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import (
    BinOp,
    Chain,
    Group,
    Lit,
    Node,
    TooComplex,
    literals,
    strip_groups,
)
from speclint.formula.vocabulary import APPROX_WORDS, PERIOD_WORDS, VERSUS
from speclint.quantity.interval import Interval
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import Unit, unit_table

# ---- a restatement in parentheses, followed by words -------------------------------------------

#: Words that may open the parentheses before the restated value.
_PAREN_LEADS = frozenset({"i.e.", "i.e", "ie", "or", "about", "roughly", "approximately", "≈"})

#: Words after the restated value that make it a part, a share or another figure (``2 TB
#: (about 1.5 TiB usable)``), not the same amount.
_PART_WORDS = frozenset(
    """it which them each per for are is was used free left spare remaining reserved usable
    effective available net after raw peak max maximum min minimum sustained average avg
    headroom overhead budget limit cap target measured""".split()
)


def parenthetical_with_words(state: State) -> None:
    """``1,023 MB/s (about 8.2 Gbps of producer traffic)``: a value restated inside
    parentheses that go on with a few words (no number). Checked only when the two could mean
    the same amount (see :meth:`State.restate_if_convertible`)."""
    tokens = state.where.tokens
    for prev, nxt, last in state.neighbours():
        node = nxt.exprs[0]
        if isinstance(node, Group) or not isinstance(last, Lit) or names_its_value(prev):
            continue
        if not isinstance(node, Lit) or node.label or node.per or node.bound:
            continue
        between = [t.text.lower() for t in tokens[prev.tok_end : nxt.tok_start]]
        if not between or between[0] != "(" or not set(between[1:]) <= _PAREN_LEADS:
            continue
        after = _words_to_close(state, nxt.tok_end)
        if after is None or not after or set(after) & _PART_WORDS:
            continue
        state.restate_if_convertible(last, node, approx=node.approx)


def _words_to_close(state: State, k: int, limit: int = 6) -> list[str] | None:
    """The words from token ``k`` to the next ``)``, when they are at most ``limit`` words."""
    words: list[str] = []
    for token in state.where.tokens[k : k + limit + 1]:
        if token.text == ")":
            return words
        if token.kind != "word":
            return None
        words.append(token.text.lower())
    return None


# ---- time to move a size at a rate -------------------------------------------------------------

#: Words before ``at`` and the words after it (articles and adjectives) are at most this many.
_MAX_BEFORE_AT, _MAX_AFTER_AT = 6, 2
#: Words joining an amount to the rate it moves at: ``10 GB at 10 Gbps``, ``over a 400 Gbps``.
_AT_WORDS = frozenset({"at", "over"})
#: What a rate may name right after it: ``over a 400 Gbps NIC is 294 µs``.
_LINK_NOUNS = frozenset("nic nics link links port ports fabric network pipe uplink".split())
#: What a link may be per: ``over the 25 Gbps link per node is 30 s`` (each node moves the
#: amount over its own link: with no count in the sentence, no other reading computes).
_LINK_OWNERS = frozenset("node gpu host server machine box worker rank replica pod".split())

#: Words between the rate and the result.
_RESULT_WORDS = frozenset(
    """takes take took taking needs need requires require lasts completes finishes in within is
    that which it this = ≈ → , : would will should i.e. cost costs comes come came to averages
    averaging""".split()
)

#: What a price per unit may be for, right after it: ``$5 per TB scanned``.
_PRICED_ACTS = frozenset("scanned stored transferred moved served processed written read".split())

#: Words that may follow the result and still name the whole time or cost.
_RESULT_LABELS = frozenset({"total", "overall", "end-to-end", "wall-clock", "in", "on", "to"})

#: Words that start another clause or scope: what follows is not this computation.
_CLAUSE_WORDS = frozenset(
    "and but while whereas if when then because although per each plus with without".split()
)


def amount_at_rate(state: State) -> None:
    """``987.8 GB at 10 Gbps takes ~790 s``: a size, ``at`` a rate, then the time it takes
    (size / rate, times a count written before ``at``: ``across 8 chips at 197 TFLOPS``), or an
    amount at a price (amount × price). The three must agree in every dimension."""
    for amount, count, rate, stated, approx in _amount_rate_result(state):
        divisor: Node = rate if count is None else BinOp("*", count, rate, "×")
        readings: list[tuple[str, Node]] = [("/", BinOp("/", amount, divisor, "/"))]
        if count is None:
            readings.append(("*", BinOp("*", amount, rate, "×")))
        match = next(((op, f) for op, f in readings if _dims_match(f, stated)), None)
        if match is None:
            continue
        op, formula = match
        if stated.bound and not _bound_far_off(formula, stated):
            continue
        bound = stated.bound.replace(">=", "≥").replace("<=", "≤")
        state.claims.append(
            Claim(
                "formula",
                replace(stated, bound="", approx=True) if stated.bound else stated,
                state.where,
                relation="≈" if approx or stated.bound else "=",
                formula=formula,
                formula_where=state.where,
                derivation=_derivation(state, amount, count, rate, op),
                assumption=(
                    f"the bound {bound} {_quantity_text(state, stated)} read as the computed value"
                    if stated.bound
                    else ""
                ),
            )
        )


def _amount_rate_result(
    state: State,
) -> Iterator[tuple[Lit, Lit | None, Lit, Lit, bool]]:
    """(amount, count or None, rate, stated result, approximate) for each ``A at R … T``."""
    chains = state.chains
    for k, first in enumerate(chains):
        amount = strip_groups(first.exprs[-1])
        if not _plain_unit_lit(amount, scoped=True) or first.ignored:
            continue
        assert isinstance(amount, Lit)
        count: Lit | None = None
        j = k + 1
        if j < len(chains) and _counted_before_at(state, first, chains[j]):
            count = single_lit(chains[j])
            before_rate = (
                state.words_between(chains[j], chains[j + 1]) if j + 1 < len(chains) else []
            )
            if before_rate != ["at"]:
                continue
            j += 1
        over = _bound_word(state, chains[j]) if count is None and j < len(chains) else []
        amount_period = ""
        if count is None and j < len(chains):
            words = state.words_between(first, chains[j]) or over
            if not _joined_by_at(words) or (words[0] == "." and _shared_sentence(state, k, amount)):
                continue
            amount_period = _period_of_amount(words)
        found = _rate_and_result(state, j)
        if found is None:
            continue
        rate, stated, words = found
        if over:
            rate = replace(rate, bound="")  # "245.8 GB over 10 Gbps": the link, no bound
        period = _price_period(rate)
        unit_price = _unit_price(rate, amount)
        priced, rate = unit_price is not rate, unit_price
        if not _plain_unit_lit(_own_link(rate)) or stated.unit is None or stated.is_range:
            continue
        if stated.per and stated.per.lower() not in (*_LINK_OWNERS, period, amount_period):
            continue  # "45.2 s per node": each node's own pull; "per token": another quantity
        if stated.label and stated.label.lower() not in _RESULT_LABELS:
            continue  # "in 50 s chunks": the time of something else
        if words and (words[0] in _LINK_NOUNS or (priced and words[0] in _PRICED_ACTS)):
            words = words[1:]  # "at 25 Gbps link", "at $5 per TB scanned"
        elif words and words[0] in PERIOD_WORDS and _plain_time(rate):
            words = words[1:]  # "over a 30-day month averages 5.68 Gbps"
        if len(words) > 4 or not set(words) <= _RESULT_WORDS:
            continue
        approx = stated.approx or any(w in APPROX_WORDS or w == "≈" for w in words)
        yield amount, count, rate, stated, approx


def _period_of_amount(words: list[str]) -> str:
    """The calendar period the words between an amount and ``at`` say it is per (``18,568 TB
    a month at $0.02/GB``: month), or ""."""
    if len(words) >= 3 and words[0] in ("a", "per", "each") and words[1] in PERIOD_WORDS:
        return words[1]
    return ""


def _bound_word(state: State, chain: Chain) -> list[str]:
    """``["over"]`` when the chain opens with ``over`` read as its rate's bound (``245.8 GB
    over 10 Gbps``: right after an amount, the word joins the two)."""
    word = state.where.tokens[chain.tok_start].text.lower()
    return [word] if word == "over" else []


def _rate_and_result(state: State, j: int) -> tuple[Lit, Lit, list[str]] | None:
    """The rate of chain ``j``, the result after it and the words between: the next chain's
    one value, or the other side of the rate's own chain (``$0.023 per GB-month ≈ $7,153``)."""
    chains = state.chains
    if j >= len(chains):
        return None
    chain = chains[j]
    if len(chain.exprs) == 2 and chain.relations[0] in ("=", "≈") and chain.head is None:
        return _rate_in_chain(state, chain)
    if j + 1 >= len(chains):
        return None
    rate, stated = single_lit(chain), single_lit(chains[j + 1])
    if rate is None or stated is None:
        return None
    return rate, stated, state.phrase_between(chain, chains[j + 1])


def _rate_in_chain(state: State, chain: Chain) -> tuple[Lit, Lit, list[str]] | None:
    """A rate set equal to the result in one chain (``over 10 Gbps ≈ 25 s``, ``$0.023 per
    GB-month ≈ $715``), and the relation."""
    rate, stated = (strip_groups(e) for e in chain.exprs)
    if chain.ignored or not isinstance(rate, Lit) or not isinstance(stated, Lit):
        return None
    if per_word(rate):
        per_end = state.where.text.find(rate.per, rate.num_end, rate.end) + len(rate.per)
        if per_end > len(rate.per):  # "$0.023 per GB-month costs ≈": the words past the price
            rate = replace(rate, end=per_end)
    return rate, stated, [chain.relations[0]]


def _shared_sentence(state: State, k: int, amount: Lit) -> bool:
    """Another figure of the amount's dimension in the sentence chain ``k`` ends (``28.1 GB,
    plus one reduce-scatter of 14.05 GB. At 300 GB/s …``): which one the rate moves is not
    known."""
    chains, dims = state.chains, amount.unit and amount.unit.dims
    own = [e for e in map(strip_groups, chains[k].exprs) if isinstance(e, Lit) and e is not amount]
    if amount.unit is not None and any(_restated_binary(lit, amount.unit) for lit in own):
        return True  # "258.6 TB = 284.3 TiB. At …": the figure or its restatement
    while k > 0 and "." not in state.words_between(chains[k - 1], chains[k]):
        k -= 1
        figures = [lit for expr in chains[k].exprs for lit in literals(expr)]
        if any(lit.unit is not None and lit.unit.dims == dims for lit in figures):
            return True
    return False


def _restated_binary(lit: Lit, unit: Unit) -> bool:
    """A figure of the unit's dimension in the other prefix system (TB and TiB)."""
    other = lit.unit
    return (
        other is not None and other.dims == unit.dims and other.prefix_system != unit.prefix_system
    )


def _plain_time(lit: Lit) -> bool:
    """A duration (``30-day``), not a rate."""
    seconds = unit_table().names.index("second")
    return lit.unit is not None and lit.unit.kind == "time" and lit.unit.dims[seconds] == 1


def _unit_price(rate: Lit, amount: Lit) -> Lit:
    """A price per the unit its words name, of the amount's dimension (``$0.023 per GB-month``
    of ``31.10 TB``), as a price per that unit (``$/GB``); any other rate as written."""
    word = per_word(rate)
    unit = unit_table().lookup(word) if word and rate.unit and "/" not in rate.unit.text else None
    if unit is None or rate.unit is None or amount.unit is None or unit.dims != amount.unit.dims:
        return rate
    return replace(rate, unit=rate.unit.per(unit), per="")


def _price_period(rate: Lit) -> str:
    """The period a price per unit-period names (``month`` of ``per GB-month``), lower case."""
    _, dash, period = rate.per.partition("-")
    return period.lower() if dash and per_word(rate) else ""


def _plain_unit_lit(node: Node, scoped: bool = False) -> bool:
    """A single value with a unit, not a range, bound, share or (unless ``scoped``: an amount
    each GPU moves, ``1.61 GB per GPU``) per-something figure."""
    return (
        isinstance(node, Lit)
        and node.unit is not None
        and not (node.is_range or node.bound or (node.per and not scoped) or node.is_percent)
        and node.unit.kind not in ("multiplier", "percent")
    )


def _own_link(rate: Lit) -> Lit:
    """A link's rate per the device that owns it (``25 Gbps link per node``) read as the rate
    of that one link; any other rate as written."""
    if rate.label.lower() in _LINK_NOUNS and noun_key(rate.per) in _LINK_OWNERS:
        return replace(rate, per="")
    return rate


def _joined_by_at(words: list[str]) -> bool:
    """``at``, ``rebuilds at the throttled``: at most three words before ``at`` and two
    after it, none starting another clause; or ``At`` opening the next sentence."""
    if words[:2] == [",", "which"]:
        words = words[2:]  # "1.61 GB per GPU, which at 53 GB/s takes 30.4 ms"
    if words == [".", "at"]:
        return True  # "… = 31.10 TB. At $0.023 per GB-month that is ≈ $715": the next sentence
    joins = [w for w in words if w in _AT_WORDS]
    if len(joins) != 1:
        return False
    k = words.index(joins[0])
    before, after = words[:k], words[k + 1 :]
    if len(before) > _MAX_BEFORE_AT or len(after) > _MAX_AFTER_AT:
        return False
    if not all(w.isalpha() and w not in _CLAUSE_WORDS for w in before):
        return False
    # "over each node's 25 Gb/s link": the link's owner, possessive
    return all(
        (w.isalpha() and w not in _CLAUSE_WORDS)
        or w in ("each", "every")
        or (w[-2:] in ("'s", "’s") and w[:-2].isalpha())
        for w in after
    )


def _counted_before_at(state: State, first: Chain, second: Chain) -> bool:
    """``…; across 8 chips at``: a count of devices the rate is multiplied by."""
    lit = single_lit(second)
    if lit is None or lit.unit is not None or lit.scale is not None or not lit.label:
        return False
    if not lit.number.is_plain_integer:
        return False
    words = state.words_between(first, second)
    return bool(words) and words[-1] in ("across", "over", "on") and len(words) <= 2


def _dims_match(formula: Node, stated: Lit) -> bool:
    computed = written_value(formula)
    assert stated.unit is not None
    return computed is not None and computed.dims == stated.unit.dims and not computed.bare


def _bound_far_off(formula: Node, stated: Lit) -> bool:
    """A bound (``≥ 7.1 ms``) that names the computed floor is read only when it is off by
    more than 2× (a rounded-down bound is a fair way to write a floor)."""
    computed = Evaluator({}).evaluate(formula).point
    value = literal_value(stated, stated=True).point
    if computed <= 0 or value <= 0:
        return False
    ratio = Fraction(computed / value)
    return ratio > 2 or ratio < Fraction(1, 2)


def _quantity_text(state: State, lit: Lit) -> str:
    return quantity_text(lit, state.where)


def _derivation(state: State, amount: Lit, count: Lit | None, rate: Lit, op: str) -> str:
    a, r = _quantity_text(state, amount), _quantity_text(state, rate)
    if op == "*":
        return f"{a} × {r}"
    if count is None:
        return f"{a} / {r}"
    return f"{a} / ({count.number.text} × {r})"


# ---- a change, then the two figures it compares ------------------------------------------------


def change_then_figures(state: State) -> None:
    """``SXM is 59% faster than PCIe (178 vs 112 tok/s)``: a change in percent, then (within
    the same sentence, in parentheses) the two figures it compares: A / B − 1, or 1 − A / B
    for ``slower``, ``lower``. A unit phrase read as a formula of names (``more tokens/s than``)
    is words between them, not a chain."""
    chains, tokens = [c for c in state.chains if _has_number(c)], state.where.tokens
    for k, pct, first, second in single_lit_triples(chains):
        if not pct.is_percent:
            continue
        direction = _pair_direction(state, pct)
        if direction == 0 or first.is_range or second.is_range or first.bound or second.bound:
            continue
        gap = tokens[chains[k].tok_end : chains[k + 1].tok_start]
        if not gap or gap[-1].text != "(" or len(gap) > 10:
            continue
        if any(t.text in CLAUSE_STOPS or t.kind == "num" or t.text == "(" for t in gap[:-1]):
            continue
        if state.words_between(chains[k + 1], chains[k + 2]) not in VERSUS:
            continue
        if first.is_percent or second.is_percent or first.label or first.per:
            continue
        if first.unit is None and second.unit is not None:
            first = replace(first, unit=second.unit, unit_text=second.unit_text)
        if (first.unit is None) != (second.unit is None) or first.scale != second.scale:
            continue
        if first.unit is not None and second.unit is not None and first.unit != second.unit:
            continue
        _add_pair_change(state, pct, first, second, direction)


def _has_number(chain: Chain) -> bool:
    return any(literals(expr) for expr in chain.exprs)


#: Words between two compared figures and their change: ``$2.10 vs $3.50 is 40% off``.
_CHANGE_AFTER = (["is"], ["are"], ["was"], ["="], [","], [":"], ["—"], ["is", "a"], [",", "a"])


def figures_then_change(state: State) -> None:
    """``H100 $2.10 vs $3.50 is 40% off``: two figures compared, then the change between them
    in percent: 1 − A / B for ``off``, ``cheaper``, ``lower``; A / B − 1 for ``faster``."""
    chains = state.chains
    for k, first, second, pct in single_lit_triples(chains):
        if not pct.is_percent:
            continue
        if state.words_between(chains[k], chains[k + 1]) not in VERSUS:
            continue
        if state.words_between(chains[k + 1], chains[k + 2]) not in _CHANGE_AFTER:
            continue
        direction = _pair_direction(state, pct)
        if direction == 0 or first.is_range or second.is_range or first.bound or second.bound:
            continue
        if first.is_percent or second.is_percent or first.label:
            continue
        if first.unit is None and second.unit is not None:  # "2.2 vs 1.6 steps/s"
            first = replace(first, unit=second.unit, unit_text=second.unit_text, per=second.per)
        if first.unit != second.unit or first.scale != second.scale or first.per != second.per:
            continue
        _add_pair_change(state, pct, first, second, direction)


#: ``X % slower`` than a figure: 1 − A / B of a speed, or B / A − 1 of the time it takes.
_SLOWER_WORDS = frozenset({"slower", "slowdown"})
_SLOWER_ASSUMPTION = (
    "'{pct} slower' read as the speed lost, 1 − A / B; as the time added, B / A − 1 = {other}"
)


def _pair_direction(state: State, pct: Lit) -> int:
    """``change_direction``, with ``slower`` a decrease (``_add_pair_change`` tries its other
    reading too)."""
    return state.change_direction(pct) or (-1 if _says_slower(state, pct) else 0)


def _says_slower(state: State, pct: Lit) -> bool:
    if pct.label:
        return pct.label.lower() in _SLOWER_WORDS
    after, tokens = state.token_index(pct.end), state.where.tokens
    return after < len(tokens) and tokens[after].text.lower() in _SLOWER_WORDS


def _add_pair_change(state: State, pct: Lit, first: Lit, second: Lit, direction: int) -> None:
    """The change from ``second`` to ``first`` against ``pct``; ``X % slower`` as the speed
    lost only where the time added cannot be the stated figure either (it is then named)."""
    text = f"{_quantity_text(state, first)} / {_quantity_text(state, second)}"
    ratio = BinOp("/", first, second, "/")
    if not _says_slower(state, pct):
        state.add_change(pct, ratio, direction, "=", text)
        return
    added = _time_added(first, second)
    stated = literal_value(pct, stated=True).interval
    if added is None or (added.lo <= stated.hi and stated.lo <= added.hi):
        return  # the time added may be the stated figure: the writer may mean it
    count = len(state.claims)
    state.add_change(pct, ratio, direction, "=", text)
    if len(state.claims) > count:
        other = f"{float((added.lo + added.hi) / 2) * 100:.3g}%"
        assumption = _SLOWER_ASSUMPTION.format(pct=pct.number.text + "%", other=other)
        state.claims[-1] = replace(state.claims[-1], assumption=assumption)


def _time_added(first: Lit, second: Lit) -> Interval | None:
    """B / A − 1 over the written precision of both, or ``None`` when it is not a plain
    number above zero."""
    try:
        value = Evaluator({}).evaluate(BinOp("/", second, first, "/"))
    except (NotEvaluable, TooComplex, ArithmeticError):
        return None
    if any(value.dims) or value.interval.lo <= 1:
        return None
    return Interval(Fraction(value.interval.lo) - 1, Fraction(value.interval.hi) - 1)


# ---- a count of items of a stated size ---------------------------------------------------------

#: Words between the count's ``of them`` and the stated total.
_TOTAL_WORDS = frozenset("is are = ≈ comes come to totals total needs need takes take →".split())


def count_of_each(state: State) -> None:
    """``checkpoints are 128.5 GB each; keeping 30 of them is ~3.9 TB``: a count of items
    whose size was just stated with ``each``, then the total: count × size."""
    chains, tokens = state.chains, state.where.tokens
    for k in range(len(chains) - 2):
        each = strip_groups(chains[k].exprs[-1])
        count, stated = single_lit(chains[k + 1]), single_lit(chains[k + 2])
        if not _plain_unit_lit(each) or count is None or stated is None:
            continue
        assert isinstance(each, Lit)
        between = state.words_between(chains[k], chains[k + 1])
        if not between or between[0] != "each" or len(between) > 4:
            continue
        if any(w in _CLAUSE_WORDS or not (w.isalpha() or w in ",;") for w in between[1:]):
            continue
        if count.unit is not None or count.scale is not None or count.label or count.approx:
            continue
        if not count.number.is_plain_integer or count.is_range or count.bound:
            continue
        after = [t.text.lower() for t in tokens[chains[k + 1].tok_end : chains[k + 2].tok_start]]
        if after[:2] != ["of", "them"] or not set(after[2:]) <= _TOTAL_WORDS:
            continue
        if stated.unit is None or stated.per or stated.is_range or stated.bound:
            continue
        formula = BinOp("*", count, each, "×")
        if not _dims_match(formula, stated):
            continue
        state.claims.append(
            Claim(
                "formula",
                stated,
                state.where,
                relation="≈" if stated.approx else "=",
                formula=formula,
                formula_where=state.where,
                derivation=f"{count.number.text} × {_quantity_text(state, each)}",
            )
        )


# ---- a cost per period restated per tokens at a rate -------------------------------------------

#: Periods a cost is written per (``$29,083/month``), in hours; a month is read as 730 h.
_PERIOD_HOURS = {
    "hour": 1,
    "hr": 1,
    "h": 1,
    "day": 24,
    "month": 730,
    "mo": 730,
    "year": 8760,
    "yr": 8760,
}

#: Words that restate a cost per period as a price per tokens.
_COST_CONNECTORS = ([",", "i.e."], ["i.e."], ["="], [",", "or"], ["→"], [",", "that", "is"])


@dataclass(frozen=True)
class PriceRestatement:
    """``$29,083/month, i.e. about $1.84 per 1M tokens``: a cost per period (``hours`` long)
    restated as a price per a count of tokens; ``after`` is the chain after the count."""

    cost: Lit
    price: Lit
    count: Lit
    hours: int
    after: int


def price_restatements(state: State) -> Iterator[PriceRestatement]:
    """Every cost per period in the segment restated as a price per a count of tokens."""
    chains = state.chains
    for k in range(len(chains) - 2):
        cost = strip_groups(chains[k].exprs[-1])
        price, count = single_lit(chains[k + 1]), single_lit(chains[k + 2])
        if not isinstance(cost, Lit) or price is None or count is None:
            continue
        hours = _PERIOD_HOURS.get(noun_key(cost.per)) if cost.per else None
        if hours is None or not _currency(cost) or not _currency(price) or price.per:
            continue
        if cost.is_range or cost.bound or price.is_range or price.bound or count.is_range:
            continue
        if state.phrase_between(chains[k], chains[k + 1]) not in _COST_CONNECTORS:
            continue
        if state.words_between(chains[k + 1], chains[k + 2]) != ["per"]:
            continue
        if _tokens_count(count):
            yield PriceRestatement(cost, price, count, hours, k + 3)


def price_at_rate(restated: PriceRestatement, rate: Lit) -> Value | None:
    """The price a cost per period makes at a token rate: cost / (period × rate) × tokens."""
    period = Lit(make_literal(str(restated.hours), str(restated.hours)), 0, 0, 0, 0, unit=_HOUR)
    formula = BinOp(
        "/",
        BinOp("*", restated.cost, restated.count, "×"),
        BinOp("*", period, rate, "×"),
        "/",
    )
    return written_value(formula)


def inline_rate(state: State, restated: PriceRestatement) -> Lit | None:
    """``… per 1M output tokens at 6,000 tokens/s``: the token rate written after the count."""
    chains = state.chains
    if restated.after >= len(chains):
        return None
    rate = single_lit(chains[restated.after])
    words = state.words_between(chains[restated.after - 1], chains[restated.after])
    if not words or words[-1] != "at" or not set(words[:-1]) <= TOKEN_WORDS:
        return None
    return rate if rate is not None and token_rate(rate) else None


def cost_per_tokens(state: State) -> None:
    """``$29,083/month, i.e. about $1.84 per 1M tokens at 6,000 tokens/s``: a cost per period
    restated as a price per tokens at a written throughput: cost / (period × rate) × tokens."""
    for restated in price_restatements(state):
        rate = inline_rate(state, restated)
        value = None if rate is None else price_at_rate(restated, rate)
        if rate is None or value is None:
            continue
        state.claims.append(price_claim(state.where, restated, value, _quantity_text(state, rate)))


def price_claim(where: Scanned, restated: PriceRestatement, value: Value, rate_text: str) -> Claim:
    """The claim that a restated price is the cost per period at ``rate_text``."""
    cost, hours = restated.cost, restated.hours
    count_text = literal_text(restated.count, where)
    if restated.count.label and count_text.endswith(restated.count.label):
        count_text = count_text[: -len(restated.count.label)].rstrip()
    return Claim(
        "formula",
        restated.price,
        where,
        relation="≈" if restated.price.approx or cost.approx or hours == 730 else "=",
        computed=value,
        derivation=f"{literal_text(cost, where)} / ({hours} h × {rate_text}) × {count_text}",
        assumption="a month read as 730 h" if hours == 730 else "",
    )


#: Words between the token count of a price and ``at``: ``per 1M output tokens at``.
TOKEN_WORDS = frozenset({"tokens", "token", "output", "input", "generated", "prompt"})

_HOUR = unit_table().units["h"]


def _currency(lit: Lit) -> bool:
    return lit.unit is not None and lit.unit.kind == "currency"


def _tokens_count(lit: Lit) -> bool:
    """``1M``, ``1M tokens``, ``1,000 tokens``: a count of tokens (or a bare count)."""
    if lit.bound or lit.per or lit.approx:
        return False
    return lit.unit is None or (lit.unit.kind == "tokens" and lit.unit.dims[1] == 0)


def token_rate(lit: Lit) -> bool:
    return (
        lit.unit is not None
        and lit.unit.kind == "tokens"
        and lit.unit.dims[1] == -1
        and not (lit.per or lit.bound or lit.is_range)
    )


#: The prose shapes, in the order they run (after :data:`extract.SHAPES`).
PROSE_SHAPES: tuple[tuple[str, Shape], ...] = (
    ("parenthetical_with_words", parenthetical_with_words),
    ("amount_at_rate", amount_at_rate),
    ("change_then_figures", change_then_figures),
    ("figures_then_change", figures_then_change),
    ("change_against_value", change_against_value),
    ("change_against_named", change_against_named),
    ("difference_then_change", difference_then_change),
    ("points_change", points_change),
    ("clock_span", clock_span),
    ("count_of_each", count_of_each),
    ("cost_per_tokens", cost_per_tokens),
    ("split_over_devices", split_over_devices),
    ("rate_then_amount", rate_then_amount),
    ("rate_then_it", rate_then_it),
    ("rate_before_amount", rate_before_amount),
    ("each_then_all", each_then_all),
    ("containers_needed", containers_needed),
    ("items_of_size", items_of_size),
    ("price_from_rate", price_from_rate),
    ("price_per_another_count", price_per_another_count),
    ("wall_clock_of_gpu_hours", wall_clock_of_gpu_hours),
    ("time_at_another_efficiency", time_at_another_efficiency),
    ("multiple_of_named", multiple_of_named),
    ("one_every", one_every),
    ("bytes_of_token_count", bytes_of_token_count),
    ("stream_tpot", stream_tpot),
    ("share_of_that", share_of_that),
    ("share_of_that_whole", share_of_that_whole),
    ("that_is_restated", that_is_restated),
    ("share_of_opening_whole", share_of_opening_whole),
    ("complement", complement),
    ("error_budget", error_budget),
    ("remaining_share", remaining_share),
)

#: Every inline shape, in the order they run.
ALL_SHAPES = SHAPES + PROSE_SHAPES


def extract_prose(state: State) -> State:
    """Run the prose shapes over a segment that :func:`extract.extract` has read."""
    for _, shape in PROSE_SHAPES:
        shape(state)
    return state
