"""Plain Chinese message boxes with large buttons; no English, no tracebacks."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserError
from app.logsetup import log_file

log = logging.getLogger(__name__)


def _box(parent, icon, title, text, buttons) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    for label, role in buttons:
        box.addButton(label, role)
    return box


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
        from app.db import short_reason  # SQLite's sentence, not the statement of a failed write

        log.error("unexpected error shown to user: %r", exc)
        error(parent, f"操作没有完成，数据没有改动。\n原因：{type(exc).__name__}：{short_reason(exc)}\n"
                      f"详细信息已记入日志：{log_file()}")
