"""The fast path: a document no reader finds anything in (``speclint.prescan.inert``) is
answered without parsing it, and the answer is the full lint's: nothing to report."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import speclint.engine.lint as lint_module
from speclint.engine.lint import decode_markdown, lint_file, lint_source
from speclint.engine.registry import all_rules, plugin_manager
from speclint.judgement.analysis import analyze
from speclint.prescan import INERT_MAX_CHARS, inert
from tests.conftest import FIXTURES, SHARED

PLAIN = "# Notes\n\nThe rollout is described in prose; nothing here is a number to check.\n"


def _full(source: str) -> tuple[list, list]:
    """The full lint's diagnostics (rules given, so the fast path is not taken) and the
    statuses of the claims it judged."""
    verdicts = [v.status for v in analyze(source, "t.md").verdicts()]
    return lint_source(source, "t.md", all_rules()), verdicts


def _documents(root: Path, every: int = 1) -> list[Path]:
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".markdown"))
    return paths[::every]


@pytest.mark.parametrize(
    "source",
    [
        PLAIN,
        "",
        "Setext heading\n--------------\n\n> A quote of prose.\n> > Nested.\n\n"
        "- a list\n- of words\n",
        "# Überblick\n\nDer Rollout wird beschrieben; keine Zahl, kein Faktum.\n",
        "## Design\n\n```text\nplain code without a figure\n```\n\n    indented code\n",
        "The weights are tied, the MLP is SwiGLU, we serve DBRX on Gaudi with no tensor "
        "parallelism, using GQA and Adam, in half precision.\n",
    ],
)
def test_an_inert_document_is_answered_without_parsing_and_as_the_full_lint(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert inert(source)
    assert _full(source) == ([], [])
    monkeypatch.setattr(lint_module, "_analyze", _not_called)
    assert lint_source(source, "t.md") == []


def _not_called(*args: object) -> None:
    raise AssertionError("the fast path parses nothing")


@pytest.mark.parametrize(
    ("source", "code"),
    [
        # Facts without a digit: a label's answer, a config key, a model named by words.
        ("- Tied embeddings: yes\n\nText\n\n- Tied embeddings: no\n", "SPC302"),
        ("We serve DBRX.\n\ntie_word_embeddings: true\n", "SPC304"),
        ("We serve DBRX.\n\n| Tied embeddings | yes |\n|---|---|\n", "SPC304"),
        # A chain of relations between names, in a heading: reported unchecked.
        ("# " + " equals ".join("abcdefghijklmnop") + "\n\nProse.\n", "SPC001"),
        ("<!-- speclint-disable-next-line SPC101 -->\nProse.\n", "SPC002"),
    ],
)
def test_what_a_rule_reports_without_a_digit_is_not_inert(source: str, code: str) -> None:
    diagnostics, _ = _full(source)
    assert code in {d.code for d in diagnostics}
    assert not inert(source)
    assert lint_source(source, "t.md") == diagnostics


@pytest.mark.parametrize(
    "source",
    [
        "Memory is x² here.\n",  # a superscript reads as a power of 2
        "Half is ½.\n",
        "A digit of another script: ٣.\n",
        "A character this Python does not know: \U000e0080.\n",
        "a ~ b\n",
        "a \\approx b\n",
        "a ≤ b\n",
        "The price in $ is unknown.\n",
        "A quote > of nothing.\n",
        "x" * (INERT_MAX_CHARS + 1),
    ],
)
def test_numbers_relations_math_and_length_are_not_inert(source: str) -> None:
    assert not inert(source)


def test_a_block_quote_marker_is_inert() -> None:
    assert inert("> quoted\n>> deeper\n  > indented\n")


def test_a_file_answered_by_the_fast_path_keeps_its_decoding_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint_module, "_analyze", _not_called)
    path = tmp_path / "notes.md"
    path.write_bytes(b"# Notes\n\nProse with a bad byte \xff here.\n")
    result = lint_file(str(path))
    assert result.diagnostics == [] and not result.claims and result.error is None
    assert (
        result.warning == f"{path}: not valid UTF-8 (invalid start byte at byte 31); checked anyway"
    )


def _inert_documents() -> list[Path]:
    roots = [FIXTURES, SHARED / "evalset" / "docs", SHARED / "corpus"]
    found = []
    for root in roots:
        for path in _documents(root):
            if inert(decode_markdown(path.read_bytes(), str(path))[0]):
                found.append(path)
    return found


def test_every_inert_fixture_evalset_and_corpus_document_is_clean_in_the_full_lint() -> None:
    """The fast path is taken only where the full lint reports nothing and judges no claim
    (15 corpus files at the time of writing; no fixture or evaluation document is inert)."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("no ../shared/corpus")
    found = _inert_documents()
    assert len(found) >= 10
    for path in found:
        source = decode_markdown(path.read_bytes(), str(path))[0]
        assert _full(source) == ([], []), path


EVERY_DOCUMENT = """
from speclint import hookimpl
from speclint.engine.rule import Rule


class EveryDocument(Rule):
    def check(self, ctx):
        yield ctx.diagnostic_at(self, (1, 1, 1, 2), "seen")


RULE = EveryDocument(
    code="XMP009", name="every-document", category="example", severity="warning", summary="."
)


@hookimpl
def speclint_rules():
    return [RULE]
"""


def test_a_plugin_rule_sees_an_inert_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "every_document.py").write_text(EVERY_DOCUMENT)
    monkeypatch.syspath_prepend(str(tmp_path))
    plugin_manager.cache_clear()
    try:
        plugin_manager().register(importlib.import_module("every_document"), "every_document")
        assert [d.message for d in lint_source(PLAIN, "t.md")] == ["seen"]
    finally:
        plugin_manager.cache_clear()
    assert lint_source(PLAIN, "t.md") == []
