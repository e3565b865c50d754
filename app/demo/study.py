"""Demo study events: a year of 集中学习日 on the branch's study day, lectures, briefings, 党课
and meetings, with attendance as a branch really sees it — most come, the homebound mostly
送学上门, a few on leave (生病, 住院, 外出), a couple who have stopped coming (so 连续缺席 has
someone to show), one event cancelled, and the next study day made but not yet held.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.demo import insert_rows
from app.models import Attendance, Branch, Member, StudyEvent
from app.vocab import HOMEBOUND_MOBILITIES, STATUS_ACTIVE, STUDY_DAY_KIND

TOPICS = ["学习贯彻全会精神", "学习党章党规", "党史学习：红色家书", "老年健康与防诈骗",
          "乡村振兴见闻", "新时代老干部工作", "学习习近平新时代中国特色社会主义思想",
          "重温入党誓词", "廉洁文化", "发挥余热　服务社会", "改革开放新成就", "平安建设"]
OTHERS = [  # (month, day, kind, topic, speaker, place)
    (1, 18, "支部党员大会", "年度工作总结与计划", "李秀兰", "老干部活动室"),
    (3, 20, "老干部大讲堂", "春季养生与慢病防治", "县人民医院 张医生", "县老干部活动中心"),
    (4, 15, "形势报告会", "当前经济形势", "县委常委", "县委党校礼堂"),
    (5, 22, "参观考察", "参观红色教育基地", "", "县革命纪念馆"),
    (6, 28, "党课", "七一专题党课：党的光辉历程", "李秀兰", "老干部活动室"),
    (7, 10, "知识竞答", "“学党史、强信念”知识竞答", "", "老干部活动室"),
    (8, 16, "形势报告会", "全县重点项目建设情况", "县发改委主任", "县委党校礼堂"),
    (9, 25, "座谈会", "重阳节座谈会", "镇党委书记", "镇政府会议室"),
    (10, 20, "老干部大讲堂", "智能手机使用与防诈骗", "县公安局 民警", "县老干部活动中心"),
    (11, 12, "支委会", "研究年终慰问和走访安排", "李秀兰", "老干部活动室"),
]
SPEAKERS = ["李秀兰", "王振华", "刘桂英", "镇党委 赵书记"]
PLACE = "老干部活动室"


def _months(today: date) -> list[tuple[int, int]]:
    y, m, out = today.year, today.month, []
    for _ in range(12):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def _on_roster(p, day: date) -> bool:
    joined_ok = p.joined_date is None or p.joined_date <= day
    left = p.status not in (STATUS_ACTIVE, "暂离") and p.status_date is not None
    return joined_ok and not (left and p.status_date < day)


def _mark(rng: random.Random, homebound: bool) -> tuple[str, str]:
    roll = rng.random()
    if homebound:
        if roll < 0.82:
            return "送学上门", ""
        if roll < 0.95:
            return "请假", rng.choice(["住院", "生病"])
        return "缺席", ""
    if roll < 0.86:
        return "出席", ""
    if roll < 0.95:
        return "请假", rng.choice(["生病", "生病", "外出", "其他"])
    return "缺席", ""


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    people = session.execute(
        select(Member.id, Member.mobility, Member.status, Member.status_date, Member.joined_date)
        .where(Member.branch_id == branch.id).order_by(Member.sort_order, Member.id)).all()
    if not people:
        return
    rows = _event_rows(branch, today)
    ids = list(session.scalars(
        insert(StudyEvent).returning(StudyEvent.id, sort_by_parameter_order=True), rows))
    marks = _attendance(rng, today, people, rows, ids)
    if marks:
        insert_rows(session, Attendance, marks)
    session.flush()


def _event_rows(branch: Branch, today: date) -> list[dict]:
    """The year's events as rows: a 集中学习日 each month on the branch's study day plus the
    OTHERS of that month, the next study day made ahead (the home page's "去登记"), minutes
    for those held, and one past lecture called off (kept as 已取消, without attendance)."""
    month_day = min(max(branch.study_day or 5, 1), 28)
    events = []
    for n, (y, m) in enumerate(_months(today)):
        events.append({"kind": STUDY_DAY_KIND, "date": date(y, m, month_day),
                       "topic": f"{m}月集中学习：{TOPICS[n % len(TOPICS)]}",
                       "speaker": SPEAKERS[n % len(SPEAKERS)]})
        for om, od, kind, topic, speaker, place in OTHERS:
            if om == m:
                events.append({"kind": kind, "date": date(y, m, od), "topic": topic,
                               "speaker": speaker, "place": place})
    y, m = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    upcoming = date(today.year, today.month, month_day)
    if upcoming <= today:
        upcoming = date(y, m, month_day)
        events.append({"kind": STUDY_DAY_KIND, "date": upcoming,
                       "topic": f"{m}月集中学习：{TOPICS[m % len(TOPICS)]}",
                       "speaker": SPEAKERS[0]})
    rows = []
    for e in events:
        rows.append({
            "branch_id": branch.id, "kind": e["kind"], "date": e["date"], "start_time": "09:00"
            if e["kind"] != "支委会" else "15:00", "topic": e["topic"],
            "speaker": e.get("speaker", ""), "place": e.get("place", PLACE),
            "hours": 2.0 if e["kind"] in (STUDY_DAY_KIND, "党课", "老干部大讲堂") else 1.5,
            "minutes_text": (f"{e['date']:%Y年%m月%d日}上午，支部组织{e['kind']}。"
                             f"学习内容：{e['topic']}。与会党员结合自身实际交流了体会，"
                             "行动不便的党员由支委送学上门。") if e["date"] <= today else "",
            "notes": "", "cancelled": False})
    past = [i for i, r in enumerate(rows) if r["date"] < today and r["kind"] != STUDY_DAY_KIND]
    cancelled = rows[past[len(past) // 2]] if past else None
    if cancelled is not None:  # because of the weather
        cancelled.update(cancelled=True, notes="因暴雨取消，改期另行通知", minutes_text="")
    return rows


def _attendance(rng: random.Random, today: date, people, rows: list[dict],
                ids: list[int]) -> list[dict]:
    """Marks for every held event before today (today's is still to be ticked) for everyone on
    the roster that day; two able members have stopped coming lately (not the homebound: they
    get the door), so 连续缺席 has someone to show."""
    able = [p.id for p in people if p.mobility not in HOMEBOUND_MOBILITIES
            and p.status == STATUS_ACTIVE]
    drifting = set(rng.sample(able, min(2, len(able))))
    held = sorted((r["date"], i) for i, r in zip(ids, rows)
                  if r["date"] <= today and not r["cancelled"])
    recent = {i for _d, i in held[-4:]}
    marks = []
    for (day, event_id) in held:
        if day == today:
            continue
        for p in people:
            if not _on_roster(p, day):
                continue
            homebound = p.mobility in HOMEBOUND_MOBILITIES
            if p.id in drifting and event_id in recent:
                mark, reason = ("缺席", "") if rng.random() < 0.7 else ("请假", "外出")
            else:
                mark, reason = _mark(rng, homebound)
            marks.append({"event_id": event_id, "member_id": p.id, "mark": mark,
                          "reason": reason})
    return marks
