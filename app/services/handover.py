"""Handing the branch over to the next secretary: one file with the database and the settings.

The file (`.zhibu`) is a zip holding `manifest.json` (what it is, who made it and when, branch
names, member count, the database's SHA-256), `zhibu.sqlite3` (a verified online backup) and
`prefs.json` (this PC's settings, without the user's name). Opening one checks every part
before anything changes — nothing but those three members, each within its size cap, the JSON
parts objects of the expected shape, the database with exactly our schema (schema_check) —
backs the current database up, and then replaces it in one rename.
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

from app import __version__, leftovers
from app.errors import InputError
from app.importing import zip_directory
from app.prefs import Prefs
from app.storage import backup
from app.storage import restore

SUFFIX = ".zhibu"
FORMAT = "zhibu-handover"
DB_NAME, MANIFEST, PREFS = "zhibu.sqlite3", "manifest.json", "prefs.json"
MAX_DB_BYTES = 8 * 2**30  # refuse a file claiming more than this once unpacked
# A real manifest is under 1 KB (60 KB would name 1,000 branches) and prefs.json about 300
# bytes: a 1 GB manifest once took 2.1 GB of memory to refuse. Both are read at most this far.
MAX_MANIFEST_BYTES = 1 * 2**20
MAX_PREFS_BYTES = 64 * 2**10
# what the manifest must hold, and of which type, before anything shows or uses it
_FIELDS = {"format": str, "branches": list, "members": int, "made_by": str, "made_at": str,
           "db_sha256": str}


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
    part = target.with_name(f".{target.name}.part")
    with tempfile.TemporaryDirectory(prefix="zhibu-pack-") as tmp:
        # a kill before the end leaves a copy of the database here and a half-made file on
        # the stick: the next start removes both (app.leftovers)
        note = leftovers.note_writing(part, Path(tmp))
        try:
            _pack_into(db, Path(tmp), part, target, prefs)
        finally:
            leftovers.done_writing(note)
    return target


def _pack_into(db, tmp: Path, part: Path, target: Path, prefs: Prefs) -> None:
    """Copy, check and zip the database into `part`, then rename it to `target`."""
    copy = backup.copy_database(db.path, Path(tmp) / DB_NAME)
    preview = restore.preview_backup(copy)
    manifest = {"format": FORMAT, "version": 1, "program": __version__,
                "made_at": f"{datetime.now():%Y-%m-%d %H:%M:%S}", "made_by": db.user_name,
                "branches": preview.branches, "members": preview.members,
                "db_sha256": _sha256(copy), "db_bytes": copy.stat().st_size}
    settings = {k: v for k, v in asdict(prefs).items() if k != "user_name"}
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


def read_manifest(file: Path) -> dict:
    """The manifest of a handover file; InputError with a plain reason when it is not one."""
    return _read_parts(Path(file))[0]


def _small_member(z: zipfile.ZipFile, name: str, cap: int, file: Path) -> object:
    """A JSON member read at most `cap` bytes far, whatever its header claims."""
    refused = InputError(f"{file.name} 里的 {name} 大得不正常，不是支部工作台的移交文件，已拒绝打开")
    if z.getinfo(name).file_size > cap:
        raise refused
    with z.open(name) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise refused
    return json.loads(data.decode("utf-8"))


def _read_parts(file: Path) -> tuple[dict, dict]:
    """(manifest, settings) of a handover file, every member checked before anything changes:
    exactly our members, none encrypted, each within its cap, the JSON parts objects with the
    expected fields."""
    if not file.is_file():
        raise InputError(f"找不到移交文件 {file}")
    not_ours = f"{file.name} 不是支部工作台的移交文件或已损坏"
    zip_directory.check(file, file.name, 16, 64 * 1024)  # 3 parts; counted before zipfile lists them
    try:
        with zipfile.ZipFile(file) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            if not {MANIFEST, DB_NAME} <= set(names):
                raise InputError(f"{file.name} 不是支部工作台的移交文件（缺少内容）")
            if len(names) != len(set(names)) or not set(names) <= {MANIFEST, DB_NAME, PREFS}:
                raise InputError(f"{file.name} 里有不属于移交文件的内容，已拒绝打开")
            if any(i.flag_bits & 0x1 for i in infos):
                raise InputError(f"{file.name} 设了密码，无法打开")
            if z.getinfo(DB_NAME).file_size > MAX_DB_BYTES:
                raise InputError(f"{file.name} 里的数据库大得不正常，已拒绝打开")
            manifest = _small_member(z, MANIFEST, MAX_MANIFEST_BYTES, file)
            settings = _small_member(z, PREFS, MAX_PREFS_BYTES, file) if PREFS in names else {}
            db_bytes = z.getinfo(DB_NAME).file_size
    except InputError:
        raise
    except (zipfile.BadZipFile, ValueError, UnicodeDecodeError, OSError, RecursionError,
            NotImplementedError, EOFError) as exc:  # NotImplementedError: a compression we lack
        raise InputError(not_ours) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(f"{file.name} 不是支部工作台的移交文件")
    wrong = [k for k, kind in _FIELDS.items()
             if not isinstance(manifest.get(k), kind) or isinstance(manifest.get(k), bool)]
    if (wrong or not all(isinstance(b, str) for b in manifest["branches"])
            or manifest.get("db_bytes", db_bytes) != db_bytes):
        raise InputError(f"{file.name} 的说明部分不完整或被改动过，不能打开，请让对方重新打包")
    if not isinstance(settings, dict):
        raise InputError(f"{file.name} 里的设置部分不正常，不能打开，请让对方重新打包")
    return manifest, settings


def open_handover(db, file: Path) -> HandoverResult:
    """Replace the database with the one in `file` (every connection closed first by the
    caller: db.engine.dispose()). The current database is backed up before; a bad file
    changes nothing."""
    file = Path(file)
    manifest, settings = _read_parts(file)
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
        checked = restore.preview_backup(staged)  # named after the .zhibu, not the staged copy
        if not checked.sound:
            raise InputError(f"移交文件 {file.name} 不能打开：{checked.problem}。当前数据没有改动。")
        kept, preview = restore.restore_backup(db.path, staged)
    except OSError as exc:
        raise backup.BackupError(f"无法打开移交文件：{backup.plain_reason(exc)}。当前数据没有改动。"
                                 ) from exc
    except (zipfile.BadZipFile, NotImplementedError, EOFError) as exc:
        raise InputError(f"{file.name} 已损坏，无法打开。当前数据没有改动。") from exc
    finally:
        staged.unlink(missing_ok=True)
    _take_settings(settings)
    return HandoverResult(file, preview.branches, preview.members, kept)


def _take_settings(settings: dict) -> None:
    """The type size and the chosen branch from the handover file (already read and checked)."""
    prefs = Prefs.load()
    if settings.get("font_scale") in range(100, 201) and type(settings["font_scale"]) is int:
        prefs.font_scale = settings["font_scale"]
    prefs.branch_id = settings.get("branch_id") if isinstance(settings.get("branch_id"), int) else None
    prefs.save()
