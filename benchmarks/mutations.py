"""Mutation benchmark: plant errors in claims speclint judged correct, and count what it catches.

    python benchmarks/mutations.py [DOC ...]      (default: every fixtures/*/*.md)

For every claim found consistent, the stated number is rewritten by each mutation operator
(claim-checking reference §7) and the document is linted again:

* value mutants must be reported at the claim's line: ×10 and ÷10 shifts, a changed leading
  digit, a swap of the two leading digits, and +/-25 %;
* equivalent mutants must stay silent: the same value with thousands separators removed or
  added, and with a trailing "~" approximation marker when the value is already right.

Prints, per operator, the mutants tried, the ones caught (or wrongly flagged), and the rate.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import regex
from sympy import Rational

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.lint import run_rules
from speclint.judgement.analysis import analyze
from speclint.quantity.numbers import format_fixed

REPO = Path(__file__).resolve().parents[1]


def _shift(factor: Rational) -> Callable[[str], str | None]:
    def mutate(text: str) -> str | None:
        value = _value(text)
        if value is None or value == 0:
            return None
        decimals = len(text.partition(".")[2])
        return format_fixed(value * factor, decimals + (1 if factor < 1 else 0))

    return mutate


def _value(text: str) -> Rational | None:
    plain = text.replace(",", "").replace("_", "")
    try:
        return Rational(plain)
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


def _scale(factor: Rational) -> Callable[[str], str | None]:
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
    return format_fixed(Rational(text), 0, ",")


MUST_CATCH: dict[str, Callable[[str], str | None]] = {
    "×10": _shift(Rational(10)),
    "÷10": _shift(Rational(1, 10)),
    "leading digit": _lead_digit,
    "swap leading digits": _swap_leading,
    "+25 %": _scale(Rational(5, 4)),
    "-25 %": _scale(Rational(3, 4)),
}
MUST_STAY_SILENT: dict[str, Callable[[str], str | None]] = {
    "remove separators": _ungroup,
    "add separators": _group,
}


def _mutants(path: Path) -> list[tuple[str, bool, int, str]]:
    """(operator, must catch, line, mutated document) for every consistent claim in ``path``."""
    source = path.read_text(encoding="utf-8")
    analysis = analyze(source, str(path))
    out = []
    for claim in analysis.claims:
        if analysis.verdict(claim).status != "consistent":
            continue
        start, end = claim.where.source_span(claim.stated.num_start, claim.stated.num_end)
        text = source[start:end]
        if not all(ch.isdigit() or ch in ",." for ch in text):
            continue  # exponent notation and the like: left to the unit tests
        line = analysis.document.position(start)[0]
        for table, must in ((MUST_CATCH, True), (MUST_STAY_SILENT, False)):
            for name, mutate in table.items():
                mutated = mutate(text)
                if mutated and mutated != text:
                    out.append((name, must, line, source[:start] + mutated + source[end:]))
    return out


def _key(d: Diagnostic) -> tuple[int, str, str]:
    """A finding, with thousands separators dropped so that an equivalent rewrite of the
    stated number keeps an existing finding the same."""
    return d.line, d.code, regex.sub(r"(?<=\d)[,_](?=\d{3})", "", d.message)


def main(argv: list[str]) -> int:
    docs = [Path(a) for a in argv] or sorted(REPO.glob("fixtures/*/*.md"))
    tried: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    misses: list[str] = []
    for doc in docs:
        # Findings the document already has (the seed's domain errors) are not the mutant's.
        before = {_key(d) for d in run_rules(analyze(doc.read_text(), str(doc)))}
        for name, must, line, mutated in _mutants(doc):
            diagnostics = run_rules(analyze(mutated, str(doc)))
            flagged = any(
                d.line == line and d.severity != "info" and _key(d) not in before
                for d in diagnostics
            )
            tried[name] += 1
            if flagged:
                hits[name] += 1
            if flagged != must:
                misses.append(
                    f"{doc.relative_to(REPO)}:{line}: {name} {'missed' if must else 'flagged'}"
                )
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
