"""``speclint explain --plot FILE.svg|.png``: the roofline of the document's hardware with each
throughput and latency claim placed on it (matplotlib, the ``plot`` extra).

A claim becomes a point at its arithmetic intensity (FLOPs per byte of weights read: every step
reads the active weights once and does 2 FLOPs per weight for each token in the step, so
2 × tokens per step ÷ bytes per weight) and the FLOP/s per GPU it implies (tokens/s × 2 × active
weights; a latency's work over its time). Tokens per step are the claim's batch, else the
document's batch, else 1; for time to first token, the prompt length. A point above the roof,
min(peak FLOPS, intensity × bandwidth), is impossible at 100 % of the hardware.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from speclint.domain.statements import Statement
from speclint.domain.view import Domain

INSTALL_HINT = "--plot needs matplotlib: pip install 'speclint[plot]'"
KINDS = ("throughput", "ttft", "tpot")


@dataclass(frozen=True)
class Point:
    """One claim on the roofline."""

    line: int
    label: str
    intensity: float  # FLOP per byte
    flops: float  # FLOP/s per GPU
    inside: bool  # at or under the roof at 100 % of peak


@dataclass(frozen=True)
class Roofline:
    peak: float  # FLOP/s per GPU
    bandwidth: float  # bytes/s per GPU
    mfu: float
    utilisation: float
    points: tuple[Point, ...]

    def roof(self, intensity: float) -> float:
        return min(self.peak, intensity * self.bandwidth)


def roofline(domain: Domain) -> Roofline | None:
    """The roofline and its points, or ``None`` when the document gives no peak FLOPS, memory
    bandwidth, weight size or model to place claims with."""
    dep = domain.deployment
    flops, bw, params = dep.hardware.flops, dep.hardware.bandwidth, dep.min_active_params
    if flops is None or bw is None or params is None or dep.weight_bytes is None:
        return None
    per_weight = dep.weight_bytes[0]
    gpus = dep.gpus()
    batch = dep.facts.get("batch")
    prompt = dep.facts.get("prompt_len")
    points = []
    for statement in domain.statements:
        placed = _place(statement, params.low, gpus[0] if gpus else None, batch, prompt)
        if placed is None:
            continue
        tokens, achieved = placed
        intensity = 2 * tokens / per_weight
        roof = min(flops.value, intensity * bw.value)
        label = f"line {statement.line}: {statement.label[:40]}"
        points.append(
            Point(statement.line, label, float(intensity), float(achieved), achieved <= roof)
        )
    return Roofline(
        float(flops.value),
        float(bw.value),
        float(dep.efficiency("mfu")[0]),
        float(dep.efficiency("bandwidth_utilisation")[0]),
        tuple(points),
    )


def _place(
    statement: Statement, params: Fraction, gpus: Fraction | None, batch: object, prompt: object
) -> tuple[Fraction, Fraction] | None:
    """(tokens per step, FLOP/s per GPU) a throughput or latency claim implies."""
    value = Fraction(statement.value.point)
    if statement.kind not in KINDS or value <= 0:
        return None
    step = Fraction(getattr(statement.batch or batch, "value", 1))
    if statement.kind == "throughput":
        per_gpu = value if statement.per_gpu is not False else (value / gpus if gpus else None)
        return None if per_gpu is None else (step, per_gpu * 2 * params)
    if gpus is None:
        return None
    if statement.kind == "ttft":
        length = statement.prompt_tokens or getattr(prompt, "value", None)
        if length is None:
            return None
        return Fraction(length), 2 * params * Fraction(length) / (value * gpus)
    return step, 2 * params * step / (value * gpus)  # tpot: one step per output token


#: Labels of claims closer than this (in points, horizontally) are stacked, at least
#: ``LABEL_GAP`` points apart, so that none covers another.
LABEL_NEAR, LABEL_GAP = 150.0, 11.0


def _label_offsets(axes: Any, points: tuple[Point, ...]) -> list[float]:
    """How far above its point (in points) each label goes: 4, or higher where the label of a
    lower claim nearby would be covered (lowest claim first, then by line)."""
    scale = 72 / axes.figure.dpi
    axes.get_xlim(), axes.get_ylim()  # settle autoscaling before measuring
    where = [axes.transData.transform((p.intensity, p.flops)) * scale for p in points]
    offsets = [0.0] * len(points)
    placed: list[tuple[float, float]] = []  # (x, height) of each label placed so far
    for i in sorted(range(len(points)), key=lambda i: (where[i][1], points[i].line)):
        x, y = where[i]
        height = y + 4
        for other_x, other in sorted(placed, key=lambda t: t[1]):
            if abs(other_x - x) < LABEL_NEAR and height < other + LABEL_GAP:
                height = other + LABEL_GAP
        placed.append((x, height))
        offsets[i] = float(height - y)
    return offsets


def draw(chart: Roofline, path: str, title: str) -> None:
    """Write the chart to ``path`` (SVG or PNG by its suffix). Raises ``ImportError`` without
    matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG
    pyplot.rcParams["svg.hashsalt"] = "speclint"
    figure, axes = pyplot.subplots(figsize=(9, 6))
    ridge = chart.peak / chart.bandwidth
    xs = [*(p.intensity for p in chart.points), ridge]
    low, high = min([*xs, 1.0]) / 4, max(xs) * 8
    grid = [low * (high / low) ** (i / 200) for i in range(201)]
    axes.loglog(grid, [chart.roof(x) for x in grid], color="black", label="roof at 100 % of peak")
    axes.loglog(
        grid,
        [min(chart.peak * chart.mfu, x * chart.bandwidth * chart.utilisation) for x in grid],
        color="grey",
        linestyle="--",
        label=f"at MFU {chart.mfu:.0%}, bandwidth utilisation {chart.utilisation:.0%}",
    )
    lowest = min([low * chart.bandwidth * chart.utilisation, *(p.flops for p in chart.points)])
    axes.set_ylim(lowest / 3, max([chart.peak, *(p.flops for p in chart.points)]) * 5)
    figure.tight_layout()  # the axes' final size, so that label offsets are measured on it
    offsets = _label_offsets(axes, chart.points)
    for point, offset in zip(chart.points, offsets, strict=True):
        colour = "tab:green" if point.inside else "tab:red"
        marker = axes.scatter([point.intensity], [point.flops], color=colour, zorder=3)
        marker.set_gid(f"claim-line-{point.line}")
        # A label in the right third of the chart goes to the left of its point, inside.
        display = axes.transData.transform((point.intensity, point.flops))
        left = axes.transAxes.inverted().transform(display)[0] > 2 / 3
        axes.annotate(
            point.label,
            (point.intensity, point.flops),
            textcoords="offset points",
            xytext=(-6 if left else 6, offset),
            horizontalalignment="right" if left else "left",
            fontsize=8,
            color=colour,
            gid=f"label-line-{point.line}",
        )
    axes.annotate(
        f"peak {chart.peak / 1e12:g} TFLOPS; bandwidth {chart.bandwidth / 1e12:g} TB/s",
        (high, chart.peak),
        textcoords="offset points",
        xytext=(-4, 6),
        horizontalalignment="right",
        fontsize=8,
    )
    axes.set_xlabel("arithmetic intensity (FLOP per byte of weights)")
    axes.set_ylabel("FLOP/s per GPU")
    axes.set_title(title)
    axes.legend(loc="upper left", fontsize=8)
    axes.grid(True, which="major", alpha=0.3)
    figure.tight_layout()
    metadata = {"Date": None} if Path(path).suffix.lower() == ".svg" else {}
    figure.savefig(path, metadata=metadata)
    pyplot.close(figure)
