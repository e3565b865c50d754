"""Logging to a file in the user data folder: a windowed build has no console to print to."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app import paths


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        handler = RotatingFileHandler(
            paths.log_dir() / "zhibu.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:  # a read-only data folder must not stop the program
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def log_file() -> str:
    return str(paths.log_dir() / "zhibu.log")
