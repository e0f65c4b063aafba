"""Configuration files, command-line overrides, file selection and ``--show-settings``."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule

WRONG = "# Plan\n\n- Weights: 30 GB (13B params × 2 bytes)\n"  # SPC101 error at 3:12
RIGHT = "# Plan\n\n- Weights: 26 GB (13B params × 2 bytes)\n"
WARNING_ONLY = "# Plan\n\n- Scratch: 512 GiB (512 GB)\n"  # SPC202 warning at 3:12
APPROX = "# Plan\n\nIt takes 100 × 2 s = ~205 s.\n"  # holds within ±5 %, not within ±1 %
ROUNDED = "# Plan\n\nThe pool holds 197 × 100 = 20,000 requests.\n"  # 20,000 read as ±500


def _write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _found(cli, args: list[str], cwd: Path) -> tuple[int, list[tuple[str, str, int, str]]]:
    """Exit code and (path, code, line, severity) of each diagnostic, via --format json."""
    code, out, err = cli(["check", *args, "--format", "json"], cwd=cwd)
    assert code in (0, 1), err
    return code, [(d["path"], d["code"], d["line"], d["severity"]) for d in json.loads(out)]


def _error(cli, args: list[str], cwd: Path) -> str:
    code, out, err = cli(["check", *args], cwd=cwd)
    assert code == 2 and out == "", (code, out, err)
    return err.strip()


# ---- discovery of configuration files ---------------------------------------------------------


def test_closest_config_applies_without_merging(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "speclint.toml": 'ignore = ["SPC101"]\n',
            "a.md": WRONG,
            "sub/speclint.toml": '[severity]\nSPC202 = "error"\n',
            "sub/b.md": WRONG,
            "sub/c.md": WARNING_ONLY,
        },
    )
    code, found = _found(cli, ["."], tmp_path)
    # a.md: the root ignores SPC101; sub/ has its own file, which does not inherit that ignore.
    assert found == [("sub/b.md", "SPC101", 3, "error"), ("sub/c.md", "SPC202", 3, "error")]
    assert code == 1


def test_extend_inherits_and_overrides(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pyproject.toml": '[tool.speclint]\nignore = ["SPC101"]\n[tool.speclint.severity]\n'
            'SPC202 = "info"\n',
            "sub/.speclint.toml": 'extend = "../pyproject.toml"\n[severity]\nSPC202 = "error"\n',
            "sub/b.md": WRONG + WARNING_ONLY,
        },
    )
    code, found = _found(cli, ["sub"], tmp_path)
    assert found == [("sub/b.md", "SPC202", 6, "error")]
    assert code == 1


def test_pyproject_without_speclint_table_is_skipped(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "speclint.toml": 'ignore = ["SPC101"]\n',
            "sub/pyproject.toml": '[project]\nname = "docs"\n',
            "sub/b.md": WRONG,
            "other/pyproject.toml": '[tool.speclint]\nextend-select = ["SPC002"]\n',
            "other/c.md": WRONG,
        },
    )
    assert _found(cli, ["sub", "other"], tmp_path)[1] == [("other/c.md", "SPC101", 3, "error")]


def test_precedence_in_one_directory(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            ".speclint.toml": 'ignore = ["SPC101"]\n',
            "speclint.toml": 'ignore = ["SPC202"]\n',
            "pyproject.toml": '[tool.speclint]\nignore = ["SPC103"]\n',
            "a.md": WRONG,
        },
    )
    assert _found(cli, ["a.md"], tmp_path)[1] == []
    out = cli(["check", "--show-settings", "a.md"], cwd=tmp_path)[1]
    assert 'config: ".speclint.toml"' in out.splitlines()
    (tmp_path / ".speclint.toml").unlink()
    assert _found(cli, ["a.md"], tmp_path)[1] == [("a.md", "SPC101", 3, "error")]


# ---- command line ----------------------------------------------------------------------------


def test_command_line_overrides_the_file(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"speclint.toml": 'ignore = ["SPC101"]\n', "a.md": WRONG + WARNING_ONLY})
    assert _found(cli, ["a.md"], tmp_path)[1] == [("a.md", "SPC202", 6, "warning")]
    # --select replaces the file's selection; --extend-select adds; --ignore removes.
    assert _found(cli, ["a.md", "--select", "formula-mismatch"], tmp_path)[1] == [
        ("a.md", "SPC101", 3, "error")
    ]
    assert _found(cli, ["a.md", "--extend-select", "SPC1"], tmp_path)[1] == [
        ("a.md", "SPC101", 3, "error"),
        ("a.md", "SPC202", 6, "warning"),
    ]
    assert _found(cli, ["a.md", "--select", "SPC1,units", "--ignore", "SPC202"], tmp_path)[1] == [
        ("a.md", "SPC101", 3, "error")
    ]
    # A more specific selector wins over a category or prefix.
    assert _found(cli, ["a.md", "--select", "SPC202", "--ignore", "units"], tmp_path)[1] == [
        ("a.md", "SPC202", 6, "warning")
    ]


def test_isolated_ignores_configuration_files(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"speclint.toml": 'ignore = ["SPC101"]\n', "a.md": WRONG})
    assert _found(cli, ["a.md"], tmp_path) == (0, [])
    assert _found(cli, ["a.md", "--isolated"], tmp_path) == (1, [("a.md", "SPC101", 3, "error")])


def test_config_flag_applies_one_file_everywhere(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "ci/strict.toml": '[severity]\nSPC202 = "error"\n',
            "speclint.toml": 'ignore = ["SPC202"]\n',
            "docs/sub/speclint.toml": 'ignore = ["SPC202"]\n',
            "docs/sub/a.md": WARNING_ONLY,
        },
    )
    assert _found(cli, ["docs"], tmp_path) == (0, [])
    assert _found(cli, ["docs", "--config", "ci/strict.toml"], tmp_path) == (
        1,
        [("docs/sub/a.md", "SPC202", 3, "error")],
    )
    err = _error(cli, ["docs", "--config", "ci/strict.toml", "--isolated"], tmp_path)
    assert "not allowed with argument" in err


def test_stdin_filename_finds_its_configuration(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"docs/speclint.toml": 'ignore = ["SPC101"]\n'})
    code, out, _ = cli(
        ["check", "-", "--stdin-filename", "docs/plan.md", "--format", "json"],
        stdin=WRONG,
        cwd=tmp_path,
    )
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = cli(["check", "-", "--format", "json"], stdin=WRONG, cwd=tmp_path)
    assert code == 1 and [d["code"] for d in json.loads(out)] == ["SPC101"]


# ---- per-file settings -----------------------------------------------------------------------


def test_per_file_ignores(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "speclint.toml": "[per-file-ignores]\n"
            '"drafts/*.md" = ["SPC1"]\n'
            '"legacy-*.md" = ["formula-mismatch"]\n'
            '"!notes/*.md" = ["SPC202"]\n',
            "drafts/a.md": WRONG,
            "drafts/b.md": WARNING_ONLY,
            "notes/legacy-c.md": WRONG,
            "notes/d.md": WRONG + WARNING_ONLY,
        },
    )
    assert _found(cli, ["."], tmp_path)[1] == [
        ("notes/d.md", "SPC101", 3, "error"),
        ("notes/d.md", "SPC202", 6, "warning"),
    ]


def test_severity_override_changes_the_exit_code(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"warn.md": WARNING_ONLY, "wrong.md": WRONG})
    assert _found(cli, ["warn.md"], tmp_path) == (0, [("warn.md", "SPC202", 3, "warning")])
    _write(tmp_path, {"speclint.toml": '[severity]\nbinary-prefix-slip = "error"\n'})
    assert _found(cli, ["warn.md"], tmp_path) == (1, [("warn.md", "SPC202", 3, "error")])
    _write(tmp_path, {"speclint.toml": '[severity]\narithmetic = "warning"\nSPC101 = "info"\n'})
    assert _found(cli, ["wrong.md"], tmp_path) == (0, [("wrong.md", "SPC101", 3, "info")])


def test_tolerances(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"approx.md": APPROX, "rounded.md": ROUNDED})
    assert _found(cli, ["."], tmp_path) == (0, [])
    _write(tmp_path, {"speclint.toml": "[tolerance]\napproximate = 0.01\n"})
    assert _found(cli, ["."], tmp_path)[1] == [("approx.md", "SPC101", 3, "error")]
    _write(tmp_path, {"speclint.toml": "[tolerance]\nrounded-integer = 0.01\n"})
    assert _found(cli, ["."], tmp_path)[1] == [("rounded.md", "SPC101", 3, "error")]


#: A dense model on one GPU whose stated weights (~14.5 GB) are 7.4 % above the 13.5 GB its
#: architecture implies: within a ±20 % approximation, not within the default ±5 %.
DOMAIN_APPROX = """# Llama-2-7B endpoint

