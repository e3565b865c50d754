"""Every file dialog of the window goes through here: where it starts, what it remembers, which
dialog it is, and the private folder printouts are made in before they are previewed.

- It starts in the user's 文档 folder (桌面, then the home folder, when that is missing) — never
  the program's own folder or whatever the working directory happens to be — and afterwards in
  the folder last used for that kind of file (`Prefs.folders`, kinds in `app.file_names`).
- On Windows (and macOS) Qt's default native dialog is kept: it speaks the system's language and
  shows the places people know. Elsewhere the Qt dialog is used on purpose, so it is Chinese
  through Qt's own translations (app/ui/qt_chinese.py) whatever the desktop's language.
- A typed name without the file's ending gets it, so "签到表" is saved as "签到表.pdf".
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from app.file_names import with_suffix
from app.prefs import Prefs

_private_dir: Path | None = None


def documents_folder() -> Path:
    """The user's 文档 folder, else 桌面, else the home folder: the first that exists."""
    for where in (QStandardPaths.StandardLocation.DocumentsLocation,
                  QStandardPaths.StandardLocation.DesktopLocation):
        found = QStandardPaths.writableLocation(where)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def start_folder(prefs: Prefs | None, kind: str) -> Path:
    """Where a dialog for `kind` opens: its remembered folder if it still exists, else 文档.
    `prefs` None (a dialog without the window's preferences): 文档, and nothing remembered."""
    remembered = prefs.folders.get(kind, "") if prefs is not None else ""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember(prefs: Prefs | None, kind: str, folder: Path) -> None:
    if prefs is None:
        return
    prefs.folders[kind] = str(folder)
    prefs.save()


def dialog_options() -> QFileDialog.Option:
    """Native on Windows/macOS; Qt's own (translated) dialog on Linux."""
    if sys.platform in ("win32", "darwin"):
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


def save_file(parent, prefs: Prefs | None, kind: str, title: str, name: str,
              file_filter: str) -> Path | None:
    """Ask where to save; `name` is the proposed file name (app.file_names). None: cancelled."""
    start = start_folder(prefs, kind) / name
    chosen, _f = QFileDialog.getSaveFileName(parent, title, str(start), file_filter,
                                             options=dialog_options())
    if not chosen:
        return None
    path = Path(with_suffix(chosen, Path(name).suffix))
    remember(prefs, kind, path.parent)
    return path


def open_file(parent, prefs: Prefs | None, kind: str, title: str, file_filter: str) -> Path | None:
    chosen, _f = QFileDialog.getOpenFileName(parent, title, str(start_folder(prefs, kind)),
                                             file_filter, options=dialog_options())
    if not chosen:
        return None
    path = Path(chosen)
    remember(prefs, kind, path.parent)
    return path


def open_files(parent, prefs: Prefs | None, kind: str, title: str, file_filter: str) -> list[Path]:
    chosen, _f = QFileDialog.getOpenFileNames(parent, title, str(start_folder(prefs, kind)),
                                              file_filter, options=dialog_options())
    paths = [Path(p) for p in chosen]
    if paths:
        remember(prefs, kind, paths[0].parent)
    return paths


def choose_folder(parent, prefs: Prefs | None, kind: str, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder(prefs, kind)),
                                              dialog_options() | QFileDialog.Option.ShowDirsOnly)
    if not chosen:
        return None
    remember(prefs, kind, Path(chosen))
    return Path(chosen)


def private_temp_dir() -> Path:
    """A folder only this run of the program writes printouts into before they are previewed;
    removed when the program exits (a file still open in a PDF reader is left to the system)."""
    global _private_dir
    if _private_dir is None or not _private_dir.is_dir():
        _private_dir = Path(tempfile.mkdtemp(prefix="zhibu-print-"))
        atexit.register(shutil.rmtree, _private_dir, True)
    return _private_dir


def branch_name(ctx) -> str:
    """The current branch's name for a proposed file name ("" when there is none)."""
    from app.services import roster

    with ctx.db.session() as s:
        return dict(roster.branches(s)).get(ctx.branch_id, "")
