"""What a document's facts imply: parameter counts, weight and KV bytes, FLOPs and the roofline
bounds on throughput and latency (domain-math reference, sections 1.1–1.8).

Every derived quantity is a range [low, high] that covers the conventions tools disagree on
(embeddings counted or not, RMSNorm or LayerNorm, biases, expert tensor parallelism), with the
formula and the facts it used, so a finding can show its work. A quantity whose facts are
missing or stated inconsistently is None: rules never guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Any

from speclint.domain.architecture import (
    ARCHITECTURE_FACTS,
    Architecture,
    Span,
    fixed,
    resolve_architecture,
)
from speclint.domain.catalog import catalog_note
from speclint.domain.facts import DTYPE_BYTES, PARALLEL_DEGREES, Fact, FactSet
from speclint.domain.hardware import Hardware, resolve_hardware
from speclint.patterns import lazy_compile
from speclint.quantity.exact import ceiling, floor
from speclint.settings import Efficiency, Settings

#: A quantisation method's name: its checkpoints keep a 16-bit ``dtype`` for activations.
QUANT_METHOD = lazy_compile(r"(?i)\b(?:awq|gptq|marlin|exl2|bitsandbytes|bnb|gguf|nf4)\b")


@dataclass(frozen=True)
class Quantity:
    """A derived value in base units (params, bytes, FLOP, tokens/s, s) as a range."""

    name: str
    low: Fraction
    high: Fraction
    unit: str
    formula: str
    inputs: tuple[Fact, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        note = catalog_note(self.inputs)
        if note and note not in self.formula:
            object.__setattr__(self, "formula", self.formula + note)

    @property
    def point(self) -> Fraction:
        return self.high if self.low == self.high else (self.low + self.high) / 2


@dataclass
class Deployment:
    """A document's model, numerics, hardware, layout and workload, as far as it states them."""

    facts: FactSet
    hardware: Hardware
    settings: Settings
    used: dict[str, Fact] = field(default_factory=dict)

    # ---- facts -------------------------------------------------------------------------------

    def _count(self, name: str) -> Fraction | None:
        fact = self.facts.get(name)
        if fact is None or not isinstance(fact.value, Fraction):
            return None
        if fact.aside and name in PARALLEL_DEGREES:
            return None  # "TP=2 numbers will follow in a separate report": no layout of this one
        return Fraction(fact.value)

    def _inputs(self, *names: str) -> tuple[Fact, ...]:
        found = [self.facts.get(n) for n in names]
        return tuple(f for f in found if f is not None)

    @cached_property
    def arch(self) -> Architecture | None:
        """The model's architecture, or None without layers, hidden size and heads."""
        return resolve_architecture(self.facts)

    def arch_inputs(self) -> tuple[Fact, ...]:
        return self._inputs(*ARCHITECTURE_FACTS)

    # ---- parameters --------------------------------------------------------------------------

    def _params(self, name: str, active: bool, why: str, vocab: bool = True) -> Quantity | None:
        """A parameter count with every expert or the ``active`` ones; without ``vocab`` the
        vocabulary may be unknown (the low end, which leaves embeddings out, is then still
        right)."""
        a = self.arch
        layers = a.layers_params(active) if a is not None else None
        if layers is None or a is None or (vocab and a.vocab is None):
            return None
        span = layers + a.embedding_params()
        return Quantity(name, span.low, span.high, "params", why, self.arch_inputs(),
                        "from non-embedding weights only up to every weight with norms, "
                        "router and embeddings")  # fmt: skip

    @cached_property
    def total_params(self) -> Quantity | None:
        a = self.arch
        if a is None:
            return None
        return self._params("total parameters", False, a.params_formula(total=True))

    @cached_property
    def non_embedding_params(self) -> Quantity | None:
        """Every weight but the embedding and LM-head matrices (with or without the norms)."""
        a = self.arch
        layers = a.layers_params(False) if a is not None else None
        if layers is None or a is None:
            return None
        why = a.params_formula(total=True, embeddings=False)
        return Quantity("non-embedding parameters", layers.low, layers.high, "params", why,
                        self.arch_inputs(), "with or without the norms")  # fmt: skip

    @cached_property
    def active_params(self) -> Quantity | None:
        a = self.arch
        if a is None or a.experts is None:
            return None
        return self._params("active parameters", True, a.params_formula(total=False))

    # ---- bytes -------------------------------------------------------------------------------

    @cached_property
    def expert_params(self) -> Quantity | None:
        """Parameters of one expert of one MoE layer: gated 3 or plain 2 matrices of hidden
        size × expert width."""
        h, E = self._count("hidden_size"), self._count("experts")
        f_e = self._count("expert_ffn_size") or (self._count("ffn_size") if E else None)
        if h is None or f_e is None:
            return None
        gated = self.facts.value("gated")
        either = Span(Fraction(2), Fraction(3))
        mlp = fixed(3) if gated is True else fixed(2) if gated is False else either
        matrices = {(3, 3): "3 (gated: gate, up, down)", (2, 2): "2 (up, down)"}.get(
            (int(mlp.low), int(mlp.high)), "2–3"
        )
        formula = f"{matrices} matrices × {h} hidden × {f_e} expert width"
        inputs = self._inputs("hidden_size", "expert_ffn_size", "ffn_size", "experts", "gated")
        return Quantity("one expert's parameters", mlp.low * h * f_e, mlp.high * h * f_e,
                        "params", formula, inputs)  # fmt: skip

    @cached_property
    def weight_bytes(self) -> tuple[Fraction, Fact] | None:
        """Bytes per weight: the stated precision's; when the statements name several
        precisions of one width (``torch_dtype: float16`` and ``--dtype bfloat16``), that
        width, with the first statement as its source."""
        fact = self.facts.get("weight_dtype")
        if fact is not None and _supposed(fact):
            return None  # "FP8 weights would halve it", in a section of alternatives: no plan
        if fact is not None:
            value = str(fact.value)
            quantised = self._quantised
            if fact.source == "config" and DTYPE_BYTES.get(value, 0) >= 2 and quantised:
                # "dtype: float16" of an AWQ int4 checkpoint: the activations', not the weights'
                return DTYPE_BYTES[str(quantised.value)], quantised
            if fact.source == "config" and DTYPE_BYTES.get(value, 0) >= 2 and self._narrower:
                return None  # the published checkpoint's bf16 beside "FP8 weights": which?
            return (DTYPE_BYTES[value], fact) if value in DTYPE_BYTES else None
        stated = [f for f in self.facts.facts.get("weight_dtype") or [] if not _supposed(f)]
        stated = [f for f in stated if not f.aside] or stated
        widths = {DTYPE_BYTES.get(str(f.value)) for f in stated}
        if len(widths) != 1 or None in widths:
            return None
        return widths.pop(), stated[0]  # type: ignore[return-value]

    @property
    def _narrower(self) -> bool:
        """The prose states weights under 16 bits (``serve … with FP8 weights``), not as an
        aside or a supposition."""
        return any(
            f.source != "config"
            and not f.aside
            and not _supposed(f)
            and DTYPE_BYTES.get(str(f.value), 2) < 2
            for f in self.facts.facts.get("weight_dtype", [])
        )

    @property
    def _quantised(self) -> Fact | None:
        """The weight precision under 16 bits a statement gives with a quantisation method's
        name (``AWQ int4 weights``, ``GPTQ 4-bit``): a 16-bit ``dtype`` key is then the
        activations'. ``None`` when there is no such statement or they disagree."""
        found = [
            f
            for f in self.facts.facts.get("weight_dtype", [])
            if not f.aside and DTYPE_BYTES.get(str(f.value), 2) < 2 and QUANT_METHOD.search(f.text)
        ]
        return found[0] if len({str(f.value) for f in found}) == 1 else None

    @cached_property
    def kv_bytes(self) -> tuple[Span, tuple[Fact, ...]] | None:
        """Bytes per KV element: the stated KV precision's; else the weights' (8 or 16 bit
        under weights narrower than 16 bit). A precision said only in an aside (``a future FP8
        KV cache``) widens the weights' span instead of replacing it."""
        fact = self.facts.get("kv_dtype")
        stated = fact is not None and str(fact.value) in DTYPE_BYTES
        if fact is not None and stated and not fact.aside:
            b = DTYPE_BYTES[str(fact.value)]
            return Span(b, b), (fact,)
        weights = self.weight_bytes
        if weights is None:
            if fact is None or not stated:
                return None
            b = DTYPE_BYTES[str(fact.value)]
            return Span(b, b), (fact,)
        # fp8 or int4 weights: a KV cache of 8 or 16 bits (4-bit weights do not make it 4-bit)
        low, high = max(weights[0], Fraction(1)), max(weights[0], Fraction(2))
        if fact is not None and stated:
            aside = DTYPE_BYTES[str(fact.value)]
            low, high = min(low, aside), max(high, aside)
        return Span(low, high), (weights[1],)

    def degree(self, name: str) -> Fraction | None:
        """A parallel degree; 1 when unstated but another degree is stated (except EP for an
        MoE model, whose default differs between engines); ``None`` when its statements
        disagree."""
        value = self._count(name)
        if value is not None:
            return value
        if self.facts.facts.get(name):
            return None  # "TP=8 … vs TP=4 × PP=2": stated, with values that disagree
        stated = any(self._count(n) is not None for n in PARALLEL_DEGREES)
        if name == "ep":
            return None
        return Fraction(1) if stated else None

    @property
    def layout_unsure(self) -> bool:
        """Whether the document states a TP or PP degree with values that disagree (two
        layouts weighed): no figure per GPU can be computed for it."""
        return any(self.facts.facts.get(n) and self.degree(n) is None for n in ("tp", "pp"))

    @cached_property
    def total_weight_bytes(self) -> Quantity | None:
        params, weights = self.total_params, self.weight_bytes
        if params is None or weights is None:
            return None
        b, fact = weights
        return Quantity("weight bytes (whole model)", params.low * b, params.high * b, "bytes",
                        f"total parameters × {b} bytes ({fact.value})",
                        (*params.inputs, fact))  # fmt: skip

    def weights_in(self, dtype: str, said: Fact) -> Quantity | None:
        """The whole model's weights in ``dtype`` (named where ``said`` is). A format under
        16 bits allows a quarter more: quantisation scales and layers kept in 16 bit."""
        params = self.total_params
        if params is None or dtype not in DTYPE_BYTES:
            return None
        b = DTYPE_BYTES[dtype]
        slack = Fraction(5, 4) if b < 2 else Fraction(1)
        formula = f"total parameters × {float(b):g} bytes ({dtype})"
        if slack != 1:
            formula += ", up to 25 % more for scales and 16-bit layers"
        return Quantity(f"weight bytes (whole model, {dtype})", params.low * b,
                        params.high * b * slack, "bytes", formula,
                        (*params.inputs, said))  # fmt: skip

    def per_gpu_weights(self, part: str) -> Quantity | None:
        """Weight bytes one GPU holds of ``part``: attention, experts, embeddings or all."""
        a, weights = self.arch, self.weight_bytes
        tp, pp = self.degree("tp"), self.degree("pp")
        if a is None or weights is None or tp is None or pp is None:
            return None
        b, dtype = weights
        layers = Span(floor(a.layers / pp), ceiling(a.layers / pp))
        inputs = [*self._inputs("layers", "hidden_size", "heads", "kv_heads", "tp", "pp"), dtype]
        if part == "attention":
            attn = a.attention_params()
            if attn is None or a.mla is not None:
                return None
            h, d_h = a.hidden, a.head_dim
            qo = 2 * h * a.heads * d_h / tp
            kv = Span(
                2 * h * d_h * max(a.kv_heads.low / tp, Fraction(1)),
                2 * h * d_h * max(a.kv_heads.high / tp, Fraction(1)),
            )
            per_layer = Span(qo + kv.low, qo + kv.high)
            span = Span(per_layer.low * layers.low, per_layer.high * layers.high) * b
            formula = (
                f"attention weights {_span_text(attn)} per layer ÷ TP {tp} × "
                f"{_span_text(layers)} layers (L {a.layers} ÷ PP {pp}) × {b} bytes"
            )
            return Quantity("attention weights per GPU", span.low, span.high, "bytes", formula,
                            tuple(inputs))  # fmt: skip
        if part == "experts":
            ep, e = self.degree("ep"), a.experts
            if e is None or ep is None:
                return None
            moe_layers = Span(floor(e.layers / pp), ceiling(e.layers / pp))
            per_expert = a.mlp_matrices * (a.hidden * e.ffn)
            local = e.count / ep
            high = per_expert.high * local * moe_layers.high * b
            low = per_expert.low * local * moe_layers.low * b / tp
            formula = (f"{local} experts ({e.count} ÷ EP {ep}) × {_span_text(per_expert)} params × "
                       f"{_span_text(moe_layers)} MoE layers (÷ PP {pp}) × {b} bytes, "
                       f"÷ TP {tp} if experts are also tensor-parallel")  # fmt: skip
            inputs += self._inputs("experts", "expert_ffn_size", "ep", "gated")
            return Quantity("expert weights per GPU", low, high, "bytes", formula, tuple(inputs))
        if part == "weights":
            params = self.total_params
            if params is None or a.experts is not None or a.vocab is None:
                return None  # dense models only: expert placement needs the EP convention
            shard = tp * pp
            high = params.high * b / shard + a.vocab * a.hidden * b / tp
            formula = (
                f"total parameters {_span_text(Span(params.low, params.high))} × {b} bytes ÷ "
                f"(TP {tp} × PP {pp}), plus up to one embedding matrix ÷ TP on an end stage"
            )
            if b < 2:  # a quantised checkpoint keeps its embeddings and LM head in 16 bit
                matrices = 1 if a.tied is True else 2
                high += matrices * a.vocab * a.hidden * (2 - b) / tp
                formula += "; the embeddings and LM head may stay in 16 bit"
            inputs += list(params.inputs)
            return Quantity("weights per GPU", params.low * b / shard, high, "bytes", formula,
                            tuple(dict.fromkeys(inputs)))  # fmt: skip
        if part == "embeddings":
            if a.vocab is None:
                return None
            one = a.vocab * a.hidden * b / tp
            high = one * (2 if a.tied is not True and pp == 1 else 1)
            formula = f"{a.vocab} × {a.hidden} ÷ TP {tp} × {b} bytes per embedding matrix"
            inputs += self._inputs("vocab", "tied")
            return Quantity("embedding weights per GPU", one, high, "bytes", formula,
                            tuple(inputs))  # fmt: skip
        return None

    def training_states(self, part: str) -> Quantity | None:
        """Mixed-precision Adam state bytes per GPU (domain-math reference 1.3): weights 2 B,
        gradients 2–4 B, fp32 master weights and two moments 12 B per parameter, sharded over
        DP by ZeRO stage 1 (optimizer), 2 (+ gradients) or 3 (+ weights), and over TP × PP.
        ``part`` is "optimizer" or "model states"."""
        params, zero = self.total_params, self._count("zero_stage")
        tp, pp, dp = self.degree("tp"), self.degree("pp"), self.degree("dp")
        if params is None or tp is None or pp is None or dp is None or not self.adam:
            return None
        stage = int(zero) if zero is not None else 0
        if stage > 3:
            return None
        if stage >= 1 and self._count("dp") is None:
            dp = self._sharded_over(tp * pp)
            if dp is None:
                return None  # "FSDP over 64 GPUs" with no DP degree: over how many is unsure
        shard = tp * pp
        opt = Fraction(12) / (dp if stage >= 1 else 1)
        inputs = (*params.inputs, *self._inputs("tp", "pp", "dp", "zero_stage"), self.adam)
        if part == "optimizer":
            low, high = params.low * opt / shard, params.high * opt / shard
            formula = f"12 B/param (fp32 master weights + Adam moments){_per(stage, 1, dp)}"
            name = "optimizer states per GPU"
        else:
            grads = Span(Fraction(2), Fraction(4)) * (Fraction(1, dp) if stage >= 2 else 1)
            weights = Fraction(2) / (dp if stage >= 3 else 1)
            low = params.low * (weights + grads.low + opt) / shard
            high = params.high * (weights + grads.high + opt) / shard
            formula = (
                f"(2 B weights{_per(stage, 3, dp)} + 2–4 B gradients{_per(stage, 2, dp)} + "
                f"12 B optimizer{_per(stage, 1, dp)}) per param"
            )
            name = "model states per GPU"
        formula += f" × total parameters ÷ (TP {tp} × PP {pp}), ZeRO stage {stage}"
        return Quantity(name, low, high, "bytes", formula, inputs)

    def _sharded_over(self, model_parallel: Fraction) -> Fraction | None:
        """The data-parallel degree the document's one GPU count gives (its GPUs ÷ TP × PP),
        when no DP degree is stated."""
        gpus = self._count("gpu_count")
        if gpus is None or gpus % model_parallel:
            return None
        return gpus / model_parallel

    @cached_property
    def adam(self) -> Fact | None:
        return self.facts.get("optimizer")

    @cached_property
    def kv_shape(self) -> KVShape | None:
        """What the KV cache per token needs: layers and either the MLA latent (kv_lora_rank +
        rope dim) or the KV heads and head dim (from hidden size ÷ heads when unstated). The
        rest of the architecture may be missing."""
        L = self._count("layers")
        if L is None:
            return None
        kv_lora, rope = self._count("kv_lora_rank"), self._count("qk_rope_head_dim")
        if kv_lora is not None:
            return None if rope is None else KVShape(L, fixed(1), Fraction(0), kv_lora + rope)
        n_q, h, d_h = self._count("heads"), self._count("hidden_size"), self._count("head_dim")
        if d_h is None and n_q is not None and h is not None and h % n_q == 0:
            d_h = h / n_q
        n_kv, attention = self._count("kv_heads"), self.facts.value("attention")
        if n_kv is not None:
            kv = fixed(n_kv)
        elif n_q is not None and attention == "MHA":
            kv = fixed(n_q)
        elif attention == "MQA":
            kv = fixed(1)
        elif n_q is not None:
            kv = Span(Fraction(1), n_q)
        else:
            return None
        return None if d_h is None else KVShape(L, kv, Fraction(d_h), None)

    @cached_property
    def kv_per_token(self) -> list[Quantity]:
        """KV-cache bytes per token: for the whole model, and per GPU under TP and PP."""
        return self.kv_per_token_at(self.kv_bytes)

    def kv_before(self, line: int) -> list[Quantity]:
        """KV bytes per token as a figure on ``line`` may mean them: a KV precision the
        document only states after that line (a change: "we then shipped fp8 KV") may not
        hold for it yet, so the weights' precision (else 16 bits) is a reading too."""
        stated = self.facts.facts.get("kv_dtype", [])
        if not stated or any(f.line <= line for f in stated):
            return self.kv_per_token
        weights = self.weight_bytes  # else the 16-bit KV cache engines default to
        b, facts = (weights[0], (weights[1],)) if weights is not None else (Fraction(2), ())
        earlier = self.kv_per_token_at((Span(b, b), facts))
        return [*self.kv_per_token, *earlier]

    def kv_per_token_at(
        self,
        kv: tuple[Span, tuple[Fact, ...]] | None,
        degrees: tuple[Fraction, Fraction] | None = None,
    ) -> list[Quantity]:
        """KV-cache bytes per token at ``kv`` bytes per element (with the facts it came from),
        for the whole model and per GPU under the document's TP and PP, or under ``degrees``
        (TP, PP) when given."""
        a = self.kv_shape
        if a is None or kv is None:
            return []
        b, b_inputs = kv
        L, d_h = a.layers, a.head_dim
        inputs = (*self._inputs("layers", "heads", "kv_heads", "head_dim", "hidden_size",
                                "attention", "kv_lora_rank", "qk_rope_head_dim"),
                  *b_inputs)  # fmt: skip
        if a.latent is not None:
            per_layer = fixed(a.latent)
            rank, rope = self._count("kv_lora_rank"), self._count("qk_rope_head_dim")
            shape = f"({rank} + {rope}) latent (MLA: one latent, no separate K and V)"
        else:
            per_layer = Span(2 * a.kv_heads.low * d_h, 2 * a.kv_heads.high * d_h)
            shape = f"2 (K and V) × {_span_text(a.kv_heads)} KV heads × {d_h} head dim"
        whole = Span(per_layer.low * L * b.low, per_layer.high * L * b.high)
        out = [Quantity("KV cache per token", whole.low, whole.high, "bytes",
                        f"{shape} × {L} layers × {_span_text(b)} bytes", inputs)]  # fmt: skip
        tp, pp = degrees or (self.degree("tp"), self.degree("pp"))
        if tp is not None and pp is not None and tp * pp > 1:
            layers = Span(floor(L / pp), ceiling(L / pp))
            if a.latent is not None:
                heads = Span(Fraction(1), Fraction(1))
                local = per_layer
            else:
                heads = Span(
                    max(a.kv_heads.low / tp, Fraction(1)), max(a.kv_heads.high / tp, Fraction(1))
                )
                local = Span(2 * heads.low * d_h, 2 * heads.high * d_h)
            low = local.low * layers.low * b.low
            high = local.high * layers.high * b.high
            out.append(Quantity("KV cache per token per GPU", low, high, "bytes",
                                f"2 × {_span_text(heads)} KV heads (÷ TP {tp}) × {d_h} × "
                                f"{_span_text(layers)} layers (÷ PP {pp}) × {_span_text(b)} bytes",
                                (*inputs, *self._inputs("tp", "pp"))))  # fmt: skip
        return out

    # ---- compute and bounds --------------------------------------------------------------------

    @cached_property
    def min_active_params(self) -> Quantity | None:
        """Weights every token must use: its ``low`` end counts active, non-embedding weights."""
        a = self.arch
        if a is None:
            return self._stated_params()
        dense = a.experts is None
        name = "total parameters" if dense else "active parameters"
        return self._params(name, True, a.params_formula(total=dense), vocab=False)

    def _stated_params(self) -> Quantity | None:
        """Without the architecture, the parameter count the document states: the active
        count of an MoE model, the total of a dense one, read 5 % low (a marketing size)."""
        # stated at all, even with two values ("256 experts" here, "128 experts" for another model)
        moe = bool(self.facts.facts.get("experts") or self.facts.facts.get("top_k"))
        fact = self.facts.get("active_params" if moe else "param_count")
        if fact is None or not isinstance(fact.value, Fraction):
            return None
        value = Fraction(fact.value)
        low = value * (1 - _MARKETING_ROUNDING)
        name = "active parameters" if moe else "total parameters"
        formula = f"{_num(value)} parameters as stated (read 5 % low for a rounded size)"
        return Quantity(name, low, value, "params", formula, (fact,))

    @cached_property
    def training_time(self) -> tuple[Quantity, bool] | None:
        """Training wall-clock time = 6 · N · D ÷ (GPUs × peak FLOPS × MFU) (domain-math 1.7),
        with N the total (dense) or active (MoE) parameters and D the training tokens; and
        whether the MFU is the document's (else the time is at 100 % of peak)."""
        # the document's own N first: 6·N·D counts every weight, the architecture gives a range
        params = self._stated_params() or self.active_params or self.total_params
        tokens, gpus, flops = self.facts.get("training_tokens"), self.gpus(), self.hardware.flops
        if params is None or tokens is None or gpus is None or flops is None:
            return None
        mfu = self.facts.get("mfu")
        value = mfu.value if mfu is not None else None
        share = Fraction(value) if isinstance(value, Fraction) and 0 < value <= 1 else Fraction(1)
        D, n_gpus = Fraction(tokens.value), gpus[0]
        rate = n_gpus * flops.value * share
        stated = params.inputs[:1] and params.inputs[0].name in ("param_count", "active_params")
        n_low = params.high if stated else params.low  # the document's own N, not read low
        low, high = 6 * n_low * D / rate, 6 * params.high * D / rate
        efficiency = f"MFU {_num(share * 100)} % (line {mfu.line})" if mfu else "100 % of peak"
        share = Fraction(share)
        formula = (
            f"6 × {_span_text(Span(n_low, params.high))} params × {_num(D)} tokens ÷ "
            f"({_num(n_gpus)} GPUs × {_num(flops.value / 10**12)} TFLOPS × {efficiency})"
        )
        inputs = (*params.inputs[:3], tokens, *gpus[1], *((mfu,) if mfu else ()))
        return Quantity("training time", low, high, "s", formula, inputs), mfu is not None

    def gpus(self) -> tuple[Fraction, tuple[Fact, ...]] | None:
        """GPUs in the system: the stated count, else the product of the stated degrees (EP
        shares GPUs with DP and TP, so it only counts when it is larger)."""
        fact = self.facts.get("gpu_count")
        if fact is not None:
            return Fraction(fact.value), (fact,)
        degrees = {n: self.facts.get(n) for n in PARALLEL_DEGREES}
        stated = [f for f in degrees.values() if f is not None]
        if not stated or any(f is None and self.facts.facts.get(n) for n, f in degrees.items()):
            return None  # a degree stated twice over: their product is no GPU count
        product = Fraction(1)
        for f in stated:
            if f.name != "ep":
                product *= Fraction(f.value)
        ep = self._count("ep")
        if ep is not None and ep > product:
            product = ep  # experts are spread over the data- and tensor-parallel GPUs
        return product, tuple(stated)

    def most_gpus(self) -> tuple[Fraction, tuple[Fact, ...]] | None:
        """The largest GPU count the document states, when it states several (the most
        generous reading of a system total)."""
        stated = self.facts.facts.get("gpu_count") or []
        if not stated:
            return None
        fact = max(stated, key=lambda f: Fraction(f.value))
        return Fraction(fact.value), (fact,)

    @cached_property
    def one_gpu_replica(self) -> bool:
        """Whether one GPU serves a replica by default: the document states no GPU count and
        no parallel degree, and the whole model fits in one device's memory (the default of
        every serving engine: tensor parallelism 1)."""
        if self.facts.get("gpu_count") is not None or self.facts.facts.get("gpu_count"):
            return False
        if any(self.facts.facts.get(n) for n in PARALLEL_DEGREES):
            return False
        params, weights, memory = self._all_params(), self.weight_bytes, self.hardware.memory
        if params is None or weights is None or memory is None:
            return False
        return params * weights[0] <= memory.value

    def _all_params(self) -> Fraction | None:
        """Every weight of the model: the architecture's high end, else the stated count."""
        if self.total_params is not None:
            return self.total_params.high
        stated = self.facts.get("param_count")
        return Fraction(stated.value) if stated is not None else None

    def replica_gpus(self) -> Fraction | None:
        """GPUs of one model replica: TP × PP (× EP beyond TP) when a degree is stated, else
        the stated GPU count, else one when the model fits one GPU (``one_gpu_replica``)."""
        if not any(self._count(n) is not None for n in PARALLEL_DEGREES if n not in ("dp", "cp")):
            gpus = self.gpus()
            if gpus is None and self.one_gpu_replica:
                return Fraction(1)
            return gpus[0] if gpus is not None else None
        tp, pp = self.degree("tp") or Fraction(1), self.degree("pp") or Fraction(1)
        return tp * pp * self._ep_beyond(tp)

    def _ep_beyond(self, tp: Fraction) -> Fraction:
        """How many times EP spans the TP group: experts are split over the GPUs of the
        attention's TP group first (``TP=8, EP=8`` is eight GPUs, not 64)."""
        ep = self._count("ep") or Fraction(1)
        return ep / tp if ep > tp and ep % tp == 0 else Fraction(1)

    def _ep_sharing(self, tp: Fraction) -> Fraction:
        """What EP multiplies the GPUs sharing one step by: EP itself when TP × EP × PP fits
        the document's GPUs (``EP=4, TP=4, PP=2`` on 32 GPUs), else only EP beyond the TP
        group (``TP=8, EP=8`` on one 8-GPU node)."""
        ep = self.degree("ep") or Fraction(1)
        gpus = self.gpus()
        if gpus is not None and tp * ep * (self.degree("pp") or 1) > gpus[0]:
            return self._ep_beyond(tp)
        return ep

    def prefill_gpus(self) -> Fraction | None:
        """GPUs that can split one prompt: TP × EP × CP (pipeline stages run in turn)."""
        tp = self.degree("tp")
        if tp is None:
            return None
        return tp * self._ep_sharing(tp) * (self.degree("cp") or 1)

    def decode_gpus(self) -> Fraction | None:
        """GPUs that share one decode step: TP × EP."""
        tp = self.degree("tp")
        return None if tp is None else tp * self._ep_sharing(tp)

    def efficiency(self, name: str) -> tuple[Fraction, str]:
        """The document's stated MFU or bandwidth utilisation, else the configured prior."""
        fact = self.facts.get(_EFFICIENCY_FACTS.get(name, name))
        if fact is not None and isinstance(fact.value, Fraction) and 0 < fact.value <= 1:
            return Fraction(fact.value), f"line {fact.line}"
        value = getattr(self.settings.efficiency, name)
        return value, "default" if value == getattr(Efficiency(), name) else "configured"

    def experts_touched(self, batch: Fraction) -> Fraction | None:
        """Expected distinct experts per MoE layer at a decode batch (uniform routing)."""
        e = self.arch.experts if self.arch is not None else None
        if e is None:
            return None
        E, k = e.count, e.top_k
        return E * (1 - (1 - k / E) ** int(min(batch, Fraction(4096))))


