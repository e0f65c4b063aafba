"""What the throughput rules (SPC601, SPC602) and latency rules (SPC701–SPC703) share: each
claim is compared with the roofline bounds once, and each rule reports one kind of finding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from typing import TYPE_CHECKING

import regex

from speclint.claims.shared_links import node_size
from speclint.document import Related
from speclint.domain.bounds import (
    Bound,
    compute_bound_per_gpu,
    decode_bound_per_gpu,
    flops_bound,
    sentence_flops,
    tpot_bound,
    ttft_bound,
)
from speclint.domain.communication import ACTIVATION_BYTES
from speclint.domain.compute import devices_named
from speclint.domain.deployment import Deployment
from speclint.domain.facts import Fact
from speclint.domain.hardware import devices
from speclint.domain.rate_context import demand
from speclint.domain.statements import (
    BATCH_ON_LINE,
    FLEET,
    FLOOR,
    ROOFLINE,
    Statement,
    batches_in,
    item_batch,
    restated_per_gpu,
    sentence_of,
)
from speclint.engine.diagnostics import Applicability, Diagnostic
from speclint.engine.rule import LintContext, Rule
from speclint.formula.expr import Lit, literals
from speclint.patterns import SENTENCE_END, TP_DEGREE, lazy_compile
from speclint.quantity.display import show, times
from speclint.quantity.exact import divide, finite
from speclint.quantity.numbers import format_readable
from speclint.settings import Efficiency

from ._claim_voice import (
    at_weight_precision,
    on_one_device,
    one_gpu_deployment,
    sentence_bounds,
    sentence_deployment,
    voice,
)

if TYPE_CHECKING:
    from speclint.domain.item_rates import OnDevice
    from speclint.formula.evaluate import Value

#: How close to its devices' peak a FLOP/s figure is a quote of that peak, not a claim.
PEAK_QUOTE = Fraction(1, 100)

#: The largest TP group the catalog's scale-up link (NVLink within one node) is taken for.
NODE_GPUS = 8


def throughput_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, Bound, Fraction]]:
    """(statement, severity, bound, limit) for each throughput claim past a bound; the limit
    is per GPU, or for the whole system when the claim is system-wide or does not say."""
    dep = ctx.domain.deployment
    statements = [s for s in ctx.domain.statements if s.kind == "throughput"]
    if not statements:
        return
    inference = compute_bound_per_gpu(dep)
    gpus = dep.gpus()
    titled = _title_models(ctx)
    for statement in statements:
        if statement.demand or _another_model(statement, dep):
            continue  # a load to be served, or another model's rate
        if titled and not statement.sizes:
            continue  # "Distilling Llama-3.1-70B into Llama-3.1-8B": whose rate, it does not say
        if restated_per_gpu(statement):
            continue  # "30,800 tok/s, or 5,133 per GPU": the per-GPU figure is the one bound
        compute = inference
        if statement.part == "training":  # "on 8 H100s": the peak of the devices it names
            figure = sentence_flops(dep, statement.compute)
            compute = compute_bound_per_gpu(dep, True, figure)
        said = sentence_deployment(dep, statement, fallback=False)  # "FP8 weights … 380 tok/s"
        decode = decode_bound_per_gpu(said, statement.batch)
        scale = Fraction(1)
        single = statement.batch is not None and statement.batch.value == 1
        replica = dep.replica_gpus() if statement.replica or single else None
        counted = _sentence_count(statement, dep)
        if counted == 1 and (statement.per_gpu is False or _the_replicas(statement)):
            # "30,800 tok/s, or 5,133 per GPU, which the A100 absorbs": a type; "… GB of KV per
            # GPU per step …, and the replica tops out near 2,450 tokens/s": the replica's
            counted = None
        own = statement.own_gpus if statement.per_gpu is not True else None
        if own is None and statement.per_gpu is not True and statement.lit.per.lower() == "node":
            own = _node_gpus(ctx)  # "≈ 8,533 tokens/s per node": the node's GPUs, when said
        if own is None and statement.per_gpu is not True:
            own = _over_replicas(statement, dep)  # "24,000 tokens/s over 18 replicas"
        if own == 0:
            continue  # "the 16-node pool": a system of unknown size
        if statement.per_gpu is not True:
            if counted is None and _fleet_beyond_layout(statement, dep):
                continue  # "sizes … the fleet for the Q3 peak of 20,000 tokens/s": GPUs unsaid
            if counted is not None:
                scale = counted  # "on 8 H100s": the devices its sentence counts
            elif replica is not None:
                scale = replica  # one stream, or "per replica": the GPUs of one TP × PP group
            elif (
                gpus is None
                or _one_replica_of_many(dep)
                or _fleet_of_replicas(statement, dep)
                or _replicas_unknown(ctx, dep)
            ):
                continue
            else:
                scale = gpus[0]
        if own is not None:
            scale = max(scale, own)  # "a full 8-GPU node would serve …": at least its GPUs
        ceiling = _stated_ceiling(ctx, statement) or _row_ceiling(ctx, statement)
        stated = statement.value.interval.lo
        beyond = ceiling is not None and stated > ceiling.peak
        if ceiling is not None and beyond and ceiling.name == "ceiling":
            yield statement, "error", ceiling, Fraction(1)
            continue
        bounds = [b for b in (compute, decode if statement.part == "decode" else None) if b]
        tightest = min(bounds, key=lambda b: b.peak) if bounds else None
        if tightest is not None and stated > tightest.peak * scale:
            yield statement, "error", tightest, scale
            continue
        if ceiling is not None and beyond:  # a replica's: after the hardware's own bounds
            yield statement, "error", ceiling, Fraction(1)
            continue
        if not bounds or _mfu_before(statement):
            continue  # "35 % MFU corresponds to 3,034 tokens/s": its efficiency is the text's
        realistic = min(bounds, key=lambda b: b.realistic)
        if stated > realistic.realistic * scale and not statement.ceiling:
            yield statement, "warning", realistic, scale


def _the_replicas(statement: Statement) -> bool:
    """The rate's sentence gives it to a replica by that word (``the replica tops out near``)."""
    return statement.replica and _REPLICA_WORD.search(sentence_of(statement)) is not None


_REPLICA_WORD = lazy_compile(r"\breplicas?\b", regex.I)


def _mfu_before(statement: Statement) -> bool:
    """The rate's sentence states, before it, the efficiency the rate is worked out at (``35 %
    MFU corresponds to 3,034 tokens/s``); one named after it is what the rate is checked
    against (``1.9M tokens/s …, so the 40 % MFU assumption is conservative``)."""
    text, lit = statement.where.text, statement.lit
    start = text.rfind("\n\n", 0, lit.start) + 1
    ends = [m.end() for m in SENTENCE_END.finditer(text, start, lit.start)]
    return _MFU_SAID.search(text, ends[-1] if ends else start, lit.start) is not None


#: Words that state an efficiency: ``35 % MFU``, ``MFU of 40 %``.
_MFU_SAID = lazy_compile(
    r"\d\s*%\s*(?:of\s+peak\s+)?(?:MFU|HFU)\b|\b(?:MFU|HFU)\s*(?:of|=|:)?\s*\d"
)


