"""Qt's own dialogs speak Chinese, and every save/open dialog starts in 文档 and then remembers
the last folder for each kind of file."""

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QComboBox, QFileDialog, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QWidget,
)

from app import file_names
from app.models import Branch
from app.prefs import Prefs
from app.ui import files, messages, qt_chinese
from app.ui.app import make_application
from app.ui.context import AppContext

WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF", "Excel", "xlsx", "xls", "csv", "ods", "txt", "Ctrl", "Shift", "Del"}


def english_words(texts: list[str], skip: set[str]) -> list[str]:
    """The Latin words of 3+ letters in what the user sees, except file kinds, key names and
    the folder names of this computer (`skip`)."""
    found = []
    for text in texts:
        if not text or text.startswith("/") or text in skip:
            continue
        found += [w for w in WORD.findall(text) if w not in ALLOWED]
    return found


def visible_texts(root: QWidget) -> list[str]:
    """Labels, buttons, combo items, tooltips, placeholders, table headers and actions."""
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            out += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
        out += [w.toolTip(), w.windowTitle(), w.accessibleName()]
    out += [a.text() for a in root.findChildren(QAction)] + [a.toolTip() for a in
                                                            root.findChildren(QAction)]
    return out


@pytest.fixture
def app():
    return make_application()


