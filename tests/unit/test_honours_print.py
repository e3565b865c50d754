"""评先评优's print read back as text: the 学习先进推荐表 (老干评优1表) and the honours and contest
entries (老干评优2表), each with 表号, 填报单位, 填报日期 and the signatures; a long year runs onto
more pages with its header repeated; the CJK font embedded; no ID number."""

from datetime import date

import pytest
from pypdf import PdfReader

from app.errors import InputError
from app.models import Branch
from app.services.yearend import contests as con
from app.services.yearend import honours as hon
from app.services.yearend.honours_print import export_honours
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)
ID = "410102194005061234"


@pytest.fixture
def year(db, branch_id):
    with db.session() as s:
        s.get_one(Branch, branch_id).secretary = "李秀兰"
        ids = {n: member(s, branch_id, n, sort_order=i, gender="女" if n == "王芳" else "男",
                         birth_date=date(1940, 5, 6), former_unit=f"县{n[0]}局局长")
               for i, n in enumerate(("张建国", "李明", "王芳"))}
        from app.models import Member
        s.get(Member, ids["王芳"]).id_number = ID
        hon.add_study_model(s, branch_id, 2026, ids["王芳"], "坚持每月集中学习，送学上门十余次",
                            today=TODAY)
        hon.add_study_model(s, branch_id, 2026, ids["李明"], "带头参加知识竞答", today=TODAY)
        hon.recommend(s, branch_id, 2026, ids["王芳"], "学习有恒心", today=TODAY)
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", ids["张建国"], "中共某某县委",
                       date(2026, 6, 28), today=TODAY)
        hon.add_honour(s, branch_id, 2026, "五好支部", "市", None, "市委老干部局", today=TODAY)
        quiz = con.add_contest(s, branch_id, "党史知识竞答", "知识竞答", held_on=date(2026, 7, 18),
                               organiser="市委老干部局", today=TODAY).id
        con.add_entry(s, quiz, ids["李明"], result="三等奖", score="81")
        con.add_entry(s, quiz, ids["王芳"], result="一等奖", score="98.5")
        essay = con.add_contest(s, branch_id, "喜迎国庆征文", "征文", 2026, today=TODAY).id
        con.add_entry(s, essay, ids["张建国"], "我的入党故事", "优秀奖")
    return ids


def pages(path) -> list[str]:
    """Each page's text, the lines of a wrapped cell joined again."""
    return [p.extract_text().replace("\n", "") for p in PdfReader(path).pages]


def test_the_print_holds_both_forms_with_their_heads_and_signatures(db, branch_id, year, tmp_path):
    with db.session() as s:
        result = export_honours(s, branch_id, 2026, tmp_path / "评先评优.pdf", today=TODAY)
    text = pages(tmp_path / "评先评优.pdf")
    assert result["pages"] == len(text) == 2
    assert (result["study_models"], result["recommended"], result["honours"], result["contests"],
            result["entries"]) == (2, "王芳", 4, 2, 3)
    first, second = text
    for words in ("表　号：老干评优1表", "测试支部2026年度学习先进推荐表", "填报单位（盖章）：测试支部",
                  "填报日期：2026年12月01日", "坚持每月集中学习", "县王局局长", "推荐",
                  "本支部推荐王芳参评2026年度市“十佳学习型老干部”", "推荐理由：学习有恒心",
                  "填表人：李秀兰", "审核人", "单位负责人", "第 1 页　共 2 页"):
        assert words in first, words
    for words in ("表　号：老干评优2表", "受表彰情况（4 项）", "五好支部", "市级", "中共某某县委",
                  "2026年06月28日", "事迹见学习先进推荐表", "参加竞赛活动情况（2 项，3 人次）",
                  "党史知识竞答（知识竞答，2026年07月18日，市委老干部局）", "98.5", "我的入党故事",
                  "填表人：李秀兰", "第 2 页　共 2 页"):
        assert words in second, words
    assert second.index("98.5") < second.index("81")  # a quiz's best score first
    assert "86" in first and ID not in "".join(text) and "1234" not in "".join(text)


def test_the_font_is_embedded(db, branch_id, year, tmp_path):
    with db.session() as s:
        export_honours(s, branch_id, 2026, tmp_path / "x.pdf", today=TODAY)
    names = set()
    for page in PdfReader(tmp_path / "x.pdf").pages:
        for f in page["/Resources"]["/Font"].values():
            desc = f.get_object().get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                names.add(str(f.get_object()["/BaseFont"]))
    assert names and all("WenQuanYiMicroHei" in n for n in names)


def test_a_long_year_runs_onto_more_pages_with_the_header_again(db, branch_id, tmp_path):
    with db.session() as s:
        essay = con.add_contest(s, branch_id, "征文", "征文", 2026, today=TODAY).id
        for i in range(60):
            mid = member(s, branch_id, f"党员{i:02d}", sort_order=i)
            con.add_entry(s, essay, mid, f"题目{i:02d}", "参与")
        result = export_honours(s, branch_id, 2026, tmp_path / "长.pdf", today=TODAY)
    text = pages(tmp_path / "长.pdf")
    assert result["pages"] == len(text) >= 4
    assert "1. 征文（续）" in text[-1] and "作品或演讲题目" in text[-1]
    assert "题目59" in text[-1] and "填表人" in text[-1]
    assert all(f"共 {len(text)} 页" in t for t in text)


def test_an_empty_year_still_prints_both_forms_saying_so(db, branch_id, tmp_path):
    with db.session() as s:
        export_honours(s, branch_id, 2025, tmp_path / "空.pdf", today=TODAY)
    text = "".join(pages(tmp_path / "空.pdf"))
    assert "2025年度还没有评选学习先进" in text and "没有推荐党员参评" in text
    assert "2025年度没有登记受表彰情况" in text and "2025年度没有登记竞赛活动" in text


def test_only_a_pdf_is_written(db, branch_id, tmp_path):
    with pytest.raises(InputError, match="保存为 .pdf"), db.session() as s:
        export_honours(s, branch_id, 2026, tmp_path / "x.xlsx", today=TODAY)
    assert not (tmp_path / "x.xlsx").exists()
