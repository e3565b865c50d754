"""The ledger book's nine parts as data, on a hand-built year (tests/unit/ledger_book_data.py):
each part shows what the program recorded in its area — and leaves out what does not belong
to the year (a cancelled meeting, a member who left the year before, a full ID number)."""

from datetime import date

import pytest

from app.errors import InputError
from app.export.ledger_book_data import Facts, Passage, Table
from app.services.yearend.ledger_book import build_ledger_book
from app.services.yearend.year_notes import save_year_notes, year_notes
from tests.unit.ledger_book_data import FULL_ID, TODAY, YEAR, build_year


@pytest.fixture
def book(db, branch_id):
    build_year(db, branch_id)
    with db.session() as s:
        return build_ledger_book(s, branch_id, YEAR, today=TODAY)


def block(book, number: int, caption: str):
    """The block of part `number` whose caption contains `caption`."""
    found = [b for b in book.parts[number - 1].blocks if caption in b.caption]
    assert found, [b.caption for b in book.parts[number - 1].blocks]
    return found[0]


def column(table: Table, header: str) -> list[str]:
    i = table.headers.index(header)
    return [r[i] for r in table.rows]


def test_the_book_has_the_nine_parts_in_order(book):
    assert [p.heading for p in book.parts] == [
        "一、党支部基本情况", "二、党员基本情况", "三、主题党日及组织生活情况", "四、党费缴纳情况",
        "五、党员和党支部受奖惩情况", "六、党员发挥作用情况", "七、服务群众及关怀帮扶情况",
        "八、谈心谈话情况", "九、综合材料"]
    assert (book.branch, book.year, book.unit, book.maker) == ("城关支部", 2025, "城关支部", "李秀兰")


def test_part_1_the_branch_its_room_committee_and_members_by_kind(book):
    facts = dict(block(book, 1, "支部概况").lines)
    assert facts["学习活动室"] == "老干部活动室" and facts["学习点"] == "北关村、东街社区"
    assert facts["所属乡镇（街道）"] == "城关镇"
    committee = block(book, 1, "支部委员会")
    assert committee.rows[0][:2] == ("书记", "李秀兰") and committee.rows[0][-1] == "2027年03月01日"
    counts = dict(block(book, 1, "党员构成").lines)
    assert counts["在册人数"] == "4 人，其中党员 4 人"  # 赵去世 and 孙转出 had left by 12-31
    assert counts["正式党员 / 预备党员"] == "3 人 / 1 人"
    assert counts["离休 / 退休"] == "1 人 / 3 人"
    assert counts["80岁及以上"] == "1 人"  # 张建国, born 1940


def test_part_2_the_roster_at_year_end_masked_and_the_changes(book):
    roster = block(book, 2, "党员名册")
    assert column(roster, "姓名") == ["张建国", "李秀兰", "王芳", "钱新来"]
    assert "4101**********1234" in column(roster, "身份证号")
    assert not any(FULL_ID in v for r in roster.rows for v in r)
    changes = block(book, 2, "变动")
    assert [(r[1], r[2], r[3]) for r in changes.rows] == [
        ("钱新来", "新增", "2025年04月01日"), ("赵去世", "去世", "2025年05月03日")]


def test_part_3_meetings_held_their_attendance_minutes_and_the_frequency(book):
    meetings = block(book, 3, "学习活动")
    assert len(meetings.rows) == 1  # the cancelled 支委会 is not a meeting held
    row = dict(zip(meetings.headers, meetings.rows[0]))
    assert (row["日期"], row["类别"], row["主题"]) == ("2025年03月05日", "主题党日", "学习二十大精神")
    # 实到 counts 赵去世, who studied at home that day (送学上门)
    assert (row["应到"], row["实到"], row["请假"], row["记录"]) == ("4", "3", "1", "有")
    minutes = [b for b in book.parts[2].blocks if isinstance(b, Passage) and "主题党日" in b.caption]
    assert "张建国领学报告全文" in minutes[0].text and "主持人：李秀兰" in minutes[0].text
    assert "每月送学上门一次" in minutes[0].text
    frequency = {r[0]: r for r in block(book, 3, "次数核对").rows}
    assert frequency["主题党日"][3] == "1 次" and "2月" in frequency["主题党日"][4]


