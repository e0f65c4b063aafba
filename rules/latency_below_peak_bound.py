"""## What it does
TTFT ≥ prefill FLOPs (2 × active params × prompt tokens + causal attention 2 × L × s² × d_attn) ÷
(all GPUs × peak FLOPS). TPOT ≥ active weight bytes ÷ (all GPUs × memory bandwidth). The prompt
length is read from the claim's line ('for 10240-token prompts') or a stated prompt length, never
from the context limit. When the document states its weights in several precisions, a TPOT whose
sentence names one of them ('4.2 ms per token in BF16') is bounded at that precision (the bound
at peak only).

## Why is this bad?
A latency below the roofline bound cannot be met by any implementation on the stated hardware; SLOs
derived from it are impossible.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- GPU: H100 SXM
- GPUs: 1
- TTFT: 5 ms for 8192-token prompts
```

## How to fix
Check the prompt length, the number of GPUs sharing a request and the unit; restate the latency.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the latency is.
"""

from __future__ import annotations

from ._bound_rules import LatencyRule

LATENCY_BELOW_PEAK_BOUND = LatencyRule(
    code="SPC701",
    name="latency-below-peak-bound",
    category="latency",
    severity="error",
    summary="A TTFT or TPOT faster than the hardware allows at 100 % of peak.",
    doc=__doc__,
)