def _title_models(ctx: LintContext) -> bool:
    """Whether the document's title names two models of sizes far apart (``Distilling
    Llama-3.1-70B into Llama-3.1-8B``): a rate that names neither may be either's."""
    from speclint.domain.rate_context import model_sizes

    sizes = model_sizes(ctx.analysis.document.title)
    return len(sizes) >= 2 and max(sizes) >= 2 * min(sizes)


def _another_model(statement: Statement, dep: Deployment) -> bool:
    """Whether the rate's sentence or lead-in names a model by a size (``Llama-3.1-8B``) that
    is not the deployment's parameter count (within 10 %)."""
    params = dep.total_params
    if not statement.sizes:
        return False
    if params is None:
        return True
    return not any(params.low * 9 / 10 <= n <= params.high * 11 / 10 for n in statement.sizes)


def _stated_ceiling(ctx: LintContext, statement: Statement) -> Bound | None:
    """The ceiling per GPU (or per replica) its section derives before a measured rate of the
    same scope and batch (``ceiling ≈ 64 ÷ 21.8 ms ≈ 2,936 tokens/s per GPU`` … ``we measured
    4,100 tokens/s per GPU``): the lowest such ceiling, as the document derives it."""
    scope = _rate_scope(statement)
    if statement.ceiling or statement.hedged or scope is None:
        return None
    section = statement.where.segment.section
    ceilings = [
        s
        for s in ctx.domain.statements
        if s.kind == "throughput"
        and s.ceiling
        and _rate_scope(s) == scope
        and _same_batch(s, statement, strict=scope == "replica")
        and s.line < statement.line
        and s.where.segment.section == section
        and not _limit(s)
    ]
    if not ceilings:
        return None
    low = min(ceilings, key=lambda s: s.value.interval.hi)
    value = finite(low.value.interval.hi)
    name = "ceiling" if scope == "gpu" else "replica ceiling"
    return _derived(low, value, name, "tokens/s", "the ceiling the document derives")


def _rate_scope(statement: Statement) -> str | None:
    """Whose rate a figure is: one stream's (its sentence says per request), one GPU's, one
    replica's, or unsaid (None)."""
    if _PER_STREAM.search(_own_clause(statement)):
        return "stream"  # "at most 416 tok/s per request … and 333 tok/s at 80 %"
    if statement.per_gpu is True:
        return "gpu"
    return "replica" if statement.replica else None


def _own_clause(statement: Statement) -> str:
    """The value's sentence up to the rate after it: words after a later rate are that
    rate's (``2,823 tok/s, or 44.1 tok/s per stream``: the stream is the second rate's),
    words after an earlier one may be shared (``416 tok/s per request at 100 % and 333 tok/s
    at 80 %``)."""
    text, lit = statement.where.text, statement.lit
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, lit.start)), default=0)
    after = SENTENCE_END.search(text, lit.end)
    end = after.start() if after else len(text)
    later = [other.start for other in _rates(statement) if other.start >= lit.end]
    return text[start : min([end, *later])]


def _rates(statement: Statement) -> Iterator[Lit]:
    """The other figures of a statement's text with the same unit kind (rates)."""
    kind = statement.lit.unit.kind if statement.lit.unit is not None else None
    for chain in statement.where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                if lit is not statement.lit and lit.unit is not None and lit.unit.kind == kind:
                    yield lit


#: A rate one request or stream sees, not a GPU's aggregate.
_PER_STREAM = lazy_compile(
    r"(?i)\b(?:per|each|a|one|single)\s+(?:request|stream|user|sequence)\b|\bsingle[- ]stream\b"
)


def _same_batch(first: Statement, second: Statement, strict: bool) -> bool:
    """Whether two rates are at one batch size, or (unless ``strict``: a replica's rate
    depends on its batch) either leaves it unsaid."""
    if first.batch is None or second.batch is None:
        return not strict
    return first.batch.value == second.batch.value


def _one_replica_of_many(dep: Deployment) -> bool:
    """The system size is the parallel degrees of one replica (no data-parallel degree) while
    the document states GPU counts that disagree (``48 GPUs`` of actors, ``16 GPUs`` of
    learners): how many GPUs a system-wide figure runs on is unsure."""
    counts = dep.facts.facts.get("gpu_count")
    return bool(counts) and dep.facts.get("gpu_count") is None and dep.facts.get("dp") is None


def _replicas_unknown(ctx: LintContext, dep: Deployment) -> bool:
    """The system size is one replica's parallel degrees (no GPU count, no data-parallel
    degree) in a document that speaks of data parallelism (``Data-parallel size | 128 ÷ 2``):
    how many replicas a system-wide figure runs on is unsure."""
    facts = dep.facts
    if facts.get("gpu_count") is not None or facts.get("dp") is not None:
        return False
    return _DATA_PARALLEL.search(ctx.analysis.document.source) is not None


#: Words for data parallelism: ``data-parallel``, ``data parallelism``, ``DP=64``.
_DATA_PARALLEL = lazy_compile(r"\bdata[- ]parallel|\bDP\b", regex.IGNORECASE)


def _fleet_count_only(dep: Deployment) -> bool:
    """The document states how many GPUs it has but no parallel degree: the GPUs one token's
    step is spread over are unknown (a fleet of replicas may be meant)."""
    count = dep.facts.get("gpu_count")
    if count is None or count.value == 1:
        return False  # one GPU is a layout
    return not any(dep.facts.get(name) is not None for name in ("tp", "pp", "ep"))


def _fleet_of_replicas(statement: Statement, dep: Deployment) -> bool:
    """A rate its line or section heading calls a fleet's (``## Fleet for the batch tier``)
    that is a target the fleet is sized for, or where the document's GPU count is only one
    replica's parallel layout (no GPU count, no data-parallel degree): how many GPUs the
    fleet has is what the figure decides, not one the document states."""
    said = " ".join((*statement.where.segment.section[-1:], statement.label))
    if FLEET.search(said) is None:
        return False
    facts = dep.facts
    return statement.hedged or (facts.get("gpu_count") is None and facts.get("dp") is None)


def _node_gpus(ctx: LintContext) -> Fraction | None:
    """The GPUs of the document's one node size (``An 8-GPU node``), if it states one."""
    size = node_size(ctx.analysis.document)
    return Fraction(size[0]) if size is not None else None


def _over_replicas(statement: Statement, dep: Deployment) -> Fraction | None:
    """The GPUs of the replicas a rate is spread over right after it (``24,000 tokens/s over
    18 replicas``) or earlier in its sentence (``Across 10 replicas that is …``): that many
    replicas' GPUs, 0 (a system of unknown size) when a replica's
    GPUs are not known."""
    text, lit = statement.where.text, statement.lit
    found = _OVER_REPLICAS.match(text, lit.end)
    if found is None:  # "Across 10 replicas that is about 53,300 tokens/s"
        start = sentence_bounds(text, lit.start, lit.end)[0]
        found = next(reversed(list(_REPLICAS_BEFORE.finditer(text, start, lit.start))), None)
    if found is None:
        return None
    replica = dep.replica_gpus()
    count = Fraction(int(found.group(1).replace(",", "")))
    return count * replica if replica is not None else Fraction(0)


