"""## What it does
Per-GPU attention, expert and embedding weights are recomputed from the architecture, the weight
precision and the TP/PP/EP degrees (experts per GPU = E ÷ EP, layers per GPU = L ÷ PP; experts may
also be split by TP, so that is a range). KV bytes per token are 2 × layers × KV heads × head dim ×
bytes (MLA: layers × (kv_lora_rank + rope dim) × bytes), for the whole model and per GPU. A
sentence that gives the whole model's weights at the one precision its clause names (`In FP16 the
weights need 141 GB`) is checked as total parameters × that precision's bytes (a format under 16
bits may be up to a quarter larger: scales and layers kept in 16 bit). A claim is reported only
when no reading fits. A share of one device's memory (`14.5 GB, which is 60% of the card`) is read
against the device's memory, stated or from the catalog.

## Why is this bad?
Per-GPU memory decides whether a layout fits; weights or KV sizes computed for the wrong number of
layers, heads or experts per GPU make the fit (or the misfit) an illusion.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008
- Precision: FP16
- KV cache: 262,144 bytes per token
```

## How to fix
Recompute the figure for one GPU: E ÷ EP experts and L ÷ PP layers, KV heads ÷ TP. If the document
means the whole model, say so ('total', 'whole model').

## Fix safety
The fix is `unsafe`, and offered only when the figure has one reading (whole model or per GPU); it
writes the nearest end of the computed range.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from math import inf
from typing import TYPE_CHECKING

from speclint.engine.diagnostics import Applicability, Diagnostic, Related
from speclint.engine.rule import LintContext, Rule
from speclint.patterns import TP_DEGREE, lazy_compile
from speclint.quantity.display import off_by, show_range
from speclint.quantity.numbers import format_like, format_readable

if TYPE_CHECKING:
    from speclint.domain.deployment import Deployment, Quantity
    from speclint.domain.statements import Statement

#: Weight parts a per-GPU figure is recomputed for.
PER_GPU_PARTS = ("attention", "experts", "embeddings", "weights")
WHOLE_MODEL_WEIGHTS = "weight bytes (whole model)"
#: GiB over GB: a share that holds with one of them read as the other is a unit slip, not this.
BINARY = Fraction(2**30, 10**9)


def _overlaps(statement: Statement, quantity: Quantity) -> bool:
    stated = statement.value.interval
    return stated.hi >= quantity.low and stated.lo <= quantity.high


def _related(quantities: list[Quantity]) -> list[Related]:
    seen: dict[int, Related] = {}
    for quantity in quantities:
        for fact in (f for f in quantity.inputs if f.line):
            seen.setdefault(fact.line, Related(fact.line, fact.text))
    return sorted(seen.values(), key=lambda r: r.line)


def _whole_model_weights(statement: Statement, ctx: LintContext) -> list[Quantity]:
    """A weights figure read for the whole model: it says so, or the document has no GPUs."""
    dep = ctx.domain.deployment
    gpus = dep.gpus()
    one_gpu = gpus is None or gpus[0] == 1
    whole = statement.per_gpu is False or (statement.per_gpu is None and one_gpu)
    quantity = dep.total_weight_bytes
    if dep.total_params is not None and _counts_otherwise(statement, dep.total_params):
        return []  # "8.29B × 2 B = 16.58 GB" with the vision tower: its own count, shown
    if _own_bits_per_weight(statement, ctx):
        return []  # "4 + 16/32 = 4.5 bits per weight" then "… × 4.5 / 8 = … bytes": its width
    if statement.dtype:  # "In FP16 the weights need 141 GB": the precision its clause names
        from speclint.domain.facts import Fact

        said = Fact("weight_dtype", statement.dtype, statement.label, statement.line)
        quantity = dep.weights_in(statement.dtype, said)
        params = dep.total_params
        if params is None or not all(params.low * 9 / 10 <= n <= params.high * 11 / 10
                                     for n in statement.sizes):  # fmt: skip
            return []  # "Llama 3 8B in BF16 needs 16 GB" in a document about another model
        width = quantity.low / params.low if quantity is not None and params.low else None
        stated = statement.value.interval
        slack = Fraction(1, 200)  # a count written to three figures: ±0.5 % of it
        if width is not None and any(
            stated.lo <= n * width * (1 + slack) and n * width * (1 - slack) <= stated.hi
            for n in statement.sizes
        ):
            return []  # "8.3 B parameters, or 16.6 GB in BF16": the count its sentence gives
        derived = any(
            len(chain.exprs) > 1 and chain.exprs[-1] is statement.lit
            for chain in statement.where.result.chains
        )  # "20.55B × 2 B = 38.3 GB": its own formula is checked where it is written
        if width is not None and quantity is not None and len(statement.sizes) == 1 and not derived:
            # "That gives 72.7B parameters, so BF16 weights are 135.4 GB": its own count × width
            from speclint.domain.deployment import Quantity

            n = statement.sizes[0]
            count = format_readable(n / 10**9)
            formula = f"{count}B parameters (its sentence's count) × {format_readable(width)} bytes"
            quantity = Quantity(
                quantity.name, n * width, n * width, "bytes", formula, quantity.inputs
            )
    return [quantity] if whole and quantity is not None else []


def _counts_otherwise(statement: Statement, params: Quantity) -> bool:
    """The figure's own formula multiplies a parameter count the architecture does not give
    (a vision tower counted too): the formula shows its count, which SPC401 weighs."""
    from speclint.formula.evaluate import NotEvaluable, literal_value
    from speclint.formula.expr import literals

    n: Fraction
    for chain in statement.where.result.chains:
        if not chain.exprs or chain.exprs[-1] is not statement.lit:
            continue
        for lit in literals(chain.exprs[0]):
            if lit.alt_scale is not None:  # "8.29B": billions, not bytes
                n = lit.number.value * lit.alt_scale.factor
            elif lit.unit is None or lit.unit.kind == "params":
                try:
                    n = literal_value(lit, stated=True).point
                except NotEvaluable:
                    continue
            else:
                continue
            if n >= 10**8 and not params.low * 99 / 100 <= n <= params.high * 101 / 100:
                return True
    return False


def _one_layer(quantity: Quantity, dep: Deployment) -> Quantity | None:
    """A KV size per token for one layer: the model's ÷ its layers, a GPU's ÷ its own (None
    when pipeline stages hold different numbers of layers)."""
    from speclint.domain.deployment import Quantity

    shape, pp = dep.kv_shape, dep.degree("pp") or 1
    if shape is None:
        return None
    layers = shape.layers / pp if quantity.name.endswith("per GPU") else shape.layers
    if layers != int(layers) or layers < 1:
        return None
    name, formula = f"{quantity.name} per layer", f"{quantity.formula} ÷ {layers} layers"
    return Quantity(name, quantity.low / layers, quantity.high / layers, "bytes", formula,
                    quantity.inputs)  # fmt: skip


def _another_split(statement: Statement, dep: Deployment) -> bool:
    """Whether the figure is its own formula's quotient by a plain count that no product of
    the deployment's parallel degrees gives: a share over another system's devices."""
    from speclint.formula.expr import BinOp, Lit, strip_groups

    for chain in statement.where.result.chains:
        if not chain.exprs or strip_groups(chain.exprs[-1]) is not statement.lit:
            continue
        quotient = strip_groups(chain.exprs[0])
        if not (isinstance(quotient, BinOp) and quotient.op == "/"):
            return False
        count = strip_groups(quotient.right)
        if not isinstance(count, Lit) or count.unit is not None or count.scale is not None:
            return False
        degrees = [dep.degree(name) for name in ("tp", "pp", "dp")]
        if any(d is None for d in degrees):
            return False
        tp, pp, dp = (d for d in degrees if d is not None)
        return count.number.value not in {tp, pp, dp, tp * pp, tp * pp * dp, tp * dp}
    return False


def _readings(statement: Statement, ctx: LintContext) -> list[Quantity]:
    """What a memory statement may mean: each reading it is checked against."""
    from speclint.domain.statements import PER_GPU

    dep = ctx.domain.deployment
    quantity: Quantity | None = None
    if statement.kind == "kv-per-token":
        sentence = _sentence_of(statement)
        if _CHANGED.search(sentence):
            return []  # "an FP8 cache would halve the 819,200 bytes": before or after?
        if _another_models_paragraph(statement, dep) or _names_another_model(statement, dep):
            return []  # "Each replica holds 70.55B × 2 B … At 327,680 B per token": the teacher's
        named = _kv_at_named_precision(dep, sentence)
        if named is None:
            return []  # "the cache in Q5_K": a precision of a width the catalog does not know
        readings = named or dep.kv_before(statement.line)
        readings += _kv_at_own_layout(dep, sentence)
        readings += _kv_at_paragraph_tp(dep, statement)
        if statement.scope == "layer":  # unless "one layer" was another number's
            if any(_overlaps(statement, q) for q in readings):
                return []
            readings = [q for q in (_one_layer(q, dep) for q in readings) if q is not None]
        text = statement.where.text[statement.lit.start : statement.lit.end + 12]
        text = text.split(";")[0]  # "320 KiB; per GPU at TP=4 …": the next clause's
        per_gpu = [q for q in readings if q.name.endswith("per GPU")]
        if statement.per_gpu is True and PER_GPU.search(text):
            if not per_gpu and dep.layout_unsure:
                return []  # "40,960 B per GPU per token" in a document weighing two layouts
            return per_gpu or readings  # "81,920 bytes per token per GPU"
        if statement.per_gpu is True and PER_GPU.search(_label_before(statement)):
            return per_gpu  # "per token, per GPU : 81,920 B": none when the split is unknown
        if statement.per_gpu is True and PER_GPU.search(_clause_before(statement)):
            return per_gpu  # "so each card stores 168 KiB per token": likewise
        return readings  # "per GPU" further on is often about the layout, not this figure
    if statement.kind != "memory":
        return []
    if statement.part in ("optimizer", "model states") and statement.per_gpu:
        if _another_split(statement, dep):
            return []  # "Model states per chip: 147.9 GB / 256 = 0.58 GB" on a 64-GPU plan
        quantity = dep.training_states(statement.part)
    elif statement.per_gpu is True and statement.part in PER_GPU_PARTS:
        quantity = dep.per_gpu_weights(statement.part)
    elif statement.part == "weights":
        return _whole_model_weights(statement, ctx)
    return [quantity] if quantity is not None else []


def _another_models_paragraph(statement: Statement, dep: Deployment) -> bool:
    """The figure's paragraph counts parameters, and none of its counts is the document's model
    (within 10 %): it is about another model (a teacher beside the student)."""
    params = dep.total_params
    if not statement.sizes or params is None:
        return False
    return not any(params.low * 9 / 10 <= n <= params.high * 11 / 10 for n in statement.sizes)


def _names_another_model(statement: Statement, dep: Deployment) -> bool:
    """The figure's line names models by their sizes (``Qwen2-VL-72B: … = 320 KiB per token``)
    and none is within half and twice the document's model: it is another model's."""
    from speclint.domain.rate_context import model_sizes

    params, sizes = dep.total_params, model_sizes(_line_of(statement))
    if not sizes or params is None:
        return False
    return not any(params.low / 2 <= n <= params.high * 2 for n in sizes)


def _line_of(statement: Statement) -> str:
    """The figure's line of its text."""
    text, at = statement.where.text, statement.lit.start
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]


