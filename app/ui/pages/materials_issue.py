"""发放: choose a material, choose who gets it, how and when — see "将发给 N 人" — one button.

The rule for which copies start 待送达 is the service's (app/services/issuing.py); this panel
only shows it in words before anything is written, and asks when someone already has the material.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QBoxLayout, QButtonGroup, QCheckBox, QComboBox, QFormLayout, QFrame, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QRadioButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

from app.errors import UserError
from app.models import Branch
from app.services import issuing
from app.services import materials as mat
from app.services import subscriptions as subs
from app.ui import messages, style
from app.ui.operations import run_op
from app.ui.widgets import DateField, button, choice_box, hint
from app.vocab import HANDOUT_METHODS

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).


class IssuePanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.chosen: list[int] = []
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.update_preview)

        self.material = QComboBox()
        self.material.setMinimumWidth(style.px(420))
        self.who = self._who_box()
        self.how = self._how_box()
        self._outcome_widgets()
        self._lay_out()

        for box, chars in ((self.material, 20), (self.event_box, 16)):
            # a long title widens the list that drops down, not the page
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(chars)
        self._watch_changes()

    def _who_box(self) -> QGroupBox:
        """发给谁: one radio per kind of recipients (the service's RECIPIENT_KINDS), each with
        the choice it needs on its own line, so the choice sits next to what it narrows."""
        self.kind_group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        self.community = QComboBox()
        self.community.setMinimumWidth(style.px(170))
        self.periodical = QComboBox()
        self.periodical.setMinimumWidth(style.px(150))
        self.year = QSpinBox()
        self.year.setRange(2000, date.today().year + 1)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.event_box = QComboBox()
        self.event_box.setMinimumWidth(style.px(240))
        self.event_box.setPlaceholderText("（还没有学习活动）")
        self.pick_button = button("选择党员…", self.pick_members)
        self.picked_label = QLabel("尚未选择")
        extras = {
            "community": [self.community],
            "subscribers": [self.periodical, self.year],
            "event": [self.event_box],
            "members": [self.pick_button, self.picked_label],
        }
        who = QGroupBox("发给谁")
        grid = QGridLayout(who)
        for row, (key, title) in enumerate(issuing.RECIPIENT_KINDS.items()):
            radio = QRadioButton(title)
            self.radios[key] = radio
            self.kind_group.addButton(radio, row)
            grid.addWidget(radio, row, 0)
            line = QHBoxLayout()
            for w in extras.get(key, []):
                line.addWidget(w)
            line.addStretch(1)
            grid.addLayout(line, row, 1)
        grid.setColumnStretch(1, 1)
        self.radios["roster"].setChecked(True)
        return who

    def _how_box(self) -> QGroupBox:
        """怎样发: method, the 送学上门 rule for the homebound, date and who handed out."""
        self.method = choice_box(HANDOUT_METHODS)
        self.homebound_door = QCheckBox("行动不便者送学上门（待送达）")
        self.homebound_door.setChecked(True)
        self.when = DateField()
        self.when.set_value(date.today())
        self.handled_by = QLineEdit()
        self.handled_by.setPlaceholderText("经手人姓名")
        for w in (self.method, self.when, self.handled_by):
            w.setMaximumWidth(style.px(260))
        how = QGroupBox("怎样发")
        form = QFormLayout(how)
        form.addRow("发放方式", self.method)
        form.addRow(self.homebound_door)
        form.addRow("发放日期", self.when)
        form.addRow("经手人", self.handled_by)
        return how

    def _outcome_widgets(self) -> None:
        """"将发给 N 人" in large type, the warning (repeats, too few copies), the one button."""
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet(f"font-size: {style.px(22)}px; font-weight: bold;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8c1d18;")
        self.issue_button = button("发  放", self.issue, primary=True)
        self.issue_button.setMinimumHeight(style.px(56))
        self.issue_button.setMinimumWidth(style.px(220))

    def _lay_out(self) -> None:
        """The material, then 发给谁 / 怎样发 in a scroll area; the outcome and 发放 below it."""
        top = QFormLayout()
        top.addRow("资料", self.material)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(top)
        # 发给谁 and 怎样发 side by side when they fit, one above the other when the type is
        # large or the window narrow (see resizeEvent), so nothing runs off the right edge
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addWidget(self.who, 3)
        self.middle.addWidget(self.how, 2)
        layout.addLayout(self.middle)
        layout.addStretch(1)
        scroll = QScrollArea()  # at 200 % type the form may be taller than the window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.viewport().setAutoFillBackground(False)  # keep the tab's own background
        inner.setAutoFillBackground(False)
        scroll.setWidget(inner)
        # what will happen and the 发放 button stay in sight below the form, never scrolled away
        end = QHBoxLayout()
        end.addWidget(hint("集中领取时，行动不便、卧床、住院及列入关怀名单的党员那一份记为送学上门、"
                           "待送达，送到后在“待送达”里勾选标记。"), 1)
        end.addWidget(self.issue_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.preview)
        outer.addWidget(self.warning)
        outer.addLayout(end)

    def _watch_changes(self) -> None:
        """Any change of the choices recomputes "将发给 N 人" (debounced in `_changed`)."""
        for box in (self.material, self.community, self.periodical, self.event_box, self.method):
            box.currentIndexChanged.connect(self._changed)
        self.kind_group.idToggled.connect(lambda _i, _on: self._changed())
        self.year.valueChanged.connect(self._changed)
        self.homebound_door.toggled.connect(self._changed)
        self.when.textChanged.connect(self._changed)

    # data ----------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Stack 怎样发 under 发给谁 when both side by side would be wider than the page."""
        super().resizeEvent(event)
        need = (self.who.minimumSizeHint().width() + self.how.minimumSizeHint().width()
                + style.px(60))
        direction = (QBoxLayout.Direction.LeftToRight if self.width() >= need
                     else QBoxLayout.Direction.TopToBottom)
        if self.middle.direction() != direction:
            self.middle.setDirection(direction)

    def refresh(self) -> None:
        keep = self.material.currentData()
        with self.ctx.db.session() as s:
            items = mat.list_materials(s, self.ctx.branch_id, with_counts=False)
            places = issuing.communities(s, self.ctx.branch_id)
            names = subs.periodicals(s, self.ctx.branch_id)
            events = issuing.recent_events(s, self.ctx.branch_id)
            branch = s.get(Branch, self.ctx.branch_id)
            secretary = branch.secretary if branch else ""
        self._fill(self.material, [(r.id, f"{r.label} · {r.kind}") for r in items], keep)
        self._fill(self.community, [(p, p) for p in places], self.community.currentData())
        self._fill(self.periodical, [(n, n) for n in names], self.periodical.currentData())
        self._fill(self.event_box, events, self.event_box.currentData())
        self.radios["event"].setEnabled(bool(events))
        if not self.handled_by.text():
            self.handled_by.setText(self.ctx.prefs.user_name or secretary)
        self.update_preview()

    @staticmethod
    def _fill(box: QComboBox, items, keep) -> None:
        box.blockSignals(True)
        box.clear()
        for data, text in items:
            box.addItem(text, data)
        box.setCurrentIndex(max(box.findData(keep), 0) if keep is not None else 0)
        box.blockSignals(False)

    def choose_material(self, material_id: int) -> None:
        self.material.setCurrentIndex(max(self.material.findData(material_id), 0))

    def recipients(self) -> issuing.Recipients:
        key = next(k for k, r in self.radios.items() if r.isChecked())
        return issuing.Recipients(
            kind=key, community=self.community.currentData() or "",
            periodical=self.periodical.currentData() or "", year=self.year.value(),
            event_id=self.event_box.currentData(), member_ids=list(self.chosen),
        )

    def _changed(self, *_args) -> None:
        self.homebound_door.setEnabled(self.method.currentData() == "集中领取")
        self._debounce.start()

    def _date(self) -> date:
        day, _m = self.when.value()
        if day is None:
            raise ValueError("请填写发放日期")
        return day

    def update_preview(self):
        """Say in words what 发放 would do; returns the preview (None when not possible)."""
        self.warning.clear()
        material_id = self.material.currentData()
        if material_id is None:
            self.preview.setText("目录里还没有可发放的资料，请先在“资料目录”中新增。")
            self.issue_button.setEnabled(False)
            return None
        try:
            with self.ctx.db.session() as s:
                p = issuing.preview_issue(s, self.ctx.branch_id, material_id, self.recipients(),
                                          self._date(), self.method.currentData(),
                                          self.homebound_door.isChecked())
        except (UserError, ValueError) as exc:
            self.preview.setText(f"⚠ {exc}")
            self.issue_button.setEnabled(False)
            return None
        door = f"，其中 {p.to_door} 人送学上门（待送达）" if p.to_door else ""
        self.preview.setText(f"将发给 {p.total} 人{door}。")
        notes = []
        if p.repeats:
            notes.append(f"其中 {len(p.repeats)} 人已领过这份资料，发放时会询问。")
        if p.quantity and p.already_issued + p.total > p.quantity:
            notes.append(f"注意：这份资料收到 {p.quantity} 份，已发 {p.already_issued} 份，"
                         f"不够再发 {p.total} 份。")
        self.warning.setText("\n".join(notes))
        self.issue_button.setEnabled(p.total > 0)
        return p

    # actions -------------------------------------------------------------------------------
    def pick_members(self) -> None:
        from app.ui.dialogs.member_picker import MemberPicker

        dialog = MemberPicker(self.ctx, self.chosen, self)
        if dialog.exec():
            self.chosen = dialog.chosen_ids()
            self.picked_label.setText(f"已选 {len(self.chosen)} 人")
            self.radios["members"].setChecked(True)
            self._changed()

    def ask_repeat(self, preview) -> str | None:
        """"skip", "repeat" or None (cancel) — the question when some already have it."""
        names = "、".join(n for _i, n in preview.repeats[:15])
        more = "等" if len(preview.repeats) > 15 else ""
        others = preview.total - len(preview.repeats)
        return messages.choose(
            self, f"{len(preview.repeats)} 人已经领过这份资料：{names}{more}。\n怎么办？",
            [(f"只发给其余 {others} 人", "skip"), ("全部照发（重复发放）", "repeat")],
            title="有人已领过")

    def issue(self) -> None:
        preview = self.update_preview()
        if preview is None or not preview.total:
            return
        choice = None
        if preview.repeats:
            choice = self.ask_repeat(preview)
            if choice is None:
                return
        elif not messages.ask(self, f"确定发放给 {preview.total} 人吗？\n{self.preview.text()}",
                              yes="发放"):
            return
        material_id, rcp = self.material.currentData(), self.recipients()
        day, method = self._date(), self.method.currentData()
        door, handled_by = self.homebound_door.isChecked(), self.handled_by.text()
        branch_id = self.ctx.branch_id

        def work(progress):
            progress(0, 0, "正在发放…")
            with self.ctx.db.session() as s:
                return issuing.issue_material(
                    s, branch_id, material_id, rcp, issued_date=day, method=method,
                    handled_by=handled_by, homebound_to_door=door,
                    allow_repeat=choice == "repeat", skip_existing=choice == "skip")

        self.issue_button.setEnabled(False)
        run_op(self, self.ctx, work, self._issued, on_error=self._failed, busy_text="正在发放…",
               key="materials-issue")

    def _issued(self, result) -> None:
        self.ctx.data_changed.emit()
        self.update_preview()
        pending = f"其中 {result.pending} 份待送达，请在“待送达”中跟进。" if result.pending else ""
        skipped = f"已领过的 {result.skipped} 人没有重复发放。" if result.skipped else ""
        messages.info(self, f"已发放 {result.issued} 份。{pending}{skipped}", title="发放完成")

    def _failed(self, exc) -> None:
        self.update_preview()
        messages.show_exception(self, exc)
