"""The soak's driver: a secretary's long afternoon on the real main window, as events.

Used by tests/ui/test_soak.py (which checks the outcome) and by the bench (`python -m bench
--only soak`, which records events per second and memory growth). Events go through QTest, as
pytest-qt's qtbot sends them, so the same driver runs with or without pytest.

A modal dialog would stop the session, so while `closed_dialogs()` is active `QDialog.exec`
shows the dialog, lets it paint, and closes it through `QDialog.done` (no save, no question);
file dialogs and Qt's ready-made questions answer "cancelled". Everything else is the program.
"""

from __future__ import annotations

import gc
import os
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QFileDialog, QInputDialog, QPushButton, QTabWidget,
)
from app.prefs import Prefs
from app.services import study
from app.ui.app import build_window, make_application
from app.ui.pages import PAGES

MARK_KEYS = {Qt.Key.Key_1: "出席", Qt.Key.Key_3: "缺席", Qt.Key.Key_4: "送学上门"}
# buttons a soak must not press: they end the session or hand the data to another office
SKIP_BUTTONS = ("退出", "移交", "恢复", "接收")


@dataclass
class SoakResult:
    events: int = 0
    seconds: float = 0.0
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    dialogs: int = 0
    marks_checked: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def rss_growth_mb(self) -> float:
        return self.rss_end_mb - self.rss_start_mb


