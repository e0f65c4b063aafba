"""The configuration keys, their types and validation: a TOML table in, validated values out.

``VALIDATORS`` lists every key with the function that checks it, ``DEFAULTS`` every key's value
when no layer sets it. Unknown keys and bad values raise ``ConfigError`` naming the file and key.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from speclint.app.files import EXCLUDED_DIRS, MARKDOWN_SUFFIXES, glob_matches
from speclint.basics import PLAIN_CODE_LANGUAGES
from speclint.engine import selectors
from speclint.engine.diagnostics import SEVERITIES
from speclint.engine.rule import Rule
from speclint.quantity.tolerance import Tolerance
from speclint.settings import Efficiency

#: The source name of the command-line layer.
COMMAND_LINE = "command line"


class ConfigError(Exception):
    """A configuration file or option is invalid: ``<file>: <key>: <what is wrong>``."""


@dataclass(frozen=True)
class Pattern:
    """A glob from a configuration file, with gitignore semantics (``pathspec``): without a
    ``/`` (other than a trailing one) it matches a file or directory name anywhere; with one it
    matches the path relative to the configuration file's directory; ``**`` spans directories,
    ``*`` does not, and a trailing ``/`` matches directories (and what is below them)."""

    glob: str
    root: Path | None = None

    def matches(self, path: Path, *, ignore_case: bool = False) -> bool:
        glob = self.glob[2:] if self.glob.startswith("./") else self.glob
        if self.root is not None and path.is_relative_to(self.root) and path != self.root:
            target = path.relative_to(self.root).as_posix()
        elif "/" in glob.rstrip("/"):
            return False
        else:
            target = path.name
        if ignore_case:
            glob, target = glob.lower(), target.lower()
        return glob_matches(glob, target, path.is_dir())

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


class Where:
    """Names the file and key in error messages (``tool.speclint.`` prefixes pyproject keys)."""

    def __init__(self, source: str, prefix: str, rules: Sequence[Rule], root: Path | None):
        self.source, self.prefix, self.rules, self.root = source, prefix, rules, root

    def error(self, key: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {self.prefix}{key}: {message}")


def unknown_key(name: str, known: Sequence[str], listed: bool = True) -> str:
    """``unknown key``, the closest known key (``did you mean …``) and, if ``listed``, all."""
    import difflib  # only an invalid configuration needs it

    message = "unknown key"
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    return message + (f"; expected one of {', '.join(known)}" if listed else "")


# ---- validators -----------------------------------------------------------------------------


def _strings(value: Any, key: str, where: Where) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise where.error(key, f"expected a list of strings, got {toml_value(value)}")
    return tuple(value)


def _selectors(value: Any, key: str, where: Where) -> tuple[str, ...]:
    items = _strings(value, key, where)
    for item in items:
        try:
            selectors.matching(item, where.rules)
        except ValueError as exc:
            raise where.error(key, str(exc)) from None
    return items


def _patterns(value: Any, key: str, where: Where) -> tuple[Pattern, ...]:
    return tuple(Pattern(glob, where.root) for glob in _strings(value, key, where))


def _bool(value: Any, key: str, where: Where) -> bool:
    if not isinstance(value, bool):
        raise where.error(key, f"expected true or false, got {toml_value(value)}")
    return value


def _languages(value: Any, key: str, where: Where) -> frozenset[str]:
    return frozenset(language.strip().lower() for language in _strings(value, key, where))


def _table(value: Any, key: str, where: Where) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise where.error(key, f"expected a table, got {toml_value(value)}")
    return value


def _per_file_ignores(value: Any, key: str, where: Where) -> tuple[FileIgnore, ...]:
    entries = []
    for glob, codes in _table(value, key, where).items():
        negated = glob.startswith("!")
        pattern = Pattern(glob[1:] if negated else glob, where.root)
        entries.append(
            FileIgnore(pattern, negated, _selectors(codes, f"{key}.{toml_key(glob)}", where))
        )
    return tuple(entries)


def _severity(value: Any, key: str, where: Where) -> dict[str, str]:
    result = {}
    for selector, severity in _table(value, key, where).items():
        _selectors([selector], f"{key}.{toml_key(selector)}", where)
        if severity not in SEVERITIES:
            raise where.error(
                f"{key}.{toml_key(selector)}",
                f"expected one of {', '.join(map(repr, SEVERITIES))}, got {toml_value(severity)}",
            )
        result[selector] = severity
    return result


def _number(value: Any, key: str, where: Where, low: Fraction, high: Fraction | None) -> Fraction:
    """An exact number from a TOML number: greater than ``low`` when it is 0, else at least
    ``low``; at most ``high``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise where.error(key, f"expected a number, got {toml_value(value)}")
    number = Fraction(str(value))
    bounds = ["greater than 0" if low == 0 else f"at least {decimal_text(low)}"]
    if high is not None:
        bounds.append(f"at most {decimal_text(high)}")
    if (number <= low if low == 0 else number < low) or (high is not None and number > high):
        raise where.error(key, f"expected a number {' and '.join(bounds)}, got {value}")
    return number


def _fields(spec: Mapping[str, tuple[Fraction, Fraction | None]]) -> Callable[..., dict]:
    """A validator for a table of bounded numbers (``tolerance``, ``efficiency``)."""

    def validate(value: Any, key: str, where: Where) -> dict[str, Fraction]:
        result = {}
        for name, item in _table(value, key, where).items():
            if name not in spec:
                raise where.error(f"{key}.{toml_key(name)}", unknown_key(name, list(spec)))
            result[name] = _number(item, f"{key}.{toml_key(name)}", where, *spec[name])
        return result

    return validate


