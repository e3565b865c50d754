"""Monkey: random clicks, keys and wheel turns on the real program in a real X window.

The program runs as its own process (`python -m app gui --demo-if-empty`) on an Xvfb screen of
1366×768 with Qt's xcb platform, exactly as on a township laptop; xdotool sends the events. The
seed is fixed, so a failure can be replayed. It fails when the process dies, when Python prints
a traceback (an exception in a slot that Qt swallowed), or when a window is larger than the
screen.

A monkey saves files wherever a file dialog lets it go (it once typed its way to "/" and saved a
workbook there). So the program runs inside bubblewrap with the whole file system read-only
except the test's own folder, which holds its data folder, home (文档, 桌面), temporary folder
and working folder; and the test checks that nothing changed in the repository.

CI installs xvfb, xdotool and bubblewrap (.ci/run); elsewhere the test is skipped without them.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1366, 768)
KEYS = ["1", "2", "3", "4", "Up", "Down", "Left", "Right", "Tab", "Return", "Escape",
        "Prior", "Next", "space", "BackSpace", *"abcdefghijklmnopqrstuvwxyz", "shift+Tab"]
BATCH = 25

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"),
                                                   reason="Xvfb is a Linux program")]


def _tools_or_skip() -> None:
    missing = [t for t in ("Xvfb", "xdotool", "bwrap") if not shutil.which(t)]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must install {missing} (see .ci/run)")
    if missing:
        pytest.skip(f"needs {missing}")
    probe = subprocess.run(["bwrap", "--ro-bind", "/", "/", "true"], capture_output=True)
    if probe.returncode != 0:
        message = f"bubblewrap cannot confine the program here: {probe.stderr.decode()[:200]}"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


def confined(command: list[str], writable: Path) -> list[str]:
    """`command` with every folder read-only except `writable` (and a private /dev, /proc)."""
    return ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--bind", str(writable), str(writable), "--die-with-parent", *command]


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb that picks a free display number itself (-displayfd) and tells it on a pipe."""
    read, write = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                             f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        pytest.fail("Xvfb did not start")
    return proc, f":{number}"


def private_env(tmp: Path, display: str, scale: int) -> dict[str, str]:
    folders = {name: tmp / name for name in ("home", "data", "tmp", "cwd")}  # tmp: run_monkey's
    for folder in folders.values():
        folder.mkdir()
    (folders["data"] / "prefs.json").write_text(
        f'{{"font_scale": {scale}, "user_name": "测试", "user_name_asked": true}}', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(folders["home"]),
               ZHIBU_HOME=str(folders["data"]), TMPDIR=str(folders["tmp"]),
               LANG="zh_CN.UTF-8", PYTHONPATH=str(ROOT), XDG_RUNTIME_DIR=str(folders["tmp"]))
    env.pop("ZHIBU_DB", None)
    return env


