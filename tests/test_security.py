"""Documents are untrusted: nothing in them is executed, and nothing in them can hang speclint."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from speclint.engine.lint import lint_source

from .conftest import REPO

#: Builtins and sympy entry points that evaluate strings (``regex.compile`` is fine).
FORBIDDEN_NAMES = {
    "eval",
    "exec",
    "compile",
    "sympify",
    "parse_expr",
    "lambdify",
    "S",
    "__import__",
}
FORBIDDEN_ATTRIBUTES = {"eval", "exec", "sympify", "parse_expr", "lambdify"}

ATTACKS = [
    "__import__('os').system('touch {marker}') = 0",
    "`__import__('os').system('touch {marker}') = 0`",
    "$__import__('os').system('touch {marker}') = 0$",
    "Total: 1 GB (__import__('os').system('touch {marker}'))",
    "| x | __import__('os').system('touch {marker}') = 1 |\n|---|---|\n| Total | 2 |",
    "```text\nexec(\"open('{marker}', 'w')\") = 1\n```",
    "lambda: open('{marker}', 'w') = 1 + 1",
]

PATHOLOGICAL = [
    "9^9^9^9 = 1",
    "10^10^10 = 1",
    "2^(2^(2^(2^(2^2)))) = 1",
    "2**2**2**2**2**2 = 1",
    "(" * 5000 + "1" + ")" * 5000 + " = 1",
    " + ".join(["1"] * 5000) + " = 5000",
    "9" * 5000 + " = 1",
    "1e400 × 1e400 = 1",
    "1" + ",000" * 3000 + " bytes = 1 GB",
    "= " * 3000 + "1",
    "$" + "\\frac{" * 300 + "1" + "}{2}" * 300 + " = 1$",
    "1 " * 20000,
    "(a|aa)+" * 2000 + "!",
]


def _source_files() -> list[Path]:
    return sorted((REPO / "speclint").rglob("*.py")) + sorted((REPO / "rules").rglob("*.py"))


def test_no_source_file_calls_an_evaluator() -> None:
    """A syntax-level check: no call of eval/exec/sympify/parse_expr/lambdify/S anywhere."""
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name):
                assert func.id not in FORBIDDEN_NAMES, f"{path}:{node.lineno} calls {func.id}"
            elif isinstance(func, ast.Attribute):
                assert func.attr not in FORBIDDEN_ATTRIBUTES, f"{path}:{node.lineno} {func.attr}"


def test_the_audit_hook_would_see_an_eval() -> None:
    """The execution check below is only meaningful if eval is visible to audit hooks."""
    script = "import sys\nseen=[]\nsys.addaudithook(lambda e, a: seen.append(e))\n"
    script += "eval('1+1')\nprint('exec' in seen)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("attack", ATTACKS)
def test_injected_code_never_runs(attack: str, tmp_path: Path) -> None:
    """Run speclint in a child process with an audit hook that records any code execution."""
    marker = tmp_path / "pwned"
    doc = tmp_path / "attack.md"
    doc.write_text(attack.format(marker=marker) + "\n", encoding="utf-8")
    script = textwrap.dedent(
        """
        import sys
        from speclint.engine.lint import lint_source
        text = open(sys.argv[1], encoding="utf-8").read()
        lint_source(text, "warm-up.md")  # import everything speclint imports lazily
        seen = []
        def hook(event, args):
            if event in ("exec", "compile", "os.system", "subprocess.Popen", "os.posix_spawn"):
                seen.append(event)
        sys.addaudithook(hook)
        lint_source(text, "attack.md")
        print(",".join(seen))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(doc)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert not marker.exists()


@pytest.mark.parametrize("text", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_input_finishes(text: str, tmp_path: Path) -> None:
    """Each input is linted in a child process that must finish (the timeout guards a hang)."""
    doc = tmp_path / "p.md"
    doc.write_text(text + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "speclint", "check", str(doc), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr


def test_power_towers_are_reported_as_unchecked() -> None:
    diagnostics = lint_source("Result: 9^9^9^9 = 5\n", "t.md")
    assert [(d.code, d.severity) for d in diagnostics] == [("SPC001", "info")]
    assert "4096 bits" in diagnostics[0].message
