"""``speclint explain``: several files at once, and tables whose cells stay on one line and say
where they were cut."""

from __future__ import annotations

import json
from pathlib import Path

from speclint.app.explain import _cell, _table

SEED = "fixtures/seed/parallel-strategy-deployment.md"
PLAN = "# Plan\n\n- Layers: 32\n- Hidden size: 4096\n"


def test_a_cell_stays_on_one_line_and_ends_in_an_ellipsis_where_cut() -> None:
    assert _cell("4×4×2\n(EP×TP×PP)") == "4×4×2 (EP×TP×PP)"
    assert _cell("abcdefghij", 5) == "abcd…"
    assert _cell("abcdefghij", 10) == "abcdefghij"
    assert _cell("ab   cd ef", 6) == "ab cd…"  # the cut does not leave a space before "…"
    assert _cell("模型参数量", 6) == "模型…"  # by display width: each character takes two
    assert _table(["a", "b"], [["模型", "x"], ["1", "y\nz"]]) == (
        "a     b\n----  ---\n模型  x\n1     y z\n"
    )


def test_seed_tables(cli) -> None:
    code, out, err = cli(["explain", SEED])
    assert (code, err) == (0, "")
    lines = out.split("\n")
    # The layout fact was read from two lines of the document; its cell is one line.
    assert lines[5] == "13    ep                4           4×4×2 (EP×TP×PP)"
    # Values in their units.
    assert "36    memory_bandwidth  1.6 TB/s    Memory bandwidth: 1.6 TB/s per GPU" in lines
    assert "30    param_count       10B         Total Parameters: 10B" in lines
    assert (
        "58    kv-per-token              per GPU  "
        "KV Cache: 13.42GB (32 sequences × 10240 tokens × 40,960 byt…"
    ) in lines


def test_several_files(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    code, out, err = cli(["explain", SEED, str(plan)])
    assert (code, err) == (0, "")
    headers = [line for line in out.split("\n") if line.startswith("speclint explain ")]
    assert headers == [f"speclint explain {SEED}", f"speclint explain {plan}"]
    assert "\n\nspeclint explain " in out  # a blank line between two explanations
    assert "\n20    layers" in out and "\n3     layers       32     Layers: 32\n" in out

    code, out, err = cli(["explain", SEED, str(plan), "--output-format", "json"])
    reports = json.loads(out)
    assert [r["path"] for r in reports] == [SEED, str(plan)]
    assert [(f["name"], f["line"]) for f in reports[1]["facts"]] == [
        ("layers", 3),
        ("hidden_size", 4),
    ]
    # One file: one object, as before (with its path).
    code, out, err = cli(["explain", str(plan), "--output-format", "json"])
    assert json.loads(out)["path"] == str(plan)


def test_a_missing_file_is_reported_and_the_others_explained(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    code, out, err = cli(["explain", str(tmp_path / "nope.md"), str(plan)])
    assert code == 2
    assert err == f"speclint: error: {tmp_path / 'nope.md'}: no such file or directory\n"
    assert out.startswith(f"speclint explain {plan}\n")


def test_plot_takes_one_document(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text(PLAN, encoding="utf-8")
    code, out, err = cli(["explain", SEED, str(plan), "--plot", str(tmp_path / "r.svg")])
    assert (code, out) == (2, "")
    assert err == "speclint: error: --plot draws the roofline of one document\n"
    assert not (tmp_path / "r.svg").exists()


def test_a_conflict_names_its_lines(cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan.md"
    plan.write_text("# Plan\n\n- Batch size: 16\n- Batch size: 32\n", encoding="utf-8")
    out = cli(["explain", str(plan)])[1]
    assert "\nconflict: batch on lines 3 and 4\n" in out
