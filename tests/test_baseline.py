"""Claim baselines: ``--write-baseline FILE`` and ``--baseline FILE`` round trip; a moved or
re-wrapped claim keeps its entry, a changed one does not."""

from __future__ import annotations

import json
from pathlib import Path

PLAN = "# Plan\n\n- Weights: 2 × 3.5 GB = 7.2 GB\n- Total: 3 GB + 4 GB = 8 GB\n"


def _concise(cli, args: list[str], cwd: Path) -> tuple[int, list[str]]:
    code, out, _ = cli(["check", *args, "--output-format", "concise"], cwd=cwd)
    return code, [line.split(" [")[0] for line in out.splitlines()[:-1]]


def test_baseline_round_trip_with_a_moved_and_a_changed_claim(cli, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text(PLAN)
    code, out, err = cli(["check", ".", "--write-baseline", "baseline.json"], cwd=tmp_path)
    assert (code, out, err) == (0, "", "Wrote 2 findings to baseline.json.\n")
    saved = json.loads((tmp_path / "baseline.json").read_text())
    assert saved["speclint-baseline"] == 1
    assert [(e["path"], e["code"]) for e in saved["findings"]] == [
        ("plan.md", "SPC101"),
        ("plan.md", "SPC202"),
    ]
    assert cli(["check", ".", "--baseline", "baseline.json"], cwd=tmp_path) == (
        0,
        "All checks passed!\n",
        "",
    )
    # Moved down three lines: still recorded.
    doc.write_text("# Plan\n\nIntro.\n\nMore.\n" + PLAN.removeprefix("# Plan\n"))
    assert _concise(cli, [".", "--baseline", "baseline.json"], tmp_path) == (0, [])
    # A changed claim and a new one are reported; the unchanged one is not.
    doc.write_text(PLAN.replace("7.2 GB", "7.3 GB") + "- KV: 2 × 2 GB = 5 GB\n")
    assert _concise(cli, [".", "--baseline", "baseline.json"], tmp_path) == (
        1,
        ["plan.md:3:25: SPC101", "plan.md:5:18: SPC101"],
    )


def test_a_baseline_entry_absorbs_one_finding(cli, tmp_path: Path) -> None:
    doc = tmp_path / "plan.md"
    doc.write_text("- W: 2 × 3.5 GB = 7.2 GB\n")
    cli(["check", ".", "--write-baseline", "b.json"], cwd=tmp_path)
    doc.write_text("- W: 2 × 3.5 GB = 7.2 GB\n- W: 2 × 3.5 GB = 7.2 GB\n")
    assert _concise(cli, [".", "--baseline", "b.json"], tmp_path) == (1, ["plan.md:2:19: SPC101"])


def test_a_bad_baseline_is_an_error(cli, tmp_path: Path) -> None:
    (tmp_path / "plan.md").write_text(PLAN)
    (tmp_path / "b.json").write_text('{"findings": []}')
    code, _, err = cli(["check", ".", "--baseline", "b.json"], cwd=tmp_path)
    assert code == 2 and "b.json: not a speclint baseline" in err
    code, _, err = cli(["check", ".", "--baseline", "missing.json"], cwd=tmp_path)
    assert code == 2 and "missing.json: not a readable baseline" in err
