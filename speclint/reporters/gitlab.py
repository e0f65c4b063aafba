"""``--output-format gitlab``: a GitLab Code Quality report (a JSON array of issues).

Paths are relative to ``$CI_PROJECT_DIR`` (the working directory outside GitLab CI).
Fingerprints hash the rule, the path and the finding's line text, so they survive lines being
inserted above (see ``fingerprints``). GitLab does not show ``check_name``, so the description
starts with the code.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import Rule
from speclint.reporters.fingerprints import line_hashes
from speclint.reporters.locations import SourceLines, report_path

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
PROJECT_DIR_ENV = "CI_PROJECT_DIR"


def report(
    diagnostics: list[Diagnostic], sources: Mapping[str, str], out: TextIO, rules: Sequence[Rule]
) -> None:
    path_of = partial(report_path, base=os.environ.get(PROJECT_DIR_ENV) or None)
    hashes = line_hashes(diagnostics, SourceLines(sources), path_of)
    issues = []
    for diag, (digest, repeat) in zip(diagnostics, hashes, strict=True):
        fingerprint = hashlib.sha256(f"{digest}:{repeat}".encode()).hexdigest()[:32]
        issues.append(
            {
                "description": f"{diag.code}: {diag.message}",
                "check_name": diag.code,
                "fingerprint": fingerprint,
                "severity": SEVERITIES.get(diag.severity, "minor"),
                "location": {
                    "path": path_of(diag.path),
                    "positions": {
                        "begin": {"line": diag.line, "column": diag.column},
                        "end": {"line": diag.end_line, "column": diag.end_column},
                    },
                },
            }
        )
    json.dump(issues, out, indent=2, ensure_ascii=False)
    out.write("\n")
