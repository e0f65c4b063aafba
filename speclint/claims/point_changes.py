"""A change between two percentages, stated in percentage points.

``72.4 → 76.8 %, +4.4 pp`` and ``from 61 % to 58 % (−3 pp)``: the points are the difference of
the two percentages (B − A), not their ratio. Read only when the two percentages are joined by
an arrow or by ``from … to``, the change follows them with a connector (a comma, ``i.e.``, a
dash) or in parentheses, it is written in points (``pp``, ``pts``, ``points``), and any sign or
word on it goes the way the percentages go.
"""

from __future__ import annotations

from dataclasses import replace

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Chain, Group, Lit, Neg, strip_groups
from speclint.formula.vocabulary import lower as lower_word

#: How a change in points is written: its unit, or the word after it.
_POINTS = frozenset({"pp", "pts", "pt", "points", "point", "p.p."})
#: Words between the second percentage and the change.
_CONNECTORS = ([","], [",", "i.e."], [",", "or"], ["—"], [":"], [",", "a"], [",", "i.e.", "a"])


def points_change(state: State) -> None:
    """``72.4 → 76.8 %, +4.4 pp``: the change in points against B − A."""
    chains = state.chains
    text = state.where.text
    if len(chains) < 3 or not ("%" in text or "pp" in text or "perc" in text.lower()):
        return  # no percentage to change
    for k in range(len(chains) - 2):
        a, b = single_lit(chains[k]), single_lit(chains[k + 1])
        stated, sign = _signed(chains[k + 2])
        if a is None or b is None or stated is None:
            continue
        if not (b.is_percent and _in_points(state, stated)) or stated.is_range or stated.bound:
            continue
        if not stated.is_percent:  # "3 points": a count of percentage points
            stated = replace(stated, unit=b.unit, label="")
        if a.is_range or b.is_range or a.bound or b.bound or a.label or b.label:
            continue
        if not (a.is_percent or (a.unit is None and a.scale is None)):
            continue
        if not (_joined(state, k, a) and _follows(state, k)):
            continue
        a = replace(a, unit=b.unit, unit_text=b.unit_text) if not a.is_percent else a
        difference = b.number.value - a.number.value
        direction = sign or state.change_direction(stated)
        if difference == 0 or direction * difference < 0:
            continue  # "−3 pp" where the percentages rise: not the change read here
        later, earlier = (b, a) if difference > 0 else (a, b)
        text = f"{literal_text(later, state.where)} − {literal_text(earlier, state.where)}"
        state.claims.append(
            Claim(
                "formula",
                stated,
                state.where,
                relation="≈" if stated.approx or a.approx or b.approx else "=",
                formula=BinOp("-", later, earlier, "−"),
                formula_where=state.where,
                derivation=text,
            )
        )


def _signed(chain: Chain) -> tuple[Lit | None, int]:
    """The chain's one value and its sign when it is written with a minus (``−3 pp``): −1 for
    a minus, else 0 (the words decide)."""
    lit = single_lit(chain)
    if lit is not None or len(chain.exprs) != 1 or chain.head is not None or chain.ignored:
        return lit, 0
    node = strip_groups(chain.exprs[0])
    if isinstance(node, Neg) and isinstance(operand := strip_groups(node.operand), Lit):
        return operand, -1
    return None, 0


def _in_points(state: State, lit: Lit) -> bool:
    """The figure is written in percentage points (``4.4 pp``, ``4.4 points``)."""
    if lit.unit is not None and lit.unit_text.strip().lower() in _POINTS:
        return True
    if lit.unit is None and lit.scale is None and lit.label.lower() in _POINTS:
        return True
    tokens = state.where.tokens
    after = state.token_index(lit.end)
    return after < len(tokens) and lower_word(tokens[after].text) in _POINTS


def _joined(state: State, k: int, a: Lit) -> bool:
    """The first two figures are joined as a change: ``A → B`` or ``from A to B``."""
    words = state.words_between(state.chains[k], state.chains[k + 1])
    if words in (["→"], ["->"]):
        return True
    if words != ["to"]:
        return False
    before = state.token_index(a.start) - 1
    return before >= 0 and lower_word(state.where.tokens[before].text) == "from"


def _follows(state: State, k: int) -> bool:
    """The change comes right after the second figure: in parentheses, or after a connector."""
    second, third = state.chains[k + 1], state.chains[k + 2]
    words = state.phrase_between(second, third)
    if isinstance(third.exprs[0], Group) and not words:
        return True
    return words in _CONNECTORS
