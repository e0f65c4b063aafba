"""Configuration files: ``.speclint.toml``, ``speclint.toml`` or ``[tool.speclint]`` in
``pyproject.toml``.

``schema`` holds the keys, their types and validation; ``discovery`` finds the closest file above
each linted file (following ``extend``) and the configuration in effect there; ``show`` renders
``--show-settings``.
"""

from speclint.app.config.discovery import CONFIG_NAMES, Config, Resolver, find_config, load_chain
from speclint.app.config.schema import ConfigError, Layer, command_line_layer
from speclint.app.config.show import describe

__all__ = [
    "CONFIG_NAMES",
    "Config",
    "ConfigError",
    "Layer",
    "Resolver",
    "command_line_layer",
    "describe",
    "find_config",
    "load_chain",
]
