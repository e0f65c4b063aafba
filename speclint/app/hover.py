"""What hovering shows in the language server: for a flagged number, each finding with its
derivation and inputs; for a fact, where it came from (the document line it was read from, or
the catalog entry of the model or accelerator the document names)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from speclint.domain.catalog import ModelMatcher, model_matcher, models
from speclint.domain.facts import Fact, fact_index
from speclint.domain.hardware import FIGURES, Figure, devices
from speclint.domain.hardware_names import DeviceMatcher, device_matcher
from speclint.domain.view import Domain
from speclint.engine.diagnostics import Diagnostic
from speclint.quantity.display import show
from speclint.quantity.numbers import format_readable
from speclint.settings import Settings


@dataclass(frozen=True)
class Hover:
    """Markdown to show for the span of one line from ``column`` to ``end_column`` (1-based
    characters, end exclusive)."""

    text: str
    column: int
    end_column: int


def diagnostics_markdown(diagnostics: Sequence[Diagnostic]) -> str:
    """What hovering a flagged number shows: each finding's message and its inputs."""
    parts = []
    for diag in diagnostics:
        text = f"**{diag.code}** {diag.rule} ({diag.category}, {diag.severity})\n\n{diag.message}"
        if diag.related:
            inputs = "\n".join(f"- line {r.line}: {r.message}" for r in diag.related)
            text += f"\n\nInputs:\n{inputs}"
        parts.append(text)
    return "\n\n---\n\n".join(parts)


#: How each hardware figure is called, in ``FIGURES`` order.
FIGURE_NAMES = {
    "gpu_memory": "memory",
    "memory_bandwidth": "bandwidth",
    "peak_flops": "peak FLOPS (BF16/FP16)",
    "peak_flops_fp8": "peak FLOPS (FP8)",
    "link_bandwidth": "interconnect",
}
#: The unit each kind of fact is shown in.
_KIND_UNITS = {"bytes": "bytes", "bytes/s": "bytes/s", "flop/s": "FLOP/s"}


def fact_hover(
    domain: Domain, settings: Settings, line: int, column: int, text: str
) -> Hover | None:
    """What hovering ``column`` of ``line`` (whose text is ``text``) shows about the facts
    there: the catalog model or accelerator named under the cursor, else every fact read from
    the line."""
    for find in (_model_hover, _device_hover):
        found = find(domain, settings, line, column, text)
        if found is not None:
            return found
    return _line_facts(domain, line, column, text)


def _key(config: Mapping[str, Any]) -> str:
    return json.dumps(config, sort_keys=True, default=str)


@lru_cache(maxsize=8)
def _models(key: str) -> ModelMatcher | None:
    return model_matcher(models(json.loads(key)))


@lru_cache(maxsize=8)
def _devices(key: str) -> tuple[dict[str, dict[str, Any]], DeviceMatcher | None]:
    table = devices(json.loads(key))
    return table, device_matcher(table)


def _match_at(pattern: Any, text: str, column: int) -> Any:
    for match in pattern.finditer(text):
        if match.start() < column <= match.end():
            return match
    return None


def _model_hover(
    domain: Domain, settings: Settings, line: int, column: int, text: str
) -> Hover | None:
    naming = domain.naming
    matcher = _models(_key(settings.models)) if naming is not None else None
    if naming is None or matcher is None:
        return None
    match = _match_at(matcher.pattern, text, column)
    if match is None or matcher.model(match.group(0)) != naming.model:
        return None
    model = naming.model
    taken = [f for f in domain.facts.all() if f.source == "catalog"]
    stated = [n for n in model.facts if n not in {f.name for f in taken}]
    out = [f"**{model.name}**: catalog entry ({model.source})"]
    if taken:
        listed = ", ".join(f"{_name(f.name)} {_value(f)}" for f in taken)
        out.append(f"From the catalog (the document does not state them): {listed}")
    if stated:
        lines = []
        for name in stated:
            fact = domain.facts.get(name)
            where = f" (line {fact.line})" if fact is not None and fact.line else ""
            lines.append(f"{_name(name)}{where}")
        out.append(f"Stated in the document instead: {', '.join(lines)}")
    for contradiction in domain.contradictions:
        fact = contradiction.stated
        out.append(
            f"Line {fact.line} states {_name(fact.name)} {_value(fact)}; the catalog gives "
            f"{fact_value_text(fact.name, contradiction.published)}"
        )
    return Hover("\n\n".join(out), match.start() + 1, match.end() + 1)


