"""Growth: lint time and peak memory against document size, for several document shapes.

    nice python benchmarks/growth.py [--shapes prose,dense,...] [--units F] [--max-scale 16]
                                     [--cpu-limit SECONDS] [--profile SHAPE]

Each shape is generated at ×1, ×2, ×4, ×8, ×16 its base size (``--units`` scales the bases;
``mixed`` is one document of about 5 MB, measured at 1/16 … 16/16 of it). Every document is
linted by ``speclint.engine.lint`` in a child process: the child reports the CPU seconds of
the lint alone (imports and a warm-up lint excluded) and ``os.wait4`` its peak resident
memory, from which the peak of a child that lints an empty document is subtracted. Between
consecutive sizes the growth exponent is log(t2/t1)/log(2) (1 is linear, 2 quadratic);
exponents over 1.2 are flagged. A document that takes over ``--cpu-limit`` seconds of CPU
(default 600) ends its shape's table. ``--profile SHAPE`` prints cProfile's top functions of
that shape at ×8 and ×16 instead. No timed tests use this: timings on a shared machine are
for reading, not asserting.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

#: Exponents above this are flagged as super-linear ...
FLAG_EXPONENT = 1.2
#: ... when the larger run takes this much CPU (s) or memory (MB over the baseline) at least:
#: below that, noise on a shared machine decides the ratio.
MIN_CPU, MIN_MB = 0.3, 20
#: The mixed document's size: just under the 5 MB file cap of ``speclint check``.
MIXED_BYTES = 4_900_000
#: Linted first in every child, so that one-time costs (lazy patterns, rule loading) are not
#: counted as growth.
WARM_UP = (
    Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "parallel-strategy-deployment.md"
)

#: The child: lint the file named in argv[1]; print the lint's CPU seconds and the diagnostics.
CHILD = """
import resource, sys
from speclint.engine.lint import lint_source, run_rules
from speclint.judgement.analysis import analyze

lint_source(open(sys.argv[2], encoding="utf-8").read())  # warm-up: lazy patterns, rules
source = open(sys.argv[1], encoding="utf-8").read()
before = resource.getrusage(resource.RUSAGE_SELF)
analysis = analyze(source, sys.argv[1])
found = run_rules(analysis)
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
print(cpu, len(analysis.claims), len(found), sum(d.code == "SPC003" for d in found))
"""
PROFILE = """
import cProfile, pstats, sys
from speclint.engine.lint import lint_source

