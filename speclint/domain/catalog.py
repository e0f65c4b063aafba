"""Published model architectures (``data/models.toml``, plus configured models): the model a
document names, and the facts it supplies that the document does not state.

A document gets the catalog's architecture only when it names exactly one catalog model outside
wide (comparison) tables; facts it states always win, and a stated architecture fact that
differs from the named model's is reported (SPC304).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import pairwise
from typing import Any

import regex

from speclint.data import load
from speclint.document import Document, squeeze, squeeze_folded
from speclint.domain.facts import Fact, FactSet
from speclint.domain.needles import needles
from speclint.patterns import lazy_compile

#: Keys of an entry that are not architecture facts.
META_KEYS = frozenset(
    {
        "aliases",
        "source",
        "params",
        "active-params",
        "params-source",
        "params-rounded",
        "note",
        "also",
    }
)
#: Architecture facts a catalog entry may give (fact names of ``facts.toml``), and flags.
COUNT_FACTS = (
    "layers", "hidden_size", "heads", "kv_heads", "head_dim", "ffn_size", "expert_ffn_size",
    "shared_ffn_size", "experts", "shared_experts", "top_k", "dense_layers", "vocab",
    "q_lora_rank", "kv_lora_rank", "qk_rope_head_dim", "qk_nope_head_dim", "v_head_dim",
    "sliding_window",
)  # fmt: skip
FLAG_FACTS = ("tied", "gated")
#: A stated vocabulary this close to the catalog's is the same tokenizer before padding.
VOCAB_PADDING = Fraction(2, 100)
_SEPARATORS = r"[\s\-_:/]*"
_SEPARATOR = r"[\s\-_:/]+"
_TOKEN_SPLIT = lazy_compile(r"[\s\-_:/]+|(?<=[a-z])(?=\d)")
_TIMEOUT = 2.0
#: A mention that names the draft of speculative decoding: ``draft = X``, ``draft model: X``,
#: ``a X draft``, ``X as the draft`` (read on the mention's line, next to it).
_DRAFT_BEFORE = lazy_compile(
    r"\bdraft(?:\s+model)?\s*(?:[=:(]|\bis\b)?\s*(?:the\s+|a\s+)?$", regex.I
)
_DRAFT_AFTER = lazy_compile(
    r"^(?:-instruct)?\s*(?:\(\s*|,\s*|as\s+(?:the|a|its)\s+|(?:is\s+)?the\s+)?draft\b", regex.I
)

#: A mention that names the base a document's model is built from (``a Llama-3.2-1B backbone
#: whose vocabulary is extended``, ``fine-tuned from X``, ``Same block as X, with our 64K
#: tokenizer``): its figures may differ on purpose.
_BASE_BEFORE = lazy_compile(
    r"\b(?:based\s+on|built\s+(?:on|from)|fine-?tuned\s+from|derived\s+from|"
    r"initiali[sz]ed\s+from|on\s+top\s+of|extends?|extension\s+of|variant\s+of|"
    r"same\s+(?:[\w-]+\s+){0,2}as)\s+(?:the\s+|a\s+|an\s+)?$",
    regex.I,
)
_BASE_AFTER = lazy_compile(r"^(?:-instruct)?\s*(?:backbone|base\s+model)\b", regex.I)


@dataclass(frozen=True)
class CatalogModel:
    """One published architecture: its name, where its figures come from, and its facts."""

    name: str
    source: str
    facts: dict[str, Fraction | bool]
    aliases: tuple[str, ...] = ()
    params: Fraction | None = None
    active_params: Fraction | None = None
    #: Other values a fact has in another published release of the model (``also``).
    also: Mapping[str, tuple[Fraction, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """``catalog: Llama-3.1-70B, config.json`` (or the paper)."""
        where = "config.json" if self.source.endswith("config.json") else self.source
        return f"catalog: {self.name}, {where}"


@dataclass(frozen=True)
class Naming:
    """The catalog model a document names, and the first line it is named on."""

    model: CatalogModel
    line: int
    text: str
    #: The catalog models named as the draft of speculative decoding (not the one served).
    drafts: tuple[str, ...] = ()
    #: Whether the model is named as the base the document's own model is built from.
    base: bool = False


def _fact_name(key: str) -> str:
    return key.replace("-", "_")


@lru_cache(maxsize=1)
def builtin_models() -> dict[str, dict[str, Any]]:
    """The built-in catalog, by model name, as written in ``data/models.toml``."""
    return load("models.toml")


def models(extra: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, CatalogModel]:
    """Catalog models, with configured ones added or overriding by name."""
    merged = {name: dict(spec) for name, spec in builtin_models().items()}
    for name, spec in (extra or {}).items():
        merged[name] = {**merged.get(name, {}), **spec}
    return {name: _entry(name, spec) for name, spec in merged.items()}


def _entry(name: str, spec: Mapping[str, Any]) -> CatalogModel:
    facts: dict[str, Fraction | bool] = {}
    for key, value in spec.items():
        fact = _fact_name(key)
        if key in META_KEYS:
            continue
        if fact in FLAG_FACTS:
            facts[fact] = bool(value)
        elif fact in COUNT_FACTS:
            facts[fact] = Fraction(int(value))
    params, active = spec.get("params"), spec.get("active-params")
    return CatalogModel(
        name,
        str(spec.get("source", "configuration")),
        facts,
        tuple(spec.get("aliases", ())),
        Fraction(str(params)) if params is not None else None,
        Fraction(str(active)) if active is not None else None,
        {
            _fact_name(key): tuple(Fraction(int(v)) for v in values)
            for key, values in spec.get("also", {}).items()
        },
    )


def _tokens(text: str) -> tuple[str, ...]:
    """``Llama3.1:70b`` → ``("llama", "3.1", "70b")``."""
    return tuple(t for t in _TOKEN_SPLIT.split(text.lower()) if t)


@dataclass(frozen=True)
class ModelMatcher:
    """One alternation of every alias, longest first, so ``Llama-3.1-70B`` wins over a prefix
    (compiled on first use: a document that names no alias by its needles never needs it)."""

    aliases: tuple[tuple[str, ...], ...]
    by_tokens: dict[tuple[str, ...], CatalogModel]
    #: Each alias squeezed (``speclint.domain.needles``); ``None``: search every document.
    needles: frozenset[str] | None = None

    @property
    def pattern(self) -> regex.Pattern:
        return _compiled(self.aliases)

    def pattern_in(self, squeezed: str) -> regex.Pattern | None:
        """The alternation, in the same order, of the aliases a text may hold (``squeezed`` as
        ``Document.squeezed`` is): one whose needle it lacks matches nothing in it, so a
        document naming one model compiles a one-alias pattern, not the whole catalog's (a
        large alternation is slow to compile). ``None``: no alias can match."""
        if self.needles is None:
            return self.pattern
        held = tuple(tokens for tokens in self.aliases if _needle(tokens) in squeezed)
        return _compiled(held) if held else None

    def fullmatch(self, text: str) -> regex.Match | None:
        """``pattern.fullmatch(text)``, through the aliases ``text`` may hold."""
        pattern = self.pattern_in(squeeze_folded(text))
        return pattern.fullmatch(text) if pattern is not None else None

    def model(self, matched: str) -> CatalogModel | None:
        return self.by_tokens.get(_tokens(matched))


@lru_cache(maxsize=4096)
def _needle(tokens: tuple[str, ...]) -> str:
    """An alias's needle, as ``model_matcher`` gives it to ``needles``."""
    return squeeze(" ".join(tokens).lower())


