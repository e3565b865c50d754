"""A meeting's minutes (会议记录): saved and read back, the attendance taken from 登记出勤 and never
typed, refusals that write nothing, and the printed PDF read back as text — the form, the names
by mark, what 送学上门 means, the signature lines and the sign-in sheet after it."""

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Branch, MeetingMinutes, StudyEvent
from app.services import study
from app.services.orglife import minutes as mn
from tests.unit.study_data import build
from tests.unit.test_study_signin import embedded_fonts

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


@pytest.fixture
def story(db):
    with db.session() as s:
        data = build(s)
        s.get(Branch, data["branch"]).secretary = "李秀兰"
        s.get(StudyEvent, data["events"]["E1"]).minutes_text = "学习了全会精神。"
    return data


FORM = mn.MinutesInput(
    start_time="9:30", place="老干部活动室", topic="学习贯彻全会精神", host="李秀兰",
    recorder="王振华", guests="镇党委组织委员 赵明", content="一、传达全会精神。\n二、王建国同志发言。",
    decisions="1. 下月参观红色教育基地。\n2. 重阳节前走访行动不便的党员。")


def test_before_the_first_save_the_secretary_chairs_and_the_old_text_is_the_content(db, story):
    with db.session() as s:
        m = mn.read_minutes(s, story["events"]["E1"])
    assert not m.saved and m.fields.host == "李秀兰" and m.fields.recorder == ""
    assert m.fields.content == "学习了全会精神。"  # typed in the event form before: kept
    a = m.attendees
    assert a.expected == 4 and a.present == ["王建国", "刘振华"] and a.at_home == ["张德顺"]
    assert a.leave == [("赵桂兰", "生病")] and a.absent == [] and a.unmarked == []
    assert a.attended == 3
    assert a.text() == "应到 4 人，出席 2 人，送学上门 1 人，请假 1 人，缺席 0 人"


def test_minutes_saved_are_read_back_and_the_event_takes_time_place_topic(db, story):
    event_id = story["events"]["E1"]
    with db.session() as s:
        mn.save_minutes(s, event_id, FORM)
    with db.session() as s:
        m = mn.read_minutes(s, event_id)
        e = s.get(StudyEvent, event_id)
        assert (e.start_time, e.place, e.topic) == ("09:30", "老干部活动室", "学习贯彻全会精神")
        assert e.minutes_text == FORM.content
    assert m.saved and m.fields.recorder == "王振华" and m.fields.guests == "镇党委组织委员 赵明"
    assert m.fields.decisions.startswith("1. 下月参观")
    with db.session() as s:  # a second save changes the same row
        mn.save_minutes(s, event_id, mn.MinutesInput(**{**FORM.__dict__, "host": "王振华"}))
        assert s.scalar(select(func.count()).select_from(MeetingMinutes)) == 1
        assert mn.read_minutes(s, event_id).fields.host == "王振华"


def test_the_attendance_follows_what_is_recorded_later(db, story):
    event_id = story["events"]["E3"]
    with db.session() as s:
        assert mn.read_minutes(s, event_id).attendees.unmarked == ["张德顺"]
        study.record_attendance(s, event_id, story["members"]["张德顺"], "送学上门")
        a = mn.read_minutes(s, event_id).attendees
    assert a.unmarked == [] and a.at_home == ["张德顺"] and a.absent == ["赵桂兰"]


@pytest.mark.parametrize("change, words", [
    ({"start_time": "25:00"}, "时间"),
    ({"host": "主" * 51}, "主持人：最多 50 个字"),
    ({"topic": "题" * 201}, "主题：最多 200 个字"),
])
def test_a_bad_field_is_refused_and_nothing_is_written(db, story, change, words):
    event_id = story["events"]["E1"]
    with pytest.raises(InputError, match=words):
        with db.session() as s:
            mn.save_minutes(s, event_id, mn.MinutesInput(**{**FORM.__dict__, **change}))
    with db.session() as s:
        e = s.get(StudyEvent, event_id)
        assert e.place == "" and e.minutes_text == "学习了全会精神。"
        assert s.scalar(select(func.count()).select_from(MeetingMinutes)) == 0