#: Right after a rate: the replicas it is spread over (``over 18 replicas``).
_OVER_REPLICAS = lazy_compile(
    r"[^\S\n]*(?:across|over|on)[^\S\n]+(?:all[^\S\n]+|the[^\S\n]+)?(\d{1,3}(?:,\d{3})*)"
    r"[^\S\n]+(?:replicas|instances|pods|engines)\b",
    regex.I,
)


#: Earlier in a rate's sentence: the replicas it is spread over (``Across 10 replicas that is``).
_REPLICAS_BEFORE = lazy_compile(
    r"\b(?:across|over|on)\s+(?:all\s+|the\s+)?(\d{1,3}(?:,\d{3})*)\s+"
    r"(?:replicas|instances|pods|engines)\b",
    regex.I,
)


def _fleet_beyond_layout(statement: Statement, dep: Deployment) -> bool:
    """A rate its clause calls a fleet's (``the fleet for the Q3 peak of …``) in a document
    whose GPUs are one replica's layout (TP × PP, no data-parallel degree): the fleet runs it on
    as many replicas as it has, which the document does not say."""
    if FLEET.search(_clause(statement)) is None or dep.degree("tp") is None:
        return False
    if dep.facts.get("dp") is not None:
        return False
    gpus, replica = dep.gpus(), dep.replica_gpus()
    return gpus is None or (replica is not None and gpus[0] <= replica)


def _clause(statement: Statement) -> str:
    """The words of a figure's clause before it (``and the fleet for the Q3 peak of``)."""
    text, start = statement.where.text, statement.lit.start
    begin = max(text.rfind(mark, 0, start) for mark in (",", ";", ". ", "\n\n"))
    return text[begin + 1 : start]


def _sentence_count(statement: Statement, dep: Deployment) -> Fraction | None:
    """The device count a throughput's sentence states (``on 8 H100s``, ``the 64 GPUs
    deliver``, one for ``on that single H200`` in its clause): GPUs, or a device the catalog
    knows (not ``16 x86`` cores)."""
    terms = statement.compute
    if statement.kind != "throughput" or terms is None or terms.ambiguous:
        return None
    if terms.count is None:  # "on that single H200", "on the same card", "each A100 …"
        one = terms.per_device or on_one_device(statement, dep.settings)
        return Fraction(1) if one else None
    if terms.device and not devices_named(terms.device, devices(dep.settings.accelerators)):
        return None
    return Fraction(terms.count)


def _as_rate(statement: Statement) -> str:
    """``120 tokens/ms per GPU = 120,000 tokens/s``; a figure already in tokens/s as written."""
    stated_text = statement.stated_text
    if "tokens/s" in stated_text or "tok/s" in stated_text:
        return stated_text
    return f"{stated_text} = {show(statement.value.point, 'tokens/s')}"


def _throughput_message(
    statement: Statement, bound: Bound, scale: Fraction, realistic: bool, dep: Deployment
) -> str:
    decode = decode_bound_per_gpu(dep, statement.batch)
    stated = statement.value.point
    limit = (bound.realistic if realistic else bound.peak) * scale
    counted = _sentence_count(statement, dep)
    who = (
        "for its row's setup"
        if bound.name == "row ceiling"
        else "per replica"
        if bound.name == "replica ceiling"
        else "per GPU"
        if scale == 1
        else f"for the {scale} GPUs its sentence counts"
        if counted == scale and statement.per_gpu is not True
        else f"for the {scale} GPUs of one replica"
        if statement.replica or (statement.batch is not None and statement.batch.value == 1)
        else f"for all {scale} GPUs together"
    )
    phase = (
        "its row:"
        if bound.name == "row ceiling"
        else "per GPU:"
        if bound.name == "ceiling"
        else "per replica:"
        if bound.name == "replica ceiling"
        else "decode at"
        if bound.name == "decode"
        else "training:"
        if statement.part == "training"
        else "any phase:"
    )
    level = bound.assumption if realistic else "100 % of peak"
    gpus = "" if scale == 1 else f", × {scale} GPUs,"  # the bound is one GPU's
    text = (
        f"{phase} {bound.formula}{gpus} allows at most {show(limit, 'tokens/s')} {who} at "
        f"{level}; stated {_as_rate(statement)} is {times(stated / limit)} the bound"
    )
    if scale != 1 and statement.per_gpu is None and "GPUs together" in who:
        text += " (read as a system total, the most generous reading)"
    derived = bound.name in ("decode", "replica ceiling", "row ceiling")  # no per-GPU bound
    if decode is not None and not derived and statement.part in ("", "decode"):
        text += (
            f"; if these are decode tokens, memory bandwidth allows at most "
            f"{show(decode.peak * scale, 'tokens/s')} ({decode.formula})"
        )
    return f"{text}; inputs: {bound.sources_text()}"


def compute_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, str, list[Related]]]:
    """(statement, severity, message, related) for each FLOP/s figure past its devices' peak
    (an error) or, said to be sustained, past realistic MFU (a warning); and each MFU or HFU
    past 100 % (an error) or past the configured realistic MFU (a warning)."""
    dep = ctx.domain.deployment
    for statement in ctx.domain.statements:
        if statement.hedged or statement.ceiling:
            continue
        if statement.kind == "utilisation":
            yield from _utilisation_finding(dep, statement)
            continue
        terms = statement.compute
        if statement.kind != "compute" or terms is None or terms.peak:
            continue
        if _asked(statement):
            continue  # "At the mean load of 22 req/s that is 18.1 PFLOP/s": what is asked
        bound = flops_bound(dep, statement)
        if bound is None:
            continue
        stated = statement.value.interval.lo
        if abs(statement.value.point / bound.peak - 1) <= PEAK_QUOTE:
            continue  # the peak itself, as a datasheet gives it ("each A100 delivers 312 TFLOPS")
        if stated > bound.peak:
            severity, limit, level = "error", bound.peak, "100 % of peak"
        elif terms.sustained and stated > bound.realistic and not _states_its_share(statement):
            severity, limit, level = "warning", bound.realistic, bound.assumption
        else:
            continue
        message = (
            f"compute: {bound.formula} allows at most {_tflops(limit)} at {level}; stated "
            f"{statement.stated_text} is {times(statement.value.point / limit)} the bound; "
            f"inputs: {bound.sources_text()}"
        )
        yield statement, severity, message, bound.related()


def _asked(statement: Statement) -> bool:
    """The figure is what a load asks of the hardware, not what it gives: the words before it
    call it a load or a demand, or say it is needed (``needs 1.24 PFLOP/s``), as may its
    column's header (``| FLOP/s needed |``)."""
    before = _words_before(statement)
    if demand(before) or _NEEDED.search(before[-24:]):
        return True
    cell = statement.where.segment.cell
    return cell is not None and (demand(cell.header) or _NEEDED.search(cell.header) is not None)


