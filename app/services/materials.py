"""The catalogue of self-study materials (自学资料目录): add, edit, archive, list.

A material that has been handed out is never deleted: "删除" archives it, so every member's
record of what they were given (and the quarterly figures) stays true. Only a material entered
by mistake and never issued is really removed.

The hand-out functions other areas call (pending_handouts, pending_count, mark_delivered, …)
live in `app.services.handouts` and are re-exported here, so `materials.pending_handouts` works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Handout, Material
from app.services.handouts import (  # noqa: F401 - the public surface of the area
    HandoutReportRow, MemberHandoutRow, PendingRow, QuizScore, best_quiz_scores, group_pending,
    handout_counts, handout_rows, mark_delivered, member_handouts, pending_count,
    pending_handouts, quiz_handouts, record_quiz_return,
)
from app.vocab import HANDOUT_PENDING, MATERIAL_KINDS

QUIZ_KIND = "试题"
PERIODICAL_KINDS = ("期刊", "报纸")
CATALOGUE_COLUMNS = ("名称", "类别", "期号", "收到日期", "数量", "已发放", "待送达", "满分", "状态", "备注")


class MaterialError(InputError):
    """One or more problems with a material as typed; `problems` are Chinese sentences."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


class HasHandouts(InputError):
    """The material was handed out: it can only be archived (asked first), never deleted."""

    def __init__(self, label: str, issued: int, pending: int):
        more = f"，其中 {pending} 份待送达" if pending else ""
        super().__init__(f"{label}已发放 {issued} 份{more}。为保留发放记录，只能归档（不再出现在"
                         f"发放选择中），不能彻底删除。")
        self.issued, self.pending = issued, pending


@dataclass
class MaterialInput:
    """The fields of the material dialog, as plain values."""

    title: str = ""
    kind: str = "读本"
    period: str = ""
    received_date: date | None = None
    quantity: int = 0
    full_marks: int = 100
    notes: str = ""


@dataclass(frozen=True)
class MaterialRow:
    id: int
    title: str
    kind: str
    period: str
    received_date: date | None
    quantity: int
    full_marks: int
    notes: str
    archived: bool
    issued: int = 0
    pending: int = 0

    @property
    def label(self) -> str:
        return material_label(self.title, self.period)


def material_label(title: str, period: str) -> str:
    """How a material is named on screens and prints: 《银潮》2026年第3期."""
    return f"《{title}》{period}" if period else f"《{title}》"


_PERIOD_NUMERIC = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})$")
_YEAR = re.compile(r"(\d{4})")


def normalise_period(text: str) -> str:
    """2026-3 / 2026.3 / 2026/03 → 2026年第3期; anything else is kept as typed (trimmed)."""
    raw = re.sub(r"\s+", "", text or "")
    match = _PERIOD_NUMERIC.match(raw)
    if match:
        return f"{match.group(1)}年第{int(match.group(2))}期"
    return raw


def validate(data: MaterialInput, today: date | None = None) -> MaterialInput:
    """Check and normalise; raise MaterialError listing every problem at once."""
    today = today or date.today()
    problems: list[str] = []
    data.title = re.sub(r"\s+", " ", (data.title or "").strip()).strip("《》 ")
    data.period = normalise_period(data.period)
    data.notes = (data.notes or "").strip()
    if not data.title:
        problems.append("请填写资料名称")
    elif len(data.title) > 200:
        problems.append("资料名称太长（最多 200 字）")
    if data.kind not in MATERIAL_KINDS:
        problems.append(f"类别“{data.kind}”应为：{'、'.join(MATERIAL_KINDS)}")
    if data.kind in PERIODICAL_KINDS and not data.period:
        problems.append(f"{data.kind}请填写期号，如 {today.year}年第3期")
    if len(data.period) > 50:
        problems.append("期号太长（最多 50 字）")
    year = _YEAR.search(data.period)
    if year and not 1949 <= int(year.group(1)) <= today.year + 1:
        problems.append(f"期号“{data.period}”中的年份 {year.group(1)} 不对")
    if data.received_date and data.received_date > today:
        problems.append(f"收到日期 {data.received_date:%Y-%m-%d} 在今天之后")
    try:
        data.quantity = int(data.quantity)
    except (TypeError, ValueError):
        problems.append(f"数量“{data.quantity}”应为整数")
    else:
        if data.quantity < 0:
            problems.append(f"数量不能是负数（填的是 {data.quantity}）")
    try:
        data.full_marks = int(data.full_marks)
    except (TypeError, ValueError):
        problems.append(f"满分“{data.full_marks}”应为整数")
    else:
        if data.kind == QUIZ_KIND and not 1 <= data.full_marks <= 1000:
            problems.append(f"试题满分应在 1 到 1000 之间（填的是 {data.full_marks}）")
    if data.kind != QUIZ_KIND:
        data.full_marks = 100  # only quiz papers have marks; keep the column's plain default
    if problems:
        raise MaterialError(problems)
    return data


def _duplicate(session: Session, branch_id: int, data: MaterialInput, own_id: int | None):
    stmt = select(Material.id).where(
        Material.branch_id == branch_id, Material.title == data.title,
        Material.period == data.period, Material.kind == data.kind, Material.archived.is_(False),
    )
    if own_id:
        stmt = stmt.where(Material.id != own_id)
    if session.scalar(stmt.limit(1)):
        raise MaterialError([f"目录中已有{material_label(data.title, data.period)}（{data.kind}），"
                             f"不必重复登记"])


