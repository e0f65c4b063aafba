"""Mutation benchmark: plant errors in claims speclint judged correct, and count what it catches.

    python benchmarks/mutations.py [DOC ...]      (default: every fixtures/*/*.md)
    python benchmarks/mutations.py --corpus DIR [--limit N] [--jobs N]

For every claim found consistent, the stated number is rewritten by each mutation operator
(claim-checking reference §7) and the document is linted again:

* value mutants must be reported at the claim's line: ×10 and ÷10 shifts, a changed leading
  digit, a swap of the two leading digits, and +/-25 %;
* equivalent mutants must stay silent: the same value with thousands separators removed or
  added, and with a trailing "~" approximation marker when the value is already right.

Prints, per operator, the mutants tried, the ones caught (or wrongly flagged), and the rate.

``--corpus DIR`` does the same for real documents: it lints every Markdown file under ``DIR``,
takes every claim that holds, plants one value mutant at a time (×10, ÷10, a changed leading
digit, ±25 %) in that file's text and lints the file again. It prints the share caught, by
operator and by claim kind, and lists the misses by claim kind. ``--limit N`` stops after the
first N claims (files in sorted order); ``--jobs N`` lints in N processes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import regex

from speclint.app.files import discover
from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import read_markdown, run_rules
from speclint.judgement.analysis import Analysis, analyze
from speclint.quantity.numbers import format_fixed

REPO = Path(__file__).resolve().parents[1]


def _shift(factor: Fraction) -> Callable[[str], str | None]:
    def mutate(text: str) -> str | None:
        value = _value(text)
        if value is None or value == 0:
            return None
        decimals = len(text.partition(".")[2])
        return format_fixed(value * factor, decimals + (1 if factor < 1 else 0))

    return mutate


def _value(text: str) -> Fraction | None:
    plain = text.replace(",", "").replace("_", "")
    try:
        return Fraction(plain)
    except (TypeError, ValueError):
        return None


def _lead_digit(text: str) -> str | None:
    for i, ch in enumerate(text):
        if ch.isdigit() and ch != "0":
            return text[:i] + str(int(ch) % 9 + 1) + text[i + 1 :]
    return None


def _swap_leading(text: str) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if len(digits) < 2 or text[digits[0]] == text[digits[1]] or text[digits[0]] == "0":
        return None
    i, j = digits[0], digits[1]
    chars = list(text)
    chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars) if chars[i] != "0" else None


def _scale(factor: Fraction) -> Callable[[str], str | None]:
    def mutate(text: str) -> str | None:
        value = _value(text)
        if value is None:
            return None
        decimals = len(text.partition(".")[2])
        return format_fixed(value * factor, decimals)

    return mutate


def _ungroup(text: str) -> str | None:
    return text.replace(",", "") if "," in text else None


def _group(text: str) -> str | None:
    if "," in text or "." in text or not text.isdigit() or len(text) < 5:
        return None
    return format_fixed(Fraction(text), 0, ",")


MUST_CATCH: dict[str, Callable[[str], str | None]] = {
    "×10": _shift(Fraction(10)),
    "÷10": _shift(Fraction(1, 10)),
    "leading digit": _lead_digit,
    "swap leading digits": _swap_leading,
    "+25 %": _scale(Fraction(5, 4)),
    "-25 %": _scale(Fraction(3, 4)),
}
MUST_STAY_SILENT: dict[str, Callable[[str], str | None]] = {
    "remove separators": _ungroup,
    "add separators": _group,
}


#: The value mutants planted in real documents (the swap of leading digits is left to fixtures).
CORPUS_OPERATORS = ("×10", "÷10", "leading digit", "+25 %", "-25 %")


@dataclass(frozen=True)
class Mutant:
    """One planted change: the operator, whether it must be caught, the claim's line and kind,
    the number before and after, and the mutated document."""

    operator: str
    must: bool
    line: int
    kind: str
    before: str
    after: str
    document: str


#: A claim that holds: its kind, line, and the source span of its stated number.
Held = tuple[str, int, int, int]


def _held_claims(analysis: Analysis) -> Iterator[Held]:
    """(kind, line, start, end) of the stated number of every claim that holds, where that
    number is written in plain digits."""
    source = analysis.document.source
    for claim in analysis.claims:
        if analysis.verdict(claim).status != "consistent":
            continue
        start, end = claim.where.source_span(claim.stated.num_start, claim.stated.num_end)
        if all(ch.isdigit() or ch in ",." for ch in source[start:end]):
            yield claim.kind, analysis.document.position(start)[0], start, end


def _claim_mutants(
    source: str, claim: Held, tables: Iterable[tuple[dict[str, Callable[[str], str | None]], bool]]
) -> Iterator[Mutant]:
    """Every mutant of one held claim."""
    kind, line, start, end = claim
    text = source[start:end]
    for table, must in tables:
        for name, mutate in table.items():
            mutated = mutate(text)
            if mutated and mutated != text:
                document = source[:start] + mutated + source[end:]
                yield Mutant(name, must, line, kind, text, mutated, document)


def _mutants(
    source: str, path: str, tables: Iterable[tuple[dict[str, Callable[[str], str | None]], bool]]
) -> list[Mutant]:
    """Every mutant of every claim that holds in ``source``."""
    tables = list(tables)
    held = _held_claims(analyze(source, path))
    return [m for claim in held for m in _claim_mutants(source, claim, tables)]


def _key(d: Diagnostic) -> tuple[int, str, str]:
    """A finding, with thousands separators dropped so that an equivalent rewrite of the
    stated number keeps an existing finding the same."""
    return d.line, d.code, regex.sub(r"(?<=\d)[,_](?=\d{3})", "", d.message)


def _flagged(mutant: Mutant, path: str, before: set[tuple[int, str, str]]) -> bool:
    """Whether linting the mutated document reports a new error or warning at the claim."""
    diagnostics = run_rules(analyze(mutant.document, path))
    return any(
        d.line == mutant.line and d.severity != "info" and _key(d) not in before
        for d in diagnostics
    )


def fixtures(docs: list[Path]) -> int:
    """The fixture benchmark: value and equivalent mutants of every consistent claim."""
    tried: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    misses: list[str] = []
    tables = ((MUST_CATCH, True), (MUST_STAY_SILENT, False))
    for doc in docs:
        # Findings the document already has (the seed's domain errors) are not the mutant's.
        source = doc.read_text()
        before = {_key(d) for d in run_rules(analyze(source, str(doc)))}
        for mutant in _mutants(source, str(doc), tables):
            flagged = _flagged(mutant, str(doc), before)
            tried[mutant.operator] += 1
            if flagged:
                hits[mutant.operator] += 1
            if flagged != mutant.must:
                verdict = "missed" if mutant.must else "flagged"
                misses.append(f"{_shown(doc)}:{mutant.line}: {mutant.operator} {verdict}")
    print(f"{'operator':<22}{'mutants':>8}{'flagged':>9}{'rate':>8}")
    for table, label in ((MUST_CATCH, "caught"), (MUST_STAY_SILENT, "false flags")):
        for name in table:
            rate = hits[name] / tried[name] if tried[name] else 0
            print(f"{name:<22}{tried[name]:>8}{hits[name]:>9}{rate:>8.1%}  ({label})")
    caught = sum(hits[n] for n in MUST_CATCH)
    total = sum(tried[n] for n in MUST_CATCH)
    false_flags = sum(hits[n] for n in MUST_STAY_SILENT)
    print(f"value mutants caught: {caught}/{total}; equivalent mutants flagged: {false_flags}")
    for miss in misses:
        print("  " + miss)
    return 0


def _shown(doc: Path) -> Path:
    return doc.relative_to(REPO) if doc.is_relative_to(REPO) else doc


@dataclass(frozen=True)
class Outcome:
    """A corpus mutant and whether it was caught; ``claim`` numbers the file's held claims."""

    path: str
    claim: int
    line: int
    kind: str
    operator: str
    before: str
    after: str
    caught: bool