@lru_cache(maxsize=256)
def _compiled(aliases: tuple[tuple[str, ...], ...]) -> regex.Pattern:
    bodies = [_body(tokens) for tokens in aliases]
    return regex.compile(rf"(?<![\w.])(?:{'|'.join(bodies)})(?![\w]|\.\d)", regex.IGNORECASE)


def _body(tokens: tuple[str, ...]) -> str:
    """Tokens with optional separators between them; two numbers need one (``3 8b``)."""
    out = regex.escape(tokens[0])
    for before, token in pairwise(tokens):
        joint = _SEPARATOR if before[-1].isdigit() and token[0].isdigit() else _SEPARATORS
        out += joint + regex.escape(token)
    return out


def model_matcher(catalog: Mapping[str, CatalogModel]) -> ModelMatcher | None:
    """A matcher for every name and alias of ``catalog``; an alias two models share is dropped."""
    by_tokens: dict[tuple[str, ...], CatalogModel] = {}
    shared: set[tuple[str, ...]] = set()
    for model in catalog.values():
        for alias in (model.name, *model.aliases):
            tokens = _tokens(alias)
            if not tokens:
                continue
            if tokens in by_tokens and by_tokens[tokens].name != model.name:
                shared.add(tokens)
            by_tokens[tokens] = model
    for tokens in shared:
        del by_tokens[tokens]
    if not by_tokens:
        return None
    ordered = tuple(sorted(by_tokens, key=lambda t: (-len("".join(t)), t)))
    return ModelMatcher(ordered, by_tokens, needles(" ".join(t) for t in ordered))


