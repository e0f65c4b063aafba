"""Claims: a stated number and what it should equal, and the records extraction produces.

The inline shapes that produce claims live in ``extract.py``; sums and per-unit totals across
lines in ``sums.py`` and ``per_unit.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cache
from typing import Literal, get_args

import regex

from speclint.data import load
from speclint.document import Document, NotChecked, Related, Segment
from speclint.formula.evaluate import Evaluator, NotEvaluable, Value, literal_value
from speclint.formula.expr import BinOp, Chain, Lit, Node, TooComplex, span, strip_groups
from speclint.formula.lexer import Token
from speclint.formula.parser import ScanResult
from speclint.formula.vocabulary import Relation
from speclint.patterns import lazy_compile
from speclint.quantity.numbers import NumberLiteral
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.quantity.units import Unit, unit_table

#: Longest text (characters) that is scanned as one block; longer ones are reported unchecked.
MAX_SEGMENT_CHARS = 20_000


def too_long(text: str) -> str:
    """Why a block over ``MAX_SEGMENT_CHARS`` was not checked."""
    blank = "" if "\n\n" in text else "; separate paragraphs with blank lines"
    return f"a block of {len(text):,} characters (over {MAX_SEGMENT_CHARS:,}){blank}"


def note_unchecked(document: Document, start: int, reason: str) -> None:
    """Note a block left unchecked (reported as SPC003), from source offset ``start`` to the
    end of its line."""
    line = document.position(start)[0]
    end = start + len(document.line_text(line)) - (start - document.line_starts[line - 1])
    document.not_checked.append(NotChecked(start, max(end, start + 1), reason))


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


@cache
def _node_nouns() -> frozenset[str]:
    return frozenset(load("units.toml")["node-nouns"]["names"])


def noun_class(word: str) -> str:
    """A counted noun's key, one for every noun that names one machine (``DGX``, ``server``)."""
    key = noun_key(word)
    return "node" if key in _node_nouns() else key


ClaimKind = Literal["formula", "percentage", "conversion", "sum", "per-unit", "restatement"]
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
    #: Whose notation and precision a fix copies, when not the stated number's own (a table
    #: cell copies the most precise cell of its column).
    like: NumberLiteral | None = None
    #: The computed value is the least the stated one may be (a transfer at a link's line
    #: rate): read with ``relation`` ``<=``, reported as a figure too small, slips named.
    floor: bool = False
    #: At most this many of the stated integer's trailing zeros are rounding, as its parts
    #: show (a column of ``48,000,000`` and ``34,000,000`` totals to the million, not to 5 %).
    zeros_cap: int | None = None


@dataclass(eq=False)
class Definition:
    name: str
    node: Node
    where: Scanned
    line: int
    text: str
    #: Its chain computes the value (``MFU = 6 × N × 6,500 / 989e12 = 31.7 %``): a figure
    #: derived from others, not one the document assumes.
    derived: bool = False
    #: A value supposed for a worked example (``For s = 8,192:``), not one the system has.
    example: bool = False


@dataclass(eq=False)
class Unchecked:
    """A formula speclint refused to evaluate (past a size, nesting or exponent cap)."""

    where: Scanned
    start: int
    end: int
    reason: str


_SYMBOL_NAME = lazy_compile(
    r"(?:[A-Za-zα-ωΑ-Ω](?:_[A-Za-z0-9]+)?'?|\\[a-z]+|[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]+|[A-Z]{2,6}"
    r"|(?:alpha|beta|gamma|delta|epsilon|eta|theta|lambda|mu|rho|sigma|tau|phi)(?:_[A-Za-z0-9]+)?)"
)


def is_symbol_name(name: str) -> bool:
    """Names that read as math symbols: ``L``, ``d_h``, ``\\alpha``, ``α``, ``alpha``,
    ``num_layers``, ``TP``."""
    return _SYMBOL_NAME.fullmatch(name) is not None


def formula_text(where: Scanned, node: Node) -> str:
    """The formula as the author wrote it (outer parentheses dropped)."""
    node = strip_groups(node)
    start, end = span(node)
    return " ".join(where.text[start:end].split())


#: Tokens that end a sentence or a clause.
CLAUSE_STOPS = frozenset({".", ";", ":", "!", "?"})


def written_value(node: Node) -> Value | None:
    """The value of a formula of written numbers only (no symbols), or ``None`` when it cannot
    be evaluated."""
    try:
        return Evaluator({}).evaluate(node)
    except (NotEvaluable, TooComplex):
        return None


def per_word(lit: Lit) -> str:
    """The first word a price says it is per (``GB`` of ``$0.023 per GB-month``); "" for a
    literal that is no price or has no such words."""
    if lit.unit is None or lit.unit.kind != "currency":
        return ""
    words = lit.per.split("-")[0].split()
    return words[0] if words else ""


