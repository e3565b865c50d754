"""Panels embedded in the settings page, each "module:Class" built with `(ctx)`."""

SETTINGS_PANELS: list[str] = [
]
