"""A content-hash result cache, as ruff's: a file whose bytes, path, effective settings,
speclint version and plugin set are unchanged is not linted again.

Entries are kept under ``.speclint_cache/`` (or ``--cache-dir``, or ``$SPECLINT_CACHE_DIR``),
by the SHA-256 of everything the result depends on, in pack files: a run writes the entries it
computed as one new pack per shard (the key's first hex digit), so a warm run reads a few dozen
files rather than one per document, and a run over one document reads one shard. Packs are
written to a temporary file that is then renamed, so concurrent runs never see half a pack;
when a shard holds more than ``MAX_PACKS`` packs, the run that sees it merges them into one.
A pack or entry that cannot be read or does not have exactly the expected shape is ignored and
recomputed, never trusted.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speclint.basics import Related
from speclint.engine.diagnostics import SEVERITIES, Diagnostic, Fix
from speclint.engine.lint import CachedResult
from speclint.engine.registry import plugin_distributions
from speclint.engine.rule import Rule
from speclint.settings import Settings
from speclint.version import __version__

DEFAULT_DIRECTORY = ".speclint_cache"
ENVIRONMENT_VARIABLE = "SPECLINT_CACHE_DIR"
#: Bumped when the entry format or the key changes; old entries then simply miss.
FORMAT = 3
#: Packs a shard may hold before a run merges them.
MAX_PACKS = 8
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by speclint.\n"
)
IGNORE = "# Automatically created by speclint.\n*\n"
PACKAGES = ("speclint", "speclint_rules")


def cache_directory(option: str | None) -> Path:
    """``--cache-dir``, else ``$SPECLINT_CACHE_DIR``, else ``.speclint_cache`` here."""
    return Path(option or os.environ.get(ENVIRONMENT_VARIABLE) or DEFAULT_DIRECTORY)


def clean(directory: Path) -> bool:
    """Remove a speclint cache directory (only one holding speclint's CACHEDIR.TAG); whether
    there was one."""
    tag = directory / "CACHEDIR.TAG"
    if not tag.is_file() or "speclint" not in tag.read_text(errors="replace"):
        return False
    import shutil  # bz2, lzma and zlib come with it

    shutil.rmtree(directory)
    return True


def canonical(value: Any) -> Any:
    """``value`` as JSON-able data that is the same in every process (sets sorted, numbers of
    every kind as their exact text)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [type(value).__name__, {f.name: canonical(getattr(value, f.name)) for f in fields}]
    if isinstance(value, dict):
        return sorted([str(k), canonical(v)] for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return ["set", sorted(json.dumps(canonical(v), sort_keys=True) for v in value)]
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    return [type(value).__name__, str(value)]


#: The files whose edits change results: code, and the data it reads.
_FINGERPRINTED = frozenset({".py", ".toml", ".json"})


def code_fingerprint() -> list[list[Any]]:
    """Size and modification time of every installed speclint module and data file (units,
    hardware, vocabulary), so an edited (editable) install does not reuse results of the old
    code or data."""
    stamps = []
    for name in PACKAGES:
        module = importlib.import_module(name)
        for root in module.__path__:
            for path in sorted(Path(root).rglob("*")):
                if path.suffix not in _FINGERPRINTED:
                    continue
                stat = path.stat()
                stamps.append([str(path), stat.st_size, stat.st_mtime_ns])
    return stamps


def plugin_fingerprint(rules: Iterable[Rule]) -> list[Any]:
    """The plugin set: every rule (code, name, class) and every plugin distribution's version."""
    distributions = sorted(
        [plugin, name, version] for plugin, name, version in plugin_distributions()
    )
    described = [[r.code, r.name, type(r).__module__, type(r).__qualname__] for r in rules]
    return [described, distributions]


@dataclass(frozen=True)
class Cache:
    """A result cache in ``directory`` for one rule set. Picklable: a copy (in a worker) keeps
    only the directory and environment, enough for ``key``; entries are read and written by
    the process that made it."""

    directory: Path
    #: Everything but the file and its settings that a result depends on, as a digest.
    environment: str
    #: The hash state of the environment and each settings object seen, by ``id`` (with the
    #: object, so that the id stays its own), which each key of a file with those settings
    #: continues; not pickled.
    _settings: dict[int, tuple[Settings, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: Each shard read so far: its packs' paths and their entries by key.
    _shards: dict[str, tuple[list[Path], dict[str, Any]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: Entries computed by this run and not yet written, by shard and key.
    _new: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def open(cls, directory: Path, rules: Iterable[Rule]) -> Cache:
        import hashlib  # hashlib and tempfile are imported by a run that caches, only

        state = [FORMAT, __version__, plugin_fingerprint(rules), code_fingerprint()]
        digest = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()
        return cls(directory, digest)

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": self.directory, "environment": self.environment}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _settings={}, _shards={}, _new={})

    def _prefix(self, settings: Settings) -> Any:
        """The hash of the environment and ``settings`` as data, computed once per settings
        object (copied for each key)."""
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            import hashlib

            text = json.dumps(canonical(settings), sort_keys=True)
            digest = hashlib.sha256(text.encode()).hexdigest()
            known = (settings, hashlib.sha256(f"{self.environment}{digest}".encode()))
            self._settings[id(settings)] = known
        return known[1]

    def key(self, data: bytes, path: str, settings: Settings) -> str:
        """The key of a file's result: the environment and settings (two fixed-length digests),
        then its path (which holds no NUL byte) and its bytes."""
        hasher = self._prefix(settings).copy()
        hasher.update(os.fsencode(path) + b"\0")
        hasher.update(data)
        return str(hasher.hexdigest())

    def get(self, key: str) -> CachedResult | None:
        """The cached result, or ``None`` when there is none or it is malformed."""
        entry = self._shard(key[:1])[1].get(key)
        try:
            return None if entry is None else _decode(entry, key)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, key: str, result: CachedResult) -> None:
        """Keep a result, to be written by ``flush``."""
        self._new.setdefault(key[:1], {})[key] = {
            "key": key,
            "diagnostics": [d.to_dict() for d in result.diagnostics],
            "claims": dict(result.claims),
            "warning": result.warning,
        }

    def flush(self) -> None:
        """Write the results kept since the last flush, one pack per shard, merging a shard's
        packs when there are too many; a cache that cannot be written is silently skipped."""
        pending = dict(self._new)
        self._new.clear()
        for shard, entries in pending.items():
            try:
                self._prepare()
                self._write_pack(shard, entries)
            except OSError:
                return

    def _shard(self, shard: str) -> tuple[list[Path], dict[str, Any]]:
        """A shard's packs and entries, read once (unreadable packs skipped)."""
        if shard not in self._shards:
            packs = sorted(self._shard_directory(shard).glob("*.json"))
            entries: dict[str, Any] = {}
            read = []
            for pack in packs:
                loaded = _read_pack(pack)
                if loaded is not None:
                    entries.update(loaded)
                    read.append(pack)
            self._shards[shard] = (read, entries)
        return self._shards[shard]

    def _shard_directory(self, shard: str) -> Path:
        return self.directory / f"v{FORMAT}" / shard

    def _write_pack(self, shard: str, entries: dict[str, Any]) -> None:
        """Write ``entries`` as a new pack, or, when the shard already holds ``MAX_PACKS``
        packs, everything in it as one pack that replaces the packs read."""
        read, known = self._shard(shard)
        merge = len(read) >= MAX_PACKS
        known.update(entries)
        directory = self._shard_directory(shard)
        directory.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"format": FORMAT, "entries": known if merge else entries})
        _write_atomically(directory / f"{_pack_name()}.json", text)
        if merge:
            for pack in read:  # packs other runs wrote meanwhile are kept
                pack.unlink(missing_ok=True)
            read.clear()

    def _prepare(self) -> None:
        """Create the directory with its CACHEDIR.TAG and .gitignore (once)."""
        if (self.directory / "CACHEDIR.TAG").is_file():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", IGNORE)):
            _write_atomically(self.directory / name, text)


def _pack_name() -> str:
    """A name no other run picks: the time, this process and random bits."""
    import secrets
    import time

    return f"{time.time_ns():x}-{os.getpid()}-{secrets.token_hex(4)}"


def _read_pack(path: Path) -> dict[str, Any] | None:
    """A pack's entries by key, or ``None`` when it cannot be read or is not a pack."""
    try:
        with open(path, "rb") as handle:
            pack = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        return None
    entries = pack.get("entries")
    return entries if isinstance(entries, dict) else None


def _write_atomically(target: Path, text: str) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)


def _decode(entry: Any, key: str) -> CachedResult | None:
    """A result from a stored entry, only if the entry has exactly the shape ``put`` writes."""
    if not isinstance(entry, dict) or entry.get("key") != key:
        return None
    claims, warning, items = entry["claims"], entry["warning"], entry["diagnostics"]
    if not isinstance(claims, dict) or (warning is not None and type(warning) is not str):
        return None
    if claims and not all(isinstance(k, str) and type(v) is int for k, v in claims.items()):
        return None
    if items == []:  # most files: nothing found, nothing more to check
        return CachedResult([], Counter(claims), warning)
    diagnostics = [_diagnostic(item) for item in items]
    if any(d is None for d in diagnostics):
        return None
    return CachedResult([d for d in diagnostics if d is not None], Counter(claims), warning)


def _diagnostic(item: Any) -> Diagnostic | None:
    fix = item["fix"]
    diagnostic = Diagnostic(
        **{
            **item,
            "fix": None if fix is None else Fix(**fix),
            "related": tuple(Related(**r) for r in item["related"]),
        }
    )
    exact = json.loads(json.dumps(diagnostic.to_dict())) == item
    return diagnostic if exact and _typed(diagnostic) else None


def _typed(diagnostic: Diagnostic) -> bool:
    """Every field of the diagnostic (and its fix and related lines) has its declared type."""
    parts: list[Any] = [diagnostic, *diagnostic.related]
    if diagnostic.fix is not None:
        parts.append(diagnostic.fix)
    for part in parts:
        for f in dataclasses.fields(part):
            value = getattr(part, f.name)
            kind = {"int": int, "str": str}.get(str(f.type))
            if kind is not None and type(value) is not kind:
                return False
    fix_ok = diagnostic.fix is None or diagnostic.fix.applicability in ("safe", "unsafe")
    return diagnostic.severity in SEVERITIES and fix_ok
