"""Output formats, one module each. Each is a function ``report(diagnostics, sources, out)``:
the sorted diagnostics, the text of every linted source by path, and the stream to write to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TextIO

from speclint.engine.diagnostics import Diagnostic
from speclint.engine.registry import hookimpl

Reporter = Callable[[list[Diagnostic], Mapping[str, str], TextIO], None]


@hookimpl
def speclint_output_formats() -> dict[str, Reporter]:
    from speclint.reporters import (
        concise,
        full,
        github,
        gitlab,
        json_format,
        json_lines,
        junit,
        rdjson,
        sarif,
    )

    return {
        "full": full.report,
        "text": full.report,  # the name before `full`, kept as an alias
        "concise": concise.report,
        "json": json_format.report,
        "json-lines": json_lines.report,
        "sarif": sarif.report,
        "github": github.report,
        "rdjson": rdjson.report,
        "gitlab": gitlab.report,
        "junit": junit.report,
    }
