"""Fuzz benchmark: lint (and, for every tenth input, fix) mutated real documents.

    nice python benchmarks/fuzz.py [--count N] [--seed S] [--jobs 2] [--window CHARS]
                                   [--out DIR] [DOC_DIR ...]

Seeds are windows of the Markdown files below DOC_DIR (default: ../shared/corpus and the
evaluation set, else fixtures/). Each input is a window of up to 4,000 characters
(``--window``) with 1-4 mutations (slices deleted, duplicated or moved; digits, operators,
units and Markdown markers inserted; nesting and long lines planted). Prints the inputs run,
the crashes (each written to DIR, default /tmp/speclint-fuzz, as a regression input), the
slowest document and how many took over 2 s (CPU time of the worker, so that a busy machine
does not count). The run is reproducible from its seed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from multiprocessing import Pool
from pathlib import Path

from speclint.app.fixes import fix_source
from speclint.engine.lint import lint_source

REPO = Path(__file__).resolve().parents[1]
SHARED = next((p / "shared" for p in REPO.parents if (p / "shared").is_dir()), REPO / "shared")
SLOW_SECONDS = 2.0
WINDOW = 4_000

TOKENS = [
    "0",
    "1",
    "2.5",
    "3,840",
    "1e-4",
    "10^{15}",
    "\\times",
    "×",
    "x",
    "*",
    "/",
    "÷",
    "+",
    "-",
    "=",
    "≈",
    "~",
    "%",
    " GB",
    " GiB",
    "B",
    " TB/s",
    " tokens/s",
    " ms",
    " s",
    " params",
    " GPUs",
    "TP=4",
    " per GPU",
    "Total: ",
    "(",
    ")",
    "$",
    "$$",
    "|",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "# ",
    "```\n",
    "<!-- speclint: disable -->",
    "tie_word_embeddings: 1",
    '"num_hidden_layers": 0',
    "H100",
    "8 × A100",
    "0 GB",
    "∞",
    "\u00a0",
    "\t",
    "\r\n",
]


def seeds(roots: list[Path]) -> list[str]:
    """The texts of every Markdown file below ``roots`` (unreadable ones skipped)."""
    texts = []
    for root in roots:
        for path in sorted(root.rglob("*.md")) if root.is_dir() else []:
            try:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    return [t for t in texts if t.strip()]


def mutate(text: str, rng: random.Random, window: int = WINDOW) -> str:
    """A window of ``text`` with a few random mutations."""
    start = rng.randrange(max(1, len(text) - window))
    doc = text[start : start + rng.randint(200, window)]
    for _ in range(rng.randint(1, 4)):
        doc = rng.choice(_MUTATIONS)(doc, rng)
    return doc


def _cut(doc: str, rng: random.Random) -> tuple[int, int]:
    a = rng.randrange(len(doc) + 1)
    return a, min(len(doc), a + rng.randint(0, 200))


def _delete(doc: str, rng: random.Random) -> str:
    a, b = _cut(doc, rng)
    return doc[:a] + doc[b:]


def _duplicate(doc: str, rng: random.Random) -> str:
    a, b = _cut(doc, rng)
    return doc[:b] + doc[a:b] * rng.randint(1, 20) + doc[b:]


def _insert(doc: str, rng: random.Random) -> str:
    at = rng.randrange(len(doc) + 1)
    return doc[:at] + "".join(rng.choices(TOKENS, k=rng.randint(1, 12))) + doc[at:]


def _digits(doc: str, rng: random.Random) -> str:
    chars = list(doc)
    for i in rng.sample(range(len(chars)), min(len(chars), rng.randint(1, 10))):
        if chars[i].isdigit():
            chars[i] = rng.choice("0123456789")
    return "".join(chars)


def _nest(doc: str, rng: random.Random) -> str:
    prefix = rng.choice(["> ", "- ", "  - ", "1. "]) * rng.randint(1, 30)
    return "\n".join(prefix + line if rng.random() < 0.3 else line for line in doc.split("\n"))


def _long_line(doc: str, rng: random.Random) -> str:
    return doc.replace("\n\n", "\n", rng.randint(1, 50))


_MUTATIONS = [_delete, _duplicate, _insert, _insert, _digits, _nest, _long_line]


def run_one(job: tuple[int, str, bool]) -> tuple[int, float, str | None]:
    """(index, CPU seconds to lint, traceback or None) for one input; with ``fix``, the fix loop
    runs too (its crashes count, its time does not)."""
    index, doc, fix = job
    start = time.process_time()
    seconds = 0.0
    try:
        lint_source(doc, "fuzz.md")
        seconds = time.process_time() - start
        if fix:
            result = fix_source(doc, "fuzz.md", unsafe=True)
            if not result.converged or result.passes > 3:
                raise AssertionError(f"fixes did not settle ({result.passes} passes)")
    except Exception:
        return index, seconds or time.process_time() - start, traceback.format_exc(limit=-4)
    return index, seconds, None


def _warm_up() -> None:
    """Compile the lazily built patterns before timing anything."""
    lint_source("# Warm-up\n\n- Weights: 26 GB (13B params × 2 bytes) on 8 × H100\n", "w.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--window", type=int, default=WINDOW, help="longest seed window (chars)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/speclint-fuzz"))
    parser.add_argument("roots", nargs="*", type=Path)
    args = parser.parse_args(argv)
    roots = args.roots or [SHARED / "corpus", SHARED / "evalset" / "docs"]
    texts = seeds(roots) or seeds([REPO / "fixtures"])
    rng = random.Random(args.seed)
    docs = {}

    def jobs():
        for index in range(args.count):
            doc = mutate(rng.choice(texts), rng, args.window)
            docs[index] = doc
            yield index, doc, index % 10 == 0

    crashes, slow, slowest = 0, 0, (0.0, -1)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Pool(args.jobs, initializer=_warm_up) as pool:
        for done, (index, seconds, error) in enumerate(
            pool.imap_unordered(run_one, jobs(), chunksize=16), 1
        ):
            doc = docs.pop(index)
            if seconds > slowest[0]:
                slowest = (seconds, index)
                (args.out / "slowest.md").write_text(doc, encoding="utf-8")
            if seconds > SLOW_SECONDS:
                slow += 1
                (args.out / f"slow-{index}.md").write_text(doc, encoding="utf-8")
            if error is not None:
                crashes += 1
                (args.out / f"crash-{index}.md").write_text(doc, encoding="utf-8")
                print(f"crash on input {index}:\n{error}", file=sys.stderr)
            if done % 1000 == 0:
                print(
                    f"{done} inputs, {crashes} crashes, {slow} over {SLOW_SECONDS:g} s, "
                    f"{time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    print(f"inputs: {args.count} ({len(texts)} seed documents, seed {args.seed})")
    print(f"crashes: {crashes}")
    print(f"slowest: {slowest[0]:.2f} s (input {slowest[1]}, {args.out / 'slowest.md'})")
    print(f"over {SLOW_SECONDS:g} s: {slow}")
    return 1 if crashes or slow else 0


if __name__ == "__main__":
    sys.exit(main())