def settle() -> None:
    """What the main event loop does between two user events: handle what is queued and
    delete what was handed to deleteLater (a test that never returns to the loop would
    otherwise keep every closed dialog and count it as a leak)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux /proc; the soak runs on Linux CI)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


class Session:
    """The driver: counts what it does, so the figures are the events really sent."""

    def __init__(self, window, seed: int):
        self.window = window
        self.rng = random.Random(seed)
        self.result = SoakResult()

    def count(self, kind: str, n: int = 1) -> None:
        self.result.events += n
        self.result.kinds[kind] = self.result.kinds.get(kind, 0) + n

    def wheel(self, view: QAbstractItemView, steps: int) -> None:
        viewport = view.viewport()
        centre = QPointF(viewport.width() / 2, viewport.height() / 2)
        for _ in range(steps):
            delta = -120 if self.rng.random() < 0.7 else 120
            event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())),
                                QPoint(0, 0), QPoint(0, delta), Qt.MouseButton.NoButton,
                                Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                                False)
            QApplication.sendEvent(viewport, event)
            self.count("wheel")
        QApplication.processEvents()

    def arrows(self, view: QAbstractItemView, steps: int) -> None:
        if not view.isEnabled() or not view.isVisible():
            return
        view.setFocus()
        for i in range(steps):
            key = Qt.Key.Key_Down if i < steps * 2 // 3 else Qt.Key.Key_Up
            QTest.keyClick(view, key)
            self.count("arrow")
        QTest.keyClick(view, Qt.Key.Key_PageDown)
        QTest.keyClick(view, Qt.Key.Key_PageUp)
        self.count("arrow", 2)

    def visible_views(self, page) -> list[QAbstractItemView]:
        return [v for v in page.findChildren(QAbstractItemView)
                if v.isVisible() and v.model() is not None and v.model().rowCount() > 0]

    def each_tab(self, page):
        """Switch to each tab of the page in turn (once, when it has none), yielding between."""
        tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        tabs = [(t, i) for t in tab_widgets for i in range(t.count())] or [(None, 0)]
        for tab_widget, i in tabs:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(i)
                self.count("tab")
                QApplication.processEvents()
            yield

    def tour_page(self, key: str) -> None:
        """Show the page, then each of its tabs: scroll and walk every table on it."""
        self.window.navigate(key)
        self.count("page")
        QApplication.processEvents()
        page = self.window.page(key)
        for _tab in self.each_tab(page):
            for view in self.visible_views(page):
                self.wheel(view, 12)
                self.arrows(view, 12)

    def press_every_button(self, key: str) -> None:
        """Every enabled button of the page and its tabs: each opens (and the patched exec
        closes) a dialog, starts a cancelled file choice, or does its ordinary work."""
        self.window.navigate(key)
        page = self.window.page(key)
        for _tab in self.each_tab(page):
            for view in self.visible_views(page):
                view.setCurrentIndex(view.model().index(0, 0))
            for b in page.findChildren(QPushButton):
                if not (b.isVisible() and b.isEnabled()) or any(s in b.text() for s in SKIP_BUTTONS):
                    continue
                QTest.mouseClick(b, Qt.MouseButton.LeftButton)
                self.count("button")
                settle()

    def mark_event(self, event_id: int, by_click: bool) -> dict[tuple[int, int], str]:
        """Mark every member of one event (keys or clicks), with arrow moves in between."""
        self.window.navigate("study", event_id=event_id)
        self.count("page")
        panel = self.window.page("study").attendance
        table, model = panel.table, panel.model
        table.setFocus()
        from app.ui.table_models.attendance_model import MARK_COLUMNS

        column_of = {mark: col for col, mark in MARK_COLUMNS.items()}
        for row in range(model.rowCount()):
            key = self.rng.choice(list(MARK_KEYS))
            if by_click:
                index = model.index(row, column_of[MARK_KEYS[key]])
                table.scrollTo(index)
                QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                                 Qt.KeyboardModifier.NoModifier, table.visualRect(index).center())
            else:
                table.setCurrentIndex(model.index(row, 1))
                QTest.keyClick(table, key)
            self.count("click" if by_click else "key")
        self.arrows(table, 30)
        return {(event_id, r.member_id): r.mark for r in model.rows if r.mark}


def run_soak(db, seed: int = 20261201, rounds: int = 3) -> tuple[SoakResult, dict]:
    """The long session; returns its figures and the marks the screen showed as saved.
    Call it inside `closed_dialogs()`."""
    make_application()
    window = build_window(db, Prefs())
    window.ctx.tasks.synchronous = True
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    s = Session(window, seed)
    with db.session() as session:
        events = [e.id for e in study.list_events(session, window.ctx.branch_id)
                  if not e.cancelled][:6]
    shown: dict[tuple[int, int], str] = {}
    start = time.perf_counter()
    for round_no in range(rounds):
        for i, event_id in enumerate(events):
            shown.update(s.mark_event(event_id, by_click=(i + round_no) % 2 == 1))
        for key, _title, _target in PAGES:
            s.tour_page(key)
        for key, _title, _target in PAGES:
            s.press_every_button(key)
        settle()
        gc.collect()
        if round_no == 0:  # after the first round every page, model and cache exists
            s.result.rss_start_mb = rss_mb()
    s.result.seconds = time.perf_counter() - start
    settle()
    gc.collect()
    s.result.rss_end_mb = rss_mb()
    window.close()
    window.deleteLater()
    return s.result, shown


@contextmanager
def closed_dialogs():
    """While active: dialogs open, paint and close unsaved; file choices are cancelled.
    Yields the list of the dialogs' class names, one per opening."""
    opened: list[str] = []

    def exec_and_close(dialog, *_a):
        opened.append(type(dialog).__name__)
        dialog.show()
        QApplication.processEvents()
        QDialog.done(dialog, 0)
        return 0

    cancelled = {
        (QDialog, "exec"): exec_and_close,
        (QFileDialog, "getSaveFileName"): staticmethod(lambda *a, **k: ("", "")),
        (QFileDialog, "getOpenFileName"): staticmethod(lambda *a, **k: ("", "")),
        (QFileDialog, "getOpenFileNames"): staticmethod(lambda *a, **k: ([], "")),
        (QFileDialog, "getExistingDirectory"): staticmethod(lambda *a, **k: ""),
        # Qt's ready-made questions run their own loop: answered "cancelled" like a user's Esc
        (QInputDialog, "getText"): staticmethod(lambda *a, **k: ("", False)),
        (QInputDialog, "getItem"): staticmethod(lambda *a, **k: ("", False)),
        (QInputDialog, "getInt"): staticmethod(lambda *a, **k: (0, False)),
    }
    saved = {key: key[0].__dict__.get(key[1]) for key in cancelled}
    for (cls, name), value in cancelled.items():
        setattr(cls, name, value)
    try:
        yield opened
    finally:
        for (cls, name), value in saved.items():
            if value is None:
                delattr(cls, name)
            else:
                setattr(cls, name, value)


