"""A document with formulas imports sympy's core only (``speclint.formula.sympy_core``); the
rest of sympy is imported, whole and as sympy imports it, the first time anything asks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, REPO

SEED = sorted((FIXTURES / "seed").glob("*.md"))[0]
FORMULA = "# Memory\n\nWeights: 8 × 80 GB = 650 GB.\n\nKV: 2 × 3 / 7 × 1 GB = 0.9 GB.\n"
#: A power: sympy's ``Pow`` would ask ``sympy.polys`` whether a number is negative; the
#: evaluator raises rationals to whole powers itself.
POWER = "# Memory\n\nKV: 2^20 bytes × 3 / 7 = 450,390 bytes.\n"


def _python(code: str, *argv: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.stderr == ""
    return result.stdout


LINT = """
    import json, sys
    if sys.argv[1] == "whole":
        import sympy  # sympy imported as usual before the first formula
    from speclint.app.cli import main
    code = main(["check", "--no-cache", "--isolated", "--format", "json", *sys.argv[2:]])
    sympy = sorted(m for m in sys.modules if m == "sympy" or m.startswith("sympy."))
    print(json.dumps({"code": code, "sympy": sympy}))
"""


def _lint(mode: str, *paths: str) -> tuple[str, int, list[str]]:
    lines = _python(LINT, mode, *paths).splitlines()
    report = json.loads(lines[-1])
    return "\n".join(lines[:-1]), report["code"], report["sympy"]


def test_formulas_are_evaluated_with_the_core_only_and_as_with_the_whole_of_sympy(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "formula.md"
    doc.write_text(FORMULA)
    paths = [str(SEED), str(doc)]
    out, code, loaded = _lint("core", *paths)
    assert "sympy.core.numbers" in loaded
    assert not [m for m in loaded if m.startswith(("sympy.polys", "sympy.printing"))]
    assert len(loaded) < 100  # the whole of sympy is about 700 modules
    whole_out, whole_code, whole = _lint("whole", *paths)
    assert "sympy.polys" in whole
    assert (out, code) == (whole_out, whole_code)
    assert code == 1 and out.count('"SPC101"') == 2


def test_a_power_is_evaluated_with_the_core_only_and_as_with_the_whole_of_sympy(
    tmp_path: Path,
) -> None:
    doc = tmp_path / "power.md"
    doc.write_text(POWER)
    out, code, loaded = _lint("core", str(doc))
    assert not [m for m in loaded if m.startswith(("sympy.polys", "sympy.assumptions"))]
    assert (out, code) == _lint("whole", str(doc))[:2]
    assert code == 1 and '"SPC101"' in out


def test_the_rest_of_sympy_is_imported_whole_when_asked_for() -> None:
    out = _python(
        """
        import sys
        from speclint.formula.sympy_core import core
        numbers = core()
        package = sys.modules["sympy"]
        print(type(package).__name__, "sympy.printing" in sys.modules)
        print(numbers.Rational(3, 6))  # printing a number imports sympy.printing
        import sympy
        print(sympy is package, type(sympy).__name__, sympy.core is numbers)
        print(sys.modules["sympy.printing"] is sympy.printing)
        print(type(sympy.printing.__spec__.loader).__name__)
        from sympy import S, Symbol, sqrt
        print(S.Half + 1, Symbol("x") * 2, sqrt(8), sympy.Rational is numbers.Rational)
        print([f for f in sys.meta_path if "sympy_core" in repr(f)])
        """
    )
    assert out.splitlines() == [
        "_Package False",
        "1/2",
        "True module True",
        "True",
        "SourceFileLoader",
        "3/2 2*x 2*sqrt(2) True",
        "[]",
    ]


def test_an_attribute_of_the_package_imports_the_rest() -> None:
    out = _python(
        """
        import sys
        from speclint.formula.sympy_core import core
        core()
        import sympy
        print(sympy.pi.evalf(5), len([m for m in sys.modules if m.startswith("sympy.")]) > 300)
        """
    )
    assert out.split() == ["3.1416", "True"]


def test_sympy_imported_before_is_used_as_it_is() -> None:
    out = _python(
        """
        import sympy
        from speclint.formula.sympy_core import core
        print(core() is sympy.core, type(sympy).__name__)
        """
    )
    assert out.split() == ["True", "module"]


#: Patterns of many kinds (a verbose one is always verbose), and a text to match them on.
PATTERNS = [
    r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>GB|GiB|MB)\b",
    r"\bper\s+(gpu|node)s?\b",
    r"(?x) (?P<ws>\s+)  # spaces\n | (?P<word>\p{L}[\p{L}\p{N}_-]*)",
    r"(?<=\d)\s*[×x*]\s*(?=\d)",
    r"^(?:#+\s*)?(total|sum)\b.*$",
    r"ﬁ|straße",
    r"(\w+)\s+\1",
]
SAMPLE = "# Total\nWeights: 12.5 GB per GPU, 8 × 80 GiB; the the straße ﬁle, per node 3*4 MB.\n"


def _flagged(regex: Any) -> list[tuple[str, int]]:
    flags = [0, regex.IGNORECASE, regex.MULTILINE, regex.V1 | regex.IGNORECASE | regex.DOTALL]
    return [(pattern, int(extra)) for pattern in PATTERNS for extra in flags]


def test_a_kept_pattern_is_the_pattern_regex_compiles(tmp_path: Path) -> None:
    import regex

    from speclint.patterns import _Store

    path = str(tmp_path / "kept.marshal")
    first = _Store(_Store.open(regex).engine, path)
    for pattern, flags in _flagged(regex):
        _, made = first.capture(regex, pattern, flags)
        assert made is not None, pattern
        first.keep((pattern, flags, int(regex.DEFAULT_VERSION)), made)
    first.write()
    second = _Store(first.engine, path)
    assert len(second.kept) == len(_flagged(regex))
    for (pattern, flags, _), made in second.kept.items():
        kept = second.engine.compile(*made)
        fresh = regex.compile(pattern, flags)
        assert (kept.pattern, kept.flags, kept.groupindex, kept.groups) == (
            fresh.pattern,
            fresh.flags,
            fresh.groupindex,
            fresh.groups,
        )
        found = [(m.span(), m.groups()) for m in kept.finditer(SAMPLE)]
        assert found == [(m.span(), m.groups()) for m in fresh.finditer(SAMPLE)], pattern
        assert kept.sub("-", SAMPLE) == fresh.sub("-", SAMPLE)


def test_a_store_that_cannot_be_read_or_used_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regex

    from speclint import patterns

    path = tmp_path / "kept.marshal"
    path.write_bytes(b"\x00not marshal")
    store = patterns._Store(patterns._Store.open(regex).engine, str(path))
    assert store.kept == {}
    key = (r"a(b+)c", 0, int(regex.DEFAULT_VERSION))
    store.kept[key] = ("a(b+)c", 0)  # not what the engine takes
    monkeypatch.setattr(patterns._Store, "_open", store)
    monkeypatch.setattr("sys.dont_write_bytecode", True)  # no store written at exit
    compiled = patterns.compile_regex(r"a(b+)c")
    assert compiled.search("xabbc").group(1) == "bb"
    assert len(store.kept[key]) == 11 and store.new == {key: store.kept[key]}


KEPT = """
    import sys
    from speclint import patterns
    from speclint.app.cli import main
    engine = patterns._Store.open(__import__("regex")).engine
    patterns._Store._open = store = patterns._Store(engine, sys.argv[1])
    main(["check", "--no-cache", "--isolated", "--jobs", "1", "--format", "json", "fixtures"])
    print(*sorted(repr(key) for key in store.new), sep="\\n")
"""


def test_the_patterns_compiled_are_the_same_in_every_process(tmp_path: Path) -> None:
    """A pattern built from a set in one order here and another there would be kept anew by
    every process (``PYTHONHASHSEED`` varies the order of a set of strings)."""
    found = []
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(KEPT), str(tmp_path / f"{seed}.marshal")],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        keys = [line for line in result.stdout.splitlines() if line.startswith("('")]
        found.append(keys)
    assert len(found[0]) > 100
    assert found[0] == found[1]
