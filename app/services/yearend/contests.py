"""The contests and activities the city runs (征文, 演讲比赛, 知识竞答, spec/year-end.md) and each
member's entry: the title of the work or speech, the result (一等奖 … 参与), and for a quiz the
score — one decimal at most, 0 up to the paper's full marks, kept in whole tenths.

A contest belongs to one year (its date, when known, lies in it). A member enters a contest
once; the entry is corrected, not typed again. Any person on the roster that year may enter
(the city's contests are for retired cadres, not only party members).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Contest, ContestEntry, Member
from app.services.yearend import honour_checks as chk
from app.vocab import CONTEST_KINDS, NO_PRIZE_RESULTS, QUIZ_KIND


@dataclass(frozen=True)
class ContestInfo:
    id: int
    year: int
    name: str
    kind: str
    organiser: str
    held_on: date | None
    full_marks: int
    note: str
    entries: int
    prized: int  # entries with a prize (a result other than 参与 / 未获奖)

    def to_json(self) -> dict:
        return {"id": self.id, "year": self.year, "name": self.name, "kind": self.kind,
                "organiser": self.organiser,
                "date": f"{self.held_on:%Y-%m-%d}" if self.held_on else None,
                "full_marks": self.full_marks if self.kind == QUIZ_KIND else None,
                "note": self.note, "entries": self.entries, "prized": self.prized}


@dataclass(frozen=True)
class EntryInfo:
    id: int
    contest_id: int
    contest: str
    kind: str
    year: int
    held_on: date | None
    member_id: int
    name: str
    title: str
    result: str
    score_tenths: int | None
    note: str

    @property
    def score(self) -> str:
        return chk.score_text(self.score_tenths)

    @property
    def prized(self) -> bool:
        return self.result not in NO_PRIZE_RESULTS

    def to_json(self) -> dict:
        return {"id": self.id, "contest_id": self.contest_id, "contest": self.contest,
                "kind": self.kind, "year": self.year,
                "date": f"{self.held_on:%Y-%m-%d}" if self.held_on else None,
                "member_id": self.member_id, "name": self.name, "title": self.title,
                "result": self.result,
                "score": None if self.score_tenths is None else self.score_tenths / 10,
                "note": self.note}


def _prized():
    return func.sum(case((ContestEntry.result.in_(NO_PRIZE_RESULTS), 0), else_=1))


def contest_rows(session: Session, *where) -> list[ContestInfo]:
    """Contests matching `where`, in the order held (undated last), with their entry counts."""
    counts = (select(ContestEntry.contest_id, func.count().label("n"), _prized().label("p"))
              .group_by(ContestEntry.contest_id).subquery())
    stmt = (select(Contest, counts.c.n, counts.c.p)
            .outerjoin(counts, counts.c.contest_id == Contest.id).where(*where)
            .order_by(Contest.year.desc(), Contest.held_on.is_(None), Contest.held_on,
                      Contest.id))
    return [ContestInfo(c.id, c.year, c.name, c.kind, c.organiser, c.held_on, c.full_marks,
                        c.note, n or 0, p or 0) for c, n, p in session.execute(stmt)]


def contest(session: Session, contest_id: int) -> ContestInfo:
    found = contest_rows(session, Contest.id == contest_id)
    if not found:
        raise InputError(f"竞赛活动 {contest_id} 不存在")
    return found[0]


def contests_of_year(session: Session, branch_id: int, year: int) -> list[ContestInfo]:
    return contest_rows(session, Contest.branch_id == branch_id, Contest.year == year)


def _contest_fields(name: str, kind: str, year, held_on: date | None, full_marks,
                    today: date) -> tuple[str, int, int]:
    name = chk.clean(name, 200)
    if not name:
        raise InputError("请填写活动名称（如 2026年“喜迎国庆”征文）")
    if kind not in CONTEST_KINDS:
        raise InputError(f"活动类别“{kind}”应为：{'、'.join(CONTEST_KINDS)}")
    if year is None or year == "":
        year = held_on.year if held_on else today.year
    year = chk.check_year(year, today, ahead=1)
    chk.day_in(held_on, date(year, 1, 1), date(year, 12, 31), f"{year}年活动的日期")
    try:
        marks = int(full_marks)
    except (TypeError, ValueError):
        raise InputError(f"满分“{full_marks}”不是整数") from None
    if not 1 <= marks <= 1000:
        raise InputError(f"满分应在 1 到 1000 分之间，而不是 {marks}")
    return name, year, marks


def add_contest(session: Session, branch_id: int, name: str, kind: str, year=None,
                held_on: date | None = None, organiser: str = "", full_marks=100,
                note: str = "", today: date | None = None) -> ContestInfo:
    """A contest of `year` (default: the year of `held_on`, else this year)."""
    name, year, marks = _contest_fields(name, kind, year, held_on, full_marks,
                                        today or date.today())
    row = Contest(branch_id=branch_id, name=name, kind=kind, year=year, held_on=held_on,
                  organiser=chk.clean(organiser, 100), full_marks=marks,
                  note=chk.clean(note, 1000, lines=True))
    session.add(row)
    session.flush()
    return contest(session, row.id)


def update_contest(session: Session, contest_id: int, name: str, kind: str, year=None,
                   held_on: date | None = None, organiser: str = "", full_marks=100,
                   note: str = "", today: date | None = None) -> ContestInfo:
    """Correct a contest; its entries must still fit (their year, their scores)."""
    row = session.get(Contest, contest_id)
    if row is None:
        raise InputError(f"竞赛活动 {contest_id} 不存在")
    name, year, marks = _contest_fields(name, kind, year, held_on, full_marks,
                                        today or date.today())
    scores = session.scalars(select(ContestEntry.score_tenths).where(
        ContestEntry.contest_id == contest_id, ContestEntry.score_tenths.is_not(None))).all()
    if scores and kind != QUIZ_KIND:
        raise InputError(f"这项活动已有 {len(scores)} 人登记了分数，不能改为“{kind}”"
                         f"（只有知识竞答记分数）")
    if scores and max(scores) > marks * 10:
        raise InputError(f"已有人得了 {chk.score_text(max(scores))} 分，满分不能改为 {marks}")
    if year != row.year:
        for entry in session.scalars(select(ContestEntry).where(
                ContestEntry.contest_id == contest_id)):
            chk.roster_member(session, row.branch_id, entry.member_id, year, party=False)
    row.name, row.kind, row.year, row.held_on, row.full_marks = name, kind, year, held_on, marks
    row.organiser, row.note = chk.clean(organiser, 100), chk.clean(note, 1000, lines=True)
    session.flush()
    return contest(session, contest_id)


def remove_contest(session: Session, contest_id: int) -> ContestInfo:
    """Delete a contest entered by mistake; one with entries is refused."""
    info = contest(session, contest_id)
    if info.entries:
        raise InputError(f"“{info.name}”已有 {info.entries} 人参加的记录，请先删除这些记录")
    session.delete(session.get_one(Contest, contest_id))
    session.flush()
    return info


# entries ------------------------------------------------------------------------------------
def entry_rows(session: Session, *where) -> list[EntryInfo]:
    stmt = (select(ContestEntry, Contest, Member.name).join(Contest).join(Member)
            .where(*where).order_by(Contest.year.desc(), Contest.held_on.is_(None),
                                    Contest.held_on, Contest.id, Member.sort_order, Member.id))
    return [EntryInfo(e.id, c.id, c.name, c.kind, c.year, c.held_on, e.member_id, name, e.title,
                      e.result, e.score_tenths, e.note) for e, c, name in session.execute(stmt)]


def entry(session: Session, entry_id: int) -> EntryInfo:
    found = entry_rows(session, ContestEntry.id == entry_id)
    if not found:
        raise InputError(f"参赛记录 {entry_id} 不存在")
    return found[0]


def entries_of_contest(session: Session, contest_id: int) -> list[EntryInfo]:
    """A contest's entries in roster order; a quiz's by score, the best first (unscored last)."""
    rows = entry_rows(session, ContestEntry.contest_id == contest_id)
    if rows and rows[0].kind == QUIZ_KIND:
        rows.sort(key=best_first)
    return rows


def best_first(e: EntryInfo) -> tuple[bool, int]:
    """A quiz's order: the highest score first, ties in roster order, unscored last."""
    return e.score_tenths is None, -(e.score_tenths or 0)


