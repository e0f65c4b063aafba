"""Shapes the lead found on held-out set 13 in session 18. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

COUNT = """\
# Fine-tuning budget for Mistral-7B

```json
{{"num_hidden_layers": 32, "hidden_size": 4096, "intermediate_size": 14336,
 "num_attention_heads": 32, "num_key_value_heads": 8, "vocab_size": 32768,
 "tie_word_embeddings": false}}
```

Its MLP is SwiGLU (gate, up and down projections), so the total is {count} parameters.
"""


def test_a_count_written_to_three_decimals_is_held_to_them() -> None:
    [(line, code, message)] = findings(COUNT.format(count="7.39B"))
    assert (line, code) == (9, "SPC401")
    assert "= 6.979B–7.248B" in message
    assert "stated 7.39B parameters is 1.02× the computed count" in message


@pytest.mark.parametrize("count", ["7.25B", "7.3B", "7B", "about 7.39B", "7,248,023,552"])
def test_a_size_name_or_an_exact_count_that_fits_is_silent(count: str) -> None:
    assert findings(COUNT.format(count=count)) == []


def test_an_exact_count_in_full_is_not_read_as_a_size_name() -> None:
    [(line, code, _)] = findings(COUNT.format(count="7,448,023,552"))
    assert (line, code) == (9, "SPC401")


WHOLE = """\
# Embedding store

Each vector is 1024 float16 values, 1024 × 2 B = 2,048 B per vector, i.e. {whole}.
"""


def test_a_value_for_many_items_is_not_a_restatement_of_one() -> None:
    assert findings(WHOLE.format(whole="204.8 GB for 100M vectors")) == []


def test_a_restatement_of_the_per_item_value_is_still_checked() -> None:
    [(line, code, message)] = findings(WHOLE.format(whole="2.4 KB"))
    assert (line, code) == (3, "SPC201")
    assert "stated 2.4 KB" in message


SIZED = """\
# Prompt cache tiers

Each 32k prefix holds 4.29 GB of KV. The host tier keeps 2 TB per node, i.e. {count} more 32k
prefixes per node (2 TB / 4.29 GB).
"""


@pytest.mark.parametrize("count", ["466", "400"])
def test_a_formula_after_a_count_of_sized_items_is_not_read_against_the_size(count: str) -> None:
    assert findings(SIZED.format(count=count)) == []


def test_a_formula_after_one_sized_value_is_still_checked() -> None:
    text = SIZED.format(count="466").replace(
        "i.e. 466 more 32k\nprefixes", "room for\n32k prefixes"
    )
    [(line, code, _)] = findings(text)
    assert (line, code) == (4, "SPC101")


SIZE = """\
# Adapter registry

A rank-32 adapter on Qwen2.5-14B is {count}, or {size}.
"""


@pytest.mark.parametrize(
    ("count", "size", "fix"),
    [
        ("137.6M parameters", "550.4 MB in BF16", "275.2"),
        ("137.6M params", "275.2 MB at FP8", "137.6"),
        ("137.6M parameters", "275 MB (fp32)", "550"),
    ],
)
def test_the_size_of_a_count_in_a_named_format_is_its_width_times_the_count(
    count: str, size: str, fix: str
) -> None:
    [(line, code, message)] = findings(SIZE.format(count=count, size=size))
    assert (line, code) == (3, "SPC101")
    assert f"= {fix} MB" in message and "× " in message


@pytest.mark.parametrize(
    ("count", "size"),
    [
        ("137.6M parameters", "275.2 MB in BF16"),
        ("137.6M parameters", "68.8 MB in int4"),
        ("137.6M parameters", "550 MB of optimizer state"),  # no format named
        ("137.6M parameters", "40 MB in BF16 KV cache"),  # another tensor
        ("137.6M parameters per layer", "9 GB in BF16"),  # another scope
    ],
)
def test_a_size_that_fits_or_is_not_the_count_s_is_silent(count: str, size: str) -> None:
    assert findings(SIZE.format(count=count, size=size)) == []


def test_a_count_equal_to_its_size_in_one_chain_is_checked_too() -> None:
    text = "# Adapters\n\nIn total 2 × 16 × 4,096 = 131,072 params = 5.2 MB (bf16).\n"
    [(line, code, message)] = findings(text)
    assert (line, code) == (3, "SPC101")
    assert "131,072 params × 2 B (bf16) = 0.26 MB" in message


SHARE = """\
# Retrieval cache report

