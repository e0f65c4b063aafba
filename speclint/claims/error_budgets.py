"""An availability SLO and the error budget its sentence derives from it: ``99.9 % over 30
days, i.e. an error budget of 43.2 minutes``, ``99.5 % SLO on ~61M requests = 305,000 allowed
failures``. The budget is (100 % − the SLO) of the period or of the requests the sentence
names between them.

Read only when one sentence writes, in this order, the SLO (a share from 90 % to under 100 %),
the whole it is of (a whole number of a time unit, or a count of requests), and the budget: a
figure of the same kind that ``budget`` comes shortly before or a word of failing
(``downtime``, ``failed``, ``allowed failures``) shortly after.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import regex

from speclint.claims.extract import State
from speclint.claims.model import Claim, noun_key, quantity_text, single_lit
from speclint.formula.expr import BinOp, Lit, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: Nouns a count of requests is written with.
_REQUESTS = frozenset("request call query event message transaction".split())
#: Periods a count of requests may be written per: ``52.4M requests a month``.
_PERIODS = frozenset("day week month quarter year".split())
#: Words after a budget that say it counts failing: ``4.32 minutes of downtime``.
_FAILING_AFTER = frozenset(
    "downtime outage unavailability failures failed errors bad allowed".split()
)
#: Verbs right before a budget that say it counts failing: ``we may fail 45,000 requests``.
_FAILING_BEFORE = frozenset({"fail", "lose", "drop", "error", "allows", "allow", "allowing"})
#: At most this many words of a budget's noun before ``per`` (``of bad time per``).
_MAX_NOUN = 3
#: At most this many words between the SLO and its whole, and between the whole and the budget.
_MAX_WORDS = 12
_HUNDRED = make_literal("100", "100")


def error_budget(state: State) -> None:
    """A claim for each error budget its sentence derives from an SLO and its whole."""
    figures = _figures(state)
    for first, second, third in zip(figures, figures[1:], figures[2:], strict=False):
        if _slo(first) and _per_whole(state, second, third):
            slo, budget, whole = first, second, third  # "99.9 % allows 43.2 min per 30-day month"
            called = _called_budget(state, first, budget)
        else:
            # "99.9 % of 30 days … 43.2 min", or "90 M requests/month → at 99.95 % … 45,000"
            slo, whole = (first, second) if _slo(first) else (second, first)
            budget = third
            called = _called_budget(state, second, budget)
        if not _slo(slo):
            continue
        budget = _as_budget(budget)
        whole = _as_whole(state, whole)
        kind = _whole_kind(whole)
        if kind is None or _budget_kind(budget) != kind:
            continue
        if not _near(state, first, second) or not _near(state, second, third) or not called:
            continue
        if budget.unit is None and whole.unit is not None and kind == "requests":
            whole = replace(whole, unit=None, unit_text="")  # "305,000 allowed failures"
        hundred = Lit(
            _HUNDRED, slo.num_start, slo.num_start, slo.num_start, slo.num_start,
            unit=slo.unit, unit_text=slo.unit_text,
        )  # fmt: skip
        share = BinOp("-", hundred, slo, "−")
        derivation = (
            f"(100 % − {quantity_text(slo, state.where)}) × {quantity_text(whole, state.where)}"
        )
        approx = slo.approx or whole.approx or budget.approx
        state.claims.append(
            Claim(
                "formula",
                budget,
                state.where,
                relation="≈" if approx else "=",
                formula=BinOp("*", share, whole, "×"),
                formula_where=state.where,
                derivation=derivation,
            )
        )


def _per_whole(state: State, budget: Lit, whole: Lit) -> bool:
    """``4.32 min per 30-day month``: the whole right after the budget and ``per``."""
    between = state.where.text[budget.end : whole.num_start].lower().split()
    while between and between[-1] in ("a", "the", "each"):
        between = between[:-1]
    # "4.32 min per", "21.6 min of bad time per": the budget's own noun may come between
    return bool(between) and between[-1] == "per" and len(between) <= _MAX_NOUN + 1


def _figures(state: State) -> list[Lit]:
    """The segment's lone figures in order: a chain's single figure, both sides of ``A of B``
    (``99.9 % of 30 days``) and of ``A = B`` (``61M requests = 305,000 allowed failures``)."""
    figures: list[Lit] = []
    for chain in state.chains:
        if chain.ignored or (chain.head is not None and not chain.head.name.islower()):
            continue  # "… a month = 52,400": a plain word is no symbol defined
        exprs = [strip_groups(e) for e in chain.exprs]
        lit = single_lit(chain) or (exprs[0] if len(exprs) == 1 else None)
        if isinstance(lit, Lit):
            figures.append(lit)
            continue
        if len(exprs) == 1 and isinstance(exprs[0], BinOp) and exprs[0].op == "of":
            exprs = [strip_groups(exprs[0].left), strip_groups(exprs[0].right)]
        elif len(exprs) != 2 or chain.relations != ["="]:
            continue
        if all(isinstance(e, Lit) for e in exprs):
            figures.extend(e for e in exprs if isinstance(e, Lit))
    return figures


def _slo(lit: Lit) -> bool:
    """A share from 90 % to under 100 %, written as one plain figure."""
    if not lit.is_percent or lit.is_range or lit.bound or lit.approx:
        return False
    return Fraction(90) <= lit.number.value < Fraction(100)


def _as_whole(state: State, lit: Lit) -> Lit:
    """``over 30 days`` is the period, no bound; ``52.4M requests a month`` the month's
    requests."""
    if lit.bound == ">" and state.where.text[lit.start : lit.num_start].lower().startswith("over"):
        lit = replace(lit, bound="")
    if lit.per and noun_key(lit.per) in _PERIODS:
        lit = replace(lit, per="")
    unit = lit.unit
    if unit is not None and unit.kind == "requests" and unit.dims[_TIME] == -1 and "/" in unit.text:
        head, _, period = unit.text.partition("/")
        count = unit_table().lookup(head)
        if noun_key(period) in _PERIODS and count is not None:
            lit = replace(lit, unit=count, unit_text=head)  # "90 M requests/month": a month's
    return lit


def _as_budget(lit: Lit) -> Lit:
    """``4,500 requests per window`` (or per month): the budget of the period the SLO is
    over."""
    if lit.per and (noun_key(lit.per) in _PERIODS or lit.per.lower() == "window"):
        return replace(lit, per="")
    return lit


#: The position of time in a unit's dimensions (``units.toml``'s order).
_TIME = 1


def _whole_kind(lit: Lit) -> str | None:
    """``time`` for a whole number of a time unit (``30 days``, ``30-day``), ``requests`` for
    a count of requests (``41.3M requests``); ``None`` for anything else."""
    if lit.is_range or lit.bound or lit.per:
        return None
    if lit.unit is not None and lit.unit.kind == "time":
        return "time" if lit.number.is_plain_integer and lit.scale is None else None
    if lit.unit is not None:
        return "requests" if lit.unit.kind == "requests" else None
    words = lit.label.split()
    return "requests" if words and noun_key(words[-1]) in _REQUESTS else None


def _budget_kind(lit: Lit) -> str | None:
    """The kind of a budget figure: a time, or a count (``41,300 failed requests``)."""
    if lit.is_range or lit.bound or lit.per or lit.is_percent:
        return None
    if lit.unit is None or lit.unit.kind == "requests":
        return "requests"
    return "time" if lit.unit.kind == "time" else None


def _near(state: State, first: Lit, second: Lit) -> bool:
    """Two figures of one sentence, in this order, with few words between them."""
    between = _ABBREVIATIONS.sub(" ", state.where.text[first.end : second.num_start])
    return (
        first.end <= second.num_start
        and len(between.split()) <= _MAX_WORDS
        and _SENTENCE_END.search(between) is None
    )


def _called_budget(state: State, whole: Lit, budget: Lit) -> bool:
    """``budget`` within the four words before the figure, or a word of failing within the
    three after it (its label included)."""
    before = state.where.text[whole.end : budget.num_start].lower().split()[-4:]
    before += whole.label.lower().split()  # "99.9 % allows 4.32 min": the SLO's own verb
    if "budget" in before or _FAILING_BEFORE & set(before):
        return True  # "… error budget of", "we may fail 45,000 requests"
    after = state.where.text[budget.end :].lower().split()[:3]
    words = {w.strip(".,;:()") for w in (*budget.label.lower().split(), *after)}
    return bool(_FAILING_AFTER & words)


_ABBREVIATIONS = lazy_compile(r"\b(?:i\.e\.|e\.g\.|vs\.|approx\.)", regex.IGNORECASE)
#: A sentence's end between two figures.
_SENTENCE_END = lazy_compile(r"[.;!?](?:\s|$)|\n\s*\n")
