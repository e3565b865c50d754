"""The printed 签到表: every member of that day in roster order, header on every page, page
numbers, the font embedded, and nothing half-written on failure."""

from datetime import date

import pytest
from pypdf import PdfReader

from app.errors import InputError
from app.export.signin_pdf import write_signin_pdf
from app.models import Branch, Member, StudyEvent
from app.services import study
from app.services.attendance import SigninSheet
from tests.unit.study_data import build


def embedded_fonts(reader):
    names = []
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                names.append(str(f["/BaseFont"]))
    return names


def test_sheet_lists_the_roster_of_that_day_with_the_event_heading(db, tmp_path):
    with db.session() as s:
        story = build(s)
        e = s.get(StudyEvent, story["events"]["E3"])
        e.place, e.speaker, e.start_time, e.topic = "老干部活动室", "王老师", "09:00", "学习全会精神"
        s.flush()
        pages = study.print_signin(s, story["events"]["E3"], tmp_path / "签到表.pdf")
    assert pages == 1
    reader = PdfReader(tmp_path / "签到表.pdf")
    text = reader.pages[0].extract_text()
    for word in ("测试支部学习活动签到表", "集中学习日", "学习全会精神", "2026-05-05（星期二） 09:00",
                 "老干部活动室", "王老师", "本人签名", "应到 4 人", "第 1 页　共 1 页"):
        assert word in text, word
    names = [n for n in ("张德顺", "王建国", "赵桂兰", "李秀英", "刘振华", "陈玉珍") if n in text]
    assert names == ["张德顺", "王建国", "赵桂兰", "李秀英"]  # died / moved out: not on the sheet
    assert text.index("张德顺") < text.index("王建国") < text.index("李秀英")
    assert "卧床" in text  # the homebound noted so the secretary remembers the door
    assert embedded_fonts(reader) and all("WenQuanYiMicroHei" in n for n in embedded_fonts(reader))


def test_many_members_run_over_pages_with_header_and_numbers(tmp_path):
    members = [(i, f"党员{i:03d}", "") for i in range(1, 121)]
    sheet = SigninSheet("城关镇第一党支部", "党课", "", date(2026, 7, 1), "", "", "", members)
    pages = write_signin_pdf(sheet, tmp_path / "a.pdf")
    reader = PdfReader(tmp_path / "a.pdf")
    assert pages == len(reader.pages) >= 5
    seen = []
    for n, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert "本人签名" in text and f"第 {n} 页　共 {pages} 页" in text
        seen += [i for i in range(1, 121) if f"党员{i:03d}" in text]
    assert seen == list(range(1, 121))  # each once, in order
    assert "应到 120 人" in reader.pages[-1].extract_text()
    assert "（续）" in reader.pages[1].extract_text()


def test_a_long_topic_is_cut_to_the_page(tmp_path):
    sheet = SigninSheet("支部", "党课", "很长的主题" * 40, date(2026, 7, 1), "", "", "",
                        [(1, "张三", "")])
    write_signin_pdf(sheet, tmp_path / "b.pdf")
    assert "…" in PdfReader(tmp_path / "b.pdf").pages[0].extract_text()


def test_saving_into_a_missing_folder_says_so(db, tmp_path):
    with db.session() as s:
        b = Branch(name="支部")
        s.add(b)
        s.flush()
        s.add(Member(branch_id=b.id, name="张三"))
        eid = study.create_event(s, b.id, study.EventInput("党课", date(2026, 7, 1)))
        with pytest.raises(InputError, match="保存位置不存在"):
            study.print_signin(s, eid, tmp_path / "nope" / "c.pdf")
