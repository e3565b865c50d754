"""七一 and 春节 visiting lists: who must be visited (homebound, care list, 困难, 80+) and
whether each was — a 节日慰问 visit inside the window, both ends counted."""

from datetime import date

from app.festivals import visiting_window
from app.models import HardshipRecord
from app.services.care_calendar import festival_lists, ledger_part
from app.services.reminders import festival_rounds
from tests.unit.care_data import member, visit

FEST = "节日慰问"


def test_the_windows_are_said_and_fixed():
    qiyi = visiting_window("七一", 2026)
    assert (qiyi.day, qiyi.start, qiyi.end) == (date(2026, 7, 1), date(2026, 6, 15),
                                                 date(2026, 7, 15))
    assert qiyi.text == "2026年06月15日至07月15日"
    spring = visiting_window("春节", 2026)  # 17 February 2026
    assert (spring.start, spring.end) == (date(2026, 2, 2), date(2026, 3, 4))
    spring_2033 = visiting_window("春节", 2033)  # 31 January: the window starts in the old year
    assert spring_2033.start == date(2033, 1, 16)
    assert visiting_window("春节", 2101) is None


def test_qiyi_list_who_and_done_at_the_window_edges(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "卧床首日", "卧床", sort_order=1)
        visit(s, a, date(2026, 6, 15), purposes=FEST)  # first day: counts
        b = member(s, branch_id, "不便次日", "行动不便", sort_order=2)
        visit(s, b, date(2026, 7, 16), purposes=FEST)  # a day after the window
        visit(s, b, date(2026, 7, 1), purposes="送学上门")  # not a festival visit
        c = member(s, branch_id, "八十前一日", "行动自如", birth_date=date(1946, 7, 1),
                   sort_order=3)  # 80 on 1 July 2026
        visit(s, c, date(2026, 6, 14), purposes=FEST)  # a day before the window
        d = member(s, branch_id, "困难末日", "行动自如", birth_date=date(1956, 1, 1),
                   sort_order=4)
        s.add(HardshipRecord(member_id=d, year=2026, situation="老伴卧床"))
        visit(s, d, date(2026, 7, 15), purposes="送学上门、节日慰问")  # last day: counts
        member(s, branch_id, "七十九", "行动自如", birth_date=date(1946, 7, 2), sort_order=5)
        member(s, branch_id, "独居", "行动自如", birth_date=date(1950, 1, 1),
                       sort_order=6, needs_care=True, care_reason="独居")
        member(s, branch_id, "去世", "卧床", status="去世", status_date=date(2026, 5, 1))
        listed = festival_lists.festival_list(s, branch_id, "七一", 2026)
    rows = {r.name: r for r in listed.rows}
    assert list(rows) == ["卧床首日", "不便次日", "八十前一日", "困难末日", "独居"]
    assert {n: r.done for n, r in rows.items()} == {
        "卧床首日": True, "不便次日": False, "八十前一日": False, "困难末日": True, "独居": False}
    assert rows["八十前一日"].reasons == ("80岁",) and rows["困难末日"].reasons == ("困难党员",)
    assert rows["独居"].reasons == ("独居",)
    assert rows["卧床首日"].done_text == "✔ 已慰问 06月15日"
    assert rows["不便次日"].done_text == "✘ 未慰问"
    assert (listed.members, listed.visited, listed.missing) == (5, 2, 3)
    assert "2026年06月15日至07月15日" in listed.rule_text


def test_spring_festival_counts_last_years_register_and_the_window_edges(db, branch_id):
    with db.session() as s:
        poor = member(s, branch_id, "去年困难", "行动自如", birth_date=date(1960, 5, 1))
        s.add(HardshipRecord(member_id=poor, year=2025, situation="医药费负担重"))
        early = member(s, branch_id, "早一天", "卧床")
        visit(s, early, date(2026, 2, 1), purposes=FEST)
        first = member(s, branch_id, "第一天", "卧床")
        visit(s, first, date(2026, 2, 2), purposes=FEST)
        last = member(s, branch_id, "最后一天", "卧床")
        visit(s, last, date(2026, 3, 4), purposes=FEST)
        late = member(s, branch_id, "晚一天", "卧床")
        visit(s, late, date(2026, 3, 5), purposes=FEST)
        listed = festival_lists.festival_list(s, branch_id, "春节", 2026)
        next_year = festival_lists.festival_list(s, branch_id, "春节", 2027)
    assert {r.name: r.done for r in listed.rows} == {
        "去年困难": False, "早一天": False, "第一天": True, "最后一天": True, "晚一天": False}
    # the 2025 register no longer counts for 春节 2027 (only 2027's and 2026's)
    assert "去年困难" not in [r.name for r in next_year.rows]


def test_the_reminder_rounds_count_the_festival_lists(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", "卧床")
        member(s, branch_id, "乙", "行动自如", birth_date=date(1940, 1, 1))  # 86 on 七一
        member(s, branch_id, "丙", "行动自如", birth_date=date(1960, 1, 1))  # not on the list
        visit(s, a, date(2026, 6, 20), purposes=FEST)
        rounds = festival_rounds(s, branch_id, date(2026, 6, 10))
        listed = festival_lists.festival_list(s, branch_id, "七一", 2026)
    assert [(r.name, r.members, r.visited, r.missing) for r in rounds] == [("七一", 2, 1, 1)]
    assert (listed.members, listed.visited) == (2, 1)
    assert "还差 1 人" in rounds[0].text


def test_the_current_festival_is_the_one_under_way_or_the_next():
    assert festival_lists.current_festival(date(2026, 6, 20)).name == "七一"
    assert festival_lists.current_festival(date(2026, 7, 16)).name == "重阳节"
    later = festival_lists.current_festival(date(2026, 11, 20))
    assert (later.name, later.day.year) == ("春节", 2027)


def test_the_ledger_book_gets_the_years_festival_visits_as_rows(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", "卧床")
        visit(s, a, date(2026, 6, 20), purposes=FEST, visitor_name="王振华")
        got = ledger_part.festival_visits_of_year(s, branch_id, 2026)
    assert [(x.festival, x.members, x.visited) for x in got.summaries] == [
        ("春节", 1, 0), ("七一", 1, 1), ("重阳节", 1, 0)]
    assert ("七一", "甲", "卧床", "2026年06月20日", "王振华") in got.rows
    assert ("春节", "甲", "卧床", "未慰问", "") in got.rows


def test_home_shows_a_festival_from_15_days_before_its_window_to_its_end(db, branch_id):
    from app.services.care_calendar.calendar import month_glance

    with db.session() as s:
        a = member(s, branch_id, "甲", "卧床", party_join_date=date(1960, 6, 3))
        member(s, branch_id, "乙", "卧床", birth_date=date(1936, 6, 9))
        glances = {day: month_glance(s, branch_id, day) for day in (
            date(2026, 5, 30), date(2026, 5, 31), date(2026, 6, 16))}
        visit(s, a, date(2026, 6, 20), purposes=FEST)
        glances.update({day: month_glance(s, branch_id, day) for day in (
            date(2026, 7, 15), date(2026, 7, 16))})
    assert glances[date(2026, 5, 30)].festival is None  # 16 days before 15 June
    assert glances[date(2026, 5, 31)].festival.name == "七一"
    assert glances[date(2026, 5, 31)].festival.missing == 2
    assert glances[date(2026, 7, 15)].festival.missing == 1  # the window's last day
    assert glances[date(2026, 7, 16)].festival is None
    june = glances[date(2026, 6, 16)]
    assert (june.party_birthdays, june.marked_birthdays) == (1, 1)  # 甲's 66th, 乙's 90th