lint_source(open(sys.argv[3], encoding="utf-8").read())  # warm-up
source = open(sys.argv[1], encoding="utf-8").read()
profile = cProfile.Profile()
profile.runcall(lint_source, source, sys.argv[1])
pstats.Stats(profile).sort_stats("tottime").print_stats(int(sys.argv[2]))
"""


# ---- document shapes -----------------------------------------------------------------------


def prose(n: int) -> str:
    """Sections of plain prose, one claim in every third section."""
    parts = ["# Rollout notes\n"]
    for i in range(n):
        parts.append(f"\n## Stage {i}\n\n")
        parts.append(
            "The service moves to the new pool in stages; each stage is reviewed by the team "
            "that owns it before the next one starts, and nothing is switched off until the "
            "dashboards have been quiet for a full day.\n\n"
            "Rollback is a configuration change; the old pool stays warm until the review.\n\n"
        )
        if i % 3 == 0:
            parts.append(f"Stage {i} adds {i % 7 + 2} × 8 GPUs = {(i % 7 + 2) * 8} GPUs.\n")
    return "".join(parts)


def dense(n: int) -> str:
    """Every line a claim or a fact: formulas, sums with a total, conversions, per-GPU figures
    and their totals, the GPU count stated again and again, all in one section (so every total
    sees every per-unit figure and every fact)."""
    parts = ["# Capacity plan\n\nThe fleet has 32 GPUs (4 nodes × 8 GPUs).\n\n"]
    for i in range(n):
        a, b = i % 9 + 1, i % 5 + 2
        per = 10 + i % 50
        parts.append(
            f"- Weights {i}: {a} × {b} GB = {a * b} GB\n"
            f"- KV cache {i}: {b}.5 GB\n"
            f"- Total {i}: {a * b + b}.5 GB\n\n"
            f"- GPUs: 32\n"
            f"- Achieved {i}: {per} tokens/ms per GPU\n"
            f"- Total system throughput {i}: {per * 32:,} tokens/ms\n\n"
            f"Replica {i} serves {a * 100:,} requests/s, i.e. {a * 100 * 60:,} requests/min.\n\n"
        )
    return "".join(parts)


def table(n: int) -> str:
    """One long table: a formula column, a column that is the product of two others, and a
    total row."""
    header = "| Pool | Nodes | GPUs / node | GPUs | Memory | Memory (GB) |\n"
    rows = ["# Fleet\n\n" + header + "|---|---:|---:|---:|---|---:|\n"]
    total = 0
    for i in range(n):
        nodes, per = i % 12 + 1, 8
        total += nodes * per * 80
        memory = f"{nodes * per} × 80 GB = {nodes * per * 80:,} GB"
        rows.append(
            f"| pool-{i} | {nodes} | {per} | {nodes * per} | {memory} | {nodes * per * 80:,} |\n"
        )
    rows.append(f"| **Total** | | | | | {total:,} |\n")
    return "".join(rows)


def config(n: int) -> str:
    """One long YAML block whose keys carry units and whose comments are formulas."""
    lines = ["# Serving config\n\n```yaml\n"]
    for i in range(n):
        a = i % 9 + 1
        lines.append(f"pool_{i}:\n  kv_cache_gib: {a * 2}  # {a} × 2\n")
        lines.append(f"  step_floor_ms: {a * 10}  # {a * 10_000} / 1000\n")
    lines.append("```\n")
    return "".join(lines)


def list_items(n: int) -> str:
    """A long list of ``Label: value`` items ending in one total."""
    items = ["# Budget\n\n"]
    for i in range(n):
        items.append(f"- Part {i}: {i % 7 + 1} GB\n")
    total = sum(i % 7 + 1 for i in range(n))
    items.append(f"- Total: {total} GB\n")
    return "".join(items)


#: Each shape and its units at ×1 (about 0.1-0.3 s of lint at ×1 on the 2-core machine).
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "prose": (prose, 200),
    "dense": (dense, 40),
    "table": (table, 100),
    "config": (config, 100),
    "list": (list_items, 200),
}


def generate(name: str, scale: int, max_scale: int, units: float) -> str:
    """The document of shape ``name`` at ``scale``."""
    if name == "mixed":
        return mixed(scale, max_scale)
    shape, base = SHAPES[name]
    return shape(max(1, round(base * units)) * scale)


def mixed(scale: int, max_scale: int) -> str:
    """``scale``/``max_scale`` of a document of about ``MIXED_BYTES``: every shape in turn."""
    chunk = "".join(shape(base // 4) for shape, base in SHAPES.values())
    whole = chunk * (MIXED_BYTES // len(chunk.encode()))
    return whole[: len(whole) * scale // max_scale]


# ---- measuring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    size: int
    cpu: float
    peak_mb: float
    claims: int
    found: int
    unchecked: int


def run_child(path: Path, cpu_limit: int = 0) -> Run | None:
    """Lint ``path`` in a child; its lint CPU seconds and peak memory (from ``os.wait4``).
    None when it used up ``cpu_limit`` seconds of CPU (0: no limit)."""
    command = [sys.executable, "-c", CHILD, str(path), str(WARM_UP)]

    def limit() -> None:
        if cpu_limit:
            resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 5))

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        # Run elsewhere than here, so that the interpreter's speclint (not a checkout in the
        # current directory) is the one measured.
        child = subprocess.Popen(
            command, stdout=out, stderr=err, text=True, cwd=path.parent, preexec_fn=limit
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode in (-signal.SIGXCPU, -signal.SIGKILL) and cpu_limit:
            return None
        if child.returncode:
            raise SystemExit(f"child failed on {path}:\n{err.read()}")
        cpu, claims, found, unchecked = out.read().split()
    size = path.stat().st_size
    peak = usage.ru_maxrss / 1024
    return Run(size, float(cpu), peak, int(claims), int(found), int(unchecked))


def exponent(small: float, large: float) -> float | None:
    """log2 of the ratio between two consecutive sizes (which double)."""
    if small <= 0 or large <= 0:
        return None
    return math.log(large / small) / math.log(2)


def _fmt_exp(value: float | None, counts: bool) -> str:
    """An exponent, marked when it is over the flag and the step is large enough to count."""
    if value is None:
        return "-"
    flag = " !" if value > FLAG_EXPONENT and counts else ""
    return f"{value:.2f}{flag}"


#: The table's columns: heading and width.
COLUMNS = [("scale", 6), ("bytes", 10), ("claims", 7), ("diag", 5), ("SPC003", 6), ("CPU s", 7)]
COLUMNS += [("exp", 7), ("peak MB", 8), ("+MB", 6), ("exp", 7)]


def _row(cells: list[str]) -> str:
    return " ".join(f"{cell:>{width}}" for cell, (_, width) in zip(cells, COLUMNS, strict=True))


def measure_shape(
    name: str, texts: list[str], scales: list[int], base_mb: float, out: Path, cpu_limit: int
) -> list[str]:
    """Print the growth table of one shape; return the super-linear steps."""
    print(f"\n{name}\n" + _row([heading for heading, _ in COLUMNS]))
    previous: Run | None = None
    flagged = []
    for scale, text in zip(scales, texts, strict=True):
        path = out / f"{name}-{scale}.md"
        path.write_text(text, encoding="utf-8")
        run = run_child(path, cpu_limit)
        if run is None:
            print(f"{'×' + str(scale):>6} {len(text.encode()):>10,}  over {cpu_limit} s of CPU")
            flagged.append(f"{name} ×{scale}: over the CPU limit ({cpu_limit} s)")
            break
        extra = run.peak_mb - base_mb
        t_exp = m_exp = None
        if previous is not None:
            t_exp = exponent(previous.cpu, run.cpu)
            m_exp = exponent(previous.peak_mb - base_mb, extra)
            if t_exp is not None and t_exp > FLAG_EXPONENT and run.cpu >= MIN_CPU:
                flagged.append(f"{name} time ×{scale // 2}→×{scale}: {t_exp:.2f}")
            if m_exp is not None and m_exp > FLAG_EXPONENT and extra >= MIN_MB:
                flagged.append(f"{name} memory ×{scale // 2}→×{scale}: {m_exp:.2f}")
        cells = [f"×{scale}", f"{run.size:,}", f"{run.claims:,}", str(run.found)]
        cells += [str(run.unchecked), f"{run.cpu:.2f}", _fmt_exp(t_exp, run.cpu >= MIN_CPU)]
        cells += [f"{run.peak_mb:.0f}", f"{extra:.0f}", _fmt_exp(m_exp, extra >= MIN_MB)]
        print(_row(cells), flush=True)
        previous = run
    return flagged


def profile(name: str, scales: list[int], units: float, out: Path, top: int) -> None:
    """cProfile's top functions (by own time) of shape ``name`` at the last two scales."""
    for scale in scales[-2:]:
        text = generate(name, scale, scales[-1], units)
        path = out / f"profile-{name}-{scale}.md"
        path.write_text(text, encoding="utf-8")
        print(f"==== {name} ×{scale} ({len(text):,} characters)", flush=True)
        command = [sys.executable, "-c", PROFILE, str(path), str(top), str(WARM_UP)]
        subprocess.run(command, check=True, cwd=out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join([*SHAPES, "mixed"]))
    parser.add_argument("--units", type=float, default=1.0, help="scales every shape's ×1")
    parser.add_argument("--max-scale", type=int, default=16)
    parser.add_argument("--profile", metavar="SHAPE", help="cProfile the last two scales")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cpu-limit", type=int, default=600, help="seconds per document")
    args = parser.parse_args()
    scales = [2**k for k in range(int(math.log2(args.max_scale)) + 1)]
    with tempfile.TemporaryDirectory(prefix="speclint-growth-") as tmp:
        out = Path(tmp)
        if args.profile:
            profile(args.profile, scales, args.units, out, args.top)
            return
        empty = out / "empty.md"
        empty.write_text("# Empty\n", encoding="utf-8")
        base = run_child(empty)
        assert base is not None
        base_mb = base.peak_mb
        print(f"peak of a child linting an empty document: {base_mb:.0f} MB (the +MB baseline)")
        flagged: list[str] = []
        for name in args.shapes.split(","):
            texts = [generate(name, s, scales[-1], args.units) for s in scales]
            flagged += measure_shape(name, texts, scales, base_mb, out, args.cpu_limit)
    print(f"\nsuper-linear (exponent over {FLAG_EXPONENT}):", *flagged or ["none"], sep="\n  ")


if __name__ == "__main__":
    main()
