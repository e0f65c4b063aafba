"""Needles skip whole-document searches that cannot match; they never change what is found."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from speclint.document import Document
from speclint.domain import facts
from speclint.domain.catalog import model_matcher, models
from speclint.domain.hardware import devices
from speclint.domain.hardware_names import device_matcher
from speclint.domain.needles import needles

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
