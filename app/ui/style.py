"""Type and sizes for elderly eyes: 14 pt base, scaled 100–200 %, large targets, high contrast.

Every page sizes things through `px()` / the application font, never fixed pixel fonts, so the
scale setting reaches every page and dialog.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import paths

BASE_POINT_SIZE = 14
PREFERRED_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "SimSun",
)
_scale = 100


def px(value: float) -> int:
    """A size in pixels at 100 %, scaled by the current font scale."""
    return int(round(value * _scale / 100))


def scale() -> int:
    return _scale


def nav_point_size() -> float:
    """The navigation's type: a little larger than the page text at 100 %, as large at 200 %
    (set in the stylesheet, so a re-polish after a change of size cannot put the old one back)."""
    return BASE_POINT_SIZE * _scale / 100 * (1.15 - 0.15 * (_scale - 100) / 100)


def pick_family() -> str:
    """A Simplified Chinese family (never the Japanese fallback Qt picks under LANG=C)."""
    available = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
    loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return loaded[0] if loaded else QApplication.font().family()


def stylesheet() -> str:
    down = paths.resource_path("icons", "arrow-down.svg").as_posix()
    up = paths.resource_path("icons", "arrow-up.svg").as_posix()
    return f"""
    QWidget {{ color: #1a1a1a; }}
    QMainWindow, QDialog {{ background: #f6f4ef; }}
    QPushButton {{ min-height: {px(40)}px; padding: {px(6)}px {px(16)}px; border-radius: {px(6)}px;
                  border: 1px solid #8a8a8a; background: #ffffff; }}
    QPushButton:hover {{ background: #fff4e5; }}
    QPushButton:focus {{ border: 2px solid #1d4f91; }}
    QPushButton[primary="true"] {{ background: #b3261e; color: #ffffff; border: 1px solid #8c1d18;
                                  font-weight: bold; }}
    QPushButton[primary="true"]:hover {{ background: #8c1d18; }}
    QPushButton:checked {{ background: #1d4f91; color: #ffffff; border: 2px solid #0d2f5e;
                          font-weight: bold; }}
    QPushButton:disabled {{ color: #707070; background: #eeeeee; }}
    QLineEdit, QComboBox, QDateEdit, QSpinBox, QDoubleSpinBox, QTimeEdit, QPlainTextEdit,
    QTextEdit {{ min-height: {px(36)}px; padding: {px(2)}px {px(6)}px; border: 1px solid #8a8a8a;
                 border-radius: {px(4)}px; background: #ffffff; }}
    QLineEdit:focus, QComboBox:focus, QDateEdit:focus, QPlainTextEdit:focus {{
                 border: 2px solid #1d4f91; }}
    QComboBox::drop-down {{ width: {px(34)}px; border-left: 1px solid #8a8a8a; }}
    QComboBox::down-arrow, QSpinBox::down-arrow, QDoubleSpinBox::down-arrow, QDateEdit::down-arrow,
    QTimeEdit::down-arrow {{ image: url({down}); width: {px(14)}px; height: {px(14)}px; }}
    QSpinBox::up-arrow, QDoubleSpinBox::up-arrow, QTimeEdit::up-arrow,
    QDateEdit::up-arrow {{ image: url({up}); width: {px(14)}px; height: {px(14)}px; }}
    QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
    QDoubleSpinBox::down-button, QTimeEdit::up-button, QTimeEdit::down-button {{
        width: {px(30)}px; }}
    QComboBox QAbstractItemView {{ selection-background-color: #1d4f91; selection-color: #ffffff; }}
    QTableView {{ gridline-color: #d0d0d0; background: #ffffff; alternate-background-color: #f3f1ea;
                  selection-background-color: #1d4f91; selection-color: #ffffff; }}
    QHeaderView::section {{ background: #e8e2d4; padding: {px(6)}px; border: 0;
                            border-right: 1px solid #c8c0ae; border-bottom: 1px solid #c8c0ae;
                            font-weight: bold; }}
    QListWidget#nav {{ background: #7f1d1d; color: #ffffff; border: 0; outline: 0;
                       font-size: {nav_point_size():.2f}pt; }}
    QListWidget#nav::item {{ padding-left: {px(16)}px; }}
    QListWidget#nav::item:selected {{ background: #f6f4ef; color: #7f1d1d; font-weight: bold; }}
    QLabel[role="title"] {{ font-size: {px(26)}px; font-weight: bold; color: #7f1d1d; }}
    QLabel[role="hint"] {{ color: #4a4a4a; }}
    QWidget#navColumn {{ background: #7f1d1d; color: #ffffff; }}
    QLabel#branch {{ font-weight: bold; color: #ffffff; background: #6a1717;
                     padding: {px(8)}px {px(10)}px; }}
    QLabel#branchCaption {{ color: #ffffff; padding: {px(4)}px {px(10)}px 0; }}
    QGroupBox {{ font-weight: bold; border: 1px solid #c8c0ae; border-radius: {px(6)}px;
                 margin-top: {px(14)}px; padding-top: {px(10)}px; background: #fffdf8; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: {px(10)}px; padding: 0 {px(4)}px; }}
    QCheckBox::indicator, QRadioButton::indicator {{ width: {px(22)}px; height: {px(22)}px; }}
    QTabBar::tab {{ min-height: {px(26)}px; padding: {px(3)}px {px(16)}px; }}
    QToolTip {{ font-size: {px(16)}px; }}
    """


def apply(app: QApplication, percent: int) -> None:
    """Apply the font scale to the whole application at once."""
    global _scale
    _scale = max(100, min(200, int(percent)))
    font = QFont(pick_family())
    font.setPointSizeF(BASE_POINT_SIZE * _scale / 100)
    sheet = stylesheet()
    if app.font() == font and app.styleSheet() == sheet:
        return  # already so (the start-up frame applied it): Qt would re-polish every widget
    app.setFont(font)
    app.setStyleSheet(sheet)
