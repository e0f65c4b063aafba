"""A per-GPU amount sent over a node's link: ``Each GPU sends ~32.0 GB; at the node's 400 GB/s
that is about 80 ms``. Every GPU of the node sends its amount at once, so the node's bandwidth
is shared by all of them: the time is GPUs per node × amount ÷ the node's bandwidth, not the
amount ÷ that bandwidth.

Read only when the sentence says each GPU sends the amount and the rate is the node's, and the
document states one number of GPUs per node (``32 nodes × 8 H100``, ``8 GPUs per node``).
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.claims.model import Claim, Scanned, literal_text, single_lit
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import Chain, Lit, TooComplex
from speclint.formula.vocabulary import NUMBER_WORDS
from speclint.patterns import lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: How a document states its GPUs per node.
_NODE_SIZE = lazy_compile(
    # 32 nodes × 8 H100 SXM, 4 nodes × 8 GPUs
    r"\b\d+\s*nodes?\s*[×x]\s*(\d+)\s*[×x]?\s*(?:GPUs?\b|accelerators?\b|(?-i:[A-Z]{1,3}\d))"
    r"|\b(\d+)\s*(?:GPUs?|accelerators?)\s*(?:per|/|a|each)\s*node\b"  # 8 GPUs per node
    r"|\bnodes?\s+(?:of|with)\s+(\d+)\s*[×x]?\s*[A-Za-z]"  # nodes of 8× H100
    r"|\b(\d+|two|four|eight)[- ]GPU\s+(?:(?-i:[A-Z]{1,5}\d{0,4})\s+)?"
    r"(?:nodes?|servers?|hosts?)\b"  # 8-GPU (HGX) node, eight-GPU H100 nodes
    # A node is 8 × H100 SXM
    r"|\bnodes?\s+(?:is|has|holds|carries)\s+(\d+)\s*[×x]\s*(?:GPUs?\b|(?-i:[A-Z]{1,3}\d{2,4}))"
    # 8 × H100 SXM 80 GB per node
    r"|\b(\d+)\s*[×x]\s*[A-Za-z][\w-]*\d[\w-]*(?:\s+[\w-]+){0,3}?\s+per\s+node\b",
    regex.IGNORECASE,
)
#: ``Each GPU sends``: the subject that sends the amount, and the verbs it may use.
_EACH_GPU = lazy_compile(r"\b(?:each|every)\s+(?:GPU|rank)\b(?:\s+\w+){0,2}\s*~?$", regex.I)
_SEND_VERBS = frozenset(
    "sends send moves move transfers transfer pushes push exchanges exchange".split()
)
#: Words between the amount and the node's rate: ``; at the node's``.
_AT_NODE = (["at", "the", "node's"], ["over", "the", "node's"], ["at", "the", "node’s"])
#: Words between the rate and the time it gives.
_RESULT_WORDS = frozenset("that is it's that's takes gives about roughly ~ ≈ = → ,".split())


def shared_link_claims(
    doc: Document, scanned: list[Scanned], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a time for each GPU's amount at the node's bandwidth counts the node's
    other GPUs sending at the same time."""
    found = [
        (where, read)
        for where in scanned
        if "node's" in where.text or "node’s" in where.text
        for first, second, third in zip(
            where.result.chains, where.result.chains[1:], where.result.chains[2:], strict=False
        )
        if (read := _read(where, first, second, third)) is not None
    ]
    node = node_size(doc) if found else None
    if node is None:
        return []
    size, line = node
    claims = [_claim(where, *lits, size, line, tolerance) for where, lits in found]
    return [claim for claim in claims if claim is not None]


def node_size(doc: Document) -> tuple[int, int] | None:
    """The one GPUs-per-node count the document states, and its line."""
    found: dict[int, int] = {}
    for m in _NODE_SIZE.finditer(doc.source):
        written = next(g for g in m.groups() if g is not None)
        count = int(written) if written.isdigit() else NUMBER_WORDS[written.lower()]
        found.setdefault(count, doc.position(m.start())[0])
    if len(found) != 1:
        return None
    ((count, line),) = found.items()
    return (count, line) if count > 1 else None


def _lit(chain: Chain, per: bool = False) -> Lit | None:
    """The chain's one quantity with a unit; ``per`` allows one per something (per step)."""
    node = single_lit(chain)
    if node is None or node.unit is None or node.is_range or node.bound:
        return None
    return node if per or not node.per else None


def _words(where: Scanned, start: int, end: int) -> list[str]:
    return [t.text.lower() for t in where.tokens[start:end]]


def _read(where: Scanned, first: Chain, second: Chain, third: Chain) -> tuple[Lit, Lit, Lit] | None:
    """(amount, node rate, stated time) of ``Each GPU sends A; at the node's R that is T``."""
    amount, rate, time = _lit(first, per=True), _lit(second), _lit(third)
    if amount is None or rate is None or time is None:
        return None
    dims = [lit.unit.dims for lit in (amount, rate, time) if lit.unit is not None]
    if [d[:2] for d in dims] != [(1, 0), (1, -1), (0, 1)] or any(any(d[2:]) for d in dims):
        return None  # bytes, bytes per second, seconds
    before = where.text[max(0, amount.start - 60) : amount.start]
    m = _EACH_GPU.search(before)
    if m is None or not set(m.group(0).lower().split()) & _SEND_VERBS:
        return None
    between = [w for w in _words(where, first.tok_end, second.tok_start) if w not in (";", ",")]
    if between not in _AT_NODE:
        return None
    result = _words(where, second.tok_end, third.tok_start)
    if len(result) > 4 or not set(result) <= _RESULT_WORDS:
        return None
    return amount, rate, time


def _claim(
    where: Scanned,
    amount: Lit,
    rate: Lit,
    time: Lit,
    size: int,
    line: int,
    tolerance: Tolerance,
) -> Claim | None:
    try:
        sent = Evaluator({}, tolerance=tolerance).evaluate(amount)
        link = Evaluator({}, tolerance=tolerance).evaluate(rate)
    except (NotEvaluable, TooComplex):
        return None
    stated = literal_value(time, stated=True, tolerance=tolerance)
    point = sent.point * size / link.point
    interval = Interval(
        sent.interval.lo * size / link.interval.hi, sent.interval.hi * size / link.interval.lo
    )
    computed = Value(Fraction(point), interval, stated.dims, False)
    a, r = literal_text(amount, where), literal_text(rate, where)
    return Claim(
        "formula",
        time,
        where,
        relation="≈" if time.approx else "=",
        computed=computed,
        derivation=f"{size} GPUs per node (line {line}) × {a} ÷ {r}",
        assumption=(f"every GPU of the node sends its {a} at once, sharing the node's {r}"),
        parts=[Related(line, f"{size} GPUs per node")],
    )
