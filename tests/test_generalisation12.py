"""Shapes found on an eighth held-out set: a KV size per token checked against the architecture
even when a KV head count sits next to the weights' precision, and named by its slip (the K and
V factor, query heads for KV heads, another element width). Each wrong shape has a correct
look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

KV = """\
# Session cache for the 70B chat tier

Model: Llama-3.1-70B (80 layers, hidden 8192, 64 query heads, 8 KV heads, head_dim 128),
FP8 weights, bf16 KV cache, TP=8 on one node.

## KV cache

- Keys and values per token, all of the model: {formula}.
"""


def test_kv_heads_next_to_the_weights_precision_are_not_a_kv_precision() -> None:
    [(line, code, message)] = findings(KV.format(formula="80 × 8 × 128 × 2 B = 163,840 B"))
    assert (line, code) == (8, "SPC501")
    assert "× 80 layers × 2 bytes = 328 KB" in message
    assert message.endswith("(KV cache per token: the factor 2 for K and V is missing)")


def test_a_kv_size_per_token_with_both_factors_is_silent() -> None:
    assert findings(KV.format(formula="2 × 80 × 8 × 128 × 2 B = 327,680 B")) == []


def test_a_kv_size_counting_query_heads_is_named() -> None:
    [(_, code, message)] = findings(KV.format(formula="2 × 80 × 64 × 128 × 2 B = 2,621,440 B"))
    assert code == "SPC501"
    assert "stated 2,621,440 B is 8× too large" in message
    assert message.endswith(
        "(KV cache per token: it counts the 64 query heads, not the 8 KV heads)"
    )


def test_a_kv_size_at_another_element_width_is_named() -> None:
    [(_, code, message)] = findings(KV.format(formula="2 × 80 × 8 × 128 × 1 B = 163,840 B"))
    assert code == "SPC501"
    assert message.endswith("(KV cache per token: it takes 1 byte per element, not 2 bytes)")


def test_one_layer_s_keys_and_values_are_not_the_model_s() -> None:
    text = KV.replace("all of the model", "one layer").format(formula="2 × 8 × 128 × 2 B = 4,096 B")
    assert findings(text) == []


def test_one_layer_s_keys_and_values_are_checked_per_layer() -> None:
    text = KV.replace("all of the model", "one layer").format(formula="8 × 128 × 2 B = 2,048 B")
    [(_, code, message)] = findings(text)
    assert code == "SPC501"
    assert "× 80 layers × 2 bytes ÷ 80 layers = 4.1 KB" in message
    assert message.endswith("(KV cache per token per layer: the factor 2 for K and V is missing)")


PRICES = """\
# Embedding API bake-off

Blended price per million tokens, from each vendor's rate card:

- Acme: $0.40/h ÷ 4,000 tok/s = $0.0278/Mtok
- Zenith: $0.50/h ÷ 4,400 tok/s = $0.0316/Mtok
{extra}
So Acme works out {pct} cheaper per Mtok than Zenith, which settles the first round.
"""


def test_a_change_between_figures_named_on_earlier_lines_is_checked() -> None:
    [(line, code, message)] = findings(PRICES.format(extra="", pct="0.12 %"))
    assert (line, code) == (8, "SPC205")
    assert message.startswith("1 − $0.0278/Mtok / $0.0316/Mtok = 12.03%; stated 0.12 %")
    assert "(using Acme $0.0278/Mtok (line 5), Zenith $0.0316/Mtok (line 6))" in message


def test_a_right_change_between_named_figures_is_silent() -> None:
    assert findings(PRICES.format(extra="", pct="12 %")) == []


def test_a_name_with_two_figures_of_the_dimension_is_not_read() -> None:
    extra = "- Zenith: $0.45/h ÷ 4,400 tok/s = $0.0284/Mtok (annual commit)\n"
    assert findings(PRICES.format(extra=extra, pct="0.12 %")) == []


NOTEBOOK = """\
# Decode utilisation

```
decode MFU: 0.214
```

At 1.3e11 FLOP per token and 3,200 tok/s per GPU, the decode MFU is only {pct}.
"""


def test_a_printed_fraction_restated_as_its_digits_in_percent_is_the_slip() -> None:
    [(line, code, message)] = findings(NOTEBOOK.format(pct="0.214 %"))
    assert (line, code) == (7, "SPC205")
    assert message.startswith("MFU 0.214 as a percentage = 21.400%; stated 0.214 %")


def test_a_printed_fraction_restated_right_or_as_another_figure_is_silent() -> None:
    assert findings(NOTEBOOK.format(pct="21.4 %")) == []
    assert findings(NOTEBOOK.format(pct="19 %")) == []


RECOMPUTE = """\
# Returning sessions

Llama-3.1-70B-Instruct in FP8 on one 8× H100 SXM node, TP=8.

A session that comes back after eviction is recomputed: {claim}
"""


def test_a_recompute_of_a_long_context_is_held_to_the_prefill_compute_floor() -> None:
    [(line, code, message)] = findings(
        RECOMPUTE.format(claim="we recompute a 64k context in 0.3 s.")
    )
    assert (line, code) == (5, "SPC701")
    assert message.startswith("prefill: (2 × 68.45B params × 65536 tokens + causal attention")
    assert "stated 0.3 s is" in message and "faster than that bound" in message


def test_a_recompute_slower_than_the_floor_or_of_activations_is_silent() -> None:
    assert findings(RECOMPUTE.format(claim="we recompute a 64k context in 2.5 s.")) == []
    activations = "activation recomputation for a 64k context adds 0.3 s."
    assert findings(RECOMPUTE.format(claim=activations)) == []


OPTIONS = """\
# Picking a box for the 32B model

The model needs 65.5 GB of weights in BF16.

| Option | Hardware     | GPUs | Memory total | Weights/GPU |
|--------|--------------|-----:|-------------:|------------:|
| X      | L40S, TP=2   | 2    | 96 GB        | 32.75 GB    |
| Y      | H100, TP=1   | 1    | 80 GB        | 65.5 GB     |

We pick Y: the weights are only {pct} of option X's memory, but fit one card.
"""


def test_a_share_of_a_named_row_s_cell_written_as_its_fraction_is_the_slip() -> None:
    [(line, code, message)] = findings(OPTIONS.format(pct="0.68%"))
    assert (line, code) == (10, "SPC205")
    assert message.startswith("65.5 GB / 96 GB = 68.23%; stated 0.68% matches only with percent")


def test_a_share_of_a_named_row_s_cell_that_holds_or_is_unsure_is_silent() -> None:
    assert findings(OPTIONS.format(pct="68%")) == []
    assert findings(OPTIONS.format(pct="34%")) == []  # the row's per-GPU weights
    assert findings(OPTIONS.format(pct="0.5%")) == []  # no reading: which part is unsure


def test_a_bare_kv_size_is_reported_without_guessing_its_slip() -> None:
    [(_, code, message)] = findings(KV.format(formula="160 KiB"))
    assert code == "SPC501"
    assert message.endswith(
        "stated 160 KiB is 2× too small under every reading (whole model or per GPU)"
    )
