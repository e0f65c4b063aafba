"""Unit rules: restatements in other units, and named unit slips."""

from __future__ import annotations

from speclint import hookimpl
from speclint.rule import Rule, VerdictRule

ALL_KINDS = ("formula", "percentage", "sum", "conversion", "per-unit")

CONVERSION_MISMATCH = VerdictRule(
    code="SPC201",
    name="conversion-mismatch",
    category="units",
    severity="error",
    summary="A value restated in another unit does not match the original.",
    explanation=(
        "Checks `1,800 tokens/s = 1.8 tokens/ms`, `26.8 GB, or 25 GiB` and `64 GB (59.6 GiB)`."
    ),
    kinds=("conversion",),
)

BINARY_PREFIX_SLIP = VerdictRule(
    code="SPC202",
    name="binary-prefix-slip",
    category="units",
    severity="warning",
    summary="A value matches its computation only if GB is read as GiB (or the reverse).",
    explanation="1 GiB = 1.0737 GB. The number was computed in one and labelled with the other.",
    kinds=ALL_KINDS,
    status="slip",
    slip="binary-prefix",
)

BITS_BYTES_SLIP = VerdictRule(
    code="SPC203",
    name="bits-bytes-slip",
    category="units",
    severity="warning",
    summary="A value is 8× off its computation: bits and bytes were confused.",
    explanation="Network rates are quoted in bits (Gb/s); memory in bytes (GB/s).",
    kinds=ALL_KINDS,
    status="slip",
    slip="bits-bytes",
)

THOUSAND_SLIP = VerdictRule(
    code="SPC204",
    name="factor-1000-slip",
    category="units",
    severity="warning",
    summary="A value is 1000× off its computation: per second vs per millisecond, or k/M/G.",
    explanation="For example tokens/s written as tokens/ms, or ms written as s.",
    kinds=ALL_KINDS,
    status="slip",
    slip="thousand",
)

PERCENT_FRACTION_SLIP = VerdictRule(
    code="SPC205",
    name="percent-fraction-slip",
    category="units",
    severity="warning",
    summary="A value is 100× off its computation: a fraction written as a percentage.",
    explanation="0.38 is 38 %, not 0.38 %.",
    kinds=ALL_KINDS,
    status="slip",
    slip="percent",
)


@hookimpl
def speclint_rules() -> list[Rule]:
    return [
        CONVERSION_MISMATCH,
        BINARY_PREFIX_SLIP,
        BITS_BYTES_SLIP,
        THOUSAND_SLIP,
        PERCENT_FRACTION_SLIP,
    ]
