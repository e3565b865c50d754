"""The first-start question "请问您是哪一位": Enter after typing the name means 确定."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.prefs import Prefs
from app.ui.app import make_application
from app.ui.dialogs.user_name_dialog import UserNameDialog, ask_user_name


def test_enter_in_the_name_field_accepts_the_typed_name(qtbot):
    make_application()
    dialog = UserNameDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setFocus()
    dialog.name.insert("王建国")  # typed (QTest cannot type Chinese characters)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.result() == UserNameDialog.DialogCode.Accepted
    assert dialog.value() == "王建国"


def test_ask_user_name_remembers_the_name_typed_and_entered(qtbot, monkeypatch):
    """The whole first-start path: the modal question, a name typed and Enter."""
    make_application()
    prefs = Prefs()
    monkeypatch.setattr(Prefs, "save", lambda self: None)

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UserNameDialog)
        dialog.name.insert("李秀兰")
        qtbot.keyClick(dialog.name, Qt.Key.Key_Enter)

    QTimer.singleShot(50, answer)
    assert ask_user_name(prefs) == "李秀兰"
    assert prefs.user_name == "李秀兰" and prefs.user_name_asked
