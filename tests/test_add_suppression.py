"""``--add-suppression [REASON]`` and SPC002's fix that removes an unused suppression."""

from __future__ import annotations

from pathlib import Path

PLAN = """# Plan

- Weights: 2 × 3.5 GB = 7.2 GB
  - Total: 3 GB + 4 GB = 8 GB

| a | b |
|---|---|
| KV | 2 × 2 GB = 5 GB |
| KV | 2 × 3 GB = 7 GB |

After.
"""

SUPPRESSED = """# Plan

<!-- speclint-disable-next-line SPC101 -- legacy, see #12 -->
- Weights: 2 × 3.5 GB = 7.2 GB
  <!-- speclint-disable-next-line SPC202 -- legacy, see #12 -->
  - Total: 3 GB + 4 GB = 8 GB

<!-- speclint-disable SPC101 -- legacy, see #12 -->
| a | b |
|---|---|
| KV | 2 × 2 GB = 5 GB |
| KV | 2 × 3 GB = 7 GB |
<!-- speclint-enable SPC101 -->

After.
"""


def test_add_suppression_comments_every_finding_and_the_file_is_clean(cli, tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(PLAN)
    (tmp_path / "clean.md").write_text("- Weights: 2 × 3.5 GB = 7.0 GB\n")
    code, out, err = cli(["check", "--add-suppression=legacy, see #12", "."], cwd=tmp_path)
    assert (code, out) == (0, "")
    assert err == "Added 3 suppression comments to 1 file.\n"
    assert (tmp_path / "plan.md").read_text() == SUPPRESSED
    assert (tmp_path / "clean.md").read_text() == "- Weights: 2 × 3.5 GB = 7.0 GB\n"
    assert cli(["check", "."], cwd=tmp_path) == (0, "All checks passed!\n", "")


def test_add_suppression_without_reason_keeps_crlf_and_the_selection(cli, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_bytes(b"x\r\n- Total: 3 GB + 4 GB = 8 GB\r\n- W: 2 x 3 GB = 7 GB\r\n")
    code, _, err = cli(
        ["check", "plan.md", "--select", "SPC202", "--add-suppression"], cwd=tmp_path
    )
    assert code == 0 and err == "Added 1 suppression comment to 1 file.\n"
    assert doc.read_bytes() == (
        b"x\r\n<!-- speclint-disable-next-line SPC202 -->\r\n"
        b"- Total: 3 GB + 4 GB = 8 GB\r\n- W: 2 x 3 GB = 7 GB\r\n"
    )


def test_add_suppression_refuses_stdin_and_fix(cli, tmp_path: Path) -> None:
    code, _, err = cli(["check", "-", "--add-suppression"], stdin=PLAN, cwd=tmp_path)
    assert code == 2 and "not with '-', --fix or --diff" in err


def test_add_suppression_does_not_write_through_a_symlink(cli, tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(PLAN)
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    code, _, err = cli(["check", "link.md", "--add-suppression"], cwd=tmp_path)
    assert code == 2 and "link.md: is a symbolic link" in err
    assert (tmp_path / "real.md").read_text() == PLAN


STALE = """# Plan

<!-- speclint-disable-next-line SPC101 -- stale -->
- Weights: 2 × 3.5 GB = 7.0 GB
- Total: 3 GB + 4 GB = 7 GB <!-- speclint-disable-line SPC202 -->
- KV: 2 × 2 GB = 5 GB <!-- speclint-disable-line SPC101 -->
- Typo: 1 GB <!-- speclint-disable-line SPC999 -->
"""


def test_spc002_fix_removes_unused_suppressions(cli, tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(STALE)
    code, out, _ = cli(["check", "plan.md"], cwd=tmp_path)
    assert (
        "= suggestion (safe): remove '<!-- speclint-disable-next-line SPC101 -- stale -->'" in out
    )
    assert out.count("suggestion") == 2  # the unknown rule's comment has no fix
    code, out, _ = cli(["check", "plan.md", "--fix"], cwd=tmp_path)
    assert (tmp_path / "plan.md").read_text() == (
        "# Plan\n\n"
        "- Weights: 2 × 3.5 GB = 7.0 GB\n"
        "- Total: 3 GB + 4 GB = 7 GB\n"
        "- KV: 2 × 2 GB = 5 GB <!-- speclint-disable-line SPC101 -->\n"
        "- Typo: 1 GB <!-- speclint-disable-line SPC999 -->\n"
    )
    assert code == 0 and "Found 3 problems (2 fixed, 1 remaining)." in out
