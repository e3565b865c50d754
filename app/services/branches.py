"""Branch details (支部信息): name, township, secretary, phone, the monthly study day, and the
room and study points the ledger book names."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Branch
from app.phones import phone_problems


@dataclass
class BranchInfo:
    id: int | None
    name: str
    township: str = ""
    secretary: str = ""
    phone: str = ""
    study_day: int = 5
    activity_room: str = ""  # 学习活动室 (the ledger book's part 1)
    study_points: str = ""  # 学习点, one a line


def get_branch(session: Session, branch_id: int) -> BranchInfo:
    b = session.get_one(Branch, branch_id)
    return BranchInfo(b.id, b.name, b.township, b.secretary, b.phone, b.study_day,
                      b.activity_room or "", b.study_points or "")


def _check(session: Session, info: BranchInfo) -> None:
    name = (info.name or "").strip()
    if not name:
        raise InputError("请填写支部名称")
    if not 1 <= int(info.study_day) <= 28:
        raise InputError(f"集中学习日应在每月 1 到 28 日之间，而不是 {info.study_day} 日")
    other = session.scalar(select(Branch.id).where(Branch.name == name))
    if other is not None and other != info.id:
        raise InputError(f"已经有一个叫“{name}”的支部")
    problems = phone_problems(info.phone, "支部联系电话")
    if len((info.activity_room or "").strip()) > 100:
        problems.append("学习活动室最多写 100 个字")
    if problems:
        raise InputError("；".join(problems))


def study_point_lines(text: str) -> list[str]:
    """学习点 as typed (one a line, or separated by 、，;) as a clean list, blanks dropped."""
    for mark in "、，,;；":
        text = (text or "").replace(mark, "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def save_branch(session: Session, info: BranchInfo) -> int:
    """Create (id None) or update a branch; returns its id."""
    _check(session, info)
    branch = session.get_one(Branch, info.id) if info.id else Branch()
    branch.name = info.name.strip()
    branch.township = info.township.strip()
    branch.secretary = info.secretary.strip()
    branch.phone = info.phone.strip()
    branch.study_day = int(info.study_day)
    branch.activity_room = " ".join((info.activity_room or "").split())
    branch.study_points = "\n".join(study_point_lines(info.study_points))
    session.add(branch)
    session.flush()
    return branch.id


def rename_branch(session: Session, branch_id: int, name: str) -> str:
    """Give the branch its name (首页's first step, or 设置); the same checks as saving the
    branch's details. Returns the name as saved."""
    info = get_branch(session, branch_id)
    info.name = " ".join((name or "").split())
    save_branch(session, info)
    return info.name


def branch_names(session: Session) -> list[tuple[int, str]]:
    """Every branch as (id, name), oldest first."""
    return [(r.id, r.name) for r in session.execute(select(Branch.id, Branch.name)
                                                    .order_by(Branch.id))]


def branch_named(session: Session, name: str | None) -> int | None:
    """The branch called `name`; without a name the only branch, or None when there are
    several (the caller says which option chooses one). Unknown names and an empty database
    are InputErrors that list what there is."""
    rows = branch_names(session)
    if name:
        for bid, bname in rows:
            if bname == name.strip():
                return bid
        names = "、".join(n for _i, n in rows) or "无"
        raise InputError(f"没有名为“{name}”的支部。现有支部：{names}")
    if not rows:
        raise InputError("数据库里还没有支部，请先导入花名册或生成演示数据。")
    return rows[0][0] if len(rows) == 1 else None