#: Words that make a figure one that is needed: ``needs``, ``required``, ``FLOP/s needed``.
_NEEDED = lazy_compile(r"\b(?:needs?|needed|requires?|required|requirement)\b", regex.I)


def _words_before(statement: Statement) -> str:
    """The words of the figure's sentence before it."""
    text = statement.where.text[: statement.lit.start]
    return text[max(text.rfind(". "), text.rfind("\n\n")) + 1 :]


#: A share of peak a sentence states for its figure: ``i.e. 75 % of the H100's 989 TFLOPS``,
#: ``at 35 % HFU``: the efficiency is the author's own, not one to second-guess.
_STATED_SHARE = lazy_compile(r"(?i)\d\s*%\s*(?:of\b|mfu\b|hfu\b|utili[sz]ation\b)")


def _states_its_share(statement: Statement) -> bool:
    return _STATED_SHARE.search(sentence_of(statement)) is not None


def _utilisation_finding(
    dep: Deployment, statement: Statement
) -> Iterator[tuple[Statement, str, str, list[Related]]]:
    stated = statement.value.interval.lo
    prior = dep.settings.efficiency.mfu
    if stated > 1:
        yield (
            statement,
            "error",
            (
                f"utilisation: model (or hardware) FLOPs ÷ peak FLOPs is at most 100 %; stated "
                f"{statement.stated_text} is {times(statement.value.point)} the peak"
            ),
            [],
        )
    elif stated > prior and statement.value.point < 1:  # "even at 100 % MFU": a bound
        where = "default" if prior == Efficiency().mfu else "configured"
        yield (
            statement,
            "warning",
            (
                f"utilisation: realistic MFU is at most {format_readable(prior * 100, 3)} % "
                f"({where}, [tool.speclint.efficiency]; large training runs reach 40–56 %); stated "
                f"{statement.stated_text} is {times(statement.value.point / prior)} that"
            ),
            [],
        )


def _tflops(value: Fraction) -> str:
    return f"{format_readable(value / 10**12)} TFLOPS"


def throughput_diagnostics(rule: Rule, ctx: LintContext, realistic: bool) -> Iterator[Diagnostic]:
    """The findings of a throughput rule: past the peak bound (an error) or, with
    ``realistic``, past the realistic one only (a warning). A figure the text questions or
    quotes is a warning; one it calls impossible is not reported."""
    dep = ctx.domain.deployment
    wanted = "warning" if realistic else "error"
    for statement, severity, bound, scale in throughput_findings(ctx):
        said = voice(statement)
        if severity != wanted or said == "rejected":
            continue
        message = _throughput_message(statement, bound, scale, realistic, dep)
        fix = _ceiling_fix(statement, bound, scale, dep)
        found = ctx.statement_diagnostic(rule, statement, message, fix, bound.related())
        if said == "questioned":  # the document asks about it or quotes it
            message += " (a figure the text questions or quotes, not its own claim)"
            found = replace(found, severity="warning", message=message)
        yield found
    for statement, severity, message, related in compute_findings(ctx):
        if severity == wanted:
            yield ctx.statement_diagnostic(rule, statement, message, None, related)
    if not realistic and not ctx.scope:
        yield from _item_rate_diagnostics(rule, ctx)
        yield from _streamed_rate_diagnostics(rule, ctx)


def _device_peak(found: OnDevice) -> str:
    """``362 TFLOPS (L40S dense BF16 peak, catalog; BF16: …)``: one device's peak as read."""
    return (
        f"{_tflops(found.peak)} ({found.device} dense {found.precision.upper()} peak, "
        f"catalog{found.assumed})"
    )


def _item_rate_diagnostics(rule: Rule, ctx: LintContext) -> Iterator[Diagnostic]:
    """``4,100 pairs/s per H100`` past the device's peak ÷ the FLOPs of one pair."""
    from speclint.domain.item_rates import item_rates_past_peak
    from speclint.formula.evaluate import literal_value

    table = devices(ctx.settings.accelerators)
    analysis = ctx.analysis
    for found in item_rates_past_peak(analysis.document, analysis.scanned, table):
        work, lit = found.work, found.lit
        items = found.item[:-1] + "ies" if found.item.endswith("y") else found.item + "s"
        bound = show(found.bound, f"{items}/s")
        message = (
            f"any phase: {_device_peak(found)} ÷ {work.text} (line {work.line}) allows at most "
            f"{bound} per {found.device} at 100 % of peak; stated {found.stated_text} is "
            f"{times(literal_value(lit, stated=True).point / found.bound)} the bound"
        )
        related = [Related(work.line, f"work per {found.item}: {work.text}")]
        yield ctx.diagnostic(rule, found.where, lit.num_start, lit.num_end, message, None, related)


def _streamed_rate_diagnostics(rule: Rule, ctx: LintContext) -> Iterator[Diagnostic]:
    """``260 tokens/s at batch 1 on one H100`` past its bandwidth ÷ the weights its paragraph
    says every token streams."""
    from speclint.domain.streamed_rates import streamed_rates_past_bandwidth

    table = devices(ctx.settings.accelerators)
    analysis = ctx.analysis
    for found in streamed_rates_past_bandwidth(analysis.document, analysis.scanned, table):
        lit, weights = found.lit, found.weights
        weights_text = found.where.text[weights.num_start : weights.num_end]
        weights_text += " " + weights.unit_text
        stated_text = found.where.text[lit.num_start : lit.num_end] + " " + lit.unit_text
        message = (
            f"decode at batch 1: {format_readable(found.bandwidth / 10**12)} TB/s "
            f"({found.device} peak memory bandwidth, catalog) ÷ {weights_text} of weights "
            f"(line {found.weights_line}), read once per token, allows at most "
            f"{show(found.bound, 'tokens/s')} on one {found.device} at 100 % of peak; stated "
            f"{stated_text} is {times(found.stated / found.bound)} the bound"
        )
        related = [Related(found.weights_line, f"weights streamed per token: {weights_text}")]
        yield ctx.diagnostic(rule, found.where, lit.num_start, lit.num_end, message, None, related)


def _ceiling_fix(
    statement: Statement, bound: Bound, scale: Fraction, dep: Deployment
) -> tuple[str, Applicability] | None:
    """A decode ceiling the text computes, as it computes it: batch × bandwidth ÷ every
    weight's bytes (a dense model's; an MoE ceiling depends on the experts read)."""
    if not statement.ceiling or bound.name != "decode" or statement.batch is None:
        return None
    arch, weights, bw = dep.arch, dep.weight_bytes, dep.hardware.bandwidth
    if (arch is not None and arch.experts is not None) or weights is None or bw is None:
        return None
    params = dep.total_params.high if dep.total_params is not None else None
    stated = dep.facts.get("param_count")
    if params is None and stated is not None and arch is None:
        params = Fraction(stated.value)
    if params is None:
        return None
    value = Fraction(statement.batch.value) * bw.value * scale / (params * weights[0])
    return statement.replacement(value), "unsafe"


