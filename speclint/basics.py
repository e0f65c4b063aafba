"""Terms of the document model that configuring, caching and reporting use too: a line
something depends on, and the code languages read as prose. Kept out of ``speclint.document``
so that a run that parses nothing (``speclint.prescan.inert``, a result cache hit) does not
import the document model."""

from __future__ import annotations

from dataclasses import dataclass

#: Code-block info strings whose content is prose and is checked like a paragraph.
PLAIN_CODE_LANGUAGES = frozenset({"", "text", "txt", "plain", "plaintext"})


@dataclass(frozen=True)
class Related:
    """A line of the document something depends on, and what it says there: a symbol's
    definition, a sum's part, a stated GPU count. Claims, domain bounds and diagnostics all
    carry their inputs as these."""

    line: int
    message: str

    def __post_init__(self) -> None:
        # A sentence read across a line break is shown on one line, as every message is.
        if any(c in self.message for c in "\n\r\t"):
            object.__setattr__(self, "message", " ".join(self.message.split()))
