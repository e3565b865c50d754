"""Table models of the 党费 page: the year at a glance (members × months), who is behind, and
the year's payments. Rows come from app.services.dues; these models only format them. A month's
state is written as a mark (✓ 欠 减 免 · —), coloured as well but never by colour alone."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.money import yuan
from app.services.dues import Behind, DuesYear, MemberYear, MonthCell, PaymentInfo
from app.services.dues import rule
from app.ui.table_models.materials_models import RowsTableModel
from app.vocab import DUES_FLAG_MONTHS

MONTHS = tuple(f"{m}月" for m in range(1, 13))
YEAR_HEADERS = ("姓名", "缴费基数", "月应交", *MONTHS, "应交", "实交", "欠交", "连续未交")
FIRST_MONTH_COLUMN = 3
AFTER_MONTHS = FIRST_MONTH_COLUMN + 12
LEGEND = "✓已交  欠 未交  减 减免  免 免交  ·未到期  —不在册"

PAID, OWED, WAIVED, LATER, OFF = "✓", "欠", "免", "·", "—"
RED, GREEN, BLUE, GREY = "#a3150c", "#1b6e3a", "#1d4f91", "#555555"
_COLOURS = {PAID: GREEN, OWED: RED, WAIVED: BLUE, LATER: GREY, OFF: GREY}


def month_mark(c: MonthCell) -> str:
    """A month in a word: ✓ paid, 欠 due and unpaid, 免 waived, · not due yet, — not owed;
    减 added where a reduction applies (✓减, 欠减)."""
    if not c.owes:
        return PAID if c.covered else OFF
    if c.waived:
        return WAIVED
    if c.covered:
        mark = PAID
    elif c.due:
        mark = OWED
    else:
        return LATER
    return mark + ("减" if c.reduced else "")


def month_tip(name: str, year: int, month: int, c: MonthCell) -> str:
    """What the month's cell means in a sentence (shown when the mouse rests on it)."""
    head = f"{name} {year}年{month}月："
    if not c.owes:
        return head + "不在册或不用交党费"
    if c.waived:
        return head + "支部决定免交"
    owed = "未定缴费基数" if c.owed_fen is None else f"应交 {yuan(c.owed_fen)} 元"
    paid = f"实交 {yuan(c.paid_fen)} 元" if c.covered or c.paid_fen else "未交"
    days = "（" + "、".join(f"{d:%Y-%m-%d}" for d in c.paid_on) + " 交）" if c.paid_on else ""
    later = "，还没到期" if not c.due else ""
    return head + f"{owed}，{paid}{days}{'，已减免' if c.reduced else ''}{later}"


def behind_words(months: int) -> str:
    """连续未交 in words: ▲ from 6 months (the branch must act), plain below."""
    if months >= DUES_FLAG_MONTHS:
        return f"▲ {months} 个月"
    return f"{months} 个月" if months else ""


