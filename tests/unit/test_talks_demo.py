"""The demo branch has a committee near the end of its term, talks with most members but not
all, bedridden members left out of the vote count, and last year's 整改清单 with one item open."""

from datetime import date

from app.models import Member
from app.services.orglife import committee, coverage, rectify, votes

AS_OF = date(2026, 11, 20)  # the demo_db fixture's day


def test_demo_committee_warns_and_talks_cover_most_members(demo_db):
    with demo_db.session() as s:
        status = committee.committee_status(s, 1, AS_OF)
        cov = coverage.talks_coverage(s, 1, 2026, AS_OF)
        last_year = coverage.talks_coverage(s, 1, 2025)
    assert [p.post for p in status.posts] == ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"]
    assert status.term_ends == date(2027, 4, 20) and "请着手准备换届选举" in status.warning
    assert 0.6 < cov.covered / cov.members < 1 and cov.missing
    assert last_year.covered / last_year.members > 0.85


def test_demo_exclusions_are_the_bedridden_and_one_item_is_open(demo_db):
    with demo_db.session() as s:
        excluded = votes.excluded_members(s, 1, 2026)
        mobility = {e.member_id: s.get(Member, e.member_id).mobility for e in excluded}
        items = rectify.rectify_items(s, 1, 2025)
        opinions = rectify.opinions_before_meeting(s, 1, 2026)
    assert excluded and set(mobility.values()) == {"卧床"}
    assert all(e.approved_by and e.reason for e in excluded)
    assert [i.state(AS_OF) for i in items].count("已完成") == 2
    assert {o.source for o in opinions} >= {"谈心谈话", "建言献策"}


def test_last_years_open_item_is_listed_this_year(demo_db):
    with demo_db.session() as s:
        this_year = rectify.rectify_items(s, 1, 2026)
    assert [(i.year, i.problem, i.state(AS_OF)) for i in this_year] == [
        (2025, "谈心谈话记录不全", "已超期")]
