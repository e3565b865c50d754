"""Small forms of the 走访关怀 page: 老老结对, a volunteer, a suggestion, the visit interval, and
adding someone to the care list. Each reads its fields, calls one service, and shows the service's
Chinese message when something is wrong (nothing is saved then)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox
from sqlalchemy import select

from app.errors import UserError
from app.models import Member
from app.services import care, pairings, suggestions, volunteers
from app.ui import messages, style
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import DateField, choice_box
from app.vocab import STATUS_ACTIVE, SUGGESTION_STATUSES, VOLUNTEER_KINDS

CARE_REASONS = ("独居", "空巢", "住得远（农村）", "病后康复", "其他")


def member_box(ctx, blank: str | None = None, current: int | None = None) -> QComboBox:
    """A member chooser with type-to-find (name; the village helps tell namesakes apart)."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if blank is not None:
        box.addItem(blank, None)
    with ctx.db.session() as s:
        rows = s.execute(select(Member.id, Member.name, Member.community, Member.mobility)
                         .where(Member.branch_id == ctx.branch_id,
                                Member.status == STATUS_ACTIVE)
                         .order_by(Member.sort_order, Member.id)).all()
    for mid, name, place, mobility in rows:
        box.addItem(f"{name}（{place or '未填村/社区'}，{mobility}）", mid)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class _Form(SessionForm):
    """A care form: a SessionForm (fields, 取消 / 保存, `apply(session)` in one session)."""

class PairingDialog(_Form):
    def __init__(self, ctx, helped_id: int | None = None, parent=None):
        super().__init__(ctx, "新增老老结对", parent)
        self.helped = member_box(ctx, current=helped_id)
        self.helper = member_box(ctx)
        self.since = DateField()
        self.since.set_value(date.today())
        self.notes = QLineEdit()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.form.addRow("被帮扶党员 *", self.helped)
        self.form.addRow("帮扶人（党员）*", self.helper)
        self.form.addRow("开始日期 *", self.since)
        self.form.addRow("备注", self.notes)
        self.form.addRow("", self.warning)
        self.helper.currentIndexChanged.connect(self._warn)
        self._warn()

    def _warn(self) -> None:
        mid = self.helper.currentData()
        with self.ctx.db.session() as s:
            words = pairings.pair_warnings(s, mid) if mid else []
        self.warning.setText("⚠ 请注意：" + "；".join(words) if words else "")

    def apply(self, session) -> None:
        since = self.date_of(self.since, "开始日期")
        helper, helped = self.helper.currentData(), self.helped.currentData()
        words = pairings.pair_warnings(session, helper, since or date.today()) if helper else []
        if words and not messages.ask(self, "；".join(words) + "。仍要结对吗？", yes="仍要结对"):
            raise UserError("已取消，没有结对")
        pairings.add_pairing(session, helper, helped, since, notes=self.notes.text())


class VolunteerDialog(_Form):
    def __init__(self, ctx, volunteer: volunteers.VolunteerRow | None = None, parent=None):
        super().__init__(ctx, "修改志愿者" if volunteer else "新增志愿者", parent)
        self.volunteer = volunteer
        v = volunteer or volunteers.VolunteerRow(0, "", "志愿者", "", "", "", True)
        self.name = QLineEdit(v.name)
        self.kind = choice_box(VOLUNTEER_KINDS, current=v.kind)
        self.org = QLineEdit(v.organisation)
        self.org.setPlaceholderText("如 东关社区居委会")
        self.phone = QLineEdit(v.phone)
        self.notes = QLineEdit(v.notes)
        for label, w in (("姓名 *", self.name), ("类别", self.kind), ("所在单位", self.org),
                         ("电话", self.phone), ("备注", self.notes)):
            self.form.addRow(label, w)

    def apply(self, session) -> None:
        data = volunteers.VolunteerInput(self.name.text(), self.kind.currentData(),
                                         self.org.text(), self.phone.text(), self.notes.text())
        if self.volunteer:
            volunteers.update_volunteer(session, self.volunteer.volunteer_id, data)
        else:
            volunteers.add_volunteer(session, self.ctx.branch_id, data)


class SuggestionDialog(_Form):
    def __init__(self, ctx, suggestion_id: int | None = None, parent=None):
        super().__init__(ctx, "修改建言献策" if suggestion_id else "新增建言献策", parent)
        self.suggestion_id = suggestion_id
        data = suggestions.SuggestionInput(date=date.today())
        if suggestion_id:
            with ctx.db.session() as s:
                data = suggestions.suggestion_input(s, suggestion_id)
        self.member = member_box(ctx, blank="（未署名）", current=data.member_id)
        self.when = DateField()
        self.when.set_value(data.date)
        self.category = choice_box(suggestions.CATEGORIES, current=data.category)
        self.text = QPlainTextEdit(data.text)
        self.text.setFixedHeight(style.px(90))
        self.forwarded = QLineEdit(data.forwarded_to)
        self.forwarded.setPlaceholderText("如 县住建局")
        self.status = choice_box(SUGGESTION_STATUSES, current=data.status)
        self.result = QLineEdit(data.result)
        for label, w in (("提出人", self.member), ("日期 *", self.when), ("类别", self.category),
                         ("建议内容 *", self.text), ("转交部门", self.forwarded),
                         ("办理状态", self.status), ("办理结果", self.result)):
            self.form.addRow(label, w)
        self.want_size(680, 480)

    def apply(self, session) -> None:
        data = suggestions.SuggestionInput(
            self.member.currentData(), self.date_of(self.when, "日期"),
            self.category.currentData(), self.text.toPlainText(), self.forwarded.text(),
            self.status.currentData(), self.result.text())
        if self.suggestion_id:
            suggestions.update_suggestion(session, self.suggestion_id, data)
        else:
            self.suggestion_id = suggestions.add_suggestion(session, self.ctx.branch_id, data)


class IntervalDialog(_Form):
    def __init__(self, ctx, member_ids: list[int], names: str, current: int = 30, parent=None):
        super().__init__(ctx, "调整走访周期", parent)
        self.member_ids = member_ids
        self.days = QSpinBox()
        self.days.setRange(1, 366)
        self.days.setValue(current)
        self.days.setSuffix(" 天走访一次")
        self.form.addRow("党员", QLabel(names))
        self.form.addRow("走访周期", self.days)

    def apply(self, session) -> None:
        care.set_visit_interval(session, self.member_ids, self.days.value())


class AddToCareDialog(_Form):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "加入关怀名单", parent)
        self.member = member_box(ctx)
        self.reason = choice_box(CARE_REASONS)
        self.reason.setEditable(True)
        self.days = QSpinBox()
        self.days.setRange(1, 366)
        self.days.setValue(30)
        self.days.setSuffix(" 天走访一次")
        self.form.addRow("党员 *", self.member)
        self.form.addRow("原因 *", self.reason)
        self.form.addRow("走访周期", self.days)

    def apply(self, session) -> None:
        if self.member.currentData() is None:
            raise UserError("请选择党员")
        care.add_to_care(session, self.member.currentData(), self.reason.currentText(),
                         self.days.value())
