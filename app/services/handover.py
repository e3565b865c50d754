"""Handing the branch over to the next secretary: one file with the database and the settings.

The file (`.zhibu`) is a zip holding `manifest.json` (what it is, who made it and when, branch
names, member count, the database's SHA-256), `zhibu.sqlite3` (a verified online backup) and
`prefs.json` (this PC's settings, without the user's name). Opening one checks every part
before anything changes, backs the current database up, and then replaces it in one rename.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app import __version__
from app.errors import InputError
from app.prefs import Prefs
from app.services import backup

SUFFIX = ".zhibu"
FORMAT = "zhibu-handover"
DB_NAME, MANIFEST, PREFS = "zhibu.sqlite3", "manifest.json", "prefs.json"
MAX_DB_BYTES = 8 * 2**30  # refuse a file claiming more than this once unpacked


@dataclass(frozen=True)
class HandoverResult:
    file: Path
    branches: list[str]
    members: int
    previous: Path | None = None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def pack(db, target: Path, prefs: Prefs | None = None) -> Path:
    """Pack the database and settings into `target` (.zhibu added when missing)."""
    target = Path(target)
    if target.suffix.lower() != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    prefs = prefs or Prefs.load()
    # the verified copy is made on this PC's disk; only the finished zip goes to the stick
    with tempfile.TemporaryDirectory(prefix="zhibu-pack-") as tmp:
        copy = backup.copy_database(db.path, Path(tmp) / DB_NAME)
        preview = backup.preview_backup(copy)
        manifest = {"format": FORMAT, "version": 1, "program": __version__,
                    "made_at": f"{datetime.now():%Y-%m-%d %H:%M:%S}", "made_by": db.user_name,
                    "branches": preview.branches, "members": preview.members,
                    "db_sha256": _sha256(copy), "db_bytes": copy.stat().st_size}
        settings = {k: v for k, v in asdict(prefs).items() if k != "user_name"}
        part = target.with_name(f".{target.name}.part")
        try:
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
                z.writestr(PREFS, json.dumps(settings, ensure_ascii=False, indent=1))
                z.write(copy, DB_NAME)
            os.replace(part, target)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise backup.BackupError(f"无法写入移交文件 {target}：{backup.plain_reason(exc)}") from exc
        except BaseException:  # Ctrl+C: no half-written file with personal data stays
            part.unlink(missing_ok=True)
            raise
    return target


def read_manifest(file: Path) -> dict:
    """The manifest of a handover file; InputError with a plain reason when it is not one."""
    file = Path(file)
    if not file.is_file():
        raise InputError(f"找不到移交文件 {file}")
    try:
        with zipfile.ZipFile(file) as z:
            names = set(z.namelist())
            if not {MANIFEST, DB_NAME} <= names:
                raise InputError(f"{file.name} 不是支部工作台的移交文件（缺少内容）")
            info = z.getinfo(DB_NAME)
            if info.flag_bits & 0x1:
                raise InputError(f"{file.name} 设了密码，无法打开")
            if info.file_size > MAX_DB_BYTES:
                raise InputError(f"{file.name} 里的数据库大得不正常，已拒绝打开")
            manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, ValueError, UnicodeDecodeError, OSError) as exc:
        raise InputError(f"{file.name} 不是支部工作台的移交文件或已损坏") from exc
    if manifest.get("format") != FORMAT:
        raise InputError(f"{file.name} 不是支部工作台的移交文件")
    return manifest


def open_handover(db, file: Path) -> HandoverResult:
    """Replace the database with the one in `file` (every connection closed first by the
    caller: db.engine.dispose()). The current database is backed up before; a bad file
    changes nothing."""
    file = Path(file)
    manifest = read_manifest(file)
    staged = db.path.with_name(db.path.name + ".handover")
    try:
        with zipfile.ZipFile(file) as z, z.open(DB_NAME) as src, open(staged, "wb") as out:
            written = 0
            for chunk in iter(lambda: src.read(1 << 20), b""):
                written += len(chunk)
                if written > MAX_DB_BYTES:
                    raise InputError(f"{file.name} 里的数据库大得不正常，已拒绝打开")
                out.write(chunk)
        if _sha256(staged) != manifest.get("db_sha256"):
            raise InputError(f"{file.name} 在复制途中损坏了（校验值不符），请让对方重新打包")
        kept, preview = backup.restore_backup(db.path, staged)
    except OSError as exc:
        raise backup.BackupError(f"无法打开移交文件：{backup.plain_reason(exc)}。当前数据没有改动。"
                                 ) from exc
    except zipfile.BadZipFile as exc:
        raise InputError(f"{file.name} 已损坏，无法打开。当前数据没有改动。") from exc
    finally:
        staged.unlink(missing_ok=True)
    _take_settings(file)
    return HandoverResult(file, preview.branches, preview.members, kept)


def _take_settings(file: Path) -> None:
    try:
        with zipfile.ZipFile(file) as z:
            settings = json.loads(z.read(PREFS).decode("utf-8")) if PREFS in z.namelist() else {}
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    prefs = Prefs.load()
    if isinstance(settings.get("font_scale"), int):
        prefs.font_scale = settings["font_scale"]
    prefs.branch_id = settings.get("branch_id") if isinstance(settings.get("branch_id"), int) else None
    prefs.save()
