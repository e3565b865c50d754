"""The 困难党员 register: per year, who, 困难状况及原因, 帮扶措施, 公示日期 — and its print.

姓名, 性别, 年龄, 入党时间 and 住址 are read from the roster when listed or printed, never typed
into the register. 年龄 is the age at the year's end (or today, while the year runs). A member
is on a year's register once; a member who died or moved away can no longer be added, but stays
on the registers of the years they were on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.dates import age_on, cn
from app.errors import InputError
from app.export.hardship_sheets import Register, RegisterRow
from app.models import Branch, HardshipRecord, Member
from app.plain_text import strip_controls
from app.vocab import LEFT_STATUSES

FIRST_YEAR = 1990


@dataclass
class HardshipInput:
    member_id: int | None = None
    year: int = 0
    situation: str = ""  # 困难状况及原因
    measures: str = ""  # 帮扶措施
    posted_on: date | None = None  # 公示日期
    notes: str = ""


@dataclass(frozen=True)
class HardshipRow:
    record_id: int
    member_id: int
    year: int
    name: str
    gender: str
    age: int | None
    joined: date | None
    joined_month_only: bool
    address: str
    situation: str
    measures: str
    posted_on: date | None
    notes: str
    status: str

    @property
    def joined_text(self) -> str:
        if self.joined is None:
            return ""
        return f"{self.joined:%Y年%m月}" if self.joined_month_only else cn(self.joined)

    @property
    def posted_text(self) -> str:
        return cn(self.posted_on) if self.posted_on else ""


def as_of(year: int, today: date) -> date:
    """The day a year's register is read at: its last day, or today while it runs."""
    return min(today, date(year, 12, 31))


def hardship_rows(session: Session, branch_id: int, year: int,
                  today: date | None = None) -> list[HardshipRow]:
    """The register of `year`, in the roster's order."""
    on = as_of(year, today or date.today())
    rows = session.execute(
        select(HardshipRecord.id, HardshipRecord.member_id, HardshipRecord.year,
               HardshipRecord.situation, HardshipRecord.measures, HardshipRecord.posted_on,
               HardshipRecord.notes, Member.name, Member.gender, Member.birth_date,
               Member.party_join_date, Member.party_join_month_only, Member.address,
               Member.status)
        .join(Member, Member.id == HardshipRecord.member_id)
        .where(Member.branch_id == branch_id, HardshipRecord.year == year)
        .order_by(Member.sort_order, Member.id)).all()
    return [HardshipRow(r.id, r.member_id, r.year, r.name, r.gender or "",
                        age_on(r.birth_date, on), r.party_join_date,
                        bool(r.party_join_month_only), r.address or "", r.situation,
                        r.measures, r.posted_on, r.notes, r.status) for r in rows]


def _clean(data: HardshipInput, today: date) -> HardshipInput:
    problems = []
    try:
        year = int(data.year)
    except (TypeError, ValueError):
        year = 0
    if not FIRST_YEAR <= year <= today.year + 1:
        problems.append(f"年度应在 {FIRST_YEAR} 到 {today.year + 1} 之间，而不是“{data.year}”")
    situation = strip_controls(data.situation or "", keep_lines=True).strip()
    if not situation:
        problems.append("请填写困难状况及原因，如“老伴长期卧床，医药费负担重”")
    if data.posted_on and data.posted_on > today:
        problems.append(f"公示日期 {data.posted_on:%Y-%m-%d} 在今天之后")
    if data.member_id is None:
        problems.append("请选择党员")
    if problems:
        raise InputError("；".join(problems))
    return HardshipInput(data.member_id, year, situation[:2000],
                         strip_controls(data.measures or "", keep_lines=True).strip()[:2000],
                         data.posted_on,
                         strip_controls(data.notes or "", keep_lines=True).strip()[:1000])


