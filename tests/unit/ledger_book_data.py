"""A hand-built year (2025) for the ledger book's tests: a few members, each part of the work
recorded once through the real use cases, so every one of the nine parts has something to
print — and some things it must leave out (a cancelled meeting, a member gone the year before)."""

from __future__ import annotations

from datetime import date

from app.models import Branch, Member
from app.services.attendance import record_attendance
from app.services.care_calendar.hardship import HardshipInput, add_hardship
from app.services.dues.payments import record_payment
from app.services.dues.setup import set_base
from app.services.orglife import committee, rectify, talks
from app.services.orglife.appraisal import start_appraisal
from app.services.orglife.minutes import MinutesInput, save_minutes
from app.services.pairings import add_pairing
from app.services.study_events import EventInput, cancel_event, create_event
from app.services.suggestions import SuggestionInput, add_suggestion
from app.services.visits import VisitInput, record_visit
from app.services.volunteers import VolunteerInput, add_volunteer
from app.services.yearend import honours
from app.services.yearend.year_notes import save_year_notes

YEAR = 2025
TODAY = date(2026, 1, 10)
FULL_ID = "410102194005061234"


def _member(s, branch_id, name, order, **kw) -> int:
    m = Member(branch_id=branch_id, name=name, sort_order=order,
               party_join_date=kw.pop("party_join_date", date(1965, 7, 1)), **kw)
    s.add(m)
    s.flush()
    return m.id


def _people(s, branch_id) -> dict[str, int]:
    b = s.get_one(Branch, branch_id)
    b.name, b.township, b.secretary = "城关支部", "城关镇", "李秀兰"
    b.activity_room, b.study_points = "老干部活动室", "北关村\n东街社区"
    return {
        "张建国": _member(s, branch_id, "张建国", 1, gender="男", retire_type="离休",
                       id_number=FULL_ID, birth_date=date(1940, 5, 6)),
        "李秀兰": _member(s, branch_id, "李秀兰", 2, gender="女", retire_type="退休"),
        "王芳": _member(s, branch_id, "王芳", 3, gender="女", retire_type="退休",
                      party_standing="预备", address="东街3号"),
        "赵去世": _member(s, branch_id, "赵去世", 4, gender="男", status="去世",
                       status_date=date(2025, 5, 3)),
        "钱新来": _member(s, branch_id, "钱新来", 5, gender="男", retire_type="退休",
                       joined_date=date(2025, 4, 1)),
        "孙转出": _member(s, branch_id, "孙转出", 6, status="转出", status_date=date(2024, 6, 1)),
    }


def _meetings(s, branch_id, ids) -> None:
    held = create_event(s, branch_id, EventInput(kind="主题党日", date=date(2025, 3, 5),
                                                 topic="学习二十大精神", speaker="张建国",
                                                 place="老干部活动室"))
    for name, mark in (("张建国", "出席"), ("李秀兰", "出席"), ("王芳", "请假"),
                       ("赵去世", "送学上门")):
        record_attendance(s, held, ids[name], mark, "生病" if mark == "请假" else None)
    save_minutes(s, held, MinutesInput(topic="学习二十大精神", place="老干部活动室", host="李秀兰",
                                       recorder="王芳", content="张建国领学报告全文。",
                                       decisions="每月送学上门一次"))
    gone = create_event(s, branch_id, EventInput(kind="支委会", date=date(2025, 4, 8),
                                                 topic="取消了的会议"))
    cancel_event(s, gone)


def _care(s, branch_id, ids) -> None:
    add_suggestion(s, branch_id, SuggestionInput(ids["王芳"], date(2025, 4, 1), "民生保障",
                                                 "增设老年食堂", "民政局", "已转交"))
    add_pairing(s, ids["李秀兰"], ids["张建国"], date(2025, 1, 1))
    add_volunteer(s, branch_id, VolunteerInput("王助老", "助老员", "东街社区"))
    record_visit(s, VisitInput(member_id=ids["张建国"], date=date(2025, 9, 9),
                               visitor_name="李秀兰", visitor_kind="结对党员",
                               purposes=["送学上门"], requests="想要大字版读本"), today=TODAY)
    talks.record_talk(s, branch_id, talks.TalkInput(
        member_id=ids["王芳"], date=date(2025, 10, 10), talker_name="李秀兰", how="当面",
        topic="谈学习体会", opinions="多组织参观"), today=TODAY)
    add_hardship(s, branch_id, HardshipInput(member_id=ids["王芳"], year=YEAR, situation="患病住院",
                                             measures="送慰问金", posted_on=date(2025, 11, 1)),
                 today=TODAY)


def build_year(db, branch_id) -> dict[str, int]:
    """Everything of 2025, recorded; the members' ids by name."""
    with db.session() as s:
        ids = _people(s, branch_id)
        committee.set_post(s, branch_id, committee.PostInput(
            ids["李秀兰"], "书记", date(2024, 3, 1), None, date(2024, 3, 1)), today=TODAY)
        _meetings(s, branch_id, ids)
        set_base(s, ids["张建国"], YEAR, "3000", today=TODAY)
        record_payment(s, ids["张建国"], "2025-01..2025-03", "45.00", paid_on=date(2025, 3, 10),
                       today=TODAY)
        honours.add_honour(s, branch_id, YEAR, "优秀共产党员", "县", ids["张建国"], "中共某县委",
                           date(2025, 6, 28), today=TODAY)
        _care(s, branch_id, ids)
        start_appraisal(s, branch_id, YEAR, date(2025, 12, 20))
        rectify.add_item(s, branch_id, rectify.RectifyInput(
            YEAR, "学习形式单一", "增加参观学习", "李秀兰", date(2026, 6, 30)), today=TODAY)
        save_year_notes(s, branch_id, YEAR, "全年每月集中学习一次。", "全年开展主题党日十二次。",
                        today=TODAY)
    return ids
