"""A cost from resource-hours and the price per resource-hour its sentence states: ``191.3 GPU-h
on the reserved pool at $2.49 per GPU-hour = $396``; ``… = 640 GPU-hours`` and, on the next list
item, ``at the internal rate of $2.49 per H100-hour: about $1,910``; ``… = 634.9 GPU-hours.
Internal charge-back is $2.85 per GPU-hour, so the compute bill for the run is $2,180``. The
amount is checked as the hours times the price.

Read only when a sentence states one price per resource-hour (``per GPU-hour``, ``/GPU-h``,
``per H100-hour``, ``GPU-hour rate``) and, after it, one amount of the same currency joined by a
result word or sign, with no other money in the sentence and no word that makes the amount a
difference, a share or a limit (``saves``, ``cheaper``, ``budget``). The hours are the one figure
in resource-hours of the sentence before the price, else the last figure of the sentence, list
item or paragraph right before, when that figure is in resource-hours of the same resource
(GPU-hours are not priced per node-hour).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from speclint.claims.model import Claim, Scanned, literal_text, noun_key
from speclint.document import Document, Related
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Chain, Lit, literals, strip_groups
from speclint.patterns import SENTENCE_END, lazy_compile

_HOUR = 3600
#: A price per one resource for an hour, right after the amount: ``per GPU-hour``, ``/H100-h``,
#: ``blended GPU-hour rate``.
_PER_RESOURCE_HOUR = lazy_compile(
    r"(?:\s*/\s*|\s+per\s+(?:an?\s+)?|\s+(?:[A-Za-z]+\s+)?(?=\w+-(?:hour|hr|h)\s+rate\b))"
    r"([A-Za-z]\w*)-(?:hours?|hrs?|h)\b"
)
#: Device names priced per hour stand for GPUs: ``H100-hour``, ``A10G-h``.
_DEVICE = lazy_compile(r"[A-Z]{1,3}\d{1,4}[A-Za-z]{0,3}")
#: Words and signs that give the amount as the result (``= $396``, ``came to``, ``so the bill
#: is``).
_RESULT = frozenset(
    "= ≈ ~ : → is are was comes come came cost costs costing bill total totals gives means so "
    "spend spent".split()
)
#: Words that make the amount something else than hours × price.
_OTHER = frozenset(
    "save saves saving savings saved cheaper dearer more less difference delta instead vs "
    "versus than budget budgeted cap capped limit remaining left per each if would".split()
)
_MAX_WORDS = 12


@dataclass(frozen=True)
class _Hours:
    lit: Lit
    where: Scanned
    line: int
    resource: str


def priced_hour_claims(document: Document, scanned: list[Scanned]) -> list[Claim]:
    """A claim for each amount a sentence gives at a price per resource-hour."""
    source = document.source
    if "$" not in source or ("hour" not in source and "-h" not in source):
        return []
    claims = []
    previous: Scanned | None = None
    for where in scanned:
        if where.segment.kind != "paragraph":
            previous = where
            continue
        for k, chain in enumerate(where.result.chains):
            price = _price(chain)
            if price is None:
                continue
            claim = _claim(document, where, k, price, previous)
            if claim is not None:
                claims.append(claim)
        previous = where
    return claims


def _price(chain: Chain) -> Lit | None:
    """The chain's first value when it is an amount of money alone (``$2.49 per GPU-hour``) or
    set equal to another (``$2.49 per GPU-hour = $396``)."""
    if chain.ignored or chain.head is not None or len(chain.exprs) > 2:
        return None
    first = strip_groups(chain.exprs[0])
    if not isinstance(first, Lit) or not first.prefix:
        return None
    if len(chain.exprs) == 2 and chain.relations[0] not in ("=", "≈"):
        return None
    return first


def _claim(
    document: Document, where: Scanned, k: int, price: Lit, previous: Scanned | None
) -> Claim | None:
    noun = priced_noun(price, where)
    resource = resource_of(noun)
    amount = _amount(where, price) if resource else None
    if amount is None:
        return None
    hours = _hours_before(document, where, where.result.chains[:k], price, previous)
    if hours is None or hours.resource != resource:
        return None
    stated = literal_value(amount, stated=True)
    spent = literal_value(hours.lit, stated=False)
    hourly = per_hour(price)
    computed = Value(
        spent.point / _HOUR * hourly,
        spent.interval.scale(hourly / _HOUR),
        stated.dims,
        False,
    )
    hours_text = literal_text(hours.lit, hours.where)
    line = f" (line {hours.line})" if hours.where is not where else ""
    return Claim(
        "formula",
        amount,
        where,
        relation="≈" if amount.approx else "=",
        computed=computed,
        derivation=f"{hours_text}{line} × {price.prefix}{price.number.text} per {noun}-hour",
        parts=[Related(hours.line, f"the hours: {hours_text}")] if line else [],
    )


def priced_noun(price: Lit, where: Scanned) -> str:
    """``GPU`` for ``$2.49 per GPU-hour``, ``H100`` for ``$2.49/H100-h``; "" for no such price."""
    if price.bound or price.is_range or price.unit is None or price.unit.kind != "currency":
        return ""
    found = _PER_RESOURCE_HOUR.match(where.text, price.num_end)
    return found.group(1) if found else ""


def resource_of(noun: str) -> str:
    """What a resource-hour counts: ``gpu`` for ``GPU`` and device names (``H100``)."""
    return "" if not noun else "gpu" if _DEVICE.fullmatch(noun) else noun_key(noun)


def per_hour(price: Lit) -> Fraction:
    """The price of one resource-hour, in the price's currency."""
    value = literal_value(price, stated=True)
    return value.point * _HOUR if value.dims[1] == -1 else value.point


