"""Which files to lint: Markdown files below the given paths.

What a directory's configuration excludes or includes comes from a ``FileRules`` per directory
(``speclint.config.Config``); without one, the defaults below apply.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from speclint.patterns import lazy_re

if TYPE_CHECKING:
    import pathspec

MARKDOWN_SUFFIXES = (".md", ".markdown")
#: The characters that make a command-line path a glob (when no such path exists).
GLOB_CHARACTERS = frozenset("*?[")
#: Directories never searched (explicitly named files are always linted).
EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "__pycache__",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        "site-packages",
    }
)


class FileRules(Protocol):
    """What one directory's configuration says about the files in it."""

    @property
    def respect_gitignore(self) -> bool: ...

    @property
    def force_exclude(self) -> bool: ...

    @property
    def root(self) -> Path: ...

    def excludes(self, path: Path) -> bool: ...

    def includes(self, path: Path) -> bool: ...

    def excludes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        """``excludes`` for a directory entry found by a walk (its absolute path, name and
        whether it is a directory), without touching the file system."""
        ...

    def includes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        """``includes`` for a directory entry found by a walk."""
        ...


class DefaultRules:
    """The rules of an unconfigured run of ``discover``."""

    respect_gitignore = False
    force_exclude = False
    root = Path("/")

    def excludes(self, path: Path) -> bool:
        return path.name in EXCLUDED_DIRS

    def includes(self, path: Path) -> bool:
        return path.suffix.lower() in MARKDOWN_SUFFIXES

    def excludes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        return name in EXCLUDED_DIRS

    def includes_entry(self, absolute: str, name: str, is_dir: bool) -> bool:
        return self.includes(Path(name))


class GlobPattern(Protocol):
    """A configured glob (``speclint.app.config.schema.Pattern``)."""

    @property
    def glob(self) -> str: ...

    @property
    def root(self) -> Path | None: ...