def _label_before(statement: Statement) -> str:
    """The words before a figure on its line, up to its colon (``per token, per GPU :``)."""
    text = statement.where.text[: statement.lit.start]
    line = text[text.rfind("\n") + 1 :]
    return line if ":" in line else ""


def _clause_before(statement: Statement) -> str:
    """The words of the figure's clause before it (``so each card stores``)."""
    text = statement.where.text[: statement.lit.start]
    start = max(text.rfind(mark) for mark in (",", ";", ":", ". ", "\n\n"))
    return text[start + 1 :]


#: A sentence that changes the figure (``halves the per-token cost to …``): it may be the value
#: before the change or after it.
_CHANGED = lazy_compile(
    r"(?i)\b(?:halv\w*|doubl\w*|quarter\w*|cuts?|cutting|reduc\w*|shrink\w*|grows?|growing)\b"
)


def _kv_at_named_precision(dep: Deployment, sentence: str) -> list[Quantity] | None:
    """The KV per token at the one precision the figure's sentence names (``in BF16 each
    token of context costs …``) or the bits per value it writes (``Q8_0 (8.5 bits per
    value)``), whatever the document settles on; none when it names none or several, and
    ``None`` when it names a quantization type of unknown width (``Q5_K``)."""
    from speclint.domain.deployment import Span
    from speclint.domain.facts import DTYPE_ALIASES, DTYPE_BYTES

    from ._claim_voice import _DTYPE_NAME

    own = _SUPPOSED_ASIDE.sub("", sentence)  # "(504 KiB if we stayed at BF16)": not its own
    bits = {Fraction(m.group(1)) for m in _BITS_PER_VALUE.finditer(own)}
    if len(bits) == 1:
        width = bits.pop() / 8
        return dep.kv_per_token_at((Span(width, width), ()))
    if _QUANT_TYPE.search(own):
        return None
    names = {
        DTYPE_ALIASES.get(m.group(1).lower(), m.group(1).lower()) for m in _DTYPE_NAME.finditer(own)
    }
    widths = {DTYPE_BYTES[n] for n in names if n in DTYPE_BYTES}
    if len(names) != 1 or len(widths) != 1:
        return []
    [width] = widths
    return dep.kv_per_token_at((Span(width, width), ()))


