"""The full output on a terminal: colour by severity (``--color``, ``NO_COLOR``,
``FORCE_COLOR``), messages wrapped by display width, carets by display width."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from speclint.app.cli import main
from speclint.document import Related
from speclint.engine.diagnostics import Diagnostic, Fix
from speclint.reporters.full import format_diagnostic, format_group, write_diagnostics
from speclint.reporters.terminal import Style, color_wanted, display_width, wrap

SEED = (
    Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "parallel-strategy-deployment.md"
)
PLAN = "# Plan\n\nThe cluster has 8 × 80 GB = 600 GB of memory.\n"
RED, GUTTER, RESET = "\x1b[1;31m", "\x1b[34m", "\x1b[0m"


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> str:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    assert main(["check", str(path), *flags]) == 1
    return capsys.readouterr().out.replace(str(path), "plan.md")


@pytest.fixture(autouse=True)
def no_colour_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def test_piped_output_is_plain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, capsys) == (
        "plan.md:3:29: SPC101 [arithmetic] 8 × 80 GB = 640,000,000,000 B = 640 GB (596 GiB); "
        "stated 600 GB is 6.3% too small, outside its stated precision [570, 630]\n"
        "  |\n"
        "3 | The cluster has 8 × 80 GB = 600 GB of memory.\n"
        "  |                             ^^^ error\n"
        "  = suggestion (safe): replace '600' with '640'\n"
        "\n"
        "Found 1 problem (1 error).\n"
    )


def test_force_color_colours_by_severity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    lines = run(tmp_path, capsys).split("\n")
    assert lines[0].startswith(f"\x1b[1mplan.md:3:29:{RESET} {RED}SPC101{RESET} [arithmetic] 8 ×")
    assert lines[1] == f"{GUTTER}  |{RESET}"
    assert lines[3] == f"{GUTTER}  |{RESET} {' ' * 28}{RED}^^^ error{RESET}"
    assert (
        lines[4] == f"{GUTTER}  ={RESET} \x1b[32msuggestion (safe): replace '600' with '640'{RESET}"
    )
    # --color never wins over FORCE_COLOR, and NO_COLOR over FORCE_COLOR.
    assert "\x1b[" not in run(tmp_path, capsys, "--color", "never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(tmp_path, capsys)
    assert RED in run(tmp_path, capsys, "--color=always")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_choice() -> None:
    tty, pipe = Terminal(), io.StringIO()
    assert color_wanted("auto", tty, {}) is True
    assert color_wanted("auto", tty, {"TERM": "dumb"}) is False
    assert color_wanted("auto", tty, {"NO_COLOR": "1"}) is False
    assert color_wanted("auto", tty, {"NO_COLOR": ""}) is True  # empty: not set
    assert color_wanted("auto", pipe, {}) is False
    assert color_wanted("auto", pipe, {"FORCE_COLOR": "1"}) is True
    assert color_wanted("never", tty, {"FORCE_COLOR": "1"}) is False
    assert color_wanted("always", pipe, {"NO_COLOR": "1"}) is True


def test_carets_by_display_width() -> None:
    line = "| 模型参数量 | 10B |"  # five wide characters before the number
    diag = Diagnostic("a.md", 1, 11, 1, 13, "SPC401", "r", "parameters", "error", "m")
    assert format_diagnostic(diag, [line]).split("\n")[1:] == [
        "  |",
        "1 | | 模型参数量 | 10B |",
        "  | " + " " * 15 + "^^ error",  # 2 + 5 × 2 + 3 columns before the number
    ]
    # A combining accent takes no column; a wide character under the carets takes two.
    line = "e\u0301 = 中 3"
    diag = Diagnostic("a.md", 1, 6, 1, 7, "SPC101", "r", "arithmetic", "error", "m")
    assert format_diagnostic(diag, [line]).split("\n")[-1] == "  | " + " " * 4 + "^^ error"
    assert display_width("e\u0301中") == 3


def test_wrapped_to_the_width_with_inputs_on_their_own_lines() -> None:
    diag = Diagnostic(
        "a.md",
        3,
        7,
        3,
        9,
        "SPC601",
        "r",
        "bandwidth",
        "warning",
        "300 TFLOPS allows at most 67,022 tokens/s per GPU at MFU 60 %; stated 100,000 "
        "tokens/s is 1.49× the bound; inputs: Peak: 300 TFLOPS (line 1), Layers | 32 (line 2)",
        Fix("70", 3, 7, 3, 9, "unsafe"),
        (Related(2, "Layers | 32"), Related(1, "Peak: 300 TFLOPS")),
    )
    text = format_diagnostic(diag, ["a", "b", "Rate: 90 tokens/s"], Style(width=40))
    assert text.split("\n") == [
        "a.md:3:7: SPC601 [bandwidth] 300 TFLOPS",
        "    allows at most 67,022 tokens/s per",
        "    GPU at MFU 60 %; stated",
        "    100,000 tokens/s is 1.49× the bound",  # a number is kept with its unit
        "  |",
        "3 | Rate: 90 tokens/s",
        "  |       ^^ warning",
        "  = suggestion (unsafe): replace '90' with '70'",
        "  = input: line 1 | Peak: 300 TFLOPS",
        "  = input: line 2 | Layers | 32",
    ]


def test_wrap_counts_wide_characters_and_keeps_units() -> None:
    assert wrap("模型 参数 2.5 GB 中文", 9) == ["模型 参数", "    2.5 GB", "    中文"]


def test_two_findings_on_one_span_share_one_excerpt() -> None:
    first = Diagnostic(
        "a.md",
        2,
        8,
        2,
        12,
        "SPC101",
        "r",
        "arithmetic",
        "warning",
        "first",
        Fix("0.5", 2, 8, 2, 12, "safe"),
    )
    second = Diagnostic(
        "a.md",
        2,
        8,
        2,
        12,
        "SPC501",
        "r",
        "memory",
        "error",
        "second",
        None,
        (Related(1, "Layers | 32"),),
    )
    out = io.StringIO()
    write_diagnostics([first, second], {"a.md": "x\nTotal: 0.62GB\n"}, out)
    assert out.getvalue() == (
        "a.md:2:8: SPC101 [arithmetic] first\n"
        "a.md:2:8: SPC501 [memory] second\n"
        "  |\n"
        "2 | Total: 0.62GB\n"
        "  |        ^^^^ error\n"  # the worse of the two severities
        "  = suggestion (safe): replace '0.62' with '0.5'\n"
        "\n"
    )
    # On a terminal, the inputs of both are listed once each under the excerpt.
    text = format_group([first, second], ["x", "Total: 0.62GB"], Style(width=80))
    assert text.split("\n")[-1] == "  = input of SPC501: line 1 | Layers | 32"
    # Findings on different spans of one line each get their own excerpt.
    third = Diagnostic("a.md", 2, 1, 2, 6, "SPC101", "r", "arithmetic", "error", "third")
    out = io.StringIO()
    write_diagnostics([third, first], {"a.md": "x\nTotal: 0.62GB\n"}, out)
    assert out.getvalue().count("2 | Total: 0.62GB") == 2


def test_seed_groups_the_two_findings_on_line_56(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(SEED), "--no-cache"]) == 1
    out = capsys.readouterr().out.replace(str(SEED), "seed.md")
    assert out.count("56 | - Expert Parameters: 0.62GB") == 1
    at = out.index("seed.md:56:22: SPC101")
    lines = out[at:].split("\n")
    assert lines[1].startswith("seed.md:56:22: SPC501 [memory] expert weights per GPU: ")
    assert lines[2:6] == [
        "   |",
        "56 | - Expert Parameters: 0.62GB (8 experts × 3 × 512 × 1024 × 2 bytes)",
        "   |                      ^^^^ error",
        "",
    ]


def test_fix_and_diff_are_coloured_for_a_terminal_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = tmp_path / "seed.md"
    seed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    assert main(["check", "--diff", str(plan), "--no-cache"]) == 1
    plain = capsys.readouterr().out
    assert "\x1b[" not in plain and "-The cluster has 8 × 80 GB = 600 GB of memory.\n" in plain
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert main(["check", "--diff", str(plan), "--no-cache"]) == 1
    assert capsys.readouterr().out.split("\n")[2:] == [
        "\x1b[36m@@ -1,3 +1,3 @@\x1b[0m",
        " # Plan",
        " ",
        "\x1b[31m-The cluster has 8 × 80 GB = 600 GB of memory.\x1b[0m",
        "\x1b[32m+The cluster has 8 × 80 GB = 640 GB of memory.\x1b[0m",
        "",
    ]
    assert main(["check", "--fix", str(seed), "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"\x1b[1m{seed}:30:19:{RESET} {RED}SPC401{RESET} [parameters] ")
    assert main(["check", "--fix", str(seed), "--no-cache", "--color", "never"]) == 1
    assert "\x1b[" not in capsys.readouterr().out


def test_rich_is_imported_only_for_colour_or_wrapping(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="utf-8")
    probe = (
        "import sys\n"
        "from speclint.app.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('rich' in sys.modules, code, file=sys.stderr)\n"
    )

    def rich_imported(*flags: str) -> str:
        argv = [sys.executable, "-c", probe, "check", str(path), "--no-cache", *flags]
        env = {k: v for k, v in os.environ.items() if "COLOR" not in k}
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        return done.stderr.strip().splitlines()[-1]

    assert rich_imported() == "False 1"  # piped: plain, without rich
    assert rich_imported("--color", "always") == "True 1"


def test_a_long_line_is_cut_to_a_window_around_the_span() -> None:
    words = " ".join(f"w{i:03d}" for i in range(200))  # 999 characters
    line = f"{words} total 640 GB {words}"
    column = line.index("640") + 1
    diag = Diagnostic("a.md", 1, column, 1, column + 3, "SPC101", "r", "arithmetic", "error", "m")
    _, bar, shown, under = format_diagnostic(diag, [line]).split("\n")
    assert bar == "  |"
    assert shown.startswith("1 | …") and shown.endswith("…")
    assert display_width(shown[4:]) == 140  # annotate-snippets' width, cuts included
    assert under == "  | " + " " * 41 + "^^^ error"  # the cut and 40 columns before the span
    assert shown[4 + 41 : 4 + 44] == "640"


def test_a_window_near_the_end_of_a_long_line_fills_its_width_backwards() -> None:
    line = "x" * 500 + " stated 24 GB."
    diag = Diagnostic("a.md", 1, 509, 1, 511, "SPC201", "r", "units", "warning", "m")
    _, _, shown, under = format_diagnostic(diag, [line]).split("\n")
    assert shown == "1 | …" + "x" * 125 + " stated 24 GB."  # no cut at the end
    assert under == "  | " + " " * 134 + "^^ warning"


def test_a_span_wider_than_the_window_is_underlined_to_the_cut() -> None:
    line = "中" * 1000  # 2,000 columns of wide characters
    diag = Diagnostic("a.md", 1, 1, 1, 1001, "SPC003", "r", "arithmetic", "info", "m")
    _, _, shown, under = format_diagnostic(diag, [line]).split("\n")
    assert shown == "1 | " + "中" * 69 + "…"
    assert under == "  | " + "^" * 138 + " info"


def test_an_input_sentence_across_a_line_break_is_shown_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = SEED.parent.parent / "prose-deployments" / "sft-budget-a100.md"
    assert main(["check", "--no-cache", "--output-format", "json", str(doc)]) == 1
    [timing] = [d for d in json.loads(capsys.readouterr().out) if d["code"] == "SPC704"]
    assert timing["related"][0] == {
        "line": 3,
        "message": "We continue pretraining our 1.54B parameters base model on a data mix of "
        "200B tokens (code-heavy) using 8 nodes of 8× A1",  # the line break is a space
    }
    assert Related(3, "a\nb\t c").message == "a b c"
