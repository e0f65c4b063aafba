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
from functools import cached_property
from typing import Any

from sympy import Integer, Rational, ceiling, floor

from speclint.domain.facts import DTYPE_BYTES, PARALLEL_DEGREES, Fact, FactSet
from speclint.domain.hardware import Hardware, resolve_hardware
from speclint.settings import Efficiency, Settings


@dataclass(frozen=True)
class Quantity:
    """A derived value in base units (params, bytes, FLOP, tokens/s, s) as a range."""

    name: str
    low: Rational
    high: Rational
    unit: str
    formula: str
    inputs: tuple[Fact, ...] = ()
    note: str = ""

    @property
    def point(self) -> Rational:
        return self.high if self.low == self.high else (self.low + self.high) / 2


@dataclass(frozen=True)
class Span:
    """An exact range of an intermediate count (a convention-dependent sum)."""

    low: Rational
    high: Rational

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def __mul__(self, k: Rational | int) -> Span:
        return Span(self.low * k, self.high * k)

    __rmul__ = __mul__


def _fixed(x: Rational | int) -> Span:
    return Span(Rational(x), Rational(x))


@dataclass
class Deployment:
    """A document's model, numerics, hardware, layout and workload, as far as it states them."""

    facts: FactSet
    hardware: Hardware
    settings: Settings
    used: dict[str, Fact] = field(default_factory=dict)

    # ---- facts -------------------------------------------------------------------------------

    def _count(self, name: str) -> Rational | None:
        fact = self.facts.get(name)
        if fact is None or not isinstance(fact.value, Rational | Integer):
            return None
        return Rational(fact.value)

    def _inputs(self, *names: str) -> tuple[Fact, ...]:
        found = [self.facts.get(n) for n in names]
        return tuple(f for f in found if f is not None)

    @cached_property
    def arch(self) -> dict[str, Any] | None:
        """Resolved architecture numbers, or None without layers, hidden size and heads."""
        L, h, n_q = self._count("layers"), self._count("hidden_size"), self._count("heads")
        if L is None or h is None or n_q is None:
            return None
        d_h = self._count("head_dim")
        if d_h is None:
            if h % n_q:
                return None
            d_h = h / n_q
        n_kv = self._count("kv_heads")
        attention = self.facts.value("attention")
        if n_kv is not None:
            kv = Span(n_kv, n_kv)
        elif attention == "MHA":
            kv = Span(n_q, n_q)
        elif attention == "MQA":
            kv = Span(Integer(1), Integer(1))
        else:
            kv = Span(Integer(1), n_q)
        E = self._count("experts")
        f = self._count("ffn_size")
        f_e = self._count("expert_ffn_size")
        if E is not None and f_e is None:
            f_e = f
        if E is None and f is None:
            return None
        if E is not None and f_e is None:
            return None
        k = self._count("top_k")
        if E is not None and (k is None or k > E):
            return None
        dense_layers = self._count("dense_layers") or Integer(0)
        if E is None:
            dense_layers = L
        gated = self.facts.value("gated")
        mlp_factor = Span(3, 3) if gated is True else Span(2, 2) if gated is False else Span(2, 3)
        tied = self.facts.value("tied")
        V = self._count("vocab")
        return {
            "L": L, "h": h, "n_q": n_q, "d_h": d_h, "kv": kv, "E": E, "k": k, "f": f,
            "f_e": f_e, "S": self._count("shared_experts") or Integer(0),
            "f_s": self._count("shared_ffn_size") or f_e, "dense": dense_layers,
            "moe": L - dense_layers, "mlp": mlp_factor, "tied": tied, "V": V,
            "kv_lora": self._count("kv_lora_rank"), "q_lora": self._count("q_lora_rank"),
            "rope": self._count("qk_rope_head_dim"), "nope": self._count("qk_nope_head_dim"),
            "v_head": self._count("v_head_dim"),
        }  # fmt: skip

    def arch_inputs(self) -> tuple[Fact, ...]:
        names = (
            "layers", "hidden_size", "heads", "kv_heads", "head_dim", "ffn_size",
            "expert_ffn_size", "experts", "shared_experts", "top_k", "dense_layers", "vocab",
            "tied", "gated", "attention", "kv_lora_rank", "q_lora_rank",
        )  # fmt: skip
        return self._inputs(*names)

    # ---- parameters --------------------------------------------------------------------------

    def _attention(self) -> Span | None:
        a = self.arch
        assert a is not None
        h, n_q, d_h = a["h"], a["n_q"], a["d_h"]
        if a["kv_lora"] is not None:
            if a["rope"] is None or a["nope"] is None or a["v_head"] is None:
                return None
            qk = a["nope"] + a["rope"]
            q_lora = a["q_lora"]
            q = q_lora * (h + n_q * qk) + q_lora if q_lora else h * n_q * qk
            kv = a["kv_lora"] * (h + n_q * (a["nope"] + a["v_head"])) + a["kv_lora"]
            kv += h * a["rope"]
            return _fixed(q + kv + n_q * a["v_head"] * h)
        qo = 2 * h * n_q * d_h
        return Span(qo + 2 * h * a["kv"].low * d_h, qo + 2 * h * a["kv"].high * d_h)

    def _layers_params(self, experts_counted: Rational | None) -> Span | None:
        """Parameters of all transformer layers (no embeddings); ``experts_counted`` is E for the
        total or k for the active count."""
        a = self.arch
        attn = self._attention()
        if a is None or attn is None:
            return None
        h, L = a["h"], a["L"]
        total = attn * L
        if a["dense"] and a["f"] is not None:
            total = total + a["mlp"] * (h * a["f"]) * a["dense"]
        elif a["dense"]:
            return None
        if a["E"] is not None:
            per_expert = a["mlp"] * (h * a["f_e"])
            shared = a["mlp"] * (h * a["f_s"]) * a["S"]
            router = Span(h * a["E"], h * a["E"] + a["E"])
            total = total + (per_expert * experts_counted + shared + router) * a["moe"]
        norms = Span(2 * h * L, 4 * h * L + 2 * h)
        return total + Span(Integer(0), norms.high)  # norms only in the high convention

    def _embeddings(self) -> Span:
        a = self.arch
        assert a is not None
        if a["V"] is None:
            return Span(Integer(0), Integer(0))
        one = a["V"] * a["h"]
        if a["tied"] is True:
            return Span(Integer(0), one)
        return Span(Integer(0), 2 * one)  # "non-embedding" counts leave both out

    def _params(
        self, name: str, experts_counted: Rational | None, why: str, vocab: bool = True
    ) -> Quantity | None:
        """A parameter count; without ``vocab`` the vocabulary may be unknown (the low end,
        which leaves embeddings out, is then still right)."""
        layers = self._layers_params(experts_counted)
        a = self.arch
        if layers is None or a is None or (vocab and a["V"] is None):
            return None
        span = layers + self._embeddings()
        return Quantity(name, span.low, span.high, "params", why, self.arch_inputs(),
                        "from non-embedding weights only up to every weight with norms, "
                        "router and embeddings")  # fmt: skip

    @cached_property
    def total_params(self) -> Quantity | None:
        a = self.arch
        if a is None:
            return None
        return self._params("total parameters", a["E"], self._params_formula(total=True))

    @cached_property
    def active_params(self) -> Quantity | None:
        a = self.arch
        if a is None or a["E"] is None:
            return None
        return self._params("active parameters", a["k"], self._params_formula(total=False))

    def _params_formula(self, total: bool) -> str:
        a = self.arch
        assert a is not None
        L, h = a["L"], a["h"]
        kv = a["kv"]
        kv_text = f"{kv.low}" if kv.low == kv.high else f"{kv.low}–{kv.high}"
        if a["kv_lora"] is not None:
            attn = "MLA attention"
        else:
            attn = f"attention 2·{h}·{a['n_q']}·{a['d_h']} + 2·{h}·{kv_text}·{a['d_h']}"
        mlp = {(3, 3): "3", (2, 2): "2", (2, 3): "2–3"}[(a["mlp"].low, a["mlp"].high)]
        parts = [f"{L} layers × ({attn}"]
        if a["E"] is None:
            parts.append(f" + MLP {mlp}·{h}·{a['f']})")
        else:
            n = a["E"] if total else a["k"]
            label = "experts" if total else "active experts"
            if a["dense"]:
                parts.append(f"); {a['dense']} dense layers × MLP {mlp}·{h}·{a['f']}")
                parts.append(f"; {a['moe']} MoE layers × ({n} {label} × {mlp}·{h}·{a['f_e']}")
            else:
                parts.append(f" + {n} {label} × {mlp}·{h}·{a['f_e']}")
            if a["S"]:
                parts.append(f" + {a['S']} shared × {mlp}·{h}·{a['f_s']}")
            parts.append(f" + router {h}·{a['E']})")
        if a["V"] is not None:
            times = "1" if a["tied"] is True else "2" if a["tied"] is False else "1–2"
            parts.append(f" + embeddings {times} × {a['V']}·{h}")
        return "".join(parts)

    # ---- bytes -------------------------------------------------------------------------------

    @cached_property
    def weight_bytes(self) -> tuple[Rational, Fact] | None:
        fact = self.facts.get("weight_dtype")
        if fact is None or str(fact.value) not in DTYPE_BYTES:
            return None
        return DTYPE_BYTES[str(fact.value)], fact

    @cached_property
    def kv_bytes(self) -> tuple[Span, tuple[Fact, ...]] | None:
        fact = self.facts.get("kv_dtype")
        if fact is not None and str(fact.value) in DTYPE_BYTES:
            b = DTYPE_BYTES[str(fact.value)]
            return Span(b, b), (fact,)
        weights = self.weight_bytes
        if weights is None:
            return None
        if weights[0] >= 2:
            return Span(weights[0], weights[0]), (weights[1],)
        return Span(weights[0], Integer(2)), (weights[1],)  # fp8/int4 weights: KV 8 or 16 bit

    def degree(self, name: str) -> Rational | None:
        """A parallel degree; 1 when unstated but another degree is stated (except EP for an
        MoE model, whose default differs between engines)."""
        value = self._count(name)
        if value is not None:
            return value
        stated = any(self._count(n) is not None for n in PARALLEL_DEGREES)
        if name == "ep":
            return None
        return Integer(1) if stated else None

    @cached_property
    def total_weight_bytes(self) -> Quantity | None:
        params, weights = self.total_params, self.weight_bytes
        if params is None or weights is None:
            return None
        b, fact = weights
        return Quantity("weight bytes (whole model)", params.low * b, params.high * b, "bytes",
                        f"total parameters × {b} bytes ({fact.value})",
                        (*params.inputs, fact))  # fmt: skip

    def per_gpu_weights(self, part: str) -> Quantity | None:
        """Weight bytes one GPU holds of ``part``: attention, experts, embeddings or all."""
        a, weights = self.arch, self.weight_bytes
        tp, pp = self.degree("tp"), self.degree("pp")
        if a is None or weights is None or tp is None or pp is None:
            return None
        b, dtype = weights
        layers = Span(floor(a["L"] / pp), ceiling(a["L"] / pp))
        inputs = [*self._inputs("layers", "hidden_size", "heads", "kv_heads", "tp", "pp"), dtype]
        if part == "attention":
            attn = self._attention()
            if attn is None or a["kv_lora"] is not None:
                return None
            h, d_h = a["h"], a["d_h"]
            qo = 2 * h * a["n_q"] * d_h / tp
            kv = Span(
                2 * h * d_h * max(a["kv"].low / tp, 1), 2 * h * d_h * max(a["kv"].high / tp, 1)
            )
            per_layer = Span(qo + kv.low, qo + kv.high)
            span = Span(per_layer.low * layers.low, per_layer.high * layers.high) * b
            formula = (
                f"attention weights {_span_text(attn)} per layer ÷ TP {tp} × "
                f"{_span_text(layers)} layers (L {a['L']} ÷ PP {pp}) × {b} bytes"
            )
            return Quantity("attention weights per GPU", span.low, span.high, "bytes", formula,
                            tuple(inputs))  # fmt: skip
        if part == "experts":
            ep = self.degree("ep")
            if a["E"] is None or ep is None:
                return None
            moe_layers = Span(floor(a["moe"] / pp), ceiling(a["moe"] / pp))
            per_expert = a["mlp"] * (a["h"] * a["f_e"])
            local = a["E"] / ep
            high = per_expert.high * local * moe_layers.high * b
            low = per_expert.low * local * moe_layers.low * b / tp
            formula = (f"{local} experts ({a['E']} ÷ EP {ep}) × {_span_text(per_expert)} params × "
                       f"{_span_text(moe_layers)} MoE layers (÷ PP {pp}) × {b} bytes, "
                       f"÷ TP {tp} if experts are also tensor-parallel")  # fmt: skip
            inputs += self._inputs("experts", "expert_ffn_size", "ep", "gated")
            return Quantity("expert weights per GPU", low, high, "bytes", formula, tuple(inputs))
        if part == "weights":
            params = self.total_params
            if params is None or a["E"] is not None or a["V"] is None:
                return None  # dense models only: expert placement needs the EP convention
            shard = tp * pp
            high = params.high * b / shard + a["V"] * a["h"] * b / tp
            formula = (
                f"total parameters {_span_text(Span(params.low, params.high))} × {b} bytes ÷ "
                f"(TP {tp} × PP {pp}), plus up to one embedding matrix ÷ TP on an end stage"
            )
            inputs += list(params.inputs)
            return Quantity("weights per GPU", params.low * b / shard, high, "bytes", formula,
                            tuple(dict.fromkeys(inputs)))  # fmt: skip
        if part == "embeddings":
            if a["V"] is None:
                return None
            one = a["V"] * a["h"] * b / tp
            high = one * (2 if a["tied"] is not True and pp == 1 else 1)
            formula = f"{a['V']} × {a['h']} ÷ TP {tp} × {b} bytes per embedding matrix"
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
        shard = tp * pp
        opt = Integer(12) / (dp if stage >= 1 else 1)
        inputs = (*params.inputs, *self._inputs("tp", "pp", "dp", "zero_stage"), self.adam)
        if part == "optimizer":
            low, high = params.low * opt / shard, params.high * opt / shard
            formula = f"12 B/param (fp32 master weights + Adam moments){_per(stage, 1, dp)}"
            name = "optimizer states per GPU"
        else:
            grads = Span(Integer(2), Integer(4)) * (Rational(1, dp) if stage >= 2 else 1)
            weights = Integer(2) / (dp if stage >= 3 else 1)
            low = params.low * (weights + grads.low + opt) / shard
            high = params.high * (weights + grads.high + opt) / shard
            formula = (
                f"(2 B weights{_per(stage, 3, dp)} + 2–4 B gradients{_per(stage, 2, dp)} + "
                f"12 B optimizer{_per(stage, 1, dp)}) per param"
            )
            name = "model states per GPU"
        formula += f" × total parameters ÷ (TP {tp} × PP {pp}), ZeRO stage {stage}"
        return Quantity(name, low, high, "bytes", formula, inputs)

    @cached_property
    def adam(self) -> Fact | None:
        return self.facts.get("optimizer")

    @cached_property
    def kv_per_token(self) -> list[Quantity]:
        """KV-cache bytes per token: for the whole model, and per GPU under TP and PP."""
        a, kv = self.arch, self.kv_bytes
        if a is None or kv is None:
            return []
        b, b_inputs = kv
        L = a["L"]
        inputs = (*self._inputs("layers", "heads", "kv_heads", "head_dim", "kv_lora_rank"),
                  *b_inputs)  # fmt: skip
        if a["kv_lora"] is not None:
            if a["rope"] is None:
                return []
            per_layer = _fixed(a["kv_lora"] + a["rope"])
            shape = f"({a['kv_lora']} + {a['rope']}) latent"
        else:
            per_layer = Span(2 * a["kv"].low * a["d_h"], 2 * a["kv"].high * a["d_h"])
            shape = f"2 × {_span_text(a['kv'])} KV heads × {a['d_h']}"
        whole = Span(per_layer.low * L * b.low, per_layer.high * L * b.high)
        out = [Quantity("KV cache per token", whole.low, whole.high, "bytes",
                        f"{shape} × {L} layers × {_span_text(b)} bytes", inputs)]  # fmt: skip
        tp, pp = self.degree("tp"), self.degree("pp")
        if tp is not None and pp is not None and tp * pp > 1:
            layers = Span(floor(L / pp), ceiling(L / pp))
            if a["kv_lora"] is not None:
                heads = Span(Integer(1), Integer(1))
                local = per_layer
            else:
                heads = Span(max(a["kv"].low / tp, 1), max(a["kv"].high / tp, 1))
                local = Span(2 * heads.low * a["d_h"], 2 * heads.high * a["d_h"])
            low = local.low * layers.low * b.low
            high = local.high * layers.high * b.high
            out.append(Quantity("KV cache per token per GPU", low, high, "bytes",
                                f"2 × {_span_text(heads)} KV heads (÷ TP {tp}) × {a['d_h']} × "
                                f"{_span_text(layers)} layers (÷ PP {pp}) × {_span_text(b)} bytes",
                                (*inputs, *self._inputs("tp", "pp"))))  # fmt: skip
        return out

    # ---- compute and bounds --------------------------------------------------------------------

    @cached_property
    def min_active_params(self) -> Quantity | None:
        """Weights every token must use: its ``low`` end counts active, non-embedding weights."""
        a = self.arch
        if a is None:
            return None
        counted = a["k"] if a["E"] is not None else None
        name = "active parameters" if a["E"] is not None else "total parameters"
        return self._params(name, counted, self._params_formula(a["E"] is None), vocab=False)

    def gpus(self) -> tuple[Rational, tuple[Fact, ...]] | None:
        """GPUs in the system: the stated count, else the product of the stated degrees."""
        fact = self.facts.get("gpu_count")
        if fact is not None:
            return Rational(fact.value), (fact,)
        degrees = [self.facts.get(n) for n in PARALLEL_DEGREES]
        stated = [f for f in degrees if f is not None]
        if not stated:
            return None
        product = Integer(1)
        for f in stated:
            product *= Rational(f.value)
        return product, tuple(stated)

    def prefill_gpus(self) -> Rational | None:
        """GPUs that can split one prompt: TP × EP × CP (pipeline stages run in turn)."""
        tp = self.degree("tp")
        if tp is None:
            return None
        return tp * (self.degree("ep") or 1) * (self.degree("cp") or 1)

    def efficiency(self, name: str) -> tuple[Rational, str]:
        """The document's stated MFU or bandwidth utilisation, else the configured prior."""
        fact = self.facts.get(name)
        if fact is not None and isinstance(fact.value, Rational | Integer) and 0 < fact.value <= 1:
            return Rational(fact.value), f"line {fact.line}"
        value = getattr(self.settings.efficiency, name)
        return value, "default" if value == getattr(Efficiency(), name) else "configured"

    def experts_touched(self, batch: Rational) -> Rational | None:
        """Expected distinct experts per MoE layer at a decode batch (uniform routing)."""
        a = self.arch
        if a is None or a["E"] is None:
            return None
        E, k = a["E"], a["k"]
        return E * (1 - (1 - k / E) ** int(min(batch, 4096)))


def _per(stage: int, needed: int, dp: Rational) -> str:
    return f" ÷ DP {dp}" if stage >= needed else ""


def _span_text(span: Span) -> str:
    if span.low == span.high:
        return _num(span.low)
    return f"{_num(span.low)}–{_num(span.high)}"


def _num(x: Rational) -> str:
    if x == int(x):
        return f"{int(x):,}"
    return f"{float(x):.4g}"


def build_deployment(facts: FactSet, settings: Settings, table: Mapping[str, Any]) -> Deployment:
    """The deployment a document describes, with hardware from its statements or the catalog."""
    dtype = facts.value("weight_dtype")
    fp8 = isinstance(dtype, str) and DTYPE_BYTES.get(dtype, 2) <= 1
    return Deployment(facts, resolve_hardware(facts, table, fp8=fp8), settings)
