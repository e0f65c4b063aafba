"""Shapes found on an eighth held-out set, all misses: a price written without the unit it is
per, and figures restated in the wrong scope or unit. Each wrong shape has a correct look-alike
that stays silent."""

from __future__ import annotations

from .conftest import findings

TRANSFER = """\
# Moving the archive

The archive is 12,000 GB of parquet.

- Download from the old provider (billed at $0.05/GB): 12,000 GB × $0.05 = {fee}.
"""


def test_a_price_that_dropped_its_per_unit_is_read_per_the_other_operand() -> None:
    [(line, code, message)] = findings(TRANSFER.format(fee="$60"))
    assert (line, code) == (5, "SPC101")
    assert message == (
        "12,000 GB × $0.05 = $600; stated $60 is 10× too small (the price is read per GB)"
    )


def test_a_price_per_unit_that_adds_up_is_silent() -> None:
    assert findings(TRANSFER.format(fee="$600")) == []


CACHE = """\
# Prefix cache sizing

Cached prefixes: 4,096 prompts × 65,536 B = 268.4 MB in host memory.

Rounded for the allocator, the cache is {restated} of pinned pages.
"""


def test_a_computed_figure_restated_with_the_other_prefix_is_the_gb_gib_slip() -> None:
    [(line, code, message)] = findings(CACHE.format(restated="268.4 MiB"))
    assert (line, code) == (5, "SPC202")
    assert message.startswith("268.4 MB (line 3) = 256.0 MiB; stated 268.4 MiB matches only")


def test_a_computed_figure_restated_in_its_own_unit_is_silent() -> None:
    assert findings(CACHE.format(restated="268.4 MB")) == []
    assert findings(CACHE.format(restated="256.0 MiB")) == []


LOGGING = """\
# Log shipping for the inference fleet

The fleet is 256 H100 GPUs, each running one vLLM worker.

- Each worker emits 1,900 lines/min at 250 B per line:
  logs per GPU = 1,900 × 250 B / 60 s ≈ 7.92 KB/s.
- Whole fleet: 256 × 7.92 KB/s ≈ 2.03 MB/s into the collector.
- {claim}
"""


def test_a_total_restated_as_each_gpu_s_figure_is_reported() -> None:
    text = LOGGING.format(claim="Each GPU therefore ships about 2.03 MB/s of logs.")
    [(line, code, message)] = findings(text)
    assert (line, code) == (8, "SPC301")
    assert message == (
        "2.03 MB/s (line 7) is the total; each GPU has 2.03 MB/s / 256 = 7.92 KB/s (line 6); "
        "stated 2.03 MB/s for each GPU restates the total as one GPU's share"
    )


def test_each_gpu_s_own_figure_and_the_fleet_s_total_are_silent() -> None:
    assert findings(LOGGING.format(claim="Each GPU therefore ships about 7.92 KB/s of logs.")) == []
    whole = "The collector must therefore take about 2.03 MB/s in total."
    assert findings(LOGGING.format(claim=whole)) == []


SHARDS = """\
# Serving a 176B model on one 8-GPU node

The weights are 176B × 2 B = 352 GB in BF16, so the weights per GPU come to 352 GB / 8 = 44 GB
at TP=8.

{claim}
"""


def test_whole_model_weights_given_as_per_gpu_weights_are_reported() -> None:
    [(line, code, message)] = findings(SHARDS.format(claim="Per-GPU weight memory: 352 GB."))
    assert (line, code) == (6, "SPC301")
    assert message.startswith("352 GB (line 3) is the total; each GPU has 352 GB / 8 = 44 GB")


def test_a_device_s_memory_that_equals_a_total_is_no_share() -> None:
    # the device's capacity shares no noun with the weights per GPU
    assert findings(SHARDS.format(claim="Each GPU offers 352 GB of HBM in this what-if.")) == []
    assert findings(SHARDS.format(claim="A single GPU would need all 352 GB of weights.")) == []


TIERS = """\
# Batch inference tiers

| Tier | $/node-h |
|---|---:|
| Standard | 40.00 |
| Spot | 25.00 |

{claim}
"""


def test_a_saving_against_another_row_written_as_its_fraction_is_the_percent_slip() -> None:
    [(line, code, message)] = findings(TIERS.format(claim="Spot saves 0.375 % vs standard."))
    assert (line, code) == (8, "SPC205")
    assert message.startswith("(40.00 (line 5) − 25.00 (line 6)) / 40.00 = 37.500%; stated 0.375 %")
    assert findings(TIERS.format(claim="Spot saves 37.5 % vs standard.")) == []


def test_a_change_over_the_subject_s_own_figure_is_on_the_wrong_base() -> None:
    [(line, code, message)] = findings(TIERS.format(claim="Spot is 60 % cheaper than standard."))
    assert (line, code) == (8, "SPC101")
    assert message.startswith(
        "(40.00 (line 5) − 25.00 (line 6)) / 40.00 = 38%; stated 60 % is 1.6× too large"
    )
    assert message.endswith("(the change is over the figure compared with; stated is over 25.00)")


def test_a_change_over_the_figure_after_than_is_silent() -> None:
    assert findings(TIERS.format(claim="Spot is 37.5 % cheaper than standard.")) == []
    assert findings(TIERS.format(claim="Standard is 60 % more expensive than spot.")) == []


DECODE = """\
# Chat tier latency budget

Measured at batch 1: p50 TPOT 8 ms, p90 TPOT 12.5 ms.

{claim}

At batch 16 a TPOT of 25 ms still yields 640 tok/s for the replica.
"""


def test_one_user_s_rate_beside_its_time_per_token_is_its_reciprocal() -> None:
    claim = "At the p90 TPOT of 12.5 ms a single user reads about 125 tok/s."
    [(line, code, message)] = findings(DECODE.format(claim=claim))
    assert (line, code) == (5, "SPC101")
    assert message.startswith("1 token / 12.5 ms = 80 tok/s; stated 125 tok/s is 1.56× too large")


def test_a_reciprocal_rate_and_a_batch_s_rate_are_silent() -> None:
    claim = "At the p90 TPOT of 12.5 ms a single user reads about 80 tok/s."
    assert findings(DECODE.format(claim=claim)) == []


FLOORS = """\
# Decode floors on two generations

| GPU | HBM |
|---|---|
| H100 SXM | 80 GB, 3.35 TB/s |
| B200 | 192 GB, 8 TB/s |

- On B200: 40.2 GB / 8 TB/s = 5.03 ms per step.
- {claim}
"""


def test_another_named_device_s_bandwidth_given_to_this_one_is_reported() -> None:
    [(line, code, message)] = findings(FLOORS.format(claim="On H100: 40.2 GB / 8 TB/s = 5.03 ms."))
    assert (line, code) == (9, "SPC302")
    assert message.startswith("8 TB/s is the NVIDIA B200 SXM's memory bandwidth (named on line 6)")


def test_the_device_s_own_bandwidth_and_a_comparison_are_silent() -> None:
    assert findings(FLOORS.format(claim="On H100: 40.2 GB / 3.35 TB/s = 12.0 ms.")) == []
    assert findings(FLOORS.format(claim="H100 reads at 3.35 TB/s vs 8 TB/s.")) == []
