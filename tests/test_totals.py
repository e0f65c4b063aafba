"""Totals, scope and facts: Total rows and lines, products along table rows, and facts that
belong to one of several systems (issue 10, items 7–9). Each wrong shape has correct
look-alikes that must stay silent."""

from __future__ import annotations

from speclint import lint_text
from speclint.domain.facts import extract_facts
from speclint.judgement.analysis import analyze


def found(text: str) -> list[tuple[int, str, str]]:
    """(line, code, fix) of every error and warning."""
    return [
        (d.line, d.code, d.fix.replacement if d.fix else "")
        for d in lint_text(text, "t.md")
        if d.severity in ("error", "warning")
    ]


# -- Total rows -------------------------------------------------------------------------------

OPTIMIZER_STATE = """\
| Tensor | Bytes/param |
|---|---|
| fp16 weights | 2 |
| fp32 master copy | 4 |
| momentum (fp32) | 4 |
| variance (fp32) | 4 |
| **Total** | **{total}** |
"""


def test_whole_bytes_per_param_are_exact_widths() -> None:
    [diag] = lint_text(OPTIMIZER_STATE.format(total=12), "t.md")
    assert (diag.line, diag.code) == (7, "SPC103")
    assert diag.message.startswith(
        "2 (line 3) + 4 (line 4) + 4 (line 5) + 4 (line 6) = 14 Bytes/param; stated 12"
    )
    assert diag.fix is not None and diag.fix.replacement == "14"
    assert found(OPTIMIZER_STATE.format(total=14)) == []


def test_a_shorter_run_of_parts_is_no_excuse_without_a_whole_above_it() -> None:
    # 4.0 + 4.5 + 4.0 = 12.5 fits, but nothing above the run is a capacity it fills.
    text = (
        "- Weights: 2.5 GB\n- Cache: 4.0 GB\n- Buffers: 4.5 GB\n- Scratch: 4.0 GB\n"
        "- Total: 12.5 GB\n"
    )
    assert found(text) == [(5, "SPC103", "15.0")]
    # A capacity line above the parts: the total covers the lines after it.
    capacity = "- HBM: 24 GB\n- Weights: 4 GB\n- Cache: 6 GB\n- Buffers: 2 GB\n- Total: 12 GB\n"
    assert found(capacity) == []


PER_GPU = """\
| Component | Per GPU (GB) |
|---|---:|
| Weights | 35.3 |
| KV cache | 28.0 |
| Activations | 6.5 |
| **Total** | {total} |
"""


def test_a_per_gpu_breakdown_adds_up() -> None:
    assert found(PER_GPU.format(total="69.8")) == []
    assert found(PER_GPU.format(total="72.8")) == [(6, "SPC103", "69.8")]


def test_a_per_gpu_column_total_that_is_not_a_sum_stays_silent() -> None:
    # The fleet's figure under a per-GPU column, and the average of the rows.
    assert found(PER_GPU.format(total="1,117")) == []
    assert found(PER_GPU.format(total="23.3")) == []


P99 = """\
| Stage | p99 budget (ms) |
|---|---:|
| Gateway | 15 |
| Retrieval | 40 |
| Model | 120 |
| Post-processing | 25 |
| **Total** | {total} |
"""


def test_a_percentile_budget_adds_up() -> None:
    assert found(P99.format(total="200")) == []
    assert found(P99.format(total="210")) == [(7, "SPC103", "200")]
    assert found(P99.format(total="120")) == []  # the worst stage, not a sum


def test_a_blended_rate_in_a_total_row_is_not_a_sum() -> None:
    text = (
        "| Pool | GPUs | Price ($/GPU-hour) |\n|---|---:|---:|\n| On-demand | 64 | 3.20 |\n"
        "| Reserved | 192 | 2.10 |\n| **Total** | 256 | 2.38 |\n"
    )
    assert found(text) == []


QUARTERS = """\
| Team | Engineers | Q1 | Q2 | Q3 | Total |
|---|---:|---:|---:|---:|---:|
| search | 14 | 120 | 135 | 150 | 405 |
| ads | 9 | 80 | 95 | 110 | 285 |
| infra | 6 | 40 | 45 | 50 | {infra} |
"""