TOLERANCE_KEYS = {
    "approximate": (Fraction(0), Fraction(1, 2)),
    "rounded-integer": (Fraction(0), Fraction(1, 2)),
}
EFFICIENCY_KEYS = {
    "mfu": (Fraction(0), Fraction(1)),
    "bandwidth-utilisation": (Fraction(0), Fraction(1)),
    "slow-factor": (Fraction(1), None),
    "prefill-mfu": (Fraction(0), Fraction(1)),
}
ACCELERATOR_NUMBERS = (
    "memory-gb",
    "bandwidth-tbps",
    "bf16-tflops",
    "fp8-tflops",
    "interconnect-gbps",
)


def _catalog(
    value: Any, key: str, where: Where, read_field: Callable[[str, Any, str], tuple[str, Any]]
) -> dict[str, dict[str, Any]]:
    """A table of named catalog entries (accelerators, models): each entry's ``aliases`` and
    ``source`` are read here, every other field by ``read_field(name, value, at)``, which
    returns the key to store it under and its value, or raises ``where.error``."""
    result = {}
    for name, spec in _table(value, key, where).items():
        here = f"{key}.{toml_key(name)}"
        entry: dict[str, Any] = {}
        for field_name, item in _table(spec, here, where).items():
            at = f"{here}.{toml_key(field_name)}"
            if field_name == "aliases":
                entry[field_name] = list(_strings(item, at, where))
            elif field_name == "source":
                if not isinstance(item, str):
                    raise where.error(at, f"expected a string, got {toml_value(item)}")
                entry[field_name] = item
            else:
                stored, read = read_field(field_name, item, at)
                entry[stored] = read
        result[name] = entry
    return result


def _accelerators(value: Any, key: str, where: Where) -> dict[str, dict[str, Any]]:
    def read_field(field_name: str, item: Any, at: str) -> tuple[str, Any]:
        if field_name in ACCELERATOR_NUMBERS:
            return field_name, _number(item, at, where, Fraction(0), None)
        known = ("aliases", *ACCELERATOR_NUMBERS, "source")
        raise where.error(at, unknown_key(field_name, known))

    return _catalog(value, key, where, read_field)


#: Model keys besides the architecture facts (``layers``, ``kv-heads``… and ``tied``, ``gated``).
MODEL_NUMBERS = ("params", "active-params")


def _models(value: Any, key: str, where: Where) -> dict[str, dict[str, Any]]:
    from speclint.domain.catalog import COUNT_FACTS, FLAG_FACTS  # only for a [models] table

    counts = {name.replace("_", "-") for name in COUNT_FACTS}
    flags = set(FLAG_FACTS)

    def read_field(field_name: str, item: Any, at: str) -> tuple[str, Any]:
        if field_name in flags:
            return field_name, _bool(item, at, where)
        if field_name in MODEL_NUMBERS:
            return field_name, _number(item, at, where, Fraction(0), None)
        if field_name.replace("_", "-") in counts:
            if isinstance(item, bool) or not isinstance(item, int) or item <= 0:
                raise where.error(at, f"expected a positive integer, got {toml_value(item)}")
            return field_name.replace("_", "-"), item
        known = ("aliases", "source", *MODEL_NUMBERS, *sorted(counts), *flags)
        raise where.error(at, unknown_key(field_name, known))

    return _catalog(value, key, where, read_field)


def _extend(value: Any, key: str, where: Where) -> str:
    if not isinstance(value, str):
        raise where.error(key, f"expected a path, got {toml_value(value)}")
    return value


#: Every key, with its validator (the data the configuration format is checked against).
VALIDATORS: dict[str, Callable[[Any, str, Where], Any]] = {
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
    "models": _models,
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
        "prefill-mfu": Efficiency().prefill_mfu,
    },
    "accelerators": {},
    "models": {},
}


def validate(table: Mapping[str, Any], where: Where) -> dict[str, Any]:
    """Check every key of a configuration table; the validated values, by key."""
    options = {}
    for key, value in table.items():
        if key not in VALIDATORS:
            raise where.error(toml_key(key), unknown_key(key, list(VALIDATORS), listed=False))
        options[key] = VALIDATORS[key](value, toml_key(key), where)
    return options


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
            options[key] = VALIDATORS[key](value, key, Where(COMMAND_LINE, "", rules, None))
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(f"{COMMAND_LINE}: {key}", names[key])) from None
    return Layer(COMMAND_LINE, options)


# ---- TOML notation, for messages and ``--show-settings`` --------------------------------------


def toml_key(name: str) -> str:
    """A TOML key as written: bare when it can be, else quoted."""
    if name and all(c.isalnum() or c in "-_" for c in name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_value(value: Any) -> str:
    """A value in TOML-like notation."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, Fraction):
        return decimal_text(value)
    if isinstance(value, Pattern):
        return toml_value(value.glob)
    if isinstance(value, FileIgnore):
        glob = ("!" if value.negated else "") + value.pattern.glob
        return f"{toml_key(glob)} = {toml_value(list(value.selectors))}"
    if isinstance(value, (frozenset, set)):
        return toml_value(sorted(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + " }"
    return str(value)


def decimal_text(value: Fraction) -> str:
    """A rational as a decimal when it terminates (``0.85``), else ``p/q``."""
    if value.denominator == 1:
        return str(value.numerator)
    q = int(value.denominator)
    twos = fives = 0
    while q % 2 == 0:
        q //= 2
        twos += 1
    while q % 5 == 0:
        q //= 5
        fives += 1
    if q != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = abs(int(value.numerator * 10**places // value.denominator))
    sign = "-" if value < 0 else ""
    return f"{sign}{scaled // 10**places}.{scaled % 10**places:0{places}d}"