def _own_bits_per_weight(statement: Statement, ctx: LintContext) -> bool:
    """The figure's formula multiplies by a number of bits per weight its block or the lines
    just above it state (``q4f16``: 4.5 bits per weight): the width is the document's."""
    from speclint.formula.expr import literals

    doc = ctx.analysis.document
    above = " ".join(doc.line_text(n) for n in range(max(1, statement.line - 4), statement.line))
    said = f"{statement.where.text} {above}"
    bits = {Fraction(m.group(1)) for m in _BITS_PER_VALUE.finditer(said)}
    chains = [c for c in statement.where.result.chains if statement.lit in c.exprs[1:]]
    operands = {lit.number.value for c in chains for lit in literals(c.exprs[0])}
    return bool(bits & operands)


#: Bits per stored value: ``8.5 bits per value``, ``4.5 bits/weight``.
_BITS_PER_VALUE = lazy_compile(
    r"(?i)(?<![\w.])(\d{1,2}(?:\.\d{1,3})?)[ -]?bits?\s*(?:per|/)\s*"
    r"(?:value|element|weight|param(?:eter)?|entry)\b"
)
#: A llama.cpp (GGUF) quantization type: ``Q8_0``, ``Q4_K_M``, ``IQ4_XS``.
_QUANT_TYPE = lazy_compile(r"(?<![\w.])I?Q\d(?:_[0-9A-Z]{1,2}){1,2}(?![\w.])")
#: A bracketed aside that supposes another setup: ``(504 KiB per token if we stayed at BF16)``.
_SUPPOSED_ASIDE = lazy_compile(r"(?i)\([^()]*\b(?:if|would|were|could|instead)\b[^()]*\)")
#: A pipeline split a sentence names (its tensor-parallel degree: ``TP_DEGREE``).
_PIPELINE = lazy_compile(r"(?i)\b(?:pp|pipeline)\b")


