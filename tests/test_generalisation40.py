"""Shapes the lead found in session 32. Each shape has a wrong variant the checks catch and a
correct one that stays silent."""

from __future__ import annotations

import pytest

from .conftest import findings

PRICING = """\
# Inference API: pricing for the partner tier

## List prices

Output tokens are billed at {output} per 1M tokens ({output_k} per 1K tokens).
Input tokens cost $2.50 per 1M tokens, i.e. {input_k} per 1K tokens.
Embedding calls cost $0.40 per 1,000 requests, that is {embed} per 10K requests.

## Tiers

The batch tier is $5 per 1M tokens, or $0.05 per 1K tokens with the priority flag.
Prompt input is $3 per 1M input tokens or $15 per 1M output tokens.
"""


def _pricing(**overrides: str) -> str:
    values = {"output": "$10", "output_k": "$0.01", "input_k": "$0.0025", "embed": "$4"}
    return PRICING.format(**(values | overrides))


def test_a_price_restated_per_another_count_is_the_price_over_its_count_times_the_other() -> None:
    assert findings(_pricing()) == []
    [(line, code, message)] = findings(_pricing(output_k="$0.10"))
    assert (line, code) == (5, "SPC201")
    assert "$10 / 1M tokens × 1K tokens = $0.01; stated $0.10 is 10× too large" in message
    [(line, _, message)] = findings(_pricing(embed="$40"))
    assert line == 7
    assert "$0.40 / 1,000 requests × 10K requests = $4" in message


@pytest.mark.parametrize("input_k", ["$0.025", "$0.00025"])
def test_the_restated_price_after_i_e_is_checked_either_way(input_k: str) -> None:
    [(line, code, message)] = findings(_pricing(input_k=input_k))
    assert (line, code) == (6, "SPC201")
    assert "= $0.0025" in message


def test_a_price_with_terms_or_of_other_things_is_no_restatement() -> None:
    # "$0.05 per 1K tokens with the priority flag" and "$15 per 1M output tokens" are other
    # prices: neither is read against the one before it.
    text = _pricing().replace("$15 per 1M output", "$15 per 1K output")
    assert findings(text) == []


STORAGE = """\
# Object storage: tiering plan

| Tier | Price |
|---|---|
| Hot | $0.023/GB-month |
| Archive | $0.004/GB-month |

The hot tier is $0.023/GB-month ({hot} per TB-month) and egress is $0.09 per GB, i.e.
{egress} per TB. Replication adds $0.02 per GB ($0.16 per node) for each of the 8 nodes.
Archive retrieval is $0.01 per GB-hour ($7.30 per GB-month at 730 h).
"""


def _storage(hot: str = "$23", egress: str = "$90") -> str:
    return STORAGE.format(hot=hot, egress=egress)


def test_a_price_per_a_unit_restated_per_another_unit_of_its_dimension() -> None:
    assert findings(_storage()) == []
    [(line, code, message)] = findings(_storage(hot="$2.3"))
    assert (line, code) == (8, "SPC201")
    assert "$0.023/GB-month = $23.0/TB-month; stated $2.3 per TB-month is 10× too small" in message
    [(line, code, message)] = findings(_storage(egress="$9"))
    assert (line, code) == (9, "SPC201")
    assert "$0.09 per GB = $90/TB; stated $9 per TB is 10× too small" in message


SERVING = """\
# Serving Llama-3.1-70B on one H100 node

- Model: Llama-3.1-70B, 70.55B parameters, served in BF16
- Replica: 4× H100 SXM 80GB, TP=4 (989 TFLOPS dense BF16 and 3.35 TB/s HBM per GPU)

## Baseline latency

| Prompt length | TTFT p50 | TPOT p50 |
|---:|---:|---:|
| 2k | 0.18 s | 24 ms |
| 32k | {ttft} | 31 ms |

## KV cache

Full-model KV per token is `2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B` (320 KiB).
With TP=4 each GPU holds two KV heads per layer, so each GPU stores
320 KiB / 4 = {kv} KiB per token.

The weight shard per GPU is `80 layers × 220,200,960 params × 2 B = 35,232,153,600 B`,
i.e. {shard}.
"""


def _serving(ttft: str = "2.60 s", kv: str = "80", shard: str = "32.8 GiB") -> str:
    return SERVING.format(ttft=ttft, kv=kv, shard=shard)


def test_a_table_row_s_prompt_length_in_thousands_sets_the_prefill_bound() -> None:
    assert findings(_serving()) == []
    [(line, code, message)] = findings(_serving(ttft="0.62 s"))
    assert (line, code) == (11, "SPC701")
    assert "× 32768 tokens" in message and "stated 0.62 s is 2.4× faster than that bound" in message


def test_a_kv_figure_is_per_gpu_when_its_sentence_says_each_gpu_stores_it() -> None:
    # The arithmetic and the per-GPU reading agree on the fix, so it is offered.
    found = findings(_serving(kv="160"))
    assert [(line, code) for line, code, _ in found] == [(17, "SPC101"), (17, "SPC501")]
    assert "KV cache per token per GPU:" in found[1][2]
    assert "stated 160 KiB per token is 2× too large" in found[1][2]
    from speclint import lint_text

    fixes = {d.fix.replacement for d in lint_text(_serving(kv="160"), "t.md") if d.fix}
    assert fixes == {"80"}


def test_a_number_written_out_in_full_before_a_spaced_b_is_bytes() -> None:
    [(line, code, message)] = findings(_serving(shard="35.2 GiB"))
    assert (line, code) == (20, "SPC202")
    assert "35,232,153,600 B = 32.8 GiB; stated 35.2 GiB matches only with GiB read as GB" in message
