"""Plugin hooks: rules and output formats come from plugins, as in pytest.

The built-in plugins are the modules ``BUILTIN_PLUGINS`` names; third-party plugins arrive
through the ``speclint`` entry-point group, and contribute rules exactly as the built-in
ones do::

    # pyproject.toml
    [project.entry-points.speclint]
    my_rules = "my_package.speclint_rules"

    # my_package/speclint_rules.py
    from speclint import hookimpl

    @hookimpl
    def speclint_rules():
        return [MY_RULE]

pluggy is imported only when a plugin manager is built: when the built-in plugins are the
only ones (no installed distribution declares a ``speclint`` entry point), their hooks are
called directly, as the plugin manager would call them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TextIO

from speclint.engine.diagnostics import SEVERITIES, Diagnostic
from speclint.engine.entry_points import may_declare_entry_points as _may_declare_entry_points

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    import pluggy

    from speclint.engine.rule import Rule

#: An output format: writes the sorted diagnostics, given the text of every linted source by
#: path and the rules it may describe (SARIF lists them), to ``out``.
Reporter = Callable[[list[Diagnostic], Mapping[str, str], TextIO, Sequence["Rule"]], None]

PROJECT = "speclint"
#: The modules registered as plugins before any installed one, as pytest's ``default_plugins``:
#: the built-in rules (``rules/``) and the output formats.
BUILTIN_PLUGINS = ("speclint_rules", "speclint.reporters")
#: The hooks a plugin may implement (``HookSpecs``); a built-in plugin's functions of these
#: names are its hook implementations (marked ``hookimpl`` when a plugin manager registers it).
HOOKS = ("speclint_rules", "speclint_output_formats")


def __getattr__(name: str) -> Any:
    """``hookimpl`` and ``hookspec``, pluggy's markers, made (and pluggy imported) on first use."""
    if name not in ("hookimpl", "hookspec"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import pluggy

    marker = (
        pluggy.HookimplMarker(PROJECT) if name == "hookimpl" else pluggy.HookspecMarker(PROJECT)
    )
    globals()[name] = marker
    return marker


@lru_cache(maxsize=1)
def _hook_specs() -> type:
    """The hooks a speclint plugin may implement."""
    hookspec = __getattr__("hookspec")

    class HookSpecs:
        @hookspec
        def speclint_rules(self) -> list[Rule]:
            """Return the rules this plugin contributes."""
            raise NotImplementedError  # a specification: plugins implement it

        @hookspec
        def speclint_output_formats(self) -> Mapping[str, Reporter]:
            """Return output formats by name (``--format NAME``)."""
            raise NotImplementedError  # a specification: plugins implement it

    return HookSpecs


class PluginError(Exception):
    """Plugins could not be loaded, or they conflict."""


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    """The plugin manager with the built-in plugins and every installed ``speclint`` entry
    point loaded (an entry point naming a built-in module is not registered twice)."""
    import pluggy

    _DISTRIBUTIONS.clear()
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(_hook_specs())
    hookimpl = __getattr__("hookimpl")
    for name, module in _builtin_plugins():
        for hook in HOOKS:
            if hasattr(module, hook):
                hookimpl(getattr(module, hook))
        pm.register(module, name)
    for point in _entry_points():
        if pm.get_plugin(point.name) is not None or pm.is_blocked(point.name):
            continue
        if point.value in BUILTIN_PLUGINS:
            pm.set_blocked(point.name)  # e.g. the metadata of an older install
            continue
        plugin = point.load()
        pm.register(plugin, point.name)
        _DISTRIBUTIONS.append((_plugin_name(plugin), point.dist))
    return pm


#: (plugin, its distribution) of each plugin registered from an entry point.
_DISTRIBUTIONS: list[tuple[str, Any]] = []


def _builtin_plugins() -> list[tuple[str, Any]]:
    """(name, module) of each built-in plugin, imported in order."""
    return [(name, importlib.import_module(name)) for name in BUILTIN_PLUGINS]


def _only_builtins() -> bool:
    """Whether the built-in plugins are the only ones, known without a plugin manager: none
    was built (whoever builds one may register more) and no distribution on ``sys.path`` may
    declare an entry point (looked at once for each ``sys.path`` and finder list)."""
    if plugin_manager.cache_info().currsize:
        return False
    try:
        return not _may_declare_for((*sys.path, None, *map(id, sys.meta_path)))
    except TypeError:  # an unhashable sys.path entry
        return not _may_declare_entry_points()


@lru_cache(maxsize=4)
def _may_declare_for(key: tuple[object, ...]) -> bool:
    """``_may_declare_entry_points`` for the ``sys.path`` and finders ``key`` stands for."""
    return _may_declare_entry_points()


def _hook_results(hook: str) -> list[Any]:
    """What the registered plugins return from ``hook``, in pluggy's order (the last plugin
    registered first); the built-in plugins' functions are called directly when they are the
    only plugins."""
    if _only_builtins():
        plugins = [module for _, module in _builtin_plugins()]
        return [getattr(m, hook)() for m in reversed(plugins) if hasattr(m, hook)]
    return list(getattr(plugin_manager().hook, hook)())


def _entry_points() -> Sequence[EntryPoint]:
    """The installed ``speclint`` entry points, read in one pass over the installed
    distributions; ``importlib.metadata`` (slow to import) only when some distribution may
    declare one."""
    if not _may_declare_entry_points():
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=PROJECT))


def _plugin_name(plugin: object) -> str:
    return str(getattr(plugin, "__name__", plugin))


def plugin_distributions() -> list[tuple[str, str, str]]:
    """(plugin, distribution name, version) of every plugin an installed distribution
    registered through an entry point, in the order they were loaded."""
    if _only_builtins():
        return []
    plugin_manager()
    return [
        (plugin, dist.metadata["Name"] if dist else "", dist.version if dist else "")
        for plugin, dist in _DISTRIBUTIONS
    ]


def only_builtin_plugins() -> bool:
    """Whether the built-in plugins are the only ones registered (no entry point's rules)."""
    return _only_builtins() or all(
        name in BUILTIN_PLUGINS
        for name, plugin in plugin_manager().list_name_plugin()
        if plugin is not None
    )


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by code; duplicate codes or names are an error."""
    rules: dict[str, Rule] = {}
    names: set[str] = set()
    for contributed in _hook_results("speclint_rules"):
        for rule in contributed:
            if rule.code in rules or rule.name in names:
                raise PluginError(f"two plugins register rule {rule.code} ({rule.name})")
            if rule.severity not in SEVERITIES:
                raise PluginError(f"rule {rule.code} has an unknown severity {rule.severity!r}")
            rules[rule.code] = rule
            names.add(rule.name)
    if not rules:
        raise PluginError("no rules are registered: is speclint installed (pip install -e .)?")
    return [rules[code] for code in sorted(rules)]


def output_formats() -> dict[str, Reporter]:
    formats: dict[str, Reporter] = {}
    for contributed in _hook_results("speclint_output_formats"):
        for name, reporter in contributed.items():
            if name in formats:
                raise PluginError(f"two plugins register output format {name!r}")
            formats[name] = reporter
    return formats
