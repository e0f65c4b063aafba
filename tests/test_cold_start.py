"""A cheap run stays cheap: ``speclint check`` of a document imports only what it uses.

No timing here (the machine's load would make it flaky): each test runs speclint in a fresh
interpreter and asserts which modules were NOT imported by the time it finished.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from importlib.machinery import PathFinder
from pathlib import Path

import pytest

from speclint.engine import registry

#: Run ``speclint.app.cli.main`` on argv[2:], then write the imported modules to argv[1].
RUN = """
import json, sys
from speclint.app.cli import main
code = main(sys.argv[2:])
loaded = sorted(sys.modules)
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "modules": loaded}, out)
"""

#: What a plain ``check`` of a document without findings has no use for: other commands and
#: options (explain, the language server, --watch, --diff-base, --fix, --add-suppression,
#: baselines), the Python API, the formats not chosen, and what only they import; and pluggy
#: (with no installed plugin, the built-in plugins' hooks are called directly).
NOT_FOR_A_PLAIN_CHECK = (
    "speclint.app.api",
    "speclint.app.baseline",
    "speclint.app.explain",
    "speclint.app.fixes",
    "speclint.app.hover",
    "speclint.app.review",
    "speclint.app.roofline",
    "speclint.app.server",
    "speclint.app.suppress",
    "speclint.app.watch",
    "speclint.reporters.concise",
    "speclint.reporters.gitlab",
    "speclint.reporters.json_format",
    "speclint.reporters.junit",
    "speclint.reporters.rdjson",
    "speclint.reporters.sarif",
    "concurrent.futures.process",
    "hashlib",
    "importlib.metadata",
    "jsonschema",
    "matplotlib",
    "multiprocessing",
    "pathspec",
    "pluggy",
    "pygls",
    "rich",
    "tqdm",
    "unidiff",
    "watchfiles",
    "xml.etree",
)


def _modules(tmp_path: Path, *argv: str) -> tuple[int, set[str]]:
    report = tmp_path / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(report), *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    data = json.loads(report.read_text())
    return data["code"], set(data["modules"])


def test_a_plain_check_imports_no_other_command_format_or_option(tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text("# Notes\n\nThe rollout is described in prose.\n")
    code, loaded = _modules(tmp_path, "check", "--no-cache", "notes.md")
    assert code == 0
    assert {"speclint.app.cli", "speclint.reporters.full", "speclint_rules"} <= loaded
    assert sorted(loaded & set(NOT_FOR_A_PLAIN_CHECK)) == []


def test_a_chosen_format_is_the_only_one_imported(tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text("- Weights: 140 GB (70B params × 2 bytes)\n")
    code, loaded = _modules(tmp_path, "check", "--no-cache", "--format", "json", "plan.md")
    assert code == 0
    assert "speclint.reporters.json_format" in loaded
    assert sorted(loaded & set(NOT_FOR_A_PLAIN_CHECK)) == ["speclint.reporters.json_format"]


def test_the_cache_and_a_directory_bring_only_what_they_use(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\nIt needs 8 GPUs.\n")
    code, loaded = _modules(tmp_path, "check", "--cache-dir", str(tmp_path / "c"), "docs")
    assert code == 0
    assert {"hashlib", "speclint.app.cache"} <= loaded
    assert "multiprocessing" not in loaded and "importlib.metadata" not in loaded
    assert "markdown_it" in loaded  # the first run parses the file
    code, loaded = _modules(tmp_path, "check", "--cache-dir", str(tmp_path / "c"), "docs")
    assert code == 0
    assert "markdown_it" not in loaded  # a run served from the cache parses nothing


#: What only linting a document uses: a run that lints nothing (every file served from the
#: cache) loads none of it, and neither does importing the command and the rules.
ONLY_FOR_LINTING = (
    "ahocorasick_rs",
    "concurrent.futures",
    "markdown_it",
    "regex",
    "speclint.claims",
    "speclint.document",
    "speclint.domain",
    "speclint.formula",
    "speclint.judgement",
    "speclint.quantity.precision",
    "speclint_rules._roofline",
    "sympy",
)


def _linting_modules(loaded: set[str]) -> list[str]:
    return sorted(
        m for m in loaded if any(m == p or m.startswith(f"{p}.") for p in ONLY_FOR_LINTING)
    )


def test_a_run_served_from_the_cache_loads_nothing_linting_uses(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.md").write_text("- Weights: 140 GB (70B params × 2 bytes)\n")
    (tmp_path / "docs" / "notes.md").write_text("# Notes\n\nThe rollout is in prose.\n")
    cache_dir = str(tmp_path / "c")
    code, loaded = _modules(tmp_path, "check", "--cache-dir", cache_dir, "docs")
    assert code == 0
    assert {"sympy", "speclint.domain.facts", "speclint_rules._roofline"} <= loaded
    code, loaded = _modules(tmp_path, "check", "--cache-dir", cache_dir, "docs")
    assert code == 0
    assert _linting_modules(loaded) == []


def test_a_document_no_reader_finds_anything_in_loads_nothing_linting_uses(
    tmp_path: Path,
) -> None:
    """``speclint.prescan.inert``: prose and headings of words are answered unparsed."""
    (tmp_path / "notes.md").write_text("# Notes\n\nThe rollout is described in prose.\n")
    code, loaded = _modules(tmp_path, "check", "--no-cache", "notes.md")
    assert code == 0
    assert _linting_modules(loaded) == []
    (tmp_path / "plan.md").write_text("# Notes\n\nThe rollout needs 8 GPUs.\n")
    code, loaded = _modules(tmp_path, "check", "--no-cache", "plan.md")
    assert code == 0
    assert {"markdown_it", "speclint.judgement.analysis", "speclint.domain.facts"} <= loaded
    assert "sympy" not in loaded  # no formula: nothing for it to evaluate


def test_the_command_and_the_rules_load_nothing_linting_uses() -> None:
    code = (
        "import sys, speclint.app.cli, speclint_rules\n"
        "speclint.app.cli.all_rules(); speclint.app.cli.output_formats()\n"
        "print(*sorted(sys.modules), sep='\\n')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    loaded = set(result.stdout.split())
    assert "speclint_rules.memory_mismatch" in loaded
    assert _linting_modules(loaded) == []


def test_the_nesting_limit_is_the_parsers() -> None:
    from speclint.document import MAX_NESTING, markdown_parser

    assert markdown_parser().options.maxNesting == MAX_NESTING


def test_importing_the_package_does_not_import_the_api() -> None:
    code = "import sys, speclint; print('speclint.app.api' in sys.modules, speclint.lint_text)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.startswith("False <function lint_text at ")


def _distribution(root: Path, name: str, entry_points: str) -> None:
    info = root / f"{name}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(entry_points)


@pytest.fixture
def standard_finders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the standard path finder: a distribution finder that another test's imports
    installed (Dask brings ``importlib_metadata``'s) would count as a yes."""
    monkeypatch.setattr(sys, "meta_path", [PathFinder])


