"""Fingerprints that identify a finding across runs, for SARIF and GitLab.

A fingerprint hashes the rule code, the reported path and the text of the finding's line with
whitespace removed, plus a counter for repeats of that hash in the file. Line numbers are left
out, so a finding keeps its fingerprint when lines are inserted or removed above it; messages
are left out too, because they quote the line numbers of the inputs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence

from speclint.engine.diagnostics import Diagnostic
from speclint.reporters.locations import SourceLines


def line_hashes(
    diagnostics: Sequence[Diagnostic], lines: SourceLines, path_of: Callable[[str], str]
) -> list[tuple[str, int]]:
    """(hex SHA-256, 1-based repeat count) for each diagnostic, in order."""
    seen: Counter[str] = Counter()
    hashes = []
    for diag in diagnostics:
        text = "".join(lines.line(diag.path, diag.line).split())
        key = "\0".join((diag.code, path_of(diag.path), text))
        digest = hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()
        seen[digest] += 1
        hashes.append((digest, seen[digest]))
    return hashes
