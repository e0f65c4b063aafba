"""Fuzzing: any mix of spec-like fragments is analysed without an exception, and every
diagnostic points inside the document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speclint import lint_text

FRAGMENTS = [
    "1",
    "0.62",
    "3,840",
    "1 024",
    "1_000",
    "2.34e22",
    "10^{15}",
    "5.72 \\times 10^{15}",
    "7.2k",
    "10B",
    "GB",
    "GiB",
    "Gb/s",
    "tokens/ms",
    "%",
    "$",
    "×",
    "x",
    "*",
    "·",
    "/",
    "÷",
    "+",
    "-",
    "−",
    "^",
    "**",
    "=",
    "≈",
    "~",
    "<",
    "≥",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "|",
    "\\frac",
    "\\text{GB}",
    "\\cdot",
    "of",
    "per",
    "GPU",
    "GPUs",
    "experts",
    "Total",
    "total:",
    ":",
    ",",
    ".",
    " ",
    " ",
    "\n",
    "\n\n",
    "- ",
    "# ",
    "> ",
    "`",
    "$$",
    "```",
    "**",
    "_",
    "L",
    "h",
    "b",
    "TP=4",
    "2–4",
    "±",
    "<!--",
    "-->",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "⁹",
    "µs",
    "\u00a0",
    "ceil(",
    "0x",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_analysis_never_raises(fragments: list[str]) -> None:
    text = "".join(fragments)
    lines = text.split("\n")
    for diag in lint_text(text, "fuzz.md"):
        assert 1 <= diag.line <= len(lines)
        assert 1 <= diag.column <= len(lines[diag.line - 1]) + 1
        assert diag.end_line >= diag.line


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    lint_text(text, "fuzz.md")