@pytest.mark.usefixtures("standard_finders")
@pytest.mark.parametrize(
    ("entry_points", "declares"),
    [
        ("[speclint]\nexample = example_rules\n", True),
        ("[console_scripts]\nx = a:b\n\n  [ speclint ]  \nexample = example_rules\n", True),
        ("[console_scripts]\nspeclint = speclint.app.cli:main\n", False),
        ("[speclint.extra]\nexample = example_rules\n", False),
    ],
)
def test_only_a_speclint_section_sends_discovery_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry_points: str, declares: bool
) -> None:
    _distribution(tmp_path, "example", entry_points)
    (tmp_path / "plain.egg-info").write_text("Metadata-Version: 2.1\n")  # a file, not a dir
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "absent")])
    assert registry._may_declare_entry_points() is declares


@pytest.mark.usefixtures("standard_finders")
def test_what_discovery_cannot_look_into_counts_as_a_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("example-0.1.dist-info/entry_points.txt", "[speclint]\nx = y\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert registry._may_declare_entry_points() is True
    monkeypatch.setattr(sys, "path", [tmp_path])  # not a str: left to importlib.metadata
    assert registry._may_declare_entry_points() is True

    class Finder:
        @staticmethod
        def find_distributions(context: object = None) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [])
    assert registry._may_declare_entry_points() is False
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder()])
    assert registry._may_declare_entry_points() is True