def _corpus_file(path: str) -> list[Outcome]:
    """Every value mutant of every claim that holds in one corpus file, linted again."""
    try:
        source = read_markdown(path)[0]
        analysis = analyze(source, path)
        held = list(_held_claims(analysis))
        if not held:
            return []
        before = {_key(d) for d in run_rules(analysis)}
        table = {name: MUST_CATCH[name] for name in CORPUS_OPERATORS}
        return [
            Outcome(
                path, n, m.line, m.kind, m.operator, m.before, m.after, _flagged(m, path, before)
            )
            for n, claim in enumerate(held)
            for m in _claim_mutants(source, claim, [(table, True)])
        ]
    except Exception as exc:  # a crash is not a benchmark figure: say so and go on
        print(f"{path}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return []


def corpus(directory: str, limit: int | None, jobs: int) -> int:
    """The real-document benchmark (``--corpus``): files in sorted order until ``limit``
    claims have been mutated."""
    files, missing = discover([directory])
    if missing or not files:
        print(f"no Markdown files under {directory}", file=sys.stderr)
        return 2
    outcomes: list[Outcome] = []
    claims = read = with_claims = 0
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        for found in pool.map(_corpus_file, files, chunksize=4):
            read += 1
            count = len({o.claim for o in found})
            if limit is not None:
                count = min(count, limit - claims)
                found = [o for o in found if o.claim < count]
            outcomes.extend(found)
            claims, with_claims = claims + count, with_claims + bool(count)
            if count:
                caught = sum(o.caught for o in outcomes)
                print(f"{read}/{len(files)} files: {caught}/{len(outcomes)}", file=sys.stderr)
            if limit is not None and claims >= limit:
                break
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    print(f"read {read} of {len(files)} files; mutated {claims} claims that hold, in {with_claims}")
    _table("operator", [(o.operator, o.caught) for o in outcomes], CORPUS_OPERATORS)
    kinds = sorted({o.kind for o in outcomes})
    _table("claim kind", [(o.kind, o.caught) for o in outcomes], kinds)
    caught = sum(o.caught for o in outcomes)
    print(f"value mutants caught: {caught}/{len(outcomes)} ({_rate(caught, len(outcomes))})")
    for kind in kinds:
        misses = [o for o in outcomes if o.kind == kind and not o.caught]
        print(f"misses, {kind}: {len(misses)}")
        for o in misses:
            shown = os.path.relpath(o.path, directory)
            print(f"  {shown}:{o.line}: {o.operator} {o.before} → {o.after}")
    return 0


def _table(label: str, rows: list[tuple[str, bool]], names: Iterable[str]) -> None:
    tried = Counter(name for name, _ in rows)
    hits = Counter(name for name, caught in rows if caught)
    print(f"{label:<16}{'mutants':>8}{'caught':>8}{'rate':>8}")
    for name in names:
        print(f"{name:<16}{tried[name]:>8}{hits[name]:>8}{_rate(hits[name], tried[name]):>8}")


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", type=Path, help="fixture documents")
    parser.add_argument("--corpus", metavar="DIR", help="mutate the claims of real documents")
    parser.add_argument("--limit", type=int, metavar="N", help="with --corpus: first N claims")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="with --corpus")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        return corpus(args.corpus, args.limit, args.jobs)
    return fixtures(args.docs or sorted(REPO.glob("fixtures/*/*.md")))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
