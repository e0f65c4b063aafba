"""Needles skip whole-document searches that cannot match; they never change what is found."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from speclint.document import Document, parse_document, squeeze
from speclint.domain import facts
from speclint.domain import needles as needles_module
from speclint.domain.catalog import model_matcher, models
from speclint.domain.hardware import devices
from speclint.domain.hardware_names import device_matcher
from speclint.domain.needles import ASCII_WORD, SUBSETS, AnchoredSearch, held_words, needles

#: Words of the big alternations, spelled in ways their patterns accept, and filler.
WORDS = [
    "Hidden-Size", "hidden_size", "NUM_HIDDEN_LAYERS", "tensor-parallel-size", "dtype",
    "80 layers", "hidden 8192", "64 attention heads", "bf16 weights", "KV cache (fp8)",
    "H100 SXM", "h100sxm", "A100-80GB", "Llama-3.1-70B", "llama3.1:70b", "Mixtral 8x7B",
    "ſhared_expert", "İntermediate_size", "Kv heads", "on 8 GPUs", "MFU of 40%", "top-2",
    "the", "rollout", "=", ":", " ", "\n", "-", "_", "/", "8", "4096", "(", ")", "AdamW",
]  # fmt: skip


def _all(pattern: regex.Pattern, source: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in pattern.finditer(source)]


def _gated(pattern: regex.Pattern, words: frozenset[str] | None, source: str) -> list:
    doc = Document("-", source)
    return _all(pattern, source) if doc.may_contain(words) else []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_a_gated_search_finds_what_the_whole_search_finds(source: str) -> None:
    nouns, names, _ = facts._prose_words()
    cases = [
        (facts._config_pattern(), needles(facts._config_keys())),
        (facts._noun_pattern(), needles(nouns)),
        (facts._name_pattern(), needles(names)),
        (facts._prose_dtype(), needles(facts.DTYPE_BYTES)),
        *facts._NEEDLES.items(),
    ]
    device = device_matcher(devices(None))
    model = model_matcher(models(None))
    assert device is not None and model is not None
    cases += [(device.pattern, device.needles), (model.pattern, model.needles)]
    for pattern, words in cases:
        assert _gated(pattern, words, source) == _all(pattern, source), pattern.pattern[:60]


def test_needles_are_squeezed_and_a_document_is_too() -> None:
    assert needles(["hidden_size", "H100 SXM"]) == frozenset({"hiddensize", "h100sxm"})
    assert needles([]) is None and needles(["--"]) is None and needles(["größe"]) is None
    doc = Document("-", "The Hidden-Size is 4096 on an H100\nSXM; ſtage İd")
    assert doc.may_contain({"hiddensize"}) and doc.may_contain({"h100sxm"})
    assert doc.may_contain({"stage"}) and doc.may_contain({"id"})
    assert not doc.may_contain({"layers"}) and doc.may_contain(None)


def test_a_document_without_any_key_does_not_compile_the_key_pattern() -> None:
    facts._config_pattern.cache_clear()
    facts._from_config_text(facts.FactSet(), Document("-", "# Notes\n\nNothing to read.\n"))
    assert facts._config_pattern.cache_info().currsize == 0


def test_an_anchored_search_compiles_its_pattern_at_its_first_anchor() -> None:
    compiled: list[regex.Pattern] = []

    def compile_it() -> regex.Pattern:
        compiled.append(regex.compile(r"\btop[- ]?(\d+)", regex.I))
        return compiled[-1]

    search = AnchoredSearch(compile_it, ["top"], not_after=ASCII_WORD)
    assert list(search.finditer("no anchor here; stop-2 is after a word", 1.0)) == []
    assert compiled == []
    text = "Routing is Top-2, then top 4."
    assert [m.span() for m in search.finditer(text, 1.0)] == [(11, 16), (23, 28)]
    assert [m.span() for m in search.finditer(text, 1.0)] == [(11, 16), (23, 28)]
    assert len(compiled) == 1


def test_a_label_spelled_apart_from_every_config_key_leaves_the_key_pattern_uncompiled() -> None:
    """``Hidden size`` holds the needle of ``hidden_size`` but not its anchor."""
    facts._config_pattern.cache_clear()
    facts._config_search.cache_clear()
    found = facts.FactSet()
    facts._from_config_text(found, parse_document("| Hidden size | 2560 |\n"))
    assert found.facts == {} and facts._config_pattern.cache_info().currsize == 0
    facts._from_config_text(found, parse_document("hidden_size: 2560\n"))
    assert facts._config_pattern.cache_info().currsize == 1
    assert [f.value for f in found.facts["hidden_size"]] == [2560]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_text_a_device_matcher_may_not_name_a_device_in_holds_no_match(source: str) -> None:
    device = device_matcher(devices(None))
    assert device is not None
    if not device.may_name(source):
        assert _all(device.pattern, source) == []
    assert device.may_name(f"{source} H100 SXM")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_a_pattern_of_the_words_a_document_holds_finds_what_the_whole_one_finds(
    source: str,
) -> None:
    doc = parse_document(source)
    nouns, names, _ = facts._prose_words()
    for whole, words, of in (
        (facts._noun_pattern, nouns, facts._noun_pattern),
        (facts._name_pattern, names, facts._name_pattern),
        (facts._prose_dtype, list(facts.DTYPE_BYTES), facts._prose_dtype),
    ):
        held = tuple(w for w in words if squeeze(w.lower()) in doc.squeezed)
        if held:
            assert _all(of(held), source) == _all(whole(), source)


def test_held_words_are_the_words_whose_needle_a_document_holds() -> None:
    needles_module._given.clear()
    doc = parse_document("The Hidden-Size is 4096; 80 layers, 64 KV heads and an FFN of 8")
    words = ("layers", "kv heads", "heads", "hidden size", "vocab", "ffn")
    assert held_words(words, doc) == ("layers", "kv heads", "heads", "hidden size", "ffn")
    listed = tuple(f"word{i}x" for i in range(SUBSETS + 2))
    for i in range(SUBSETS):  # as many distinct subsets, then the whole list
        assert held_words(listed, parse_document(f"a word{i}x")) == (f"word{i}x",)
    assert held_words(listed, parse_document("a word9x")) == listed
    assert held_words(words, doc) == ("layers", "kv heads", "heads", "hidden size", "ffn")
    needles_module._given.clear()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_a_search_tried_at_the_held_words_anchors_finds_what_the_whole_one_finds(
    source: str,
) -> None:
    """The whole list's search (what ``held_words`` gives past its subsets), tried only at the
    anchors of the words the document holds, finds every match the whole search finds."""
    doc = parse_document(source)
    _, names, _ = facts._prose_words()
    keys = facts._config_keys()
    device = device_matcher(devices(None))
    assert device is not None
    cases = (
        (facts._name_search(), names, lambda w: facts._PHRASE_BREAK.split(w)[0].lower()),
        (facts._config_search(), keys, lambda w: w.lower().replace("-", "_")),
        (facts._prose_dtype_search(), list(facts.DTYPE_BYTES), str.lower),
        (device.search, list(device.by_alias), lambda w: w.split(" ")[0]),
    )
    for search, words, anchor in cases:
        held = needles_module.held_exactly(words, doc)
        assert held is not None
        anchors = {anchor(w) for w in held}
        if search is cases[2][0]:
            anchors |= set(facts._PROSE_DTYPE_STARTS)
        whole = [(m.start(), m.group(0)) for m in search.finditer(source, 1.0)]
        tried = [(m.start(), m.group(0)) for m in search.finditer(source, 1.0, anchors)]
        assert tried == whole


def test_held_exactly_ignores_how_many_subsets_were_given() -> None:
    doc = parse_document("d_model 4096, 32 layers")
    assert needles_module.held_exactly(("layers", "d model", "vocab"), doc) == (
        "layers",
        "d model",
    )
    assert needles_module.held_exactly(("größe",), doc) is None


LINES = ["Precision: FP16", "| Tied embeddings | no |", "- Weights dtype: bf16", "plain",
         "a|b", ":", "|", " ", "\n", "\r\n", "\t", "x", "Label", "-", "* item: v",
         "\u2028"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12).map("".join))
def test_a_line_search_finds_what_the_whole_search_finds(source: str) -> None:
    search = facts._BY_LINE[facts._LABELLED_WORD]
    found = [(m.span(), m.groups()) for m in search.finditer(source, 1.0)]
    assert found == [(m.span(), m.groups()) for m in facts._LABELLED_WORD.finditer(source)]


def test_a_line_search_tries_only_lines_with_a_mark() -> None:
    tried: list[int] = []
    pattern = regex.compile(r"^(\w+):(.*)$", regex.M)

    class Counting:
        def match(self, source: str, pos: int, timeout: float) -> regex.Match | None:
            tried.append(pos)
            return pattern.match(source, pos, timeout=timeout)

    search = needles_module.LineSearch(Counting(), ":")  # type: ignore[arg-type]
    text = "no mark\nkey: value\nplain\nother:x: y\n"
    assert [m.groups() for m in search.finditer(text, 1.0)] == [
        ("key", " value"),
        ("other", "x: y"),
    ]
    assert tried == [8, 25]


#: Needles that overlap, nest and share ends, as the patterns' needle sets do.
NEEDLE_SETS = [
    frozenset({"token"}), frozenset({"tokens"}), frozenset({"top", "stop"}),
    frozenset({"tp=", "tp8", "p8"}), frozenset({"gpus", "gpu"}), frozenset({"h100", "h100sxm"}),
    frozenset({"zero"}), frozenset({"bf16", "f16", "fp16"}), frozenset({"notp", "no"}),
]  # fmt: skip
PIECES = ["token", "s", "to", "p", "TP=", "8", "GPU", "H100", " ", "SXM", "ze", "ro", "bf16",
          "f", "16", "No", "-", "stop", "\n", "é"]  # fmt: skip


def _one_set_at_a_time(source: str, needles: frozenset[str]) -> set[str]:
    squeezed = Document("-", source).squeezed
    return {needle for needle in needles if needle in squeezed}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), min_size=1, max_size=4),
    st.lists(st.sampled_from(NEEDLE_SETS), min_size=1, max_size=6),
    st.integers(0, len(NEEDLE_SETS)),
)
def test_one_pass_over_the_needles_asked_before_answers_as_a_pass_per_set(
    sources: list[str], asked: list[frozenset[str]], known: int
) -> None:
    """Each document answers ``may_contain`` and ``held`` of any needle set, whether it was
    asked of an earlier document (one pass for all) or not (a pass of its own), as a search
    for each needle alone does."""
    from speclint import document

    saved = document._ASKED[0]
    document._ASKED[0] = frozenset().union(*NEEDLE_SETS[:known])
    try:
        for source in sources:
            doc = Document("-", source)
            for needles in asked:
                expected = _one_set_at_a_time(source, needles)
                assert doc.may_contain(needles) == bool(expected)
                assert doc.held(needles) == expected
    finally:
        document._ASKED[0] = saved


def test_the_needles_asked_are_answered_in_one_pass() -> None:
    from speclint import document

    saved = document._ASKED[0]
    document._ASKED[0] = frozenset()
    try:
        first = Document("-", "8 GPUs, TP=8")
        assert first.may_contain({"gpus"}) and not first.may_contain({"zero"})
        assert document._ASKED[0] == {"gpus", "zero"}
        second = Document("-", "ZeRO-3 on H100")
        assert second.may_contain({"zero"}) and not second.may_contain({"gpus"})
        assert second._found == ({"gpus", "zero"}, {"zero"})
        assert second.held(frozenset({"h100", "h100sxm"})) == {"h100"}
        assert document._ASKED[0] == {"gpus", "zero", "h100", "h100sxm"}
    finally:
        document._ASKED[0] = saved
