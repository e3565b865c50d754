"""Importing the year's bases from the finance office's sheet: preview, then apply, with a
report by row (spec/dues.md, the roster import's manner: spec/import.md).

    report = import_bases(session, "基数.xlsx", branch_id, 2026, dry_run=True)   # preview
    report = import_bases(session, "基数.xlsx", branch_id, 2026)                 # apply

A row names a member by 身份证号 (matched exactly) or by 姓名 (matched only when one member of
the branch has it). Nothing is guessed: a name two members share, a name or number not on the
roster, a non-member, a member who left before the year, a base that is not a positive amount,
the same member twice in the file — each row is reported with its reason and left out. The rows
that pass are written in the caller's transaction (all or nothing), after a backup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.importing.bases_sheet import BaseRow, read_bases
from app.importing.report import Change, ImportReport, Skipped
from app.models import Branch, DuesBase, Member
from app.money import yuan
from app.services.dues import rule
from app.storage import backup as backups


@dataclass
class BasesReport(ImportReport):
    """The roster import's report (rows skipped with reasons, changes) for a year's bases."""

    year: int = 0

    def to_json(self) -> dict:
        data = super().to_json()
        data["year"] = self.year
        data["changes"] = [{"row": c.row, "name": c.name, "action": c.action,
                            "fields": c.fields} for c in self.changes]
        for key in ("warnings", "ignored_columns"):
            data.pop(key, None)
        return data

    def summary(self) -> str:
        head = "预览（尚未写入）" if self.dry_run else "导入完成"
        return (f"{head}：文件“{self.file}”，工作表“{self.sheet}”，表头在第 {self.header_row} 行，"
                f"读到 {self.rows_read} 行。{self.year}年缴费基数：新增 {self.added} 人，更新 "
                f"{self.updated} 人，无变化 {self.unchanged} 人，跳过 {len(self.skipped)} 行。")

    def text(self) -> str:
        lines = [self.summary()]
        if self.changes:
            lines.append("将写入：" if self.dry_run else "已写入：")
            lines += [f"  第 {c.row} 行 {c.name}：{c.action}"
                      + (f"（{'；'.join(c.fields)}）" if c.fields else "") for c in self.changes]
        if self.skipped:
            lines.append("跳过的行（没有导入）：")
            lines += [f"  第 {s.row} 行：{s.reason}" + (f" —— {s.detail}" if s.detail else "")
                      for s in self.skipped]
        if self.backup:
            lines.append(f"导入前的数据库已备份到：{self.backup}")
        return "\n".join(lines)


def _shown(base_fen: int | None, special: str | None) -> str:
    parts = [f"{yuan(base_fen)}元" if base_fen is not None else "未填"]
    if special:
        parts.append(special)
    return "，".join(parts)


class _Roster:
    def __init__(self, session: Session, branch_id: int):
        rows = session.execute(select(
            Member.id, Member.name, Member.id_number, Member.is_party_member, Member.status,
            Member.status_date, Member.joined_date, Member.party_join_date)
            .where(Member.branch_id == branch_id)).all()
        self.by_id = {r.id: r for r in rows}
        self.by_number = {r.id_number: r.id for r in rows if r.id_number}
        self.by_name: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            self.by_name[r.name].append(r.id)

    def match(self, row: BaseRow) -> tuple[int | None, str, str]:
        """(member id, reason it is not matched, detail)."""
        if row.id_number:
            found = self.by_number.get(row.id_number)
            if found is None:
                return None, "身份证号不在本支部花名册上", f"{row.name or ''} {row.id_number}".strip()
            member = self.by_id[found]
            if row.name and row.name != member.name:
                return None, "姓名与身份证号对不上", (f"表中是“{row.name}”，花名册上这个身份证号是"
                                                 f"“{member.name}”")
            return found, "", ""
        found = self.by_name.get(row.name, [])
        if not found:
            return None, "花名册上没有这个人", f"姓名“{row.name}”"
        if len(found) > 1:
            return None, f"花名册上有 {len(found)} 人叫“{row.name}”，分不清是哪一位", \
                "请在表中填上身份证号"
        return found[0], "", ""

    def not_owing(self, member_id: int, year: int) -> str:
        """Why the member owes no dues in `year` ("" when they do)."""
        m = self.by_id[member_id]
        if not m.is_party_member:
            return f"{m.name}不是党员，不交党费"
        span = rule.owing_span(m.is_party_member, m.status, m.status_date, m.joined_date,
                               m.party_join_date)
        if span is None:
            return f"{m.name}已{m.status}（没有记日期），{year}年不交党费"
        if not span.months_in(rule.month_number(year, 1), rule.month_number(year, 12)):
            when = f"{m.status_date:%Y-%m-%d}" if m.status_date else ""
            return f"{m.name}{year}年不在册（{m.status} {when}）".replace(" ）", "）")
        return ""


def import_bases(session: Session, path: Path | str, branch_id: int, year: int,
                 dry_run: bool = False, *, sheet: str | None = None, backup: bool = True,
                 today: date | None = None) -> BasesReport:
    """Preview (`dry_run`) or apply the bases in `path` for `year`; the report either way.
    InputError for a file that cannot be used at all; then nothing is written."""
    today = today or date.today()
    if session.get(Branch, branch_id) is None:
        raise InputError(f"支部编号 {branch_id} 不存在")
    if not 1990 <= year <= today.year + 1:
        raise InputError(f"年度 {year} 不对：应在 1990 到 {today.year + 1} 年之间")
    read = read_bases(path, sheet)
    report = BasesReport(file=read.file, sheet=read.sheet, header_row=read.header_row,
                         rows_read=len(read.rows), sheets=read.sheets, columns=read.columns,
                         dry_run=dry_run, year=year)
    roster = _Roster(session, branch_id)
    matched = _matched(report, read.rows, roster, year)
    existing = {b.member_id: b for b in session.scalars(select(DuesBase).where(
        DuesBase.member_id.in_(list(matched)), DuesBase.year == year))} if matched else {}
    writes = _changes(report, matched, existing, roster)
    report.skipped.sort(key=lambda s: s.row)
    report.changes.sort(key=lambda c: c.row)
    if dry_run or not writes:
        return report
    if backup:
        report.backup = _backup(session)
    _write(session, writes, existing, year, read.file)
    return report


def _matched(report: BasesReport, rows: list[BaseRow], roster: _Roster,
             year: int) -> dict[int, list[BaseRow]]:
    """The file's rows by the member they name; a row with bad cells, one that names nobody
    for sure, or a member who owes nothing in `year` goes to the report's skipped rows."""
    matched: dict[int, list[BaseRow]] = defaultdict(list)
    for row in rows:
        if row.problems:
            who = row.name or row.id_number or ""
            report.skipped.append(Skipped(row.row, "；".join(row.problems),
                                          (f"{who}：{row.detail}" if row.detail else who)))
            continue
        member_id, reason, detail = roster.match(row)
        if member_id is None:
            report.skipped.append(Skipped(row.row, reason, detail))
            continue
        why = roster.not_owing(member_id, year)
        if why:
            report.skipped.append(Skipped(row.row, why))
            continue
        matched[member_id].append(row)
    return matched