def _device_hover(
    domain: Domain, settings: Settings, line: int, column: int, text: str
) -> Hover | None:
    table, matcher = _devices(_key(settings.accelerators))
    match = _match_at(matcher.pattern, text, column) if matcher is not None else None
    if matcher is None or match is None:
        return None
    hardware = domain.deployment.hardware
    used: dict[str, Figure | None] = {
        "gpu_memory": hardware.memory,
        "memory_bandwidth": hardware.bandwidth,
        "peak_flops": hardware.flops,
        "link_bandwidth": hardware.link,
    }
    parts = []
    for name in matcher.names(match.group(0)):
        spec = table[name]
        out = [f"**{name}**: catalog entry ({spec.get('source', 'built-in catalog')})", ""]
        for key, (figure, factor) in FIGURES.items():
            if key not in spec:
                continue
            value = Fraction(str(spec[key])) * factor
            entry = f"- {FIGURE_NAMES[figure]}: {_figure(figure, value)}"
            stated = used.get(figure)
            if stated is not None and stated.fact is not None:
                entry += (
                    f" (the document states {_figure(figure, stated.value)} on line "
                    f"{stated.fact.line}, which is used)"
                )
            out.append(entry)
        parts.append("\n".join(out))
    return Hover("\n\n---\n\n".join(parts), match.start() + 1, match.end() + 1)


def _line_facts(domain: Domain, line: int, column: int, text: str) -> Hover | None:
    """Every fact read from ``line`` whose text covers ``column`` (a fact read from text that
    spans lines covers its whole line)."""
    here: list[tuple[Fact, int, int]] = []
    for fact in domain.facts.all():
        if fact.line != line or fact.name == "device":
            continue
        start = text.find(fact.text)
        begin, end = (start, start + len(fact.text)) if start >= 0 else (0, len(text))
        if begin < column <= end:
            here.append((fact, begin, end))
    if not here:
        return None
    entries = [_fact_entry(domain, fact) for fact, _, _ in here]
    begin = min(b for _, b, _ in here)
    end = max(e for _, _, e in here)
    heading = f"**Read from line {line}** (`{_code(here[0][0].text)}`)"
    return Hover("\n".join([heading, "", *entries]), begin + 1, end + 1)


def _fact_entry(domain: Domain, fact: Fact) -> str:
    """``- hidden size = 2,560; also stated on line 40`` and what else the reader should know."""
    entry = f"- {_name(fact.name)} = {_value(fact)}"
    others = [f for f in domain.facts.facts.get(fact.name, []) if f is not fact]
    chosen = domain.facts.get(fact.name)
    same = sorted({f.line for f in others if f.value == fact.value and f.line})
    differ = [f for f in others if f.value != fact.value and f.line]
    if same:
        entry += f"; also stated on line{'s' if len(same) > 1 else ''} {_joined(same)}"
    if differ:
        said = ", ".join(f"{_value(f)} on line {f.line}" for f in differ)
        entry += f"; also stated as {said}"
    if chosen is None:
        entry += " (the values differ, so speclint uses none of them)"
    elif chosen is not fact and chosen.value != fact.value:
        entry += f" (line {chosen.line}'s value is used)"
    if fact.aside:
        entry += " (under an alternatives heading: used only if nothing else states it)"
    for contradiction in domain.contradictions:
        if contradiction.stated is fact:
            published = fact_value_text(fact.name, contradiction.published)
            entry += f"; the catalog's {contradiction.model.name} has {published}"
    return entry


def _joined(lines: list[int]) -> str:
    shown = [str(n) for n in lines]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _name(name: str) -> str:
    return name.replace("_", " ")


def _code(text: str) -> str:
    return " ".join(text.split()).replace("`", "'")


def _value(fact: Fact) -> str:
    return fact_value_text(fact.name, fact.value)


def fact_value_text(name: str, value: Fraction | str | bool) -> str:
    """A fact's value as a reader writes it, in its unit (``64 GB``, ``1.6 TB/s``)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if name in ("param_count", "active_params"):
        return show(Fraction(value), "params")
    spec = fact_index().specs.get(name)
    unit = _KIND_UNITS.get(spec.kind) if spec is not None else None
    return _figure_in(unit, Fraction(value)) if unit else format_readable(Fraction(value))


def _figure(figure: str, value: Fraction) -> str:
    unit = {"gpu_memory": "bytes", "peak_flops": "FLOP/s", "peak_flops_fp8": "FLOP/s"}
    return _figure_in(unit.get(figure, "bytes/s"), value)


def _figure_in(unit: str, value: Fraction) -> str:
    if unit == "bytes":
        return show(value, "bytes")
    if unit == "bytes/s":
        return show(value, "bytes") + "/s"
    return f"{format_readable(value / 10**12, 4)} TFLOPS"
