"""The small forms of the 党费 page: 登记交费, 冲正, 缴费基数 and 减免. Each reads its fields,
calls one use case of app.services.dues, and shows the service's Chinese sentence above the
buttons when something is wrong (nothing is saved then).

登记交费 is made for the keyboard: it opens with the member's first unpaid month, one month,
what that month costs, today and the last collector, the month count focused — so 3 and Enter
records a quarter as one entry. More than 6 months asks whether the branch agreed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget
from sqlalchemy import select

from app.errors import InputError, UserError
from app.models import Branch, Member
from app.money import AmountError, fen_of, yuan
from app.services import dues
from app.services.dues import rule
from app.services.dues.payments import payment
from app.ui import messages
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import DateField, choice_box, hint
from app.vocab import DUES_HOW, DUES_HOW_DEFAULT, DUES_MAX_MONTHS, DUES_SPECIALS, LEFT_STATUSES

WARN = "color: #8a4b00; font-weight: bold;"


class DuesForm(SessionForm):
    """A dues form: a SessionForm whose dates must name a day."""

    def __init__(self, ctx, title: str, parent=None, save_text: str = "保存"):
        super().__init__(ctx, title, parent, save_text, size=(620, 300))

    def date_of(self, field: DateField, label: str) -> date:
        try:
            day, month_only = field.value()
        except ValueError as exc:
            raise InputError(f"{label}：{exc}") from None
        if day is None or month_only:
            raise InputError(f"请填写{label}（写到哪一天，如 {date.today():%Y-%m-%d}）")
        return day


def month_of_text(text: str, what: str) -> int:
    try:
        return rule.parse_month(text, what)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def member_name(ctx, member_id: int) -> str:
    with ctx.db.session() as s:
        m = s.get_one(Member, member_id)
        return m.name + (f"（{m.community}）" if m.community else "")


class PaymentDialog(DuesForm):
    """登记交费: one payment of one member for a run of months."""

    def __init__(self, ctx, member_id: int, year: int, parent=None, first: int | None = None,
                 months: int = 1):
        super().__init__(ctx, "登记交费", parent)
        self.member_id, self.payment = member_id, None
        self._amount_typed = False
        with ctx.db.session() as s:
            if first is None:
                row = dues.member_year(s, member_id, year)
                first = (dues.first_unpaid_month(row, year) if row is not None
                         else rule.month_of(min(date.today(), date(year, 12, 1))))
            secretary = s.get_one(Branch, s.get_one(Member, member_id).branch_id).secretary
        self.setWindowTitle(f"登记交费 — {member_name(ctx, member_id)}")
        self.first = QLineEdit(rule.month_text(first))
        self.first.setPlaceholderText("如 2026-03")
        self.count = QSpinBox()
        self.count.setRange(1, 24)
        self.count.setValue(months)
        self.count.setSuffix(" 个月")
        self.last_label = QLabel()
        months_row = QHBoxLayout()
        months_row.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("从"), self.first, QLabel("起，共"), self.count, self.last_label):
            months_row.addWidget(w)
        months_row.addStretch(1)
        holder = QWidget()
        holder.setLayout(months_row)
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("如 75.00")
        self.amount.textEdited.connect(self._typed)
        self.owed_label = QLabel()
        self.owed_label.setWordWrap(True)
        self.paid_on = DateField()
        self.paid_on.set_value(date.today())
        self.how = choice_box(DUES_HOW, current=DUES_HOW_DEFAULT)
        self.collector = QLineEdit(ctx.prefs.dues_collector or secretary or ctx.prefs.user_name)
        self.note = QLineEdit()
        self.note.setPlaceholderText("可不填")
        for label, w in (("所交月份 *", holder), ("金额（元）*", self.amount), ("", self.owed_label),
                         ("交纳日期 *", self.paid_on), ("交纳方式", self.how),
                         ("收缴人", self.collector), ("备注", self.note)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            f"一次交几个月（如一个季度）就登记一笔。一次超过 {DUES_MAX_MONTHS} 个月需要支部同意。"
            f"按回车键保存。"))
        self.first.textChanged.connect(self._recompute)
        self.count.valueChanged.connect(self._recompute)
        self._recompute()
        self.count.setFocus()
        self.count.selectAll()

    def _typed(self, _text: str) -> None:
        self._amount_typed = True
        self._recompute()

    def months(self) -> tuple[int, int]:
        first = month_of_text(self.first.text(), "起始月份")
        return first, first + self.count.value() - 1

    def _recompute(self) -> None:
        """The last month, what the months cost, and — when the amount was left alone — that
        amount in the amount field; a typed amount that differs is said, never changed."""
        try:
            first, last = self.months()
        except InputError:
            self.last_label.setText("（月份看不懂，请写成 2026-03 的样子）")
            self.owed_label.setText("")
            return
        self.last_label.setText(f"至 {rule.month_cn(last)}")
        try:
            with self.ctx.db.session() as s:
                owed = dues.owed_between(s, self.member_id, first, last)
        except UserError:
            owed = None
        if not self._amount_typed:
            self.amount.setText(yuan(owed) if owed is not None else "")
        count = last - first + 1
        if owed is None:
            self.owed_label.setText(f"这 {count} 个月还没有缴费基数，请照实填写金额。")
            self.owed_label.setStyleSheet(WARN)
            return
        words, warn = f"这 {count} 个月应交 {yuan(owed)} 元。", False
        try:
            typed = fen_of(self.amount.text())
        except AmountError:
            typed = None
        if typed is not None and typed != owed:
            more = typed - owed
            words += f"填的金额{'多' if more > 0 else '少'} {yuan(abs(more))} 元，会照实登记。"
            warn = True
        if count > DUES_MAX_MONTHS:
            words += f"一次超过 {DUES_MAX_MONTHS} 个月，保存时会请您确认支部同意。"
            warn = True
        self.owed_label.setText(words)
        self.owed_label.setStyleSheet(WARN if warn else "")

    def save(self) -> None:
        self._save(confirmed=False)

    def _save(self, confirmed: bool) -> None:
        try:
            first, last = self.months()
            paid_on = self.date_of(self.paid_on, "交纳日期")
            with self.ctx.db.session() as s:
                self.payment = dues.record_payment(
                    s, self.member_id, (first, last), self.amount.text(), paid_on,
                    self.how.currentData(), self.collector.text(), self.note.text(),
                    confirmed=confirmed)
        except dues.NeedsConfirmation as exc:
            text = str(exc).replace("（命令行加 --confirm）", "")
            if messages.ask(self, f"{text}。\n支部同意这样交吗？", yes="支部同意，登记",
                            no="返回修改", title="一次超过6个月"):
                self._save(confirmed=True)
            return
        except UserError as exc:
            self.show_problems(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        collector = self.collector.text().strip()
        if collector != self.ctx.prefs.dues_collector:
            self.ctx.prefs.dues_collector = collector  # offered for the next payment
            self.ctx.prefs.save()
        self.mark_saved()
        self.accept()


class ReverseDialog(DuesForm):
    """冲正: cancel a payment recorded by mistake with an entry of the opposite amount; the
    payment stays in the books."""

    def __init__(self, ctx, payment_id: int, parent=None):
        super().__init__(ctx, "冲正这笔收款？", parent, save_text="确定冲正")
        self.payment_id = payment_id
        with ctx.db.session() as s:
            p = payment(s, payment_id)
        self.body_layout.insertWidget(0, hint(
            "冲正会另记一笔相反的金额，把这笔收款抵消；原来的记录保留，不会删除。"))
        what = QLabel(f"收款记录第 {p.id} 号：{p.name}，{rule.months_cn(p.first, p.last)}，"
                      f"{yuan(p.amount_fen)} 元，{p.paid_on:%Y-%m-%d} 交（{p.how}，收缴人 "
                      f"{p.collector or '未填'}）")
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如 登记错了人、金额写错")
        self.on = DateField()
        self.on.set_value(date.today())
        self.form.addRow("要冲正的收款", what)
        self.form.addRow("冲正原因 *", self.reason)
        self.form.addRow("冲正日期", self.on)
        self.reason.setFocus()

    def apply(self, session) -> None:
        dues.reverse_payment(session, self.payment_id, self.reason.text(),
                             self.date_of(self.on, "冲正日期"))


def party_member_box(ctx, year: int, current: int | None):
    """Party members of the branch on the roster in `year`, type-to-find by name."""
    box = choice_box(())
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    with ctx.db.session() as s:
        rows = s.execute(select(Member.id, Member.name, Member.community, Member.status,
                                Member.status_date)
                         .where(Member.branch_id == ctx.branch_id,
                                Member.is_party_member.is_(True))
                         .order_by(Member.sort_order, Member.id)).all()
    for mid, name, place, status, since in rows:
        if status in LEFT_STATUSES and (since is None or since.year < year):
            continue
        box.addItem(f"{name}（{place or '未填村/社区'}）", mid)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class BaseDialog(DuesForm):
    """缴费基数: set or correct one member's base for the year (a correction needs a note)."""

    def __init__(self, ctx, member_id: int | None, year: int, parent=None):
        super().__init__(ctx, f"{year}年缴费基数", parent)
        self.year = year
        self.member = party_member_box(ctx, year, member_id)
        self.now_label = QLabel()
        self.now_label.setWordWrap(True)
        self.base = QLineEdit()
        self.base.setPlaceholderText("每月基本离退休费（不含津贴补贴），如 4380.00")
        self.special = choice_box(DUES_SPECIALS, blank="无")
        self.note = QLineEdit()
        self.note.setPlaceholderText("更正时必填，如 按财务科新表更正")
        self.rule_label = QLabel()
        for label, w in (("党员 *", self.member), ("现在", self.now_label),
                         ("缴费基数（元）", self.base), ("特殊情况", self.special),
                         ("按规定每月交", self.rule_label), ("说明", self.note)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            "基数为每月基本离退休费（不含津贴补贴）：5000元及以下按0.5%，5000元以上按1%（按全部基数计）；"
            "低保、救济、抚恤党员每月0.20元。"))
        self.member.currentIndexChanged.connect(self._load)
        self.base.textChanged.connect(self._preview)
        self.special.currentIndexChanged.connect(self._preview)
        self._load()
        self.base.setFocus()

    def _load(self) -> None:
        member_id = self.member.currentData()
        info = None
        if member_id is not None:
            with self.ctx.db.session() as s:
                info = dues.base_of(s, member_id, self.year)
                self.rounding = dues.rounding_of(s, self.ctx.branch_id)
        if info is None:
            self.now_label.setText("还没有填写")
            self.base.setText("")
            self.special.setCurrentIndex(0)
        else:
            self.now_label.setText(f"{yuan(info.base_fen) or '未填'} 元"
                                   f"{'，' + info.special if info.special else ''}（比例 {info.rate}，"
                                   f"月应交 {yuan(info.monthly_fen)} 元；{info.set_by or '未记名'} "
                                   f"{info.set_at:%Y-%m-%d} 填写{'：' + info.note if info.note else ''}）")
            self.base.setText(yuan(info.base_fen))
            self.special.setCurrentIndex(max(self.special.findData(info.special), 0))
        self._preview()

    def _preview(self) -> None:
        special = self.special.currentData()
        try:
            base = fen_of(self.base.text()) if self.base.text().strip() else None
            monthly = rule.monthly_fen(base, special, getattr(self, "rounding", "分"))
        except (AmountError, ValueError):
            self.rule_label.setText("（基数看不懂，请写成 4380.00 的样子）")
            return
        self.rule_label.setText("—" if monthly is None else
                                f"{yuan(monthly)} 元（{rule.rate_text(base, special)}）")

    def apply(self, session) -> None:
        if self.member.currentData() is None:
            raise InputError("请选择党员")
        dues.set_base(session, self.member.currentData(), self.year, self.base.text(),
                      self.special.currentData(), self.note.text())


