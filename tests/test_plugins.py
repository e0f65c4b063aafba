"""Rules are pluggy plugins registered through the ``speclint`` entry-point group."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from importlib.metadata import distribution, entry_points
from pathlib import Path

import pytest

from speclint.engine import registry
from speclint.engine.registry import (
    BUILTIN_PLUGINS,
    PluginError,
    all_rules,
    only_builtin_plugins,
    output_formats,
    plugin_distributions,
    plugin_manager,
)

PLUGIN = '''
from speclint import hookimpl
from speclint.engine.rule import Rule


class LargeValue(Rule):
    """Flags any checked formula whose result exceeds 10^11 (a demo rule)."""

    def check(self, ctx):
        for verdict in ctx.verdicts():
            if verdict.computed is not None and verdict.computed.point > 10**11:
                lit = verdict.claim.stated
                yield ctx.diagnostic(self, verdict.claim.where, lit.num_start, lit.num_end, "large")


RULE = LargeValue(
    code="{code}", name="{name}", category="example", severity="warning", summary="Large value."
)


@hookimpl
def speclint_rules():
    return [RULE]
'''


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    plugin_manager.cache_clear()
    yield
    plugin_manager.cache_clear()


def _install_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, name: str, points: str = ""
) -> None:
    """A plugin distribution on sys.path, exactly as pip would leave one."""
    module = f"speclint_plugin_{code.lower()}"
    (tmp_path / f"{module}.py").write_text(
        textwrap.dedent(PLUGIN).replace("{code}", code).replace("{name}", name)
    )
    dist = tmp_path / f"{module}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[speclint]\nexample = {module}\n{points}")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_builtin_plugins_are_registered_from_the_package_not_entry_points() -> None:
    pm = plugin_manager()
    assert [pm.get_plugin(name).__name__ for name in BUILTIN_PLUGINS] == [
        "speclint_rules",
        "speclint.reporters",
    ]
    points = {ep.value for ep in entry_points(group="speclint")}
    assert not points & {*BUILTIN_PLUGINS, "speclint_rules.arithmetic"}
    codes = [rule.code for rule in all_rules()]
    assert codes == sorted(codes)
    assert {
        "SPC001",
        "SPC101",
        "SPC102",
        "SPC103",
        "SPC201",
        "SPC202",
        "SPC203",
        "SPC204",
        "SPC205",
        "SPC301",
    } <= set(codes)
    assert {"text", "json"} <= set(output_formats())


def test_the_builtin_plugins_answer_alike_without_a_plugin_manager(
    monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    monkeypatch.setattr(registry, "_may_declare_entry_points", lambda: False)
    registry._may_declare_for.cache_clear()
    direct = (all_rules(), list(output_formats()), plugin_distributions(), only_builtin_plugins())
    assert plugin_manager.cache_info().currsize == 0  # no plugin manager was built
    plugin_manager()
    assert (all_rules(), list(output_formats()), plugin_distributions()) == direct[:3]
    assert only_builtin_plugins() and direct[3]
    registry._may_declare_for.cache_clear()


def test_rules_are_not_a_top_level_rules_package() -> None:
    top_level = distribution("speclint").read_text("top_level.txt") or ""
    assert "rules" not in top_level.split()
    assert "speclint_rules" in top_level.split()


def test_rule_metadata_is_complete() -> None:
    for rule in all_rules():
        assert rule.summary and rule.category and rule.severity in ("error", "warning", "info")


def test_third_party_plugin_is_loaded(cli, tmp_path: Path, monkeypatch, fresh_plugins) -> None:
    _install_plugin(tmp_path, monkeypatch, "XMP001", "example-large-value")
    assert "XMP001" in [rule.code for rule in all_rules()]
    doc = tmp_path / "doc.md"
    doc.write_text("Checkpoint: 140 GB (70B params × 2 bytes)\n")
    code, out, _ = cli(["check", "doc.md", "--format", "json"], cwd=tmp_path)
    assert code == 0
    assert [(d["code"], d["category"], d["line"]) for d in json.loads(out)] == [
        ("XMP001", "example", 1)
    ]


def test_an_entry_point_naming_a_builtin_plugin_does_not_register_it_twice(
    tmp_path: Path, monkeypatch, fresh_plugins
) -> None:
    builtins = "rules = speclint_rules\nformats = speclint.reporters\n"
    _install_plugin(tmp_path, monkeypatch, "XMP002", "example-two", builtins)
    codes = [rule.code for rule in all_rules()]
    assert codes.count("SPC101") == 1 and "XMP002" in codes
    assert "text" in output_formats()


def test_conflicting_plugin_is_a_usage_error(
    cli, tmp_path: Path, monkeypatch, fresh_plugins
) -> None:
    _install_plugin(tmp_path, monkeypatch, "SPC101", "formula-mismatch")
    with pytest.raises(PluginError):
        all_rules()
    code, _, err = cli(["check", "."], cwd=tmp_path)
    assert code == 2 and "SPC101" in err


def test_builtin_rules_use_the_documented_categories() -> None:
    from speclint.engine.diagnostics import CATEGORIES

    assert {rule.category for rule in all_rules()} <= set(CATEGORIES)
