"""Claim baselines: ``--write-baseline FILE`` records the current findings, ``--baseline FILE``
reports only the findings it does not record, so a team can adopt speclint on many documents
and stop new wrong numbers first.

A finding's fingerprint is its file, rule, message (the claim's derivation: its text, inputs
and numbers) and its inputs' messages, never a line or column: a claim moved or re-wrapped
keeps its entry, a changed one (other numbers, other inputs) does not.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from speclint.engine.diagnostics import Diagnostic

VERSION = 1


class BaselineError(Exception):
    """A baseline file cannot be read or is not one."""


def fingerprint(diagnostic: Diagnostic) -> str:
    """A stable hash of what a finding says, without its position."""
    parts = [
        Path(diagnostic.path).as_posix(),
        diagnostic.code,
        diagnostic.message,
        *(related.message for related in diagnostic.related),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


def write(path: str, diagnostics: Iterable[Diagnostic]) -> int:
    """Write the baseline of ``diagnostics`` to ``path``; how many entries it has."""
    entries = sorted(
        ({"path": d.path, "code": d.code, "fingerprint": fingerprint(d)} for d in diagnostics),
        key=lambda e: (e["path"], e["code"], e["fingerprint"]),
    )
    document = {"speclint-baseline": VERSION, "findings": entries}
    Path(path).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def read(path: str) -> Counter[str]:
    """The fingerprints a baseline file records (with how often each). Raises
    ``BaselineError``."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("speclint-baseline") != VERSION:
            raise BaselineError(f"{path}: not a speclint baseline (version {VERSION})")
        return Counter(entry["fingerprint"] for entry in document["findings"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(f"{path}: not a readable baseline: {exc}") from None


def new_findings(diagnostics: Iterable[Diagnostic], known: Counter[str]) -> list[Diagnostic]:
    """The diagnostics the baseline does not record (each entry absorbs one finding)."""
    left = Counter(known)
    kept = []
    for diagnostic in diagnostics:
        key = fingerprint(diagnostic)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(diagnostic)
    return kept
