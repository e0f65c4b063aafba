"""A model's shape, resolved once from the document's facts, and the parameter counts it implies
(domain-math reference, section 1.1).

Counts are exact Rationals. Where conventions differ (a gated MLP or not, MHA or GQA when the
KV heads are not stated) the shape holds a :class:`Span` and the counts are ranges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from speclint.domain.facts import FactSet


@dataclass(frozen=True)
class Span:
    """An exact range of an intermediate count (a convention-dependent sum)."""

    low: Fraction
    high: Fraction

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    def __mul__(self, k: Fraction | int) -> Span:
        return Span(self.low * k, self.high * k)

    __rmul__ = __mul__


def fixed(x: Fraction | int) -> Span:
    """The one-value span [x, x]."""
    return Span(Fraction(x), Fraction(x))


#: MLP matrices when it is unknown whether the MLP is gated.
_TWO_OR_THREE = Span(Fraction(2), Fraction(3))


@dataclass(frozen=True)
class Experts:
    """The mixture-of-experts part of a model."""

    count: Fraction  # E
    top_k: Fraction  # k, at most E
    ffn: Fraction  # FFN size of one expert (the dense FFN size when unstated)
    shared: Fraction  # always-active shared experts, 0 without
    shared_ffn: Fraction  # FFN size of a shared expert (the expert FFN size when unstated)
    layers: Fraction  # MoE layers: all layers but the dense ones


@dataclass(frozen=True)
class LatentAttention:
    """Multi-head latent attention (DeepSeek MLA): low-rank KV (and Q) projections."""

    kv_rank: Fraction
    q_rank: Fraction | None
    rope_dim: Fraction | None  # qk_rope_head_dim
    nope_dim: Fraction | None  # qk_nope_head_dim
    v_head_dim: Fraction | None


@dataclass(frozen=True)
class Architecture:
    """The transformer a document describes; ``None`` fields are not stated."""

    layers: Fraction  # L
    hidden: Fraction  # h
    heads: Fraction  # query heads
    head_dim: Fraction  # stated, else hidden ÷ heads
    kv_heads: Span  # stated; MHA: heads; MQA: 1; unknown attention: 1 to heads
    ffn: Fraction | None  # dense MLP FFN size
    dense_layers: Fraction  # all layers of a dense model
    mlp_matrices: Span  # 3 for a gated MLP (SwiGLU), 2 for a plain one, 2–3 when unstated
    tied: bool | None  # input and output embeddings shared
    vocab: Fraction | None
    experts: Experts | None  # None for a dense model
    mla: LatentAttention | None  # None for standard attention

    # ---- parameter counts ----------------------------------------------------------------------

    def attention_params(self) -> Span | None:
        """Parameters of one layer's attention; None for MLA without its head sizes."""
        h, n_q, d_h = self.hidden, self.heads, self.head_dim
        m = self.mla
        if m is not None:
            if m.rope_dim is None or m.nope_dim is None or m.v_head_dim is None:
                return None
            qk = m.nope_dim + m.rope_dim
            q = m.q_rank * (h + n_q * qk) + m.q_rank if m.q_rank else h * n_q * qk
            kv = m.kv_rank * (h + n_q * (m.nope_dim + m.v_head_dim)) + m.kv_rank
            kv += h * m.rope_dim
            return fixed(q + kv + n_q * m.v_head_dim * h)
        qo = 2 * h * n_q * d_h
        return Span(qo + 2 * h * self.kv_heads.low * d_h, qo + 2 * h * self.kv_heads.high * d_h)

    def layers_params(self, active: bool) -> Span | None:
        """Parameters of all transformer layers (no embeddings), with every expert or, when
        ``active``, the top-k routed ones."""
        attn = self.attention_params()
        if attn is None:
            return None
        h, L = self.hidden, self.layers
        total = attn * L
        if self.dense_layers and self.ffn is not None:
            total = total + self.mlp_matrices * (h * self.ffn) * self.dense_layers
        elif self.dense_layers:
            return None
        e = self.experts
        if e is not None:
            per_expert = self.mlp_matrices * (h * e.ffn)
            shared = self.mlp_matrices * (h * e.shared_ffn) * e.shared
            router = Span(h * e.count, h * e.count + e.count)
            counted = e.top_k if active else e.count
            total = total + (per_expert * counted + shared + router) * e.layers
        norms = Span(2 * h * L, 4 * h * L + 2 * h)
        return total + Span(Fraction(0), norms.high)  # norms only in the high convention

    def embedding_params(self) -> Span:
        """Embedding parameters: none (the "non-embedding" convention) up to both matrices."""
        if self.vocab is None:
            return Span(Fraction(0), Fraction(0))
        one = self.vocab * self.hidden
        if self.tied is True:
            return Span(Fraction(0), one)
        return Span(Fraction(0), 2 * one)

    def params_formula(self, total: bool, embeddings: bool = True) -> str:
        """How the parameter count is formed, with every expert (``total``) or the active ones,
        and with the ``embeddings`` or not."""
        L, h, d_h = self.layers, self.hidden, self.head_dim
        kv = self.kv_heads
        kv_text = f"{kv.low}" if kv.low == kv.high else f"{kv.low}–{kv.high}"
        if self.mla is not None:
            attn = "MLA attention"
        else:
            attn = f"attention 2·{h}·{self.heads}·{d_h} + 2·{h}·{kv_text}·{d_h}"
        mlp_span = self.mlp_matrices
        mlp = {(3, 3): "3", (2, 2): "2", (2, 3): "2–3"}[(int(mlp_span.low), int(mlp_span.high))]
        parts = [f"{L} layers × ({attn}"]
        e = self.experts
        if e is None:
            parts.append(f" + MLP {mlp}·{h}·{self.ffn})")
        else:
            n = e.count if total else e.top_k
            label = "experts" if total else "active experts"
            if self.dense_layers:
                parts.append(f"); {self.dense_layers} dense layers × MLP {mlp}·{h}·{self.ffn}")
                parts.append(f"; {e.layers} MoE layers × ({n} {label} × {mlp}·{h}·{e.ffn}")
            else:
                parts.append(f" + {n} {label} × {mlp}·{h}·{e.ffn}")
            if e.shared:
                parts.append(f" + {e.shared} shared × {mlp}·{h}·{e.shared_ffn}")
            parts.append(f" + router {h}·{e.count})")
        if self.vocab is not None and embeddings:
            times = "1" if self.tied is True else "2" if self.tied is False else "1–2"
            parts.append(f" + embeddings {times} × {self.vocab}·{h}")
        return "".join(parts)


