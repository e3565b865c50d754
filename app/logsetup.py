"""Logging to a file in the user data folder: a windowed build has no console to print to.

The log is the user's alone (0600) and carries no personal data: ID numbers and mobile numbers
that reach a message anyway are masked, and a very long line (a failed statement over
thousands of rows) is cut, so one failure cannot write megabytes into it.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler

from app import paths

MAX_LINE = 2_000
MAX_RECORD = 20_000
_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def scrub(text: str) -> str:
    """`text` with ID and mobile numbers masked and over-long lines and records cut."""
    text = _ID_NUMBER.sub(r"\1********\2", text)
    text = _MOBILE.sub(r"\1****\2", text)
    lines = [ln if len(ln) <= MAX_LINE else f"{ln[:MAX_LINE]}…（此行另有 {len(ln) - MAX_LINE} 字未记）"
             for ln in text.split("\n")]
    text = "\n".join(lines)
    if len(text) > MAX_RECORD:
        text = f"{text[:MAX_RECORD // 2]}\n…（另有 {len(text) - MAX_RECORD} 字未记）…\n{text[-MAX_RECORD // 2:]}"
    return text


class ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    try:
        target = paths.log_dir() / "zhibu.log"
        handler = RotatingFileHandler(target, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        if os.name == "posix":
            os.chmod(target, 0o600)  # a log made by an older version was readable by all
    except OSError:  # a read-only data folder must not stop the program
        return
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def log_file() -> str:
    return str(paths.log_dir() / "zhibu.log")
