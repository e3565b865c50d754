"""The event list's table model without a view: all events at once, the marks counted only for
the rows asked for (a screenful around them), and the same counts as the service's full list."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.models import Branch, Member
from app.services import study
from app.ui.app import make_application
from app.ui.table_models import event_model
from app.ui.table_models.event_model import BLOCK, EventsTableModel

MARKS = ("出席", "请假", "缺席", "送学上门")


@pytest.fixture
def branch(db):
    """60 weekly events, newest first in the list, four members marked in turn."""
    with db.session() as s:
        b = Branch(name="测试支部")
        s.add(b)
        s.flush()
        people = []
        for n, name in enumerate(("张德顺", "王建国", "赵桂兰", "李秀英"), 1):
            m = Member(branch_id=b.id, sort_order=n, name=name)
            s.add(m)
            s.flush()
            people.append(m.id)
        for week in range(60):
            day = date(2025, 1, 6) + timedelta(weeks=week)
            event = study.create_event(s, b.id, study.EventInput("党课", day, topic=f"第{week}次"))
            for n, member in enumerate(people[: 1 + week % 4]):
                study.record_attendance(s, event, member, MARKS[(week + n) % 4],
                                        "生病" if MARKS[(week + n) % 4] == "请假" else "")
        return b.id


@pytest.fixture
def model(db, branch, monkeypatch):
    make_application()
    counted = []
    real = study.count_marks
    monkeypatch.setattr(event_model.study, "count_marks",
                        lambda s, b, rows: counted.append(len(rows)) or real(s, b, rows))
    m = EventsTableModel(db)
    m.reload(branch)
    m.counted = counted
    return m


def test_all_events_are_listed_at_once_and_none_counted_before_it_is_asked(model):
    assert model.rowCount() == 60 and model.columnCount() == 11
    assert model.counted == []
    assert model.headerData(9, Qt.Orientation.Horizontal) == "送学上门"


def test_showing_a_row_counts_its_block_only_once(model):
    assert model.data(model.index(0, 0)) == "2026-02-23"  # the newest first
    assert model.counted == [BLOCK]
    model.data(model.index(3, 6))
    assert model.counted == [BLOCK]  # already counted
    model.data(model.index(59, 6))
    assert len(model.counted) == 2 and sum(model.counted) <= 60


def test_the_counts_are_those_of_the_full_list(model, db, branch):
    with db.session() as s:
        full = study.list_events(s, branch)
    shown = [model.values(row) for row in range(model.rowCount())]
    assert [(r.expected, r.present, r.leave, r.absent, r.delivered) for r in full] == \
        [v[5:10] for v in shown]
    assert model.item(0) == full[0] and model.row_of(full[-1].id) == 59
    assert model.key(60) is None and model.item(-1) is None


def test_a_reload_forgets_the_counts(model, db, branch):
    model.values(0)
    with db.session() as s:
        first = study.event_list(s, branch)[0].id
        members = [m.id for m in s.query(Member).filter_by(branch_id=branch)]
        for member in members:
            study.record_attendance(s, first, member, "出席")
    model.reload(branch)
    assert model.values(0)[6] == 4  # 出席 counted again
    assert model.data(model.index(0, 6), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignCenter)