class DuesYearModel(QAbstractTableModel):
    """The year at a glance: one row per member who owes dues in the year, a 合计 row last."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table: DuesYear | None = None
        self.items: list[MemberYear] = []

    def set_year(self, table: DuesYear) -> None:
        self.beginResetModel()
        self.table, self.items = table, list(table.rows)
        self.endResetModel()

    # reading back -----------------------------------------------------------------------------
    def member_id(self, row: int) -> int | None:
        return self.items[row].member_id if 0 <= row < len(self.items) else None

    def item(self, row: int) -> MemberYear | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, member_id: int | None) -> int:
        return next((i for i, r in enumerate(self.items) if r.member_id == member_id), -1)

    def is_total(self, row: int) -> bool:
        return bool(self.items) and row == len(self.items)

    # the cells --------------------------------------------------------------------------------
    def text(self, row: int, col: int) -> str:
        if self.is_total(row):
            return self._total_text(col)
        r = self.items[row]
        if col == 0:
            return r.name
        if col == 1:
            return r.special or yuan(r.base_fen) or "未定"
        if col == 2:
            return yuan(r.monthly_fen)
        if col < AFTER_MONTHS:
            return month_mark(r.months[col - FIRST_MONTH_COLUMN])
        if col == AFTER_MONTHS:
            return "—" if r.owed_fen is None else yuan(r.owed_fen)
        if col == AFTER_MONTHS + 1:
            return yuan(r.paid_fen)
        if col == AFTER_MONTHS + 2:
            return "—" if r.outstanding_fen is None else yuan(r.outstanding_fen)
        return behind_words(r.months_behind)

    def _total_text(self, col: int) -> str:
        rows = self.items
        if col == 0:
            return f"合计 {len(rows)} 人"
        if FIRST_MONTH_COLUMN <= col < AFTER_MONTHS:
            i = col - FIRST_MONTH_COLUMN
            paid = sum(1 for r in rows if r.months[i].covered)
            return f"{paid}人" if any(r.months[i].owes for r in rows) else ""
        if col == AFTER_MONTHS:
            return yuan(self.table.owed_fen)
        if col == AFTER_MONTHS + 1:
            return yuan(self.table.paid_fen)
        if col == AFTER_MONTHS + 2:
            return yuan(self.table.owed_fen - self.table.paid_fen)
        if col == AFTER_MONTHS + 3:
            behind = sum(1 for r in rows if r.months_behind >= 3)
            return f"欠缴 {behind} 人" if behind else ""
        return ""

    def tip(self, row: int, col: int) -> str:
        if self.is_total(row):
            if FIRST_MONTH_COLUMN <= col < AFTER_MONTHS:
                i = col - FIRST_MONTH_COLUMN
                money = sum(r.months[i].paid_fen for r in self.items)
                return f"{i + 1}月已交 {self._total_text(col)}，共 {yuan(money)} 元"
            return self._total_text(col)
        r = self.items[row]
        if FIRST_MONTH_COLUMN <= col < AFTER_MONTHS:
            return month_tip(r.name, self.table.year, col - FIRST_MONTH_COLUMN + 1,
                             r.months[col - FIRST_MONTH_COLUMN])
        if col == 1:
            return f"{r.name}：{r.rate or '未定缴费基数'}" + (f"；{r.reduction}" if r.reduction else "")
        if col == AFTER_MONTHS + 2 and (r.outstanding_fen or 0) < 0:
            return f"多交或预交 {yuan(-r.outstanding_fen)} 元"
        return self.text(row, col)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() or not self.items else len(self.items) + 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(YEAR_HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == 0:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            if FIRST_MONTH_COLUMN <= col < AFTER_MONTHS or col == AFTER_MONTHS + 3:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row, col)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.FontRole and (self.is_total(row) or self._alarm(row, col)):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _colour(self, row: int, col: int) -> str | None:
        if self.is_total(row):
            return None
        if FIRST_MONTH_COLUMN <= col < AFTER_MONTHS:
            mark = self.text(row, col)
            return _COLOURS.get(mark[:1])
        if self._alarm(row, col):
            return RED
        return None

    def _alarm(self, row: int, col: int) -> bool:
        """3 months or more unpaid, in 连续未交 and the month marks 欠."""
        if self.is_total(row) or not 0 <= row < len(self.items):
            return False
        if col == AFTER_MONTHS + 3:
            return self.items[row].months_behind >= 3
        return FIRST_MONTH_COLUMN <= col < AFTER_MONTHS and self.text(row, col).startswith(OWED)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return YEAR_HEADERS[section]
        return None


BEHIND_HEADERS = ("状态", "姓名", "村/社区", "连续未交", "从", "到", "应补交（元）")


def behind_state(b: Behind) -> str:
    return "▲ 满6个月，支部需处理" if b.flagged else "欠缴"


class BehindModel(RowsTableModel):
    """欠缴: members with 3 months or more unpaid in a row, the longest first; 6 months or more
    says so in words, in red and bold."""

    def __init__(self, parent=None):
        super().__init__(BEHIND_HEADERS, centered=(3, 4, 5), parent=parent)

    def set_behind(self, rows: list[Behind]) -> None:
        self.set_rows(rows, [b.member_id for b in rows], [
            (behind_state(b), b.name, b.community, f"{b.months} 个月", rule.month_cn(b.first),
             rule.month_cn(b.last), "未定基数" if b.amount_fen is None else yuan(b.amount_fen))
            for b in rows])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and self.items[index.row()].flagged and index.column() in (0, 3):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(RED))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if index.isValid() and role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


PAYMENT_HEADERS = ("编号", "交纳日期", "姓名", "所交月份", "金额（元）", "方式", "收缴人", "说明")


def payment_state(p: PaymentInfo) -> str:
    if p.reverses_id is not None:
        return f"冲正第 {p.reverses_id} 号：{p.note.split('：', 1)[-1]}"
    parts = [f"已冲正（冲正记录第 {p.reversed_by} 号）"] if p.reversed_by else []
    if p.note:
        parts.append(p.note)
    return "；".join(parts)


class PaymentsModel(RowsTableModel):
    """The year's payments and 冲正 entries, the latest first."""

    def __init__(self, parent=None):
        super().__init__(PAYMENT_HEADERS, centered=(0, 1, 3, 5), parent=parent)

    def set_payments(self, rows: list[PaymentInfo]) -> None:
        rows = sorted(rows, key=lambda p: (p.paid_on, p.id), reverse=True)
        self.set_rows(rows, [p.id for p in rows], [
            (p.id, p.paid_on, p.name, rule.months_cn(p.first, p.last), yuan(p.amount_fen),
             p.how, p.collector, payment_state(p)) for p in rows])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid():
            p = self.items[index.row()]
            if role == Qt.ItemDataRole.ForegroundRole and not p.in_force:
                return QBrush(QColor(GREY))
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
