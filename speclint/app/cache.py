"""A content-hash result cache, as ruff's: a file whose bytes, path, effective settings,
speclint version and plugin set are unchanged is not linted again.

Entries are JSON files under ``.speclint_cache/`` (or ``--cache-dir``, or
``$SPECLINT_CACHE_DIR``), named by the SHA-256 of everything the result depends on. Writes go
to a temporary file that is then renamed over the entry, so concurrent runs never see half an
entry; an entry that cannot be read or does not have exactly the expected shape is ignored and
recomputed, never trusted.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speclint.document import Related
from speclint.engine.diagnostics import SEVERITIES, Diagnostic, Fix
from speclint.engine.lint import CachedResult
from speclint.engine.registry import plugin_distributions
from speclint.engine.rule import Rule
from speclint.settings import Settings
from speclint.version import __version__

DEFAULT_DIRECTORY = ".speclint_cache"
ENVIRONMENT_VARIABLE = "SPECLINT_CACHE_DIR"
#: Bumped when the entry format changes; old entries then simply miss.
FORMAT = 1
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


def code_fingerprint() -> list[list[Any]]:
    """Size and modification time of every installed speclint module, so an edited (editable)
    install does not reuse results of the old code."""
    stamps = []
    for name in PACKAGES:
        module = importlib.import_module(name)
        for root in module.__path__:
            for path in sorted(Path(root).rglob("*.py")):
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
    """A result cache in ``directory`` for one rule set (picklable, for worker processes)."""

    directory: Path
    #: Everything but the file and its settings that a result depends on, as a digest.
    environment: str
    #: The digest of each settings object seen, by ``id`` (with the object, so that the id
    #: stays its own); not pickled.
    _settings: dict[int, tuple[Settings, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def open(cls, directory: Path, rules: Iterable[Rule]) -> Cache:
        import hashlib  # hashlib and tempfile are imported by a run that caches, only

        state = [FORMAT, __version__, plugin_fingerprint(rules), code_fingerprint()]
        digest = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()
        return cls(directory, digest)

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": self.directory, "environment": self.environment}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _settings={})

    def settings_digest(self, settings: Settings) -> str:
        """The digest of ``settings`` as data, computed once per settings object."""
        known = self._settings.get(id(settings))
        if known is None or known[0] is not settings:
            import hashlib

            text = json.dumps(canonical(settings), sort_keys=True)
            known = (settings, hashlib.sha256(text.encode()).hexdigest())
            self._settings[id(settings)] = known
        return known[1]

    def key(self, data: bytes, path: str, settings: Settings) -> str:
        import hashlib

        hasher = hashlib.sha256(self.environment.encode())
        hasher.update(json.dumps([path, self.settings_digest(settings)]).encode())
        hasher.update(b"\0")
        hasher.update(data)
        return hasher.hexdigest()

    def _entry(self, key: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT}", key[:2], f"{key}.json")

    def get(self, data: bytes, path: str, settings: Settings) -> CachedResult | None:
        """The cached result, or ``None`` when there is none or it is unreadable or malformed."""
        key = self.key(data, path, settings)
        try:
            with open(self._entry(key), "rb") as handle:
                entry = json.loads(handle.read())
            return _decode(entry, key)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, data: bytes, path: str, settings: Settings, result: CachedResult) -> None:
        """Store a result atomically; a cache that cannot be written is silently skipped."""
        key = self.key(data, path, settings)
        entry = {
            "key": key,
            "diagnostics": [d.to_dict() for d in result.diagnostics],
            "claims": dict(result.claims),
        }
        import tempfile

        try:
            self._prepare()
            target = Path(self._entry(key))
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(entry, out)
                os.replace(temporary, target)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return

    def _prepare(self) -> None:
        """Create the directory with its CACHEDIR.TAG and .gitignore (once)."""
        if (self.directory / "CACHEDIR.TAG").is_file():
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", IGNORE)):
            _write_atomically(self.directory / name, text)


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
    claims = entry["claims"]
    if not isinstance(claims, dict) or not all(
        isinstance(k, str) and type(v) is int for k, v in claims.items()
    ):
        return None
    diagnostics = [_diagnostic(item) for item in entry["diagnostics"]]
    if any(d is None for d in diagnostics):
        return None
    return CachedResult([d for d in diagnostics if d is not None], Counter(claims))


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
