"""The adversarial table: every hostile file through the real `zhibu` command, measured.

    python -m scripts.adversarial            (a few minutes; prints a Markdown table)

Each file of tests/hostile_files.py is given to `zhibu import-members FILE --dry-run` and to
`zhibu merge-quarter FILE -o out.xlsx`, each in its own process in a private data folder, with a
time bound. A run is "refused cleanly" when it exits 2 with a Chinese sentence and no traceback;
"crashed" when it dies of a signal or prints a traceback; "hung" when the bound runs out. Time is
wall time; peak memory is the child's own maximum resident size (wait4), so one run's figure is
never another's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUND_S = 120
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run_one(args: list[str], home: Path) -> dict:
    """One `zhibu` run; the child is reaped here with wait4 so its own peak memory is known."""
    env = dict(os.environ, ZHIBU_HOME=str(home), PYTHONPATH=str(ROOT), TMPDIR=str(home))
    env.pop("ZHIBU_DB", None)
    err_path = home / "stderr.txt"
    started = time.perf_counter()
    with err_path.open("w", encoding="utf-8") as err_file:
        proc = subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                                stdout=err_file, stderr=subprocess.STDOUT)
        hung = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > BOUND_S:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                hung = True
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.perf_counter() - started
    text = err_path.read_text(encoding="utf-8", errors="replace")
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    code = proc.returncode
    if hung:
        verdict = "hung"
    elif code < 0 or "Traceback" in text:
        verdict = "crashed"
    elif code == 2 and lines and CHINESE.search(lines[-1]):
        verdict = "refused cleanly"
    elif code == 0:
        verdict = "accepted"
    else:
        verdict = f"exit {code}"
    return {"verdict": verdict, "seconds": seconds, "peak_mb": usage.ru_maxrss / 1024,
            "code": code, "message": lines[-1][:90] if lines else ""}


def table() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from tests.hostile_files import HOSTILE, make

    rows = []
    for name in HOSTILE:
        for command in ("import-members", "merge-quarter"):
            with tempfile.TemporaryDirectory(prefix="zhibu-adversarial-") as tmp:
                folder = Path(tmp)
                home = folder / "home"
                home.mkdir()
                path = make(name, folder)
                if path is None:
                    continue
                args = ([command, str(path), "--dry-run"] if command == "import-members"
                        else [command, str(path), "-o", str(folder / "out.xlsx")])
                result = run_one(args, home)
                rows.append({"file": name, "command": command, **result})
                print(f"{name:28} {command:15} {result['verdict']:16} "
                      f"{result['seconds']:6.1f} s {result['peak_mb']:7.0f} MB  "
                      f"{result['message']}", flush=True)
    return rows


def main() -> int:
    rows = table()
    print()
    print("| file | command | result | time | peak memory | what it said |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['file']} | {r['command']} | {r['verdict']} | {r['seconds']:.1f} s | "
              f"{r['peak_mb']:.0f} MB | {r['message']} |")
    counts = {}
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    print(f"\n{len(rows)} runs: " + ", ".join(f"{v} {n}" for v, n in counts.items()))
    return 0 if all(r["verdict"] == "refused cleanly" for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
