"""Preferences of this PC's user (font size, user name, last branch), kept in the data folder.

Plain JSON written atomically, so a power cut never leaves a half-written file.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from app import paths

SCALES = (100, 125, 150, 175, 200)


@dataclass
class Prefs:
    font_scale: int = 100  # percent of the 14 pt base type
    user_name: str = ""  # who is working, for the audit log
    user_name_asked: bool = False  # asked once at start; "以后再说" is an answer too
    branch_id: int | None = None
    # 制表机关 on the quarterly workbook's 汇总 (the office that set the form, e.g. "中共××县委
    # 老干部局"): the same for every branch this PC reports on; "" means the default
    form_authority: str = ""
    # 填报单位 on a roll-up's 汇总 (merge-quarter, all branches): the township's or county's
    # office, e.g. "城关镇老干部服务站"; "" leaves the line to be written by hand
    summary_unit: str = ""
    # 收缴人 of the last party-dues payment recorded on this PC, offered for the next one
    dues_collector: str = ""
    # The last folder used for each kind of file (app.file_names kinds): the backup stick is
    # not where the next sign-in sheet should be offered.
    folders: dict[str, str] = field(default_factory=dict)

    @classmethod
    def file(cls) -> Path:
        return paths.data_dir() / "prefs.json"

    @classmethod
    def load(cls) -> Prefs:
        try:
            raw = json.loads(cls.file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        prefs = cls(**{k: v for k, v in raw.items() if k in known})
        if prefs.font_scale not in range(100, 201):
            prefs.font_scale = 100
        for name in ("form_authority", "summary_unit", "dues_collector"):
            if not isinstance(getattr(prefs, name), str):
                setattr(prefs, name, "")
        if not isinstance(prefs.folders, dict):
            prefs.folders = {}
        prefs.folders = {str(k): v for k, v in prefs.folders.items() if isinstance(v, str)}
        return prefs

    def save(self) -> None:
        target = self.file()
        tmp = target.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), "utf-8")
            os.replace(tmp, target)
        except OSError:
            tmp.unlink(missing_ok=True)  # preferences are a convenience: never stop the work
