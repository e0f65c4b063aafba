"""Roofline bounds on throughput and latency (domain-math reference, section 1.8).

Each bound comes at 100 % of peak hardware (past it, a claim is impossible) and at realistic
efficiency (past it, a claim is a warning), with the formula and the inputs it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from speclint.document import Related
from speclint.domain.compute import FP8, ComputeTerms, compute_terms, devices_named
from speclint.domain.deployment import Deployment, Quantity
from speclint.domain.facts import Fact
from speclint.domain.hardware import Figure, devices
from speclint.domain.statements import Statement
from speclint.quantity.numbers import format_readable


@dataclass(frozen=True)
class Bound:
    """A limit in base units (tokens/s or s): ``peak`` at 100 %, ``realistic`` at the assumed
    efficiency. ``formula`` explains it; ``sources`` are what it was computed from: document
    lines, and catalog figures (line 0)."""

    name: str
    peak: Fraction
    realistic: Fraction
    unit: str
    formula: str
    sources: tuple[Related, ...]
    assumption: str = ""

    def related(self) -> list[Related]:
        """The sources read from the document, as a diagnostic's related lines."""
        return [source for source in self.sources if source.line]

    def sources_text(self) -> str:
        """The sources for a message, each with its line when the document states it."""
        return ", ".join(
            dict.fromkeys(
                f"{s.message} (line {s.line})" if s.line else s.message for s in self.sources
            )
        )


def _figure(figure: Figure, text: str) -> Related:
    if figure.fact is not None:
        return Related(figure.fact.line, figure.fact.text)
    return Related(0, f"{text} {_figure_value(figure, text)} ({figure.source})")


def _figure_value(figure: Figure, text: str) -> str:
    if "FLOPS" in text:
        return f"{format_readable(figure.value / 10**12)} TFLOPS"
    return f"{format_readable(figure.value / 10**12)} TB/s"


def _facts(*facts: Fact | None) -> tuple[Related, ...]:
    return tuple(Related(f.line, f.text) for f in facts if f is not None)


def _stated(params: Quantity) -> tuple[Related, ...]:
    """The stated parameter count a bound used when the architecture is not stated."""
    if params.inputs and params.inputs[0].name in ("param_count", "active_params"):
        fact = params.inputs[0]
        return (Related(fact.line, f"{fact.text} (stated parameter count, read 5 % low)"),)
    return ()


def _efficiency_text(dep: Deployment, name: str, label: str) -> tuple[Fraction, str]:
    value, source = dep.efficiency(name)
    where = "stated" if source.startswith("line") else "assumed"
    return value, f"{label} {format_readable(value * 100, 3)} % ({where}, {source})"


def compute_bound_per_gpu(
    dep: Deployment, training: bool = False, flops: Figure | None = None
) -> Bound | None:
    """Tokens/s one GPU can process in any phase: peak FLOPS (``flops``, else the document's
    device's) ÷ 2 FLOPs per active weight, or with ``training`` 6 (forward and backward,
    domain-math 1.6: C ≈ 6 · N · D); realistic at the prefill MFU prior, or the training one."""
    params, flops = dep.min_active_params, flops or dep.hardware.flops
    if params is None or flops is None:
        return None
    flops_per_param = 6 if training else 2
    per_token = flops_per_param * params.low
    mfu, mfu_text = _efficiency_text(dep, "mfu" if training else "prefill_mfu", "MFU")
    peak = flops.value / per_token
    active = "active " if dep.active_params else ""
    formula = (
        f"{format_readable(flops.value / 10**12)} TFLOPS ÷ ({flops_per_param} × "
        f"{format_readable(params.low / 10**9)}B {active}non-embedding params per token"
        f"{', training: forward and backward' if training else ''})"
    )
    inputs = (_figure(flops, "peak FLOPS"), *_facts(*params.inputs[:3]))
    return Bound("compute", peak, peak * mfu, "tokens/s", formula, inputs, mfu_text)


def batch_fact(dep: Deployment) -> Fact | None:
    return dep.facts.get("batch")


def decode_bound_per_gpu(dep: Deployment, batch: Fact | None = None) -> Bound | None:
    """Decode tokens/s per GPU at a batch (the claim's own, else the stated batch size): every
    step streams the weights at least once, so a GPU makes at most batch × bandwidth ÷ weight
    bytes tokens per second."""
    params, bw, weights = dep.min_active_params, dep.hardware.bandwidth, dep.weight_bytes
    batch = batch or batch_fact(dep)
    if params is None or bw is None or weights is None or batch is None:
        return None
    b, dtype = weights
    B = Fraction(batch.value)
    bytes_min = params.low * b
    peak = B * bw.value / bytes_min
    u, u_text = _efficiency_text(dep, "bandwidth_utilisation", "bandwidth utilisation")
    realistic_bytes = bytes_min
    touched = dep.experts_touched(B)
    arch = dep.arch
    if touched is not None and arch is not None and arch.experts is not None:
        e = arch.experts
        per_expert = arch.mlp_matrices.low * arch.hidden * e.ffn * e.layers
        realistic_bytes = bytes_min + (touched - e.top_k) * per_expert * b
    realistic = B * bw.value * u / realistic_bytes
    formula = (
        f"batch {B} × {format_readable(bw.value / 10**12)} TB/s ÷ "
        f"{format_readable(bytes_min / 10**9)} GB of weights read per step "
        f"({format_readable(params.low / 10**9)}B params × {b} B)"
    )
    if realistic_bytes != bytes_min and touched is not None and arch is not None:
        assert arch.experts is not None
        u_text += (
            f", {format_readable(touched, 3)} of {arch.experts.count} experts per MoE layer "
            f"expected to be read at batch {B} ({format_readable(realistic_bytes / 10**9)} GB "
            "per step)"
        )
    inputs = (*_facts(batch), _figure(bw, "memory bandwidth"), *_facts(dtype), *_stated(params))
    return Bound("decode", peak, realistic, "tokens/s", formula, inputs, u_text)


