"""Shapes found on a seventh held-out set, mostly false positives of the training model: a
value the document's own arithmetic refutes feeds no other check, a duration inside a formula
is not the run's time, and a training report's throughput is bounded by 6 · N. Each wrong
shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

REPORT = """\
# Pretraining report: the 8B run

We pretrain Llama-3.1-8B on 64 × H100 SXM (989 TFLOPS dense BF16 each) over 1T training tokens.

Utilisation, as computed by the trainer: MFU = 6 × 8.03e9 × 6,500 / 989e12 = {mfu} %.

Before the driver change the whole job ran at 604,160 tokens/s.

A node-level probe later measured {probe} tokens/s per GPU, which nobody could reproduce.
"""


def test_a_refuted_mfu_is_reported_once_and_feeds_no_bound() -> None:
    [(line, code, message)] = findings(REPORT.format(mfu="11.2", probe="12,000"))
    assert (line, code) == (5, "SPC102")
    assert "= 31.7%; stated 11.2 % is 2.83× too small" in message


def test_an_mfu_the_text_computes_measures_one_phase_and_caps_no_other() -> None:
    # 9,440 tokens/s per GPU before the change is 46 % MFU: faster than the measured phase
    assert findings(REPORT.format(mfu="31.7", probe="12,000")) == []


def test_a_training_report_bounds_its_throughput_by_six_flops_per_parameter() -> None:
    [(line, code, message)] = findings(REPORT.format(mfu="31.7", probe="25,000"))
    assert (line, code) == (9, "SPC601")
    assert message.startswith("training: 989 TFLOPS ÷ (6 × 6.979B non-embedding params")
    assert "allows at most 23,617 tokens/s per GPU at 100 % of peak" in message


def test_a_report_that_also_speaks_of_serving_keeps_any_phase() -> None:
    serving = (
        REPORT.format(mfu="11.2", probe="25,000") + "\nThe serving fleet is sized elsewhere.\n"
    )
    assert [code for _, code, _ in findings(serving)] == ["SPC102"]


BUDGET = """\
# Continued pretraining budget

- Model: Llama-3.1-8B (8.03B parameters)
- Cluster: 128 × H100 SXM at 40% MFU
- {data}

C = 6 × 8.03e9 × 5e11 = 2.41e22 FLOPs; the cluster sustains 128 × 989e12 × 0.40 = 5.06e16 FLOP/s.

Wall-clock ≈ 2.41e22 / 5.06e16 s, which comes to {days} days of training time.

Restarts cost 10 % on top: 5.5 days × 1.1 = 6.05 days of wall-clock.
"""


def test_a_duration_inside_a_formula_is_not_the_run_s_time() -> None:
    assert findings(BUDGET.format(data="Training data: 500B tokens", days="5.5")) == []


def test_a_run_time_its_text_derives_from_flops_is_still_checked() -> None:
    # The formula on the line (its 's' the result's unit) and the training-time estimate agree.
    found = findings(BUDGET.format(data="Training data: 500B tokens", days="2.2"))
    assert [(line, code) for line, code, _ in found] == [(9, "SPC101"), (9, "SPC704")]
    assert found[0][2].startswith("2.41e22 / 5.06e16 s = 5.5 days; stated 2.2 days")
    message = found[1][2]
    assert "÷ (128 GPUs × 989 TFLOPS × MFU 40 % (line 4)) = 475,741 s" in message
    assert message.endswith("stated 2.2 days is 2.5× too short")


def test_training_tokens_written_as_n_training_tokens() -> None:
    found = findings(BUDGET.format(data="Data: 500B training tokens", days="2.2"))
    assert (9, "SPC704") in [(line, code) for line, code, _ in found]
    assert findings(BUDGET.format(data="Data: 500B training tokens", days="5.5")) == []


ROOF = """\
# Serving notes: Llama-3.1-70B on H100

Llama-3.1-70B in FP8 on H100 SXM, TP=2.

The compute roof for 70B is 2 × 70.55e9 = 141.1 GFLOP per token; at 100 % of dense FP8 peak:

