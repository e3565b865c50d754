"""The main window: a left navigation of pages, the branch on top, pages built when first shown.

It must fit the screen's free area (1366 × 728 on the commonest laptop) at every type size:
each page sits in a scroll area that scrolls only up and down, its rows of buttons wrap
(`reflow_rows`) instead of adding up to 1,500 px at 200 %, the navigation is as wide as its
longest title and no wider, and a change of type size re-fits the window at once.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication, QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
    QScrollArea, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from app import APP_NAME
from app.services import roster
from app.ui import style
from app.ui.context import AppContext
from app.ui.flow_layout import reflow_rows
from app.ui.pages import PAGES
from app.ui.screen_fit import FRAME, initial_size, show_fitted


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_NAME)
        self._pages: dict[str, QWidget] = {}
        self._dirty: set[str] = set()

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.viewport().installEventFilter(self)  # its real height sets the entries
        for key, title, _target in PAGES:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.stack = QStackedWidget()

        # the branch heads the navigation column: a bar across the top cost every page a line
        self.branch_label = QLabel()
        self.branch_label.setObjectName("branch")
        self.branch_label.setWordWrap(True)
        self.branch_box = QComboBox()
        self.branch_box.setToolTip("切换支部")
        self.branch_box.activated.connect(self._branch_chosen)
        self.branch_caption = QLabel("切换支部：")
        self.branch_caption.setObjectName("branchCaption")
        column = QWidget()
        column.setObjectName("navColumn")
        side = QVBoxLayout(column)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        side.addWidget(self.branch_label)
        side.addWidget(self.branch_caption)
        side.addWidget(self.branch_box)
        side.addWidget(self.nav, 1)
        self.nav_column = column

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(column)
        body.addWidget(self.stack, 1)
        root = QWidget()
        root.setLayout(body)
        self.setCentralWidget(root)

        self.nav.currentRowChanged.connect(self._show_row)
        ctx._navigate = self.navigate
        ctx.data_changed.connect(self._mark_dirty)
        ctx.branch_changed.connect(lambda _id: self._mark_dirty(reload_branches=True))
        ctx.scale_changed.connect(lambda _s: self._scale_changed())
        self._reload_branches()
        self._apply_scale()
        self.nav.setCurrentRow(0)
        self.resize(style.px(1280), style.px(800))

    def show_fitted(self) -> None:
        """Show the window as large as the type asks (1280 × 800 at 100 %), but never larger
        than the screen: on a 1366 × 768 office laptop, or at 200 % type, it opens maximized
        instead of running off the bottom of the screen."""
        show_fitted(self, self._area())

    def _area(self):
        screen = self.screen()
        return screen.availableGeometry() if screen is not None else None

    def _scale_changed(self) -> None:
        self._apply_scale()
        # after Qt has re-polished every widget for the new type: then the sizes are true
        QTimer.singleShot(0, self._refit_pages)

    def _refit_pages(self) -> None:
        for page in self._pages.values():
            keep_rows_in_view(page)
        self.refit()

    def refit(self) -> None:
        """Fit the window to the screen again after a change of type size, at once: the
        wanted size when it fits, otherwise the whole free area (maximized)."""
        area = self._area()
        if area is None or not self.isVisible():
            return
        width, height, maximize = initial_size(style.px(1280), style.px(800),
                                               area.width(), area.height())
        if maximize or self.isMaximized():
            if self.isMaximized():
                self.showNormal()  # the window manager re-applies the maximized geometry
            self.setGeometry(area)
            self.showMaximized()
            return
        self.resize(width, height)
        self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)

    # navigation -------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page for `key`, built on first use."""
        if key not in self._pages:
            target = next(m for k, _t, m in PAGES if k == key)
            module_name, class_name = target.split(":")
            cls = getattr(importlib.import_module(module_name), class_name)
            page = cls(self.ctx)
            reflow_rows(page, style.px(8))
            keep_rows_in_view(page)
            self._pages[key] = page
            self.stack.addWidget(page_holder(page))
        return self._pages[key]

    def current_page(self) -> QWidget | None:
        holder = self.stack.currentWidget()
        return holder.widget() if holder is not None else None

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
        self.stack.setCurrentWidget(page.parentWidget().parentWidget())
        if hasattr(page, "refresh"):
            page.refresh()
        self._dirty.discard(key)

    def _mark_dirty(self, reload_branches: bool = False) -> None:
        if reload_branches:
            self._reload_branches()
        self._dirty = set(self._pages)
        current = self.current_page()
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
        self.branch_box.setToolTip("切换支部：" + self.branch_box.currentText())
        self.branch_label.setText(self.branch_box.currentText() or "尚未建立支部")
        if hasattr(self, "nav_column"):
            self._apply_scale()  # a longer name takes more of the column's height

    def _branch_chosen(self, index: int) -> None:
        branch_id = self.branch_box.itemData(index)
        if branch_id is not None and branch_id != self.ctx.branch_id:
            self.ctx.set_branch(branch_id)

    def _apply_scale(self) -> None:
        """The navigation as wide as its longest title (it took 380 px at 200 %) and its
        entries low enough that all seven show on the screen's free height."""
        font = QFont(QApplication.font())
        font.setPointSizeF(style.nav_point_size())
        self._nav_metrics = QFontMetrics(font)
        area = self._area()
        width, self._nav_item_height = nav_size(
            self._nav_metrics, [t for _k, t, _m in PAGES],
            area.height() - self._above_nav(width=None) if area is not None else None)
        self.nav_column.setFixedWidth(width)
        self._fit_nav_items()

    def _above_nav(self, width: int | None) -> int:
        """The height the branch name (and the switcher) take above the entries."""
        width = width or self.nav_column.width()
        return sum(w.heightForWidth(width) if w.hasHeightForWidth() else w.sizeHint().height()
                   for w in (self.branch_label, self.branch_caption, self.branch_box)
                   if not w.isHidden())

    def _fit_nav_items(self) -> None:
        """Entries as tall as wanted, or as fit the list's real height: 设置 never drops below
        the edge (at 200 % it did)."""
        if not hasattr(self, "_nav_metrics"):
            return
        height = self._nav_item_height
        if self.isVisible() and self.nav.viewport().height() > 0:
            height = min(height, (self.nav.viewport().height() - 2) // len(PAGES))
        height = max(height, self._nav_metrics.height() + 2)
        width = self.nav_column.width()
        for i in range(self.nav.count()):
            self.nav.item(i).setSizeHint(QSize(width - 4, height))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if watched is self.nav.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_nav_items()
        return super().eventFilter(watched, event)




def nav_size(metrics: QFontMetrics, titles: list[str], area_height: int | None) -> tuple[int, int]:
    """(width, entry height) of the navigation: its longest title with the padding of the
    stylesheet, entries of 58 px at 100 % but never so tall that all do not fit the height."""
    width = max(metrics.horizontalAdvance(t) for t in titles) + style.px(16) + style.px(20)
    height = min(style.px(58), metrics.height() + style.px(22))
    if area_height is not None:
        height = min(height, (area_height - FRAME - 8) // len(titles))
    return max(width, 120), max(height, metrics.height() + 4)


def fits_area(min_width: int, min_height: int, area_width: int, area_height: int) -> bool:
    """Whether a window that needs at least this size fits the screen's free area with its
    title bar (the test's 1366 × 728 office laptop at every type size)."""
    return min_width <= area_width and min_height + FRAME <= area_height


TABLE_ROWS_AT_LEAST = 3


def keep_rows_in_view(page: QWidget, rows: int = TABLE_ROWS_AT_LEAST) -> None:
    """Every table of the page keeps room for its header and `rows` rows. At 200 % type the
    headings, filters and help lines above a table left it one row or none; now the page
    scrolls up and down instead (it sits in `page_holder`), and the table stays usable."""
    for table in page.findChildren(QTableView):
        header = table.horizontalHeader()
        need = (header.sizeHint().height() if not header.isHidden() else 0) \
            + rows * table.verticalHeader().defaultSectionSize() \
            + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth()
        table.setMinimumHeight(need)


def page_holder(page: QWidget) -> QScrollArea:
    """A page in a frame that scrolls up and down only: a tall page never makes the window
    taller than the screen, and a wide one is made to wrap instead of scrolling sideways."""
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setFrameShape(QFrame.Shape.NoFrame)
    holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    holder.setWidget(page)
    return holder
