"""Small readings of a database file that several tests make, outside the program's code."""

import sqlite3


def member_count(path) -> int:
    """Members in the file, read-only (the file may be a backup or a set-aside copy)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM member").fetchone()[0]
    finally:
        con.close()
