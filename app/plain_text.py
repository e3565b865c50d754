"""Text without invisible control characters: the one cleaner every way in and out uses.

A name pasted from a web page or a hostile spreadsheet may carry ESC (a terminal's colour and
cursor commands), U+202E RIGHT-TO-LEFT OVERRIDE (shows "王建国" as something else and turns
a file name around) or zero-width characters (two names that look alike but never match).
None of them belongs in a roster: they are removed on input (member form, import cleaners, every
save through a session) and from what the command line prints.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; bidi embeddings, overrides, isolates and marks; zero-width
# characters, the byte-order mark, and the Unicode line/paragraph separators
_CONTROLS = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
             "\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb")
_BUT_LINES = re.compile(f"[{_CONTROLS}]")
_LINES = re.compile(r"[\t\r\n]+")


def strip_controls(text: str, keep_lines: bool = False) -> str:
    """`text` without control characters; tab, CR and LF stay when `keep_lines` (notes, and
    text that white-space folding handles later), else each run of them becomes one space."""
    if not text:
        return text
    text = _BUT_LINES.sub("", text)
    return text if keep_lines else _LINES.sub(" ", text)


def has_controls(text: str) -> bool:
    return bool(_BUT_LINES.search(text))


def install(session_factory) -> None:
    """Clean every text column of what a session is about to save (before the audit log,
    installed after this, copies the values)."""
    # SQLAlchemy late, here and below: the spreadsheet reader's child process imports this
    # module for strip_controls, and importing SQLAlchemy took a quarter of a second of its
    # start, while the program waited for it to read the file
    from sqlalchemy import event

    event.listen(session_factory, "before_flush", _before_flush)


def _before_flush(session, _context, _instances) -> None:
    from sqlalchemy import inspect  # late: see install

    for obj in (*session.new, *session.dirty):
        for attr in inspect(type(obj)).column_attrs:
            value = obj.__dict__.get(attr.key)  # loaded or set values only: no extra query
            if isinstance(value, str) and _BUT_LINES.search(value):
                setattr(obj, attr.key, strip_controls(value, keep_lines=True))
