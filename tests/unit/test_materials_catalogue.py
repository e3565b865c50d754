"""The catalogue of self-study materials: what a secretary types is checked, mistakes are named,
and a material that was handed out is archived (history kept), never deleted."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Handout, Material, Member
from app.services import issuing, materials
from app.services.materials import MaterialError, MaterialFilter, MaterialInput


def add(db, branch_id, **kw):
    data = MaterialInput(**{"title": "银潮", "kind": "期刊", "period": "2026年第3期",
                            "received_date": date(2026, 3, 2), "quantity": 50, **kw})
    with db.session() as s:
        return materials.add_material(s, branch_id, data)


def test_a_periodical_is_catalogued_with_its_issue_normalised(db, branch_id):
    mid = add(db, branch_id, title=" 《银潮》 ", period="2026-3")
    with db.session() as s:
        row = materials.material_row(s, mid)
    assert (row.title, row.period, row.quantity) == ("银潮", "2026年第3期", 50)
    assert row.label == "《银潮》2026年第3期"


def test_every_problem_in_the_form_is_listed_at_once(db, branch_id):
    with pytest.raises(MaterialError) as err:
        add(db, branch_id, title="", kind="报纸", period="", quantity=-3,
            received_date=date(2099, 1, 1))
    text = str(err.value)
    assert "请填写资料名称" in text and "期号" in text and "负数" in text and "今天之后" in text
    with db.session() as s:
        assert s.scalar(select(func.count(Material.id))) == 0


def test_quiz_full_marks_must_be_sensible_and_other_kinds_keep_100(db, branch_id):
    with pytest.raises(MaterialError, match="满分"):
        add(db, branch_id, title="知识竞答试题", kind="试题", period="2026年", full_marks=0)
    mid = add(db, branch_id, title="读本", kind="读本", period="2026年", full_marks=7)
    with db.session() as s:
        assert materials.material_row(s, mid).full_marks == 100


def test_the_same_issue_cannot_be_catalogued_twice(db, branch_id):
    add(db, branch_id)
    with pytest.raises(MaterialError, match="目录中已有《银潮》2026年第3期"):
        add(db, branch_id, period="2026.3")
    add(db, branch_id, period="2026年第4期")  # the next issue is fine


def test_a_material_never_issued_is_really_deleted(db, branch_id):
    mid = add(db, branch_id)
    with db.session() as s:
        assert materials.remove_material(s, mid) == "deleted"
    with db.session() as s:
        assert s.get(Material, mid) is None


def test_deleting_an_issued_material_asks_then_archives_and_keeps_history(db, branch_id):
    mid = add(db, branch_id)
    with db.session() as s:
        s.add(Member(branch_id=branch_id, name="王建国", sort_order=1))
        s.add(Member(branch_id=branch_id, name="李秀英", sort_order=2, mobility="卧床"))
    with db.session() as s:
        issuing.issue_material(s, branch_id, mid, issuing.Recipients("roster"),
                               issued_date=date(2026, 3, 5))
    with db.session() as s, pytest.raises(materials.HasHandouts) as err:
        materials.remove_material(s, mid)
    assert "已发放 2 份，其中 1 份待送达" in str(err.value)
    with db.session() as s:
        assert materials.remove_material(s, mid, archive_ok=True) == "archived"
    with db.session() as s:
        assert s.scalar(select(func.count(Handout.id))) == 2
        assert materials.list_materials(s, branch_id) == []
        shown = materials.list_materials(s, branch_id, MaterialFilter(include_archived=True))
        assert [(r.archived, r.issued, r.pending) for r in shown] == [(True, 2, 1)]
        member = s.scalar(select(Member.id).where(Member.name == "王建国"))
        assert [h.label for h in materials.member_handouts(s, member)] == ["《银潮》2026年第3期"]
        # its pending copy no longer waits on anyone's list, and it cannot be issued again
        assert materials.pending_count(s, branch_id) == 0
        with pytest.raises(InputError, match="已归档"):
            issuing.issue_material(s, branch_id, mid, issuing.Recipients("roster"),
                                   issued_date=date(2026, 3, 6))
        materials.restore_material(s, mid)
        assert materials.pending_count(s, branch_id) == 1


def test_catalogue_filters_by_year_kind_and_text(db, branch_id):
    add(db, branch_id)
    add(db, branch_id, title="党课材料", kind="党课材料", period="2025年第4季度",
        received_date=date(2025, 10, 8))
    add(db, branch_id, title="辅导光盘", kind="光盘", period="", received_date=None)
    with db.session() as s:
        def titles(**kw):
            return [r.title for r in materials.list_materials(s, branch_id, MaterialFilter(**kw))]

        assert titles(year=2025) == ["党课材料"]
        assert titles(kind="光盘") == ["辅导光盘"]
        assert titles(text="银") == ["银潮"]
        assert materials.material_years(s, branch_id) == [2026, 2025]


def test_changing_a_quiz_cannot_drop_full_marks_below_a_recorded_score(db, branch_id):
    mid = add(db, branch_id, title="知识竞答试题", kind="试题", period="2026年", quantity=5)
    with db.session() as s:
        s.add(Member(branch_id=branch_id, name="王建国", sort_order=1))
    with db.session() as s:
        issuing.issue_material(s, branch_id, mid, issuing.Recipients("roster"),
                               issued_date=date(2026, 7, 1))
        hid = s.scalar(select(Handout.id))
        materials.record_quiz_return(s, hid, date(2026, 7, 20), 92)
    data = MaterialInput(title="知识竞答试题", kind="试题", period="2026年", full_marks=90)
    with db.session() as s, pytest.raises(MaterialError, match="92"):
        materials.update_material(s, mid, data)