def ttft_bound(dep: Deployment, prompt: int) -> Bound | None:
    """Time to first token for one prompt: its prefill FLOPs over the GPUs that can share it."""
    params, flops, arch = dep.min_active_params, dep.hardware.flops, dep.arch
    gpus = dep.gpus() or ((Fraction(1), ()) if dep.one_gpu_replica else None)
    if params is None or flops is None or gpus is None:
        return None
    s = Fraction(prompt)
    # Without the architecture (a stated parameter count) the attention term is left out:
    # the bound is then lower, and still a bound.
    attention = (
        0
        if arch is None or arch.mla is not None
        else 2 * arch.layers * s**2 * arch.heads * arch.head_dim
    )
    work = 2 * params.low * s + attention
    all_gpus, gpu_facts = gpus
    sharing = dep.prefill_gpus() or all_gpus
    mfu, mfu_text = _efficiency_text(dep, "prefill_mfu", "MFU")
    peak = work / (all_gpus * flops.value)
    realistic = work / (sharing * flops.value * mfu)
    causal = (
        f" + causal attention 2 × {arch.layers} layers × {prompt}² × {arch.heads * arch.head_dim}"
        if attention and arch is not None
        else ""
    )
    peak_text = f"{format_readable(flops.value / 10**12)} TFLOPS"
    formula = (
        f"(2 × {format_readable(params.low / 10**9)}B params × {prompt} tokens{causal}) = "
        f"{format_readable(work / 10**12, 3)} TFLOP ÷ "
        + (peak_text if all_gpus == 1 else f"({all_gpus} GPUs × {peak_text})")
    )
    inputs = (_figure(flops, "peak FLOPS"), *_facts(*gpu_facts), *_stated(params))
    note = (
        f"one prompt at a time; at 100 % on all {all_gpus} GPUs at once; realistically on "
        f"{sharing} GPUs (TP × EP × CP; pipeline stages run in turn) at {mfu_text}"
    )
    return Bound("ttft", peak, realistic, "s", formula, inputs, note)


def tpot_bound(dep: Deployment) -> Bound | None:
    """Time per output token: each decode step reads the active weights once."""
    params, bw, weights = dep.min_active_params, dep.hardware.bandwidth, dep.weight_bytes
    gpus = dep.gpus() or ((Fraction(1), ()) if dep.one_gpu_replica else None)
    if params is None or bw is None or weights is None or gpus is None:
        return None
    b, dtype = weights
    all_gpus, gpu_facts = gpus
    sharing = dep.decode_gpus() or all_gpus
    u, u_text = _efficiency_text(dep, "bandwidth_utilisation", "bandwidth utilisation")
    bytes_min = params.low * b
    peak = bytes_min / (all_gpus * bw.value)
    realistic = bytes_min / (sharing * bw.value * u)
    bandwidth = f"{format_readable(bw.value / 10**12)} TB/s"
    formula = (
        f"{format_readable(bytes_min / 10**9)} GB of weights per step "
        f"({format_readable(params.low / 10**9)}B params × {b} B) ÷ "
        + (bandwidth if all_gpus == 1 else f"({all_gpus} GPUs × {bandwidth})")
    )
    inputs = (_figure(bw, "memory bandwidth"), *_facts(dtype, *gpu_facts), *_stated(params))
    note = (
        f"at 100 % on all {all_gpus} GPUs at once; realistically on {sharing} GPUs "
        f"(TP × EP; pipeline stages run in turn) at {u_text}"
    )
    if not gpu_facts:
        formula += " on one GPU (no GPU count or parallel layout stated; the model fits one)"
        note = f"on one GPU at {u_text}"
    elif all_gpus == 1:
        note = f"on one GPU at {u_text}"
    return Bound("tpot", peak, realistic, "s", formula, inputs, note)


#: The catalog key of each precision's dense peak.
_PEAK_KEYS = {"bf16": "bf16-tflops", "fp8": "fp8-tflops"}


