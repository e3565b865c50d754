"""The first start: an empty program asks for the branch's name, the roster and the year's
study days, in that order, each marked done when done; the demo goes only into an empty
database, after a backup of it."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.demo import DEFAULT_BRANCH
from app.errors import InputError
from app.models import Branch, Member
from app.services import branches, study
from app.storage import backup
from app.storage import restore
from app.services.first_start import DEMO_BACKUP_REASON, fill_demo_here, first_steps
from app.services.members import MemberInput, add_member
from app.services.roster import PLACEHOLDER_BRANCH, ensure_branch

TODAY = date(2026, 12, 1)


@pytest.fixture
def empty(db):
    with db.session() as s:
        return ensure_branch(s).id  # what the window does on an empty database


def test_an_empty_program_shows_three_steps_none_done_and_offers_the_demo(db, empty):
    with db.session() as s:
        steps = first_steps(s, empty, TODAY)
    assert steps.branch_name == PLACEHOLDER_BRANCH
    assert steps.show and steps.done == (False, False, False) and steps.database_empty


def test_each_step_is_marked_done_when_done_and_the_steps_go_away(db, empty):
    with db.session() as s:
        assert branches.rename_branch(s, empty, "  城关镇  第二支部 ") == "城关镇 第二支部"
    with db.session() as s:
        assert first_steps(s, empty, TODAY).done == (True, False, False)
        add_member(s, empty, MemberInput(name="王建国"))
    with db.session() as s:
        steps = first_steps(s, empty, TODAY)
        assert steps.done == (True, True, False) and steps.show and not steps.database_empty
        study.create_year_study_days(s, empty, 2026)
    with db.session() as s:
        steps = first_steps(s, empty, TODAY)
    assert steps.done == (True, True, True) and steps.study_year == 2026
    assert not steps.show


def test_a_branch_that_worked_before_is_not_sent_back_to_the_start_in_january(db, empty):
    with db.session() as s:
        branches.rename_branch(s, empty, "老支部")
        add_member(s, empty, MemberInput(name="王建国"))
        study.create_year_study_days(s, empty, 2026)
        steps = first_steps(s, empty, date(2027, 1, 3))
    assert steps.done == (True, True, False) and not steps.show


def test_naming_refuses_a_blank_name_and_a_name_another_branch_has(db, empty):
    with db.session() as s:
        s.add(Branch(name="第一支部"))
        s.flush()
        with pytest.raises(InputError, match="请填写支部名称"):
            branches.rename_branch(s, empty, "   ")
        with pytest.raises(InputError, match="已经有一个叫“第一支部”的支部"):
            branches.rename_branch(s, empty, "第一支部")


def test_the_demo_fills_this_empty_database_in_its_own_branch_after_a_backup(db, empty):
    summary = fill_demo_here(db, empty, today=TODAY)
    assert summary.branch == DEFAULT_BRANCH and summary.members > 50
    with db.session() as s:
        assert [b.name for b in s.scalars(select(Branch))] == [DEFAULT_BRANCH]
        assert s.scalar(select(func.count(Member.id))) == summary.members
        assert not first_steps(s, empty, TODAY).show
    saved = [b for b in backup.list_backups(db.path) if b.reason == DEMO_BACKUP_REASON]
    assert len(saved) == 1
    preview = restore.preview_backup(saved[0].path)
    assert preview.members == 0


def test_the_demo_is_refused_once_the_database_has_a_member(db, empty):
    with db.session() as s:
        add_member(s, empty, MemberInput(name="王建国"))
    with pytest.raises(InputError, match="已经有党员"):
        fill_demo_here(db, empty, today=TODAY)
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 1


def test_a_named_branch_keeps_its_name_with_the_demo(db, empty):
    with db.session() as s:
        branches.rename_branch(s, empty, "试用支部")
    assert fill_demo_here(db, empty, today=TODAY).branch == "试用支部"
