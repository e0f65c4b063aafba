"""``16 nodes × 3 months × 730 h = 35,040 GPU-hours``: a product that counts nodes, stated in
GPU-hours (or one that counts GPUs, stated in node-hours). In a document that puts one number of
GPUs in each node, the result is the product times (or divided by) the GPUs per node: the
formula's claim is read again with that factor, which the message names as its assumption.
In a document that states no one node size the claim is dropped: the two sides count different
things (``64 GPUs × 730 h = 5,840 node-hours`` is right at 8 GPUs per node).

Only a product of written figures: one of them a plain whole count of nodes (``16 nodes``,
``24 servers``) or of GPUs, none already per something or counted in resource-hours, none
equal to the node size (the factor is not written already).
"""

from __future__ import annotations

from fractions import Fraction

from speclint.claims.model import Claim, noun_class
from speclint.claims.shared_links import node_size
from speclint.document import Document, Related
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value
from speclint.formula.expr import Lit, TooComplex, has_operator, literals, product_only
from speclint.formula.vocabulary import DEVICE_NOUNS

#: How a message names what a count counts.
_NAMES = {"gpu": "GPU", "node": "node"}


def node_count_claims(doc: Document, claims: list[Claim]) -> list[Claim]:
    """``claims`` with each product of node counts stated in GPU-hours (or of GPU counts
    stated in node-hours) read again with the document's GPUs per node, or left out when the
    document does not state one node size."""
    found = {i: scope for i, claim in enumerate(claims) if (scope := _scopes(claim))}
    size = node_size(doc) if found else None
    out = []
    for i, claim in enumerate(claims):
        if i not in found:
            out.append(claim)
        elif _factor_written(claim, size):
            out.append(claim)  # "6 nodes × 8 × 730 h": the GPUs per node are a factor already
        elif size is not None:
            out.append(_read_again(claim, *found[i], size) or claim)
    return out


def _scopes(claim: Claim) -> tuple[str, str] | None:
    """What the product's count counts and what the stated resource-time counts, when they
    are a node and a GPU (in either order)."""
    unit = claim.stated.unit
    if claim.kind != "formula" or claim.formula is None or claim.computed is not None:
        return None
    if (
        unit is None
        or unit.counted not in ("gpu", "node")
        or not (has_operator(claim.formula) and product_only(claim.formula))
    ):
        return None
    operands = literals(claim.formula)
    if any(op.per or (op.unit is not None and op.unit.counted) for op in operands):
        return None
    counts = [c for op in operands if (c := _count_of(op))]
    if len(counts) != 1 or counts[0] == unit.counted:
        return None
    return counts[0], unit.counted


def _count_of(lit: Lit) -> str:
    """``node`` for a plain whole count of nodes, ``gpu`` for one of GPUs, else ""."""
    if lit.unit is not None or not lit.number.is_plain_integer or not lit.label:
        return ""
    noun = noun_class(lit.label)
    if noun in DEVICE_NOUNS:
        return "gpu"
    return "node" if noun == "node" else ""


def _factor_written(claim: Claim, size: tuple[int, int] | None) -> bool:
    """Whether a plain operand of the product is the node size (or, with none known, any
    operand besides the count and the time)."""
    assert claim.formula is not None
    plain = [op for op in literals(claim.formula) if op.unit is None and not _count_of(op)]
    if size is None:
        return bool(plain)
    return any(op.number.value == size[0] for op in plain)


def _read_again(claim: Claim, counted: str, stated: str, size: tuple[int, int]) -> Claim | None:
    count, line = size
    assert claim.formula is not None
    try:
        value = Evaluator({}).evaluate(claim.formula)
    except (NotEvaluable, TooComplex):
        return None
    k = Fraction(count) if counted == "node" else Fraction(1, count)
    computed = Value(value.point * k, value.interval.scale(k), value.dims, value.bare)
    step = "×" if counted == "node" else "÷"
    said = f"{count} GPUs per node (line {line})"
    return Claim(
        "formula",
        claim.stated,
        claim.where,
        claim.relation,
        claim.formula,
        claim.formula_where,
        computed=computed,
        derivation=f"{claim.derivation} {step} {count} GPUs per node",
        inputs=list(claim.inputs),
        parts=[*claim.parts, Related(line, f"{count} GPUs per node")],
        assumption=f"the product counts {_NAMES[counted]}s, the result {_NAMES[stated]}-hours; "
        + said,
    )
