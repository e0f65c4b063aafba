"""The deployment model where a document describes more than one setup (issue 11): hypothetical
sentences, and the bounds a measured figure is held to."""

from __future__ import annotations

import json

from speclint.domain.view import build_domain
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS


def _domain(text: str):
    return build_domain(analyze(text, "doc.md"), DEFAULT_SETTINGS)


def _codes(cli, text: str) -> list[tuple[int, str]]:
    code, out, err = cli(["check", "-", "--format", "json"], stdin=text)
    assert code in (0, 1), err
    return [(d["line"], d["code"]) for d in json.loads(out)]


PLAN_13B = (
    "# Serving Llama-2-13B\n\n"
    "We serve Llama-2-13B in bf16 on a single H100 SXM, no tensor parallelism.\n\n"
)


def test_a_question_or_a_would_sentence_does_not_settle_a_fact() -> None:
    domain = _domain(
        "# Plan\n\nWe run TP=4 on 4× H100 with fp16 weights.\n\n"
        "Should we try TP=8 on the next cluster?\n\n"
        "With int4 weights the pool would hold twice the batch.\n"
    )
    assert domain.facts.value("tp") == 4
    assert domain.facts.value("weight_dtype") == "fp16"
    assert [f.aside for f in domain.facts.facts["tp"]] == [False, True]


def test_only_hypothetical_facts_are_still_read() -> None:
    domain = _domain("# Plan\n\nIf we used TP=8 the shard would be small.\n")
    assert domain.facts.value("tp") == 8


def test_a_figure_for_a_supposed_setup_is_not_held_to_the_plan(cli) -> None:
    # ~400 tokens/s at batch 1 is impossible in bf16 (25.4 GB at 3.35 TB/s allows ~132)
    # and on the plan's own terms, but the sentence supposes int4 weights: silent.
    doc = PLAN_13B + "With int4 weights a single stream would reach ~400 tokens/s at batch 1.\n"
    assert _codes(cli, doc) == []
    claim = PLAN_13B + "A single stream reaches ~400 tokens/s at batch 1.\n"
    assert _codes(cli, claim) == [(5, "SPC601")]


def test_a_single_named_device_is_one_gpu() -> None:
    assert _domain(PLAN_13B).facts.value("gpu_count") == 1
    assert _domain("# Plan\n\nA single-node H100 box.\n").facts.value("gpu_count") is None


def test_measured_tpot_below_the_weight_streaming_floor(cli) -> None:
    # 13B in bf16 streams ~25.4 GB per step: at 3.35 TB/s no step is under ~7.6 ms.
    assert _codes(cli, PLAN_13B + "We measured a TPOT of 6 ms at batch 1.\n") == [(5, "SPC701")]
    assert _codes(cli, PLAN_13B + "We measured a TPOT of 9 ms at batch 1.\n") == []
