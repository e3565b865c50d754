"""app.storage.db.insert_many stores exactly what an INSERT through SQLAlchemy stores: the same text
for dates, times and flags, and the columns' defaults for what the rows leave out."""

import sqlite3
from datetime import date, datetime

from app.storage.bulk import insert_many
from app.models import Member
from app.services.roster import ensure_branch


def test_a_row_written_by_insert_many_reads_back_like_one_added_through_the_session(db):
    when = datetime(2026, 1, 2, 3, 4, 5)  # no microseconds: the case SQLite's adapter differs on
    values = {"name": "张建国", "search_key": "zhangjianguo", "birth_date": date(1938, 5, 12),
              "is_party_member": True, "created_at": when, "updated_at": when}
    with db.session() as s:
        branch = ensure_branch(s, "测试支部").id
        s.add(Member(branch_id=branch, **values))
        s.flush()
        insert_many(s.connection(), Member.__table__, [{"branch_id": branch, **values}])
    con = sqlite3.connect(db.path)
    con.row_factory = sqlite3.Row
    try:
        first, second = (dict(r) for r in con.execute("SELECT * FROM member ORDER BY id"))
    finally:
        con.close()
    assert first.pop("id") != second.pop("id")
    assert first == second