Cache hits served {part} of 48.5B query tokens last week{join} {pct} of all retrieval work.
"""


@pytest.mark.parametrize("join", [", or", ", i.e.", " or"])
def test_a_share_joined_after_a_part_of_a_whole_in_billions_is_checked(join: str) -> None:
    [(line, code, message)] = findings(SHARE.format(part="31.2B", join=join, pct="68.2 %"))
    assert (line, code) == (3, "SPC102")
    assert "31.2B / 48.5B" in message and "64.3" in message


@pytest.mark.parametrize(
    ("part", "pct"),
    [("31.2B", "64.3 %"), ("31.2B", "about 64 %")],
)
def test_a_share_that_fits_its_part_and_whole_is_silent(part: str, pct: str) -> None:
    assert findings(SHARE.format(part=part, join=", or", pct=pct)) == []


def test_a_share_of_another_figure_after_the_join_is_not_this_one() -> None:
    text = SHARE.format(part="31.2B", join=", or", pct="52 %").replace(
        "of all retrieval work", "of the 60B planned"
    )
    assert findings(text) == []


@pytest.mark.parametrize(
    ("written", "scale", "unit"),
    [
        ("31.2B prompt tokens", "B", "tokens"),  # a word naming which tokens: tokens
        ("2 B per token", None, "B"),
        ("23.59B of 31.2B prompt tokens", "B", ""),
        ("4B of 16 B", None, "B"),
        ("64 B records", None, "B"),  # a size in prose; a table row "Records | 2.4B" counts
    ],
)
def test_a_b_before_a_counted_noun_is_a_billion(written: str, scale: str | None, unit: str) -> None:
    from speclint.formula.expr import Lit, strip_groups
    from speclint.judgement.analysis import analyze

    [scanned] = analyze(f"{written}\n").scanned
    first = strip_groups(scanned.result.chains[0].exprs[0])
    assert isinstance(first, Lit)
    assert (first.scale.text if first.scale else None, first.unit_text) == (scale, unit)


PER_LABEL = """\
# Reranker throughput

- Per token: 1.1 GFLOP; per pair (× 512): 563.2 GFLOP

The vendor says one H100 SXM sustains {rate} pairs/s per GPU on this model.
"""


def test_a_per_label_with_a_bracketed_factor_names_the_item_of_its_flop_figure() -> None:
    [(line, code, message)] = findings(PER_LABEL.format(rate="1,900"))
    assert (line, code) == (5, "SPC601")
    assert "563.2 GFLOP per pair (line 3) allows at most 1,756 pairs/s" in message


def test_a_rate_under_that_item_s_peak_is_silent() -> None:
    assert findings(PER_LABEL.format(rate="1,200")) == []


TWO_PRECISIONS = """\
# Llama-3.1-70B serving on H100 SXM

We serve Llama-3.1-70B with TP=4 on H100 SXM.

- Training checkpoints: BF16 weights
- Serving build: FP8 weights

