"""## What it does
A latency more than 50× (configurable `slow-factor`) the realistic bound is not impossible, but it
usually means seconds written for milliseconds, or a figure for a whole batch or system read as one
request's. A document that states several GPUs but no parallel degree (TP, PP, EP) may count a
fleet of replicas: how many GPUs one request's step spreads over is unknown, so it is not reported.

## Why is this bad?
A latency hundreds of times slower than the hardware needs usually hides a unit slip or a misread
figure, and makes capacity plans far too pessimistic.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- GPU: H100 SXM
- GPUs: 1
- TTFT: 30 s for 8192-token prompts
```

## How to fix
Check the unit (ms vs s) and whether the figure covers one request or a whole batch; explain
queueing or offload if they are meant.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the latency is.
"""

from __future__ import annotations

from ._bound_rules import LatencyRule


class SlowLatencyRule(LatencyRule):
    finding = "too-slow"


LATENCY_IMPLAUSIBLY_SLOW = SlowLatencyRule(
    code="SPC703",
    name="latency-implausibly-slow",
    category="latency",
    severity="warning",
    summary="A TTFT or TPOT far slower than the realistic bound: usually a unit slip.",
    doc=__doc__,
)
