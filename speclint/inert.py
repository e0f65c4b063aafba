"""Whether a Markdown source can hold anything at all for a reader: ``inert``.

Standard library only, and nothing but ``re`` at import (``unicodedata`` only for a source
that is not ASCII): the command's light path (``speclint.app.quick``) asks it before
anything else is imported, ``speclint.prescan`` re-exports it for the engine.
"""

from __future__ import annotations

import re

#: The longest source ``inert`` answers for: shorter than any reader's length cap (a block
#: past ``speclint.claims.model.MAX_SEGMENT_CHARS`` is reported unchecked).
INERT_MAX_CHARS = 20_000
#: What any reader may start from: a digit; a table, label or config separator (``|``, ``:``,
#: ``=``: the facts without a digit, ``Tied embeddings: no``, ``tie_word_embeddings: true``);
#: math and LaTeX; a relation (``equals`` too: a chain of relations between names is reported
#: unchecked) or an HTML comment (``<``); ``>`` after a line's first text (``>`` before it
#: opens a block quote).
_NOT_INERT = re.compile(
    r"[0-9|:=$\\~<≈≃≅∼≤≥≲≳]|equals|^[ \t>]*[^ \t>\n][^\n]*>",
    re.IGNORECASE | re.MULTILINE,
)
#: Numbers (a digit newer than this Python's Unicode database is unassigned here).
_NUMERIC_OR_UNASSIGNED = frozenset({"Nd", "Nl", "No", "Cn"})


def inert(source: str) -> bool:
    """Whether no reader can find anything in ``source``, whatever the rules and settings:
    no digit (nor any other numeric or unassigned character), none of ``_NOT_INERT``, at most
    ``INERT_MAX_CHARS`` characters. Such a document's blocks are prose and headings of words,
    and the facts read from it are weak (no label, key or table states them): a lint finds no
    claim and reports nothing, so it can be answered without parsing."""
    if len(source) > INERT_MAX_CHARS or _NOT_INERT.search(source) is not None:
        return False
    if source.isascii():
        return True
    import unicodedata  # a source that is not ASCII only

    return not any(unicodedata.category(c) in _NUMERIC_OR_UNASSIGNED for c in set(source))
