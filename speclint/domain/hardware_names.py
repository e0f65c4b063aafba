"""Finding accelerator names in text: every alias of every device, in one pattern."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import regex


def _key(text: str) -> str:
    return " ".join(regex.split(r"[\s\-]+", text.lower()))


@dataclass(frozen=True)
class DeviceMatcher:
    """One alternation of all aliases, longest first, so ``H100 PCIe`` wins over ``H100``."""

    pattern: regex.Pattern
    by_alias: dict[str, tuple[str, ...]]

    def names(self, matched: str) -> tuple[str, ...]:
        """The devices a matched alias names (an alias several devices share names all)."""
        return self.by_alias.get(_key(matched), ())


def device_matcher(table: Mapping[str, Mapping[str, Any]]) -> DeviceMatcher | None:
    """A matcher for the devices of ``table`` (name → spec with ``aliases``)."""
    by_alias: dict[str, list[str]] = {}
    for name, spec in table.items():
        for alias in [name, *spec.get("aliases", [])]:
            names = by_alias.setdefault(_key(alias), [])
            if name not in names:
                names.append(name)
    if not by_alias:
        return None
    bodies = [
        r"[\s\-]*".join(regex.escape(part) for part in alias.split(" "))
        for alias in sorted(by_alias, key=len, reverse=True)
    ]
    pattern = regex.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])", regex.IGNORECASE)
    return DeviceMatcher(pattern, {alias: tuple(names) for alias, names in by_alias.items()})
