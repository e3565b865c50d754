"""谈心谈话: recording a talk, correcting it, listing a year's talks (spec/org-life.md, "Talks").

The member talked with (谈话对象) must be a party member of the branch on the roster that day;
the talker (谈话人) is a member chosen from the roster or a name written in (a township leader).
A talk dated in the future is refused. Every problem is reported at once and nothing is saved.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.dates import fmt
from app.errors import InputError
from app.models import Member, Talk
from app.services.orglife.members import branch_party_member, off_roster_reason
from app.vocab import TALK_WAY_DEFAULT, TALK_WAYS


@dataclass
class TalkInput:
    """The talk dialog's fields, in the order of the paper 谈心谈话记录."""

    member_id: int | None = None  # 谈话对象
    date: date | None = None
    talker_id: int | None = None  # 谈话人, when a member
    talker_name: str = ""  # 谈话人, when not a member (ignored when talker_id is set)
    how: str = TALK_WAY_DEFAULT
    topic: str = ""
    opinions: str = ""
    follow_up: str = ""


@dataclass(frozen=True)
class TalkRow:
    talk_id: int
    date: date
    talker_id: int | None
    talker_name: str
    member_id: int
    member_name: str
    how: str
    topic: str
    opinions: str
    follow_up: str

    def to_json(self) -> dict:
        data = asdict(self)
        data["date"] = fmt(self.date)
        return data


def _partner_problem(session: Session, branch_id: int, data: TalkInput) -> str | None:
    if data.member_id is None:
        return "请选择谈话对象"
    try:
        member = branch_party_member(session, branch_id, data.member_id, "谈话对象")
    except InputError as exc:
        return str(exc)
    why = off_roster_reason(member, data.date) if data.date else None
    if why:
        return (f"{member.name}在 {fmt(data.date)} 不在本支部名册上（{why}），"
                f"不能登记这次谈话")
    return None


def _talker(session: Session, branch_id: int, data: TalkInput) -> tuple[str, list[str]]:
    """The talker's name as stored, and what is wrong with the talker."""
    if data.talker_id is None:
        name = (data.talker_name or "").strip()
        return name, ([] if name else ["请填写谈话人"])
    talker = session.get(Member, data.talker_id)
    if talker is None or talker.branch_id != branch_id:
        return "", ["谈话人不在本支部名册上；不是本支部党员的，请直接写姓名"]
    problems = []
    if talker.id == data.member_id:
        problems.append("谈话人和谈话对象是同一个人")
    why = off_roster_reason(talker, data.date) if data.date else None
    if why:
        problems.append(f"谈话人{talker.name}在 {fmt(data.date)} 不在本支部名册上（{why}）")
    return talker.name, problems


def _check(session: Session, branch_id: int, data: TalkInput, today: date) -> str:
    """The talker's name, or InputError with every problem."""
    problems = []
    if data.date is None:
        problems.append("请填写谈话日期")
    elif data.date > today:
        problems.append(f"谈话日期 {fmt(data.date)} 在今天之后，谈话还没有发生")
    partner = _partner_problem(session, branch_id, data)
    if partner:
        problems.append(partner)
    name, talker_problems = _talker(session, branch_id, data)
    problems += talker_problems
    if data.how not in TALK_WAYS:
        problems.append(f"谈话方式“{data.how}”应为：{'、'.join(TALK_WAYS)}")
    if problems:
        raise InputError("；".join(problems))
    return name


def _fill(talk: Talk, data: TalkInput, talker_name: str) -> None:
    talk.date, talk.member_id, talk.how = data.date, data.member_id, data.how
    talk.talker_id, talk.talker_name = data.talker_id, talker_name[:50]
    talk.topic = (data.topic or "").strip()[:200]
    talk.opinions = (data.opinions or "").strip()
    talk.follow_up = (data.follow_up or "").strip()


def record_talk(session: Session, branch_id: int, data: TalkInput,
                today: date | None = None) -> int:
    """Save one talk; returns its id."""
    name = _check(session, branch_id, data, today or date.today())
    talk = Talk(branch_id=branch_id)
    _fill(talk, data, name)
    session.add(talk)
    session.flush()
    return talk.id


def _talk(session: Session, talk_id: int) -> Talk:
    talk = session.get(Talk, talk_id)
    if talk is None:
        raise InputError(f"找不到编号为 {talk_id} 的谈话记录")
    return talk


def update_talk(session: Session, talk_id: int, data: TalkInput,
                today: date | None = None) -> None:
    """Correct a talk typed wrongly (the same checks as a new one)."""
    talk = _talk(session, talk_id)
    name = _check(session, talk.branch_id, data, today or date.today())
    _fill(talk, data, name)
    session.flush()


def delete_talk(session: Session, talk_id: int) -> None:
    """Remove a talk entered by mistake (the change log keeps what it was)."""
    session.delete(_talk(session, talk_id))
    session.flush()


def talk_input(session: Session, talk_id: int) -> TalkInput:
    t = _talk(session, talk_id)
    return TalkInput(t.member_id, t.date, t.talker_id, t.talker_name, t.how, t.topic,
                     t.opinions, t.follow_up)


def talks_in_year(session: Session, branch_id: int, year: int,
                  member_id: int | None = None) -> list[TalkRow]:
    """The year's talks, the latest first; optionally with one member only."""
    partner = aliased(Member)
    stmt = (select(Talk.id, Talk.date, Talk.talker_id, Talk.talker_name, Talk.member_id,
                   partner.name, Talk.how, Talk.topic, Talk.opinions, Talk.follow_up)
            .join(partner, partner.id == Talk.member_id)
            .where(Talk.branch_id == branch_id,
                   Talk.date.between(date(year, 1, 1), date(year, 12, 31))))
    if member_id is not None:
        stmt = stmt.where(Talk.member_id == member_id)
    return [TalkRow(*r) for r in session.execute(stmt.order_by(Talk.date.desc(),
                                                                Talk.id.desc()))]
