"""The engine: the rule API, the plugin registry, selection, suppression and the lint loop."""
