"""Inline suppression comments and SPC002 (unused-suppression)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CLAIM = "- Weights: 30 GB (13B params × 2 bytes)"  # SPC101 at column 12
FINE = "- Weights: 26 GB (13B params × 2 bytes)"


def _lint(cli, tmp_path: Path, text: str, *args: str) -> tuple[int, list[tuple[str, int, int]]]:
    """Exit code and (code, line, column) of each diagnostic for one document."""
    (tmp_path / "plan.md").write_text(text, encoding="utf-8")
    code, out, err = cli(["check", "plan.md", "--format", "json", *args], cwd=tmp_path)
    assert code in (0, 1), err
    return code, [(d["code"], d["line"], d["column"]) for d in json.loads(out)]


def _messages(cli, tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "plan.md").write_text(text, encoding="utf-8")
    out = cli(["check", "plan.md", "--format", "json"], cwd=tmp_path)[1]
    return [f"{d['line']}:{d['column']} {d['code']} {d['message']}" for d in json.loads(out)]


def test_unsuppressed_claim_is_reported(cli, tmp_path: Path) -> None:
    assert _lint(cli, tmp_path, f"# Plan\n\n{CLAIM}\n") == (1, [("SPC101", 3, 12)])


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- speclint-disable-line SPC101 -->",
        "<!-- speclint-disable-line formula-mismatch -->",
        "<!-- speclint-disable-line SPC101 -- vendor datasheet rounds up -->",
        "<!--speclint-disable-line SPC101,formula-mismatch-->",
    ],
)
def test_disable_line(cli, tmp_path: Path, comment: str) -> None:
    text = f"# Plan\n\n{CLAIM} {comment}\n\n{CLAIM}\n"
    assert _lint(cli, tmp_path, text) == (1, [("SPC101", 5, 12)])  # only the other line


def test_disable_next_line(cli, tmp_path: Path) -> None:
    text = (
        "# Plan\n\n<!-- speclint-disable-next-line formula-mismatch -- draft -->\n"
        f"{CLAIM}\n\n{CLAIM}\n"
    )
    assert _lint(cli, tmp_path, text) == (1, [("SPC101", 6, 12)])


def test_disable_enable_range(cli, tmp_path: Path) -> None:
    text = (
        "# Plan\n\n"
        "<!-- speclint-disable SPC101, SPC202 -->\n\n"
        f"{CLAIM}\n\n- Scratch: 512 GiB (512 GB)\n\n"
        "<!-- speclint-enable SPC101 -->\n\n"
        f"{CLAIM}\n\n- Scratch: 512 GiB (512 GB)\n\n"
        "<!-- speclint-enable -->\n\n"
        "- Scratch: 512 GiB (512 GB)\n"
    )
    # Lines 5 and 7 are inside both ranges; line 11 after SPC101's end; line 17 after all.
    assert _lint(cli, tmp_path, text) == (1, [("SPC101", 11, 12), ("SPC202", 17, 21)])


def test_disable_file(cli, tmp_path: Path) -> None:
    text = f"# Plan\n\n{CLAIM}\n\n<!-- speclint-disable-file SPC101 -->\n\n{CLAIM}\n"
    assert _lint(cli, tmp_path, text) == (0, [])
    blanket = f"<!-- speclint-disable-file -->\n# Plan\n\n{CLAIM}\n"
    assert _lint(cli, tmp_path, blanket) == (0, [])


def test_unused_suppressions_are_reported_at_the_comment(cli, tmp_path: Path) -> None:
    text = (
        "# Plan\n\n"
        f"{FINE} <!-- speclint-disable-line SPC101 -- was wrong -->\n\n"
        "<!-- speclint-disable-next-line SPC999, formula-mismatch -->\n"
        f"{CLAIM}\n\n"
        "<!-- speclint-disable-lines SPC101 -->\n\n"
        "  <!-- speclint-disable:SPC101 -->\n"
    )
    assert _messages(cli, tmp_path, text) == [
        "3:41 SPC002 unused suppression of SPC101 (formula-mismatch): nothing to suppress",
        "5:1 SPC002 unknown rule 'SPC999'",
        "8:1 SPC002 unknown suppression directive 'speclint-disable-lines'",
        "10:3 SPC002 unknown suppression directive 'speclint-disable:SPC101'",
    ]
    code, out, _ = cli(["check", "plan.md"], cwd=tmp_path)
    assert code == 0  # SPC002 is a warning
    assert out.splitlines()[2:4] == [
        "3 | - Weights: 26 GB (13B params × 2 bytes) <!-- speclint-disable-line SPC101 -- was "
        "wrong -->",
        "  |                                         "
        + "^" * len("<!-- speclint-disable-line SPC101 -- was wrong -->")
        + " warning",
    ]


def test_a_suppression_of_a_rule_not_selected_is_not_unused(cli, tmp_path: Path) -> None:
    text = f"# Plan\n\n{FINE} <!-- speclint-disable-line SPC101 -->\n"
    assert _lint(cli, tmp_path, text) == (0, [("SPC002", 3, 41)])
    assert _lint(cli, tmp_path, text, "--ignore", "SPC101") == (0, [])
    assert _lint(cli, tmp_path, text, "--ignore", "unused-suppression") == (0, [])


def test_spc002_is_suppressed_only_by_name(cli, tmp_path: Path) -> None:
    unused = f"{FINE} <!-- speclint-disable-line SPC101 -->\n"
    by_code = f"<!-- speclint-disable-file SPC002 -->\n# Plan\n\n{unused}"
    assert _lint(cli, tmp_path, by_code) == (0, [])
    blanket = f"<!-- speclint-disable-file -->\n# Plan\n\n{unused}"
    assert _lint(cli, tmp_path, blanket) == (0, [("SPC002", 1, 1), ("SPC002", 4, 41)])


def test_comments_in_code_do_not_count(cli, tmp_path: Path) -> None:
    text = (
        "# Plan\n\n"
        "Write `<!-- speclint-disable-file -->` to silence a file.\n\n"
        "```html\n<!-- speclint-disable-file -->\n```\n\n"
        "    <!-- speclint-disable-file -->\n\n"
        f"{CLAIM} `<!-- speclint-disable-line SPC101 -->`\n"
    )
    assert _lint(cli, tmp_path, text) == (1, [("SPC101", 11, 12)])
