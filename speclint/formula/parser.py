"""A Pratt parser for formulas and relation chains over lexer tokens.

The parser builds its own nodes; nothing here hands document text to ``eval``, ``sympify`` or
``parse_expr``. Size, nesting and chain length are capped; a formula past a cap raises
:class:`TooComplex` so that the caller reports it as unchecked instead of evaluating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import ClassVar

from speclint.formula.expr import (
    BinOp,
    Call,
    Chain,
    Group,
    Ident,
    Lit,
    Neg,
    Node,
    TooComplex,
    has_operator,
    literals,
    strip_groups,
)
from speclint.formula.lexer import Token
from speclint.formula.vocabulary import (
    APPROX_SYMBOLS,
    APPROX_WORDS,
    BILLION_CONTEXT,
    BOUND_FIRST_WORDS,
    BOUND_PHRASES,
    BOUND_SYMBOLS,
    COUNTED_ROW_NOUNS,
    DIV_SYMBOLS,
    GREEK_COMMANDS,
    LEAD_WORDS,
    MUL_SYMBOLS,
    MULTIPLIER_WORDS,
    PERIOD_WORDS,
    POW_SYMBOLS,
    QUANTITY_PREFIXES,
    RANGE_SYMBOLS,
    RELATION_WORDS,
    RELATIONS,
    RESULT_PHRASES,
    STOP_WORDS,
    VARIABLE_PREFIXES,
    ChainLink,
    lower,
)
from speclint.quantity.numbers import make_literal
from speclint.quantity.units import Unit, unit_table

#: The unwritten ``1`` of a unit that follows a parenthesised factor: ``(6 + 12/128) B``.
_ONE = make_literal("1", "1")

MAX_EXPR_TOKENS = 64
MAX_NESTING = 16
MAX_CHAIN_LINKS = 12
#: Kinds of one amount of data: ``300 MB/s, which is 2.4 Gbps`` restates it.
_BITS_AND_BYTES = frozenset({"bits", "bytes"})
#: Most words in a label that names a factor inside a formula ("4 intra-node neighbours").
MAX_LABEL_WORDS = 3
#: The most words a parenthesised label of a factor holds (``2 (for K and V) ×``).
MAX_PARENTHETICAL_LABEL_WORDS = 5


def _stop_word(word: str) -> bool:
    """``gets``, ``Gets``: a stop word; ``GETs`` and ``GET`` (an acronym) are not."""
    if word in STOP_WORDS:
        return True
    return (len(word) == 1 or word[1:].islower()) and lower(word) in STOP_WORDS


#: Scales that may stand after a space: ``162 k``, ``2.1 M`` (never ``B``: bytes).
_SPACED_SCALES = frozenset({"k", "K", "M"})
#: Spaced scales that stay a scale before a product sign (``635 M × 1,500``); ``k`` and ``K``
#: are often a symbol there (``2 k × d``).
_SPACED_FACTORS = frozenset({"M"})
#: Units a spaced billion may count (``38.3 B tokens``).
_COUNTED_UNITS = frozenset({"tokens", "token"})
#: Words that say which tokens a rate counts, between its number and ``tokens/s``: ``4,100
#: output tokens/s`` is a rate in tokens/s.
_TOKEN_KINDS = frozenset(
    "output input prompt generated decode decoded prefill completion new cached".split()
)
#: Words between a ``B`` and a counted noun that make the ``B`` bytes: ``2 B per token``.
#: Words a counted device's name may take between ``N ×`` and ``at`` (``8 × H100 SXM at``).
_MAX_COUNTED_WORDS = 3
_NOT_ADJECTIVES = frozenset("per of for each every a an the to in at on by from with".split())
#: Plain words a restatement in other units may follow its quantity by (``of wall-clock``).
_ASIDE_WORDS = 4
#: What joins such a restatement after those words: ``, which is``, ``, i.e.``.
_ASIDE_JOINS = ([",", "which", "is"], [",", "i.e"], [",", "i.e", "."], [",", "that", "is"])
#: Tokens after a price's ``per 1k`` that show a formula goes on with it.
_FORMULA_GOES_ON = frozenset({"=", "≈", "×", "*", "÷", "/", ")", "→"})


#: Operators and words that add or multiply a term on: a chain right after one is a tail.
_JOINING = frozenset({"+", "plus", "−", "minus", "×", "*", "·"})
_MULTIPLYING = frozenset({"×", "*", "·"})
#: Label words that may stand between such an operator and the term it adds.
_MOST_ADDEND_LABEL_WORDS = 8


def _unit_off_exponent(node: BinOp) -> Node:
    """``10^10 s``: a unit written after a power's exponent is the power's (an exponent has
    none): the power times the unit."""
    exponent = node.right
    if node.op != "^" or not isinstance(exponent, Lit) or exponent.unit is None:
        return node
    if exponent.per or exponent.is_range or exponent.bound or exponent.scale is not None:
        return node
    if exponent.unit.kind in ("multiplier", "percent", "currency"):
        return node
    if any(lit.unit is not None for lit in literals(node.left)):
        return node
    at = exponent.num_end  # a bare unit carries an implied 1 that spans no digit
    one = Lit(_ONE, at, at, at, exponent.end, unit=exponent.unit)
    one.unit_text = exponent.unit_text
    bare = replace(exponent, unit=None, unit_text="", end=exponent.num_end)
    return BinOp("*", BinOp("^", node.left, bare, node.symbol), one, "")


class Parser:
    """Parse expressions and relation chains out of one text segment's tokens."""

    PRECEDENCE: ClassVar[dict[str, int]] = {"+": 10, "-": 10, "*": 20, "/": 20, "of": 20, "^": 40}

    def __init__(
        self,
        tokens: list[Token],
        *,
        math: bool = False,
        code: bool = False,
        billion_context: bool = False,
    ):
        self.toks = tokens
        self.n = len(tokens)
        self.math = math
        self.code = code
        self.billion_context = billion_context
        self.units = unit_table()
        self.depth = 0

    # ---- token helpers ----------------------------------------------------------------------

    def tok(self, i: int) -> Token | None:
        return self.toks[i] if 0 <= i < self.n else None

    def text(self, i: int) -> str:
        t = self.tok(i)
        return t.text if t else ""

    def glued(self, i: int) -> bool:
        """Token ``i`` follows token ``i-1`` with no space."""
        t = self.tok(i)
        return t is not None and not t.space_before

    def is_num(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "num"

    def is_sym(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "sym"

    def is_word(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.kind == "word"

    def is_identifier(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "cmd":
            return t.text in GREEK_COMMANDS
        if t.kind != "word":
            return False
        if len(t.text) == 1:
            if t.text == "a" and not self.math:
                return False  # the article
        elif _stop_word(t.text):
            return False
        if "://" in t.text or t.text.startswith("www."):
            return False
        return t.text[0].isalpha()

    # ---- chains -----------------------------------------------------------------------------

    def relation_at(self, i: int) -> tuple[ChainLink, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind in ("sym", "cmd") and t.text in RELATIONS:
            if t.text == "==" and self.code:
                return None  # a comparison in program text, not a claim
            if t.text == "~" and not (
                t.space_before and self.tok(i + 1) and self.toks[i + 1].space_before
            ):
                return None  # "~79 %" approximates; "12~41%" is a range
            return RELATIONS[t.text], i + 1
        if t.kind == "word" and t.text.lower() in RELATION_WORDS:
            return RELATION_WORDS[t.text.lower()], i + 1
        return None

    def result_phrase_at(self, i: int) -> tuple[ChainLink, int] | None:
        """``is``, ``works out to``, ``, i.e.``…: words that give a formula's result, when a
        quantity follows them."""
        k = i + 1 if self.text(i) == "," else i
        if lower(self.text(k)) == "which" and lower(self.text(k + 1)) != "is":
            k += 1  # "…, which works out to 7.5 GB"
        that_is = self.that_is_at(i)
        if that_is is not None:
            return that_is
        for phrase in RESULT_PHRASES:
            if all(
                self.is_word(k + n) and lower(self.text(k + n)) == word
                for n, word in enumerate(phrase)
            ):
                end = k + len(phrase)
                if self._leads_number(end) or (
                    lower(self.text(end)) in APPROX_WORDS and self._leads_number(end + 1)
                ):
                    return "=", end
        return None

    def _remainder_at(self, i: int) -> tuple[ChainLink, int] | None:
        """``leaves`` or ``leaving`` before a number: what a difference comes to."""
        if (
            self.is_word(i)
            and lower(self.text(i)) in _REMAINDER_WORDS
            and self._leads_number(i + 1)
        ):
            return "=", i + 1
        return None

    def that_is_at(self, i: int) -> tuple[ChainLink, int] | None:
        """``, i.e. 7``: the words that restate a formula's result, when a number follows."""
        k = i + 1 if self.text(i) == "," else i
        if not (self.is_word(k) and lower(self.text(k)) in ("i.e", "ie")):
            return None
        end = k + 2 if self.text(k + 1) == "." else k + 1
        if self._leads_number(end) or (
            lower(self.text(end)) in APPROX_WORDS and self._leads_number(end + 1)
        ):
            return "=", end
        return None

    def _conversion_at(self, i: int, last: Node) -> tuple[ChainLink, int] | None:
        """``16 GB, which is 14.9 GiB``: a value restated in another unit of its kind."""
        if not isinstance(last, Lit) or last.unit is None or last.per or last.label:
            return None
        rel = self.result_phrase_at(i)
        aside = False
        # "13.3 MB/s, about 13 Mbps", "14.4 MB/s of item data, about 115 Mbps": the same
        # amount, rounded, in another unit
        k = self._past_words(i) if lower(self.text(i)) == "of" else i
        appositive = rel is None and self._approx_after_comma(k)
        if appositive:
            rel = ("≈", k + 1)
        if rel is None:  # "22.3 hours of wall-clock, which is 0.93 days": a few words between
            i = self._past_words(i)
            rel = self.result_phrase_at(i) if self.text(i) == "," else None
            aside = rel is not None
        words = [lower(self.text(j)) for j in range(i, rel[1])] if rel is not None else []
        joins = [self.text(j).lower() for j in range(i, rel[1])] if rel is not None else []
        if aside and [w for w in joins if w not in APPROX_WORDS] not in _ASIDE_JOINS:
            return None
        if words in (["is"], [",", "is"]):
            return None  # a bare "is" joins clauses ("a 2 h job is 30 min late")
        after = self.parse_quantity(rel[1]) if rel is not None else None
        if after is None or after[0].unit is None or after[0].per or after[0].label:
            return None
        kinds = {after[0].unit.kind, last.unit.kind}
        same_kind = after[0].unit.dims == last.unit.dims and (
            len(kinds) == 1 or kinds == _BITS_AND_BYTES
        )
        if aside and after[0].unit.text == last.unit.text:
            return None  # "20-byte address, for a total of 23 bytes": one unit, no restatement
        if appositive and not self._ends_a_phrase(after[1]):
            return None  # "120 ms, about 0.1 s faster than before": a difference, no restatement
        return rel if same_kind and after[0].unit_text != last.unit_text else None

    def _approx_after_comma(self, i: int) -> bool:
        """``, about 13`` / ``, ~13`` at ``i``: a comma, then a word or mark of approximation
        that leads a number."""
        if self.text(i) != ",":
            return False
        mark = self.text(i + 1)
        return (lower(mark) in APPROX_WORDS or mark in APPROX_SYMBOLS) and self._leads_number(i + 2)

    def _ends_a_phrase(self, j: int) -> bool:
        """Nothing goes on at ``j`` but punctuation, the end, or ``of`` and what it is of."""
        t = self.tok(j)
        return t is None or t.text in (",", ".", ";", ":", ")", "!") or lower(t.text) == "of"

    def _past_words(self, i: int) -> int:
        """The token after a few plain words (no digit, no unit) from ``i``, or ``i``."""
        k = i
        while k < i + _ASIDE_WORDS and self.is_word(k):
            word = self.text(k)
            if any(ch.isdigit() for ch in word) or self.units.lookup(word) is not None:
                return i
            k += 1
        return k

    def binop_at(self, i: int, left: Node) -> tuple[str, str, int] | None:
        """The binary operator starting at token ``i``: (op, symbol as written, next index)."""
        t = self.tok(i)
        if t is None:
            return None
        s = t.text
        if t.kind in ("sym", "cmd"):
            if s in MUL_SYMBOLS:
                return "*", s, i + 1
            if s in DIV_SYMBOLS:
                return "/", s, i + 1
            if s in POW_SYMBOLS:
                return "^", s, i + 1
            if s == "+":
                return "+", s, i + 1
            if s == "−":
                return "-", s, i + 1
            if s == "-":
                nxt = self.tok(i + 1)
                # "10 - 2" is subtraction; "2-4" is a range and "A-B" a hyphenated word,
                # unless the glued hyphen sits inside a formula ("8.87-7.45=1.42").
                if t.space_before and nxt is not None and nxt.space_before:
                    return "-", s, i + 1
                if self.glued_minus(i):
                    return "-", s, i + 1
                return None
            if s == "\\frac" or s in ("(", "{") or s in GREEK_COMMANDS:
                return ("*", "", i) if self.math else None
            return None
        if t.kind == "word":
            low = s.lower()
            if low == "x" and t.space_before and self._operand_follows(i + 1):
                return "*", s, i + 1
            if (
                low == "of"
                and isinstance(inner := strip_groups(left), Lit)
                and inner.is_percent
                and (self._leads_number(i + 1) or self.text(i + 1) == "(")
            ):
                return "of", s, i + 1  # "30% of 64GB", not "52% of peak"
            if (
                low == "of"
                and isinstance(inner := strip_groups(left), Lit)
                and inner.is_percent
                and lower(self.text(i + 1)) in ("a", "an", "the")
            ):
                whole = self._possessed_number(i + 2)
                if whole is not None:
                    return "of", s, whole  # "30% of the 64 GB", "48% of a single L4's 24 GB"
            if low in ("of", "for", "at") and self._word_product(i, low, left):
                return "*", s, i + 1  # "7 days of 390 MB/s", "8 GPUs for 3 h at $2/GPU-hour"
            if self.math and self.is_identifier(i):
                return "*", "", i
        return None

    def _named_factor(self, i: int) -> bool:
        """``TP=8 × PP=16 × DP=128``: a factor written with its name, glued to ``=``, in a
        product. Alone (``TP=8``) it is a definition."""
        if not (self.is_identifier(i) and self.text(i + 1) == "=" and self.is_num(i + 2)):
            return False
        if not (self.glued(i + 1) and self.glued(i + 2)):
            return False
        parsed = self.parse_quantity(i + 2)
        if parsed is None:
            return False
        before, after = self.tok(i - 1), self.tok(parsed[1])
        return any(
            t is not None and t.kind in ("sym", "cmd") and t.text in MUL_SYMBOLS
            for t in (before, after)
        )

    def _acronym_factor(self, i: int) -> bool:
        """``9.85 TB/day × 3 days × RF 3``: a factor after a product sign written as an
        acronym (two to four capitals) and then its number, a space between them."""
        t = self.tok(i)
        if t is None or not self.is_identifier(i) or not _ACRONYM.fullmatch(t.text):
            return False
        before = self.tok(i - 1)
        if before is None or before.kind not in ("sym", "cmd") or before.text not in MUL_SYMBOLS:
            return False
        return (
            self.is_num(i + 1) and not self.glued(i + 1) and self.parse_quantity(i + 1) is not None
        )

    def _possessed_number(self, i: int) -> int | None:
        """Where the whole starts after an article: at once (``the 64 GB``) or after a
        possessive of at most two words (``a single L4's 24 GB``); not a number glued to a
        noun before another (``the 30-day budget``: an adjective, the budget is the whole)."""
        if self._leads_number(i):
            return None if self._adjective(i) else i
        for k in (i, i + 1):
            word = self.text(k)
            if not all(self.is_word(j) for j in range(i, k + 1)):
                return None
            if word.endswith(("'s", "’s")) and self._leads_number(k + 1):
                return k + 1
        return None

    def _adjective(self, i: int) -> bool:
        """``30-day budget``: a whole number glued by a hyphen to a calendar period, then
        another word: the window the noun is over (``43.2-minute budget`` is a figure)."""
        t = self.tok(i)
        return (
            t is not None
            and t.literal is not None
            and t.literal.is_plain_integer
            and self.text(i + 1) == "-"
            and self.glued(i + 1)
            and self.glued(i + 2)
            and lower(self.text(i + 2)) in PERIOD_WORDS
            and self.is_word(i + 3)
            and not self.glued(i + 3)
        )

    def _word_product(self, i: int, word: str, left: Node) -> bool:
        """``7 days of 390 MB/s``, ``256 GPUs for 264 hours``, ``… at $2.49/GPU-hour``, ``47 min
        at 1,240 req/s``: words that multiply, only between quantities whose units say so (a
        duration of or at a rate, a count or rate for a duration, anything at a price)."""
        if self.math or self.code:
            return False
        operands = literals(left)
        if not operands:
            return False
        before = operands[-1]
        if before.bound or before.is_range or before.is_percent:
            return False
        parsed = self.parse_quantity(i + 1)
        if parsed is None:
            return False
        right = parsed[0]
        if right.unit is None or right.bound or right.is_range or right.is_percent:
            return False
        time = _time_exponent(right.unit)
        if word == "of":
            return before.unit is not None and before.unit.kind == "time" and time < 0
        if word == "for":
            counted = before.unit is None and bool(before.label)
            rate = before.unit is not None and _time_exponent(before.unit) < 0
            return right.unit.kind == "time" and (counted or rate)
        if before.unit is not None and before.unit.kind == "time" and time < 0:
            return True  # "47 min at 1,240 req/s": a duration at a rate per time
        priced = "/" in right.unit_text or " per " in right.unit_text
        return priced and (before.unit is not None or bool(before.label)) and has_operator(left)

    def glued_minus(self, j: int) -> bool:
        """``8.87-7.45=1.42``, ``2*(8-1)/8``: a hyphen glued between two numbers is minus when
        an operator or ``=`` sits right around them and the first is the larger; alone
        (``8-16 GPUs``, ``2023-10-01``) it is a range or a date."""
        t = self.tok(j)
        if t is None or t.text != "-" or t.kind != "sym" or t.space_before:
            return False
        if not (self.is_num(j - 1) and self.is_num(j + 1) and self.glued(j + 1)):
            return False
        low, high = self.toks[j - 1].literal, self.toks[j + 1].literal
        if low is None or high is None or high.value >= low.value:
            return False  # "10-12 = 2 hours" could be a range; a difference is never negative
        before = self.tok(j - 2)
        if before is not None and before.text == "(" and before.kind == "sym":
            before = self.tok(j - 3)
        after = self.tok(j + 2)
        if after is not None and after.text == ")" and after.kind == "sym":
            after = self.tok(j + 3)
        arithmetic = MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS | {"+", "−"}
        if before is not None and before.kind in ("sym", "cmd") and before.text in arithmetic:
            return True
        return (
            after is not None
            and after.kind in ("sym", "cmd")
            and (after.text in arithmetic or RELATIONS.get(after.text) in ("=", "≈"))
            and after.text != "~"
        )

    def _factor_follows(self, i: int) -> bool:
        """After ``1.5×`` glued to its number: a factor follows unless it is a plain word
        (``1.5× raw``, ``2.4× jump``), which the multiplier qualifies."""
        t = self.tok(i)
        plain_word = (
            t is not None
            and t.kind == "word"
            and t.space_before
            and len(t.text) >= 3
            and t.text.isalpha()
            and t.text.islower()
            and not self.math
        )
        return not plain_word and self._operand_follows(i)

    def _operand_follows(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        return t.kind == "num" or t.text in ("(", "{", "$", "\\frac") or self.is_identifier(i)

    def parse_chain(self, i: int) -> Chain | None:
        """Parse ``expr (relation expr)*`` or ``name relation expr …`` starting at token ``i``."""
        head = None
        start = i
        exprs: list[Node] = []
        if self.is_identifier(i) and self.relation_at(i + 1) and not self._named_factor(i):
            t = self.toks[i]
            head = Ident(t.text, t.start, t.end)
            i += 1
        else:
            parsed = self.parse_expression(i)
            if parsed is None:
                return None
            node, i = parsed
            exprs.append(node)
            _check_length(start, i)
        relations: list[ChainLink] = []  # relations[k] joins exprs[k] and exprs[k + 1]
        head_relation: ChainLink | None = None
        ignored = False
        for _ in range(MAX_CHAIN_LINKS):
            if exprs and not self.math:
                i = self._past_aside(i, exprs[-1])
            rel: tuple[ChainLink, int] | None = self.relation_at(i)
            if rel is None and exprs and _carries_units(exprs[-1]) and not self.math:
                rel = self.result_phrase_at(i)
            if rel is None and exprs and _difference(exprs[-1]) and not self.math:
                rel = self._remainder_at(i)  # "43.2 − 39.77 − 1.5 leaves 11.9 GB"
            if rel is None and exprs and has_operator(exprs[-1]) and not self.math:
                rel = self.that_is_at(i)  # "53.94 / 8.59, i.e. 6": bare, yet a result
            if rel is None and exprs and not self.math:
                rel = self._conversion_at(i, exprs[-1])
            if rel is None:
                break
            glued = not self.toks[i].space_before
            if exprs and glued and (relations or head is not None) and _ends_in_ident(exprs[-1]):
                ignored = True  # "TP=4 + PP=2": the identifier starts the next definition
            parsed = self.parse_expression(rel[1])
            if parsed is None:
                break
            _check_length(rel[1], parsed[1])
            if exprs:
                relations.append(rel[0])
            else:
                head_relation = rel[0]
            exprs.append(parsed[0])
            i = parsed[1]
        else:
            raise TooComplex(f"more than {MAX_CHAIN_LINKS} relations in one chain")
        if not exprs:
            return None
        if (
            relations
            and head is None
            and (
                self._scaled_by_words(start)
                or self._each_of_a_count(start)
                or self._after_an_addend(start)
            )
        ):
            ignored = True  # "half of 3.35 TB/s, i.e. 1,675 GB/s": the relation restates half
        return Chain(exprs, relations, start, i, head, head_relation, ignored)

    def _each_of_a_count(self, start: int) -> bool:
        """Whether token ``start`` follows ``N × <device> at`` (``8 × H100 SXM at 700 W = 5.6
        kW``, ``5 × g2-standard-8 (1 × L4) at $0.86/h``): the relation after it restates the
        count's total, not the figure."""
        if self.text(start - 1).lower() not in ("at", "@"):
            return False
        k = start - 2
        if k > 0 and self.text(k) == ")" and self.is_sym(k):
            k = self._opening_bracket(k) - 1  # an aside on the device: "(1 × L4)"
        end = k
        while k >= 0 and end - k <= _MAX_COUNTED_WORDS and self.toks[k].kind == "word":
            k -= 1
        t = self.tok(k)
        return t is not None and t.text in MUL_SYMBOLS and k < end and self._num_at(k - 1)

    def _num_at(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.kind == "num"

    def _scaled_by_words(self, start: int) -> bool:
        """Whether words right before token ``start`` scale what follows (``half of``,
        ``a third of``, ``twice``)."""
        before = self.text(start - 1).lower()
        if before == "of":
            before = self.text(start - 2).lower()
        return before in MULTIPLIER_WORDS

    def _after_an_addend(self, start: int) -> bool:
        """Whether token ``start`` follows a number (or a bracketed aside after one) and ``+``,
        ``plus`` or ``×`` with at most a few label words between (``q 4608 × 4096 + o 4096 ×
        4608 = …``, ``× 4 B plus a 4-byte count = 260 B``, ``4 racks (2 servers each) ×
        $2,500/month × 36 = …``): the chain is the tail of a sum or product it does not hold."""
        if self.text(start) == "(" and self._restates_a_factor(start):
            return True  # "× 7,168 (917,504,000) + final norm …": the product restated, went on
        k, skipped = start - 1, 0
        if k >= 0 and self.text(k) in ("$", "€", "£", "~", "≈"):
            k -= 1  # the chain's own sign: "× $2,500/month"
        while k >= 0 and skipped < _MOST_ADDEND_LABEL_WORDS and self._label_word_at(k):
            k, skipped = k - 1, skipped + 1
        if k < 1 or self.text(k).lower() not in _JOINING:
            return False
        if skipped and self.text(k) in _MULTIPLYING:
            return False  # "1.2× the old one (2,580/2,150)": a factor follows × at once
        before = k - 1
        if self.text(before) == ")" and self.is_sym(before):
            before = self._opening_bracket(before)  # "4 racks (2 servers each) ×"
        return before > 0 and any(self.is_num(j) for j in range(max(0, before - 3), before + 1))

    def _restates_a_factor(self, start: int) -> bool:
        """The ``(`` at ``start`` follows a number, or a factor and its label words (``× 3
        namespaces (28,800) + …``)."""
        if self.is_num(start - 1):
            return True
        k = start - 1
        while k > start - 1 - _MOST_ADDEND_LABEL_WORDS and k >= 0 and self._label_word_at(k):
            k -= 1
        return k < start - 1 and k >= 1 and self.is_num(k) and self.text(k - 1) in _MULTIPLYING

    def _opening_bracket(self, close: int) -> int:
        """The index of the ``(`` that the ``)`` at ``close`` closes, or -1."""
        depth = 0
        for j in range(close, -1, -1):
            depth += {")": 1, "(": -1}.get(self.text(j), 0) if self.is_sym(j) else 0
            if depth == 0:
                return j
        return -1

    def _label_word_at(self, k: int) -> bool:
        t = self.toks[k]
        return (t.kind == "word" and t.text.lower() not in _JOINING) or t.text in (",", "(")

    def _past_aside(self, i: int, last: Node) -> int:
        """``× 1,536 tokens (512 prompt + 1,024 response) = 6.29B``: a formula in parentheses
        after a formula's last quantity explains that quantity; the chain goes on past it. So
        does the noun a lone quantity is of (``1,200 h of audio = 432,000 s``)."""
        if self.text(i) == "of" and not self.math:
            return self._past_noun_of(i, last)
        if self.text(i) != "(" or not self.is_sym(i) or not _carries_units(last):
            return i
        tail = _last_literal(last)
        if tail is None or (tail.unit is None and not tail.label):
            return i
        try:
            group = self.parse_group(i)
        except (Dangling, TooComplex):
            return i
        if group is None or not has_operator(group[0]) or self.relation_at(group[1]) is None:
            return i
        return group[1]

    def _past_noun_of(self, i: int, last: Node) -> int:
        """Past ``of audio`` (one or two plain words) after a lone quantity with a unit, when
        ``=`` or ``≈`` follows them: the words name what the quantity measures."""
        lit = strip_groups(last)
        if not isinstance(lit, Lit) or lit.unit is None or lit.label or lit.is_percent:
            return i
        for j in (i + 2, i + 3):
            words = [self.tok(k) for k in range(i + 1, j)]
            if not all(w is not None and _plain_word(w.text) for w in words):
                return i
            rel = self.relation_at(j)
            if rel is not None and rel[0] in ("=", "≈"):
                return j
        return i

    # ---- expressions ------------------------------------------------------------------------

    def parse_expression(self, i: int, min_prec: int = 0) -> tuple[Node, int] | None:
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise TooComplex(f"nesting deeper than {MAX_NESTING}")
            parsed = self.parse_unary(i)
            if parsed is None:
                return None
            left, i = parsed
            while True:
                op = self.binop_at(i, left)
                if op is None:
                    break
                kind, symbol, j = op
                prec = self.PRECEDENCE[kind]
                if prec < min_prec:
                    break
                right = self.parse_expression(j, prec if kind == "^" else prec + 1)
                if right is None:
                    if symbol == "":  # implicit multiplication that did not pan out
                        break
                    raise Dangling(j)
                left = _unit_off_exponent(BinOp(kind, left, right[0], symbol))
                i = right[1]
            return left, i
        finally:
            self.depth -= 1

    def parse_unary(self, i: int) -> tuple[Node, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "sym" and t.text in ("-", "−") and self.is_num(i + 1) and self.glued(i + 1):
            parsed = self.parse_unary(i + 1)
            if parsed is None:
                return None
            return Neg(parsed[0], t.start), parsed[1]
        if t.kind == "sym" and t.text == "+" and self.is_num(i + 1) and self.glued(i + 1):
            return self.parse_unary(i + 1)  # "(+58%)": a signed change
        return self.parse_primary(i)

    def parse_primary(self, i: int) -> tuple[Node, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.text in ("(", "{") and t.kind == "sym":
            group = self.parse_group(i)
            return self._unit_after_group(group) if group is not None else None
        if t.kind == "cmd" and t.text == "\\frac":
            return self.parse_frac(i)
        if t.text in _ROUNDING_BRACKETS:
            return self.parse_rounding_brackets(i)
        if t.kind == "cmd" and _is_opaque_command(t.text):
            return Call(t.text, t.start, t.end), i + 1
        quantity = self.parse_quantity(i)
        if quantity is not None:
            return self._compound_duration(*quantity)
        if self._named_factor(i):
            named = self.parse_quantity(i + 2)
            assert named is not None
            named[0].start = self.toks[i].start
            return named
        if self._acronym_factor(i):
            named = self.parse_quantity(i + 1)  # "× RF 3": the replication factor, 3
            assert named is not None
            named[0].start = self.toks[i].start
            return named
        if self.is_identifier(i):
            if self.text(i + 1) == "(" and self.glued(i + 1):
                argument = self.parse_group(i + 1)
                end = argument[1] if argument else i + 2
                rounding = _ROUNDING_FUNCTIONS.get(lower(t.text), "") if argument else ""
                inner = argument[0] if argument and rounding else None
                return Call(t.text, t.start, self.toks[end - 1].end, inner, rounding), end
            return Ident(t.text, t.start, t.end), i + 1
        return None

    def _compound_duration(self, lit: Lit, j: int) -> tuple[Node, int]:
        """``2 h 39 min``, ``6 d 7 h 28 min``: a duration written in several units, each
        smaller than the one before, is their sum."""
        if self.math:
            return lit, j
        lit = self._days_before_hours(lit, j)
        if not _plain_time(lit):
            return lit, j
        node: Node = lit
        last = lit
        while self.is_num(j):
            after = self.parse_quantity(j)
            if after is None or not _plain_time(after[0]):
                break
            part = after[0]
            assert last.unit is not None and part.unit is not None
            if part.unit.factor >= last.unit.factor or part.approx or part.bound:
                break
            node, last, j = BinOp("+", node, part, ""), part, after[1]
        return node, j

    def _days_before_hours(self, lit: Lit, j: int) -> Lit:
        """``6 d 7 h``: a whole number labelled ``d`` right before a number of hours is days
        (``d`` alone is no unit: it names dimensions too)."""
        if lit.unit is not None or lit.label != "d" or not lit.number.is_plain_integer:
            return lit
        after = self.parse_quantity(j) if self.is_num(j) else None
        if after is None or after[0].unit is None or after[0].unit.factor != 3600:
            return lit
        day = unit_table().lookup("day")
        return Lit(
            lit.number, lit.num_start, lit.num_end, lit.start, lit.end,
            unit=day, unit_text="d", approx=lit.approx, prefix=lit.prefix,
        )  # fmt: skip

    def _unit_after_group(self, group: tuple[Node, int]) -> tuple[Node, int]:
        """``(6 + 12/128) B × 405.85B``, ``8.03B × (2 + 4 + 4 + 4) B = 112.4 GB``: a unit right
        after a parenthesised factor of a product, or of an equation, applies to it (bytes per
        parameter here, never billions)."""
        node, j = group
        word, after = self.tok(j), self.tok(j + 1)
        if word is None or word.kind != "word" or after is None:
            return group
        unit = self._unit_word(word.text)
        if unit is None or unit.kind in ("multiplier", "percent", "currency"):
            return group
        ends = self.relation_at(j + 1) is not None  # "× (2 + 4 + 4 + 4) B = 96.4 GB"
        if not ends and (
            after.kind not in ("sym", "cmd") or after.text not in MUL_SYMBOLS | DIV_SYMBOLS
        ):
            return group
        one = Lit(_ONE, word.start, word.start, word.start, word.end, unit=unit)
        one.unit_text = word.text
        return BinOp("*", node, one, ""), j + 1

    def parse_group(self, i: int) -> tuple[Node, int] | None:
        opener = self.toks[i]
        closer = ")" if opener.text == "(" else "}"
        j = i + 1
        lead = ""
        approx = False
        rel = self.relation_at(j)
        if rel is not None and rel[0] in ("=", "≈"):
            lead = rel[0]
            approx = rel[0] == "≈"
            j = rel[1]
        elif lower(self.text(j)) in LEAD_WORDS and not self.is_num(j):
            lead = LEAD_WORDS[lower(self.text(j))]
            j += 1
            if self.text(j) in (",", "."):
                j += 1
        parsed = self.parse_expression(j)
        if parsed is None:
            return None
        inner, j = parsed
        close = self.tok(j)
        if close is None or close.text != closer or close.kind != "sym":
            return None
        return Group(inner, opener.start, close.end, lead, approx), j + 1

    def parse_rounding_brackets(self, i: int) -> tuple[Node, int] | None:
        """``⌈105 / 4.5⌉``, ``\\lfloor n / 2 \\rfloor``: the expression rounded up or down."""
        opener = self.toks[i]
        rounding, closer = _ROUNDING_BRACKETS[opener.text]
        parsed = self.parse_expression(i + 1)
        if parsed is None or self.text(parsed[1]) != closer:
            return None
        inner, j = parsed
        close = self.toks[j]
        return Call(opener.text + close.text, opener.start, close.end, inner, rounding), j + 1

    def parse_frac(self, i: int) -> tuple[Node, int] | None:
        num = self.parse_braced(i + 1)
        if num is None:
            return None
        den = self.parse_braced(num[1])
        if den is None:
            return None
        return BinOp("/", num[0], den[0], "\\frac"), den[1]

    def parse_braced(self, i: int) -> tuple[Node, int] | None:
        if self.text(i) != "{":
            return None
        parsed = self.parse_expression(i + 1)
        if parsed is None or self.text(parsed[1]) != "}":
            return None
        inner, j = parsed
        return Group(inner, self.toks[i].start, self.toks[j].end), j + 1

    # ---- quantities -------------------------------------------------------------------------

    def parse_quantity(self, i: int) -> tuple[Lit, int] | None:
        """``[~|about|<|up to] [$] number [–number] [scale] [unit[/unit]] [label] [per noun]``."""
        start_tok = i
        approx = False
        bound = ""
        currency: Unit | None = None
        while True:
            t = self.tok(i)
            if t is None:
                return None
            if t.kind in ("sym", "cmd") and t.text in APPROX_SYMBOLS and self._leads_number(i + 1):
                approx, i = True, i + 1
                continue
            if t.kind == "word" and lower(t.text) in APPROX_WORDS and self._leads_number(i + 1):
                approx, i = True, i + 1
                continue
            if t.kind == "sym" and t.text in BOUND_SYMBOLS and self._leads_number(i + 1):
                bound, i = BOUND_SYMBOLS[t.text], i + 1
                continue
            phrase = self._bound_phrase(i)
            if phrase is not None and self._leads_number(phrase[1]):
                bound, i = phrase
                continue
            if (
                t.kind == "sym"
                and t.text in ("$", "€")
                and self.is_num(i + 1)
                and self.glued(i + 1)
            ):
                currency, i = self.units.lookup(t.text), i + 1
                continue
            break
        t = self.tok(i)
        if t is None or t.kind != "num":
            return None
        number = t.literal
        assert number is not None
        lit = Lit(
            number=number,
            num_start=t.start,
            num_end=t.end,
            start=self.toks[start_tok].start,
            end=t.end,
            approx=approx,
            bound=bound,
        )
        j = i + 1
        j = self._parse_range(lit, j)
        after_unit = self._parse_scale_and_unit(lit, j, currency)
        if after_unit is None:
            return None
        j = self._parse_qualifiers(lit, after_unit, start_tok)
        j = self._skip_formula_label(start_tok, j)
        lit.end = self.toks[j - 1].end
        return lit, j

    def _leads_number(self, i: int) -> bool:
        t = self.tok(i)
        if t is None:
            return False
        if t.kind == "num":
            return True
        return t.text in ("$", "€", "~", "≈") and self.is_num(i + 1)

    def _bound_phrase(self, i: int) -> tuple[str, int] | None:
        if lower(self.text(i)) not in BOUND_FIRST_WORDS:
            return None
        for phrase, bound in BOUND_PHRASES.items():
            if all(
                lower(self.text(i + k)) == w and self.is_word(i + k) for k, w in enumerate(phrase)
            ):
                return bound, i + len(phrase)
        return None

    def _parse_range(self, lit: Lit, j: int) -> int:
        t = self.tok(j)
        if t is None:
            return j
        if t.kind == "sym" and t.text in ("±", "+/-") and self.is_num(j + 1):
            lit.plus_minus = self.toks[j + 1].literal
            return j + 2
        is_dash = t.kind == "sym" and (
            t.text in RANGE_SYMBOLS
            or (
                t.text in ("-", "~")
                and not t.space_before
                and self.glued(j + 1)
                and not self.glued_minus(j)
            )
            or (t.text == "-" and self._spaced_range(j))
        )
        is_to = t.kind == "word" and t.text == "to"
        k = j + 1
        if (is_dash or is_to) and self.text(k) in ("$", "€") and self.glued(k + 1):
            k += 1
        if (is_dash or is_to) and self.is_num(k):
            upper = self.toks[k].literal
            assert upper is not None
            if upper.value > lit.number.value:
                lit.upper = upper
                return k + 1
        return j

    def _spaced_range(self, j: int) -> bool:
        """``25.1 - 164.8 KB`` is a range when nothing else is computed around it."""
        start = j - 1
        while start > 0 and self.toks[start].kind != "num":
            start -= 1
        before = self.tok(start - 1)
        after = self.tok(j + 2)
        operator_texts = MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS | {"+", "-", "−"}
        if before is not None and before.text in operator_texts:
            return False
        return not (after is not None and after.text in operator_texts and after.kind != "word")

    def _parse_scale_and_unit(self, lit: Lit, j: int, currency: Unit | None) -> int | None:
        """Read scale and unit after the number; ``None`` when the number is part of a word."""
        unit = currency
        unit_text = ""
        t = self.tok(j)
        if t is not None and not t.space_before and t.kind == "word":
            word = t.text
            if word == "B" and self._billion_here(j):
                lit.scale, j = self.units.scales["B"], j + 1
            elif self._unit_word(word) is not None and unit is None:
                unit, unit_text, j = self.units.lookup(word), word, j + 1
                if word == "B" and not (self.text(j) == "/" and self.glued(j)):
                    lit.alt_scale = self.units.scales["B"]
            elif word in self.units.scales and len(word) <= 2:
                lit.scale, j = self.units.scales[word], j + 1
            elif word in ("x", "X") and not self._operand_follows(j + 1):
                unit, unit_text, j = self.units.lookup("×"), word, j + 1
            elif self.math and word[0].isalpha():
                return j  # "2L" in math is 2 × L
            else:
                return None  # "3rd", "1080p", "2D": a word, not a quantity
        elif (
            t is not None
            and not t.space_before
            and t.kind == "sym"
            and unit is None
            and (t.text == "%" or (t.text == "×" and not self._factor_follows(j + 1)))
        ):
            unit, unit_text, j = self.units.lookup(t.text), t.text, j + 1
        if unit is None or unit is currency:
            t = self.tok(j)
            spelled_scale = t is not None and (
                (len(t.text) > 2 and t.text in self.units.scales) or self._spaced_scale(j)
            )
            if lit.scale is None and t is not None and spelled_scale:
                lit.scale, j = self.units.scales[t.text], j + 1
            t = self.tok(j)
            if unit is None and t is not None and (t.kind == "word" or t.text == "%"):
                if t.text == "B" and lit.scale is None and self._billion_here(j):
                    lit.scale, j = self.units.scales["B"], j + 1
                    after = self.tok(j)  # "38.3 B tokens": a billion of the unit after it
                    if after is not None and after.text in _COUNTED_UNITS:
                        unit, unit_text, j = self.units.lookup(after.text), after.text, j + 1
                elif self._unit_word(t.text) is not None and not (
                    self.math and len(t.text) == 1 and t.text.isalpha()
                ):
                    unit, unit_text, j = self.units.lookup(t.text), t.text, j + 1
                    if t.text == "B" and lit.number.decimals and not self.glued(j):
                        lit.alt_scale = self.units.scales["B"]  # "16 × 70.55 B": either
                elif self._qualified_token_rate(j) or self._qualified_tokens(j):
                    unit, unit_text = self.units.lookup(self.text(j + 1)), self.text(j + 1)
                    j += 2
            elif unit is None and self._postfix_currency(j):
                unit, unit_text, j = self.units.lookup(self.text(j)), self.text(j), j + 1
        if unit is not None:
            while (
                self.text(j) == "/" and self.glued(j) and self.is_word(j + 1) and self.glued(j + 1)
            ):
                denominator = self._unit_word(self.text(j + 1))
                if denominator is None and unit is currency:
                    denominator = self._per_scale(self.text(j + 1))  # "$0.50/M": per million
                if denominator is None:
                    break
                unit = unit.per(denominator)
                unit_text += "/" + self.text(j + 1)
                j += 2
            if self.text(j) == "per" and self.is_word(j + 1):
                denominator = self._unit_word(self.text(j + 1))
                if denominator is not None and denominator.kind == "time":
                    unit = unit.per(denominator)
                    unit_text += " per " + self.text(j + 1)
                    j += 2
            elif unit is currency and self.text(j) == "per" and self.is_num(j + 1):
                count = self._per_count(j + 1)
                if count is not None:
                    unit, unit_text, j = unit.per(count[0]), f"{unit_text} per {count[1]}", count[2]
        lit.unit = unit
        lit.unit_text = unit_text
        lit.prefix = currency.text if currency is not None else ""
        return j

    def _qualified_token_rate(self, j: int) -> bool:
        """``output tokens/s`` at ``j``: a word naming which tokens, then tokens per a time."""
        if lower(self.text(j)) not in _TOKEN_KINDS or self.text(j + 1) not in _COUNTED_UNITS:
            return False
        if not (self.text(j + 2) == "/" and self.glued(j + 2) and self.glued(j + 3)):
            return False
        per = self._unit_word(self.text(j + 3))
        return per is not None and per.kind == "time"

    def _qualified_tokens(self, j: int) -> bool:
        """``19.5M input tokens`` at ``j``: a word naming which tokens, then tokens (no rate:
        ``input tokens/s`` is ``_qualified_token_rate``'s)."""
        if lower(self.text(j)) not in _TOKEN_KINDS or self.text(j + 1) not in _COUNTED_UNITS:
            return False
        return self.text(j + 2) != "/" and lower(self.text(j + 2)) != "per"

    def _spaced_scale(self, j: int) -> bool:
        """``≈ 162 k steps``, ``478 k tokens/s``: a thousand or a million after a space, in prose,
        where the next token is no unit of its own (``5 M/s``) and no formula goes on."""
        t, after = self.tok(j), self.tok(j + 1)
        if self.math or t is None or t.text not in _SPACED_SCALES:
            return False
        if after is not None and after.text in ("×", "*") and t.text in _SPACED_FACTORS:
            return True  # "2 × 635 M × 1,500": a million, multiplied on
        if (
            after is not None
            and after.text == "/"
            and after.space_before
            and t.text in _SPACED_FACTORS
        ):
            return True  # "420 M / 16": a million, divided (not "5 M/s", a rate)
        if after is not None and after.text == "=" and after.space_before:
            return t.text in _SPACED_FACTORS  # "$10.49 / 4.608 M = $2.28": a million, then "="
        return after is None or after.text not in ("/", "^", "_", "×", "*", "=")

    def _postfix_currency(self, j: int) -> bool:
        """``14,600 $`` and ``0,80 €/h``: a currency sign after the number, not before the next."""
        t = self.tok(j)
        if t is None or t.kind != "sym" or t.text not in ("$", "€"):
            return False
        return not (self.is_num(j + 1) and self.glued(j + 1))

    def _per_count(self, i: int) -> tuple[Unit, str, int] | None:
        """A price's round count after ``per`` at ``i`` inside a formula that goes on (``$180,000
        ÷ $1.30 per 1k = …``): a count of that many, its text and the index after it; else
        ``None`` (a price quoted in prose is the price readers')."""
        number = self.tok(i)
        if number is None or number.kind != "num":
            return None
        try:
            value = Fraction(number.text.replace(",", ""))
        except ValueError:
            return None
        word, end = self.tok(i + 1), i + 1
        if word is not None and not word.space_before and word.text in _SPACED_SCALES | {"B"}:
            value, end = value * self.units.scales[word.text].factor, i + 2
        if value < 1000 or value != 10 ** (len(str(int(value))) - 1):
            return None  # "per 3 requests": not a round count a price is quoted per
        if self.text(end) not in _FORMULA_GOES_ON:
            return None  # "per 1M output tokens", "per 1,000, PUT …": the price readers
        text = "".join(self.text(k) for k in range(i, end))
        return Unit(text, value, self.units.dimensionless, "count"), text, end

    def _per_scale(self, word: str) -> Unit | None:
        """A price's scale denominator (``$0.50/M``, ``$3/1k``… as ``M``): a count of
        that many, so ``44.7M × $0.50/M`` is dollars."""
        scale = self.units.scales.get(word)
        if scale is None or word == "B":
            return None
        return Unit(word, scale.factor, self.units.dimensionless, "count")

    def _unit_word(self, word: str) -> Unit | None:
        """The unit spelled ``word``; multipliers (``x``) only count where the lexer glued them."""
        if word in ("x", "X", "×"):
            return None
        return self.units.lookup(word)

    def _billion_here(self, j: int) -> bool:
        """Whether the ``B`` at ``j`` is certainly billion: ``7B params``, or a document about
        parameters where the ``B`` stands alone. ``B/param`` and ``B/s`` are always bytes, and
        a ``B`` that is a factor of a product stays ambiguous (``70B × 2 B``)."""
        nxt = self.tok(j + 1)
        if nxt is not None and nxt.kind == "word" and nxt.text.lower() in BILLION_CONTEXT:
            return True
        if self._billion_noun_after_one_word(j + 1):
            return True  # "31.2B prompt tokens"
        if nxt is not None and lower(nxt.text) in COUNTED_ROW_NOUNS and self._fraction_glued(j):
            return True  # "9.6B requests": no size is 9.6 bytes ("64B records" may be one)
        if self._billion_whole_after(j + 1):
            return True  # "23.59B of 31.2B prompt tokens"
        if nxt is not None and nxt.text == "/" and not nxt.space_before:
            return False
        if self._written_out(j - 1) and self.toks[j].space_before:
            return False  # "= 33,822,867,456 B": a number written out in full counts bytes
        return self.billion_context and not self._in_product(j)

    def _fraction_glued(self, j: int) -> bool:
        """The ``B`` at ``j`` is glued to a number with decimals (``9.6B``)."""
        number = self.tok(j - 1)
        literal = number.literal if number is not None else None
        return literal is not None and literal.decimals > 0 and not self.toks[j].space_before

    def _written_out(self, k: int) -> bool:
        """A whole number at ``k`` written with thousands separators (``33,822,867,456``)."""
        number = self.tok(k)
        literal = number.literal if number is not None else None
        return literal is not None and bool(literal.grouping) and not literal.decimals

    def _billion_noun_after_one_word(self, k: int) -> bool:
        """A counted noun one plain word after a ``B``: ``31.2B prompt tokens`` (not ``2 B per
        token``: a joining word there makes the ``B`` bytes of each)."""
        word, noun = self.tok(k), self.tok(k + 1)
        if word is None or noun is None or word.kind != "word" or noun.kind != "word":
            return False
        if not word.text.isalpha() or word.text.lower() in _NOT_ADJECTIVES:
            return False
        return noun.text.lower() in BILLION_CONTEXT

    def _billion_whole_after(self, k: int) -> bool:
        """``23.59B of 31.2B prompt tokens``: a part written with ``B`` before ``of`` and a
        whole whose ``B`` is a billion is a billion too."""
        if self.text(k) != "of" or not self.is_num(k + 1):
            return False
        scale = self.tok(k + 2)
        if scale is None or scale.text != "B" or scale.space_before:
            return False
        nxt = self.tok(k + 3)
        named = nxt is not None and nxt.kind == "word" and nxt.text.lower() in BILLION_CONTEXT
        return named or self._billion_noun_after_one_word(k + 3)

    def _in_product(self, j: int) -> bool:
        """The quantity ending at token ``j`` is multiplied or divided by a neighbour."""
        k = j - 1
        while k > 0 and self.toks[k].kind != "num":
            k -= 1
        before, after = self.tok(k - 1), self.tok(j + 1)
        operators = MUL_SYMBOLS | DIV_SYMBOLS
        if before is not None and before.kind in ("sym", "cmd") and before.text in operators:
            return True
        if before is not None and before.kind == "word" and before.text in ("x", "X"):
            return True
        if after is not None and after.kind in ("sym", "cmd") and after.text in operators:
            return True
        return after is not None and after.kind == "word" and after.text in ("x", "X")

    def _parse_qualifiers(self, lit: Lit, j: int, start: int) -> int:
        """Count noun (``32 GPUs``, ``64GB VRAM``, ``10240-token``), rates (``100 pods per
        second``, ``3,150 sequences/s``) and what the figure is per (``per GPU``, ``/GPU``)."""
        t = self.tok(j)
        if t is not None and t.kind == "sym" and t.text == "-" and not t.space_before:
            if self.is_word(j + 1) and self.glued(j + 1) and self.toks[j + 1].text.isalpha():
                noun = self.toks[j + 1].text
                found = self.units.lookup(noun)
                if found is not None and lit.unit is None:
                    lit.unit, lit.unit_text = found, noun
                else:
                    lit.label = noun
                j += 2
        elif self._label_word(j):
            lit.label = self.toks[j].text
            j += 1
            # "8 KV heads", "4 GPU nodes": an acronym qualifying the counted noun.
            if lit.label.isupper() and len(lit.label) > 1 and self._label_word(j):
                lit.label += " " + self.toks[j].text
                j += 1
            # "2,600 embed QPS": a rate unit that counts requests after the qualifying word;
            # "× 2,380 cached tokens =": tokens too, where arithmetic goes on after them.
            rate = self.units.lookup(self.text(j)) if self.is_word(j) else None
            counted = rate is not None and (
                rate.kind == "requests"
                or (rate.kind == "tokens" and self._factor_of_a_product(start, j + 1))
            )
            if lit.unit is None and rate is not None and counted:
                lit.unit, lit.unit_text = rate, self.toks[j].text
                j += 1
        for _ in range(2):
            word = self.text(j)
            if word.lower().startswith("per-") and self.is_word(j):
                lit.per = word[4:]
                j += 1
                continue
            if word not in ("per", "/") or not self._per_target(j + 1):
                break
            spaced_per = self._spaced_period(j) or self._spaced_price_unit(lit, j)
            if word == "/" and not self.glued(j) and not spaced_per:
                break
            target = self.toks[j + 1].text
            time_unit = self._unit_word(target)
            if time_unit is not None and time_unit.kind == "time" and not lit.per:
                lit.unit = (lit.unit or COUNT).per(time_unit)
                glue = "/" if word == "/" else " per "
                lit.unit_text = f"{lit.unit_text or lit.label}{glue}{target}"
            else:
                lit.per = target
            j += 2
        return j

    def _spaced_price_unit(self, lit: Lit, j: int) -> bool:
        """A price per a unit with space around its slash, ending the operand: ``$0.05 / GB``
        (a word after it, or a number, would make it a quotient)."""
        if lit.unit is None or lit.unit.kind != "currency" or not self.is_word(j + 1):
            return False
        unit = self._unit_word(self.text(j + 1))
        if unit is None or not any(unit.dims) or unit.kind in ("currency", "percent"):
            return False
        after = self.tok(j + 2)
        return after is None or after.text in (")", ",", ".", ";", ":", "|")

    def _unit_period(self, word: str) -> bool:
        """A unit and a calendar period a price is per: ``GB-month``, ``TB-month``."""
        head, _, period = word.partition("-")
        return lower(period) in PERIOD_WORDS and self._unit_word(head) is not None

    def _spaced_period(self, j: int) -> bool:
        """A slash with space around it before a time unit or a calendar period that ends the
        operand: ``$48.94 / month``, ``1.2 GB / s`` (``512 MB / 8`` and ``x / s^2`` divide)."""
        word = self.text(j + 1)
        unit = self._unit_word(word)
        timed = lower(word) in PERIOD_WORDS or (unit is not None and unit.kind == "time")
        if not timed and not self._unit_period(word):
            return False
        after = self.tok(j + 2)
        return after is None or after.space_before or after.text not in ("^", "(", "/", "²")

    def _factor_of_a_product(self, start: int, after: int) -> bool:
        """The quantity from token ``start`` is a factor of a product (``× 2,380 cached tokens
        =``), not an addend (``8 frames + 120 text tokens``) or a rate (``40k decode tok/s``)."""
        before = self.text(start - 1) if start > 0 else ""
        return self.text(after) in _TOKENS_THEN and (
            before in MUL_SYMBOLS or self.text(after) in MUL_SYMBOLS
        )

    def _skip_formula_label(self, start: int, j: int) -> int:
        """Past the words that name a factor inside a formula: ``2 (bf16 bytes) * 8B``,
        ``4 intra-node neighbours + …``, ``1.5 (activations) = …``. Only words, at most
        :data:`MAX_LABEL_WORDS`, and only between the operators of a formula, so that prose
        after a number is never swallowed."""
        k = j
        parenthetical = self.text(k) == "(" and self.is_sym(k)
        if parenthetical:
            k += 1
        words = 0
        while True:
            if (
                self._label_word(k)
                or lower(self.text(k)) == "each"  # "750 tokens each"
                or ((words or parenthetical) and self.is_word(k) and self.text(k).isalpha())
            ):
                words, k = words + 1, k + 1
            elif words and parenthetical and self._label_separator(k):
                k += 1  # "2 (K, V) ×", "2 (K/V) ×": the words a factor counts
            else:
                break
        most = MAX_PARENTHETICAL_LABEL_WORDS if parenthetical else MAX_LABEL_WORDS
        if not words or words > most:
            return j
        if parenthetical:
            if self.text(k) != ")" or not self.is_sym(k):
                return j
            k += 1
            if words > MAX_LABEL_WORDS and not self._formula_operator(k):
                return j  # a longer aside names a factor only inside a formula: "2 (for K and V) ×"
        elif not self._label_word(j) and not self.is_word(j):
            return j
        if self._formula_operator(start - 1) or self._formula_operator(k):
            return k
        return j

    def _label_separator(self, k: int) -> bool:
        """A comma or ``&`` between the words of a parenthesised label, or a ``/`` between two
        single letters (``K/V``; ``GB/s`` is a unit)."""
        t = self.tok(k)
        if t is None or t.kind != "sym" or not self.is_word(k + 1):
            return False
        if t.text in (",", "&"):
            return True
        return t.text == "/" and len(self.text(k - 1)) == 1 and len(self.text(k + 1)) == 1

    def _formula_operator(self, k: int) -> bool:
        """An arithmetic operator or ``=``/``≈`` at token ``k``."""
        t = self.tok(k)
        if t is None or t.kind not in ("sym", "cmd"):
            return False
        if t.text in MUL_SYMBOLS | DIV_SYMBOLS | {"+", "−"}:
            return True
        if t.text == "-":
            return t.space_before and self.tok(k + 1) is not None and self.toks[k + 1].space_before
        return RELATIONS.get(t.text) in ("=", "≈") and t.text != "~"

    def _per_target(self, j: int) -> bool:
        """The noun after ``per`` or a glued ``/``: ``per GPU``, ``/GPU``, ``per token``."""
        t = self.tok(j)
        return t is not None and t.kind == "word" and t.text[0].isalpha() and "://" not in t.text

    def _label_word(self, j: int) -> bool:
        t = self.tok(j)
        if t is None or t.kind != "word":
            return False
        word = t.text
        if _stop_word(word) or word.lower().startswith("per-"):
            return False
        if self.math or not word[0].isalpha() or "://" in word:
            return False
        if self.units.lookup(word) is not None or word in self.units.scales:
            return False
        if self.result_phrase_at(j) is not None or self._remainder_at(j) is not None:
            return False  # "2 × 3 GB works out to 6 GB"
        # "2 N × D": a symbol-like word before an operator is a factor, not a noun.
        nxt = self.tok(j + 1)
        operator_next = (
            nxt is not None
            and nxt.kind in ("sym", "cmd")
            and (nxt.text in RELATIONS or nxt.text in MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS)
        )
        if not operator_next:
            return True
        if len(word) == 1:
            return False
        return "_" not in word or self._snake_label(j)

    def _snake_label(self, j: int) -> bool:
        """``8 kv_heads × 128``: a snake_case name spaced after a number names what it counts;
        a variable's name (``2 n_layers``, ``2 num_layers``) is a factor the number scales."""
        word = lower(self.text(j))
        if word.startswith(VARIABLE_PREFIXES):
            return False
        return self.is_num(j - 1) and not self.glued(j)


#: The unit of a plain count ("100 pods" in "100 pods per second").
COUNT = Unit("", Fraction(1), unit_table().dimensionless, "count")

OPAQUE_SAFE_COMMANDS = (
    MUL_SYMBOLS
    | DIV_SYMBOLS
    | GREEK_COMMANDS
    | {"\\frac", "\\lceil", "\\rceil", "\\lfloor", "\\rfloor"}
    | set(RELATIONS)
)


#: Functions that round their argument to a whole number, by name (lower case).
_ROUNDING_FUNCTIONS = {"ceil": "ceil", "ceiling": "ceil", "floor": "floor"}
#: Brackets that round what they enclose: the opener's rounding and closer.
_ROUNDING_BRACKETS = {
    "⌈": ("ceil", "⌉"),
    "⌊": ("floor", "⌋"),
    "\\lceil": ("ceil", "\\rceil"),
    "\\lfloor": ("floor", "\\rfloor"),
}

#: A factor's name written before its number: ``RF``, ``TP``, ``DP``.
_ACRONYM = re.compile(r"[A-Z]{2,4}")


def _is_opaque_command(text: str) -> bool:
    """LaTeX commands that name functions (``\\log``, ``\\sqrt``, ``\\lceil``…)."""
    return text not in OPAQUE_SAFE_COMMANDS


def _check_length(start: int, end: int) -> None:
    if end - start > MAX_EXPR_TOKENS:
        raise TooComplex(f"formula longer than {MAX_EXPR_TOKENS} tokens")


def _plain_time(lit: Lit) -> bool:
    """A whole duration in one time unit, no range, bound, label or per-noun (``2 h``)."""
    unit = lit.unit
    return (
        unit is not None
        and unit.kind == "time"
        and not (lit.is_range or lit.bound or lit.label or lit.per or lit.scale)
        and lit.number.is_plain_integer
    )


def _time_exponent(unit: Unit) -> int:
    """The power of time in a unit: 1 for hours, −1 for MB/s, 0 for GB."""
    seconds = unit_table().lookup("s")
    assert seconds is not None
    k = next(n for n, d in enumerate(seconds.dims) if d)
    return int(unit.dims[k])


def _plain_word(text: str) -> bool:
    """A lower-case word of letters (``audio``, ``weights``), no name or symbol."""
    return len(text) >= 3 and text.isalpha() and text.islower()


#: Words that give what a difference leaves: ``80 − 35 − 5 leaves 40 GB``.
_REMAINDER_WORDS = frozenset({"leaves", "leaving"})


def _difference(node: Node) -> bool:
    """A formula whose last operation subtracts: ``43.2 − 39.77 − 1.5``."""
    node = strip_groups(node)
    return isinstance(node, BinOp) and node.op == "-"


def _carries_units(node: Node) -> bool:
    """A formula some of whose numbers say what they count (``8 × 80 GB``, ``4 nodes × 8``):
    only such a formula may state its result in words, since ``batch 8 × 2 is 40 tokens/s``
    has a bare tail of a longer subject before ``is``."""
    return has_operator(node) and any(
        lit.unit is not None or lit.label or lit.scale is not None for lit in literals(node)
    )


def _last_literal(node: Node) -> Lit | None:
    """The quantity a formula ends with (``1,536 tokens`` of ``4,096,000 × 1,536 tokens``)."""
    node = strip_groups(node)
    while isinstance(node, BinOp):
        node = strip_groups(node.right)
    return node if isinstance(node, Lit) else None


def _ends_in_ident(node: Node) -> bool:
    node = strip_groups(node)
    while isinstance(node, BinOp):
        node = node.right
    return isinstance(node, Ident)


class Dangling(Exception):
    """An operator with no operand after it: the formula continues in words we cannot read."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


@dataclass
class ScanResult:
    chains: list[Chain] = field(default_factory=list)
    unchecked: list[tuple[int, int, str]] = field(default_factory=list)


def scan(
    tokens: list[Token], *, math: bool = False, code: bool = False, billion_context: bool = False
) -> ScanResult:
    """Find every expression chain in a token list, left to right."""
    parser = Parser(tokens, math=math, code=code, billion_context=billion_context)
    result = ScanResult()
    i = 0
    n = len(tokens)
    while i < n:
        if not _can_start(parser, i):
            i += 1
            continue
        try:
            chain = parser.parse_chain(i)
        except Dangling:
            i = _skip_formula(parser, i)
            continue
        except TooComplex as exc:
            end = _skip_formula(parser, i)
            if _has_relation(parser, i, end):
                result.unchecked.append((tokens[i].start, tokens[end - 1].end, str(exc)))
            i = end
            continue
        if chain is None:
            i += 1
            continue
        if _stopped_product(parser, chain):
            i = _skip_formula(parser, i)  # the tail after the stop is no formula of its own
            continue
        result.chains.append(chain)
        i = max(chain.tok_end, i + 1)
    return result


#: Words that join two clauses, so a formula after them is not the rest of the one before.
_CLAUSE_JOINS = frozenset({"and", "but", "or", "while", "whereas"})
#: Words that open a noun phrase: after a product, a new subject starts there.
_SUBJECT_STARTS = frozenset({"the", "a", "an", "this", "that", "our", "its", "their", "we"})


def _stopped_product(parser: Parser, chain: Chain) -> bool:
    """A product with no relation that stops at words it cannot read (``2 × 32 layers × 8 kv
    heads of size 128 × 2 B = 128 KiB``): the formula after those words is its tail, and
    comparing the tail with the stated value would judge half a product. A sum or a lone
    figure before words (``EC 8+3 needs 11/8 = …``) is a formula of its own."""
    node = strip_groups(chain.exprs[0])
    if chain.relations or chain.head is not None:
        return False
    if not (isinstance(node, BinOp) and node.op == "*"):
        return False
    if len(literals(node)) < 2:
        return False  # "the 8 × H100 node delivers 9 PFLOP/s": a count of devices, no formula
    k = chain.tok_end
    if lower(parser.text(k)) in _SUBJECT_STARTS:
        return False  # "32 × 8,192 tokens the 70B cache is …": a new subject, not the tail
    while parser.is_word(k) and lower(parser.text(k)) not in _CLAUSE_JOINS:
        k += 1
    last = literals(node)[-1:]
    if k == chain.tok_end and not (last and last[0].label and parser.is_word(k - 1)):
        return False
    if not parser.is_word(k - 1) or lower(parser.text(k - 1)) in _CLAUSE_JOINS:
        return False
    return parser.is_num(k) or parser.text(k) in ("(", "$", "€", "~", "≈")


#: The sets ``_can_start`` and ``_continues_formula`` test on every token, built once.
_OPERATOR_TEXTS = frozenset(MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS)
_ARITHMETIC_TEXTS = _OPERATOR_TEXTS | {"+", "−"}
_PREFIX_WORDS = frozenset(APPROX_WORDS | BOUND_FIRST_WORDS)


#: Words after which a ``+`` glued to a number signs it (``FP8 is +52 % over BF16``): verbs
#: and prepositions, never a unit that a sum goes on from.
_SIGN_AFTER = frozenset("is are was were be gives give adds add by at about roughly around".split())


def _can_start(parser: Parser, i: int) -> bool:
    t = parser.toks[i]
    word = t.kind == "word" and not parser.math and lower(t.text) not in _PREFIX_WORDS
    if word and _plain_after(parser, i):
        return False  # what the rest finds for such a word, read at once
    prev = parser.tok(i - 1)
    if prev is not None and _continues_formula(parser, i - 1, glued=not t.space_before):
        return False  # the middle of a formula (or a call) we could not read from its start
    if t.kind == "num":
        return True
    if t.kind == "sym" and t.text in ("-", "−") and parser.is_num(i + 1) and parser.glued(i + 1):
        return True  # a negative number
    opens = prev is None or prev.text in (",", ";", ":", "—")  # a cell or a clause
    opens = opens or (prev is not None and lower(prev.text) in _SIGN_AFTER)  # "is +52 %"
    if t.kind == "sym" and t.text == "+" and opens and parser.is_num(i + 1):
        return parser.glued(i + 1)  # a signed change: "| +18.2 % |", "…, +61 %"
    if t.kind == "sym" and t.text in ("(", "{"):
        return True
    if t.kind == "cmd" and (t.text == "\\frac" or _is_opaque_command(t.text)):
        return True
    if t.text in _ROUNDING_BRACKETS:
        return True
    if parser.is_identifier(i):
        nxt = parser.tok(i + 1)
        if parser.relation_at(i + 1):
            return True
        if nxt is not None and nxt.text == "(" and not nxt.space_before:
            return True  # a function call, read whole so its arguments are not taken apart
        if parser.math and parser.is_identifier(i + 1) and parser.binop_at(i + 2, Ident("", 0, 0)):
            return True  # "$P b / N$": implicit multiplication starts the formula
        if (
            nxt is not None
            and nxt.text == "·"
            and not parser.math
            and not _operand_at(parser, i + 2)
        ):
            return False  # "tom.k · 14:04": a dot that separates, not a product
        return nxt is not None and nxt.kind in ("sym", "cmd") and nxt.text in _ARITHMETIC_TEXTS
    prefix = t.text in QUANTITY_PREFIXES or lower(t.text) in _PREFIX_WORDS
    return prefix and parser.parse_quantity(i) is not None


#: What follows ``2,380 cached tokens`` when arithmetic goes on with them (``/`` would make a
#: rate of the noun: ``40k decode tok/s``).
_TOKENS_THEN = frozenset({"×", "*", "x", "=", "≈", "+", "−", "-", "·"})


def _operand_at(parser: Parser, i: int) -> bool:
    """Whether token ``i`` may be an operand: a number, a symbol or a bracket."""
    t = parser.tok(i)
    return t is not None and (parser.is_num(i) or parser.is_identifier(i) or t.text in ("(", "{"))


def _plain_after(parser: Parser, i: int) -> bool:
    """Whether the token after word ``i`` lets the word start nothing outside math: no
    relation, call or arithmetic follows (in prose, most often a word, a number or a plain
    mark), so a word that is no quantity prefix cannot start a formula there."""
    nxt = parser.tok(i + 1)
    if nxt is None or nxt.kind == "num":
        return True
    if nxt.kind == "word":
        return nxt.text.lower() not in RELATION_WORDS
    return nxt.text not in RELATIONS and nxt.text != "(" and nxt.text not in _ARITHMETIC_TEXTS


def _continues_formula(parser: Parser, k: int, *, glued: bool) -> bool:
    """Whether token ``k`` makes the token after it part of something already under way."""
    prev = parser.toks[k]
    if prev.kind in ("sym", "cmd"):
        if prev.text in _OPERATOR_TEXTS or prev.text in ("+", "−", "_"):
            return True
        if prev.text == "-" and prev.space_before:
            return True
        if prev.kind == "cmd" and _is_opaque_command(prev.text):
            return True
        if glued and prev.text in (")", "}"):
            return True
    if prev.kind == "word":
        if prev.text in ("x", "X") and prev.space_before:
            return True  # "N x 1/32": the spaced x multiplies
        if glued:
            return True  # "log_16(…)", "f(x)": a function call
    return False


_BREAKS = {".", ";", ",", ":", "!", "?", "|", "\n"}


def _skip_formula(parser: Parser, i: int) -> int:
    """Index just past the formula region that starts at ``i`` (up to a sentence break)."""
    j = i + 1
    while j < parser.n and not (parser.toks[j].kind == "sym" and parser.toks[j].text in _BREAKS):
        j += 1
    return j


def _has_relation(parser: Parser, start: int, end: int) -> bool:
    return any(parser.relation_at(k) for k in range(start, end))
