"""The visit checklist's order and completeness (spec/visit-checklist.md): the member pages follow
the route sheet exactly; villages by pinyin or by the branch's own route order; addresses with
numbers as numbers; a long route sheet repeats its heading and village and says 第 N 页 共 M 页;
members who died or left are never printed but named. Every check reads the PDF back."""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from app.cli import run
from app.errors import InputError
from app.models import Branch, Handout, Material
from app.services import care, route_order
from tests.unit.care_data import member

TODAY = date(2026, 12, 1)


def pages_text(path):
    return [p.extract_text() for p in PdfReader(path).pages]


def route_rows(texts) -> list[tuple[int, str]]:
    """(序号, name) of every member line of the route sheet pages, top to bottom."""
    rows = []
    for text in texts:
        if "走访路线单" not in text:
            break
        rows += [(int(n), name) for n, name in re.findall(r"^(\d+) (\S+)", text, re.M)]
    return rows


def member_pages(texts) -> list[tuple[int, str, str]]:
    """(路线单第 N 人, village, name) of every member page, in page order."""
    found = []
    for text in texts:
        head = re.search(r"路线单第 (\d+) 人（(.+?)）", text)
        if head:
            name = re.search(r"姓名 (\S+)", text).group(1)
            found.append((int(head.group(1)), head.group(2), name))
    return found


def add_handout(s, branch_id, member_id, title, period="2026年第11期"):
    m = Material(branch_id=branch_id, title=title, kind="期刊", period=period)
    s.add(m)
    s.flush()
    s.add(Handout(material_id=m.id, member_id=member_id, issued_date=TODAY, method="送学上门",
                  status="待送达"))


# the sort keys on their own ------------------------------------------------------------------
def test_groups_sort_as_numbers_not_as_text():
    people = [SimpleNamespace(member_id=i, name=f"甲{i}", community="北岗村", address=a)
              for i, a in enumerate(["北岗村10组", "北岗村1组", "北岗村9组", "北岗村2组",
                                     "北岗村三组", "", "北岗村十一组"])]
    ordered = [p.address for p in route_order.sort_for_route(people, [])]
    # 1, 2, 三 = 3, 9, 10, 十一 = 11; no address last
    assert ordered == ["北岗村1组", "北岗村2组", "北岗村三组", "北岗村9组", "北岗村10组",
                       "北岗村十一组", ""]


def test_villages_by_pinyin_then_the_secretarys_order_first():
    villages = ["河湾村", "新华社区", "（未填村/社区）", "东关社区", "长青村", "北岗村"]
    people = [SimpleNamespace(member_id=i, name="某", community=v, address="")
              for i, v in enumerate(villages)]
    by_pinyin = [p.community for p in route_order.sort_for_route(people, [])]
    # bei, chang (长 as in 长青), dong, he, xin; no village last
    assert by_pinyin == ["北岗村", "长青村", "东关社区", "河湾村", "新华社区", "（未填村/社区）"]
    mine = [p.community for p in route_order.sort_for_route(people, ["新华社区", "河湾村"])]
    assert mine == ["新华社区", "河湾村", "北岗村", "长青村", "东关社区", "（未填村/社区）"]


# the PDF -----------------------------------------------------------------------------------
@pytest.fixture
def scattered(db, branch_id):
    """Nine members of three villages, entered (and asked for) in no useful order."""
    people = [("周一", "河湾村", "河湾村10组"), ("吴二", "北岗村", "北岗村2组"),
              ("郑三", "东关社区", "建设路8号"), ("王四", "北岗村", "北岗村10组"),
              ("冯五", "河湾村", "河湾村1组"), ("陈六", "东关社区", "建设路12号"),
              ("褚七", "北岗村", "北岗村1组"), ("卫八", "河湾村", "河湾村9组"),
              ("蒋九", "东关社区", "光明街3号")]
    with db.session() as s:
        ids = {name: member(s, branch_id, name, community=village, address=address,
                            sort_order=i)
               for i, (name, village, address) in enumerate(people)}
    return ids


def test_member_pages_follow_the_route_sheet_exactly(db, scattered, tmp_path):
    out = tmp_path / "round.pdf"
    asked = [scattered[n] for n in ("卫八", "郑三", "王四", "周一", "蒋九", "吴二", "冯五", "陈六",
                                    "褚七")]
    with db.session() as s:
        result = care.print_visits(s, asked, out, TODAY)
    texts = pages_text(out)
    # by hand: 北岗村 (bei) 1组 2组 10组, 东关社区 (dong) 光明街 (guang) before 建设路 (jian),
    # 8号 before 12号, then 河湾村 (he) 1组 9组 10组
    expected = ["褚七", "吴二", "王四", "蒋九", "郑三", "陈六", "冯五", "卫八", "周一"]
    assert route_rows(texts) == list(enumerate(expected, 1))
    villages = ["北岗村"] * 3 + ["东关社区"] * 3 + ["河湾村"] * 3
    assert member_pages(texts) == [(n, v, name) for n, (v, name)
                                   in enumerate(zip(villages, expected), 1)]
    assert result["pages"] == len(texts) == 1 + 9


