"""Speed, side by side in one run: speclint cold and warm (result cache), a bare markdown-it-py
parse, reading the files and markdownlint-cli2 (when ``npx`` has it offline) over a corpus,
then a single document's whole-process cold start against ``python -c pass``.

    nice .venv/bin/python benchmarks/bench.py [CORPUS_DIR] [--jobs N] [--limit FILES] [--runs N]
    nice .venv/bin/python benchmarks/bench.py --single [--runs N]  # the single document only

Each measurement is a child process: wall time, CPU time (user + system, its own workers
included) and peak resident memory (of its largest process) come from ``os.wait4``. The
default corpus is ../shared/corpus next to the repository. ``benchmarks/findings.py`` prints
what speclint finds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ../shared/corpus, looked for above a worktree too.
DEFAULT_CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
SEED = ROOT / "fixtures" / "seed" / "parallel-strategy-deployment.md"
PLAIN = "# Notes\n\nThe rollout is described in prose; nothing here is a number to check.\n"
#: The child that parses every listed file with markdown-it-py as speclint configures it.
PARSE = """
import sys
from concurrent.futures import ProcessPoolExecutor
from markdown_it import MarkdownIt

def parse(path):
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    with open(path, encoding="utf-8", errors="replace") as handle:
        return len(md.parse(handle.read()))

paths = open(sys.argv[1]).read().splitlines()
with ProcessPoolExecutor(int(sys.argv[2])) as pool:
    sum(pool.map(parse, paths, chunksize=16))
"""
READ = """
import sys
for path in open(sys.argv[1]).read().splitlines():
    with open(path, "rb") as handle:
        handle.read()