| Field | Value |
|-------|-------|
| Layers | 32 |
| Hidden size | 4096 |
| Attention heads | 32 (MHA) |
| FFN intermediate size | 11008 (SwiGLU) |
| Vocabulary size | 32,000 (untied embeddings) |
| Precision | BF16 |

Hardware: 1× A100 80GB.

- Weights: ~14.5 GB
"""


def test_tolerance_reaches_domain_statements(cli, tmp_path: Path) -> None:
    """The configured tolerance also reads the statements domain rules check (it used to stop
    at the claims, because the domain is built after the analysis)."""
    _write(tmp_path, {"plan.md": DOMAIN_APPROX})
    assert _found(cli, ["plan.md"], tmp_path) == (1, [("plan.md", "SPC501", 14, "error")])
    _write(tmp_path, {"speclint.toml": "[tolerance]\napproximate = 0.2\n"})
    assert _found(cli, ["plan.md"], tmp_path) == (0, [])


def test_code_languages(cli, tmp_path: Path) -> None:
    python = "# Plan\n\n```python\nweights = 30 GB (13B params × 2 bytes)\n```\n"
    text = "# Plan\n\n```text\nweights = 30 GB (13B params × 2 bytes)\n```\n"
    _write(tmp_path, {"python.md": python, "text.md": text})
    assert _found(cli, ["."], tmp_path)[1] == [("text.md", "SPC101", 4, "error")]
    _write(tmp_path, {"speclint.toml": 'code-languages = ["Python"]\n'})
    assert _found(cli, ["."], tmp_path)[1] == [("python.md", "SPC101", 4, "error")]


class _Probe(Rule):
    """Reports the settings it was given, once per document."""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        eff = ctx.settings.efficiency
        accel = ctx.settings.accelerators.get("Acme X1", {})
        message = (
            f"mfu={eff.mfu} prefill={eff.prefill_mfu} bw={eff.bandwidth_utilisation} "
            f"slow={eff.slow_factor} {accel}"
        )
        yield ctx.diagnostic_at(self, (1, 1, 1, 2), message)


def test_efficiency_and_accelerators_reach_rules(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speclint.app.cli
    import speclint.engine.lint
    from speclint.engine.registry import all_rules

    probe = _Probe("TST001", "probe", "memory", "info", "Reports its settings.")
    rules = [*all_rules(), probe]
    monkeypatch.setattr(speclint.app.cli, "all_rules", lambda: rules)
    monkeypatch.setattr(speclint.engine.lint, "all_rules", lambda: rules)
    _write(
        tmp_path,
        {
            "pyproject.toml": "[tool.speclint.efficiency]\nmfu = 0.55\nslow-factor = 20\n"
            "prefill-mfu = 0.65\n"
            '[tool.speclint.accelerators."Acme X1"]\naliases = ["X1"]\nmemory-gb = 96\n'
            'bandwidth-tbps = 3.2\nsource = "Acme datasheet 2026"\n',
            "a.md": RIGHT,
        },
    )
    code, out, _ = cli(["check", "a.md", "--select", "TST001", "--format", "json"], cwd=tmp_path)
    [diag] = json.loads(out)
    assert code == 0 and diag["code"] == "TST001"
    assert diag["message"] == (
        "mfu=11/20 prefill=13/20 bw=17/20 slow=20 {'aliases': ['X1'], "
        "'memory-gb': Fraction(96, 1), 'bandwidth-tbps': Fraction(16, 5), "
        "'source': 'Acme datasheet 2026'}"
    )


# ---- which files -----------------------------------------------------------------------------


def test_exclude_extend_exclude_and_gitignore(cli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _write(
        tmp_path,
        {
            ".gitignore": "build/\n",
            "build/x.md": WRONG,
            "vendor/y.md": WRONG,
            "docs/z.md": WRONG,
            "docs/skip-me.md": WRONG,
            "node_modules/n.md": WRONG,
            "speclint.toml": 'extend-exclude = ["vendor/", "docs/skip-*.md"]\n',
        },
    )
    paths = lambda args: sorted({p for p, *_ in _found(cli, args, tmp_path)[1]})  # noqa: E731
    assert paths(["."]) == ["docs/z.md"]
    # Named files are linted anyway, unless --force-exclude (as pre-commit passes them).
    assert paths(["vendor/y.md"]) == ["vendor/y.md"]
    assert paths(["vendor/y.md", "docs/skip-me.md", "--force-exclude"]) == []
    _write(tmp_path, {"speclint.toml": "respect-gitignore = false\nexclude = []\n"})
    assert paths(["."]) == [
        "build/x.md",
        "docs/skip-me.md",
        "docs/z.md",
        "node_modules/n.md",
        "vendor/y.md",
    ]
    _write(tmp_path, {"speclint.toml": 'include = ["*.txt"]\nforce-exclude = true\n'})
    _write(tmp_path, {"docs/notes.txt": WRONG})
    assert paths(["."]) == ["docs/notes.txt"]


# ---- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"speclint.toml": "selct = []\n"},
            "speclint.toml: selct: unknown key (did you mean 'select'?)",
        ),
        (
            {"pyproject.toml": "[tool.speclint]\nselct = []\n"},
            "pyproject.toml: tool.speclint.selct: unknown key (did you mean 'select'?)",
        ),
        (
            {"speclint.toml": "[tolerance]\napproximat = 0\n"},
            "speclint.toml: tolerance.approximat: unknown key (did you mean 'approximate'?); "
            "expected one of approximate, rounded-integer",
        ),
        (
            {"speclint.toml": 'select = "SPC101"\n'},
            'speclint.toml: select: expected a list of strings, got "SPC101"',
        ),
        (
            {"speclint.toml": 'ignore = ["SPC999"]\n'},
            "speclint.toml: ignore: unknown rule selector 'SPC999'",
        ),
        (
            {"speclint.toml": '[per-file-ignores]\n"a/*.md" = ["nope"]\n'},
            "speclint.toml: per-file-ignores.\"a/*.md\": unknown rule selector 'nope'",
        ),
        (
            {"speclint.toml": '[severity]\nSPC101 = "fatal"\n'},
            "speclint.toml: severity.SPC101: expected one of 'error', 'warning', 'info', "
            'got "fatal"',
        ),
        (
            {"speclint.toml": '[severity]\nSPC9 = "error"\n'},
            "speclint.toml: severity.SPC9: unknown rule selector 'SPC9'",
        ),
        (
            {"speclint.toml": "respect-gitignore = 1\n"},
            "speclint.toml: respect-gitignore: expected true or false, got 1",
        ),
        (
            {"speclint.toml": "[efficiency]\nmfu = 1.5\n"},
            "speclint.toml: efficiency.mfu: expected a number greater than 0 and at most 1, "
            "got 1.5",
        ),
        (
            {"speclint.toml": "[tolerance]\nexact = 0\n"},
            "speclint.toml: tolerance.exact: unknown key; expected one of approximate, "
            "rounded-integer",
        ),
        (
            {"speclint.toml": '[accelerators."Acme X1"]\nmemory-gb = -1\n'},
            'speclint.toml: accelerators."Acme X1".memory-gb: expected a number greater than 0, '
            "got -1",
        ),
        (
            {"speclint.toml": '[accelerators.X1]\nhbm = "96 GB"\n'},
            "speclint.toml: accelerators.X1.hbm: unknown key; expected one of aliases, "
            "memory-gb, bandwidth-tbps, bf16-tflops, fp8-tflops, interconnect-gbps, source",
        ),
        (
            {"speclint.toml": 'extend = "base.toml"\n'},
            "speclint.toml: extend: no such file: base.toml",
        ),
        (
            {"speclint.toml": 'extend = "b.toml"\n', "b.toml": 'extend = "speclint.toml"\n'},
            "b.toml: extend: extends itself: speclint.toml -> b.toml -> speclint.toml",
        ),
        ({"speclint.toml": "select = [\n"}, "speclint.toml: invalid TOML: "),
    ],
)
def test_configuration_errors(cli, tmp_path: Path, files: dict[str, str], message: str) -> None:
    _write(tmp_path, {**files, "a.md": RIGHT})
    err = _error(cli, ["a.md"], tmp_path)
    assert err.startswith(f"speclint: error: {message}"), err


def test_unknown_key_without_a_close_match(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"speclint.toml": "frobnicate = 1\n", "a.md": RIGHT})
    assert (
        _error(cli, ["a.md"], tmp_path) == "speclint: error: speclint.toml: frobnicate: unknown key"
    )


def test_command_line_errors(cli, tmp_path: Path) -> None:
    _write(tmp_path, {"a.md": RIGHT})
    assert _error(cli, ["a.md", "--select", "SPC101,SPC999"], tmp_path) == (
        "speclint: error: --select: unknown rule selector 'SPC999'"
    )
    assert _error(cli, ["a.md", "--config", "missing.toml"], tmp_path).startswith(
        "speclint: error: missing.toml: "
    )


# ---- --show-settings -------------------------------------------------------------------------


def test_show_settings(cli, tmp_path: Path) -> None:
    _write(
        tmp_path,
        {
            "pyproject.toml": '[tool.speclint]\nselect = ["SPC1", "units"]\nignore = ["SPC204"]\n'
            "[tool.speclint.efficiency]\nmfu = 0.55\n",
            "docs/speclint.toml": 'extend = "../pyproject.toml"\n'
            'per-file-ignores = { "drafts/*.md" = ["SPC3"] }\n[severity]\nSPC202 = "error"\n',
            "docs/drafts/a.md": RIGHT,
        },
    )
    code, out, _ = cli(
        ["check", "--show-settings", "docs/drafts/a.md", "--ignore", "SPC103"], cwd=tmp_path
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[:4] == [
        "Settings for docs/drafts/a.md",
        'config: "docs/speclint.toml"',
        'extends: ["pyproject.toml"]',
        'command line: { ignore = ["SPC103"] }',
    ]
    assert 'select = ["SPC1", "units"]' in lines
    assert 'ignore = ["SPC103"]' in lines
    assert 'per-file-ignores = { "drafts/*.md" = ["SPC3"] }' in lines
    assert "respect-gitignore = true" in lines
    assert 'severity = { SPC202 = "error" }' in lines
    assert "tolerance = { approximate = 0.05, rounded-integer = 0.05 }" in lines
    efficiency = "mfu = 0.55, bandwidth-utilisation = 0.85, slow-factor = 50, prefill-mfu = 0.7"
    assert "efficiency = { " + efficiency + " }" in lines
    rules = lines[lines.index("rules enabled for this file:") + 1 :]
    assert [r.split()[0] for r in rules] == [
        "SPC101",
        "SPC102",
        "SPC104",
        "SPC201",
        "SPC202",
        "SPC203",
        "SPC205",
    ]
    assert rules[4].split() == ["SPC202", "binary-prefix-slip", "[units]", "error"]
