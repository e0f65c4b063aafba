"""## What it does
Checks a round-trip or one-way time that its sentence (or the sentence before it, or its table
row) states over a distance (`17 ms RTT` over `3,030 km`) against the speed of light: no
signal covers the distance (twice, for a round trip) faster than light in vacuum, 299,792 km/s,
or than light in fibre, about 207,600 km/s, when the sentence says the path is fibre. A
straight line is the shortest path, so a great-circle distance gives the least time any route
takes.

The distance is read at the low end of its written precision (5 % lower still when it is
approximate) and the time at the high end, so only a time that no reading of the figures
allows is reported. A time its sentence calls a floor, a saving or a comparison is not read,
nor one whose sentence says neither round trip nor one way.

## Why is this bad?
A latency budget that beats physics hides a wrong distance, a one-way time read as a round
trip, or a figure from another route, and every timeout and quorum decision built on it is
too tight.

## Example
```markdown
The us-east-2 ↔ us-west-2 leg is 3,030 km great-circle; we measured that heartbeat at
17 ms RTT.
```

## How to fix
Check the distance and whether the time is one way or a round trip; a fibre route is longer
than the great circle and light in fibre is a third slower than in vacuum.

## Fix safety
No fix is offered: only a measurement can say what the time is.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule


class LatencyBelowLightSpeedRule(Rule):
    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from speclint.document import Related  # not on the cold path: rules load first
        from speclint.domain.light_paths import FIBRE, VACUUM, light_paths
        from speclint.quantity.display import show
        from speclint.quantity.numbers import format_readable

        analysis = ctx.analysis
        for path in light_paths(analysis.document, analysis.scanned):
            if path.stated_hi >= path.floor:
                continue
            speed, medium = (FIBRE, "in fibre") if path.fibre else (VACUUM, "in vacuum")
            trips = "2 × " if path.round_trip else ""
            kind = "round trip" if path.round_trip else "one way"
            stated = path.where.text[path.lit.start : path.lit.end]
            message = (
                f"{trips}{path.distance_text} ÷ {format_readable(speed, 6)} km/s (light {medium}) "
                f"= {show(path.floor, 's')} at the least ({kind}); stated {stated} is "
                f"{_times(path.floor, path.stated_hi)} faster than light allows"
            )
            if path.km < path.written_km * Fraction(99, 100):  # an approximate distance
                message += f" (the distance read at its least, {format_readable(path.km, 4)} km)"
            related = [Related(path.distance_line, path.distance_text)]
            yield ctx.diagnostic(
                self, path.where, path.lit.num_start, path.lit.end, message, related=related
            )


def _times(floor: Fraction, stated: Fraction) -> str:
    ratio = floor / stated if stated else Fraction(0)
    return f"{float(ratio):.2f}×" if stated else "infinitely"


LATENCY_BELOW_LIGHT_SPEED = LatencyBelowLightSpeedRule(
    code="SPC705",
    name="latency-below-light-speed",
    category="latency",
    severity="error",
    summary="A round-trip or one-way time over a stated distance faster than light allows.",
    doc=__doc__,
)
