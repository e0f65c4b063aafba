"""Pull-request review (``--diff-base REF``, ``--diff-file PATH``): which findings to report.

A finding is reported when one of its own lines was added or modified, or when the line of an
input it used (``Diagnostic.related``: a symbol's definition, a sum's part, a GPU count) was.
So a PR that changes only a GPU count still gets the untouched total that is now wrong, while
errors that were already there, on lines whose inputs did not change, stay quiet.

Changed lines are the added lines of the new version; a deletion with nothing added in its
place marks the lines on either side of it (a part removed from a list changes the list).

``--diff-base REF`` compares the working tree with the merge base of ``REF`` and ``HEAD``
(``git merge-base REF HEAD``): the branch's commits since it left ``REF`` (what
``git diff REF...HEAD`` shows) plus its staged, unstaged and untracked changes. What ``REF``
gained after the branch left it is not the branch's change and is not reported. Diffs are read
with ``unidiff``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import unidiff

from speclint.engine.diagnostics import Diagnostic

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
    (a leading ``b/`` removed). Deleted files are left out; context lines do not count.
    Raises ``ReviewError`` for text that is not a unified diff."""
    try:
        patch = unidiff.PatchSet(text)
    except unidiff.UnidiffParseError as exc:
        raise ReviewError(f"cannot read the diff: {exc}") from exc
    files: dict[str, set[int]] = {}
    for patched in patch:
        name = diff_path(patched.target_file)
        if name is None:
            continue
        lines = files.setdefault(name, set())
        for hunk in patched:
            lines.update(changed_lines(hunk))
    return files


def changed_lines(hunk: unidiff.Hunk) -> set[int]:
    """The new-side lines a hunk adds, and the lines on either side of a deletion that adds
    nothing in its place."""
    changed: set[int] = set()
    # The next new-side line: a hunk with no new lines names the line before it (git, -U0).
    following = hunk.target_start if hunk.target_length else hunk.target_start + 1
    deleted = added = False
    for line in hunk:
        if line.is_removed:
            deleted = True
            continue
        if line.target_line_no is None:  # "\ No newline at end of file"
            continue
        if line.is_added:
            changed.add(line.target_line_no)
            added = True
        else:
            if deleted and not added:
                changed.update(n for n in (following - 1, following) if n > 0)
            deleted = added = False
        following = line.target_line_no + 1
    if deleted and not added:
        changed.update(n for n in (following - 1, following) if n > 0)
    return changed


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
    """``--diff-base REF``: the lines of ``paths`` that the branch changed, in their git
    repository: ``git diff $(git merge-base REF HEAD)`` (the working tree against the merge
    base, renames followed), plus untracked files as wholly new."""
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
        diff = _git(root, "diff", *_DIFF_OPTIONS, merge_base(root, ref), "--")
        files.update(changes_from_diff(diff, root).files)
        untracked = _git(root, "ls-files", "--others", "-z", "--", *members)
        for name in filter(None, untracked.split("\0")):
            files[os.path.realpath(os.path.join(root, name))] = None
    return Changes(files)


def merge_base(root: str, ref: str) -> str:
    """The commit where ``HEAD``'s history left ``ref`` (``ref`` itself when it is an
    ancestor of ``HEAD``)."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except ReviewError:
        raise ReviewError(f"--diff-base: {ref!r} is not a commit in {root}") from None
    try:
        return _git(root, "merge-base", commit, "HEAD").strip()
    except ReviewError:
        raise ReviewError(
            f"--diff-base: {ref} and HEAD have no merge base (unrelated histories, or a shallow "
            "clone: fetch the history back to where the branch started, e.g. fetch-depth: 0)"
        ) from None


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