def list_items(scanned: list[Scanned]) -> dict[tuple[int, int], Scanned]:
    """The list items' paragraphs by (list, index), so an item finds the one before it."""
    return {
        (where.segment.item.list_id, where.segment.item.index): where
        for where in scanned
        if where.segment.item is not None and where.segment.kind == "paragraph"
    }


def last_figure(where: Scanned) -> Lit | None:
    """The figure with a unit a block ends with (no bound or range), if it ends with one."""
    chains = [c for c in where.result.chains if not c.ignored]
    if not chains:
        return None
    lit = strip_groups(chains[-1].exprs[-1])
    if not isinstance(lit, Lit) or lit.unit is None or lit.bound or lit.is_range:
        return None
    return lit


def single_lit(chain: Chain) -> Lit | None:
    """The chain's one value, when it is a single number (``8 GPUs``), not a formula."""
    if len(chain.exprs) != 1 or chain.head is not None or chain.ignored:
        return None
    node = strip_groups(chain.exprs[0])
    return node if isinstance(node, Lit) else None


def single_lit_triples(chains: list[Chain]) -> Iterator[tuple[int, Lit, Lit, Lit]]:
    """``(k, a, b, c)`` for each three neighbouring chains from ``k`` that are each one value
    (``1,200 tok/s``, ``$2.50/h``, ``64 GPUs``)."""
    if len(chains) < 3:
        return
    lits = [single_lit(chain) for chain in chains]  # each chain read once, not three times
    for k in range(len(chains) - 2):
        a, b, c = lits[k : k + 3]
        if a is not None and b is not None and c is not None:
            yield k, a, b, c


def nameable_result(chain: Chain) -> Lit | None:
    """The chain's last value when a name can stand for it (``Fleet: 992 GPUs``, ``MI300X: … =
    $0.510/Mtok``): one amount, not a range, bound, percentage or multiplier."""
    lit = strip_groups(chain.exprs[-1])
    if chain.ignored or not isinstance(lit, Lit) or lit.is_range or lit.bound:
        return None
    if lit.is_percent or (lit.unit is not None and lit.unit.kind == "multiplier"):
        return None
    return lit


def quantity_text(lit: Lit, where: Scanned) -> str:
    """``10 Gbps`` for ``10 Gbps takes``: the value and unit, without a trailing word."""
    text = literal_text(lit, where)
    if lit.label and text.endswith(lit.label):
        text = text[: -len(lit.label)].rstrip()
    return text


def literal_text(lit: Lit, where: Scanned) -> str:
    """The quantity as written, from its number through its unit (no approximation marker)."""
    return " ".join(where.text[lit.num_start : lit.end].split()).replace(
        lit.number.text, lit.prefix + lit.number.text, 1
    )


#: Right after a figure: another it is set against (``at $0.0125/GB-month instead of the
#: $0.021 marginal rate``).
_SET_AGAINST = lazy_compile(
    r"[^;\n]{0,24}?\b(?:instead\s+of|rather\s+than|vs\.?|versus|compared\s+(?:to|with))\b"
    r"[^.;\n]{0,24}?\d",
    regex.I,
)


def set_against(where: Scanned, lit: Lit) -> bool:
    """The words right after a figure set it against another figure: an option weighed, not
    a figure restated."""
    return _SET_AGAINST.match(where.text, lit.num_end) is not None


#: ``slot`` in ``slot-hour``, `` per GPU-hour`` and ``/GPU-hour``.
_PRICED_PER = lazy_compile(r"^\s*(?:/|per\s+)?([A-Za-z]+)(?:-[A-Za-z]+)?\s*$", regex.I)


def priced_per(lit: Lit) -> str:
    """``slot`` for ``$0.06 per slot-hour`` and ``GPU`` for ``$2.10/GPU-h``: the counted thing a
    price is per, not a unit (``$0.023 per GB-month`` is per an amount); "" for none."""
    if lit.unit is None or lit.unit.kind != "currency":
        return ""
    match = _PRICED_PER.search(lit.per or lit.unit_text)
    noun = match.group(1) if match else ""
    if not noun.isalpha() or unit_table().lookup(noun) is not None:
        return ""
    return noun


def per_as_unit(a: Lit, b: Lit) -> tuple[Lit, Lit] | None:
    """Two figures per units of one dimension (``$0.023 per GB-month`` and ``$23 per
    TB-month``, ``$0.09 per GB`` and ``$90 per TB``) as figures in those units divided, so that
    one restates the other; ``None`` unless both are per such a unit, with the same period
    after it (``-month``) and another unit."""
    if not (a.per and b.per) or a.unit is None or b.unit is None:
        return None
    (first, rest), (second, other) = (_per_parts(x.per) for x in (a, b))
    if first is None or second is None or rest != other or first.text == second.text:
        return None
    if first.dims != second.dims or not any(first.dims) or first.kind == "time":
        return None
    return _divided(a, a.unit, first), _divided(b, b.unit, second)


