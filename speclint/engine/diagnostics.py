"""Diagnostics and fixes: what a rule reports, independent of any output format."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from speclint.document import Related

__all__ = ["CATEGORIES", "SEVERITIES", "Diagnostic", "Fix", "Related"]

SEVERITIES = ("error", "warning", "info")
CATEGORIES = (
    "arithmetic",
    "units",
    "consistency",
    "memory",
    "parameters",
    "bandwidth",
    "latency",
    "suppression",
)


@dataclass(frozen=True)
class Fix:
    """Replace the text in [start, end) with ``replacement``. Lines and columns are 1-based,
    columns count characters, and the end is exclusive."""

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int
    applicability: str  # "safe" or "unsafe"


@dataclass(frozen=True)
class Diagnostic:
    """One finding at an exact span of one file."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    category: str
    severity: str
    message: str
    fix: Fix | None = None
    #: The inputs the finding used, with their lines (for related locations and PR review).
    related: tuple[Related, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object documented in the README (``--format json``)."""
        return asdict(self)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)
