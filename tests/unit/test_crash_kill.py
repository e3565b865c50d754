"""Crash-safe: a program killed (SIGKILL) in the middle of writing loses nothing it committed.

A child process adds members one small transaction at a time and prints each id once its commit
returned. It is killed at a random moment, 30 times over; after every kill each printed id must
be in the database, the audit entries must match the members, and quick_check must say ok.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
KILLS = 30

WRITER = textwrap.dedent("""
    import sys
    from app.runtime import open_database
    from app.services.members import MemberInput, add_member
    from app.services.roster import ensure_branch
    db = open_database(sys.argv[1])
    assert not db.read_only
    with db.session() as s:
        branch_id = ensure_branch(s, "测试支部").id
    print("ready", flush=True)
    n = 0
    while True:
        with db.session() as s:
            mid = add_member(s, branch_id, MemberInput(name=f"党员{n}", address="街道" * 50))
        print(mid, flush=True)  # only after the commit returned
        n += 1
""")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_thirty_kills_in_the_middle_of_writing_lose_no_committed_record(tmp_path):
    path = tmp_path / "crash.sqlite3"
    rng = random.Random(20261122)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    committed: set[int] = set()
    survived = 0
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        # the first write imports the name-search tables (pypinyin, up to a second on a busy
        # machine): kill only once the writer is in its loop, else no kill lands mid-write
        first = proc.stdout.readline().strip()
        assert first.isdigit(), first
        committed.add(int(first))
        time.sleep(rng.uniform(0.02, 0.4))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        committed.update(int(line) for line in out.split() if line.isdigit())
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            present = {r[0] for r in con.execute("SELECT id FROM member")}
            audited = {r[0] for r in con.execute(
                "SELECT entity_id FROM audit_log WHERE entity='member' AND action='新增'")}
        finally:
            con.close()
        assert committed <= present, f"lost: {sorted(committed - present)[:5]}"
        assert present == audited  # each member came with its audit entry, never one alone
        survived += 1
    assert survived == KILLS and len(committed) > KILLS
    print(f"\nkills survived: {survived}, committed records checked: {len(committed)}")
