"""The township roll-up reads branch workbooks in the reader cage (issue 16, point 1): a hostile
workbook among the branches' is refused by the pre-checks, a reader that crashes on one becomes
a sentence naming it, and nothing is written; `merge-quarter` exits 2 without a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import InputError
from app.export import quarterly_merge
from app.export.quarterly_merge import merge_quarter
from app.export.quarterly_xlsx import write_quarterly
from app.services.quarterly import build_report
from tests import hostile_files as hf
from tests.unit.quarterly_data import build_small_branch

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def good_book(db, tmp_path) -> Path:
    with db.session() as s:
        bid = build_small_branch(s, "第一支部")
        return write_quarterly(build_report(s, bid, 2026, 3), tmp_path / "第一支部.xlsx")


@pytest.mark.parametrize("name, words", [
    ("xlsx_cell_at_xfd1048576", ("1048576", "超出")),
    ("xlsx_huge_dimension", ("声明的范围",)),
    ("directory_named_xlsx", ("文件夹",)),
])
def test_a_hostile_workbook_among_the_branches_is_refused(good_book, tmp_path, name, words):
    folder = tmp_path / "hostile"
    folder.mkdir()
    path = hf.make(name, folder)
    out = tmp_path / "汇总.xlsx"
    with pytest.raises(InputError) as err:
        merge_quarter([good_book, path], out)
    message = str(err.value)
    assert path.name in message, message
    for word in words:
        assert word in message, message
    assert not out.exists()


@pytest.mark.parametrize("reader, word", [(hf.reader_that_aborts, "信号 6"),
                                          (hf.reader_that_panics, "PanicException")])
def test_a_reader_that_crashes_on_a_branch_workbook_becomes_a_sentence(
        good_book, tmp_path, monkeypatch, reader, word):
    monkeypatch.setattr(quarterly_merge, "read_head", reader)
    out = tmp_path / "汇总.xlsx"
    with pytest.raises(InputError) as err:
        merge_quarter([good_book], out)
    assert good_book.name in str(err.value) and word in str(err.value), str(err.value)
    assert not out.exists()


def test_the_merge_still_works_through_the_cage(good_book, tmp_path):
    result = merge_quarter([good_book], tmp_path / "汇总.xlsx")
    assert result["branches"] == ["第一支部"] and (tmp_path / "汇总.xlsx").exists()


def test_merge_quarter_on_the_command_line_exits_2_with_a_sentence(good_book, tmp_path):
    path = hf.xlsx_cell_at_a99999999(tmp_path / "坏支部.xlsx")
    env = dict(os.environ, ZHIBU_HOME=str(tmp_path / "home"))
    done = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "z.sqlite3"),
                           "merge-quarter", str(good_book), str(path), "-o",
                           str(tmp_path / "汇总.xlsx")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert "坏支部.xlsx" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "汇总.xlsx").exists()
