"""Removing what an interrupted run of this program left behind (files with personal data).

A power cut or a killed process skips every `finally`: a half-made backup (`backups/*.part`),
the staged copy of a handover or restore beside the database, an export's temporary `.~…xlsx`,
a packing folder in the system's temporary folder holding a full copy of the database. At
start (window and command line) we remove them — only names this program makes, only in its
own folders, the folders it saved into (Prefs.folders) and its own prefix in the temporary
folder, and only when older than an hour: a fresh one may belong to another window of ours
that is working right now. What lies beside the database (a half-made backup, a staged
restore or handover) is removed at any age when nobody holds the database's lock: then no
program of ours can be writing it, and a kill just before the next start left it there.

A `-journal` beside the database itself is never touched: it is SQLite's hot journal, and
SQLite needs it to undo a write that was cut off.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from app import paths as paths_  # `paths` is what the functions here are given
from app.prefs import Prefs
from app.storage.instance_lock import nobody_holds

log = logging.getLogger(__name__)

MAX_AGE_S = 3600
TEMP_DIR_PREFIXES = ("zhibu-pack-", "zhibu-xlsx-", "zhibu-print-")
# ".~" + stem + mkstemp's 8 random characters + suffix (app/export/xlsx_table.py, pdf_fonts.py)
_EXPORT_TMP = re.compile(r"^\.~.*[a-z0-9_]{8}\.(xlsx|pdf)$")
_HANDOVER_PART = re.compile(r"^\..+\.zhibu\.part$")  # app/services/handover.py pack()
_BACKUP_PART = re.compile(r".+\.part(-journal)?$")  # app/storage/backup.py copy_database()


def _old(path: Path, now: float) -> bool:
    """Older than MAX_AGE_S, judged by the newest change to it or (for a folder) inside it;
    a time in the future (a clock set back) counts as fresh, to be safe."""
    try:
        newest = path.lstat().st_mtime
        if path.is_dir() and not path.is_symlink():
            for child in path.iterdir():
                newest = max(newest, child.lstat().st_mtime)
    except OSError:
        return False
    return now - newest > MAX_AGE_S


def _ours(path: Path) -> bool:
    """On POSIX only what this user owns (a shared temporary folder holds others' files)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        return True
    except OSError:
        return False


def _beside_database(db_path: Path) -> list[Path]:
    name = db_path.name
    staged = [db_path.with_name(name + s) for s in (".handover", ".restoring")]
    found = [p for base in staged for p in (base, base.with_name(base.name + "-journal"),
                                            base.with_name(base.name + ".part"),
                                            base.with_name(base.name + ".part-journal"))]
    backups = db_path.parent / "backups"
    if backups.is_dir():
        found += [p for p in backups.iterdir() if _BACKUP_PART.fullmatch(p.name)]
    return found


def _in_saved_folders(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        try:
            entries = list(folder.iterdir()) if folder.is_dir() else []
        except OSError:
            continue
        found += [p for p in entries if p.is_file() and (
            _EXPORT_TMP.fullmatch(p.name) or _HANDOVER_PART.fullmatch(p.name))]
    return found


def _in_temp_folder(temp: Path) -> list[Path]:
    try:
        found = [p for p in temp.iterdir() if p.name.startswith(TEMP_DIR_PREFIXES) and p.is_dir()]
    except OSError:
        return []
    shared = temp / "zhibu"  # where versions before 2026-11 put visit checklists
    if shared.is_dir() and not shared.is_symlink():
        found += [p for p in shared.glob("走访登记表-*.pdf") if p.is_file()]
    return found


def clean(db_path: Path, saved_folders: list[Path] | None = None, temp: Path | None = None,
          now: float | None = None, data_dir: Path | None = None,
          database_free: bool = False) -> list[Path]:
    """Remove this program's leftovers older than an hour (beside the database: of any age
    when `database_free`, i.e. nobody holds its lock); returns what was removed. Never raises:
    tidying must not stop the program from starting."""
    now = time.time() if now is None else now
    temp = Path(temp or tempfile.gettempdir())
    try:
        beside = _beside_database(Path(db_path))
        others = (_in_saved_folders([Path(f) for f in saved_folders or []])
                  + _in_temp_folder(temp)
                  + [Path(data_dir or Path(db_path).parent) / "prefs.tmp"])  # Prefs.save()
    except OSError:
        return []
    removed = [p for p in beside if p.exists() and _ours(p) and (database_free or _old(p, now))
               and _remove(p)]
    removed += [p for p in others if p.exists() and _ours(p) and _old(p, now) and _remove(p)]
    shared = temp / "zhibu"
    if removed and shared.is_dir():
        try:
            shared.rmdir()  # only when empty
        except OSError:
            pass
    if removed:
        log.info("removed %d leftover temporary files of an interrupted run", len(removed))
    return removed


# --- files being written outside the data folder ---------------------------------------------
# An export or a handover file is written under a temporary name beside its target (a folder
# the user chose, e.g. the USB stick), then renamed. A kill in between leaves the hidden
# temporary with personal data where no start-up tidying would look. So each such temporary is
# noted in the data folder while it is written — one small file per note, named with the
# writer's process id — and the next start removes what a dead process's notes name.
NOTES_DIR = "writing"
_OUR_TEMPORARIES = (_EXPORT_TMP, _HANDOVER_PART)


def note_writing(*paths: Path) -> Path | None:
    """Note `paths` as being written by this process; the note's path (None when the data
    folder cannot take it: the export goes on, only the tidying after a kill is lost)."""
    try:
        folder = paths_.data_dir() / NOTES_DIR
        folder.mkdir(exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{os.getpid()}-", suffix=".txt", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(str(Path(p).absolute()) for p in paths))
        return Path(name)
    except OSError:
        log.warning("could not note a file being written", exc_info=True)
        return None


def done_writing(note: Path | None) -> None:
    """The files of `note` are renamed into place or removed: forget them."""
    if note is not None:
        try:
            note.unlink(missing_ok=True)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    """Whether process `pid` is running (a reused number counts as alive: then the file waits
    for the hour-old rule)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there: ask with OpenProcess instead
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel.GetExitCodeProcess(handle, ctypes.byref(code))) and \
                code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _ours_by_name(path: Path) -> bool:
    return any(p.fullmatch(path.name) for p in _OUR_TEMPORARIES) or \
        (path.name.startswith(TEMP_DIR_PREFIXES) and path.is_dir())


def clean_notes(data_dir: Path) -> list[Path]:
    """Remove what the notes of processes no longer running name (only names this program
    gives its temporaries), and those notes; returns the files removed."""
    removed = []
    try:
        notes = list((data_dir / NOTES_DIR).glob("*.txt"))
    except OSError:
        return []
    for note in notes:
        pid_text = note.name.split("-", 1)[0]
        if not pid_text.isdigit() or _alive(int(pid_text)):
            continue
        try:
            named = [Path(line) for line in note.read_text(encoding="utf-8").splitlines() if line]
        except (OSError, UnicodeDecodeError):
            named = []
        removed += [p for p in named if p.exists() and _ours(p) and _ours_by_name(p)
                    and _remove(p)]
        done_writing(note)
    if removed:
        log.info("removed %d temporary files of a run that was killed", len(removed))
    return removed


def clean_at_start(db_path: Path | str | None) -> None:
    """clean() for the database about to be opened and the folders the user saved into."""
    try:
        path = Path(db_path) if db_path else paths_.default_db_path()
        folders = [Path(f) for f in Prefs.load().folders.values()]
        clean(path, folders, data_dir=paths_.data_dir(), database_free=nobody_holds(path))
        clean_notes(paths_.data_dir())
    except Exception:  # whatever went wrong, never stop the program over tidying
        log.warning("could not tidy leftover temporary files", exc_info=True)
