"""Hand-made members, bases and payments for the dues tests."""

from __future__ import annotations

from datetime import date

from app.models import Member

TODAY = date(2026, 12, 1)


def member(s, branch_id, name, **kw) -> int:
    m = Member(branch_id=branch_id, name=name, sort_order=kw.pop("sort_order", 0),
               party_join_date=kw.pop("party_join_date", date(1965, 7, 1)), **kw)
    s.add(m)
    s.flush()
    return m.id
