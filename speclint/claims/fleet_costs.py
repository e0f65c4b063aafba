"""A fleet's cost per hour from the price per GPU-hour written before it: ``The best reserved
offer is $2.35 per GPU-hour … The whole 256-GPU cluster then costs $75.20 per hour`` is checked
as 256 × $2.35.

Read only in one paragraph, with exactly one price per GPU-hour before the count, the count
written as GPUs (``256-GPU``, ``256 GPUs``) right before the figure's verb (``costs``, ``comes
to``), and the figure a price per hour that is not itself per GPU.
"""

from __future__ import annotations

from speclint.claims.model import Claim, Scanned, literal_text, priced_per, single_lit
from speclint.formula.expr import BinOp, Lit

#: The counted noun of a fleet's GPU count.
_GPU_WORDS = frozenset({"gpu", "gpus"})
#: Words between the count and the cost: ``cluster then costs``, ``fleet would cost``.
_COST_VERBS = frozenset({"cost", "costs", "costing"})
_MAX_WORDS = 5


def fleet_cost_claims(scanned: list[Scanned]) -> list[Claim]:
    """A claim for each fleet's hourly cost after a price per GPU-hour in its paragraph."""
    claims = []
    for where in scanned:
        if where.segment.kind != "paragraph" or "GPU" not in where.text:
            continue
        lits = [single_lit(chain) for chain in where.result.chains]
        for k in range(1, len(lits) - 1):
            count, stated = lits[k], lits[k + 1]
            if count is None or stated is None or not _gpu_count(count):
                continue
            if not _hourly_cost(stated) or not _cost_words(where, count, stated):
                continue
            prices = [lit for lit in lits[:k] if lit is not None and _per_gpu_hour(lit)]
            if len(prices) != 1:
                continue
            price = prices[0]
            claims.append(
                Claim(
                    "formula",
                    stated,
                    where,
                    relation="≈" if stated.approx else "=",
                    formula=BinOp("*", count, price, "×"),
                    formula_where=where,
                    derivation=(f"{count.number.text} GPUs × {literal_text(price, where)}"),
                )
            )
    return claims


def _gpu_count(lit: Lit) -> bool:
    return (
        lit.unit is None
        and lit.scale is None
        and lit.number.is_plain_integer
        and lit.label.lower() in _GPU_WORDS
    )


def _per_gpu_hour(lit: Lit) -> bool:
    return priced_per(lit).lower() == "gpu" and lit.unit is not None and lit.unit.dims[1] == -1


def _hourly_cost(lit: Lit) -> bool:
    unit = lit.unit
    return (
        unit is not None
        and unit.kind == "currency"
        and unit.dims[1] == -1
        and not priced_per(lit)
        and not (lit.bound or lit.is_range)
    )


def _cost_words(where: Scanned, count: Lit, stated: Lit) -> bool:
    words = where.text[count.end : stated.start].lower().replace("$", " ").split()
    return len(words) <= _MAX_WORDS and bool(_COST_VERBS & set(words))