#: A limit written before a latency ("TPOT ≤ 15 ms", "under 20 ms"): an upper bound, no floor.
_LIMIT_BEFORE = lazy_compile(r"(?:≤|<=|<|\\le|\bunder|\bbelow|\bat\s+most|\bwithin)\s*$")


def _limit(statement: Statement) -> bool:
    """Whether the statement is an upper limit (``TPOT ≤ 15 ms``), which bounds nothing below,
    or the figure something else is compared with (``its floor is above our 25 ms target``)."""
    lit = statement.lit
    if lit.bound in ("<", "<="):
        return True
    before = statement.where.text[max(0, lit.start - 12) : lit.start]
    return _LIMIT_BEFORE.search(before) is not None or _compared_with(statement)


def _compared_with(statement: Statement) -> bool:
    """The figure is what another is compared with (``its floor is above our 25 ms target``)."""
    lit = statement.lit
    before = statement.where.text[max(0, lit.start - 20) : lit.start]
    return _COMPARED_WITH.search(before) is not None


#: Words right before a figure that make it what another is compared with: ``above our 25
#: ms target``, ``breached the 40 ms SLO``, ``missed its 2 s budget``.
_COMPARED_WITH = lazy_compile(
    r"\b(?:above|over|exceed(?:s|ed)?|beyond|than|breach(?:es|ed)?|violat(?:es|ed)|miss(?:es|ed)"
    r"|met|meets?)\s+(?:our|the|its|their|a|an)?\s*$"
)


def _stated_floor(ctx: LintContext, statement: Statement) -> Bound | None:
    """The highest per-step floor the document derives itself ("each step takes ≥ 4.79 ms"),
    for a measured, claimed or targeted TPOT (a p50 or an SLO below it cannot be met either)
    that is not itself a floor or an upper limit."""
    if statement.ceiling or _limit(statement):
        return None
    batch = item_batch(statement)
    floors = [
        s
        for s in ctx.domain.statements
        if s is not statement
        and s.ceiling
        and s.kind in ("tpot", "step-floor")
        and not _limit(s)
        and _says_floor(s)
        and (batch is None or _floor_for_batch(s, batch))
    ]
    floors = [
        s
        for s in floors
        if not _another_alternative(s, statement, floors) and not _one_of_several(s, floors)
    ]
    floors = _of_its_section(statement, floors)
    if not floors:
        return None
    top = max(floors, key=lambda s: s.value.interval.lo)
    value = finite(top.value.interval.lo)
    return _derived(top, value, "tpot", "s", "the per-step floor the document derives")


def _of_its_section(statement: Statement, floors: list[Statement]) -> list[Statement]:
    """The floors of the statement's own section when sections derive floors of their own
    (``## Deployment 2`` … 5.4 ms, ``## Deployment 3`` … 21.8 ms): each is its section's."""
    sections = {s.where.segment.section for s in floors}
    if len(sections) <= 1 or len({s.value.point for s in floors}) <= 1:
        return floors
    own = statement.where.segment.section
    return [s for s in floors if s.where.segment.section == own]


def _another_alternative(floor: Statement, statement: Statement, floors: list[Statement]) -> bool:
    """The floor is one alternative's (a list item led ``- B: …``) and the statement's sentence
    names another floor's alternative but not this one (``layout A decoded … at 9 ms``)."""
    own = _alternative(floor)
    if own is None:
        return False
    sentence = sentence_of(statement)
    named = {a for s in floors if (a := _alternative(s)) is not None and _names(sentence, a)}
    return bool(named) and own not in named


def _one_of_several(floor: Statement, floors: list[Statement]) -> bool:
    """The floor's sentence states another floor of its kind and another value (``batch-1 TPOT
    (≥ 32.3 ms vs ≥ 21.6 ms)``, ``A ≥ 25.4 ms, B ≥ 39.9 ms``): alternatives compared, or the
    parts of one floor (``252 all-reduces at ~25 µs each = 6.3 ms``), none the floor of all."""
    sentence = sentence_of(floor)
    return any(
        other.where is floor.where
        and other.kind == floor.kind
        and other.value.point != floor.value.point
        and sentence_of(other) == sentence
        for other in floors
    )


def _alternative(statement: Statement) -> str | None:
    """The short label that leads the statement's list item (``- A: 51.27 GB / …``)."""
    where = statement.where
    if where.segment.item is None:
        return None
    lead, colon, _ = where.text.partition(":")
    lead = lead.strip(" *_`")
    return lead if colon and 0 < len(lead) <= _ALTERNATIVE_CHARS else None


def _names(sentence: str, label: str) -> bool:
    return regex.search(rf"(?<![\w-]){regex.escape(label)}(?![\w-])", sentence) is not None


#: The longest label of an alternative (``Layout B``, ``TP=8 × PP=2``).
_ALTERNATIVE_CHARS = 16


def _floor_for_batch(floor: Statement, batch: Fraction) -> bool:
    """Whether a floor holds at ``batch``: it is that batch's, or its sentence names no batch
    at all (the weights alone); a sentence that names other batches (``from batch ~16 up …,
    2.0 at B=1``) may be any of theirs."""
    sentence = sentence_of(floor)
    upwards = _FROM_BATCH.search(sentence)
    if upwards is not None:  # "from batch ≈ 16 up, … every step streams all experts"
        return batch >= int(upwards.group(1) or upwards.group(2))
    own = item_batch(floor)
    if own is not None:
        return own == batch
    if BATCH_ON_LINE.search(sentence) is not None:
        return batches_in(sentence) == {batch}  # "Decode at batch 1 must stream …": that one
    paragraph = batches_in(floor.where.text)  # "**Decode, batch 16 at …** … a floor of 67.4 ms"
    return len(paragraph) != 1 or batch in paragraph


#: A floor for every batch from a size on: ``from batch ≈ 16 up``, ``batch ≥ 32``.
_FROM_BATCH = lazy_compile(
    r"\bfrom\s+(?:a\s+)?batch(?:es)?(?:\s+size)?\s*(?:of\s*)?[~≈]?\s*(\d+)\s*"
    r"(?:up\b|upwards|onwards|on\b|and\s+(?:up|above|more))|\bbatch(?:es)?\s*(?:≥|>=)\s*(\d+)",
    regex.IGNORECASE,
)


def _says_floor(statement: Statement) -> bool:
    """The figure's sentence calls it a floor or a bound in words or by ``≥``, not only by a
    comparison of something else (``TPOT p50 > 90 ms at concurrency ≤ 16``: an alert)."""
    if statement.kind == "step-floor":
        return True
    sentence = sentence_of(statement)
    if FLOOR.search(sentence):
        return True
    return any(not _SYMBOL.fullmatch(m.group()) for m in ROOFLINE.finditer(sentence))


#: A comparison sign among the words for a bound.
_SYMBOL = lazy_compile(r"≤|<=|≥|>=|<|>|\\[lg]e")


def _derived(chosen: Statement, value: Fraction, name: str, unit: str, what: str) -> Bound:
    """A bound the document derives itself, at ``chosen``'s line (``what`` says which)."""
    source = Related(chosen.line, chosen.where.text.strip()[:120])
    formula = f"{what} on line {chosen.line} ({chosen.stated_text})"
    return Bound(name, value, value, unit, formula, (source,), "as the document derives it")


