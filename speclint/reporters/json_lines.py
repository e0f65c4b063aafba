"""``--output-format json-lines``: one JSON object per line, the same objects as ``json``.

U+0085, U+2028 and U+2029 are escaped so that readers splitting on every Unicode line break
(Python's ``str.splitlines``) still see one object per line."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule

#: Line breaks that ``json.dumps(ensure_ascii=False)`` leaves raw inside strings.
RAW_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    for diag in diagnostics:
        line = json.dumps(diag.to_dict(), ensure_ascii=False)
        out.write(line.translate(RAW_LINE_BREAKS) + "\n")
