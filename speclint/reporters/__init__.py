"""Output formats, one module each. Each is a function ``report(diagnostics, sources, out,
rules)``: the sorted diagnostics, the text of every linted source by path, the stream to write
to, and the rules that ran (formats that describe rules, such as SARIF, receive them here rather
than asking the registry)."""

from __future__ import annotations

from speclint.engine.registry import Reporter, hookimpl


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
