"""What a node of several GPUs holds: ``an 8-GPU MI300X node has 1,536 GB of HBM``, ``one
8×H100 server offers 640 GB``. Its GPU count times the catalog memory of the device it names
is the node's GPU memory; a figure read this way is checked against that product.

Only a node that names its GPU count and one catalog device (or several that share one memory
size), a verb of having right after it, and a figure said to be GPU memory (``HBM``, ``VRAM``,
``GPU memory``) is read; a figure that says nothing more is read only when it is one GPU's
memory (a node's host RAM or disks are not its GPUs').
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import regex

from speclint.claims.model import Scanned
from speclint.domain.facts import stated_bytes
from speclint.domain.hardware_names import DeviceMatcher
from speclint.formula.evaluate import Value
from speclint.formula.expr import Lit, literals
from speclint.patterns import lazy_compile
from speclint.quantity.precision import DEFAULT_TOLERANCE, Tolerance

#: "8-GPU ", "8 GPU ", "8×", "8x ", "8 ": a node's GPU count, then its device.
_COUNT = lazy_compile(
    r"(?<![\w.,$])(\d{1,2})\s*(?:-\s*GPUs?\s+|\s+GPUs?\s+|[×x]\s*|\s+(?=\w))", regex.I
)
#: After the device: its memory as written (``H100 80 GB``), then ``GPUs``.
_DEVICE_TAIL = lazy_compile(
    r"(?:\s+(\d{2,3})\s?GB\b)?(?:\s+(?:GPUs?|cards?|accelerators?)\b)?", regex.I
)
#: Or a join to a figure that must then be said to be GPU memory: ``, so``, ``(``, ``=``.
_JOIN = lazy_compile(
    r"\s*(?:,\s*(?:so|which\s+is|i\.e\.,?|giving|that\s+is|for)\s+|\(\s*|[=→:]\s*)"
    r"(?:(?:a\s+total\s+of|about|roughly|around|~|≈)\s*)?",
    regex.I,
)
#: After the device: the node, then a verb of having, then at most one filler word.
_NODE_HAS = lazy_compile(
    r"\s+(?:node|server|box|host|machine)\b[\s,]*(?:\w+\s+)??"
    r"(?:has|have|holds?|offers?|provides?|gives?|totals?|carries|comes\s+with)\s+"
    r"(?:(?:a\s+total\s+of|in\s+total|about|roughly|around|~|≈)\s*)?",
    regex.I,
)
#: The figure said to be GPU memory, right after it.
_GPU_MEMORY = lazy_compile(
    r"\s*(?:of\s+)?(?:(?:total|aggregate|combined)\s+)?(?:HBM\w*|VRAM|GPU\s+memory|device\s+memory)\b",
    regex.I,
)
#: Words up to the clause's end that make a figure one device's: ``(141 GB of HBM each)``.
_EACH = lazy_compile(
    r"[^,;()\n]{0,40}?\b(?:each|apiece|per\s+(?:GPU|device|card)|chacun)\b", regex.I
)
#: Or nothing more about the figure.
_BARE = lazy_compile(r"\s*(?:[,.;:)]|(?:and|so|which|for|in\s+total|total)\b|$)", regex.I)


@dataclass(frozen=True)
class NodeMemory:
    """A node's stated GPU memory and what its GPUs hold by the catalog."""

    where: Scanned
    lit: Lit
    value: Value
    gpus: int
    #: The catalog devices its name stands for, and their memory per device (bytes).
    devices: tuple[str, ...]
    per_device: Fraction
    #: The device as its text names it with its memory (``H100 80 GB``); empty when the
    #: memory per device is the catalog's.
    written: str = ""

    @property
    def expected(self) -> Fraction:
        return self.gpus * self.per_device


def node_memories(
    scanned: list[Scanned],
    matcher: DeviceMatcher | None,
    table: Mapping[str, Mapping[str, Any]],
    tolerance: Tolerance = DEFAULT_TOLERANCE,
) -> Iterator[NodeMemory]:
    """Every node's GPU memory stated in prose."""
    if matcher is None:
        return
    for where in scanned:
        if where.segment.kind not in ("paragraph", "cell"):
            continue
        names_a_device = None
        for count in _COUNT.finditer(where.text):
            if names_a_device is None:
                names_a_device = matcher.may_name(where.text)
            if not names_a_device:
                break  # no count here is followed by a device name
            found = _node_memory(where, count, matcher, table, tolerance)
            if found is not None:
                yield found


def _node_memory(
    where: Scanned,
    count: regex.Match[str],
    matcher: DeviceMatcher,
    table: Mapping[str, Mapping[str, Any]],
    tolerance: Tolerance,
) -> NodeMemory | None:
    device = matcher.pattern.match(where.text, count.end())
    if device is None:
        return None
    tail = _DEVICE_TAIL.match(where.text, device.end())
    assert tail is not None  # every part of it is optional
    has = _NODE_HAS.match(where.text, tail.end())
    joined = has is None  # then the figure must say it is GPU memory
    has = has or _JOIN.match(where.text, tail.end())
    if has is None:
        return None
    lit = _literal_at(where, has.end())
    if lit is None:
        return None
    said = _GPU_MEMORY.search(where.text, lit.num_end, lit.end) is not None  # "800 GB HBM"
    said = said or _GPU_MEMORY.match(where.text, lit.end) is not None
    if not said and (joined or not _BARE.match(where.text, lit.end)):
        return None
    names = matcher.names(device.group(0))
    sizes = {Fraction(str(table[n]["memory-gb"])) for n in names if "memory-gb" in table.get(n, {})}
    if tail.group(1) is not None:  # "8 × H100 80 GB": the memory its text gives the device
        sizes = {Fraction(tail.group(1))}
    elif len(sizes) != 1 or not all("memory-gb" in table.get(n, {}) for n in names):
        return None
    value = stated_bytes(lit, tolerance)
    if value is None:
        return None
    gpus, per_device = int(count.group(1)), sizes.pop() * 10**9
    if gpus < 2 or not (said or value.point == per_device):
        return None  # a bare figure may be host memory, unless it is one GPU's
    if joined and (value.point == per_device or _EACH.match(where.text, lit.end)):
        return None  # "8 H200 (141 GB of HBM each)": one device's
    written = where.text[device.start() : tail.end()].strip() if tail.group(1) else ""
    return NodeMemory(where, lit, value, gpus, names, per_device, written)


def _literal_at(where: Scanned, start: int) -> Lit | None:
    """The plain literal (one value with a unit, no range or bound) that starts at ``start``."""
    for chain in where.result.chains:
        for expr in chain.exprs:
            for lit in literals(expr):
                if lit.start == start or lit.num_start == start:
                    plain = not (lit.is_range or lit.bound or lit.is_percent)
                    return lit if plain and lit.unit is not None else None
    return None
