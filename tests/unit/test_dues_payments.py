"""Recording dues: bases, payments and their checks, 冲正, reductions — and the audit log."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import AuditEntry, DuesPayment
from app.services import dues
from app.services.dues.rule import month_number
from tests.unit.dues_data import TODAY, member


@pytest.fixture
def book(db, branch_id):
    with db.session() as s:
        ids = {
            "张建国": member(s, branch_id, "张建国"),
            "李明": member(s, branch_id, "李明", joined_date=date(2026, 5, 20)),
            "王芳": member(s, branch_id, "王芳", status="转出", status_date=date(2026, 8, 15)),
            "赵群众": member(s, branch_id, "赵群众", is_party_member=False),
        }
        for name in ("张建国", "李明", "王芳"):
            dues.set_base(s, ids[name], 2026, "5000.00", today=TODAY)
    return ids


def pay(db, member_id, months, amount, **kw):
    kw.setdefault("paid_on", date(2026, 3, 5))
    with db.session() as s:
        return dues.record_payment(s, member_id, months, amount, today=TODAY, **kw)


def test_a_quarter_paid_at_once_is_one_entry(db, book):
    p = pay(db, book["张建国"], "2026-01..2026-03", "75.00", how="亲属代交", collector="李秀兰")
    assert (p.first, p.last, p.amount_fen, p.months) == (month_number(2026, 1),
                                                         month_number(2026, 3), 7500, 3)
    assert p.how == "亲属代交" and p.collector == "李秀兰" and p.in_force


def test_months_before_joining_or_after_leaving_are_refused(db, book):
    with pytest.raises(InputError, match="2026年05月才开始交党费"):
        pay(db, book["李明"], "2026-04..2026-06", "75.00")
    pay(db, book["李明"], "2026-05..2026-07", "75.00")  # from May is fine
    with pytest.raises(InputError, match="已于2026年08月转出"):
        pay(db, book["王芳"], "2026-07..2026-09", "75.00")
    pay(db, book["王芳"], "2026-06..2026-08", "75.00")  # through August is fine


def test_a_non_member_pays_no_dues(db, book):
    with pytest.raises(InputError, match="不是党员"):
        pay(db, book["赵群众"], "2026-01", "25.00")


@pytest.mark.parametrize("amount, words", [
    ("25.005", "超过两位小数"), ("0", "应大于 0"), ("-25", "应大于 0"), ("二十五", "不是金额")])
def test_a_bad_amount_is_refused_by_field(db, book, amount, words):
    with pytest.raises(InputError, match=words):
        pay(db, book["张建国"], "2026-01", amount)


def test_a_payment_typed_twice_is_refused_with_a_message(db, book):
    first = pay(db, book["张建国"], "2026-01..2026-03", "75.00")
    with pytest.raises(InputError, match=f"已经登记过了.*收款记录 {first.id}"):
        pay(db, book["张建国"], "2026-01..2026-03", "75.00")
    pay(db, book["张建国"], "2026-01..2026-03", "75.00", paid_on=date(2026, 3, 6))  # another day
    with db.session() as s:
        assert s.scalar(select(func.count(DuesPayment.id))) == 2


def test_more_than_six_months_needs_confirmation_and_says_so(db, book):
    with pytest.raises(dues.NeedsConfirmation, match="超过 6 个月"):
        pay(db, book["张建国"], "2026-01..2026-07", "175.00")
    p = pay(db, book["张建国"], "2026-01..2026-07", "175.00", confirmed=True)
    assert p.over_six_confirmed and "一次交7个月，已确认" in p.note
    assert not pay(db, book["张建国"], "2026-08..2026-12", "125.00").over_six_confirmed


def test_a_future_date_or_an_unknown_way_of_paying_is_refused(db, book):
    with pytest.raises(InputError, match="在今天之后"):
        pay(db, book["张建国"], "2026-01", "25.00", paid_on=date(2026, 12, 2))
    with pytest.raises(InputError, match="交纳方式"):
        pay(db, book["张建国"], "2026-01", "25.00", how="微信")


def test_a_reversal_keeps_the_history_and_cancels_the_money(db, book):
    p = pay(db, book["张建国"], "2026-01..2026-03", "75.00")
    with db.session() as s:
        r = dues.reverse_payment(s, p.id, "登记错了人", on=date(2026, 3, 6))
    assert r.amount_fen == -7500 and r.reverses_id == p.id and "登记错了人" in r.note
    with db.session() as s:
        kept = dues.payments_of(s, book["张建国"], 2026)
        assert [x.id for x in kept] == [p.id, r.id]  # nothing deleted
        assert kept[0].reversed_by == r.id and not kept[0].in_force
        with pytest.raises(InputError, match="已经冲正过了"):
            dues.reverse_payment(s, p.id, "再来一次")
        with pytest.raises(InputError, match="本身就是冲正记录"):
            dues.reverse_payment(s, r.id, "反冲")
    row = _year_row(db, book["张建国"])
    assert row.paid_fen == 0 and not row.months[0].covered
    pay(db, book["张建国"], "2026-01..2026-03", "75.00")  # typed again after the reversal: fine


def _year_row(db, member_id, as_of=TODAY):
    with db.session() as s:
        return dues.member_year(s, member_id, 2026, as_of)


def test_a_correction_of_the_base_needs_a_note_and_is_in_the_audit_log(db, book):
    with db.session() as s:
        with pytest.raises(InputError, match="请写明更正的原因"):
            dues.set_base(s, book["张建国"], 2026, "5200", today=TODAY)
        info = dues.set_base(s, book["张建国"], 2026, "5200", note="财务科更正", today=TODAY)
        assert info.monthly_fen == 5200 and info.rate == "1%"
    with db.session() as s:
        changes = s.execute(select(AuditEntry.field, AuditEntry.old, AuditEntry.new).where(
            AuditEntry.entity == "dues_base", AuditEntry.action == "修改")).all()
    assert ("缴费基数", "5000.00", "5200.00") in changes


def test_every_payment_and_reversal_is_in_the_members_history(db, book):
    from app.storage.audit import member_history

    p = pay(db, book["张建国"], "2026-01..2026-03", "75.00", collector="李秀兰")
    with db.session() as s:
        dues.reverse_payment(s, p.id, "金额写错")
        history = member_history(s, book["张建国"])
    paid = [h for h in history if h.what == "党费收缴"]
    assert len(paid) == 2 and "金额：75.00" in paid[1].new and "金额：-75.00" in paid[0].new


def test_a_special_case_pays_twenty_fen_and_a_base_must_be_positive(db, book):
    with db.session() as s:
        info = dues.set_base(s, book["李明"], 2026, None, special="低保", note="民政低保",
                             today=TODAY)
        assert info.monthly_fen == 20 and info.rate == "低保"
        with pytest.raises(InputError, match="应大于 0"):
            dues.set_base(s, book["张建国"], 2026, "-3000", note="x", today=TODAY)
        with pytest.raises(InputError, match="不是党员"):
            dues.set_base(s, book["赵群众"], 2026, "3000", today=TODAY)


def test_a_reduction_lowers_the_months_it_covers_and_a_waiver_owes_nothing(db, book):
    with db.session() as s:
        dues.add_reduction(s, book["张建国"], "2026-03", "2026-06", "10.00",
                           date(2026, 2, 20), "家庭困难", today=TODAY)
        dues.add_reduction(s, book["张建国"], "2026-10", None, None, date(2026, 9, 20),
                           "长期住院", today=TODAY)
        with pytest.raises(InputError, match="已有减免"):
            dues.add_reduction(s, book["张建国"], "2026-06", "2026-07", None,
                               date(2026, 2, 20), "又一次", today=TODAY)
    row = _year_row(db, book["张建国"])
    owed = [c.owed_fen for c in row.months]
    assert owed == [2500, 2500, 1000, 1000, 1000, 1000, 2500, 2500, 2500, 0, 0, 0]
    assert row.owed_fen == 2500 * 5 + 1000 * 4
    assert "2026年03月至06月减为每月10.00元（支部2026年02月20日决定：家庭困难）" in row.reduction
    assert "2026年10月起免交" in row.reduction


def test_the_branch_rounding_changes_the_monthly_amount(db, branch_id, book):
    with db.session() as s:
        dues.set_base(s, book["李明"], 2026, "3123.00", note="改", today=TODAY)
        assert dues.base_of(s, book["李明"], 2026).monthly_fen == 1562
        dues.set_rounding(s, branch_id, "角")
        assert dues.base_of(s, book["李明"], 2026).monthly_fen == 1570
        with pytest.raises(InputError, match="取整方式"):
            dues.set_rounding(s, branch_id, "厘")


def test_last_years_bases_carry_forward_without_overwriting(db, branch_id, book):
    with db.session() as s:
        dues.set_base(s, book["张建国"], 2027, "5100", today=date(2026, 12, 1))
        assert dues.carry_bases_forward(s, branch_id, 2027) == 1  # 王芳 left in 2026
        assert dues.base_of(s, book["张建国"], 2027).base_fen == 510000
        assert dues.base_of(s, book["李明"], 2027).note == "沿用2026年基数"
        assert dues.base_of(s, book["王芳"], 2027) is None


def test_no_base_for_a_year_the_member_was_not_on_the_roster(db, book):
    with db.session() as s:
        with pytest.raises(InputError, match="王芳2027年不在册（2026-08-15已转出）"):
            dues.set_base(s, book["王芳"], 2027, "3000", today=TODAY)
        with pytest.raises(InputError, match="李明2025年不在册（2026年05月才开始交党费）"):
            dues.set_base(s, book["李明"], 2025, "3000", today=TODAY)
