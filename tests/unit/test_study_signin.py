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


def test_a_cancelled_events_sheet_says_so_on_every_page(db, tmp_path):
    with db.session() as s:
        b = Branch(name="城关镇第一党支部")
        s.add(b)
        s.flush()
        s.add_all([Member(branch_id=b.id, name=f"党员{i:03d}", sort_order=i) for i in range(1, 41)])
        s.flush()
        eid = study.create_event(s, b.id, study.EventInput("党课", date(2026, 7, 1)))
        normal = study.print_signin(s, eid, tmp_path / "normal.pdf")
        study.cancel_event(s, eid)
        pages = study.print_signin(s, eid, tmp_path / "cancelled.pdf")
    assert "已取消" not in "".join(p.extract_text()
                                for p in PdfReader(tmp_path / "normal.pdf").pages)
    reader = PdfReader(tmp_path / "cancelled.pdf")
    # by hand: page 1 holds (713.9 − 30 heading − 82 foot) // 31 = 19 rows, a later page
    # (775.9 − 112) // 31 = 21: 40 names fill 2 pages. The status line (22 pt) leaves 18 rows on
    # page 1, so the cancelled sheet needs a third page for its 40th name.
    assert normal == 2 and pages == len(reader.pages) == 3
    assert "党员040" in reader.pages[2].extract_text()
    first = reader.pages[0].extract_text()
    assert "城关镇第一党支部学习活动签到表（已取消）" in first
    assert "状态：本次活动已取消，此表只作存档，不作签到" in first
    assert "城关镇第一党支部学习活动签到表（已取消）（续）" in reader.pages[1].extract_text()
    for page in reader.pages:  # the large grey 已取消 across each page, besides the title
        text = page.extract_text()
        assert text.count("已取消") >= 2 and "本人签名" in text