"""


@dataclass(frozen=True)
class Usage:
    wall: float
    cpu: float
    peak_mb: float


#: Children write bytecode as a user's Python does (some environments set
#: PYTHONDONTWRITEBYTECODE, which makes every run recompile speclint's sources).
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def discover(corpus: str) -> list[str]:
    """The files speclint would lint under ``corpus`` (found in a child, so that this process
    stays small: a forked child's peak memory starts at its parent's)."""
    found = "from speclint.app.files import discover; print(*discover([sys.argv[1]])[0], sep='\\n')"
    command = [sys.executable, "-c", f"import sys; {found}", corpus]
    return subprocess.run(
        command, capture_output=True, text=True, env=ENVIRONMENT
    ).stdout.splitlines()


def measure(command: list[str], codes: tuple[int, ...] = (0,)) -> Usage:
    """Run ``command`` with its output discarded; its wall, CPU and peak memory. A child that
    exits with another code than ``codes`` stops the benchmark: a failed run is not a fast one."""
    # Its error output goes to a file, not into this process: a linter's report there (tens of
    # MB) would grow this process, and every later child's peak starts at its parent's size.
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=ENVIRONMENT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in codes:
            errors.seek(max(0, errors.seek(0, os.SEEK_END) - 4096))
            last = errors.read().decode(errors="replace").strip().splitlines()[-1:] or [""]
            sys.exit(f"bench: `{' '.join(command[:5])} …` exited {child.returncode}: {last[0]}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(command: list[str], runs: int) -> Usage:
    """The median of ``runs`` runs, after one untimed run that writes the bytecode."""
    measure(command)
    usages = [measure(command) for _ in range(runs)]
    return Usage(
        statistics.median(u.wall for u in usages),
        statistics.median(u.cpu for u in usages),
        statistics.median(u.peak_mb for u in usages),
    )


def markdownlint(files: list[str]) -> list[str] | None:
    """The markdownlint-cli2 command: installed on the PATH, or one ``npx`` has without the
    network (its ``--help`` exits 2, so the probe reads the banner, not the exit code)."""
    installed = shutil.which("markdownlint-cli2")
    if installed is not None:
        return [installed, *files]
    if shutil.which("npx") is None:
        return None
    command = ["npx", "--offline", "--no-install", "markdownlint-cli2"]
    try:
        probe = subprocess.run([*command, "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return [*command, *files] if probe.stdout.startswith("markdownlint-cli2") else None


#: Issue 12's targets (wall seconds), printed beside the figure they are about.
TARGETS = {
    "speclint cold (empty cache)": 10.0,
    "speclint warm (cache, unchanged)": 1.0,
    "speclint, no formula": 0.1,
    "speclint, seed fixture": 0.3,
}


def row(name: str, usage: Usage, reference: Usage | None = None) -> str:
    ratio = f"  {usage.cpu / reference.cpu:6.2f}x CPU" if reference and reference.cpu else ""
    target = TARGETS.get(name)
    if target is not None:
        verdict = "met" if usage.wall <= target else "not met"
        ratio += f"  (target <= {target:g} s wall: {verdict})"
    return f"{name:<34}{usage.wall:9.2f}{usage.cpu:9.2f}{usage.peak_mb:9.0f}{ratio}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--limit", type=int, help="only the first FILES files of the corpus")
    parser.add_argument("--runs", type=int, default=5, help="runs per single-document figure")
    parser.add_argument(
        "--single", action="store_true", help="only the single-document cold start (no corpus)"
    )
    args = parser.parse_args()
    if args.single:
        with tempfile.TemporaryDirectory() as scratch:
            single_document(Path(scratch), args.runs)
        return 0
    files = discover(args.corpus)[: args.limit or None]
    if not files:
        print(f"no Markdown files under {args.corpus}", file=sys.stderr)
        return 2
    python = sys.executable
    speclint = [python, "-m", "speclint", "check", "--exit-zero"]
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "files.txt"
        listing.write_text("\n".join(files))
        cache = ["--cache-dir", str(Path(scratch) / "cache"), "--jobs", str(args.jobs)]
        size = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"corpus {args.corpus}: {len(files)} files, {size:.1f} MB, {args.jobs} jobs")
        print(f"{'':<34}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}  vs markdown-it-py")
        parse = measure([python, "-c", PARSE, str(listing), str(args.jobs)])
        cold = measure([*speclint, *cache, *files])
        warm = measure([*speclint, *cache, *files])
        read = measure([python, "-c", READ, str(listing)])
        print(row("speclint cold (empty cache)", cold, parse))
        print(row("speclint warm (cache, unchanged)", warm, parse))
        print(row("markdown-it-py parse", parse, parse))
        print(row("read the files", read, parse))
        # The same files: the corpus's glob, or each listed file (":" makes a path literal).
        every = [str(Path(args.corpus) / "**" / "*.md")]
        lint = markdownlint([":" + f for f in files] if args.limit else every)
        if lint is None:
            print("markdownlint-cli2: skipped (not installed, and npx cannot run it offline)")
        else:
            print(row("markdownlint-cli2", measure(lint, (0, 1)), parse))
        print(f"cold / warm CPU: {cold.cpu / max(warm.cpu, 1e-9):.1f}x")
        print()
        single_document(Path(scratch), args.runs)
    return 0


def single_document(scratch: Path, runs: int) -> None:
    """A document with no formula and the seed fixture, each linted by a whole process, against
    ``python -c pass``: medians of ``runs`` runs."""
    python = sys.executable
    plain = scratch / "plain.md"
    plain.write_text(PLAIN)
    print(f"one document, whole process (median of {runs})")
    print(f"{'':<34}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}  vs python -c pass")
    bare = median([python, "-c", "pass"], runs)
    print(row("python -c pass", bare))
    single = [python, "-m", "speclint", "check", "--exit-zero", "--no-cache"]
    print(row("speclint, no formula", median([*single, str(plain)], runs), bare))
    print(row("speclint, seed fixture", median([*single, str(SEED)], runs), bare))
    print("(ratios here: CPU against python -c pass; peak MB: the largest single process)")


if __name__ == "__main__":
    sys.exit(main())
