"""The rule classes of the roofline checks (throughput and latency against the hardware's
bounds). Their findings come from ``._roofline``, imported when a rule first checks a document,
so that loading the rules loads none of the domain."""

from __future__ import annotations

from collections.abc import Iterator

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.rule import LintContext, Rule


class ThroughputRule(Rule):
    """Reports throughput claims (tokens/s, FLOP/s, MFU) past the peak bound (an error) or,
    with ``realistic``, past the realistic one only (a warning)."""

    realistic: bool = False

    scoped = True

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from ._roofline import throughput_diagnostics

        return throughput_diagnostics(self, ctx, self.realistic)


class LatencyRule(Rule):
    """Reports the latency claims with one kind of finding (``finding``)."""

    finding: str = "below-peak"

    scoped = True

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        from ._roofline import latency_diagnostics

        return latency_diagnostics(self, ctx, self.finding)
