"""Sums whose terms carry a label before them: ``raw 2,867.2 + HNSW 307.2 + IDs 9.6 = 3,184.0 GB``,
``weights (140 GB) + KV cache (40 GB) + activations (8 GB) = 188 GB``.

The formula parser reads labels after a number (``2 (bf16 bytes) × 8B``) but stops at words
before one, so a sum whose terms are named first is read here: terms joined only by ``+``, at
least one of them named, ending in ``=`` or ``≈`` and one stated quantity. Anything else on
either side (a factor, a second operator) and the sum is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from speclint.claims.model import Claim, Scanned, literal_text
from speclint.formula.evaluate import Evaluator, NotEvaluable
from speclint.formula.expr import BinOp, Lit, Node, TooComplex
from speclint.formula.parser import Parser
from speclint.formula.vocabulary import (
    DIV_SYMBOLS,
    MUL_SYMBOLS,
    POW_SYMBOLS,
    RELATIONS,
    STOP_WORDS,
    Relation,
)
from speclint.formula.vocabulary import lower as lower_word
from speclint.patterns import lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: Most words in one term's label (``KV cache``, ``optimizer states``).
MAX_LABEL_WORDS = 3
#: Tokens that make a term part of something other than a plain sum.
_OPERATORS = frozenset(MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS | {"+", "-", "−", "of"})
#: Words that never name a term: they join clauses or compare (``… + but 4 …``).
_NOT_LABELS = STOP_WORDS | frozenset("but than is are was were equals gives plus".split())


@dataclass
class _Term:
    lit: Lit
    label: str
    end: int  # token index after the term


def labelled_sum_claims(
    scanned: list[Scanned], known: list[Claim], tolerance: Tolerance = DEFAULT_TOLERANCE
) -> list[Claim]:
    """Claims that a stated quantity after ``=`` is the sum of the labelled terms before it
    (none for a value another reading of the document (``known``) already checks)."""
    taken = {(id(claim.where), claim.stated.num_start) for claim in known}
    claims: list[Claim] = []
    for where in scanned:
        if where.segment.math:
            continue
        sums = "+" in where.text and any(sign in where.text for sign in _RESULT_SIGNS)
        lists = _TOTAL_WORD.search(where.text) is not None
        if not sums and not lists:
            continue
        billion = "param" in where.text.lower()
        parser = Parser(where.tokens, code=where.segment.kind == "code", billion_context=billion)
        unsure = _in_ignored_chains(where)
        i = 0
        while i < parser.n:
            found = None
            if _may_start(parser, i) and i not in unsure:
                found = (sums and _sum_at(parser, i)) or (lists and _listed_sum_at(parser, i))
            if not found:
                i += 1
                continue
            terms, stated, relation, i = found
            claim = _claim(where, terms, stated, relation, tolerance)
            if claim is not None and (id(where), stated.num_start) not in taken:
                claims.append(claim)
    return claims


def _in_ignored_chains(where: Scanned) -> set[int]:
    """The tokens of chains the scanner read as no formula of their own (``… + MLP 3 × 3,072
    × 8,192 = 75,497,472 + norms 6,144 = 100,669,440``: the tail of a longer sum)."""
    return {
        k
        for chain in where.result.chains
        if chain.ignored
        for k in range(chain.tok_start, chain.tok_end)
    }


def _may_start(parser: Parser, i: int) -> bool:
    """Whether a term can start at token ``i`` (a number, or one in parentheses or after a
    currency or approximation sign): a cheap test before parsing."""
    t = parser.toks[i]
    return t.kind == "num" or (t.text in _LEADS and parser.is_num(i + 1))


def _sum_at(parser: Parser, i: int) -> tuple[list[_Term], Lit, Relation, int] | None:
    """The terms and the stated result of a labelled sum whose first term starts at ``i``."""
    before = i - 1
    while (
        before >= i - MAX_LABEL_WORDS
        and parser.is_word(before)
        and not _is_operator(parser, before)
    ):
        before -= 1
    if _is_operator(parser, before):
        return None  # "2 × weights 35 GB + …": the first term is a factor
    if parser.text(i) == "(" and parser.is_num(i - 1):
        return None  # "× 7,168 (917,504,000) + …": the product before restated, summed on
    first = _term(parser, i, _label_before(parser, i))
    if first is None:
        return None
    terms = [first]
    k = first.end
    named = False
    while parser.text(k) == "+" and parser.is_sym(k):
        start = k + 1
        words = _label_words(parser, start)
        term = _term(parser, start + len(words), " ".join(words))
        if term is None:
            return None
        named = named or bool(words)
        terms.append(term)
        k = term.end
    relation = RELATIONS.get(parser.text(k)) if parser.is_sym(k) else None
    if len(terms) < 2 or not named or relation not in ("=", "≈"):
        return None
    result = parser.parse_quantity(k + 1)
    if result is None:
        return None
    stated, end = result
    if _is_operator(parser, end) or stated.bound or stated.is_range or stated.is_percent:
        return None
    return terms, stated, "=" if relation == "=" else "≈", end


#: Signs one of which a labelled sum's result follows (segments without one hold none).
_RESULT_SIGNS = tuple(sign for sign, link in RELATIONS.items() if link in ("=", "≈"))
#: Signs a term may start with before its number.
_LEADS = frozenset({"(", "~", "≈", "$", "€"})
#: A word that says a figure is a total (segments without one hold no listed sum).
_TOTAL_WORD = lazy_compile(r"\b(?:total|combined|altogether|overall)\b", regex.IGNORECASE)

#: Words between the last listed term and its total: ``…, for a total of 198 GB``.
_TOTAL_LEADS = frozenset(", : — – = → so i.e. i.e for a total of in".split())
#: Words right after a total that say it is one: ``3,184.0 GB in total``.
_TOTAL_TAILS = (("in", "total"), ("total",), ("combined",), ("altogether",), ("overall",))
#: What may end the sentence after a listed total.
_TOTAL_ENDS = frozenset({".", ";", ",", ":", ")", "!", "?"})


def _listed_sum_at(parser: Parser, i: int) -> tuple[list[_Term], Lit, Relation, int] | None:
    """``weights 2,867.2 GB, index 307.2 GB and IDs 9.6 GB, 3,184.0 GB in total``: named
    quantities in a list (each with its unit), then a total said to be one."""
    label = _label_before(parser, i)
    if not label or lower_word(label) in _NOT_LABELS or _is_operator(parser, i - 2):
        return None
    if lower_word(parser.text(i - 2)) in (",", ";", "and", "or"):
        return None  # the middle of a list whose start is not read: not all of its terms
    terms: list[_Term] = []
    k = i
    while True:
        parsed = _listed_term(parser, k)
        if parsed is None:
            return None
        terms.append(_Term(parsed[0], label, parsed[1]))
        k = parsed[1]
        if parser.text(k) == ",":
            k += 1
        if lower_word(parser.text(k)) == "and":
            k += 1
        words = _label_words(parser, k)
        if not words or _listed_term(parser, k + len(words)) is None:
            break
        label, k = " ".join(words), k + len(words)
    lead = k
    while lower_word(parser.text(k)) in _TOTAL_LEADS and k - lead < 5:
        k += 1
    total = parser.parse_quantity(k) if len(terms) >= 2 else None
    if total is None or not _listed(total[0]):
        return None
    stated, end = total
    said = "total" in [lower_word(parser.text(j)) for j in range(lead, k)]
    for tail in _TOTAL_TAILS:
        if [lower_word(parser.text(end + n)) for n in range(len(tail))] == list(tail):
            said, end = True, end + len(tail)
            break
    if not said or (end < parser.n and parser.text(end) not in _TOTAL_ENDS):
        return None
    return terms, stated, "=", end


def _listed_term(parser: Parser, k: int) -> tuple[Lit, int] | None:
    """A listed amount at ``k``, bare or in parentheses (``weights (140 GB), …``)."""
    parenthesised = parser.text(k) == "(" and parser.is_sym(k)
    parsed = parser.parse_quantity(k + 1 if parenthesised else k)
    if parsed is None or not _listed(parsed[0]):
        return None
    lit, end = parsed
    if parenthesised:
        if parser.text(end) != ")":
            return None
        end += 1
    return lit, end


def _listed(lit: Lit) -> bool:
    """A listed term or total: one amount with its unit, not a share, bound or rate per unit."""
    return lit.unit is not None and not (lit.bound or lit.is_percent or lit.per or lit.is_range)


def _term(parser: Parser, i: int, label: str) -> _Term | None:
    """A quantity at ``i``, or one in parentheses (``(140 GB)``), followed by ``+`` or a
    relation, not by another operator."""
    parenthesised = parser.text(i) == "(" and parser.is_sym(i)
    parsed = parser.parse_quantity(i + 1 if parenthesised else i)
    if parsed is None:
        return None
    lit, k = parsed
    if parenthesised:
        if parser.text(k) != ")":
            return None
        k += 1
    if lit.bound or lit.is_percent or (_is_operator(parser, k) and parser.text(k) != "+"):
        return None
    return _Term(lit, label or lit.label, k)


def _label_words(parser: Parser, i: int) -> list[str]:
    """The words naming the term that starts at ``i`` (none, or one to three)."""
    words: list[str] = []
    while parser.is_word(i + len(words)) and len(words) <= MAX_LABEL_WORDS:
        word = parser.text(i + len(words))
        if not word[0].isalpha() or lower_word(word) in _NOT_LABELS:
            return []
        words.append(word)
    return words if len(words) <= MAX_LABEL_WORDS else []


def _label_before(parser: Parser, i: int) -> str:
    """The word naming the first term (``raw`` in ``raw 2,867.2 + …``), if one is right before."""
    if i > 0 and parser.is_word(i - 1) and parser.text(i - 1)[0].isalpha():
        return parser.text(i - 1)
    return ""


def _is_operator(parser: Parser, k: int) -> bool:
    t = parser.tok(k)
    return t is not None and t.kind in ("sym", "cmd", "word") and t.text in _OPERATORS


def _claim(
    where: Scanned, terms: list[_Term], stated: Lit, relation: Relation, tolerance: Tolerance
) -> Claim | None:
    formula: Node = terms[0].lit
    for term in terms[1:]:
        formula = BinOp("+", formula, term.lit, "+")
    try:
        Evaluator({}, tolerance=tolerance).evaluate(formula)
    except (NotEvaluable, TooComplex):
        return None  # terms of different kinds: no sum to check
    derivation = " + ".join(
        f"{term.label} {literal_text(term.lit, where)}".strip() for term in terms
    )
    return Claim(
        "formula",
        stated,
        where,
        relation=relation,
        formula=formula,
        formula_where=where,
        derivation=derivation,
    )
