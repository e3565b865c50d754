"""支部工作台 — the core library behind the window, the `zhibu` command and the tests."""

__version__ = "0.1.0"
APP_NAME = "支部工作台"
