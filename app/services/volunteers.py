"""Volunteers and 助老员: people who are not members but visit them. Never deleted: a volunteer
who stops is marked inactive, so the visits they made keep their name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Volunteer
from app.phones import phone_problems, split_phones
from app.vocab import VOLUNTEER_KINDS


@dataclass
class VolunteerInput:
    name: str = ""
    kind: str = "志愿者"
    organisation: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class VolunteerRow:
    volunteer_id: int
    name: str
    kind: str
    organisation: str
    phone: str
    notes: str
    active: bool


def _validate(data: VolunteerInput) -> VolunteerInput:
    problems = []
    data.name = "".join((data.name or "").split())
    if not data.name:
        problems.append("请填写志愿者姓名")
    if data.kind not in VOLUNTEER_KINDS:
        problems.append(f"类别“{data.kind}”应为：{'、'.join(VOLUNTEER_KINDS)}")
    problems += phone_problems(data.phone, "志愿者电话")
    if problems:
        raise InputError("；".join(problems))
    data.phone = "、".join(split_phones(data.phone))
    return data


def add_volunteer(session: Session, branch_id: int, data: VolunteerInput) -> int:
    data = _validate(data)
    v = Volunteer(branch_id=branch_id, name=data.name, kind=data.kind,
                  organisation=data.organisation.strip(), phone=data.phone,
                  notes=data.notes.strip())
    session.add(v)
    session.flush()
    return v.id


def update_volunteer(session: Session, volunteer_id: int, data: VolunteerInput) -> None:
    data = _validate(data)
    v = session.get_one(Volunteer, volunteer_id)
    v.name, v.kind, v.organisation = data.name, data.kind, data.organisation.strip()
    v.phone, v.notes = data.phone, data.notes.strip()
    session.flush()


def set_active(session: Session, volunteer_id: int, active: bool) -> None:
    session.get_one(Volunteer, volunteer_id).active = bool(active)
    session.flush()


def volunteers(session: Session, branch_id: int, include_inactive: bool = False
               ) -> list[VolunteerRow]:
    stmt = select(Volunteer.id, Volunteer.name, Volunteer.kind, Volunteer.organisation,
                  Volunteer.phone, Volunteer.notes, Volunteer.active).where(
        Volunteer.branch_id == branch_id)
    if not include_inactive:
        stmt = stmt.where(Volunteer.active.is_(True))
    return [VolunteerRow(*r) for r in session.execute(
        stmt.order_by(Volunteer.active.desc(), Volunteer.kind, Volunteer.id))]
