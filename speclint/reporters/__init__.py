"""Output formats, one module each. Each is a function ``report(diagnostics, sources, out,
rules)``: the sorted diagnostics, the text of every linted source by path, the stream to write
to, and the rules that ran (formats that describe rules, such as SARIF, receive them here rather
than asking the registry)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from speclint.engine.registry import Reporter

if TYPE_CHECKING:
    from speclint.engine.diagnostics import Diagnostic
    from speclint.engine.rule import Rule


class Deferred:
    """The ``report`` function of ``speclint.reporters.<module>``, imported when it is first
    called: a run imports only the format it writes."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(
        self,
        diagnostics: list[Diagnostic],
        sources: Mapping[str, str],
        out: TextIO,
        rules: Sequence[Rule],
    ) -> None:
        report: Reporter = importlib.import_module(f"{__name__}.{self.module}").report
        report(diagnostics, sources, out, rules)

    def __repr__(self) -> str:
        return f"Deferred({self.module!r})"


def speclint_output_formats() -> dict[str, Reporter]:
    """The built-in output formats (a hook of ``speclint.engine.registry.HOOKS``)."""
    from speclint.reporters import full, github  # compared by identity in speclint.app

    return {
        "full": full.report,
        "text": full.report,  # the name before `full`, kept as an alias
        "concise": Deferred("concise"),
        "json": Deferred("json_format"),
        "json-lines": Deferred("json_lines"),
        "sarif": Deferred("sarif"),
        "github": github.report,
        "rdjson": Deferred("rdjson"),
        "gitlab": Deferred("gitlab"),
        "junit": Deferred("junit"),
    }