def _divided(lit: Lit, unit: Unit, per: Unit) -> Lit:
    """``lit`` in its unit over ``per``, no longer per a word."""
    return replace(lit, unit=unit.per(per), unit_text=f"{lit.unit_text}/{lit.per}", per="")


def _per_parts(per: str) -> tuple[Unit | None, str]:
    """The unit a figure is per and the period after it: ``GB-month`` is GB and ``month``."""
    head, _, rest = per.partition("-")
    return unit_table().lookup(head), rest.lower()


def alone_in_sentence(where: Scanned, chains: list[Chain], first: int, last: int) -> bool:
    """No other number in the sentence of chains ``first`` to ``last``."""
    start, end = chains[first].tok_start, chains[last].tok_end
    tokens = where.tokens
    j = start - 1
    while j >= 0 and tokens[j].text not in (".", ";", "!", "?"):
        if tokens[j].kind == "num":
            return False
        j -= 1
    j = end
    while j < len(tokens) and tokens[j].text not in (".", ";", "!", "?"):
        if tokens[j].kind == "num":
            return False
        j += 1
    return True


def share_claim(share: Lit, part: Lit, whole: Lit, where: Scanned, approx: bool = False) -> Claim:
    """The claim that ``share`` is ``part`` of ``whole`` (``18 GB of 64 GB (28 %)``)."""
    return Claim(
        "percentage",
        share,
        where,
        relation="≈" if approx else "=",
        formula=BinOp("/", part, whole, "of"),
        formula_where=where,
        derivation=f"{literal_text(part, where)} / {literal_text(whole, where)}",
    )


def times_figure_claim(
    doc: Document,
    figure: Lit,
    figure_where: Scanned,
    stated: Lit,
    where: Scanned,
    factor: int | Fraction,
    assumption: str = "",
    shown: str = "",
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    rounded: bool = False,
) -> Claim | None:
    """The claim that ``stated`` is ``factor`` × a figure written on another line (``3 ×
    $18,104 per month (line 152)``), the figure read as an exact operand (within its written
    precision when ``rounded``: an amount that may have been rounded); ``shown`` is how the
    derivation writes the factor (``12 shards``), ``assumption`` may name ``{text}`` and
    ``{line}``."""
    try:
        value = literal_value(figure, stated=rounded, tolerance=tolerance)
    except NotEvaluable:
        return None
    k = Fraction(factor)
    computed = Value(value.point * k, value.interval.scale(k), value.dims, value.bare)
    line = doc.position(figure_where.offsets[figure.num_start])[0]
    text = literal_text(figure, figure_where)
    return Claim(
        "formula",
        stated,
        where,
        computed=computed,
        derivation=f"{shown or factor} × {text} (line {line})",
        parts=[Related(line, text)],
        assumption=assumption.format(text=text, line=line),
    )


def earlier_figure_claim(
    doc: Document,
    figure: Lit,
    figure_where: Scanned,
    stated: Lit,
    where: Scanned,
    computed: Value,
    rest: str,
    *,
    before: str = "",
    approx: bool = False,
) -> Claim:
    """The claim that ``stated`` is ``computed`` from a figure written on another line: the
    derivation names ``before`` (``402.9 GB / ``), the figure and its line, then ``rest`` (`` /
    64 GPUs``); ``approx`` when another operand is approximate. The figure is a part, so a
    wrong figure makes this claim its cascade."""
    line = doc.position(figure_where.offsets[figure.num_start])[0]
    text = literal_text(figure, figure_where)
    return Claim(
        "formula",
        stated,
        where,
        relation="≈" if stated.approx or figure.approx or approx else "=",
        computed=computed,
        derivation=f"{before}{text} (line {line}){rest}",
        parts=[Related(line, text)],
    )


def restated_claim(
    lit: Lit, where: Scanned, source: Lit, source_where: Scanned, line: int, assumption: str
) -> Claim:
    """The claim that ``lit`` restates ``source`` (written on ``line``): a consistency
    finding (SPC302) when the two differ beyond the written precision."""
    shown = literal_text(source, source_where)
    return Claim(
        "restatement",
        lit,
        where,
        computed=literal_value(source, stated=True),  # "$90,965" may be $90,964.65
        derivation=f"the figure of line {line}, {shown}",
        assumption=assumption,
        parts=[Related(line, shown)],
    )
