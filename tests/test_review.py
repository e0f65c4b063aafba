"""Pull-request review (--diff-base, --diff-file) against real git history in a temp repo."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from speclint.app.review import ReviewError, parse_unified_diff

PLAN = """\
# Plan

The service runs on 32 GPUs (4 nodes × 8 GPUs).

## Throughput

- Per-GPU throughput: 120 tokens/ms
- Total system throughput: 3,840 tokens/ms

## Memory

- Weights: 28 GB (13B params × 2 bytes)

## Per-GPU budget

- Model weights: 28.5 GB
- KV cache: 36.0 GB
- Activations (peak): 6.2 GB
- Total used: 70.7 GB
"""
# Line 12 holds an error that was already there; lines 8 and 19 are right at first.
PRE_EXISTING, PER_UNIT_TOTAL, SUM_TOTAL = 12, 8, 19
NEW_ERROR = "- KV: 30 GB (13B params × 2 bytes)\n"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.md").write_text(PLAN, encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "plan")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _findings(cli, args: list[str], cwd: Path, stdin: str | None = None) -> tuple[int, list]:
    code, out, err = cli(["check", *args, "--format", "json"], cwd=cwd, stdin=stdin)
    assert code in (0, 1), err
    return code, [(d["path"], d["line"], d["code"]) for d in json.loads(out)]


def test_unchanged_inputs_stay_quiet_changed_inputs_report_untouched_totals(
    cli, repo: Path
) -> None:
    plan = repo / "docs" / "plan.md"
    assert _findings(cli, ["docs/plan.md", "--diff-base", "HEAD"], repo) == (0, [])
    _edit(plan, "32 GPUs (4 nodes", "48 GPUs (6 nodes")  # the count behind line 8
    _edit(plan, "KV cache: 36.0 GB", "KV cache: 37.0 GB")  # a part of the sum on line 19
    plan.write_text(plan.read_text(encoding="utf-8") + NEW_ERROR, encoding="utf-8")
    code, found = _findings(cli, ["docs/plan.md", "--diff-base", "HEAD"], repo)
    assert code == 1
    assert found == [
        ("docs/plan.md", PER_UNIT_TOTAL, "SPC301"),
        ("docs/plan.md", SUM_TOTAL, "SPC103"),
        ("docs/plan.md", 20, "SPC101"),
    ]
    # Without the review, the pre-existing error is there too.
    assert (PRE_EXISTING, "SPC101") in [f[1:] for f in _findings(cli, ["docs/plan.md"], repo)[1]]


def test_paths_from_a_subdirectory_and_committed_history(cli, repo: Path) -> None:
    plan = repo / "docs" / "plan.md"
    _edit(plan, "32 GPUs (4 nodes", "48 GPUs (6 nodes")
    _git(repo, "commit", "-qam", "more GPUs")
    docs = repo / "docs"
    assert _findings(cli, ["plan.md", "--diff-base", "HEAD"], docs) == (0, [])
    assert _findings(cli, ["plan.md", "--diff-base", "HEAD~1"], docs) == (
        1,
        [("plan.md", PER_UNIT_TOTAL, "SPC301")],
    )
    # A directory argument, and the text output's summary.
    code, out, _ = cli(["check", ".", "--diff-base", "HEAD~1"], cwd=docs)
    assert code == 1 and out.startswith("plan.md:8:28: SPC301 ")
    assert out.endswith("Found 1 problem (1 error).\n")


def test_renamed_and_untracked_files(cli, repo: Path) -> None:
    _git(repo, "mv", "docs/plan.md", "docs/renamed.md")
    _edit(repo / "docs" / "renamed.md", "32 GPUs (4 nodes", "48 GPUs (6 nodes")
    (repo / "docs" / "new.md").write_text(PLAN, encoding="utf-8")  # untracked: all of it is new
    _, found = _findings(cli, ["docs", "--diff-base", "HEAD"], repo)
    assert found == [
        ("docs/new.md", PRE_EXISTING, "SPC101"),
        ("docs/renamed.md", PER_UNIT_TOTAL, "SPC301"),
    ]


def test_a_deleted_part_reports_its_total(cli, repo: Path) -> None:
    _edit(repo / "docs" / "plan.md", "- KV cache: 36.0 GB\n", "")
    _, found = _findings(cli, ["docs/plan.md", "--diff-base", "HEAD"], repo)
    assert found == [("docs/plan.md", SUM_TOTAL - 1, "SPC103")]


def test_bad_revision_and_no_repository(cli, repo: Path, tmp_path_factory) -> None:
    code, out, err = cli(["check", "docs/plan.md", "--diff-base", "no-such-ref"], cwd=repo)
    assert (code, out) == (2, "")
    assert f"speclint: error: --diff-base: 'no-such-ref' is not a commit in {repo}" in err
    assert cli(["check", "docs/plan.md", "--diff-base", "--output=x"], cwd=repo)[0] == 2
    outside = tmp_path_factory.mktemp("outside")
    (outside / "plan.md").write_text(PLAN, encoding="utf-8")
    code, _, err = cli(["check", "plan.md", "--diff-base", "HEAD"], cwd=outside)
    assert code == 2 and "not a git repository" in err


def test_diff_file_and_stdin(cli, repo: Path) -> None:
    plan = repo / "docs" / "plan.md"
    _edit(plan, "32 GPUs (4 nodes", "48 GPUs (6 nodes")
    diff = _git(repo, "diff")  # default prefixes and three lines of context
    (repo / "pr.diff").write_text(diff, encoding="utf-8")
    expected = (1, [("docs/plan.md", PER_UNIT_TOTAL, "SPC301")])
    assert _findings(cli, ["docs/plan.md", "--diff-file", "pr.diff"], repo) == expected
    assert _findings(cli, ["docs/plan.md", "--diff-file", "-"], repo, stdin=diff) == expected
    code, _, err = cli(["check", "docs/plan.md", "--diff-file", "missing.diff"], cwd=repo)
    assert code == 2 and "missing.diff" in err
    assert cli(["check", "-", "--diff-file", "-"], cwd=repo, stdin="")[0] == 2


def test_fix_with_diff_base_fixes_only_what_the_review_reports(cli, repo: Path) -> None:
    plan = repo / "docs" / "plan.md"
    plan.write_text(PLAN + "- Step: 800 ms (4 × 200 ms)\n", encoding="utf-8")
    _git(repo, "commit", "-qam", "step")
    # A safe fix on a changed line (850 → 800); the pre-existing 28 GB stays as it is.
    _edit(plan, "- Step: 800 ms", "- Step: 850 ms")
    code, out, _ = cli(["check", "--fix", "docs/plan.md", "--diff-base", "HEAD"], cwd=repo)
    assert (code, out) == (0, "Found 1 problem (1 fixed, 0 remaining).\n")
    text = plan.read_text(encoding="utf-8")
    assert "- Step: 800 ms" in text and "- Weights: 28 GB" in text


def test_quoted_non_ascii_paths_in_a_diff_file(cli, repo: Path) -> None:
    _git(repo, "mv", "docs/plan.md", "docs/café plan.md")
    _git(repo, "commit", "-qm", "rename")
    _edit(repo / "docs" / "café plan.md", "32 GPUs (4 nodes", "48 GPUs (6 nodes")
    diff = _git(repo, "-c", "core.quotePath=true", "diff")
    assert '+++ "b/docs/caf\\303\\251 plan.md"' in diff
    (repo / "pr.diff").write_text(diff, encoding="utf-8")
    assert _findings(cli, ["docs", "--diff-file", "pr.diff"], repo) == (
        1,
        [("docs/café plan.md", PER_UNIT_TOTAL, "SPC301")],
    )


def test_a_branch_behind_main_reports_only_its_own_changes(cli, repo: Path) -> None:
    """Merge-base semantics: what main changed after the branch left it is not the branch's."""
    plan = repo / "docs" / "plan.md"
    _git(repo, "branch", "-M", "main")
    _git(repo, "checkout", "-qb", "feature")
    _edit(plan, "32 GPUs (4 nodes", "48 GPUs (6 nodes")  # the branch's commit: line 8
    _git(repo, "commit", "-qam", "more GPUs")
    _git(repo, "checkout", "-q", "main")
    # main fixes the pre-existing error on line 12 and adds a line the branch does not have.
    _edit(plan, "- Weights: 28 GB", "- Weights: 26 GB")
    _edit(plan, "## Memory\n", "## Memory\n\nSized for the peak.\n")
    _git(repo, "commit", "-qam", "fix weights")
    _git(repo, "checkout", "-q", "feature")
    _edit(plan, "KV cache: 36.0 GB", "KV cache: 37.0 GB")  # uncommitted: the total on line 19
    (repo / "docs" / "new.md").write_text(NEW_ERROR, encoding="utf-8")  # untracked
    code, found = _findings(cli, ["docs", "--diff-base", "main"], repo)
    assert code == 1
    assert found == [
        ("docs/new.md", 1, "SPC101"),
        ("docs/plan.md", PER_UNIT_TOTAL, "SPC301"),
        ("docs/plan.md", SUM_TOTAL, "SPC103"),
    ]
    # `git diff main` (the working tree against main's tip) would have reported line 12 too.
    assert (PRE_EXISTING, "SPC101") in [f[1:] for f in _findings(cli, ["docs"], repo)[1]]
    assert "docs/plan.md" in _git(repo, "diff", "--name-only", "main", "--", "docs/plan.md")
    assert "-- Weights: 26 GB" not in _git(repo, "diff", "main...HEAD")


