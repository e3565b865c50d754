"""填写会议记录 and 会议种类: the two forms of the 会议记录 tab.

The minutes form shows the attendance already recorded (登记出勤) as text, read only: it is never
typed twice. 时间, 地点 and 主题 are the event's own and change there too; 内容 is the same text as
the event form's 会议记录 box (app.services.orglife.minutes says where each part is kept).
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPlainTextEdit

from app.dates import fmt
from app.services.orglife import kinds, minutes
from app.ui import style
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import hint
from app.vocab import MEETING_FREQUENCIES, MEETING_KINDS

WEEKDAYS = "一二三四五六日"


def attendance_text(a: minutes.Attendees) -> str:
    """The names by mark, as the form shows them under the counts."""
    def names(people: list[str]) -> str:
        return "、".join(people) if people else "无"

    lines = [f"出席：{names(a.present)}",
             f"送学上门（在家参学，计入实到）：{names(a.at_home)}",
             "请假：" + ("、".join(f"{n}（{r}）" if r else n for n, r in a.leave) or "无"),
             f"缺席：{names(a.absent)}"]
    if a.unmarked:
        lines.append(f"未登记：{names(a.unmarked)}")
    return "\n".join(lines)


class MinutesDialog(SessionForm):
    """The minutes of one meeting; 保存 writes them in one short session."""

    def __init__(self, ctx, event_id: int, parent=None):
        super().__init__(ctx, "填写会议记录", parent, size=(760, 680))
        self.event_id = event_id
        with ctx.db.session() as s:
            self.minutes = minutes.read_minutes(s, event_id)
        m, f = self.minutes, self.minutes.fields
        what = f"{m.kind}（同时进行民主评议党员）" if m.with_appraisal else m.kind
        title = QLabel(f"{fmt(m.day)}（星期{WEEKDAYS[m.day.weekday()]}）　{what}")
        title.setStyleSheet("font-weight: bold;")
        title.setWordWrap(True)
        self.start = self._line(f.start_time, "如 09:00", 200)
        self.place = self._line(f.place, "如 老干部活动室")
        self.topic = self._line(f.topic, "如 学习贯彻全会精神")
        self.host = self._line(f.host, "主持会议的同志", 260)
        self.recorder = self._line(f.recorder or ("" if m.saved else ctx.db.user_name),
                                   "做记录的同志", 260)
        self.guests = self._line(f.guests, "列席会议的同志，如 镇党委组织委员 赵明（没有可不填）")
        self.content = self._text(f.content, "发言要点、学习内容……", 200)
        self.decisions = self._text(f.decisions, "会议决定的事项，一条一行（没有可不填）", 90)
        self.counts = QLabel(m.attendees.text() + f"；实到 {m.attendees.attended} 人（含送学上门）")
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-weight: bold;")
        self.attendance = QPlainTextEdit(attendance_text(m.attendees))
        self.attendance.setReadOnly(True)
        self.attendance.setMaximumHeight(style.px(110))
        form = self.form
        form.addRow(title)
        for label, widget in (("出勤情况", self.counts),
                              ("开始时间", self.start), ("地点", self.place), ("主题", self.topic),
                              ("主持人", self.host), ("记录人", self.recorder),
                              ("列席", self.guests), ("内容", self.content),
                              ("决议/决定事项", self.decisions),
                              ("出勤名单", self.attendance), ("", hint(
                                  "出勤在“学习活动 → 登记出勤”中登记，这里只显示，不用再填。"))):
            form.addRow(label, widget)

    def _line(self, text: str, placeholder: str, width: int = 0) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setPlaceholderText(placeholder)
        if width:
            edit.setMaximumWidth(style.px(width))
        return edit

    def _text(self, text: str, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(style.px(height))
        return edit

    def get_input(self) -> minutes.MinutesInput:
        return minutes.MinutesInput(
            start_time=self.start.text(), place=self.place.text(), topic=self.topic.text(),
            host=self.host.text(), recorder=self.recorder.text(), guests=self.guests.text(),
            content=self.content.toPlainText(), decisions=self.decisions.toPlainText())

    def apply(self, session) -> None:
        minutes.save_minutes(session, self.event_id, self.get_input())


class KindsDialog(SessionForm):
    """会议种类: the kinds this branch holds (the others are not checked), and whether its
    集中学习日 counts as the month's 主题党日."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, "本支部开展的会议", parent, size=(620, 460))
        with ctx.db.session() as s:
            now = kinds.meeting_settings(s, ctx.branch_id)
        self.held = {}
        self.form.addRow(hint("勾选本支部开展的会议。不开展的（例如没有设党小组，就不开党小组会）"
                              "不计入次数检查。"))
        for kind in MEETING_KINDS:
            box = QCheckBox(f"{kind}（{MEETING_FREQUENCIES[kind]}一次）")
            box.setChecked(now.holds(kind))
            self.held[kind] = box
            self.form.addRow(box)
        self.form.addRow(hint("主题党日每月一次，多数支部就在集中学习日开展："))
        self.study_day = QCheckBox("集中学习日算作当月的主题党日（当月没有另开主题党日时）")
        self.study_day.setChecked(now.study_day_counts)
        self.form.addRow(self.study_day)

    def apply(self, session) -> None:
        kinds.set_meeting_settings(session, self.ctx.branch_id,
                                   [k for k, box in self.held.items() if not box.isChecked()],
                                   self.study_day.isChecked())
