"""## What it does
Any phase: a GPU processes at most peak FLOPS ÷ (2 × active non-embedding parameters) tokens per
second. Decode (when the claim says decode, generation or output tokens): each step reads the active
weights at least once, so a GPU makes at most batch × memory bandwidth ÷ weight bytes tokens per
second. A claim that does not say per GPU is read as a total over every GPU. Figures come from the
document, else the accelerator catalog.

## Why is this bad?
A throughput beyond what the hardware can do at 100 % of peak is physically impossible; plans and
costs built on it will not be met.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- GPU: H100 SXM
- Throughput: 500,000 tokens/s per GPU
```

## How to fix
Check the unit (tokens/s vs tokens/ms), whether the figure is per GPU or for the system, and the
batch size; then restate the measured or derived throughput.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the throughput is.
"""

from __future__ import annotations

from ._roofline import ThroughputRule

THROUGHPUT_ABOVE_PEAK = ThroughputRule(
    code="SPC601",
    name="throughput-above-peak",
    category="bandwidth",
    severity="error",
    summary="A throughput claim above what the hardware allows at 100 % of peak.",
    doc=__doc__,
)