def test_the_secretarys_route_order_is_kept_for_the_branch(db, branch_id, scattered, tmp_path):
    with db.session() as s:
        assert route_order.set_route_order(s, branch_id, ["河湾村", "东关社区"]) == [
            "河湾村", "东关社区", "北岗村"]  # 北岗村 not listed: after them
    with db.session() as s:
        assert route_order.stored_order(s, [branch_id]) == ["河湾村", "东关社区"]
        care.print_visits(s, list(scattered.values()), tmp_path / "r.pdf", TODAY)
    texts = pages_text(tmp_path / "r.pdf")
    route = texts[0]
    assert route.index("河湾村（3 人）") < route.index("东关社区（3 人）") \
        < route.index("北岗村（3 人）")
    assert [name for _n, name in route_rows(texts)] == [
        "冯五", "卫八", "周一", "蒋九", "郑三", "陈六", "褚七", "吴二", "王四"]
    assert [p[2] for p in member_pages(texts)] == [name for _n, name in route_rows(texts)]


def test_a_route_order_with_an_unknown_or_repeated_village_is_refused(db, branch_id, scattered):
    with db.session() as s:
        with pytest.raises(InputError,
                           match="花名册上没有“河湾”这个村（社区）。现有：北岗村、东关社区、河湾村"):
            route_order.set_route_order(s, branch_id, ["河湾"])
        with pytest.raises(InputError, match="“北岗村”写了不止一次"):
            route_order.set_route_order(s, branch_id, ["北岗村", "河湾村", "北岗村"])
        route_order.set_route_order(s, branch_id, ["河湾村"])
        route_order.set_route_order(s, branch_id, [])  # back to pinyin
        assert route_order.stored_order(s, [branch_id]) == []
        assert route_order.route_order(s, branch_id) == ["北岗村", "东关社区", "河湾村"]


def test_a_long_route_sheet_repeats_heading_and_village_and_counts_pages(db, branch_id, tmp_path):
    # 60 in 北岗村 (groups 1–60, entered backwards) and 10 in 河湾村, one line each.
    # By hand: page 1 holds 26 rows (732.9 pt table top − 24 heading − 24 band − 42 margin =
    # 642.9 pt / 24 pt a row), a later page 28 (777.9 − 24 − 24 (续) − 42 = 687.9 / 24); so
    # 北岗村 1–26, 27–54, 55–60 and then 河湾村 on page 3: 3 route pages + 70 = 73 pages.
    with db.session() as s:
        ids = [member(s, branch_id, f"北{k:02d}", community="北岗村", address=f"北岗村{k}组")
               for k in range(60, 0, -1)]
        ids += [member(s, branch_id, f"河{k:02d}", community="河湾村", address=f"河湾村{k}组")
                for k in range(1, 11)]
        result = care.print_visits(s, ids, tmp_path / "long.pdf", TODAY)
    texts = pages_text(tmp_path / "long.pdf")
    assert result["pages"] == len(texts) == 73
    for n, text in enumerate(texts, 1):
        assert re.search(rf"第 {n} 页\s*共 73 页", text), n
    numbers = [[int(x) for x in re.findall(r"^(\d+) ", t, re.M)] for t in texts[:3]]
    assert numbers == [list(range(1, 27)), list(range(27, 55)), list(range(55, 71))]
    first, second, third = texts[:3]
    assert "走访路线单（续）" not in first and "■ 北岗村（60 人）" in first
    for page in (second, third):  # the title, the column heading again, the village (续)
        assert page.splitlines()[:3] == ["走访路线单（续）　测试支部",
                                         "序号 姓名 住址 电话 身体 上次走访 需带去",
                                         "■ 北岗村（续）"]
    assert "■ 河湾村（10 人）" in third and "河湾村（续）" not in third
    # row 28 is 北岗村28组: groups counted as numbers across the page break
    assert re.search(r"^28 北28 北岗村28组", second, re.M)
    assert member_pages(texts)[27] == (28, "北岗村", "北28")
    assert member_pages(texts)[60] == (61, "河湾村", "河01")


def test_members_who_died_or_left_are_named_and_not_printed(db, branch_id, tmp_path):
    with db.session() as s:
        here = member(s, branch_id, "张德顺", community="河湾村")
        dead = member(s, branch_id, "李秀英", community="河湾村", status="去世",
                      status_date=date(2026, 10, 1))
        gone = member(s, branch_id, "赵桂兰", community="东关社区", status="转出",
                      status_date=date(2026, 9, 30))
        away = member(s, branch_id, "钱文", community="东关社区", status="暂离",
                      status_date=date(2026, 11, 2))
        result = care.print_visits(s, [dead, here, gone, away], tmp_path / "a.pdf", TODAY)
    text = "".join(pages_text(tmp_path / "a.pdf"))
    assert result["members"] == 2 and result["pages"] == 3  # route sheet + 张德顺 + 钱文 (暂离)
    assert result["left_out"] == ["李秀英已去世（2026-10-01）", "赵桂兰已转出（2026-09-30）"]
    assert "李秀英" not in text and "赵桂兰" not in text and "张德顺" in text
    with db.session() as s:
        with pytest.raises(InputError, match="没有要打印的党员：李秀英已去世（2026-10-01）"):
            care.print_visits(s, [dead], tmp_path / "b.pdf", TODAY)
    assert not (tmp_path / "b.pdf").exists()


