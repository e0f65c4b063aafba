"""Facts a document states about its deployment: architecture, numerics, hardware, parallel
layout and workload, each with the line it came from.

Names are data (``data/facts.toml``). Facts come from ``Label: value`` lines, key-value table
rows, ``name = value`` definitions, config keys in code blocks (JSON, YAML, Python) and a few
prose forms (``on 32 GPUs``, ``top-2 routing``, ``4×4×2 (EP×TP×PP)``, ``8× H100``).
A fact stated twice with different values is a conflict, and rules do not use it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import lru_cache, partial
from itertools import pairwise

import regex

from speclint.claims.model import Definition, Scanned
from speclint.claims.sums import COUNT_HEADER, Item
from speclint.claims.symbols import SymbolTable
from speclint.data import load
from speclint.document import Document, NotChecked
from speclint.domain.hardware_names import DeviceMatcher
from speclint.domain.needles import (
    ASCII_WORD,
    SUBSETS,
    AnchoredSearch,
    LineSearch,
    held_exactly,
    held_words,
    needles,
)
from speclint.formula.evaluate import NotEvaluable, Value, literal_value
from speclint.formula.expr import Lit, literals
from speclint.patterns import SYSTEM_NAME, compile_regex, lazy_compile
from speclint.quantity.numbers import format_readable
from speclint.quantity.precision import Tolerance
from speclint.quantity.units import unit_table


def _dtypes() -> tuple[dict[str, Fraction], dict[str, str]]:
    """Bytes per element by every spelling, and each alias's name (``data/dtypes.toml``)."""
    sizes: dict[str, Fraction] = {}
    names: dict[str, str] = {}
    for name, entry in load("dtypes.toml").items():
        size = Fraction(str(entry["bytes"]))
        sizes[name] = size
        for alias in entry.get("aliases", []):
            sizes[alias] = size
            names[alias] = name
    return sizes, names


