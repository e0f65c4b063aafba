"""Diagnostics and fixes: what a rule reports, independent of any output format."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal, get_args

from speclint.basics import Related
from speclint.settings import SEVERITIES, Severity

__all__ = [
    "CATEGORIES",
    "SEVERITIES",
    "Applicability",
    "Category",
    "Diagnostic",
    "Fix",
    "Related",
    "Severity",
]

#: The built-in rules' categories; a plugin rule may bring its own.
Category = Literal[
    "arithmetic",
    "units",
    "consistency",
    "memory",
    "parameters",
    "bandwidth",
    "latency",
    "suppression",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
#: Whether a fix can be applied without review (``--fix``) or only on request (``--unsafe-fixes``).
Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True)
class Fix:
    """Replace the text in [start, end) with ``replacement``. Lines and columns are 1-based,
    columns count characters, and the end is exclusive."""

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int
    applicability: Applicability


@dataclass(frozen=True)
class Problem:
    """A suppression comment to report (SPC002): its span and what is wrong."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    #: The span that removing the comment deletes (line, column, end line, end column), when
    #: the whole comment is an unused suppression; ``None`` otherwise.
    removal: tuple[int, int, int, int] | None = None


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
    category: str  # a Category, or a plugin rule's own
    severity: Severity
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
