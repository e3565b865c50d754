"""A small branch for the organisation-life tests: named members, and talks and visits made
through the real use cases."""

from __future__ import annotations

from datetime import date

from app.models import Branch, Member
from app.services.orglife import talks
from app.services.visits import VisitInput, record_visit

TODAY = date(2026, 12, 1)


def member(s, branch_id, name, **kw) -> int:
    m = Member(branch_id=branch_id, name=name, sort_order=kw.pop("sort_order", 0),
               party_join_date=kw.pop("party_join_date", date(1965, 7, 1)), **kw)
    s.add(m)
    s.flush()
    return m.id


def branch_of(s, name="城关支部") -> int:
    b = Branch(name=name, secretary="李秀兰")
    s.add(b)
    s.flush()
    return b.id


def members(s, branch_id, count: int, prefix: str = "党员", **kw) -> list[int]:
    return [member(s, branch_id, f"{prefix}{i:02d}", sort_order=i, **kw) for i in range(count)]


def talk(s, branch_id, member_id, day: date, by: str = "李秀兰", talker_id=None,
         opinions: str = "", how: str = "当面") -> int:
    return talks.record_talk(s, branch_id, talks.TalkInput(
        member_id=member_id, date=day, talker_id=talker_id, talker_name=by, how=how,
        topic="谈学习体会", opinions=opinions), today=TODAY)


def visit(s, member_id, day: date, purposes=("谈心谈话",), requests: str = "") -> int:
    return record_visit(s, VisitInput(member_id=member_id, date=day, visitor_name="王助老",
                                      visitor_kind="助老员", purposes=list(purposes),
                                      requests=requests), today=TODAY)
