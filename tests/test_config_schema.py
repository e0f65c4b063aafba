"""The shipped JSON Schema of the configuration: generated from the key table, and agreeing
with the validation on valid and invalid tables."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from speclint.app.config.json_schema import SCHEMA_FILE, json_schema, json_schema_text
from speclint.app.config.schema import VALIDATORS, ConfigError, Where, validate
from speclint.engine.registry import all_rules

SHIPPED = files("speclint.data").joinpath(SCHEMA_FILE)


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == json_schema_text(), (
        "regenerate: python -c 'from speclint.app.config.json_schema import json_schema_text; "
        'print(json_schema_text(), end="")\' > speclint/data/config.schema.json'
    )


def test_the_schema_has_exactly_the_validated_keys() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    assert list(schema["properties"]) == list(VALIDATORS)
    assert schema["additionalProperties"] is False


VALID: list[dict[str, Any]] = [
    {},
    {
        "select": ["SPC1", "units"],
        "ignore": ["factor-1000-slip"],
        "per-file-ignores": {"drafts/*.md": ["SPC3"]},
        "extend-exclude": ["vendor/"],
        "severity": {"binary-prefix-slip": "error"},
        "efficiency": {"mfu": 0.55, "slow-factor": 10},
        "tolerance": {"approximate": 0.1},
        "accelerators": {"Acme X1": {"aliases": ["X1"], "memory-gb": 96, "source": "sheet"}},
        "models": {"Tiny": {"params": 1e9, "layers": 4, "kv-heads": 2, "tied": True}},
        "respect-gitignore": False,
        "code-languages": ["text"],
    },
]
INVALID: list[dict[str, Any]] = [
    {"selct": []},
    {"select": "SPC101"},
    {"efficiency": {"mfu": 1.5}},
    {"efficiency": {"slow-factor": 0.5}},
    {"tolerance": {"approximate": 0}},
    {"tolerance": {"exact": 0.1}},
    {"severity": {"SPC101": "fatal"}},
    {"respect-gitignore": "yes"},
    {"accelerators": {"X1": {"hbm": 96}}},
    {"models": {"Tiny": {"layers": 0}}},
    {"models": {"Tiny": {"tied": 1}}},
]


def _validates(table: dict[str, Any]) -> bool:
    try:
        validate(table, Where("t.toml", "", all_rules(), Path("/")))
    except ConfigError:
        return False
    return True


@pytest.mark.parametrize("table", VALID)
def test_valid_tables_pass_both(table: dict[str, Any]) -> None:
    assert _validates(table)
    jsonschema.validate(table, json_schema())


@pytest.mark.parametrize("table", INVALID)
def test_invalid_tables_fail_both(table: dict[str, Any]) -> None:
    assert not _validates(table)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(table, json_schema())
