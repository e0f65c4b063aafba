"""Finding the configuration for each linted file, and the configuration in effect there.

As in ruff, the closest configuration file above a linted file applies to it (in one directory
``.speclint.toml`` > ``speclint.toml`` > ``pyproject.toml``, and a ``pyproject.toml`` without
``[tool.speclint]`` is skipped); files are not merged, except through ``extend``. Command-line
options form a last layer over every file. Configurations are cached per directory.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from speclint.app.config.schema import (
    COMMAND_LINE,
    DEFAULTS,
    ConfigError,
    Layer,
    Pattern,
    Where,
    validate,
)
from speclint.app.config.toml_file import read_toml
from speclint.app.files import Globs
from speclint.engine import selectors
from speclint.engine.rule import Rule
from speclint.quantity.tolerance import Tolerance
from speclint.settings import Efficiency, Settings

#: Configuration file names, in order of precedence within one directory.
CONFIG_NAMES = (".speclint.toml", "speclint.toml", "pyproject.toml")
TOOL_TABLE = ("tool", "speclint")


def display(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib  # imported by the first configuration file read
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        return read_toml(path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{display(path)}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{display(path)}: {exc}") from None


def _speclint_table(path: Path) -> dict[str, Any] | None:
    """The speclint options in a configuration file (``None``: a pyproject.toml without them)."""
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table: Any = data
    for part in TOOL_TABLE:
        table = table.get(part) if isinstance(table, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{display(path)}: tool.speclint: expected a table")
    return table


def load_chain(path: Path, rules: Sequence[Rule], seen: tuple[Path, ...] = ()) -> list[Layer]:
    """The layers of a configuration file and everything it extends, base first."""
    table = _speclint_table(path)
    prefix = "tool.speclint." if path.name == "pyproject.toml" else ""
    if table is None:
        table = {}
    where = Where(display(path), prefix, rules, path.parent)
    options = validate(table, where)
    layers = [Layer(display(path), options)]
    if "extend" in options:
        target = Path(os.path.expanduser(options["extend"]))
        target = Path(os.path.abspath(path.parent / target))
        chain = (*seen, path)
        if target in chain:
            cycle = " -> ".join(display(p) for p in (*chain[chain.index(target) :], target))
            raise where.error("extend", f"extends itself: {cycle}")
        if not target.is_file():
            problem = "not a regular file" if target.exists() else "no such file"
            raise where.error("extend", f"{problem}: {options['extend']}")
        layers = load_chain(target, rules, chain) + layers
    return layers


def find_config(directory: Path | str) -> Path | None:
    """The configuration file in ``directory`` (a pyproject.toml only with ``[tool.speclint]``)."""
    for name in CONFIG_NAMES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):  # no Path built for the directories without one
            if name == "pyproject.toml" and _speclint_table(Path(candidate)) is None:
                continue
            return Path(candidate)
    return None


class Config:
    """The configuration in effect for one directory: its layers, base first, then the command
    line's. Also answers which files are linted (``speclint.app.files.FileRules``)."""

    def __init__(self, layers: Sequence[Layer], rules: Sequence[Rule], root: Path) -> None:
        self.layers = list(layers)
        self.rules = list(rules)
        self.root = root
        self.enabled = selectors.resolve(
            (self._selection(layer.options) for layer in self.layers), self.rules
        )
        self.severity = selectors.resolve_severity(self.merged("severity"), self.rules)
        self._settings: dict[frozenset[str], Settings] = {}

    @staticmethod
    def _selection(options: Mapping[str, Any]) -> selectors.Selection:
        return selectors.Selection(
            options.get("select"), options.get("extend-select", ()), options.get("ignore", ())
        )

    @property
    def sources(self) -> list[str]:
        """The configuration files in effect, closest first."""
        return [layer.source for layer in reversed(self.layers) if layer.source != COMMAND_LINE]

    def get(self, key: str) -> Any:
        """A key's value from the closest layer that sets it, else its default."""
        for layer in reversed(self.layers):
            if key in layer.options:
                return layer.options[key]
        return DEFAULTS[key]

    def merged(self, key: str) -> dict[str, Any]:
        """A table merged key by key over the layers (closer layers win)."""
        result = dict(DEFAULTS[key])
        for layer in self.layers:
            result.update(layer.options.get(key, {}))
        return result

    # FileRules, for discovery

    @property
    def respect_gitignore(self) -> bool:
        return bool(self.get("respect-gitignore"))

    @property
    def force_exclude(self) -> bool:
        return bool(self.get("force-exclude"))

    def excludes(self, path: Path) -> bool:
        patterns = (*self.get("exclude"), *self.extend_exclude)
        return any(pattern.matches(path) for pattern in patterns)

    @property
    def extend_exclude(self) -> tuple[Pattern, ...]:
        return tuple(p for layer in self.layers for p in layer.options.get("extend-exclude", ()))

    def includes(self, path: Path) -> bool:
        return any(pattern.matches(path, ignore_case=True) for pattern in self.get("include"))

    def excludes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        return self._globs[0].matches(absolute, name, is_dir)

    def includes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        return self._globs[1].matches(absolute, name, is_dir)

    @cached_property
    def _globs(self) -> tuple[Globs, Globs]:
        """The exclude and include patterns, compiled once."""
        excluded = Globs((*self.get("exclude"), *self.extend_exclude))
        return excluded, Globs(self.get("include"), ignore_case=True)

    # Settings, for linting

    def settings_for(self, path: Path | str) -> Settings:
        """The settings rules see for the file at absolute ``path`` (one object for all the
        files with the same rules ignored)."""
        ignored: set[str] = set()
        for entry in self.get("per-file-ignores"):
            if entry.applies(Path(path)):
                for selector in entry.selectors:
                    ignored |= selectors.matching(selector, self.rules)
        key = frozenset(ignored)
        if key not in self._settings:
            self._settings[key] = self._settings_without(key)
        return self._settings[key]

    def _settings_without(self, ignored: frozenset[str]) -> Settings:
        """The settings of a file for which the rules ``ignored`` are off (one object each)."""
        tolerance = self.merged("tolerance")
        efficiency = self.merged("efficiency")
        return Settings(
            efficiency=Efficiency(
                efficiency["mfu"],
                efficiency["bandwidth-utilisation"],
                efficiency["slow-factor"],
                efficiency["prefill-mfu"],
            ),
            accelerators=self.merged("accelerators"),
            models=self.merged("models"),
            tolerance=Tolerance(tolerance["approximate"], tolerance["rounded-integer"]),
            code_languages=frozenset(self.get("code-languages")),
            selected=self.enabled - ignored,
            severity=self.severity,
        )


