"""``speclint explain FILE``: what speclint believes about a document.

Every fact with its line, the hardware figures and where they came from, every derived quantity
with its formula, and the throughput and latency bounds, as readable tables or JSON. This is how
a user understands, or disputes, a domain finding.
"""

from __future__ import annotations

import argparse
import json
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from speclint.app.config import ConfigError, Resolver, command_line_layer
from speclint.app.files import discover, report_missing
from speclint.app.hover import fact_value_text
from speclint.app.roofline import INSTALL_HINT, draw, roofline
from speclint.domain.bounds import (
    Bound,
    compute_bound_per_gpu,
    decode_bound_per_gpu,
    tpot_bound,
    ttft_bound,
)
from speclint.domain.communication import communication
from speclint.domain.deployment import Deployment, Quantity
from speclint.domain.statements import prompt_length_on_line
from speclint.domain.view import Domain
from speclint.engine.lint import read_markdown, read_stream
from speclint.engine.registry import all_rules
from speclint.engine.rule import LintContext
from speclint.judgement.analysis import analyze
from speclint.quantity.display import show, show_range
from speclint.quantity.exact import is_integer
from speclint.quantity.numbers import format_readable
from speclint.reporters.terminal import display_width

EXIT_OK, EXIT_ERROR = 0, 2