class Globs:
    """Configured globs compiled once, for the entries a walk finds: matches exactly when one
    of the globs' ``Pattern.matches`` would. The globs of one root form one gitignore spec
    (any of its patterns matching is a match: a lone ``!glob`` never matches, so none is
    kept); each entry is matched relative to the root it is below, else by its name."""

    def __init__(self, patterns: Iterable[GlobPattern], ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        #: Globs that are plain names with no root (``node_modules``, ``build/``): any entry
        #: of that name (a directory only, for ``name/``) matches, a set lookup.
        self.names: set[str] = set()
        self.dir_names: set[str] = set()
        #: Globs that are ``*`` and a plain name ending (``*.md``) with no root: any entry whose
        #: name ends so matches, a string test.
        suffixes: list[str] = []
        by_root: dict[str | None, tuple[list[str], list[str]]] = {}
        for pattern in patterns:
            glob = pattern.glob.removeprefix("./")
            glob = glob.lower() if ignore_case else glob
            if pattern.root is None and _PLAIN_NAME.fullmatch(glob):
                (self.dir_names if glob.endswith("/") else self.names).add(glob.rstrip("/"))
                continue
            if pattern.root is None and _is_suffix_glob(glob):
                suffixes.append(glob[1:])
                continue
            if any(p.include is False for p in _spec(glob).patterns):
                continue
            root = None if pattern.root is None else str(pattern.root)
            anchored, names = by_root.setdefault(root, ([], []))
            anchored.append(glob)
            if "/" not in glob.rstrip("/"):
                names.append(glob)
        self.suffixes = tuple(suffixes)
        #: (root as a directory prefix, its spec below it, its spec for names elsewhere)
        self.roots = [
            (None if root is None else root.rstrip("/") + "/", _joined(anchored), _joined(names))
            for root, (anchored, names) in by_root.items()
        ]

    def matches(self, absolute: str, name: str, is_dir: bool) -> bool:
        key = name.lower() if self.ignore_case else name
        if key in self.names or (is_dir and key in self.dir_names):
            return True
        if self.suffixes and key.endswith(self.suffixes):
            return True
        for prefix, anchored, names in self.roots:
            if prefix is not None and absolute.startswith(prefix) and len(absolute) > len(prefix):
                spec, target = anchored, absolute[len(prefix) :]
            else:
                spec, target = names, name
            if spec is None:
                continue
            target = target.lower() if self.ignore_case else target
            if spec.match_file(target) or (is_dir and spec.match_file(target + "/")):
                return True
        return False


#: A glob that is a plain file or directory name: no glob character, escape, negation,
#: comment, space at either end, or slash but a trailing one.
_PLAIN_NAME = lazy_re(r"[^\s*?\[\]\\!#/](?:[^*?\[\]\\/]*[^\s*?\[\]\\/])?/?")


def _is_suffix_glob(glob: str) -> bool:
    """Whether a glob is ``*`` then a plain name that is not a directory's (``*.md``)."""
    return glob.startswith("*") and not glob.endswith("/") and bool(_PLAIN_NAME.fullmatch(glob[1:]))


def _joined(globs: list[str]) -> pathspec.GitIgnoreSpec | None:
    return _gitignore_spec(globs) if globs else None


@lru_cache(maxsize=1024)
def _spec(glob: str) -> pathspec.GitIgnoreSpec:
    return _gitignore_spec([glob])


def _gitignore_spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    """``pathspec.GitIgnoreSpec.from_lines``; pathspec is imported by the first glob read."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def glob_matches(glob: str, relative: str, is_dir: bool = False) -> bool:
    """Whether a gitignore-style ``glob`` (``pathspec``) matches a relative POSIX path (a
    directory also as ``path/``, so that ``vendor/`` matches it)."""
    spec = _spec(glob)
    return spec.match_file(relative) or (is_dir and spec.match_file(relative + "/"))


def is_glob(raw: str) -> bool:
    """Whether a command-line path is a glob: a ``!`` negation, or glob characters in a path
    that does not exist."""
    return raw.startswith("!") or (
        any(c in GLOB_CHARACTERS for c in raw) and not os.path.lexists(raw)
    )


def _glob_base(glob: str) -> str:
    """The directory a glob's files are below: its leading components without glob characters."""
    parts = glob.split("/")
    first = next(i for i, part in enumerate(parts) if GLOB_CHARACTERS & set(part))
    return "/".join(parts[:first]) or "."


def _relative(path: str) -> str:
    return Path(os.path.relpath(path)).as_posix()


def _matches_here(glob: str, path: str) -> bool:
    """Whether a command-line glob matches a found file: relative to the current directory,
    as a shell glob is (``*.md`` matches only the files here, ``**/*.md`` all of them)."""
    return glob_matches("/" + glob.removeprefix("./"), _relative(path))


def report_missing(missing: list[str]) -> bool:
    """Print why each path named on the command line was not found; whether there was any."""
    for path in missing:
        reason = "not a regular file" if os.path.exists(path) else "no such file or directory"
        reason = "no file matches this glob" if is_glob(path) else reason
        print(f"speclint: error: {path}: {reason}", file=sys.stderr)
    return bool(missing)


def discover(
    paths: list[str], rules_in: Callable[[str], FileRules] = lambda _: DefaultRules()
) -> tuple[list[str], list[str]]:
    """Expand ``paths`` into Markdown files (sorted); also return the paths that do not exist.

    ``rules_in(directory)`` gives the rules for the entries of a directory. Named files are
    linted whatever their name, unless their rules force excludes. A glob (gitignore syntax,
    as markdownlint-cli2 takes them: ``'docs/**/*.md'``) selects the files found below its
    fixed leading directories; a ``!glob`` drops the files it matches from all the others. A
    glob that matches no file is returned as missing.
    """
    negations = [raw[1:] for raw in paths if raw.startswith("!")]
    found: list[str] = []
    missing: list[str] = []
    for raw in (p for p in paths if not p.startswith("!")):
        if is_glob(raw):
            below, _ = _discover_one(_glob_base(raw.removeprefix("./")), rules_in)
            matched = [f for f in below if _matches_here(raw, f)]
            found.extend(matched)
            if not matched:
                missing.append(raw)
        else:
            files, absent = _discover_one(raw, rules_in)
            found.extend(files)
            missing.extend(absent)
    found = [f for f in found if not any(_matches_here(g, f) for g in negations)]
    return list(dict.fromkeys(found)), missing  # first occurrence of each, in order


def _discover_one(raw: str, rules_in: Callable[[str], FileRules]) -> tuple[list[str], list[str]]:
    """The files one command-line path names: itself, or the Markdown files below it."""
    if os.path.isfile(raw):
        named = os.path.abspath(raw)
        rules = rules_in(os.path.dirname(named))
        if rules.force_exclude and _excluded_with_parents(Path(named), rules):
            return [], []
        return [raw], []
    path = Path(raw)
    if path.is_dir():
        absolute = Path(os.path.abspath(path))
        rules = rules_in(str(absolute))
        if rules.force_exclude and _excluded_with_parents(absolute, rules):
            return [], []
        walked = sorted(_walk(str(path), rules_in), key=lambda f: f.split("/"))
        return _drop_gitignored(path, walked, rules_in), []
    return [], [raw]


def _excluded_with_parents(path: Path, rules: FileRules) -> bool:
    """Whether ``path`` or a directory above it, up to the rules' root, is excluded."""
    for candidate in (path, *path.parents):
        if candidate != path and not candidate.is_relative_to(rules.root):
            break
        if rules.excludes(candidate):
            return True
    return False


def _child(directory: str, name: str) -> str:
    """``str(Path(directory) / name)`` for a directory as ``str(Path(...))`` spells it."""
    if directory == ".":
        return name
    return directory + name if directory.endswith("/") else f"{directory}/{name}"


def _walk(root: str, rules_in: Callable[[str], FileRules]) -> Iterator[str]:
    """The included regular files below ``root``. Symbolic links are never followed (as ruff
    does not), neither to files nor to directories: a link could lead out of the tree."""
    directory = os.path.abspath(root)
    rules = rules_in(directory)  # text: no Path built per directory
    with os.scandir(root) as entries:
        children = [(e.name, e.is_dir(follow_symlinks=False), e) for e in entries]
    for name, is_dir, entry in children:
        absolute = os.path.join(directory, name)
        if entry.is_symlink() or rules.excludes_entry(absolute, name, is_dir):
            continue
        if is_dir:
            yield from _walk(_child(root, name), rules_in)
        elif rules.includes_entry(absolute, name, False) and entry.is_file(follow_symlinks=False):
            yield _child(root, name)


def _drop_gitignored(
    root: Path, files: list[str], rules_in: Callable[[str], FileRules]
) -> list[str]:
    """``files`` without those git ignores, where their configuration respects .gitignore
    (looked up once per directory, as is the repository)."""
    ignore = GitIgnore()
    checked: dict[str, bool] = {}
    kept = []
    for f in files:
        parent = os.path.dirname(f)
        if parent not in checked:
            directory = os.path.abspath(parent)
            respects = rules_in(directory).respect_gitignore
            checked[parent] = respects and ignore.in_repository(directory)
        if not (checked[parent] and ignore.ignores(Path(os.path.abspath(f)))):
            kept.append(f)
    return kept


def gitignored(root: Path, files: list[Path]) -> set[Path]:
    """Which of ``files`` the ``.gitignore`` files of their repository ignore (read with
    ``pathspec``'s gitignore semantics, without git); none outside a repository."""
    ignore = GitIgnore()
    return {f for f in files if ignore.ignores(Path(os.path.abspath(f)))}


def _last_match(spec: pathspec.PathSpec, relative: str) -> bool | None:
    """Whether the last pattern of ``spec`` that matches ``relative`` ignores it (``False``: it
    re-includes it; ``None``: none matches), as git reads a ``.gitignore``."""
    decided = None
    for pattern in spec.patterns:
        if pattern.include is not None and pattern.match_file(relative) is not None:
            decided = pattern.include
    return decided


class GitIgnore:
    """The ``.gitignore`` files of repositories (and ``.git/info/exclude``), read once each.
    A path is ignored as git decides: the deepest ``.gitignore`` with a matching pattern
    wins, and nothing below an ignored directory can be re-included."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._repos: dict[Path, Path | None] = {}
        self._in_repo: dict[str, bool] = {}

    def ignores(self, path: Path) -> bool:
        repo = self.repository(path.parent)
        if repo is None:
            return False
        relative = path.relative_to(repo).parts
        return any(
            self._ignored(repo, relative[:depth], depth < len(relative))
            for depth in range(1, len(relative) + 1)
        )

    def in_repository(self, directory: str) -> bool:
        """Whether the absolute ``directory`` is in a repository (``repository`` by text: no
        Path built for a directory seen before or for one outside every repository)."""
        known = self._in_repo.get(directory)
        if known is None:
            if os.path.exists(os.path.join(directory, ".git")):
                known = True
            else:
                parent = os.path.dirname(directory)
                known = parent != directory and self.in_repository(parent)
            self._in_repo[directory] = known
        return known

    def repository(self, directory: Path) -> Path | None:
        """The repository ``directory`` is in (the closest with a ``.git``), if any."""
        if directory not in self._repos:
            if (directory / ".git").exists():
                self._repos[directory] = directory
            elif directory.parent == directory:
                self._repos[directory] = None
            else:
                self._repos[directory] = self.repository(directory.parent)
        return self._repos[directory]

    def _ignored(self, repo: Path, parts: tuple[str, ...], is_dir: bool) -> bool:
        """Whether the entry ``repo/parts`` itself is ignored (not looking at its parents)."""
        for depth in range(len(parts) - 1, -1, -1):  # the deepest .gitignore first
            base = repo.joinpath(*parts[:depth])
            spec = self._spec(base, repo)
            if spec is None:
                continue
            relative = "/".join(parts[depth:]) + ("/" if is_dir else "")
            decided = _last_match(spec, relative)
            if decided is not None:
                return decided
        return False

    def _spec(self, directory: Path, repo: Path) -> pathspec.GitIgnoreSpec | None:
        if directory not in self._specs:
            lines: list[str] = []
            sources = [directory / ".gitignore"]
            if directory == repo:
                sources.insert(0, repo / ".git" / "info" / "exclude")
            for source in sources:
                with contextlib.suppress(OSError):
                    lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
            self._specs[directory] = _gitignore_spec(lines) if lines else None
        return self._specs[directory]
