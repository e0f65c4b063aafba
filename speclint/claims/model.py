"""Claims: a stated number and what it should equal, extracted from the shapes specs use.

Inline shapes found here (sums and per-unit totals across lines live in ``sums.py`` and
``per_unit.py``):

* a value with its formula: ``0.62GB (8 experts × 3 × 512 × 1024 × 2 bytes)``
* equations and chains: ``A × B = C``, ``C = A × B``, ``a = b ≈ c``
* percentages: ``19.2GB (30% of 64GB)``, ``18 GB is 28% of 64 GB``, ``18 GB of 64 GB (28%)``
* conversions and restatements: ``1,800 tokens/s = 1.8 tokens/ms``, ``26.8 GB, or 25 GiB``
* symbol definitions: ``$L = 40$``, ``G = 8 GPUs`` (used by later formulas)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal, get_args

import regex
from sympy import Rational

from speclint.document import Document, Related, Segment
from speclint.formula.evaluate import Value, literal_value
from speclint.formula.expr import (
    BinOp,
    Chain,
    Group,
    Ident,
    Lit,
    Node,
    calls,
    has_operator,
    operators,
    span,
    strip_groups,
)
from speclint.formula.lexer import Token
from speclint.formula.parser import ScanResult
from speclint.formula.vocabulary import ChainLink, Relation
from speclint.quantity.units import unit_table


@dataclass
class Scanned:
    """A segment after normalization and scanning; spans index ``text``."""

    segment: Segment
    text: str
    offsets: list[int]
    tokens: list[Token]
    result: ScanResult

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [start, end) of the normalized text span [start, end)."""
        return self.offsets[start], self.offsets[end - 1] + 1

    def in_code(self, start: int, end: int) -> bool:
        """Whether the text span lies inside inline code or a code block."""
        src_start, src_end = self.source_span(start, end)
        return any(a <= src_start and src_end <= b for a, b in self.segment.code)


def noun_key(word: str) -> str:
    """``GPUs`` → ``gpu``: a counted noun, singular and lower case."""
    word = word.lower().strip("-")
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


ClaimKind = Literal["formula", "percentage", "conversion", "sum", "per-unit"]
CLAIM_KINDS: tuple[ClaimKind, ...] = get_args(ClaimKind)


@dataclass(eq=False)
class Claim:
    """A stated value and the computation it must agree with."""

    kind: ClaimKind
    stated: Lit
    where: Scanned
    relation: Relation = "="  # computed <relation> stated
    formula: Node | None = None
    formula_where: Scanned | None = None
    #: The value extraction already computed: sums and per-unit totals, which are found by
    #: their values. Formulas and restatements are evaluated when the claim is judged.
    computed: Value | None = None
    derivation: str = ""
    #: Values the claim used from elsewhere in the document (named in the message).
    inputs: list[Related] = field(default_factory=list)
    #: Other lines the computation read (sum parts, per-unit figure and count); not repeated
    #: in the message, whose derivation already names them.
    parts: list[Related] = field(default_factory=list)
    #: How the document was read to form the claim, when another reading exists.
    assumption: str = ""


@dataclass(eq=False)
class Definition:
    name: str
    node: Node
    where: Scanned
    line: int
    text: str


@dataclass(eq=False)
class Unchecked:
    """A formula speclint refused to evaluate (past a size, nesting or exponent cap)."""

    where: Scanned
    start: int
    end: int
    reason: str


_SYMBOL_NAME = regex.compile(
    r"(?:[A-Za-z](?:_[A-Za-z0-9]+)?'?|\\[a-z]+|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|[A-Z]{2,6})"
)


def is_symbol_name(name: str) -> bool:
    """Names that read as math symbols: ``L``, ``d_h``, ``\\alpha``, ``num_layers``, ``TP``."""
    return _SYMBOL_NAME.fullmatch(name) is not None


def formula_text(where: Scanned, node: Node) -> str:
    """The formula as the author wrote it (outer parentheses dropped)."""
    node = strip_groups(node)
    start, end = span(node)
    return " ".join(where.text[start:end].split())