def _changes(report: BasesReport, matched: dict[int, list[BaseRow]],
             existing: dict[int, DuesBase], roster: _Roster) -> list[tuple[int, BaseRow]]:
    """Each member's row against the base already on file: counted and listed as 新增 or
    更新, or counted as unchanged; a member on two rows is skipped on both (which one is
    right is not guessed). Returns the rows to write."""
    writes: list[tuple[int, BaseRow]] = []
    for member_id, rows in matched.items():
        if len(rows) > 1:
            where = "、".join(str(r.row) for r in rows)
            for r in rows:
                report.skipped.append(Skipped(r.row, f"同一党员在第 {where} 行都有，没有导入",
                                              "请只留一行"))
            continue
        row, old = rows[0], existing.get(member_id)
        name = roster.by_id[member_id].name
        if old is None:
            report.added += 1
            report.changes.append(Change(row.row, name, "新增",
                                         [f"缴费基数：{_shown(row.base_fen, row.special)}"]))
        elif (old.base_fen, old.special) == (row.base_fen, row.special):
            report.unchanged += 1
            continue
        else:
            report.updated += 1
            report.changes.append(Change(row.row, name, "更新", [
                f"缴费基数：{_shown(old.base_fen, old.special)} → "
                f"{_shown(row.base_fen, row.special)}"]))
        writes.append((member_id, row))
    return writes


def _write(session: Session, writes: list[tuple[int, BaseRow]], existing: dict[int, DuesBase],
           year: int, file: str) -> None:
    """Add or correct the bases in the caller's transaction; each notes the file and row it
    came from, so a base can be traced back to the sheet."""
    user = str(session.info.get("user", "") or "")[:50]
    now = datetime.now().replace(microsecond=0)
    for member_id, row in writes:
        base = existing.get(member_id)
        if base is None:
            base = DuesBase(member_id=member_id, year=year)
            session.add(base)
            base.note = f"导入自“{file}”第 {row.row} 行"[:500]
        else:
            base.note = f"按“{file}”第 {row.row} 行更正"[:500]
        base.base_fen, base.special, base.set_by, base.set_at = row.base_fen, row.special, user, now
    session.flush()


def _backup(session: Session) -> str:
    database = session.get_bind().url.database
    if not database or database == ":memory:":
        return ""
    made = backups.backup_before(Path(database), "导入前")  # a failed backup stops the import
    return str(made) if made else ""
