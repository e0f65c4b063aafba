"""Shapes the lead found on held-out sets in session 26. Each shape has a wrong variant the
checks catch and a correct one that stays silent."""

from __future__ import annotations

from speclint.claims.table_header_products import header_unit

from .conftest import findings

PER_MONTH = """\
# Archive tier

Cold copies: 12.5 TB × $0.004/GB = {cost} / month, billed in arrears.
"""


def test_a_price_per_month_after_a_spaced_slash_is_the_formulas_result() -> None:
    # 12.5 TB × $0.004/GB = $50; the " / month" says what the $50 is per.
    assert findings(PER_MONTH.format(cost="$50")) == []
    [(line, code, message)] = findings(PER_MONTH.format(cost="$5"))
    assert (line, code) == (3, "SPC101")
    assert "= $50" in message and "stated $5" in message


def test_a_spaced_slash_before_a_number_still_divides() -> None:
    text = """\
# Shards

Each shard holds 640 GB / 8 = 80 GB, and the index adds 2 GB / s of writes.
"""
    assert findings(text) == []
    [(line, code, _)] = findings(text.replace("= 80 GB", "= 90 GB"))
    assert (line, code) == (3, "SPC101")


DASH_ROW = """\
# Monthly run cost (USD)

| Service | Compute | Egress | Storage | Total |
|---|---:|---:|---:|---:|
| Ingest | 4,210.50 | 312.20 | 88.10 | 4,610.80 |
| Query | 6,905.00 | 1,020.75 | 140.00 | 8,065.75 |
| Batch | 2,400.00 | — | 61.25 | {batch} |
"""


def test_a_dash_cell_adds_nothing_to_its_rows_total() -> None:
    # 2,400.00 + 61.25 = 2,461.25; the two whole rows show Total = Compute + Egress + Storage.
    assert findings(DASH_ROW.format(batch="2,461.25")) == []
    [(line, code, message)] = findings(DASH_ROW.format(batch="2,561.25"))
    assert (line, code) == (7, "SPC103")
    assert "2,400.00 (line 7) + 61.25 (line 7) = 2,461.25" in message


def test_a_dash_row_is_not_read_without_two_whole_rows_that_add_up() -> None:
    # The Query row does not add up either: the table does not show what Total is.
    text = DASH_ROW.format(batch="2,561.25").replace("8,065.75", "9,065.75")
    assert all(line != 7 for line, _, _ in findings(text))


HEADER_PRODUCT = """\
# Render farm budget

| Pool | Nodes | $/h each | Hours/month | $/month |
|---|---:|---:|---:|---:|
| Interactive | 4 | 2.45 | 730 | 7,154.00 |
| Overnight | 12 | 2.45 | 300 | {overnight} |
"""


def test_a_column_is_the_product_the_headers_units_name() -> None:
    # 12 × 2.45 × 300 = 8,820.00; the first row shows $/month = Nodes × $/h × Hours/month.
    assert findings(HEADER_PRODUCT.format(overnight="8,820.00")) == []
    [(line, code, message)] = findings(HEADER_PRODUCT.format(overnight="8,280.00"))
    assert (line, code) == (6, "SPC101")
    assert "12 (line 6) × 2.45 (line 6) × 300 (line 6) = 8,820.00" in message
    assert "the headers' units make $/month = Nodes × $/h each × Hours/month" in message


def test_a_header_product_no_other_row_shows_is_not_read() -> None:
    # Neither row holds the product: the table prices something else (a discount, a minimum).
    text = HEADER_PRODUCT.format(overnight="8,280.00").replace("7,154.00", "6,154.00")
    assert findings(text) == []


def test_header_units() -> None:
    dollars_per_hour = header_unit("$/h each")
    assert dollars_per_hour is not None and dollars_per_hour.unit is not None
    assert dollars_per_hour.unit.dims == (0, -1, 1, 0, 0, 0, 0, 0, 0)
    hours = header_unit("Hours/month")
    assert hours is not None and hours.period == "month" and hours.unit is not None
    assert header_unit("GPUs") == header_unit("Nodes")
    assert header_unit("GPUs") is not None and not header_unit("GPUs").dimensional
    assert header_unit("Recall@10") is None
    assert header_unit("Notes on pricing") is None


TIERED = """\
# Object storage

- Tiered price: $0.023/GB for the first 50 TB, then $0.022/GB.
- Storage: 50,000 GB × $0.023 + 80,000 GB × $0.022 = {cost} per month
"""


def test_a_sum_of_amounts_times_prices_reads_each_price_per_the_amounts_unit() -> None:
    # 1,150 + 1,760 = $2,910.
    assert findings(TIERED.format(cost="$2,910")) == []
    [(line, code, message)] = findings(TIERED.format(cost="$2,190"))
    assert (line, code) == (4, "SPC101")
    assert "the price is read per GB" in message


APPOSITIVE = """\
# Replication link

Per replica the change stream is 480 ÷ 16 = 30 MB/s, about {bits}, well within the 10 Gbps NIC.
"""


def test_a_value_restated_after_a_comma_and_about_is_a_conversion() -> None:
    assert findings(APPOSITIVE.format(bits="240 Mbps")) == []
    [(line, code, message)] = findings(APPOSITIVE.format(bits="30 Mbps"))
    assert (line, code) == (3, "SPC203")
    assert "30 MB/s = 240 Mbps; stated 30 Mbps matches only with bits and bytes" in message


def test_a_difference_after_a_comma_and_about_restates_nothing() -> None:
    text = """\
# Latency

The p50 went from 220 ms to 120 ms, about 0.1 s faster than last quarter.
"""
    assert findings(text) == []


def test_flops_per_token_on_a_line_labelled_parameters_are_no_parameter_count() -> None:
    text = """\
# Compute per token

The FLOPs come from the 6,980,000,000 non-embedding
parameters: 2 × 6.98B = 13.96 GFLOP per token, on Llama-3.1-8B.
"""
    assert all(code != "SPC401" for _, code, _ in findings(text))


def test_a_head_named_as_the_subject_is_a_part_of_the_model() -> None:
    text = """\
# Speculative decoding on Llama-3.1-8B

The draft is a Medusa-style head on top of the target. The head is 218,112,000 parameters
(0.44 GB in bf16) and shares the target's LM head.
"""
    assert all(code != "SPC401" for _, code, _ in findings(text))
