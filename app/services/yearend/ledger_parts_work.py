"""The ledger book's parts 4–6 as plain data (app.export.ledger_book_data): 党费缴纳情况 (the
year's 党费收缴登记表 as app.services.dues.printing builds it), 党员和党支部受奖惩情况 (评先评优's
figures) and 党员发挥作用情况 (建言献策, 志愿服务, 老老结对, lectures members gave)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn
from app.export.dues_sheets import NOT_ON_ROSTER, WAIVED, LedgerRow, Money
from app.export.ledger_book_data import Part, Passage, Table
from app.models import Member
from app.services.dues.ledger import dues_year, keeps_dues
from app.services.dues.printing import build_ledger
from app.services.orglife.meetings import year_meetings
from app.services.pairings import pairings
from app.services.suggestions import suggestions
from app.services.visits import visit_rows
from app.services.volunteers import volunteers
from app.services.yearend.honour_figures import contest_entries_of_year, honours_of_year

QUARTERS = ("一季度", "二季度", "三季度", "四季度")


def _quarter(row: LedgerRow, q: int) -> str:
    months = row.months[3 * q:3 * q + 3]
    if all(m.mark == NOT_ON_ROSTER for m in months):
        return NOT_ON_ROSTER
    if all(m.mark in (WAIVED, NOT_ON_ROSTER) for m in months):
        return WAIVED
    return Money(sum(m.paid.fen or 0 for m in months)).text


def _dues_row(row: LedgerRow) -> tuple[str, ...]:
    number = "" if row.number == 0 else str(row.number)
    return (number, row.name, row.base.text, row.rate, row.monthly.text,
            *(_quarter(row, q) for q in range(4)), row.owed.text, row.paid.text,
            row.outstanding.text, row.note)


def part_dues(session: Session, branch_id: int, year: int, day: date, today: date) -> Part:
    """4. 党费缴纳情况: the year's 党费收缴登记表, the months added up by quarter (the month by
    month table is the 党费 page's 打印登记表)."""
    empty = f"{year}年没有在程序中登记党费（没有缴费基数和交纳记录）"
    rows, notes, title = [], [], f"（一）{year}年党费收缴登记表"
    if keeps_dues(session, branch_id):
        ledger = build_ledger(dues_year(session, branch_id, year, day), today)
        if ledger.rows:
            rows = [_dues_row(r) for r in ledger.rows] + [_dues_row(ledger.totals)]
            notes = ledger.notes
            title += ledger.subtitle
    table = Table(title + "（单位：元）",
                  ("序号", "姓名", "缴费基数", "比例", "月应交", *QUARTERS, "全年应交", "全年实交",
                   "欠交", "备注"),
                  (0.45, 1, 1.05, 0.75, 0.85, 0.9, 0.9, 0.9, 0.9, 1, 1, 0.95, 1.05), rows,
                  empty, centred=(0, 3), right=(2, 4, 5, 6, 7, 8, 9, 10, 11), dense=True)
    blocks: list = [table]
    if notes:
        blocks.append(Passage("（二）说明", "\n".join(notes)))
    return Part(4, "党费缴纳情况", blocks)


def part_honours(session: Session, branch_id: int, year: int) -> Part:
    """5. 党员和党支部受奖惩情况: the year's honours (the branch's first) and contest entries."""
    honours = [(str(i), h.holder, h.name, h.level_text, h.conferred_by,
                cn(h.conferred_on) if h.conferred_on else "", h.note)
               for i, h in enumerate(honours_of_year(session, branch_id, year), start=1)]
    entries = [(str(i), e.contest, e.name, e.title or e.score, e.result, e.note)
               for i, e in enumerate(contest_entries_of_year(session, branch_id, year), start=1)]
    return Part(5, "党员和党支部受奖惩情况", [
        Table(f"（一）受表彰情况（{len(honours)} 项）",
              ("序号", "获奖对象", "荣誉名称", "级别", "授予单位", "授予日期", "备注"),
              (0.6, 1.4, 1.6, 0.7, 1.6, 1.7, 1.6), honours, f"{year}年没有登记受表彰情况",
              centred=(0, 3, 5)),
        Table(f"（二）参加竞赛活动情况（{len(entries)} 人次）",
              ("序号", "竞赛活动", "姓名", "作品 / 题目 / 分数", "结果", "备注"),
              (0.6, 2.2, 1.1, 2.4, 1, 1.2), entries, f"{year}年没有登记竞赛活动",
              centred=(0, 2, 4)),
        Passage("（三）受处分情况", "本程序不登记党纪处分；如有，请另附材料。"),
    ])


