"""The main window: a left navigation of pages, the branch on top, pages built when first shown."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget,
    QVBoxLayout, QWidget,
)

from app import APP_NAME
from app.services import roster
from app.ui import style
from app.ui.context import AppContext
from app.ui.pages import PAGES


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self._pages: dict[str, QWidget] = {}
        self._dirty: set[str] = set()

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        for key, title, _target in PAGES:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()

        self.branch_label = QLabel()
        self.branch_label.setProperty("role", "title")
        self.branch_box = QComboBox()
        self.branch_box.setToolTip("切换支部")
        self.branch_box.activated.connect(self._branch_chosen)
        top = QHBoxLayout()
        top.addWidget(self.branch_label, 1)
        self.branch_caption = QLabel("当前支部：")
        top.addWidget(self.branch_caption)
        top.addWidget(self.branch_box)

        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.nav)
        body.addLayout(right, 1)
        root = QWidget()
        root.setLayout(body)
        self.setCentralWidget(root)

        self.nav.currentRowChanged.connect(self._show_row)
        ctx._navigate = self.navigate
        ctx.data_changed.connect(self._mark_dirty)
        ctx.branch_changed.connect(lambda _id: self._mark_dirty(reload_branches=True))
        ctx.scale_changed.connect(lambda _s: self._apply_scale())
        self._reload_branches()
        self._apply_scale()
        self.nav.setCurrentRow(0)
        self.resize(style.px(1280), style.px(800))

    def show_fitted(self) -> None:
        """Show the window as large as the type asks (1280 × 800 at 100 %), but never larger
        than the screen: on a 1366 × 768 office laptop, or at 200 % type, it opens maximized
        instead of running off the bottom of the screen."""
        screen = self.screen()
        if screen is None:
            self.show()
            return
        area = screen.availableGeometry()
        width, height, maximize = initial_size(style.px(1280), style.px(800),
                                               area.width(), area.height())
        self.resize(width, height)
        if maximize:
            self.showMaximized()
            return
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)
        self.show()

    # navigation -------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use."""
        if key not in self._pages:
            title, target = next((t, m) for k, t, m in PAGES if k == key)
            module_name, class_name = target.split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            page = cls(self.ctx, title) if class_name == "PlaceholderPage" else cls(self.ctx)
            self._pages[key] = page
            self.stack.addWidget(page)
        return self._pages[key]

    def navigate(self, key: str, **kwargs) -> None:
        row = next(i for i, (k, _t, _m) in enumerate(PAGES) if k == key)
        self.nav.setCurrentRow(row)
        page = self.page(key)
        if kwargs and hasattr(page, "open_with"):
            page.open_with(**kwargs)

    def current_key(self) -> str:
        return PAGES[self.nav.currentRow()][0]

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if hasattr(page, "refresh"):
            page.refresh()
        self._dirty.discard(key)

    def _mark_dirty(self, reload_branches: bool = False) -> None:
        if reload_branches:
            self._reload_branches()
        self._dirty = set(self._pages)
        current = self.stack.currentWidget()
        if current is not None and hasattr(current, "refresh"):
            current.refresh()
            self._dirty.discard(self.current_key())

    # branch -----------------------------------------------------------------------------
    def _reload_branches(self) -> None:
        with self.ctx.db.session() as s:
            items = roster.branches(s)
        self.branch_box.blockSignals(True)
        self.branch_box.clear()
        for branch_id, name in items:
            self.branch_box.addItem(name, branch_id)
        index = self.branch_box.findData(self.ctx.branch_id)
        self.branch_box.setCurrentIndex(max(index, 0))
        self.branch_box.blockSignals(False)
        self.branch_box.setVisible(len(items) > 1)
        self.branch_caption.setVisible(len(items) > 1)
        self.branch_label.setText(self.branch_box.currentText() or "尚未建立支部")

    def _branch_chosen(self, index: int) -> None:
        branch_id = self.branch_box.itemData(index)
        if branch_id is not None and branch_id != self.ctx.branch_id:
            self.ctx.set_branch(branch_id)

    def _apply_scale(self) -> None:
        self.nav.setFixedWidth(style.px(190))
        font = self.nav.font()
        font.setPointSizeF(style.BASE_POINT_SIZE * style.scale() / 100 * 1.15)
        self.nav.setFont(font)
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(QSize(style.px(180), style.px(58)))


def initial_size(want_w: int, want_h: int, screen_w: int, screen_h: int) -> tuple[int, int, bool]:
    """(width, height, maximize): the wanted size when it fits the screen's free area with a
    little room for the title bar, otherwise the whole area, maximized."""
    if want_w <= screen_w and want_h + 40 <= screen_h:
        return want_w, want_h, False
    return min(want_w, screen_w), min(want_h, screen_h), True