def _entry_fields(session: Session, c: Contest, member_id: int, result: str, score) -> tuple:
    member = chk.roster_member(session, c.branch_id, member_id, c.year, party=False)
    tenths = chk.score_tenths_of(score, c.full_marks)
    if tenths is not None and c.kind != QUIZ_KIND:
        raise InputError(f"只有知识竞答登记分数；{c.kind}的名次或奖项请写在“结果”里")
    return member, chk.clean(result, 50), tenths


def add_entry(session: Session, contest_id: int, member_id: int, title: str = "",
              result: str = "", score=None, note: str = "") -> EntryInfo:
    """A member's entry in a contest (score: a 知识竞答's points as typed, "95.5")."""
    c = session.get(Contest, contest_id)
    if c is None:
        raise InputError(f"竞赛活动 {contest_id} 不存在")
    member, result, tenths = _entry_fields(session, c, member_id, result, score)
    twin = session.scalar(select(ContestEntry.id).where(ContestEntry.contest_id == contest_id,
                                                        ContestEntry.member_id == member_id))
    if twin is not None:
        raise InputError(f"{member.name}参加“{c.name}”已经登记过了（参赛记录 {twin}），"
                         f"要改成绩请修改那一条")
    row = ContestEntry(contest_id=contest_id, member_id=member_id, title=chk.clean(title, 200),
                       result=result, score_tenths=tenths, note=chk.clean(note, 1000, lines=True))
    session.add(row)
    session.flush()
    return entry(session, row.id)


def update_entry(session: Session, entry_id: int, title: str = "", result: str = "",
                 score=None, note: str = "") -> EntryInfo:
    """Correct an entry's title, result, score or note (the member and contest stay)."""
    row = session.get(ContestEntry, entry_id)
    if row is None:
        raise InputError(f"参赛记录 {entry_id} 不存在")
    c = session.get_one(Contest, row.contest_id)
    _member, result, tenths = _entry_fields(session, c, row.member_id, result, score)
    row.title, row.result, row.score_tenths = chk.clean(title, 200), result, tenths
    row.note = chk.clean(note, 1000, lines=True)
    session.flush()
    return entry(session, entry_id)


def remove_entry(session: Session, entry_id: int) -> EntryInfo:
    info = entry(session, entry_id)
    session.delete(session.get_one(ContestEntry, entry_id))
    session.flush()
    return info
