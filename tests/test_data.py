"""The data files of ``speclint/data``: each is read from there, and no module repeats them."""

from __future__ import annotations

import ast
import json
from fractions import Fraction
from pathlib import Path

from speclint.data import load
from speclint.domain import statements
from speclint.domain.facts import DTYPE_ALIASES, DTYPE_BYTES, PARALLEL_DEGREES
from speclint.domain.hardware import catalog

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "speclint" / "data"


def test_every_toml_file_is_read_by_name() -> None:
    names = sorted(p.name for p in DATA.glob("*.toml"))
    assert names == [
        "accelerators.toml",
        "dtypes.toml",
        "facts.toml",
        "models.toml",
        "physics.toml",
        "rule_index.toml",
        "statements.toml",
        "thresholds.toml",
        "units.toml",
    ]
    strings = {
        node.value
        for path in (REPO / "speclint").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert [name for name in names if name not in strings] == []


def test_catalog_is_package_data_not_a_rule_file() -> None:
    assert not list((REPO / "rules").glob("*.toml"))
    assert catalog() == load("accelerators.toml")
    assert catalog()["NVIDIA H100 SXM"]["memory-gb"] == 80


def test_dtype_bytes_and_aliases_come_from_dtypes_toml() -> None:
    assert DTYPE_BYTES["fp32"] == DTYPE_BYTES["float32"] == Fraction(4)
    assert DTYPE_BYTES["half"] == Fraction(2)
    assert DTYPE_BYTES["int4"] == DTYPE_BYTES["awq"] == Fraction(1, 2)
    assert DTYPE_ALIASES == {
        "float32": "fp32",
        "bfloat16": "bf16",
        "float16": "fp16",
        "half": "fp16",
        "8-bit": "int8",
        "4-bit": "int4",
    }
    assert len(DTYPE_BYTES) == len(load("dtypes.toml")) + len(DTYPE_ALIASES)


def test_parallel_degrees_are_marked_in_facts_toml() -> None:
    assert PARALLEL_DEGREES == ("tp", "pp", "ep", "dp", "cp")


def test_statement_words_come_from_statements_toml() -> None:
    parts = [part for part, _ in statements.MEMORY_PARTS]
    assert parts == list(load("statements.toml")["memory-parts"])
    assert parts[0] == "kv-cache" and parts[-1] == "total"
    assert statements.PARAM_LABEL.match("Total Parameters").group(1) == "Total"
    assert statements.PARAM_LABEL.match("Parameter count (active)").group(2) == "active"
    assert statements.TTFT.search("Time to first token") is not None
    assert statements.NOT_A_CLAIM.search("TTFT target") is not None
    assert statements.KV_LINE.search("KV cache per token") is not None


def test_no_module_repeats_the_dtype_or_degree_names() -> None:
    """A tuple or dict of these names in Python would be a second copy of the data."""
    repeated = []
    for path in sorted((REPO / "speclint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                items = node.elts
            elif isinstance(node, ast.Dict):
                items = [k for k in node.keys if k is not None]
            else:
                continue
            values = {e.value for e in items if isinstance(e, ast.Constant)}
            if (
                len(values & {"tp", "pp", "ep", "dp", "cp"}) >= 3
                or len(values & set(DTYPE_BYTES)) >= 3
            ):
                repeated.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert repeated == []


def test_a_parsed_file_is_read_back_from_its_copy_without_tomllib() -> None:
    """The second process reads the marshal copy the first wrote: same data, no TOML parse."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = (
        "import sys, json; from speclint.data import load; data = load('models.toml'); "
        "print('tomllib' in sys.modules, json.dumps(data, sort_keys=True))"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    (_, first), (parsed, second) = (run.stdout.split(" ", 1) for run in runs)
    assert parsed == "False" and first == second
    assert json.loads(second) == load("models.toml")


def test_a_stale_or_broken_copy_is_not_trusted(tmp_path: Path) -> None:
    import marshal

    from speclint import data

    copy = str(tmp_path / "units.toml.marshal")
    data._write_copy(copy, [[10, 20], {"a": 1}])
    assert data._read_copy(copy, [10, 20]) == {"a": 1}
    assert data._read_copy(copy, [10, 21]) is None  # the TOML file changed since
    for broken in (b"", b"\x00garbage", marshal.dumps([[10, 20], [1]]), marshal.dumps(3)):
        Path(copy).write_bytes(broken)
        assert data._read_copy(copy, [10, 20]) is None
    data._write_copy(copy, [[10, 20], {"a": 1}])
    data._write_copy(copy, [[10, 20], {"when": __import__("datetime").date(2024, 1, 1)}])
    assert data._read_copy(copy, [10, 20]) == {"a": 1}  # marshal cannot hold a date: not written
