"""Everything the quarterly workbook shows, gathered as plain rows (no openpyxl here).

The export module only lays these rows out; the figures come from `quarter_figures`, and every
detail sheet is read with the same definitions (在册 at quarter end, events not cancelled,
members on the roster on the event's day), so 汇总 always agrees with the sheets behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app import idcard
from app.dates import age_on, fmt, quarter_bounds
from app.errors import InputError
from app.models import (
    Attendance, Branch, Handout, Material, Member, Pairing, StudyEvent, Suggestion, Visit,
)
from app.services.quarter_figures import (
    QuarterFigures, on_roster_at_event, active_at, quarter_figures,
)

SHEET_NAMES = ("汇总", "党员名册", "学习活动", "学习考勤", "自学资料发放", "走访记录", "建言献策")
ROSTER_HEADERS = ("序号", "姓名", "性别", "出生年月", "年龄", "身份证号", "离退休", "党员",
                  "原单位及职务", "联系电话", "家庭住址", "居住状况", "身体状况", "结对人", "最近走访")
EVENT_HEADERS = ("日期", "类型", "主题", "主讲人", "地点", "学时", "应到", "出席", "请假", "缺席",
                 "送学上门")
HANDOUT_HEADERS = ("日期", "资料", "类别", "党员", "方式", "经手人", "回收/成绩")
VISIT_HEADERS = ("日期", "党员", "走访人", "走访人类别", "事由", "送达资料", "身体状况", "诉求",
                 "处理情况")
SUGGESTION_HEADERS = ("日期", "党员", "类别", "内容", "转交部门", "办理情况")
MARKS = {"出席": "✓", "请假": "假", "缺席": "缺", "送学上门": "送"}
LEGEND = "说明：✓ 出席　假 请假　缺 缺席　送 送学上门（空白：当日不在册或未记考勤）"
_SHORT_KIND = {"集中学习日": "学习日", "老干部大讲堂": "大讲堂", "形势报告会": "报告会",
               "支部党员大会": "党员大会", "知识竞答": "竞答", "参观考察": "参观"}


@dataclass
class Sheet:
    name: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""  # a line between title and header (学习考勤's legend)
    percent_columns: tuple[int, ...] = ()  # 1-based columns holding fractions


@dataclass
class QuarterReport:
    branch: str
    township: str
    secretary: str
    year: int
    quarter: int
    made_on: date
    figures: QuarterFigures
    sheets: list[Sheet]

    @property
    def title(self) -> str:
        return f"{self.branch}{self.year}年第{self.quarter}季度工作情况统计表"


def branch_by_name(session: Session, name: str | None) -> int:
    """The branch to report on: the one named, or the only one there is."""
    rows = session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all()
    if name:
        for bid, bname in rows:
            if bname == name:
                return bid
        raise InputError(f"没有名为“{name}”的支部。现有支部：{'、'.join(n for _, n in rows) or '无'}")
    if not rows:
        raise InputError("数据库里还没有支部，请先导入花名册或生成演示数据。")
    if len(rows) > 1:
        raise InputError(f"数据库里有 {len(rows)} 个支部，请用 --branch 指明是哪一个，"
                         f"或用 --all-branches 把全部支部合成一个报表。")
    return rows[0][0]


def build_report(session: Session, branch_id: int, year: int, quarter: int,
                 full_id: bool = False, today: date | None = None) -> QuarterReport:
    start, end = quarter_bounds(year, quarter)
    b = session.get(Branch, branch_id)
    figures = quarter_figures(session, branch_id, start, end)
    title = f"{b.name}{year}年第{quarter}季度"
    sheets = [
        _roster(session, branch_id, end, full_id, title),
        *_study(session, branch_id, start, end, title),
        _handouts(session, branch_id, start, end, title),
        _visits(session, branch_id, start, end, title),
        _suggestions(session, branch_id, start, end, title),
    ]
    return QuarterReport(b.name, b.township, b.secretary, year, quarter, today or date.today(),
                         figures, sheets)


def _roster(session, branch_id, end, full_id, title) -> Sheet:
    ids = active_at(session, branch_id, end).scalar_subquery()
    helper = aliased(Member)
    pairs: dict[int, list[str]] = {}
    for helped, name in session.execute(
        select(Pairing.helped_id, helper.name).join(helper, helper.id == Pairing.helper_id)
        .where(Pairing.helped_id.in_(ids), Pairing.since <= end,
               or_(Pairing.until.is_(None), Pairing.until >= end)).order_by(Pairing.since)
    ):
        pairs.setdefault(helped, []).append(name)
    last = dict(session.execute(select(Visit.member_id, func.max(Visit.date))
                                .where(Visit.member_id.in_(ids), Visit.date <= end)
                                .group_by(Visit.member_id)).all())
    rows = []
    for n, m in enumerate(session.execute(
        select(Member.id, Member.name, Member.gender, Member.birth_date, Member.birth_month_only,
               Member.id_number, Member.retire_type, Member.is_party_member, Member.former_unit,
               Member.phone, Member.address, Member.living, Member.mobility)
        .where(Member.id.in_(ids)).order_by(Member.sort_order, Member.id)
    ), start=1):
        rows.append([n, m.name, m.gender or "", fmt(m.birth_date, True), age_on(m.birth_date, end),
                     m.id_number if full_id else idcard.mask(m.id_number), m.retire_type or "",
                     "是" if m.is_party_member else "否", m.former_unit, m.phone, m.address,
                     m.living or "", m.mobility, "、".join(pairs.get(m.id, [])),
                     fmt(last.get(m.id))])
    return Sheet("党员名册", f"{title}党员名册", list(ROSTER_HEADERS), rows)


def _study(session, branch_id, start, end, title) -> list[Sheet]:
    events = session.execute(
        select(StudyEvent.id, StudyEvent.date, StudyEvent.kind, StudyEvent.topic,
               StudyEvent.speaker, StudyEvent.place, StudyEvent.hours)
        .where(StudyEvent.branch_id == branch_id, StudyEvent.date.between(start, end),
               StudyEvent.cancelled.is_(False))
        .order_by(StudyEvent.date, StudyEvent.id)).all()
    marks = session.execute(
        select(Attendance.event_id, Attendance.member_id, Attendance.mark)
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .join(Member, Member.id == Attendance.member_id)
        .where(StudyEvent.id.in_([e.id for e in events]), on_roster_at_event())).all()
    by_event: dict[int, dict[str, int]] = {}
    grid: dict[int, dict[int, str]] = {}
    for event_id, member_id, mark in marks:
        counts = by_event.setdefault(event_id, {})
        counts[mark] = counts.get(mark, 0) + 1
        grid.setdefault(member_id, {})[event_id] = mark
    ev_rows = []
    for e in events:
        c = by_event.get(e.id, {})
        ev_rows.append([fmt(e.date), e.kind, e.topic, e.speaker, e.place, e.hours,
                        sum(c.values()), c.get("出席", 0), c.get("请假", 0), c.get("缺席", 0),
                        c.get("送学上门", 0)])
    ids = active_at(session, branch_id, end).scalar_subquery()
    members = session.execute(
        select(Member.id, Member.name)
        .where(or_(Member.id.in_(ids), Member.id.in_(list(grid) or [-1])))
        .order_by(Member.sort_order, Member.id)).all()
    headers = ["序号", "姓名"] + [f"{e.date:%m-%d} {_SHORT_KIND.get(e.kind, e.kind)}"
                               for e in events] + ["出席次数", "出勤率"]
    att_rows = []
    for n, (mid, name) in enumerate(members, start=1):
        row_marks = grid.get(mid, {})
        present = sum(1 for mk in row_marks.values() if mk == "出席")
        att_rows.append([n, name] + [MARKS.get(row_marks.get(e.id, ""), "") for e in events]
                        + [present, present / len(row_marks) if row_marks else None])
    attendance = Sheet("学习考勤", f"{title}学习考勤表", headers, att_rows, note=LEGEND,
                       percent_columns=(len(headers),))
    return [Sheet("学习活动", f"{title}学习活动记录", list(EVENT_HEADERS), ev_rows), attendance]


def _handouts(session, branch_id, start, end, title) -> Sheet:
    rows = []
    for h in session.execute(
        select(Handout.issued_date, Material.title, Material.period, Material.kind, Member.name,
               Handout.method, Handout.handled_by, Handout.returned_date, Handout.score)
        .join(Material, Material.id == Handout.material_id)
        .join(Member, Member.id == Handout.member_id)
        .where(Member.branch_id == branch_id, Handout.issued_date.between(start, end))
        .order_by(Handout.issued_date, Handout.id)
    ):
        back = (f"{h.score:g}分" if h.score is not None
                else (f"{fmt(h.returned_date)}回收" if h.returned_date else ""))
        material = f"{h.title}（{h.period}）" if h.period else h.title
        rows.append([fmt(h.issued_date), material, h.kind, h.name, h.method, h.handled_by, back])
    return Sheet("自学资料发放", f"{title}自学资料发放登记", list(HANDOUT_HEADERS), rows)


def _visits(session, branch_id, start, end, title) -> Sheet:
    rows = [[fmt(v.date), v.name, v.visitor_name, v.visitor_kind, v.purposes, v.delivered_note,
             v.health, v.requests, v.follow_up + ("（已办结）" if v.follow_up_done else "")]
            for v in session.execute(
                select(Visit.date, Member.name, Visit.visitor_name, Visit.visitor_kind,
                       Visit.purposes, Visit.delivered_note, Visit.health, Visit.requests,
                       Visit.follow_up, Visit.follow_up_done)
                .join(Member, Member.id == Visit.member_id)
                .where(Member.branch_id == branch_id, Visit.date.between(start, end))
                .order_by(Visit.date, Visit.id))]
    return Sheet("走访记录", f"{title}走访记录", list(VISIT_HEADERS), rows)


def _suggestions(session, branch_id, start, end, title) -> Sheet:
    rows = [[fmt(s.date), s.name or "", s.category, s.text, s.forwarded_to,
             s.status + (f"：{s.result}" if s.result else "")]
            for s in session.execute(
                select(Suggestion.date, Member.name, Suggestion.category, Suggestion.text,
                       Suggestion.forwarded_to, Suggestion.status, Suggestion.result)
                .outerjoin(Member, and_(Member.id == Suggestion.member_id))
                .where(Suggestion.branch_id == branch_id, Suggestion.date.between(start, end))
                .order_by(Suggestion.date, Suggestion.id))]
    return Sheet("建言献策", f"{title}建言献策登记", list(SUGGESTION_HEADERS), rows)


def export_quarter(session: Session, branch_id: int, year: int, quarter: int, path,
                   full_id: bool = False, today: date | None = None):
    """Gather and write one branch's quarterly workbook; returns the written path."""
    from app.export.quarterly_xlsx import write_quarterly  # services → export, imported late

    return write_quarterly(build_report(session, branch_id, year, quarter, full_id, today), path)
