"""The package's own text: a ``\\b`` typed into a string that is not raw becomes a backspace,
and a pattern holding one never matches; no source or data file may hold such a character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    path
    for folder in ("speclint", "rules")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in (".py", ".toml", ".json")
)
#: C0 control characters but tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def test_the_package_has_source_files() -> None:
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_control_character_in_source(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [
        f"line {text.count(chr(10), 0, m.start()) + 1}: {m.group()!r}"
        for m in CONTROL.finditer(text)
    ]
    assert found == []
