"""Hostile and careless inputs through the CLI: no crash escapes, no run that failed says all
checks passed, nothing is skipped silently, and every input is bounded."""

from __future__ import annotations

import os

import pytest

from speclint.domain import statements
from speclint.domain.view import build_domain
from speclint.engine import lint
from speclint.formula.lexer import LexTimeout
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

from .conftest import FIXTURES

SEED = (FIXTURES / "seed" / "parallel-strategy-deployment.md").read_text(encoding="utf-8")
TIED = '# Model\n\n```json\n{"tie_word_embeddings": 1, "hidden_size": 2560}\n```\n'
CLEAN = "# Plan\n\n- Weights: 26 GB (13B params × 2 bytes)\n"


def _boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the rules crash on any document that says BOOM."""
    run_rules = lint.run_rules

    def crashing(analysis, *args, **kwargs):
        if "BOOM" in analysis.document.source:
            raise RuntimeError("planted")
        return run_rules(analysis, *args, **kwargs)

    monkeypatch.setattr(lint, "run_rules", crashing)


def test_a_non_boolean_tie_word_embeddings_is_read_not_crashed_on(cli) -> None:
    code, out, err = cli(["check", "-", "--stdin-filename", "model.md"], stdin=TIED)
    assert (code, out, err) == (0, "All checks passed!\n", "")
    code, out, _ = cli(["explain", "-", "--output-format", "json"], stdin=TIED)
    assert code == 0 and '"tied"' in out


@pytest.mark.parametrize(
    ("before", "after", "line", "code", "words"),
    [
        (
            "40,960 bytes per",
            "0 bytes per",
            58,
            "SPC501",
            "stated 0 bytes per token is ∞× too small",
        ),
        (
            "Total Parameters: 10B",
            "Total Parameters: 0B",
            30,
            "SPC401",
            "stated 0B is ∞× too small",
        ),
    ],
)
def test_a_stated_zero_against_a_derived_value(cli, before, after, line, code, words) -> None:
    status, out, err = cli(
        ["check", "-", "--stdin-filename", "d.md", "--format", "concise"],
        stdin=SEED.replace(before, after),
    )
    assert status == 1 and err == ""
    hits = [row for row in out.splitlines() if row.startswith(f"d.md:{line}:")]
    assert any(f" {code} " in hit and words in hit for hit in hits)


def test_a_crash_in_one_file_does_not_stop_the_batch(cli, tmp_path, monkeypatch) -> None:
    _boom(monkeypatch)
    (tmp_path / "a.md").write_text("BOOM 1\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(CLEAN.replace("26 GB", "28 GB"), encoding="utf-8")
    code, out, err = cli(["check", ".", "--format", "concise"], cwd=tmp_path)
    assert code == 2
    assert err == "speclint: error: a.md: internal error: RuntimeError: planted\n"
    assert out.startswith("b.md:3:12: SPC101 ")


@pytest.mark.parametrize("fix", [[], ["--fix"]])
def test_a_crash_on_stdin_exits_2_and_never_says_all_passed(cli, monkeypatch, fix) -> None:
    _boom(monkeypatch)
    code, out, err = cli(["check", "-", *fix], stdin="BOOM 1\n")
    assert code == 2
    assert "speclint: error: -: internal error: RuntimeError: planted" in err
    assert "All checks passed!" not in out + err
    assert "not everything could be checked" in out + err


def test_a_missing_file_never_says_all_passed(cli, tmp_path) -> None:
    (tmp_path / "ok.md").write_text(CLEAN, encoding="utf-8")
    code, out, err = cli(["check", "ok.md", "nope.md"], cwd=tmp_path)
    assert code == 2 and "nope.md: no such file or directory" in err
    assert out == "No problems found in what was checked, but not everything could be checked.\n"


def test_a_crash_in_explain_exits_2(cli, monkeypatch) -> None:
    from speclint.app import explain

    monkeypatch.setattr(explain, "explanation", lambda domain: 1 / 0)
    code, out, err = cli(["explain", "-"], stdin=CLEAN)
    assert (code, out) == (2, "")
    assert err == "speclint: error: -: internal error: ZeroDivisionError: division by zero\n"


def test_a_line_of_many_device_names_is_read_in_linear_time(cli) -> None:
    import time

    doc = "# Fleet\n\n- " + ", ".join(["8 × H100"] * 4000) + "\n"
    cli(["check", "-"], stdin="# Warm-up: 8 × H100\n")
    start = time.process_time()  # CPU time: a busy machine does not make it fail
    code, _, _ = cli(["check", "-"], stdin=doc)
    assert code == 0 and time.process_time() - start < 3  # quadratic: over 10 s


def test_text_the_reader_skips_is_reported(cli) -> None:
    nested = "# T\n\n" + "> " * 20 + "2 × 3 = 7\n"
    code, out, _ = cli(["check", "-", "--format", "concise"], stdin=nested)
    assert (code, out.splitlines()[0]) == (
        0,
        "-:3:1: SPC003 [arithmetic] not checked: nested deeper than the Markdown parser reads "
        "(20 levels)",
    )
    wall = "# T\n\n" + "\n".join(f"line {i}: 2 × 3 = 7" for i in range(2000)) + "\n"
    code, out, _ = cli(["check", "-", "--format", "concise"], stdin=wall)
    assert out.splitlines()[0] == (
        "-:3:1: SPC003 [arithmetic] not checked: a block of 40,889 characters (over 20,000); "
        "separate paragraphs with blank lines"
    )
    fine = "# T\n\n" + "> " * 19 + "2 × 3 = 6\n"
    assert cli(["check", "-"], stdin=fine)[1] == "All checks passed!\n"


def test_a_fact_search_that_times_out_is_reported(cli, monkeypatch) -> None:
    from speclint.domain import facts

    monkeypatch.setattr(facts, "_DOCUMENT_TIMEOUT", 1e-9)
    code, out, _ = cli(["check", "-", "--format", "concise", "--select", "SPC003"], stdin=SEED)
    rows = out.splitlines()
    assert code == 0 and rows[-1].startswith("Found ") and rows[-1].endswith(" info).")
    assert rows[:-1] and all(
        row.endswith(
            " SPC003 [arithmetic] not checked: facts from here on (the search for them timed out)"
        )
        for row in rows[:-1]
    )


def test_stdin_has_the_file_size_cap(cli) -> None:
    for command in (["check", "-"], ["check", "--fix", "-"], ["explain", "-"]):
        code, out, err = cli(command, stdin="1" * 5_000_001)
        assert code == 2 and "All checks passed!" not in out
        assert err.endswith("-: larger than 5,000,000 bytes, not checked\n")


def test_a_fifo_or_device_named_on_the_command_line_is_not_a_regular_file(cli, tmp_path) -> None:
    os.mkfifo(tmp_path / "x.md")
    code, _, err = cli(["check", "x.md", "/dev/null", "gone.md"], cwd=tmp_path)
    assert code == 2
    assert err.splitlines() == [
        "speclint: error: x.md: not a regular file",
        "speclint: error: /dev/null: not a regular file",
        "speclint: error: gone.md: no such file or directory",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"tolerance = " + b"9" * 5000 + b"\n", "invalid TOML: Exceeds the limit (4300 digits)"),
        (b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "invalid TOML: nested too deeply"),
        (b'select = ["\xff"]\n', "not valid UTF-8 (invalid start byte at byte 11)"),
    ],
)
def test_a_hostile_configuration_is_a_one_line_error(cli, tmp_path, content, message) -> None:
    (tmp_path / "speclint.toml").write_bytes(content)
    (tmp_path / "doc.md").write_text(CLEAN, encoding="utf-8")
    code, out, err = cli(["check", "doc.md"], cwd=tmp_path)
    assert (code, out) == (2, "")
    assert err.startswith(f"speclint: error: speclint.toml: {message}") and err.count("\n") == 1


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "/proc/self/status"])
def test_config_and_extend_must_be_regular_files(cli, tmp_path, target) -> None:
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")
    (tmp_path / "doc.md").write_text(CLEAN, encoding="utf-8")
    code, _, err = cli(["check", "doc.md", "--config", target], cwd=tmp_path)
    assert code == 2 and err == f"speclint: error: {target}: not a regular file\n"
    (tmp_path / "speclint.toml").write_text(f'extend = "{target}"\n', encoding="utf-8")
    code, _, err = cli(["check", "doc.md"], cwd=tmp_path)
    assert code == 2 and err.startswith("speclint: error: ") and "not a regular file" in err


def test_a_config_value_that_times_out_is_no_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    def timeout(text: str) -> list:
        raise LexTimeout(text[:10])

    def found() -> list[tuple[str, int]]:
        domain = build_domain(analyze(doc, "plan.md"), DEFAULT_SETTINGS)
        return [(s.kind, s.line) for s in domain.statements]

    doc = "# Serving\n\n```yaml\ntpot_p50_ms: 15\n```\n"
    assert found() == [("tpot", 4)]
    monkeypatch.setattr(statements, "tokenize", timeout)
    assert found() == []
