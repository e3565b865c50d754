"""A hand-counted third quarter of 2026 for the quarterly tests (shared by figures, workbook
and merge tests). Every expected figure in EXPECTED is counted by hand from the story below."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.models import (
    Attendance, Branch, Handout, Material, Member, Pairing, StudyEvent, Suggestion, Visit,
)

Q3 = (date(2026, 7, 1), date(2026, 9, 30))
A_ID = "110101194005011234"

EXPECTED = {
    "在册人数": 7,  # 张一 李二 王三 赵四 吴八 郑九, and 周七 away (暂离 is 在册); 钱五 died, 孙六 left
    "离休人数": 1, "退休人数": 6, "党员人数": 6, "女性人数": 2,
    "80岁及以上人数": 3,  # 张一 86, 王三 exactly 80 on 09-30, 郑九 96; 李二 is 79, 周七 unknown
    "行动不便人数": 3,  # 李二 卧床, 王三 行动不便, 郑九 行动不便
    "独居人数": 1, "新增人数": 1, "减少人数": 1,
    "学习活动次数": 3, "集中学习日次数": 2,  # the cancelled 09-15 day and June's are out
    # 6 on the roster at each of 07-05, 08-05, 09-05 (周七 away and unmarked; 赵四 from 08-15
    # in, 钱五 out after 08-10; his record on 09-05 does not count); 郑九 never marked
    "应参学人次": 18, "出席人次": 8, "送学上门人次": 2, "未登记人次": 3,
    "出勤率": 8 / 18, "参学率": 10 / 18,
    "发放资料份数": 4, "送学上门份数": 1, "待送达份数": 0,
    "走访人次": 3, "走访行动不便党员人数": 1, "行动不便党员走访覆盖率": 1 / 3,
    "逾期未走访人数": 1,  # 王三 never visited (the 10-02 visit is after the quarter)
    "结对帮扶对数": 2, "建言献策条数": 1,
    # dues of July–September (see `_dues`): owed 75 + 0.60 + 40 + 120 + 45 + 30 + 0, paid
    # 75 + 40 + 60 + 50; behind: 李二 (低保, nothing paid), 钱五 (August unpaid), 吴八
    "应交党费金额": 310.60, "实交党费金额": 225.00, "党费收缴率": 225.00 / 310.60,
    "欠交党费人数": 3,
}


def build_branch(s, name: str = "测试支部", with_id: bool = True) -> int:
    """The main story: eight members, five events, hand-outs, visits, pairings, suggestions."""
    b = Branch(name=name, township="城关镇", secretary="王书记")
    s.add(b)
    s.flush()

    def member(order, mname, **kw):
        m = Member(branch_id=b.id, sort_order=order, name=mname, **kw)
        s.add(m)
        s.flush()
        return m

    a = member(1, "张一", gender="男", birth_date=date(1940, 5, 1), retire_type="退休",
               id_number=A_ID if with_id else None, former_unit="=1+1", living="与子女同住")
    bb = member(2, "李二", gender="女", birth_date=date(1946, 10, 1), retire_type="离休",
                mobility="卧床", living="独居")
    c = member(3, "王三", gender="女", birth_date=date(1946, 9, 30), retire_type="退休",
               is_party_member=False, mobility="行动不便", living="空巢")
    d = member(4, "赵四", gender="男", birth_date=date(1950, 1, 1), retire_type="退休",
               joined_date=date(2026, 8, 15))
    e = member(5, "钱五", gender="男", birth_date=date(1935, 1, 1), retire_type="退休",
               mobility="住院", status="去世", status_date=date(2026, 8, 10))
    member(6, "孙六", gender="男", retire_type="退休", status="转出", status_date=date(2026, 5, 1))
    member(7, "周七", gender="男", retire_type="退休", status="暂离", status_date=date(2026, 6, 1))
    h = member(8, "吴八", gender="男", birth_date=date(1950, 6, 1), retire_type="退休")
    i = member(9, "郑九", gender="男", birth_date=date(1930, 1, 1), retire_type="退休",
               mobility="行动不便", living="养老机构", visit_interval_days=120)

    def event(day, kind, marks, cancelled=False):
        ev = StudyEvent(branch_id=b.id, kind=kind, date=day, topic=f"{kind}学习", cancelled=cancelled)
        s.add(ev)
        s.flush()
        s.add_all(Attendance(event_id=ev.id, member_id=m.id, mark=mk) for m, mk in marks)

    event(date(2026, 6, 5), "集中学习日", [(a, "出席"), (h, "出席")])
    event(date(2026, 7, 5), "集中学习日",
          [(a, "出席"), (bb, "送学上门"), (c, "请假"), (e, "出席"), (h, "缺席")])
    event(date(2026, 8, 5), "集中学习日",
          [(a, "出席"), (bb, "送学上门"), (c, "出席"), (e, "出席"), (h, "缺席")])
    event(date(2026, 9, 5), "党课",
          [(a, "出席"), (bb, "请假"), (c, "出席"), (d, "出席"), (h, "缺席"), (e, "缺席")])
    event(date(2026, 9, 15), "集中学习日", [(a, "出席"), (c, "出席")], cancelled=True)

    book = Material(branch_id=b.id, title="老干部读本", kind="读本", period="2026年第3期")
    quiz = Material(branch_id=b.id, title="知识测试", kind="试题")
    s.add_all([book, quiz])
    s.flush()
    for m, day, method, mat, score in [
        (a, date(2026, 6, 30), "集中领取", book, None), (a, date(2026, 7, 5), "集中领取", book, None),
        (bb, date(2026, 7, 6), "送学上门", book, None), (c, date(2026, 8, 5), "集中领取", quiz, 90),
        (h, date(2026, 9, 1), "托人转交", book, None), (d, date(2026, 10, 1), "集中领取", book, None),
    ]:
        s.add(Handout(material_id=mat.id, member_id=m.id, issued_date=day, method=method,
                      status="已送达", score=score, handled_by="王书记"))
    for m, day in [(bb, date(2026, 8, 1)), (bb, date(2026, 9, 20)), (a, date(2026, 7, 20)),
                   (i, date(2026, 6, 15)), (c, date(2026, 10, 2))]:
        s.add(Visit(member_id=m.id, date=day, visitor_name="王书记", purposes="谈心谈话",
                    requests="=SUM(A1)" if m is bb else ""))
    for helper, helped, since, until in [
        (a, bb, date(2026, 1, 1), None), (d, c, date(2026, 8, 20), date(2026, 9, 30)),
        (h, i, date(2025, 1, 1), date(2026, 9, 1)), (a, i, date(2026, 10, 5), None),
    ]:
        s.add(Pairing(helper_id=helper.id, helped_id=helped.id, since=since, until=until))
    s.add(Suggestion(branch_id=b.id, member_id=a.id, date=date(2026, 8, 8), category="生活服务",
                     text="希望增设老年食堂", forwarded_to="民政所"))
    s.add(Suggestion(branch_id=b.id, member_id=a.id, date=date(2026, 4, 1), text="上季度的建议"))
    s.flush()
    _dues(s, a, bb, d, e, h, i, s.scalars(select(Member).where(
        Member.branch_id == b.id, Member.name.in_(("孙六", "周七"))).order_by(Member.id)).all())
    return b.id


def _dues(s, a, bb, d, e, h, i, others) -> None:
    """The third quarter's party dues, by hand: 张一 5,000.00 → 25.00 a month, paid the quarter
    at once; 李二 on 低保 (0.20), paid nothing; 赵四 joined 08-15 (owes August and September,
    4,000.00 → 20.00) and paid 100.00 for August–December ahead (40.00 of it for the quarter);
    钱五 6,000.00 → 60.00 at 1 %, died 08-10 (owes July and August), paid July; 周七 away (暂离
    still owes) 3,000.00 → 15.00, paid 50.00 for the quarter (5.00 more); 吴八 5,000.01 →
    50.00, reduced to 10.00 from July, paid nothing; 郑九 2,800.00, waived from July; 孙六 left
    in May (not in the quarter); 王三 is not a party member."""
    from app.services import dues

    sun, zhou = others
    today = date(2026, 10, 8)
    for m, base, special in ((a, "5000.00", None), (bb, None, "低保"), (d, "4000.00", None),
                             (e, "6000.00", None), (zhou, "3000.00", None),
                             (h, "5000.01", None), (i, "2800.00", None), (sun, "3500.00", None)):
        dues.set_base(s, m.id, 2026, base, special, today=today)
    dues.add_reduction(s, h.id, "2026-07", None, "10.00", date(2026, 6, 20), "长期住院", today=today)
    dues.add_reduction(s, i.id, "2026-07", None, None, date(2026, 6, 20), "家庭困难", today=today)
    for m, months, amount, day in ((a, "2026-07..2026-09", "75.00", date(2026, 7, 5)),
                                   (d, "2026-08..2026-12", "100.00", date(2026, 9, 5)),
                                   (e, "2026-07", "60.00", date(2026, 7, 5)),
                                   (zhou, "2026-07..2026-09", "50.00", date(2026, 7, 20))):
        dues.record_payment(s, m.id, months, amount, day, today=today)


def build_small_branch(s, name: str, study: bool = True) -> int:
    """A second branch: one homebound member, present at its one event, visited once
    (with study=False: no event at all)."""
    b = Branch(name=name, township="城关镇", secretary="李书记")
    s.add(b)
    s.flush()
    m = Member(branch_id=b.id, name="陈一", mobility="行动不便", retire_type="退休")
    s.add(m)
    s.flush()
    if study:
        ev = StudyEvent(branch_id=b.id, kind="集中学习日", date=date(2026, 7, 6))
        s.add(ev)
        s.flush()
        s.add(Attendance(event_id=ev.id, member_id=m.id, mark="出席"))
    s.add(Visit(member_id=m.id, date=date(2026, 9, 1), visitor_name="李书记"))
    s.flush()
    return b.id
