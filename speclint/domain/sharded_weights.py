"""The whole model's weights said to be on each GPU of a tensor-parallel layout: ``TP=2 on two
H100: each GPU holds the 70.6 GB of FP8 weights`` (each holds half, 35.3 GB).

Read in a sentence that states the tensor-parallel degree (``TP=2``, ``2-way tensor
parallel``) and no other layout (pipeline or expert parallelism), of a dense model, where each
GPU is said to hold a figure of weights that equals the whole model's (its parameters, from the
architecture or as stated, times the bytes of the one weight precision the sentence, else the
document, names). A figure that is neither the whole nor the shard is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction

import regex

from speclint.claims.model import Scanned
from speclint.domain.deployment import Deployment
from speclint.domain.facts import DTYPE_ALIASES, DTYPE_BYTES, stated_bytes, value_kind
from speclint.formula.evaluate import NotEvaluable, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance
from speclint.thresholds import THRESHOLDS

_TP = lazy_compile(
    r"\bTP\s*[=:]?\s*(\d{1,3})\b|\b(\d{1,3})[- ]way\s+tensor[- ]parallel|"
    r"\btensor[- ]parallel(?:ism)?\s+(?:of|=|degree(?:\s+of)?)\s*(\d{1,3})\b",
    regex.I,
)
_OTHER_LAYOUT = lazy_compile(r"\b(?:PP|EP|pipeline|expert[- ]parallel\w*|stages?)\b", regex.I)
#: Each GPU holds …, right before the figure.
_EACH_HOLDS = lazy_compile(
    r"\b(?:each|every|per|one)\s+(?:GPU|device|rank|card|accelerator)\s+"
    r"(?:holds?|stores?|keeps?|has|gets?|carries|loads?)\s+(?:(?:the|all|its|full)\s+)*$",
    regex.I,
)
#: … and weights right after it ("70.6 GB of FP8 weights").
_OF_WEIGHTS = lazy_compile(r"\s*(?:of\s+)?(?:(?:the|its|all|[\w-]+)\s+){0,2}?weights\b", regex.I)
#: A figure per GPU: the words after it, or the lexer's "per" of it.
_PER_GPU_AFTER = lazy_compile(
    r"\s*(?:per|/|on\s+each|for\s+each)\s*(?:GPU|device|rank|card)\b", regex.I
)
_PER_GPU_WORD = lazy_compile(r"(?:GPU|device|rank|card)", regex.I)
_DTYPES = lazy_compile(
    r"(?<![\w.])("
    + "|".join(sorted(map(regex.escape, set(DTYPE_BYTES) - {"half"}), key=len, reverse=True))
    + r")(?![\w.])",
    regex.I,
)


@dataclass(frozen=True)
class ShardedWeights:
    where: Scanned
    lit: Lit
    tp: int
    #: The whole model's weights (bytes), low and high, and how they were found.
    low: Fraction
    high: Fraction
    formula: str
    #: The sentence's per-GPU total that adds the whole weights to other parts ("plus half of
    #: the KV cache (21.5 GB), 92.1 GB per GPU"), what it should be, and the parts it adds.
    total: Lit | None = None
    total_value: Fraction = Fraction(0)
    others: tuple[Lit, ...] = ()


def whole_weights_per_gpu(
    scanned: list[Scanned], dep: Deployment, tolerance: Tolerance = DEFAULT_TOLERANCE
) -> Iterator[ShardedWeights]:
    """Each figure of the whole model's weights said to be on each GPU at TP > 1."""
    if dep.arch is not None and dep.arch.experts is not None:
        return
    params = _params(dep)
    if params is None:
        return
    for where in scanned:
        text = where.text.lower()
        if where.segment.kind != "paragraph" or "weights" not in text:
            continue
        if "tp" not in text and "tensor" not in text:
            continue
        for chain in where.result.chains:
            for lit in (lit for expr in chain.exprs for lit in literals(expr)):
                found = _sharded(where, lit, dep, params, tolerance)
                if found is not None:
                    yield found