def _paragraph_floor(ctx: LintContext, statement: Statement) -> Bound | None:
    """The per-step floor the same paragraph derives before a measured step time (``at 4.8
    TB/s the floor is 12.6 ms per step. We measured 9.8 ms per step``): the highest one."""
    if statement.hedged:
        return None
    floors = [
        s
        for s in ctx.domain.statements
        if s.kind == "step-floor" and s.where is statement.where and s.lit.end < statement.lit.start
    ]
    if not floors:
        return None
    top = max(floors, key=lambda s: s.value.interval.lo)
    value = finite(top.value.interval.lo)
    return _derived(top, value, "tpot", "s", "the per-step floor the paragraph derives")


#: A table column of per-step floors: ``Floor (ms)``, ``Bandwidth floor``.
_FLOOR_HEADER = lazy_compile(r"\bfloor\b", regex.IGNORECASE)


#: Headers of a column of throughput ceilings: ``| Ceiling | Measured |``.
_CEILING_HEADER = lazy_compile(r"\b(?:ceiling|roofline|upper\s+bound)\b", regex.IGNORECASE)


def _row_ceiling(ctx: LintContext, statement: Statement) -> Bound | None:
    """The ceiling a rate cell's own row states in a ``Ceiling`` column (``| 13.31 ms | 75.1
    tok/s | 81 tok/s |``): the document's bound for that row's setup, as it derives it."""
    found = _row_bound(ctx, statement, _CEILING_HEADER)
    if found is None:
        return None
    value, formula, source = found
    high = finite(value.interval.hi)
    return Bound(
        "row ceiling", high, high, "tokens/s", formula, (source,), "as the document derives it"
    )


def _row_floor(ctx: LintContext, statement: Statement) -> Bound | None:
    """The floor a TPOT cell's own row states in a ``Floor`` column (``| 1 | 26.98 | 13.23 |
    12.4 |``): the document's bound for that row's setup (its batch), as it derives it."""
    found = _row_bound(ctx, statement, _FLOOR_HEADER)
    if found is None:
        return None
    value, formula, source = found
    low = finite(value.interval.lo)
    return Bound("tpot", low, low, "s", formula, (source,), "as the document derives it")


def _row_bound(
    ctx: LintContext, statement: Statement, header: regex.Pattern[str]
) -> tuple[Value, str, Related] | None:
    """The figure of the statement's own table row in a column whose header ``header`` finds,
    of the statement's dimension: its value, how the message names it, and its line."""
    from speclint.claims.sums import _header_unit, _with_header_unit, cell_value
    from speclint.formula.evaluate import literal_value

    cell = statement.where.segment.cell
    if cell is None or statement.ceiling:
        return None  # a target ("p50") beyond its own row's bound is as impossible
    for where in ctx.analysis.scanned:
        other = where.segment.cell
        if other is None or (other.table, other.row) != (cell.table, cell.row):
            continue
        if other.col == cell.col or not header.search(other.header):
            continue
        node = cell_value(where)
        if not isinstance(node, Lit) or node.bound or node.is_range:
            continue
        lit = _with_header_unit(node, *_header_unit(other.header))
        value = literal_value(lit, stated=True)
        if lit.unit is None or value.dims != statement.value.dims:
            continue
        line = ctx.analysis.document.position(where.offsets[node.num_start])[0]
        shown = f"{where.text.strip()} ({other.header.strip()})"
        what = "ceiling" if header is _CEILING_HEADER else "floor"
        formula = f"the {what} its row states on line {line}, {shown}"
        return value, formula, Related(line, shown)
    return None


def _with_allreduce(dep: Deployment, bound: Bound, tokens: Fraction, tokens_text: str) -> Bound:
    """A latency floor plus the TP all-reduces of its ``tokens`` (2 per layer, a ring moving
    2(n−1)/n × hidden × tokens × bytes per GPU) at 100 % of the link, when TP > 1 within one
    node and the accelerator's link is known; else the bound unchanged. Only the peak moves."""
    tp, arch, link = dep.degree("tp"), dep.arch, dep.hardware.link
    if tp is None or tp <= 1 or tp > NODE_GPUS or arch is None or link is None:
        return bound
    seconds = 2 * arch.layers * arch.hidden * tokens * ACTIVATION_BYTES * 2 * (tp - 1) / tp
    seconds /= link.value
    link_text = f"{format_readable(link.value / 10**9)} GB/s per GPU"
    formula = (
        f"{bound.formula} = {show(bound.peak, 's')}, plus 2 TP all-reduces × {arch.layers} "
        f"layers × {arch.hidden} hidden × {tokens_text} × {ACTIVATION_BYTES} B × "
        f"2({tp}−1)/{tp} (ring) ÷ {link_text} at 100 % of the link = {show(seconds, 's')} "
        f"(communication not overlapped)"
    )
    link_source = (
        Related(link.fact.line, link.fact.text)
        if link.fact is not None
        else Related(0, f"link {link_text} ({link.source})")
    )
    facts = dep._inputs("tp", "layers", "hidden_size")
    extra = (link_source, *(Related(f.line, f.text) for f in facts))
    peak = bound.peak + seconds
    sources = (*bound.sources, *extra)
    realistic = max(bound.realistic, peak)
    return Bound(bound.name, peak, realistic, bound.unit, formula, sources, bound.assumption)


def _decisive(statement: Statement, bound: Bound, full: Bound) -> Bound:
    """The floor with the all-reduces where they decide (the claim is past the floor without
    them), else the floor alone, so findings the floor alone explains read as before."""
    return full if bound.peak <= statement.value.interval.hi < full.peak else bound


def _tpot_with_allreduce(dep: Deployment, statement: Statement, bound: Bound) -> Bound:
    """One decode step all-reduces the hidden state of each sequence of the claim's batch."""
    fact = statement.batch
    if fact is None:
        full = _with_allreduce(dep, bound, Fraction(1), "batch 1 (none stated)")
    else:
        size = Fraction(fact.value)
        full = _with_allreduce(dep, bound, size, f"batch {size}")
        if full is not bound:
            full = replace(full, sources=(*full.sources, Related(fact.line, fact.text)))
    return _decisive(statement, bound, full)


def _ttft_bound(
    dep: Deployment, statement: Statement, prompt_fact: Fact | None, said: int | None = None
) -> tuple[Bound | None, bool]:
    """The prefill floor of a TTFT claim, and whether only its value at peak may be reported:
    with a prompt length stated in passing elsewhere (weak), not on the claim's line. Such a
    length holds for a table's measurements (the setup describes its rows), not for prose."""
    prompt = statement.prompt_tokens or said
    own = prompt is not None
    in_table = statement.where.segment.cell is not None
    if prompt is None and prompt_fact is not None and (prompt_fact.strong or in_table):
        prompt = int(prompt_fact.value)
    bound = ttft_bound(dep, prompt) if prompt is not None else None
    if bound is None or prompt is None:
        return None, False
    if not own and prompt_fact is not None and not prompt_fact.strong:
        source = Related(prompt_fact.line, prompt_fact.text)
        return replace(bound, sources=(*bound.sources, source)), True
    full = _with_allreduce(dep, bound, Fraction(prompt), f"{prompt} prompt tokens")
    return _decisive(statement, bound, full), False


