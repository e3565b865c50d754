"""The small forms of the 评先评优 page: an honour (a member's or the branch's), a 学习先进, the
city recommendation and its outcome, a contest, and a member's entry. Each reads its fields,
calls one use case of app.services.yearend, and shows the service's Chinese sentence above the
buttons when something is wrong (nothing is saved then)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QSpinBox
from app.errors import InputError
from app.models import Branch
from app.services.yearend import contests as con
from app.services.yearend import honours as hon
from app.services.yearend.honour_figures import members_of_year
from app.ui import messages, style
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import DateField, choice_box, hint
from app.vocab import (
    BRANCH_HONOURS, CONTEST_KINDS, CONTEST_RESULTS, HONOUR_LEVELS, MEMBER_HONOURS,
    QUIZ_KIND, RECOMMENDATION_OUTCOMES, STUDY_MODEL,
)

FOR_BRANCH = -1  # the 获奖对象 choice meaning "the branch itself"


def roster_box(ctx, year: int, current: int | None, party: bool = True,
               branch_choice: bool = False) -> QComboBox:
    """Members of the branch on its roster in `year` (party members only when `party`), typed to
    find by name; with `branch_choice` a first entry for the branch's own honours."""
    box = choice_box(())
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    if branch_choice:
        box.addItem("本支部（支部获得的荣誉）", FOR_BRANCH)
    with ctx.db.session() as s:
        rows = members_of_year(s, ctx.branch_id, year, party)
    for mid, name, place in rows:
        box.addItem(f"{name}（{place or '未填村/社区'}）", mid)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


def words_box(words, current: str = "") -> QComboBox:
    """An editable choice of the usual words (荣誉名称, 结果): any other may be typed."""
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(list(words))
    box.setCurrentText(current)
    return box


def note_edit(text: str = "", placeholder: str = "") -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(style.px(80))
    return edit


class HonourDialog(SessionForm):
    """新增 / 修改荣誉; with `study` a 学习先进 of the year (the name fixed, the branch confers)."""

    def __init__(self, ctx, year: int, honour_id: int | None = None, parent=None,
                 study: bool = False, member_id: int | None = None):
        info = None
        if honour_id is not None:
            with ctx.db.session() as s:
                info = hon.honour(s, honour_id)
            year, study = info.year, info.name == STUDY_MODEL and not info.for_branch
        title = ("评选学习先进" if study else "新增荣誉") if info is None else "修改荣誉"
        super().__init__(ctx, f"{title}（{year}年度）", parent, size=(640, 450))
        self.year, self.honour_id, self.study = year, honour_id, study
        with ctx.db.session() as s:
            branch_name = s.get_one(Branch, ctx.branch_id).name
        holder = info.member_id if info and not info.for_branch else (
            FOR_BRANCH if info else member_id)
        self.holder = roster_box(ctx, year, holder, branch_choice=not study)
        if holder is None and not study and self.holder.count() > 1:
            self.holder.setCurrentIndex(1)  # most honours are a member's: the first of them
        self.name = words_box((*MEMBER_HONOURS, *BRANCH_HONOURS),
                              info.name if info else (STUDY_MODEL if study else ""))
        self.name.setEnabled(not study)
        self.name.lineEdit().setPlaceholderText("如 优秀共产党员、五好支部（可选，也可直接写）")
        self.level = choice_box(HONOUR_LEVELS, current=info.level if info else "支部")
        self.by = QLineEdit(info.conferred_by if info else (branch_name if study else ""))
        self.by.setPlaceholderText("如 县委老干部局、中共××镇委员会")
        self.on = DateField()
        self.on.set_value(info.conferred_on if info else None)
        self.note = note_edit(info.note if info else "",
                              "主要事迹（推荐表上印出）" if study else "可不填")
        for label, w in (("党员 *" if study else "获奖对象 *", self.holder),
                         ("荣誉名称 *", self.name), ("级别 *", self.level), ("授予单位", self.by),
                         ("授予日期", self.on), ("主要事迹" if study else "说明", self.note)):
            self.form.addRow(label, w)
        self.body_layout.insertWidget(0, hint(
            "学习先进由支部每年评选，可从中推荐一人参评市“十佳学习型老干部”。" if study else
            "党员或支部获得的表彰。授予日期可以在次年初（年度表彰多在次年颁发）。"))

    def apply(self, session) -> None:
        who = self.holder.currentData()
        if who is None:
            raise InputError("请选择党员")
        member_id = None if who == FOR_BRANCH else who
        on = self.date_of(self.on, "授予日期")
        args = (self.year, self.name.currentText(), self.level.currentData(), member_id,
                self.by.text(), on, self.note.toPlainText())
        if self.honour_id is None:
            hon.add_honour(session, self.ctx.branch_id, *args)
        else:
            hon.update_honour(session, self.honour_id, *args)


