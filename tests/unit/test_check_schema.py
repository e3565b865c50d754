"""`zhibu check` reports a trigger planted in the database (point 4 of issue 16: a tampered file
passed `check` and the next import rewrote 84 members)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def zhibu(*args, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ZHIBU_HOME=str(home), PYTHONPATH=str(ROOT))
    env.pop("ZHIBU_DB", None)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_names_a_trigger_that_the_file_check_alone_would_pass(tmp_path):
    home = tmp_path / "home"
    assert zhibu("demo", "--members", "5", home=home).returncode == 0
    assert zhibu("check", home=home).returncode == 0
    con = sqlite3.connect(home / "zhibu.sqlite3")
    con.execute("CREATE TRIGGER t_tamper AFTER INSERT ON member BEGIN "
                "UPDATE member SET address='被篡改' WHERE id = NEW.id; END")
    con.commit()
    con.close()
    out = zhibu("check", home=home)
    assert out.returncode == 1
    assert "t_tamper" in out.stdout and "触发器" in out.stdout
    assert "Traceback" not in out.stderr
