"""Shapes found on a sixth held-out set: a change in percent against the figure it compares
with. Each wrong shape has a correct look-alike that stays silent."""

from __future__ import annotations

from .conftest import findings

SAVING = """\
# Build cache

Moving the cache to local NVMe saves 840 − 525 = 315 GB of egress a day, {pct} less than
the bucket, and cuts rebuild time too.
"""


def test_a_saving_against_the_wrong_base_is_an_error() -> None:
    # 315 / 525 = 60% is the saving over the new figure; the change is 315 / 840
    [(line, code, message)] = findings(SAVING.format(pct="60%"))
    assert (line, code) == (3, "SPC102")
    assert message.startswith("1 − (525 / 840) = 38%; stated 60% is 1.6× too large")


def test_a_saving_against_its_minuend_is_silent() -> None:
    assert findings(SAVING.format(pct="37.5%")) == []


def test_a_difference_that_is_no_saving_is_not_read_as_a_change() -> None:
    # the difference is free memory: its percentage may compare it with anything
    text = SAVING.replace("saves", "leaves").format(pct="60%")
    assert findings(text) == []
    # compared with another figure after the percentage
    text = SAVING.replace("the bucket", "the 500 GB of last year").format(pct="60%")
    assert findings(text) == []


AGAINST = """\
# Inference bill

The batch tier costs $3,150 a month, {pct} {word} the {other} of the interactive tier.
"""


def test_a_change_against_a_named_value_is_checked() -> None:
    [(line, code, message)] = findings(
        AGAINST.format(pct="25%", word="cheaper than", other="$4,500")
    )
    assert (line, code) == (3, "SPC102")
    assert message == "1 − ($3,150 / $4,500) = 30%; stated 25% cheaper is 1.2× too small"
    assert findings(AGAINST.format(pct="30%", word="cheaper than", other="$4,500")) == []
    assert findings(AGAINST.format(pct="30%", word="less than", other="$4,500")) == []


def test_a_change_against_a_value_of_another_kind_or_clause_is_silent() -> None:
    # another kind: a count of GPUs is not compared with dollars
    assert findings(AGAINST.format(pct="25%", word="cheaper than", other="8 GPUs")) == []
    # no figure to compare with
    assert findings(AGAINST.format(pct="25%", word="cheaper than", other="bill")) == []
    # the percentage compares something else: a clause between it and the figure
    text = AGAINST.format(pct="25%", word="cheaper than in May, when the bill was", other="$4,500")
    assert findings(text) == []


SHARE = """\
# Embedding service

The indexer embeds 5.4B tokens a day: 5.4B / (24 × 3,600 s) = 62,500 tokens/s on average.

We run it on four A10G cards. {sentence}
"""


