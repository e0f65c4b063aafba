"""Quotient columns along table rows (issue 10): a share or a cost per unit that the header
names and every other row holds, checked on the one row that breaks it. Each wrong shape has
correct look-alikes that must stay silent."""

from __future__ import annotations

from speclint import lint_text


def found(text: str) -> list[tuple[int, str, str]]:
    """(line, code, fix) of every error and warning."""
    return [
        (d.line, d.code, d.fix.replacement if d.fix else "")
        for d in lint_text(text, "t.md")
        if d.severity in ("error", "warning")
    ]


SHARE = """\
| Node type | Peak (req/s) | Sustained (req/s) | {header} |
|---|---|---|---|
| c7g.4xlarge | 2,400 | 1,870 | {c7g} |
| c7i.4xlarge | 2,150 | 1,720 | {c7i} |
| g5.xlarge | 5,600 | 4,930 | {g5} |
"""


def share(header: str = "% of peak", c7g: str = "78%", c7i: str = "80%", g5: str = "88%") -> str:
    return SHARE.format(header=header, c7g=c7g, c7i=c7i, g5=g5)


def test_a_share_column_is_checked_on_the_row_the_others_contradict() -> None:
    [diag] = lint_text(share(g5="68%"), "t.md")
    assert (diag.line, diag.column, diag.code) == (5, 31, "SPC101")
    assert diag.message == (
        "4,930 (line 5) / 5,600 (line 5) × 100 = 88%; stated 68% is 1.29× too small (the other "
        "2 rows of the table have % of peak = Sustained (req/s) / Peak (req/s) × 100)"
    )
    assert diag.fix is not None
    assert (diag.fix.replacement, diag.fix.applicability) == ("88", "unsafe")


def test_a_fraction_written_as_a_percentage_is_the_named_slip() -> None:
    assert found(share(g5="0.88%")) == [(5, "SPC205", "88.04")]


def test_fraction_cells_under_an_efficiency_header() -> None:
    text = share(header="Efficiency", c7g="0.78", c7i="0.80", g5="{g5}")
    assert found(text.format(g5="0.68")) == [(5, "SPC101", "0.88")]
    assert found(text.format(g5="0.88")) == []


def test_correct_share_columns_stay_silent() -> None:
    assert found(share()) == []
    assert found(share(g5="—")) == []


def test_a_share_needs_two_other_rows_that_hold_it() -> None:
    # Only one other row holds 100 × sustained / peak: no evidence, no claim.
    assert found(share(c7i="70%", g5="68%")) == []


def test_a_column_whose_header_names_no_quotient_stays_silent() -> None:
    # The same numbers under a header that says nothing of a ratio.
    text = share(header="Replicas", c7g="78", c7i="80", g5="68")
    assert found(text) == []


COST = """\
| Node type | $/hour | Sustained (req/s) | $ per 1M requests |
|---|---|---|---|
| c7g.4xlarge | 0.58 | 1,870 | 0.086 |
| c7i.4xlarge | 0.71 | 1,720 | 0.115 |
| g5.xlarge | 1.01 | 4,930 | {g5} |
"""


def test_a_cost_per_unit_column_uses_the_headers_scale_and_time_units() -> None:
    [diag] = lint_text(COST.format(g5="0.57"), "t.md")
    assert (diag.line, diag.code) == (5, "SPC101")
    assert diag.message == (
        "1.01 (line 5) / 4,930 (line 5) × 1,000,000 / 3,600 = 0.057; stated 0.57 is 10.0× too "
        "large (the other 2 rows of the table have $ per 1M requests = $/hour / Sustained "
        "(req/s) × 1,000,000 / 3,600)"
    )
    assert found(COST.format(g5="0.057")) == []


def test_a_cost_column_without_a_scale_or_with_a_time_unit_is_not_a_quotient() -> None:
    # "$ per request" has no scale to fix the constant; "$ per day" is a product, not a quotient.
    assert found(COST.replace("$ per 1M requests", "$ per request").format(g5="0.57")) == []
    assert found(COST.replace("$ per 1M requests", "$ per day").format(g5="0.57")) == []


PER_GPU = """\
| Pool | GPUs | Throughput (tok/s) | {header} |
|---|---|---|---|
| chat | 16 | 38,400 | 2,400 |
| batch | 32 | 89,600 | 2,800 |
| eval | 8 | 14,400 | {eval} |
"""


def test_a_per_unit_column_is_divided_by_the_column_it_names() -> None:
    text = PER_GPU.format(header="tok/s per GPU", eval="2,100")
    [diag] = lint_text(text, "t.md")
    assert (diag.line, diag.code) == (5, "SPC101")
    assert diag.message == (
        "14,400 (line 5) / 8 (line 5) = 1,800; stated 2,100 is 1.17× too large (the other 2 rows "
        "of the table have tok/s per GPU = Throughput (tok/s) / GPUs)"
    )
    assert found(PER_GPU.format(header="tok/s per GPU", eval="1,800")) == []


def test_a_column_per_something_no_other_column_counts_stays_silent() -> None:
    assert found(PER_GPU.format(header="Peak tok/s", eval="2,100")) == []
    assert found(PER_GPU.format(header="tok/s per node", eval="2,100")) == []
