"""The kill table: every command that writes, killed (SIGKILL) at a random moment, measured.

    python -m scripts.kill_table [kills per command, default 10]

A power cut or a killed process must never cost a record: after each kill the next start must
find a database that passes `zhibu check`, holding either everything it held before or
everything the command was writing (all or nothing: an import, a restore, a take-over are one
transaction or one rename); a file the command was writing is either absent or whole (it opens);
and after the next start no temporary debris is left in the data folder.

Each command runs in a fresh copy of a prepared data folder (demo data, a backup, a handover
file, a roster of 2,000 new members). It is run once to the end to learn how long it takes,
then killed at uniformly random moments between the program's start-up (measured with
`zhibu check`; a kill before it meets no write) and that time. Prints a Markdown table.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEBRIS = ("*.part", "*-journal", "*.handover", "*.restoring*", ".~*", "*.tmp", "zhibu-xlsx-*",
          "zhibu-pack-*", "writing/*")


def zhibu(home: Path, *args: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    env = dict(os.environ, ZHIBU_HOME=str(home), PYTHONPATH=str(ROOT), TMPDIR=str(home / "tmp"))
    env.pop("ZHIBU_DB", None)
    command = [sys.executable, "-m", "app", *args]
    if wait:
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=600)
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def members(home: Path) -> frozenset[str]:
    """Every member's id number or name: what "a record lost" is measured by."""
    con = sqlite3.connect(home / "zhibu.sqlite3")
    try:
        return frozenset(f"{r[0]}|{r[1]}" for r in con.execute("SELECT name, id_number FROM member"))
    finally:
        con.close()


def prepare(folder: Path) -> Path:
    """A data folder with demo data, a backup of it (before 300 more members), a handover file
    of another branch's data, and a roster of 2,000 new people to import."""
    sys.path.insert(0, str(ROOT))
    from bench.bench_import import write_roster

    base = folder / "base"
    (base / "tmp").mkdir(parents=True)
    other = folder / "other"
    (other / "tmp").mkdir(parents=True)
    for home, seed, count in ((base, "1", "80"), (other, "2", "150")):
        done = zhibu(home, "demo", "--members", count, "--seed", seed)
        assert done.returncode == 0, done.stderr
    made = zhibu(base, "backup", "-o", str(folder / "backup.sqlite3"))
    assert made.returncode == 0, made.stderr
    assert zhibu(base, "demo", "--members", "300", "--seed", "3", "--branch", "二支部").returncode == 0
    made = zhibu(other, "handover", "-o", str(folder / "other.zhibu"))
    assert made.returncode == 0, made.stderr
    write_roster(folder / "roster.xlsx", rows=2000, seed=7)
    return base


def commands(folder: Path) -> dict[str, tuple[list[str], str | None]]:
    """Command → (its arguments, the file it writes or None)."""
    return {
        "import-members": (["import-members", str(folder / "roster.xlsx"), "--branch", "导入支部"], None),
        "demo": (["demo", "--members", "600", "--seed", "9", "--branch", "演示二"], None),
        "backup": (["backup"], None),
        "restore": (["restore", str(folder / "backup.sqlite3")], None),
        "handover": (["handover", "-o", "{home}/out.zhibu"], "out.zhibu"),
        "take-over": (["take-over", str(folder / "other.zhibu")], None),
        "export-quarter": (["export-quarter", "--year", "2026", "--quarter", "3", "--all-branches",
                            "-o", "{home}/out.xlsx"], "out.xlsx"),
        "export-members": (["export-members", "--all", "-o", "{home}/roster-out.xlsx"],
                           "roster-out.xlsx"),
    }


def whole(path: Path) -> bool:
    """A written file opens: an .xlsx or .zhibu is a complete zip archive."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.testzip() is None
    except (zipfile.BadZipFile, OSError):
        return False


def one_kill(base: Path, work: Path, args: list[str], out: str | None, after_s: float,
             allowed: set[frozenset[str]]) -> dict:
    home = work / "home"
    if home.exists():
        shutil.rmtree(home)
    shutil.copytree(base, home)
    args = [a.replace("{home}", str(home)) for a in args]
    proc = zhibu(home, *args, wait=False)
    time.sleep(after_s)
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    check = zhibu(home, "check")  # the next start: recovery, leftovers cleaned
    debris = sorted(str(p.relative_to(home)) for pattern in DEBRIS for p in home.rglob(pattern))
    now = members(home) if check.returncode == 0 else frozenset()
    written = home / out if out else None
    return {"finished": finished, "check_ok": check.returncode == 0,
            "lost": now not in allowed, "debris": debris,
            "half_file": bool(written and written.exists() and not whole(written)),
            "message": (check.stdout + check.stderr).strip().splitlines()[-1:] }


def table(kills: int, seed: int = 20261201) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="zhibu-kills-") as tmp:
        folder = Path(tmp)
        base = prepare(folder)
        before = members(base)
        started = time.perf_counter()
        zhibu(base, "check")
        start_up = time.perf_counter() - started  # before this, a kill meets no write at all
        for name, (args, out) in commands(folder).items():
            work = folder / name
            work.mkdir()
            # once to the end: how long it takes, and what "everything written" is
            full = work / "full"
            shutil.copytree(base, full)
            started = time.perf_counter()
            done = zhibu(full, *[a.replace("{home}", str(full)) for a in args])
            duration = time.perf_counter() - started
            assert done.returncode == 0, f"{name}: {done.stdout}{done.stderr}"
            allowed = {before, members(full)}
            results = [one_kill(base, work, args, out,
                                rng.uniform(min(0.8 * start_up, duration / 2), duration), allowed)
                       for _ in range(kills)]
            row = {"command": name, "duration_s": duration, "kills": kills,
                   "mid_run": sum(not r["finished"] for r in results),
                   "check_failed": sum(not r["check_ok"] for r in results),
                   "lost": sum(r["lost"] for r in results),
                   "half_files": sum(r["half_file"] for r in results),
                   "debris": sorted({d for r in results for d in r["debris"]}),
                   "added_if_whole": len(members(full) - before)}
            rows.append(row)
            print(f"{name:15} {duration:5.1f} s  kills {kills}, mid-run {row['mid_run']}, "
                  f"check failed {row['check_failed']}, lost {row['lost']}, half files "
                  f"{row['half_files']}, debris {row['debris'] or '-'}", flush=True)
    return rows


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rows = table(kills)
    print()
    print("| command | one run | kills | killed mid-run | check failed | records lost | "
          "half-written files | debris after restart |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['command']} | {r['duration_s']:.1f} s | {r['kills']} | {r['mid_run']} | "
              f"{r['check_failed']} | {r['lost']} | {r['half_files']} | "
              f"{', '.join(r['debris']) or '—'} |")
    bad = sum(r["check_failed"] + r["lost"] + r["half_files"] + len(r["debris"]) for r in rows)
    print(f"\n{sum(r['kills'] for r in rows)} kills, {sum(r['mid_run'] for r in rows)} mid-run: "
          f"{'nothing lost' if not bad else f'{bad} problems'}")
    return 0 if not bad else 1


if __name__ == "__main__":
    raise SystemExit(main())
