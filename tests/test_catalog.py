"""The model catalog: every published architecture reproduces its published parameter count,
a document naming one model gets its figures (and says so), and anything ambiguous stays
silent."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from speclint.document import squeeze_folded
from speclint.domain.catalog import builtin_models, model_matcher, models
from speclint.domain.deployment import Deployment
from speclint.domain.facts import Fact, FactSet
from speclint.domain.hardware import Hardware
from speclint.settings import Settings

CATALOG = models()
#: The SPC401 rounding: entries whose card states only the name size ("7B") are held to it.
NAME_SIZE = Fraction(5, 100)
ONE_PERCENT = Fraction(1, 100)


def _deployment(name: str) -> Deployment:
    facts = FactSet()
    for fact, value in CATALOG[name].facts.items():
        facts.add(Fact(fact, value, "", 0, True, "catalog"))
    return Deployment(facts, Hardware(None, None, None, None), Settings())


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_entry_reproduces_its_published_parameter_count(name: str) -> None:
    model, spec = CATALOG[name], builtin_models()[name]
    dep = _deployment(name)
    total = dep.total_params
    assert total is not None and model.params is not None
    tolerance = NAME_SIZE if spec.get("params-rounded") else ONE_PERCENT
    # Every weight, embeddings as tied or untied: the published total.
    assert abs(total.high / model.params - 1) <= tolerance, float(total.high)
    assert (dep.active_params is None) == (model.active_params is None)
    if model.active_params is not None:
        active = dep.active_params
        assert active is not None
        # Published active counts differ on whether embeddings are "active": the count lies
        # between the non-embedding and the every-weight convention.
        assert active.low * (1 - ONE_PERCENT) <= model.active_params
        assert model.active_params <= active.high * (1 + ONE_PERCENT)


def test_every_entry_has_a_source_and_only_known_keys() -> None:
    for name, spec in builtin_models().items():
        assert spec["source"].startswith(("https://huggingface.co/", "Brown et al.")), name
        assert CATALOG[name].facts["layers"] > 0


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Llama-3.1-70B", "Llama-3.1-70B"),
        ("llama3.1:70b", "Llama-3.1-70B"),
        ("meta-llama/Llama-3.1-70B-Instruct", "Llama-3.1-70B"),
        ("Llama 3.1 70B", "Llama-3.1-70B"),
        ("Meta-Llama-3.1-8B-Instruct", "Llama-3.1-8B"),
        ("Qwen2.5-7B-Instruct-AWQ", "Qwen2.5-7B"),
        ("qwen3:30b-a3b", "Qwen3-30B-A3B"),
        ("Mixtral 8x7B", "Mixtral-8x7B"),
        ("DeepSeek V3", "DeepSeek-V3"),
    ],
)
def test_aliases_match_case_and_separator_insensitively(text: str, name: str) -> None:
    matcher = model_matcher(CATALOG)
    assert matcher is not None
    found = matcher.pattern.search(f"We serve {text} in production.")
    assert found is not None and matcher.model(found.group(0)).name == name


@pytest.mark.parametrize(
    "text",
    ["Llama 3", "Llama 3.1", "CodeLlama-7B", "Qwen2-57B-A14B", "Llama38B", "Llama-3.1-7B"],
)
def test_names_without_a_catalog_size_do_not_match(text: str) -> None:
    matcher = model_matcher(CATALOG)
    assert matcher is not None
    assert matcher.pattern.search(f"We serve {text} today.") is None


@pytest.mark.parametrize(
    "text",
    [
        "We compare Llama-3.1-70B, llama3.1:8b and Mixtral 8x7B; not Llama 3 or Llama38B.",
        "| Model | Meta-Llama-3.1-8B-Instruct | Qwen2.5-7B-Instruct-AWQ | DeepSeek V3 |",
        "Qwen3-30B-A3B (qwen3:30b-a3b) and Llama-3.1-7B",
    ],
)
def test_a_text_is_matched_through_only_the_aliases_it_may_hold(text: str) -> None:
    matcher = model_matcher(CATALOG)
    assert matcher is not None
    held = matcher.pattern_in(squeeze_folded(text))
    assert held is not None and len(held.pattern) < len(matcher.pattern.pattern) / 10
    full = [(m.span(), m.group(0)) for m in matcher.pattern.finditer(text)]
    assert [(m.span(), m.group(0)) for m in held.finditer(text)] == full and full
    for header in ("Llama-3.1-70B", "DeepSeek V3", "Llama 3", "Throughput"):
        expected = matcher.pattern.fullmatch(header)
        found = matcher.fullmatch(header)
        assert (found and found.group(0)) == (expected and expected.group(0))
    assert matcher.pattern_in(squeeze_folded("No model is named here.")) is None


NAMES_ONLY = "# Serving Llama-3.1-70B-Instruct\n\nWe serve it with vLLM.\n"


def test_explain_on_a_document_that_only_names_a_model_shows_the_catalog(cli) -> None:
    code, out, err = cli(["explain", "-", "--output-format", "json"], stdin=NAMES_ONLY)
    assert code == 0, err
    report = json.loads(out)
    assert report["model"]["name"] == "Llama-3.1-70B" and report["model"]["line"] == 1
    assert report["model"]["source"] == (
        "https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/config.json"
    )
    facts = {f["name"]: (f["value"], f["line"], f["text"]) for f in report["facts"]}
    assert facts["layers"] == (80, 0, "layers 80 (catalog: Llama-3.1-70B, config.json)")
    assert facts["kv_heads"][0] == 8 and facts["ffn_size"][0] == 28672
    total = next(q for q in report["derived"] if q["name"] == "total parameters")
    assert total["high"] == 70555025408  # 70,553,706,496 published, plus the norm bound
    assert total["formula"].endswith(
        "(catalog: Llama-3.1-70B, config.json: layers, hidden size, heads, kv heads, "
        "ffn size, vocab, tied, gated)"
    )
    code, out, _ = cli(["explain", "-"], stdin=NAMES_ONLY)
    assert "Model\nLlama-3.1-70B (named on line 1 as 'Llama-3.1-70B-Instruct'); catalog " in out
    assert "catalog  layers       80" in out


def _diagnostics(cli, text: str, *extra: str, cwd: Path | None = None) -> list[dict]:
    args = ["check", "-", "--format", "json", *extra]
    code, out, err = cli(args, stdin=text) if cwd is None else cli(args, stdin=text, cwd=cwd)
    assert code in (0, 1), err
    return json.loads(out)


def test_a_wrong_total_for_the_named_model_names_the_catalog(cli) -> None:
    text = "# Llama-3.1-70B on H100\n\n- Total parameters: 80B\n"
    [diag] = _diagnostics(cli, text)
    assert (diag["line"], diag["code"]) == (3, "SPC401")
    assert "(catalog: Llama-3.1-70B, config.json: layers, hidden size" in diag["message"]
    assert diag["message"].endswith("stated 80B is 1.13× the computed count")
    assert diag["related"] == []


def test_a_stated_fact_wins_and_a_contradiction_is_a_warning(cli) -> None:
    text = "# Serving Llama-3.1-70B\n\n- Layers: 64\n- Vocabulary size: 128000\n"
    [diag] = _diagnostics(cli, text)
    assert (diag["line"], diag["code"], diag["severity"]) == (3, "SPC304", "warning")
    assert diag["message"] == (
        "layers is 64 here, but Llama-3.1-70B (named on line 1) has 80 (catalog: "
        "Llama-3.1-70B, config.json: https://huggingface.co/meta-llama/Llama-3.1-70B/blob/main/"
        "config.json); the document's figure is used"
    )
    out = cli(["explain", "-", "--output-format", "json"], stdin=text)[1]
    facts = {f["name"]: (f["value"], f["line"]) for f in json.loads(out)["facts"]}
    assert facts["layers"] == (64, 3) and facts["vocab"] == (128000, 4)


@pytest.mark.parametrize(
    "text",
    [
        # A figure stated before the model is named may describe something else.
        "## Tokenizers\n\n- Vocabulary size: 131072\n\nLater: Llama-3-8B uses its own.\n",
        # Two models named: a comparison, not one model.
        "# Llama-3.1-8B vs Mistral-7B-v0.3\n\n- Total parameters: 80B\n",
        # The only model named is a column of a comparison table.
        "| | Llama-3.1-70B | Ours |\n|---|---|---|\n| Layers | 80 | 40 |\n\n"
        "- Total parameters: 80B\n",
        # A family without a size.
        "# Llama 3 serving\n\n- Total parameters: 80B\n",
        # A prose count of one part of the model.
        "# DeepSeek-V3\n\nOne expert is 3 × 7168 × 2048 = 44.0M parameters.\n",
    ],
)
def test_ambiguous_documents_stay_silent(cli, text: str) -> None:
    assert _diagnostics(cli, text) == []


def test_configured_models_work(cli, tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text(
        '[models."Acme-13B"]\naliases = ["acme:13b"]\nsource = "Acme model card"\n'
        "layers = 40\nhidden-size = 5120\nheads = 40\nkv-heads = 8\nffn-size = 13824\n"
        "vocab = 32000\ntied = false\ngated = true\nparams = 13_000_000_000\n",
        encoding="utf-8",
    )
    [diag] = _diagnostics(cli, "# acme:13b\n\n- Total parameters: 20B\n", cwd=tmp_path)
    assert diag["code"] == "SPC401"
    assert "(catalog: Acme-13B, Acme model card: layers, hidden size" in diag["message"]
    assert _diagnostics(cli, "# acme:13b\n\n- Total parameters: 11.3B\n", cwd=tmp_path) == []


def test_configured_model_keys_are_validated(cli, tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('[models."Acme"]\nlayers = 0\n', encoding="utf-8")
    code, _, err = cli(["check", "-"], stdin="# x\n", cwd=tmp_path)
    assert code == 2
    assert "speclint.toml: models.Acme.layers: expected a positive integer, got 0" in err


def test_the_built_in_matcher_is_built_once_and_configured_models_still_count() -> None:
    from speclint.domain.catalog import catalog_matcher

    assert catalog_matcher({}) is catalog_matcher(None) is not None
    extra = {"Acme-9B": {"layers": 40, "source": "test"}}
    matcher = catalog_matcher(extra)
    assert matcher is not None and matcher is not catalog_matcher(None)
    found = matcher.pattern.search("We serve acme 9b today.")
    assert found is not None and matcher.model(found.group(0)).name == "Acme-9B"