#: The stated fact an efficiency setting yields to: a document's MFU is its prefill's too.
_EFFICIENCY_FACTS = {"prefill_mfu": "mfu"}
#: How far a stated parameter count may be a rounded ("marketing") size.
_MARKETING_ROUNDING = Fraction(5, 100)


@dataclass(frozen=True)
class KVShape:
    """What the KV cache per token depends on: layers, and the KV heads and head dim, or the
    MLA latent width (kv_lora_rank + rope dim, one vector for K and V)."""

    layers: Fraction
    kv_heads: Span
    head_dim: Fraction
    latent: Fraction | None


def _per(stage: int, needed: int, dp: Fraction) -> str:
    return f" ÷ DP {dp}" if stage >= needed else ""


def _span_text(span: Span) -> str:
    if span.low == span.high:
        return _num(span.low)
    return f"{_num(span.low)}–{_num(span.high)}"


def _num(x: Fraction) -> str:
    if x == int(x):
        return f"{int(x):,}"
    return f"{float(x):.4g}"


def build_deployment(facts: FactSet, settings: Settings, table: Mapping[str, Any]) -> Deployment:
    """The deployment a document describes, with hardware from its statements or the catalog."""
    dtype = facts.value("weight_dtype")
    fp8 = isinstance(dtype, str) and DTYPE_BYTES.get(dtype, 2) <= 1
    return Deployment(facts, resolve_hardware(facts, table, fp8=fp8), settings)


def _supposed(fact: Fact) -> bool:
    """A fact only an alternative supposes: in an aside, in a sentence that supposes it."""
    return fact.aside and fact.hypothetical is True
