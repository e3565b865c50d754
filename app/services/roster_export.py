"""Exporting the roster to a printable workbook (the window's 导出花名册 and `zhibu export-members`).

ID numbers are masked unless full ones are asked for; an export with full IDs is written to the
audit log (who, when, which branch, how many people, which file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import age_on
from app.errors import InputError
from app.export.roster_xlsx import Column, write_roster
from app.member_fields import AGE_LABEL, EXPORTED, SEQ_LABEL, shown
from app.models import Branch, Member
from app.prefs import Prefs
from app.services import roster
from app.storage import audit
from app.vocab import STANDING_FULL, STATUS_ACTIVE


@dataclass
class ExportResult:
    path: Path
    count: int
    branch: str
    full_ids: bool


# columns left out when every row says the usual word: a branch of retired cadres is nearly all
# 在册 and 正式, and a printed column of one word takes the room of an address
_USUAL = {"status": STATUS_ACTIVE, "party_standing": STANDING_FULL}
COLUMNS: tuple[Column, ...] = (
    Column(SEQ_LABEL, centred=True, always=True),
    *(col for f in EXPORTED for col in (
        Column(f.label, f.export_width, f.centred, always=f.required,
               unless_all=_USUAL.get(f.attr)),
        *((Column(AGE_LABEL, centred=True),) if f.attr == "birth_date" else ()),
    )),
)


def _rows(session: Session, ids: list[int], today: date, full_ids: bool) -> list[tuple]:
    """One row per member in COLUMNS' order: 序号, then each exported field (年龄 after 出生年月)."""
    cols = [Member.id, *(getattr(Member, f.attr) for f in EXPORTED)]
    found = {}
    for start in range(0, len(ids), 500):
        for r in session.execute(select(*cols).where(Member.id.in_(ids[start:start + 500]))):
            found[r.id] = r
    rows = []
    for n, member_id in enumerate(ids, start=1):
        r = found[member_id]
        row: list = [n]
        for f in EXPORTED:
            value = getattr(r, f.attr)
            row.append(shown(f, value, full_ids))
            if f.attr == "birth_date":
                row.append(age_on(value, today) or "")
        rows.append(tuple(row))
    return rows


def export_members(session: Session, branch_id: int, path: Path | str,
                   filter: roster.RosterFilter | None = None, full_ids: bool = False,
                   user: str | None = None, today: date | None = None) -> ExportResult:
    """Write the branch's roster (the filter's members, 在册 by default) to `path` (.xlsx)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"导出文件应以 .xlsx 结尾：{path.name}")
    if not path.parent.exists():
        raise InputError(f"保存位置的文件夹不存在：{path.parent}")
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise InputError(f"支部编号 {branch_id} 不存在")
    today = today or date.today()
    flt = filter or roster.RosterFilter()
    flt.branch_id = branch_id
    ids = roster.member_ids(session, flt)
    rows = _rows(session, ids, today, full_ids)
    subtitle = f"导出日期：{today:%Y年%m月%d日}　　共 {len(rows)} 人"
    if not full_ids:
        subtitle += "　　身份证号已隐去中间数字"
    # WorkError says why it failed
    write_roster(path, f"{branch.name}党员花名册", subtitle, list(COLUMNS), rows)
    if full_ids:
        if user is not None:
            session.info["user"] = user
        elif not session.info.get("user"):
            session.info["user"] = Prefs.load().user_name
        audit.log_export(session, f"{branch.name}花名册", str(path), len(rows))
    return ExportResult(path, len(rows), branch.name, full_ids)