#: A TTFT for the prompt named just before: ``a TTFT of 180 ms for that prompt``.
_THAT_PROMPT = lazy_compile(r"\b(?:that|this|the\s+same)\s+prompt\b", regex.I)


#: How far back (characters of source) a prompt pointed back to may be written.
_PROMPT_BACK = 600


def _prompt_said_before(statement: Statement, source: str) -> int | None:
    """The prompt length of a TTFT whose sentence points back to ``that prompt``: the last one
    written in the few lines before that sentence (``For a 4,000-token prompt …``)."""
    from speclint.domain.statements import prompt_length_on_line

    where, lit = statement.where, statement.lit
    start, end = sentence_bounds(where.text, lit.start, lit.end)
    if not _THAT_PROMPT.search(where.text, start, end):
        return _prefilled_before(where.text, start)
    at = where.offsets[start] if start < len(where.offsets) else where.offsets[-1]
    before = source[max(0, at - _PROMPT_BACK) : at]
    sentences = [0, *(m.end() for m in SENTENCE_END.finditer(before))]
    for begin in reversed(sentences):
        found = prompt_length_on_line(before[begin:])
        if found is not None:
            return found
    return None


#: A count of tokens (``the full 4,000 tokens``) in a sentence about prefilling them.
_TOKENS = lazy_compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,7})\s+tokens?\b", regex.I)
_PREFILLED = lazy_compile(r"\bprefill(?:ed|s|ing)?\b", regex.I)


def _prefilled_before(text: str, start: int) -> int | None:
    """``the full 4,000 tokens must be prefilled, …. In the shadow test the cold-prefix p50
    TTFT … was 0.11 s``: the one token count of the sentence right before, in the same
    paragraph, when it says those tokens are prefilled."""
    if start <= 0:
        return None
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    ends = [end for end in ends if end < start - 1 and text[end:start].strip()]  # not its own
    if text[:start].rstrip().endswith((":", "\n")):
        return None
    sentence = text[ends[-1] if ends else 0 : start]
    counts = {m.group(1) for m in _TOKENS.finditer(sentence)}
    if len(counts) != 1 or not _PREFILLED.search(sentence):
        return None
    return int(counts.pop().replace(",", ""))


#: A document about speculative decoding (a draft model, MTP heads) …
_SPECULATION = lazy_compile(
    r"\bspeculative\s+decoding\b|\bdraft\s+(?:model|tokens?)\b|\bDraft:|\bmedusa\b|\beagle\b|"
    r"\bmulti[- ]token\s+prediction\b|\bMTP\b",
    regex.IGNORECASE,
)
#: … where only a time per token said to be without it is bounded by one weight pass per token.
_WITHOUT_SPECULATION = lazy_compile(
    r"\bnon[- ]?speculative\b|\bwithout\s+(?:speculation|speculative\s+decoding|a\s+draft)\b|"
    r"\bno\s+speculation\b|\b(?:target|base)\s+(?:model\s+)?alone\b|\bplain\s+decod\w*|"
    r"\bbaseline\b",
    regex.IGNORECASE,
)
_EFFECTIVE = lazy_compile(r"\beffective\b|\bper\s+round\b|\baccept\w*", regex.IGNORECASE)
#: Words before a mention of speculation in its sentence that deny it (``does not cover``).
_DENIED = lazy_compile(
    r"\b(?:not|no|never|without|excludes?|excluding|out\s+of\s+scope)\b|n[\x27’]t\b",
    regex.IGNORECASE,
)


def _about_speculation(source: str) -> bool:
    """The document speaks of speculative decoding somewhere it does not deny it (``It does
    **not** cover speculative decoding`` speaks of none)."""
    for found in _SPECULATION.finditer(source):
        line_start = source.rfind("\n", 0, found.start()) + 1
        ends = [m.end() for m in SENTENCE_END.finditer(source, line_start, found.start())]
        if not _DENIED.search(source, ends[-1] if ends else line_start, found.start()):
            return True
    return False


def _speculative(ctx: LintContext, statement: Statement) -> bool:
    """A TPOT of a document about speculative decoding that its sentence does not say is
    without it: several tokens may come out of one pass over the weights."""
    if not _about_speculation(ctx.analysis.document.source):
        return False
    where, lit = statement.where, statement.lit
    ends = [m.end() for m in SENTENCE_END.finditer(where.text, 0, lit.start)]
    after = SENTENCE_END.search(where.text, lit.end)
    sentence = where.text[ends[-1] if ends else 0 : after.start() if after else len(where.text)]
    cell = where.segment.cell
    if cell is not None:  # "| 8 | 4.6 | 4.3 |" under "baseline TPOT (ms)": its column's words
        sentence = f"{sentence} {cell.header}"
    return not _WITHOUT_SPECULATION.search(sentence) or bool(_EFFECTIVE.search(sentence))


def latency_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, Bound]]:
    """(statement, finding, bound): "below-peak", "below-realistic" or "too-slow"; and
    "below-peak" for a TPOT of a sentence that supposes another precision or device, against
    the deployment it supposes."""
    yield from _document_latency_findings(ctx)
    for statement, supposed in ctx.domain.supposed:
        if statement.kind != "tpot" or statement.ceiling or _speculative(ctx, statement):
            continue
        bound = tpot_bound(supposed)
        if bound is not None and statement.value.interval.hi < bound.peak:
            yield statement, "below-peak", bound


def _fact_value(fact: Fact) -> Fraction:
    return Fraction(fact.value) if isinstance(fact.value, Fraction) else Fraction(0)


#: A size of prompt or context a row's label names: ``8K avg``, ``2,048 tokens``.
_ROW_TOKENS = lazy_compile(r"(?<![\w.,])\d[\d,.]*\s*[kK]\b|\btokens?\b|\bcontext\b", regex.I)


def _row_label_of(ctx: LintContext, statement: Statement) -> str:
    """The first cell of the table row a figure sits in another cell of ("" elsewhere)."""
    from speclint.domain.statements import row_label

    return row_label(statement.where, ctx.analysis.document.line_text(statement.line))


def _row_deployment(ctx: LintContext, statement: Statement) -> tuple[bool, Deployment | None]:
    """For a table cell whose row's label names a weight precision (``AWQ 4-bit``, ``TP=4
    BF16``): (True, the deployment at that precision, when the document states it for its
    weights and the label names no other tensor-parallel degree; else None). (False, None)
    when the label names none, or the deployment's own."""
    from speclint.domain.facts import DTYPE_ALIASES, DTYPE_BYTES
    from speclint.domain.statements import dtypes_in

    label = _row_label_of(ctx, statement)
    if not label:
        return False, None
    dep = ctx.domain.deployment
    names = {DTYPE_ALIASES.get(name, name) for name in dtypes_in(label)} & set(DTYPE_BYTES)
    widths = {DTYPE_BYTES[name] for name in names}
    weights = dep.weight_bytes
    if not widths or (weights is not None and widths == {weights[0]}):
        return False, None
    stated = {f.value for f in dep.facts.facts.get("weight_dtype", [])}
    tp = TP_DEGREE.search(label)
    if len(names) != 1 or not names <= stated or (tp and Fraction(tp.group(1)) != dep.degree("tp")):
        return True, None
    return True, at_weight_precision(dep, names.pop(), label.strip(), statement.line)