def add_material(session: Session, branch_id: int, data: MaterialInput) -> int:
    data = validate(data)
    _duplicate(session, branch_id, data, None)
    material = Material(branch_id=branch_id, **vars(data))
    session.add(material)
    session.flush()
    return material.id


def update_material(session: Session, material_id: int, data: MaterialInput) -> None:
    material = session.get(Material, material_id)
    if material is None:
        raise InputError(f"找不到编号为 {material_id} 的资料")
    data = validate(data)
    _duplicate(session, material.branch_id, data, material_id)
    if data.kind != material.kind and _issued_count(session, material_id):
        if QUIZ_KIND in (data.kind, material.kind):
            raise MaterialError(["已发放的资料不能在“试题”和其他类别之间改动（成绩记录依赖类别）"])
    if data.kind == QUIZ_KIND:
        top = session.scalar(select(func.max(Handout.score)).where(
            Handout.material_id == material_id))
        if top is not None and top > data.full_marks:
            raise MaterialError([f"已登记的最高成绩是 {top:g} 分，满分不能小于它"])
    for key, value in vars(data).items():
        setattr(material, key, value)
    session.flush()


def material_input(session: Session, material_id: int) -> MaterialInput:
    m = session.get_one(Material, material_id)
    return MaterialInput(m.title, m.kind, m.period, m.received_date, m.quantity, m.full_marks,
                         m.notes)


def _issued_count(session: Session, material_id: int) -> int:
    return session.scalar(select(func.count(Handout.id)).where(
        Handout.material_id == material_id)) or 0


def remove_material(session: Session, material_id: int, archive_ok: bool = False) -> str:
    """Delete a material never issued ("deleted"), or archive one that was ("archived").

    With hand-outs and `archive_ok` False, raises HasHandouts so the screen can ask first.
    """
    material = session.get(Material, material_id)
    if material is None:
        raise InputError(f"找不到编号为 {material_id} 的资料")
    issued = _issued_count(session, material_id)
    if not issued:
        session.execute(delete(Material).where(Material.id == material_id))
        return "deleted"
    if not archive_ok:
        pending = session.scalar(select(func.count(Handout.id)).where(
            Handout.material_id == material_id, Handout.status == HANDOUT_PENDING)) or 0
        raise HasHandouts(material_label(material.title, material.period), issued, pending)
    material.archived = True
    session.flush()
    return "archived"


def restore_material(session: Session, material_id: int) -> None:
    """Bring an archived material back into the catalogue."""
    session.get_one(Material, material_id).archived = False
    session.flush()


@dataclass
class MaterialFilter:
    year: int | None = None  # by received date (or, when unknown, the period's year)
    kind: str | None = None
    text: str = ""
    include_archived: bool = False


def list_materials(session: Session, branch_id: int, flt: MaterialFilter | None = None,
                   with_counts: bool = True) -> list[MaterialRow]:
    """The catalogue, newest first, with hand-outs issued and still pending per material."""
    flt = flt or MaterialFilter()
    stmt = select(
        Material.id, Material.title, Material.kind, Material.period, Material.received_date,
        Material.quantity, Material.full_marks, Material.notes, Material.archived,
    ).where(Material.branch_id == branch_id)
    if not flt.include_archived:
        stmt = stmt.where(Material.archived.is_(False))
    if flt.kind:
        stmt = stmt.where(Material.kind == flt.kind)
    if flt.year:
        stmt = stmt.where(or_(
            func.strftime("%Y", Material.received_date) == str(flt.year),
            (Material.received_date.is_(None) & Material.period.like(f"{flt.year}%")),
        ))
    if flt.text.strip():
        like = f"%{flt.text.strip()}%"
        stmt = stmt.where(or_(Material.title.like(like), Material.period.like(like),
                              Material.notes.like(like)))
    stmt = stmt.order_by(Material.received_date.desc().nulls_last(), Material.id.desc())
    rows = session.execute(stmt).all()
    counts: dict[int, tuple[int, int]] = {}
    if with_counts and rows:
        ids = [r.id for r in rows]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for mid, issued, pending in session.execute(
                select(Handout.material_id, func.count(Handout.id),
                       func.sum(case((Handout.status == HANDOUT_PENDING, 1), else_=0)))
                .where(Handout.material_id.in_(chunk)).group_by(Handout.material_id)
            ):
                counts[mid] = (issued, pending or 0)
    return [MaterialRow(*r, *counts.get(r.id, (0, 0))) for r in rows]


def material_row(session: Session, material_id: int) -> MaterialRow:
    m = session.get(Material, material_id)
    if m is None:
        raise InputError(f"找不到编号为 {material_id} 的资料")
    issued, pending = session.execute(
        select(func.count(Handout.id),
               func.sum(case((Handout.status == HANDOUT_PENDING, 1), else_=0)))
        .where(Handout.material_id == material_id)
    ).one()
    return MaterialRow(m.id, m.title, m.kind, m.period, m.received_date, m.quantity,
                       m.full_marks, m.notes, m.archived, issued or 0, pending or 0)


def material_years(session: Session, branch_id: int) -> list[int]:
    """Years that have materials, newest first (for the catalogue's year filter)."""
    years = session.scalars(select(func.distinct(func.strftime("%Y", Material.received_date)))
                            .where(Material.branch_id == branch_id,
                                   Material.received_date.is_not(None)))
    return sorted({int(y) for y in years if y}, reverse=True)
