"""The small forms of the 组织生活 tabs: a talk (谈心谈话), a 整改清单 item, and a member left out
of the year's vote count. Each reads its fields, calls one use case of app.services.orglife and
shows the service's Chinese sentence above the buttons when something is wrong (nothing is
saved then). The committee's forms are in committee_dialogs."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox
from sqlalchemy import and_, or_, select

from app.errors import InputError
from app.models import Branch, Member
from app.services.orglife import rectify, talks, votes
from app.ui import style
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import DateField, choice_box, hint
from app.vocab import EXCLUSION_CATEGORIES, STANDING_FULL, TALK_WAYS


def party_member_box(ctx, current: int | None = None, blank: str | None = None,
                     full_only: bool = False, editable: bool = True) -> QComboBox:
    """The branch's party members now on the roster (type to find); `current` is offered even
    when they have left since (a talk of last spring with a member who has died)."""
    box = QComboBox()
    box.setEditable(editable)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if blank is not None:
        box.addItem(blank, None)
    listed = and_(Member.is_party_member.is_(True), Member.status.in_(("在册", "暂离")),
                  *([Member.party_standing == STANDING_FULL] if full_only else []))
    with ctx.db.session() as s:
        rows = s.execute(select(Member.id, Member.name, Member.community)
                         .where(Member.branch_id == ctx.branch_id,
                                or_(listed, Member.id == (current or 0)))
                         .order_by(Member.sort_order, Member.id)).all()
    names = Counter(n for _i, n, _c in rows)
    for mid, name, place in rows:
        box.addItem(name if names[name] == 1 else f"{name}（{place or '未填村/社区'}）", mid)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


def chosen_id(box: QComboBox) -> int | None:
    """The member whose name is in the box's text (typed or chosen), or None."""
    index = box.findText(box.currentText().strip())
    return box.itemData(index) if index >= 0 else None


class OrgForm(SessionForm):
    """A 组织生活 form: a SessionForm whose dates name a day. A blank date goes to the use case
    as None, which names it among all the other problems at once."""

    def day_of(self, field: DateField, label: str) -> date | None:
        try:
            day, month_only = field.value()
        except ValueError as exc:
            raise InputError(f"{label}：{exc}") from None
        if month_only:
            raise InputError(f"{label}要写到哪一天，如 {date.today():%Y-%m-%d}")
        return day