Measured TPOT is {tpot} ms at batch 8.
"""


def test_a_tpot_whose_sentence_names_no_precision_is_bounded_at_the_narrowest_stated() -> None:
    [(line, code, message)] = findings(TWO_PRECISIONS.format(tpot="4.2"))
    assert (line, code) == (8, "SPC701")
    assert "(68.45B params × 1 B) ÷ (4 GPUs × 3.35 TB/s) needs at least 5.11 ms" in message
    assert "the narrowest weight precision stated; the sentence names none) (line 6)" in message


@pytest.mark.parametrize("tpot", ["5.4", "about 5", "8.0"])
def test_a_tpot_above_the_narrowest_floor_is_silent(tpot: str) -> None:
    assert findings(TWO_PRECISIONS.format(tpot=tpot)) == []


def test_a_precision_the_document_only_supposes_does_not_lower_the_floor() -> None:
    text = TWO_PRECISIONS.format(tpot="8.0").replace(
        "- Serving build: FP8 weights", "- FP8 weights would halve the bytes streamed per step"
    )
    text = text.replace("Training checkpoints: BF16 weights", "Serving build: BF16 weights")
    [(line, code, message)] = findings(text.replace("8.0 ms", "8.4 ms"))
    assert (line, code) == (8, "SPC701")
    assert "(68.45B params × 2 B) ÷ (4 GPUs × 3.35 TB/s) needs at least 10.2 ms" in message


SUPPOSED = """\
# Qwen2.5-32B chat serving

We serve Qwen2.5-32B in BF16 with TP=2 on H100 SXM.

Measured TPOT is 11.5 ms at batch 4. {aside}
"""


def test_a_tpot_a_sentence_supposes_at_another_precision_meets_that_precision_s_floor() -> None:
    aside = "With FP8 weights TPOT would be about {t} ms."
    [(line, code, message)] = findings(SUPPOSED.format(aside=aside.format(t="3.9")))
    assert (line, code) == (5, "SPC701")
    assert "(31.21B params × 1 B) ÷ (2 GPUs × 3.35 TB/s) needs at least 4.66 ms" in message
    assert "stated about 3.9 ms is" in message


@pytest.mark.parametrize(
    "aside",
    [
        "With FP8 weights TPOT would be about 5.2 ms.",
        "With FP8 weights on 4 GPUs TPOT would be about 2.5 ms.",  # another layout
        "With FP8 weights and TP=4 TPOT would be about 2.5 ms.",
    ],
)
def test_a_supposed_tpot_within_its_floor_or_with_another_layout_is_silent(aside: str) -> None:
    assert findings(SUPPOSED.format(aside=aside)) == []


REPLICAS = """\
# Mixtral serving tiers

| Tier | Requests/s per replica | GPUs per replica |
|---|---|---|
| Interactive | 38.4 | 2 |
| Batch | 96.0 | 8 |

{sentence}
"""


@pytest.mark.parametrize(
    ("sentence", "fix"),
    [
        ("The batch tier therefore handles 96.0 requests/s per GPU.", "12.0"),
        ("Interactive serves 38.4 requests/s per GPU at peak.", "19.2"),
    ],
)
def test_a_per_replica_cell_restated_per_gpu_is_divided_by_the_row_s_gpus(
    sentence: str, fix: str
) -> None:
    [(line, code, message)] = findings(REPLICAS.format(sentence=sentence))
    assert (line, code) == (8, "SPC301")
    assert f"GPUs per replica = {fix} requests/s" in message
    assert "(line 5)" in message or "(line 6)" in message


@pytest.mark.parametrize(
    "sentence",
    [
        "The batch tier therefore handles 12.0 requests/s per GPU.",  # divided
        "The batch tier handles 96.0 requests/s per replica.",  # same scope
        "Interactive serves 38 requests/s per GPU at peak.",  # two digits: a coincidence?
        "The batch tier handles 96.0 tokens/s per GPU.",  # another unit
    ],
)
def test_a_per_gpu_figure_that_is_not_the_cell_restated_is_silent(sentence: str) -> None:
    assert findings(REPLICAS.format(sentence=sentence)) == []


def test_explain_lists_what_a_supposed_setup_changes() -> None:
    import json
    import subprocess
    import sys

    text = SUPPOSED.format(aside="With FP8 weights TPOT would be about 3.9 ms.")
    done = subprocess.run(
        [sys.executable, "-m", "speclint", "explain", "--format", "json", "-"],
        input=text, capture_output=True, text=True, check=True,
    )  # fmt: skip
    supposed = json.loads(done.stdout)["supposed"]
    assert {(s["line"], s["kind"], tuple(s["supposes"])) for s in supposed} == {
        (5, "tpot", ("weight_dtype fp8",))
    }


NAMED_ROW = """\
# Storage tier change

