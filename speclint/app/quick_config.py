"""Whether the configuration files that apply to some files leave the report of an inert
document as it is without them: ``settled``, for the command's light path
(``speclint.app.quick``), with the standard library only.

The configuration is found as ``speclint.app.config.find_config`` finds it (the closest file
above each file, ``extend`` followed) and read as ``speclint.app.config.load_chain`` reads it.
It is settled when every file is valid as the full command validates it (the rules' codes,
names and categories are ``speclint/data/rule_index.toml``'s) and nothing in it can make a
finding appear in a document no reader finds anything in. Selections, severities, tolerances,
efficiencies and code languages only judge what readers find; ``include`` and
``respect-gitignore`` only choose the files of a directory walk, not files named on the
command line; ``force-exclude`` may leave a named file out, and the report of no file is the
report of an inert one. Declined: custom ``accelerators`` or ``models`` (a name in prose could
bring facts), an ``exclude``, ``extend-exclude`` or ``per-file-ignores`` glob outside
``SAFE_GLOB`` (``pathspec`` rejects some when a file is matched), and anything that cannot be
read, is unknown or is invalid (the full command says what is wrong).
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Iterable

TYPE_CHECKING = False
if TYPE_CHECKING:  # ``typing`` costs more to import than the rest of the light path
    from typing import Any

#: The configuration files (``speclint.app.config.CONFIG_NAMES``, in their order).
CONFIG_NAMES = (".speclint.toml", "speclint.toml", "pyproject.toml")
#: What ``speclint.app.config.toml_file.read_toml`` refuses to read.
MAX_CONFIG_BYTES = 1_000_000
SPECIAL_ROOTS = ("/proc", "/sys", "/dev")
#: The rules' codes by name, the categories and severities.
INDEX = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "rule_index.toml")
#: Longer ``extend`` chains are left to the full command.
MAX_CHAIN = 16
#: The ``exclude`` and ``per-file-ignores`` globs answered here (the latter after a leading
#: ``!``): none of these characters is special to ``pathspec`` but ``*``, ``/`` and ``.``.
SAFE_GLOB = r"[A-Za-z0-9_*./-]*[A-Za-z0-9_*.-][A-Za-z0-9_*./-]*"
#: A code prefix selector (``speclint.engine.selectors``).
CODE_PREFIX = r"[A-Z]+[0-9]*"
#: ``tolerance`` and ``efficiency`` fields: (lowest, whether it is excluded, highest).
BOUNDS: dict[str, dict[str, tuple[float, bool, float | None]]] = {
    "tolerance": {"approximate": (0, True, 0.5), "rounded-integer": (0, True, 0.5)},
    "efficiency": {
        "mfu": (0, True, 1),
        "bandwidth-utilisation": (0, True, 1),
        "slow-factor": (1, False, None),
        "prefill-mfu": (0, True, 1),
    },
}


class Unsettled(Exception):
    """The configuration may change the report, or the full command would refuse it."""


def settled(paths: Iterable[str]) -> bool:
    """Whether the configuration of every one of ``paths`` (files) leaves an inert document's
    report as it is with no configuration file."""
    index: dict[str, Any] = {}
    checked: set[str] = set()
    try:
        for path in paths:
            found = _closest(os.path.dirname(os.path.abspath(path)))
            if found is not None and found[0] not in checked:
                checked.add(found[0])
                _check_chain(*found, index)
    except (Unsettled, OSError, ValueError, RecursionError):
        return False
    return True


def _closest(directory: str) -> tuple[str, dict[str, Any]] | None:
    """The configuration file that applies in ``directory`` and its speclint table."""
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(directory, name)
            if os.path.isfile(candidate):
                table = _speclint_table(candidate)
                if table is not None:
                    return candidate, table
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _speclint_table(path: str) -> dict[str, Any] | None:
    """A configuration file's speclint table (``None``: a pyproject.toml without one)."""
    data = _read_toml(path)
    if os.path.basename(path) != "pyproject.toml":
        return data
    tool = data.get("tool")
    table = tool.get("speclint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise Unsettled(path)
    return table


def _read_toml(path: str) -> dict[str, Any]:
    """A TOML file read as ``read_toml`` reads it; ``Unsettled`` where it raises."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    real = os.path.realpath(path)
    if not os.path.isfile(real) or any(
        real == root or real.startswith(root + "/") for root in SPECIAL_ROOTS
    ):
        raise Unsettled(path)
    with open(real, "rb") as handle:
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise Unsettled(path)
    try:
        return tomllib.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # TOMLDecodeError and UnicodeDecodeError too
        raise Unsettled(path) from None


def _check_chain(path: str, table: dict[str, Any], index: dict[str, Any]) -> None:
    """Check a configuration file and every file it extends (``load_chain``)."""
    chain = [path]
    while True:
        _check(table, index)
        extend = table.get("extend")
        if extend is None:
            return
        target = os.path.abspath(os.path.join(os.path.dirname(path), os.path.expanduser(extend)))
        if target in chain or len(chain) >= MAX_CHAIN or not os.path.isfile(target):
            raise Unsettled(target)
        chain.append(target)
        path = target
        table = _speclint_table(path) or {}


def _check(table: dict[str, Any], index: dict[str, Any]) -> None:
    """Check one file's table: every key known, every value valid and harmless."""
    for key, value in table.items():
        check = CHECKS.get(key)
        if check is None:
            raise Unsettled(key)
        check(value, index)


def _strings(value: Any, index: dict[str, Any]) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Unsettled(value)


def _selectors(value: Any, index: dict[str, Any]) -> None:
    """A list of selectors each naming something (``speclint.engine.selectors.matching``)."""
    _strings(value, index)
    for selector in value:
        _selector(selector, index)


def _selector(selector: str, index: dict[str, Any]) -> None:
    if not index:
        index.update(_rule_index())
    rules: dict[str, str] = index["rules"]
    if selector == "ALL" or selector in rules.values() or selector in index["categories"]:
        return
    if re.fullmatch(CODE_PREFIX, selector) and any(code.startswith(selector) for code in rules):
        return
    raise Unsettled(selector)


def _rule_index() -> dict[str, Any]:
    """``rule_index.toml``: the built-in rules (a plugin's are never answered here)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    with open(INDEX, "rb") as handle:
        data = tomllib.load(handle)
    categories = {*data["categories"], *(entry["category"] for entry in data["rules"].values())}
    rules = {code: entry["name"] for code, entry in data["rules"].items()}
    return {"rules": rules, "categories": categories, "severities": set(data["severities"])}


def _bool(value: Any, index: dict[str, Any]) -> None:
    if not isinstance(value, bool):
        raise Unsettled(value)


def _string(value: Any, index: dict[str, Any]) -> None:
    if not isinstance(value, str):
        raise Unsettled(value)


def _globs(value: Any, index: dict[str, Any]) -> None:
    _strings(value, index)
    if not all(re.fullmatch(SAFE_GLOB, glob) for glob in value):
        raise Unsettled(value)


def _empty_table(value: Any, index: dict[str, Any]) -> None:
    if value != {}:
        raise Unsettled(value)


def _per_file_ignores(value: Any, index: dict[str, Any]) -> None:
    if not isinstance(value, dict):
        raise Unsettled(value)
    for glob, selectors in value.items():
        if not re.fullmatch(SAFE_GLOB, glob.removeprefix("!")):
            raise Unsettled(glob)
        _selectors(selectors, index)


def _severity(value: Any, index: dict[str, Any]) -> None:
    if not isinstance(value, dict):
        raise Unsettled(value)
    for selector, severity in value.items():
        _selector(selector, index)
        if not isinstance(severity, str) or severity not in index["severities"]:
            raise Unsettled(severity)


def _bounded(key: str) -> Callable[[Any, dict[str, Any]], None]:
    """A table of bounded numbers (``speclint.app.config.schema._number``): comparing the
    float is comparing the exact decimal the full command reads, the bounds being exact."""

    def check(value: Any, index: dict[str, Any]) -> None:
        if not isinstance(value, dict):
            raise Unsettled(value)
        for name, number in value.items():
            if name not in BOUNDS[key] or not _within(number, *BOUNDS[key][name]):
                raise Unsettled(name)

    return check


def _within(number: Any, low: float, open_low: bool, high: float | None) -> bool:
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return False
    if isinstance(number, float) and not math.isfinite(number):
        return False
    above = number > low if open_low else number >= low
    return above and (high is None or number <= high)


#: Every key of ``speclint.app.config.schema.VALIDATORS``, with its check.
CHECKS: dict[str, Callable[[Any, dict[str, Any]], None]] = {
    "extend": _string,
    "select": _selectors,
    "extend-select": _selectors,
    "ignore": _selectors,
    "per-file-ignores": _per_file_ignores,
    "include": _strings,
    "exclude": _globs,
    "extend-exclude": _globs,
    "respect-gitignore": _bool,
    "force-exclude": _bool,
    "code-languages": _strings,
    "severity": _severity,
    "tolerance": _bounded("tolerance"),
    "efficiency": _bounded("efficiency"),
    "accelerators": _empty_table,
    "models": _empty_table,
}