def flops_bound(dep: Deployment, statement: Statement) -> Bound | None:
    """The FLOP/s a compute statement's devices allow: their count (its sentence's, one for a
    per-device figure, else every GPU of the document) × the dense peak of its precision (BF16
    when unstated; twice that for a figure said to be sparse). None when the device, precision
    or count is unclear."""
    terms = statement.compute
    if terms is None or terms.precision in ("other", "mixed") or terms.ambiguous:
        return None
    per_device = _device_peak(dep, statement, terms)
    if per_device is None:
        return None
    peak, peak_text, sources, notes = per_device
    if terms.count is not None:
        n, who = Fraction(terms.count), f"{terms.count} devices ({terms.count_text})"
    elif statement.per_gpu is not False and (terms.per_device or statement.per_gpu is True):
        n, who = Fraction(1), "one device"
    else:
        gpus, reading = dep.gpus(), "read as a system total, the most generous reading"
        if gpus is None:
            gpus, reading = dep.most_gpus(), "the largest GPU count the document states"
        if gpus is None:
            return None
        n = gpus[0]
        who = "the document's one GPU" if n == 1 else f"all {n} GPUs ({reading})"
        sources = (*sources, *_facts(*gpus[1]))
    mfu, mfu_text = _efficiency_text(dep, "mfu", "MFU")
    prior = dep.settings.efficiency.mfu
    if mfu < prior:  # a FLOP/s figure is its own utilisation: only past the prior is unrealistic
        mfu, mfu_text = prior, f"MFU {format_readable(prior * 100, 3)} % (the realistic prior)"
    formula = f"{who} × {peak_text}" + (f" ({'; '.join(notes)})" if notes else "")
    return Bound("flops", n * peak, n * peak * mfu, "FLOP/s", formula, sources, mfu_text)


def _device_peak(
    dep: Deployment, statement: Statement, terms: ComputeTerms
) -> tuple[Fraction, str, tuple[Related, ...], list[str]] | None:
    """One device's peak for the statement: the device its sentence names, else the
    document's (its stated peak FLOPS first), at the stated precision."""
    table = devices(dep.settings.accelerators)
    stated = dep.hardware.flops
    notes: list[str] = []
    precision = terms.precision
    if not precision:
        weights = dep.weight_bytes
        fp8 = weights is not None and FP8.search(str(weights[1].value)) is not None
        precision = "fp8" if fp8 else "bf16"
        notes.append(f"precision not stated: {'FP8 as the weights are' if fp8 else 'BF16'} assumed")
    if terms.device:
        names = devices_named(terms.device, table)
    elif stated is not None and stated.fact is not None and _same_precision(stated, terms):
        if stated.fact.line == statement.line:
            return None  # the document's own peak figure
        value = stated.value * (2 if terms.sparse else 1)
        text = f"{format_readable(value / 10**12)} TFLOPS (the peak the document states)"
        return value, text, (_figure(stated, "peak FLOPS"),), notes
    else:
        names = _document_devices(dep)
    key = _PEAK_KEYS[precision]
    if not names or any(key not in table.get(n, {}) for n in names):
        return None  # no device, or one without a catalog peak at this precision (FP8)
    value = max(Fraction(str(table[n][key])) for n in names) * 10**12
    dense = f"{format_readable(value / 10**12)} TFLOPS"
    source = Related(0, f"dense {precision.upper()} peak {dense} (catalog: {' or '.join(names)})")
    text = f"{dense} (dense {precision.upper()} peak)"
    if terms.sparse:
        value *= 2
        text = f"2 × {dense} = {format_readable(value / 10**12)} TFLOPS (sparse: 2× the dense peak)"
    return value, text, (source,), notes


def _same_precision(stated: Figure, terms: ComputeTerms) -> bool:
    """The document's peak is at the precision a figure says (``Dense BF16 | 121 TFLOPS`` is
    no peak for ``Dense FP8 | 242 TFLOPS``); a figure or peak that names none is taken as at
    the same one."""
    assert stated.fact is not None
    said = compute_terms(stated.fact.text, "").precision
    return not said or not terms.precision or said == terms.precision


def sentence_flops(dep: Deployment, terms: ComputeTerms | None) -> Figure | None:
    """The dense peak of the one device model a sentence names (``on 8 H100s``), at the
    precision it says (BF16 when it does not)."""
    if terms is None or not terms.device or terms.ambiguous:
        return None
    if terms.precision not in ("", "bf16", "fp8"):
        return None
    table = devices(dep.settings.accelerators)
    names = devices_named(terms.device, table)
    key = _PEAK_KEYS[terms.precision or "bf16"]
    if not names or any(key not in table.get(n, {}) for n in names):
        return None
    value = max(Fraction(str(table[n][key])) for n in names) * 10**12
    return Figure(value, f"catalog: {' or '.join(names)}")


def _document_devices(dep: Deployment) -> tuple[str, ...]:
    """The devices the document names, when every mention can be one device (``H100`` and
    ``H100 SXM``); none when it names different devices (an L4 fleet beside an H100 one)."""
    named = dep.facts.facts.get("device", [])
    named = [f for f in named if not f.aside] or named
    by_line: dict[int, set[str]] = {}
    for fact in named:
        by_line.setdefault(fact.line, set()).add(str(fact.value))
    groups = list(by_line.values())
    if not groups or not set.intersection(*groups):
        return ()
    return tuple(sorted(set.union(*groups)))