def literal_text(lit: Lit, where: Scanned) -> str:
    """The quantity as written, from its number through its unit (no approximation marker)."""
    return " ".join(where.text[lit.num_start : lit.end].split()).replace(
        lit.number.text, lit.prefix + lit.number.text, 1
    )


class InlineExtractor:
    """Turn the chains of one scanned segment into claims and definitions."""

    def __init__(self, document: Document, where: Scanned) -> None:
        self.doc = document
        self.where = where
        self.claims: list[Claim] = []
        self.definitions: list[Definition] = []

    def line_of(self, text_index: int) -> int:
        return self.doc.position(self.where.offsets[text_index])[0]

    def run(self) -> None:
        chains = self.where.result.chains
        for chain in chains:
            self._chain(chain)
        for prev, nxt in pairwise(chains):
            self._adjacent(prev, nxt)
        for (first, second), (_, third) in pairwise(pairwise(chains)):
            self._part_of_whole(first, second, third)

    # ---- chains -----------------------------------------------------------------------------

    def _chain(self, chain: Chain) -> None:
        if chain.ignored:
            return
        if chain.head is not None:
            self._definition(chain)
        exprs = chain.exprs
        formula_ix = [k for k, e in enumerate(exprs) if not _is_lit(e)]
        for k, expr in enumerate(exprs):
            if not _is_lit(expr):
                continue
            stated = strip_groups(expr)
            assert isinstance(stated, Lit)
            if formula_ix:
                before = [f for f in formula_ix if f < k]
                f = before[-1] if before else min(formula_ix)
                relation = _relation_between(chain.relations, f, k)
                if relation is None:
                    continue
                formula = exprs[f]
                if isinstance(strip_groups(formula), Ident):
                    continue  # "x = 5" names a value; it states nothing to check
                kind = _formula_kind(stated, formula)
                self._add_formula_claim(kind, stated, formula, relation)
            elif k > 0 and chain.relations[k - 1] in ("=", "≈"):
                source = strip_groups(exprs[k - 1])
                assert isinstance(source, Lit)
                self._add_restatement(source, stated, approx=chain.relations[k - 1] == "≈")

    def _definition(self, chain: Chain) -> None:
        head = chain.head
        assert head is not None
        if chain.head_relation not in ("=", ":=") or not is_symbol_name(head.name):
            return
        if any(calls(expr) for expr in chain.exprs) or not self._ends_cleanly(chain):
            return  # "A = E = \min(256, S/2^{16}) = 256": the chain was cut short
        lits = [e for e in chain.exprs if _is_lit(e)]
        node = strip_groups(lits[-1]) if lits else chain.exprs[0]
        if isinstance(inner := strip_groups(node), Lit) and inner.bound:
            return
        self.definitions.append(
            Definition(
                head.name,
                node,
                self.where,
                self.line_of(head.start),
                " ".join(self.where.text[head.start : span(node)[1]].split()),
            )
        )

    def _add_formula_claim(
        self, kind: ClaimKind, stated: Lit, formula: Node, relation: Relation
    ) -> None:
        self.claims.append(
            Claim(
                kind,
                stated,
                self.where,
                relation=relation,
                formula=formula,
                formula_where=self.where,
                derivation=formula_text(self.where, formula),
            )
        )

    def _add_restatement(self, source: Lit, stated: Lit, *, approx: bool) -> None:
        """``1,800 tokens/s = 1.8 tokens/ms``: the second value restates the first."""
        if source.bound or stated.bound or source.is_range or stated.is_range:
            return
        if (source.unit_text, _scale_text(source)) == (stated.unit_text, _scale_text(stated)):
            return
        if (source.unit is None) != (stated.unit is None) and not _percent_of_bare(source, stated):
            return  # "4 million items ≈ 250 MB" compares different things
        if (
            source.unit is None
            and stated.unit is None
            and source.scale is None
            and stated.scale is None
        ):
            return
        table = unit_table()
        if (
            source.unit is not None
            and stated.unit is not None
            and table.hard_part(source.unit.dims) != table.hard_part(stated.unit.dims)
        ):
            return
        self.claims.append(
            Claim(
                "conversion",
                stated,
                self.where,
                relation=_equality(approx),
                formula=source,
                formula_where=self.where,
                derivation=literal_text(source, self.where),
            )
        )

    # ---- neighbours -------------------------------------------------------------------------

    def _adjacent(self, prev: Chain, nxt: Chain) -> None:
        between = self.where.tokens[prev.tok_end : nxt.tok_start]
        words = [t.text.lower() for t in between]
        last = strip_groups(prev.exprs[-1])
        nxt_node = nxt.exprs[0]
        single_next = len(nxt.exprs) == 1 and nxt.head is None
        if not single_next or prev.ignored or nxt.ignored:
            return
        if not between and isinstance(nxt_node, Group):
            inner = strip_groups(nxt_node)
            if isinstance(last, Lit) and has_operator(nxt_node):
                if self._stated_eligible(prev, last) and not _date_like(last, nxt_node):
                    relation = _equality(nxt_node.approx)
                    kind = _formula_kind(last, nxt_node)
                    self._add_formula_claim(kind, last, nxt_node, relation)
                return
            if isinstance(inner, Lit) and len(prev.exprs) == 1 and prev.head is None:
                if has_operator(prev.exprs[0]) and _has_unit_or_scale(inner) and not inner.bound:
                    kind = _formula_kind(inner, prev.exprs[0])
                    relation = _equality(nxt_node.approx or inner.approx)
                    self._add_formula_claim(kind, inner, prev.exprs[0], relation)
                    return
                if isinstance(last, Lit) and nxt_node.lead in ("", "=", "≈", "i.e.", "or"):
                    self._restate_if_convertible(
                        last, inner, approx=nxt_node.approx, bare_parenthetical=not nxt_node.lead
                    )
            return
        if isinstance(last, Lit) and words in (["is"], ["which", "is"], [",", "or"], ["or"], ["—"]):
            if "of" in operators(nxt_node):
                self._add_formula_claim("percentage", last, nxt_node, "=")
            elif words in ([",", "or"], ["or"]) and isinstance(
                restated := strip_groups(nxt_node), Lit
            ):
                self._restate_if_convertible(last, restated, approx=False)

    def _restate_if_convertible(
        self, source: Lit, stated: Lit, *, approx: bool, bare_parenthetical: bool = False
    ) -> None:
        """``140 GB (130.4 GiB)`` restates its value; ``26.8 GB, or 25 GiB`` does too, but only
        if the two could mean the same amount (within 2×, or off by a known unit slip), since
        ``2 MiB or 1 GiB`` lists alternatives and ``4 MiB (8 KiB pages)`` names a part."""
        if source.unit is None or stated.unit is None:
            return
        table = unit_table()
        if table.hard_part(source.unit.dims) != table.hard_part(stated.unit.dims):
            return
        if not any(table.hard_part(source.unit.dims)) and source.unit.kind != stated.unit.kind:
            return
        a = literal_value(source, stated=True).point
        b = literal_value(stated, stated=True).point
        if a <= 0 or b <= 0:
            return
        ratio = b / a
        pure = bare_parenthetical and not (stated.label or stated.per or stated.bound)
        plausible = (
            pure
            or Rational(1, 2) <= ratio <= 2
            or any(
                Rational(9, 10) <= ratio / f <= Rational(11, 10)
                for f in (8, Rational(1, 8), 100, Rational(1, 100), 1000, Rational(1, 1000))
            )
        )
        if plausible:
            self._add_restatement(source, stated, approx=approx)

    def _part_of_whole(self, first: Chain, second: Chain, third: Chain) -> None:
        """``18 GB of 64 GB (28%)`` and ``18 GB out of 64 GB (28%)``."""
        part, whole = strip_groups(first.exprs[-1]), second.exprs
        between = [t.text.lower() for t in self.where.tokens[first.tok_end : second.tok_start]]
        if between not in (["of"], ["out", "of"]) or len(whole) != 1 or len(third.exprs) != 1:
            return
        if second.tok_end != third.tok_start or not isinstance(third.exprs[0], Group):
            return
        whole_lit = strip_groups(whole[0])
        pct = strip_groups(third.exprs[0])
        if not (isinstance(part, Lit) and isinstance(whole_lit, Lit) and isinstance(pct, Lit)):
            return
        if not pct.is_percent or part.unit is None:
            return
        formula = BinOp("/", part, whole_lit, "of")
        self.claims.append(
            Claim(
                "percentage",
                pct,
                self.where,
                formula=formula,
                formula_where=self.where,
                derivation=(
                    f"{literal_text(part, self.where)} / {literal_text(whole_lit, self.where)}"
                ),
            )
        )

    def _ends_cleanly(self, chain: Chain) -> bool:
        """The chain stops at a word, punctuation or the end, not inside a formula."""
        nxt = self.where.tokens[chain.tok_end] if chain.tok_end < len(self.where.tokens) else None
        return nxt is None or nxt.text not in ("(", "{", "[", "^", "_", "\\")

    def _stated_eligible(self, chain: Chain, lit: Lit) -> bool:
        """A bare number before a formula is a claim only after ``:``, ``=`` or at the start."""
        if _has_unit_or_scale(lit) or len(chain.exprs) > 1 or chain.head is not None:
            return True
        before = self.where.tokens[chain.tok_start - 1] if chain.tok_start > 0 else None
        return before is None or before.text in (":", "=", "|", "-", "*", "•")


