"""What a throughput's own sentence says about it, beyond its number: whether its clause puts it
on one device (``on that single H200``, ``on the same card``), and whether the document asserts
it, asks about it or quotes someone else (``their build decodes at 900 tokens/s …; is that
realistic?``), or already says it is wrong (``… which is impossible``); and the weights'
precision it names (``un TPOT de 4,2 ms par token en BF16``) when the document states several.

Decision: a figure the document questions or quotes is still checked (the bound answers the
question a reviewer would ask) but reported as a warning, since the document does not claim it;
a figure the text itself calls impossible or wrong is not reported.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Literal

import regex

from speclint.domain.compute import GENERIC, devices_named
from speclint.domain.deployment import Deployment, build_deployment
from speclint.domain.facts import DTYPE_ALIASES, DTYPE_BYTES, Fact, FactSet
from speclint.domain.hardware import devices
from speclint.domain.statements import Statement
from speclint.patterns import SENTENCE_END, lazy_compile
from speclint.settings import Settings

Voice = Literal["asserted", "questioned", "rejected"]

#: ``single H200``, ``one GPU``, ``the same card``, ``that H100 SXM``: one device, not a node.
_ONE_DEVICE = lazy_compile(
    r"\b(?:a\s+single|single|one|the\s+same|that|this)\s+"
    r"(?P<name>GPU|device|card|accelerator|chip|[A-Za-z][\w-]*\d[\w-]*)\b"
    r"(?![\s-]+(?:SXM\d?\s+|PCIe\s+|NVL\s+)?(?:nodes?|servers?|clusters?|pods?|racks?|hosts?"
    r"|machines?|instances?|boxe?s?)\b)",
    regex.I,
)
_CLAUSE_END = lazy_compile(r"[,;:]|[.!?](?:\s|$)|\n\s*\n")
#: A sentence's own devices or system: ``on 8 GPUs``, ``the H100``, ``the cluster``.
_DEVICES_OR_SYSTEM = lazy_compile(
    r"\b(?:gpus?|devices?|cards?|accelerators?|(?!(?:BF|FP|TF|INT)\d)[A-Z]{1,3}\d{2,4}[A-Za-z]{0,3}"
    r"|nodes?|cluster|fleet"
    r"|replicas?|total|aggregate|pool)\b",
    regex.IGNORECASE,
)
#: A count of devices: ``8 GPUs``, ``4× A100``.
_COUNTED = lazy_compile(r"\b\d+\s*[×x]?\s*(?:gpus|[A-Z]{1,3}\d{2,4}[A-Za-z]{0,3}s?)\b", regex.I)
#: Someone else's figure: ``the vendor's blog says``, ``they claim``, ``according to``.
_QUOTED = lazy_compile(
    r"\b(?:says?|said|claims?|claimed|according\s+to|advertis(?:es|ed)|promis(?:es|ed)|"
    r"quotes?|quoted)\b",
    regex.I,
)
#: The text calls the figure wrong: ``which is impossible``, ``that cannot be right``.
_REJECTED = lazy_compile(
    r"\b(?:impossible|unrealistic|implausible|wrong|can(?:not|'t|’t)\s+be\s+(?:right|true|real)"
    r"|not\s+(?:realistic|possible|plausible|physically)|too\s+good\s+to\s+be\s+true"
    r"|(?:exceeds?|above|beyond|over)\s+the\s+(?:bound|ceiling|roofline|limit))\b",
    regex.I,
)


_DTYPE_NAME = lazy_compile(
    r"(?<![\w.])("
    + "|".join(sorted(map(regex.escape, DTYPE_BYTES), key=len, reverse=True))
    + r")(?![\w]|\.\w)",
    regex.I,
)
_KV = lazy_compile(r"\bkv\b|key[- ]value|\bcache\b|\bactivations?\b|\bcompute\b", regex.I)


def sentence_deployment(dep: Deployment, statement: Statement, fallback: bool = True) -> Deployment:
    """The deployment with the weights' precision the figure's sentence names, when it names
    one (and nothing else in a precision: KV cache, activations) that the document states for
    its weights among others; when it names none, the narrowest of those (its weights are no
    fewer bytes than that: a floor from them holds whichever was meant) unless not
    ``fallback``; else ``dep``."""
    stated = dep.facts.facts.get("weight_dtype", [])
    text, lit = statement.where.text, statement.lit
    start, end = sentence_bounds(text, lit.start, lit.end)
    if len({f.value for f in stated}) < 2 or _KV.search(text, start, end):
        return dep
    names = {
        DTYPE_ALIASES.get(m.group(1).lower(), m.group(1).lower())
        for m in _DTYPE_NAME.finditer(text, start, end)
    }
    facts = FactSet(facts=dict(dep.facts.facts))
    if not names and not fallback:
        return dep
    if not names:
        settled = [f for f in stated if not f.aside]  # "FP8 would halve it" supposes
        known = [f for f in settled if str(f.value) in DTYPE_BYTES]
        if len({f.value for f in settled}) < 2 or len(known) != len(settled):
            return dep
        narrowest = min(known, key=lambda f: DTYPE_BYTES[str(f.value)])
        note = f"{narrowest.text} (the narrowest weight precision stated; the sentence names none)"
        facts.facts["weight_dtype"] = [replace(narrowest, text=note)]
        return build_deployment(facts, dep.settings, devices(dep.settings.accelerators))
    if len(names) != 1 or next(iter(names)) not in {f.value for f in stated}:
        return dep
    sentence = " ".join(text[start:end].split())
    return at_weight_precision(dep, next(iter(names)), sentence, statement.line)


def at_weight_precision(dep: Deployment, name: str, said: str, line: int) -> Deployment:
    """The deployment with its weights in precision ``name``, as ``said`` on ``line``."""
    facts = FactSet(facts=dict(dep.facts.facts))
    facts.facts["weight_dtype"] = [Fact("weight_dtype", name, said, line, False)]
    return build_deployment(facts, dep.settings, devices(dep.settings.accelerators))


def one_gpu_deployment(dep: Deployment, statement: Statement) -> Deployment:
    """The deployment on the one device the figure's clause names (``on a single GPU``), when
    the document states no count of GPUs; else ``dep``."""
    if dep.gpus() is not None or not on_one_device(statement, dep.settings):
        return dep
    facts = FactSet(facts=dict(dep.facts.facts))
    clause = " ".join(statement.where.text.split())[:120]
    facts.facts["gpu_count"] = [Fact("gpu_count", Fraction(1), clause, statement.line, False)]
    return build_deployment(facts, dep.settings, devices(dep.settings.accelerators))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The start and end of the sentence around ``text[start:end]``."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    after = SENTENCE_END.search(text, end)
    return (ends[-1] if ends else 0), (after.start() if after else len(text))


def on_one_device(statement: Statement, settings: Settings) -> bool:
    """The figure's own clause puts it on one device the catalog knows (or a GPU)."""
    text, lit = statement.where.text, statement.lit
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, lit.start)), default=0)
    after = _CLAUSE_END.search(text, lit.end)
    clause = text[clause_start : after.start() if after else len(text)]
    table = devices(settings.accelerators)
    names = [m.group("name") for m in _ONE_DEVICE.finditer(clause)]
    if not names and _single_stream(statement):
        names = _one_device_before(statement)  # "… on a single A100 40GB. Batch-1 decode …"
    return len(names) == 1 and (names[0].lower() in GENERIC or bool(devices_named(names[0], table)))