| Plan | Nodes | Monthly cost |
|---|---|---|
| Current | 40 | $18,400.00 |
| Proposed | 26 | $11,960.00 |
| Difference | 14 | $6,440.00 |

We save $6,440.00 a month, i.e. {pct} of the current bill.
"""


def test_a_figure_s_share_of_a_named_row_in_its_column_is_checked() -> None:
    [(line, code, message)] = findings(NAMED_ROW.format(pct="36.5 %"))
    assert (line, code) == (9, "SPC102")
    assert message.startswith("$6,440.00 (line 7) / $18,400.00 (line 5) = 35.0%; stated 36.5 %")


@pytest.mark.parametrize("pct", ["35 %", "35.0 %"])
def test_a_share_of_the_named_row_that_holds_is_silent(pct: str) -> None:
    assert findings(NAMED_ROW.format(pct=pct)) == []


def test_a_share_of_a_name_no_row_has_is_silent() -> None:
    text = NAMED_ROW.format(pct="36.5 %").replace("the current bill", "the storage budget")
    assert findings(text) == []


def test_a_share_of_small_counts_is_not_an_amount_in_the_result_s_unit() -> None:
    text = (
        "# Fabric\n\n- at 900 GB/s per link and a 3/4 remote share, that is ≈ 0.12 ms of wire"
        " time per step\n"
    )
    assert findings(text) == []


def test_an_amount_over_a_rate_in_e_notation_still_adopts_the_stated_unit() -> None:
    text = "# Floor\n\nThe step floor is 16.06e9 / 864e9 = 1.86 ms.\n"
    [(line, code, message)] = findings(text)
    assert (line, code) == (3, "SPC101")
    assert "16.06e9 / 864e9 = 18.59 ms" in message


@pytest.mark.parametrize(
    ("count", "total"), [("24 extra A100s", "$26,280"), ("24 extra MI300Xs", "$26,280")]
)
def test_a_count_of_parts_before_at_multiplies_a_price_per_gpu_hour(count: str, total: str) -> None:
    text = f"# Budget\n\nCost: {count} at $1.50/GPU-hour × 730 h = {total} per month.\n"
    assert findings(text) == []
    [(line, code, message)] = findings(text.replace(total, "$27,280"))
    assert (line, code) == (3, "SPC101")
    assert "times the 24 GPUs written before 'at'" in message


@pytest.mark.parametrize("word", ["growth", "increase", "added"])
def test_a_parameter_delta_is_not_read_as_the_model_s_total(word: str) -> None:
    text = (
        "# Vocabulary change\n\nMistral-7B-v0.3 body: 32 layers, hidden 4096, SwiGLU FFN 14336,"
        f" 32 heads, 8 KV heads, vocab 32768, untied.\n\n- {word}: 2 × 768 × 4,096 ="
        " 6,291,456 parameters\n"
    )
    assert findings(text) == []


def test_a_percent_after_a_latex_thin_space_is_the_value_s_unit() -> None:
    text = "# MFU\n\n$$\\text{MFU} = \\frac{6 \\times 10^{9}}{20 \\times 10^{9}} = 30.0\\,\\%$$\n"
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("30.0", "33.0"))
    assert (line, code) == (3, "SPC102")


LEAD_IN = """\
# Decode on one L40S

We serve Qwen2.5-7B in BF16 on one L40S (TP=1).

Decode is bound by streaming the weights from GDDR6:

- floor per step: 15.2 GB / 864 GB/s = 17.6 ms
- {item}
"""


def test_a_measured_item_under_a_bound_lead_in_is_a_claim_not_a_bound() -> None:
    [(line, code, message)] = findings(LEAD_IN.format(item="we measured a TPOT of 14 ms"))
    assert (line, code) == (8, "SPC701")
    assert "the per-step floor the document derives on line 7 (17.6 ms)" in message


@pytest.mark.parametrize(
    "item", ["we measured a TPOT of 21 ms", "at batch 1 the TPOT is at least 17.6 ms"]
)
def test_a_measured_item_above_the_floor_or_a_bound_item_is_silent(item: str) -> None:
    assert findings(LEAD_IN.format(item=item)) == []


HANDOFF = """\
# Pipeline hand-off

The activation crossing each stage boundary is 4,194,304 B per micro-batch. Over one 200 Gb/s
(25 GB/s) RoCE link it takes {time}, well below the stage's compute time.
"""


@pytest.mark.parametrize(
    ("time", "code"),
    [("0.17 ms", None), ("168 µs", None), ("0.21 ms", "SPC101"), ("0.17 s", "SPC204")],
)
def test_a_link_time_for_the_previous_sentence_s_amount_is_checked(
    time: str, code: str | None
) -> None:
    found = findings(HANDOFF.format(time=time))
    assert [(line, c) for line, c, _ in found] == ([] if code is None else [(4, code)])


def test_a_link_time_with_two_amounts_before_it_is_silent() -> None:
    text = HANDOFF.format(time="0.21 ms").replace(
        "per micro-batch.", "per micro-batch, 8,388,608 B with the residual."
    )
    assert findings(text) == []


SHARDED = """\
# KV budget, Qwen2.5-72B at TP=4

KV per token for the whole model: 2 × 80 × 8 × 128 × 2 B = 327,680 B.
With TP=4 each GPU keeps 2 of the 8 KV heads, i.e. 81,920 B per token per GPU.