def _amount(where: Scanned, price: Lit) -> Lit | None:
    """The one amount of the price's currency after it in its sentence, joined by result words."""
    start, end = _sentence_span(where.text, price.start)
    money = [
        lit
        for chain in where.result.chains
        if start <= chain.start < end
        for expr in chain.exprs
        for lit in literals(expr)
        if lit.prefix
    ]
    after = [lit for lit in money if lit.start >= price.end]
    if len(money) != 2 or len(after) != 1 or not _alone(where, after[0]):
        return None
    amount = after[0]
    if amount.prefix != price.prefix or amount.per or amount.bound:
        return None
    if amount.is_range or amount.unit is None or amount.unit.dims[1] != 0:
        return None
    words = _words(where.text[price.end : amount.start])
    if len(words) > _MAX_WORDS or set(words) & _OTHER or not set(words) & _RESULT:
        return None
    if set(_words(where.text[amount.end : amount.end + 24])[:2]) & _OTHER:
        return None  # "$1,910 per month", "$396 less"
    return amount


def _words(text: str) -> list[str]:
    return [w.strip(".,;()") for w in text.lower().replace("$", " ").split()]


def _alone(where: Scanned, amount: Lit) -> bool:
    """The amount is a chain's result, not an operand of a formula (``$396 × 2``)."""
    return any(strip_groups(chain.exprs[-1]) is amount for chain in where.result.chains)


def _sentence_span(text: str, at: int) -> tuple[int, int]:
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    after = SENTENCE_END.search(text, at)
    return (ends[-1] if ends else 0), (after.start() if after else len(text))


def _hours_before(
    document: Document,
    where: Scanned,
    chains: list[Chain],
    price: Lit,
    previous: Scanned | None,
) -> _Hours | None:
    """The one resource-hours figure of the price's sentence before it, else the last figure of
    the sentence, list item or paragraph before, when that is in resource-hours."""
    start, _ = _sentence_span(where.text, price.start)
    own = [c for c in chains if c.start >= start]
    if own:
        found = [h for c in own if (h := _as_hours(document, where, c)) is not None]
        return found[0] if len(found) == 1 and len(own) == 1 else None
    before = [c for c in chains if c.start < start]
    if before:
        return _as_hours(document, where, before[-1])
    if previous is None or previous.segment.kind != "paragraph" or not previous.result.chains:
        return None
    return _as_hours(document, previous, previous.result.chains[-1])


def _as_hours(document: Document, where: Scanned, chain: Chain) -> _Hours | None:
    """The chain's result, when it is a figure in resource-hours (``640 GPU-hours``)."""
    lit = strip_groups(chain.exprs[-1])
    if chain.ignored or not isinstance(lit, Lit) or lit.bound or lit.is_range:
        return None
    unit = lit.unit
    if unit is None or unit.kind != "time" or not unit.counted:
        return None
    line = document.position(where.offsets[lit.num_start])[0]
    return _Hours(lit, where, line, noun_key(unit.counted))
