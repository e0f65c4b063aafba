"""``--show-settings``: the configuration files in effect for a file, every key's value, and the
rules enabled there."""

from __future__ import annotations

import os
from pathlib import Path

from speclint.app.config.discovery import Config
from speclint.app.config.schema import COMMAND_LINE, DEFAULTS, toml_value

#: Keys shown merged over the layers rather than from the closest layer.
MERGED_KEYS = ("severity", "tolerance", "efficiency", "accelerators", "models")


def describe(config: Config, path: str) -> str:
    """The configuration files, every key's value, and the rules, for the file at ``path``."""
    absolute = Path(os.path.abspath(path))
    settings = config.settings_for(absolute)
    lines = [f"Settings for {path}"]
    sources = config.sources
    lines.append(f"config: {toml_value(sources[0]) if sources else '(none: defaults)'}")
    if len(sources) > 1:
        lines.append(f"extends: {toml_value(sources[1:])}")
    cli = [layer for layer in config.layers if layer.source == COMMAND_LINE and layer.options]
    if cli:
        lines.append(f"command line: {toml_value(dict(cli[0].options))}")
    lines.append("")
    for key in DEFAULTS:
        if key == "per-file-ignores":
            entries = config.get(key)
            lines.append(
                f"{key} = {{ {', '.join(toml_value(e) for e in entries)} }}"
                if entries
                else f"{key} = {{}}"
            )
        elif key == "extend-exclude":
            lines.append(f"{key} = {toml_value(config.extend_exclude)}")
        elif key in MERGED_KEYS:
            lines.append(f"{key} = {toml_value(config.merged(key))}")
        else:
            lines.append(f"{key} = {toml_value(config.get(key))}")
    lines.append("")
    lines.append("rules enabled for this file:")
    for rule in config.rules:
        if settings.selected is None or rule.code in settings.selected:
            severity = settings.severity.get(rule.code, rule.severity)
            lines.append(f"  {rule.code}  {rule.name}  [{rule.category}]  {severity}")
    return "\n".join(lines) + "\n"