def test_a_total_rate_given_to_each_device_is_an_error() -> None:
    text = SHARE.format(sentence="Each of the 4 cards must sustain 62,500 tokens/s.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (5, "SPC301")
    assert message == (
        "62,500 tokens/s is the whole workload's rate (line 3); each of 4 cards takes "
        "62,500 / 4 = 15,625 tokens/s; stated 62,500 tokens/s for each card restates the total "
        "as one card's share"
    )
    text = SHARE.format(sentence="The four cards must each sustain 62,500 tokens/s.")
    assert [(line, code) for line, code, _ in findings(text)] == [(5, "SPC301")]


def test_each_devices_share_of_a_total_rate_is_silent() -> None:
    assert (
        findings(SHARE.format(sentence="Each of the 4 cards must sustain 15,625 tokens/s.")) == []
    )


def test_a_total_any_device_may_carry_alone_is_silent() -> None:
    # failover: one card must be able to carry the whole rate
    text = SHARE.format(sentence="Each of the 4 cards can take 62,500 tokens/s if the others fail.")
    assert findings(text) == []
    # a rate computed for one device is no total
    text = SHARE.replace("embeds", "embeds on one card").format(
        sentence="Each of the 4 cards must sustain 62,500 tokens/s."
    )
    assert findings(text) == []
    # a bandwidth is not read: in a ring all-reduce each GPU moves about the whole buffer
    text = SHARE.replace("5.4B tokens", "5.4 TB").replace("62,500 tokens/s", "62.5 MB/s")
    assert findings(text.format(sentence="Each of the 4 cards must sustain 62.5 MB/s.")) == []


ONE_CARD = """\
# Serving notes

We serve Llama-3.1-8B in BF16 with TP=8 on one 8×H100 SXM node.

{sentence}
"""


def test_a_decode_rate_on_one_device_of_a_tp_group_is_bounded_by_that_device() -> None:
    text = ONE_CARD.format(sentence="At batch 1 we measured 400 tokens/s decode on a single H100.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (5, "SPC601")
    assert message.startswith(
        "decode at batch 1 × 3.35 TB/s ÷ 13.96 GB of weights read per step (6.979B params × 2 B) "
        "allows at most 240 tokens/s per GPU at 100 % of peak; stated 400 tokens/s decode is "
        "1.67× the bound"
    )
    text = ONE_CARD.format(sentence="At batch 1 we measured 150 tokens/s decode on a single H100.")
    assert findings(text) == []
    # the whole node (its TP group of 8) is not one device
    text = ONE_CARD.format(sentence="At batch 1 we measured 400 tokens/s decode on that node.")
    assert findings(text) == []


def test_a_quoted_or_questioned_rate_is_a_warning_and_a_rejected_one_is_silent() -> None:
    asked = (
        "The vendor says their build decodes at 400 tokens/s at batch 1 on the same card; is "
        "that realistic?"
    )
    [(line, code, message)] = findings(ONE_CARD.format(sentence=asked))
    assert (line, code) == (5, "SPC601")
    assert message.endswith("(a figure the text questions or quotes, not its own claim)")
    from speclint import lint_text

    [diagnostic] = lint_text(ONE_CARD.format(sentence=asked), "t.md")
    assert diagnostic.severity == "warning"
    rejected = (
        "The vendor says their build decodes at 400 tokens/s at batch 1 on the same card. "
        "That is impossible at this bandwidth."
    )
    assert findings(ONE_CARD.format(sentence=rejected)) == []


PRECISIONS = """\
# Latency

Llama-3.1-70B on 4 × H200 with TP=4.

- Weights in BF16: 141 GB.
- Weights in FP8: 70.6 GB.

We measured a TPOT of {tpot} per token in {dtype} at batch 1.
"""


def test_a_time_per_token_is_bounded_at_the_precision_its_sentence_names() -> None:
    [(line, code, message)] = findings(PRECISIONS.format(tpot="4 ms", dtype="BF16"))
    assert (line, code) == (8, "SPC701")
    assert message.startswith(
        "each output token: 136.9 GB of weights per step (68.45B params × 2 B) ÷ (4 GPUs × "
        "4.8 TB/s) needs at least 7.13 ms at 100 % of peak on every GPU; stated 4 ms per token "
        "is 1.78× faster than that bound"
    )
    assert findings(PRECISIONS.format(tpot="9 ms", dtype="BF16")) == []
    assert findings(PRECISIONS.format(tpot="4 ms", dtype="FP8")) == []
    # a precision of the KV cache is no precision of the weights
    assert findings(PRECISIONS.format(tpot="4 ms", dtype="BF16 with an FP8 KV cache")) == []


def test_the_weights_precision_of_in_bf16_the_model_is() -> None:
    text = ONE_CARD.replace("in BF16 ", "").replace(
        "node.", "node. In BF16 the full model is 16.1 GB."
    )
    text = text.format(sentence="At batch 1 we measured 400 tokens/s decode on a single H100.")
    assert [(line, code) for line, code, _ in findings(text)] == [(5, "SPC601")]
    assert findings(text.replace("400 tokens/s", "150 tokens/s")) == []


ACTIVE = """\
# Mixtral-8x7B serving

Mixtral-8x7B routes each token to 2 of its 8 experts, so only {share} of the weights are read per
token.
"""


def test_a_share_of_the_weights_each_token_reads_is_the_active_share() -> None:
    assert findings(ACTIVE.format(share="27.6%")) == []
    [(line, code, message)] = findings(ACTIVE.format(share="0.28%"))
    assert (line, code) == (3, "SPC401")
    assert message == (
        "share of the parameters each token uses: active 12.62B–12.88B ÷ total 46.44B–46.7B "
        "(from the architecture) = 27.02 %–27.73 %; stated 0.28% is 97.8× too small (the "
        "fraction written as a percentage)"
    )
    [(_, code, message)] = findings(ACTIVE.format(share="12%"))
    assert code == "SPC401" and message.endswith("stated 12% is 2.28× too small")


def test_a_share_read_per_step_or_of_a_dense_model_is_not_the_active_share() -> None:
    # a batch's step reads more experts than one token
    assert findings(ACTIVE.format(share="12%").replace("per\ntoken", "per step")) == []
    dense = ACTIVE.replace("Mixtral-8x7B routes each token to 2 of its 8 experts", "Llama-3.1-8B")
    assert findings(dense.format(share="12%")) == []


RESTATED = """\
# Cache sizing

- The prefix cache holds 96 / 1,200 ≈ 8% of the hot prompts; the rest are recomputed.
- Put differently, the cache keeps {share} of the hot prompt set.
"""


def test_a_share_restated_as_its_fraction_in_percent_is_a_slip() -> None:
    [(line, code, message)] = findings(RESTATED.format(share="0.08%"))
    assert (line, code) == (4, "SPC205")
    assert (
        message
        == "96 / 1,200 = 8.00%; stated 0.08% matches only with percent and fraction (100× off)"
    )
    assert findings(RESTATED.format(share="8%")) == []


def test_a_restatement_of_another_ratio_is_not_read() -> None:
    # not the fraction of the sentence before: it may restate another ratio
    assert findings(RESTATED.format(share="0.5%")) == []
    # no restating words: a share of something else
    text = RESTATED.replace("Put differently, the", "The").format(share="0.08%")
    assert findings(text) == []


SAVING_DTYPE = """\
# Quantisation

- Weights in BF16: 16.1 GB.
- Weights in FP8: 8.0 GB; FP8 cuts the weight memory by {pct}.
"""


def test_a_weight_memory_saving_written_as_its_fraction_is_a_slip() -> None:
    [(line, code, message)] = findings(SAVING_DTYPE.format(pct="0.5%"))
    assert (line, code) == (4, "SPC205")
    assert message.startswith("1 − 1 B / 2 B per weight = 50")
    assert message.endswith("stated 0.5% matches only with percent and fraction (100× off)")
    assert findings(SAVING_DTYPE.format(pct="50%")) == []


def test_another_weight_memory_saving_is_not_read() -> None:
    # parts kept in BF16 (embeddings, norms) make the saving a little less than half
    assert findings(SAVING_DTYPE.format(pct="47%")) == []
    # three formats: the baseline is unclear
    text = SAVING_DTYPE.replace("# Quantisation", "# Quantisation (FP32 master copy)")
    assert findings(text.format(pct="0.5%")) == []
