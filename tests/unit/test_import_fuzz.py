"""Fuzzing the import (issue 7, item 7): broken files and strange cell values give either a
report or a clear InputError — never another exception — and a refused file changes nothing."""

import zipfile
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from app.errors import InputError
from app.importing.cleaners import clean_date, clean_id, clean_phones
from app.models import Member
from app.services.importing import import_roster
from tests.unit.import_files import HEADER, ZHANG, person, write_xlsx

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

cell_values = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10**20, 10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(date(1800, 1, 1), date(2200, 1, 1)),
    st.sampled_from(["1938.05", "1938年5月", "19380512", "1938/5", "=1+1", "合计", "注：无",
                     "4.10102E+17", ZHANG.lower(), "１３８００１３８０００", "　", "姓名", "共 3 人",
                     "\x00", "=HYPERLINK(\"x\")", "-1", "@SUM(A1)", "+86 138 0013 8000"]),
)


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


def _import_expecting_only_input_errors(db, branch_id, path):
    before = _count(db)
    try:
        with db.session() as s:
            report = import_roster(s, path, branch_id, backup=False)
    except InputError as exc:
        assert str(exc) and "Traceback" not in str(exc)
        assert _count(db) == before  # refused: nothing written
        return None
    total = report.added + report.updated + report.unchanged + len(report.skipped)
    assert total == report.rows_read
    return report


@FUZZ
@given(rows=st.lists(st.lists(cell_values, min_size=0, max_size=16), max_size=12))
def test_any_cell_values_under_a_real_header_give_a_report_or_a_clear_error(
        db, branch_id, tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("fz") / "r.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows:
        try:
            sheet.append(r)
        except Exception:  # openpyxl refuses some control characters: write them as text
            sheet.append([repr(v) for v in r])
    book.save(path)
    _import_expecting_only_input_errors(db, branch_id, path)


@FUZZ
@given(cut=st.integers(0, 6000), flips=st.lists(st.tuples(st.integers(0, 6000),
                                                          st.integers(0, 255)), max_size=8),
       suffix=st.sampled_from([".xlsx", ".xls", ".csv"]))
def test_damaged_workbooks_give_only_clear_errors(db, branch_id, tmp_path_factory, cut, flips,
                                                  suffix):
    work = tmp_path_factory.mktemp("dmg")
    good = write_xlsx(work / "good.xlsx", [person(1, "张建国", idn=ZHANG),
                                           person(2, "王秀英", "女", "1941.02")])
    data = bytearray(good.read_bytes())
    data = data[: max(cut, 1)] if cut < len(data) else data
    for where, byte in flips:
        if where < len(data):
            data[where] = byte
    broken = work / f"broken{suffix}"
    broken.write_bytes(bytes(data))
    _import_expecting_only_input_errors(db, branch_id, broken)


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".txt"]))
def test_random_bytes_give_only_clear_errors(db, branch_id, tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("raw") / f"随机{suffix}"
    path.write_bytes(data)
    _import_expecting_only_input_errors(db, branch_id, path)


@FUZZ
@given(parts=st.dictionaries(st.sampled_from(["[Content_Types].xml", "xl/workbook.xml",
                                              "xl/_rels/workbook.xml.rels",
                                              "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"]),
                             st.binary(max_size=400), min_size=1))
def test_zip_files_with_junk_parts_give_only_clear_errors(db, branch_id, tmp_path_factory, parts):
    path = tmp_path_factory.mktemp("zip") / "junk.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    _import_expecting_only_input_errors(db, branch_id, path)


@settings(max_examples=300, deadline=None)
@given(value=cell_values)
def test_cleaners_never_raise(value):
    clean_id(value)
    clean_phones([value])
    got, _month_only, _note = clean_date(value, "出生年月", date(2026, 11, 22))
    assert got is None or date(1880, 1, 1) <= got <= date(2026, 11, 22)


def test_a_date_cell_with_a_time_is_the_day():
    assert clean_date(datetime(1938, 5, 12, 8, 30), "出生年月")[:2] == (date(1938, 5, 12), False)
