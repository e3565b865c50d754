"""The dues prints: the 党费收缴登记表 (.xlsx or .pdf) and the annual 公示 (.pdf), gathered from
the year at a glance (ledger.dues_year) as plain data for the writers in app.export.

The ledger's 全年应交 runs to the as-of month while the year runs (its title then says 截至…);
欠交 is what the months due still lack (paid ahead for months to come is not set against it,
and 备注 says 预交); money paid beyond what was due is shown in 备注 as 多交, never corrected.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InputError
from app.export.dues_sheets import (
    NOT_ON_ROSTER, WAIVED, Ledger, LedgerMonth, LedgerRow, Money, Notice, NoticeRow,
)
from app.money import yuan
from app.services.dues.ledger import DuesYear, MemberYear, dues_year
from app.vocab import DUES_ROUNDING_LABELS, LEFT_STATUSES

# The writers are imported late, in export_ledger: reportlab and XlsxWriter load when a ledger is
# written, not with the 党费 page.

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _mark(n: int) -> str:
    return CIRCLED[n - 1] if n <= len(CIRCLED) else f"({n})"


def _due_and_ahead(r: MemberYear) -> tuple[int, int]:
    """Money paid for the months due, and for months still to come."""
    due = sum(c.paid_fen for c in r.months if c.due)
    return due, r.paid_fen - due


def _status_note(r: MemberYear) -> str:
    if r.status in LEFT_STATUSES and r.status_date:
        return f"{r.status_date.month}月{r.status}"
    return r.status if r.status == "暂离" else ""


def _row(number: int, r: MemberYear, notes: list[str]) -> LedgerRow:
    months = []
    for c in r.months:
        mark = WAIVED if c.waived else NOT_ON_ROSTER if not c.owes else ""
        months.append(LedgerMonth(Money(c.paid_fen), list(c.paid_on), mark))
    paid_due, ahead = _due_and_ahead(r)
    remarks = [t for t in (_status_note(r),) if t]
    if r.reduction:
        notes.append(f"{r.name}：{r.reduction}")
        remarks.append(f"减免{_mark(len(notes))}")
    if r.owed_fen is None:
        remarks.append("未定基数")
        outstanding = None
    else:
        outstanding = max(0, r.owed_fen - paid_due)
        if paid_due > r.owed_fen:
            remarks.append(f"多交{yuan(paid_due - r.owed_fen)}元")
    if ahead > 0:
        remarks.append(f"预交{yuan(ahead)}元")
    return LedgerRow(number, r.name, Money(r.base_fen), r.rate, Money(r.monthly_fen), months,
                     Money(r.owed_fen), Money(r.paid_fen), Money(outstanding), "，".join(remarks))


def _totals(rows: list[LedgerRow]) -> LedgerRow:
    def total(values) -> Money:
        known = [v.fen for v in values if v.fen is not None]
        return Money(sum(known) if known else 0)

    months = [LedgerMonth(total(r.months[i].paid for r in rows)) for i in range(12)]
    return LedgerRow(0, "合计", Money(None), "", total(r.monthly for r in rows), months,
                     total(r.owed for r in rows), total(r.paid for r in rows),
                     total(r.outstanding for r in rows), f"{len(rows)}人")


def _rule_note(table: DuesYear) -> str:
    rounding = DUES_ROUNDING_LABELS.get(table.rounding, table.rounding)
    return (f"说明：月应交按缴费基数（每月基本离退休费）5000元及以下0.5%、5000元以上1%计算，"
            f"{rounding}；低保、救济、抚恤党员每月0.20元。各月栏为实交金额（PDF 版下附交纳日期），"
            f"“{NOT_ON_ROSTER}”为当月不在册，“{WAIVED}”为支部决定免交。")


def build_ledger(table: DuesYear, made_on: date) -> Ledger:
    notes: list[str] = []
    rows = [_row(i, r, notes) for i, r in enumerate(table.rows, start=1)]
    numbered = [f"注{_mark(i)}：{text}" for i, text in enumerate(notes, start=1)]
    return Ledger(table.branch, table.year, made_on, table.as_of if table.partial else None,
                  rows, _totals(rows), [*numbered, _rule_note(table)], table.secretary)


def build_notice(table: DuesYear, made_on: date) -> Notice:
    rows = []
    for i, r in enumerate(table.rows, start=1):
        remark = [t for t in (_status_note(r),) if t]
        if r.reduction:
            remark.append("免交" if all(c.waived for c in r.months if c.owes and c.reduced)
                          else "减免")
        if r.owed_fen is None:
            remark.append("未定基数")
        rows.append(NoticeRow(i, r.name, "0.20" if r.special else yuan(r.monthly_fen),
                              yuan(r.owed_fen) if r.owed_fen is not None else "",
                              yuan(r.paid_fen), "，".join(remark)))
    owed, paid = table.owed_fen, table.paid_fen
    rate = f"{(paid * 1000 + owed // 2) // owed / 10:.1f}%" if owed else "—"
    return Notice(table.branch, table.year, made_on, table.as_of if table.partial else None,
                  rows, len(rows), yuan(owed), yuan(paid), rate)


def export_ledger(session: Session, branch_id: int, year: int, path: Path | str,
                  notice: bool = False, as_of: date | None = None,
                  today: date | None = None) -> dict:
    """Write the year's 登记表 (.xlsx or .pdf by the file's extension) or, with `notice`, the
    公示 (.pdf); returns what was written: output, kind, members, pages (PDF)."""
    from app.export.dues_ledger_pdf import write_ledger_pdf
    from app.export.dues_ledger_xlsx import write_ledger_xlsx
    from app.export.dues_notice_pdf import write_notice_pdf

    today = today or date.today()
    path = Path(path)
    suffix = path.suffix.lower()
    if notice and suffix != ".pdf":
        raise InputError(f"公示只能保存为 .pdf，而不是“{path.name}”")
    if suffix not in (".xlsx", ".pdf"):
        raise InputError(f"登记表保存为 .xlsx 或 .pdf，而不是“{path.name}”")
    if date(year, 1, 1) > (as_of or today):
        raise InputError(f"{year}年还没有开始，没有可打印的党费记录")
    table = dues_year(session, branch_id, year, as_of or min(today, date(year, 12, 31)))
    if not table.rows:
        raise InputError(f"{table.branch}{year}年没有要交党费的党员（请先填写缴费基数或登记党费）")
    pages = None
    if notice:
        pages = write_notice_pdf(build_notice(table, today), path)
        kind = "公示"
    elif suffix == ".pdf":
        pages = write_ledger_pdf(build_ledger(table, today), path)
        kind = "登记表"
    else:
        write_ledger_xlsx(build_ledger(table, today), path)
        kind = "登记表"
    return {"output": str(path), "kind": kind, "year": year, "members": len(table.rows),
            "pages": pages, "as_of": f"{table.as_of:%Y-%m-%d}"}