- H100 SXM 1,979 TFLOPS → {rate} tok/s per GPU

Measured decode on the same box: 1,450 tok/s per GPU.
"""


def test_a_list_its_lead_in_calls_a_ceiling_is_held_to_peak_only() -> None:
    # 14.0k is 97 % of peak: past realistic MFU, but the list says it is the roof
    assert findings(ROOF.format(rate="~14.0k")) == []
    [(line, code, message)] = findings(ROOF.format(rate="~24.0k"))
    assert (line, code) == (7, "SPC601")
    assert "allows at most 14,456 tokens/s per GPU at 100 % of peak" in message


FLOOR = """\
# Decode floor for Qwen2.5-72B on H200

Qwen2.5-72B in FP8 on 2 × H200 with TP=2.

- At batch 32 with 4,000 tokens of context, the step floor is 7.6 ms + 3.1 ms ≈ 10.7 ms.
- Measured TPOT on staging is 14-16 ms, about 1.3–1.5× that floor.
- At batch 1 the weight read bounds TPOT at 36 GB / 4.8 TB/s ≈ {tpot} ms at 100 % of bandwidth.
"""


def test_a_tpot_its_sentence_calls_a_bound_is_not_held_to_another_floor() -> None:
    assert findings(FLOOR.format(tpot="7.5")) == []
    codes = [(line, code) for line, code, _ in findings(FLOOR.format(tpot="3.0"))]
    assert codes == [(7, "SPC101"), (7, "SPC701")]
    [message] = [m for _, code, m in findings(FLOOR.format(tpot="3.0")) if code == "SPC701"]
    assert "÷ (2 GPUs × 4.8 TB/s) needs at least 7.31 ms at 100 % of peak" in message


RERANK = """\
# Reranker sizing

- Demand: 3,000 pairs/s × 290.8 GFLOP = 872 TFLOP/s.
- Per H100 at 40 % MFU: 989 × 0.4 = 395.6 TFLOP/s.
- GPUs: 872 / 395.6 = {gpus}.
- Embedding table: 4096 × 32 = {table} rows.
"""


def test_an_integer_operand_rounded_from_an_earlier_result_carries_its_rounding() -> None:
    # 872 stands for 872.4: 872.4 / 395.6 = 2.2053, which rounds to 2.21
    assert findings(RERANK.format(gpus="2.21", table="131,072")) == []
    [(line, code, message)] = findings(RERANK.format(gpus="2.31", table="131,072"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("872 / 395.6 = 2.20; stated 2.31 is 4.8% too large")


def test_exact_integer_arithmetic_stays_exact() -> None:
    [(line, code, message)] = findings(RERANK.format(gpus="2.21", table="131,082"))
    assert (line, code) == (6, "SPC101")
    assert "4096 × 32 = 131,072; stated 131,082" in message


SPLIT = """\
# Memory per GPU

Llama-3.1-70B in BF16 serves on 4 × H100 with TP=4.

- Weights and KV: (141.1 + 21.5) GB split over 4 GPUs = {bf16} GB per GPU.
- The 70.6 GB of FP8 weights sharded evenly across 4 GPUs is {fp8} each.
"""


def test_an_amount_split_over_devices_is_checked_per_device() -> None:
    assert findings(SPLIT.format(bf16="40.7", fp8="17.6 GB")) == []
    [(line, code, message)] = findings(SPLIT.format(bf16="162.6", fp8="17.6 GB"))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("(141.1 + 21.5) GB ÷ 4 GPUs = ")
    assert message.endswith("stated 162.6 GB per GPU is 4× too large")


def test_a_share_restating_the_whole_over_eight_devices_is_not_a_bits_slip() -> None:
    text = SPLIT.replace("4 GPUs is", "8 GPUs is").format(bf16="40.7", fp8="70.6 GB")
    [(line, code, message)] = findings(text)
    assert (line, code) == (6, "SPC101")
    assert message.startswith("70.6 GB ÷ 8 GPUs = ") and message.endswith("is 8× too large")


def test_a_split_without_a_per_device_share_is_not_read() -> None:
    text = SPLIT.format(bf16="40.7", fp8="70.6 GB in total")
    assert findings(text) == []


LINK_FIRST = """\
# KV offload