def run_explain(args: argparse.Namespace) -> int:
    """Print the explanation of each file (JSON: an object, or a list of them for several
    files); a file that cannot be read or explained is reported and the others still are,
    with exit 2."""
    try:
        rules = all_rules()
        cli = command_line_layer(rules, None, [], [], False)
        resolver = Resolver(rules, cli, args.config, args.isolated)
        found, missing = discover([f for f in args.files if f != "-"], resolver.config_in)
    except ConfigError as exc:
        print(f"speclint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    failed = report_missing(missing)
    names = (["-"] if "-" in args.files else []) + found
    if not names and not failed:
        print("speclint: error: no Markdown file to explain", file=sys.stderr)
        return EXIT_ERROR
    if args.plot is not None and len(names) != 1:
        print("speclint: error: --plot draws the roofline of one document", file=sys.stderr)
        return EXIT_ERROR
    reports = []
    for name in names:
        explained = _explain_one(name, resolver)
        if explained is None:
            failed = True
            continue
        report, domain = explained
        if args.plot is not None and not _plot(domain, args.plot, name):
            return EXIT_ERROR
        reports.append(report)
    if not reports:
        return EXIT_ERROR
    if args.output_format == "json":
        data = reports[0] if len(names) == 1 else reports
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n".join(render_text(r["path"], r) for r in reports))
    return EXIT_ERROR if failed else EXIT_OK


def _explain_one(name: str, resolver: Resolver) -> tuple[dict[str, Any], Domain] | None:
    """The explanation of one file (``-``: stdin) and its domain; ``None``, with a message on
    stderr, when it cannot be read or explained."""
    try:
        source = read_stream(sys.stdin) if name == "-" else read_markdown(name)[0]
    except (OSError, UnicodeDecodeError) as exc:
        print(f"speclint: error: {name}: {exc}", file=sys.stderr)
        return None
    try:
        settings = resolver.settings_for(name)
    except ConfigError as exc:
        print(f"speclint: error: {exc}", file=sys.stderr)
        return None
    try:
        analysis = analyze(
            source, name, tolerance=settings.tolerance, code_languages=settings.code_languages
        )
        domain = LintContext(analysis, settings).domain
        return {"path": name, **explanation(domain)}, domain
    except Exception as exc:
        print(
            f"speclint: error: {name}: internal error: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return None


def _plot(domain: Domain, path: str, name: str) -> bool:
    """Draw the roofline to ``path``; False, with a message on stderr, when it cannot be."""
    chart = roofline(domain)
    if chart is None:
        print(
            f"speclint: error: {name}: no roofline: the document does not give peak FLOPS, "
            "memory bandwidth, weight precision and the model",
            file=sys.stderr,
        )
        return False
    if Path(path).suffix.lower() not in (".svg", ".png"):
        print(f"speclint: error: --plot {path}: use a .svg or .png file", file=sys.stderr)
        return False
    try:
        draw(chart, path, f"Roofline: {Path(name).name}")
    except ImportError:
        print(f"speclint: error: {INSTALL_HINT}", file=sys.stderr)
        return False
    except OSError as exc:
        print(f"speclint: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def _plain(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int) or (isinstance(value, Fraction) and is_integer(value)):
        return int(value)
    if isinstance(value, Fraction):
        return float(value)
    return str(value)


def _quantity(q: Quantity) -> dict[str, Any]:
    return {
        "name": q.name,
        "low": _plain(q.low),
        "high": _plain(q.high),
        "unit": q.unit,
        "shown": show_range(q.low, q.high, q.unit),
        "formula": q.formula,
        "inputs": [{"line": f.line, "text": f.text} for f in q.inputs],
    }


def _bound(b: Bound) -> dict[str, Any]:
    return {
        "name": b.name,
        "unit": b.unit,
        "peak": _plain(b.peak),
        "realistic": _plain(b.realistic),
        "shown": f"{show(b.peak, b.unit)} at 100 % of peak; {show(b.realistic, b.unit)} "
        f"realistic ({b.assumption})",
        "formula": b.formula,
        "inputs": [{"line": s.line, "text": s.message} for s in b.sources],
    }


def _hardware_text(value: Fraction, unit: str) -> str:
    if unit == "bytes":
        return show(value, "bytes")
    if unit == "bytes/s":
        return show(value, "bytes") + "/s"
    return f"{format_readable(value / 10**12, 4)} TFLOPS"


def _lines(inputs: list[dict[str, Any]]) -> str:
    lines = [str(n) for n in sorted({i["line"] for i in inputs if i["line"]})]
    if any(not i["line"] for i in inputs):
        lines.append("catalog")
    return ", ".join(lines)


def _model(domain: Domain) -> dict[str, Any] | None:
    if domain.naming is None:
        return None
    model = domain.naming.model
    return {
        "name": model.name,
        "line": domain.naming.line,
        "named_as": domain.naming.text,
        "source": model.source,
        "params": _plain(model.params) if model.params is not None else None,
        "active_params": _plain(model.active_params) if model.active_params is not None else None,
        "from_catalog": sorted(f.name for f in domain.facts.all() if f.source == "catalog"),
    }


def explanation(domain: Domain) -> dict[str, Any]:
    """Facts, hardware, derived quantities and bounds as plain data (the JSON output)."""
    dep = domain.deployment
    facts = [
        {"name": f.name, "value": _plain(f.value), "line": f.line, "text": f.text,
         "explicit": f.strong}
        for f in domain.facts.all()
    ]  # fmt: skip
    conflicts = [
        {"name": a.name, "lines": [a.line, b.line], "values": [_plain(a.value), _plain(b.value)]}
        for a, b in domain.facts.conflicts()
    ]
    hardware = {}
    for name, figure, unit in (
        ("memory", dep.hardware.memory, "bytes"),
        ("bandwidth", dep.hardware.bandwidth, "bytes/s"),
        ("peak_flops", dep.hardware.flops, "FLOP/s"),
        ("interconnect", dep.hardware.link, "bytes/s"),
    ):
        if figure is not None:
            hardware[name] = {
                "value": _plain(figure.value),
                "unit": unit,
                "shown": _hardware_text(figure.value, unit),
                "source": figure.source,
                "reference": figure.reference,
            }
    quantities = [dep.total_params, dep.active_params, dep.total_weight_bytes]
    quantities += [dep.per_gpu_weights(p) for p in ("attention", "experts", "embeddings")]
    quantities += dep.kv_per_token
    quantities += communication(dep)
    bounds = [compute_bound_per_gpu(dep), decode_bound_per_gpu(dep), tpot_bound(dep)]
    prompt = dep.facts.get("prompt_len")
    for statement in domain.statements:
        if statement.kind == "ttft":
            length = prompt_length_on_line(statement.where.segment.text)
            if length is None and prompt is not None:
                length = int(prompt.value)
            if length is not None:
                bounds.append(ttft_bound(dep, length))
                break
    return {
        "model": _model(domain),
        **({"scope": domain.scope.where} if domain.scope is not None else {}),
        "facts": facts,
        "conflicts": conflicts,
        "hardware": hardware,
        "derived": [_quantity(q) for q in quantities if q is not None],
        "bounds": [_bound(b) for b in bounds if b is not None],
        "statements": [
            {
                "kind": s.kind,
                "line": s.line,
                "label": s.label,
                "part": s.part,
                "per_gpu": s.per_gpu,
                "value": _plain(s.value.point),
            }
            for s in domain.statements
        ],
        "scopes": [explanation(scope) for scope in domain.scopes],
        "supposed": [
            {
                "kind": s.kind,
                "line": s.line,
                "label": s.label,
                "supposes": _supposes(domain, supposed),
            }
            for s, supposed in domain.supposed
        ],
    }


def _supposes(domain: Domain, supposed: Deployment) -> list[str]:
    """``weight_dtype fp8``: the facts a supposed setup changes from the document's."""
    changed = []
    for name in supposed.facts.facts:
        mine = domain.deployment.facts.get(name)
        theirs = supposed.facts.get(name)
        if theirs is not None and (mine is None or mine.value != theirs.value):
            changed.append(f"{name} {theirs.value}")
    return changed


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """Columns aligned by display width (wide characters take two); every cell on one line."""
    rows = [[_cell(c) for c in r] for r in rows]
    widths = [
        max([display_width(h), *(display_width(r[i]) for r in rows)]) for i, h in enumerate(headers)
    ]
    line = "  ".join(_pad(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()
    rule = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([line, rule, *body]) + "\n"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _cell(text: str, limit: int | None = None) -> str:
    """``text`` on one line (runs of whitespace, newlines included, become one space), cut to
    ``limit`` display columns with an ellipsis where it is cut."""
    text = " ".join(text.split())
    if limit is None or display_width(text) <= limit:
        return text
    kept = ""
    for char in text:
        if display_width(kept + char) > limit - 1:
            break
        kept += char
    return kept.rstrip() + "…"


def _fact_value(name: str, value: Any) -> str:
    """A fact's value in its unit (``1.6 TB/s``, ``10B``), a count with commas."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fact_value_text(name, Fraction(str(value)))
    return _shown_value(value)


def _shown_value(value: Any) -> str:
    if isinstance(value, float):
        return format_readable(Fraction(str(value)), 4)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def render_text(path: str, report: dict[str, Any]) -> str:
    """The explanation as plain-text tables."""
    out = [f"speclint explain {path}\n"]
    model = report["model"]
    if model is not None:
        out.append(f"\nModel\n{model['name']} (named on line {model['line']} as "
                   f"'{model['named_as']}'); catalog source: {model['source']}\n")  # fmt: skip
        if model["from_catalog"]:
            out.append(f"from the catalog: {', '.join(model['from_catalog'])}\n")
    out.append("\nFacts\n")
    rows = [[str(f["line"] or "catalog"), f["name"], _fact_value(f["name"], f["value"]),
             _cell(f["text"], 70)]
            for f in report["facts"]]  # fmt: skip
    out.append(_table(["line", "fact", "value", "stated as"], rows) if rows else "(none)\n")
    for conflict in report["conflicts"]:
        first, second = conflict["lines"]
        out.append(f"conflict: {conflict['name']} on lines {first} and {second}\n")
    out.append("\nHardware\n")
    rows = [[name, h["shown"], h["source"] + (f" ({h['reference']})" if h["reference"] else "")]
            for name, h in report["hardware"].items()]  # fmt: skip
    out.append(_table(["figure", "value", "source"], rows) if rows else "(none)\n")
    for title, entries, empty in (
        (
            "Derived quantities",
            report["derived"],
            "the document does not state enough of the model",
        ),
        ("Bounds", report["bounds"], "hardware or workload facts are missing"),
    ):
        out.append(f"\n{title}\n")
        for entry in entries:
            out.append(f"- {entry['name']}: {entry['shown']}\n    = {entry['formula']}\n")
            out.append(f"    inputs: lines {_lines(entry['inputs'])}\n")
        if not entries:
            out.append(f"(none: {empty})\n")
    out.append("\nChecked statements\n")
    scopes = {True: "per GPU", False: "system", None: ""}
    rows = [[str(s["line"]), s["kind"], s["part"] or "", scopes[s["per_gpu"]],
             _cell(s["label"], 60)] for s in report["statements"]]  # fmt: skip
    out.append(_table(["line", "kind", "part", "scope", "label"], rows) if rows else "(none)\n")
    for scope in report["scopes"]:
        out.append(_scope_text(scope))
    if report["supposed"]:
        out.append("\nChecked against the setup their sentence supposes (hard bounds only)\n")
        rows = [[str(s["line"]), s["kind"], ", ".join(s["supposes"]), _cell(s["label"], 60)]
                for s in report["supposed"]]  # fmt: skip
        out.append(_table(["line", "kind", "supposes", "label"], rows))
    return "".join(out)


def _scope_text(scope: dict[str, Any]) -> str:
    """One table column (a model) or row (a device) checked on its own deployment."""
    out = [f"\nScope: {scope['scope']}\n"]
    model = scope["model"]
    if model is not None:
        out.append(f"model {model['name']}; catalog source: {model['source']}\n")
    hardware = [f"{name} {h['shown']} ({h['source']})" for name, h in scope["hardware"].items()]
    if hardware:
        out.append(f"hardware: {'; '.join(hardware)}\n")
    for entry in [*scope["derived"], *scope["bounds"]]:
        out.append(f"- {entry['name']}: {entry['shown']}\n    = {entry['formula']}\n")
        out.append(f"    inputs: lines {_lines(entry['inputs'])}\n")
    lines = ", ".join(f"{s['line']} ({s['kind']}, {s['label'][:30]})" for s in scope["statements"])
    out.append(f"checked: {lines or '(none)'}\n")
    return "".join(out)
