"""A Pratt parser for formulas and relation chains over lexer tokens.

The parser builds its own nodes; nothing here hands document text to ``eval``, ``sympify`` or
``parse_expr``. Size, nesting and chain length are capped; a formula past a cap raises
:class:`TooComplex` so that the caller reports it as unchecked instead of evaluating it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from sympy import Rational

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
    DIV_SYMBOLS,
    GREEK_COMMANDS,
    LEAD_WORDS,
    MUL_SYMBOLS,
    POW_SYMBOLS,
    QUANTITY_PREFIXES,
    RANGE_SYMBOLS,
    RELATION_WORDS,
    RELATIONS,
    STOP_WORDS,
    ChainLink,
    lower,
)
from speclint.quantity.units import Unit, unit_table

MAX_EXPR_TOKENS = 64
MAX_NESTING = 16
MAX_CHAIN_LINKS = 12


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
        elif t.text in STOP_WORDS or lower(t.text) in STOP_WORDS:
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
                # "10 - 2" is subtraction; "2-4" is a range and "A-B" a hyphenated word.
                if t.space_before and nxt is not None and nxt.space_before:
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
            if self.math and self.is_identifier(i):
                return "*", "", i
        return None

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
        if self.is_identifier(i) and self.relation_at(i + 1):
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
            rel = self.relation_at(i)
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
        return Chain(exprs, relations, start, i, head, head_relation, ignored)

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
                left = BinOp(kind, left, right[0], symbol)
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
        return self.parse_primary(i)

    def parse_primary(self, i: int) -> tuple[Node, int] | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.text in ("(", "{") and t.kind == "sym":
            return self.parse_group(i)
        if t.kind == "cmd" and t.text == "\\frac":
            return self.parse_frac(i)
        if t.kind == "cmd" and _is_opaque_command(t.text):
            return Call(t.text, t.start, t.end), i + 1
        quantity = self.parse_quantity(i)
        if quantity is not None:
            return quantity
        if self.is_identifier(i):
            if self.text(i + 1) == "(" and self.glued(i + 1):
                argument = self.parse_group(i + 1)
                end = argument[1] if argument else i + 2
                return Call(t.text, t.start, self.toks[end - 1].end), end
            return Ident(t.text, t.start, t.end), i + 1
        return None

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
        j = self._parse_qualifiers(lit, after_unit)
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
            or (t.text in ("-", "~") and not t.space_before and self.glued(j + 1))
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
                if word == "B":
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
            and (t.text == "%" or (t.text == "×" and not self._operand_follows(j + 1)))
        ):
            unit, unit_text, j = self.units.lookup(t.text), t.text, j + 1
        if unit is None or unit is currency:
            t = self.tok(j)
            spelled_scale = t is not None and len(t.text) > 2 and t.text in self.units.scales
            if lit.scale is None and t is not None and spelled_scale:
                lit.scale, j = self.units.scales[t.text], j + 1
            t = self.tok(j)
            if unit is None and t is not None and (t.kind == "word" or t.text == "%"):
                if t.text == "B" and lit.scale is None and self._billion_here(j):
                    lit.scale, j = self.units.scales["B"], j + 1
                elif self._unit_word(t.text) is not None and not (self.math and len(t.text) == 1):
                    unit, unit_text, j = self.units.lookup(t.text), t.text, j + 1
        if unit is not None:
            while (
                self.text(j) == "/" and self.glued(j) and self.is_word(j + 1) and self.glued(j + 1)
            ):
                denominator = self._unit_word(self.text(j + 1))
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
        lit.unit = unit
        lit.unit_text = unit_text
        lit.prefix = currency.text if currency is not None else ""
        return j

    def _unit_word(self, word: str) -> Unit | None:
        """The unit spelled ``word``; multipliers (``x``) only count where the lexer glued them."""
        if word in ("x", "X", "×"):
            return None
        return self.units.lookup(word)

    def _billion_here(self, j: int) -> bool:
        nxt = self.tok(j + 1)
        if nxt is not None and nxt.kind == "word" and nxt.text.lower() in BILLION_CONTEXT:
            return True
        return self.billion_context

    def _parse_qualifiers(self, lit: Lit, j: int) -> int:
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
        for _ in range(2):
            word = self.text(j)
            if word.lower().startswith("per-") and self.is_word(j):
                lit.per = word[4:]
                j += 1
                continue
            if word not in ("per", "/") or not self._per_target(j + 1):
                break
            if word == "/" and not self.glued(j):
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

    def _per_target(self, j: int) -> bool:
        """The noun after ``per`` or a glued ``/``: ``per GPU``, ``/GPU``, ``per token``."""
        t = self.tok(j)
        return t is not None and t.kind == "word" and t.text[0].isalpha() and "://" not in t.text

    def _label_word(self, j: int) -> bool:
        t = self.tok(j)
        if t is None or t.kind != "word":
            return False
        word = t.text
        if word in STOP_WORDS or lower(word) in STOP_WORDS or word.lower().startswith("per-"):
            return False
        if self.math or not word[0].isalpha() or "://" in word:
            return False
        if self.units.lookup(word) is not None or word in self.units.scales:
            return False
        # "2 N × D": a symbol-like word before an operator is a factor, not a noun.
        nxt = self.tok(j + 1)
        operator_next = (
            nxt is not None
            and nxt.kind in ("sym", "cmd")
            and (nxt.text in RELATIONS or nxt.text in MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS)
        )
        return not (operator_next and (len(word) == 1 or "_" in word))


#: The unit of a plain count ("100 pods" in "100 pods per second").
COUNT = Unit("", Rational(1), unit_table().dimensionless, "count")

OPAQUE_SAFE_COMMANDS = MUL_SYMBOLS | DIV_SYMBOLS | GREEK_COMMANDS | {"\\frac"} | set(RELATIONS)


def _is_opaque_command(text: str) -> bool:
    """LaTeX commands that name functions (``\\log``, ``\\sqrt``, ``\\lceil``…)."""
    return text not in OPAQUE_SAFE_COMMANDS


def _check_length(start: int, end: int) -> None:
    if end - start > MAX_EXPR_TOKENS:
        raise TooComplex(f"formula longer than {MAX_EXPR_TOKENS} tokens")


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
        result.chains.append(chain)
        i = max(chain.tok_end, i + 1)
    return result


def _can_start(parser: Parser, i: int) -> bool:
    t = parser.toks[i]
    prev = parser.tok(i - 1)
    if prev is not None and _continues_formula(parser, i - 1, glued=not t.space_before):
        return False  # the middle of a formula (or a call) we could not read from its start
    if t.kind == "num":
        return True
    if t.kind == "sym" and t.text in ("-", "−") and parser.is_num(i + 1) and parser.glued(i + 1):
        return True  # a negative number
    if t.kind == "sym" and t.text in ("(", "{"):
        return True
    if t.kind == "cmd" and (t.text == "\\frac" or _is_opaque_command(t.text)):
        return True
    if parser.is_identifier(i):
        nxt = parser.tok(i + 1)
        if parser.relation_at(i + 1):
            return True
        if nxt is not None and nxt.text == "(" and not nxt.space_before:
            return True  # a function call, read whole so its arguments are not taken apart
        return (
            nxt is not None
            and nxt.kind in ("sym", "cmd")
            and nxt.text in (MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS | {"+", "−"})
        )
    prefix = t.text in QUANTITY_PREFIXES or lower(t.text) in APPROX_WORDS | BOUND_FIRST_WORDS
    return prefix and parser.parse_quantity(i) is not None


def _continues_formula(parser: Parser, k: int, *, glued: bool) -> bool:
    """Whether token ``k`` makes the token after it part of something already under way."""
    prev = parser.toks[k]
    if prev.kind in ("sym", "cmd"):
        if prev.text in MUL_SYMBOLS | DIV_SYMBOLS | POW_SYMBOLS or prev.text in ("+", "−", "_"):
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