Each session keeps 10.74 GB of KV cache.

Over the host's 400 Gb/s frontend port, one session's 10.74 GB of KV moves in {wire}.
At 64 GB/s on the PCIe link, the same 10.74 GB loads in {pcie}.
We measured 25 GB/s on the old hosts; a 10.74 GB session restores in 2 s there.
"""


def test_a_transfer_whose_link_is_named_first_is_checked() -> None:
    assert findings(LINK_FIRST.format(wire="215 ms", pcie="168 ms")) == []
    [(line, code, message)] = findings(LINK_FIRST.format(wire="26.8 ms", pcie="168 ms"))
    assert (line, code) == (5, "SPC203")
    assert message.startswith("10.74 GB / 400 Gb/s = 214.8 ms; stated 26.8 ms")
    [(line, code, message)] = findings(LINK_FIRST.format(wire="215 ms", pcie="1.68 s"))
    assert (line, code) == (6, "SPC101")
    assert message == "10.74 GB / 64 GB/s = 0.168 s; stated 1.68 s is 10.0× too large"


PRICE = """\
# Cost per token

- One H100 at $2.99/h serving 1,450 tok/s comes to {gpu} per 1M tokens.
- A full node at $23.92/h does 8 × 1,450 = 11,600 tok/s → {node}/Mtok.
"""


def test_a_price_per_tokens_from_an_hourly_cost_and_a_rate_is_checked() -> None:
    assert findings(PRICE.format(gpu="$0.573", node="$0.573")) == []
    [(line, code, message)] = findings(PRICE.format(gpu="$0.573", node="$4.58"))
    assert (line, code) == (4, "SPC101")
    assert message == (
        "$23.92/h / 11,600 tok/s × 1,000,000 tokens = $0.573; stated $4.58/Mtok is 8.00× too large"
    )
    [(line, code, _)] = findings(PRICE.format(gpu="$5.73", node="$0.573"))
    assert (line, code) == (3, "SPC101")


TWINS = """\
# Weights per GPU

```
weights per GPU: 36.35 GB
KV per GPU: 15.73 GB
```

So each GPU holds {weights} of weights, next to {kv} of KV cache.

Block size: 4096 MB on disk, 4096 MiB in the page cache.
"""


def test_a_figure_restated_with_the_other_prefix_is_the_gb_gib_slip() -> None:
    assert findings(TWINS.format(weights="36.35 GB", kv="14.65 GiB")) == []
    [(line, code, message)] = findings(TWINS.format(weights="36.35 GiB", kv="14.65 GiB"))
    assert (line, code) == (8, "SPC202")
    assert message.startswith("36.35 GB (line 4) = 33.85 GiB; stated 36.35 GiB matches only")


def test_a_figure_whose_own_arithmetic_decides_it_is_no_twin() -> None:
    # line 4's figure is refuted by its own sum, so line 6 restates nothing wrong
    text = (
        "# Sizes\n\nOne session:\n\n- KV: 8 GiB + 2.00 GiB = 10.74 GiB\n\n"
        "The same 10.74 GB moves to the host in 0.2 s.\n"
    )
    codes = [(line, code) for line, code, _ in findings(text)]
    assert codes == [(5, "SPC202")]  # 10.00 GiB is 10.74 GB: line 7 is right


def test_a_change_with_a_unit_phrase_before_its_figures_is_checked() -> None:
    text = "# Bake-off\n\nMI300X does {pct} more tokens/s than H100 (1,900 vs 1,450).\n"
    assert findings(text.format(pct="31 %")) == []
    [(line, code, message)] = findings(text.format(pct="24 %"))
    assert (line, code) == (3, "SPC102")
    assert message == "(1,900 / 1,450) − 1 = 31%; stated 24 % is 1.29× too small"