def _percent_of_bare(a: Lit, b: Lit) -> bool:
    """``0.35 = 35%``: a plain fraction restated as a percentage (or the reverse)."""
    return any(
        bare.unit is None
        and bare.scale is None
        and 0 <= bare.number.value <= 1  # "950 = 95.0%" is an encoding, not a fraction
        and pct.is_percent
        for bare, pct in ((a, b), (b, a))
    )


def _date_like(stated: Lit, formula: Node) -> bool:
    """``2 weeks (7/24)``: a glued ``a/b`` of small integers after a unit is a date."""
    node = strip_groups(formula)
    if not (isinstance(node, BinOp) and node.op == "/"):
        return False
    left, right = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(left, Lit) and isinstance(right, Lit)):
        return False
    glued = left.end == span(node)[0] + len(left.number.text) and right.num_start == left.end + 1
    small = left.number.is_plain_integer and right.number.is_plain_integer
    return glued and small and stated.unit is not None and not stated.is_percent


def _is_lit(node: Node) -> bool:
    return isinstance(strip_groups(node), Lit)


def _has_unit_or_scale(lit: Lit) -> bool:
    return lit.unit is not None or lit.scale is not None


def _scale_text(lit: Lit) -> str:
    return lit.scale.text if lit.scale else ""


def _formula_kind(stated: Lit, formula: Node) -> ClaimKind:
    """``percentage`` for ``x % of y`` or a stated percentage, else ``formula``."""
    return "percentage" if "of" in operators(formula) or stated.is_percent else "formula"


def _equality(approx: bool) -> Relation:
    return "≈" if approx else "="


_FLIP: dict[Relation, Relation] = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "≈": "≈"}


def _relation_between(relations: list[ChainLink], f: int, k: int) -> Relation | None:
    """The relation ``computed ? stated`` between chain positions f (formula) and k (literal)."""
    lo, hi = min(f, k), max(f, k)
    rels = [r for r in relations[lo:hi] if r != ":="]
    inequalities = {r for r in rels if r not in ("=", "≈")}
    if len(inequalities) > 1:
        return None
    if inequalities:
        rel = inequalities.pop()
        return rel if f < k else _FLIP[rel]
    return "≈" if "≈" in rels else "="