class RecommendDialog(SessionForm):
    """推荐参评市“十佳学习型老干部”: one of the year's 学习先进, the date and the reasons."""

    def __init__(self, ctx, year: int, member_id: int | None = None, parent=None):
        super().__init__(ctx, f"推荐参评市“十佳学习型老干部”（{year}年度）", parent,
                         save_text="推荐", size=(640, 360))
        self.year = year
        self.member = choice_box(())
        with ctx.db.session() as s:
            models = hon.study_models(s, ctx.branch_id, year)
        for h in models:
            self.member.addItem(h.holder, h.member_id)
        self.deeds = {h.member_id: h.note for h in models}  # offered as the reasons
        if member_id is not None:
            self.member.setCurrentIndex(max(self.member.findData(member_id), 0))
        self.on = DateField()
        self.on.set_value(min(date.today(), date(year + 1, 12, 31)))
        self.reasons = note_edit(self.deeds.get(self.member.currentData(), ""), "推荐理由、主要事迹")
        self.shown = self.member.currentData()
        self.member.currentIndexChanged.connect(self._member_changed)
        self.form.addRow("学习先进 *", self.member)
        self.form.addRow("推荐日期", self.on)
        self.form.addRow("推荐理由", self.reasons)
        self.body_layout.insertWidget(0, hint(
            "每年推荐一人，须是本年度的学习先进。要改推荐别人，先撤回原来的推荐。"
            if self.member.count() else f"{year}年还没有评选学习先进：请先评选，再从中推荐。"))

    def _member_changed(self) -> None:
        """The reasons follow the member chosen, unless someone typed their own."""
        if self.reasons.toPlainText() == self.deeds.get(self.shown, ""):
            self.reasons.setPlainText(self.deeds.get(self.member.currentData(), ""))
        self.shown = self.member.currentData()

    def apply(self, session) -> None:
        if self.member.currentData() is None:
            raise InputError(f"{self.year}年还没有学习先进，请先评选学习先进")
        hon.recommend(session, self.ctx.branch_id, self.year, self.member.currentData(),
                      self.reasons.toPlainText(), self.date_of(self.on, "推荐日期"))


class OutcomeDialog(SessionForm):
    """推荐情况: the city's decision on the recommendation (当选 adds the title to the member's
    honours), or 撤回推荐 so that another member may be recommended."""

    def __init__(self, ctx, year: int, parent=None):
        super().__init__(ctx, f"市“十佳学习型老干部”推荐情况（{year}年度）", parent, size=(600, 260))
        self.year = year
        with ctx.db.session() as s:
            self.chosen = hon.recommendation_of(s, ctx.branch_id, year)
        self.outcome = choice_box(RECOMMENDATION_OUTCOMES,
                                  current=self.chosen.outcome if self.chosen else None)
        self.form.addRow("推荐的党员", QLabel(self.chosen.name if self.chosen else "还没有推荐"))
        self.form.addRow("评选结果", self.outcome)
        self.body_layout.insertWidget(0, hint("选“当选”后，“十佳学习型老干部”（市级）自动记入该党员的荣誉。"
                                              "要改推荐别人，先点“撤回推荐”。"))
        self.add_button("撤回推荐", self.withdraw, left=True,
                        tip="撤回本年度的推荐（学习先进的评选不变）")

    def withdraw(self) -> None:
        if self.chosen is None or not messages.ask(
                self, f"撤回对{self.chosen.name}参评{self.year}年市“十佳学习型老干部”的推荐吗？",
                yes="撤回推荐", no="不撤回"):
            return
        try:
            with self.ctx.db.session() as s:
                hon.withdraw_recommendation(s, self.ctx.branch_id, self.year)
        except Exception as exc:  # noqa: BLE001 - said in plain words
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()

    def apply(self, session) -> None:
        hon.set_outcome(session, self.ctx.branch_id, self.year, self.outcome.currentData())


