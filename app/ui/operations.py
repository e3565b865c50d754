"""One way of running a long job from a button: `run_op(parent, ctx, work, on_done, ...)`.

Every page used to wire `ctx.tasks.run` by hand, each with its own progress (a dialog here, a bar
there, nothing elsewhere), its own error lambdas and its own way — or none — of stopping a
double-click from starting the same export twice. Like Anki's `CollectionOp`/`QueryOp`, this
wraps the engine (`app.ui.tasks`, still one writer at a time and synchronous in tests) so that
every job looks and behaves the same for the secretary:

- one progress window, "正在…" and, when the job reports totals, "第 N / M"; shown only after
  `SHOW_AFTER_MS` so quick jobs don't flash; window-modal on the parent's window; no cancel
  button (no job can be stopped halfway safely); closed and deleted when the job ends;
- an error is shown through `messages.show_exception` unless the caller handles it;
- a second start with the same `key` while the first still runs is ignored (the first job's
  window is brought up at once instead, so the press is answered by something visible);
- the worker never touches a widget: its progress reaches the window through the engine's
  queued signal, and `on_done`/`on_error` run on the UI thread after the window is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QWidget

from app.ui import messages

log = logging.getLogger(__name__)
SHOW_AFTER_MS = 400
PAINT_EVERY_MS = 100  # a job may report every row: the window is relaid 10 times a second at most

Work = Callable[[Callable[..., None]], Any]


class ProgressWindow(QProgressDialog):
    """The busy window. Esc and the title bar's × do nothing: the job cannot be stopped, and a
    hidden window would let the secretary start other work thinking this one was over.
    The bar is our own so that the dialog's `setValue` (which runs a nested event loop in a
    modal dialog) is never called."""

    def __init__(self, text: str, parent: QWidget | None):
        super().__init__(text, None, 0, 0, parent)
        self.setWindowTitle("请稍候")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)  # the label says 第 N / M: one number, not two
        self.setBar(self.bar)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("汉") * 22)

    def reject(self) -> None:  # Esc
        pass

    def closeEvent(self, event) -> None:
        event.ignore()


def keep_inside(window: QWidget, area: QRect) -> None:
    """Qt centres a dialog on its parent window; when that window reaches past the screen
    edge (a big type size), move the progress window back inside `area`, the usable screen."""
    g = window.frameGeometry()
    x = max(area.left(), min(g.left(), area.right() + 1 - g.width()))
    y = max(area.top(), min(g.top(), area.bottom() + 1 - g.height()))
    if (x, y) != (g.left(), g.top()):
        window.move(window.pos() + QPoint(x - g.left(), y - g.top()))


class Op(QObject):
    """One running job: what it reports, its window once shown, and its key while it runs."""

    def __init__(self, parent: QWidget | None, ctx, busy_text: str, key: str | None,
                 show_progress: bool):
        super().__init__()
        self.parent_widget, self.ctx, self.key = parent, ctx, key
        self.busy_text = busy_text
        self.text = busy_text
        self.done = self.total = 0
        self.window: ProgressWindow | None = None
        self.paint_timer = QTimer(self)
        self.paint_timer.setSingleShot(True)
        self.paint_timer.setInterval(PAINT_EVERY_MS)
        self.paint_timer.timeout.connect(self._paint)
        self.timer: QTimer | None = None
        if show_progress:
            self.timer = QTimer(self)
            self.timer.setSingleShot(True)
            self.timer.setInterval(SHOW_AFTER_MS)
            self.timer.timeout.connect(self.show_window)

    def progress(self, done: int, total: int, text: str = "") -> None:
        """From the engine's signal, on the UI thread."""
        self.done, self.total = done, total
        line = text or self.busy_text
        if not line.endswith(("…", "。")):
            line += "…"  # the services say "正在核对"; the window says it is still going
        self.text = f"{line}\n第 {done} / {total}" if total > 0 else line
        if self.window is not None and not self.paint_timer.isActive():
            self.paint_timer.start()  # at most every PAINT_EVERY_MS: a job may report every row

    def show_window(self) -> None:
        if self.timer is None or self.window is not None:
            return
        if self.parent_widget is not None and not shiboken6.isValid(self.parent_widget):
            return  # the page went away (window closing) while the job ran
        self.timer.stop()
        self.window = ProgressWindow(self.text, self.parent_widget)
        self._paint()
        self.window.show()
        screen = self.window.screen()
        if screen is not None:
            keep_inside(self.window, screen.availableGeometry())

    def _paint(self) -> None:
        if self.window is None:
            return
        self.window.setLabelText(self.text)
        if self.total > 0:
            self.window.bar.setRange(0, self.total)
            self.window.bar.setValue(min(self.done, self.total))
        else:
            self.window.bar.setRange(0, 0)

    def finish(self) -> None:
        """The job ended: the window goes (deleted, not only hidden) and the key is free."""
        self.paint_timer.stop()
        if self.timer is not None:
            self.timer.stop()
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        if self.key is not None and _running(self.ctx).get(self.key) is self:
            del _running(self.ctx)[self.key]


def _running(ctx) -> dict[str, Op]:
    """The jobs with a key now running, kept on the engine (one per window's context)."""
    return ctx.tasks.running_ops


def is_running(ctx, key: str) -> bool:
    return key in _running(ctx)


def run_op(parent: QWidget | None, ctx, work: Work, on_done: Callable[[Any], None], *,
           busy_text: str = "正在处理，请稍候…",
           on_error: Callable[[BaseException], None] | None = None,
           progress: bool = True, key: str | None = None) -> bool:
    """Run `work(progress)` in the worker; `progress(done, total, text="")` may be called from
    there. `on_done(result)` or the error handling runs on the UI thread afterwards.
    `progress=False` for quiet background jobs (no window at all). Returns False when a job
    with the same `key` is still running and this one was not started."""
    if key is not None and key in _running(ctx):
        log.info("job %r already running; second start ignored", key)
        _running(ctx)[key].show_window()
        return False
    op = Op(parent, ctx, busy_text, key, progress)
    if key is not None:
        _running(ctx)[key] = op

    def done(result) -> None:
        op.finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        op.finish()
        if on_error is not None:
            on_error(exc)
        else:
            messages.show_exception(parent, exc)

    if op.timer is not None:
        op.timer.start()
    ctx.tasks.run(work, done, failed, op.progress)
    return True