def test_a_cancelled_meeting_takes_no_minutes(db, story):
    with db.session() as s:
        study.cancel_event(s, story["events"]["E4"])
    with pytest.raises(InputError, match="已取消"), db.session() as s:
        mn.save_minutes(s, story["events"]["E4"], FORM)


def test_an_unknown_event_is_a_sentence(db, story):
    with pytest.raises(InputError, match="编号 999"), db.session() as s:
        mn.read_minutes(s, 999)


def pdf_text(path) -> tuple[list[str], PdfReader]:
    reader = PdfReader(path)
    return [p.extract_text() for p in reader.pages], reader


def test_the_printed_minutes_hold_the_form_the_names_and_the_sign_in_sheet(db, story, tmp_path):
    event_id = story["events"]["E1"]
    with db.session() as s:
        mn.save_minutes(s, event_id, FORM)
        result = mn.print_minutes(s, event_id, tmp_path / "会议记录.pdf")
    pages, reader = pdf_text(tmp_path / "会议记录.pdf")
    assert (result["pages"], result["signin_pages"]) == (1, 1) and len(pages) == 2
    first = pages[0]
    assert first.startswith("测试支部\n集中学习日会议记录")  # the branch over the title
    for words in ("2026年02月05日（星期四） 09:30", "老干部活动室",
                  "李秀兰", "王振华", "镇党委组织委员 赵明", "学习贯彻全会精神", "传达全会精神",
                  "下月参观红色教育基地", "应到 4 人，实到 3 人（出席 2 人，送学上门 1 人）",
                  "王建国、刘振华", "张德顺", "赵桂兰（生病）", "计为在家参学",
                  "记录人（签字）", "主持人（签字）", "会议记录　第 1 页　共 1 页"):
        assert words in first, words
    assert first.index("送学上门") < first.index("张德顺") < first.index("赵桂兰（生病）")
    assert "学习活动签到表" in pages[1] and "本人签名" in pages[1] and "张德顺" in pages[1]
    fonts = embedded_fonts(reader)
    assert fonts and all("WenQuanYiMicroHei" in f for f in fonts)


def test_long_minutes_run_over_pages_and_lose_no_line(db, story, tmp_path):
    event_id = story["events"]["E2"]
    lines = [f"第{i:03d}条发言：结合自身实际谈了学习体会。" for i in range(1, 121)]
    with db.session() as s:
        mn.save_minutes(s, event_id, mn.MinutesInput(content="\n".join(lines), decisions="无"))
        result = mn.print_minutes(s, event_id, tmp_path / "long.pdf")
    pages, _reader = pdf_text(tmp_path / "long.pdf")
    assert result["pages"] >= 3 and len(pages) == result["pages"] + result["signin_pages"]
    minutes_text = "".join(pages[:result["pages"]])
    assert all(line in minutes_text for line in lines)
    assert "（续）" in pages[1] and f"共 {result['pages']} 页" in pages[1]
    assert "主持人（签字）" in pages[result["pages"] - 1]
    assert "主持人（签字）" not in pages[0]


def test_an_empty_meeting_prints_a_form_to_fill_by_hand_and_a_cancelled_one_says_so(
        db, story, tmp_path):
    event_id = story["events"]["E4"]
    with db.session() as s:
        study.cancel_event(s, event_id)
        mn.print_minutes(s, event_id, tmp_path / "x.pdf")
    pages, _reader = pdf_text(tmp_path / "x.pdf")
    assert "党课会议记录（已取消）" in pages[0] and "此记录只作存档" in pages[0]
    assert "未登记" in pages[0]  # nothing ticked for it: said, not shown as absent
    assert "学习活动签到表（已取消）" in pages[-1]


def test_existing_branches_hold_every_kind_after_the_upgrade(tmp_path):
    from app.runtime import open_database
    from app.services.orglife.kinds import meeting_settings

    shutil.copy(FIXTURES / "0006.sqlite3", tmp_path / "old.sqlite3")
    db = open_database(tmp_path / "old.sqlite3")
    try:
        with db.session() as s:
            branch_id = s.scalar(select(Branch.id))
            settings = meeting_settings(s, branch_id)
            assert s.scalar(select(func.count()).where(StudyEvent.with_appraisal.is_(True))) == 0
    finally:
        db.dispose()
    assert settings.not_held == () and settings.study_day_counts is True
