"""What the printed visit checklist needs, gathered in a few set-based queries (no ORM objects).

The PDF writer (`app.export.visit_checklist_pdf`) takes the plain `ChecklistData` built here.
ID numbers are masked here already, so the full number never reaches the printer. The members
arrive in walking order (`route_order.sort_for_route`), and the writer keeps that order for the
route sheet and the member pages alike. Members who have died or left (去世 / 转出) are never
printed: they are named in `left_out`, and the command and the window say so.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import idcard
from app.dates import age_on, fmt
from app.errors import InputError
from app.export.checklist_sheets import ChecklistData, ChecklistMember
from app.models import Branch, Member
from app.services.handouts import pending_handouts
from app.services.pairings import helpers_of
from app.services.route_order import NO_COMMUNITY, sort_for_route, stored_order
from app.services.visits import last_visits
from app.vocab import LEFT_STATUSES


def left_out_note(left_out: list[str]) -> str:
    """The sentence the command and the window show for members not printed."""
    if not left_out:
        return ""
    return f"没有打印：{'、'.join(left_out)}（去世、转出的党员不再走访）。"


def checklist_data(session: Session, member_ids: list[int], today: date) -> ChecklistData:
    """The members in walking order; those who died or left are named in `left_out` instead.
    Raises InputError when nobody is left to print."""
    ids = list(dict.fromkeys(member_ids))
    cols = (Member.id, Member.branch_id, Member.name, Member.gender, Member.birth_date,
            Member.id_number, Member.community, Member.address, Member.phone,
            Member.emergency_contact, Member.emergency_phone, Member.mobility, Member.living,
            Member.status, Member.status_date)
    found: dict[int, tuple] = {}
    for start in range(0, len(ids), 500):
        for r in session.execute(select(*cols).where(Member.id.in_(ids[start:start + 500]))):
            found[r.id] = r
    missing = [i for i in ids if i not in found]
    if missing:
        raise InputError(f"找不到编号为 {'、'.join(map(str, missing[:5]))} 的党员")
    left_out = [_departed(found[i]) for i in ids if found[i].status in LEFT_STATUSES]
    ids = [i for i in ids if found[i].status not in LEFT_STATUSES]
    if not ids:
        raise InputError(f"没有要打印的党员：{'、'.join(left_out)}（去世、转出的党员不再走访）")
    branch_ids = {found[i].branch_id for i in ids}
    names = dict(session.execute(select(Branch.id, Branch.name)
                                 .where(Branch.id.in_(branch_ids))).all())
    branch_name = "、".join(names[b] for b in sorted(branch_ids))
    pending: dict[int, list[str]] = {}
    for branch_id in branch_ids:
        for row in pending_handouts(session, branch_id, member_ids=ids):
            pending.setdefault(row.member_id, []).append(row.material_label)
    last = last_visits(session, ids, today)
    helpers = helpers_of(session, ids, today)
    members = []
    for i in ids:
        r = found[i]
        lv = last.get(i)
        members.append(ChecklistMember(
            member_id=i, name=r.name, gender=r.gender or "", age=age_on(r.birth_date, today),
            id_masked=idcard.mask(r.id_number), community=r.community or NO_COMMUNITY,
            address=r.address or "", phone=r.phone or "",
            emergency_contact=r.emergency_contact or "", emergency_phone=r.emergency_phone or "",
            mobility=r.mobility or "", living=r.living or "", helper=helpers.get(i, ""),
            last_visit_date=lv.date if lv else None, last_visitor=lv.visitor if lv else "",
            last_requests=lv.requests if lv else "",
            open_follow_ups=lv.open_follow_ups if lv else [],
            pending=pending.get(i, []), branch=names[r.branch_id],
        ))
    members = sort_for_route(members, stored_order(session, branch_ids))
    return ChecklistData(branch_name=branch_name, today=today, members=members,
                         left_out=left_out)


def _departed(row) -> str:
    """"张三已去世（2026-10-01）": who is not printed and why."""
    when = f"（{fmt(row.status_date)}）" if row.status_date else ""
    return f"{row.name}已{row.status}{when}"
