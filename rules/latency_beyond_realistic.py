"""## What it does
Like SPC701 on the GPUs that can share one request (TP × EP × CP; pipeline stages run in turn) at
the stated or configured MFU and bandwidth utilisation.

## Why is this bad?
Possible at peak but not at the efficiency real serving stacks reach; the SLO will likely be missed.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- GPU: H100 SXM
- GPUs: 1
- TTFT: 150 ms for 8192-token prompts
```

## How to fix
State the efficiency assumed (`MFU: 80%`) or a measurement, or relax the figure.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the latency is.
"""

from __future__ import annotations

from ._bound_rules import LatencyRule


class RealisticLatencyRule(LatencyRule):
    finding = "below-realistic"


LATENCY_BEYOND_REALISTIC = RealisticLatencyRule(
    code="SPC702",
    name="latency-beyond-realistic",
    category="latency",
    severity="warning",
    summary="A TTFT or TPOT possible at peak, but faster than realistic efficiency allows.",
    doc=__doc__,
)