class ReductionDialog(DuesForm):
    """减免: the branch's decision — a lower monthly amount, or 免交 — from one month to another."""

    def __init__(self, ctx, member_id: int | None, year: int, parent=None):
        super().__init__(ctx, "减免党费", parent)
        self.member = party_member_box(ctx, year, member_id)
        start = rule.month_of(date.today()) if date.today().year == year else \
            rule.month_number(year, 1)
        self.first = QLineEdit(rule.month_text(start))
        self.last = QLineEdit()
        self.last.setPlaceholderText("不填：直到支部另行决定")
        self.kind = choice_box(("减为每月", "免交"))
        self.monthly = QLineEdit()
        self.monthly.setPlaceholderText("如 10.00")
        self.decided = DateField()
        self.decided.set_value(date.today())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("如 家庭困难、长期住院")
        self.existing = QLabel()
        self.existing.setWordWrap(True)
        for label, w in (("党员 *", self.member), ("已有的减免", self.existing),
                         ("起始月份 *", self.first), ("截止月份", self.last),
                         ("减免方式", self.kind), ("每月交（元）", self.monthly),
                         ("支部决定日期 *", self.decided), ("原因 *", self.reason)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint("困难党员经支部研究决定，可以少交或免交党费；"
                                              "这里记下支部的决定。"))
        self.kind.currentIndexChanged.connect(
            lambda _i: self.monthly.setEnabled(self.kind.currentData() != "免交"))
        self.member.currentIndexChanged.connect(self._load)
        self._load()

    def _load(self) -> None:
        member_id = self.member.currentData()
        found = []
        if member_id is not None:
            with self.ctx.db.session() as s:
                found = dues.reductions_of(s, member_id)
        self.existing.setText("；".join(r.text for r in found) or "没有")

    def apply(self, session) -> None:
        if self.member.currentData() is None:
            raise InputError("请选择党员")
        first = month_of_text(self.first.text(), "起始月份")
        last = month_of_text(self.last.text(), "截止月份") if self.last.text().strip() else None
        monthly = None if self.kind.currentData() == "免交" else self.monthly.text()
        if monthly is not None and not monthly.strip():
            raise InputError("请填写减免后每月交纳的金额，或在“减免方式”选“免交”")
        dues.add_reduction(session, self.member.currentData(), first, last, monthly,
                           self.date_of(self.decided, "支部决定日期"), self.reason.text())
