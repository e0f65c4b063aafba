"""The weight memory a narrower format saves: ``FP8 cuts the weight memory by 50%``, ``le FP8
réduit la mémoire des poids de 50 %`` is 1 − its width over the other format's (``vs BF16`` in
the sentence, else the one other format width the document names).

Read only as a check of the percent/fraction slip (``… de 0,5 %`` for 50 %): the stated number
must equal the saving as a fraction or as a percentage; any other figure may count parts kept
wide (embeddings, norms) and is not read.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import regex

from speclint.claims.dtype_width import dtype_widths
from speclint.claims.model import Claim, Scanned
from speclint.document import Document, squeeze_folded
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, strip_groups
from speclint.patterns import lazy_compile
from speclint.quantity.interval import Interval
from speclint.quantity.units import unit_table

_NAMES = r"(?:fp8|fp16|bf16|fp32|int8|int4|fp4|nvfp4|mxfp4|e4m3|e5m2)"
_SAVING = lazy_compile(
    rf"(?<![\w.])(?P<dtype>{_NAMES})(?![\w.])(?:\s+\w+){{0,2}}?\s+"
    r"(?:reduces|cuts|lowers|shrinks|saves|réduit|diminue|baisse)\s+"
    r"(?:the\s+|la\s+|le\s+|les\s+)?"
    r"(?:weight\s+memory|weights(?:'|’)?\s+memory|memory\s+of\s+the\s+weights|mémoire\s+des\s+poids)"
    r"\s+(?:by|de)\s+",
    regex.I,
)
#: Each verb of ``_SAVING`` as ``squeeze_folded`` of any text it matches holds it (``duit``:
#: the ASCII tail of ``réduit``). The segments' text is searched, not the source: markup
#: inside a word (``re**duces**``) is gone from it.
_VERBS = ("reduces", "cuts", "lowers", "shrinks", "saves", "duit", "diminue", "baisse")
_ANY_NAME = lazy_compile(rf"(?<![\w.])({_NAMES})(?![\w.])", regex.I)


def dtype_saving_claims(doc: Document, scanned: list[Scanned]) -> Iterator[Claim]:
    """A claim for each weight-memory saving whose number is the saving or its fraction."""
    texts = squeeze_folded("\n".join(where.text for where in scanned))
    if not any(verb in texts for verb in _VERBS):
        return  # every match holds one of the verbs
    widths = dtype_widths()
    for where in scanned:
        for match in _SAVING.finditer(where.text):
            stated = _percent_at(where, match.end())
            new = widths.get(match.group("dtype").lower())
            if stated is None or new is None:
                continue
            old = _baseline(doc, where.text, match, widths)
            if old is None or old <= new:
                continue
            saving = 1 - new / old
            number = stated.number.value
            if number != saving and number != 100 * saving:
                continue
            yield Claim(
                "percentage",
                stated,
                where,
                computed=_fraction_value(saving),
                derivation=f"1 − {_bytes(new)} / {_bytes(old)} per weight",
            )


def _percent_at(where: Scanned, index: int) -> Lit | None:
    for chain in where.result.chains:
        for expr in chain.exprs:
            node = strip_groups(expr)
            if isinstance(node, Lit) and node.num_start == index and node.is_percent:
                return None if node.is_range or node.bound else node
    return None


def _baseline(
    doc: Document, text: str, match: regex.Match[str], widths: dict[str, Fraction]
) -> Fraction | None:
    """The width of the other format: the sentence's, else the document's only other one."""
    new = widths[match.group("dtype").lower()]
    for source in (text, doc.source):
        found = {widths.get(m.group(1).lower()) for m in _ANY_NAME.finditer(source)}
        others = {w for w in found if w is not None} - {new}
        if len(others) == 1:
            return next(iter(others))
        if others:
            return None
    return None


def _fraction_value(x: Fraction) -> Value:
    return Value(x, Interval(x, x), unit_table().dimensionless, bare=True)


def _bytes(width: Fraction) -> str:
    return f"{float(width):g} B"
