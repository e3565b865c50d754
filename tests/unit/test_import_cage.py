"""Readers in a cage (issue 16, points 1, 5 and 6): hostile spreadsheets are refused by the
pre-checks or caught by the reader child — always a Chinese sentence naming the file, never a
crash, a hang or gigabytes of memory — through the same functions the window and the command
line call. The hostile files are made by tests/hostile_files.py."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.importing import limits, read_roster, readers
from app.models import Member
from tests import hostile_files as hf
from tests.unit.import_files import run_import

ROOT = Path(__file__).resolve().parents[2]


def refused_quickly(path: Path, *words: str, seconds: float = 5.0) -> str:
    """read_roster(path) must raise InputError naming the file within `seconds`."""
    outcome: dict = {}

    def attempt():
        try:
            read_roster(path)
            outcome["result"] = "read"
        except InputError as exc:
            outcome["message"] = str(exc)
        except BaseException as exc:  # noqa: BLE001 — anything else is the failure we test for
            outcome["result"] = f"{type(exc).__name__}: {exc}"

    start = time.perf_counter()
    worker = threading.Thread(target=attempt, daemon=True)  # a hang must fail, not block
    worker.start()
    worker.join(seconds + 10)
    took = time.perf_counter() - start
    assert not worker.is_alive(), f"{path.name} hung"
    assert "message" in outcome, outcome
    message = outcome["message"]
    assert path.name in message, message
    for word in words:
        assert word in message, message
    assert took < seconds, f"{path.name} took {took:.1f} s"
    return message


@pytest.mark.parametrize("name, words", [
    ("xlsx_cell_at_xfd1048576", ("工作表“Sheet1”用到了第 1048576 行", "超出")),
    ("xlsx_cell_at_a99999999", ("99999999", "超出")),
    ("xlsx_huge_dimension", ("声明的范围", "XFD1048576")),
    ("ods_repeated_rows", ("1000000000 行", "Sheet1")),
    ("ods_repeated_columns", ("1000000000 列",)),
    ("xls_fat_loop", ("循环",)),
    ("xls_truncated", ("文件不完整",)),
    ("directory_named_xlsx", ("文件夹",)),
    ("xlsx_declaring_a_billion_entries", ("1000000000 个部件",)),
])
def test_a_hostile_file_is_refused_before_any_reader_sees_it(tmp_path, name, words, monkeypatch):
    def no_reader(*_a, **_k):
        raise AssertionError("the native reader must not see this file")

    monkeypatch.setattr("app.importing.cage.Cage.submit", no_reader)
    refused_quickly(hf.make(name, tmp_path), *words)


@pytest.mark.parametrize("cap, value, words", [
    ("MAX_ROWS", 50, ("超过 50 行",)),  # 299,999 rows once took 57 s and 1.9 GB
    ("MAX_PART_BYTES", 20_000, ("解压后超过",)),  # a 388 MB sheet once took 45 s and 2.2 GB
])
def test_the_caps_are_checked_while_streaming_before_reading(tmp_path, monkeypatch, cap, value,
                                                             words):
    from tests.unit.import_files import person, write_xlsx

    path = write_xlsx(tmp_path / "大名单.xlsx", [person(i, f"党员{i}") for i in range(1, 120)])
    monkeypatch.setattr(limits, cap, value)
    monkeypatch.setattr("app.importing.cage.Cage.call", lambda *_a: pytest.fail("read"))
    refused_quickly(path, *words)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
@pytest.mark.parametrize("name", ["fifo_named_roster_csv", "symlink_to_fifo"])
def test_a_named_pipe_is_refused_at_once_instead_of_hanging(tmp_path, name):
    refused_quickly(hf.make(name, tmp_path), "命名管道", seconds=2)


def test_a_well_formed_xls_still_reads(tmp_path):
    report, records = read_roster(hf.xls_small_roster(tmp_path / "花名册.xls"))
    assert report.header_row == 1 and records == []
    assert report.sheets == ["Sheet1"]


def test_an_ods_with_libreoffice_trailing_empty_rows_still_reads(tmp_path):
    rows = ('<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p>'
            '</table:table-cell><table:table-cell office:value-type="string"><text:p>性别</text:p>'
            '</table:table-cell><table:table-cell office:value-type="string"><text:p>出生年月'
            '</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/>'
            '</table:table-row><table:table-row><table:table-cell office:value-type="string">'
            '<text:p>张建国</text:p></table:table-cell><table:table-cell office:value-type="string">'
            '<text:p>男</text:p></table:table-cell><table:table-cell office:value-type="string">'
            '<text:p>1938.05</text:p></table:table-cell></table:table-row>'
            '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
            'table:number-columns-repeated="1024"/></table:table-row>')
    _report, records = read_roster(hf._ods(tmp_path / "花名册.ods", rows))
    assert [r.values["name"] for r in records] == ["张建国"]


_RSS_PROBE = """
import resource, sys, time
from app.errors import InputError
from app.importing import read_roster
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    read_roster(sys.argv[1])
    print("read")
