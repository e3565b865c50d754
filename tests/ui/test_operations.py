"""run_op: the one way a button runs a long job — result on the UI thread, errors as a Chinese
sentence through messages, one progress window shown late and deleted afterwards, and a second
press of the same button ignored while the first job runs."""

import threading
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from app.errors import UserError
from app.ui import operations
from app.ui.app import make_application
from app.ui.tasks import Tasks


@pytest.fixture
def parent(qtbot):
    make_application()
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(600, 400)
    w.show()
    return w


@pytest.fixture
def ctx():
    tasks = Tasks()
    yield SimpleNamespace(tasks=tasks)
    tasks.wait(10_000)


def windows(parent) -> list[QProgressDialog]:
    return parent.findChildren(QProgressDialog)


def test_synchronous_mode_gives_the_result_at_once_and_never_a_window(parent, ctx, said):
    ctx.tasks.synchronous = True
    got, reported = [], []

    def work(progress):
        progress(1, 2, "正在写入…")
        reported.append(len(windows(parent)))
        return 42

    assert operations.run_op(parent, ctx, work, got.append, key="k")
    assert got == [42] and said == [] and reported == [0]
    assert windows(parent) == [] and not operations.is_running(ctx, "k")


def test_an_error_is_one_chinese_sentence_through_messages(parent, ctx, said):
    ctx.tasks.synchronous = True
    got = []

    def work(_progress):
        raise UserError("这个文件不是花名册")

    operations.run_op(parent, ctx, work, got.append, key="k")
    assert got == [] and said == [("error", "这个文件不是花名册")]
    assert not operations.is_running(ctx, "k")  # the key is free again after a failure

    def broken(_progress):
        raise KeyError("x")

    operations.run_op(parent, ctx, broken, got.append)
    assert said[-1][0] == "error" and said[-1][1].startswith("操作没有完成，数据没有改动。")


def test_the_caller_may_handle_the_error_itself(parent, ctx, said):
    ctx.tasks.synchronous = True
    caught = []
    operations.run_op(parent, ctx, lambda _p: 1 / 0, lambda _r: None, on_error=caught.append)
    assert len(caught) == 1 and isinstance(caught[0], ZeroDivisionError) and said == []


def test_a_long_job_shows_one_window_with_its_progress_then_deletes_it(parent, ctx, qtbot,
                                                                       said):
    go_on, at_three = threading.Event(), threading.Event()
    threads, got = [], []

    def work(progress):
        for n in range(1, 4):
            progress(n, 5, "正在统计各支部…")
        at_three.set()
        assert go_on.wait(10)
        return "完成"

    def on_done(result):
        threads.append(threading.current_thread() is threading.main_thread())
        got.append(result)

    assert operations.run_op(parent, ctx, work, on_done, busy_text="正在生成季度报表…",
                             key="report")
    qtbot.wait(operations.SHOW_AFTER_MS // 4)
    assert windows(parent) == []  # not yet: a quick job would not have flashed a window
    assert at_three.wait(10)
    qtbot.waitUntil(lambda: len(windows(parent)) == 1 and windows(parent)[0].isVisible(),
                    timeout=3000)
    window = windows(parent)[0]
    qtbot.waitUntil(lambda: "第 3 / 5" in window.labelText(), timeout=3000)
    assert window.labelText() == "正在统计各支部…\n第 3 / 5"
    assert window.bar.maximum() == 5 and window.bar.value() == 3
    assert window.windowTitle() == "请稍候" and window.isModal()
    assert window.findChildren(QPushButton) == []  # no 取消: no job can be stopped halfway
    window.reject()  # Esc does not hide it while the job runs
    assert window.isVisible()
    go_on.set()
    qtbot.waitUntil(lambda: got == ["完成"], timeout=10_000)
    assert threads == [True] and said == []
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=3000)  # deleted, not hidden
    assert windows(parent) == [] and not operations.is_running(ctx, "report")


