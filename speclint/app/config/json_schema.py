"""The JSON Schema of ``speclint.toml`` and ``[tool.speclint]``, generated from the key table in
``schema`` (one source of truth) and shipped as ``speclint/data/config.schema.json`` for editors
(a test keeps the file equal to ``json_schema()``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from speclint.app.config import schema
from speclint.domain.catalog import COUNT_FACTS, FLAG_FACTS
from speclint.engine.diagnostics import SEVERITIES

#: Where the generated schema is shipped, inside the ``speclint.data`` package.
SCHEMA_FILE = "config.schema.json"

STRINGS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
SELECTORS: dict[str, Any] = {
    **STRINGS,
    "description": "rule codes, code prefixes, rule names or categories",
}
PATTERNS: dict[str, Any] = {**STRINGS, "description": "globs"}


def _number(low: Fraction, high: Fraction | None) -> dict[str, Any]:
    bound: dict[str, Any] = {"type": "number"}
    bound["exclusiveMinimum" if low == 0 else "minimum"] = _plain(low)
    if high is not None:
        bound["maximum"] = _plain(high)
    return bound


def _plain(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _closed(properties: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": dict(properties),
        "additionalProperties": False,
        **extra,
    }


def _fields(spec: Mapping[str, tuple[Fraction, Fraction | None]]) -> dict[str, Any]:
    return _closed({name: _number(*bounds) for name, bounds in spec.items()})


def _named(entry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": entry}


def _accelerator() -> dict[str, Any]:
    numbers = {name: _number(Fraction(0), None) for name in schema.ACCELERATOR_NUMBERS}
    return _closed({"aliases": STRINGS, **numbers, "source": {"type": "string"}})


def _model() -> dict[str, Any]:
    positive = {"type": "integer", "minimum": 1}
    counts = {form: positive for name in COUNT_FACTS for form in (name, name.replace("_", "-"))}
    return _closed(
        {
            "aliases": STRINGS,
            "source": {"type": "string"},
            **{name: _number(Fraction(0), None) for name in schema.MODEL_NUMBERS},
            **dict(sorted(counts.items())),
            **{name: {"type": "boolean"} for name in FLAG_FACTS},
        }
    )


#: Each key's JSON Schema, by its validator in ``schema.VALIDATORS``.
FRAGMENTS: dict[str, Callable[[], dict[str, Any]]] = {
    "extend": lambda: {"type": "string", "description": "a configuration file to extend"},
    "select": lambda: SELECTORS,
    "extend-select": lambda: SELECTORS,
    "ignore": lambda: SELECTORS,
    "per-file-ignores": lambda: _named(SELECTORS),
    "include": lambda: PATTERNS,
    "exclude": lambda: PATTERNS,
    "extend-exclude": lambda: PATTERNS,
    "respect-gitignore": lambda: {"type": "boolean"},
    "force-exclude": lambda: {"type": "boolean"},
    "code-languages": lambda: STRINGS,
    "severity": lambda: _named({"enum": list(SEVERITIES)}),
    "tolerance": lambda: _fields(schema.TOLERANCE_KEYS),
    "efficiency": lambda: _fields(schema.EFFICIENCY_KEYS),
    "accelerators": lambda: _named(_accelerator()),
    "models": lambda: _named(_model()),
}


def json_schema() -> dict[str, Any]:
    """The schema of a configuration table, one property per key of ``schema.VALIDATORS``."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "speclint configuration ([tool.speclint] or speclint.toml)",
        **_closed({key: FRAGMENTS[key]() for key in schema.VALIDATORS}),
    }


def json_schema_text() -> str:
    """``json_schema()`` as the shipped file's text."""
    return json.dumps(json_schema(), indent=2) + "\n"