def catalog_matcher(extra: Mapping[str, Mapping[str, Any]] | None) -> ModelMatcher | None:
    """``model_matcher(models(extra))``, built once for the built-in catalog alone."""
    return model_matcher(models(extra)) if extra else _builtin_matcher()


@lru_cache(maxsize=1)
def _builtin_matcher() -> ModelMatcher | None:
    return model_matcher(models())


def _wide_table_row(line_text: str) -> bool:
    """A row of a table with more than two columns (a comparison, one column per model)."""
    stripped = line_text.strip()
    return stripped.startswith("|") and stripped.strip("|").count("|") >= 2


def named_model(doc: Document, matcher: ModelMatcher | None) -> Naming | None:
    """The one catalog model the document is about: exactly one model named, and named
    outside wide tables (a model only in a comparison column is not the document's); a model
    named as the draft of speculative decoding is not the one served."""
    if matcher is None or not doc.may_contain(matcher.needles):
        return None
    found: dict[str, list[tuple[int, str]]] = {}
    named: dict[str, CatalogModel] = {}
    drafts: set[str] = set()
    bases: set[str] = set()
    try:
        pattern = matcher.pattern_in(doc.squeezed)
        for match in pattern.finditer(doc.source, timeout=_TIMEOUT) if pattern else ():
            model = matcher.model(match.group(0))
            if model is None:
                continue
            line = bisect_right(doc.line_starts, match.start())
            found.setdefault(model.name, []).append((line, match.group(0)))
            named[model.name] = model
            if _named_as_draft(doc, match.start(), match.end()):
                drafts.add(model.name)
            if _named_as(doc, match.start(), match.end(), _BASE_BEFORE, _BASE_AFTER):
                bases.add(model.name)
    except TimeoutError:
        return None
    for name in drafts:
        del found[name]
    if len(found) != 1:
        return None
    ((name, places),) = found.items()
    outside = [(line, text) for line, text in places if not _wide_table_row(doc.line_text(line))]
    if not outside:
        return None
    line, text = outside[0]
    if _title_names_another(doc, named[name]):
        return None
    return Naming(named[name], line, text, tuple(sorted(drafts)), name in bases)


#: How far a size in the title may be from the named model's parameters and still be its.
_TITLE_SIZE_SLACK = Fraction(3, 10)


def _title_names_another(doc: Document, model: CatalogModel) -> bool:
    """The title names models by their sizes (``LoRA fine-tune of Mistral-NeMo-12B``) and none
    is the catalog model's (within 30 %): the document is about a model the catalog does not
    have, and the one it names is a comparison (``the 32K Mistral-7B vocabulary``)."""
    from speclint.domain.rate_context import model_sizes

    if model.params is None:
        return False
    sizes = model_sizes(doc.title)
    low, high = model.params * (1 - _TITLE_SIZE_SLACK), model.params * (1 + _TITLE_SIZE_SLACK)
    return bool(sizes) and not any(low <= size <= high for size in sizes)


@dataclass(frozen=True)
class Contradiction:
    """A stated architecture fact that differs from the named model's published figure."""

    stated: Fact
    published: Fraction | bool
    model: CatalogModel


def _named_as_draft(doc: Document, start: int, end: int) -> bool:
    """The mention at ``start:end`` names the draft model (``draft = Llama-3.2-1B``)."""
    return _named_as(doc, start, end, _DRAFT_BEFORE, _DRAFT_AFTER)


def _named_as(
    doc: Document, start: int, end: int, before_pattern: regex.Pattern, after_pattern: regex.Pattern
) -> bool:
    """The words next to the mention at ``start:end``, on its line, say what role it has."""
    line_start = doc.source.rfind("\n", 0, start) + 1
    line_end = doc.source.find("\n", end)
    before = doc.source[max(line_start, start - 40) : start]
    after = doc.source[end : min(end + 40, line_end if line_end >= 0 else len(doc.source))]
    return bool(before_pattern.search(before) or after_pattern.search(after))


def _differs(name: str, stated: Fraction | str | bool, published: Fraction | bool) -> bool:
    if isinstance(published, bool) or isinstance(stated, bool | str):
        return stated != published
    if name == "vocab":  # 128000 for 128256: the tokenizer before padding
        return abs(Fraction(stated) - published) > published * VOCAB_PADDING
    return Fraction(stated) != published