#: Facts the architecture is read from (the inputs of every parameter count).
ARCHITECTURE_FACTS = (
    "layers", "hidden_size", "heads", "kv_heads", "head_dim", "ffn_size", "expert_ffn_size",
    "experts", "shared_experts", "top_k", "dense_layers", "vocab", "tied", "gated", "attention",
    "kv_lora_rank", "q_lora_rank",
)  # fmt: skip


def resolve_architecture(facts: FactSet) -> Architecture | None:
    """The architecture, or None without layers, hidden size and heads, with an MoE shape that
    does not add up (no expert FFN size, top-k missing or above the expert count), or with
    state-space (Mamba) layers beside the attention ones."""

    def count(name: str) -> Fraction | None:
        fact = facts.get(name)
        if fact is None or not isinstance(fact.value, Fraction):
            return None
        return Fraction(fact.value)

    def flag(name: str) -> bool | None:
        value = facts.value(name)
        return value if isinstance(value, bool) else None

    L, h, n_q = count("layers"), count("hidden_size"), count("heads")
    if L is None or h is None or n_q is None or facts.facts.get("ssm_mixer"):
        return None  # a hybrid's Mamba layers are no attention and MLP the formula counts
    d_h = count("head_dim")
    if d_h is None:
        if h % n_q:
            return None
        d_h = h / n_q
    ffn = count("ffn_size")
    experts = _experts(count, L, ffn)
    if experts is None and (ffn is None or count("experts") is not None):
        return None
    kv_rank = count("kv_lora_rank")
    mla = None
    if kv_rank is not None:
        mla = LatentAttention(
            kv_rank,
            count("q_lora_rank"),
            count("qk_rope_head_dim"),
            count("qk_nope_head_dim"),
            count("v_head_dim"),
        )
    gated = flag("gated")
    return Architecture(
        layers=L,
        hidden=h,
        heads=n_q,
        head_dim=d_h,
        kv_heads=_kv_heads(count("kv_heads"), facts.value("attention"), n_q),
        ffn=ffn,
        dense_layers=L if experts is None else L - experts.layers,
        mlp_matrices=fixed(3) if gated is True else fixed(2) if gated is False else _TWO_OR_THREE,
        tied=flag("tied"),
        vocab=count("vocab"),
        experts=experts,
        mla=mla,
    )


def _kv_heads(stated: Fraction | None, attention: object, heads: Fraction) -> Span:
    if stated is not None:
        return Span(stated, stated)
    if attention == "MHA":
        return Span(heads, heads)
    if attention == "MQA":
        return Span(Fraction(1), Fraction(1))
    return Span(Fraction(1), heads)


def _experts(
    count: Callable[[str], Fraction | None], layers: Fraction, ffn: Fraction | None
) -> Experts | None:
    """The MoE part, or None for a dense model or an MoE shape missing a number."""
    E = count("experts")
    if E is None:
        return None
    stated_ffn_e = count("expert_ffn_size")
    ffn_e = ffn if stated_ffn_e is None else stated_ffn_e
    k = count("top_k")
    if ffn_e is None or k is None or k > E:
        return None
    dense = count("dense_layers") or Fraction(0)
    return Experts(
        count=E,
        top_k=k,
        ffn=ffn_e,
        shared=count("shared_experts") or Fraction(0),
        shared_ffn=count("shared_ffn_size") or ffn_e,
        layers=layers - dense,
    )
