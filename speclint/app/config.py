"""Configuration files: ``.speclint.toml``, ``speclint.toml`` or ``[tool.speclint]`` in
``pyproject.toml``.

As in ruff, the closest configuration file above a linted file applies to it (in one directory
``.speclint.toml`` > ``speclint.toml`` > ``pyproject.toml``, and a ``pyproject.toml`` without
``[tool.speclint]`` is skipped); files are not merged, except through ``extend``. Command-line
options form a last layer over every file. Unknown keys and bad values raise ``ConfigError``.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from sympy import Rational

from speclint.app.config_file import read_toml
from speclint.app.files import EXCLUDED_DIRS, MARKDOWN_SUFFIXES
from speclint.document import PLAIN_CODE_LANGUAGES
from speclint.engine import selectors
from speclint.engine.diagnostics import SEVERITIES
from speclint.engine.rule import Rule
from speclint.quantity.precision import Tolerance
from speclint.settings import Efficiency, Settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Configuration file names, in order of precedence within one directory.
CONFIG_NAMES = (".speclint.toml", "speclint.toml", "pyproject.toml")
TOOL_TABLE = ("tool", "speclint")


class ConfigError(Exception):
    """A configuration file or option is invalid: ``<file>: <key>: <what is wrong>``."""


@dataclass(frozen=True)
class Pattern:
    """A glob from a configuration file. Without ``/`` it matches a file or directory name
    anywhere; with ``/`` it matches the path relative to the configuration file's directory."""

    glob: str
    root: Path | None = None

    def matches(self, path: Path, *, ignore_case: bool = False) -> bool:
        glob = self.glob.rstrip("/")
        glob = glob[2:] if glob.startswith("./") else glob
        if "/" in glob:
            if self.root is None or not path.is_relative_to(self.root):
                return False
            target = path.relative_to(self.root).as_posix()
        else:
            target = path.name
        if ignore_case:
            return fnmatchcase(target.lower(), glob.lower())
        return fnmatchcase(target, glob)

    def __str__(self) -> str:
        return self.glob


@dataclass(frozen=True)
class FileIgnore:
    """A ``per-file-ignores`` entry; a ``!pattern`` applies to the files it does not match."""

    pattern: Pattern
    negated: bool
    selectors: tuple[str, ...]

    def applies(self, path: Path) -> bool:
        return self.pattern.matches(path) != self.negated


@dataclass(frozen=True)
class Layer:
    """The validated options of one configuration file, or of the command line."""

    source: str
    options: Mapping[str, Any]


# ---- validation ---------------------------------------------------------------------------


class _Where:
    """Names the file and key in error messages (``tool.speclint.`` prefixes pyproject keys)."""

    def __init__(self, source: str, prefix: str, rules: Sequence[Rule], root: Path | None):
        self.source, self.prefix, self.rules, self.root = source, prefix, rules, root

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {self.prefix}{key}: {message}")


def _strings(value: Any, key: str, where: _Where) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(key, f"expected a list of strings, got {_show(value)}")
    return tuple(value)


def _selectors(value: Any, key: str, where: _Where) -> tuple[str, ...]:
    items = _strings(value, key, where)
    for item in items:
        try:
            selectors.matching(item, where.rules)
        except ValueError as exc:
            raise where.error(key, str(exc)) from None
    return items


def _patterns(value: Any, key: str, where: _Where) -> tuple[Pattern, ...]:
    return tuple(Pattern(glob, where.root) for glob in _strings(value, key, where))