def apply_catalog(
    facts: FactSet, naming: Naming, catalog: Iterable[CatalogModel] = ()
) -> list[Contradiction]:
    """Add the named model's facts the document does not state (line 0, source "catalog");
    return the stated facts that contradict it, but those of a code block whose facts are all
    another ``catalog`` model's (a draft model's ``config.json``)."""
    model = naming.model
    contradictions = []
    for name, value in model.facts.items():
        if facts.facts.get(name):
            stated = facts.get(name)
            if (
                stated is not None
                and stated.strong
                and not naming.base  # "a Llama-3.2-1B backbone": its own model may differ
                and stated.line > naming.line  # a figure before the name may be another model's
                and all(_differs(name, stated.value, v) for v in (value, *model.also.get(name, ())))
                and not _another_models_block(facts, stated, model, catalog)
                and not _another_models_line(facts, stated, model)
                and not _another_version_has(naming, name, stated.value, catalog)
            ):
                contradictions.append(Contradiction(stated, value, model))
            continue
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        text = f"{name.replace('_', ' ')} {shown} ({model.label})"
        facts.add(Fact(name, value, text, 0, True, "catalog"))
    return contradictions


def _another_version_has(
    naming: Naming, name: str, stated: Fraction | str | bool, catalog: Iterable[CatalogModel]
) -> bool:
    """The model is named without its version (``Mistral 7B``, read as the catalog's v0.3) and
    another version of that name has the stated value (v0.1's 32,000-token vocabulary)."""
    written = _tokens(naming.text)
    for other in catalog:
        tokens = _tokens(other.name)
        if (
            other is naming.model
            or len(tokens) <= len(written)
            or tokens[: len(written)] != written
        ):
            continue
        published = other.facts.get(name)
        if published is not None and not _differs(name, stated, published):
            return True
    return False


def _another_models_line(facts: FactSet, stated: Fact, named: CatalogModel) -> bool:
    """``stated`` shares its line of prose with other facts of the model's shape (three or
    more) and every one of them differs from the named model's: the line describes another
    model (``Student: bge-large (24 layers, hidden 1024, 16 heads, FFN 4096)``). A config
    block is judged whole (``_another_models_block``)."""
    if stated.source == "config":
        return False
    line = {
        fact.name: fact.value
        for stated_facts in facts.facts.values()
        for fact in stated_facts
        if fact.line == stated.line and fact.name in named.facts
    }
    if len(line) < MIN_BLOCK_FACTS:
        return False
    return all(_differs(name, value, named.facts[name]) for name, value in line.items())


#: Facts of a code block that must all be another model's to make the block that model's.
MIN_BLOCK_FACTS = 3


def _another_models_block(
    facts: FactSet, stated: Fact, named: CatalogModel, catalog: Iterable[CatalogModel]
) -> bool:
    """``stated`` comes from a config whose facts (three or more, on lines at most two apart)
    are all another catalog model's: it describes that model (``{"hidden_size": 2048, …}`` for
    the draft)."""
    if stated.source != "config":
        return False
    config = sorted(
        (fact.line, fact.name, fact.value)
        for stated_facts in facts.facts.values()
        for fact in stated_facts
        if fact.source == "config" and fact.name in named.facts
    )
    runs: list[list[tuple[int, str, Fraction | str | bool]]] = []
    for entry in config:
        if runs and entry[0] <= runs[-1][-1][0] + 2:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    run = next((r for r in runs if r[0][0] <= stated.line <= r[-1][0]), [])
    block = {name: value for _, name, value in run}
    if len(block) < MIN_BLOCK_FACTS:
        return False
    return any(
        other.name != named.name
        and all(n in other.facts and not _differs(n, v, other.facts[n]) for n, v in block.items())
        for other in catalog
    )


def catalog_note(inputs: tuple[Fact, ...]) -> str:
    """`` (catalog: Llama-3.1-70B, config.json: layers, hidden size)`` for the catalog's
    figures among ``inputs``, or ``""``."""
    from_catalog = [f for f in inputs if f.source == "catalog"]
    if not from_catalog:
        return ""
    label = from_catalog[0].text.rsplit("(", 1)[-1].rstrip(")")
    names = ", ".join(dict.fromkeys(f.name.replace("_", " ") for f in from_catalog))
    return f" ({label}: {names})"