def test_a_second_press_with_the_same_key_is_ignored_while_the_first_runs(parent, ctx, qtbot,
                                                                          said):
    go_on = threading.Event()
    runs, got = [], []

    def work(_progress):
        runs.append(1)
        assert go_on.wait(10)
        return len(runs)

    assert operations.run_op(parent, ctx, work, got.append, busy_text="正在生成…", key="report")
    assert not operations.run_op(parent, ctx, work, got.append, key="report")  # double-click
    # the refused press brings the running job's window up at once instead of nothing
    assert len(windows(parent)) == 1 and windows(parent)[0].isVisible()
    assert windows(parent)[0].labelText() == "正在生成…"
    other = operations.run_op(parent, ctx, lambda _p: "别的", got.append, key="other")
    go_on.set()
    qtbot.waitUntil(lambda: len(got) == 2, timeout=10_000)
    assert other and runs == [1] and got == [1, "别的"]
    assert operations.run_op(parent, ctx, lambda _p: "再来", got.append, key="report")
    qtbot.waitUntil(lambda: got[-1] == "再来", timeout=10_000)  # free again once done


def test_a_quiet_job_has_no_window_and_no_pop_up(parent, ctx, qtbot, said):
    go_on, failed = threading.Event(), []

    def work(_progress):
        assert go_on.wait(10)
        raise OSError("U 盘满了")

    operations.run_op(parent, ctx, work, lambda _r: None, progress=False,
                      on_error=failed.append)
    qtbot.wait(operations.SHOW_AFTER_MS * 2)
    assert windows(parent) == []
    go_on.set()
    qtbot.waitUntil(lambda: len(failed) == 1, timeout=10_000)
    assert said == [] and windows(parent) == []


def test_the_window_stays_on_the_usable_screen_when_its_parent_reaches_past_it(qtbot):
    from PySide6.QtCore import QRect

    make_application()
    area = QRect(0, 0, 1366, 728)  # a 1366x768 screen less the taskbar
    window = operations.ProgressWindow("正在统计各支部…\n第 3 / 12", None)
    qtbot.addWidget(window)
    window.resize(616, 158)
    window.move(1100, 650)  # centred on a main window wider and taller than the screen
    operations.keep_inside(window, area)
    assert area.contains(window.frameGeometry())
    window.move(300, 200)  # already inside: left where Qt put it
    operations.keep_inside(window, area)
    assert window.pos().x() == 300 and window.pos().y() == 200


def test_no_page_or_dialog_wires_the_engine_by_hand():
    from pathlib import Path

    ui = Path(operations.__file__).parent
    by_hand = [str(p.relative_to(ui)) for p in ui.rglob("*.py")
               if "tasks.run(" in p.read_text(encoding="utf-8") and p.name != "operations.py"]
    assert by_hand == []


def test_a_double_click_on_the_quarterly_export_makes_one_workbook(qtbot, db, tmp_path,
                                                                    monkeypatch):
    from app.export import quarterly_xlsx
    from app.services import quarterly as quarterly_service
    from app.prefs import Prefs
    from app.ui.app import build_window
    from app.ui.pages import reports as reports_page
    from tests.unit.quarterly_data import build_branch

    with db.session() as s:
        bid = build_branch(s)
    make_application()
    prefs = Prefs()
    prefs.branch_id = bid
    w = build_window(db, prefs)
    qtbot.addWidget(w)
    w.ctx.tasks.synchronous = False
    go_on, written, shown = threading.Event(), [], []
    real = quarterly_xlsx.write_quarterly

    def slow_write(report, path, progress=None):
        assert go_on.wait(10)
        written.append(path)
        return real(report, path, progress)

    monkeypatch.setattr(quarterly_service, "write_quarterly", slow_write)  # as the use case calls it
    monkeypatch.setattr(reports_page.ReportsPage, "show_done",
                        lambda self, text, path: shown.append(path))
    w.show()
    w.navigate("reports")
    page = w.page("reports")
    page.export_to(tmp_path / "第一次.xlsx")
    page.export_to(tmp_path / "第二次.xlsx")  # the second press of a double-click
    go_on.set()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    w.ctx.tasks.wait(20_000)
    qtbot.wait(50)
    assert written == [tmp_path / "第一次.xlsx"] and shown == [tmp_path / "第一次.xlsx"]
    assert not (tmp_path / "第二次.xlsx").exists()


def test_the_progress_line_reads_as_still_going(parent, ctx):
    op = operations.Op(parent, ctx, "正在导入…", None, True)
    op.progress(0, 0, "正在读取文件")  # the importer's words, without the dots
    assert op.text == "正在读取文件…"
    op.progress(120, 3000, "正在核对")
    assert op.text == "正在核对…\n第 120 / 3000"
    op.progress(5, 0)
    assert op.text == "正在导入…"
    op.finish()