def _bool(value: Any, key: str, where: _Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(key, f"expected true or false, got {_show(value)}")
    return value


def _languages(value: Any, key: str, where: _Where) -> frozenset[str]:
    return frozenset(language.strip().lower() for language in _strings(value, key, where))


def _table(value: Any, key: str, where: _Where) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where.error(key, f"expected a table, got {_show(value)}")
    return value


def _per_file_ignores(value: Any, key: str, where: _Where) -> tuple[FileIgnore, ...]:
    entries = []
    for glob, codes in _table(value, key, where).items():
        negated = glob.startswith("!")
        pattern = Pattern(glob[1:] if negated else glob, where.root)
        entries.append(
            FileIgnore(pattern, negated, _selectors(codes, f"{key}.{_key(glob)}", where))
        )
    return tuple(entries)


def _severity(value: Any, key: str, where: _Where) -> dict[str, str]:
    result = {}
    for selector, severity in _table(value, key, where).items():
        _selectors([selector], f"{key}.{_key(selector)}", where)
        if severity not in SEVERITIES:
            raise where.error(
                f"{key}.{_key(selector)}",
                f"expected one of {', '.join(map(repr, SEVERITIES))}, got {_show(severity)}",
            )
        result[selector] = severity
    return result


def _number(value: Any, key: str, where: _Where, low: Rational, high: Rational | None) -> Rational:
    """An exact Rational from a TOML number: greater than ``low`` when it is 0, else at least
    ``low``; at most ``high``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise where.error(key, f"expected a number, got {_show(value)}")
    number = Rational(str(value))
    bounds = ["greater than 0" if low == 0 else f"at least {_decimal(low)}"]
    if high is not None:
        bounds.append(f"at most {_decimal(high)}")
    if (number <= low if low == 0 else number < low) or (high is not None and number > high):
        raise where.error(key, f"expected a number {' and '.join(bounds)}, got {value}")
    return number


def _fields(spec: Mapping[str, tuple[Rational, Rational | None]]) -> Callable[..., dict]:
    """A validator for a table of bounded numbers (``tolerance``, ``efficiency``)."""

    def validate(value: Any, key: str, where: _Where) -> dict[str, Rational]:
        result = {}
        for name, item in _table(value, key, where).items():
            if name not in spec:
                raise where.error(
                    f"{key}.{_key(name)}", f"unknown key; expected one of {', '.join(spec)}"
                )
            result[name] = _number(item, f"{key}.{_key(name)}", where, *spec[name])
        return result

    return validate


TOLERANCE_KEYS = {
    "approximate": (Rational(0), Rational(1, 2)),
    "rounded-integer": (Rational(0), Rational(1, 2)),
}
EFFICIENCY_KEYS = {
    "mfu": (Rational(0), Rational(1)),
    "bandwidth-utilisation": (Rational(0), Rational(1)),
    "slow-factor": (Rational(1), None),
}
ACCELERATOR_NUMBERS = (
    "memory-gb",
    "bandwidth-tbps",
    "bf16-tflops",
    "fp8-tflops",
    "interconnect-gbps",
)


def _accelerators(value: Any, key: str, where: _Where) -> dict[str, dict[str, Any]]:
    result = {}
    for name, spec in _table(value, key, where).items():
        here = f"{key}.{_key(name)}"
        entry: dict[str, Any] = {}
        for field_name, item in _table(spec, here, where).items():
            at = f"{here}.{_key(field_name)}"
            if field_name == "aliases":
                entry[field_name] = list(_strings(item, at, where))
            elif field_name == "source":
                if not isinstance(item, str):
                    raise where.error(at, f"expected a string, got {_show(item)}")
                entry[field_name] = item
            elif field_name in ACCELERATOR_NUMBERS:
                entry[field_name] = _number(item, at, where, Rational(0), None)
            else:
                known = ", ".join(("aliases", *ACCELERATOR_NUMBERS, "source"))
                raise where.error(at, f"unknown key; expected one of {known}")
        result[name] = entry
    return result


def _extend(value: Any, key: str, where: _Where) -> str:
    if not isinstance(value, str):
        raise where.error(key, f"expected a path, got {_show(value)}")
    return value


#: Every key, with its validator (the data the configuration format is checked against).
VALIDATORS: dict[str, Callable[[Any, str, _Where], Any]] = {
    "extend": _extend,
    "select": _selectors,
    "extend-select": _selectors,
    "ignore": _selectors,
    "per-file-ignores": _per_file_ignores,
    "include": _patterns,
    "exclude": _patterns,
    "extend-exclude": _patterns,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "code-languages": _languages,
    "severity": _severity,
    "tolerance": _fields(TOLERANCE_KEYS),
    "efficiency": _fields(EFFICIENCY_KEYS),
    "accelerators": _accelerators,
}

DEFAULTS: dict[str, Any] = {
    "select": (selectors.ALL,),
    "extend-select": (),
    "ignore": (),
    "per-file-ignores": (),
    "include": tuple(Pattern(f"*{suffix}") for suffix in MARKDOWN_SUFFIXES),
    "exclude": tuple(Pattern(name) for name in sorted(EXCLUDED_DIRS)),
    "extend-exclude": (),
    "respect-gitignore": True,
    "force-exclude": False,
    "code-languages": PLAIN_CODE_LANGUAGES,
    "severity": {},
    "tolerance": {
        "approximate": Tolerance().approximate,
        "rounded-integer": Tolerance().rounded_integer,
    },
    "efficiency": {
        "mfu": Efficiency().mfu,
        "bandwidth-utilisation": Efficiency().bandwidth_utilisation,
        "slow-factor": Efficiency().slow_factor,
    },
    "accelerators": {},
}


def validate(table: Mapping[str, Any], where: _Where) -> dict[str, Any]:
    """Check every key of a configuration table; the validated values, by key."""
    options = {}
    for key, value in table.items():
        if key not in VALIDATORS:
            raise where.error(_key(key), "unknown key")
        options[key] = VALIDATORS[key](value, _key(key), where)
    return options


# ---- files ----------------------------------------------------------------------------------


def display(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display(path)}: invalid TOML: {exc}") from None
    except ValueError as exc:
        raise ConfigError(f"{display(path)}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{display(path)}: {exc.strerror or exc}") from None


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
    where = _Where(display(path), prefix, rules, path.parent)
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


def find_config(directory: Path) -> Path | None:
    """The configuration file in ``directory`` (a pyproject.toml only with ``[tool.speclint]``)."""
    for name in CONFIG_NAMES:
        candidate = directory / name
        if candidate.is_file():
            if name == "pyproject.toml" and _speclint_table(candidate) is None:
                continue
            return candidate
    return None


# ---- the effective configuration --------------------------------------------------------------


class Config:
    """The configuration in effect for one directory: its layers, base first, then the command
    line's. Also answers which files are linted (``speclint.files.FileRules``)."""

    def __init__(self, layers: Sequence[Layer], rules: Sequence[Rule], root: Path) -> None:
        self.layers = list(layers)
        self.rules = list(rules)
        self.root = root
        self.enabled = selectors.resolve(
            (self._selection(layer.options) for layer in self.layers), self.rules
        )
        self.severity = selectors.resolve_severity(self.merged("severity"), self.rules)

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

    # Settings, for linting

    def settings_for(self, path: Path) -> Settings:
        """The settings rules see for the file at absolute ``path``."""
        ignored: set[str] = set()
        for entry in self.get("per-file-ignores"):
            if entry.applies(path):
                for selector in entry.selectors:
                    ignored |= selectors.matching(selector, self.rules)
        tolerance = self.merged("tolerance")
        efficiency = self.merged("efficiency")
        return Settings(
            efficiency=Efficiency(
                efficiency["mfu"], efficiency["bandwidth-utilisation"], efficiency["slow-factor"]
            ),
            accelerators=self.merged("accelerators"),
            tolerance=Tolerance(tolerance["approximate"], tolerance["rounded-integer"]),
            code_languages=frozenset(self.get("code-languages")),
            selected=self.enabled - ignored,
            severity=self.severity,
        )


COMMAND_LINE = "command line"


@dataclass
class Resolver:
    """Finds the configuration for each directory (cached), as the command line asks."""

    rules: Sequence[Rule]
    cli: Layer
    config_file: Path | None = None
    isolated: bool = False

    def __post_init__(self) -> None:
        self._by_dir: dict[Path, Config] = {}
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

    def config_in(self, directory: Path) -> Config:
        """The configuration for files directly in ``directory``."""
        directory = Path(os.path.abspath(directory))
        if directory in self._by_dir:
            return self._by_dir[directory]
        if self.isolated or self.config_file is not None:
            config = self._fixed()
        else:
            found = find_config(directory)
            if found is not None:
                config = Config([*self._layers(found), self.cli], self.rules, directory)
            elif directory.parent != directory:
                config = self.config_in(directory.parent)
            else:
                config = Config([self.cli], self.rules, Path.cwd())
        self._by_dir[directory] = config
        return config

    def config_for(self, path: str | Path) -> Config:
        """The configuration for a file (by its location; it need not exist)."""
        return self.config_in(Path(os.path.abspath(path)).parent)

    def settings_for(self, path: str | Path) -> Settings:
        return self.config_for(path).settings_for(Path(os.path.abspath(path)))


def command_line_layer(
    rules: Sequence[Rule],
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
    force_exclude: bool,
) -> Layer:
    """The options given on the command line, validated like a configuration file's."""
    table: dict[str, Any] = {}
    for key, value in (("select", select), ("extend-select", extend_select), ("ignore", ignore)):
        if value:
            table[key] = list(value)
    if force_exclude:
        table["force-exclude"] = True
    names = {"select": "--select", "extend-select": "--extend-select", "ignore": "--ignore"}
    options = {}
    for key, value in table.items():
        try:
            options[key] = VALIDATORS[key](value, key, _Where(COMMAND_LINE, "", rules, None))
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(f"{COMMAND_LINE}: {key}", names[key])) from None
    return Layer(COMMAND_LINE, options)


