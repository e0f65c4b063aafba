"""Unit rules: restatements in other units, and named unit slips."""

from __future__ import annotations

from speclint import hookimpl
from speclint.engine.rule import Rule, VerdictRule

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
    rationale=(
        "A restatement in another unit is read as the same quantity; when it is not, readers "
        "size systems from whichever figure they saw first."
    ),
    example="Each replica produces 1,800 tokens/s = 18 tokens/ms.\n",
    how_to_fix=(
        "Correct whichever side of the conversion is wrong; the suggestion assumes the restated"
        " value is."
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
    rationale="GB and GiB differ by 7.4 %, enough to overflow a device that was sized to the byte.",
    example="- Scratch volume: 512 GiB (512 GB)\n",
    how_to_fix="Write the unit the number was computed in (GiB or GB), or convert the number.",
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
    rationale=(
        "An 8× error in a link or storage rate makes transfer times and bandwidth estimates "
        "wrong by the same factor."
    ),
    example="- Replication link: 10 Gb/s = 10 GB/s\n",
    how_to_fix="Use `b`/`bit` for bits and `B` for bytes, and convert with 8 bits per byte.",
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
    rationale=(
        "A factor of 1000 between per-second and per-millisecond rates (or k, M and G) is easy "
        "to miss in review and moves capacity estimates by three orders of magnitude."
    ),
    example="- Serving rate per replica: 2,400 tokens/s = 2,400 tokens/ms\n",
    how_to_fix="Fix the unit (per s vs per ms, k vs M) or scale the number by 1000.",
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
    rationale=(
        "A fraction written as a percentage is off by 100×, which turns a 35 % saving into a "
        "negligible one."
    ),
    example="- Compression saving: 0.35 = 0.35%\n",
    how_to_fix="Multiply the fraction by 100 when writing it as a percentage (0.35 = 35%).",
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