#: Bytes per element of each numeric format, by the names documents use; the name each alias
#: stands for.
DTYPE_BYTES, DTYPE_ALIASES = _dtypes()
#: The parallel degrees (``tp``, ``pp``, ``ep``, ``dp``, ``cp``), in ``data/facts.toml`` order.
PARALLEL_DEGREES: tuple[str, ...] = tuple(
    name for name, entry in load("facts.toml").items() if entry.get("degree")
)
#: A format name in text. ``half`` names one only as ``half precision`` or a setting's value
#: (``dtype: half``): ``a bit over half of the 16 GB`` names none.
_DTYPE = lazy_compile(
    r"(?<![\w.])("
    + "|".join(sorted((n for n in DTYPE_BYTES if n != "half"), key=len, reverse=True))
    + r"|half(?=[-\s]*precision\b)|(?<=[=:]\s*[\"']?)half)(?![\w.])",
    regex.IGNORECASE,
)
_GATED = lazy_compile(r"\b(?:swiglu|geglu|reglu|gated(?:\s+(?:mlp|ffn|linear))?|silu)\b", regex.I)
_PLAIN_MLP = lazy_compile(r"\b(?:gelu|relu)\b(?!\s*[- ]?gated)", regex.I)
_UNTIED = lazy_compile(r"\buntied\b|\bnot\s+tied\b|\bseparate\s+(?:lm\s+)?head\b", regex.I)
_TIED = lazy_compile(
    r"\b(?<!un)tied\b|\bweight\s+tying\b|\bshared\s+(?:input/output\s+)?embeddings?\b", regex.I
)
_ATTENTION = lazy_compile(r"(?<!\b(?:no|without|not)\s)\b(MHA|GQA|MQA|MLA)\b")
#: "40 heads (no GQA)": every query head has its own K and V.
_NO_GQA = lazy_compile(r"\b(?:no|without|not)\s+(?:GQA|MQA|grouped[- ]query)\b", regex.I)
#: "top-2 routing"; not a top-k of something else ("top-20 logits kept", "top-5 accuracy").
_TOP_K = lazy_compile(
    r"\btop[- ]?(\d{1,3})\b(?!\s*%)(?!\s+(?:[\w-]+\s+)?(?:logits?|log-?probs?|probabilit\w*"
    r"|accuracy|tokens?|candidates?|results?|documents?|docs|passages?|chunks?|hits?"
    r"|predictions?|recall|precision|items?|entries|words?)\b)",
    regex.I,
)
_GPU_COUNT = lazy_compile(
    r"\b(?:on|across|over|using|with|onto|to)\s+(\d{1,6})\s+(?:[A-Z][\w-]*\s+){0,3}?"
    r"(?:GPUs|accelerators|chips|devices)\b",
)
_LAYOUT = lazy_compile(
    r"(\d{1,4})\s*[×x*]\s*(\d{1,4})(?:\s*[×x*]\s*(\d{1,4}))?(?:\s*[×x*]\s*(\d{1,4}))?"
    r"\s*\(\s*([A-Z]{2,3})\s*[×x*]\s*([A-Z]{2,3})(?:\s*[×x*]\s*([A-Z]{2,3}))?"
    r"(?:\s*[×x*]\s*([A-Z]{2,3}))?\s*\)"
)
_CONFIG_PAIR = lazy_compile(
    r"""["']?([A-Za-z_][A-Za-z0-9_]*)["']?\s*[:=]\s*["']?([A-Za-z0-9_.+\-]+)["']?"""
)
#: ``- Precision: FP16`` and ``| Weights dtype | bf16 |``: a label and a word value.
_LABELLED_WORD = lazy_compile(
    r"^[ \t]*(?:[-*+][ \t]+|\|[ \t]*)?([A-Za-z][\w /()-]{0,40}?)[ \t]*[:|][ \t]*(.+)$", regex.M
)
_ADJACENT_LABEL = lazy_compile(r"((?:[A-Za-z_][\w\-]*\s+){0,2}[A-Za-z_][\w\-]*)\s*[:=]?\s*$")
_ADAM = lazy_compile(r"\badam(?:w)?\b(?![- ]?8[- ]?bit)", regex.I)
_ZERO = lazy_compile(r"\bZeRO(?:[- ]?stage)?[- ]?([0-3])\b", regex.I)
#: Megatron's distributed optimizer: the optimizer states sharded over DP, as ZeRO stage 1
#: (``--use-distributed-optimizer``, ``use_distributed_optimizer: true``, in prose too).
_DISTRIBUTED_OPTIMIZER = lazy_compile(
    r"\b(?:--)?use[-_]distributed[-_]optimi[sz]er\b(?!\s*[:=]\s*(?:false|0)\b)"
    r"|\bdistributed\s+optimi[sz]er\b",
    regex.I,
)
#: PyTorch FSDP's sharding strategies: full shard (the default) shards weights, gradients and
#: optimizer states as ZeRO stage 3 does; ``SHARD_GRAD_OP`` shards gradients and optimizer
#: states (stage 2). Group 1 is the stage-2 strategy's name.
_FSDP = lazy_compile(
    r"\b(SHARD_GRAD_OP)\b|\bFSDP2?\b(?:\s+\(?(?:full[- _]?shard|FULL_SHARD)\)?)?"
    r"|\bfull[- _]shard(?:ing|ed)?\b|\bfully\s+sharded\s+data\s+parallel",
    regex.I,
)
#: (pattern, fact, value) of the MLP and embedding flags.
_FLAGS: tuple[tuple[regex.Pattern, str, bool], ...] = (
    (_GATED, "gated", True),
    (_PLAIN_MLP, "gated", False),
    (_UNTIED, "tied", False),
    (_TIED, "tied", True),
)
_DEVICE_COUNT = lazy_compile(
    r"((?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d{1,6})|(?<=\bon\s+)one|(?<![\w-])single|(?<=\bon\s+)a)"
    r"\s*[×x]?\s*(?:NVIDIA\s+|AMD\s+)?$",
    regex.I,
)
#: "one NVIDIA L4 (24 GB) each": a count per node or VM, not the total.
_EACH = lazy_compile(
    r"[^.;\n]{0,40}?\b(?:each|per\s+(?:node|vm|host|server|pod|replica))\b", regex.I
)
#: "4 nodes of 8×", "2 nodes × 8": the node count before a per-node device count.
_NODES = lazy_compile(
    r"(\d{1,5})\s+(?:nodes?|hosts?|servers?|machines?|VMs?|instances?|boxes)\s*(?:of|×|x|\*|with)\s*$",
    regex.I,
)
_DEVICES_PER_NODE = lazy_compile(
    r"[\w\s-]{0,20}?\bper\s+(?:node|host|server|machine|VM|instance)\b", regex.I
)
#: "the data mix is 1.0T tokens", "train on 15T tokens": the tokens a training run reads.
_TRAINING_TOKENS = lazy_compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*([KMBT])\s+(?:(?:pre-?)?training\s+)?tokens\b"
    r"(?![^.\n]{0,20}\bper\b)",
    regex.I,
)
_TRAINING_WORDS = lazy_compile(
    r"\b(?:train\w*|pre-?train\w*|data(?:set)?|mix|corpus|run)\b", regex.I
)
_TOKEN_SCALE = {"k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12}
#: "At 40% MFU", "MFU of 45 %".
_MFU = lazy_compile(
    r"(?<![\w.])(\d{1,2}(?:\.\d+)?)\s*%\s*MFU\b|\bMFU\s*(?:of|=|:|≈|~)?\s*(\d{1,2}(?:\.\d+)?)\s*%",
    regex.I,
)
#: "TP=4", "EP = 16" in a sentence ("TP=8 × PP=16" too); not the last name of a product of
#: names ("TP × PP = 32").
_DEGREE_EQUALS = lazy_compile(
    r"(?<![\w-])(?<!\b(?:TP|PP|EP|DP|CP)\s{0,2}[×*·x]\s{0,2})"
    r"(TP|PP|EP|DP|CP)\s*=\s*(\d{1,5})(?![\w.])"
)
#: "with TP2", "TP8 × PP4": a degree glued to its name, upper case (a weak fact: prose).
_DEGREE_GLUED = lazy_compile(r"(?<![\w-])(TP|PP|EP|DP|CP)([1-9]\d{0,3})(?![\w.])")
#: "(32 GPUs)", "= 16 GPUs", "32 GPUs in total".
_GPU_TOTAL = lazy_compile(
    r"(?:\(|=\s*|\btotal\s+of\s+)(\d{1,6})\s+(?:GPUs|accelerators|chips|devices)\b"
    r"|\b(\d{1,6})\s+(?:GPUs|accelerators|chips|devices)\s+(?:in\s+total|total)\b"
    r"|^[ \t]*[-*+][ \t]+(\d{1,6})\s+(?:GPUs|accelerators)\s*[,:;(]",  # "- 128 GPUs, 192 GB"
    regex.I | regex.M,
)
#: "no TP", "no tensor parallelism", "without pipeline parallelism": that degree is 1.
_NO_PARALLELISM = lazy_compile(
    r"\b(?:no|without)\s+(TP|PP|EP|(?:tensor|pipeline|expert)[- ]parallel(?:ism)?)\b(?!\s*=)",
    regex.I,
)
_PARALLEL_WORDS = {"ten": "tp", "pip": "pp", "exp": "ep"}
#: "each row is 500 requests with 2,048-token prompts": the prompt length of the whole
#: document when it names no other (a weak fact; a claim's own line names its own), not a
#: rate ("18,800 prompt tokens/s of prefill").
_PROMPT_LEN = lazy_compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d{1,7})\s*([kK])?"
    r"(?:[- ]token\s+(?:prompts?|inputs?)\b|\s+(?:input|prompt)(?:\s+tokens\b|\s*/\s*\d))"
    r"(?!\s*/\s*(?:s|sec)\b|\s+(?:per|a)\s+(?:s|sec|second)\b)",
    regex.I,
)
_COUNT_WINDOW = 64
#: Words every match of a pattern contains (one of them): a document without any is skipped.
_NEEDLES: dict[regex.Pattern | AnchoredSearch, frozenset[str]] = {
    _TOP_K: frozenset({"top"}),
    _GPU_COUNT: frozenset({"gpus", "accelerators", "chips", "devices"}),
    _TRAINING_TOKENS: frozenset({"tokens"}),
    _MFU: frozenset({"mfu"}),
    _PROMPT_LEN: frozenset({"token"}),
    _GPU_TOTAL: frozenset({"gpus", "accelerators", "chips", "devices"}),
    _GATED: frozenset({"swiglu", "geglu", "reglu", "gated", "silu"}),
    _PLAIN_MLP: frozenset({"gelu", "relu"}),
    _UNTIED: frozenset({"tied", "separatehead", "separatelmhead"}),
    _TIED: frozenset({"tied", "tying", "embedding"}),
    _ADAM: frozenset({"adam"}),
    _ZERO: frozenset({"zero"}),
    _DISTRIBUTED_OPTIMIZER: frozenset({"distributed"}),
    _FSDP: frozenset({"fsdp", "shardgradop", "fullshard", "fullysharded"}),
    _ATTENTION: frozenset({"mha", "gqa", "mqa", "mla"}),
    _NO_GQA: frozenset(
        f"{no}{what}" for no in ("no", "not", "without") for what in ("gqa", "mqa", "groupedquery")
    ),
    _DEGREE_EQUALS: frozenset({"tp=", "pp=", "ep=", "dp=", "cp="}),
    _DEGREE_GLUED: frozenset(
        f"{name}{digit}" for name in PARALLEL_DEGREES for digit in "123456789"
    ),
    _NO_PARALLELISM: frozenset(
        {"notp", "nopp", "noep", "notensorparallel", "nopipelineparallel", "noexpertparallel"}
        | {"withouttp", "withoutpp", "withoutep", "withouttensorparallel"}
        | {"withoutpipelineparallel", "withoutexpertparallel"}
    ),
}
#: The prose patterns searched only where one of their words starts: ``\b`` opens every
#: alternative, so no match starts right after an ASCII word character.
_ANCHORED: dict[regex.Pattern | AnchoredSearch, AnchoredSearch] = {
    pattern: AnchoredSearch(pattern, words, not_after=ASCII_WORD)
    for pattern, words in (
        (_TOP_K, ("top",)),
        (_GATED, ("swiglu", "geglu", "reglu", "gated", "silu")),
        (_PLAIN_MLP, ("gelu", "relu")),
        (_UNTIED, ("untied", "not", "separate")),
        (_TIED, ("tied", "weight", "shared")),
        (_ADAM, ("adam",)),
        (_ZERO, ("zero",)),
        (_NO_GQA, ("no", "without")),
        (_NO_PARALLELISM, ("no", "without")),
        (_ATTENTION, ("mha", "gqa", "mqa", "mla")),
    )
}
#: The line patterns tried only on lines that hold one of their marks: ``Label: word``.
_BY_LINE: dict[regex.Pattern | AnchoredSearch, LineSearch] = {
    _LABELLED_WORD: LineSearch(_LABELLED_WORD, ":|")
}
_DOCUMENT_TIMEOUT = 2.0
_PER_NODE = lazy_compile(
    r"\s*(?:GPUs|accelerators|chips|devices)?\s*per\s+(?:node|host|server|instance)\b"
)
#: The text before a literal that makes it the result of a formula.
_RESULT = lazy_compile(r"[×*/+−][^=≈\n]*[=≈]\s*[*_~]*\s*$")
_PAREN = lazy_compile(r"\(([^()]*)\)")
_MAX_COUNT = Fraction(10) ** 15
_TIMEOUT = 0.25


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: str
    labels: frozenset[str]
    keys: frozenset[str]
    symbols: frozenset[str]
    pattern: regex.Pattern | None
    #: Words after a number in prose ("80 layers") and before one ("hidden 8192").
    nouns: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    #: The largest plausible value of a count (``max`` in facts.toml).
    max: int | None = None


@dataclass(frozen=True)
class Fact:
    """One statement of a fact: its value (a Fraction in base units, a dtype or device name,
    or a flag), the text it was read from, and its line."""

    name: str
    value: Fraction | str | bool
    text: str
    line: int
    #: Stated as a label, key or definition (not inferred from prose).
    strong: bool = True
    #: "label" (items, tables, definitions) or "config" (keys in code and config blocks,
    #: which often show several examples and so never make a conflict).
    source: str = "label"
    #: Stated under an "Alternatives" or "Rejected options" heading: used only when the rest
    #: of the document does not state the fact.
    aside: bool = False
    #: Where it was stated: the headings above it, and the code block it is in (if any).
    section: tuple[str, ...] = ()
    code_block: int | None = None
    #: Whether its own sentence asks or supposes, for a fact read from one sentence (``None``:
    #: judged by its line, which another sentence may share).
    hypothetical: bool | None = None

    def same_system(self, other: Fact, *, several: bool = False) -> bool:
        """Whether two statements can be about one system: not two code examples, nor two
        sections whose headings name different systems ("## Llama-3-8B", "## Llama-3-70B").
        In a document about ``several`` systems, a section that names none is about any."""
        if self.code_block is not None and other.code_block is not None:
            return self.code_block == other.code_block
        if self.section == other.section:
            return True
        mine, theirs = _system_names(self.section), _system_names(other.section)
        if several and not (mine and theirs):
            return False
        return not (mine and theirs and mine != theirs)

    @property
    def shown(self) -> str:
        """The value as a reader writes it (``4,096``; a dtype, device or flag as is)."""
        value = self.value
        if isinstance(value, bool) or not isinstance(value, Fraction):
            return str(value)
        return format_readable(value)


