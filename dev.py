#!/usr/bin/env python3
"""Set up and run 支部工作台 from a fresh clone with nothing but Python 3.11+.

    python3 dev.py run     set up (.venv), then open the program (demo data when empty)
    python3 dev.py test    set up, install what Qt needs on Debian/Ubuntu, run every test
    python3 dev.py zhibu … any `zhibu` subcommand, e.g. `python3 dev.py zhibu backup`

The virtual environment is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".zhibu-installed"

# what Qt needs to run offscreen on a bare Debian, and a CJK font so Chinese is not boxes
QT_LIBS = {"EGL": "libegl1", "GL": "libgl1", "xkbcommon": "libxkbcommon0",
           "fontconfig": "libfontconfig1", "dbus-1": "libdbus-1-3", "glib-2.0": "libglib2.0-0"}
CJK_FONT_PACKAGES = ["fonts-noto-cjk", "fonts-wqy-microhei"]
# what Qt 6.5+ needs to open a window on an X11 desktop (its xcb platform plugin); without
# libxcb-cursor0 the program stops with "could not load the Qt platform plugin xcb"
XCB_LIBS = {"xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0",
            "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0",
            "xcb-keysyms": "libxcb-keysyms1", "xcb-randr": "libxcb-randr0",
            "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0",
            "xcb-xinerama": "libxcb-xinerama0", "xcb-xkb": "libxcb-xkb1", "X11-xcb": "libx11-xcb1"}


def say(text: str) -> None:
    print(f"[dev.py] {text}", flush=True)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("需要 Python 3.11 或更高版本 / Python 3.11+ is required")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PY.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not PY.exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing the program and its test tools into .venv (first time takes a few minutes)")
    pip = [str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def _has_cjk_font() -> bool:
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    return bool(out.stdout.strip())


def ensure_system_packages(extra: list[str] | None = None) -> None:
    """On Debian/Ubuntu, apt-get what Qt offscreen and Chinese text need, when it is missing."""
    if not sys.platform.startswith("linux"):
        return
    missing = [pkg for lib, pkg in QT_LIBS.items() if not ctypes.util.find_library(lib)]
    if not _has_cjk_font():
        missing += CJK_FONT_PACKAGES
    missing += extra or []
    if not missing:
        return
    if not shutil.which("apt-get"):
        say(f"please install with your package manager: {' '.join(missing)}")
        return
    sudo = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if sudo is None:
        say(f"run as root: apt-get install {' '.join(missing)}")
        return
    say(f"installing system packages: {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   check=True, env=env)


def missing_window_libraries() -> list[str]:
    """On a Linux X11 desktop, the Debian packages of the xcb libraries Qt cannot find."""
    if not sys.platform.startswith("linux") or not os.environ.get("DISPLAY"):
        return []
    if os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return []
    return [pkg for lib, pkg in XCB_LIBS.items() if not ctypes.util.find_library(lib)]


def missing_monkey_tools() -> list[str]:
    """What the monkey test needs on Linux: a virtual X screen, a way to send it events, a
    sandbox that keeps the program's random saves inside the test folder, and the xcb libraries
    of a real Qt window (tests/ui/test_monkey.py). The sandbox also mounts the small full
    "USB stick" of the disk-full tests (tests/unit/test_disk_full.py)."""
    if not sys.platform.startswith("linux"):
        return []
    tools = {"Xvfb": "xvfb", "xauth": "xauth", "xdotool": "xdotool", "bwrap": "bubblewrap"}
    missing = [pkg for tool, pkg in tools.items() if not shutil.which(tool)]
    return missing + [pkg for lib, pkg in XCB_LIBS.items() if not ctypes.util.find_library(lib)]


def missing_print_tools() -> list[str]:
    """In CI on Linux: what the LibreOffice print test needs (tests/unit/test_quarterly_print.py)
    — LibreOffice Calc, and Carlito, the metric twin of Calibri by which spreadsheets measure
    their column widths (without it LibreOffice measures every table wider than Excel does).
    Outside CI that test is skipped when they are missing, so nothing is installed."""
    if not sys.platform.startswith("linux") or not os.environ.get("CI"):
        return []
    missing = [] if shutil.which("soffice") else ["libreoffice-calc"]
    found = ""
    if shutil.which("fc-match"):
        found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    if "Carlito" not in found and "Calibri" not in found:
        missing.append("fonts-crosextra-carlito")
    return missing


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "run"
    ensure_venv()
    if what == "run":
        ensure_system_packages(missing_window_libraries())
        return subprocess.call([str(PY), "-m", "app", "gui", "--demo-if-empty", *argv[1:]])
    if what == "test":
        ensure_system_packages(missing_monkey_tools() + missing_print_tools())
        return subprocess.call([str(PY), "-m", "pytest", *argv[1:]], cwd=ROOT)
    if what == "zhibu":
        return subprocess.call([str(PY), "-m", "app", *argv[1:]])
    if what == "bench":
        return subprocess.call([str(PY), "-m", "bench", *argv[1:]], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