def test_a_total_column_adds_the_run_of_columns_the_rows_show() -> None:
    # The quarters add up on the other rows; the engineer count is not a part.
    assert found(QUARTERS.format(infra=135)) == []
    [diag] = lint_text(QUARTERS.format(infra=145), "t.md")
    assert (diag.line, diag.code) == (5, "SPC103")
    assert diag.message.startswith("40 (line 5) + 45 (line 5) + 50 (line 5) = 135; stated 145")


def test_a_total_column_no_run_explains_stays_silent() -> None:
    text = (
        "| Team | Q1 | Q2 | Total |\n|---|---:|---:|---:|\n| a | 10 | 20 | 35 |\n"
        "| b | 5 | 5 | 12 |\n| c | 1 | 2 | 3 |\n"
    )
    assert found(text) == []


def test_an_aligned_block_of_figures_with_a_total_line() -> None:
    block = (
        "Per GPU:\n\n```text\nWeights      16.1 GB\nKV cache     40.2 GB\n"
        "Total        {total} GB\n```\n"
    )
    assert found(block.format(total="56.3")) == []
    [diag] = lint_text(block.format(total="62.7"), "t.md")
    assert (diag.line, diag.code) == (6, "SPC103")
    assert diag.message.startswith("16.1 GB (line 4) + 40.2 GB (line 5) = ")
    # Prose lines that end in figures are not a block of figures.
    prose = "We keep the weights at 16.1 GB\nand the cache at 40.2 GB, a total\nof about 62.7 GB\n"
    assert found(prose) == []


# -- Products along table rows ------------------------------------------------------------------

FLEET = """\
| Site | Racks | Servers / rack | Servers |
|---|---:|---:|---:|
| Dublin | 12 | 16 | 192 |
| Oregon | 30 | 16 | 480 |
| Tokyo | 9 | 16 | 144 |
| Sydney | 6 | 16 | {sydney} |
"""


def test_a_row_that_breaks_the_tables_product_is_reported() -> None:
    [diag] = lint_text(FLEET.format(sydney=112), "t.md")
    assert (diag.line, diag.code) == (6, "SPC101")
    assert diag.message == (
        "6 (line 6) × 16 (line 6) = 96; stated 112 is 1.17× too large (the other 3 rows of the "
        "table have Servers = Racks × Servers / rack)"
    )
    assert diag.fix is not None and diag.fix.replacement == "96"
    assert found(FLEET.format(sydney=96)) == []


def test_a_row_product_with_a_unit_conversion() -> None:
    text = (
        "| Bucket | Stored (TB) | Price ($/GB-month) | Monthly cost ($) |\n|---|---:|---:|---:|\n"
        "| logs | 120 | 0.023 | 2,760 |\n| media | 480 | 0.023 | 11,040 |\n"
        "| backups | 900 | 0.004 | 3,600 |\n| models | 35 | 0.023 | {models} |\n"
    )
    assert found(text.format(models="8,050")) == [(6, "SPC101", "805")]
    assert found(text.format(models="805")) == []


def test_rows_that_do_not_establish_a_product_stay_silent() -> None:
    # Only two rows agree: not enough to read the column as a product.
    two = "| A | x | y | z |\n|---|---|---|---|\n| a | 2 | 3 | 6 |\n| b | 4 | 5 | 20 |\n"
    assert found(two + "| c | 7 | 2 | 15 |\n") == []
    # Two rows break it: a table of its own logic, not one slip.
    four = two + "| c | 3 | 3 | 9 |\n| d | 2 | 2 | 5 |\n| e | 3 | 4 | 13 |\n"
    assert found(four) == []
    # Proportional by a constant no unit gives (×7): coincidence, not a conversion.
    odd = (
        "| A | x | y | z |\n|---|---|---|---|\n| a | 2 | 3 | 42 |\n| b | 4 | 5 | 140 |\n"
        "| c | 1 | 3 | 21 |\n| d | 2 | 2 | 30 |\n"
    )
    assert found(odd) == []


# -- Facts: kind and scope ------------------------------------------------------------------------


def test_a_parameter_total_under_an_experts_label_is_not_the_expert_count() -> None:
    text = (
        "- Experts: 32\n- One expert: 3 × 1024 × 512 = 1.57M\n"
        "- Experts per layer: 32 × 1.57M = 50.3M\n"
    )
    analysis = analyze(text)
    assert "SPC302" not in [d.code for d in lint_text(text, "t.md")]
    facts = extract_facts(
        analysis.document, analysis.scanned, analysis.items, analysis.definitions, analysis.symbols
    )
    assert [(f.value, f.line) for f in facts.facts["experts"]] == [(32, 1)]


