"""What hovering a fact shows in the language server: the line it was read from, the other
lines that state it, and the catalog entry of the model or accelerator named under the cursor."""

from __future__ import annotations

from speclint.app.hover import Hover, fact_hover
from speclint.engine.rule import LintContext
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

DOC = "# Serving Llama-3.1-8B\n\n- Layers: 40\n- Batch size: 16\n- Batch size: 32\n"


def hover(source: str, line: int, column: int) -> Hover | None:
    domain = LintContext(analyze(source, "plan.md"), DEFAULT_SETTINGS).domain
    text = source.split("\n")[line - 1]
    return fact_hover(domain, DEFAULT_SETTINGS, line, column, text)


def test_a_fact_that_differs_from_the_catalog() -> None:
    assert hover(DOC, 3, 4) == Hover(
        "**Read from line 3** (`Layers: 40`)\n\n- layers = 40; the catalog's Llama-3.1-8B has 32",
        3,
        13,
    )


def test_a_fact_stated_twice_with_different_values() -> None:
    found = hover(DOC, 4, 4)
    assert found is not None
    assert found.text == (
        "**Read from line 4** (`Batch size: 16`)\n\n- batch = 16; also stated as 32 on line 5 "
        "(the values differ, so speclint uses none of them)"
    )


def test_the_model_name_shows_the_catalog_entry() -> None:
    found = hover(DOC, 1, 14)
    assert found is not None and (found.column, found.end_column) == (11, 23)
    assert found.text.split("\n\n") == [
        "**Llama-3.1-8B**: catalog entry "
        "(https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/config.json)",
        "From the catalog (the document does not state them): hidden size 4,096, heads 32, "
        "kv heads 8, ffn size 14,336, vocab 128,256, tied no, gated yes",
        "Stated in the document instead: layers (line 3)",
        "Line 3 states layers 40; the catalog gives 32",
    ]


def test_nothing_outside_facts() -> None:
    assert hover(DOC, 1, 3) is None  # "Serving", before the model name
    assert hover(DOC, 2, 1) is None
