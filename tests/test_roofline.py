"""``speclint explain --plot``: the roofline chart with one labelled point per checked
throughput and latency claim."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speclint.app.cli import main
from speclint.app.roofline import roofline
from speclint.engine.rule import LintContext
from speclint.judgement.analysis import analyze
from speclint.settings import DEFAULT_SETTINGS

SEED = (
    Path(__file__).resolve().parent.parent / "fixtures" / "seed" / "parallel-strategy-deployment.md"
)
SVG = "{http://www.w3.org/2000/svg}"


def seed_chart():
    source = SEED.read_text(encoding="utf-8")
    domain = LintContext(analyze(source, str(SEED)), DEFAULT_SETTINGS).domain
    chart = roofline(domain)
    assert chart is not None
    return chart


def test_points_on_the_seed() -> None:
    chart = seed_chart()
    assert (chart.peak, chart.bandwidth, chart.mfu) == (300e12, 1.6e12, 0.6)
    # Lines 69-71 at batch 32 (line 76): 2 × 32 ÷ 2 bytes = 32 FLOP/byte, where the roof is
    # 32 × 1.6 TB/s = 51.2 TFLOP/s; TTFT on line 75 at 10,240 tokens is compute-bound.
    assert [(p.line, p.intensity, p.inside) for p in chart.points] == [
        (69, 32.0, False),
        (70, 32.0, False),
        (71, 32.0, False),
        (75, 10240.0, True),
    ]
    assert chart.points[0].flops == pytest.approx(100_000 * 2 * 1_342_832_640)
    assert chart.points[2].flops == pytest.approx(3_840_000 / 32 * 2 * 1_342_832_640)
    assert chart.points[3].flops == pytest.approx(2 * 1_342_832_640 * 10240 / 8.5 / 32)
    assert chart.points[0].label == "line 69: Target"


def test_svg_holds_one_labelled_point_per_claim(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "roofline.svg"
    assert main(["explain", str(SEED), "--plot", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    for line in (69, 70, 71, 75):
        assert f"claim-line-{line}" in ids and f"label-line-{line}" in ids
    assert sorted(i for i in ids if i and i.startswith("claim-line-")) == [
        "claim-line-69", "claim-line-70", "claim-line-71", "claim-line-75",
    ]  # fmt: skip
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert [t for t in texts if t.startswith("line ")] == [
        "line 69: Target",
        "line 70: Achieved",
        "line 71: Total System Throughput",
        "line 75: Time to first token (TTFT)",
    ]
    assert "roof at 100 % of peak" in texts
    # Labels of claims close together are stacked without covering each other (SVG y grows
    # downwards; the font is 8 points), and one near the right edge goes left of its point.
    labels = {g.get("id"): g.find(f"{SVG}text") for g in root.iter(f"{SVG}g")}
    heights = [float(labels[f"label-line-{line}"].get("y")) for line in (69, 70, 71)]
    assert heights[0] - heights[1] >= 9 and heights[1] - heights[2] >= 9
    assert "text-anchor: end" in labels["label-line-75"].get("style")
    assert "text-anchor: start" in labels["label-line-69"].get("style")


def test_without_matplotlib_the_flag_says_how_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    out = tmp_path / "roofline.svg"
    assert main(["explain", str(SEED), "--plot", str(out)]) == 2
    assert capsys.readouterr().err == (
        "speclint: error: --plot needs matplotlib: pip install 'speclint[plot]'\n"
    )
    assert not out.exists()


def test_no_hardware_no_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "plain.md"
    doc.write_text("# Notes\n\nNothing measured.\n", encoding="utf-8")
    assert main(["explain", str(doc), "--plot", str(tmp_path / "r.svg")]) == 2
    assert "no roofline" in capsys.readouterr().err
