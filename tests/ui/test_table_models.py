"""The roster and attendance table models read on their own, with no view: what each cell,
header and role gives, how sorting and filtering go back to SQL, and the roster's block cache —
against a real database, as a view would ask."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import insert, update

from app import idcard
from app.dates import age_on
from app.models import Member
from app.services import roster, study
from app.services.members import MemberInput, add_member
from app.ui.table_models import roster_model
from app.ui.table_models.attendance_model import (
    CHOSEN, HEADERS, MARK_COLUMNS, PLAIN, REASON_COLUMN, STATE_ROLE, SUGGESTED, AttendanceModel,
)
from app.ui.table_models.roster_model import BLOCK, RosterTableModel
from tests.unit.study_data import build

DISPLAY = Qt.ItemDataRole.DisplayRole
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
COLUMN = {name: i for i, name in enumerate(roster.ROSTER_COLUMNS)}
ZHANG_ID = "41010219380512001" + idcard.check_digit("41010219380512001")

# four members added in this order (序号 1–4); 姓名 sorts by pinyin: li, wang, zhang, zhao
PEOPLE = [
    MemberInput(name="张建国", gender="男", birth_date=date(1938, 5, 12), id_number=ZHANG_ID,
                retire_type="离休", phone="13812345678", community="东关社区",
                address="东关街 1 号", living="独居", mobility="卧床"),
    MemberInput(name="王秀兰", gender="女", birth_date=date(1945, 1, 3), retire_type="退休",
                community="西关社区", address="西关街 2 号"),
    MemberInput(name="赵德顺", gender="男", birth_date=date(1941, 7, 1), retire_type="退休",
                is_party_member=False, community="东关社区", address="东关街 9 号"),
    MemberInput(name="李桂英", gender="女", retire_type="退休", community="南关社区"),
]


def names(model: RosterTableModel) -> list[str]:
    return [model.data(model.index(row, COLUMN["姓名"])) for row in range(model.rowCount())]


@pytest.fixture
def four(db, branch_id):
    with db.session() as s:
        return [add_member(s, branch_id, person) for person in PEOPLE]


@pytest.fixture
def model(qapp, db, branch_id, four):
    made = RosterTableModel(db)
    made.reload(roster.RosterFilter(branch_id=branch_id))
    return made


def test_rows_columns_and_headers_are_the_members_and_the_roster_columns(model, four):
    assert (model.rowCount(), model.columnCount()) == (4, len(roster.ROSTER_COLUMNS))
    some_cell = model.index(0, 0)
    assert model.rowCount(some_cell) == 0 and model.columnCount(some_cell) == 0  # a table
    assert [model.headerData(i, H) for i in range(model.columnCount())] == list(
        roster.ROSTER_COLUMNS)
    assert model.headerData(0, V) is None
    assert model.headerData(0, H, Qt.ItemDataRole.ToolTipRole) is None
    assert [model.member_id(row) for row in range(4)] == four
    assert model.member_id(4) is None and model.member_id(-1) is None
    assert model.row_of(four[2]) == 2 and model.row_of(999_999) == -1


def test_a_cell_shows_the_stored_value_as_text_and_blanks_for_what_is_unknown(model):
    row = {name: model.data(model.index(0, col)) for name, col in COLUMN.items()}
    assert row == {
        "序号": "1", "姓名": "张建国", "性别": "男", "年龄": str(age_on(date(1938, 5, 12),
                                                                 date.today())),
        "出生年月": "1938-05", "离退休": "离休", "党员": "是", "身份证号": idcard.mask(ZHANG_ID),
        "联系电话": "13812345678", "村/社区": "东关社区", "家庭住址": "东关街 1 号",
        "居住状况": "独居", "身体状况": "卧床", "状态": "在册",
    }
    assert "*" in row["身份证号"] and ZHANG_ID not in row.values()  # never the full number
    li = model.index(3, 0)
    assert [model.data(li.siblingAtColumn(COLUMN[c])) for c in ("年龄", "出生年月", "联系电话")] \
        == ["", "", ""]
    assert model.data(model.index(2, COLUMN["党员"])) == "否"


def test_roles_other_than_the_text_are_answered_plainly(model):
    centred = int(Qt.AlignmentFlag.AlignCenter)
    align = Qt.ItemDataRole.TextAlignmentRole
    assert {col for col in range(model.columnCount())
            if model.data(model.index(0, col), align) == centred} == {
        COLUMN["序号"], COLUMN["性别"], COLUMN["年龄"], COLUMN["党员"]}
    assert model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(QModelIndex()) is None


@pytest.mark.parametrize("column, ascending", [
    ("姓名", ["李桂英", "王秀兰", "张建国", "赵德顺"]),  # by pinyin
    ("年龄", ["王秀兰", "赵德顺", "张建国", "李桂英"]),  # youngest first; no birth date last
    ("村/社区", ["张建国", "赵德顺", "李桂英", "王秀兰"]),  # 东 南 西, then 序号
    ("联系电话", ["张建国", "王秀兰", "赵德顺", "李桂英"]),  # not sortable: 序号
])
def test_sorting_asks_sql_again_in_either_direction(model, column, ascending):
    model.sort(COLUMN[column], Qt.SortOrder.AscendingOrder)
    assert names(model) == ascending
    model.sort(COLUMN[column], Qt.SortOrder.DescendingOrder)
    if column in ("姓名", "年龄"):  # no ties: exactly reversed
        assert names(model) == ascending[::-1]
    assert model.filter.descending is True
    assert model.filter.sort == (column if column in roster.SORTABLE else "序号")


def test_filters_select_in_sql_and_survive_a_sort(model, db, branch_id, four):
    flt = roster.RosterFilter(branch_id=branch_id, text="东关")
    model.reload(flt)
    assert names(model) == ["张建国", "赵德顺"]
    model.sort(COLUMN["姓名"], Qt.SortOrder.DescendingOrder)
    assert names(model) == ["赵德顺", "张建国"]  # still only 东关
    model.reload(roster.RosterFilter(branch_id=branch_id, mobility=roster.HOMEBOUND_FILTER))
    assert names(model) == ["张建国"]
    model.reload(roster.RosterFilter(branch_id=branch_id, text="wxl"))  # pinyin initials
    assert names(model) == ["王秀兰"]
    with db.session() as s:
        s.execute(update(Member).where(Member.id == four[1])
                  .values(status="去世", status_date=date(2026, 1, 2)))
    model.reload(roster.RosterFilter(branch_id=branch_id))
    assert names(model) == ["张建国", "赵德顺", "李桂英"]  # 在册 only, by default
    model.reload(replace(model.filter, statuses=("去世",)))
    assert names(model) == ["王秀兰"] and model.data(model.index(0, COLUMN["状态"])) == "去世"
    model.reload(roster.RosterFilter(branch_id=branch_id, text="没有这个人"))
    assert model.rowCount() == 0


@pytest.fixture
def big_roster(qapp, db, branch_id, monkeypatch):
    """2,000 members and a model that counts its trips to the database for rows."""
    with db.session() as s:
        s.execute(insert(Member), [dict(branch_id=branch_id, sort_order=i, name=f"党员{i:04d}",
                                        search_key=f"dangyuan{i:04d}", mobility="行动自如",
                                        status="在册") for i in range(1, 2001)])
    trips = []
    real = roster.roster_rows

    def counted(session, ids, *args, **kwargs):
        trips.append(list(ids))
        return real(session, ids, *args, **kwargs)

    monkeypatch.setattr(roster_model.roster, "roster_rows", counted)
    model = RosterTableModel(db)
    model.reload(roster.RosterFilter(branch_id=branch_id))
    return model, trips


def test_two_thousand_members_are_read_in_blocks_around_the_rows_asked(big_roster):
    model, trips = big_roster
    assert model.rowCount() == 2000 and trips == []  # nothing read until a cell is asked
    name = COLUMN["姓名"]
    assert model.data(model.index(0, name)) == "党员0001"
    assert len(trips) == 1 and len(trips[0]) == BLOCK
    for row in range(BLOCK):  # the rest of the first screenfuls come from the cache
        model.data(model.index(row, name))
    assert len(trips) == 1
    assert model.data(model.index(1999, name)) == "党员2000"  # a jump to the end: one block
    assert len(trips) == 2 and model.ids[1999] in trips[1] and len(trips[1]) <= BLOCK
    model.data(model.index(1000, name))  # a jump to the middle, then scrolling up a little:
    model.data(model.index(1000 - BLOCK // 8, name))  # the block reached above the row asked
    assert len(trips) == 3
    for row in range(2000):  # scrolling through every row
        assert model.data(model.index(row, name)) == f"党员{row + 1:04d}"
    assert all(len(ids) <= BLOCK for ids in trips)
    assert len(trips) <= 2 + 2000 // (BLOCK * 3 // 4)  # each trip brings ≥ ¾ of a block of new rows
    before = len(trips)
    for row in range(0, 2000, 7):  # and back: everything is cached
        model.data(model.index(row, name))
    assert len(trips) == before


def test_the_cache_is_dropped_when_the_list_is_read_again(big_roster, db):
    model, trips = big_roster
    first = model.index(0, COLUMN["姓名"])
    assert model.data(first) == "党员0001"
    with db.session() as s:
        s.execute(update(Member).where(Member.id == model.ids[0]).values(name="改了名"))
    assert model.data(first) == "党员0001"  # the cache: no read per paint
    model.reload()
    assert model.data(model.index(0, COLUMN["姓名"])) == "改了名" and len(trips) == 2


# the attendance table: one event's rows from the study service (tests/unit/study_data.py) ------

@pytest.fixture
def story(db):
    with db.session() as s:
        return build(s)


def attendance(qapp, db, event_id) -> AttendanceModel:
    model = AttendanceModel()
    with db.session() as s:
        model.set_rows(study.attendance_rows(s, event_id))
    return model


def row_text(model, row) -> list[str]:
    return [model.data(model.index(row, col)) for col in range(model.columnCount())]


def test_attendance_rows_columns_and_headers(qapp, db, story):
    model = attendance(qapp, db, story["events"]["E3"])
    assert (model.rowCount(), model.columnCount()) == (4, len(HEADERS))
    assert model.rowCount(model.index(0, 0)) == 0
    assert [model.headerData(i, H) for i in range(len(HEADERS))] == list(HEADERS)
    assert HEADERS == ("序号", "姓名", "身体状况", "出席", "请假", "缺席", "送学上门", "请假原因")
    assert model.headerData(0, V) is None and model.data(QModelIndex()) is None


def test_each_cell_says_the_mark_in_words_not_only_in_colour(qapp, db, story):
    model = attendance(qapp, db, story["events"]["E3"])
    # 张德顺 卧床, not marked: 送学上门 suggested; 王 出席; 赵 缺席; 李 请假(外出)
    assert row_text(model, 0) == ["1", "张德顺", "卧床", "出席", "请假", "缺席", "送学上门？", ""]
    assert row_text(model, 1) == ["2", "王建国", "行动自如", "✔ 出席", "请假", "缺席", "送学上门", ""]
    assert row_text(model, 2)[3:] == ["出席", "请假", "✔ 缺席", "送学上门", ""]
    assert row_text(model, 3)[3:] == ["出席", "✔ 请假", "缺席", "送学上门", "外出"]
    door = next(col for col, mark in MARK_COLUMNS.items() if mark == "送学上门")
    assert [model.data(model.index(0, col), STATE_ROLE) for col in MARK_COLUMNS] == \
        [PLAIN, PLAIN, PLAIN, SUGGESTED]
    assert model.data(model.index(3, 4), STATE_ROLE) == CHOSEN
    assert "送学上门" in model.data(model.index(0, door), Qt.ItemDataRole.ToolTipRole)
    assert model.data(model.index(1, door), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.FontRole).bold()
    assert model.data(model.index(0, 1), STATE_ROLE) is None


def test_a_saved_mark_replaces_its_row_and_tells_the_view(qapp, db, story):
    event = story["events"]["E3"]
    model = attendance(qapp, db, event)
    changed = []
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), a.column(), b.row(), b.column())))
    with db.session() as s:
        study.record_attendance(s, event, model.rows[0].member_id, "请假", "")
    model.replace_row(0, "请假", "")
    assert changed == [(0, 0, 0, len(HEADERS) - 1)]
    assert row_text(model, 0)[3:] == ["出席", "✔ 请假", "缺席", "送学上门", "原因？按 5–8"]
    red = model.data(model.index(0, REASON_COLUMN), Qt.ItemDataRole.ForegroundRole)
    assert red is not None and red.name() == "#8c1d18"  # the missing reason, also in words
    model.replace_row(2, "出席", "不该留下的原因")
    assert model.rows[2].reason == "" and row_text(model, 2)[REASON_COLUMN] == ""
    model.replace_row(0, None, "")  # cleared: nothing chosen (the suggestion returns on reload)
    assert row_text(model, 0)[3:] == ["出席", "请假", "缺席", "送学上门", ""]


def test_next_unrecorded_goes_round_and_all_present_keeps_the_rows(qapp, db, story):
    event = story["events"]["E3"]
    model = attendance(qapp, db, event)
    assert model.next_unrecorded(0) == 0 and model.next_unrecorded(1) == 0  # round to the top
    with db.session() as s:
        study.mark_all_present(s, event)
        rows = study.attendance_rows(s, event)
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_all(rows)
    assert resets == [] and model.next_unrecorded(0) is None
    assert row_text(model, 0)[3:7] == ["出席", "请假", "缺席", "✔ 送学上门"]  # homebound
    assert row_text(model, 1)[3] == "✔ 出席"
