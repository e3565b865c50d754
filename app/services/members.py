"""Adding, editing and changing the status of one member, with the checks a careful clerk makes.

People never leave by deletion: 去世 / 转出 / 暂离 is a status with a date, and history stays.
"""

from __future__ import annotations

import re
from dataclasses import asdict, field, fields, make_dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import idcard, member_fields
from app.errors import InputError
from app.models import Member
from app.name_search import search_key
from app.phones import phone_problems, split_phones
from app.plain_text import strip_controls
from app.services.care import close_open_items
from app.vocab import MEMBER_STATUSES, STATUS_ACTIVE


class MemberError(InputError):
    """One or more problems with what was typed; `problems` are Chinese sentences."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


MemberInput = make_dataclass(
    "MemberInput",
    [(f.attr, f.value_type, field(default=f.default)) for f in member_fields.FORM_FIELDS],
)
MemberInput.__module__ = __name__
MemberInput.__doc__ = """Every field of the member window (app/member_fields.py: FORM_FIELDS), as
plain values; a new member starts with the fields' defaults."""
_L = member_fields.LABEL


def validate(data: MemberInput, today: date | None = None) -> MemberInput:
    """Check and normalise; raise MemberError listing every problem at once."""
    today = today or date.today()
    problems: list[str] = []
    for f in member_fields.FORM_FIELDS:  # ESC, U+202E and the like: never stored (plain_text.py)
        value = getattr(data, f.attr)
        if isinstance(value, str):
            setattr(data, f.attr, strip_controls(value, keep_lines=f.kind == "longtext"))
    data.name = re.sub(r"\s+", "", data.name or "")
    if not data.name:
        problems.append(f"请填写{_L['name']}")
    if data.id_number:
        try:
            info = idcard.parse(data.id_number)
        except idcard.IdNumberError as exc:
            problems.append(str(exc))
        else:
            data.id_number = info.number
            if data.birth_date is None:
                data.birth_date, data.birth_month_only = info.birth_date, False
            elif (data.birth_date.year, data.birth_date.month) != (
                info.birth_date.year, info.birth_date.month
            ) or (not data.birth_month_only and data.birth_date != info.birth_date):
                problems.append(
                    f"{_L['birth_date']} {data.birth_date:%Y-%m-%d} 与{_L['id_number']}中的 "
                    f"{info.birth_date:%Y-%m-%d} 不一致"
                )
            if not data.gender:
                data.gender = info.gender
    else:
        data.id_number = None
    if data.birth_date and data.party_join_date and data.party_join_date < data.birth_date:
        problems.append(f"{_L['party_join_date']}早于{_L['birth_date']}")
    problems += _field_problems(data, today)
    if problems:
        raise MemberError(problems)
    for f in member_fields.FORM_FIELDS:
        if f.kind == "phone":  # "139…, 0371-…" → "139…、0371-…"
            setattr(data, f.attr, "、".join(split_phones(getattr(data, f.attr))))
    return data


def _field_problems(data: MemberInput, today: date) -> list[str]:
    """What is wrong with each field by itself, checked by its kind."""
    problems = []
    for f in member_fields.FORM_FIELDS:
        value = getattr(data, f.attr)
        if f.kind == "date" and value and value > today:
            problems.append(f"{f.label} {value:%Y-%m-%d} 在今天之后")
        elif f.kind == "choice" and value and value not in f.choices:
            problems.append(f"{f.label}“{value}”应为：{'、'.join(f.choices)}")
        elif f.kind == "phone":
            problems += phone_problems(value, f.label)
        elif f.kind == "days" and not 1 <= int(value or 0) <= 366:
            problems.append(f"{f.label}应在 1 到 366 天之间")
    return problems


def _id_taken(session: Session, number: str | None, member_id: int | None) -> str | None:
    if not number:
        return None
    stmt = select(Member.name).where(Member.id_number == number)
    if member_id:
        stmt = stmt.where(Member.id != member_id)
    return session.scalar(stmt)


def add_member(session: Session, branch_id: int, data: MemberInput) -> int:
    data = validate(data)
    if other := _id_taken(session, data.id_number, None):
        raise MemberError([f"身份证号 {data.id_number} 已登记在 {other} 名下"])
    last = session.scalar(
        select(func.max(Member.sort_order)).where(Member.branch_id == branch_id)
    )
    member = Member(branch_id=branch_id, sort_order=(last or 0) + 1, **asdict(data))
    member.search_key = search_key(data.name)
    session.add(member)
    session.flush()
    return member.id


def update_member(session: Session, member_id: int, data: MemberInput) -> None:
    data = validate(data)
    if other := _id_taken(session, data.id_number, member_id):
        raise MemberError([f"身份证号 {data.id_number} 已登记在 {other} 名下"])
    member = session.get_one(Member, member_id)
    for key, value in asdict(data).items():
        if getattr(member, key) != value:
            setattr(member, key, value)
    member.search_key = search_key(data.name)
    session.flush()


def member_input(session: Session, member_id: int) -> MemberInput:
    """The stored member as dialog values."""
    member = session.get_one(Member, member_id)
    return MemberInput(**{f.name: getattr(member, f.name) for f in fields(MemberInput)})


def set_status(session: Session, member_id: int, status: str, when: date | None) -> None:
    """去世 / 转出 / 暂离 with its date, or back to 在册. Never deletes anyone."""
    if status not in MEMBER_STATUSES:
        raise MemberError([f"状态“{status}”应为：{'、'.join(MEMBER_STATUSES)}"])
    if status != STATUS_ACTIVE and when is None:
        raise MemberError([f"请填写{status}的日期"])
    if when and when > date.today():
        raise MemberError([f"日期 {when:%Y-%m-%d} 在今天之后"])
    member = session.get_one(Member, member_id)
    if member.birth_date and when and when < member.birth_date:
        raise MemberError([f"日期早于{_L['birth_date']}"])
    member.status = status
    member.status_date = when if status != STATUS_ACTIVE else None
    session.flush()
    close_open_items(session, member_id, when)