@pytest.mark.parametrize("mode", ["save", "open", "folder"])
def test_qt_file_dialog_has_no_english(app, qtbot, tmp_path, mode):
    folder = tmp_path / "文档"
    folder.mkdir()
    (folder / "城关镇第二支部_2026年第3季度.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "保存季度报表", str(folder), "Excel 工作簿 (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setOptions(files.dialog_options() | QFileDialog.Option.DontUseNativeDialog)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.show()
    texts = visible_texts(dialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    texts += visible_texts(dialog)
    assert any("查找范围" in t for t in texts) and any("文件类型" in t for t in texts)
    skip = {part for part in tmp_path.parts} | {Path.home().name}
    assert english_words(texts, skip) == []
    # what it says when a file is to be replaced
    replace = QCoreApplication.translate("QFileDialog",
                                         "%1 already exists.\nDo you want to replace it?")
    assert english_words([replace], set()) == [] and "替换" in replace


def test_message_boxes_have_no_english(app, monkeypatch):
    seen = []

    def collect(box):
        seen.append(visible_texts(box) + [b.text() for b in box.buttons()])
        return 0

    monkeypatch.setattr(QMessageBox, "exec", collect)
    messages.info(None, "签到表已保存。")
    messages.error(None, "打印机没有准备好。")
    messages.ask(None, "用这份备份替换现在的全部数据吗？", yes="恢复", no="不恢复")
    from app.errors import UserError

    messages.show_exception(None, UserError("没有找到这位党员"))
    assert len(seen) == 4
    assert all(english_words(texts, set()) == [] for texts in seen), seen


def test_standard_qt_buttons_and_text_field_menus_are_chinese(app, qtbot):
    box = QMessageBox(QMessageBox.Icon.Question, "请确认", "要保存吗？",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert english_words([b.text() for b in box.buttons()], set()) == []
    for field in (QLineEdit(), QPlainTextEdit()):
        menu = field.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions()]
        assert {"撤消(&U)", "复制(&C)", "粘贴(&P)", "全选"} <= set(texts)
        assert english_words(texts, set()) == []


def test_the_print_dialog_on_linux_is_chinese(app, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_words(visible_texts(dialog), set()) == []


def test_the_bridge_puts_the_mnemonic_back_and_leaves_unknown_texts_alone(app):
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert QCoreApplication.translate("QFileDialog", "No such text here") == "No such text here"
    assert QCoreApplication.translate("QFileDialog", "&&Look in:") == "&&Look in:"
    assert qt_chinese.with_mnemonic("页面组：", "s") == "页面组(&S)："


# the folders ---------------------------------------------------------------------------------
@pytest.fixture
def places(tmp_path, monkeypatch):
    docs, usb, desk = tmp_path / "文档", tmp_path / "U盘", tmp_path / "桌面"
    for folder in (docs, usb, desk):
        folder.mkdir()
    monkeypatch.setattr(files, "documents_folder", lambda: docs)
    return docs, usb, desk


@pytest.fixture
def asked(monkeypatch):
    """The start path of each QFileDialog call, and the answers to give, in order."""
    log = {"start": [], "answers": []}

    def save(_parent, _title, start, *_a, **_k):
        log["start"].append(start)
        return (log["answers"].pop(0), "")

    def folder(_parent, _title, start, *_a, **_k):
        log["start"].append(start)
        return log["answers"].pop(0)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", save)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    return log


def test_dialogs_start_in_documents_then_remember_the_folder_per_kind(app, places, asked):
    docs, usb, desk = places
    prefs = Prefs()
    asked["answers"] = [str(usb / "季度"), str(desk / "签到表.pdf"), "", str(usb / "b.xlsx")]
    made = files.save_file(None, prefs, file_names.QUARTER_WORKBOOK, "保存季度报表",
                           "城关镇第二支部_2026年第3季度.xlsx", "Excel 工作簿 (*.xlsx)")
    assert made == usb / "季度.xlsx"  # the ending is added when typed without it
    assert asked["start"][-1] == str(docs / "城关镇第二支部_2026年第3季度.xlsx")
    files.save_file(None, prefs, file_names.SIGNIN_SHEET, "保存签到表", "签到表.pdf", "PDF (*.pdf)")
    assert asked["start"][-1] == str(docs / "签到表.pdf")  # another kind: still 文档
    assert files.save_file(None, prefs, file_names.ROSTER_EXPORT, "花名册保存到", "花名册.xlsx",
                           "Excel (*.xlsx)") is None  # cancelled: nothing remembered
    assert file_names.ROSTER_EXPORT not in prefs.folders
    files.save_file(None, prefs, file_names.QUARTER_WORKBOOK, "保存季度报表", "b.xlsx", "")
    assert asked["start"][-1] == str(usb / "b.xlsx")
    assert Prefs.load().folders == {file_names.QUARTER_WORKBOOK: str(usb),
                                    file_names.SIGNIN_SHEET: str(desk)}


def test_a_remembered_folder_that_is_gone_falls_back_to_documents(app, places, asked):
    docs, usb, _desk = places
    prefs = Prefs(folders={file_names.BACKUP: str(usb / "拔掉的U盘")})
    asked["answers"] = [str(usb)]
    assert files.choose_folder(None, prefs, file_names.BACKUP, "选择备份到哪里") == usb
    assert asked["start"] == [str(docs)]
    assert prefs.folders[file_names.BACKUP] == str(usb)


def test_documents_folder_is_never_the_working_folder(app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    found = files.documents_folder()
    assert found.is_dir() and found != Path.cwd()


def test_native_dialog_on_windows_qt_dialog_on_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "win32")
    assert not files.dialog_options() & QFileDialog.Option.DontUseNativeDialog
    monkeypatch.setattr(sys, "platform", "linux")
    assert files.dialog_options() & QFileDialog.Option.DontUseNativeDialog


def test_quarterly_export_proposes_the_branch_and_quarter(app, db, places, asked, monkeypatch):
    from app.ui.pages.reports import ReportsPage

    docs, usb, _desk = places
    with db.session() as s:
        branch = Branch(name="城关镇第二支部")
        s.add(branch)
        s.flush()
        branch_id = branch.id
    ctx = AppContext(db, Prefs(), branch_id)
    page = ReportsPage(ctx)
    written = []
    monkeypatch.setattr(page, "export_to", written.append)
    asked["answers"] = [str(usb / "城关镇第二支部_2026年第3季度.xlsx")]
    monkeypatch.setattr(page, "selected", lambda: (2026, 3))
    page.choose_export()
    assert asked["start"] == [str(docs / "城关镇第二支部_2026年第3季度.xlsx")]
    assert written == [usb / "城关镇第二支部_2026年第3季度.xlsx"]
    assert ctx.prefs.folders == {file_names.QUARTER_WORKBOOK: str(usb)}


def test_printouts_are_made_in_a_private_folder(app):
    import tempfile

    folder = files.private_temp_dir()
    assert folder.is_dir() and folder.parent == Path(tempfile.gettempdir())
    assert folder.name.startswith("zhibu-print-") and files.private_temp_dir() == folder
    if sys.platform != "win32":
        assert folder.stat().st_mode & 0o077 == 0  # nobody else on this PC can read it



def test_the_file_dialog_opens_large_within_the_screen_and_names_folders_in_chinese(app, qtbot,
                                                                                       tmp_path):
    from PySide6.QtWidgets import QTreeView

    from app.ui.dialogs.form_dialog import available_area

    folder = tmp_path / "文档"
    (folder / "各支部").mkdir(parents=True)
    dialog = QFileDialog(None, "保存季度报表", str(folder), "Excel 工作簿 (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setOptions(files.dialog_options() | QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    area = available_area(dialog)
    assert dialog.width() >= area.width() * 4 // 5 - 16 and dialog.width() <= area.width()
    assert dialog.height() <= area.height()
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1)
    row = view.model().index(0, 2, view.rootIndex())
    assert view.model().data(row) == "文件夹"  # Qt 6 says "Folder" without the bridge
