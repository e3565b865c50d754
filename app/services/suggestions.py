"""建言献策: members' suggestions — collected, sorted by category, forwarded, settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Member, Suggestion
from app.vocab import SUGGESTION_STATUSES

CATEGORIES = ("党的建设", "经济发展", "民生保障", "城乡建设", "教育卫生", "老干部工作", "其他")


@dataclass
class SuggestionInput:
    member_id: int | None = None
    date: date | None = None
    category: str = "其他"
    text: str = ""
    forwarded_to: str = ""
    status: str = "已收集"
    result: str = ""


@dataclass(frozen=True)
class SuggestionRow:
    suggestion_id: int
    member_id: int | None
    member_name: str
    date: date
    category: str
    text: str
    forwarded_to: str
    status: str
    result: str


def _validate(data: SuggestionInput) -> SuggestionInput:
    problems = []
    data.text = (data.text or "").strip()
    if not data.text:
        problems.append("请填写建议内容")
    if data.date is None:
        problems.append("请填写提出日期")
    elif data.date > date.today():
        problems.append(f"提出日期 {data.date:%Y-%m-%d} 在今天之后")
    if not data.category:
        data.category = "其他"
    if data.status not in SUGGESTION_STATUSES:
        problems.append(f"状态“{data.status}”应为：{'、'.join(SUGGESTION_STATUSES)}")
    data.forwarded_to = (data.forwarded_to or "").strip()
    if data.status == "已转交" and not data.forwarded_to:
        problems.append("状态为“已转交”时请填写转交给哪个部门")
    if problems:
        raise InputError("；".join(problems))
    return data


def add_suggestion(session: Session, branch_id: int, data: SuggestionInput) -> int:
    data = _validate(data)
    s = Suggestion(branch_id=branch_id, member_id=data.member_id, date=data.date,
                   category=data.category[:50], text=data.text,
                   forwarded_to=data.forwarded_to[:100], status=data.status,
                   result=(data.result or "").strip())
    session.add(s)
    session.flush()
    return s.id


def update_suggestion(session: Session, suggestion_id: int, data: SuggestionInput) -> None:
    data = _validate(data)
    s = session.get_one(Suggestion, suggestion_id)
    s.member_id, s.date, s.category, s.text = data.member_id, data.date, data.category, data.text
    s.forwarded_to, s.status, s.result = data.forwarded_to, data.status, data.result.strip()
    session.flush()


def suggestion_input(session: Session, suggestion_id: int) -> SuggestionInput:
    s = session.get_one(Suggestion, suggestion_id)
    return SuggestionInput(s.member_id, s.date, s.category, s.text, s.forwarded_to, s.status,
                           s.result)


def suggestions(session: Session, branch_id: int, status: str | None = None,
                category: str | None = None) -> list[SuggestionRow]:
    """The branch's suggestions, newest first; optionally one status or category."""
    stmt = (select(Suggestion.id, Suggestion.member_id, Member.name, Suggestion.date,
                   Suggestion.category, Suggestion.text, Suggestion.forwarded_to,
                   Suggestion.status, Suggestion.result)
            .outerjoin(Member, Member.id == Suggestion.member_id)
            .where(Suggestion.branch_id == branch_id))
    if status:
        stmt = stmt.where(Suggestion.status == status)
    if category:
        stmt = stmt.where(Suggestion.category == category)
    rows = session.execute(stmt.order_by(Suggestion.date.desc(), Suggestion.id.desc()))
    return [SuggestionRow(i, m, n or "（未署名）", d, c, t, f, s, r)
            for i, m, n, d, c, t, f, s, r in rows]
