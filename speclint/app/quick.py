"""The command's entry point, with a light path: a ``speclint check`` whose answer is known
before anything of the linter is imported is given here, and every other run goes to
``speclint.app.cli.main``.

``answer`` gives the report only when the full command's is certain and says nothing was
found (exit 0): the arguments are ``check``, options of ``FLAGS`` and ``VALUED`` (spelt out,
in a format whose empty report is ``EMPTY_REPORTS``'s) and the paths of regular files, all
together; every file is UTF-8 in which no reader can find anything (``speclint.inert``); the
configuration files that apply to them (unless ``--isolated``) are valid and cannot make a
finding appear in such a file (``speclint.app.quick_config``); and no installed distribution
may bring a plugin. The result cache is not consulted: such a file is answered faster than
a cache lookup, and its entry changes nothing. Anything else, or anything unexpected on the
way, is left to the full command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

#: Options without a value that change nothing in the report of a run with no findings.
FLAGS = frozenset({"--no-cache", "--exit-zero", "--isolated", "--force-exclude"})
#: Options with a value, by spelling, with the values accepted (``None``: any that is not
#: an option).
VALUED: dict[str, frozenset[str] | None] = {
    "--output-format": None,
    "--format": None,
    "--color": frozenset({"auto", "always", "never"}),
    "--cache-dir": None,
    "--jobs": None,
    "-j": None,
}
#: What each output format writes for no diagnostics (``speclint.reporters``; a test keeps
#: them equal). The others (SARIF's rule table, rdjson's home page) depend on more.
EMPTY_REPORTS = {
    "full": "All checks passed!\n",
    "text": "All checks passed!\n",
    "concise": "All checks passed!\n",
    "json": "[]\n",
    "json-lines": "",
    "gitlab": "[]\n",
    "github": "",
    "junit": '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<testsuites name="speclint" tests="0" failures="0" errors="0" skipped="0" />\n',
}
#: Bytes past which a file cannot be inert (``speclint.inert.INERT_MAX_CHARS`` characters of
#: at most four bytes each, and a byte order mark).
MAX_INERT_BYTES = 20_000 * 4 + 3


def run() -> int:
    """The ``speclint`` program: ``main`` on ``sys.argv``, with the garbage collector tuned
    for a run and what the run made kept out of the collections of the interpreter's
    shutdown (a sixth of a single document's run; ``speclint.engine.collector``). For a
    process that ends; an embedding caller calls ``main``."""
    from speclint.engine import collector

    collector.tune()
    code = main()
    collector.keep()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """The ``speclint`` command; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        report = answer(arguments)
    except Exception:  # whatever it is, the full command meets it and says so
        report = None
    if report is None:
        from speclint.app.cli import main as full

        return full(argv)
    try:
        sys.stdout.write(report)
    except BrokenPipeError:  # as ``speclint.app.cli.main``: the report is cut
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 2
    return 0


def answer(arguments: list[str]) -> str | None:
    """The full command's report for ``arguments`` when it is known to find nothing and
    exit 0; ``None`` otherwise."""
    parsed = _parse(arguments)
    if parsed is None:
        return None
    paths, options = parsed
    report = EMPTY_REPORTS.get(options.get("--output-format", "full"))
    if report is None or not paths or not all(os.path.isfile(p) for p in paths):
        return None
    if options.get("--output-format") == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        return None  # the job summary is written too
    from speclint.inert import inert  # first: most documents decline here, at their first digit

    if not all(_inert_file(path, inert) for path in paths):
        return None
    if "--isolated" not in options:
        from speclint.app.quick_config import settled

        if not settled(paths):
            return None
    from speclint.engine.entry_points import may_declare_entry_points

    return None if may_declare_entry_points() else report


def _parse(arguments: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """The paths and options of ``check`` ``arguments``: options, then the paths, then
    options (argparse takes the paths in one run); ``None`` for anything else."""
    if arguments[:1] != ["check"]:
        return None
    paths: list[str] = []
    options: dict[str, str] = {}
    previous_was_path = False
    tokens = iter(arguments[1:])
    for token in tokens:
        if not token.startswith("-"):
            if paths and not previous_was_path:
                return None
            if token.startswith("!") or any(c in token for c in "*?["):
                return None  # a glob, or a negation
            paths.append(token)
            previous_was_path = True
            continue
        previous_was_path = False
        name, equals, value = token.partition("=")
        if not equals and name in FLAGS:
            options[name] = ""
            continue
        if name not in VALUED:
            return None
        if not equals:
            value = next(tokens, "-")
        if value.startswith("-") or not _accepted(name, value):
            return None
        options["--output-format" if name == "--format" else name] = value
    return paths, options


def _accepted(name: str, value: str) -> bool:
    """Whether argparse takes ``value`` for the option ``name`` as it is."""
    choices = VALUED[name]
    if name in ("--jobs", "-j"):
        return value.isascii() and value.isdigit() and int(value) > 0
    return choices is None or value in choices


def _inert_file(path: str, inert: Callable[[str], bool]) -> bool:
    """Whether a file is valid UTF-8 (read as ``speclint.engine.lint.read_markdown`` reads
    it) in which no reader finds anything: short enough for ``inert`` and inert."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_INERT_BYTES + 1)
    if len(data) > MAX_INERT_BYTES:
        return False
    try:
        return inert(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return False