class ContestDialog(SessionForm):
    """新增 / 修改竞赛活动: name, kind, date in the year, organiser, a quiz's full marks."""

    def __init__(self, ctx, year: int, contest_id: int | None = None, parent=None):
        info = None
        if contest_id is not None:
            with ctx.db.session() as s:
                info = con.contest(s, contest_id)
            year = info.year
        super().__init__(ctx, f"{'修改' if info else '新增'}竞赛活动（{year}年度）", parent,
                         size=(640, 380))
        self.year, self.contest_id = year, contest_id
        self.name = QLineEdit(info.name if info else "")
        self.name.setPlaceholderText("如 “喜迎国庆”老干部征文")
        self.kind = choice_box(CONTEST_KINDS, current=info.kind if info else None)
        self.on = DateField()
        self.on.set_value(info.held_on if info else None)
        self.organiser = QLineEdit(info.organiser if info else "")
        self.organiser.setPlaceholderText("如 市委老干部局")
        self.marks = QSpinBox()
        self.marks.setRange(1, 1000)
        self.marks.setValue(info.full_marks if info else 100)
        self.marks.setSuffix(" 分")
        self.note = note_edit(info.note if info else "", "可不填")
        for label, w in (("活动名称 *", self.name), ("类别 *", self.kind), ("日期", self.on),
                         ("主办单位", self.organiser), ("满分（知识竞答）", self.marks),
                         ("备注", self.note)):
            self.form.addRow(label, w)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.marks.setEnabled(self.kind.currentData() == QUIZ_KIND)

    def apply(self, session) -> None:
        args = (self.name.text(), self.kind.currentData(), self.year,
                self.date_of(self.on, "日期"), self.organiser.text(), self.marks.value(),
                self.note.toPlainText())
        if self.contest_id is None:
            con.add_contest(session, self.ctx.branch_id, *args)
        else:
            con.update_contest(session, self.contest_id, *args)


class EntryDialog(SessionForm):
    """登记 / 修改 a member's entry: title, result, a quiz's score (one decimal at most)."""

    def __init__(self, ctx, contest_id: int, entry_id: int | None = None, parent=None):
        with ctx.db.session() as s:
            self.contest = con.contest(s, contest_id)
            info = con.entry(s, entry_id) if entry_id is not None else None
        quiz = self.contest.kind == QUIZ_KIND
        super().__init__(ctx, f"{'修改' if info else '登记'}参加情况 — {self.contest.name}", parent,
                         size=(640, 360))
        self.entry_id = entry_id
        self.member = roster_box(ctx, self.contest.year, info.member_id if info else None,
                                 party=False)
        self.member.setEnabled(info is None)
        self.title = QLineEdit(info.title if info else "")
        self.title.setPlaceholderText("作品或演讲的题目，可不填")
        self.result = words_box(CONTEST_RESULTS, info.result if info else "")
        self.score = QLineEdit(info.score if info else "")
        self.score.setPlaceholderText(f"最多一位小数，如 95.5（满分 {self.contest.full_marks}）")
        self.note = QLineEdit(info.note if info else "")
        self.note.setPlaceholderText("可不填")
        rows = [("党员 *", self.member), ("作品或题目", self.title), ("结果", self.result)]
        if quiz:
            rows.append(("分数", self.score))
        for label, w in (*rows, ("备注", self.note)):
            self.form.addRow(label, w)
        self.score.setVisible(quiz)
        (self.score if quiz and info else self.member).setFocus()

    def apply(self, session) -> None:
        score = self.score.text() if self.contest.kind == QUIZ_KIND else None
        if self.entry_id is None:
            if self.member.currentData() is None:
                raise InputError("请选择党员")
            con.add_entry(session, self.contest.id, self.member.currentData(), self.title.text(),
                          self.result.currentText(), score, self.note.text())
        else:
            con.update_entry(session, self.entry_id, self.title.text(), self.result.currentText(),
                             score, self.note.text())