- KV pool per GPU: 80 GB × 0.90 − 36.4 GB − 4 GB = 31.6 GB
- tokens per GPU: 31.6 GB / 81,920 B ≈ 386k tokens
- at 4,096 tokens per sequence: 386,000 / 4,096 = 94.2, so 94 sequences
- {line}
"""


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        ("the 4 GPUs of a replica together hold about 1.54M tokens", "0.386M tokens"),
        ("so a replica serves 376 sequences at once", "94;"),
    ],
)
def test_a_sharded_kv_capacity_times_its_shards_is_reported(line: str, fix: str) -> None:
    [(at, code, message)] = findings(SHARDED.format(line=line))
    assert (at, code) == (9, "SPC301")
    assert "each GPU holds 1/4 of every token's KV (line 7; the whole on line 3)" in message
    assert f"not 4 × as many = {fix}" in message


@pytest.mark.parametrize(
    "line",
    [
        "the 4 GPUs of a replica together hold about 386k tokens",
        "so a replica serves 94 sequences at once",
        "two replicas per node hold about 772k tokens",  # replicas, not shards
    ],
)
def test_a_sharded_capacity_kept_per_replica_is_silent(line: str) -> None:
    assert findings(SHARDED.format(line=line)) == []


def test_an_unsharded_capacity_times_gpus_is_silent() -> None:
    text = SHARDED.format(line="the 4 GPUs together hold about 1.54M tokens")
    text = text.replace(
        "2 × 80 × 8 × 128 × 2 B = 327,680 B.", "2 × 40 × 4 × 128 × 2 B = 81,920 B."
    ).replace(
        "With TP=4 each GPU keeps 2 of the 8 KV heads, i.e. 81,920 B per token per GPU.",
        "Each GPU is a replica of its own (TP=1).",
    )
    assert findings(text) == []


def test_a_latency_difference_is_no_floor_for_other_latencies() -> None:
    text = (
        "# INT8 on TP=2\n\nWe serve Llama-3.1-70B in BF16 with TP=4 on H100 SXM.\n\n"
        "- BF16 TP=4: TPOT 12.8 ms\n\nThe FP8 build on TP=2 brings a 0.2 ms higher decode floor.\n"
    )
    assert findings(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "An FP8 KV cache would halve the 131,072 bytes per token.",  # the value before
        "An FP8 KV cache halves the per-token cost to 65,536 bytes.",  # the value after
    ],
)
def test_a_kv_figure_in_a_sentence_that_changes_it_is_not_checked(sentence: str) -> None:
    text = (
        "# KV\n\nWe serve Llama-3.1-8B (32 layers, 8 KV heads, head dim 128) with a BF16 KV"
        f" cache.\n\n{sentence}\n"
    )
    assert findings(text) == []


def test_a_kv_figure_that_is_plainly_wrong_is_still_checked() -> None:
    text = (
        "# KV\n\nWe serve Llama-3.1-8B (32 layers, 8 KV heads, head dim 128) with a BF16 KV"
        " cache.\n\nThe KV cache per token is 163,840 bytes.\n"
    )
    [(line, code, _)] = findings(text)
    assert (line, code) == (5, "SPC501")


def test_the_same_count_is_not_pinned_to_a_per_node_figure_when_the_total_was_written() -> None:
    text = (
        "# Cluster\n\nWe need 512 NVIDIA A100 GPUs. We can buy 64 nodes (8 GPUs each), or rent"
        "\nthe same 512 GPUs from a cloud.\n"
    )
    assert findings(text) == []


def test_a_price_per_gpu_hour_is_not_restated_as_a_price_per_hour() -> None:
    text = (
        "# Headroom\n\nSix idle replicas are 24 H100s. At $3.10 per GPU-hour that is $74.40"
        " per hour.\n"
    )
    assert findings(text) == []


@pytest.mark.parametrize(("total", "silent"), [("56,291.9", True), ("56,919.1", False)])
def test_a_bare_3600_with_seconds_in_a_formula_is_the_hand_conversion(
    total: str, silent: bool
) -> None:
    text = (
        f"# Run\n\nCompute time: 120,000 steps × 2.11 s × 800 GPUs ÷ 3,600 = {total} GPU-hours.\n"
    )
    found = findings(text)
    assert (found == []) is silent
    if not silent:
        assert [(line, code) for line, code, _ in found] == [(3, "SPC101")]


def test_a_b_in_a_row_that_counts_things_is_a_billion() -> None:
    text = (
        "# Corpus\n\n| Property | Value |\n|---|---:|\n| Records | 3.1B |\n"
        "| Average record size | 2.5 KB |\n| Total size | 7.75 TB |\n"
    )
    assert findings(text) == []


def test_a_latency_followed_by_higher_is_not_read_as_a_step_floor() -> None:
    from speclint.domain.view import build_domain
    from speclint.judgement.analysis import analyze
    from speclint.settings import Settings

    text = "# Floors\n\nThe FP8 build on TP=2 brings a 0.2 ms higher decode floor.\n"
    statements = build_domain(analyze(text), Settings()).statements
    assert [s.kind for s in statements] == []
    plain = "# Floors\n\nThe FP8 build on TP=2 has a decode floor of 5.2 ms per step.\n"
    assert [s.kind for s in build_domain(analyze(plain), Settings()).statements] == ["step-floor"]


LOAD = """\
# Cold start

- Weight load: the 70.6 GB checkpoint is read from the regional bucket over each host's
  {rate} storage link, i.e. {time} at line rate.
"""


@pytest.mark.parametrize(
    ("rate", "time", "code"),
    [("50 Gb/s", "11.3 s", None), ("50 Gb/s", "1.4 s", "SPC203"), ("6.25 GB/s", "11.3 s", None)],
)
def test_an_amount_over_a_link_a_few_words_on_then_i_e_its_time(
    rate: str, time: str, code: str | None
) -> None:
    found = findings(LOAD.format(rate=rate, time=time))
    assert [(line, c) for line, c, _ in found] == ([] if code is None else [(4, code)])


REST = """\
# Region load

