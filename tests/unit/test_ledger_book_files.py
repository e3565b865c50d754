"""The ledger book written out and read back: the PDF as text (every part's heading, contents
page numbers that match the pages the parts start on, 第 N 页 共 M 页 on every page, a long
table's header repeated, no full ID number), the workbook (封面, 目录, a sheet per part, a
value from each), and `zhibu ledger-book` / `zhibu year-notes` through app.cli.run."""

import json
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app.cli import run
from app.errors import InputError
from app.models import Member
from app.runtime import open_database
from app.services.yearend.ledger_book import export_ledger_book
from tests.unit.ledger_book_data import FULL_ID, TODAY, YEAR, build_year

HEADINGS = ["一、党支部基本情况", "二、党员基本情况", "三、主题党日及组织生活情况", "四、党费缴纳情况",
            "五、党员和党支部受奖惩情况", "六、党员发挥作用情况", "七、服务群众及关怀帮扶情况",
            "八、谈心谈话情况", "九、综合材料"]
ID18 = re.compile(r"\d{17}[\dXx]")


def _fill(db, branch_id) -> None:
    """The hand-built year, and enough members (with ID numbers) for the roster to run on."""
    build_year(db, branch_id)
    with db.session() as s:
        for i in range(70):
            s.add(Member(branch_id=branch_id, name=f"党员{i:02d}", sort_order=10 + i,
                         id_number=f"41010219400506{i:04d}", party_join_date=date(1970, 1, 1)))


@pytest.fixture
def pdf(db, branch_id, tmp_path):
    _fill(db, branch_id)
    path = tmp_path / "台账.pdf"
    with db.session() as s:
        result = export_ledger_book(s, branch_id, YEAR, path, today=TODAY)
    return result, [p.extract_text() for p in PdfReader(path).pages]


def test_the_pdf_has_a_cover_contents_and_every_part(pdf):
    result, pages = pdf
    assert "支部工作台账" in pages[0] and "城关支部" in pages[0] and "2026年01月10日" in pages[0]
    assert "目" in pages[1] and result["pages"] == len(pages)
    text = "".join(pages[2:])
    assert all(h in text for h in HEADINGS)


def test_the_contents_page_numbers_are_the_pages_the_parts_start_on(pdf):
    result, pages = pdf
    listed = {h: int(re.search(re.escape(h) + r"[·.\s]*(\d+)", pages[1]).group(1))
              for h in HEADINGS}
    for heading, number in listed.items():
        first = next(i for i, page in enumerate(pages[2:], start=3) if heading in page)
        assert first == number, heading
    assert [p["page"] for p in result["parts"]] == list(listed.values())
    assert len(set(listed.values())) == 9  # each part on its own page


def test_every_page_is_numbered_and_long_tables_repeat_their_header(pdf):
    _result, pages = pdf
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        assert re.search(rf"第\s*{n}\s*页\s*共\s*{total}\s*页", page), n
    continued = [p for p in pages if "党员名册" in p and "（续）" in p]
    assert continued and all("身份证号" in p for p in continued)


def test_no_full_id_number_is_printed(pdf):
    _result, pages = pdf
    text = "".join(pages)
    assert not ID18.search(text.replace("\n", "").replace(" ", ""))
    assert "4101**********1234" in text.replace("\n", "")
    assert FULL_ID not in text


def test_the_workbook_has_a_sheet_per_part_with_its_values(db, branch_id, tmp_path):
    _fill(db, branch_id)
    path = tmp_path / "台账.xlsx"
    with db.session() as s:
        export_ledger_book(s, branch_id, YEAR, path, today=TODAY)
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["封面", "目录", *HEADINGS]
    values = {name: {str(v) for row in book[name].iter_rows(values_only=True) for v in row
                     if v is not None} for name in book.sheetnames}
    assert "城关支部" in values["封面"] and HEADINGS[8] in values["目录"]
    expected = ["老干部活动室", "钱新来", "学习二十大精神", "45.00", "优秀共产党员", "增设老年食堂",
                "想要大字版读本", "多组织参观", "全年每月集中学习一次。"]
    for heading, value in zip(HEADINGS, expected):
        assert value in values[heading], heading
    links = [c.hyperlink.location for c in load_workbook(path)["目录"]["C"] if c.hyperlink]
    assert links == [f"'{h}'!A1" for h in HEADINGS]  # each row opens its part's sheet
    everything = "".join(v for cells in values.values() for v in cells)
    assert FULL_ID not in everything and not ID18.search(everything)


