"""Small helpers for tests that look at single quantities and claims."""

from __future__ import annotations

from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.formula.lexer import normalize, tokenize
from speclint.formula.parser import scan
from speclint.judgement.analysis import analyze


def first_literal(text: str, *, math: bool = False) -> Lit | None:
    """The first quantity speclint reads in ``text``, or ``None``."""
    text, _ = normalize(text, list(range(len(text))))
    for chain in scan(tokenize(text), math=math, billion_context="param" in text).chains:
        for expr in chain.exprs:
            found = literals(expr)
            if found:
                return found[0]
    return None


def base_value(text: str) -> Value:
    lit = first_literal(text)
    assert lit is not None, f"no quantity in {text!r}"
    return literal_value(lit, stated=False)


def statuses(text: str) -> list[tuple[str, str, str]]:
    """(kind, stated literal, verdict status) for every claim in a Markdown snippet."""
    analysis = analyze(text)
    rows = []
    for claim in analysis.claims:
        stated = claim.where.text[claim.stated.num_start : claim.stated.end].strip()
        rows.append((claim.kind, stated, analysis.verdict(claim).status))
    return rows
