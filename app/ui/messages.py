"""Plain Chinese message boxes with large buttons; no English, no tracebacks."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QScrollArea, QWidget

from app.errors import UserError
from app.logsetup import log_file
from app.ui.screen_fit import available_area

log = logging.getLogger(__name__)


def _box(parent, icon, title, text, buttons) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    scroll_long_text(box)
    for label, role in buttons:
        box.addButton(label, role)
    return box


def scroll_long_text(box: QMessageBox) -> QScrollArea | None:
    """A text too long for the screen scrolls inside the box; the buttons stay in view.

    Qt's message box makes itself exactly as tall as its text (at most about 900 px wide on a
    1366 screen): "确定发放给 119 人吗？" with every name listed grew to 1,081 px at 150 % type,
    its buttons below the screen's edge, in a monkey run in CI. Such a text is moved into a
    scroll area of at most 55 % of the screen's free height; a short one is left as it is."""
    label = box.findChild(QLabel, "qt_msgbox_label")
    if label is None or box.layout() is None:
        return None
    area = available_area(box)
    screen = box.screen().availableGeometry() if box.screen() is not None else area
    # Qt's own width limit for the box (QMessageBoxPrivate::updateSize), less the icon's column
    limit = screen.width() if screen.width() <= 1024 else min(screen.width() - 480, 1000)
    width = max(min(limit, area.width()) - 120, 280)
    label.ensurePolished()
    needed = label.fontMetrics().boundingRect(
        QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, label.text()).height()
    room = max(area.height() * 55 // 100, 120)
    if needed <= room:
        return None
    scroll = QScrollArea(box)
    scroll.setObjectName("zhibu_msgbox_scroll")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.layout().replaceWidget(label, scroll)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    scroll.setWidget(label)
    # wider than Qt's "soft limit" (500 px), so Qt keeps the label wrapping when it sizes the box
    scroll.setMinimumSize(max(width, min(screen.width() // 2, 500) + 20), room)
    return scroll


def _answer(box: QMessageBox):
    """Show the box; the button clicked (or None). The box is deleted afterwards: parented to
    a page, every message ever shown would otherwise stay in memory for the whole session."""
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return clicked


def info(parent: QWidget | None, text: str, title: str = "提示") -> None:
    _answer(_box(parent, QMessageBox.Icon.Information, title, text,
                 [("知道了", QMessageBox.ButtonRole.AcceptRole)]))


def error(parent: QWidget | None, text: str, title: str = "出错了") -> None:
    _answer(_box(parent, QMessageBox.Icon.Warning, title, text,
                 [("知道了", QMessageBox.ButtonRole.AcceptRole)]))


def ask(parent: QWidget | None, text: str, yes: str = "确定", no: str = "取消",
        title: str = "请确认") -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text, [])
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.addButton(no, QMessageBox.ButtonRole.NoRole)
    return _answer(box) is yes_button


def ask_unsaved(parent: QWidget | None) -> str:
    """Closing a form with edits: "save", "discard" or "keep" (继续编辑, also the box's Esc)."""
    box = _box(parent, QMessageBox.Icon.Question, "还没有保存", "有未保存的修改，要保存吗？", [])
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("不保存", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("继续编辑", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(keep)
    clicked = _answer(box)
    return "save" if clicked is save else "discard" if clicked is discard else "keep"


def choose(parent: QWidget | None, text: str, options: list[tuple[str, str]],
           cancel: str = "取消", title: str = "请选择", question: bool = True) -> str | None:
    """A question with several answers: `options` are (button text, key); the key of the
    button clicked, or None for `cancel` (and for Esc)."""
    icon = QMessageBox.Icon.Question if question else QMessageBox.Icon.Information
    box = _box(parent, icon, title, text, [])
    keys = {box.addButton(label, QMessageBox.ButtonRole.ActionRole): key
            for label, key in options}
    box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    return keys.get(_answer(box))


def show_exception(parent: QWidget | None, exc: BaseException) -> None:
    """A user error's own sentence, or for anything else a plain sentence and the log's place."""
    if isinstance(exc, UserError):
        error(parent, str(exc))
    else:
        from app.storage.db import short_reason  # SQLite's sentence, not the statement of a failed write

        log.error("unexpected error shown to user: %r", exc)
        error(parent, f"操作没有完成，数据没有改动。\n原因：{type(exc).__name__}：{short_reason(exc)}\n"
                      f"详细信息已记入日志：{log_file()}")