def test_the_command_says_who_was_left_out_and_prints_the_others(db, branch_id, tmp_path,
                                                                 capsys):
    with db.session() as s:
        member(s, branch_id, "张德顺", community="河湾村")
        member(s, branch_id, "李秀英", community="河湾村", status="去世",
               status_date=date(2026, 10, 1))
    path, out = str(db.path), tmp_path / "a.pdf"
    assert run(["--db", path, "print-visits", "--member", "张德顺", "--member", "李秀英",
                "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "（1 人，共 2 页）" in said
    assert "没有打印：李秀英已去世（2026-10-01）（去世、转出的党员不再走访）。" in said
    assert "李秀英" not in "".join(pages_text(out))
    assert run(["--db", path, "print-visits", "--member", "李秀英", "-o",
                str(tmp_path / "b.pdf")]) == 2
    assert "李秀英已去世" in capsys.readouterr().err and not (tmp_path / "b.pdf").exists()


def test_nothing_to_bring_is_a_dash_and_titles_are_never_broken(db, branch_id, tmp_path):
    with db.session() as s:
        a = member(s, branch_id, "张德顺", community="河湾村", address="河湾村1组")
        member_b = member(s, branch_id, "王建国", community="河湾村", address="河湾村2组")
        for title in ("银潮", "新保健", "郑州日报"):
            add_handout(s, branch_id, a, title)
        add_handout(s, branch_id, member_b, "郑州日报")
        add_handout(s, branch_id, member_b, "郑州日报", "2026年第12期")
        c = member(s, branch_id, "李秀英", community="河湾村", address="河湾村3组")
        care.print_visits(s, [a, member_b, c], tmp_path / "t.pdf", TODAY)
    route = pages_text(tmp_path / "t.pdf")[0]
    # the 需带去 cell holds 92.3 pt at 12 pt; by hand: "3份：《银潮》" is 78.6 pt, + 《新保健》
    # 138.6: so "3份：《银潮》" / "《新保健》" / "《郑州日报》"
    assert "3份：《银潮》\n《新保健》\n《郑州日报》" in route
    # "2份：《郑州日报》" is 102.6 pt; by characters "2份：《郑州日报" (90.6) would fit and leave
    # "》" alone on the next line; the title goes down whole instead
    assert "2份：\n《郑州日报》" in route
    for line in route.splitlines():
        assert line.count("《") == line.count("》"), line
    assert re.search(r"^3 李秀英 河湾村3组 .*—$", route, re.M)


def test_the_hint_in_a_database_of_several_branches_is_one_the_command_accepts(
        db, branch_id, tmp_path, capsys, monkeypatch):
    from app.services.roster import ensure_branch

    with db.session() as s:
        member(s, branch_id, "张德顺", community="河湾村")
        ensure_branch(s, "第二支部")
    monkeypatch.chdir(tmp_path)
    path = str(db.path)
    assert run(["--db", path, "print-visits", "--due", "-o", "走访.pdf"]) == 2
    err = capsys.readouterr().err
    assert "数据库里有 2 个支部：测试支部、第二支部" in err and "--all-branches" not in err
    suggested = err.split("例如：zhibu ", 1)[1].split()
    assert suggested == ["print-visits", "--due", "-o", "走访.pdf", "--branch", "测试支部"]
    assert run(["--db", path, *suggested]) == 0
    assert "1 人，共 2 页" in capsys.readouterr().out and (tmp_path / "走访.pdf").exists()
    # a member named is found in whichever branch holds him: no --branch needed
    assert run(["--db", path, "print-visits", "--member", "张德顺", "-o", "b.pdf"]) == 0


def test_route_order_command_shows_sets_refuses_and_resets(db, branch_id, scattered, capsys):
    path = str(db.path)
    assert run(["--db", path, "route-order"]) == 0
    assert capsys.readouterr().out.split("\n")[1:4] == ["1. 北岗村", "2. 东关社区", "3. 河湾村"]
    assert run(["--db", path, "route-order", "--set", "河湾村，东关社区"]) == 0
    assert capsys.readouterr().out.split("\n")[1:4] == ["1. 河湾村", "2. 东关社区",
                                                        "3. 北岗村（按拼音）"]
    assert run(["--db", path, "route-order", "--set", "西村"]) == 2
    assert "花名册上没有“西村”" in capsys.readouterr().err
    with db.session() as s:
        assert route_order.stored_order(s, [branch_id]) == ["河湾村", "东关社区"]
    assert run(["--db", path, "route-order", "--reset"]) == 0
    with db.session() as s:
        assert s.get(Branch, branch_id).route_order is None
