"""新建 / 修改学习活动 (and the meetings of 组织生活: 支委会, 主题党日, 组织生活会 …), and
生成全年集中学习日. A 组织生活会 can be marked as held together with the 民主评议党员.

Saving an event of the same kind on a day that already has one asks first (the service raises
DuplicateEvent; a "yes" saves again with allow_duplicate).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
)

from app.errors import InputError
from app.services import study
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import DateField, choice_box
from app.vocab import EVENT_KINDS, LIFE_MEETING_KIND


class EventDialog(FormDialog):
    def __init__(self, ctx, event_id: int | None = None, initial: study.EventInput | None = None,
                 parent=None):
        super().__init__(parent)
        self.ctx, self.event_id = ctx, event_id
        self.setWindowTitle("修改学习活动" if event_id else "新建学习活动")
        self.kind = choice_box(EVENT_KINDS)
        self.with_appraisal = QCheckBox("同时进行民主评议党员（两项都算开过）")
        self.kind.currentIndexChanged.connect(lambda _i: self._appraisal_shown())
        self.when = DateField("如 2026-05-05")
        self.start = QLineEdit()
        self.start.setPlaceholderText("如 09:00")
        self.topic = QLineEdit()
        self.topic.setPlaceholderText("如 学习贯彻全会精神")
        self.speaker = QLineEdit()
        self.place = QLineEdit()
        self.place.setPlaceholderText("如 老干部活动室")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 24)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(" 学时")
        self.minutes = QPlainTextEdit()
        self.minutes.setPlaceholderText("会议记录：学习内容、发言要点……（主持人、记录人、决议"
                                        "在“组织生活 → 会议记录”中填写）")
        self.minutes.setMinimumHeight(style.px(140))
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(style.px(60))
        for w in (self.kind, self.when, self.start, self.hours):
            w.setMaximumWidth(style.px(260))
        form = self.fields_form = QFormLayout()
        form.addRow("活动类别", self.kind)
        form.addRow("", self.with_appraisal)
        form.addRow("日期 *", self.when)
        form.addRow("开始时间", self.start)
        form.addRow("主题", self.topic)
        form.addRow("主讲人", self.speaker)
        form.addRow("地点", self.place)
        form.addRow("学时", self.hours)
        form.addRow("会议记录", self.minutes)
        form.addRow("备注", self.notes)
        self.body_layout.addLayout(form)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)
        if event_id:
            with ctx.db.session() as s:
                initial = study.event_input(s, event_id)
        self.set_input(initial or study.EventInput(date=date.today(), start_time="09:00",
                                                   hours=2.0))
        self.want_size(680, 600)

    def set_input(self, data: study.EventInput) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        self.when.set_value(data.date)
        self.start.setText(data.start_time)
        self.topic.setText(data.topic)
        self.speaker.setText(data.speaker)
        self.place.setText(data.place)
        self.hours.setValue(float(data.hours or 0))
        self.minutes.setPlainText(data.minutes_text)
        self.notes.setPlainText(data.notes)
        self.with_appraisal.setChecked(data.with_appraisal)
        self._appraisal_shown()

    def _appraisal_shown(self) -> None:
        self.fields_form.setRowVisible(self.with_appraisal,
                                       self.kind.currentData() == LIFE_MEETING_KIND)

    def get_input(self) -> study.EventInput:
        try:
            day, month_only = self.when.value()
        except ValueError as exc:
            raise InputError(f"日期：{exc}") from None
        if month_only:
            raise InputError("日期：请写到哪一天，如 2026-05-05")
        return study.EventInput(
            kind=self.kind.currentData(), date=day, start_time=self.start.text(),
            topic=self.topic.text(), speaker=self.speaker.text(), place=self.place.text(),
            hours=self.hours.value(), minutes_text=self.minutes.toPlainText(),
            notes=self.notes.toPlainText(), with_appraisal=self.with_appraisal.isChecked())

    def _save(self, data: study.EventInput, allow_duplicate: bool) -> None:
        with self.ctx.db.session() as s:
            if self.event_id:
                study.update_event(s, self.event_id, data, allow_duplicate=allow_duplicate)
            else:
                self.event_id = study.create_event(s, self.ctx.branch_id, data,
                                                   allow_duplicate=allow_duplicate)

    def save(self) -> None:
        try:
            data = self.get_input()
            try:
                self._save(data, allow_duplicate=False)
            except study.DuplicateEvent as dup:
                if not messages.ask(self, str(dup), yes="仍然保存", no="不保存"):
                    return
                self._save(data, allow_duplicate=True)
        except InputError as exc:
            self.show_problems(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()


class YearDialog(FormDialog):
    """生成全年集中学习日: the year, whether to move off weekends and holidays, the place.
    Nothing typed here is a record until 生成, so closing it asks nothing."""

    asks_to_save = False

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_ids: list[int] = []
        self.setWindowTitle("生成全年集中学习日")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.year.setMaximumWidth(style.px(200))
        self.skip = QCheckBox("遇到周末或节假日，顺延到下一个工作日")
        self.place = QLineEdit()
        self.place.setPlaceholderText("如 老干部活动室（可不填）")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        with ctx.db.session() as s:
            self.month_day = study.study_day_of(s, ctx.branch_id)
        form = QFormLayout()
        form.addRow("年份", self.year)
        form.addRow("", self.skip)
        form.addRow("地点", self.place)
        layout = self.body_layout
        intro = QLabel(f"本支部的集中学习日是每月 {self.month_day} 日"
                       "（可在“设置”中修改）。已有集中学习日的月份不再重复生成。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        self.add_cancel()
        self.add_button("生成", self.create, primary=True)
        self.year.valueChanged.connect(self.update_preview)
        self.skip.toggled.connect(self.update_preview)
        self.update_preview()
        self.want_size(640, 360)

    def update_preview(self) -> None:
        with self.ctx.db.session() as s:
            days = study.year_study_days(s, self.ctx.branch_id, self.year.value(),
                                         self.skip.isChecked())
        moved = [d for d in days if d.day != self.month_day]
        text = "将生成：" + "、".join(f"{d.month}月{d.day}日" for d in days)
        if moved:
            text += f"（其中 {len(moved)} 个顺延）"
        self.preview.setText(text)

    def create(self) -> None:
        try:
            with self.ctx.db.session() as s:
                result = study.create_year_study_days(
                    s, self.ctx.branch_id, self.year.value(), self.skip.isChecked(),
                    place=self.place.text().strip())
        except Exception as exc:  # noqa: BLE001
            messages.show_exception(self, exc)
            return
        self.result_ids = result.created
        skipped = (f"{'、'.join(f'{m}月' for m in result.skipped_months)}已有集中学习日，没有重复生成。"
                   if result.skipped_months else "")
        messages.info(self, f"已生成 {len(result.created)} 次集中学习日。{skipped}", title="完成")
        self.accept()

