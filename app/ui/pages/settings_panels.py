"""Panels embedded in the settings page, each "module:Class" built with `(ctx)`."""

SETTINGS_PANELS: list[str] = [
    "app.ui.pages.data_safety_panel:DataSafetyPanel",
]
