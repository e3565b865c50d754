"""评先评优: honours of members and of the branch, the year's 学习先进 and the one member
recommended to the city's 十佳学习型老干部 — each refusal a Chinese sentence and nothing stored."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import CityRecommendation, Honour
from app.services.roster import ensure_branch
from app.services.yearend import honours as hon
from app.services.yearend.honour_figures import (
    honour_counts, honours_of_member, honours_of_year, honours_year,
)
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)


@pytest.fixture
def people(db, branch_id):
    with db.session() as s:
        ids = {n: member(s, branch_id, n, sort_order=i) for i, n in
               enumerate(("张建国", "李明", "王芳"))}
        ids["赵群众"] = member(s, branch_id, "赵群众", is_party_member=False, sort_order=5)
        ids["钱新来"] = member(s, branch_id, "钱新来", joined_date=date(2027, 3, 1), sort_order=6)
        ids["孙故"] = member(s, branch_id, "孙故", status="去世", status_date=date(2025, 8, 2),
                            sort_order=7)
        other = ensure_branch(s, "第二支部").id
        ids["周外支部"] = member(s, other, "周外支部")
    return ids


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_honours_of_the_year_list_the_branch_first_then_members_from_the_highest_level(
        db, branch_id, people):
    with db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "乡镇", people["李明"], "城关镇党委",
                       date(2026, 7, 1), today=TODAY)
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["张建国"], "县委",
                       date(2026, 6, 28), today=TODAY)
        hon.add_honour(s, branch_id, 2026, "五好支部", "县", None, "县委老干部局", today=TODAY)
        hon.add_honour(s, branch_id, 2025, "学习先进", "支部", people["王芳"], today=TODAY)
        rows = honours_of_year(s, branch_id, 2026)
    assert [(h.holder, h.name, h.level_text) for h in rows] == [
        ("测试支部", "五好支部", "县级"), ("张建国", "优秀共产党员", "县级"),
        ("李明", "优秀共产党员", "乡镇级")]
    assert rows[0].for_branch and rows[1].conferred_on == date(2026, 6, 28)


def test_an_honour_for_someone_not_of_this_branch_or_no_party_member_is_refused(
        db, branch_id, people):
    for who, words in (("周外支部", "不是本支部的党员"), ("赵群众", "不是党员")):
        with pytest.raises(InputError, match=words), db.session() as s:
            hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people[who], today=TODAY)
    with pytest.raises(InputError, match="党员编号 99999 不存在"), db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", 99999, today=TODAY)
    assert count(db, Honour) == 0


def test_an_honour_for_someone_not_on_the_roster_that_year_is_refused(db, branch_id, people):
    with pytest.raises(InputError, match="钱新来2027-03-01才入册，2026年不在本支部花名册上"), \
            db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["钱新来"], today=TODAY)
    with pytest.raises(InputError, match="孙故已于2025-08-02去世，2026年不在"), db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["孙故"], today=TODAY)
    with db.session() as s:  # the year they were still on it
        hon.add_honour(s, branch_id, 2025, "优秀共产党员", "县", people["孙故"], today=TODAY)
    assert count(db, Honour) == 1


@pytest.mark.parametrize("on, words", [
    (date(2026, 12, 2), "在今天之后"),
    (date(2025, 12, 31), "授予日期 2025-12-31 不对：应在 2026-01-01 到 2027-12-31 之间"),
])
def test_a_date_outside_the_year_or_after_today_is_refused(db, branch_id, people, on, words):
    with pytest.raises(InputError, match=words), db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["李明"], conferred_on=on,
                       today=TODAY)
    assert count(db, Honour) == 0


@pytest.mark.parametrize("year, name, level, words", [
    (2027, "优秀共产党员", "县", "年度 2027 不对"),
    ("二〇二六", "优秀共产党员", "县", "不是年份"),
    (2026, "  ", "县", "请填写荣誉名称"),
    (2026, "优秀共产党员", "区", "级别“区”应为：支部、乡镇、县、市、省、国家"),
])
def test_a_bad_year_name_or_level_is_refused(db, branch_id, people, year, name, level, words):
    with pytest.raises(InputError, match=words), db.session() as s:
        hon.add_honour(s, branch_id, year, name, level, people["李明"], today=TODAY)
    assert count(db, Honour) == 0


def test_the_same_honour_twice_is_refused_but_another_level_is_not(db, branch_id, people):
    with db.session() as s:
        first = hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["李明"], today=TODAY)
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "市", people["李明"], today=TODAY)
    with pytest.raises(InputError, match=f"李明2026年的县级“优秀共产党员”已经登记过了（荣誉记录 "
                                         f"{first.id}）"), db.session() as s:
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["李明"], today=TODAY)
    assert count(db, Honour) == 2


def test_an_honour_is_corrected_and_removed(db, branch_id, people):
    with db.session() as s:
        h = hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["李明"], today=TODAY)
        fixed = hon.update_honour(s, h.id, 2026, "优秀党务工作者", "市", people["张建国"], "市委",
                                  date(2026, 6, 30), "事迹", today=TODAY)
    assert (fixed.holder, fixed.name, fixed.level, fixed.conferred_by, fixed.note) == \
        ("张建国", "优秀党务工作者", "市", "市委", "事迹")
    with db.session() as s:
        hon.remove_honour(s, h.id)
    assert count(db, Honour) == 0


def test_study_models_are_honours_conferred_by_the_branch(db, branch_id, people):
    with db.session() as s:
        hon.add_study_model(s, branch_id, 2026, people["王芳"], "坚持读书看报", today=TODAY)
        hon.add_study_model(s, branch_id, 2026, people["李明"], today=TODAY)
        rows = hon.study_models(s, branch_id, 2026)
    assert [(h.holder, h.name, h.level, h.conferred_by) for h in rows] == [
        ("李明", "学习先进", "支部", "测试支部"), ("王芳", "学习先进", "支部", "测试支部")]
    assert rows[1].note == "坚持读书看报"


def test_only_one_of_the_years_study_models_can_be_recommended(db, branch_id, people):
    with db.session() as s:
        hon.add_study_model(s, branch_id, 2026, people["王芳"], today=TODAY)
        hon.add_study_model(s, branch_id, 2025, people["李明"], today=TODAY)
    with pytest.raises(InputError, match="李明不是本支部2026年的“学习先进”"), db.session() as s:
        hon.recommend(s, branch_id, 2026, people["李明"], today=TODAY)
    assert count(db, CityRecommendation) == 0
    with db.session() as s:
        chosen = hon.recommend(s, branch_id, 2026, people["王芳"], "十年如一日", date(2026, 11, 5),
                               today=TODAY)
    assert (chosen.name, chosen.outcome, chosen.deeds) == ("王芳", "待评", "十年如一日")


def test_a_second_recommendation_in_a_year_is_refused_until_the_first_is_withdrawn(
        db, branch_id, people):
    with db.session() as s:
        for who in ("王芳", "李明"):
            hon.add_study_model(s, branch_id, 2026, people[who], today=TODAY)
        hon.recommend(s, branch_id, 2026, people["王芳"], today=TODAY)
    with pytest.raises(InputError, match="2026年已经推荐了王芳.*每年只能推荐一人"), db.session() as s:
        hon.recommend(s, branch_id, 2026, people["李明"], today=TODAY)
    with db.session() as s:
        assert hon.recommendation_of(s, branch_id, 2026).name == "王芳"
        hon.withdraw_recommendation(s, branch_id, 2026)
        assert hon.recommend(s, branch_id, 2026, people["李明"], today=TODAY).name == "李明"
    assert count(db, CityRecommendation) == 1


def test_a_recommended_study_model_keeps_its_honour_until_withdrawn(db, branch_id, people):
    with db.session() as s:
        h = hon.add_study_model(s, branch_id, 2026, people["王芳"], today=TODAY)
        hon.recommend(s, branch_id, 2026, people["王芳"], today=TODAY)
    with pytest.raises(InputError, match="请先撤回推荐"), db.session() as s:
        hon.remove_honour(s, h.id)
    with pytest.raises(InputError, match="请先撤回推荐"), db.session() as s:
        hon.update_honour(s, h.id, 2026, "学习先进", "支部", people["李明"], today=TODAY)
    with db.session() as s:  # the note (主要事迹) may still be corrected
        hon.update_honour(s, h.id, 2026, "学习先进", "支部", people["王芳"], note="新事迹",
                          today=TODAY)
    assert count(db, Honour) == 1


def test_elected_adds_the_city_title_to_the_members_honours_once(db, branch_id, people):
    with db.session() as s:
        hon.add_study_model(s, branch_id, 2026, people["王芳"], today=TODAY)
        hon.recommend(s, branch_id, 2026, people["王芳"], today=TODAY)
        hon.set_outcome(s, branch_id, 2026, "当选", today=TODAY)
        hon.set_outcome(s, branch_id, 2026, "当选", today=TODAY)
        mine = honours_of_member(s, people["王芳"])
    assert [(h.name, h.level) for h in mine] == [("十佳学习型老干部", "市"), ("学习先进", "支部")]
    with pytest.raises(InputError, match="评选结果“通过”应为"), db.session() as s:
        hon.set_outcome(s, branch_id, 2026, "通过")


def test_the_years_counts_and_json(db, branch_id, people):
    with db.session() as s:
        hon.add_study_model(s, branch_id, 2026, people["王芳"], today=TODAY)
        hon.add_study_model(s, branch_id, 2026, people["李明"], today=TODAY)
        hon.add_honour(s, branch_id, 2026, "优秀共产党员", "县", people["李明"], today=TODAY)
        hon.add_honour(s, branch_id, 2026, "示范点", "市", None, today=TODAY)
        hon.recommend(s, branch_id, 2026, people["王芳"], today=TODAY)
        counts = honour_counts(s, branch_id, 2026)
        data = honours_year(s, branch_id, 2026)
    assert (counts.member_honours, counts.honoured_members, counts.branch_honours,
            counts.study_models, counts.recommended, counts.outcome) == (3, 2, 1, 2, "王芳", "待评")
    assert counts.by_level == {"支部": 2, "县": 1, "市": 1}
    assert data["study_models"] == ["李明", "王芳"] and data["recommended"]["name"] == "王芳"
    assert data["honours"][0] == {
        "id": data["honours"][0]["id"], "member_id": None, "holder": "测试支部",
        "for_branch": True, "name": "示范点", "level": "市", "year": 2026, "conferred_by": "",
        "date": None, "note": ""}


def test_who_an_honour_may_be_for_is_the_years_roster(db, branch_id, people):
    from app.services.yearend.honour_figures import members_of_year

    with db.session() as s:
        party = [name for _i, name, _v in members_of_year(s, branch_id, 2026)]
        everyone = [name for _i, name, _v in members_of_year(s, branch_id, 2026, party=False)]
        before = [name for _i, name, _v in members_of_year(s, branch_id, 2025)]
    assert party == ["张建国", "李明", "王芳"]
    assert everyone == ["张建国", "李明", "王芳", "赵群众"]
    assert before == ["张建国", "李明", "王芳", "孙故"]
