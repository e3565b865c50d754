"""The 组织生活会, before and after (spec/org-life.md): the 征求意见 list gathered before it —
the opinions raised in the year's talks and its 建言献策 — and
the 整改清单 made after it: 问题, 整改措施, 责任人, 时限, 完成情况. An item stays open (and is
listed with every later year) until its done date is set."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import fmt
from app.errors import InputError
from app.models import Member, RectifyItem, Talk
from app.services.suggestions import suggestions

OPEN, DONE, LATE = "整改中", "已完成", "已超期"


@dataclass
class RectifyInput:
    year: int = 0
    problem: str = ""
    measure: str = ""
    responsible: str = ""
    deadline: date | None = None
    progress: str = ""  # 完成情况
    done_on: date | None = None


@dataclass(frozen=True)
class RectifyRow:
    item_id: int
    year: int
    problem: str
    measure: str
    responsible: str
    deadline: date
    progress: str
    done_on: date | None

    def state(self, today: date) -> str:
        if self.done_on is not None:
            return DONE
        return LATE if self.deadline < today else OPEN

    def to_json(self, today: date) -> dict:
        return {"item_id": self.item_id, "year": self.year, "problem": self.problem,
                "measure": self.measure, "responsible": self.responsible,
                "deadline": fmt(self.deadline), "progress": self.progress,
                "done_on": fmt(self.done_on) or None, "state": self.state(today)}


def _clean(data: RectifyInput, today: date) -> RectifyInput:
    problems = []
    data.problem, data.measure = (data.problem or "").strip(), (data.measure or "").strip()
    data.responsible = (data.responsible or "").strip()
    data.progress = (data.progress or "").strip()
    if not 2000 <= data.year <= today.year + 1:
        problems.append(f"年度“{data.year}”不对")
    for value, words in ((data.problem, "问题"), (data.measure, "整改措施"),
                         (data.responsible, "责任人")):
        if not value:
            problems.append(f"请填写{words}")
    if data.deadline is None:
        problems.append("请填写整改时限（哪一天前完成）")
    if data.done_on is not None and data.done_on > today:
        problems.append(f"完成日期 {fmt(data.done_on)} 在今天之后")
    if problems:
        raise InputError("；".join(problems))
    return data


def _save(row: RectifyItem, data: RectifyInput) -> None:
    row.year, row.problem, row.measure = data.year, data.problem, data.measure
    row.responsible, row.deadline = data.responsible[:100], data.deadline
    row.progress, row.done_on = data.progress, data.done_on


def add_item(session: Session, branch_id: int, data: RectifyInput,
             today: date | None = None) -> int:
    data = _clean(data, today or date.today())
    row = RectifyItem(branch_id=branch_id)
    _save(row, data)
    session.add(row)
    session.flush()
    return row.id


def _item(session: Session, item_id: int) -> RectifyItem:
    row = session.get(RectifyItem, item_id)
    if row is None:
        raise InputError(f"找不到编号为 {item_id} 的整改事项")
    return row


def update_item(session: Session, item_id: int, data: RectifyInput,
                today: date | None = None) -> None:
    row = _item(session, item_id)
    _save(row, _clean(data, today or date.today()))
    session.flush()


def mark_done(session: Session, item_id: int, done_on: date | None, progress: str = "",
              today: date | None = None) -> None:
    """整改完成: the day it was done and, if given, how (完成情况)."""
    row = _item(session, item_id)
    if done_on is None:
        raise InputError("请填写完成日期")
    data = item_input(session, item_id)
    data.done_on, data.progress = done_on, (progress or "").strip() or row.progress
    update_item(session, item_id, data, today)


def remove_item(session: Session, item_id: int) -> None:
    session.delete(_item(session, item_id))
    session.flush()


def item_input(session: Session, item_id: int) -> RectifyInput:
    r = _item(session, item_id)
    return RectifyInput(r.year, r.problem, r.measure, r.responsible, r.deadline, r.progress,
                        r.done_on)


def rectify_items(session: Session, branch_id: int, year: int | None = None,
                  open_only: bool = False) -> list[RectifyRow]:
    """The list for `year` and the items of earlier years still open (open ones until done);
    with `open_only` every open item whatever its year. Oldest year first, then by deadline."""
    stmt = select(RectifyItem.id, RectifyItem.year, RectifyItem.problem, RectifyItem.measure,
                  RectifyItem.responsible, RectifyItem.deadline, RectifyItem.progress,
                  RectifyItem.done_on).where(RectifyItem.branch_id == branch_id)
    still_open = RectifyItem.done_on.is_(None)
    if open_only:
        stmt = stmt.where(still_open)
        if year is not None:
            stmt = stmt.where(RectifyItem.year <= year)
    elif year is not None:
        stmt = stmt.where((RectifyItem.year == year) | (still_open & (RectifyItem.year < year)))
    stmt = stmt.order_by(RectifyItem.year, RectifyItem.deadline, RectifyItem.id)
    return [RectifyRow(*r) for r in session.execute(stmt)]


@dataclass(frozen=True)
class OpinionRow:
    source: str  # 谈心谈话 / 建言献策
    date: date
    member_name: str  # who raised it
    text: str
    heard_by: str  # the talker or visitor; the department for 建言献策

    def to_json(self) -> dict:
        return {"source": self.source, "date": fmt(self.date), "member": self.member_name,
                "text": self.text, "heard_by": self.heard_by}


def opinions_before_meeting(session: Session, branch_id: int, year: int) -> list[OpinionRow]:
    """征求意见: every opinion of the year, from talks and 建言献策, by date. (A visit's 诉求
    is the member's own need — a wheelchair, a hospital bill — followed up on the visit, not an
    opinion on the branch's work, so visits are left out.)"""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = [OpinionRow("谈心谈话", d, n, t, by) for d, n, t, by in session.execute(
        select(Talk.date, Member.name, Talk.opinions, Talk.talker_name)
        .join(Member, Member.id == Talk.member_id)
        .where(Talk.branch_id == branch_id, Talk.date.between(first, last), Talk.opinions != ""))]
    rows += [OpinionRow("建言献策", s.date, s.member_name, s.text, s.forwarded_to)
             for s in suggestions(session, branch_id) if s.date.year == year]
    return sorted(rows, key=lambda r: (r.date, r.source))