def _member(session: Session, branch_id: int, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None or member.branch_id != branch_id:
        raise InputError(f"本支部没有编号为 {member_id} 的党员")
    return member


def add_hardship(session: Session, branch_id: int, data: HardshipInput,
                 today: date | None = None) -> int:
    """Put a member on a year's register; refuses a second entry for the same member and year
    (change that one instead) and members who died or moved away."""
    data = _clean(data, today or date.today())
    member = _member(session, branch_id, data.member_id)
    if member.status in LEFT_STATUSES:
        raise InputError(f"{member.name}已{member.status}，不能再列入困难党员登记")
    if session.scalar(select(HardshipRecord.id).where(
            HardshipRecord.member_id == member.id, HardshipRecord.year == data.year)):
        raise InputError(f"{member.name}已在{data.year}年的困难党员登记里，请修改那一条")
    record = HardshipRecord(member_id=member.id, year=data.year, situation=data.situation,
                            measures=data.measures, posted_on=data.posted_on, notes=data.notes)
    session.add(record)
    try:
        session.flush()
    except IntegrityError:  # two windows adding the same member at once
        raise InputError(f"{member.name}已在{data.year}年的困难党员登记里") from None
    return record.id


def update_hardship(session: Session, branch_id: int, record_id: int, data: HardshipInput,
                    today: date | None = None) -> None:
    """Change an entry (the member and the year stay those of the entry)."""
    record = session.get(HardshipRecord, record_id)
    if record is None:
        raise InputError("这条困难党员登记已不存在")
    _member(session, branch_id, record.member_id)
    data = _clean(HardshipInput(record.member_id, record.year, data.situation, data.measures,
                                data.posted_on, data.notes), today or date.today())
    for key in ("situation", "measures", "posted_on", "notes"):
        if getattr(record, key) != getattr(data, key):
            setattr(record, key, getattr(data, key))
    session.flush()


def remove_hardship(session: Session, branch_id: int, record_id: int) -> None:
    """Take an entry typed by mistake off the register (the audit log keeps what it said)."""
    record = session.get(HardshipRecord, record_id)
    if record is None:
        return
    _member(session, branch_id, record.member_id)
    session.delete(record)
    session.flush()


def hardship_input(session: Session, record_id: int) -> HardshipInput:
    r = session.get(HardshipRecord, record_id)
    if r is None:
        raise InputError("这条困难党员登记已不存在")
    return HardshipInput(r.member_id, r.year, r.situation, r.measures, r.posted_on, r.notes)


def register(session: Session, branch_id: int, year: int, today: date | None = None,
             maker: str = "") -> Register:
    """The year's register as the plain data both prints lay out."""
    today = today or date.today()
    branch = session.get(Branch, branch_id)
    rows = [RegisterRow(i, r.name, r.gender, "" if r.age is None else str(r.age),
                        r.joined_text, r.situation, r.address, r.measures, r.posted_text)
            for i, r in enumerate(hardship_rows(session, branch_id, year, today), start=1)]
    return Register(branch.name if branch else "", year, today, rows,
                    maker or (branch.secretary if branch else ""))


def print_hardship(session: Session, branch_id: int, year: int, path: Path | str,
                   today: date | None = None, maker: str = "") -> dict:
    """Write the year's 困难党员登记表 as .pdf (A4 landscape) or .xlsx, by the file's extension."""
    # late: the writers load reportlab / XlsxWriter only when something is printed
    from app.export.hardship_pdf import write_register_pdf
    from app.export.hardship_xlsx import write_register_xlsx

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(f"困难党员登记表保存为 .pdf 或 .xlsx，而不是“{path.name}”")
    data = register(session, branch_id, year, today, maker)
    if not data.rows:
        raise InputError(f"{data.branch}{year}年的困难党员登记还是空的，请先登记")
    pages = write_register_pdf(data, path) if suffix == ".pdf" else None
    if suffix == ".xlsx":
        write_register_xlsx(data, path)
    return {"output": str(path), "year": year, "members": len(data.rows), "pages": pages}
