"""Tokenizer for numbers, words and operators in specification prose and math.

No pattern here runs with a clock: the time a text takes is bounded by its length alone, so
the same text always gives the same tokens, however loaded the machine. ``tokenize`` reads at
most ``MAX_CHARS`` characters (callers cap their blocks first, with a notice); its slowest
inputs of that length (``1-1-1-…``, ``1,1,1,…``) take about 0.1 s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import regex

from speclint.patterns import lazy_compile
from speclint.quantity.numbers import NumberLiteral, make_literal

#: Longest text ``tokenize`` reads: twice the longest block callers read (``normalize`` turns
#: each superscript into at most two characters).
MAX_CHARS = 40_000
#: Longer digit strings are read as words, never converted to numbers.
MAX_DIGITS = 30
#: Larger written exponents (``1e999``) are read as words too.
MAX_EXPONENT = 400


class LexTimeout(Exception):
    """The text is longer than ``MAX_CHARS``: too long to read (decided by length, never by
    the clock)."""


TokenKind = Literal["num", "word", "sym", "cmd"]
#: Pattern groups that become a token of the same kind as they are.
_PLAIN_KINDS: dict[str, TokenKind] = {"word": "word", "cmd": "cmd", "sym": "sym"}


@dataclass(slots=True)
class Token:
    kind: TokenKind
    text: str
    start: int
    end: int
    space_before: bool
    literal: NumberLiteral | None = None


_SUPERSCRIPT_TO_ASCII = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

_NORMALIZE = lazy_compile(
    r"""
    (?P<wrap>\\(?:text|mathrm|textrm|mathit|mathbf|mathsf|operatorname|rm)\s*\{(?P<inner>[^{}\\]{0,64})\})
  | (?P<comma>\{,\})
  | (?P<space>\\(?:[,;:!\ ]|quad|qquad))
  | (?P<drop>\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z]))
  | (?P<mu>\\mu\s*)
  | (?P<esc>\\[%$#])
  | (?P<frac>\\[dt]frac(?![A-Za-z]))
  | (?P<sub>_\{(?P<subtext>[A-Za-z0-9,]{1,32})\})
  | (?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)
  | (?P<root>[√∛∜])
    """,
    regex.VERBOSE,
)


def normalize(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Rewrite LaTeX spellings and superscripts into plain tokens, keeping source offsets.

    ``\\text{GB}`` becomes `` GB ``, ``3{,}840`` becomes ``3,840``, ``10¹⁵`` becomes ``10^15``.
    Each output character keeps the source offset of the character it came from.
    """
    if (
        "\\" not in text
        and "{," not in text
        and "_{" not in text
        and not _has_superscript(text)
        and "√" not in text
    ):
        return text, offsets
    out_chars: list[str] = []
    out_offsets: list[int] = []
    pos = 0
    for m in _NORMALIZE.finditer(text):
        out_chars.extend(text[pos : m.start()])
        out_offsets.extend(offsets[pos : m.start()])
        kind = m.lastgroup if m.lastgroup not in ("inner", "subtext") else None
        if m.group("wrap"):
            kind = "wrap"
        elif m.group("sub"):
            kind = "sub"
        start = m.start()
        if kind == "wrap":
            inner_start = m.start("inner")
            # A unit in \text{} right after a number is the number's, as when written glued:
            # "23.2\text{B}" is 23.2B, "2.47 \text{ s}" is 2.47 s (in math a lone "s" is a symbol)
            inner = m.group("inner")
            # "405.85\text{e9}" is 405.85e9: an exponent in \text{} is glued as a unit is
            written = _UNIT_TEXT.fullmatch(inner) or _EXPONENT_TEXT.fullmatch(inner)
            glued = written is not None and _after_number(text, start)
            if glued:
                # "2.47 \text{ s}": a one-letter unit is glued (in math a lone "s" is a symbol);
                # a longer one keeps its space ("4.79 \text{ms}" reads "4.79 ms")
                while len(inner.strip()) == 1 and out_chars and out_chars[-1] == " ":
                    out_chars.pop()
                    out_offsets.pop()
                lead = len(inner) - len(inner.lstrip())
                inner_start += lead
                inner = inner.strip()
            else:
                out_chars.append(" ")
                out_offsets.append(offsets[start])
            out_chars.extend(inner)
            out_offsets.extend(offsets[inner_start : inner_start + len(inner)])
            if not (glued and inner in ("e", "E") and _EXPONENT_AFTER.match(text, m.end())):
                out_chars.append(" ")  # "14.77\text{e}9" is 14.77e9: the exponent stays glued
                out_offsets.append(offsets[m.end() - 1])
        elif kind == "comma":
            out_chars.append(",")
            out_offsets.append(offsets[start + 1])
        elif kind == "space":
            out_chars.append(" ")
            out_offsets.append(offsets[start])
        elif kind == "mu":
            out_chars.append("µ")
            out_offsets.append(offsets[start])
        elif kind == "esc":
            out_chars.append(m.group()[1])
            out_offsets.append(offsets[start + 1])
        elif kind == "frac":
            out_chars.extend("\\frac")
            out_offsets.extend([offsets[start]] * 5)
        elif kind == "sub":
            out_chars.append("_")
            out_offsets.append(offsets[start])
            out_chars.extend(m.group("subtext"))
            out_offsets.extend(offsets[m.start("subtext") : m.end("subtext")])
        elif kind == "root":  # "√(2 × 40 × 63,663 s)": a function, as \sqrt is
            out_chars.extend("\\sqrt")
            out_offsets.extend([offsets[start]] * 5)
        elif kind == "sup":
            out_chars.append("^")
            out_offsets.append(offsets[start])
            out_chars.extend(m.group().translate(_SUPERSCRIPT_TO_ASCII))
            out_offsets.extend(offsets[start : m.end()])
        # "drop" adds nothing.
        pos = m.end()
    out_chars.extend(text[pos:])
    out_offsets.extend(offsets[pos:])
    return "".join(out_chars), out_offsets


#: An exponent written whole in ``\text{}``: ``405.85\text{e9}``.
_EXPONENT_TEXT = lazy_compile(r"\s*[eE][-+]?\d{1,3}\s*")
#: Digits of an exponent right after ``\text{e}``: ``14.77\text{e}9``.
_EXPONENT_AFTER = lazy_compile(r"[-+]?\d")
#: The text of a unit in ``\text{}``: letters, ``/``, ``%``, ``µ``, spaces around.
_UNIT_TEXT = lazy_compile(r"\s*[A-Za-zµ%$][A-Za-zµ%/$-]{0,11}\s*")


def _after_number(text: str, start: int) -> bool:
    """Whether a digit (then at most spaces, LaTeX's among them) comes right before ``start``."""
    gap = _SPACES_BEFORE.search(text, max(0, start - 12), start)
    before = text[: gap.start()] if gap else text[:start]
    return bool(before) and before[-1].isdigit() and start - len(before) <= 8


#: Spaces right before a point, LaTeX's included (``3.159\ \text{s}``, ``4\,\text{GB}``).
_SPACES_BEFORE = lazy_compile(r"(?:[ \t]|\\[,;:! ])+$")


def _has_superscript(text: str) -> bool:
    # one substring search per digit: constant time on text with no character that wide
    return any(c in text for c in "⁰¹²³⁴⁵⁶⁷⁸⁹")


#: A decimal comma (``0,80 $/h``, ``2,5 GB``, ``99,9%``): one or two digits after the comma (a
#: thousands group has three), the number standing alone and a unit, currency or percent sign
#: right after it, so lists, pairs and arguments (``0,1``, ``max(16,64)``, ``-1,3``) stay apart.
_PAIR = r"\d+,\d{1,2}(?![\d]|[.,]\d)"
_UNIT_AFTER = r"(?=\s?(?:[%$€]|[A-Za-z]{1,5}(?!\w)))"
_DECIMAL_COMMA = rf"(?<![^\s$€]){_PAIR}{_UNIT_AFTER}"
#: Any other such pair (``16,00 × 730``, ``max(16,64)``, ``0,1``) but a list (``1,2,4``) is read
#: as a word: the number it means is unsure.
_COMMA_PAIR = rf"(?<![^\s$€]){_PAIR}(?!{_UNIT_AFTER[3:-1]})|(?<=[^\s$€\d,.]){_PAIR}"

#: The mantissa of a number in scientific notation: no thousands separator (``3,600 × 10^6``
#: after a ``/`` is a count times a million, not one number).
_MANTISSA = r"(?<![\d,])(?:\d+(?:\.\d+)?|\.\d+)"
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:_\d{3})+(?![\d_])"
    r"|\d{1,3}(?:[\u00a0\u2009\u202f\ ]\d{3})+(?![\d,.])|"
    + _DECIMAL_COMMA
    + r"|\d+)(?:\.\d+)?|\.\d+"
)

