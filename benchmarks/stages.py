"""Where a cold lint spends its CPU: exclusive process time per pipeline stage over a fixed
random sample of corpus files, in this process, after a warm-up (best of ``--runs``).

    python benchmarks/stages.py [CORPUS_DIR] [--sample 400] [--seed 14] [--runs 3]

Each stage is a function wrapped at the place the pipeline calls it; a stage's time excludes
the stages it calls. ``--profile FILE`` instead writes a cProfile of one run (no stage timers).
"""

from __future__ import annotations

import argparse
import cProfile
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import speclint.document as document
import speclint.domain.view as view
import speclint.engine.lint as lint
import speclint.judgement.analysis as analysis
from speclint.app.files import discover

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "corpus",
)
#: Stage by (module, name called there).
STAGES = (
    (document, "prescan", "pre-scan"),
    (analysis, "parse_document", "segment building"),
    (analysis, "normalize", "lexer"),
    (analysis, "tokenize", "lexer"),
    (analysis, "scan", "formula scan"),
    (analysis, "judge", "judgement"),
    (analysis, "_analyze", "claim extraction"),
    (view, "extract_facts", "facts"),
    (view, "build_domain", "domain (statements, deployment, scopes)"),
    (lint, "run_rules", "rules"),
    (lint, "lint_file", "read, decode"),
)


class Timers:
    """Exclusive process time by stage."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)
        self.stack: list[list[Any]] = []

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            self.stack.append([stage, 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                _, inner = self.stack.pop()
                total = time.process_time() - start
                self.spent[stage] += total - inner
                if self.stack:
                    self.stack[-1][1] += total

        return timed

    def install(self) -> None:
        for module, name, stage in STAGES:
            setattr(module, name, self.wrap(stage, getattr(module, name)))
        parser = document.markdown_parser()
        parser.parse = self.wrap("markdown-it block", parser.parse)  # type: ignore[method-assign]
        parser.inline.parse = self.wrap("markdown-it inline", parser.inline.parse)  # type: ignore[method-assign]


def sample(corpus: str, size: int, seed: int) -> list[str]:
    paths = sorted(discover([corpus])[0])
    random.Random(seed).shuffle(paths)
    return paths[:size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of one run to this file")
    args = parser.parse_args()
    paths = sample(args.corpus, args.sample, args.seed)
    for path in paths[:40]:
        lint.lint_file(path)  # warm-up: imports, data, compiled patterns
    if args.profile:
        cProfile.runctx("for p in paths: lint.lint_file(p)", globals(), locals(), args.profile)
        return 0
    timers = Timers()
    timers.install()
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(args.runs):
        timers.spent.clear()
        start = time.process_time()
        for path in paths:
            lint.lint_file(path)
        total = time.process_time() - start
        if best is None or total < best[0]:
            best = (total, dict(timers.spent))
    assert best is not None
    total, spent = best
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{stage:42s} {seconds:6.2f} s {100 * seconds / total:5.1f} %")
    print(f"{'total (best of ' + str(args.runs) + ')':42s} {total:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
