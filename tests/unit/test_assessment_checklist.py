"""The checklist is data: the default adds up; a loaded one is checked (points, judges, stars)
with a message naming the item; export → edit → load keeps the secretary's scores by 编号."""

import json

import pytest
from openpyxl import load_workbook

from app.assessment_checklist import HAND, JUDGES, auto_score, checked
from app.errors import InputError
from app.paths import resource_path
from app.services.yearend import assessment_checklist as ac
from app.services.yearend.self_assessment import assessment_of, set_score
from tests.unit.assessment_data import TODAY, YEAR


def raw():
    return json.loads(resource_path("assessment", "default_checklist.json").read_text("utf-8"))


def test_the_default_is_six_areas_of_100_points_with_known_judges():
    c = ac.default_checklist()
    assert c.total == 1000 and sum(i.points for i in c.items) == 1000
    assert c.areas == ["组织设置好", "班子建设好", "党员队伍好", "学习活动好", "作用发挥好", "制度坚持好"]
    assert all(i.judge == HAND or i.judge in JUDGES for i in c.items)
    assert c.stars == ((900, 5), (800, 4), (700, 3), (600, 2))
    assert (c.stars_for(900), c.stars_for(899), c.stars_for(599)) == (5, 4, 0)


def test_points_not_adding_up_are_refused():
    data = raw()
    data["items"][0]["points"] = 4
    with pytest.raises(ValueError, match="加起来是 99 分，而满分写的是 100 分"):
        checked(data)


def test_an_unknown_judge_is_refused_naming_the_item():
    data = raw()
    data["items"][3]["judge"] = "签到次数"
    with pytest.raises(ValueError, match=r"第 4 项（编号 2.1）的评分方式“签到次数”程序不认识"):
        checked(data)


def test_a_missing_judge_or_threshold_is_refused_naming_the_item():
    data = raw()
    data["items"][1]["judge"] = ""
    with pytest.raises(ValueError, match=r"编号 1.2）没有写评分方式"):
        checked(data)
    data = raw()
    del data["items"][1]["full"]
    with pytest.raises(ValueError, match=r"编号 1.2）由程序评分（支委会次数），但没有写满分标准"):
        checked(data)
    data = raw()
    data["items"][1]["partial"] = 12
    with pytest.raises(ValueError, match="得一半分标准 12 应低于满分标准 12"):
        checked(data)


def test_stars_must_run_downwards_and_codes_be_unique():
    data = raw()
    data["stars"] = [[80, 4], [90, 5]]
    with pytest.raises(ValueError, match="星级应从高到低"):
        checked(data)
    data = raw()
    data["items"][1]["code"] = "1.1"
    with pytest.raises(ValueError, match="编号 1.1 出现了两次"):
        checked(data)


def test_thresholds_give_full_half_or_nothing():
    item = ac.default_checklist().item("4.1")  # 6 points, 12 / 9
    assert [auto_score(item, v) for v in (13, 12, 9, 8.9, 0)] == [60, 60, 30, 0, 0]


def test_export_edit_and_load_back_keeps_scores_by_code(db, branch_id, tmp_path):
    path = tmp_path / "细则.xlsx"
    with db.session() as s:
        set_score(s, branch_id, YEAR, "1.1", "4", "按期换届", today=TODAY)
        assert ac.export_checklist(s, branch_id, path)["items"] == 20
    wb = load_workbook(path)
    ws = wb["考评细则"]
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and "编号" in r) + 1  # 1-based header row
    ws.cell(at + 3, 4).value = 10  # 1.3: 5 → 10 points
    ws.cell(at + 4, 4).value = None  # 2.1 loses its points
    wb.save(path)
    with db.session() as s, pytest.raises(InputError, match="第 4 项（编号 2.1）没有写分值"):
        ac.load_checklist(s, branch_id, path)
    ws.cell(at + 4, 4).value = 5
    for r in range(at + 1, at + 21):  # 1.3 took 5 points: take them from 6.3 and 2.3
        if ws.cell(r, 2).value in ("6.3", "2.3"):
            ws.cell(r, 4).value = 2.5
    ws["B3"] = "城关镇2026年考评细则"
    wb.save(path)
    with db.session() as s:
        loaded = ac.load_checklist(s, branch_id, path)
        a = assessment_of(s, branch_id, YEAR, TODAY)
        assert ac.checklist_source(s, branch_id).endswith("从“细则.xlsx”导入")
    assert loaded["name"] == "城关镇2026年考评细则" and loaded["total"] == 100
    by_code = {i.code: i for i in a.items}
    assert by_code["1.3"].points == 100 and by_code["6.3"].points == 25
    assert (by_code["1.1"].score, by_code["1.1"].evidence) == (40, "按期换届")


def test_a_file_that_is_no_checklist_is_refused_and_changes_nothing(db, branch_id, tmp_path):
    other = tmp_path / "花名册.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "花名册"
    wb.active.append(["姓名", "性别"])
    wb.save(other)
    with db.session() as s, pytest.raises(InputError, match="不是考评细则"):
        ac.load_checklist(s, branch_id, other)
    with db.session() as s:
        assert ac.checklist_source(s, branch_id) == "程序默认的考评细则"