| Region | Load | Spare |
|---|---:|---:|
| north | 61.5 % | 38.5 % |
| south | 70.0 % | 30.0 % |
| east | 55.2 % | {spare} |
| west | 80.4 % | 19.6 % |
"""


def test_a_complement_column_off_on_one_row_is_reported() -> None:
    [(line, code, message)] = findings(REST.format(spare="46.8 %"))
    assert (line, code) == (7, "SPC102")
    assert message.startswith("100 % − 55.2 % (line 7) = 44.8%; stated 46.8 %")


@pytest.mark.parametrize("spare", ["44.8 %", "45 %"])
def test_a_complement_column_that_adds_up_is_silent(spare: str) -> None:
    assert findings(REST.format(spare=spare)) == []


def test_columns_that_add_up_on_too_few_rows_are_not_read() -> None:
    text = REST.format(spare="46.8 %").replace("| west | 80.4 % | 19.6 % |\n", "")
    text = text.replace("| south | 70.0 % | 30.0 % |\n", "")
    assert findings(text) == []


SHARES = """\
# Monthly bill

| Item | Basis | $ / month | {header} |
|---|---|---:|---:|
| GPUs (12 × A10G) | 12 × 730 h × $1.01 | 8,847.60 | {gpu} |
| Object storage | 40,000 GB × $0.023 | 920.00 | 8.8 % |
| Egress | 5,000 GB × $0.09 | 450.00 | 4.3 % |
| Support | flat | 250.00 | 2.4 % |
| **Total** | | **10,467.60** | |
"""


def test_a_share_column_off_its_total_row_on_one_row_is_reported() -> None:
    [(line, code, message)] = findings(SHARES.format(header="Share", gpu="86.5 %"))
    assert (line, code) == (5, "SPC102")
    assert message.startswith("8,847.60 (line 5) / 10,467.60 (line 9) = 84.5%; stated 86.5 %")


@pytest.mark.parametrize(
    ("header", "gpu"), [("Share", "84.5 %"), ("Traffic share", "86.5 %"), ("Share", "85 %")]
)
def test_a_share_column_that_holds_or_shares_something_else_is_silent(
    header: str, gpu: str
) -> None:
    assert findings(SHARES.format(header=header, gpu=gpu)) == []


RECIPROCAL = """\
# Decode speed per build

| Build | Step (ms) | Max tokens/s per stream |
|---|---:|---:|
| A | 12.50 | 80.0 |
| B | 8.00 | {rate} |
| C | 20.00 | 50.0 |
"""


def test_a_rate_column_not_one_over_its_time_on_one_row_is_reported() -> None:
    [(line, code, message)] = findings(RECIPROCAL.format(rate="115.0"))
    assert (line, code) == (6, "SPC101")
    assert message.startswith("1,000 ÷ 8.00 (line 6) = 125.0; stated 115.0")
    assert "the time may be the cell that is wrong" in message


@pytest.mark.parametrize("rate", ["125.0", "125"])
def test_a_rate_column_one_over_its_time_is_silent(rate: str) -> None:
    assert findings(RECIPROCAL.format(rate=rate)) == []


def test_columns_without_a_time_unit_in_the_header_are_not_read() -> None:
    assert findings(RECIPROCAL.format(rate="115.0").replace("Step (ms)", "Step")) == []


POOL = """\
# KV pool on one L40S

```
KV pool = 43.2 GB − 16.1 GB (weights) − 1.5 GB (activations) = 25.6 GB
```

At 131,072 bytes per token the pool holds about {tokens} tokens, which is 12,207 blocks of 16
tokens.
"""


@pytest.mark.parametrize(
    ("tokens", "code"), [("195,300", None), ("209,700", "SPC202"), ("150,000", "SPC101")]
)
def test_the_tokens_a_named_pool_holds_at_a_size_per_token(tokens: str, code: str | None) -> None:
    found = findings(POOL.format(tokens=tokens))
    assert [(line, c) for line, c, _ in found] == ([] if code is None else [(7, code)])


NAMED_CELL = """\
# Regions

