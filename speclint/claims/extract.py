"""Inline claim extraction: an ordered chain of small named shapes over one scanned segment.

Each shape is a function of a :class:`State` (the scanned segment, the document, the claims and
definitions found so far) that recognises one way authors write a checkable relation and adds
what it finds. Adding a shape is one function and one entry in :data:`SHAPES`.

* a symbol definition: ``$L = 40$``, ``G = 8 GPUs`` (used by later formulas)
* equations and chains: ``A × B = C``, ``C = A × B``, ``a = b ≈ c``
* restatements: ``1,800 tokens/s = 1.8 tokens/ms``, ``26.8 GB, or 25 GiB``, ``140 GB (130.4 GiB)``
* a value with its formula: ``0.62GB (8 experts × 3 × 512 × 1024 × 2 bytes)``
* percentages: ``19.2GB (30% of 64GB)``, ``18 GB is 28% of 64 GB``, ``18 GB of 64 GB (28%)``

Sums and per-unit totals across lines live in ``sums.py`` and ``per_unit.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import pairwise

from speclint.claims.count_prices import nearer_as_written
from speclint.claims.count_sizes import count_size_claims
from speclint.claims.dtype_width import width_claims
from speclint.claims.model import (
    Claim,
    ClaimKind,
    Definition,
    Scanned,
    formula_text,
    is_symbol_name,
    literal_text,
    noun_class,
    noun_key,
    per_as_unit,
    priced_per,
    quantity_text,
    share_claim,
    single_lit,
    written_value,
)
from speclint.claims.resource import replica_degrees
from speclint.document import Document
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import (
    BinOp,
    Chain,
    Group,
    Ident,
    Lit,
    Node,
    calls,
    has_operator,
    literals,
    operators,
    span,
    strip_groups,
    walk,
)
from speclint.formula.lexer import Token
from speclint.formula.vocabulary import (
    DECREASE_WORDS,
    INCREASE_WORDS,
    NUMBER_WORDS,
    SCALE_WORDS,
    SHARE_FILLER_WORDS,
    VERSUS,
    ChainLink,
    Relation,
)
from speclint.formula.vocabulary import lower as lower_word
from speclint.patterns import lazy_re
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import unit_table

#: Words of other languages that restate a value: ``145,4 Go, soit 135,4 Gio``.
_SAME_AS = {"soit": "i.e."}


@dataclass
class State:
    """What a shape reads and adds to: one scanned segment of a document."""

    doc: Document
    where: Scanned
    claims: list[Claim] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    _neighbours: list[tuple[Chain, Chain, Lit | Node]] | None = field(default=None, repr=False)
    #: The segment's chains (read by every shape, hundreds of thousands of times a corpus).
    chains: list[Chain] = field(init=False, repr=False)
    _between: dict[tuple[int, int], list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.chains = self.where.result.chains

    def line_of(self, text_index: int) -> int:
        return self.doc.position(self.where.offsets[text_index])[0]

    def words_between(self, prev: Chain, nxt: Chain) -> list[str]:
        """The tokens between two chains, lower case; the French ``soit`` read as ``i.e.``
        (read once per pair of chains; each caller gets a list of its own)."""
        span = (prev.tok_end, nxt.tok_start)
        words = self._between.get(span)
        if words is None:
            lowered = (t.text.lower() for t in self.where.tokens[span[0] : span[1]])
            words = self._between[span] = [_SAME_AS.get(word, word) for word in lowered]
        return list(words)

    def phrase_between(self, prev: Chain, nxt: Chain) -> list[str]:
        """The tokens between two chains, lower case, with ``i.e.`` as one word."""
        words: list[str] = []
        for word in self.words_between(prev, nxt):
            if word == "." and words and words[-1] == "i.e.":
                continue
            if word in ("i.e", "ie"):
                words.append("i.e.")
            else:
                words.append(word)
        return words

    def after_number(self, text_index: int) -> bool:
        """The token at ``text_index`` directly follows a number (``730 h``)."""
        k = self.token_index(text_index)
        return k > 0 and self.where.tokens[k - 1].kind == "num"

    def token_index(self, text_index: int) -> int:
        """Index of the first token that starts at or after ``text_index``."""
        tokens = self.where.tokens
        return next((k for k, t in enumerate(tokens) if t.start >= text_index), len(tokens))

    def change_direction(self, lit: Lit) -> int:
        """+1 for ``+25%``, ``25% faster``, ``a 25% increase``; −1 for ``-25%``,
        ``25% lower``, ``a 25% reduction``; 0 when the percentage says neither."""
        tokens = self.where.tokens
        k = self.token_index(lit.num_start)
        before = tokens[k - 1] if k > 0 else None
        if (
            before is not None
            and not tokens[k].space_before
            and before.text in ("+", "-", "−")
            and not (k > 1 and tokens[k - 2].kind == "num" and not before.space_before)
        ):
            return 1 if before.text == "+" else -1  # "+58%", not "10-25%"
        words = [lit.label.lower()] if lit.label else []
        after = self.token_index(lit.end)
        if after < len(tokens) and tokens[after].kind == "word":
            words.append(tokens[after].text.lower())
        for word in words[:1]:
            if word in INCREASE_WORDS:
                return 1
            if word in DECREASE_WORDS:
                return -1
        j = k - 2 if k >= 2 and lower_word(tokens[k - 1].text) == "by" else k - 1
        verb = lower_word(tokens[j].text) if j >= 0 else ""  # "the buffers grow 20 % (…)"
        return 1 if verb in _GROW_VERBS else -1 if verb in _SHRINK_VERBS else 0

    def add_change(
        self, stated: Lit, ratio: Node, direction: int, relation: Relation, text: str = ""
    ) -> None:
        """``Z% faster`` against ``ratio − 1`` and ``Z% lower`` against ``1 − ratio``, when
        the ratio lies on the side of 1 that the words say (else the reading is unsure)."""
        value = _plain_value(ratio)
        if value is None or direction == 0 or (value - 1) * direction <= 0:
            return
        start, end = span(ratio)
        lit = strip_groups(ratio)
        if text:
            pass
        elif isinstance(lit, Lit):
            text = f"{lit.prefix}{lit.number.text}{lit.unit_text if lit.is_percent else ''}"
            text += "×" if lit.unit is not None and lit.unit.kind == "multiplier" else ""
        else:
            text = formula_text(self.where, ratio)
        if direction > 0:
            formula: Node = BinOp("-", ratio, _one_at(end), "−")
            derivation = f"{_parenthesised(text, ratio)} − 1"
        else:
            formula = BinOp("-", _one_at(start), ratio, "−")
            derivation = f"1 − {_parenthesised(text, ratio)}"
        self.claims.append(
            Claim(
                "percentage",
                stated,
                self.where,
                relation=relation,
                formula=formula,
                formula_where=self.where,
                derivation=derivation,
            )
        )

    def add_formula_or_change(
        self, kind: ClaimKind, stated: Lit, formula: Node, relation: Relation
    ) -> None:
        """A percentage that names a change (``25% faster``) is compared with the quotient's
        ratio − 1; anything else with the formula itself."""
        direction = self.change_direction(stated) if stated.is_percent else 0
        if direction and _plain_quotient(formula):
            self.add_change(stated, formula, direction, relation)
        elif self.faster_below_one(stated, formula):
            self.add_speedup(stated, formula, relation)
        elif not direction or "-" in operators(formula):
            self.add_formula(kind, stated, formula, relation)

    def faster_below_one(self, stated: Lit, formula: Node) -> bool:
        """``12.6 / 14.2 ≈ 0.89× faster``: a quotient of two figures under 1 called faster."""
        if stated.unit is None or stated.unit.kind != "multiplier" or stated.bound:
            return False
        after = self.token_index(stated.end)
        tokens = self.where.tokens
        word = stated.label or (tokens[after].text if after < len(tokens) else "")
        if word.lower() not in FASTER_WORDS or not _plain_quotient(formula):
            return False
        value = _plain_value(formula)
        return value is not None and value < 1 and stated.number.value < 1

    def add_speedup(self, stated: Lit, formula: Node, relation: Relation) -> None:
        """A speedup is the larger figure over the smaller: the quotient the other way up."""
        node = strip_groups(formula)
        assert isinstance(node, BinOp)
        inverse = BinOp("/", node.right, node.left, node.symbol)
        right, left = formula_text(self.where, node.right), formula_text(self.where, node.left)
        claim = Claim(
            "formula",
            stated,
            self.where,
            relation=relation,
            formula=inverse,
            formula_where=self.where,
            derivation=f"{_parenthesised(right, node.right)} / {_parenthesised(left, node.left)}",
            assumption="'faster' puts the larger figure over the smaller: a speedup is above 1",
        )
        self.claims.append(claim)

    def neighbours(self) -> list[tuple[Chain, Chain, Lit | Node]]:
        """Adjacent chain pairs where the second is a single expression (``prev``, ``nxt`` and
        the last expression of ``prev`` without parentheses); found once, as most shapes
        read them and the chains do not change."""
        if self._neighbours is None:
            self._neighbours = [
                (prev, nxt, strip_groups(prev.exprs[-1]))
                for prev, nxt in pairwise(self.chains)
                if len(nxt.exprs) == 1 and nxt.head is None and not prev.ignored and not nxt.ignored
            ]
        return self._neighbours

    def add_formula(self, kind: ClaimKind, stated: Lit, formula: Node, relation: Relation) -> None:
        assumption = ""
        per_word = (stated.per or "").lower() in SCALE_WORDS  # "$0.39 per million"
        labelled = (
            ""
            if per_word or not stated.prefix
            else _labelled_count(self.where.text, span(formula)[0])
        )
        if per_word or labelled or self.per_a_count(stated):
            count = (stated.per or "") if per_word else labelled or self.per_count_text(stated)
            in_count = _price_over_scaled_count(formula, _count_of(count))
            if in_count is not None and nearer_as_written(formula, in_count, stated):
                pass  # "$474,240 ÷ 1.70M ≈ $0.279 per million": 1.70M millions, as written
            elif _scaled_up(formula, count):
                pass  # "$0.00065 / 3,600 × 10⁶ = $0.1806 per million": scaled as written
            else:
                if in_count is not None:  # "$1.85 / 4.80M = $0.39 per million": 4.80 millions
                    formula = in_count
                elif _divisor_over(formula, _count_of(count)):
                    pass  # "$2.856 / (12,900 × 3,600 / 1e6) = $0.221 per million"
                elif not _price_over_bare_count(formula):
                    return  # "≈ $0.533 per 1k requests": per a count it does not divide by
                # "$1.86 / 5.04 = $0.369 per 1M tokens": the divisor counts what it is per
                assumption = f"the divisor is read in the {count} the price is per"
        if _priced_per_count(formula):
            counted = _count_times_price(formula)  # "1.9 billion × $0.36 per million"
            if counted is None:
                return
            formula = counted
        self.claims.append(
            Claim(
                kind,
                stated,
                self.where,
                relation=relation,
                formula=formula,
                formula_where=self.where,
                derivation=formula_text(self.where, formula),
                assumption=assumption,
            )
        )

    def add_share(self, part: Lit, node: Node) -> None:
        """``290 tok/s is 87% of the 379 tok/s ceiling``: the percentage is what the sentence
        derives (part over whole); any other product with ``of`` is checked against the part."""
        share = strip_groups(node)
        pct = strip_groups(share.left) if isinstance(share, BinOp) else None
        if not (isinstance(share, BinOp) and share.op == "of" and isinstance(pct, Lit)):
            self.add_formula("percentage", part, node, "=")
            return
        if not pct.is_percent or pct.bound or pct.is_range or part.is_range or part.bound:
            self.add_formula("percentage", part, node, "=")
            return
        derivation = f"{formula_text(self.where, part)} / {formula_text(self.where, share.right)}"
        self.claims.append(
            Claim(
                "percentage",
                pct,
                self.where,
                relation="=",
                formula=BinOp("/", part, share.right, "/"),
                formula_where=self.where,
                derivation=derivation,
            )
        )

    def add_restatement(
        self, source: Lit, stated: Lit, *, approx: bool, source_where: Scanned | None = None
    ) -> None:
        """``1,800 tokens/s = 1.8 tokens/ms``: the second value restates the first (written in
        ``source_where`` when that is another block: the derivation names its line)."""
        if source.bound or stated.bound or source.is_range or stated.is_range:
            return
        if source_where is None and self._other_direction(source, stated):
            return
        if source_where is None and self._counted_by_a_word(source):
            return  # "six 730-hour months = 4,380 hours": six of them, not one
        if (source.unit_text, _scale_text(source)) == (stated.unit_text, _scale_text(stated)):
            return
        if self._declared_binary(source, stated):
            return  # "PostgreSQL's GB suffixes are binary, so 128GB here is 128 GiB"
        if _in_points(source) or _in_points(stated):
            return  # "44.9 % (+6.7 pp)": points are a difference of percentages, no restatement
        if (source.unit is None) != (stated.unit is None) and not _percent_of_bare(source, stated):
            return  # "4 million items ≈ 250 MB" compares different things
        if source.is_percent != stated.is_percent and not _percent_of_bare(source, stated):
            return  # "(20% = 200B tokens)": the share, stated as an amount
        if priced_per(source).lower() != priced_per(stated).lower():
            return  # "$2.90 per GPU-hour, that is $81.20 per hour" for 28 of them
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
            if _reciprocal(source, stated) and source_where is None:
                self.add_reciprocal(source, stated, approx=approx)
            return
        formula: Node = source
        derivation = literal_text(source, source_where or self.where)
        if source_where is not None:
            line = self.doc.position(source_where.offsets[source.num_start])[0]
            derivation = f"{derivation} (line {line})"
        kind: ClaimKind = "conversion"
        if _counted(source) != _counted(stated):
            if (_counted(source), _counted(stated)) != ("replica", "gpu") or source_where:
                return
            tokens = self.where.tokens
            degrees = replica_degrees(tokens, self.token_index(stated.end))
            if not degrees:
                return  # "1,312 replica-hours, i.e. 2,624 GPU-hours": GPUs per replica unknown
            for degree in degrees:
                formula = BinOp("*", formula, degree, "×")
                k = self.token_index(degree.num_start)
                name = self.where.text[tokens[k - 2].start : degree.end] if k >= 2 else ""
                derivation += f" × {degree.number.text} ({' '.join(name.split())})"
            kind = "formula"  # a product now, not only a change of unit
        self.claims.append(
            Claim(
                kind,
                stated,
                self.where,
                relation=_equality(approx),
                formula=formula,
                formula_where=source_where or self.where,
                derivation=derivation,
            )
        )

    def _declared_binary(self, source: Lit, stated: Lit) -> bool:
        """Whether the two figures are one number with one prefix in both systems (``128GB``
        and ``128 GiB``) and their sentence says the decimal spelling is binary here (a tool's
        own suffixes)."""
        units = (source.unit, stated.unit)
        if any(u is None or u.kind != "bytes" for u in units):
            return False
        systems = {u.prefix_system for u in units if u is not None}
        levels = {u.prefix_level for u in units if u is not None}
        if systems != {"decimal", "binary"} or len(levels) != 1:
            return False
        if source.number.value != stated.number.value:
            return False  # "in binary units the 54.45 GB checkpoint is 50.7 GiB": a conversion
        text = self.where.text
        start = max(text.rfind(". ", 0, source.start), text.rfind("\n\n", 0, source.start), 0)
        return _BINARY_SAID.search(text, start, stated.start) is not None

    def add_reciprocal(self, source: Lit, stated: Lit, *, approx: bool) -> None:
        """``38 tok/s ≈ 26 ms per token``: a rate restated as the time per one of what it
        counts is its reciprocal."""
        one = Lit(_ONE, source.num_start, source.num_start, source.num_start, source.num_start)
        self.claims.append(
            Claim(
                "conversion",
                stated,
                self.where,
                relation=_equality(approx),
                formula=BinOp("/", one, source, "/"),
                formula_where=self.where,
                derivation=f"1 / {literal_text(source, self.where)}",
            )
        )

    def restate_if_convertible(
        self,
        source: Lit,
        stated: Lit,
        *,
        approx: bool,
        bare_parenthetical: bool = False,
        source_where: Scanned | None = None,
    ) -> None:
        """``140 GB (130.4 GiB)`` restates its value; ``26.8 GB, or 25 GiB`` does too, but only
        if the two could mean the same amount (within 2×, or off by a known unit slip), since
        ``2 MiB or 1 GiB`` lists alternatives and ``4 MiB (8 KiB pages)`` names a part."""
        source, stated = per_as_unit(source, stated) or (source, stated)
        if source.unit is None or stated.unit is None:
            return
        if self._per_another_after(source, stated):
            return  # "3.2 Tb/s per node, i.e. 400 Gb/s (50 GB/s) per GPU": one GPU's share
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
        precise = all(len(x.number.digits.strip("0")) >= 3 for x in (source, stated))
        slips: tuple[Fraction | int, ...] = (
            8,
            Fraction(1, 8),
            100,
            Fraction(1, 100),
            1000,
            Fraction(1, 1000),
        )
        if precise:  # "15,625 s, or 43.4 h": two precise figures are no alternatives
            slips += (10, Fraction(1, 10))
        plausible = (
            pure
            or Fraction(1, 2) <= ratio <= 2
            or any(Fraction(9, 10) <= ratio / f <= Fraction(11, 10) for f in slips)
        )
        if plausible:
            self.add_restatement(source, stated, approx=approx, source_where=source_where)

    def _per_another_after(self, source: Lit, stated: Lit) -> bool:
        """Whether the words after ``stated`` (past a bracket) say it is per another thing than
        ``source`` is (``per GPU`` after a figure per node)."""
        if not source.per:
            return False
        found = _PER_AFTER.match(self.where.text, stated.end)
        return found is not None and noun_key(found.group(1)) != noun_key(source.per)

    def size_of_counted(self, lit: Lit) -> bool:
        """Whether a figure is the size of each of a counted thing (``33,554,432 buckets of 8
        bytes``): what ``i.e.`` restates is the whole, not the figure."""
        return _COUNTED_OF.search(self.where.text, max(0, lit.start - 60), lit.start) is not None

    def _counted_by_a_word(self, lit: Lit) -> bool:
        """A number word of two or more right before the figure (``six 730-hour months``)."""
        k = self.token_index(lit.num_start)
        return k > 0 and NUMBER_WORDS.get(lower_word(self.where.tokens[k - 1].text), 0) > 1

    def _other_direction(self, source: Lit, stated: Lit) -> bool:
        """Whether one figure is both directions of a link and the other one direction
        (``1.8 TB/s bidirectional (900 GB/s per direction)``): two amounts, not one."""
        text = self.where.text
        first = _DIRECTION.findall(text, source.start, stated.start)
        second = _DIRECTION.findall(text, stated.start, min(len(text), stated.end + 30))
        both = (
            {"both" if w else "one" for w, _ in first},
            {"both" if w else "one" for w, _ in second},
        )
        return bool(both[0] and both[1] and both[0] != both[1])

    def scoped_per(self, lit: Lit, per: str) -> bool:
        """Whether the sentence before ``lit`` makes it a figure per ``per`` already: ``each
        node has one 200 Gbps NIC`` is per node."""
        text = self.where.text[: lit.start]
        sentence = text[max(text.rfind(". "), text.rfind("\n"), 0) :]
        key = noun_class(per)
        return any(noun_class(found.group(1)) == key for found in _EACH_NOUN.finditer(sentence))

    def per_a_count(self, lit: Lit) -> bool:
        """Whether ``per`` and a number follow the figure (``$0.533 per 1k requests``, ``$0.39
        per million``)."""
        tokens = self.where.tokens
        k = self.token_index(lit.end)
        if k + 1 >= len(tokens) or tokens[k].text.lower() != "per":
            return False
        return tokens[k + 1].kind == "num" or tokens[k + 1].text.lower() in SCALE_WORDS

    def per_count_text(self, lit: Lit) -> str:
        """The count after ``per`` that ``per_a_count`` found, as written (``1M``, ``1,000``)."""
        tokens = self.where.tokens
        k = self.token_index(lit.end) + 1
        end = tokens[k].end
        if k + 1 < len(tokens) and not tokens[k + 1].space_before and tokens[k + 1].kind == "word":
            end = tokens[k + 1].end
        return self.where.text[tokens[k].start : end]

    def ends_cleanly(self, chain: Chain) -> bool:
        """The chain stops at a word, punctuation or the end, not inside a formula."""
        tokens = self.where.tokens
        nxt = tokens[chain.tok_end] if chain.tok_end < len(tokens) else None
        return nxt is None or nxt.text not in ("(", "{", "[", "^", "_", "\\")

    def stated_eligible(self, chain: Chain, lit: Lit) -> bool:
        """A bare number before a formula is a claim only after ``:``, ``=`` or at the start."""
        if _has_unit_or_scale(lit) or len(chain.exprs) > 1 or chain.head is not None:
            return True
        before = self.where.tokens[chain.tok_start - 1] if chain.tok_start > 0 else None
        return before is None or before.text in (":", "=", "|", "-", "*", "•")


#: What a figure may be per that is a count, not a unit: ``$1.9172 per million``.
_COUNT_PERS = frozenset({"million", "thousand", "billion", "1m", "1k", "1b", "m", "k"})


def _price_over_bare_count(formula: Node) -> bool:
    """``$1.86 / 5.04``: an amount of money divided by one plain number (no unit or scale)."""
    split = _money_over_count(formula)
    if split is None:
        return False
    money, count = split
    priced = money.unit is not None and money.unit.kind == "currency"
    return priced and not money.per and count.scale is None and not count.label


def _money_over_count(formula: Node) -> tuple[Lit, Lit] | None:
    """(money, count) of a quotient of an amount of money by a number with no unit."""
    node = strip_groups(formula)
    if not isinstance(node, BinOp) or node.op != "/":
        return None
    money, count = strip_groups(node.left), strip_groups(node.right)
    if not isinstance(money, Lit) or not isinstance(count, Lit) or count.unit is not None:
        return None
    currency = money.prefix or (money.unit is not None and money.unit.kind == "currency")
    return (money, count) if currency else None


def _divisor_over(formula: Node, per: Fraction | None) -> bool:
    """``$2.856 / (12,900 × 3,600 / 1e6)`` for a price per million: money over a count that
    the formula itself divides by the million."""
    node = strip_groups(formula)
    if per is None or not isinstance(node, BinOp) or node.op != "/":
        return False
    money, count = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(money, Lit) and money.unit is not None and money.unit.kind == "currency"):
        return False
    if money.per or not isinstance(count, BinOp) or count.op != "/":
        return False
    scale = strip_groups(count.right)
    return isinstance(scale, Lit) and scale.unit is None and scale.number.value == per


def _scaled_up(formula: Node, count: str) -> bool:
    """``$0.00065 / 3,600 × 10⁶`` for a price per million: a price per one, times the count
    the stated price is per."""
    node, per = strip_groups(formula), _count_of(count)
    if per is None or not isinstance(node, BinOp) or node.op != "*":
        return False
    scale = strip_groups(node.right)
    if isinstance(scale, Lit) and (scale.unit is not None or scale.label):
        return False
    return _plain_value(scale) == per and _money_over_count(node.left) is not None


#: A label that prices per a count in words: ``- per million output tokens at 360 tok/s:``.
_PER_COUNT_LABEL = lazy_re(r"\bper\s+(thousand|million|billion)\b[^:\n]*:\s*$", re.IGNORECASE)


def _labelled_count(text: str, start: int) -> str:
    """The count in words the label of the line before ``start`` prices per, or ``""``."""
    line = text[text.rfind("\n", 0, start) + 1 : start]
    found = _PER_COUNT_LABEL.search(line)
    return found.group(1).lower() if found else ""


def _count_of(text: str) -> Fraction | None:
    """The count a price is per, from ``million``, ``1M``, ``1k`` or ``1,000``."""
    word = text.strip().lower().replace(",", "")
    if word in SCALE_WORDS:
        return Fraction(SCALE_WORDS[word])
    scales = {"k": 10**3, "m": 10**6, "b": 10**9}
    if word[-1:] in scales and word[:-1].isdigit():
        return int(word[:-1]) * Fraction(scales[word[-1]])
    return Fraction(word) if word.isdigit() else None


def _price_over_scaled_count(formula: Node, per: Fraction | None) -> Node | None:
    """``$1.85 / 4.80M`` for a price per million: the money over the count read in millions
    (the scale the price is per taken off the divisor); ``None`` for any other formula."""
    node = strip_groups(formula)
    if not isinstance(node, BinOp) or node.op != "/" or per is None:
        return None
    money, count = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(money, Lit) and money.unit is not None and money.unit.kind == "currency"):
        return None
    if money.per or not isinstance(count, Lit) or count.unit is not None or count.scale is None:
        return None
    if count.scale.factor != per or count.label:
        return None
    return BinOp("/", node.left, replace(count, scale=None), node.symbol)


def _count_times_price(formula: Node) -> Node | None:
    """``1.9 billion × $0.36 per million``: a count written with a scale word times a price per
    a count in words, read as the count in that many (1,900 millions); ``None`` for any other
    formula with a price per a count, where what the count scales is unsure."""
    node = strip_groups(formula)
    if not isinstance(node, BinOp) or node.op != "*":
        return None
    left, right = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(left, Lit) and isinstance(right, Lit)):
        return None
    count, price = (left, right) if right.per else (right, left)
    per = SCALE_WORDS.get((price.per or "").lower())
    if per is None or price.unit is None or price.unit.kind != "currency" or count.per:
        return None
    if count.unit is not None or count.scale is None or count.label or count.scale.factor < per:
        return None  # "1,000 × $1.92 per million": 1,000 of what is unsure
    rest = count.scale.factor / per
    words = {Fraction(1): None, **{Fraction(v): k for k, v in SCALE_WORDS.items()}}
    if rest not in words:
        return None
    word = words[rest]
    scale = unit_table().scales[word] if word is not None else None
    counted = replace(count, scale=scale)
    return (
        BinOp("*", counted, price, node.symbol)
        if count is left
        else BinOp("*", price, counted, node.symbol)
    )


def _priced_per_count(formula: Node) -> bool:
    """Whether an operand is per a count (``1,000 × $1.9172 per million``): which of the other
    operands that count scales too is unsure."""
    return any((lit.per or "").lower().replace(",", "") in _COUNT_PERS for lit in literals(formula))


Shape = Callable[[State], None]


# ---- shapes within one chain -------------------------------------------------------------------


#: Words right before a symbol that make its value a supposition: ``For s = 8,192:``,
#: ``with B = 32``, ``if n = 4``.
_EXAMPLE_LEAD = lazy_re(
    r"\b(?:for|with|if|when|assuming|assume|suppose|say|e\.g\.,?)\s*[$\\(]*\s*$", re.IGNORECASE
)


def definition(state: State) -> None:
    """``$L = 40$``, ``G = 8 GPUs``, ``d_h = 4096 / 32 = 128``: a symbol named by a value.

    Only symbol-like names bound with ``=`` or ``:=``, by a chain that ends cleanly and calls
    no function; a bound (``N < 8``) defines nothing."""
    for chain in state.chains:
        head = chain.head
        if chain.ignored or head is None:
            continue
        if chain.head_relation not in ("=", ":=") or not is_symbol_name(head.name):
            continue
        if state.after_number(head.start):
            continue  # "× 730 h = 14,600 $": the name is the unit of the number before it
        if any(calls(expr) for expr in chain.exprs) or not state.ends_cleanly(chain):
            continue  # "A = E = \min(256, S/2^{16}) = 256": the chain was cut short
        lits = [e for e in chain.exprs if _is_lit(e)]
        node = strip_groups(lits[-1]) if lits else chain.exprs[0]
        if isinstance(inner := strip_groups(node), Lit) and inner.bound:
            continue
        state.definitions.append(
            Definition(
                head.name,
                node,
                state.where,
                state.line_of(head.start),
                " ".join(state.where.text[head.start : span(node)[1]].split()),
                derived=len(lits) < len(chain.exprs),
                example=_EXAMPLE_LEAD.search(state.where.text, 0, head.start) is not None,
            )
        )
        if isinstance(inner, Lit) and len(chain.exprs) == 1:
            _mark_defined(state, chain, inner)


def _mark_defined(state: State, chain: Chain, value: Lit) -> None:
    """Mark the operands on the definition's line written as its value (``alpha = 0.8, k = 4:
    (1 − 0.8^5) / (1 − 0.8)``): they are the defined value, exact."""
    if value.approx or value.is_range or value.scale is not None:
        return
    line = state.line_of(value.num_start)
    for other in state.chains:
        if other is chain or other.ignored:
            continue
        for expr in other.exprs:
            for lit in literals(expr):
                same = (lit.number.text, lit.unit_text) == (value.number.text, value.unit_text)
                if same and state.line_of(lit.num_start) == line:
                    lit.defined = True


def equation(state: State) -> None:
    """``A × B = C``, ``C = A × B``, ``a = b ≈ c``, ``x ≤ 5``: every literal of a chain against
    the nearest formula before it (or the first after it), under the relation between them.

    ``x = 5`` names a value and states nothing; two different inequalities in one chain are
    not read."""
    for n, chain in enumerate(state.chains):
        if chain.ignored or _tail_of_a_formula(state, chain):
            continue
        if n and _explains_the_value_before(state, state.chains[n - 1], chain):
            continue  # "0.43 M documents per shard (1,289.4 M ÷ 3,006) that is … 3.4 MB"
        exprs = chain.exprs
        formula_ix = [k for k, e in enumerate(exprs) if not _is_lit(e)]
        if not formula_ix:
            continue
        if _share_of_a_word_product(state, chain, formula_ix):
            continue  # "took 5% of traffic for 10 min at 900 req/s, i.e. 27,000 requests"
        for k, expr in enumerate(exprs):
            if not _is_lit(expr):
                continue
            stated = strip_groups(expr)
            assert isinstance(stated, Lit)
            before = [f for f in formula_ix if f < k]
            f = before[-1] if before else min(formula_ix)
            if not before and stated.label and _names_another(stated, exprs[f + 1 :]):
                continue  # "with 75 % cap = 3.56 / 0.75 = 4.75": a name, its result after
            if not before and k == 0 and _qualifies_a_name(state, stated, exprs[f + 1 :]):
                continue  # "backlog after 25 min = 294.7 × 1,500 ≈ 442,100": the name's
            if not before and _converted_after(stated, exprs[f], exprs[f + 1 :]):
                continue  # "380 GB = 380 × 10^9 / 2^40 = 0.3456 TiB": its input, not its result
            if not before and k == 0 and _counted_input(stated, exprs[f], exprs[f + 1 :]):
                continue  # "3 servers per rack = 3 × 10.2 = 30.6 kW": its input too
            if _restates_previous(exprs, f, k) and chain.relations[k - 1] in ("=", "≈"):
                # "F = 51.2 MB/s ≈ 41 Mbps": the last value converts the one before it.
                source = strip_groups(exprs[k - 1])
                assert isinstance(source, Lit)
                if f == k - 2 and chain.relations[f] == "=" and _exact_result(exprs[f], source):
                    source = replace(source, defined=True)  # "= 16,000 MiB": no rounded zeros
                state.add_restatement(source, stated, approx=chain.relations[k - 1] == "≈")
                continue
            if any(
                not _same_kind(strip_groups(exprs[j]), stated)
                for j in range(min(f, k) + 1, max(f, k))
                if _is_lit(exprs[j])
            ):
                continue  # "… ≈ 52.5k tokens ≈ 35 sequences": restates the value, not the formula
            relation = _relation_between(chain.relations, f, k)
            if relation is None:
                continue
            formula = exprs[f]
            if isinstance(strip_groups(formula), Ident):
                continue  # "x = 5" names a value; it states nothing to check
            if _counts_things(formula, noun_key(stated.label)) and not _sum_of_counts(
                formula, stated
            ):
                continue  # "… + 1280 (FFN) + 2 LayerNorms = 19,676,160": two of a part, not 2
            if f == 0 and k > f:
                bare = _approx_formula(formula)
                formula, relation = (bare, "≈") if bare is not None else (formula, relation)
                formula = _unbounded_formula(formula) or formula
            if f == 0 and k > f and n > 0:
                formula = _counted_formula(state, state.chains[n - 1], chain, formula, stated)
            kind = _formula_kind(stated, formula)
            state.add_formula_or_change(kind, stated, formula, relation)
            united = _united_before(exprs, chain.relations, f) if k > f else None
            if united is not None and stated.unit is not None:
                # "14 TB / 2 Gb/s = 14e12 / 2e9 = 7,000 s": the formula with units too
                state.add_formula_or_change(kind, stated, exprs[united], relation)


def _converted_after(stated: Lit, formula: Node, after: list[Node]) -> bool:
    """Whether a unitless formula after ``stated`` converts it into the unit of a value after
    the formula (one of ``stated``'s dimension in another unit), or starts from ``stated``'s
    own number and goes on to a value after it (``300B tokens = 300e9 / 3,145,728 = 95,367
    steps``): ``stated`` is then its input."""
    operands = literals(formula)
    if stated.unit is None or any(lit.unit is not None for lit in operands):
        return False
    unit = stated.unit
    values = [strip_groups(expr) for expr in after]
    if operands and any(isinstance(v, Lit) for v in values) and _same_number(stated, operands[0]):
        return True
    for lit in values:
        if isinstance(lit, Lit) and lit.unit is not None and lit.unit.dims == unit.dims:
            return lit.unit.factor != unit.factor
    return False


#: A share of something: ``5% of traffic``.
_SHARE_OF = lazy_re(r"\d\s*%\s+of\b")
#: Words that multiply in a product the parser reads from prose (``10 min at 900 req/s``).
_PRODUCT_WORDS = frozenset({"at", "of", "for"})


def _share_of_a_word_product(state: State, chain: Chain, formula_ix: list[int]) -> bool:
    """A product written in words (``10 min at 900 req/s``) after a share in its sentence
    (``5% of traffic for``): the result may be that share of the product."""
    text = state.where.text
    if not any(
        isinstance(n, BinOp) and n.symbol.lower() in _PRODUCT_WORDS
        for f in formula_ix
        for n in walk(chain.exprs[f])
    ):
        return False
    start = max(text.rfind(stop, 0, chain.start) for stop in (". ", "; ", "\n\n")) + 1
    return _SHARE_OF.search(text, start, chain.start) is not None


def _counted_formula(state: State, before: Chain, chain: Chain, formula: Node, stated: Lit) -> Node:
    """``4 projections of `1024×1024 + 1024` = 4,198,400``: a count of things right before
    ``of`` and a formula is that many of it, unless the formula alone is the stated value
    (each one's)."""
    count = strip_groups(before.exprs[-1]) if len(before.exprs) == 1 else None
    if not isinstance(count, Lit) or count.unit is not None or count.scale is not None:
        return formula
    if not count.number.is_plain_integer or count.number.value < 2 or not count.label:
        return formula
    if state.words_between(before, chain) != ["of"] or _PLURAL_NOUN.fullmatch(count.label) is None:
        return formula
    plain = written_value(formula)
    written = literal_value(stated, stated=True)
    if plain is None or plain.dims != written.dims or plain.interval.overlaps(written.interval):
        return formula
    return BinOp("*", count, formula, "×")


def _united_before(exprs: list[Node], relations: list[ChainLink], f: int) -> int | None:
    """The formula with units that a bare formula at ``f`` restates (``14 TB / 2 Gb/s =
    14e12 / 2e9``): the one right before it, joined by ``=``."""
    if f < 1 or _is_lit(exprs[f - 1]) or _is_lit(exprs[f]) or relations[f - 1] != "=":
        return None
    if any(lit.unit is not None for lit in literals(exprs[f])):
        return None
    before = literals(exprs[f - 1])
    return f - 1 if before and any(lit.unit is not None for lit in before) else None


def _counted_input(stated: Lit, formula: Node, after: list[Node]) -> bool:
    """Whether a count of things (no unit) first in a chain is the first operand of the
    formula after it, whose result follows in a unit: the formula's input, not its result."""
    operands = literals(formula)
    if stated.unit is not None or not stated.label or not operands:
        return False
    results = [lit for e in after if isinstance(lit := strip_groups(e), Lit)]
    first = operands[0]
    return (
        bool(results)
        and results[-1].unit is not None
        and first.unit is None
        and first.number.value == stated.number.value
    )


def _same_number(stated: Lit, operand: Lit) -> bool:
    """Whether an operand writes the stated value's number out (``300e9`` for ``300B``)."""
    try:
        written = literal_value(replace(stated, unit=None, per="", label=""), stated=False).point
        return written == literal_value(operand, stated=False).point
    except NotEvaluable:
        return False


def _explains_the_value_before(state: State, before: Chain, chain: Chain) -> bool:
    """Whether a chain opens with a bracketed formula right after a plain value (``0.43 M
    documents per shard (1,289.4 M ÷ 3,006)``) and goes on to another value in words: the
    formula is that value's, what follows restates something else."""
    first = chain.exprs[0]
    if not isinstance(first, Group) or len(chain.exprs) < 2 or before.tok_end != chain.tok_start:
        return False
    value = strip_groups(before.exprs[-1])
    return isinstance(value, Lit) and has_operator(first) and len(before.exprs) == 1


def _exact_result(formula: Node, result: Lit) -> bool:
    """Whether ``result`` is written as exactly what ``formula`` comes to (``500 × 32 MiB =
    16,000 MiB``): the trailing zeros of such a result are no rounding."""
    value = written_value(formula)
    if value is None or result.is_range or result.approx or result.bound:
        return False
    return value.point == literal_value(result, stated=False).point


def _counts_things(formula: Node, counted: str) -> bool:
    """A sum with an addend that counts other things than the result by a plural noun (``+ 2
    LayerNorms = 19,676,160``): how much each of them adds is not written."""
    node = strip_groups(formula)
    if not isinstance(node, BinOp) or node.op not in ("+", "-"):
        return False
    addends = [strip_groups(node.left), strip_groups(node.right)]
    if any(_counts_things(a, counted) for a in addends if isinstance(a, BinOp)):
        return True
    return any(
        isinstance(a, Lit)
        and a.unit is None
        and a.number.is_plain_integer
        and _PLURAL_NOUN.fullmatch(a.label) is not None
        and noun_key(a.label) != counted
        for a in addends
    )


def _sum_of_counts(formula: Node, stated: Lit) -> bool:
    """A bare count that adds counts of things, every addend one (``16 leaves + 8 spines =
    26``): the things together, not sizes of them."""
    node = strip_groups(formula)
    if stated.unit is not None or stated.label or not stated.number.is_plain_integer:
        return False
    addends = []
    while isinstance(node, BinOp) and node.op == "+":
        addends.append(strip_groups(node.right))
        node = strip_groups(node.left)
    addends.append(node)
    return len(addends) >= 2 and all(
        isinstance(a, Lit)
        and a.unit is None
        and a.number.is_plain_integer
        and _PLURAL_NOUN.fullmatch(a.label) is not None
        for a in addends
    )


#: A plural noun naming what a count counts: ``LayerNorms``, ``biases``.
_PLURAL_NOUN = lazy_re(r"[A-Za-z][A-Za-z-]*[a-z]s")


def _approx_formula(formula: Node) -> Node | None:
    """``about 1 GB / 110.4 KB ≈ 9,600``: a word or mark of approximation before a formula
    that states its result qualifies the result, not the first operand (whose one digit it would
    widen twofold). The formula with that operand as written, or None when it has no such mark."""
    return _first_operand_freed(formula, "approx")


def _unbounded_formula(formula: Node) -> Node | None:
    """``busy more than 2.19 / 2.99 = 78.3 %``: a bound before a formula that states its result
    bounds what the sentence speaks of (by the result), not the first operand. The formula with
    that operand as written, or None when it has no bound."""
    return _first_operand_freed(formula, "bound")


def _first_operand_freed(formula: Node, qualifier: str) -> Node | None:
    """The formula with its first operand's ``approx`` (or ``bound``) taken off, when that
    operand has it alone; None otherwise."""
    if not isinstance(formula, BinOp):
        return None
    if isinstance(formula.left, Lit):
        lit = formula.left
        other = lit.bound if qualifier == "approx" else lit.approx
        if not getattr(lit, qualifier) or other or lit.is_range:
            return None
        freed = {"approx": False} if qualifier == "approx" else {"bound": ""}
        left: Node = replace(lit, **freed, start=lit.num_start - len(lit.prefix))
    else:
        inner = _first_operand_freed(formula.left, qualifier)
        if inner is None:
            return None
        left = inner
    return BinOp(formula.op, left, formula.right, formula.symbol)


def restatement(state: State) -> None:
    """``1,800 tokens/s = 1.8 tokens/ms``, ``0.35 = 35%``: in a chain of literals only, each
    literal after ``=`` or ``≈`` restates the one before it in another unit or scale."""
    for chain in state.chains:
        if chain.ignored or any(not _is_lit(e) for e in chain.exprs):
            continue
        for k in range(1, len(chain.exprs)):
            if chain.relations[k - 1] not in ("=", "≈"):
                continue
            source, stated = strip_groups(chain.exprs[k - 1]), strip_groups(chain.exprs[k])
            assert isinstance(source, Lit) and isinstance(stated, Lit)
            relation = chain.relations[k - 1]
            text = state.where.text
            each = _EACH.match(text, source.end) or _EACH.search(text, source.num_end, source.end)
            if each or (k == 1 and state.size_of_counted(source)):
                # "70.6B parameters at 2 bytes each = 141 GB", "16,777,216 slots of 16 bytes,
                # i.e. 268 MB": the count times each one's
                count = _counted_before(state, chain) if k == 1 else None
                if count is not None and relation in ("=", "≈"):
                    product = BinOp("*", count, source, "×")
                    state.add_formula_or_change("formula", stated, product, relation)
                continue
            state.add_restatement(source, stated, approx=relation == "≈")


#: Words saying a unit suffix counts in powers of two.
_BINARY_SAID = lazy_re(r"\bbinary\b|\b1024-based\b|\bpowers?\s+of\s+(?:two|2)\b", re.I)
#: A value that is each item's: ``2 bytes each``, ``80 GB apiece``.
_EACH = lazy_re(r"\s*\b(?:each|apiece)\b")
#: Words that join a count to what each of its items is: ``70.6B parameters at 2 bytes each``.
_EACH_JOINS = frozenset({"at", "of", "with", "×", "x", "times"})
#: Units of a count whose items can each have a size: ``70.6B parameters``, ``32k tokens``.
_COUNT_KINDS = frozenset({"params", "tokens", "requests"})


def _counted_before(state: State, chain: Chain) -> Lit | None:
    """The count right before ``chain`` that its ``each`` refers to: a plain number or a count
    of things (parameters, tokens, GPUs), joined by ``at``, ``of``, ``with`` or ``×``, or by
    its noun and ``of`` (``16,777,216 slots of``); the last value of a chain counts too
    (``2^24 = 16,777,216 slots``)."""
    index = state.chains.index(chain)
    if index == 0:
        return None
    prev = state.chains[index - 1]
    count = strip_groups(prev.exprs[-1])
    if not isinstance(count, Lit) or count.is_range or count.bound or count.is_percent:
        return None
    if count.unit is not None and count.unit.kind not in _COUNT_KINDS:
        return None
    words = state.words_between(prev, chain)
    if len(words) == 1 and words[0] in _EACH_JOINS:
        return count
    # "16,777,216 slots of 16 bytes": the count's noun, then "of"
    named = 2 <= len(words) <= 3 and words[-1] == "of" and all(w.isalpha() for w in words)
    return count if named else None


# ---- shapes across neighbouring chains ---------------------------------------------------------


def value_with_formula(state: State) -> None:
    """``0.62GB (8 experts × 3 × 512 × 1024 × 2 bytes)``: a value followed directly by its
    formula in parentheses. A bare number counts only after ``:``, ``=`` or at the start, and
    ``2 weeks (7/24)`` is a date. A row's label cell names the row (``| 8B checkpoints (40 ×
    1.303) | 52.1 |``): its formula is the next cell's."""
    cell = state.where.segment.cell
    if cell is not None and cell.col == 0:
        return
    for prev, nxt, last in state.neighbours():
        group = nxt.exprs[0]
        if state.words_between(prev, nxt) or not isinstance(group, Group):
            continue
        if not (isinstance(last, Lit) and has_operator(group)):
            continue
        if _sized_items(state, prev):
            continue  # "186 more 24k prefixes (1.2 TB / 6.44 GB)": which one it gives is unclear
        if _counts_another_thing(last, group):
            continue  # "59 typical requests (2,000 prompt + 250 output tokens)": each one's size
        if _rounded_share(last, group):
            _add_share(state, last, group)
            continue
        if state.stated_eligible(prev, last) and not _date_like(last, group):
            relation = _equality(group.approx)
            kind = _formula_kind(last, group)
            state.add_formula_or_change(kind, last, group, relation)


def _counts_another_thing(value: Lit, group: Group) -> bool:
    """A count of things (``59 requests``) with a bracket whose figures count another thing
    (``2,000 prompt + 250 output tokens``): the bracket sizes one of them."""
    unit = value.unit
    if unit is None or unit.kind in ("bytes", "time", "currency", "percent"):
        return False
    units = [lit.unit for lit in literals(group) if lit.unit is not None]
    counted = {u.kind for u in units if u.dims[:2] == (0, 0) and u.kind not in _NOT_COUNTS}
    return (
        bool(counted) and len(counted) == len({u.kind for u in units}) and unit.kind not in counted
    )


#: Unit kinds that count nothing.
_NOT_COUNTS = frozenset({"percent", "currency", "multiplier"})


def _rounded_share(part: Lit, group: Group) -> bool:
    """``130 GB (51 % of 256 GB)``: a share worked out from the part and the whole and rounded
    to its written precision (130 / 256 = 50.8 %); the part is then no product of it."""
    inner = strip_groups(group)
    if not isinstance(inner, BinOp) or inner.op != "of" or part.unit is None:
        return False
    pct, whole = strip_groups(inner.left), strip_groups(inner.right)
    if not (isinstance(pct, Lit) and isinstance(whole, Lit) and pct.is_percent):
        return False
    if whole.unit is None or part.bound or whole.bound or part.is_range or whole.is_range:
        return False
    amount, of = literal_value(part, stated=True), literal_value(whole, stated=True)
    if amount.dims != of.dims or of.point <= 0:
        return False
    share = literal_value(pct, stated=True, approx=pct.approx or group.approx).interval
    return share.lo <= amount.point / of.point <= share.hi


def _add_share(state: State, part: Lit, group: Group) -> None:
    """The share of ``part (P % of WHOLE)`` as the claim: part / whole against P %."""
    inner = strip_groups(group)
    assert isinstance(inner, BinOp)
    pct, whole = strip_groups(inner.left), strip_groups(inner.right)
    assert isinstance(pct, Lit) and isinstance(whole, Lit)
    state.claims.append(share_claim(pct, part, whole, state.where, group.approx or pct.approx))


#: Words between a count and the sized items it counts: ``186 more 24k prefixes``.
_COUNT_FILLERS = frozenset("more extra additional other further spare".split())


def _sized_items(state: State, chain: Chain) -> bool:
    """Whether ``chain`` (one value) is the size of items a bare count just before it counts
    (``186 more 24k prefixes``, ``2 80 GB GPUs``): a formula after it may give either."""
    k = state.chains.index(chain)
    if k == 0 or len(chain.exprs) != 1:
        return False
    before = state.chains[k - 1]
    count = strip_groups(before.exprs[-1])
    if not isinstance(count, Lit) or count.unit is not None or count.scale is not None:
        return False
    between = [t.text.lower() for t in state.where.tokens[before.tok_end : chain.tok_start]]
    return len(between) <= 1 and set(between) <= _COUNT_FILLERS


def formula_with_value(state: State) -> None:
    """``8 × 80 GB (640 GB)``: a formula followed directly by its value, with a unit or scale,
    in parentheses."""
    for prev, nxt, last in state.neighbours():
        group = nxt.exprs[0]
        if not _of_its_noun(state.words_between(prev, nxt)) or not isinstance(group, Group):
            continue
        inner = strip_groups(group)
        if isinstance(last, Lit) and has_operator(group):
            continue  # a value with its formula
        if not isinstance(inner, Lit) or len(prev.exprs) != 1 or prev.head is not None:
            continue
        if inner.label.lower() in _DERATED:
            continue  # "4 × 1,979 TFLOPS (2,770.6 TFLOPS effective)": at some efficiency
        if _price_per_count(prev.exprs[0]):
            continue  # "1,840M tokens at $2.50/1M ($4,600.00)": the bracket is the amount's cost
        if has_operator(prev.exprs[0]) and _has_unit_or_scale(inner) and not inner.bound:
            operands = literals(prev.exprs[0])
            if operands and _same_amount(operands[-1], inner):  # ``88 % of the 50 GB/s (400 Gb/s)``
                state.restate_if_convertible(operands[-1], inner, approx=group.approx)
                continue
            kind = _formula_kind(inner, prev.exprs[0])
            relation = _equality(group.approx or inner.approx)
            state.add_formula_or_change(kind, inner, prev.exprs[0], relation)


def _price_per_count(node: Node) -> bool:
    """``$2.50/1M``, ``$0.40 / 1K``: a price per a round count of things, written as a quotient."""
    split = _money_over_count(node)
    if split is None:
        return False
    money, count = split
    return bool(money.prefix) and count.number.value == 1 and count.scale is not None


#: Words after a bracketed value that make it the formula's amount at some efficiency.
_DERATED = frozenset(
    "effective usable achievable achieved sustained realistic practical delivered".split()
)


def _same_amount(a: Lit, b: Lit) -> bool:
    """Two figures in units of one dimension within 10 % of each other: one restates the other."""
    if a.unit is None or b.unit is None or a.unit.kind == "percent":
        return False
    first, second = literal_value(a, stated=True), literal_value(b, stated=True)
    if first.dims != second.dims or first.point <= 0:
        return False
    return Fraction(9, 10) <= second.point / first.point <= Fraction(11, 10)


#: Relations of a named figure to its value that a parenthetical after it may restate.
_BOUND_RELATIONS = frozenset({"≤", "<", "≥", ">", "<=", ">="})


def parenthetical_restatement(state: State) -> None:
    """``140 GB (130.4 GiB)``, ``26.8 GB (i.e. 25 GiB)``, ``8 × 2 TB = 16 TB (≈ 14.6 TiB)``: a
    value restated in parentheses, when the two could mean the same amount."""
    for prev, nxt, last in state.neighbours():
        group = nxt.exprs[0]
        if not _of_its_noun(state.words_between(prev, nxt)) or not isinstance(group, Group):
            continue
        inner = strip_groups(group)
        if not (isinstance(inner, Lit) and isinstance(last, Lit)):
            continue
        if names_its_value(prev) and prev.head_relation not in _BOUND_RELATIONS:
            continue  # "p99 ≤ 150 ms (0.015 s)" restates the bound's value; "x = 2 GB (…)" not
        if has_operator(prev.exprs[-1]) and _has_unit_or_scale(inner) and not inner.bound:
            continue  # a formula with its value
        signed = state.where.text[group.start + 1 : inner.num_start].strip() in ("+", "-", "−", "±")
        if last.bound and not inner.bound and not inner.is_range and not signed:
            last = replace(last, bound="")  # "up to 1,800 s (45 min)": the bound's value again
        if group.lead in ("", "=", "≈", "i.e.", "or"):
            state.restate_if_convertible(
                last, inner, approx=group.approx, bare_parenthetical=not group.lead
            )


def names_its_value(chain: Chain) -> bool:
    """A chain that gives a name its value alone (``x = 2 GB``): what follows in brackets may
    be the name's, not the value restated. ``x = 2 × 1 GB = 2 GB (1.86 GiB)`` restates its
    formula's result."""
    return chain.head is not None and len(chain.exprs) < 2


def _of_its_noun(words: list[str]) -> bool:
    """Nothing, or the noun a value measures (``145.4 GB of weights (156.1 GiB)``), between a
    value and its restatement in parentheses."""
    if not words:
        return True
    noun = words[1:]
    return (
        words[0] == "of"
        and 1 <= len(noun) <= 2
        and all(w.isalpha() and w not in _CLAUSE_WORDS and w not in _LINKING_WORDS for w in noun)
    )


#: Words that join a value to what restates it: ``18 GB is 28% of 64 GB``, ``26.8 GB, or 25 GiB``.
_RESTATING_WORDS = (
    ["is"],
    ["is", "only"],
    ["is", "just"],
    ["which", "is"],
    ["would", "be"],
    ["will", "be"],
    [",", "or"],
    ["or"],
    ["—"],
)


def value_in_words(state: State) -> None:
    """``18 GB is 28% of 64 GB``, ``18 GB — 28% of 64 GB``: a value that is a percentage of a
    whole; ``26.8 GB, or 25 GiB``: a value restated after ``or``."""
    for prev, nxt, last in state.neighbours():
        words = state.words_between(prev, nxt)
        node = nxt.exprs[0]
        if not isinstance(last, Lit) or (words not in _RESTATING_WORDS and not _is_joins(words)):
            continue
        if "of" in operators(node) and words in _RESTATING_WORDS:
            if not _speed_of_a_time(state, node):
                state.add_share(last, node)
        elif words in ([",", "or"], ["or"]) and isinstance(restated := strip_groups(node), Lit):
            if not _PER_ONE_AFTER.match(state.where.text, restated.end):
                state.restate_if_convertible(last, restated, approx=False)
        elif _is_joins(words) and (as_is := _restated_as_is(state, nxt, last)) is not None:
            # "264.6 MB/s is 2.1 Gbps", "420 MB/s to S3 is about 3.36 Gbps": one value
            # restated, unless compared or per something
            state.restate_if_convertible(last, as_is, approx=False)


#: What a value restated after ``or`` is per, after an aside: ``15.43 GB (14.37 GiB) per GPU``
#: is one GPU's share of the whole, not the whole in other units.
_PER_ONE_AFTER = lazy_re(r"\s*(?:\([^()\n]*\)\s*)?(?:per|each|for\s+each|on\s+each)\s+\w", re.I)
#: A whole named by its speed after it: ``72 % of the 27.2 ms floor's speed`` is a share of
#: the inverse of that time, not of the time.
_SPEED_AFTER = lazy_re(r"(?:'s)?\s+(?:speed|throughput|rate|pace)\b", re.IGNORECASE)


def _speed_of_a_time(state: State, share: Node) -> bool:
    """``72 % of the 27.2 ms floor's speed``: a share of what a time's inverse measures."""
    inner = strip_groups(share)
    whole = strip_groups(inner.right) if isinstance(inner, BinOp) else None
    if not isinstance(whole, Lit) or whole.unit is None or whole.unit.kind != "time":
        return False
    return _SPEED_AFTER.match(state.where.text, span(share)[1]) is not None


#: Words that say where a flow goes, between it and ``is``: ``420 MB/s to S3 is …``.
_WHERE_WORDS = frozenset("to from into over across via through".split())


def _is_joins(words: list[str]) -> bool:
    """``is``, or ``is`` after where the value goes (``to S3 is``, ``over the link is``) or
    the noun it measures (``of oplog is``), and before words that only average or hedge it
    (``is an average of only``)."""
    if "is" not in words:
        return False
    k = words.index("is")
    head, tail = words[:k], words[k + 1 :]
    if not set(tail) <= _AVERAGING or len(tail) > 4:
        return False
    if not head:
        return True
    return (
        2 <= len(head) <= 3
        and (head[0].lower() in _WHERE_WORDS or head[0] == "of")
        and all(w.replace("-", "").isalnum() and not w.isdigit() for w in head[1:])
    )


#: Words between ``is`` and a value restated that only average or hedge it.
_AVERAGING = frozenset("an average of on only just about roughly around".split())


#: Words after ``A is B`` that make B another amount A is compared with: ``is 2 GB more``.
_COMPARED = frozenset(
    "more less than higher lower faster slower above below over under short shy too extra "
    "left remaining free spare larger smaller bigger".split()
)


def _restated_as_is(state: State, chain: Chain, last: Lit) -> Lit | None:
    """The value of ``last is VALUE`` when it restates ``last``: no comparison follows, and
    neither is per something."""
    restated = strip_groups(chain.exprs[0])
    if not isinstance(restated, Lit) or restated.per or last.per:
        return None
    return None if _compared_after(state, chain) else restated


def _compared_after(state: State, chain: Chain) -> bool:
    """Whether a word of comparison follows ``chain`` (``is 2 GB more than``)."""
    tokens = state.where.tokens
    k = chain.tok_end
    return k < len(tokens) and tokens[k].text.lower() in _COMPARED


def restatement_in_words(state: State) -> None:
    """``2,400 tokens/s per GPU, i.e. 2.4 tokens/ms``, ``20 GB, that is 18.6 GiB``: ``i.e.``
    and ``that is`` assert that two values are the same amount, written in another unit
    (one more word of the first value's noun may come between: ``200 Gbps storage NIC, i.e.``).
    The restated value must not name another noun or another ``per``, unless the sentence
    already made the first value one per that unit (``each node has …``)."""
    for nxt, last, words in _restating_pairs(state):
        node = strip_groups(nxt.exprs[0])
        if not (isinstance(last, Lit) and isinstance(node, Lit)):
            continue
        said = _connector(words, _SAME_AMOUNT, filler=1) or _shown_as(words)
        # "4.18 GB/s of JPEG uploads at peak, i.e. 33.4 Gbit/s": the value's noun, then i.e.
        said = said or (words[:1] == ["of"] and _connector(words, _SAME_AMOUNT, filler=5))
        said = said or (_connector(words, _AVERAGED, filler=0) and _rates(last, node))
        said = said or (words == [",", "or"] and _other_unit(last, node) and _ends(state, nxt))
        said = said or _hedged_after_comma(state, words, node, nxt)
        said = said or (_of_its_noun_is(words) and node.approx and not node.label)
        if not said or _NOT_ONE_AMOUNT & set(words):
            continue
        other_per = node.per and node.per != last.per and not state.scoped_per(last, node.per)
        if other_per and per_as_unit(last, node) is None:
            continue
        if _for_another_amount(state, nxt) or state.size_of_counted(last):
            continue  # "1,536 B per vector, i.e. 768 GB for 500M": the whole, not the same
        state.restate_if_convertible(last, node, approx=node.approx, bare_parenthetical=True)


def _restating_pairs(state: State) -> Iterator[tuple[Chain, Lit | Node, list[str]]]:
    """Each of ``state.neighbours()`` (the second chain, the first's last value) with the words
    between; also a value then its restatement past an aside in brackets right after the value
    (``192 GiB (75 % of 256 GiB), ≈ 206.2 GB``)."""
    for prev, nxt, last in state.neighbours():
        yield nxt, last, state.phrase_between(prev, nxt)
    chains = state.chains
    for first, aside, nxt in zip(chains, chains[1:], chains[2:], strict=False):
        if len(nxt.exprs) != 1 or nxt.head is not None or first.ignored or nxt.ignored:
            continue
        bracketed = len(aside.exprs) == 1 and isinstance(aside.exprs[0], Group)
        if bracketed and aside.tok_start == first.tok_end:
            yield nxt, strip_groups(first.exprs[-1]), state.phrase_between(aside, nxt)


#: What may end the clause of a value restated after a comma: ``30.9 MB/s, roughly 31 Mbps.``
_CLAUSE_END = frozenset({".", ",", ";", ")", ":"})
#: Words that may follow such a value: where it flows (``roughly 31 Mbps on the uplink``).
_WHERE_IT_FLOWS = frozenset({"on", "over", "across", "through", "via", "of"})


def _of_its_noun_is(words: list[str]) -> bool:
    """``7.25 GB of bf16 expert weights is ≈ 7.8 GiB``: the value's noun, then ``is``."""
    return (
        2 <= len(words) <= 6
        and words[0] == "of"
        and words[-1] == "is"
        and all(w.isalnum() and w not in _LINKING_WORDS for w in words[1:-1])
    )


def _hedged_after_comma(state: State, words: list[str], node: Lit, chain: Chain) -> bool:
    """``30.9 MB/s, roughly 31 Mbps.``: an approximate value right after a comma that ends its
    clause, or says where it flows, restates the value before it (``…, about 2 GB/s average``
    qualifies another)."""
    if words != [","] or not node.approx or node.label or node.per:
        return False
    tokens = state.where.tokens
    if chain.tok_end >= len(tokens):
        return True
    after = tokens[chain.tok_end].text
    return after in _CLAUSE_END or after.lower() in _WHERE_IT_FLOWS


#: Verbs of a tool that shows a value in its own unit: ``27.23 GB, which nvidia-smi shows as
#: 25.4 GiB``.
_SHOWN_VERBS = frozenset("shows show reports report displays display lists list prints".split())
#: Most words between ``, which`` and ``shows as``: the tool's name.
_MAX_SHOWN_WORDS = 6
#: Words of approximation between ``shows as`` and the value it shows.
_SHOWN_HEDGES = frozenset({"about", "roughly", "around", "approximately", "~", "≈"})
#: Most words of a value's noun before ``, which … shows as``.
_MAX_NOUN_WORDS = 3


def _shown_as(words: list[str]) -> bool:
    """``, which the ROCm SMI dashboard shows as``: the same amount, as a tool displays it
    (after at most three words of the first value's noun: ``NVMe instance-store volume``)."""
    comma = words.index(",") if "," in words else 0
    if comma > _MAX_NOUN_WORDS or not all(w.replace("-", "").isalpha() for w in words[:comma]):
        return False
    words = words[comma:]
    while len(words) > 4 and words[-1] in _SHOWN_HEDGES:
        words = words[:-1]  # "which ZFS will show as about 1,161 TiB"
    return (
        words[:2] == [",", "which"]
        and words[-1:] == ["as"]
        and len(words) >= 4
        and words[-2] in _SHOWN_VERBS
        and len(words) - 4 <= _MAX_SHOWN_WORDS
    )


def _for_another_amount(state: State, chain: Chain) -> bool:
    """Whether a value goes on with ``for``, ``across`` or ``over`` and a number: ``768 GB for
    500M`` is the amount of that many, not a restatement of the value before it."""
    tokens = state.where.tokens
    k = chain.tok_end
    return (
        k + 1 < len(tokens)
        and tokens[k].text.lower() in ("for", "across", "over")
        and tokens[k + 1].kind == "num"
    )


#: A count and its noun, then ``of`` right before a figure: ``33,554,432 buckets of``.
_COUNTED_OF = lazy_re(r"\d[\d,.]*\s*[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*)?\s+of\s*$")
#: Words that scope a link's bandwidth to both directions (group 1) or to one (group 2).
_DIRECTION = lazy_re(
    r"\b(?:(bidirectional|bi-directional|duplex|aggregate|both\s+directions|in\s+total)|"
    r"(per[\s-]direction|each\s+direction|unidirectional|uni-directional|each\s+way|one\s+way))\b",
    re.IGNORECASE,
)


#: ``each node``, ``per GPU``, ``every replica``: what a sentence's figures are per.
_EACH_NOUN = lazy_re(r"\b(?:each|every|per)\s+([A-Za-z][\w-]*)", re.IGNORECASE)

#: Words after a value that make what ``i.e.`` restates another amount: ``192 bytes each, i.e.
#: 1.5 MB`` is the whole list, ``40 GB in total, i.e.`` a sum.
_NOT_ONE_AMOUNT = frozenset("each every apiece per total combined overall altogether".split())

#: Words that assert two values are one amount.
_SAME_AMOUNT = ((",", "i.e."), ("i.e.",), (",", "that", "is"))
#: Words that restate a rate as its average over another period: ``468 TB/day, an average of
#: 43.3 Gbps``.
_AVERAGED = ((",", "an", "average", "of"), (",", "averaging"), (",", "on", "average"))


def _ends(state: State, chain: Chain) -> bool:
    """The chain ends its clause (``…, or 666.7 slot-hours.``; not ``…, or 15.43 GB (14.37
    GiB) per GPU``)."""
    tokens = state.where.tokens
    return chain.tok_end >= len(tokens) or tokens[chain.tok_end].text in _CLAUSE_END


def _other_unit(first: Lit, second: Lit) -> bool:
    """Both values have units and write different ones: ``2.4M slot-seconds, or 666.7
    slot-hours`` converts; ``8 GPUs, or 16`` offers another amount."""
    return first.unit is not None and second.unit is not None and first.unit != second.unit


def _rates(first: Lit, second: Lit) -> bool:
    """Both values are rates: per unit of time (``TB/day``, ``Gbps``)."""
    return all(lit.unit is not None and lit.unit.dims[1] < 0 for lit in (first, second))


def share_in_words(state: State) -> None:
    """``13.5 GB in total, i.e. 56% of a 24 GB card``, ``96 GPUs, that is 40% of 240``: a part,
    then its share of a whole; the share is checked as part / whole."""
    for prev, nxt, last in state.neighbours():
        words = state.phrase_between(prev, nxt)
        node = strip_groups(nxt.exprs[0])
        if not isinstance(last, Lit) or words in _RESTATING_WORDS:
            continue
        if not (isinstance(node, BinOp) and node.op == "of"):
            continue
        share, whole = strip_groups(node.left), strip_groups(node.right)
        if not (isinstance(share, Lit) and isinstance(whole, Lit) and share.is_percent):
            continue
        if last.bound or whole.bound or last.is_range or whole.is_range or last.is_percent:
            continue
        if not (
            _connector(words, _SHARE_CONNECTORS, filler=2, allowed=SHARE_FILLER_WORDS)
            # "13.6M trainable params, 0.17% of …", not "18 GB for weights, 30% of 64 GB for …"
            or (_connector(words, ((",",),), filler=2) and not set(words) & _LINKING_WORDS)
            or _of_its_noun_then_comma(words)  # "17.86 minutes of full outage, 41.3 % of …"
        ):
            continue
        if not _same_kind(whole, last) and not (last.unit is None and whole.unit is None):
            continue
        if _whole_restated(last, whole, share):
            continue  # "2.79 TiB of its 3.41 TiB device, which is 74.4 % of the 3,750 GB drive"
        approx = share.approx or last.approx
        state.claims.append(share_claim(share, last, whole, state.where, approx))


def _whole_restated(part: Lit, whole: Lit, share: Lit) -> bool:
    """Whether the figure before a share is the whole itself in another unit (3.41 TiB for a
    3,750 GB drive) while the share is no whole: the share is of another figure before it."""
    try:
        a, b = literal_value(part, stated=True).point, literal_value(whole, stated=True).point
        pct = literal_value(share, stated=True).point
    except NotEvaluable:
        return False
    return b > 0 and abs(a / b - 1) <= Fraction(2, 100) and abs(pct - 1) > Fraction(5, 100)


def _of_its_noun_then_comma(words: list[str]) -> bool:
    """``of full outage ,``: the part's noun after ``of`` (at most two words), then a comma."""
    return (
        len(words) in (3, 4)
        and words[0] == "of"
        and words[-1] == ","
        and all(w.isalpha() and w not in _LINKING_WORDS for w in words[1:-1])
    )


#: Words that say the next value is the same amount as the one before (``X, i.e. Y``).
SAME_AMOUNT = (
    (",", "i.e."),
    ("i.e.",),
    (",", "that", "is"),
    ("that", "is"),
    (",", "which", "is"),
    (",", "or"),
)
#: ``X, i.e. Z% of Y``: the words that give a part's share of a whole.
_SHARE_CONNECTORS = (*SAME_AMOUNT, (",", "about"))


def _connector(
    words: list[str],
    phrases: tuple[tuple[str, ...], ...],
    filler: int,
    allowed: frozenset[str] | None = None,
) -> bool:
    """``words`` end with one of ``phrases`` (an article after it allowed), with at most
    ``filler`` words before it (from ``allowed`` when given)."""
    if words and words[-1] in ("a", "an"):
        words = words[:-1]
    for phrase in phrases:
        n = len(phrase)
        if tuple(words[-n:]) == phrase and len(words) - n <= filler:
            head = words[: len(words) - n]
            if allowed is not None:
                return all(w in allowed for w in head)
            return all(w.isalpha() and w not in _CLAUSE_WORDS for w in head)
    return False


#: Prepositions that tie a value to something else: ``18 GB for weights, 30% of …`` lists two
#: uses, it does not give the first one's share.
_LINKING_WORDS = frozenset("for to in on at by with from per into as and or".split())

#: Words that start a new clause: what follows them is not about the value before them.
_CLAUSE_WORDS = frozenset("and but while whereas if when so then because although".split())

#: ``1.375×, i.e. a 37.5% overhead``; ``2.4× jump (+140%)``.
_RATIO_RESTATED = (
    (",", "i.e."),
    ("i.e.",),
    (",", "that", "is"),
    ("that", "is"),
    (",", "or"),
    ("or",),
    ("—",),
)


def ratio_as_change(state: State) -> None:
    """``11/8 = 1.375×, i.e. a 37.5% overhead``, ``a 2.4× jump (+140%)``: a ratio restated as
    a change, which is ratio − 1 (or 1 − ratio for a decrease). The ratio is written with
    ``×`` or is the result of a quotient; the percentage must say it is a change."""
    for prev, nxt, last in state.neighbours():
        stated = strip_groups(nxt.exprs[0])
        if not (isinstance(last, Lit) and isinstance(stated, Lit) and stated.is_percent):
            continue
        if last.is_percent or last.is_range or last.bound or stated.is_range or stated.bound:
            continue
        multiplier = last.unit is not None and last.unit.kind == "multiplier"
        quotient = any("/" in operators(e) for e in prev.exprs[:-1]) and last.unit is None
        if not (multiplier or quotient):
            continue
        before = state.where.tokens[prev.tok_start - 1].text.lower() if prev.tok_start else ""
        if quotient and before in ("to", "→", "->"):
            continue  # "from … = 3.59 to 0.845 / 0.155 = 5.45, +52 %": a change of the quotient
        words = state.phrase_between(prev, nxt)
        grouped = isinstance(nxt.exprs[0], Group) and len(words) <= 1
        direction = state.change_direction(stated)
        # "1.77×, a 57 % gain": a comma joins the change its words name
        named = direction != 0 and words in ([","], [",", "a"], [",", "an"])
        if not (grouped or named or _connector(words, _RATIO_RESTATED, filler=4)):
            continue
        approx = stated.approx or last.approx
        state.add_change(stated, last, direction, _equality(approx))


def _a_plain_ratio(stated: Lit, ratio: Fraction) -> bool:
    """A percentage no change word names that is one value's share of the other, within its
    written precision (``10,341 vs 7,451 tok/s, i.e. 72 %``)."""
    value = literal_value(stated, stated=True)
    return any(value.interval.contains(r) for r in (ratio, 1 / ratio))


def change_between(state: State) -> None:
    """``from 400 to 500 tokens/s (+25%)``, ``$12,000 → $9,000, a 25% reduction``: a change
    from one stated value to another, then the change in percent (B / A − 1, or 1 − B / A).
    ``to`` needs ``from`` before the first value; a dash is a range, never a change."""
    chains = state.chains
    for k, chain in enumerate(chains):
        last = strip_groups(chain.exprs[-1])
        if not isinstance(last, Lit) or chain.ignored:
            continue
        pair = _range_change(state, chain, last)
        step = 1
        if pair is None and k + 1 < len(chains):
            pair, step = _two_value_change(state, chain, chains[k + 1], last), 2
        if pair is None or k + step >= len(chains):
            continue
        (a, b), prev, nxt = pair, chains[k + step - 1], chains[k + step]
        stated = strip_groups(nxt.exprs[0]) if len(nxt.exprs) == 1 else None
        if not isinstance(stated, Lit) or stated.bound:
            continue
        words = _without_period(state.phrase_between(prev, nxt))
        grouped = isinstance(nxt.exprs[0], Group) and not words
        # "to 610 tok/s at the worst minute, a 78 % drop": a few words may qualify the second
        # value when the percentage names the change it is
        filler = _CHANGE_FILLER if state.change_direction(stated) else 0
        said = _connector(words, _CHANGE_CONNECTORS, filler=filler)
        second = strip_groups(prev.exprs[-1])  # "4,350 tok/s puts …": the verb is its label
        label = second.label.lower().split() if isinstance(second, Lit) else []
        if not (grouped or said or (filler and _puts_it([*label, *words]))):
            continue
        if _is_multiplier(stated):
            _multiple_between(state, a, b, stated)
            continue
        if not stated.is_percent:
            continue
        direction = state.change_direction(stated)
        if direction == 0 and stated.label:
            continue  # "(80% utilisation)" is not the change
        ratio = _plain_value(BinOp("/", b, a, "/"))
        if ratio is None or ratio == 1:
            continue
        if direction == 0 and _a_plain_ratio(stated, ratio):
            continue  # "10,341 vs 7,451 tok/s, i.e. 72 %": one is that share of the other
        direction = direction or (1 if ratio > 1 else -1)
        text = f"{_change_text(state, b)} / {_change_text(state, a)}"
        approx = stated.approx or "≈" in chain.relations
        state.add_change(stated, BinOp("/", b, a, "/"), direction, _equality(approx), text)


def change_before_between(state: State) -> None:
    """``p99 rose 16×, from 120 ms to 2,350 ms``, ``improved 2.5× (1,200 → 3,900 tok/s)``,
    ``fell 38 %, from $12,000 to $7,440``: a change written before the two values it is
    between. A multiple is the larger value over the smaller; a percentage must say which way
    it goes (``+``, a word after it, or a verb before it) and is checked as a change."""
    chains = state.chains
    for k, chain in enumerate(chains[:-1]):
        stated = single_lit(chain)
        if stated is None or stated.bound or stated.is_range or stated.label:
            continue
        multiple = _is_multiplier(stated)
        direction = 0 if multiple else _direction_around(state, stated)
        if not (multiple or (stated.is_percent and direction)):
            continue
        if state.phrase_between(chain, chains[k + 1]) not in _BEFORE_VALUES:
            continue
        first = strip_groups(chains[k + 1].exprs[-1])
        if not isinstance(first, Lit) or len(chains[k + 1].exprs) != 1:
            continue
        pair = _range_change(state, chains[k + 1], first)
        if pair is None and k + 2 < len(chains):
            pair = _two_value_change(state, chains[k + 1], chains[k + 2], first)
        if pair is None:
            continue
        a, b = pair
        if multiple:
            ratio = _plain_value(BinOp("/", b, a, "/"))
            if ratio is None or ratio == 1:
                continue
            _add_quotient(state, stated, *((b, a) if ratio > 1 else (a, b)))
        else:
            text = f"{_change_text(state, b)} / {_change_text(state, a)}"
            state.add_change(
                stated, BinOp("/", b, a, "/"), direction, _equality(stated.approx), text
            )


#: The words between a change and the two values after it: ``16×, from 120 ms``, ``2.5× (``.
_BEFORE_VALUES = ([",", "from"], ["(", "from"], ["("], ["from"], [":", "from"], ["—", "from"])
#: Verbs right before a percentage (or its ``by``) that make it a change: ``grow 20 %``.
_GROW_VERBS = frozenset(
    "grow grows grew rise rises rose increase increases increased jump jumps jumped climb climbs"
    " climbed".split()
)
_SHRINK_VERBS = frozenset(
    "shrink shrinks shrank drop drops dropped fall falls fell decrease decreases decreased"
    " decline declines declined".split()
)
#: Verbs before a percentage that say which way the change it states goes.
_RISE_VERBS = frozenset("rose grew increased jumped climbed went up improved".split())
_FALL_VERBS = frozenset("fell dropped decreased shrank declined dipped".split())


def _direction_around(state: State, lit: Lit) -> int:
    """Which way a percentage change goes: by its sign or the word after it, else by the
    verb right before it (``rose 38 %``, ``fell by 38 %``)."""
    direction = state.change_direction(lit)
    if direction:
        return direction
    tokens = state.where.tokens
    k = state.token_index(lit.start) - 1
    if k >= 0 and lower_word(tokens[k].text) == "by":
        k -= 1
    verb = lower_word(tokens[k].text) if k >= 0 else ""
    return 1 if verb in _RISE_VERBS else -1 if verb in _FALL_VERBS else 0


def _change_text(state: State, lit: Lit) -> str:
    """A value of a change as written, without a verb read as its label (``4,350 tok/s``)."""
    if lit.label and lit.label.split()[0].lower() in _PUTS:
        return quantity_text(lit, state.where)
    return literal_text(lit, state.where)


#: ``… → $9,000, a 25% reduction``: the words between a change and its percentage.
_CHANGE_CONNECTORS = (
    (",",),
    (",", "so"),
    (",", "i.e."),
    (",", "i.e.", "by"),
    ("—",),
    (",", "or"),
    ("or",),
    (":",),
)
#: Most words that may qualify the second value before a change that names itself.
_CHANGE_FILLER = 4
#: Verbs that set what a change is of: ``4,980 vs 4,350 puts TRT 14.5 % ahead``.
_PUTS = frozenset({"puts", "makes", "leaves", "gets"})


def _puts_it(words: list[str]) -> bool:
    """The words between a change's values and its percentage name what the change puts
    ahead or behind: ``puts it``, ``makes the new kernel``."""
    subject = words[1:]
    return (
        len(words) >= 2
        and words[0] in _PUTS
        and len(subject) <= 3
        and all(w.isalpha() and w not in _CLAUSE_WORDS for w in subject)
    )


#: ``from $3,600 to $500 a month, …``: the period both values are per, right after the second.
_PERIODS = frozenset("second minute hour day week month quarter year".split())


def _in_points(lit: Lit) -> bool:
    """A percentage written in points (``6.7 pp``): the difference of two percentages."""
    return lit.is_percent and lit.unit_text.strip().lower() in ("pp", "pts", "p.p.")


def _without_period(words: list[str]) -> list[str]:
    """The words after a change's second value without the period it is per (``a month``,
    ``per year``): both values are per that period, so their ratio is the change."""
    if len(words) > 2 and words[0] in ("a", "an", "per") and words[1] in _PERIODS:
        return words[2:]
    return words


def _is_multiplier(lit: Lit) -> bool:
    return lit.unit is not None and lit.unit.kind == "multiplier" and not lit.is_range


def _multiple_between(state: State, a: Lit, b: Lit, stated: Lit) -> None:
    """``from 77.5 tok/s to 137.3 tok/s, a 1.94× gain``: the larger value over the smaller,
    when the words name the change's direction and the values go that way; ``from 420 ms to
    1.9 s, so 4.5× worse`` and ``… to 120 ms, 3.5× faster``: the larger over the smaller
    whichever way they go, when the values are times or rates (what speed words speak of); a
    bare ``(3.5×)`` that ends its bracket or sentence: the larger over the smaller too."""
    ratio = _plain_value(BinOp("/", b, a, "/"))
    if ratio is None or ratio == 1:
        return
    after = _word_after(state, stated)
    if after in _SPEED_WORDS:
        if not (_timed(a) and _timed(b)):
            return  # "from 2 to 4 nodes, 1.8× faster": the speed of something else
        top, bottom = (b, a) if ratio > 1 else (a, b)
    elif after in _MULTIPLE_ENDS:
        top, bottom = (b, a) if ratio > 1 else (a, b)
    elif _of_the_start(state, stated):
        top, bottom = b, a  # "from 640 ms to 9.2 s, 14.4× the baseline": the new over the old
    else:
        direction = state.change_direction(stated)
        if direction == 0 or (ratio - 1) * direction <= 0:
            return
        top, bottom = (b, a) if direction > 0 else (a, b)
    _add_quotient(state, stated, top, bottom)


def _add_quotient(state: State, stated: Lit, top: Lit, bottom: Lit) -> None:
    """The claim that ``stated`` is ``top`` / ``bottom``, two values of its sentence."""
    text = f"{literal_text(top, state.where)} / {literal_text(bottom, state.where)}"
    state.claims.append(
        Claim(
            "formula",
            stated,
            state.where,
            relation=_equality(stated.approx),
            formula=BinOp("/", top, bottom, "/"),
            formula_where=state.where,
            derivation=text,
        )
    )


#: Words after a multiple of a time or a rate that say which is better, not which is larger.
_SPEED_WORDS = frozenset({"faster", "slower", "quicker", "better", "worse"})
#: What may follow a bare multiple of a change: the end of its bracket or sentence.
_MULTIPLE_ENDS = frozenset({")", ".", ";", ""})


#: What a multiple of the first value of a change calls it: ``14.4× the baseline``.
_START_WORDS = frozenset(
    "baseline previous original old normal usual initial prior starting before".split()
)


def _of_the_start(state: State, lit: Lit) -> bool:
    """Whether a multiple names the change's first value after it (``14.4× the baseline``)."""
    if lit.label:
        return False
    tokens = state.where.tokens
    k = state.token_index(lit.end)
    words = [t.text.lower() for t in tokens[k : k + 2]]
    return words[:1] == ["the"] and words[1:] != [] and words[1] in _START_WORDS


def _word_after(state: State, lit: Lit) -> str:
    """The word after a literal's unit, lower-cased: its label's first, else the next token
    (``""`` at the end of the text)."""
    if lit.label:
        return lit.label.split()[0].lower()
    tokens = state.where.tokens
    k = state.token_index(lit.end)
    return tokens[k].text.lower() if k < len(tokens) else ""


def _timed(lit: Lit) -> bool:
    """A time or a rate: a unit with a time dimension."""
    table = unit_table()
    return lit.unit is not None and lit.unit.dims[table.names.index("second")] != 0


def _range_change(state: State, chain: Chain, lit: Lit) -> tuple[Lit, Lit] | None:
    """``from 400 to 500 tokens/s``: the lexer read one range; its ends are the change."""
    if lit.upper is None or lit.plus_minus is not None:
        return None
    k = state.token_index(lit.num_start)
    tokens = state.where.tokens
    before = state.token_index(lit.start) - 1  # before its currency sign (``from $0.02 to``)
    if before < 0 or lower_word(tokens[before].text) != "from":
        return None
    if k + 2 >= len(tokens) or tokens[k + 1].text not in ("to", "→", "->"):
        return None
    upper_tok = tokens[k + 2] if tokens[k + 2].kind == "num" else tokens[k + 3]
    if upper_tok.literal is not lit.upper:
        return None
    a = Lit(**{**lit.__dict__, "upper": None, "end": lit.num_end})
    b = Lit(
        **{**lit.__dict__, "upper": None, "number": lit.upper},
    )
    b.num_start, b.num_end, b.start = upper_tok.start, upper_tok.end, upper_tok.start
    return a, b


def _two_value_change(state: State, first: Chain, second: Chain, a: Lit) -> tuple[Lit, Lit] | None:
    """``$12,000 → $9,000`` and ``from 500 to 400 ms``: two values joined by an arrow or by
    ``from … to``; ``248.4 vs 144.9 tokens/s``: the first against the second, as a change
    from the second to the first."""
    if len(second.exprs) != 1 or second.head is not None:
        return None
    b = strip_groups(second.exprs[0])
    if not isinstance(b, Lit) or a.is_range or b.is_range or a.bound or b.bound:
        return None
    words = state.words_between(first, second)
    if words in VERSUS:
        a, b = b, a  # "248.4 vs 144.9": from the baseline 144.9 to 248.4
        if b.unit is None and a.unit is not None:
            b = Lit(**{**b.__dict__, "unit": a.unit, "unit_text": a.unit_text, "scale": a.scale})
    elif words in (["→"], ["->"]):
        pass
    elif words == ["to"]:
        k = state.token_index(a.start)
        if k == 0 or lower_word(state.where.tokens[k - 1].text) != "from":
            return None
    else:
        return None
    if a.is_percent or b.is_percent:
        return None
    if a.unit is None and b.unit is not None and (a.label or a.per):
        return None  # "4 devices per store → 40 Mbps": a count, then what it gives
    if a.unit is None and b.unit is not None:
        a = Lit(**{**a.__dict__, "unit": b.unit, "unit_text": b.unit_text, "scale": b.scale})
    if not _same_kind(a, b) or (a.unit is None and a.scale != b.scale):
        return None
    return a, b


#: Most words between a whole and its share in parentheses.
MAX_CLAUSE_WORDS = 4


def part_of_whole(state: State) -> None:
    """``18 GB of 64 GB (28%)`` and ``18 GB out of 64 GB (28%)``: a share stated after a part
    (with a unit) and its whole; ``23.6B of 31.2B tokens, or 75.6 %`` and ``19,680 of the
    24,000 audited pairs, or 84.0 %`` too."""
    for (first, second), (_, third) in pairwise(pairwise(state.chains)):
        part, whole = strip_groups(first.exprs[-1]), second.exprs
        if state.words_between(first, second) not in _PART_OF:
            continue
        if len(whole) != 1 or len(third.exprs) != 1:
            continue
        if not _share_follows(state, second, third):
            continue
        whole_lit = strip_groups(whole[0])
        pct = strip_groups(third.exprs[0])
        if not (isinstance(part, Lit) and isinstance(whole_lit, Lit) and isinstance(pct, Lit)):
            continue
        if not pct.is_percent or not _part_and_whole(part, whole_lit):
            continue
        if part.unit is None and whole_lit.unit is not None:
            # "1,934 of 2,000 requests": the part counts what its whole does
            part = Lit(**{**part.__dict__, "unit": whole_lit.unit, "unit_text": ""})
        state.claims.append(share_claim(pct, part, whole_lit, state.where))


def share_then_parts(state: State) -> None:
    """``34.4 % of the primary bucket (620 of 2,420 TB)``: a share of a named whole, then the
    part and the whole that give it in brackets."""
    for (first, second), (_, third) in pairwise(pairwise(state.chains)):
        if len(first.exprs) != 1 or len(second.exprs) != 1 or len(third.exprs) != 1:
            continue
        pct = strip_groups(first.exprs[0])
        if not isinstance(pct, Lit) or not pct.is_percent or pct.bound or pct.is_range:
            continue
        lead = state.words_between(first, second)
        if not (2 <= len(lead) <= MAX_CLAUSE_WORDS + 2 and lead[0] == "of" and lead[-1] == "("):
            continue
        if not all(w.isalpha() for w in lead[1:-1]) or state.words_between(second, third) not in (
            ["of"],
            ["out", "of"],
        ):
            continue
        part, whole = strip_groups(second.exprs[0]), strip_groups(third.exprs[0])
        tokens = state.where.tokens
        closed = third.tok_end < len(tokens) and tokens[third.tok_end].text == ")"
        if not (isinstance(part, Lit) and isinstance(whole, Lit) and closed):
            continue
        if part.is_percent or not _part_and_whole(part, whole):
            continue
        if part.unit is None and whole.unit is not None:
            part = Lit(**{**part.__dict__, "unit": whole.unit, "unit_text": ""})
        state.claims.append(share_claim(pct, part, whole, state.where, pct.approx))


#: Words between a part and its whole: ``of``, ``out of``, ``of the`` (``19,680 of the 24,000
#: audited pairs``).
_PART_OF = (["of"], ["out", "of"], ["of", "the"], ["out", "of", "the"])
#: Words that join a part-of-whole to its share when no bracket does: ``…, or 75.6 %``.
_SHARE_JOINS = ((",", "or"), (",", "i.e."), ("or",), ("i.e.",), ("—",), (",", "that", "is"))


def _share_follows(state: State, whole: Chain, share: Chain) -> bool:
    """The share after a whole: in brackets after a short clause (``requests met it (96.7 %)``),
    or joined by ``, or``/``, i.e.`` after one (a comma when the share is ``of the total`` or
    ends the clause) and not a share of another figure (``, or 74 % of the 40 planned``)."""
    if isinstance(share.exprs[0], Group):
        return _short_clause(state.where.tokens[whole.tok_end : share.tok_start])
    words = tuple(state.phrase_between(whole, share))
    tokens = state.where.tokens
    k = share.tok_end
    after = [t.text.lower() for t in tokens[k : k + 4]]
    ends = not after or after[0] in (".", ";", ")")  # "111.1 TB of 192 TB, 58 %."
    names_whole = after[:3] in _OF_THE_WHOLE or after[:2] in _OF_IT or _of_the_noun(tokens, k)
    joins = (*_SHARE_JOINS, (",",)) if names_whole or ends else _SHARE_JOINS
    join = next((j for j in joins if words[len(words) - len(j) :] == j), None)
    clause = words[: len(words) - len(join)] if join else ()
    if join is None or len(clause) > MAX_CLAUSE_WORDS or not all(w.isalpha() for w in clause):
        return False
    return not (k + 1 < len(tokens) and tokens[k].text == "of" and tokens[k + 1].kind == "num")


#: A share that names its whole as the one just written: ``88 of 968 GPU-hours, 9.1 % of the
#: total`` (a comma alone joins it then).
_OF_THE_WHOLE = (["of", "the", "total"], ["of", "the", "whole"], ["of", "the", "sum"])
#: ``70 of the 350 ms budget, 20 % of it``: the whole named again as ``it`` or ``that``.
_OF_IT = (["of", "it"], ["of", "that"])


def _of_the_noun(tokens: list[Token], k: int) -> bool:
    """``5M of 250M passages, 0.2 % of the corpus``: the whole named again by a noun, no
    figure after it."""
    words = tokens[k : k + 4]
    return (
        len(words) >= 3
        and [t.text.lower() for t in words[:2]] == ["of", "the"]
        and words[2].kind == "word"
        and (len(words) == 3 or words[3].kind != "num")
    )


def _short_clause(tokens: list[Token]) -> bool:
    """Nothing, or a few words and no figure, between a whole and its share: ``1,934 of 2,000
    requests met it (96.7 %)``."""
    return len(tokens) <= MAX_CLAUSE_WORDS and all(t.kind == "word" for t in tokens)


def _part_and_whole(part: Lit, whole: Lit) -> bool:
    """A part with a unit (``18 GB of 64 GB``), or a plain count of a count (``1,712 of
    2,000``, ``1,934 of 2,000 requests``) at one scale."""
    if part.unit is not None:
        return True
    if part.label or part.scale != whole.scale:
        return False
    return not any(lit.bound or lit.is_range or lit.approx for lit in (part, whole))


def wall_clock(state: State) -> None:
    """``On the 64-GPU slice the 42.5 GPU-days take 0.66 days``: GPU-time that takes a plain
    time is spread over the one GPU count of its sentence, so it lasts the GPU-time ÷ that
    count."""
    for prev, nxt, source in state.neighbours():
        stated = strip_groups(nxt.exprs[0])
        if not (isinstance(source, Lit) and isinstance(stated, Lit)) or _counted(source) != "gpu":
            continue
        if stated.unit is None or stated.unit.kind != "time" or _counted(stated):
            continue
        if state.words_between(prev, nxt) not in (["take"], ["takes"]):
            continue
        if source.bound or stated.bound or source.is_range or stated.is_range:
            continue
        count = _one_gpu_count(state, prev, nxt)
        if count is None:
            continue
        state.claims.append(
            Claim(
                "formula",
                stated,
                state.where,
                relation=_equality(stated.approx),
                formula=BinOp("/", source, count, "/"),
                formula_where=state.where,
                derivation=(f"{literal_text(source, state.where)} / {count.number.text} GPUs"),
            )
        )


def _one_gpu_count(state: State, prev: Chain, nxt: Chain) -> Lit | None:
    """The one plain count of GPUs (``64 GPUs``, ``64-GPU``) in the sentence of two chains."""
    tokens = state.where.tokens
    ends = [k for k, t in enumerate(tokens) if t.kind == "sym" and t.text in (".", ";", "!", "?")]
    start = max((k for k in ends if k < prev.tok_start), default=-1)
    end = min((k for k in ends if k >= nxt.tok_end), default=len(tokens))
    counts = []
    for chain in state.chains:
        if chain.tok_start <= start or chain.tok_end > end:
            continue
        for lit in (e for expr in chain.exprs for e in literals(expr)):
            if lit.unit is None and lit.label and noun_key(lit.label) == "gpu":
                counts.append(lit)
    if len(counts) != 1 or not counts[0].number.is_plain_integer or counts[0].approx:
        return None
    return counts[0] if counts[0].number.value > 1 else None


def dtype_width(state: State) -> None:
    """``one FP16 scale, i.e. 2 bytes``: the size of one element of a named format;
    ``167.8M parameters, or 335.5 MB in BF16``: the size of a count in one."""
    state.claims.extend(width_claims(state.where))
    state.claims.extend(count_size_claims(state.where))


#: The shapes, in the order they run.
SHAPES: tuple[tuple[str, Shape], ...] = (
    ("definition", definition),
    ("equation", equation),
    ("restatement", restatement),
    ("value_with_formula", value_with_formula),
    ("formula_with_value", formula_with_value),
    ("parenthetical_restatement", parenthetical_restatement),
    ("value_in_words", value_in_words),
    ("share_in_words", share_in_words),
    ("restatement_in_words", restatement_in_words),
    ("ratio_as_change", ratio_as_change),
    ("change_between", change_between),
    ("change_before_between", change_before_between),
    ("part_of_whole", part_of_whole),
    ("share_then_parts", share_then_parts),
    ("dtype_width", dtype_width),
    ("wall_clock", wall_clock),
)


def extract(document: Document, where: Scanned) -> State:
    """Run every shape over one scanned segment; the state holds its claims and definitions."""
    state = State(document, where)
    for _, shape in SHAPES:
        shape(state)
    return state


# ---- helpers -----------------------------------------------------------------------------------


_ONE = make_literal("1", "1")
#: ``(50 GB/s) per GPU`` after a figure: the thing it is per, past a bracketed restatement.
_PER_AFTER = lazy_re(r"\s*(?:\([^()\n]{0,30}\)\s*)?per\s+([A-Za-z][\w-]*)")


def _one_at(index: int) -> Lit:
    """The ``1`` of ``ratio − 1``: not written in the document, so it spans nothing."""
    return Lit(number=_ONE, num_start=index, num_end=index, start=index, end=index)


#: Words after a multiplier that make it a speedup, above 1 by definition.
FASTER_WORDS = frozenset({"faster", "quicker"})


def _reciprocal(rate: Lit, time: Lit) -> bool:
    """``38 tok/s`` and ``26 ms per token``: a rate of something per time, and a time per one
    of that thing (their dimensions cancel)."""
    if rate.unit is None or time.unit is None or not time.per or rate.per:
        return False
    if rate.unit.dims[1] != -1 or time.unit.kind != "time" or rate.is_percent:
        return False
    table = unit_table()
    per = table.lookup(time.per)
    if per is None or per.kind == "time":
        return False
    return not any(table.mul(rate.unit.dims, table.div(time.unit.dims, per.dims)))


def _plain_value(node: Node) -> Fraction | None:
    """The value of a formula of written numbers only (no symbols), or ``None``."""
    value = written_value(node)
    if value is None or any(value.dims) or value.point <= 0:
        return None
    return Fraction(value.point)


def _plain_quotient(node: Node) -> bool:
    """``850/680``, ``(2,900 / 1,740)``: one quotient of products, nothing added."""
    node = strip_groups(node)
    return isinstance(node, BinOp) and node.op == "/" and not operators(node) & {"+", "-", "of"}


def _parenthesised(text: str, node: Node) -> str:
    return f"({text})" if has_operator(node) and " " in text else text


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
    """``2 weeks (7/24)``: a glued ``a/b`` of day and month numbers after a unit is a date."""
    node = strip_groups(formula)
    if not (isinstance(node, BinOp) and node.op == "/"):
        return False
    left, right = strip_groups(node.left), strip_groups(node.right)
    if not (isinstance(left, Lit) and isinstance(right, Lit)):
        return False
    glued = left.end == span(node)[0] + len(left.number.text) and right.num_start == left.end + 1
    small = left.number.is_plain_integer and right.number.is_plain_integer
    # month and day: "7/24", "12/31"; never "2560/200"
    calendar = small and max(left.number.value, right.number.value) <= 31
    return glued and calendar and stated.unit is not None and not stated.is_percent


def _qualifies_a_name(state: State, stated: Lit, after: list[Node]) -> bool:
    """A figure after a preposition, first in a chain whose formula's result follows (``backlog
    after 25 min = 294.7 × 1,500 ≈ 442,100``): it qualifies the name on the left, it is no
    value of the formula."""
    if not any(isinstance(strip_groups(e), Lit) for e in after):
        return False
    text = state.where.text
    if text.startswith("-", stated.num_end) and " " in text[stated.num_end : stated.end].strip():
        return True  # "the 18-month mark = 100.76 / 3 = 33.59 GiB": a figure glued to a noun
    k = state.token_index(stated.start) - 1
    tokens = state.where.tokens
    if k >= 1 and lower_word(tokens[k].text) in _DETERMINERS:
        k -= 1  # "at the 18 month mark"
    return k >= 0 and lower_word(tokens[k].text) in _QUALIFYING


#: Prepositions before a figure that qualifies a name: ``after 25 min``, ``at 4K context``.
_QUALIFYING = frozenset({"after", "at", "for", "over", "within", "in", "under", "with", "by"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "each", "every"})


def _names_another(stated: Lit, after: list[Node]) -> bool:
    """A labelled figure before a formula whose result follows in another kind of unit
    (``75 % cap = 3.56 / 0.75 = 4.75``): it names the quantity, it is not the result."""
    results = [lit for e in after if isinstance(lit := strip_groups(e), Lit)]
    return bool(results) and results[-1].is_percent != stated.is_percent


#: Operators a formula goes on with after a few words: ``… + LM head (128,256 × 8192) ≈ 87.67B``.
_GOES_ON = frozenset({"+", "−", "-", "×", "*", "·"})


#: The most words between an operator and the tail of its formula (``+ Adam m and v (4 B +
#: 4 B) = 14 B``).
_TAIL_WORDS = 4


def _tail_of_a_formula(state: State, chain: Chain) -> bool:
    """The chain is the end of a longer formula that words cut (``80 × 855.65M + … +
    embeddings (…) + LM head (128,256 × 8192) ≈ 87.67B``): an operator, a few words, then
    the chain, with a number (or a number and its noun) before the operator."""
    tokens = state.where.tokens
    k = chain.tok_start - 1
    words = 0
    while k >= 0 and tokens[k].kind == "word" and words < _TAIL_WORDS:
        k, words = k - 1, words + 1
    if not words or k < 1 or tokens[k].text not in _GOES_ON:
        return False
    if not (tokens[k].space_before and tokens[k + 1].space_before):
        return False  # "a 30-day month is …": a hyphen, no operator
    before = tokens[k - 1]
    if before.kind == "word" and k >= 2 and tokens[k - 2].kind == "num":
        return True  # "32 GPUs × micro-batch 1 × 8,192 tokens …": a count and its noun
    return before.kind == "num" or before.text == ")"


def _restates_previous(exprs: list[Node], f: int, k: int) -> bool:
    """The literal at ``k`` follows another literal after the formula, in another unit of the
    same dimensions (``= 51.2 MB/s ≈ 41 Mbps``, ``= 13,964 TB = 12,700 TiB``)."""
    if k <= f + 1 or not _is_lit(exprs[k - 1]):
        return False
    before, stated = strip_groups(exprs[k - 1]), strip_groups(exprs[k])
    assert isinstance(before, Lit) and isinstance(stated, Lit)
    if before.unit is None or stated.unit is None or before.unit.dims != stated.unit.dims:
        return False
    return (before.unit_text, _scale_text(before)) != (stated.unit_text, _scale_text(stated))


def _same_kind(a: Node, b: Lit) -> bool:
    """Two stated values of one kind: both counts of one noun, or quantities of one dimension."""
    assert isinstance(a, Lit)
    if (a.unit is None) != (b.unit is None):
        return False
    if a.unit is None or b.unit is None:
        return not (a.label and b.label) or noun_key(a.label) == noun_key(b.label)
    table = unit_table()
    if table.hard_part(a.unit.dims) != table.hard_part(b.unit.dims):
        return False
    if {a.unit.kind, b.unit.kind} <= _COUNTED_KINDS and a.unit.kind != b.unit.kind:
        return False  # "24,000 new tokens/s ≈ 366 TFLOPS": tokens and FLOPs per second
    return not (_counts_other(a, b, table.names) or _counts_other(b, a, table.names))


#: Unit kinds that count things of their own (a soft dimension): one is never another.
_COUNTED_KINDS = frozenset({"tokens", "flop", "requests", "params"})


def _counts_other(a: Lit, b: Lit, names: tuple[str, ...]) -> bool:
    """``664,000 tokens/s ≈ 3,132 passages/s``: a count ``b``'s noun names, where ``a`` counts
    a soft dimension (tokens) that is not that noun."""
    assert a.unit is not None and b.unit is not None
    if not b.label:
        return False
    counted = {name for name, x, y in zip(names, a.unit.dims, b.unit.dims, strict=True) if x != y}
    return bool(counted) and noun_key(b.label) not in counted


def _counted(lit: Lit) -> str:
    """What a resource-time unit counts (``gpu`` for GPU-hours), or ``""``."""
    return lit.unit.counted if lit.unit is not None else ""


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