def test_part_4_the_dues_ledger_by_quarter_with_the_total(book):
    dues = block(book, 4, "党费收缴登记表")
    rows = {r[1]: dict(zip(dues.headers, r)) for r in dues.rows}
    assert rows["张建国"]["一季度"] == "45.00" and rows["张建国"]["缴费基数"] == "3000.00"
    assert rows["合计"]["全年实交"] == "45.00"


def test_part_5_honours_and_a_note_on_discipline(book):
    honours = block(book, 5, "受表彰")
    assert honours.rows[0][1:4] == ("张建国", "优秀共产党员", "县级")
    assert block(book, 5, "参加竞赛").rows == []


def test_part_6_suggestions_pairs_volunteers_and_lectures(book):
    assert column(block(book, 6, "建言献策"), "建议内容") == ["增设老年食堂"]
    pair = block(book, 6, "老老结对").rows[0]
    assert pair[1:3] == ("李秀兰", "张建国") and pair[-1] == "1 次"  # her visit in September
    assert column(block(book, 6, "志愿服务"), "姓名") == ["王助老"]
    lectures = block(book, 6, "讲党课")
    assert lectures.rows[0][2:] == ("张建国", "主题党日", "学习二十大精神")


def test_part_7_visits_study_taken_home_and_hardship(book):
    facts = dict(block(book, 7, "全年概况").lines)
    assert facts["上门走访"] == "1 次，走访 1 人"
    assert facts["送学上门"] == "走访中送学上门 1 次；学习活动中送学上门 1 人次"
    visits = block(book, 7, "走访记录")
    visit = dict(zip(visits.headers, visits.rows[0]))
    assert visit["走访对象"] == "张建国" and visit["诉求"] == "想要大字版读本"
    assert column(block(book, 7, "困难党员"), "困难状况及原因") == ["患病住院"]


def test_part_8_talks_and_who_was_not_talked_with(book):
    talks = block(book, 8, "谈心谈话记录")
    assert talks.rows[0][2:5] == ("李秀兰", "王芳", "当面")
    coverage = dict(block(book, 8, "覆盖情况").lines)
    assert coverage["已谈心谈话"].startswith("1 人")
    assert "张建国" in coverage["尚未谈话"] and "王芳" not in coverage["尚未谈话"]


def test_part_9_plan_summary_appraisal_and_rectification(book):
    assert block(book, 9, "工作计划").text == "全年每月集中学习一次。"
    assert block(book, 9, "工作总结").text == "全年开展主题党日十二次。"
    appraisal = dict(next(b for b in book.parts[8].blocks if isinstance(b, Facts)).lines)
    assert appraisal["评议日期"] == "2025年12月20日" and "预备党员 1 人" in appraisal["参加评议"]
    rectify = block(book, 9, "整改清单")
    assert rectify.rows[0][2:5] == ("学习形式单一", "增加参观学习", "李秀兰")


def test_a_year_not_begun_is_refused(db, branch_id):
    with db.session() as s, pytest.raises(InputError, match="还没有开始"):
        build_ledger_book(s, branch_id, 2027, today=date(2026, 12, 1))


def test_an_empty_year_says_so_in_every_table(db, branch_id):
    with db.session() as s:
        book = build_ledger_book(s, branch_id, 2024, today=date(2026, 12, 1))
    tables = [b for p in book.parts for b in p.blocks if isinstance(b, Table)]
    assert all(t.empty for t in tables if not t.rows)
    assert "还没有填写" in block(book, 9, "工作计划").text


def test_year_notes_are_saved_kept_apart_by_year_and_checked(db, branch_id):
    with db.session() as s:
        save_year_notes(s, branch_id, 2026, plan="  计划  ", today=date(2026, 12, 1))
        save_year_notes(s, branch_id, 2026, summary="总结", today=date(2026, 12, 1))
        assert year_notes(s, branch_id, 2026).plan == "计划"  # the summary left the plan alone
        assert year_notes(s, branch_id, 2026).summary == "总结"
        assert year_notes(s, branch_id, 2025).plan == ""
        with pytest.raises(InputError, match="最多"):
            save_year_notes(s, branch_id, 2026, plan="字" * 20001, today=date(2026, 12, 1))
        with pytest.raises(InputError, match="年度"):
            save_year_notes(s, branch_id, 1999, plan="x", today=date(2026, 12, 1))