| Region | Peak QPS | Replicas |
|---|---:|---:|
| north | 240 | 30 |
| south | 150 | 19 |

The plan is sized for north's table peak of {peak} QPS.
"""


@pytest.mark.parametrize(("peak", "code"), [("240", None), ("260", "SPC302")])
def test_a_cell_named_by_its_row_and_column_is_restated(peak: str, code: str | None) -> None:
    found = findings(NAMED_CELL.format(peak=peak))
    assert [(line, c) for line, c, _ in found] == ([] if code is None else [(8, code)])


def test_a_cell_named_by_a_row_no_table_has_is_silent() -> None:
    text = NAMED_CELL.format(peak="260").replace("north's", "west's")
    assert findings(text) == []


FLEET = """\
# Reserved capacity

The best offer is $1.85 per GPU-hour on a one-year term. The whole {count} cluster then
costs {cost} per hour.
"""


@pytest.mark.parametrize(
    ("count", "cost", "code"),
    [("64-GPU", "$118.40", None), ("64-GPU", "$14.80", "SPC101"), ("8-node", "$14.80", None)],
)
def test_a_fleet_s_hourly_cost_from_the_price_per_gpu_hour_before_it(
    count: str, cost: str, code: str | None
) -> None:
    found = findings(FLEET.format(count=count, cost=cost))
    assert [(line, c) for line, c, _ in found] == ([] if code is None else [(4, code)])


def test_a_result_in_a_unit_written_with_per_shows_one_space() -> None:
    text = "# x\n\nAt $2.10 per GPU-hour, 8 GPUs × $2.10 per GPU-hour = $17.00 per hour.\n"
    [(_, _, message)] = findings(text)
    assert "= $16.80 per hour;" in message


@pytest.mark.parametrize(
    ("line", "silent"),
    [
        ("- Optimizer state: 12 × 7.24 B ≈ 86.9 GB in total", True),
        ("- Optimizer state: 12 × 7.24 B ≈ 96.9 GB in total", False),
        ("- KV per token: 2 × 32 × 8 × 128 × 2 B = 131,072 B", True),
    ],
)
def test_a_spaced_b_after_a_decimal_may_be_a_billion_in_a_product(line: str, silent: bool) -> None:
    found = findings(f"# State\n\n{line}\n")
    assert (found == []) is silent


def test_a_tpot_something_else_is_compared_with_is_no_claim_of_speed() -> None:
    text = (
        "# Single card\n\nWe serve Llama-3.1-70B in BF16 on one H100 SXM (TP=1).\n\n"
        "BF16 on one card is ruled out: its floor alone is above our {t} ms TPOT target.\n"
    )
    assert findings(text.format(t="25")) == []
    claimed = text.replace("its floor alone is above our {t} ms TPOT target", "TPOT is {t} ms")
    [(line, code, _)] = findings(claimed.format(t="25"))
    assert (line, code) == (5, "SPC701")


def test_a_kv_figure_is_read_at_the_precision_its_sentence_names() -> None:
    text = (
        "# Long context\n\nWe serve Llama-3.1-8B (32 layers, 8 KV heads, head dim 128) with an"
        " FP8 KV cache.\n\nIn BF16 the KV cache per token is {kv} bytes.\n"
    )
    assert findings(text.format(kv="131,072")) == []
    [(line, code, message)] = findings(text.format(kv="141,072"))
    assert (line, code) == (5, "SPC501") and "× 2 bytes" in message


@pytest.mark.parametrize(("shard", "silent"), [("26.25 M", True), ("28.25 M", False)])
def test_a_spaced_m_before_a_spaced_division_is_a_million(shard: str, silent: bool) -> None:
    text = (
        "# Shards\n\nWith M = 32 graph links per node, each of 16 shards holds"
        f" 420 M / 16 = {shard} vectors.\n"
    )
    assert (findings(text) == []) is silent