def _kv_at_own_layout(dep: Deployment, sentence: str) -> list[Quantity]:
    """The KV per token per GPU under the one TP degree the figure's sentence names when it
    names no pipeline split, if the document's layout also splits layers (``TP8 × PP2``
    stated elsewhere, perhaps of another setup): the sentence says which split it counts."""
    degrees = {m.group(1) for m in TP_DEGREE.finditer(sentence)}
    pp = dep.degree("pp")
    if len(degrees) != 1 or _PIPELINE.search(sentence) or pp is None or pp == 1:
        return []
    own = (Fraction(int(degrees.pop())), Fraction(1))
    return [q for q in dep.kv_per_token_at(dep.kv_bytes, own) if q.name.endswith("per GPU")]


def _kv_at_paragraph_tp(dep: Deployment, statement: Statement) -> list[Quantity]:
    """The KV per token per GPU under each TP degree the figure's paragraph (up to it) or
    section heading names other than the document's (``### Sizing the TP=8 replica`` in a TP=4
    deployment): the paragraph may size another layout, so that split is a reading too."""
    where = statement.where
    said = " ".join((*where.segment.section[-1:], where.text[: statement.lit.start]))
    tp = dep.degree("tp")
    degrees = {Fraction(int(m.group(1))) for m in TP_DEGREE.finditer(said)} - {tp}
    pp = dep.degree("pp") or Fraction(1)
    return [
        q
        for degree in sorted(degrees)
        if degree > 0
        for q in dep.kv_per_token_at(dep.kv_bytes, (degree, pp))
        if q.name.endswith("per GPU")
    ]


