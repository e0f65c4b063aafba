"""## What it does
Like SPC601 with the document's stated MFU and bandwidth utilisation, else the configured priors
(MFU 70 % for inference forward passes, 60 % for training; bandwidth utilisation 85 %;
`[tool.speclint.efficiency]`). For MoE decode the realistic bound counts the experts a batch is
expected to touch.

For compute (SPC601 explains how a FLOP/s figure is read): a FLOP/s figure said to be reached
(`sustains`, `delivers`, `measured`, `which is`) above its devices' peak × that MFU, and a
stated MFU or HFU above the configured MFU prior, are reported here.

## Why is this bad?
Real kernels reach 40–60 % of peak FLOPS in training (prefill GEMMs up to about 70 %) and 70–90 %
of peak bandwidth; a plan that needs more is optimistic and deserves a measurement or a stated
assumption.

## Example
```markdown
- Layers: 32
- Hidden size: 4096
- Attention heads: 32 (MHA)
- FFN intermediate size: 11008 (SwiGLU)
- GPU: H100 SXM
- Throughput: 60,000 tokens/s per GPU
```

## How to fix
State the MFU or bandwidth utilisation the figure assumes (`MFU: 70%`), cite the measurement, or
lower the figure. Tune the priors in `[tool.speclint.efficiency]`.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the throughput is.
"""

from __future__ import annotations

from ._bound_rules import ThroughputRule


class RealisticThroughputRule(ThroughputRule):
    realistic = True


THROUGHPUT_BEYOND_REALISTIC = RealisticThroughputRule(
    code="SPC602",
    name="throughput-beyond-realistic",
    category="bandwidth",
    severity="warning",
    summary="A throughput (tokens/s, FLOP/s, MFU) possible at peak, not at realistic efficiency.",
    doc=__doc__,
)