def window_sizes(env: dict[str, str]) -> list[tuple[int, int, str]]:
    """Width, height and title of every visible window on the test's own screen (all the
    program's); the title says which window grew when the test fails."""
    ids = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", ""],
                         env=env, capture_output=True, text=True).stdout.split()
    sizes = []
    for wid in ids:
        out = subprocess.run(["xdotool", "getwindowgeometry", wid], env=env,
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            if "Geometry:" in line:
                w, h = line.split(":")[1].strip().split("x")
                name = subprocess.run(["xdotool", "getwindowname", wid], env=env,
                                      capture_output=True, text=True).stdout.strip()
                sizes.append((int(w), int(h), name))
    return sizes


def batch(rng: random.Random) -> list[str]:
    """xdotool words for BATCH random events: a click, a key or a wheel turn somewhere."""
    words: list[str] = []
    for _ in range(BATCH):
        roll = rng.random()
        if roll < 0.4:
            x, y = rng.randrange(SCREEN[0]), rng.randrange(SCREEN[1])
            words += ["mousemove", str(x), str(y), "click", "--delay", "0", "1"]
        elif roll < 0.8:
            words += ["key", rng.choice(KEYS)]
        else:
            x, y = rng.randrange(SCREEN[0]), rng.randrange(SCREEN[1])
            words += ["mousemove", str(x), str(y), "click", "--repeat", str(rng.randint(1, 4)),
                      "--delay", "20", rng.choice(["4", "5"])]
        words += ["sleep", "0.02"]
    return words


def snapshot_outside() -> dict[str, float]:
    """The repository's files (the program runs from there), to compare before and after."""
    seen = {}
    for folder in (ROOT,):
        if not folder.exists():
            continue
        for path in folder.rglob("*"):
            if ".git" in path.parts or ".venv" in path.parts or "__pycache__" in path.parts \
                    or ".pytest_cache" in path.parts:
                continue
            try:
                seen[str(path)] = path.stat().st_mtime
            except OSError:
                pass
    return seen


def run_monkey(tmp_path: Path, events: int, seed: int, scale: int) -> dict:
    _tools_or_skip()
    tmp_path = tmp_path / "monkey"
    tmp_path.mkdir()
    before = snapshot_outside()
    log = (tmp_path / "stderr.txt").open("w+", encoding="utf-8")
    xvfb, display = start_xvfb()
    program = None
    rng = random.Random(seed)
    sent, too_big, started = 0, [], time.perf_counter()
    try:
        env = private_env(tmp_path, display, scale)
        program = subprocess.Popen(
            confined([sys.executable, "-m", "app", "gui", "--demo-if-empty"], tmp_path),
            cwd=tmp_path / "cwd", env=env, stdout=log, stderr=log)
        deadline = time.time() + 120
        while not window_sizes(env):
            assert program.poll() is None, f"the program ended before its window: {log_text(log)}"
            assert time.time() < deadline, "no window after 120 s"
            time.sleep(0.5)
        started = time.perf_counter()
        while sent < events:
            subprocess.run(["xdotool", *batch(rng)], env=env, capture_output=True, timeout=60)
            sent += BATCH
            code = program.poll()
            assert code is None, (f"the program died after {sent} events (exit {code}), "
                                  f"seed {seed}: {log_text(log)}")
            if sent % (BATCH * 8) == 0:
                too_big += [(sent, s) for s in window_sizes(env)
                            if s[0] > SCREEN[0] or s[1] > SCREEN[1]]
        seconds = time.perf_counter() - started
    finally:
        if program is not None:
            program.terminate()
            try:
                program.wait(20)
            except subprocess.TimeoutExpired:
                program.kill()
        xvfb.kill()
        xvfb.wait()
    log.seek(0)
    errors = log.read()
    log.close()
    after = snapshot_outside()
    touched = sorted(p for p, m in after.items() if before.get(p) != m)
    return {"events": sent, "seconds": seconds, "too_big": too_big, "stderr": errors,
            "touched": touched, "data": tmp_path / "data"}


def log_text(log) -> str:
    log.flush()
    log.seek(0)
    return log.read()[-2000:]


def check_database(data: Path) -> str:
    out = subprocess.run([sys.executable, "-m", "app", "--db", str(data / "zhibu.sqlite3"),
                          "check"], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, ZHIBU_HOME=str(data)))
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


def test_three_thousand_random_events_do_not_kill_the_program(tmp_path):
    result = run_monkey(tmp_path, events=3000, seed=20261201, scale=100)
    assert "Traceback" not in result["stderr"], result["stderr"][-3000:]
    assert not result["touched"], f"files changed outside the test folders: {result['touched']}"
    check_database(result["data"])
    print(f"\nmonkey: {result['events']} events in {result['seconds']:.0f} s, seed 20261201")


@pytest.mark.parametrize("scale", [150, 200])
def test_at_large_type_no_window_outgrows_the_screen(tmp_path, scale):
    result = run_monkey(tmp_path, events=1200, seed=scale, scale=scale)
    assert not result["too_big"], f"windows larger than 1366×768: {result['too_big']}"
    assert "Traceback" not in result["stderr"], result["stderr"][-3000:]
    check_database(result["data"])
