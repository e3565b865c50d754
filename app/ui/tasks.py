"""Long work off the UI thread, one writer at a time, with progress.

`Tasks.run(fn, on_done, ...)` calls `fn(progress)` in a worker; `progress(done, total, text)`
may be called from there. `on_done(result)` / `on_error(exc)` run on the UI thread. Tests set
`synchronous = True` so a task runs inline and its result is there at once. Pages and dialogs
do not call this directly: `app.ui.operations.run_op` adds the progress window, the error
message and the one-job-per-key guard, the same for every button.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
_write_lock = threading.Lock()  # SQLite: one writer at a time, in the order asked


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable, signals: _Signals):
        super().__init__()
        self.fn, self.signals = fn, signals

    @Slot()
    def run(self) -> None:
        try:
            with _write_lock:
                result = self.fn(lambda d, t, text="": self.signals.progress.emit(d, t, text))
        except BaseException as exc:  # reported to the user by on_error, never lost
            log.exception("background task failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Tasks(QObject):
    synchronous = False

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._alive: set[_Signals] = set()
        self.running_ops: dict = {}  # key -> app.ui.operations.Op, so one key runs once

    def run(
        self,
        fn: Callable[[Callable[[int, int, str], None]], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        if self.synchronous:
            try:
                result = fn(on_progress or (lambda *a: None))
            except BaseException as exc:
                on_error(exc)
            else:
                on_done(result)
            return
        signals = _Signals()
        self._alive.add(signals)
        if on_progress:
            signals.progress.connect(on_progress)
        signals.done.connect(on_done)
        signals.failed.connect(on_error)
        signals.done.connect(lambda _r: self._alive.discard(signals))
        signals.failed.connect(lambda _e: self._alive.discard(signals))
        self.pool.start(_Job(fn, signals))

    def wait(self, msecs: int = 60_000) -> bool:
        return self.pool.waitForDone(msecs)