def test_a_long_summary_is_kept_whole_in_the_workbook(db, branch_id, tmp_path):
    from app.services.yearend.year_notes import save_year_notes

    build_year(db, branch_id)
    summary = "".join(f"第{i}句总结内容。" for i in range(900))  # one paragraph, 8,000 字
    with db.session() as s:
        save_year_notes(s, branch_id, YEAR, summary=summary, today=TODAY)
        export_ledger_book(s, branch_id, YEAR, tmp_path / "b.xlsx", today=TODAY)
    sheet = load_workbook(tmp_path / "b.xlsx")[HEADINGS[8]]
    rows = [r for r in sheet.iter_rows(values_only=True) if r[0] and "总结内容" in str(r[0])]
    assert len(rows) > 1 and "".join(r[0] for r in rows) == summary
    assert all(sheet.row_dimensions[i].height is None or sheet.row_dimensions[i].height <= 409
               for i in range(1, sheet.max_row + 1))


def test_other_file_kinds_are_refused(db, branch_id, tmp_path):
    with db.session() as s, pytest.raises(InputError, match=r"\.pdf 或 \.xlsx"):
        export_ledger_book(s, branch_id, YEAR, tmp_path / "台账.docx", today=TODAY)


# the command line -----------------------------------------------------------------------------
@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "b.sqlite3"
    db = open_database(path)
    with db.session() as s:
        from app.services.roster import ensure_branch

        branch_id = ensure_branch(s, "城关支部").id
    build_year(db, branch_id)
    db.dispose()
    return str(path)


def test_cli_writes_the_book_as_pdf_and_xlsx(dbfile, tmp_path, capsys):
    out = tmp_path / "台账.pdf"
    assert run(["--db", dbfile, "ledger-book", "--year", str(YEAR), "-o", str(out), "--json",
                "--unit", "城关镇老干部服务站"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["pages"] == len(PdfReader(out).pages) and len(said["parts"]) == 9
    assert "城关镇老干部服务站" in PdfReader(out).pages[0].extract_text()
    xlsx = tmp_path / "台账.xlsx"
    assert run(["--db", dbfile, "ledger-book", "--year", str(YEAR), "-o", str(xlsx)]) == 0
    assert "已生成城关支部" in capsys.readouterr().out and xlsx.exists()


def test_cli_refuses_a_wrong_file_or_year_with_exit_2(dbfile, tmp_path, capsys):
    assert run(["--db", dbfile, "ledger-book", "--year", str(YEAR), "-o",
                str(tmp_path / "a.txt")]) == 2
    assert ".pdf 或 .xlsx" in capsys.readouterr().err
    assert run(["--db", dbfile, "ledger-book", "--year", str(date.today().year + 1), "-o",
                str(tmp_path / "a.pdf")]) == 2
    assert not (tmp_path / "a.pdf").exists()


def test_cli_year_notes_sets_and_shows_the_plan_and_summary(dbfile, tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("一、学习。\n二、走访。", encoding="utf-8")
    assert run(["--db", dbfile, "year-notes", "--year", "2026", "--plan-file", str(plan),
                "--summary", "全年完成。"]) == 0
    assert "已保存2026年度工作计划、工作总结" in capsys.readouterr().out
    assert run(["--db", dbfile, "year-notes", "--year", "2026", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"year": 2026, "plan": "一、学习。\n二、走访。",
                                                   "summary": "全年完成。"}
    assert run(["--db", dbfile, "year-notes", "--year", "2026", "--plan", "x",
                "--plan-file", str(plan)]) == 2
