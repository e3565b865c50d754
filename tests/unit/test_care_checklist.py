"""The printed visit checklist: route sheet then one page per member, text read back from the
PDF, the CJK font embedded, ID numbers masked, and `zhibu print-visits` exit codes."""

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import run
from app.errors import InputError
from app.models import Handout, Material
from app.services import care, pairings
from tests.unit.care_data import member, visit

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()
ID = "410102194511203318"


def pages_text(path):
    return [p.extract_text() for p in PdfReader(path).pages]


def embedded_fonts(path):
    names = set()
    for page in PdfReader(path).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f.get("/FontDescriptor")
            if desc is not None and "/FontFile2" in desc.get_object():
                names.add(str(f["/BaseFont"]))
    return names


@pytest.fixture
def round_of_three(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "张德顺", "卧床", community="河湾村", address="河湾村3组",
                   phone="13812345678", id_number=ID, gender="男",
                   birth_date=date(1945, 11, 20), emergency_contact="张小军",
                   emergency_phone="13900001111", living="独居", sort_order=1)
        b = member(s, branch_id, "赵桂兰", "行动不便", community="东关社区", sort_order=2)
        c = member(s, branch_id, "李秀英", "住院", community="河湾村", sort_order=3)
        helper = member(s, branch_id, "王建国", "行动自如", community="河湾村", sort_order=4)
        pairings.add_pairing(s, helper, a, TODAY - timedelta(days=200))
        visit(s, a, TODAY - timedelta(days=40), visitor_name="王振华", visitor_kind="支委",
              requests="希望送大字版读本", follow_up="联系街道换轮椅")
        mat_id = Material(branch_id=branch_id, title="银潮", kind="期刊", period="2026年第11期")
        s.add(mat_id)
        s.flush()
        s.add(Handout(material_id=mat_id.id, member_id=a, issued_date=TODAY, method="送学上门",
                      status="待送达"))
    return [a, b, c]


def test_route_sheet_then_one_page_per_member_with_everything_the_form_asks(
        db, round_of_three, tmp_path):
    out = tmp_path / "走访.pdf"
    with db.session() as s:
        result = care.print_visits(s, round_of_three, out, TODAY)
    texts = pages_text(out)
    assert result == {"path": str(out), "members": 3, "pages": 4, "left_out": []}
    assert len(texts) == 4
    route = texts[0]
    assert "走访路线单" in route and "共 3 人" in route
    # grouped by village, villages by pinyin: 东关社区 (dong) before 河湾村 (he); inside 河湾村
    # 李秀英 (no address) after 张德顺 (河湾村3组)
    assert route.index("东关社区（1 人）") < route.index("赵桂兰") \
        < route.index("河湾村（2 人）") < route.index("张德顺") < route.index("李秀英")
    assert "13812345678" in route and "卧床" in route and "从未走访" in route
    assert "1份：《银潮》" in route
    page = texts[2]
    for words in ("走访登记表（送学上门）", "测试支部", "走访日期", "走访人", "张德顺", "男",
                  "81 岁" if (TODAY.month, TODAY.day) >= (11, 20) else "80 岁", "河湾村3组",
                  "13812345678", "张小军", "13900001111", "卧床", "独居", "王建国",
                  "4101**********3318", "王振华（支委）", "希望送大字版读本", "联系街道换轮椅",
                  "《银潮》2026年第11期", "送达学习资料", "学习辅导", "宣讲政策", "了解身体状况",
                  "了解生活困难", "听取意见建议", "身体状况", "思想状况", "诉求", "处理意见",
                  "走访人签字", "党员(家属)签字", "日期"):
        assert words in page, words
    assert ID not in "".join(texts)  # never the full number
    assert "赵桂兰" in texts[1] and "从未走访" in texts[1] and "（没有待送达的资料）" in texts[1]
    assert "李秀英" in texts[3]
    assert embedded_fonts(out) and all("WenQuanYiMicroHei" in n for n in embedded_fonts(out))


def test_a_long_round_continues_the_route_sheet_and_still_one_page_per_member(
        db, branch_id, tmp_path):
    with db.session() as s:
        ids = [member(s, branch_id, f"党员{i:02d}", community=f"{i % 4}号村",
                      address="城关镇人民路一百二十八号院三号楼二单元", sort_order=i)
               for i in range(60)]
    out = tmp_path / "long.pdf"
    with db.session() as s:
        result = care.print_visits(s, ids, out, TODAY)
    texts = pages_text(out)
    route_pages = [t for t in texts if "走访登记表（送学上门）" not in t]
    assert len(route_pages) >= 2  # continued
    assert len(texts) == len(route_pages) + 60 == result["pages"]
    assert all(texts[len(route_pages) + i].count("走访登记表（送学上门）") == 1 for i in range(60))