TWO_MODELS = """\
# Serving two models

## Qwen2.5-7B

- Layers: 28
- KV heads: 4

## Qwen2.5-72B

- Layers: 80
- KV heads: 8
{extra}"""


def test_facts_of_different_systems_do_not_conflict() -> None:
    assert found(TWO_MODELS.format(extra="")) == []
    # A section that names neither model: its subject is unclear, so nothing is said.
    assert found(TWO_MODELS.format(extra="\n## Notes\n\n- Layers: 32\n")) == []
    # The same model restated with another value still conflicts.
    again = TWO_MODELS.format(extra="\n## Qwen2.5-72B memory\n\n- Layers: 64\n")
    assert [(line, code) for line, code, _ in found(again)] == [(15, "SPC302")]


def test_a_conflict_within_one_system_is_still_reported() -> None:
    text = "# Plan\n\n- Layers: 32\n\n## Memory\n\n- Layers: 40\n"
    assert [(line, code) for line, code, _ in found(text)] == [(7, "SPC302")]


def test_two_code_examples_are_not_one_system() -> None:
    text = (
        "# Configs\n\n```text\nlayers: 32\nheads: 32\n```\n\nand for the larger model\n\n"
        "```text\nlayers: 80\nheads: 64\n```\n"
    )
    assert found(text) == []


# -- Scope: a part's parameters are not the model's -----------------------------------------------

ARCHITECTURE = """\
# Model

- Layers: 32
- Hidden size: 4096
- Attention heads: 32
- KV heads: 8
- FFN size: 14336
- Vocabulary size: 128256
- MLP: SwiGLU, untied embeddings

{claim}
"""


def test_a_parameter_count_of_a_part_is_not_compared_with_the_whole() -> None:
    for part in (
        "Each layer holds 218M parameters.",
        "The largest single tensor is the LM head at 128256 × 4096 = 525M parameters.",
        "One expert of the draft model holds 176M parameters.",
        "The input embedding table alone is 525M parameters.",
    ):
        assert found(ARCHITECTURE.format(claim=part)) == [], part


def test_a_parameter_count_of_the_whole_model_is_still_checked() -> None:
    [(line, code, _)] = found(ARCHITECTURE.format(claim="The model has 5.2B parameters."))
    assert (line, code) == (11, "SPC401")
    # A part named in an earlier sentence does not make the next one about a part.
    text = ARCHITECTURE.format(claim="Each layer is identical. The model has 5.2B parameters.")
    assert [(line, code) for line, code, _ in found(text)] == [(11, "SPC401")]


# -- Scope of totals ------------------------------------------------------------------------------


def test_parts_per_gpu_do_not_add_up_to_a_total_of_wider_scope() -> None:
    across = (
        "- Weights per GPU: 35.3 GB\n- KV cache per GPU: 28.0 GB\n"
        "- Total across the 8 GPUs of the node: {total} GB\n\nThe node has 8 GPUs.\n"
    )
    # (35.3 + 28.0) × 8: the total covers both per-GPU parts on every GPU.
    assert found(across.format(total="506.4")) == []
    per_node = (
        "## Per replica\n\n- Weights: 35.3 GB\n- KV cache: 28.0 GB\n"
        "- Total per node (8 replicas): 506.4 GB\n"
    )
    assert found(per_node) == []


def test_parts_per_request_and_per_token_are_not_one_sum() -> None:
    text = (
        "- Prefill per request: 120 ms\n- Decode per token: 25 ms\n- Total per request: 3,320 ms\n"
    )
    assert found(text) == []


def test_a_total_per_gpu_over_parts_that_do_not_say_is_still_checked() -> None:
    text = (
        "## Per-GPU memory\n\n- Weights: 35.3 GB\n- KV cache: 28.0 GB\n- Total per GPU: 66.3 GB\n"
    )
    assert found(text) == [(5, "SPC103", "63.3")]


def test_a_percentile_budget_total_under_its_parts_added_is_still_a_wrong_sum() -> None:
    # A budget allocates the whole to its stages: between the worst stage and the sum is no
    # request tail here, as it is in a measured p99 column.
    assert found(P99.format(total="180")) == [(7, "SPC103", "200")]
