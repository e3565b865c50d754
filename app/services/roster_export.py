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

from app import idcard
from app.dates import age_on, fmt
from app.errors import InputError
from app.export.roster_xlsx import write_roster
from app.models import Branch, Member
from app.services import roster


@dataclass
class ExportResult:
    path: Path
    count: int
    branch: str
    full_ids: bool


def _rows(session: Session, ids: list[int], today: date, full_ids: bool) -> list[tuple]:
    cols = (Member.id, Member.name, Member.gender, Member.birth_date, Member.birth_month_only,
            Member.id_number, Member.ethnicity, Member.retire_type, Member.is_party_member,
            Member.party_join_date, Member.former_unit, Member.phone, Member.address,
            Member.community, Member.living, Member.mobility, Member.status, Member.status_date,
            Member.notes)
    found = {}
    for start in range(0, len(ids), 500):
        for r in session.execute(select(*cols).where(Member.id.in_(ids[start:start + 500]))):
            found[r.id] = r
    rows = []
    for n, member_id in enumerate(ids, start=1):
        r = found[member_id]
        rows.append((
            n, r.name, r.gender or "", fmt(r.birth_date, month_only=True),
            age_on(r.birth_date, today) or "",
            (r.id_number or "") if full_ids else idcard.mask(r.id_number), r.ethnicity,
            r.retire_type or "", "是" if r.is_party_member else "否",
            fmt(r.party_join_date, month_only=True), r.former_unit, r.phone, r.address,
            r.community, r.living or "", r.mobility, r.status,
            fmt(r.status_date) if r.status != "在册" else "", r.notes,
        ))
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
    write_roster(path, f"{branch.name}党员花名册", subtitle, rows)  # WorkError says why it failed
    if full_ids:
        from app.services import audit

        if user is not None:
            session.info["user"] = user
        elif not session.info.get("user"):
            from app.prefs import Prefs

            session.info["user"] = Prefs.load().user_name
        audit.log_export(session, f"{branch.name}花名册", str(path), len(rows))
    return ExportResult(path, len(rows), branch.name, full_ids)
