"""Output formats. Each is a function ``report(diagnostics, sources, out)``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TextIO

from ..diagnostics import Diagnostic
from ..plugins import hookimpl

Reporter = Callable[[list[Diagnostic], Mapping[str, str], TextIO], None]


@hookimpl
def speclint_output_formats() -> dict[str, Reporter]:
    from . import json_format, text

    return {"text": text.report, "json": json_format.report}
