"""Lint a corpus of real Markdown documents and report speed and findings.

    python benchmarks/findings.py [CORPUS_DIR] [--jobs N] [--show CODE_PREFIX]

Prints files, MB, seconds, MB/s, the claims judged (by verdict), the diagnostics found per
code, and any file that failed.
The default corpus is ../shared/corpus next to the repository.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from speclint.app.files import discover
from speclint.engine.lint import lint_files

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", metavar="PREFIX", help="print diagnostics whose code starts so")
    args = parser.parse_args()

    files, missing = discover([args.corpus])
    if missing or not files:
        print(f"no Markdown files under {args.corpus}", file=sys.stderr)
        return 2
    size = sum(os.path.getsize(f) for f in files)
    start = time.perf_counter()
    codes: Counter[str] = Counter()
    claims: Counter[str] = Counter()
    failures = []
    for result in lint_files(files, jobs=args.jobs):
        claims.update(result.claims)
        if result.error:
            failures.append(result.error)
        for diag in result.diagnostics:
            codes[diag.code] += 1
            if args.show is not None and diag.code.startswith(args.show):
                print(f"{diag.path}:{diag.line}:{diag.column}: {diag.code} {diag.message}")
    seconds = time.perf_counter() - start
    mb = size / 1e6
    print(f"files        {len(files)}")
    print(f"MB           {mb:.1f}")
    print(f"seconds      {seconds:.1f}")
    print(f"MB/s         {mb / seconds:.2f}")
    print(f"jobs         {args.jobs}")
    print(f"claims       {sum(claims.values())}")
    for status, count in sorted(claims.items()):
        print(f"  {status:<13}{count}")
    print(f"diagnostics  {sum(codes.values())}")
    for code, count in sorted(codes.items()):
        print(f"  {code}  {count}")
    print(f"failures     {len(failures)}")
    for failure in failures:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
