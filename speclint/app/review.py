"""Pull-request review (``--diff-base REF``, ``--diff-file PATH``): which findings to report.

A finding is reported when one of its own lines was added or modified, or when the line of an
input it used (``Diagnostic.related``: a symbol's definition, a sum's part, a GPU count) was.
So a PR that changes only a GPU count still gets the untouched total that is now wrong, while
errors that were already there, on lines whose inputs did not change, stay quiet.

Changed lines are the added lines of the new version; a deletion with nothing added in its
place marks the lines on either side of it (a part removed from a list changes the list).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from speclint.engine.diagnostics import Diagnostic

_HUNK = re.compile(r"@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
#: ``git diff`` options that make its output parseable whatever the user's git config says.
_DIFF_OPTIONS = (
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--unified=0",
    "--find-renames",
    "--src-prefix=a/",
    "--dst-prefix=b/",
)
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


class ReviewError(Exception):
    """The changed lines could not be found (bad REF, not a git repository, unreadable diff)."""


@dataclass(frozen=True)
class Changes:
    """Changed lines of the new version of each file, by real path. ``None`` means the whole
    file is new; a file that is not listed did not change."""

    files: Mapping[str, frozenset[int] | None]

    def touches(self, diag: Diagnostic) -> bool:
        """Whether the finding's own lines or the lines of its inputs changed."""
        key = os.path.realpath(diag.path)
        if key not in self.files:
            return False
        lines = self.files[key]
        if lines is None:
            return True
        own = range(diag.line, diag.end_line + 1)
        return any(line in lines for line in own) or any(r.line in lines for r in diag.related)

    def select(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        """The findings a review reports."""
        return [d for d in diagnostics if self.touches(d)]


def parse_unified_diff(text: str) -> dict[str, set[int]]:
    """Changed lines of the new side of each file in a unified diff, by the path it names
    (a leading ``b/`` removed). Deleted files are left out; context lines do not count."""
    files: dict[str, set[int]] = {}
    lines: set[int] | None = None
    old_left = new_left = new = 0
    deleted = added = False

    def flush() -> None:
        nonlocal deleted, added
        if lines is not None and deleted and not added:
            lines.update(n for n in (new - 1, new) if n > 0)
        deleted = added = False

    for raw in text.split("\n"):
        if old_left > 0 or new_left > 0:
            tag = raw[:1]
            if tag == "+":
                if lines is not None:
                    lines.add(new)
                new, new_left, added = new + 1, new_left - 1, True
            elif tag == "-":
                old_left, deleted = old_left - 1, True
            elif tag in (" ", ""):
                flush()
                new, old_left, new_left = new + 1, old_left - 1, new_left - 1
            elif tag != "\\":
                old_left = new_left = 0  # not a hunk line: the hunk was shorter than announced
            if old_left <= 0 and new_left <= 0:
                flush()
            continue
        if raw.startswith("+++ "):
            name = diff_path(raw[4:])
            lines = None if name is None else files.setdefault(name, set())
        elif raw.startswith("@@ ") and (match := _HUNK.match(raw)):
            old_left = int(match[1] if match[1] is not None else 1)
            new = int(match[2])
            new_left = int(match[3] if match[3] is not None else 1)
    return files


def diff_path(header: str) -> str | None:
    """The path in a ``+++`` header: unquoted, without a timestamp or ``b/``; ``None`` for
    ``/dev/null``."""
    header = header.rstrip("\r")
    end = header.rfind('"')
    if header.startswith('"') and end > 0:
        header = _unquote(header[: end + 1])
    else:
        header = header.split("\t", 1)[0]
    if header == "/dev/null":
        return None
    return header[2:] if header.startswith("b/") else header


def changes_from_diff(text: str, root: str = ".") -> Changes:
    """The changes in a unified diff whose paths are relative to ``root``."""
    return Changes(
        {
            os.path.realpath(os.path.join(root, name)): frozenset(lines)
            for name, lines in parse_unified_diff(text).items()
        }
    )


def changes_from_diff_file(path: str) -> Changes:
    """``--diff-file PATH`` (``-`` reads standard input); paths relative to the current
    directory."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8", errors="surrogateescape") as handle:
                text = handle.read()
    except OSError as exc:
        raise ReviewError(f"--diff-file {path}: {exc.strerror or exc}") from exc
    return changes_from_diff(text)


def changes_from_git(ref: str, paths: Iterable[str]) -> Changes:
    """``--diff-base REF``: the lines of ``paths`` that differ from ``REF`` in their git
    repository (``git diff REF``: the working tree against REF, renames followed), plus
    untracked files as wholly new."""
    if not ref or ref.startswith("-"):
        raise ReviewError(f"--diff-base: not a revision: {ref!r}")
    by_root: dict[str, list[str]] = {}
    roots: dict[str, str] = {}
    for path in paths:
        directory = _existing_dir(os.path.dirname(os.path.abspath(path)))
        if directory not in roots:
            roots[directory] = _git(directory, "rev-parse", "--show-toplevel").strip()
        by_root.setdefault(roots[directory], []).append(os.path.abspath(path))
    files: dict[str, frozenset[int] | None] = {}
    for root, members in by_root.items():
        diff = _git(root, "diff", *_DIFF_OPTIONS, ref, "--")
        files.update(changes_from_diff(diff, root).files)
        untracked = _git(root, "ls-files", "--others", "-z", "--", *members)
        for name in filter(None, untracked.split("\0")):
            files[os.path.realpath(os.path.join(root, name))] = None
    return Changes(files)


def _git(cwd: str, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        raise ReviewError(f"--diff-base needs git: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise ReviewError(f"git {args[0]} failed: {message}")
    return done.stdout.decode("utf-8", "surrogateescape")


def _existing_dir(directory: str) -> str:
    while not os.path.isdir(directory) and os.path.dirname(directory) != directory:
        directory = os.path.dirname(directory)
    return directory


def _unquote(quoted: str) -> str:
    """Undo git's C-style quoting of a path (``"b/caf\\303\\251.md"``)."""
    body, out, i = quoted[1:-1], bytearray(), 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            if following in "01234567" and re.fullmatch(r"[0-7]{3}", body[i + 1 : i + 4]):
                out.append(int(body[i + 1 : i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(following, ord(following)))
            i += 2
            continue
        out.extend(char.encode("utf-8"))
        i += 1
    return out.decode("utf-8", "surrogateescape")