def _suggestions(session: Session, branch_id: int, year: int) -> Table:
    rows = [s for s in suggestions(session, branch_id) if s.date.year == year][::-1]
    return Table(f"（一）建言献策（{len(rows)} 条）",
                 ("序号", "日期", "提出人", "类别", "建议内容", "转交部门", "办理情况"),
                 (0.6, 1.7, 1, 1, 3, 1.3, 1.4),
                 [(str(i), cn(s.date), s.member_name, s.category, s.text, s.forwarded_to,
                   "：".join(t for t in (s.status, s.result) if t))
                  for i, s in enumerate(rows, start=1)],
                 f"{year}年没有登记建言献策", centred=(0, 1, 2, 3))


def _visits_by(visits, name: str) -> int:
    return sum(v.visitor_name == name for v in visits)


def _helper_visits(visits, pair) -> int:
    """The helper's visits to the member paired with them."""
    return sum(v.member_id == pair.helped_id and v.visitor_name == pair.helper_name
               for v in visits)


def _helpers(session: Session, branch_id: int, year: int, visits) -> Table:
    first, last = date(year, 1, 1), date(year, 12, 31)
    pairs = [p for p in pairings(session, branch_id, include_ended=True)
             if p.since <= last and (p.until is None or p.until >= first)]
    rows = [(str(i), p.helper_name, p.helped_name, p.helped_mobility, cn(p.since),
             cn(p.until) if p.until else "至今", f"{_helper_visits(visits, p)} 次")
            for i, p in enumerate(pairs, start=1)]
    return Table(f"（二）老老结对（{len(rows)} 对）",
                 ("序号", "帮扶党员", "结对对象", "行动情况", "结对日期", "结束日期", "本年上门"),
                 (0.6, 1.2, 1.2, 1, 1.7, 1.7, 1), rows, f"{year}年没有老老结对",
                 centred=(0, 1, 2, 3, 4, 5, 6))


def _volunteering(session: Session, branch_id: int, visits) -> Table:
    people = volunteers(session, branch_id, include_inactive=True)
    rows = [(str(i), v.name, v.kind, v.organisation, f"{_visits_by(visits, v.name)} 次",
             "" if v.active else "已停止")
            for i, v in enumerate(people, start=1)]
    return Table(f"（三）志愿服务（助老员、志愿者 {len(rows)} 人）",
                 ("序号", "姓名", "类别", "所在单位", "本年走访", "备注"),
                 (0.6, 1.2, 1, 2.6, 1, 1), rows, "没有登记助老员和志愿者",
                 centred=(0, 1, 2, 4))


def _lectures(session: Session, branch_id: int, year: int, today: date) -> Table:
    names = set(session.scalars(select(Member.name).where(Member.branch_id == branch_id)))
    given = [m.event for m in year_meetings(session, branch_id, year) if not m.event.cancelled
             and m.event.date <= today and m.event.speaker in names]
    rows = [(str(i), cn(e.date), e.speaker, e.kind, e.topic)
            for i, e in enumerate(given, start=1)]
    return Table(f"（四）党员宣讲、讲党课（{len(rows)} 次）",
                 ("序号", "日期", "主讲党员", "活动", "题目"), (0.6, 1.7, 1.1, 1.3, 4), rows,
                 f"{year}年没有党员主讲的党课或宣讲", centred=(0, 1, 2, 3))


def part_roles(session: Session, branch_id: int, year: int, today: date) -> Part:
    """6. 党员发挥作用情况: 建言献策, 老老结对 helpers and their visits, volunteers, and the
    lectures and talks members gave (study events whose speaker is a member)."""
    visits = visit_rows(session, branch_id, start=date(year, 1, 1), end=date(year, 12, 31))
    blocks = [_suggestions(session, branch_id, year), _helpers(session, branch_id, year, visits),
              _volunteering(session, branch_id, visits), _lectures(session, branch_id, year, today)]
    return Part(6, "党员发挥作用情况", blocks)