except InputError as exc:
    print("refused", exc)
took = time.perf_counter() - start
print(took, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="ru_maxrss")
def test_sixty_megabytes_of_newlines_are_refused_in_seconds_with_flat_memory(tmp_path):
    path = hf.csv_of_newlines(tmp_path / "roster.csv")
    done = subprocess.run([sys.executable, "-c", _RSS_PROBE, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("refused") and "roster.csv" in lines[0], done.stdout + done.stderr
    took, grew_mb = lines[-1].split()
    assert float(took) < 5, took
    assert int(grew_mb) < 100, f"peak memory grew {grew_mb} MB"  # it was 4.9 GB


def test_rows_of_a_csv_are_capped_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 100)
    path = tmp_path / "名单.csv"
    path.write_text("姓名,性别,出生年月\n" + "张三,男,1938.05\n" * 200, encoding="utf-8")
    refused_quickly(path, "超过 100 行")


def test_a_csv_too_wide_is_refused(tmp_path):
    path = tmp_path / "宽.csv"
    path.write_text("姓名,性别,出生年月" + ",x" * 300 + "\n", encoding="utf-8")
    refused_quickly(path, f"上限 {limits.MAX_COLUMNS} 列")


@pytest.mark.parametrize("reader, words", [
    (hf.reader_that_aborts, ("读取程序被系统终止", "信号 6")),
    (hf.reader_that_panics, ("PanicException",)),
    (hf.reader_that_eats_memory, ("内存",)),
])
def test_a_reader_that_crashes_becomes_a_sentence(db, branch_id, sample_xlsx, monkeypatch,
                                                  reader, words):
    monkeypatch.setattr(readers, "read_book", reader)
    with pytest.raises(InputError) as err:
        run_import(db, branch_id, sample_xlsx)
    message = str(err.value)
    assert sample_xlsx.name in message and "Traceback" not in message, message
    for word in words:
        assert word in message, message
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 0


def test_a_reader_that_hangs_is_stopped(sample_xlsx, monkeypatch):
    monkeypatch.setattr(readers, "read_book", hf.reader_that_hangs)
    monkeypatch.setattr(limits, "CHILD_SECONDS", 1.5)
    refused_quickly(sample_xlsx, "超过 2 秒仍未完成", seconds=8)


def test_the_program_still_imports_after_a_crash(db, branch_id, sample_xlsx, monkeypatch):
    monkeypatch.setattr(readers, "read_book", hf.reader_that_aborts)
    with pytest.raises(InputError):
        run_import(db, branch_id, sample_xlsx)
    monkeypatch.undo()
    report = run_import(db, branch_id, sample_xlsx)
    assert report.added > 0


@pytest.fixture
def sample_xlsx(tmp_path) -> Path:
    from tests.unit.import_files import person, write_xlsx

    return write_xlsx(tmp_path / "花名册.xlsx", [person(1, "张建国"), person(2, "李秀英")])


@pytest.mark.parametrize("name", ["xlsx_cell_at_xfd1048576", "ods_repeated_rows", "xls_truncated",
                                  "directory_named_xlsx"])
def test_the_command_line_says_why_and_exits_2(tmp_path, name):
    path = hf.make(name, tmp_path)
    env = dict(os.environ, ZHIBU_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "z.sqlite3"),
                           "import-members", str(path), "--dry-run"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("错误：") and path.name in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr, done.stderr
