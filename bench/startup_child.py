"""Run in a child process by the start-up benchmark: open a window, paint it once, say "ready".

`bare`: a PySide6 main window with one label — the floor any Qt program pays.
`libs`: the same plus `import sqlalchemy.orm`, to show what is the program's own overhead.
`app <db>`: the real program start (`app.main.main(["--db", db, "gui"])`), with the event loop
replaced by one round of event processing, so the process stops once the window is usable.
All print "ready" at the same point: the window shown and its first events processed. The
program prints "painted" before that, when its start-up frame (app/ui/start_frame.py) is on the
screen, and "counted" after it, when the home page shows the day's counts.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _ready(app) -> int:
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.repaint()  # force the first paint even where offscreen would defer it
    app.processEvents()
    from bench.memory import peak_mb

    print(f"ready {peak_mb()}", flush=True)
    _counted(app)
    return 0


def _counted(app) -> None:
    """The program's home page counts the day's work in the worker after the first paint: say
    when those counts are on screen too (the figure beside the first paint's)."""
    window = next((w for w in app.topLevelWidgets() if hasattr(w, "ctx")), None)
    if window is None:
        return
    home = window.page("home")
    for _ in range(2000):
        app.processEvents()
        window.ctx.tasks.wait(5)
        if home.today_label.text() and "正在统计" not in home.today_label.text():
            break
        if home.first_start.isVisible():
            break
    print("counted", flush=True)


def main() -> int:
    mode = sys.argv[1]
    if mode == "libs":  # the bare window plus the data library the program cannot start without
        import sqlalchemy.orm  # noqa: F401
    if mode in ("bare", "libs"):
        from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.setCentralWidget(QLabel("支部工作台"))
        window.resize(1280, 800)
        window.show()
        return _ready(app)
    # As the program does (app.cli.run): SQLAlchemy before Qt (PySide's import hook would read
    # the source of every module imported after it), the program's data layer after its
    # start-up frame.
    import app.cli  # noqa: F401
    import sqlalchemy.orm  # noqa: F401
    from PySide6.QtWidgets import QApplication

    QApplication.exec = lambda self: _ready(self)
    from app.ui import start_frame

    show_now = start_frame.StartFrame.show_now.__func__

    def painted(cls):  # the program's first paint: its frame, before the data opens
        frame = show_now(cls)
        print("painted", flush=True)
        return frame

    start_frame.StartFrame.show_now = classmethod(painted)
    from app.prefs import Prefs

    prefs = Prefs.load()  # time a returning user's start: the name question was answered
    if not (prefs.user_name or prefs.user_name_asked):
        prefs.user_name_asked = True
        prefs.save()
    from app.main import main as app_main

    return app_main(["--db", sys.argv[2], "gui"])


if __name__ == "__main__":
    raise SystemExit(main())
