"""The appraisal's prints read back as text: the ballot (测评票) with a row and four boxes per
full member, the tally sheet (统计表) with the votes, totals, grades and signature lines, both
on several A4 pages with the heading repeated and 第 N 页 共 M 页 on each."""

import re

import pytest
from pypdf import PdfReader

from app.errors import InputError
from app.services.orglife import appraisal, appraisal_print, appraisal_votes
from tests.unit.appraisal_data import HELD, YEAR, branch_with_members, started


def _pages(path) -> list[str]:
    """Each page's text, any run of white space (new lines, 　) as one space."""
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(path)).pages]


@pytest.fixture
def ids(db, branch_id):
    return branch_with_members(db, branch_id)


def test_the_ballot_lists_every_full_member_with_four_boxes(db, branch_id, ids, tmp_path):
    started(db, branch_id, ids)
    with db.session() as s:
        result = appraisal_print.print_ballots(s, branch_id, YEAR, tmp_path / "票.pdf")
    assert (result["members"], result["pages"]) == (7, 1)
    [text] = _pages(tmp_path / "票.pdf")
    assert "测试支部2026年度民主评议党员测评票" in text and "表1" in text
    for word in ("优秀", "合格", "基本合格", "不合格", "存在问题", "说明"):
        assert word in text
    for name in ("张建国", "李明", "王芳", "赵德明", "钱学文", "孙立平", "周桂兰"):
        assert name in text
    for name in ("吴预备", "郑卧床", "冯群众"):  # 预备, excused, no party member: not on it
        assert name not in text
    assert "本次参评正式党员 7 人" in text and "最多选2人" in text.replace(" ", "")  # wrapped
    assert "预备党员参加评议，不评定等次" in text
    assert "评议日期：2026年12月10日" in text and "第 1 页 共 1 页" in text
    page = PdfReader(str(tmp_path / "票.pdf")).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_a_long_ballot_runs_over_pages_with_the_heading_again(db, branch_id, tmp_path):
    full = tuple(f"党员{n:02d}" for n in range(1, 61))
    ids = branch_with_members(db, branch_id, full=full)
    started(db, branch_id, ids)
    with db.session() as s:
        result = appraisal_print.print_ballots(s, branch_id, YEAR, tmp_path / "票.pdf")
    pages = _pages(tmp_path / "票.pdf")
    assert result["pages"] == len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {len(pages)} 页" in text
        assert "存在问题" in text  # the column headings on every page
        if n > 1:
            assert "民主评议党员测评票（续）" in text
    every = "".join(pages)
    assert all(every.count(name) == 1 for name in full)
    assert "评议日期" in pages[-1] and "评议日期" not in pages[0]


def test_the_tally_sheet_has_votes_totals_grades_and_signatures(db, branch_id, ids, tmp_path):
    started(db, branch_id, ids, returned=8)
    with db.session() as s:
        appraisal_votes.record_votes(s, branch_id, YEAR, ids["张建国"], {"优秀": 6, "合格": 2})
        appraisal_votes.record_votes(s, branch_id, YEAR, ids["李明"], {"合格": 5, "不合格": 3})
        appraisal_votes.set_grade(s, branch_id, YEAR, ids["张建国"], "优秀")
        appraisal_votes.set_grade(s, branch_id, YEAR, ids["李明"], "不合格")
        result = appraisal_print.print_tally(s, branch_id, YEAR, tmp_path / "统计.pdf")
    [text] = _pages(tmp_path / "统计.pdf")
    assert result["pages"] == 1
    assert "测试支部2026年度民主评议党员测评统计表" in text and "表2" in text
    assert "发出选票 9 张，收回 8 张" in text and "参评正式党员 7 人" in text
    assert "1 张建国 6 2 0 0 8 优秀" in text
    assert "2 李明 0 5 0 3 8 不合格" in text
    assert "合计 6 7 0 3 16" in text  # the counted members' columns summed
    assert "优秀 1 人，合格 0 人，基本合格 0 人，不合格 1 人；尚未评定 5 人" in text
    assert "预备党员（参加评议，不评定等次）：吴预备" in text
    assert "未参加评议：郑卧床（长期卧床，经支部委员会同意）" in text
    assert "计票人（签字）" in text and "监票人（签字）" in text
    assert "第 1 页 共 1 页" in text


def test_a_long_tally_sheet_repeats_its_heading_and_ends_on_the_last_page(db, branch_id, tmp_path):
    full = tuple(f"党员{n:02d}" for n in range(1, 81))
    ids = branch_with_members(db, branch_id, full=full)
    started(db, branch_id, ids)
    with db.session() as s:
        appraisal_print.print_tally(s, branch_id, YEAR, tmp_path / "统计.pdf")
    pages = _pages(tmp_path / "统计.pdf")
    assert len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        assert f"第 {n} 页 共 {len(pages)} 页" in text and "得票数" in text
    assert "计票人" in pages[-1] and all("计票人" not in p for p in pages[:-1])
    assert "评定结果：（支部委员会评定后填写）" in pages[-1]
    assert all("".join(pages).count(name) == 1 for name in full)


def test_prints_before_the_start_or_to_a_wrong_file_are_refused(db, branch_id, ids, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with db.session() as s, pytest.raises(InputError, match="还没有开始"):
        appraisal_print.print_ballots(s, branch_id, YEAR, out / "票.pdf")
    with db.session() as s:
        appraisal.start_appraisal(s, branch_id, YEAR, HELD)
    with db.session() as s, pytest.raises(InputError, match=".pdf"):
        appraisal_print.print_tally(s, branch_id, YEAR, out / "统计.xlsx")
    assert list(out.iterdir()) == []
