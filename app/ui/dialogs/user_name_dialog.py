"""Asked once on this PC: who is working (their name goes into the record of every change)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from app.ui import style
from app.ui.widgets import button, hint


class UserNameDialog(QDialog):
    def __init__(self, parent=None, current: str = ""):
        super().__init__(parent)
        self.setWindowTitle("请问您是哪一位")
        self.name = QLineEdit(current)
        self.name.setPlaceholderText("例如：王建国")
        self.name.setMinimumWidth(style.px(320))
        title = QLabel("请输入您的姓名")
        title.setProperty("role", "title")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        later, ok = button("以后再说", self.reject), button("确定", self.accept, primary=True)
        # Enter means 确定: a dialog's first push button is its default otherwise, and Enter
        # after typing the name used to press 以后再说 and throw the name away.
        later.setAutoDefault(False)
        ok.setDefault(True)
        buttons.addWidget(later)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint("每一处修改都会记下是谁改的，方便以后查对。只问这一次，"
                              "以后可在“设置”里修改。"))
        layout.addWidget(self.name)
        layout.addLayout(buttons)
        self.setMinimumWidth(style.px(560))
        self.resize(style.px(560), layout.heightForWidth(style.px(560)))

    def value(self) -> str:
        return self.name.text().strip()


def ask_user_name(prefs, parent=None) -> str:
    """The remembered name, or ask once and remember it. "以后再说" is remembered as well, so
    the question does not come back at every start (the name can be set under 设置)."""
    if prefs.user_name or prefs.user_name_asked:
        return prefs.user_name
    dialog = UserNameDialog(parent)
    if dialog.exec() and dialog.value():
        prefs.user_name = dialog.value()[:50]
    prefs.user_name_asked = True
    prefs.save()
    return prefs.user_name