def _single_stream(statement: Statement) -> bool:
    return statement.batch is not None and statement.batch.value == 1


def _one_device_before(statement: Statement) -> list[str]:
    """The one device the sentence before a single stream's names, when the stream's own
    sentence names no device, count or system (``… with vLLM on a single A100 40GB.`` then
    ``Batch-1 decode … runs at about 140 tokens/s``)."""
    text, lit = statement.where.text, statement.lit
    start, end = sentence_bounds(text, lit.start, lit.end)
    if start == 0 or _DEVICES_OR_SYSTEM.search(text, start, end):
        return []
    end_of_before = len(text[:start].rstrip())  # past the full stop that ends it
    before, _ = sentence_bounds(text, max(0, end_of_before - 1), max(0, end_of_before - 1))
    if _COUNTED.search(text, before, start):
        return []
    return [m.group("name") for m in _ONE_DEVICE.finditer(text, before, start)]


def voice(statement: Statement) -> Voice:
    """Whether the document asserts the figure, questions or quotes it, or calls it wrong (in
    its sentence or the next one)."""
    text, lit = statement.where.text, statement.lit
    start, end = sentence_bounds(text, lit.start, lit.end)
    _, next_end = sentence_bounds(text, end + 1, end + 1) if end < len(text) else (0, end)
    if _REJECTED.search(text, lit.end, next_end):
        return "rejected"
    asked = end < len(text) and text[end] == "?"
    if asked or _QUOTED.search(text, start, end):
        return "questioned"
    return "asserted"