@dataclass
class Resolver:
    """Finds the configuration for each directory (cached), as the command line asks."""

    rules: Sequence[Rule]
    cli: Layer
    config_file: Path | None = None
    isolated: bool = False

    def __post_init__(self) -> None:
        #: ``config_in`` by the absolute directory as text (no ``Path`` built for a directory).
        self._by_text: dict[str, Config] = {}
        #: ``config_in`` by the absolute directory as text, for ``settings_for``.
        self._by_parent: dict[str, Config] = {}
        self._by_file: dict[Path, list[Layer]] = {}
        self._one: Config | None = None

    def _fixed(self) -> Config:
        """The one configuration of ``--isolated`` or ``--config PATH``."""
        if self._one is None:
            if self.config_file is None:
                self._one = Config([self.cli], self.rules, Path.cwd())
            else:
                path = Path(os.path.abspath(self.config_file))
                self._one = Config([*self._layers(path), self.cli], self.rules, path.parent)
        return self._one

    def _layers(self, path: Path) -> list[Layer]:
        if path not in self._by_file:
            self._by_file[path] = load_chain(path, self.rules)
        return self._by_file[path]

    def config_in(self, directory: Path | str) -> Config:
        """The configuration for files directly in ``directory``."""
        text = os.path.abspath(directory)
        known = self._by_text.get(text)
        if known is not None:
            return known
        if self.isolated or self.config_file is not None:
            config = self._fixed()
        else:
            found = find_config(text)
            parent = os.path.dirname(text)
            if found is not None:
                config = Config([*self._layers(found), self.cli], self.rules, Path(text))
            elif parent != text:
                config = self.config_in(parent)
            else:
                config = Config([self.cli], self.rules, Path.cwd())
        self._by_text[text] = config
        return config

    def config_for(self, path: str | Path) -> Config:
        """The configuration for a file (by its location; it need not exist)."""
        return self.config_in(Path(os.path.abspath(path)).parent)

    def settings_for(self, path: str | Path) -> Settings:
        absolute = os.path.abspath(path)
        parent = os.path.dirname(absolute)
        config = self._by_parent.get(parent)
        if config is None:
            config = self._by_parent[parent] = self.config_in(Path(parent))
        return config.settings_for(absolute)
