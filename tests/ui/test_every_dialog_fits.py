"""Every dialog (and the main window) on a 1366 × 768 laptop's free area, 1366 × 728, at 100, 150
and 200 % type: each fits with its frame, and each of its buttons is in view — the bottom row
never below the edge, a button inside a scrolled form at least inside that form.

The screen is not the test machine's: `form_dialog.available_area` is replaced by the area, so
the result does not depend on where the tests run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from app.prefs import Prefs
from app.ui import style
from app.ui.app import build_window, make_application
from app.ui.dialogs import form_dialog
from app.ui.dialogs.form_dialog import FRAME_HEIGHT, FRAME_WIDTH, FormDialog, fit_to_area
from app.ui.main_window import initial_size
from app.ui.pages import PAGES
from tests.ui.dialog_catalogue import AREA, DIALOGS, fit_problems, tab_pages


def _window(qtbot, db, scale):
    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(db, prefs)
    qtbot.addWidget(w)
    w.resize(1280, 700)
    w.show()
    return w


@pytest.fixture
def laptop(monkeypatch):
    monkeypatch.setattr(form_dialog, "available_area", lambda _w=None: QRect(AREA))
    return AREA


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_every_dialog_fits_the_laptop_and_shows_its_buttons(qtbot, demo_db, laptop, tmp_path,
                                                            scale):
    w = _window(qtbot, demo_db, scale)
    problems, sizes = [], {}
    for name, make in DIALOGS:
        dialog = make(w.ctx, w, tmp_path)
        assert isinstance(dialog, FormDialog), f"{name} is not built on the dialog foundation"
        dialog.show()
        QApplication.processEvents()
        sizes[name] = (dialog.width(), dialog.height())
        problems += fit_problems(dialog, laptop)
        for tab in tab_pages(dialog):
            QApplication.processEvents()
            problems += [f"{p}（{tab}）" for p in fit_problems(dialog, laptop)]
        assert dialog.default_button() is not None, f"{name}: no default button for Enter"
        dialog.done(0)
        dialog.deleteLater()
    print(f"{scale} %:", sizes)
    assert not problems, "\n".join(problems)
    # the big forms really were cut to the area at 200 %, not merely small already
    if scale == 200:
        assert sizes["记录走访"][1] == AREA.height() - FRAME_HEIGHT
        assert sizes["新增党员"][0] == AREA.width() - FRAME_WIDTH


def test_fit_cuts_a_tall_dialog_to_the_area_and_keeps_the_buttons_below_the_form(qtbot):
    from PySide6.QtWidgets import QLineEdit

    make_application()
    dialog = FormDialog(title="很长的表")
    qtbot.addWidget(dialog)
    for i in range(60):
        dialog.body_layout.addWidget(QLineEdit(f"第 {i} 项"))
    dialog.add_cancel()
    save = dialog.add_button("保存", dialog.accept, primary=True)
    area = QRect(100, 40, 1000, 500)
    dialog.show()
    geometry = fit_to_area(dialog, area)
    QApplication.processEvents()
    assert geometry.height() == 500 - FRAME_HEIGHT and dialog.height() == geometry.height()
    assert area.contains(QRect(dialog.pos(), dialog.size()).adjusted(0, 0, FRAME_WIDTH,
                                                                     FRAME_HEIGHT))
    assert dialog.scroll.verticalScrollBar().maximum() > 0  # the form scrolls inside
    assert dialog.rect().contains(QRect(save.mapTo(dialog, save.rect().topLeft()), save.size()))
    assert dialog.maximumHeight() <= 500 - FRAME_HEIGHT  # a later relayout cannot grow past it


def test_a_short_dialog_keeps_its_own_size(qtbot):
    make_application()
    dialog = FormDialog(title="短")
    qtbot.addWidget(dialog)
    dialog.add_button("确定", dialog.accept, primary=True)
    dialog.want_size(400, 200)
    fit_to_area(dialog, QRect(AREA))
    assert (dialog.width(), dialog.height()) == (style.px(400), style.px(200))


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_the_main_window_can_fit_the_laptop_on_every_page(qtbot, demo_db, scale):
    w = _window(qtbot, demo_db, scale)
    too_big = []
    for key, title, _target in PAGES:
        w.navigate(key)
        QApplication.processEvents()
        least = w.minimumSizeHint()
        if least.width() > AREA.width() or least.height() > AREA.height() - FRAME_HEIGHT:
            too_big.append(f"{title}: {least.width()}×{least.height()}")
    width, height, _max = initial_size(w.width(), w.height(), AREA.width(), AREA.height())
    assert width <= AREA.width() and height <= AREA.height()
    assert not too_big, too_big


def _qt_dialogs(parent):
    """Qt's own dialogs as the program opens them (files.py, pdf_preview, messages, the
    materials and settings pages): they are fitted by widgets.QtDialogFit, not FormDialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    from app.ui import files, messages

    save = QFileDialog(parent, "保存季度报表", str(files.documents_folder()), "Excel 工作簿 (*.xlsx)")
    save.setOptions(files.dialog_options())
    save.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    folder = QFileDialog(parent, "选择备份文件夹", str(files.documents_folder()))
    folder.setOptions(files.dialog_options() | QFileDialog.Option.ShowDirsOnly)
    folder.setFileMode(QFileDialog.FileMode.Directory)
    text = QInputDialog(parent)
    text.setWindowTitle("新增刊物")
    text.setLabelText("刊物名称（如 中国老年报）：")
    names = "、".join(f"测试党员{i:03d}" for i in range(119))
    long_box = messages._box(parent, QMessageBox.Icon.Question, "请确认",
                             f"确定发放给 119 人吗？\n{names}",
                             [("确定", QMessageBox.ButtonRole.YesRole),
                              ("取消", QMessageBox.ButtonRole.NoRole)])
    printer = QPrinter()
    return [save, folder, text, long_box, QPrintDialog(printer, parent)], printer


@pytest.mark.parametrize("scale", [100, 150, 200])
def test_qt_own_dialogs_fit_the_laptop_over_the_maximized_window(qtbot, demo_db, laptop, scale):
    """The file dialog is made large when it first shows (4/5 of the free area); it was placed
    as if it still had its small size: at 100 % its right side, 保存 and 取消 with it, ran
    past the edge of a 1366 screen (to x = 1454 under Xvfb, the buttons at 1326–1443)."""
    w = _window(qtbot, demo_db, scale)
    w.setGeometry(0, 0, AREA.width(), AREA.height() - 40)  # maximized, less its title bar
    QApplication.processEvents()
    dialogs, _printer = _qt_dialogs(w)
    problems = []
    for dialog in dialogs:
        dialog.show()
        QApplication.processEvents()
        problems += fit_problems(dialog, laptop)
        dialog.done(0)
        dialog.deleteLater()
    assert not problems, "\n".join(problems)
