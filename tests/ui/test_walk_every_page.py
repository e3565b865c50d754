"""Elderly-friendly everywhere: every page at 100 % and 200 % — large type that doubles, tall
buttons, no English words on screen, and the stylesheet's colour pairs at least 4.5:1."""

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit, QTabWidget, QWidget,
)

from app.prefs import Prefs
from app.ui import style
from app.ui.app import build_window, make_application
from app.ui.pages import PAGES

# File kinds people know by these names, and the roster search's pinyin-initials example.
ALLOWED = {"PDF", "Excel", "WPS", "ID", "xlsx", "xls", "pdf", "csv", "CSV", "docx", "zjg"}
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def visible_texts(root: QWidget) -> list[str]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            out.extend(w.itemText(i) for i in range(w.count()))
        elif isinstance(w, QTabWidget):
            out.extend(w.tabText(i) for i in range(w.count()))
        out.append(w.toolTip())
    return [t for t in out if t]


def english_words(texts: list[str]) -> list[str]:
    plain = [re.sub(r"<[^>]+>|&\w+;", " ", t) for t in texts]  # rich text tags are not words
    return sorted({m for t in plain for m in ENGLISH.findall(t) if m not in ALLOWED})


@pytest.mark.parametrize("scale", [100, 200])
def test_every_page_is_big_chinese_and_easy_to_click(qtbot, demo_db, scale):
    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(demo_db, prefs)
    qtbot.addWidget(w)
    w.resize(1280 * scale // 100, 800 * scale // 100)
    w.show()
    font = QApplication.font()
    assert font.pointSizeF() >= style.BASE_POINT_SIZE * scale / 100 - 0.01
    problems = []
    for key, title, _target in PAGES:
        w.navigate(key)
        qtbot.wait(10)
        page = w.page(key)
        words = english_words(visible_texts(page))
        if words:
            problems.append(f"{title}：英文 {words}")
        for b in page.findChildren(QAbstractButton):
            is_push = type(b).__name__ == "QPushButton"
            if is_push and b.isVisibleTo(page) and b.height() < 40 * scale // 100 - 2:
                problems.append(f"{title}：按钮“{b.text()}”只有 {b.height()} 像素高")
    assert not problems, "\n".join(problems)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert contrast("#777777", "#ffffff") < 4.5 < contrast("#767676", "#ffffff") + 0.01


def test_every_text_colour_in_the_stylesheet_reads_at_least_4_5_to_1():
    make_application()
    sheet = style.stylesheet()
    default_fg = re.search(r"QWidget\s*\{\{?\s*color:\s*(#[0-9a-fA-F]{6})", sheet).group(1)
    low = []
    fg_of: dict[str, str] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):
        selector = selector.strip()
        base = selector.split(":")[0]  # a :hover rule keeps the text colour of its base rule
        fg = re.search(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", body)
        fg_hex = fg.group(1) if fg else fg_of.get(base, default_fg)
        fg_of.setdefault(selector, fg_hex)
        if ":disabled" in selector:  # WCAG exempts inactive controls
            continue
        pairs = []
        bg = re.search(r"(?<![-\w])background(?:-color)?:\s*(#[0-9a-fA-F]{6})", body)
        if bg:
            pairs.append((fg_hex, bg.group(1)))
        sel_fg = re.search(r"selection-color:\s*(#[0-9a-fA-F]{6})", body)
        sel_bg = re.search(r"selection-background-color:\s*(#[0-9a-fA-F]{6})", body)
        if sel_bg:
            pairs.append((sel_fg.group(1) if sel_fg else "#ffffff", sel_bg.group(1)))
        for fg_c, bg_c in pairs:
            ratio = contrast(fg_c, bg_c)
            if ratio < 4.5:
                low.append(f"{selector}: {fg_c} on {bg_c} = {ratio:.2f}")
    assert not low, "\n".join(low)


def test_qt_own_buttons_speak_chinese(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    make_application()
    std = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(std.Ok | std.Cancel | std.Yes | std.No | std.Save | std.Close)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert english_words(texts) == [], texts


# Buttons that open a form on the demo data without choosing a file; new areas add theirs here.
DIALOG_BUTTONS = ("新增党员", "查看 / 修改", "新增资料", "新建一个支部…", "新建学习活动", "登记出勤",
                  "记录走访", "新增走访", "登记交费…", "缴费基数…", "减免…")


@pytest.mark.parametrize("scale", [100, 200])
def test_every_dialog_reachable_without_a_file_is_chinese_and_scaled(qtbot, demo_db, scale):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QPushButton, QTableView

    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(demo_db, prefs)
    qtbot.addWidget(w)
    w.show()
    seen, problems = [], []

    def inspect():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        seen.append(dialog.windowTitle())
        words = english_words(visible_texts(dialog) + [dialog.windowTitle()])
        if words:
            problems.append(f"“{dialog.windowTitle()}”：英文 {words}")
        if dialog.font().pointSizeF() < style.BASE_POINT_SIZE * scale / 100 - 0.01:
            problems.append(f"“{dialog.windowTitle()}”：字号 {dialog.font().pointSizeF()}")
        dialog.reject()

    for key, _title, _target in PAGES:
        w.navigate(key)
        page = w.page(key)
        table = page.findChild(QTableView)
        if table is not None and table.model() is not None and table.model().rowCount() > 0:
            table.selectRow(0)
        for b in page.findChildren(QPushButton):
            if b.text() in DIALOG_BUTTONS and b.isVisibleTo(page) and b.isEnabled():
                QTimer.singleShot(200, inspect)
                b.click()
                qtbot.wait(250)
    print("对话框：", seen)
    assert seen, "没有打开任何对话框"
    assert not problems, "\n".join(problems)
