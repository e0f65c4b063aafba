"""The same figure written with a decimal and a binary prefix in two places: a cell prints
``weights per GPU: 36.35 GB`` and the prose goes on ``each GPU holds 36.35 GiB``. Four or more
significant digits alike are no coincidence: the later figure restates the earlier one in the
other unit, and is checked as that restatement (the GB vs GiB slip, when only the prefix
differs)."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from speclint.claims.model import Claim, Scanned, quantity_text
from speclint.document import Document, Related
from speclint.formula.expr import Lit, literals

#: Significant digits two figures must share to be one figure written twice (integers one
#: more).
MIN_DIGITS = 4


def unit_twin_claims(
    document: Document,
    scanned: list[Scanned],
    judged: Collection[int] = (),
    refuted: Collection[int] = (),
) -> list[Claim]:
    """A restatement claim for each later figure whose digits an earlier one wrote with the
    other prefix system, in another block. A later figure its own arithmetic already decides
    (``id`` in ``judged``) is left to it, and an earlier one its arithmetic refutes (``id`` in
    ``refuted``) restates nothing."""
    first: dict[tuple[str, int], tuple[Lit, Scanned]] = {}
    claims: list[Claim] = []
    for lit, where in _sizes(scanned):
        assert lit.unit is not None
        key = (lit.number.text, lit.unit.prefix_level)
        seen = first.setdefault(key, (lit, where))  # a judged figure is still written first
        if id(lit) in judged:
            continue
        source, source_where = seen
        assert source.unit is not None
        if source_where.segment is where.segment:
            continue  # "36.35 GB (33.85 GiB)": the block reads its own restatements
        if source.unit.prefix_system == lit.unit.prefix_system or id(source) in refuted:
            continue
        line = document.position(source_where.offsets[source.num_start])[0]
        text = quantity_text(source, source_where)
        claims.append(
            Claim(
                "conversion",
                lit,
                where,
                formula=source,
                formula_where=source_where,
                derivation=f"{text} (line {line})",
                parts=[Related(line, source_where.text.strip()[:120])],
                assumption=f"the same figure as {text} on line {line}, in other units",
            )
        )
    return claims


def _sizes(scanned: list[Scanned]) -> Iterator[tuple[Lit, Scanned]]:
    """Every plain byte size with a prefix and enough digits, in document order."""
    for where in scanned:
        for chain in where.result.chains:
            for expr in chain.exprs:
                for lit in literals(expr):
                    if _precise_size(lit):
                        yield lit, where


def _precise_size(lit: Lit) -> bool:
    unit, number = lit.unit, lit.number
    if unit is None or unit.kind != "bytes" or not unit.prefix_system or not unit.prefix_level:
        return False
    if lit.is_range or lit.bound or lit.per or lit.approx or lit.plus_minus is not None:
        return False
    significant = len(number.digits.lstrip("0").rstrip("0"))
    if number.is_plain_integer:
        # "4096 MiB" and "4096 MB" may be two settings; a power of two is no figure's fingerprint
        value = int(number.value)
        return significant > MIN_DIGITS and value & (value - 1) != 0
    return significant >= MIN_DIGITS
