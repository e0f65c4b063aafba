"""## What it does
Any phase: a GPU processes at most peak FLOPS ÷ (2 × active non-embedding parameters) tokens per
second. Decode (when the claim says decode, generation or output tokens): each step reads the active
weights at least once, so a GPU makes at most batch × memory bandwidth ÷ weight bytes tokens per
second. Training tokens (the line says train, fine-tune or backward) cost 6 FLOPs per parameter
(forward and backward), so a training throughput is bounded by GPUs × peak ÷ (6 × N). A claim
that does not say per GPU is read as a total over every GPU, and one whose clause puts it on one
device (`on that single H200`, `on the same card`) as one GPU's. Figures come from the document,
else the accelerator catalog. A figure the text asks about or quotes (`their build decodes at 900
tokens/s …; is that realistic?`) is reported as a warning; one the text calls impossible or wrong
is not reported.

Compute throughput is read the same way. A FLOP/s figure is checked against its devices' dense peak
at its precision (catalog `bf16-tflops`, or `fp8-tflops` when the sentence says FP8 and the part has
FP8; BF16 is assumed when the sentence does not say, and the message says so). A figure said to be
sparse (`sparsity`, `2:4`) is checked against twice the dense peak. The devices are counted from the
figure's own sentence: one for `each L4` or `per GPU`, eight for `the 8×H100 node`, the document's
one GPUs-per-node count for `an H200 node`, otherwise every GPU of the document (a system
total). An MFU or HFU above 100 % is reported too: `Each H100 sustains 1.2 PFLOP/s in BF16`
(989 TFLOPS dense peak), `the 8×H100 node delivers 9 PFLOP/s` (8 × 989 = 7,912 TFLOPS),
`MFU: 120%`. Figures stated as peaks (`peak`, `datasheet`, `up to`) are not checked, and
nothing is reported when the device, the precision (INT8, FP32, two precisions at once) or the
device count is unclear.

Items per second on one device (`4,100 pairs/s per H100`, `a single L4 sustains 2,600 QPS in the
FP8 build`) are held to the device's dense peak ÷ the FLOPs the document gives for one item
(`Cost per pair: 2 × 568M × 256 = 290.8 GFLOP`, `109.1 GFLOP per query`; the least such figure
when it gives several), at the precision the clause names nearest the rate, else BF16. A clause
that states its own FLOP/s figure is checked through that figure instead.

Decision: compute claims are new statement kinds of this rule and SPC602, not a new code. A
FLOP/s figure or an MFU past what the hardware can do fails in the same way as a tokens/s
figure (a throughput past 100 % of peak), and the error-at-peak, warning-at-realistic pair is
the same.

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
Check the unit (tokens/s vs tokens/ms), whether the figure is per GPU, per node or for the
system, the batch size, the precision and whether a FLOP/s figure is a sparse one; then restate
the measured or derived throughput.

## Fix safety
No fix is offered: only a measurement or a derivation can say what the throughput is.
"""

from __future__ import annotations

from ._bound_rules import ThroughputRule

THROUGHPUT_ABOVE_PEAK = ThroughputRule(
    code="SPC601",
    name="throughput-above-peak",
    category="bandwidth",
    severity="error",
    summary="A throughput (tokens/s, FLOP/s, MFU) above what the hardware allows at peak.",
    doc=__doc__,
)
