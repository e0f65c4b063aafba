"""The public Python API: ``speclint.lint_text``, ``lint_paths`` and ``apply_fixes``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

import speclint
from speclint import ConfigError, Diagnostic, Fix, apply_fixes, lint_paths, lint_text

PLAN = "# Plan\n\n- Weights: 2 × 3.5 GB = 7.2 GB\n- Total: 3 GB + 4 GB = 8 GB\n"
WEIGHTS = Diagnostic(
    path="plan.md",
    line=3,
    column=25,
    end_line=3,
    end_column=28,
    code="SPC101",
    rule="formula-mismatch",
    category="arithmetic",
    severity="error",
    message="2 × 3.5 GB = 7,000,000,000 B = 7.0 GB (6.5 GiB); stated 7.2 GB is 2.9% too large, "
    "outside its stated precision [7.15, 7.25]",
    fix=Fix("7.0", 3, 25, 3, 28, "safe"),
)
TOTAL_CODE = "SPC202"


def test_lint_text_returns_exact_diagnostics() -> None:
    first, second = lint_text(PLAN, path="plan.md")
    assert first == WEIGHTS
    assert (second.code, second.line, second.column, second.severity) == (
        TOTAL_CODE,
        4,
        24,
        "warning",
    )
    assert second.fix == Fix("7", 4, 24, 4, 25, "unsafe")


def test_lint_text_without_path_names_stdin() -> None:
    assert [d.path for d in lint_text(PLAN)] == ["<stdin>", "<stdin>"]
    assert lint_text(PLAN, "plan.md") == lint_text(PLAN, path="plan.md")  # positional path


@pytest.mark.parametrize(
    ("select", "codes"),
    [
        (["SPC101"], ["SPC101"]),
        (["units"], [TOTAL_CODE]),
        (["SPC1", "SPC2"], ["SPC101", TOTAL_CODE]),
    ],
)
def test_select_chooses_the_rules(select: list[str], codes: list[str]) -> None:
    assert [d.code for d in lint_text(PLAN, select=select)] == codes


def test_a_bad_selector_raises_config_error() -> None:
    with pytest.raises(ConfigError, match="--select"):
        lint_text(PLAN, select=["SPC999"])
    with pytest.raises(TypeError):
        lint_text(PLAN, select="SPC101")  # type: ignore[arg-type]


def test_apply_fixes_applies_safe_fixes_only_unless_unsafe() -> None:
    diagnostics = lint_text(PLAN, path="plan.md")
    safe = apply_fixes(PLAN, diagnostics)
    assert safe == PLAN.replace("7.2 GB", "7.0 GB")
    assert apply_fixes(PLAN, diagnostics, unsafe=True) == safe.replace("= 8 GB", "= 7 GB")
    assert lint_text(safe, path="plan.md")[0].code == TOTAL_CODE


def test_config_file_and_discovery(tmp_path: Path) -> None:
    (tmp_path / "speclint.toml").write_text('ignore = ["SPC101"]\n')
    doc = tmp_path / "docs" / "plan.md"
    doc.parent.mkdir()
    doc.write_text(PLAN)
    assert [d.code for d in lint_text(PLAN, path=doc)] == [TOTAL_CODE]
    assert [d.code for d in lint_text(PLAN, path="elsewhere.md")] == ["SPC101", TOTAL_CODE]
    other = tmp_path / "other.toml"
    other.write_text('select = ["SPC101"]\n')
    assert [d.code for d in lint_text(PLAN, path=doc, config=other)] == ["SPC101"]
    assert [d.code for d in lint_paths([tmp_path])] == [TOTAL_CODE]
    assert [d.code for d in lint_paths([doc], config=other)] == ["SPC101"]


def test_lint_paths_walks_directories_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(PLAN)
    (tmp_path / "a.md").write_text("- Weights: 2 × 3.5 GB = 7.2 GB\n")
    (tmp_path / "notes.txt").write_text(PLAN)
    found = [(Path(d.path).name, d.line, d.code) for d in lint_paths([str(tmp_path)])]
    assert found == [("a.md", 1, "SPC101"), ("b.md", 3, "SPC101"), ("b.md", 4, TOTAL_CODE)]
    assert [d.code for d in lint_paths([tmp_path], select=["SPC2"])] == [TOTAL_CODE]


def test_lint_paths_raises_for_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.md"):
        lint_paths([tmp_path / "nope.md"])


def test_the_package_is_typed() -> None:
    assert (Path(speclint.__file__).parent / "py.typed").is_file()
    assert {"lint_text", "lint_paths", "apply_fixes", "Diagnostic"} <= set(speclint.__all__)


def test_py_typed_is_package_data() -> None:
    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["speclint"]
