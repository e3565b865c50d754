"""Everything the quarterly workbook shows, gathered as plain rows (no openpyxl here).

The export module only lays these rows out; the figures come from `quarter_figures`, and every
detail sheet is read with the same definitions (在册 at the period's end, events not cancelled,
members on the roster on the event's day), so 汇总 always agrees with the sheets behind it.

A quarter not over yet is reported up to today (its title says 截至…); a quarter that has not
begun is refused. Sheets of study and hand-outs are in `quarterly_study`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app import idcard
from app.dates import age_on, cn, fmt, quarter_bounds
from app.errors import InputError
from app.export.quarterly_xlsx import write_quarterly
from app.export.sheets import DEFAULT_AUTHORITY, MONEY_HEADERS, TOTAL, QuarterReport, Sheet
from app.member_fields import AGE_LABEL, LABEL, SEQ_LABEL
from app.models import Branch, Member, Pairing, Suggestion, Visit
from app.prefs import Prefs
from app.quarter_labels import yuan_value
from app.services.dues import quarter_dues
from app.services.quarter_figures import AWAY, in_register_at, quarter_figures
from app.services.quarterly_study import attendance_sheets, handout_sheet, name_labels

# the 党员名册 of spec/quarterly-report.md: member fields by their labels (app/member_fields.py)
ROSTER_HEADERS = (SEQ_LABEL, *(LABEL[k] for k in ("name", "gender", "birth_date")), AGE_LABEL,
                  *(LABEL[k] for k in ("id_number", "retire_type", "is_party_member",
                                       "former_unit", "phone", "address", "living", "mobility")),
                  "结对人", "最近走访")
VISIT_HEADERS = ("日期", "党员", "走访人", "走访人类别", "事由", "送达资料", "身体状况", "诉求",
                 "处理情况")
SUGGESTION_HEADERS = ("日期", "党员", "类别", "内容", "转交部门", "办理情况")
DUES_HEADERS = ("序号", "姓名", "缴费基数", "比例", *MONEY_HEADERS[1:], "备注")


def branch_by_name(session: Session, name: str | None) -> int:
    """The branch to report on: the one named, or the only one there is."""
    rows = session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all()
    if name:
        for bid, bname in rows:
            if bname == name:
                return bid
        raise InputError(f"没有名为“{name}”的支部。现有支部：{'、'.join(n for _, n in rows) or '无'}")
    if not rows:
        raise InputError("数据库里还没有支部，请先导入花名册或生成演示数据。")
    if len(rows) > 1:
        raise InputError(f"数据库里有 {len(rows)} 个支部，请用 --branch 指明是哪一个，"
                         f"或用 --all-branches 把全部支部合成一个报表。")
    return rows[0][0]


def report_period(year: int, quarter: int, today: date) -> tuple[date, date]:
    """The days a report of the quarter covers: all of it once it is over, up to today while
    it runs; InputError for a quarter that has not begun (nothing to report yet)."""
    start, end = quarter_bounds(year, quarter)
    if start > today:
        raise InputError(f"{year}年第{quarter}季度还没有开始（今天是{cn(today)}），"
                         f"不能生成这个季度的报表。请选择已经开始的季度。")
    return start, min(end, today)


def form_authority() -> str:
    """制表机关 as set in 设置 (this PC's preferences), or the default."""
    return Prefs.load().form_authority.strip() or DEFAULT_AUTHORITY


def summary_unit() -> str:
    """填报单位 of a roll-up's 汇总 as set in 设置 ("" to be written by hand)."""
    return Prefs.load().summary_unit.strip()


def build_report(session: Session, branch_id: int, year: int, quarter: int,
                 full_id: bool = False, today: date | None = None,
                 authority: str | None = None) -> QuarterReport:
    today = today or date.today()
    start, end = report_period(year, quarter, today)
    b = session.get(Branch, branch_id)
    figures = quarter_figures(session, branch_id, start, end)
    title = f"{b.name}{year}年第{quarter}季度"
    names = name_labels(session, branch_id)
    sheets = [
        _roster(session, branch_id, end, full_id, title),
        *attendance_sheets(session, branch_id, start, end, title, names),
        handout_sheet(session, branch_id, start, end, title, names),
        _visits(session, branch_id, start, end, title, names),
        _suggestions(session, branch_id, start, end, title, names),
        _dues(session, branch_id, year, quarter, end, title, names),
    ]
    return QuarterReport(b.name, b.township, b.secretary, year, quarter, today, figures, sheets,
                         phone=b.phone, authority=authority or form_authority())


def _roster(session, branch_id, end, full_id, title) -> Sheet:
    ids = in_register_at(session, branch_id, end).scalar_subquery()
    helper = aliased(Member)
    pairs: dict[int, list[str]] = {}
    for helped, name in session.execute(
        select(Pairing.helped_id, helper.name).join(helper, helper.id == Pairing.helper_id)
        .where(Pairing.helped_id.in_(ids), Pairing.since <= end,
               or_(Pairing.until.is_(None), Pairing.until >= end)).order_by(Pairing.since)
    ):
        pairs.setdefault(helped, []).append(name)
    last = dict(session.execute(select(Visit.member_id, func.max(Visit.date))
                                .where(Visit.member_id.in_(ids), Visit.date <= end)
                                .group_by(Visit.member_id)).all())
    rows = []
    for n, m in enumerate(session.execute(
        select(Member.id, Member.name, Member.gender, Member.birth_date, Member.birth_month_only,
               Member.id_number, Member.retire_type, Member.is_party_member, Member.former_unit,
               Member.phone, Member.address, Member.living, Member.mobility, Member.status,
               Member.status_date)
        .where(Member.id.in_(ids)).order_by(Member.sort_order, Member.id)
    ), start=1):
        living = m.living or ""
        if m.status == AWAY and (m.status_date is None or m.status_date <= end):
            since = f"{fmt(m.status_date)}起" if m.status_date else ""
            living = "；".join(filter(None, (living, f"暂离{since}")))
        rows.append([n, m.name, m.gender or "", fmt(m.birth_date, True), age_on(m.birth_date, end),
                     m.id_number if full_id else idcard.mask(m.id_number), m.retire_type or "",
                     "是" if m.is_party_member else "否", m.former_unit, m.phone, m.address,
                     living, m.mobility, "、".join(pairs.get(m.id, [])), fmt(last.get(m.id))])
    return Sheet("党员名册", f"{title}党员名册", list(ROSTER_HEADERS), rows)


def _visits(session, branch_id, start, end, title, names) -> Sheet:
    rows = [[fmt(v.date), names.get(v.member_id, v.name), v.visitor_name, v.visitor_kind,
             v.purposes, v.delivered_note, v.health, v.requests,
             v.follow_up + ("（已办结）" if v.follow_up_done else "")]
            for v in session.execute(
                select(Visit.date, Visit.member_id, Member.name, Visit.visitor_name,
                       Visit.visitor_kind, Visit.purposes, Visit.delivered_note, Visit.health,
                       Visit.requests, Visit.follow_up, Visit.follow_up_done)
                .join(Member, Member.id == Visit.member_id)
                .where(Member.branch_id == branch_id, Visit.date.between(start, end))
                .order_by(Visit.date, Visit.id))]
    return Sheet("走访记录", f"{title}走访记录", list(VISIT_HEADERS), rows)


def _suggestions(session, branch_id, start, end, title, names) -> Sheet:
    rows = [[fmt(s.date), names.get(s.member_id, s.name or ""), s.category, s.text,
             s.forwarded_to, s.status + (f"：{s.result}" if s.result else "")]
            for s in session.execute(
                select(Suggestion.date, Suggestion.member_id, Member.name, Suggestion.category,
                       Suggestion.text, Suggestion.forwarded_to, Suggestion.status,
                       Suggestion.result)
                .outerjoin(Member, and_(Member.id == Suggestion.member_id))
                .where(Suggestion.branch_id == branch_id, Suggestion.date.between(start, end))
                .order_by(Suggestion.date, Suggestion.id))]
    return Sheet("建言献策", f"{title}建言献策登记", list(SUGGESTION_HEADERS), rows)


def _money(fen: int | None) -> float | str:
    return "" if fen is None else yuan_value(fen)


def _dues(session, branch_id, year, quarter, end, title, names) -> Sheet:
    """党费收缴: per member 基数, 月应交, 本季应交, 本季实交, 欠交 — the rows behind 汇总's
    应交党费金额, 实交党费金额 and 欠交党费人数 (the same `quarter_dues`), and their 合计."""
    q = quarter_dues(session, branch_id, year, quarter, as_of=end)
    rows = []
    for n, r in enumerate(q.rows, start=1):
        notes = [r.reduction or "", "未定缴费基数" if r.owed_fen is None else ""]
        if (r.outstanding_fen or 0) < 0:
            notes.append("多交或预交")
        rows.append([n, names.get(r.member_id, r.name), _money(r.base_fen), r.rate,
                     _money(r.monthly_fen), _money(r.owed_fen), _money(r.paid_fen),
                     _money(r.outstanding_fen), "；".join(x for x in notes if x)])
    if rows:
        rows.append(["", TOTAL, "", "", "", _money(q.owed_fen), _money(q.paid_fen),
                     _money(q.owed_fen - q.paid_fen),
                     f"{len(q.rows)}人，欠交{q.members_outstanding}人"])
    upto = f"，算到{cn(end)}" if end < quarter_bounds(year, quarter)[1] else ""
    note = (f"说明：本季应交＝本季在册各月的月应交（有减免的按减免后）{upto}；本季实交含为本季各月"
            f"预交的党费；欠交＝应交－实交，负数为多交或预交。月应交按缴费基数（每月基本离退休费）"
            f"5000元及以下0.5%、5000元以上1%计，低保、救济、抚恤党员每月0.20元。")
    money = tuple(DUES_HEADERS.index(h) + 1 for h in MONEY_HEADERS)
    return Sheet("党费收缴", f"{title}党费收缴情况", list(DUES_HEADERS), rows, note=note,
                 money_columns=money, total_row=bool(rows),
                 center_columns=(DUES_HEADERS.index("比例") + 1,))


def export_quarter(session: Session, branch_id: int, year: int, quarter: int, path,
                   full_id: bool = False, today: date | None = None,
                   authority: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> QuarterReport:
    """The one way a branch's quarterly workbook is made — by the window, the command line, the
    bench and the tests alike: gather (build_report), then write (app.export). Returns what was
    written; InputError for a quarter not begun, nothing written."""
    if progress:
        progress(0, 2)
    report = build_report(session, branch_id, year, quarter, full_id, today, authority)
    write_quarterly(report, path, progress)
    return report
