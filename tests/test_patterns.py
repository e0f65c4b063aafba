"""speclint.patterns: module-level patterns compile on first use and behave as compiled ones."""

from __future__ import annotations

import regex

from speclint.patterns import lazy_compile


def test_nothing_is_compiled_until_an_attribute_is_read() -> None:
    pattern = lazy_compile(r"(\d+)\s*GB", regex.I)
    assert "_compiled" not in vars(pattern)
    assert pattern.search("x 80 gb").group(1) == "80"  # type: ignore[union-attr]
    assert "_compiled" in vars(pattern)
    assert "search" in vars(pattern)


def test_it_answers_as_the_compiled_pattern() -> None:
    source, flags = r"(?P<n>\d+)(?:\s*(GB|TB))?", regex.I
    lazy, eager = lazy_compile(source, flags), regex.compile(source, flags)
    text = "80 GB, 2 tb and 7"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub("N", text) == eager.sub("N", text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (source, eager.flags, {"n": 1})
