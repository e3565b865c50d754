"""The start-up frame: painted before the data opens, in the main window's place, with its
navigation and 正在打开数据; the main window then opens and the frame is gone."""

from PySide6.QtWidgets import QApplication, QLabel

from app.ui import app as ui_app
from app.ui.pages import PAGES
from app.ui.start_frame import StartFrame


def test_the_frame_shows_the_navigation_and_says_it_is_opening(qtbot):
    ui_app.make_application()
    frame = StartFrame.show_now()
    qtbot.addWidget(frame)
    texts = [label.text() for label in frame.findChildren(QLabel)]
    assert frame.isVisible() and frame.windowTitle() == "支部工作台"
    assert [t for _k, t, _m in PAGES] == [t for t in texts if t != "正在打开数据，请稍候……"]
    assert "正在打开数据，请稍候……" in texts


def test_the_window_replaces_the_frame(qtbot, tmp_path, monkeypatch):
    seen = {}

    def exec_once(app):
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        seen["frames"] = [w for w in shown if isinstance(w, StartFrame)]
        seen["windows"] = [w for w in shown if hasattr(w, "ctx")]
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_once)
    monkeypatch.setenv("ZHIBU_QUIT_AFTER_MS", "0")  # no question about the user's name
    assert ui_app.run_gui(str(tmp_path / "zhibu.sqlite3")) == 0
    assert seen["frames"] == [] and len(seen["windows"]) == 1
