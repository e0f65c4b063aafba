"""Communication lower bounds over the stated interconnect (domain-math reference, section 1.9):
a ring all-reduce of ``bytes`` over ``n`` GPUs moves 2(n−1)/n × bytes through each GPU's link,
so it takes at least that ÷ the link bandwidth; an all-to-all moves (n−1)/n of each GPU's tokens.

Each quantity is a time in seconds with its formula and inputs, for ``speclint explain``.
"""

from __future__ import annotations

from fractions import Fraction

from speclint.domain.deployment import Deployment, Quantity
from speclint.quantity.numbers import format_readable

#: Bytes per activation element exchanged between GPUs (bf16/fp16 activations).
ACTIVATION_BYTES = 2


def _ring(n: Fraction) -> Fraction:
    return 2 * (n - 1) / n


def _link_text(dep: Deployment) -> str:
    link = dep.hardware.link
    assert link is not None
    return f"{format_readable(link.value / 10**9)} GB/s per GPU ({link.source})"


def tp_allreduce_per_token(dep: Deployment) -> Quantity | None:
    """Tensor parallelism: two all-reduces of the hidden state per layer (after attention and
    after the MLP) for each token of a decode step."""
    tp, arch, link = dep.degree("tp"), dep.arch, dep.hardware.link
    if tp is None or tp <= 1 or arch is None or link is None:
        return None
    per_token = 2 * arch.layers * arch.hidden * ACTIVATION_BYTES
    seconds = _ring(tp) * per_token / link.value
    formula = (
        f"2 all-reduces × {arch.layers} layers × {arch.hidden} hidden × {ACTIVATION_BYTES} B "
        f"× 2({tp}−1)/{tp} (ring) ÷ {_link_text(dep)}"
    )
    inputs = dep._inputs("tp", "layers", "hidden_size")
    return Quantity("TP all-reduce time per token", seconds, seconds, "s", formula, inputs)


def dp_allreduce_per_step(dep: Deployment) -> Quantity | None:
    """Data parallelism: one all-reduce of every gradient (2 bytes each) per optimizer step."""
    dp, params, link = dep.degree("dp"), dep.total_params, dep.hardware.link
    if dp is None or dp <= 1 or params is None or link is None:
        return None
    low = _ring(dp) * params.low * 2 / link.value
    high = _ring(dp) * params.high * 2 / link.value
    formula = f"total parameters × 2 B of gradients × 2({dp}−1)/{dp} (ring) ÷ {_link_text(dep)}"
    inputs = (*dep._inputs("dp"), *params.inputs)
    return Quantity("DP gradient all-reduce time per step", low, high, "s", formula, inputs)


def ep_all_to_all_per_token(dep: Deployment) -> Quantity | None:
    """Expert parallelism: each token's hidden state goes to its top-k experts and back, the
    share (EP−1)/EP of them on other GPUs, per MoE layer."""
    ep, arch, link = dep.degree("ep"), dep.arch, dep.hardware.link
    if ep is None or ep <= 1 or arch is None or arch.experts is None or link is None:
        return None
    e = arch.experts
    per_token = 2 * e.layers * e.top_k * arch.hidden * ACTIVATION_BYTES * (ep - 1) / ep
    seconds = per_token / link.value
    formula = (
        f"2 (dispatch and combine) × {e.layers} MoE layers × top-{e.top_k} × {arch.hidden} "
        f"hidden × {ACTIVATION_BYTES} B × ({ep}−1)/{ep} off-GPU ÷ {_link_text(dep)}"
    )
    inputs = dep._inputs("ep", "layers", "hidden_size", "top_k")
    return Quantity("EP all-to-all time per token", seconds, seconds, "s", formula, inputs)


def communication(dep: Deployment) -> list[Quantity]:
    """The communication times the stated layout implies."""
    found = (tp_allreduce_per_token(dep), dp_allreduce_per_step(dep), ep_all_to_all_per_token(dep))
    return [q for q in found if q is not None]