def _sentence_of(statement: Statement) -> str:
    text, lit = statement.where.text, statement.lit
    start = max(text.rfind(". ", 0, lit.start), text.rfind("\n\n", 0, lit.start)) + 1
    end = text.find(". ", lit.end)
    return text[start : end if end >= 0 else len(text)]


class MemoryMismatchRule(Rule):
    scoped = True

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for statement in ctx.domain.statements:
            if statement.kind == "memory-share":
                yield from self._share(ctx, statement)
                continue
            if statement.kind == "kv-per-token" and statement.hedged:
                continue  # "if it cached per-head K and V, it would be 276,480 B per token"
            readings = _readings(statement, ctx)
            if not readings or any(_overlaps(statement, q) for q in readings):
                continue
            yield self._report(ctx, statement, readings)
        if ctx.domain.scope is None:
            yield from self._sharded(ctx)
            yield from self._unsplit_kv(ctx)

    def _unsplit_kv(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``320 KiB; per GPU at TP=4 that is 320 KiB``: 8 KV heads split over 4 GPUs."""
        from speclint.domain.kv_shares import unsplit_kv
        from speclint.formula.evaluate import literal_value

        analysis = ctx.analysis
        for found in unsplit_kv(analysis.scanned, ctx.domain.facts, analysis.tolerance):
            lit, where, tp = found.lit, found.where, found.tp
            share = found.value / tp
            whole = where.text[found.whole.start : found.whole.end]
            message = (
                f"KV cache per GPU at TP={tp}: {whole} ÷ {tp} ({found.kv_heads} KV heads, "
                f"{found.kv_heads // tp} on each GPU) = {show_range(share, share, 'bytes')}; "
                f"stated {where.text[lit.start : lit.end]} is the whole model's"
            )
            factor = literal_value(lit, stated=True).point / lit.number.value
            fix: tuple[str, Applicability] = (format_like(share / factor, lit.number), "unsafe")
            yield ctx.diagnostic(self, where, lit.num_start, lit.num_end, message, fix)

    def _sharded(self, ctx: LintContext) -> Iterator[Diagnostic]:
        """``TP=2 …: each GPU holds the 70.6 GB of FP8 weights``: the whole model, not its
        shard."""
        from speclint.domain.sharded_weights import whole_weights_per_gpu
        from speclint.formula.evaluate import literal_value

        analysis = ctx.analysis
        found = whole_weights_per_gpu(analysis.scanned, ctx.domain.deployment, analysis.tolerance)
        for sharded in found:
            lit, where = sharded.lit, sharded.where
            stated = where.text[lit.start : lit.end]
            shard = show_range(sharded.low / sharded.tp, sharded.high / sharded.tp, "bytes")
            message = (
                f"weights per GPU at TP={sharded.tp}: the whole model's "
                f"{show_range(sharded.low, sharded.high, 'bytes')} ({sharded.formula}) ÷ "
                f"{sharded.tp} = {shard}; stated {stated} is the whole model's, not one GPU's shard"
            )
            total = sharded.total
            if total is None:
                yield ctx.diagnostic(self, where, lit.num_start, lit.num_end, message)
                continue
            parts = " + ".join(where.text[o.start : o.end] for o in sharded.others)
            message = (
                f"per GPU at TP={sharded.tp}: {stated} of weights ÷ {sharded.tp}"
                + (f" + {parts}" if parts else "")
                + f" = {show_range(sharded.total_value, sharded.total_value, 'bytes')}; stated "
                f"{where.text[total.start : total.end]} counts the whole model's weights on "
                f"each GPU ({show_range(sharded.low, sharded.high, 'bytes')}: {sharded.formula})"
            )
            factor = literal_value(total, stated=True).point / total.number.value
            fix: tuple[str, Applicability] = (
                format_like(sharded.total_value / factor, total.number),
                "unsafe",
            )
            yield ctx.diagnostic(self, where, total.num_start, total.num_end, message, fix)

    def _share(self, ctx: LintContext, statement: Statement) -> Iterator[Diagnostic]:
        """``15.24 GB, which is 72% of the card``: the bytes over one device's memory. A share
        that holds with GB read as GiB (or the reverse) is left alone."""
        memory, part = ctx.domain.deployment.hardware.memory, statement.share_of
        if memory is None or part is None or memory.value <= 0:
            return
        stated = statement.value.interval
        for slip in (Fraction(1), BINARY, 1 / BINARY):
            low, high = (
                part.interval.lo * slip / memory.value,
                part.interval.hi * slip / memory.low,  # devices sharing a name differ
            )
            if stated.hi >= low and stated.lo <= high:
                return
        share, widest = part.point / memory.value, part.point / memory.low
        devices = show_range(memory.low, memory.value, "bytes")
        gap = off_by(statement.value.point / share)
        if stated.hi * 100 >= part.interval.lo / memory.value and (
            stated.lo * 100 <= part.interval.hi / memory.low
        ):
            gap = "matches only with percent and fraction (100× off)"
        message = (
            f"share of one device's memory: {show_range(part.point, part.point, 'bytes')} ÷ "
            f"{devices} ({memory.source}) = {_percent(share, widest)}; stated "
            f"{statement.lit.number.text}% {gap if gap.startswith('matches') else 'is ' + gap}"
        )
        # Which device is meant decides the share when several share a name: no fix then.
        fix: tuple[str, Applicability] | None = None
        if share == widest:
            fix = (statement.replacement(share), "unsafe")
        yield ctx.statement_diagnostic(self, statement, message, fix, [])

    def _report(
        self, ctx: LintContext, statement: Statement, readings: list[Quantity]
    ) -> Diagnostic:
        stated = statement.value.point
        parts = []
        for quantity in readings:
            parts.append(
                f"{quantity.name}: {quantity.formula} = "
                f"{show_range(quantity.low, quantity.high, 'bytes')}"
            )
        nearest = min(
            (end for q in readings for end in (q.low, q.high)),
            key=lambda end: max(stated / end, end / stated) if end > 0 < stated else inf,
        )
        ratio = stated / nearest
        gap = off_by(ratio)
        reading = "" if len(readings) == 1 else " under every reading (whole model or per GPU)"
        message = "; ".join(parts) + f"; stated {statement.stated_text} is {gap}{reading}"
        if statement.kind == "kv-per-token":
            message += _kv_slip(ctx, statement, readings)
        fix: tuple[str, Applicability] | None = None
        if len(readings) == 1 and readings[0].name == WHOLE_MODEL_WEIGHTS:
            fix = (statement.replacement(readings[0].high), "unsafe")  # a file holds every weight
        elif len(readings) == 1:
            fix = (statement.replacement(nearest), "unsafe")
        elif statement.kind == "kv-per-token" and statement.per_gpu is None:
            whole = readings[0]  # a figure that does not say per GPU is most often the model's
            end = min((whole.low, whole.high), key=lambda e: abs(stated / e - 1))
            fix = (statement.replacement(end), "unsafe")
        return ctx.statement_diagnostic(self, statement, message, fix, _related(readings))


MEMORY_MISMATCH = MemoryMismatchRule(
    code="SPC501",
    name="memory-mismatch",
    category="memory",
    severity="error",
    summary=(
        "A per-GPU weight figure or a KV-cache size per token that the stated model and "
        "layout contradict."
    ),
    doc=__doc__,
)


def _kv_slip(ctx: LintContext, statement: Statement, readings: list[Quantity]) -> str:
    """``: the factor 2 for K and V is missing``, when one slip explains the stated size."""
    from speclint.domain.kv_slips import name_kv_slip

    text = ctx.analysis.document.line_text(statement.line)
    for quantity in readings:
        name = name_kv_slip(
            ctx.domain.deployment, text, statement.value.interval, quantity.low, quantity.high
        )
        if name:
            return f" ({quantity.name}: {name})"
    return ""


def _percent(low: Fraction, high: Fraction) -> str:
    """``36.0 %``, or ``36.0 %–63.4 %`` for a share of devices with different memory."""
    text = f"{float(low * 100):.1f} %"
    return text if low == high else f"{text}–{float(high * 100):.1f} %"
