"""What a rate's surroundings say about whose rate it is: the list lead-in above it
(``Measured throughput per node (both replicas together):``), the model its sentence names
(``Judging (Llama-3.1-8B, prefill only) …``) and whether it is a demand to be served
(``prefill load: 800 × 270 = 216,000 tokens/s``) rather than what some hardware does.
"""

from __future__ import annotations

from fractions import Fraction

import regex

from speclint.document import Document
from speclint.patterns import lazy_compile

#: A line that is a list item or continues one.
_LIST_LINE = lazy_compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s|^\s{2,}\S")
#: A list item's marker and the indentation before it.
_ITEM = lazy_compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+")
#: Lines of a lead-in paragraph read above its list.
MAX_LEAD_IN_LINES = 4
#: Lines read up from a nested item for the item it hangs from.
_MAX_ITEMS_UP = 40
#: A model named with its size, hyphen-joined (``Llama-3.1-8B``, ``Qwen2.5-7B``): the size.
_MODEL_SIZE = lazy_compile(r"(?<![\w.-])[A-Za-z][\w.]*(?:-[\w.]+)*?-(\d{1,4}(?:\.\d{1,2})?)[Bb]\b")
#: A figure for one node (``per node``, ``each node``).
_PER_NODE = lazy_compile(r"\b(?:per|each|every|a\s+single)\s+node\b", regex.IGNORECASE)
#: A rate the words before it call a demand (``prefill load:``, ``the demand is``); a rate
#: measured ``under load`` or ``at peak load`` is a rate the hardware gives.
_DEMAND = lazy_compile(
    r"(?<!\b(?:under|at|in|during|with|full|heavy|light|no)\s+(?:\w+\s+)?)\b(?:load|demand)\b"
    r"(?!\s*(?:balanc|test|generat|shedd|time|step))",
    regex.IGNORECASE,
)


def lead_in(doc: Document, line: int) -> str:
    """The paragraph that leads into the list whose item holds ``line`` (a blank line between
    them allowed), or the parent item a nested item hangs from (``- Measured per node:``), as
    one string; "" when the line is in no list or nothing leads into it."""
    parent = _parent_item(doc, line)
    if parent is not None:
        return parent
    first = line
    while first > 1 and _LIST_LINE.match(doc.line_text(first - 1)):
        first -= 1
    if first > 2 and not doc.line_text(first - 1).strip():
        first -= 1
    lines: list[str] = []
    at = first - 1
    while at >= 1 and len(lines) < MAX_LEAD_IN_LINES:
        text = doc.line_text(at).strip()
        if not text or text.startswith(("#", "|", "```")):
            break
        lines.insert(0, text)
        at -= 1
    return " ".join(lines) if lines and lines[-1].endswith(":") else ""


def _parent_item(doc: Document, line: int) -> str | None:
    """The text of the item a nested list item hangs from, when it ends with a colon; None
    for an item at the top level."""
    text = doc.line_text(line)
    indent = len(text) - len(text.lstrip())
    if indent < 2 or _ITEM.match(text) is None:
        return None
    for at in range(line - 1, max(0, line - _MAX_ITEMS_UP), -1):
        above = doc.line_text(at)
        item = _ITEM.match(above)
        if item is not None and len(item.group(1)) < indent:
            body = above[item.end() :].strip()
            return body if body.endswith(":") else ""
        if not above.strip():
            return None
    return None


def model_sizes(text: str) -> tuple[Fraction, ...]:
    """The parameter counts of the models ``text`` names with their size (``Llama-3.1-8B`` →
    8e9), in order."""
    if "B" not in text and "b" not in text:
        return ()
    return tuple(Fraction(m.group(1)) * 10**9 for m in _MODEL_SIZE.finditer(text))


def per_node(text: str) -> bool:
    """Whether ``text`` says its figures are one node's."""
    return "node" in text and _PER_NODE.search(text) is not None


def demand(text: str) -> bool:
    """Whether the words before a rate call it a load or demand to be served."""
    return ("load" in text or "demand" in text) and _DEMAND.search(text) is not None