def test_an_unwritable_place_gives_a_message_and_leaves_no_file(db, round_of_three, tmp_path):
    with db.session() as s:
        with pytest.raises(InputError, match="保存位置不存在"):
            care.print_visits(s, round_of_three, tmp_path / "nope" / "a.pdf", TODAY)
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    db.dispose()  # the command below becomes the file's writer
    plain = as_a_plain_user()
    try:
        if not plain and os.access(locked, os.W_OK):
            pytest.skip("a folder's read-only mode is not enforced here (Windows)")
        done = subprocess.run(
            [*plain, sys.executable, "-m", "app", "--db", str(db.path),
             "print-visits", "--due", "-o", str(locked / "a.pdf")],
            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 1, done.stderr
        assert f"无法在“{locked}”里写文件" in done.stderr and "不能写入" in done.stderr
        assert "Traceback" not in done.stderr and list(locked.iterdir()) == []
    finally:
        os.chmod(locked, 0o700)


def as_a_plain_user() -> list[str]:
    """What runs a program without root's power to write anywhere: as root (CI), `setpriv`
    keeps the user but drops the capabilities that override file permissions, so a folder
    without write permission refuses it as it refuses any user; anyone else needs nothing."""
    if os.name != "posix" or os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        message = "running as root without setpriv (util-linux): permissions are not enforced"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_nobody_chosen_is_a_clear_message(db, branch_id, tmp_path):
    with db.session() as s:
        with pytest.raises(InputError, match="没有要打印的党员"):
            care.print_visits(s, [], tmp_path / "a.pdf", TODAY)


def test_print_visits_command_exit_codes(db, round_of_three, tmp_path, capsys):
    path = str(db.path)
    out = tmp_path / "due.pdf"
    assert run(["--db", path, "print-visits", "--due", "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["members"] == 3 and data["pages"] == 4 and out.exists()
    one = tmp_path / "one.pdf"
    assert run(["--db", path, "print-visits", "--member", "赵桂兰", "-o", str(one)]) == 0
    assert "1 人，共 2 页" in capsys.readouterr().out
    assert run(["--db", path, "print-visits", "--member", "无此人", "-o", str(one)]) == 2
    assert "找不到党员“无此人”" in capsys.readouterr().err
    assert run(["--db", path, "print-visits", "-o", str(one)]) == 2
    assert "--due" in capsys.readouterr().err
    assert run(["--db", path, "print-visits", "--due", "-o", str(tmp_path / "a.txt")]) == 2
    assert run(["--db", path, "print-visits", "--due", "-o",
                str(tmp_path / "no" / "a.pdf")]) == 2
    assert "保存位置不存在" in capsys.readouterr().err


def test_print_visits_by_id_refuses_a_shared_name_and_says_when_nobody_is_due(
        db, branch_id, tmp_path, capsys):
    with db.session() as s:
        first = member(s, branch_id, "王芳", community="东关社区")
        member(s, branch_id, "王芳", community="河湾村")
        visit(s, first, TODAY)
    path, out = str(db.path), tmp_path / "a.pdf"
    assert run(["--db", path, "print-visits", "--member", "王芳", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "有 2 位党员叫“王芳”" in err and f"编号 {first}（东关社区" in err
    assert run(["--db", path, "print-visits", "--member", str(first), "-o", str(out)]) == 0
    assert "王芳" in pages_text(out)[1]
    with db.session() as s:
        for mid in care.members_due_for_visit(s, branch_id, TODAY):
            visit(s, mid.member_id, TODAY)
    capsys.readouterr()
    assert run(["--db", path, "print-visits", "--due", "-o", str(tmp_path / "b.pdf")]) == 0
    assert "现在没有该走访的党员" in capsys.readouterr().out
    assert not (tmp_path / "b.pdf").exists()


def test_a_missing_font_is_a_clear_message_and_no_file(db, round_of_three, tmp_path, monkeypatch):
    from app.errors import WorkError
    from app.export import pdf_fonts

    monkeypatch.setattr(pdf_fonts, "_registered", False)
    monkeypatch.setattr(pdf_fonts, "cjk_font_path", lambda: tmp_path / "gone.ttc")
    out = tmp_path / "out"
    out.mkdir()
    with db.session() as s:
        with pytest.raises(WorkError, match="找不到中文字体文件"):
            care.print_visits(s, round_of_three, out / "a.pdf", TODAY)
    assert list(out.iterdir()) == []


def test_a_print_for_several_branches_names_each_member_s_own_branch(db, tmp_path):
    """Printed from 全部支部, a member's page names that member's branch — not the list of all of
    them, which ran off the page — and the route sheet's 续 heading is cut with "…" to fit."""
    from app.services.roster import ensure_branch

    ids, branch_of = [], {}
    with db.session() as s:
        for b in range(6):
            name = f"城关镇老干部第{b + 1}党支部"
            branch = ensure_branch(s, name).id
            for i in range(12):
                mid = member(s, branch, f"党员{b}{i:02d}", community=f"{i % 3}号村", sort_order=i)
                ids.append(mid)
                branch_of[f"党员{b}{i:02d}"] = name
    out = tmp_path / "全部支部.pdf"
    with db.session() as s:
        care.print_visits(s, ids, out, TODAY)
    texts = pages_text(out)
    forms = [t for t in texts if "走访登记表（送学上门）" in t]
    assert len(forms) == 72
    for text in forms:
        who = next(n for n in branch_of if n in text)
        assert f"{branch_of[who]} 路线单第" in text.replace("\u3000", " ")
        assert sum(name in text for name in set(branch_of.values())) == 1
    continued = [t for t in texts if "走访路线单（续）" in t]
    assert continued and all("…" in t.splitlines()[0] for t in continued)
