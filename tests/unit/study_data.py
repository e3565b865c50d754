"""A hand-counted spring of 2026 for the study tests (events, attendance, figures).

Members (roster order):
  1 张德顺 卧床 (homebound)          2 王建国              3 赵桂兰
  4 李秀英 joined 2026-03-01         5 刘振华 died 2026-04-20
  6 陈玉珍 moved out 2026-01-10 (on the roster only in January)
Events: E1 02-05 集中学习日, E2 03-05 集中学习日, E3 05-05 集中学习日, E4 05-05 党课 (no marks).
Marks:
  E1: 张 送学上门, 王 出席, 赵 请假(生病), 刘 出席         → 应到 4: 2 / 1 / 0 / 1
  E2: 张 送学上门, 王 出席, 赵 缺席, 李 出席, 刘 请假(住院) → 应到 5: 2 / 1 / 1 / 1
  E3: 张 —,       王 出席, 赵 缺席, 李 请假(外出)         → 应到 4: 1 / 1 / 1 / 0, 未登记 1
"""

from __future__ import annotations

from datetime import date

from app.models import Attendance, Branch, Member, StudyEvent

NAMES = ["张德顺", "王建国", "赵桂兰", "李秀英", "刘振华", "陈玉珍"]


def build(s) -> dict:
    b = Branch(name="测试支部")
    s.add(b)
    s.flush()
    people = [
        dict(mobility="卧床"), {}, {}, dict(joined_date=date(2026, 3, 1)),
        dict(status="去世", status_date=date(2026, 4, 20)),
        dict(status="转出", status_date=date(2026, 1, 10)),
    ]
    ids = {}
    for order, (name, extra) in enumerate(zip(NAMES, people), 1):
        m = Member(branch_id=b.id, sort_order=order, name=name, **extra)
        s.add(m)
        s.flush()
        ids[name] = m.id
    events = {}
    for key, day, kind in (("E1", date(2026, 2, 5), "集中学习日"),
                           ("E2", date(2026, 3, 5), "集中学习日"),
                           ("E3", date(2026, 5, 5), "集中学习日"),
                           ("E4", date(2026, 5, 5), "党课")):
        e = StudyEvent(branch_id=b.id, kind=kind, date=day, topic=f"{key} 主题", hours=2)
        s.add(e)
        s.flush()
        events[key] = e.id
    marks = {
        "E1": {"张德顺": ("送学上门", ""), "王建国": ("出席", ""), "赵桂兰": ("请假", "生病"),
               "刘振华": ("出席", "")},
        "E2": {"张德顺": ("送学上门", ""), "王建国": ("出席", ""), "赵桂兰": ("缺席", ""),
               "李秀英": ("出席", ""), "刘振华": ("请假", "住院")},
        "E3": {"王建国": ("出席", ""), "赵桂兰": ("缺席", ""), "李秀英": ("请假", "外出")},
    }
    for key, by_name in marks.items():
        for name, (mark, reason) in by_name.items():
            s.add(Attendance(event_id=events[key], member_id=ids[name], mark=mark, reason=reason))
    s.flush()
    return {"branch": b.id, "members": ids, "events": events}
