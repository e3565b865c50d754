"""Where things live: the user's data folder (never beside the executable) and our resources.

Both work from a source checkout and from a PyInstaller bundle (where `sys._MEIPASS` holds data).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_DIR_NAME = "zhibu"


def data_dir() -> Path:
    """The per-user data folder; `ZHIBU_HOME` overrides it (tests, portable installs)."""
    override = os.environ.get("ZHIBU_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The database file: `ZHIBU_DB` if set, else `zhibu.sqlite3` in the data folder."""
    override = os.environ.get("ZHIBU_DB")
    return Path(override) if override else data_dir() / "zhibu.sqlite3"


def backup_dir(db_path: Path | None = None) -> Path:
    """Automatic backups sit in a `backups` folder next to the database they protect."""
    base = (db_path or default_db_path()).resolve().parent
    path = base / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bundle_root() -> Path:
    """The folder holding `app/`, `migrations/` and `resources/` (source tree or frozen bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    return bundle_root() / "migrations"


def cjk_font_path() -> Path:
    """The shipped TrueType-outline CJK font that reportlab embeds in every PDF."""
    return resource_path("fonts", "wqy-microhei.ttc")