def _text(height: int = 70, value: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit(value)
    box.setFixedHeight(style.px(height))
    box.setTabChangesFocus(True)
    return box


def _year_box(year: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(2000, date.today().year + 1)
    box.setValue(year)
    box.setSuffix(" 年")
    return box


class TalkDialog(OrgForm):
    """新增 / 修改谈心谈话. The talker is a member chosen from the list, or any name typed in."""

    def __init__(self, ctx, talk_id: int | None = None, member_id: int | None = None,
                 parent=None):
        super().__init__(ctx, "修改谈心谈话" if talk_id else "登记谈心谈话", parent,
                         size=(680, 560))
        self.talk_id = talk_id
        with ctx.db.session() as s:
            data = (talks.talk_input(s, talk_id) if talk_id else
                    talks.TalkInput(member_id=member_id, date=date.today()))
            secretary = s.get_one(Branch, ctx.branch_id).secretary
        self.when = DateField()
        self.when.set_value(data.date)
        self.talker = party_member_box(ctx, data.talker_id)
        self.talker.setToolTip("从名单中选，或直接写谈话人的姓名（如 镇党委王书记）")
        self.talker.setEditText(data.talker_name if talk_id else
                                (secretary or ctx.prefs.user_name))
        self.partner = party_member_box(ctx, data.member_id, blank="（请选择）")
        self.how = choice_box(TALK_WAYS, current=data.how)
        self.topic = QLineEdit(data.topic)
        self.topic.setPlaceholderText("如 交流学习体会、了解身体和生活情况")
        self.opinions = _text(80, data.opinions)
        self.opinions.setPlaceholderText("对支部工作提出的意见和建议（会列入组织生活会前的征求意见）")
        self.follow_up = _text(60, data.follow_up)
        for label, w in (("谈话日期 *", self.when), ("谈话人 *", self.talker),
                         ("谈话对象 *", self.partner), ("谈话方式", self.how),
                         ("谈话内容", self.topic), ("意见建议", self.opinions),
                         ("后续落实", self.follow_up)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            "每年支委之间、支委和党员之间、党员和党员之间都要谈心谈话至少一次。"
            "谈话人可从名单中选，也可直接写姓名。"))

    def talker_choice(self) -> tuple[int | None, str]:
        """(member id, "") when the text is a name in the list, else (None, the text)."""
        member_id = chosen_id(self.talker)
        return (member_id, "") if member_id else (None, self.talker.currentText().strip())

    def apply(self, session) -> None:
        talker_id, talker_name = self.talker_choice()
        data = talks.TalkInput(chosen_id(self.partner), self.day_of(self.when, "谈话日期"),
                               talker_id, talker_name, self.how.currentData(), self.topic.text(),
                               self.opinions.toPlainText(), self.follow_up.toPlainText())
        if self.talk_id:
            talks.update_talk(session, self.talk_id, data)
        else:
            self.talk_id = talks.record_talk(session, self.ctx.branch_id, data)


class RectifyDialog(OrgForm):
    """新增 / 修改整改事项; 整改完成 is the same form with 完成日期 filled in."""

    def __init__(self, ctx, item_id: int | None = None, year: int | None = None,
                 problem: str = "", finishing: bool = False, parent=None):
        title = "整改完成" if finishing else ("修改整改事项" if item_id else "新增整改事项")
        super().__init__(ctx, title, parent, size=(680, 600))
        self.item_id = item_id
        with ctx.db.session() as s:
            data = (rectify.item_input(s, item_id) if item_id else
                    rectify.RectifyInput(year or date.today().year, problem))
        self.year = _year_box(data.year)
        self.problem = _text(70, data.problem)
        self.measure = _text(70, data.measure)
        self.responsible = QLineEdit(data.responsible)
        self.responsible.setPlaceholderText("如 组织委员 王芳")
        self.deadline = DateField()
        self.deadline.set_value(data.deadline)
        self.progress = _text(60, data.progress)
        self.done_on = DateField("未完成就空着")
        self.done_on.set_value(data.done_on or (date.today() if finishing else None))
        for label, w in (("年度", self.year), ("问题 *", self.problem),
                         ("整改措施 *", self.measure), ("责任人 *", self.responsible),
                         ("整改时限 *", self.deadline), ("完成情况", self.progress),
                         ("完成日期", self.done_on)):
            self.form.addRow(label, w)
        if finishing:
            self.progress.setFocus()

    def apply(self, session) -> None:
        data = rectify.RectifyInput(
            self.year.value(), self.problem.toPlainText(), self.measure.toPlainText(),
            self.responsible.text(), self.day_of(self.deadline, "整改时限"),
            self.progress.toPlainText(), self.day_of(self.done_on, "完成日期"))
        if self.item_id:
            rectify.update_item(session, self.item_id, data)
        else:
            self.item_id = rectify.add_item(session, self.ctx.branch_id, data)


class ExclusionDialog(OrgForm):
    """A member the year's votes may leave out of the count — only with the approval."""

    def __init__(self, ctx, exclusion_id: int | None = None, year: int | None = None,
                 parent=None):
        super().__init__(ctx, "修改不计入表决人数" if exclusion_id else "不计入表决人数", parent,
                         size=(640, 440))
        self.exclusion_id = exclusion_id
        data = votes.ExclusionInput(year=year or date.today().year)
        if exclusion_id:
            with ctx.db.session() as s:
                data = votes.exclusion_input(s, exclusion_id)
        self.member = party_member_box(ctx, data.member_id, blank="（请选择）", full_only=True)
        self.year = _year_box(data.year)
        self.category = choice_box(EXCLUSION_CATEGORIES, current=data.category)
        self.reason = QLineEdit(data.reason)
        self.reason.setPlaceholderText("如 卧床多年，不能到会")
        self.approved_by = QLineEdit(data.approved_by)
        self.approved_by.setPlaceholderText("如 镇党委")
        self.approved_on = DateField()
        self.approved_on.set_value(data.approved_on)
        for label, w in (("党员 *", self.member), ("年度", self.year), ("类别", self.category),
                         ("具体原因 *", self.reason), ("批准人 / 批准组织 *", self.approved_by),
                         ("批准日期 *", self.approved_on)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            "选举和党员大会表决要超过应到会人数的五分之四。年老体弱卧床不起、长期生病生活不能"
            "自理等不能到会的党员，经批准可以不计入应到会人数。"))

    def apply(self, session) -> None:
        data = votes.ExclusionInput(chosen_id(self.member), self.year.value(),
                                    self.category.currentData(), self.reason.text(),
                                    self.approved_by.text(),
                                    self.day_of(self.approved_on, "批准日期"))
        self.exclusion_id = votes.set_exclusion(session, self.ctx.branch_id, data,
                                                self.exclusion_id)