#: A label that is a size and nothing else: ``32k``, ``8,192 tokens``.
_SIZE_ALONE = lazy_compile(r"\s*\d[\d,.]*\s*[kK]?\s*(?:tokens?)?\s*")


def _row_of_unread_prompt(ctx: LintContext, statement: Statement) -> bool:
    """A table cell whose row's label names a prompt or context size (``mixed trace, 8K
    avg``) that is not read as one: its prompts are not the document's."""
    from speclint.domain.statements import prompt_length_on_line

    label = _row_label_of(ctx, statement)
    if not label or _SIZE_ALONE.fullmatch(label):
        return False  # "| 32k | 0.62 s |" under "Prompt length": the column says what it is
    return bool(_ROW_TOKENS.search(label)) and prompt_length_on_line(label) is None


def _document_latency_findings(ctx: LintContext) -> Iterator[tuple[Statement, str, Bound]]:
    dep = ctx.domain.deployment
    # the shortest prompt the document states: a prefill floor must hold for each of them
    prompt_fact = min(dep.facts.facts.get("prompt_len", []), key=_fact_value, default=None)
    for statement in ctx.domain.statements:
        if statement.kind in ("ttft", "tpot") and _compared_with(statement):
            continue  # "its floor alone is above our 25 ms TPOT target"
        bound = None
        hard_only = False  # only the bound at peak: the claim's scope is the document's
        if statement.kind == "ttft":
            if _row_of_unread_prompt(ctx, statement):
                continue  # "| mixed trace, 8K avg | 64 | 1.4 s |": its own prompts, unread
            own = one_gpu_deployment(sentence_deployment(dep, statement), statement)
            said = _prompt_said_before(statement, ctx.analysis.document.source)
            bound, hard_only = _ttft_bound(own, statement, prompt_fact, said)
            hard_only = hard_only or own is not dep
        elif statement.kind == "step-time":
            bound = _paragraph_floor(ctx, statement)
            hard_only = True
        elif statement.kind == "tpot":
            if _speculative(ctx, statement):
                continue
            own = sentence_deployment(dep, statement)  # "… 4,2 ms par token en BF16"
            named, row = _row_deployment(ctx, statement)  # "| TP=4 BF16 | 2 | 8.6 ms |"
            own = row if named and row is not None else own
            hard_only = own is not dep  # a precision read from its sentence: the floor only
            # "| AWQ 4-bit | 26 ms |" in a document whose weights are INT8: only a floor the
            # document derives itself
            bound = None if named and row is None else tpot_bound(own)
            if bound is not None:
                bound = _tpot_with_allreduce(own, statement, bound)
            for floor in (_stated_floor(ctx, statement), _row_floor(ctx, statement)):
                if floor is not None and (bound is None or floor.peak > bound.peak):
                    bound = floor
        if bound is None:
            continue
        stated = statement.value.interval
        if stated.hi < bound.peak:
            yield statement, "below-peak", bound
        elif statement.ceiling or hard_only:
            continue  # a floor the text derives ("TPOT ≥ … ≈ 10.6 ms") is no claim of speed
        elif stated.hi < bound.realistic:
            yield statement, "below-realistic", bound
        elif statement.hedged:
            continue  # an SLO or a target may be far looser than the hardware: no slip
        elif stated.lo > bound.realistic * dep.settings.efficiency.slow_factor:
            if _fleet_count_only(dep):
                continue  # "GPUs | 30 | 21": a fleet's count is no replica's layout
            yield statement, "too-slow", bound


def _latency_message(statement: Statement, finding: str, bound: Bound, slow: Fraction) -> str:
    stated = statement.value.point
    name = "first token" if bound.name == "ttft" else "each output token"
    name = "prefill" if statement.part == "prefill" else name
    name = "each step" if statement.kind == "step-time" else name
    inputs = bound.sources_text()
    if finding == "too-slow":
        ratio = stated / bound.realistic
        if bound.peak <= stated / 1000 <= bound.realistic * slow:
            cause = "read as milliseconds it would be plausible: a unit slip (ms written as s)?"
        else:
            cause = "a unit slip (ms vs s) or a figure for a whole batch read per request?"
        return (
            f"{name}: {bound.formula} takes about {show(bound.realistic, 's')} "
            f"({bound.assumption}); stated {statement.stated_text} is {times(ratio)} slower; "
            f"{cause} inputs: {inputs}"
        )
    limit = bound.peak if finding == "below-peak" else bound.realistic
    level = "100 % of peak on every GPU" if finding == "below-peak" else bound.assumption
    if bound.assumption == "as the document derives it":
        level = bound.assumption
    return (
        f"{name}: {bound.formula} needs at least {show(limit, 's')} "
        f"{level if level.startswith(('as ', 'on ', 'at ', 'one ')) else 'at ' + level}; stated "
        f"{statement.stated_text} is {times(divide(limit, stated))} faster than that bound; "
        f"inputs: {inputs}"
    )


def latency_diagnostics(rule: Rule, ctx: LintContext, finding: str) -> Iterator[Diagnostic]:
    """The findings of a latency rule: the latency claims with one kind of finding."""
    slow = ctx.domain.deployment.settings.efficiency.slow_factor
    for statement, found, bound in latency_findings(ctx):
        if found != finding:
            continue
        message = _latency_message(statement, found, bound, slow)
        yield ctx.statement_diagnostic(rule, statement, message, None, bound.related())
    if finding == "below-peak" and not ctx.scope:
        yield from _item_latency_diagnostics(rule, ctx)


def _item_latency_diagnostics(rule: Rule, ctx: LintContext) -> Iterator[Diagnostic]:
    """``a p95 of 9 ms`` for a rerank on a single L40S below one query's FLOPs ÷ its peak."""
    from speclint.domain.item_latency import item_latencies_below_floor
    from speclint.formula.evaluate import literal_value

    table = devices(ctx.settings.accelerators)
    analysis = ctx.analysis
    for found in item_latencies_below_floor(analysis.document, analysis.scanned, table):
        work, lit = found.work, found.lit
        message = (
            f"{work.label}: {work.text} (line {work.line}) ÷ {_device_peak(found)} needs at "
            f"least {show(found.floor, 's')} at 100 % of peak; stated {found.stated_text} is "
            f"{times(found.floor / literal_value(lit, stated=True).point)} faster than that bound"
        )
        related = [Related(work.line, f"work per {work.item}: {work.text}")]
        yield ctx.diagnostic(rule, found.where, lit.num_start, lit.num_end, message, None, related)