def _params(dep: Deployment) -> tuple[Fraction, Fraction, str] | None:
    """Every weight of the model: the architecture's range and the stated count."""
    ends, names = [], []
    if dep.total_params is not None:
        ends += [dep.total_params.low, dep.total_params.high]
        names.append("the architecture")
    stated = dep.facts.get("param_count")
    if stated is not None and isinstance(stated.value, Fraction):
        ends.append(stated.value)
        names.append(f"line {stated.line}")
    return (min(ends), max(ends), " and ".join(names)) if ends else None


def _sharded(
    where: Scanned,
    lit: Lit,
    dep: Deployment,
    params: tuple[Fraction, Fraction, str],
    tolerance: Tolerance,
) -> ShardedWeights | None:
    text = where.text
    weights = _OF_WEIGHTS.match(text, lit.end)
    if lit.unit is None or lit.is_range or lit.bound or weights is None:
        return None
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, lit.start)]
    start = before[-1] if before else 0
    after = SENTENCE_END.search(text, lit.end)
    sentence = text[start : after.start() if after else len(text)]
    if not _EACH_HOLDS.search(text[start : lit.start]) or _OTHER_LAYOUT.search(sentence):
        return None
    degrees = {int(next(g for g in m.groups() if g)) for m in _TP.finditer(sentence)}
    width = _weight_bytes(weights.group(0), sentence, dep)
    if len(degrees) != 1 or width is None or (tp := degrees.pop()) < 2:
        return None
    value = stated_bytes(lit, tolerance)
    if value is None:
        return None
    rounding = THRESHOLDS.parameter_rounding
    low, high = params[0] * width, params[1] * width
    whole = value.interval.hi >= low * (1 - rounding) and value.interval.lo <= high * (1 + rounding)
    if not whole:
        return None
    formula = f"parameters ({params[2]}) × {width} bytes"
    found = ShardedWeights(where, lit, tp, low, high, formula)
    end = after.start() if after else len(text)
    return _with_total(found, value.point, end, tolerance)


def _with_total(
    found: ShardedWeights, weights: Fraction, end: int, tolerance: Tolerance
) -> ShardedWeights:
    """The figure with the per-GPU total later in its sentence that adds it to other byte
    figures (``… plus 21.5 GB of cache, 92.1 GB per GPU``), if one does."""
    where, chained = found.where, []
    for chain in where.result.chains:
        for lit in (lit for expr in chain.exprs for lit in literals(expr)):
            if found.lit.end <= lit.start < end and lit.unit is not None and not lit.is_range:
                try:
                    value = literal_value(lit, stated=True, tolerance=tolerance)
                except NotEvaluable:
                    return found
                if value_kind(value) == "bytes":
                    chained.append((lit, value))
    for k, (lit, value) in enumerate(chained):
        if not (_PER_GPU_AFTER.match(where.text, lit.end) or _PER_GPU_WORD.fullmatch(lit.per)):
            continue
        parts = [v.point for _, v in chained[:k]]
        if value.interval.contains(weights + sum(parts, Fraction(0))):
            shard = weights / found.tp + sum(parts, Fraction(0))
            others = tuple(other for other, _ in chained[:k])
            return replace(found, total=lit, total_value=shard, others=others)
        break
    return found


def _weight_bytes(phrase: str, sentence: str, dep: Deployment) -> Fraction | None:
    """Bytes per weight: of the precision the figure's own words name ("of FP8 weights"), else
    the one its sentence names, else the document's; none when one of them names several."""
    for text in (phrase, sentence):
        found = (m.group(1).lower() for m in _DTYPES.finditer(text))
        widths = {DTYPE_BYTES.get(DTYPE_ALIASES.get(name, name)) for name in found}
        if len(widths) == 1:
            return widths.pop()
        if widths:
            return None
    return dep.weight_bytes[0] if dep.weight_bytes is not None else None
