"""speclint.patterns: module-level patterns compile on first use and behave as compiled ones."""

from __future__ import annotations

import re

import regex

from speclint.patterns import lazy_compile, lazy_re


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


def test_lazy_re_compiles_with_re_on_first_use() -> None:
    source, flags = r"<!--\s*(\w+)(.*?)-->", re.DOTALL
    lazy, eager = lazy_re(source, flags), re.compile(source, flags)
    assert "_compiled" not in vars(lazy)
    text = "a <!-- x\ny --> b"
    assert lazy.search(text).groups() == eager.search(text).groups()  # type: ignore[union-attr]
    assert type(vars(lazy)["_compiled"]) is re.Pattern
    assert (lazy.pattern, lazy.flags) == (source, eager.flags)
    assert repr(lazy) == f"lazy_re({source!r}, {int(flags)})"
