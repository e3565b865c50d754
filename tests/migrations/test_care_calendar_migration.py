"""Migration 0010: the 困难党员 register's table, and 入党时间 stored on the 1st of a month taken as
known to the month only (the form "1956.04" every roster's column uses), other days as full."""

import shutil
import sqlite3
from pathlib import Path

from app.runtime import open_database

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schemas" / "0006.sqlite3"


def test_party_join_dates_on_the_first_become_month_only(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURE, path)
    con = sqlite3.connect(path)
    columns = [r[1] for r in con.execute("PRAGMA table_info(member)") if r[1] != "id"]
    listed = ", ".join(columns)
    picked = ", ".join({"name": "'七月十二'", "id_number": "NULL"}.get(c, c) for c in columns)
    con.execute(f"INSERT INTO member ({listed}) SELECT {picked} FROM member WHERE name='旧版党员'")
    con.execute("UPDATE member SET party_join_date='1956-04-01' WHERE name='旧版党员'")
    con.execute("UPDATE member SET party_join_date='1965-07-12' WHERE name='七月十二'")
    con.commit()
    con.close()
    db = open_database(path)
    db.dispose()
    con = sqlite3.connect(path)
    got = dict(con.execute("SELECT name, party_join_month_only FROM member"))
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert got == {"旧版党员": 1, "七月十二": 0}
    assert "hardship" in tables
