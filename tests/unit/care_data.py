"""Hand-made members and visits for the care tests."""

from __future__ import annotations

from datetime import date

from app.models import Member, Visit


def member(s, branch_id, name, mobility="卧床", interval=30, **kw) -> int:
    m = Member(branch_id=branch_id, name=name, mobility=mobility, visit_interval_days=interval,
               sort_order=kw.pop("sort_order", 0), **kw)
    s.add(m)
    s.flush()
    return m.id


def visit(s, member_id, day: date, **kw) -> int:
    v = Visit(member_id=member_id, date=day, visitor_name=kw.pop("visitor_name", "李秀兰"),
              purposes=kw.pop("purposes", "送学上门"), **kw)
    s.add(v)
    s.flush()
    return v.id