def test_histories_without_a_merge_base(cli, repo: Path) -> None:
    _git(repo, "branch", "-M", "main")
    _git(repo, "checkout", "-q", "--orphan", "other")
    _git(repo, "commit", "-qm", "unrelated")
    _git(repo, "checkout", "-q", "main")
    code, out, err = cli(["check", "docs/plan.md", "--diff-base", "other"], cwd=repo)
    assert (code, out) == (2, "")
    assert err.startswith("speclint: error: --diff-base: other and HEAD have no merge base")


@pytest.mark.parametrize(
    ("diff", "lines"),
    [
        # git -U0: a deletion that adds nothing names the line before it; both sides count.
        ("@@ -5,2 +4,0 @@\n-a\n-b\n", {4, 5}),
        ("@@ -1,2 +0,0 @@\n-a\n-b\n", {1}),
        # With context: the deleted line 3 lay between the new lines 2 and 3.
        ("@@ -1,5 +1,4 @@\n a\n b\n-c\n d\n e\n", {2, 3}),
        # A replacement counts only its added lines; context never counts.
        ("@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n", {2}),
        ("@@ -1,2 +1,3 @@\n a\n b\n+c\n\\ No newline at end of file\n", {3}),
    ],
)
def test_changed_lines_of_a_hunk(diff: str, lines: set[int]) -> None:
    assert parse_unified_diff("--- a/x.md\n+++ b/x.md\n" + diff) == {"x.md": lines}


def test_a_diff_that_is_not_one(cli, repo: Path) -> None:
    with pytest.raises(ReviewError, match="Hunk is shorter than expected"):
        parse_unified_diff("--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n")
    (repo / "bad.diff").write_text("--- a/x\n+++ b/x\n@@ -1,9 +1,9 @@\n a\n", encoding="utf-8")
    code, _, err = cli(["check", "docs/plan.md", "--diff-file", "bad.diff"], cwd=repo)
    assert code == 2 and err.startswith("speclint: error: cannot read the diff: Hunk is shorter")