@dataclass
class FactSet:
    """Every fact stated in a document, by name."""

    facts: dict[str, list[Fact]] = field(default_factory=dict)
    #: Per name, what ``add`` and ``get`` found for its list as it was (the list itself and
    #: its length; a list replaced or grown since is read again): the (line, value) of each
    #: statement, and the chosen fact. Without them a document that states one fact N times
    #: costs N² (issue 12).
    _keys: dict[str, tuple[list[Fact], int, set[tuple[int, object]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _chosen: dict[str, tuple[list[Fact], int, Fact | None]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def add(self, fact: Fact) -> None:
        same = self.facts.setdefault(fact.name, [])
        known = self._keys.get(fact.name)
        if known is None or known[0] is not same or known[1] != len(same):
            known = (same, len(same), {(f.line, f.value) for f in same})
        keys = known[2]
        if (fact.line, fact.value) not in keys:
            keys.add((fact.line, fact.value))
            same.append(fact)
        self._keys[fact.name] = (same, len(same), keys)

    def get(self, name: str) -> Fact | None:
        """The fact if the document states one value for it (strong statements win over prose),
        None if it is missing or stated with different values."""
        stated = self.facts.get(name, [])
        known = self._chosen.get(name)
        if known is not None and known[0] is stated and known[1] == len(stated):
            return known[2]
        fact = _chosen(stated)
        self._chosen[name] = (stated, len(stated), fact)
        return fact

    def value(self, name: str) -> Fraction | str | bool | None:
        fact = self.get(name)
        return None if fact is None else fact.value

    def conflicts(self) -> Iterator[tuple[Fact, Fact]]:
        """Pairs of explicit statements of one fact with different values about one system."""
        for stated in self.facts.values():
            strong = [f for f in stated if f.strong and f.source == "label"]
            systems = {_system_names(f.section) for f in strong} - {frozenset()}
            several = len(systems) > 1
            for first, later in pairwise(strong):
                if later.line == first.line:
                    continue  # "batch 8 for the contracts queue; the other keeps 32": two things
                if later.value != first.value and first.same_system(later, several=several):
                    yield first, later

    def all(self) -> list[Fact]:
        return sorted((f for fs in self.facts.values() for f in fs), key=lambda f: f.line)


def _chosen(stated: list[Fact]) -> Fact | None:
    """``FactSet.get`` of one fact's statements."""
    # an aside's figure in prose (``Next steps: evaluate whisper-tiny (4 layers)``) is another
    # option's; one in a table or configuration may still be the only statement of it
    stated = [f for f in stated if not f.aside] or [f for f in stated if f.source != "prose"]
    strong = [f for f in stated if f.strong]
    chosen = strong or stated
    if not chosen or len({f.value for f in chosen}) != 1:
        return None
    return chosen[0]


@dataclass(frozen=True)
class _Index:
    specs: dict[str, FactSpec]
    by_label: dict[str, FactSpec]
    by_key: dict[str, FactSpec]
    by_symbol: dict[str, FactSpec]


_LABEL_BREAK = lazy_compile(r"[_\-/:|*`#]+")
_LABEL_PUNCTUATION = lazy_compile(r"[^\w\s]")


@lru_cache(maxsize=4096)
def normalize_label(label: str) -> str:
    """``Hidden size (d_model)`` → ``hidden size``: lower case, punctuation as spaces."""
    text = _PAREN.sub(" ", label).lower()
    text = _LABEL_BREAK.sub(" ", text)
    text = _LABEL_PUNCTUATION.sub("", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def fact_index() -> _Index:
    """The fact names of ``data/facts.toml``, indexed by label, config key and symbol."""
    specs: dict[str, FactSpec] = {}
    for name, entry in load("facts.toml").items():
        pattern = entry.get("pattern")
        specs[name] = FactSpec(
            name,
            entry["kind"],
            frozenset(normalize_label(label) for label in entry.get("labels", [])),
            frozenset(key.lower() for key in entry.get("keys", [])),
            frozenset(entry.get("symbols", [])),
            compile_regex(pattern) if pattern else None,
            tuple(entry.get("noun", [])),
            tuple(entry.get("name", [])),
            entry.get("max"),
        )
    by_label = {label: spec for spec in specs.values() for label in spec.labels}
    by_key = {key: spec for spec in specs.values() for key in spec.keys}
    by_symbol = {sym: spec for spec in specs.values() for sym in spec.symbols}
    return _Index(specs, by_label, by_key, by_symbol)


def spec_for_label(label: str, kind_of_value: str = "") -> FactSpec | None:
    """The fact a label names: whole-label synonyms, a key spelled as a label, or a pattern
    whose value has the fact's kind of unit."""
    index = fact_index()
    normal = normalize_label(label)
    spec = index.by_label.get(normal) or index.by_key.get(normal.replace(" ", "_"))
    if spec is not None:
        return spec
    for inner in _PAREN.findall(label):
        spec = index.by_label.get(normalize_label(inner)) or index.by_symbol.get(inner.strip())
        if spec is not None:
            return spec
    for spec in index.specs.values():
        if spec.pattern is not None and kind_of_value == spec.kind and spec.pattern.search(normal):
            return spec
    return None


def value_kind(value: Value) -> str:
    """``bytes``, ``bytes/s``, ``flop/s``, ``time`` or ``count`` for an evaluated value."""
    table = unit_table()
    hard = {k: v for k, v in zip(table.names, value.dims, strict=True) if v}
    if hard == {"byte": 1}:
        return "bytes"
    if hard == {"byte": 1, "second": -1}:
        return "bytes/s"
    if hard == {"flop": 1, "second": -1}:
        return "flop/s"
    if hard == {"second": 1}:
        return "time"
    if hard == {"token": 1, "second": -1}:
        return "tokens/s"
    if set(hard) <= set(table.soft) and all(v > 0 for v in hard.values()):
        return "count"
    return "other"


def stated_bytes(lit: Lit, tolerance: Tolerance) -> Value | None:
    """The bytes a literal states (its interval from its written precision), or None when it
    is not evaluable or not bytes."""
    try:
        value = literal_value(lit, stated=True, tolerance=tolerance)
    except NotEvaluable:
        return None
    return value if value_kind(value) == "bytes" else None


def fact_value(spec: FactSpec, lit: Lit) -> Fraction | None:
    """The literal's value in the fact's kind, or None when it is not that kind of value."""
    if lit.is_range or lit.bound or lit.plus_minus is not None:
        return None
    try:
        value = literal_value(lit, stated=True)
    except NotEvaluable:
        return None
    kind = value_kind(value)
    point = value.point
    if spec.kind == "count":
        if kind != "count" or lit.per or lit.is_percent or point <= 0 or point > _MAX_COUNT:
            return None
        if spec.max is not None and point > spec.max:
            return None
        return point if point == int(point) else None
    if spec.kind == "ratio":
        if lit.is_percent:
            return lit.number.value / 100
        return point if kind == "count" and 0 < point <= 1 else None
    if spec.kind in ("bytes", "bytes/s", "flop/s"):
        return point if kind == spec.kind and point > 0 else None
    return None


def extract_facts(
    doc: Document,
    scanned: list[Scanned],
    items: list[Item],
    definitions: list[Definition],
    symbols: SymbolTable,
    devices: DeviceMatcher | None = None,
) -> FactSet:
    """Every fact the document states; ``devices`` finds accelerator names."""
    facts = FactSet()
    fact_lines: set[int] = set()
    for item in items:
        _from_labelled(facts, fact_lines, item.label, item.value, item.line, item.where, doc)
    for label, lit, line, where in _table_rows(doc, scanned):
        _from_labelled(facts, fact_lines, label, lit, line, where, doc)
    _from_definitions(facts, definitions, symbols)
    _from_config_text(facts, doc)
    _from_prose(facts, fact_lines, doc)
    _from_devices(facts, doc, devices)
    _from_quantized_name(facts, doc)
    return _mark_asides(_scoped(facts, doc), doc)


#: The formats narrower than two bytes (``awq``, ``fp8``, ``int4``): a quantization.
_QUANTIZATIONS = tuple(sorted((n for n, width in DTYPE_BYTES.items() if width < 2), key=len))
#: A checkpoint named for its quantization: ``Qwen2.5-32B-Instruct-AWQ``, ``…-GPTQ-Int4``,
#: ``Llama-3.1-8B-Instruct-FP8``: a model name (a size in B) with the method as its last part.
_QUANTIZED_NAME = lazy_compile(
    r"(?<![\w.-])[A-Za-z][\w.]*-[\w.-]*?\d+(?:\.\d+)?[BbMm](?:-[A-Za-z][\w.]*)*?-("
    + "|".join(map(regex.escape, reversed(_QUANTIZATIONS)))
    + r")(?:-int[48])?(?![\w.-])",
    regex.I,
)


def _from_quantized_name(facts: FactSet, doc: Document) -> None:
    """A checkpoint named for one quantization states its weights' precision, over a config's
    ``torch_dtype`` (``float16``: what an AWQ checkpoint computes in, not what it stores),
    when no other fact names a quantization (``4-bit weights``)."""
    if not doc.may_contain(needles(_QUANTIZATIONS)):
        return
    stated = facts.facts.get("weight_dtype", [])
    if any(DTYPE_BYTES[str(f.value)] < 2 for f in stated if str(f.value) in DTYPE_BYTES):
        return  # the document names the quantization in its own words
    found: dict[str, regex.Match[str]] = {}
    for match in _QUANTIZED_NAME.finditer(doc.source):
        found.setdefault(_dtype_name(match.group(1)), match)
    if len(found) != 1:
        return  # no such name, or checkpoints of several precisions
    [(name, match)] = found.items()
    line = bisect_right(doc.line_starts, match.start())
    facts.facts["weight_dtype"] = [replace(f, aside=True) for f in stated]
    facts.add(Fact("weight_dtype", name, match.group(0), line, True, "config"))


_HEADING = lazy_compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*)$", regex.M)
#: Headings of sections that describe other options than the plan itself.
_ASIDE_HEADING = lazy_compile(
    r"\b(?:alternatives?|rejected|considered|options?\s+(?:not\s+taken|considered)|future\s+work"
    r"|appendix|previous|old|legacy|before|levers?|next\s+steps|follow[- ]?ups?|ideas|roadmap|pilot"
    r"|open\s+questions|(?:further|potential|possible)\s+(?:improvements|optimi[sz]ations)"
    r"|when\s+to\s+(?:redo|revisit|re-?evaluate|reconsider|update)|triggers?)\b",
    regex.I,
)


#: A sentence about what is not the plan: a question, or what would or could be.
_HYPOTHETICAL = lazy_compile(
    r"\?\s*$|\b(?:would|could|might|instead|without|whether|future|if\s+(?:we|you|one|a|an|the|it|they)\b"
    r"|non-?goals?|out\s+of\s+scope|will\s+follow|to\s+follow"
    r"|(?:separate|later|follow-?up)\s+(?:report|document|doc|rfc|study|post)"
    r"|pourrai\w*|serai(?:en)?t|könnte\w*|würde\w*)",
    regex.I,
)
#: A sentence: up to a full stop, question or exclamation mark before a space, or a line
#: that starts a new block (blank, list item, table row, heading, quote). The alternatives
#: start with different characters, so reading a run of plain ones at once (``++``) ends
#: where one at a time would.
_SENTENCE = lazy_compile(
    r"(?:[^.?!\n]++|[.?!](?=[^\s])|\n(?![ \t]*(?:\n|[-*+|#>]|\d+\.\s)))+[.?!]?"
)


def hypothetical_sentences(doc: Document) -> list[tuple[int, int]]:
    """[first, end) lines of prose sentences that ask or suppose ("Should we test EP=8?",
    "FP8 weights would double it"), where each line's facts are asides."""
    code: set[int] = set()
    for segment in doc.segments:
        if segment.kind == "code" and segment.offsets:
            first, last = (doc.position(segment.offsets[k])[0] for k in (0, -1))
            code.update(range(first, last + 1))
    sentences: list[tuple[int, int]] = []
    for found, first, _ in _matches(_SENTENCE, doc):
        if first not in code and _HYPOTHETICAL.search(found.group(0)):
            last = doc.position(found.end() - 1)[0] if found.end() > found.start() else first
            sentences.append((first, last + 1))
    return sentences


def aside_sections(doc: Document) -> list[tuple[int, int]]:
    """[first, end) lines of the sections about alternatives: from such a heading down to the
    next heading of the same or a higher level."""
    sections: list[tuple[int, int]] = []
    open_level = 0
    start = 0
    for found, line, _ in _matches(_HEADING, doc):
        level = len(found.group(1))
        if open_level and level <= open_level:
            sections.append((start, line))
            open_level = 0
        if not open_level and _ASIDE_HEADING.search(found.group(2)):
            open_level, start = level, line
    if open_level:
        sections.append((start, len(doc.line_starts) + 1))
    return sections


def _mark_asides(facts: FactSet, doc: Document) -> FactSet:
    """Mark the facts stated in sections about alternatives (down to the next heading of the
    same or a higher level) and in hypothetical sentences (not searched when there is no fact)."""
    if not facts.facts:
        return facts
    sections, sentences = aside_sections(doc), hypothetical_sentences(doc)
    if not sections and not sentences:
        return facts

    def aside(fact: Fact) -> bool:
        if any(a <= fact.line < b for a, b in sections):
            return True
        if fact.hypothetical is not None:
            return fact.hypothetical
        return any(a <= fact.line < b for a, b in sentences)

    for name, stated in facts.facts.items():
        facts.facts[name] = [replace(f, aside=True) if aside(f) else f for f in stated]
    return facts


#: ``We serve the FP8 checkpoint instead``: ``instead`` without ``of`` says what the plan is.
_PLAN_INSTEAD = lazy_compile(r"\binstead\b(?!\s+of\b)", regex.I)


def _supposed_at(source: str, at: int) -> bool:
    """Whether the sentence around offset ``at`` asks or supposes (``BF16 weights would be
    29.5 GB``) or lists what is out of scope (``Non-goals: … FP8 weights``)."""
    sentence = _PLAN_INSTEAD.sub("", _sentence_at(source, at))
    return _HYPOTHETICAL.search(sentence) is not None


def _sentence_at(source: str, at: int) -> str:
    """The sentence around offset ``at`` (``_SENTENCE``: a list item or a table row is one of
    its own)."""
    lo = source.rfind("\n\n", 0, at) + 1
    hi = source.find("\n\n", at)
    for found in _SENTENCE.finditer(source, lo, hi if hi >= 0 else len(source)):
        if found.start() <= at < max(found.end(), found.start() + 1):
            return found.group(0)
    return ""


def facts_from_cells(doc: Document, cells: list[tuple[str, Lit, Scanned]]) -> list[Fact]:
    """The facts table cells state under a label that is not their row's first cell (a column
    header; a comparison table's row label): ``(label, value, cell)`` each."""
    found = FactSet()
    for label, lit, where in cells:
        line = doc.position(where.offsets[lit.num_start])[0]
        _from_labelled(found, set(), label, lit, line, where, doc)
    return found.all()


#: A name assigned right before a value: ``EP=``, ``TP = ``.
_ASSIGNED = lazy_compile(r"(?<![\w.])([A-Za-z_][\w.]*)\s*=\s*$")


def _from_labelled(
    facts: FactSet,
    fact_lines: set[int],
    label: str,
    lit: Lit | None,
    line: int,
    where: Scanned,
    doc: Document,
) -> None:
    if lit is None or _NUMBER_IN_LABEL.search(label):
        return  # "Pipeline parallelism (PP = 2): 16 layers per stage" states its fact inside
    try:
        kind = value_kind(literal_value(lit, stated=True))
    except NotEvaluable:
        return
    spec = spec_for_label(label, kind)
    if spec is None:
        return
    assigned = _ASSIGNED.search(where.text, max(0, lit.num_start - 24), lit.num_start)
    if assigned is not None and assigned.group(1) not in spec.symbols | spec.keys:
        return  # "experts:   EP=8 (128 / 8 = 16 per GPU)": the value is EP's
    text = doc.line_text(line).strip(" -*|")
    if spec.kind == "dtype":
        found = _DTYPE.search(doc.line_text(line), timeout=_TIMEOUT)
        if found is not None:
            facts.add(Fact(spec.name, _dtype_name(found.group(1)), text, line))
            fact_lines.add(line)
        return
    value = fact_value(spec, lit)
    # "experts per layer: 64 × 6.29M = 402.7M" computes something else than the label's count;
    # "| Data-parallel size | 128 ÷ 2 = 64 |" (whole numbers only) computes the count itself
    computed = _RESULT.search(where.text, 0, lit.start) is not None
    if computed and spec.kind in _DEVICE_RATE_KINDS:
        return  # "Compute: 36,000 × 0.607 × 10⁹ ≈ 2.19 × 10¹³ FLOP/s": a need, no device's peak
    if value is None or (computed and spec.kind == "count" and not _whole_arithmetic(where, lit)):
        return
    facts.add(Fact(spec.name, value, text, line))
    fact_lines.add(line)
    # "32 (head dim 80, MHA)": more facts in the rest of the line.
    for other in _line_literals(where, line, doc):
        if other is lit:
            continue
        before = where.text[max(0, other.start - 40) : other.start]
        adjacent = _ADJACENT_LABEL.search(before)
        if adjacent is None:
            continue
        words = adjacent.group(1).split()
        for n in range(len(words), 0, -1):
            sub = spec_for_label(" ".join(words[-n:]))
            if sub is not None and sub.kind == "count":
                sub_value = fact_value(sub, other)
                if sub_value is not None:
                    facts.add(Fact(sub.name, sub_value, text, line))
                break


_NUMBER_IN_LABEL = lazy_compile(r"(?<![\w.])\d")
#: The kinds of a device's figures (its peak, its memory bandwidth): never the result of
#: arithmetic on a document's other figures.
_DEVICE_RATE_KINDS = frozenset({"flop/s", "bytes/s"})
#: A value's cell before its result, when it is whole numbers only: ``128 ÷ 2 = ``.
_PLAIN_ARITHMETIC = lazy_compile(r"\s*\d{1,6}(?:\s*[×x*/÷]\s*\d{1,6})+\s*=\s*")
#: Whole numbers, products and quotients, in brackets or not, before ``=``: ``1,024 / (8 × 4) =``.
_WHOLE_ARITHMETIC = lazy_compile(
    r"[\s(]*\d{1,3}(?:,\d{3})*(?:[\s)]*[×x*/÷][\s(]*\d{1,3}(?:,\d{3})*)+[\s)]*=\s*"
)


def _whole_arithmetic(where: Scanned, lit: Lit) -> bool:
    """Whether the value after a label's colon (or a cell's start) is whole numbers worked
    out to its count: ``Data parallel (DP): 1,024 / (8 × 4) = 32``, ``| 128 ÷ 2 = 64 |``."""
    start = where.text.rfind(":", 0, lit.start) + 1
    line_start = where.text.rfind("\n", 0, lit.start) + 1
    return _WHOLE_ARITHMETIC.fullmatch(where.text, max(start, line_start), lit.start) is not None


def _line_literals(where: Scanned, line: int, doc: Document) -> list[Lit]:
    found = []
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                if doc.position(where.offsets[lit.num_start])[0] == line:
                    found.append(lit)
    return found


def _table_rows(doc: Document, scanned: list[Scanned]) -> Iterator[tuple[str, Lit, int, Scanned]]:
    """(label, value, line, where) of key-value table rows: the first column names the fact and
    the second holds its value, in tables of at most three columns (not a column of counts)."""
    for where in scanned:
        cell = where.segment.cell
        if cell is None or cell.is_header or cell.col != 1:
            continue
        if COUNT_HEADER.match(cell.header.strip("*_ `")):
            continue  # "| MLP (per layer) | 28 | …": how many times the row counts, not its value
        exprs = [literals(e) for chain in where.result.chains for e in chain.exprs]
        lits = [lit for found in exprs for lit in found]
        if lits and _PLAIN_ARITHMETIC.fullmatch(where.text, 0, lits[-1].start):
            lits = lits[-1:]  # "| Data-parallel size | 128 ÷ 2 = 64 |": the result
        elif not lits or len(next(found for found in exprs if found)) > 1:
            continue  # "16 experts × 58 layers × 44 MB": a factor of a product, not the value
        line = doc.position(where.offsets[lits[0].num_start])[0]
        cells = [c.strip() for c in doc.line_text(line).strip().strip("|").split("|")]
        if len(cells) < 2 or len(cells) > 3:
            continue
        yield cells[0].strip("*_ `"), lits[0], line, where


def _from_definitions(facts: FactSet, definitions: list[Definition], symbols: SymbolTable) -> None:
    index = fact_index()
    for definition in definitions:
        name = definition.name
        spec = (
            index.by_symbol.get(name)
            or index.by_key.get(name.lower())
            or index.by_label.get(normalize_label(name))
        )
        if spec is None or spec.kind == "dtype" or name not in symbols.values:
            continue
        if spec.kind == "ratio" and definition.derived:
            continue  # an MFU computed from one phase's rate measures it; no run assumes it
        value = symbols.values[name]
        if value_kind(value) != "count" and spec.kind == "count":
            continue
        point = value.point
        if spec.kind == "count" and (point <= 0 or point != int(point) or point > _MAX_COUNT):
            continue
        # A worked example's value is no statement of the system: it makes no conflict.
        source = "example" if definition.example else "label"
        facts.add(Fact(spec.name, point, definition.text, definition.line, source=source))


def _matches(
    pattern: regex.Pattern | AnchoredSearch, doc: Document, anchors: Iterable[str] | None = None
) -> Iterator[tuple[regex.Match, int, str]]:
    """(match, 1-based line, line text) of every match in the whole source; a pattern that
    times out on a pathological document yields nothing more. A document with none of the
    pattern's ``_NEEDLES`` is not searched; a pattern of ``_ANCHORED`` is tried at its words
    (an ``AnchoredSearch`` at ``anchors`` alone, when given)."""
    if not doc.may_contain(_NEEDLES.get(pattern)):
        return
    at = 0
    search = _ANCHORED.get(pattern) or _BY_LINE.get(pattern) or pattern
    try:
        if isinstance(search, AnchoredSearch | LineSearch):
            found_all = search.finditer(doc.source, _DOCUMENT_TIMEOUT, anchors)
        else:
            found_all = search.finditer(doc.source, timeout=_DOCUMENT_TIMEOUT)
        for found in found_all:
            at = found.end()
            line = bisect_right(doc.line_starts, found.start())
            yield found, line, doc.line_text(line)
    except TimeoutError:
        line = bisect_right(doc.line_starts, at)
        start = doc.line_starts[line - 1]
        reason = "facts from here on (the search for them timed out)"
        doc.not_checked.append(NotChecked(start, start + max(len(doc.line_text(line)), 1), reason))


def _from_config_text(facts: FactSet, doc: Document) -> None:
    """``"num_hidden_layers": 32`` and ``tensor_parallel_size=8`` anywhere, code blocks included."""
    index = fact_index()
    if not doc.may_contain(needles(_config_keys())):
        return  # no key: the pattern of them all is not even compiled
    held = held_exactly(_config_keys(), doc)
    anchors = None if held is None else {k.lower().replace("-", "_") for k in held}
    for match, number, _ in _matches(_config_search(), doc, anchors):
        key, raw = match.group(1), match.group(2)
        lowered = key.lower().replace("-", "_")
        if lowered == "tie_word_embeddings":  # a flag: true/false or 1/0; anything else is unread
            if raw.lower() in ("true", "false", "1", "0"):
                tied = raw.lower() in ("true", "1")
                facts.add(Fact("tied", tied, match.group(0), number, source="config"))
            continue
        if lowered in _BYTES_PER_PARAM_KEYS:  # "dtype_bytes: 2": the weights' element size
            name = _DTYPE_BY_BYTES.get(raw)
            if name is not None:
                facts.add(Fact("weight_dtype", name, match.group(0), number, source="config"))
            continue
        if lowered == "hidden_act":
            gated = raw.lower() in ("silu", "swiglu", "geglu", "swish")
            facts.add(Fact("gated", gated, match.group(0), number, source="config"))
            continue
        spec = index.by_key.get(lowered)
        if spec is None:
            continue
        if spec.kind == "dtype":
            if _DTYPE.fullmatch(raw) is not None:
                facts.add(
                    Fact(spec.name, _dtype_name(raw), match.group(0), number, source="config")
                )
        elif spec.kind == "count" and _CONFIG_COUNT.fullmatch(raw):
            value = Fraction(raw)
            if value == int(value) and 0 < value <= _MAX_COUNT:
                facts.add(Fact(spec.name, value, match.group(0), number, source="config"))


#: Config keys that give the weights' bytes per element, and the format each size stands for
#: (any 2-byte format gives the same bounds).
_BYTES_PER_PARAM_KEYS = ("dtype_bytes", "bytes_per_param", "weight_dtype_bytes", "param_bytes")
_DTYPE_BY_BYTES = {"0.5": "int4", "1": "fp8", "2": "bf16", "4": "fp32"}
_CONFIG_COUNT = lazy_compile(r"\d{1,15}(?:\.\d+)?(?:e\d{1,2})?")


@lru_cache(maxsize=1)
def _config_keys() -> tuple[str, ...]:
    """The keys of ``facts.toml`` read in config text (with an underscore, or a dtype)."""
    index = fact_index()
    keys = [
        k
        for k, spec in index.by_key.items()
        if "_" in k or spec.kind == "dtype" or spec.name == "param_count"
    ]
    return (*keys, "tie_word_embeddings", "hidden_act", *_BYTES_PER_PARAM_KEYS)


@lru_cache(maxsize=1)
def _config_pattern() -> regex.Pattern:
    """Config keys with a value."""
    names = "|".join(
        regex.escape(k).replace("_", "[_-]")
        for k in sorted(_config_keys(), key=lambda k: (-len(k), k))
    )
    # "max_num_seqs: 64", "tensor_parallel_size=8", and flags: "--tensor-parallel-size 8"; on
    # one line, and not the first digits of a grouped number ("top-k:" then "16,384 × …"), nor
    # an operand: "kv_lora_rank + qk_rope_head_dim = 512 + 64" sums two keys' values.
    return compile_regex(
        rf"""(?<![\w-])(?<![+*×/][ \t]*)(?:--)?["']?({names})["']?"""
        rf"""(?:[ \t]*[:=][ \t]*|(?<=-{{2}}[\w-]+)[ \t]+)"""
        r"""["']?([A-Za-z0-9_.+\-]+)["']?(?!,\d)(?![A-Za-z0-9_.+\-])"""
        r"""(?![ \t]*[+*×/^][ \t]*\d|[ \t]+[-−][ \t]*\d)""",
        regex.I,
    )


@lru_cache(maxsize=1)
def _config_search() -> AnchoredSearch:
    """The config pattern's matches, searched where a key is written: a match is a key after
    nothing, a quote, ``--`` or ``--`` and a quote, so it starts at most 3 characters before
    its key (``-`` read as ``_``)."""
    keys = {k.lower().replace("-", "_") for k in _config_keys()}
    return AnchoredSearch(_config_pattern, keys, before=3, dash=True)


#: A whole count in prose: ``128,256`` or ``8192`` (not part of a decimal, range or product).
#: Figures of the model a sentence must list to count as its description.
_DESCRIPTION = 3
_PROSE_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,7})"
#: What makes a number next to a fact word something else: a per-device share ("16 experts per
#: GPU"), a per-token count ("8 routed experts per token" is top-k), a factor of a product, a
#: unit or a range.
_NOT_WHOLE = (
    r"(?!\s*(?:per[- ](?:gpu|device|rank|node|stage|replica|shard|card|partition|token)\b|/\s*gpu"
    r"|[×*/+]|x\s*\d))"
)


def _phrases(words: list[str]) -> str:
    """An alternation of fact words, longest first (then in order: the same pattern in every
    process), with ``_``, ``-`` and spaces alike."""
    spelled = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(
        r"[\s_-]+".join(regex.escape(part) for part in regex.split(r"[\s_]+", w)) for w in spelled
    )


@lru_cache(maxsize=1)
def _prose_words() -> tuple[list[str], list[str], dict[str, FactSpec]]:
    """The nouns (``80 layers``) and names (``hidden 8192``) of counts, and their facts."""
    specs = fact_index().specs.values()
    by_word = {normalize_label(w): s for s in specs for w in (*s.nouns, *s.names)}
    return [w for s in specs for w in s.nouns], [w for s in specs for w in s.names], by_word


@lru_cache(maxsize=SUBSETS + 1)
def _noun_pattern(words: tuple[str, ...] | None = None) -> regex.Pattern:
    """``80 layers``: a number, then a noun (of ``words``, or of them all)."""
    nouns = _phrases(list(words) if words is not None else _prose_words()[0])
    return compile_regex(
        rf"(?<![\w.,×*/^=≈~-])(?<![×*/x=≈~]\s{{1,2}}){_PROSE_NUMBER}\s+(?:are\s+)?({nouns})\b"
        + _NOT_WHOLE,
        regex.I,
    )


@lru_cache(maxsize=SUBSETS + 1)
def _name_pattern(words: tuple[str, ...] | None = None) -> regex.Pattern:
    """``hidden 8192``: a name (of ``words``, or of them all), then the number."""
    names = _phrases(list(words) if words is not None else _prose_words()[1])
    return compile_regex(
        rf"(?<![\w-])({names})[`*\s]*(?:[:=]\s*|of\s+|is\s+)?\**{_PROSE_NUMBER}"
        rf"(?![\w%.,]\d|[\w%(]|\.\d|\s*[-–]\s*\d)" + _NOT_WHOLE,
        regex.I,
    )


@lru_cache(maxsize=SUBSETS + 1)
def _name_search(words: tuple[str, ...] | None = None) -> AnchoredSearch:
    """``_name_pattern``'s matches: each starts with the first word of a name."""
    names = words if words is not None else _prose_words()[1]
    starts = (_PHRASE_BREAK.split(w)[0].lower() for w in names)
    return AnchoredSearch(partial(_name_pattern, words), starts, not_after=ASCII_WORD + "-")


_PHRASE_BREAK = lazy_compile(r"[\s_]+")


def _from_prose_counts(facts: FactSet, doc: Document) -> None:
    """Architecture counts written in sentences (weak facts: a labelled statement wins)."""
    nouns, names, by_word = _prose_words()
    by_line: dict[int, list[Fact]] = {}
    for words, pattern, number_group, word_group in (
        (nouns, _noun_pattern, 1, 2),
        (names, _name_search, 2, 1),
    ):
        if not doc.may_contain(needles(words)):
            continue  # none of the words: the pattern of them all is not even compiled
        held = held_exactly(words, doc)
        starts = None if held is None else {_PHRASE_BREAK.split(w)[0].lower() for w in held}
        for found, line, text in _matches(pattern(held_words(words, doc, held)), doc, starts):
            spec = by_word.get(normalize_label(found.group(word_group)))
            if spec is None or _not_the_count(spec.name, found, text, doc, line):
                continue
            start = found.start()
            if word_group == 1 and _COUNTED_BEFORE.search(doc.source, max(0, start - 16), start):
                continue  # "8 KV heads of 128": the words count heads; 128 is their size
            if _COMPARES.search(text):
                continue  # "GQA (8 KV heads of 128 vs 64 of 96)": two models' figures
            if _DRAFT.search(_sentence_at(doc.source, start)):
                continue  # "Sanity check on the draft count: … 16 layers": the draft model's
            value = Fraction(int(found.group(number_group).replace(",", "")))
            if value > 0:
                fact = Fact(spec.name, value, text.strip(" -*|"), line, False, "prose")
                by_line.setdefault(line, []).append(fact)
    for line, listed in by_line.items():
        # A sentence that lists three or more figures describes the model: it wins over a
        # figure mentioned in passing ("only the 2 routed experts per layer are read").
        described = len({f.name for f in listed}) >= _DESCRIPTION and not any(
            f.name in facts.facts and any(g.line == line for g in facts.facts[f.name])
            for f in listed
        )
        for fact in listed:
            facts.add(replace(fact, strong=described) if described else fact)


#: A sentence about the draft model of speculative decoding: its counts are the draft's.
_DRAFT = lazy_compile(r"\bdraft\b", regex.I)
#: A line that compares two systems: its counts may be either one's.
_COMPARES = lazy_compile(r"\b(?:vs\.?|versus|compared\s+(?:to|with))(?!\w)", regex.I)
#: A number right before a name that is read with the number after it (``8 KV heads of 128``):
#: the name is the noun of that count, and the number after it is another quantity.
_COUNTED_BEFORE = lazy_compile(r"(?<![\w.,])\d(?:[\d,]*\d)?[^\S\n]+$")


#: A sentence about an encoder and a decoder: the layer counts are each stack's.
_ENCODER_DECODER = lazy_compile(
    r"\bencoder\b.*\bdecoder\b|\bdecoder\b.*\bencoder\b", regex.I | regex.S
)


def _sentence_around(doc: Document, found: regex.Match[str]) -> str:
    """The text around a match up to the sentence ends before and after it."""
    source = doc.source
    start = max(source.rfind(". ", 0, found.start()), source.rfind("\n\n", 0, found.start()))
    ends = [e for e in (source.find(". ", found.end()), source.find("\n\n", found.end())) if e >= 0]
    return source[max(start, 0) : min(ends) if ends else len(source)]


#: Before a count of experts on its line: the experts one token uses (top-k), not the layer's.
_ACTIVE_BEFORE = lazy_compile(
    r"\b(?:active|activated|per[\s-]token|each\s+token|top[\s-]?k)\b", regex.I
)
#: After a count: a product in brackets that makes it a total (``448 experts (56 layers × 8)``).
_PRODUCT_AFTER = lazy_compile(r"\s*\([^()\n]*[×*]")


def _not_the_count(name: str, found: regex.Match[str], text: str, doc: Document, line: int) -> bool:
    """Whether a prose count is another quantity than the fact its word names: experts a token
    uses (``Active per token (2 experts)``), or a total a bracketed product gives."""
    start = found.start() - doc.line_starts[line - 1]
    if name == "experts" and _ACTIVE_BEFORE.search(text, 0, max(start, 0)):
        return True
    if name == "layers" and _ENCODER_DECODER.search(_sentence_around(doc, found)):
        return True  # "32 encoder + 32 decoder layers": a stack of each, not the model's
    return _PRODUCT_AFTER.match(doc.source, found.end()) is not None


#: Markdown emphasis or code marks around a word: ``runs **Gemma-2-27B** in BF16``.
_EMPHASIS = r"[*_`]{0,3}"


#: White space within one paragraph: spaces, or one line break (a heading's word is no
#: subject of the paragraph after it).
_GAP = r"(?:[^\S\n]+|[^\S\n]*\n[^\S\n]*)"


@lru_cache(maxsize=SUBSETS + 1)
def _prose_dtype(dtypes: tuple[str, ...] | None = None) -> regex.Pattern:
    """``bf16 weights``, ``the FP8 (W8A8) checkpoint``, ``weights in FP8``, ``served in fp16``
    (``serve X (70B parameters) in BF16``), ``KV cache (bf16)``, a model named by its size,
    ``Qwen2.5-7B-Instruct in BF16``, and its size and precision in brackets, ``(70.6B
    parameters, BF16, …)``, ``(70.55 B params, 141.1 GB in bf16)``, ``In BF16 the full model is
    …``, in any language. Its dtype names: ``dtypes``, or all of them."""
    dtype_names = dtypes if dtypes is not None else DTYPE_BYTES
    names = "|".join(sorted(map(regex.escape, dtype_names), key=len, reverse=True))
    dtype = rf"(?<![\w.])({names})(?!\w|\.\w)"
    return compile_regex(
        rf"(?P<kv>\bkv(?:[- ]cache)?\b(?!\s+heads?\b),?[^.;,\n]{{0,30}}?\(?[^\S\n]*{dtype}"
        rf"(?!{_GAP}(?:[\w-]+{_GAP})?(?:weights|checkpoint|model)\b)"
        rf"|{dtype}\s+kv\b(?!\s+heads?\b))"
        rf"|{dtype}{_GAP}(?:\([^()\n]{{1,40}}\){_GAP})?(?:weights|checkpoint|model|build)\b"
        rf"|\b(?:weights|poids|gewichte){_GAP}(?:are\s+|stay\s+|kept\s+|stored\s+)?(?:in\s+|en\s+)?"
        rf"(?:the\s+\w+\s+)?{dtype}"
        rf"|\b(?:serve[sd]?|served|serving|running|runs|deployed|quantized\s+to|quantised\s+to)\s+"
        rf"(?:{_EMPHASIS}[\w.-]+{_EMPHASIS}\s+|\([^()\n]{{1,40}}\)\s+){{0,3}}?in\s+{dtype}"
        rf"|(?<=\d[BM](?:-[\w.]+)*{_EMPHASIS}\s+)in\s+{dtype}"
        rf"|\bin\s+{dtype}\s*,?\s+the\s+(?:full\s+|whole\s+)?(?:model|weights|checkpoint)\s+(?:is|are|take|takes|needs?)\b"
        rf"|(?<=\(\s*[\d.]+\s*[BM]\s+(?:parameters|params)\s*,\s*){dtype}(?=\s*[,)])"
        rf"|(?<=\(\s*[\d.]+\s*[BM]\s+(?:parameters|params)\s*,\s*[\d.,]+\s*Gi?B\s+)in\s+{dtype}"
        rf"(?=\s*[,)])",
        regex.I,
    )


#: The words a ``_prose_dtype`` match starts with, but for the dtype names themselves.
_PROSE_DTYPE_STARTS = (
    "kv",
    "weights",
    "poids",
    "gewichte",
    "serve",
    "serving",
    "running",
    "runs",
    "deployed",
    "quantized",
    "quantised",
    "in",
)


@lru_cache(maxsize=SUBSETS + 1)
def _prose_dtype_search(dtypes: tuple[str, ...] | None = None) -> AnchoredSearch:
    """``_prose_dtype``'s matches: each starts with a dtype name or one of its words."""
    names = dtypes if dtypes is not None else DTYPE_BYTES
    starts = (*_PROSE_DTYPE_STARTS, *(name.lower() for name in names))
    return AnchoredSearch(partial(_prose_dtype, dtypes), starts, not_after=ASCII_WORD)


def _from_prose_dtypes(facts: FactSet, doc: Document) -> None:
    """Weight and KV precision written in sentences (weak facts)."""
    if not doc.may_contain(needles(DTYPE_BYTES)):
        return  # every branch of the pattern holds a dtype name
    held = held_exactly(DTYPE_BYTES, doc)
    starts = None if held is None else {*_PROSE_DTYPE_STARTS, *(name.lower() for name in held)}
    search = _prose_dtype_search(held_words(DTYPE_BYTES, doc, held))
    for found, line, text in _matches(search, doc, starts):
        raw = next(g for g in found.groups() if g)
        name = "weight_dtype"
        if found.group("kv"):
            raw, name = found.group(2) or found.group(3), "kv_dtype"
        supposed = _supposed_at(doc.source, found.start())
        fact = Fact(name, _dtype_name(raw), text.strip(" -*|"), line, False)
        facts.add(replace(fact, hypothetical=supposed))


def _from_prose(facts: FactSet, fact_lines: set[int], doc: Document) -> None:
    _from_prose_counts(facts, doc)
    _from_prose_dtypes(facts, doc)
    for found, number, text in _matches(_TOP_K, doc):
        value = Fraction(int(found.group(1)))
        facts.add(Fact("top_k", value, text.strip(" -*|"), number, number in fact_lines))
    for found, number, text in _matches(_GPU_COUNT, doc):
        if not _PER_NODE.match(doc.source, found.end(), found.end() + 20):
            count = Fraction(int(found.group(1)))
            facts.add(Fact("gpu_count", count, text.strip(), number, False))
    for found, number, text in _matches(_TRAINING_TOKENS, doc):
        if _TRAINING_WORDS.search(text):
            scale = _TOKEN_SCALE[found.group(2).lower()]
            value = Fraction(found.group(1)) * scale
            if value == int(value):
                facts.add(Fact("training_tokens", value, text.strip(" -*|"), number, False))
    for found, number, text in _matches(_PROMPT_LEN, doc):
        tokens = int(found.group(1).replace(",", "")) * (1024 if found.group(2) else 1)
        facts.add(Fact("prompt_len", Fraction(tokens), text.strip(" -*|"), number, False))
    for found, number, text in _matches(_MFU, doc):
        share = Fraction(found.group(1) or found.group(2)) / 100
        facts.add(Fact("mfu", share, text.strip(" -*|"), number, number in fact_lines))
    for found, number, text in _matches(_DEGREE_EQUALS, doc):
        name = found.group(1).lower()
        if name in PARALLEL_DEGREES:
            value = Fraction(int(found.group(2)))
            facts.add(Fact(name, value, text.strip(" -*|"), number, number in fact_lines))
    for found, number, text in _matches(_DEGREE_GLUED, doc):
        value = Fraction(int(found.group(2)))
        facts.add(Fact(found.group(1).lower(), value, text.strip(" -*|"), number, False))
    for found, number, text in _matches(_NO_PARALLELISM, doc):
        name = _PARALLEL_WORDS.get(found.group(1).lower()[:3], found.group(1).lower())
        facts.add(Fact(name, Fraction(1), text.strip(" -*|"), number, False))
    for found, number, text in _matches(_GPU_TOTAL, doc):
        count = Fraction(int(next(g for g in found.groups() if g)))
        facts.add(Fact("gpu_count", count, text.strip(), number, False))
    for found, number, _ in _matches(_LAYOUT, doc):
        degrees = [g for g in found.groups()[:4] if g]
        names = [g for g in found.groups()[4:] if g]
        if len(degrees) == len(names):
            for name, degree in zip(names, degrees, strict=True):
                if name.lower() in PARALLEL_DEGREES:
                    facts.add(Fact(name.lower(), Fraction(int(degree)), found.group(0), number))
    _from_labelled_words(facts, doc)
    # MLP and embedding flags: explicit on fact lines, from prose otherwise (a doc that names
    # both SwiGLU and GELU leaves the flag open).
    answered = {f.line for f in facts.facts.get("tied", [])}
    for pattern, name, flag in _FLAGS:
        for _, number, text in _matches(pattern, doc):
            if name == "tied" and number in answered:
                continue  # "Tied embeddings | no" answered the question itself
            facts.add(Fact(name, flag, text.strip(" -*|"), number, number in fact_lines))
    for _, number, text in _matches(_ADAM, doc):
        facts.add(Fact("optimizer", "adam", text.strip(" -*|"), number, False))
    for found, number, text in _matches(_ZERO, doc):
        stage = Fraction(int(found.group(1)))
        facts.add(Fact("zero_stage", stage, text.strip(" -*|"), number, number in fact_lines))
    if "zero_stage" not in facts.facts:
        for _, number, text in _matches(_DISTRIBUTED_OPTIMIZER, doc):
            facts.add(Fact("zero_stage", Fraction(1), text.strip(" -*|"), number, False))
    if "zero_stage" not in facts.facts:
        for found, number, text in _matches(_FSDP, doc):
            stage = Fraction(2 if found.group(1) else 3)
            facts.add(Fact("zero_stage", stage, text.strip(" -*|"), number, False))
    for found, number, text in _matches(_ATTENTION, doc):
        facts.add(
            Fact("attention", found.group(1), text.strip(" -*|"), number, number in fact_lines)
        )
    for _, number, text in _matches(_NO_GQA, doc):
        facts.add(Fact("attention", "MHA", text.strip(" -*|"), number, number in fact_lines))


#: After a device's name: a slice size or a word for a group of devices.
_GROUP_OF = lazy_compile(
    r"-\d|[\s-]+(?:slices?|pods?|nodes?|servers?|hosts?|clusters?|racks?|boxe?s?|instances?)\b",
    regex.I,
)


def _narrowed(names: tuple[str, ...], specific: set[str]) -> tuple[str, ...]:
    """A name several devices share (``A100``) means the one of them the document names by a
    name of its own elsewhere (``A100-40GB``), when it names exactly one."""
    if len(names) < 2:
        return names
    meant = specific.intersection(names)
    return tuple(meant) if len(meant) == 1 else names


def _from_devices(facts: FactSet, doc: Document, devices: DeviceMatcher | None) -> None:
    if devices is None or not doc.may_contain(devices.needles):
        return
    held = held_exactly(devices.by_alias, doc)
    anchors = None if held is None else {alias.split(" ")[0] for alias in held}
    found_all = list(_matches(devices.search, doc, anchors))
    named = [devices.names(found.group(0)) for found, _, _ in found_all]
    specific = {names[0] for names in named if len(names) == 1}
    for (found, number, text), names in zip(found_all, named, strict=True):
        for name in _narrowed(names, specific):
            facts.add(Fact("device", name, text.strip(" -*|"), number, False))
        line_start = doc.line_starts[number - 1]
        # a bounded window keeps a line of many device names linear
        start = max(line_start, found.start() - _COUNT_WINDOW)
        count = _DEVICE_COUNT.search(doc.source, start, found.start())
        if count is None:
            continue
        word = not count.group(1)[0].isdigit()
        if word and (
            _EACH.match(doc.source, found.end()) or _GROUP_OF.match(doc.source, found.end())
        ):
            continue  # "a TPU v5e-64 slice", "an H100 node": a group of devices, not one
        times = count.group(0).strip().endswith(("×", "x", "X"))
        if not (word or times or _NODES.search(doc.source, line_start, count.start())):
            continue  # "8 H200" counts only after "2 nodes ×"; "8× H100" always
        n = Fraction(1 if word else int(count.group(1).replace(",", "")))
        nodes = _NODES.search(doc.source, max(0, count.start() - 40), count.start())
        if nodes is not None:
            n *= int(nodes.group(1))
        elif _DEVICES_PER_NODE.match(doc.source, found.end()):
            continue  # "4 × L40S per node" without a node count
        facts.add(Fact("gpu_count", n, text.strip(), number, False))


_TIED_LABELS = frozenset(
    ("tied embeddings", "tie word embeddings", "tie embeddings", "weight tying",
     "embedding tying", "tied input output embeddings", "shared embeddings", "tied lm head")
)  # fmt: skip
_YES_NO = lazy_compile(r"^[\s*`]*(yes|no|true|false|tied|untied)\b", regex.I)


def _from_labelled_words(facts: FactSet, doc: Document) -> None:
    """``Tied embeddings: no`` and ``Precision: FP16``: a label and a word value."""
    if not _may_label_words(doc):
        return
    for found, number, text in _matches(_LABELLED_WORD, doc):
        tied = _tied_answer(found.group(1), found.group(2))
        if tied is not None:
            facts.add(Fact("tied", tied, text.strip(" -*|"), number))
            continue
        dtype = _DTYPE.search(found.group(2))
        spec = spec_for_label(found.group(1)) if dtype is not None else None
        if spec is not None and spec.kind == "dtype" and dtype is not None:
            facts.add(Fact(spec.name, _dtype_name(dtype.group(1)), text.strip(" -*|"), number))


#: A word every label of ``_TIED_LABELS`` holds.
_TIE_WORDS = frozenset({"tied", "tying", "embeddings"})


def _may_label_words(doc: Document) -> bool:
    """Whether a ``Label: word`` line can state a fact: the document names a dtype, or holds
    a word of a tying label (a label's word is written whole, but for parentheses, which
    ``normalize_label`` drops)."""
    if doc.may_contain(needles(DTYPE_BYTES)):
        return True
    unbracketed = doc.squeezed.replace("(", "").replace(")", "")
    return any(word in unbracketed for word in _TIE_WORDS)


def _tied_answer(label: str, value: str) -> bool | None:
    """``Tied embeddings | no`` → False; None when the label is not about tying."""
    if normalize_label(label) not in _TIED_LABELS:
        return None
    answer = _YES_NO.match(value)
    if answer is None:
        return None
    return answer.group(1).lower() in ("yes", "true", "tied")


def _dtype_name(raw: str) -> str:
    name = raw.lower()
    return DTYPE_ALIASES.get(name, name)


def dtypes_in(text: str) -> set[str]:
    """The numeric formats ``text`` names (``FP16``, ``bfloat16`` → ``bf16``)."""
    return {_dtype_name(found.group(1)) for found in _DTYPE.finditer(text)}


def _system_names(section: tuple[str, ...]) -> frozenset[str]:
    """The system names the headings above a statement carry, in lower case."""
    return frozenset(
        name.lower().strip(".-") for title in section for name in SYSTEM_NAME.findall(title)
    )


def _scoped(facts: FactSet, doc: Document) -> FactSet:
    """The facts with the section (the headings above) and code block each was stated in."""
    headings: list[tuple[int, tuple[str, ...]]] = []
    blocks: dict[int, int] = {}
    for segment in doc.segments:
        if not segment.offsets:
            continue
        first, last = (doc.position(segment.offsets[k])[0] for k in (0, -1))
        if segment.kind == "heading":
            headings.append((first, segment.section))
        elif segment.kind == "code":
            blocks.update(dict.fromkeys(range(first, last + 1), segment.block))
    starts = [line for line, _ in headings]
    scoped = FactSet()
    for name, stated in facts.facts.items():
        scoped.facts[name] = [
            replace(
                fact,
                section=headings[k - 1][1] if (k := bisect_right(starts, fact.line)) else (),
                code_block=blocks.get(fact.line),
            )
            for fact in stated
        ]
    return scoped
