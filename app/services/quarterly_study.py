"""The quarterly workbook's study and hand-out sheets: 学习活动, 学习考勤, 自学资料发放.

Read with `quarter_figures`' own definitions so the sheets add up to 汇总: the expected
(event, member) pairs come from the same `expected_pairs` statement, a pair without a mark is
未登记, and a copy counts as delivered when it was delivered by the period's end.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.dates import cn, fmt
from app.models import Attendance, Handout, Material, Member, StudyEvent
from app.services.quarter_figures import AWAY, expected_pairs, in_register_at
from app.export.sheets import Sheet, SubTable
from app.vocab import HANDOUT_DELIVERED, LEFT_STATUSES

EVENT_HEADERS = ("日期", "类型", "主题", "主讲人", "地点", "学时", "应到", "出席", "请假", "缺席",
                 "送学上门", "未登记")
HANDOUT_HEADERS = ("日期", "资料", "类别", "党员", "方式", "送达情况", "经手人", "回收/成绩")
MATERIAL_HEADERS = ("序号", "资料", "类别", "发放份数", "已送达", "待送达", "回收份数", "平均成绩")
MARKS = {"出席": "✓", "请假": "假", "缺席": "缺", "送学上门": "送"}
UNMARKED = "未记"  # on the roster that day, no mark recorded: counted in 应到 as 未登记
NOT_EXPECTED = "—"  # not on the roster that day, or 暂离 and not marked: not counted
LEGEND = (f"说明：✓ 出席　假 请假　缺 缺席　送 送学上门　{UNMARKED} 当日在册但未登记考勤（计入应到）"
          f"　{NOT_EXPECTED} 当日不在册或暂离（不计应到）")
_SHORT_KIND = {"集中学习日": "学习日", "老干部大讲堂": "大讲堂", "形势报告会": "报告会",
               "支部党员大会": "党员大会", "知识竞答": "竞答", "参观考察": "参观"}


def name_labels(session: Session, branch_id: int) -> dict[int, str]:
    """Member id → the name the sheets show: two members called alike are told apart by the
    year of birth, or by their 序号 in the roster when that does not tell them apart."""
    rows = session.execute(select(Member.id, Member.name, Member.birth_date, Member.sort_order)
                           .where(Member.branch_id == branch_id)).all()
    same = Counter(r.name for r in rows)
    years = Counter((r.name, r.birth_date.year if r.birth_date else None) for r in rows)
    out = {}
    for r in rows:
        if same[r.name] < 2:
            continue
        year = r.birth_date.year if r.birth_date else None
        out[r.id] = (f"{r.name}（{year}年生）" if year and years[(r.name, year)] == 1
                     else f"{r.name}（序号{r.sort_order}）")
    return out


def attendance_sheets(session: Session, branch_id: int, start: date, end: date, title: str,
                      names: dict[int, str]) -> list[Sheet]:
    """学习活动 (one row per event, its 应到 and marks) and 学习考勤 (one row per member)."""
    events = session.execute(
        select(StudyEvent.id, StudyEvent.date, StudyEvent.kind, StudyEvent.topic,
               StudyEvent.speaker, StudyEvent.place, StudyEvent.hours)
        .where(StudyEvent.branch_id == branch_id, StudyEvent.date.between(start, end),
               StudyEvent.cancelled.is_(False))
        .order_by(StudyEvent.date, StudyEvent.id)).all()
    grid: dict[int, dict[int, str | None]] = {}  # member → event → mark (None: 未登记)
    by_event: dict[int, Counter] = {}
    for event_id, member_id, mark in session.execute(
            expected_pairs(branch_id, start, end, StudyEvent.id, Member.id, Attendance.mark)):
        grid.setdefault(member_id, {})[event_id] = mark
        by_event.setdefault(event_id, Counter())[mark] += 1
    ev_rows = []
    for e in events:
        c = by_event.get(e.id, Counter())
        ev_rows.append([fmt(e.date), e.kind, e.topic, e.speaker, e.place, e.hours,
                        sum(c.values()), c["出席"], c["请假"], c["缺席"], c["送学上门"], c[None]])
    study = Sheet("学习活动", f"{title}学习活动记录", list(EVENT_HEADERS), ev_rows)

    ids = in_register_at(session, branch_id, end).scalar_subquery()
    members = session.execute(
        select(Member.id, Member.name, Member.status, Member.status_date, Member.joined_date)
        .where(or_(Member.id.in_(ids), Member.id.in_(list(grid) or [-1])))
        .order_by(Member.sort_order, Member.id)).all()
    headers = (["序号", "姓名"] + [f"{e.date:%m-%d}\n{_SHORT_KIND.get(e.kind, e.kind)}"
                                  for e in events] + ["应到\n次数", "出席\n次数", "出勤率", "参学率", "备注"])
    rows = []
    for n, m in enumerate(members, start=1):
        mine = grid.get(m.id, {})
        present = sum(1 for mk in mine.values() if mk == "出席")
        studied = present + sum(1 for mk in mine.values() if mk == "送学上门")
        marks = [(MARKS[mine[e.id]] if mine[e.id] else UNMARKED) if e.id in mine
                 else NOT_EXPECTED for e in events]
        rows.append([n, names.get(m.id, m.name), *marks, len(mine), present,
                     present / len(mine) if mine else "—", studied / len(mine) if mine else "—",
                     _member_note(m, start, end)])
    rates = (len(headers) - 2, len(headers) - 1)
    attendance = Sheet("学习考勤", f"{title}学习考勤表", headers, rows, note=LEGEND,
                       percent_columns=rates,
                       center_columns=tuple(range(3, 3 + len(events))))
    return [study, attendance]


def _member_note(m, start: date, end: date) -> str:
    """备注 of 学习考勤: leaving (去世 / 转出), going away (暂离) or joining, with the date."""
    notes = []
    if m.joined_date and start <= m.joined_date <= end:
        notes.append(f"{cn(m.joined_date)}新增")
    if m.status in LEFT_STATUSES and m.status_date and m.status_date <= end:
        notes.append(f"{cn(m.status_date)}{m.status}")
    elif m.status == AWAY and (m.status_date is None or m.status_date <= end):
        notes.append(f"{cn(m.status_date)}起暂离" if m.status_date else AWAY)
    return "；".join(notes)


def handout_sheet(session: Session, branch_id: int, start: date, end: date, title: str,
                  names: dict[int, str]) -> Sheet:
    """自学资料发放: a summary per material (copies, delivered, still to deliver, papers back
    and their mean score), then one row per copy."""
    rows: list[list] = []
    per: dict[int, list] = {}  # material → [title, kind, copies, delivered, pending, back, scores]
    for h in session.execute(
        select(Handout.issued_date, Handout.material_id, Material.title, Material.period,
               Material.kind, Handout.member_id, Member.name, Handout.method,
               Handout.handled_by, Handout.status, Handout.delivered_date,
               Handout.returned_date, Handout.score)
        .join(Material, Material.id == Handout.material_id)
        .join(Member, Member.id == Handout.member_id)
        .where(Member.branch_id == branch_id, Handout.issued_date.between(start, end))
        .order_by(Handout.issued_date, Handout.id)
    ):
        delivered = h.status == HANDOUT_DELIVERED and (h.delivered_date is None
                                                       or h.delivered_date <= end)
        back = (f"{h.score:g}分" if h.score is not None
                else (f"{fmt(h.returned_date)}回收" if h.returned_date else ""))
        material = f"{h.title}（{h.period}）" if h.period else h.title
        rows.append([fmt(h.issued_date), material, h.kind, names.get(h.member_id, h.name),
                     h.method, "已送达" if delivered else "待送达", h.handled_by, back])
        s = per.setdefault(h.material_id, [material, h.kind, 0, 0, 0, 0, []])
        s[2] += 1
        s[3 if delivered else 4] += 1
        if h.returned_date or h.score is not None:
            s[5] += 1
        if h.score is not None:
            s[6].append(h.score)
    summary = [[n, title_, kind, issued, done, pending, back or None,
                round(sum(scores) / len(scores), 1) if scores else None]
               for n, (title_, kind, issued, done, pending, back, scores)
               in enumerate(per.values(), start=1)]
    if summary:
        summary.append(["合计", "", "", *(sum(r[i] for r in summary) for i in (3, 4, 5)),
                        sum(r[6] or 0 for r in summary) or None, None])
    return Sheet("自学资料发放", f"{title}自学资料发放登记", list(HANDOUT_HEADERS), rows,
                 before=[SubTable("一、按资料汇总", list(MATERIAL_HEADERS), summary)],
                 heading="二、发放明细（每份一行）")

