"""Gates of the document model and the tokenizer give what the plain computations give, on
every fixture and evaluation document and on generated text."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token as MdToken

from speclint.document import (
    ASCII_SEPARATORS,
    Document,
    inline_children,
    markdown_parser,
    parse_document,
    squeeze,
    squeeze_folded,
)
from speclint.domain import facts
from speclint.formula import lexer
from speclint.formula.lexer import normalize

from .conftest import FIXTURES, SHARED

EVALSET = SHARED / "evalset" / "docs"
DOCUMENTS = sorted(FIXTURES.glob("*/*.md")) + (
    sorted(EVALSET.glob("*.md")) if EVALSET.is_dir() else []
)
SOURCES = [path.read_text(encoding="utf-8") for path in DOCUMENTS]
_PLAIN_SEPARATORS = regex.compile(r"[\s_\-:/]+")
#: Separators of every kind, letters that fold, digits and a lone surrogate.
PIECES = [*" \t\n\r\x0b\x0c\x1c\x85\xa0\u2009\u3000_-:/aBſİé9\u0307\ud800", "GPU", "H100"]


def _plain_squeeze(text: str) -> str:
    return _PLAIN_SEPARATORS.sub("", text)


def test_the_ascii_separators_are_those_the_pattern_matches() -> None:
    ascii_chars = "".join(map(chr, range(128)))
    assert "".join(_PLAIN_SEPARATORS.findall(ascii_chars)).encode() == ASCII_SEPARATORS


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_squeeze_deletes_what_the_pattern_deletes(text: str) -> None:
    assert squeeze(text) == _plain_squeeze(text)


def test_squeezed_documents_are_those_the_pattern_makes() -> None:
    for source in SOURCES:
        folded = source.lower().replace("ſ", "s").replace("\u0307", "")
        assert squeeze_folded(source) == _plain_squeeze(folded)


def _plain_may_contain(doc: Document, needles: list[str]) -> bool:
    return any(needle in _plain_squeeze(doc.source.lower()) for needle in needles)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["gpu", "h100", "tp", "x", "zz", "8"]), max_size=3)))
def test_remembered_needles_answer_as_a_fresh_search(asks: list[list[str]]) -> None:
    doc = Document("doc.md", "We run TP 8 on\nH-100 GPUs.")
    for needles in asks:
        assert doc.may_contain(needles) == _plain_may_contain(doc, needles)
    assert doc.may_contain(None)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=20).map("".join),
    st.lists(st.frozensets(st.sampled_from(["gpu", "h100", "a", "9", "ab", "s", "i", "9a"]))),
)
def test_one_pass_answers_as_a_search_per_needle(source: str, asks: list[frozenset[str]]) -> None:
    """Non-ASCII letters and lone surrogates around the needles change nothing."""
    doc = Document("doc.md", source)
    for needles in asks:
        assert doc.may_contain(needles) == any(n in squeeze_folded(source) for n in needles)


def _plain_children(content: str) -> list[MdToken]:
    children: list[MdToken] = []
    md = markdown_parser()
    md.inline.parse(content, md, {}, children)
    return children


def _inline_contents(md: MarkdownIt, source: str) -> list[str]:
    return [tok.content for tok in md.parse(source) if tok.type == "inline"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["GPU", "8", " ", "a", "é", "*", "$", "&amp;", "\\", "`", "."])))
def test_plain_text_needs_no_inline_parser(pieces: list[str]) -> None:
    content = "".join(pieces)
    assert inline_children(content, {}) == _plain_children(content)


def test_inline_tokens_of_every_document_are_the_parsers() -> None:
    md = MarkdownIt("commonmark").enable("table")
    fast = 0
    for source in SOURCES:
        for content in _inline_contents(md, source):
            fast += markdown_parser().inline.terminator_re.search(content) is None
            assert inline_children(content, {}) == _plain_children(content)
    assert fast > 100  # the shortcut is taken


def _segment_texts() -> list[str]:
    texts = []
    for source in SOURCES:
        for segment in parse_document(source).segments:
            texts.append(normalize(segment.text, segment.offsets)[0])
    return texts


class _Spy:
    """A pattern that records the keyword arguments of each ``finditer`` call."""

    def __init__(self, pattern: regex.Pattern) -> None:
        self.pattern, self.calls = pattern, []

    def finditer(self, text: str, *args, **kwargs):
        self.calls.append(kwargs)
        return self.pattern.finditer(text, *args, **kwargs)


def test_tokenizing_reads_no_clock(monkeypatch) -> None:
    """No regex call of the tokenizer has a timeout: its result never depends on load."""
    spies = {name: _Spy(getattr(lexer, name)) for name in ("_TOKEN", "_NORMALIZE")}
    for name, spy in spies.items():
        monkeypatch.setattr(lexer, name, spy)
    every_segment = " ".join(_segment_texts())[: lexer.MAX_CHARS]
    for text in [every_segment, "\\text{GB} 10¹" * 600]:
        lexer.tokenize(normalize(text, list(range(len(text))))[0])
    assert len(spies["_TOKEN"].calls) == 2 and spies["_NORMALIZE"].calls
    assert all(kwargs == {} for spy in spies.values() for kwargs in spy.calls)


@pytest.mark.parametrize(
    ("unit", "count"), [("1,1 ", 1), ("1-", 2), ("1,1,", 4), ("1 ", 1), ("1x1x", 0), ("0x0x", 0)]
)
def test_the_longest_text_is_read_whole_and_a_longer_one_never(unit: str, count: int) -> None:
    """Slow-to-match texts of ``MAX_CHARS`` characters are tokenized to their end, whatever
    the load; a text one character longer is refused by its length alone."""
    text = unit * (lexer.MAX_CHARS // len(unit))
    tokens = lexer.tokenize(text)
    if count:
        assert len(tokens) == count * (len(text) // len(unit))
    else:  # "1", then one word "x1x1…x"
        assert [t.kind for t in tokens] == ["num", "word"] and tokens[1].end == len(text)
    with pytest.raises(lexer.LexTimeout, match="40,001 characters"):
        lexer.tokenize(text + "1" * (lexer.MAX_CHARS + 1 - len(text)))


@pytest.mark.parametrize("text", ["4x4x2", "8x8x8x", "2x3x4.", "16x16 GPUs", "1x2x3_4", "0x1F"])
def test_possessive_layouts_are_the_backtracking_ones(text: str) -> None:
    backtracking = regex.compile(
        lexer._TOKEN.pattern.replace(r"(?:[xX]\d+)++", r"(?:[xX]\d+)+"), regex.VERBOSE
    )
    assert backtracking.pattern != lexer._TOKEN.pattern
    spans = [(m.lastgroup, m.span()) for m in backtracking.finditer(text)]
    assert [(m.lastgroup, m.span()) for m in lexer._TOKEN.finditer(text)] == spans


_SENTENCE_ONE_BY_ONE = regex.compile(
    r"(?:[^.?!\n]|[.?!](?=[^\s])|\n(?![ \t]*(?:\n|[-*+|#>]|\d+\.\s)))+[.?!]?"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", ".", "?", "!", "\n", "-", "|", "1", "1. ", "\t"])))
def test_sentences_read_in_runs_are_the_sentences_read_one_by_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    spans = [m.span() for m in _SENTENCE_ONE_BY_ONE.finditer(text)]
    assert [m.span() for m in facts._SENTENCE.finditer(text)] == spans


def test_sentences_of_every_document_are_read_as_one_by_one() -> None:
    for source in SOURCES:
        spans = [m.span() for m in _SENTENCE_ONE_BY_ONE.finditer(source)]
        assert [m.span() for m in facts._SENTENCE.finditer(source)] == spans


#: The tokenizer as it was before session 18: white space a token of its own, a word read one
#: character at a time.
_TOKEN_ONE_BY_ONE = regex.compile(
    r"(?P<ws>\s+)|"
    + lexer._TOKEN.pattern.replace(
        lexer._WORD, r"[^\W\d_](?:[\w'’]|[-.](?=[^\W_]))*(?:\*(?=[ \t]*[=≈]))?"
    ).replace(r"|\S)", r"|.)"),
    regex.VERBOSE,
)


def _one_by_one(text: str) -> list[tuple[str | None, int, int, bool]]:
    """(kind, start, end, after white space) of each token but white space."""
    found, space = [], True
    for m in _TOKEN_ONE_BY_ONE.finditer(text):
        if m.lastgroup == "ws":
            space = True
            continue
        found.append((m.lastgroup, *m.span(), space))
        space = False
    return found


def _in_runs(text: str) -> list[tuple[str | None, int, int, bool]]:
    """The same of ``_TOKEN``, a token after white space where it starts after the last's end
    (as ``tokenize`` reads it)."""
    found, last = [], -1
    for m in lexer._TOKEN.finditer(text):
        found.append((m.lastgroup, *m.span(), m.start() != last))
        last = m.end()
    return found


def test_the_one_by_one_tokenizer_is_the_old_one() -> None:
    assert _TOKEN_ONE_BY_ONE.pattern != lexer._TOKEN.pattern
    assert _one_by_one("a-b.c- 1\n,x") == [
        ("word", 0, 5, True), ("sym", 5, 6, False), ("num", 7, 8, True),
        ("sym", 9, 10, True), ("word", 10, 11, False),
    ]  # fmt: skip
    tokens = lexer.tokenize("a-b.c- 1\n,x")
    assert [(t.kind, t.start, t.end, t.space_before) for t in tokens] == _one_by_one("a-b.c- 1\n,x")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"aZé19.,-_'’ \n\t\u00a0\u2009xXv$€%\\(){}^*=<>~:", "http://", "1,000", "\\times"]
        )
    )
)
def test_tokens_read_in_runs_are_the_tokens_read_one_by_one(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _in_runs(text) == _one_by_one(text)


def test_tokens_of_every_document_are_read_as_one_by_one() -> None:
    for source in SOURCES:
        text = source[: lexer.MAX_CHARS]
        assert _in_runs(text) == _one_by_one(text)


def _chainless_claims(source: str) -> list:
    """What every inline shape finds in the segments of ``source`` that hold no chain
    (``_analyze`` does not run the shapes over them)."""
    from speclint.claims.extract import State
    from speclint.claims.prose import ALL_SHAPES
    from speclint.judgement.analysis import analyze

    analysis = analyze(source)
    found = []
    for where in analysis.scanned:
        if where.result.chains:
            continue
        state = State(analysis.document, where)
        for _, shape in ALL_SHAPES:
            shape(state)
        found += state.claims + state.definitions
    return found


def test_a_segment_without_chains_gives_no_shape_anything() -> None:
    for source in SOURCES:
        assert _chainless_claims(source) == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["8", "GPUs", "GB", "each", "=", "×", "(", ")", "%", "i.e.", "at", "per", "FP16",
             "v1.2.3", "2024-01-02", "$", "of", "\n", "| a | b |\n|---|---|\n| x | y |\n", "#"]
        )
    ).map(" ".join)
)  # fmt: skip
def test_a_generated_segment_without_chains_gives_no_shape_anything(source: str) -> None:
    assert _chainless_claims(source) == []
