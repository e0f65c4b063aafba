"""The length of a span between two clock times: ``Duration of impact (02:40–05:10): 150
minutes``, ``14:02–15:47 UTC, i.e. 105 min``, ``lasted 86 minutes (23:41 → 00:57)``, ``from
02:14 Tue to 17:40 Thu: 63.4 h``.

The later time minus the earlier (past midnight when the second is earlier; across the week
when both times name their weekday). Read only when the two times are joined by a dash or
``to``, neither says ``am`` or ``pm`` (the twelve-hour clock makes the span unsure), only one
names a weekday is unsure too, and the duration is a figure of a second or more next to the
span in the same sentence: the first after it, or the last before it, with only brackets, a
time zone or a short connector between (a duration after ``every`` or ``within`` is no length).
"""

from __future__ import annotations

from dataclasses import dataclass

from speclint.claims.extract import State
from speclint.claims.model import Claim, literal_text, single_lit
from speclint.formula.expr import BinOp, Chain, Lit, Node, strip_groups
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
#: What may stand between a duration and the span after it: ``86 minutes (23:41 → 00:57)``.
_BEFORE = frozenset({"(", ",", "from", "—"})
#: Words before a duration that make it no length of the span: a period, a bound.
_NO_LENGTH = frozenset(
    "every each per within under over than below above most least max maximum min minimum".split()
)
_TIME_ZONES = frozenset("utc gmt z pt pst pdt et est edt cet cest ist jst".split())
_TWELVE_HOUR = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m"})
_WEEKDAYS = {
    name: day
    for day, names in enumerate(
        (
            "mon monday",
            "tue tues tuesday",
            "wed wednesday",
            "thu thur thurs thursday",
            "fri friday",
            "sat saturday",
            "sun sunday",
        )
    )
    for name in names.split()
}
_DAY = 24 * 3600
_WEEK = 7 * _DAY


@dataclass(frozen=True)
class _Point:
    """A time of day in the tokens: its seconds since midnight, its weekday and that word's
    index (when named), its clock token's index, and the index after it (and after its
    weekday and time zone)."""

    seconds: int
    day: int | None
    day_at: int | None
    clock: int
    end: int


def clock_span(state: State) -> None:
    """``(02:40–05:10): 170 minutes``: the duration against the later time minus the earlier."""
    if ":" not in state.where.text:
        return  # no time of day
    tokens = state.where.tokens
    k = 0
    while k < len(tokens) - 2:
        found = _span_at(tokens, k)
        if found is None:
            k += 1
            continue
        first, second, span = found
        k = second.end
        stated = _duration_after(state, second.end) or _duration_before(state, first)
        claim = _claim(state, first, second, span, stated) if stated is not None else None
        if claim is not None:
            state.claims.append(claim)


def _span_at(tokens: list[Token], k: int) -> tuple[_Point, _Point, int] | None:
    """The two times of a span that starts at token ``k``, and its length in seconds."""
    first = _point(tokens, k)
    if first is None or first.end >= len(tokens) - 1:
        return None
    if first.day_at is None and k > 0 and _weekday(tokens, k - 1) is not None:
        return None  # the weekday before was read with the time: no span there
    if lower_word(tokens[first.end].text) not in _DASHES:
        return None
    second = _point(tokens, first.end + 1)
    if second is None or _twelve_hour(tokens, first) or _twelve_hour(tokens, second):
        return None
    if (first.day is None) != (second.day is None):
        return None  # "Tue 23:00 to 01:00": which day the second time is on is unsure
    span = second.seconds - first.seconds
    if first.day is not None and second.day is not None:
        span += ((second.day - first.day) % 7) * _DAY
        return (first, second, span) if 0 < span < _WEEK else None
    span %= _DAY
    return (first, second, span) if span else None


def _point(tokens: list[Token], k: int) -> _Point | None:
    """The time of day at token ``k``: ``02:14``, ``02:14 Tue``, ``Tue 02:14``, ``23:41 UTC``."""
    day_at: int | None = k if _weekday(tokens, k) is not None else None
    clock = k + 1 if day_at is not None else k
    seconds = _seconds(tokens[clock]) if clock < len(tokens) else None
    if seconds is None:
        return None
    end = clock + 1
    if day_at is None and _weekday(tokens, end) is not None:
        day_at, end = end, end + 1
    if end < len(tokens) and lower_word(tokens[end].text) in _TIME_ZONES:
        end += 1
    day = _weekday(tokens, day_at) if day_at is not None else None
    return _Point(seconds, day, day_at, clock, end)


def _weekday(tokens: list[Token], k: int) -> int | None:
    """The weekday (0 for Monday) token ``k`` names, or ``None``."""
    return _WEEKDAYS.get(tokens[k].text.lower()) if k < len(tokens) else None


def _claim(
    state: State, first: _Point, second: _Point, span: int, stated: tuple[Lit, Lit | None]
) -> Claim | None:
    """The claim that ``stated`` (the minutes and the hours of ``1 h 25 min``) is the span."""
    tokens = state.where.tokens
    value, hours = stated
    formula: Node = _span_literal(span, tokens[first.clock], tokens[second.clock])
    derivation = f"{tokens[second.clock].text} − {tokens[first.clock].text}"
    if first.day_at is not None and second.day_at is not None:
        derivation = (
            f"{tokens[second.day_at].text} {tokens[second.clock].text}"
            f" − {tokens[first.day_at].text} {tokens[first.clock].text}"
        )
    if hours is not None:  # "(1 h 25 min)": the minutes past the whole hours
        whole = hours.number.value * 3600
        if not 0 <= span - whole < 3600:
            return None  # the hours are off: the minutes are no reading of the span
        formula = BinOp("-", formula, hours, "−")
        derivation += f" − {literal_text(hours, state.where)}"
    return Claim(
        "formula",
        value,
        state.where,
        relation="≈" if value.approx else "=",
        formula=formula,
        formula_where=state.where,
        derivation=derivation,
    )


def clock_seconds(text: str) -> int | None:
    """The seconds since midnight a time of day (``02:40``, ``14:02:10``) says, or ``None``
    when ``text`` is anything else."""
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)


def _seconds(token: Token) -> int | None:
    """The seconds since midnight a clock time token says, or ``None``."""
    return clock_seconds(token.text) if token.kind == "word" else None


def _twelve_hour(tokens: list[Token], point: _Point) -> bool:
    """The time is on the twelve-hour clock (``9:00 AM``, ``5:00 PM``)."""
    after = point.clock + 1
    return after < len(tokens) and lower_word(tokens[after].text) in _TWELVE_HOUR


def _duration_before(state: State, first: _Point) -> tuple[Lit, Lit | None] | None:
    """The time the last chain before the span states, when only a bracket, a comma or
    ``from`` stand between and no word before it makes it a period or a bound (``every 15
    min``, ``within 10 min``)."""
    start = first.day_at if first.day_at is not None else first.clock
    chain = next((c for c in reversed(state.chains) if c.tok_end <= start), None)
    if chain is None or chain.relations:
        return None
    tokens = state.where.tokens
    words = [t.text.lower() for t in tokens[chain.tok_end : start]]
    if len(words) > 2 or any(word not in _BEFORE for word in words):
        return None
    if chain.tok_start > 0 and lower_word(tokens[chain.tok_start - 1].text) in _NO_LENGTH:
        return None
    return _duration(chain)


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
    return _duration(chain)


def _duration(chain: Chain) -> tuple[Lit, Lit | None] | None:
    """The one time a chain states, or the minutes and the hours of ``1 h 25 min``."""
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
    return unit.factor >= 1 if factor is None else unit.factor == factor


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
