"""What a sentence says about a FLOP/s figure (``each L4 sustains 150 TFLOP/s``, ``the 8×H100
node delivers 9 PFLOP/s BF16``): its precision, whether it is a sparse or a peak figure, whether
it is a claim of what runs, and which devices, how many, it is for (``data/statements.toml``,
``[compute]``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex

from speclint.data import load
from speclint.patterns import lazy_compile

_WORDS = load("statements.toml")["compute"]


def _pattern(key: str) -> regex.Pattern:
    return lazy_compile(_WORDS[key], regex.IGNORECASE)


PEAK = _pattern("peak")
SUSTAINED = _pattern("sustained")
FP8 = _pattern("fp8")
BF16 = _pattern("bf16")
OTHER_PRECISION = _pattern("other")
SPARSE = _pattern("sparse")
PER_DEVICE = _pattern("per-device")
PER_NODE = _pattern("per-node")
COUNT = _pattern("count")
FRACTIONAL_COUNT = _pattern("fractional-count")
UTILISATION = _pattern("utilisation")
UTILISATION_BEFORE = _pattern("utilisation-before")
UTILISATION_AFTER = _pattern("utilisation-after")
TRAINING = _pattern("training")

#: A number and its unit right before "per GPU": the phrase is that number's ("494 TFLOP/s per
#: GPU, or 7.9 PFLOP/s for the cluster").
_OWNED = lazy_compile(r"\d\s*(?:[A-Za-z/%]+\s+)?[A-Za-z/%]*\s*$")

#: Words that make a figure the system's ("the cluster sustains"): after a per-device phrase in
#: the clause, the subject is the system again.
_SYSTEM = lazy_compile(load("statements.toml")["scope"]["system"], regex.IGNORECASE)

#: Words that name any accelerator, not one model of it.
GENERIC = frozenset({"gpu", "device", "chip", "card", "accelerator"})


@dataclass(frozen=True)
class ComputeTerms:
    """What a FLOP/s figure's sentence says about it."""

    #: "bf16", "fp8", "" (not said), "other" (a precision without a catalog peak) or "mixed".
    precision: str = ""
    sparse: bool = False
    #: A peak, datasheet or ceiling figure: not a claim of what runs.
    peak: bool = False
    #: Said to be reached (sustains, delivers, measured …): past realistic efficiency, a warning.
    sustained: bool = False
    #: The clause's subject is one device (``each L4``, ``per GPU``).
    per_device: bool = False
    #: The clause's subject is one node of a device (``an H200 node``, ``each MI300X server``).
    per_node: bool = False
    #: The device count its sentence states (``8×H100``, ``across 4 GPUs``), and how.
    count: int | None = None
    count_text: str = ""
    #: The device model its sentence names (``L4``, ``H100``), as written; "" for none.
    device: str = ""
    #: Several different device counts or models: which one the figure is for is unclear.
    ambiguous: bool = False


def compute_terms(sentence: str, clause: str) -> ComputeTerms:
    """The terms of a FLOP/s figure from its ``sentence`` and the ``clause`` it ends."""
    fp8, bf16 = FP8.search(sentence), BF16.search(sentence)
    precision = "mixed" if fp8 and bf16 else "fp8" if fp8 else "bf16" if bf16 else ""
    if OTHER_PRECISION.search(sentence):
        precision = "other" if not precision else "mixed"
    counts = {(int(m.group("count")), m.group(0).strip()) for m in COUNT.finditer(sentence)}
    # "512 × 1,979 TFLOPS ≈ 1,013 PFLOPS": the devices its own product counts
    counts |= {(int(m.group(1)), m.group(0).strip()) for m in _TIMES_PEAK.finditer(sentence)}
    numbers = {n for n, _ in counts}
    names = {
        m.group("name").lower()
        for pattern in (COUNT, PER_DEVICE, PER_NODE)
        for m in pattern.finditer(sentence)
        if m.group("name").lower() not in GENERIC
    }
    per_device = _per_device(clause)
    count, count_text = (None, "")
    if len(numbers) == 1 and not per_device:
        count, count_text = min(counts)
    return ComputeTerms(
        precision=precision,
        sparse=SPARSE.search(sentence) is not None,
        peak=PEAK.search(sentence) is not None,
        sustained=SUSTAINED.search(sentence) is not None,
        per_device=per_device,
        per_node=not per_device and PER_NODE.search(clause) is not None,
        count=count,
        count_text=count_text,
        device=min(names) if len(names) == 1 else "",
        ambiguous=len(numbers) > 1 or len(names) > 1 or sizing(sentence),
    )


#: A count times one device's FLOP/s: ``512 × 1,979 TFLOPS``.
_TIMES_PEAK = lazy_compile(
    r"(?<![\w.,])(\d{1,6})\s*[×x*]\s*\d[\d,.]*\s*[TPE]?FLOP/?S\b", regex.IGNORECASE
)


def sizing(text: str) -> bool:
    """Whether the text turns a figure into a fractional device count (``that is 6.65
    GPUs``): a load being sized, on devices it does not yet have."""
    return "." in text and FRACTIONAL_COUNT.search(text) is not None


#: The end of a sentence (a clause break after ``;`` does not end it).
_FULL_STOP = lazy_compile(r"(?<!\bi\.e)(?<!\be\.g)[.!?](?:\s|$)|\n\s*\n")


def sized_after(text: str, end: int) -> bool:
    """Whether the rest of the sentence after a figure (past ``;``) sizes it in devices."""
    tail = text[end : end + 160]
    stop = _FULL_STOP.search(tail)
    return sizing(tail[: stop.start() if stop else len(tail)])


def _per_device(clause: str) -> bool:
    """The clause's subject is one device: a per-device phrase that is not a number's own
    (``494 TFLOP/s per GPU``) and that no system word follows (``per GPU, the cluster``)."""
    own = [m for m in PER_DEVICE.finditer(clause) if not _OWNED.search(clause, 0, m.start())]
    if not own:
        return False
    return _SYSTEM.search(clause, own[-1].end()) is None


def devices_named(word: str, table: Mapping[str, Mapping[str, Any]]) -> tuple[str, ...]:
    """The catalog devices a model name written after a count or ``each`` names: one of their
    aliases, or an alias's first word (``L4`` of ``L4 GPU``); none for another word."""
    key = word.lower().removesuffix("s")
    found = []
    for name, spec in table.items():
        aliases = [name, *spec.get("aliases", [])]
        words = {a.lower() for a in aliases} | {a.split()[0].lower() for a in aliases}
        words |= {a.replace(" ", "-").lower() for a in aliases}
        if key in words or word.lower() in words:
            found.append(name)
    return tuple(sorted(found))