#: A word (a letter first). Tried right after ``url`` too, but for ``v`` and a digit: no
#: alternative between them starts with a letter (``word_d``'s ``v1.2.3`` aside), so the match
#: is the one the later ``word`` gives, found without trying them (a third of the lexer's time).
#: Word characters, each ``-`` or ``.`` followed by a letter or digit: runs of them read at
#: once (possessive: nothing after a word in ``_TOKEN`` can make a shorter one match), the
#: longest match one character at a time (``(?:[\w'’]|[-.](?=[^\W_]))*``) gives. A star glued
#: to a word right before a relation decorates the name (``τ* = sqrt(…)``, an optimum).
_WORD = r"[^\W\d_][\w'’]*+(?:[-.][^\W_][\w'’]*+)*+(?:\*(?=[ \t]*[=≈]))?"

#: ``word_d`` reads as words what only looks like numbers: dates and times (``2024-09-14``,
#: ``08-30`` with its month's leading zero), versions, hex, comma pairs, ``24/7`` (around the
#: clock, no division). ``layout``'s groups are
#: possessive: a shorter run of them ends before ``x`` or a digit, which
#: its lookahead refuses anyway, and backtracking them is quadratic (``1x1x1x…x``). White
#: space is no token: no alternative starts with it (``sym`` reads any other character), so
#: ``finditer`` passes over it and a token follows space when it starts after the last's end.
_TOKEN = lazy_compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s)\]>]+)
  | (?P<word>(?!v\d){_WORD})
  | (?P<word_d>\d{{4}}-\d{{2}}-\d{{2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?Z?)?(?![\w])
       | (?<![\w-])0\d-[0-3]\d(?![\w.-])
       | \d{{1,2}}:\d{{2}}(?::\d{{2}})?(?![\d])
       | v?\d+(?:\.\d+){{2,}}(?:[-+][\w.]+)?
       | 0[xX][0-9A-Fa-f]+(?![\w])
       | (?<![\w/.])24/7(?:/365)?(?![\w/.])
       | {_COMMA_PAIR})
  | (?P<layout>\d+(?:[xX]\d+)++(?![\w.]))
  | (?P<sci>(?P<sci_m>{_MANTISSA})(?P<sci_op>\s*(?:\\times|\\cdot|×|·|\*|x|X)\s*10\s*\^\s*)
       (?:\{{\s*(?P<sci_e1>[-−+]?\d{{1,4}})\s*\}}|(?P<sci_e2>[-−+]?\d{{1,4}}))(?![\d.]))
  | (?P<num>(?P<num_m>{_NUMBER})(?:(?P<num_e>[eE])(?P<num_x>[-+]?\d{{1,4}})(?![\w]))?)
  | (?P<word>{_WORD})
  | (?P<cmd>\\[A-Za-z]+)
  | (?P<sym>~=|<=|>=|==|:=|\*\*|\+/-|->|=>|\S)
    """,
    regex.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; raises :class:`LexTimeout` on a text over ``MAX_CHARS``."""
    if len(text) > MAX_CHARS:
        raise LexTimeout(f"{len(text):,} characters (over {MAX_CHARS:,})")
    tokens: list[Token] = []
    last = -1  # the first token follows space
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        start, end = m.span()
        space = start != last
        last = end
        written = m.group()
        if kind in _PLAIN_KINDS:  # the most frequent first
            tokens.append(Token(_PLAIN_KINDS[kind], written, start, end, space))
        elif kind in ("num", "sci"):
            if _too_large(m, kind):
                tokens.append(Token("word", written, start, end, space))
            elif kind == "sci":
                tokens.append(_sci_token(m, space))
            else:
                exp_text = m.group("num_x")
                literal = make_literal(
                    written,
                    m.group("num_m"),
                    exponent=int(exp_text) if exp_text else 0,
                    exp_prefix=m.group("num_e") or "",
                    exp_plus=bool(exp_text and exp_text.startswith("+")),
                )
                tokens.append(Token("num", written, start, end, space, literal))
        elif kind == "layout" and not _too_many_digits(written):
            tokens.extend(_layout_tokens(written, start, space))
        else:  # "layout" of too many digits, "url", "word_d"
            tokens.append(Token("word", written, start, end, space))
    return tokens


def _too_large(m: regex.Match, kind: str) -> bool:
    """Numbers with more than MAX_DIGITS digits or an exponent over MAX_EXPONENT are words."""
    if kind == "sci":
        mantissa, exponent = m.group("sci_m"), m.group("sci_e1") or m.group("sci_e2")
    else:
        mantissa, exponent = m.group("num_m"), m.group("num_x") or "0"
    return _too_many_digits(mantissa) or abs(int(exponent.replace("−", "-"))) > MAX_EXPONENT


def _too_many_digits(mantissa: str) -> bool:
    return sum(c.isdigit() for c in mantissa) > MAX_DIGITS


def _sci_token(m: regex.Match, space: bool) -> Token:
    exp_text = m.group("sci_e1") or m.group("sci_e2")
    exp_value = int(exp_text.replace("−", "-"))
    op_text = m.group("sci_op")
    if m.group("sci_e1") is not None:
        prefix = m.string[m.start("sci_op") : m.start("sci_e1")]
        suffix = m.string[m.end("sci_e1") : m.end()]
    else:
        prefix, suffix = op_text, ""
    literal = make_literal(
        m.group("sci"),
        m.group("sci_m"),
        exponent=exp_value,
        exp_prefix=prefix,
        exp_suffix=suffix,
        exp_plus=exp_text.startswith("+"),
    )
    return Token("num", m.group("sci"), m.start(), m.end(), space, literal)


def _layout_tokens(text: str, start: int, space: bool) -> list[Token]:
    """``4x4x2`` is a product of counts: number, ×, number, ×, number."""
    tokens = []
    pos = 0
    for part in regex.split(r"([xX])", text):
        if part in ("x", "X"):
            tokens.append(Token("sym", "×", start + pos, start + pos + 1, False))
        else:
            literal = make_literal(part, part)
            tokens.append(Token("num", part, start + pos, start + pos + len(part), space, literal))
            space = False
        pos += len(part)
    return tokens
