"""七一 and 春节 visits (and 重阳节): who the branch must visit, and whether each was visited.

Who must be visited, as of the festival: members 在册 who are
- homebound (行动不便 / 卧床 / 住院),
- on the care list by hand (独居, 住得远 … — `Member.needs_care`),
- on the 困难党员 register of the festival's year or of the year before (a register made at a
  year's end is the one the next 春节 acts on), or
- 80 or older on the festival day.

Visited: a visit whose 事由 includes 节日慰问, dated inside the festival's visiting window
(app/festivals.py: 七一 15 June–15 July; 春节 the 15 days before to the 15 days after; 重阳节
the 30 days before to the 15 days after), both ends counted. A visit for another purpose the
same week does not count: the list is of festival visits, as the ledger reports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.dates import age_on
from app.festivals import VisitingWindow, visiting_window
from app.models import HardshipRecord, Member, Visit
from app.vocab import HOMEBOUND_MOBILITIES, STATUS_ACTIVE

FESTIVAL_PURPOSE = "节日慰问"
OLD_AGE = 80
HARDSHIP_WORD = "困难党员"


@dataclass(frozen=True)
class FestivalMember:
    member_id: int
    name: str
    gender: str
    age: int | None  # on the festival day
    community: str
    address: str
    phone: str
    reasons: tuple[str, ...]  # 卧床 / 独居 / 困难党员 / 86岁
    visited_on: date | None  # the first festival visit inside the window
    visitor: str

    @property
    def done(self) -> bool:
        return self.visited_on is not None

    @property
    def reason_text(self) -> str:
        return "、".join(self.reasons)

    @property
    def done_text(self) -> str:
        """"✔ 已慰问 02月10日" or "✘ 未慰问" — a word and a mark, never colour alone."""
        return f"✔ 已慰问 {self.visited_on:%m月%d日}" if self.visited_on else "✘ 未慰问"


@dataclass(frozen=True)
class FestivalList:
    window: VisitingWindow
    rows: list[FestivalMember]

    @property
    def members(self) -> int:
        return len(self.rows)

    @property
    def visited(self) -> int:
        return sum(r.done for r in self.rows)

    @property
    def missing(self) -> int:
        return self.members - self.visited

    @property
    def rule_text(self) -> str:
        w = self.window
        return (f"{w.name}（{w.day:%Y年%m月%d日}）慰问：{w.text}之间、事由含“{FESTIVAL_PURPOSE}”"
                f"的走访算已慰问。应慰问：行动不便、卧床、住院、列入关怀名单、困难党员、"
                f"{OLD_AGE}岁以上的党员。")


def _hardship_ids(session: Session, branch_id: int, years: tuple[int, ...]) -> set[int]:
    return set(session.scalars(
        select(HardshipRecord.member_id).join(Member, Member.id == HardshipRecord.member_id)
        .where(Member.branch_id == branch_id, HardshipRecord.year.in_(years))))


def must_visit(session: Session, branch_id: int, day: date, until: date | None = None
               ) -> list[tuple[Member, tuple[str, ...]]]:
    """(member row, why) of everyone the branch must visit at the festival on `day`, in the
    roster's order; members who came onto the roster after `until` (the window's end) are not."""
    until = until or day
    poor = _hardship_ids(session, branch_id, (day.year, day.year - 1))
    rows = session.execute(
        select(Member.id, Member.name, Member.gender, Member.birth_date, Member.community,
               Member.address, Member.phone, Member.mobility, Member.needs_care,
               Member.care_reason)
        .where(Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
               or_(Member.joined_date.is_(None), Member.joined_date <= until))
        .order_by(Member.sort_order, Member.id)).all()
    out = []
    for r in rows:
        why = []
        if r.mobility in HOMEBOUND_MOBILITIES:
            why.append(r.mobility)
        if r.needs_care:
            why.append(r.care_reason or "关怀名单")
        if r.id in poor:
            why.append(HARDSHIP_WORD)
        age = age_on(r.birth_date, day)
        if age is not None and age >= OLD_AGE:
            why.append(f"{age}岁")
        if why:
            out.append((r, tuple(why)))
    return out


def _first_visits(session: Session, ids: list[int], start: date, end: date
                  ) -> dict[int, tuple[date, str]]:
    found: dict[int, tuple[date, str]] = {}
    for chunk in range(0, len(ids), 500):
        for member_id, day, visitor in session.execute(
                select(Visit.member_id, Visit.date, Visit.visitor_name)
                .where(Visit.member_id.in_(ids[chunk:chunk + 500]),
                       Visit.date.between(start, end),
                       Visit.purposes.like(f"%{FESTIVAL_PURPOSE}%"))
                .order_by(Visit.date, Visit.id)):
            found.setdefault(member_id, (day, visitor or ""))
    return found


def festival_list(session: Session, branch_id: int, name: str, year: int
                  ) -> FestivalList | None:
    """The visiting list of festival `name` (七一 / 春节 / 重阳节) in `year`, with who was
    visited; None when the lunar calendar does not reach the year."""
    window = visiting_window(name, year)
    if window is None:
        return None
    people = must_visit(session, branch_id, window.day, window.end)
    visits = _first_visits(session, [r.id for r, _why in people], window.start, window.end)
    rows = []
    for r, why in people:
        seen = visits.get(r.id)
        rows.append(FestivalMember(
            r.id, r.name, r.gender or "", age_on(r.birth_date, window.day), r.community or "",
            r.address or "", r.phone or "", why, seen[0] if seen else None,
            seen[1] if seen else ""))
    return FestivalList(window, rows)


def current_festival(today: date) -> VisitingWindow | None:
    """The festival whose window holds `today`, else the next one to come (七一, 重阳节, 春节 of
    this year and 春节 of the next)."""
    windows = [w for year in (today.year, today.year + 1) for n in ("春节", "七一", "重阳节")
               if (w := visiting_window(n, year)) is not None]
    ahead = [w for w in windows if w.end >= today]
    return min(ahead, key=lambda w: w.start) if ahead else None
