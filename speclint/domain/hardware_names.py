"""Finding accelerator names in text: every alias of every device, in one pattern."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import regex

from speclint.document import squeeze_folded
from speclint.domain.needles import ASCII_WORD, AnchoredSearch, needles
from speclint.patterns import compile_regex, lazy_compile

_WORD_BREAK = lazy_compile(r"[\s\-]+")


def _key(text: str) -> str:
    return " ".join(_WORD_BREAK.split(text.lower()))


@dataclass(frozen=True)
class DeviceMatcher:
    """One alternation of all aliases, longest first, so ``H100 PCIe`` wins over ``H100``."""

    bodies: tuple[str, ...]
    by_alias: dict[str, tuple[str, ...]]
    #: Each alias squeezed (``speclint.domain.needles``); ``None``: search every document.
    needles: frozenset[str] | None = None

    @property
    def pattern(self) -> regex.Pattern:
        """Compiled on first use: a document with no alias by its needles never needs it."""
        return _compiled(self.bodies)

    @property
    def search(self) -> AnchoredSearch:
        """``pattern``'s matches, tried only where the first word of an alias is written."""
        return _search(self.bodies, tuple(self.by_alias))

    def may_name(self, text: str) -> bool:
        """Whether ``pattern`` may match in ``text``: some alias's needle is in it, squeezed
        (``False`` spares compiling the pattern for text that names no device)."""
        if self.needles is None:
            return True
        squeezed = squeeze_folded(text)
        return any(needle in squeezed for needle in self.needles)

    def names(self, matched: str) -> tuple[str, ...]:
        """The devices a matched alias names (an alias several devices share names all)."""
        return self.by_alias.get(_key(matched), ())


def device_matcher(table: Mapping[str, Mapping[str, Any]]) -> DeviceMatcher | None:
    """A matcher for the devices of ``table`` (name → spec with ``aliases``), built once for
    each list of names and aliases (it depends on nothing else)."""
    return _matcher(tuple((name, tuple(spec.get("aliases", []))) for name, spec in table.items()))


@lru_cache(maxsize=8)
def _matcher(table: tuple[tuple[str, tuple[str, ...]], ...]) -> DeviceMatcher | None:
    by_alias: dict[str, list[str]] = {}
    for name, aliases in table:
        for alias in [name, *aliases]:
            names = by_alias.setdefault(_key(alias), [])
            if name not in names:
                names.append(name)
    if not by_alias:
        return None
    bodies = tuple(
        r"[\s\-]*".join(regex.escape(part) for part in alias.split(" "))
        for alias in sorted(by_alias, key=len, reverse=True)
    )
    by_name = {alias: tuple(names) for alias, names in by_alias.items()}
    return DeviceMatcher(bodies, by_name, needles(by_alias))


@lru_cache(maxsize=8)
def _compiled(bodies: tuple[str, ...]) -> regex.Pattern:
    return compile_regex(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w])", regex.IGNORECASE)


@lru_cache(maxsize=8)
def _search(bodies: tuple[str, ...], aliases: tuple[str, ...]) -> AnchoredSearch:
    """Each body starts with its alias's first word (an alias is its words joined by spaces)."""
    starts = (alias.split(" ")[0] for alias in aliases)
    return AnchoredSearch(partial(_compiled, bodies), starts, not_after=ASCII_WORD + "-")
