"""Fuzzing: any mix of spec-like fragments is analysed without an exception, and every
diagnostic points inside the document; mutated real documents (../shared corpus and evaluation
set, else the fixtures) go through each stage (lexer, formula parser, document model, fact
reader, whole-file lint, fix loop) without an exception. The example counts are fixed and small
so the suite stays fast; ``benchmarks/fuzz.py`` runs the long campaign."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speclint import lint_text
from speclint.app.fixes import fix_source
from speclint.document import parse_document
from speclint.domain.view import build_domain
from speclint.formula.lexer import LexTimeout, normalize, tokenize
from speclint.formula.parser import scan
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

from .conftest import FIXTURES, SHARED

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
    for diag in lint_text(text, path="fuzz.md"):
        assert 1 <= diag.line <= len(lines)
        assert 1 <= diag.column <= len(lines[diag.line - 1]) + 1
        assert diag.end_line >= diag.line


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    lint_text(text, path="fuzz.md")


def _seed_documents() -> list[str]:
    """A fixed sample of real documents: every evaluation document and every 150th corpus file
    (the fixtures when the shared material is absent)."""
    evalset = sorted((SHARED / "evalset" / "docs").glob("*.md"))
    corpus = sorted((SHARED / "corpus").rglob("*.md"))[::150]
    paths = evalset + corpus or sorted(FIXTURES.glob("*/*.md"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


SEEDS = _seed_documents()
CI = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    """A window of a real document with a few fragments inserted, slices cut or repeated."""
    text = draw(st.sampled_from(SEEDS))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    doc = text[start : start + draw(st.integers(0, 3000))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(doc)))
        size = draw(st.integers(0, 80))
        operation = draw(st.sampled_from(["insert", "cut", "repeat"]))
        if operation == "insert":
            doc = (
                doc[:at]
                + "".join(draw(st.lists(st.sampled_from(FRAGMENTS), max_size=8)))
                + doc[at:]
            )
        elif operation == "cut":
            doc = doc[:at] + doc[at + size :]
        else:
            doc = (
                doc[: at + size] + doc[at : at + size] * draw(st.integers(1, 8)) + doc[at + size :]
            )
    return doc


@CI
@given(mutated_documents())
def test_lexer_and_formula_parser(doc: str) -> None:
    text, offsets = normalize(doc, list(range(len(doc))))
    assert len(offsets) == len(text)
    try:
        tokens = tokenize(text)
    except LexTimeout:
        return
    scan(tokens, math=False, code=False, billion_context=True)


@CI
@given(mutated_documents())
def test_document_model(doc: str) -> None:
    document = parse_document(doc, "fuzz.md")
    for segment in document.segments:
        assert len(segment.offsets) == len(segment.text)
        assert all(0 <= o < len(doc) for o in segment.offsets)
    for item in document.not_checked:
        assert 0 <= item.start < item.end <= len(doc)


@CI
@given(mutated_documents())
def test_fact_reader(doc: str) -> None:
    build_domain(analyze(doc, "fuzz.md"), DEFAULT_SETTINGS)


@CI
@given(mutated_documents())
def test_whole_file_lint(doc: str) -> None:
    lines = doc.split("\n")
    for diag in lint_text(doc, path="fuzz.md"):
        assert 1 <= diag.line <= diag.end_line <= len(lines)


@settings(CI, max_examples=10)
@given(mutated_documents())
def test_fix_loop_settles(doc: str) -> None:
    first = fix_source(doc, "fuzz.md", unsafe=True)
    assert first.converged and first.passes <= 3
    assert first.source.count("\n") == doc.count("\n")
    assert fix_source(first.source, "fuzz.md", unsafe=True).source == first.source


#: KAWI DIGITS ZERO and ONE: digits to the ``regex`` module, unknown to this Python's ``int()``.
KAWI = "\U00011f50\U00011f51"


def test_digits_python_cannot_read_are_not_numbers() -> None:
    doc = (
        f"# Plan\n\nTP={KAWI} on H100s, batch {KAWI}.\n\n"
        f"Weights: 8 × {KAWI} GB = 16 GB.\n\nKV: 8 × 2 GB = 13 GB.\n"
    )
    assert [(d.line, d.code) for d in lint_text(doc, path="kawi.md")] == [(7, "SPC101")]
    assert parse_document(doc).source == doc.replace(KAWI, "\ufffd\ufffd")


def test_digits_python_reads_stay_numbers() -> None:
    arabic = "\u0668 × \u0668\u0660 GB = 600 GB\n"  # ٨ × ٨٠ GB = 600 GB
    assert [d.code for d in lint_text(arabic, path="arabic.md")] == ["SPC101"]
