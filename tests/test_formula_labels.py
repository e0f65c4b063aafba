"""Labels inside formulas (issue 10 part 5): a word or snake_case name on a factor is a label,
and a product the reader has to stop inside is never judged by its tail."""

from __future__ import annotations

import pytest

from speclint import lint_text


def messages(text: str) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.message) for d in lint_text(text, path="t.md")]


def test_a_snake_case_label_on_a_factor_is_read_through() -> None:
    text = "# Cache\n\nEach token keeps 2 * 40 layers * 4 kv_heads * 64 * 2 B = 80 KiB.\n"
    [diag] = lint_text(text, path="t.md")
    assert (diag.line, diag.code) == (3, "SPC101")
    assert diag.message == (
        "2 * 40 layers * 4 kv_heads * 64 * 2 B = 40,960 B = 40 KiB (41 KB); "
        "stated 80 KiB is 2× too large"
    )
    assert diag.fix is not None and diag.fix.replacement == "40"


@pytest.mark.parametrize(
    "text",
    [
        # the correct product, with snake_case and word labels
        "Each token keeps 2 * 40 layers * 4 kv_heads * 64 * 2 B = 40 KiB.",
        "Each token keeps 2 × 40 layers × 4 kv_heads × 64 head_dim × 2 B = 40 KiB.",
        "Shards hold 6 hosts × 4 accelerators × 48 GB = 1152 GB.",
        # a variable's name after a coefficient is a factor, never a label
        "Per step: 2 n_layers * 512 * 4 = 9000.",
        "Per step: 2 num_layers * 512 * 4 = 9000.",
        # a name glued to its number is no label either
        "Per step: 2*hidden_dim * 512 = 4096.",
    ],
)
def test_correct_and_unreadable_look_alikes_stay_silent(text: str) -> None:
    assert messages(f"# Plan\n\n{text}\n") == []


def test_a_wrong_product_with_word_labels_is_reported() -> None:
    [(line, code, message)] = messages(
        "# Plan\n\nShards hold 6 hosts × 4 accelerators × 48 GB = 1000 GB.\n"
    )
    assert (line, code) == (3, "SPC101")
    assert message.startswith("6 hosts × 4 accelerators × 48 GB = 1,152,000,000,000 B = 1152 GB")


@pytest.mark.parametrize(
    "text",
    [
        # the reader stops at "of width"/"at dim": the tail "64 × 2 B" is half a product
        "Each token keeps 2 × 40 layers × 4 kv heads of width 64 × 2 B = 40 KiB.",
        "Each token keeps 2 × 40 layers × 4 kv heads at dim 64 × 2 B = 40 KiB.",
        "Each token keeps 2 × 40 layers × 4 wide grouped query kv heads × 64 × 2 B = 40 KiB.",
    ],
)
def test_a_product_stopped_at_words_is_not_judged_by_its_tail(text: str) -> None:
    assert messages(f"# Plan\n\n{text}\n") == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a sum before a verb, and a clause after "and", are formulas of their own
        ("RS 6+2 stores 8/6 = 1.5× the raw bytes.", "8/6 = 1.3×; stated 1.5× is 1.13× too large"),
        ("We run 4 × 8 GPUs and 3 × 16 GB = 40 GB of cache.", "3 × 16 GB = 48,000,000,000 B"),
    ],
)
def test_separate_formulas_after_words_are_still_checked(text: str, start: str) -> None:
    [(line, code, message)] = messages(f"# Plan\n\n{text}\n")
    assert (line, code) == (3, "SPC101")
    assert message.startswith(start)
