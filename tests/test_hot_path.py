"""Shortcuts of the hot path find exactly what the plain searches find."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from speclint.document import Document, parse_document
from speclint.domain import facts, statements
from speclint.domain.hardware import devices
from speclint.domain.hardware_names import device_matcher
from speclint.formula.expr import literals
from speclint.judgement.analysis import analyze

#: Keys in the spellings the config pattern accepts, prefixes, separators and filler.
KEY_WORDS = [
    "hidden_size", "Hidden-Size", "NUM_HIDDEN_LAYERS", "num_hidden_layers",
    "--tensor-parallel-size", "tensor_parallel_size", "dtype", "torch_dtype", "params", "n_heads",
    "n_head", "İntermediate_size",
    "ſhared_expert_intermediate_size", "top_k", "d_ff", "tie_word_embeddings", "hidden_act",
    "'", '"', "--", "-", "_", ":", "=", " ", "\n", "x", "8", "4096", "bf16", "true", "silu", "é",
]  # fmt: skip


def _spans(matches) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(KEY_WORDS), max_size=14).map("".join))
def test_the_key_search_finds_what_the_config_pattern_finds(source: str) -> None:
    search = facts._config_search()
    plain = facts._config_pattern().finditer(source)
    assert _spans(search.finditer(source, timeout=5.0)) == _spans(plain)


def test_the_key_search_reads_keys_in_every_spelling() -> None:
    source = 'x: 1\n--tensor-parallel-size 8 "NUM_HIDDEN_LAYERS": 32, İntermediate_size=11008'
    found = [m.group(1) for m in facts._config_search().finditer(source, timeout=5.0)]
    assert found == ["tensor-parallel-size", "NUM_HIDDEN_LAYERS", "İntermediate_size"]


def test_the_key_search_times_out_like_a_regex_search() -> None:
    source = "hidden_size: 1\n" * 50
    matches = facts._config_search().finditer(source, timeout=-1.0)
    try:
        next(matches)
    except TimeoutError:
        return
    raise AssertionError("no timeout")


def test_the_device_matcher_is_built_once_per_table() -> None:
    table = devices(None)
    assert device_matcher(table) is device_matcher(devices(None))
    extra = devices({"Acme X1": {"aliases": ["X1"]}})
    matcher = device_matcher(extra)
    assert matcher is not None and matcher is not device_matcher(table)
    assert matcher.names("x1") == ("Acme X1",)


def test_normalize_label_is_unchanged_by_its_cache() -> None:
    assert facts.normalize_label("Hidden size (d_model)") == "hidden size"
    assert facts.normalize_label("Tied-embeddings?") == "tied embeddings"
    assert facts.normalize_label("Weights dtype | x") == "weights dtype x"


#: Words of the tying labels, dtypes, answers and the prose the gated flag patterns read.
LABEL_WORDS = [
    "Tied", "ti(ed", "tie", "word", "Embeddings", "embed(dings", "(x)", "weight", "TYING",
    "shared", "lm", "head", "input", "output", "Precision", "dtype", "FP16", "bf16", "half",
    ":", "|", "-", " ", "\n", "yes", "no", "true", "untied", "not", "separate", "without",
    "wİthout", "NO", "TP", "pp", "ep", "tensor", "pipeline-parallelism", "expert parallel",
    "=", "4", "DP", "CP", "\u2009", "EP=", "TP =",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LABEL_WORDS), max_size=12).map(" ".join))
def test_gated_label_and_flag_searches_find_what_the_whole_searches_find(source: str) -> None:
    for line in (source, "- " + source.replace("\n", " "), "| " + source.replace("\n", " ")):
        doc = parse_document(line)
        gated = facts.FactSet()
        facts._from_labelled_words(gated, doc)
        whole = facts.FactSet()
        for found, number, text in facts._matches(facts._LABELLED_WORD, parse_document(line)):
            tied = facts._tied_answer(found.group(1), found.group(2))
            dtype = facts._DTYPE.search(found.group(2))
            spec = facts.spec_for_label(found.group(1))
            if tied is not None:
                whole.add(facts.Fact("tied", tied, text.strip(" -*|"), number))
            elif spec is not None and spec.kind == "dtype" and dtype is not None:
                name = facts._dtype_name(dtype.group(1))
                whole.add(facts.Fact(spec.name, name, text.strip(" -*|"), number))
        assert gated == whole
        for pattern in (facts._NO_PARALLELISM, facts._UNTIED, facts._DEGREE_EQUALS):
            words = facts._NEEDLES[pattern]
            found = list(pattern.finditer(line)) if doc.may_contain(words) else []
            assert _spans(found) == _spans(pattern.finditer(line))


def test_every_tying_label_holds_a_tie_word() -> None:
    for label in facts._TIED_LABELS:
        assert set(label.split()) & facts._TIE_WORDS, label
    doc = parse_document("- Tie(d (input/output) embeddings: no\n- Precision: BF16\n")
    found = facts.FactSet()
    facts._from_labelled_words(found, doc)
    assert facts._may_label_words(doc) and found.value("tied") is False
    assert found.value("weight_dtype") == "bf16"
    assert not facts._may_label_words(Document("-", "- Runtime: none\n"))


FIXTURES = sorted(Path(__file__).resolve().parents[1].joinpath("fixtures").rglob("*.md"))


def test_a_bare_number_in_prose_states_nothing() -> None:
    """What ``_prose_statement`` skips for a literal with no unit: every later step finds
    nothing for it (a count is no time, size or rate; a floor is a time)."""
    bare = 0
    for path in FIXTURES:
        analysis = analyze(path.read_text(encoding="utf-8"), str(path))
        for where in analysis.scanned:
            if where.segment.kind not in ("paragraph", "cell", "code"):
                continue
            for chain in where.result.chains:
                for lit in (lit for expr in chain.exprs for lit in literals(expr)):
                    if lit.unit is not None:
                        continue
                    bare += 1
                    value = statements._value(lit, analysis.tolerance)
                    line = analysis.document.position(where.offsets[lit.num_start])[0]
                    if value is None:
                        floor = statements._floor_statement(
                            analysis.document, where, lit, line, analysis.tolerance
                        )
                        assert floor is None
                    else:
                        assert facts.value_kind(value) == "count"
    assert bare > 100


#: Names, dtypes and devices in the spellings their patterns accept, and filler.
PROSE_WORDS = [
    "hidden", "Hidden size", "d_model", "D-MODEL", "expert intermediate_size", "num_heads",
    "vocab", "of", "is", ":", "=", "**", "`", "8192", "4,096", "bf16", "BF16", "fp8", "İnt8",
    "weights", "KV cache", "kv", "(", ")", "served", "ſerved", "runs", "in", "the", "quantized",
    "to", "model", "H100", "h100 SXM", "NVIDIA", "A100-80GB", "tpu", "v5e", "Gaudi-3", "MI300X",
    "\u212aV", "-", "_", " ", "\n", "x", "2", "(bf16", "-fp8", "x-kv", "-H100", "(hidden",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PROSE_WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_anchored_searches_find_what_their_patterns_find(words: list[str], glue: str) -> None:
    source = glue.join(words)
    device = device_matcher(devices(None))
    assert device is not None
    for search in (facts._name_search(), facts._prose_dtype_search(), device.search):
        assert search.anchors is not None
        found = _spans(search.finditer(source, timeout=5.0))
        assert found == _spans(search.pattern.finditer(source)), search.pattern.pattern[:60]


def test_anchored_searches_find_names_dtypes_and_devices() -> None:
    source = "Hidden size: 8192, weights in bf16, on 8× NVIDIA H100 SXM; ſerved in FP8"
    device = device_matcher(devices(None))
    assert device is not None
    found = [
        [m.group(0) for m in search.finditer(source, timeout=5.0)]
        for search in (facts._name_search(), facts._prose_dtype_search(), device.search)
    ]
    assert found == [
        ["Hidden size: 8192"],
        ["weights in bf16", "ſerved in FP8"],
        ["NVIDIA H100 SXM"],
    ]


#: The words of the anchored prose patterns, in spellings they accept and refuse, and filler.
FLAG_WORDS = [
    "top-2", "Top 8", "stop 4", "laptop", "SwiGLU", "gated MLP", "ungated", "GELU", "relu-gated",
    "untied", "not tied", "separate LM head", "tied", "weight tying", "shared embeddings",
    "AdamW", "adam 8-bit", "ZeRO-3", "zero stage 2", "no GQA", "without MQA", "not", "no",
    "no TP", "without pipeline parallelism", "MHA", "GQA", "mla", "know", "ſwiglu", "İt",
    "\u212a", "_", "-", " ", "\n", "2", "é", "(", "=",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(FLAG_WORDS), max_size=14), st.sampled_from([" ", ""]))
def test_anchored_prose_patterns_find_what_their_patterns_find(words: list[str], glue: str) -> None:
    source = glue.join(words)
    for pattern, search in facts._ANCHORED.items():
        assert search.anchors is not None and search.pattern is pattern
        found = _spans(search.finditer(source, timeout=5.0))
        assert found == _spans(pattern.finditer(source)), pattern.pattern[:60]


def test_anchored_prose_patterns_find_what_they_find_in_every_document() -> None:
    assert len(facts._ANCHORED) == 10
    for path in FIXTURES:
        source = path.read_text(encoding="utf-8")
        for pattern, search in facts._ANCHORED.items():
            assert _spans(search.finditer(source, timeout=5.0)) == _spans(pattern.finditer(source))
