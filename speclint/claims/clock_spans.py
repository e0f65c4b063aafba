"""The length of a span between two clock times: ``Duration of impact (02:40–05:10): 150
minutes``, ``14:02–15:47 UTC, i.e. 105 min``.

The later time minus the earlier (past midnight when the second is earlier). Read only when
the two times are joined by a dash or ``to``, neither says ``am`` or ``pm`` (the twelve-hour
clock makes the span unsure), and the duration is the first figure after them in the same
sentence, one time with only brackets, a time zone or a short connector between.
"""

from __future__ import annotations

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Lit, Node, strip_groups
from speclint.formula.lexer import Token
from speclint.formula.vocabulary import lower as lower_word
from speclint.patterns import lazy_compile
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: A time of day: ``02:40``, ``14:02:10``.
_CLOCK = lazy_compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")
#: What joins the two times of a span.
_DASHES = frozenset({"–", "-", "—", "to", "->", "→"})
#: What may stand between a span and its length: brackets, a connector, a time zone.
_BETWEEN = frozenset(
    """( ) : , — = i.e. i.e ie or lasting lasted lasts took so that is utc gmt z pt pst pdt
    et est edt cet cest ist jst local time""".split()
)
_TWELVE_HOUR = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_DAY = 24 * 3600


def clock_span(state: State) -> None:
    """``(02:40–05:10): 170 minutes``: the duration against the later time minus the earlier."""
    if ":" not in state.where.text:
        return  # no time of day
    tokens = state.where.tokens
    for k in range(len(tokens) - 2):
        first, dash, second = tokens[k], tokens[k + 1], tokens[k + 2]
        if lower_word(dash.text) not in _DASHES:
            continue
        start, end = _seconds(first), _seconds(second)
        if start is None or end is None or _twelve_hour(tokens, k):
            continue
        found = _duration_after(state, k + 3)
        span = (end - start) % _DAY
        if found is None or span == 0:
            continue
        stated, hours = found
        formula: Node = _span_literal(span, first, second)
        derivation = f"{second.text} − {first.text}"
        if hours is not None:  # "(1 h 25 min)": the minutes past the whole hours
            whole = hours.number.value * 3600
            if not 0 <= span - whole < 3600:
                continue  # the hours are off: the minutes are no reading of the span
            formula = BinOp("-", formula, hours, "−")
            derivation += f" − {literal_text(hours, state.where)}"
        state.claims.append(
            Claim(
                "formula",
                stated,
                state.where,
                relation="≈" if stated.approx else "=",
                formula=formula,
                formula_where=state.where,
                derivation=derivation,
            )
        )


def _seconds(token: Token) -> int | None:
    """The seconds since midnight a clock time token says, or ``None``."""
    match = _CLOCK.fullmatch(token.text)
    if token.kind != "word" or match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)


def _twelve_hour(tokens: list[Token], k: int) -> bool:
    """A time of the span is on the twelve-hour clock (``9:00 AM–5:00 PM``)."""
    near = tokens[k + 1 : k + 2] + tokens[k + 3 : k + 4]
    return any(lower_word(t.text) in _TWELVE_HOUR for t in near)


def _duration_after(state: State, k: int) -> tuple[Lit, Lit | None] | None:
    """The time the first chain after token ``k`` states, when only brackets, a time zone or
    a connector stand between: the one value and ``None``, or the minutes and the hours of
    ``1 h 25 min``."""
    chain = next((c for c in state.chains if c.tok_start >= k), None)
    if chain is None or chain.relations:
        return None
    words = [t.text.lower() for t in state.where.tokens[k : chain.tok_start]]
    words = [w for i, w in enumerate(words) if not (w == "." and words[i - 1 : i] == ["i.e"])]
    if len(words) > 4 or any(word not in _BETWEEN for word in words):
        return None
    lit = single_lit(chain)
    if lit is not None:
        return (lit, None) if _a_time(lit) else None
    node = strip_groups(chain.exprs[0]) if len(chain.exprs) == 1 else None
    if not (isinstance(node, BinOp) and node.op == "+"):
        return None
    hours, minutes = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(hours, Lit) and isinstance(minutes, Lit)):
        return None
    if not (_a_time(hours, 3600) and _a_time(minutes, 60) and hours.number.is_plain_integer):
        return None
    return minutes, hours


def _a_time(lit: Lit, factor: int | None = None) -> bool:
    """A plain duration (in a unit of ``factor`` seconds, when given)."""
    unit = lit.unit
    if unit is None or unit.kind != "time" or lit.per or lit.bound or lit.is_range or lit.label:
        return False
    return factor is None or unit.factor == factor


def _span_literal(seconds: int, first: Token, second: Token) -> Lit:
    """The span as a literal in minutes (seconds when it is not whole minutes), spanning the
    two times in the text."""
    unit = unit_table().lookup("min" if seconds % 60 == 0 else "s")
    assert unit is not None
    amount = str(seconds // 60 if seconds % 60 == 0 else seconds)
    return Lit(
        number=make_literal(amount, amount),
        num_start=first.start,
        num_end=second.end,
        start=first.start,
        end=second.end,
        unit=unit,
        unit_text=unit.text,
    )