# ---- display ---------------------------------------------------------------------------------


def _key(name: str) -> str:
    """A TOML key as written: bare when it can be, else quoted."""
    if name and all(c.isalnum() or c in "-_" for c in name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _show(value: Any) -> str:
    """A value in TOML-like notation, for messages and ``--show-settings``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Rational):
        return _decimal(value)
    if isinstance(value, Pattern):
        return _show(value.glob)
    if isinstance(value, FileIgnore):
        glob = ("!" if value.negated else "") + value.pattern.glob
        return f"{_key(glob)} = {_show(list(value.selectors))}"
    if isinstance(value, (frozenset, set)):
        return _show(sorted(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_show(v)}" for k, v in value.items()) + " }"
    return str(value)


def _decimal(value: Rational) -> str:
    """A rational as a decimal when it terminates (``0.85``), else ``p/q``."""
    if value.q == 1:
        return str(value.p)
    q = int(value.q)
    twos = fives = 0
    while q % 2 == 0:
        q //= 2
        twos += 1
    while q % 5 == 0:
        q //= 5
        fives += 1
    if q != 1:
        return f"{value.p}/{value.q}"
    places = max(twos, fives)
    scaled = abs(int(value.p * 10**places // value.q))
    sign = "-" if value < 0 else ""
    return f"{sign}{scaled // 10**places}.{scaled % 10**places:0{places}d}"


def describe(config: Config, path: str) -> str:
    """``--show-settings``: the configuration files, every key's value, and the rules."""
    absolute = Path(os.path.abspath(path))
    settings = config.settings_for(absolute)
    lines = [f"Settings for {path}"]
    sources = config.sources
    lines.append(f"config: {_show(sources[0]) if sources else '(none: defaults)'}")
    if len(sources) > 1:
        lines.append(f"extends: {_show(sources[1:])}")
    cli = [layer for layer in config.layers if layer.source == COMMAND_LINE and layer.options]
    if cli:
        lines.append(f"command line: {_show(dict(cli[0].options))}")
    lines.append("")
    for key in DEFAULTS:
        if key == "per-file-ignores":
            entries = config.get(key)
            lines.append(
                f"{key} = {{ {', '.join(_show(e) for e in entries)} }}"
                if entries
                else f"{key} = {{}}"
            )
        elif key == "extend-exclude":
            lines.append(f"{key} = {_show(config.extend_exclude)}")
        elif key in ("severity", "tolerance", "efficiency", "accelerators"):
            lines.append(f"{key} = {_show(config.merged(key))}")
        else:
            lines.append(f"{key} = {_show(config.get(key))}")
    lines.append("")
    lines.append("rules enabled for this file:")
    for rule in config.rules:
        if settings.selected is None or rule.code in settings.selected:
            severity = settings.severity.get(rule.code, rule.severity)
            lines.append(f"  {rule.code}  {rule.name}  [{rule.category}]  {severity}")
    return "\n".join(lines) + "\n"


__all__ = [
    "CONFIG_NAMES",
    "Config",
    "ConfigError",
    "Layer",
    "Resolver",
    "command_line_layer",
    "describe",
    "find_config",
    "load_chain",
]
